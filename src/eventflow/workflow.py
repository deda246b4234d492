"""Workflow definitions: load a TOML file, validate it, and describe its stages and items.

A workflow is data only. Validation collects every problem (unknown check, wrong parameters,
duplicate id, malformed offset, missing label, unreachable stage …) and reports each with the
file, the path inside it and the fix.
"""

from __future__ import annotations

import hashlib
import tomli
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .errors import FileFormatError, WorkflowError
from .schedule import Offset, parse_offset

if TYPE_CHECKING:
    from .plugins import CheckSpec

LABEL_LANGUAGES = ("fi", "sv", "en")
DONE = "done"
CANCELLED = "cancelled"
TERMINAL = (DONE, CANCELLED)
OWNER_ROLES = ("organiser", "partner", "programme_lead", "communications", "venue_lead",
               "data_protection", "panel_moderator")
MAX_WORKFLOW_BYTES = 1 << 20

_WORKFLOW_KEYS = {"id", "version", "title", "description"}
_STAGE_KEYS = {"id", "label", "next", "items", "leave_from"}
_ITEM_KEYS = {"id", "label", "check", "params", "required", "waivable", "owner", "due", "source",
              "opens"}


@dataclass(frozen=True)
class Item:
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
        return self.check is None

    def text(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True)
class Stage:
    id: str
    label: dict[str, str]
    next: str
    items: tuple[Item, ...]
    leave_from: Offset | None = None  # the first day, relative to the event day, it may be left

    def text(self, lang: str = "en") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True)
class Workflow:
    id: str
    version: str
    title: dict[str, str]
    description: dict[str, str]
    stages: tuple[Stage, ...]
    path: Path
    hash: str

    @property
    def first_stage(self) -> str:
        return self.stages[0].id

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def item(self, item_id: str) -> Item:
        for stage in self.stages:
            for item in stage.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def items(self) -> list[Item]:
        return [item for stage in self.stages for item in stage.items]

    def next_stage(self, stage_id: str) -> str:
        return self.stage(stage_id).next


def read_toml(path: Path, *, max_bytes: int = MAX_WORKFLOW_BYTES) -> tuple[dict[str, Any], bytes]:
    """Read and parse a TOML file; errors name the file and line and say what to do."""
    from .store import read_capped  # never reads more than max_bytes of a hostile file

    try:
        raw = read_capped(path, max_bytes)
    except FileNotFoundError:
        raise FileFormatError(path, "file not found") from None
    except OSError as exc:
        raise FileFormatError(path, f"cannot read: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise FileFormatError(path, f"file is {len(raw)} bytes, more than the {max_bytes} allowed",
                              fix="this is not a file eventflow wrote; restore it from a backup")
    return _parse_once(path, raw), raw


_PARSED: dict[bytes, str] = {}  # digest of a workflow file's bytes -> its data as JSON


