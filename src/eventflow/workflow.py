"""Workflow definitions: validate a workflow file's data and describe its stages and items
(reading the file is the storage layer's: :func:`eventflow.store.load_workflow`).

A workflow is data only. Validation collects every problem (unknown check, wrong parameters,
duplicate id, malformed offset, missing label, unreachable stage …) and reports each with the
file, the path inside it and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .errors import WorkflowError
from .i18n import _
from .names import CANCELLED as CANCELLED  # re-exported: engine.py, machine.py
from .names import DONE as DONE  # re-exported: the stage names workflows end in
from .names import TERMINAL as TERMINAL
from .schedule import Offset
from .workflowfields import LABEL_LANGUAGES as LABEL_LANGUAGES  # re-exported: schemas.py
from .workflowfields import Newer as Newer  # re-exported: validate(strict=False) drops these
from .workflowfields import (
    check_label,
    check_languages,
    check_params,
    check_unknown,
    optional_offset,
)
from .workflowkeys import FILE_TABLES, ITEM_KEYS, STAGE_KEYS, WORKFLOW_KEYS
from .workflowkeys import ITEM_TABLE as ITEM_TABLE  # re-exported: the tables' old home
from .workflowkeys import STAGE_TABLE as STAGE_TABLE
from .workflowkeys import WORKFLOW_TABLE as WORKFLOW_TABLE
from .workflowkeys import Key as Key

if TYPE_CHECKING:
    from .plugins import CheckSpec

try:  # CPython's own SHA-256: the same digests without hashlib, which loads OpenSSL first
    # (_hashlib: 4.4 of hashlib's 5.3 ms in `eventflow check`, python -X importtime,
    # installed, 2026-11-30); 3.12 renamed the module _sha2
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Python versions and builds
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]

OWNER_ROLES = ("organiser", "partner", "programme_lead", "communications", "venue_lead",
               "data_protection", "panel_moderator")

_VERSION = re.compile(r"^\d+(\.\d+){1,2}((-|\.|)(a|b|rc|alpha|beta|dev|post|pre)\.?\d*)?"
                      r"(\+[0-9A-Za-z.]+)?$")
VERSION_PATTERN = _VERSION.pattern


# The workflow's, the judgement's and the engine's records are msgspec structs, as the event
# model is (event.py), not dataclasses: a dataclass is made at import by compiling generated
# source, and the 14 on the path of `eventflow check` took 16-44 ms of each run (15 made on a
# loaded 2-core machine, against under 1 ms for 15 structs, which are made in C; 2026-11-30).
class Item(msgspec.Struct, frozen=True):
    """One checklist item of a stage (``[[stages.items]]`` in a workflow file, see
    docs/workflows.md): who owns it, when it is due (``due``, an offset from the event day),
    whether it is required (else advice), may be waived, and its ``check`` (the name of a
    registered check with its ``params``; ``None``: ticked by hand)."""

    id: str
    stage: str
    label: dict[str, str]
    check: str | None
    params: dict[str, Any]
    required: bool
    waivable: bool
    owner: str
    due: Offset
    source: str
    opens: Offset | None = None  # the first day, relative to the event day, it may be ticked

    @property
    def manual(self) -> bool:
        """Whether the item has no check: people tick it (``eventflow check``)."""
        return self.check is None

    def text(self, lang: str = "en") -> str:
        """The item's label in ``lang``, else in English, else its id."""
        return self.label.get(lang) or self.label.get("en") or self.id


class Stage(msgspec.Struct, frozen=True):
    """One stage of a workflow: its items, the stage that follows it (``next``) and the
    first day it may be left (``leave_from``, an offset from the event day), if any."""

    id: str
    label: dict[str, str]
    next: str
    items: tuple[Item, ...]
    leave_from: Offset | None = None  # the first day, relative to the event day, it may be left

    def text(self, lang: str = "en") -> str:
        """The stage's label in ``lang``, else in English, else its id."""
        return self.label.get(lang) or self.label.get("en") or self.id


class Workflow(msgspec.Struct, frozen=True):
    """A workflow as read from its TOML file (:func:`eventflow.store.load_workflow`): an id
    and version, titles by language, and its stages in order. ``hash`` is the digest of the file's
    bytes, which events pin (``[workflow]`` of event.toml) with the id and version."""

    id: str
    version: str
    title: dict[str, str]
    description: dict[str, str]
    stages: tuple[Stage, ...]
    path: Path
    hash: str

    @property
    def first_stage(self) -> str:
        """The stage a new event starts in."""
        return self.stages[0].id

    @property
    def stage_ids(self) -> list[str]:
        """The stages' ids, in order."""
        return [s.id for s in self.stages]

    def stage(self, stage_id: str) -> Stage:
        """The stage ``stage_id``; raises :class:`KeyError` when there is none."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def item(self, item_id: str) -> Item:
        """The item ``item_id``, whatever its stage; raises :class:`KeyError` when there is
        none."""
        for stage in self.stages:
            for item in stage.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def items(self) -> list[Item]:
        """Every item of every stage, in order."""
        return [item for stage in self.stages for item in stage.items]

    def next_stage(self, stage_id: str) -> str:
        """The stage that follows ``stage_id`` (``done`` after the last one)."""
        return self.stage(stage_id).next


def _day_bounds(offset: Offset) -> tuple[int, int]:
    """The fewest and most calendar days ``offset`` can be from the event day (business days
    skip weekends and up to a few public holidays in a row)."""
    if offset.unit == "w":
        return offset.amount * 7, offset.amount * 7
    if offset.unit == "d":
        return offset.amount, offset.amount
    n = abs(offset.amount)
    low, high = n, n * 7 // 5 + 6
    return (low, high) if offset.amount >= 0 else (-high, -low)


def surely_after(a: Offset, b: Offset) -> bool:
    """Whether offset ``a`` falls after offset ``b`` for every event day."""
    if a.unit == b.unit:
        return a.amount > b.amount
    return _day_bounds(a)[0] > _day_bounds(b)[1]


def validate(path: Path, data: dict[str, Any], raw: bytes,
             checks: Mapping[str, CheckSpec] | None,
             extra_items: list[tuple[str, str, dict[str, Any], str]] = (),  # type: ignore[assignment]
             *, strict: bool = True) -> Workflow:
    """Validate parsed workflow data; raise WorkflowError listing every problem.

    ``extra_items`` are (workflow id, stage, item table, plugin) contributed by plugins; they
    are appended to their stage and validated like the file's own items. Without ``strict``
    the problems of :class:`Newer` rules are let pass (pinned copies).
    """
    problems: list[str] = []
    digest = sha256(raw)
    check_unknown(data, set(FILE_TABLES), "", problems)
    wf_id, version, title, description = _header(path, data, problems)
    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        raise WorkflowError(path, problems + [_("[[stages]]: no stages; add at least one "
                                                "[[stages]] table with an id and items")])
    added_by = _plugin_items(raw_stages, extra_items, wf_id, digest, problems)
    stage_ids = _stage_ids(raw_stages, problems)
    seen_items: dict[str, str] = {}  # item id -> where it was first met
    stages = [_stage(i, st, stage_ids, checks, seen_items, added_by, problems)
              for i, st in enumerate(raw_stages) if isinstance(st, dict)]
    _cross_check(stage_ids, stages, problems)
    if not strict:
        problems = [p for p in problems if not isinstance(p, Newer)]
    if problems:
        raise WorkflowError(path, [str(p) for p in problems])
    return Workflow(wf_id, version, title, description, tuple(stages), path,
                    "sha256:" + digest.hexdigest())


# the steps of validate(), in the order their problems are listed ---------------------------------
def _header(path: Path, data: dict[str, Any],
            problems: list[str]) -> tuple[str, str, dict[str, str], dict[str, str]]:
    """The ``[workflow]`` table: (id, version, title, description)."""
    head = data.get("workflow")
    if not isinstance(head, dict):
        raise WorkflowError(path, [_("[workflow]: missing; add a [workflow] table with id, "
                                     "version and title")])
    check_unknown(head, WORKFLOW_KEYS, "workflow", problems)
    wf_id = head.get("id")
    if not isinstance(wf_id, str) or not wf_id.replace("-", "_").isidentifier():
        problems.append(_("workflow.id: must be a short name like good-relations-training"))
        wf_id = str(wf_id)
    version = head.get("version")
    if "version" not in head:
        problems.append(_("workflow.version: missing; add version = \"1.0.0\""))
        version = ""
    elif not isinstance(version, str) or not _VERSION.match(version):
        problems.append(Newer(_("workflow.version: {version} is not a version; write "
                                "numbers separated by dots, such as version = \"1.0.0\" "
                                "or \"1.2\", and raise them when you change the "
                                "workflow").format(
                                  version=f"{version!r}")))
        version = str(version)
    title = check_label(head.get("title"), "workflow.title", problems)
    raw_description = head.get("description")
    description: dict[str, str] = (
        {k: v for k, v in raw_description.items() if isinstance(v, str)}
        if isinstance(raw_description, dict) else {})
    if raw_description is not None and not isinstance(raw_description, dict):
        problems.append(_("workflow.description: must be a label table, e.g. description = { fi "
                          "= \"…\", sv = \"…\", en = \"…\" }"))
    elif isinstance(raw_description, dict):
        check_languages(raw_description, "workflow.description", problems)
    return wf_id, version, title, description


def _plugin_items(raw_stages: list[Any], extra_items: list[tuple[str, str, dict[str, Any], str]],
                  wf_id: str, digest: Any, problems: list[str]) -> dict[int, str]:
    """Append the items plugins add to their stages (and to the digest); return id() of each
    added item table -> the plugin."""
    added_by: dict[int, str] = {}
    for wf, stage_id, item, plugin in extra_items:
        if wf != wf_id:
            continue
        target = next((st for st in raw_stages if isinstance(st, dict)
                       and st.get("id") == stage_id), None)
        if target is None:
            problems.append(_("plugin {plugin}: adds item '{item}' to stage "
                              "'{stage_id}', which workflow {wf_id} does not have").format(
                                plugin=plugin, item=item.get('id'), stage_id=stage_id,
                                wf_id=wf_id))
            continue
        items = target.setdefault("items", [])
        if not isinstance(items, list):
            continue  # the stage's own check says that its items must be a list
        items.append(item)
        added_by[id(item)] = plugin
        digest.update(f"\n#plugin {plugin}: {sorted(item.items())!r}".encode())
    return added_by


def _stage_ids(raw_stages: list[Any], problems: list[str]) -> list[str]:
    """The id of every stage (``?<index>`` where it has none); reserved and repeated ids."""
    stage_ids: list[str] = []
    for i, st in enumerate(raw_stages):
        where = f"stages[{i}]"
        if not isinstance(st, dict):
            problems.append(_("{where}: must be a table").format(where=where))
            stage_ids.append(f"?{i}")
            continue
        sid = st.get("id")
        if not isinstance(sid, str) or not sid.isidentifier():
            problems.append(_("{where}.id: must be a snake_case name").format(where=where))
            sid = f"?{i}"
        elif sid in TERMINAL:
            problems.append(_("{where}.id: '{sid}' is reserved (eventflow adds 'done' "
                              "and 'cancelled' itself); rename the stage").format(
                                where=where, sid=sid))
        elif sid in stage_ids:
            problems.append(_("{where}.id: duplicate stage id '{sid}'; give each stage "
                              "its own id").format(
                                where=where, sid=sid))
        stage_ids.append(sid)
    return stage_ids


def _stage(i: int, st: dict[str, Any], stage_ids: list[str],
           checks: Mapping[str, CheckSpec] | None, seen_items: dict[str, str],
           added_by: dict[int, str], problems: list[str]) -> Stage:
    """Stage ``i``: its keys, label, next stage, items and ``leave_from``."""
    where = f"stages[{i}]"
    sid = stage_ids[i]
    check_unknown(st, STAGE_KEYS, where, problems)
    label = check_label(st.get("label"), f"{where}.label", problems)
    default_next = stage_ids[i + 1] if i + 1 < len(stage_ids) else DONE
    nxt = st.get("next", default_next)
    if nxt not in stage_ids and nxt != DONE:
        problems.append(_("{where}.next: '{nxt}' is not a stage; use one of "
                          "{values}").format(
                            where=where, nxt=nxt, values=', '.join(stage_ids + [DONE])))
    raw_items = st.get("items", [])
    if not isinstance(raw_items, list):
        problems.append(_("{where}.items: must be an array of [[stages.items]] "
                          "tables").format(where=where))
        raw_items = []
    elif not raw_items:
        problems.append(Newer(_("{where} ({sid}): the stage has no items; add at "
                                "least one [[stages.items]] table after it (what "
                                "must be done before the stage is left), or remove "
                                "the stage").format(
                                  where=where, sid=sid)))
    items: list[Item] = []
    for j, it in enumerate(raw_items):
        item = _item(i, j, it, sid, checks, seen_items, added_by, problems)
        if item is not None:
            items.append(item)
    leave_from = optional_offset(st, "leave_from", where, problems)
    if leave_from is not None:
        for it in items:
            if it.required and it.opens is not None and surely_after(it.opens, leave_from):
                problems.append(Newer(
                    _("{where} ({sid}).leave_from: the stage may be left from "
                      "{leave_from}, but its required item '{id}' opens only at "
                      "{opens}; set leave_from = \"{opens}\" or later, or open the "
                      "item earlier").format(
                        where=where, sid=sid, leave_from=leave_from, id=it.id,
                        opens=it.opens)))
    return Stage(sid, label, str(nxt), tuple(items), leave_from)


def _item(i: int, j: int, it: Any, sid: str, checks: Mapping[str, CheckSpec] | None,
          seen_items: dict[str, str], added_by: dict[int, str],
          problems: list[str]) -> Item | None:
    """Item ``j`` of stage ``i`` (None when it is not a table)."""
    iw = f"stages[{i}].items[{j}]"
    if not isinstance(it, dict):
        problems.append(_("{iw}: must be a table").format(iw=iw))
        return None
    check_unknown(it, ITEM_KEYS, iw, problems)
    iid, iw = _item_id(i, j, it, iw, seen_items, added_by, problems)
    ilabel = check_label(it.get("label"), f"{iw}.label", problems)
    check, params = _item_check(it, iw, checks, problems)
    required = it.get("required", True)
    waivable = it.get("waivable", False)
    for key, val in (("required", required), ("waivable", waivable)):
        if not isinstance(val, bool):
            problems.append(_("{iw}.{key}: must be true or false").format(iw=iw, key=key))
    if waivable is True and required is False:
        problems.append(Newer(_("{iw}.waivable: an advice item (required = "
                                "false) never blocks, so there is nothing to "
                                "waive; remove waivable or make the item "
                                "required = true").format(
                                  iw=iw)))
    owner = it.get("owner", "")
    if "owner" not in it:
        problems.append(Newer(_("{iw}.owner: missing; say who is responsible, "
                                "e.g. owner = \"organiser\" (roles: {values})").format(
                                  iw=iw, values=', '.join(OWNER_ROLES))))
        owner = "organiser"
    elif not isinstance(owner, str) or not owner.strip():
        problems.append(_("{iw}.owner: must name a role, e.g. {values}").format(
                            iw=iw, values=', '.join(OWNER_ROLES)))
    due, opens = _item_timing(it, iw, problems)
    source = it.get("source", "")
    if not isinstance(source, str):
        problems.append(_("{iw}.source: must be a string such as \"R1\" or "
                          "\"guide:programme\"").format(
                            iw=iw))
        source = ""
    return Item(iid, sid, ilabel, check, params, bool(required), bool(waivable), str(owner),
                due, source, opens)


def _item_id(i: int, j: int, it: dict[str, Any], iw: str, seen_items: dict[str, str],
             added_by: dict[int, str], problems: list[str]) -> tuple[str, str]:
    """An item's id (``?<stage>.<item>`` where it has none) and where its problems are said
    to be: ``stages[i].items[j] (id)``, and the plugin that added it."""
    iid = it.get("id")
    if not isinstance(iid, str) or not iid.isidentifier():
        problems.append(_("{iw}.id: must be a snake_case name").format(iw=iw))
        iid = f"?{i}.{j}"
    elif iid in seen_items:
        problems.append(_("{iw}.id: duplicate item id '{iid}' (also at "
                          "{iid2}); item ids are unique in a workflow").format(
                            iw=iw, iid=iid, iid2=seen_items[iid]))
    else:
        seen_items[iid] = iw
    iw = f"{iw} ({iid})"
    if id(it) in added_by:
        iw = f"{iw} [added by plugin {added_by[id(it)]}]"
    return str(iid), iw


def _item_check(it: dict[str, Any], iw: str, checks: Mapping[str, CheckSpec] | None,
                problems: list[str]) -> tuple[str | None, dict[str, Any]]:
    """An item's check (None for a manual item) and its parameters."""
    check = it.get("check")
    params = it.get("params", {})
    if check is not None:
        if not isinstance(check, str):
            problems.append(_("{iw}.check: must be the name of a check").format(iw=iw))
        elif checks is not None and check not in checks:
            known = ", ".join(sorted(checks))
            problems.append(_("{iw}.check: unknown check '{check}'; known "
                              "checks: {known} (or install and activate the "
                              "plugin that provides it)").format(
                                iw=iw, check=check, known=known))
        elif checks is not None:
            check_params(iw, checks[check], params, problems)
    elif "params" in it:
        problems.append(_("{iw}.params: a manual item takes no params; add a "
                          "check or remove params").format(
                            iw=iw))
    return (check if isinstance(check, str) else None,
            dict(params) if isinstance(params, dict) else {})