def _parse_once(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse a workflow file's bytes once per process (a command reads the same file for its
    id and then to load it; parsing the seed takes several ms). Each caller gets its own copy,
    as validation changes the data it is given."""
    import json

    key = hashlib.blake2b(raw, digest_size=20).digest()
    text = _PARSED.get(key)
    if text is not None:
        return json.loads(text)  # type: ignore[no-any-return]
    data = parse_toml(path, raw)
    try:
        _PARSED[key] = json.dumps(data)
    except (TypeError, ValueError):  # dates and times do not round-trip through JSON
        pass
    return data


def parse_toml(path: Path, raw: bytes) -> dict[str, Any]:
    from .store import check_toml_shape  # bounds first: the parser is quadratic on some input

    check_toml_shape(path, raw)
    if b"\n<<<<<<< " in b"\n" + raw or b"\n>>>>>>> " in raw:
        line = (b"\n" + raw).split(b"\n<<<<<<< ")[0].count(b"\n") + 1 if b"<<<<<<< " in raw else None
        raise FileFormatError(path, "contains a git merge conflict marker", line=line,
                              fix="resolve the conflict (keep one side of each <<<<<<< / ======= "
                                  "/ >>>>>>> block), then run the command again")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileFormatError(path, "is not valid UTF-8 text", line=line,
                              fix="save the file as UTF-8") from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        line = None
        if "(at line " in message:
            try:
                line = int(message.split("(at line ")[1].split(",")[0])
            except ValueError:
                line = None
            message = message.split(" (at line ")[0]
        raise FileFormatError(path, f"is not valid TOML: {message}", line=line,
                              fix="correct the line by hand, or restore the file from git") from None
    except RecursionError:
        raise FileFormatError(path, "is nested too deeply to be a file eventflow wrote",
                              fix="restore the file from git") from None


def _label(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"{where}: missing label; add {where} = {{ fi = \"…\", sv = \"…\", "
                        "en = \"…\" }")
        return {}
    for lang in LABEL_LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problems.append(f"{where}.{lang}: missing label; add the {lang} text")
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _unknown(table: Mapping[str, Any], allowed: set[str], where: str, problems: list[str]) -> None:
    for key in table:
        if key not in allowed:
            problems.append(f"{where}.{key}: unknown key; allowed keys are "
                            f"{', '.join(sorted(allowed))}")


def _optional_offset(table: Mapping[str, Any], key: str, where: str,
                     problems: list[str]) -> Offset | None:
    """An optional offset such as ``opens = "0d"`` (relative to the event day), or None."""
    if key not in table:
        return None
    try:
        return parse_offset(table[key])
    except ValueError as exc:
        problems.append(f"{where}.{key}: {exc}")
        return None


def _check_params(item_where: str, spec: CheckSpec, params: Any, problems: list[str]) -> None:
    if not isinstance(params, dict):
        problems.append(f"{item_where}.params: must be a table, e.g. params = {{ min = 1 }}")
        return
    for key, value in params.items():
        if key not in spec.params:
            accepted = ", ".join(sorted(spec.params)) or "no parameters"
            problems.append(f"{item_where}.params.{key}: check '{spec.name}' takes no parameter "
                            f"'{key}' (it accepts {accepted})")
            continue
        types = spec.params[key]
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if not ok:
            names = " or ".join(t.__name__ for t in types)
            problems.append(f"{item_where}.params.{key}: must be {names}, "
                            f"got {type(value).__name__} {value!r}")
    for key in spec.params:
        if key not in spec.optional and key not in params:
            problems.append(f"{item_where}.params.{key}: check '{spec.name}' needs this parameter")


def validate(path: Path, data: dict[str, Any], raw: bytes,
             checks: Mapping[str, CheckSpec] | None,
             extra_items: list[tuple[str, str, dict[str, Any], str]] = ()) -> Workflow:  # type: ignore[assignment]
    """Validate parsed workflow data; raise WorkflowError listing every problem.

    ``extra_items`` are (workflow id, stage, item table, plugin) contributed by plugins; they
    are appended to their stage and validated like the file's own items.
    """
    problems: list[str] = []
    digest = hashlib.sha256(raw)
    _unknown(data, {"workflow", "stages"}, "", problems)
    head = data.get("workflow")
    if not isinstance(head, dict):
        raise WorkflowError(path, ["[workflow]: missing; add a [workflow] table with id, "
                                   "version and title"])
    _unknown(head, _WORKFLOW_KEYS, "workflow", problems)
    wf_id = head.get("id")
    if not isinstance(wf_id, str) or not wf_id.replace("-", "_").isidentifier():
        problems.append("workflow.id: must be a short name like good-relations-training")
        wf_id = str(wf_id)
    version = head.get("version")
    if not isinstance(version, str) or not version:
        problems.append("workflow.version: missing; add version = \"1.0.0\"")
        version = str(version)
    title = _label(head.get("title"), "workflow.title", problems)
    raw_description = head.get("description")
    description: dict[str, str] = (
        {k: v for k, v in raw_description.items() if isinstance(v, str)}
        if isinstance(raw_description, dict) else {})

    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        raise WorkflowError(path, problems + ["[[stages]]: no stages; add at least one "
                                              "[[stages]] table with an id and items"])
    for wf, stage_id, item, plugin in extra_items:
        if wf != wf_id:
            continue
        target = next((st for st in raw_stages if isinstance(st, dict)
                       and st.get("id") == stage_id), None)
        if target is None:
            problems.append(f"plugin {plugin}: adds item '{item.get('id')}' to stage "
                            f"'{stage_id}', which workflow {wf_id} does not have")
            continue
        target.setdefault("items", []).append(item)
        digest.update(f"\n#plugin {plugin}: {sorted(item.items())!r}".encode())
    stage_ids: list[str] = []
    seen_items: dict[str, str] = {}
    for i, st in enumerate(raw_stages):
        where = f"stages[{i}]"
        if not isinstance(st, dict):
            problems.append(f"{where}: must be a table")
            stage_ids.append(f"?{i}")
            continue
        sid = st.get("id")
        if not isinstance(sid, str) or not sid.isidentifier():
            problems.append(f"{where}.id: must be a snake_case name")
            sid = f"?{i}"
        elif sid in TERMINAL:
            problems.append(f"{where}.id: '{sid}' is reserved (eventflow adds 'done' and "
                            "'cancelled' itself); rename the stage")
        elif sid in stage_ids:
            problems.append(f"{where}.id: duplicate stage id '{sid}'; give each stage its own id")
        stage_ids.append(sid)

    stages: list[Stage] = []
    for i, st in enumerate(raw_stages):
        if not isinstance(st, dict):
            continue
        where = f"stages[{i}]"
        sid = stage_ids[i]
        _unknown(st, _STAGE_KEYS, where, problems)
        label = _label(st.get("label"), f"{where}.label", problems)
        default_next = stage_ids[i + 1] if i + 1 < len(stage_ids) else DONE
        nxt = st.get("next", default_next)
        if nxt not in stage_ids and nxt != DONE:
            problems.append(f"{where}.next: '{nxt}' is not a stage; use one of "
                            f"{', '.join(stage_ids + [DONE])}")
        items: list[Item] = []
        raw_items = st.get("items", [])
        if not isinstance(raw_items, list):
            problems.append(f"{where}.items: must be an array of [[stages.items]] tables")
            raw_items = []
        for j, it in enumerate(raw_items):
            iw = f"{where}.items[{j}]"
            if not isinstance(it, dict):
                problems.append(f"{iw}: must be a table")
                continue
            _unknown(it, _ITEM_KEYS, iw, problems)
            iid = it.get("id")
            if not isinstance(iid, str) or not iid.isidentifier():
                problems.append(f"{iw}.id: must be a snake_case name")
                iid = f"?{i}.{j}"
            elif iid in seen_items:
                problems.append(f"{iw}.id: duplicate item id '{iid}' (also at "
                                f"{seen_items[iid]}); item ids are unique in a workflow")
            else:
                seen_items[iid] = iw
            iw = f"{iw} ({iid})"
            ilabel = _label(it.get("label"), f"{iw}.label", problems)
            check = it.get("check")
            params = it.get("params", {})
            if check is not None:
                if not isinstance(check, str):
                    problems.append(f"{iw}.check: must be the name of a check")
                elif checks is not None and check not in checks:
                    known = ", ".join(sorted(checks))
                    problems.append(f"{iw}.check: unknown check '{check}'; known checks: {known}"
                                    " (or install and activate the plugin that provides it)")
                elif checks is not None:
                    _check_params(iw, checks[check], params, problems)
            elif "params" in it:
                problems.append(f"{iw}.params: a manual item takes no params; add a check or "
                                "remove params")
            required = it.get("required", True)
            waivable = it.get("waivable", False)
            for key, val in (("required", required), ("waivable", waivable)):
                if not isinstance(val, bool):
                    problems.append(f"{iw}.{key}: must be true or false")
            owner = it.get("owner", "organiser")
            if not isinstance(owner, str) or not owner:
                problems.append(f"{iw}.owner: must name a role, e.g. {', '.join(OWNER_ROLES)}")
            try:
                due = parse_offset(it.get("due", ""))
            except ValueError as exc:
                if "due" not in it:
                    problems.append(f"{iw}.due: missing; add a due offset such as due = \"-8w\"")
                else:
                    problems.append(f"{iw}.due: {exc}")
                due = Offset(0, "d")
            opens = _optional_offset(it, "opens", iw, problems)
            source = it.get("source", "")
            if not isinstance(source, str):
                problems.append(f"{iw}.source: must be a string such as \"R1\" or "
                                "\"guide:programme\"")
                source = ""
            items.append(Item(str(iid), sid, ilabel, check if isinstance(check, str) else None,
                              dict(params) if isinstance(params, dict) else {},
                              bool(required), bool(waivable), str(owner), due, source, opens))
        leave_from = _optional_offset(st, "leave_from", where, problems)
        stages.append(Stage(sid, label, str(nxt), tuple(items), leave_from))

    # reachability: follow `next` from the first stage
    nexts = {s.id: s.next for s in stages}
    reached = set()
    current: str | None = stage_ids[0]
    while current in nexts and current not in reached:
        reached.add(current)
        current = nexts[current]
    for i, sid in enumerate(stage_ids):
        if sid in nexts and sid not in reached:
            problems.append(f"stages[{i}] ({sid}): unreachable from the first stage "
                            f"'{stage_ids[0]}'; point a stage's next at it or remove it")
    if current != DONE and current in reached:
        problems.append(f"stages: the stages loop back to '{current}' and never reach "
                        f"'{DONE}'; set the last stage's next = \"{DONE}\"")
    if problems:
        raise WorkflowError(path, problems)
    return Workflow(wf_id, version, title, description, tuple(stages), path,
                    "sha256:" + digest.hexdigest())


def load_workflow(path: Path, checks: Mapping[str, CheckSpec] | None = None,
                  extra_items: list[tuple[str, str, dict[str, Any], str]] | None = None
                  ) -> Workflow:
    data, raw = read_toml(path)
    return validate(path, data, raw, checks, extra_items or [])