def _item_timing(it: dict[str, Any], iw: str,
                 problems: list[str]) -> tuple[Offset, Offset | None]:
    """An item's ``due`` (the event day where it is missing or wrong) and ``opens``."""
    if "due" not in it:
        problems.append(_("{iw}.due: missing; add a due offset such as due = "
                          "\"-8w\"").format(iw=iw))
        due = Offset(0, "d")
    else:
        due = optional_offset(it, "due", iw, problems) or Offset(0, "d")
    opens = optional_offset(it, "opens", iw, problems)
    if opens is not None and "due" in it and surely_after(opens, due):
        problems.append(Newer(_("{iw}.opens: the item opens ({opens}) after it "
                                "is due ({due}), so it is always late; open it "
                                "earlier or make it due later").format(
                                  iw=iw, opens=opens, due=due)))
    return due, opens


def _cross_check(stage_ids: list[str], stages: list[Stage], problems: list[str]) -> None:
    """Every stage is reached by following ``next`` from the first, and the chain ends in
    ``done``."""
    nexts = {s.id: s.next for s in stages}
    reached = set()
    current: str | None = stage_ids[0]
    while current in nexts and current not in reached:
        reached.add(current)
        current = nexts[current]
    for i, sid in enumerate(stage_ids):
        if sid in nexts and sid not in reached:
            problems.append(_("stages[{i}] ({sid}): unreachable from the first stage "
                              "'{stage_ids}'; point a stage's next at it or remove it").format(
                                i=i, sid=sid, stage_ids=stage_ids[0]))
    if current != DONE and current in reached:
        problems.append(_("stages: the stages loop back to '{current}' and never reach "
                          "'{DONE}'; set the last stage's next = \"{DONE}\"").format(
                            current=current, DONE=DONE))
