"""Conflicts a merge recorded in event files (eventflow.merge): list them, settle one.

A conflict is settled through the engine's one write path (:meth:`Engine.change`): the chosen
value is set, the conflict removed, and the history says who chose what.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import msgspec
import tomli

from .engine_dates import compute_due
from .errors import EventflowError, InvalidInput
from .event import from_data, to_data
from .i18n import _
from .merge import MISSING, describe, parse_path, set_at

if TYPE_CHECKING:
    from .engine import Engine, Outcome
    from .event import Conflict, Event

# conflicts are listed and settled with an engine at hand, which has imported msgspec, tomli,
# json and the event model already (0 ms more, -X importtime)


def conflict_json(event_id: str, conflict: Conflict) -> dict[str, Any]:
    """One conflict of ``event_id`` as ``conflicts --json`` shows it: the event, the field's
    path, the base, ours and theirs values and who set each side when (None when unknown)."""
    data = msgspec.to_builtins(conflict, builtin_types=(dt.date, dt.datetime, dt.time))
    out: dict[str, Any] = {"event": event_id, "path": conflict.path}
    for key in ("base", "ours", "theirs"):
        out[key] = data.get(key)
    for key in ("ours_by", "ours_at", "theirs_by", "theirs_at"):
        out[key] = data.get(key) or None
    return out


def listing(engine: Engine, name: str | None = None) -> list[dict[str, Any]]:
    """Every recorded conflict, of one event or of all, oldest event first."""
    project = engine.project
    ids = [project.resolve(name)] if name else project.event_ids()
    rows = []
    for event_id in ids:
        event = project.load(event_id)
        rows += [conflict_json(event.id, c) for c in event.conflicts]
    return rows


def find(event: Event, field: str) -> Conflict:
    """The conflict of ``event`` at ``field`` (a path as written, ``speakers[0].name``, or the
    same path written otherwise). Raises InvalidInput naming the event's conflicts when it has
    none there."""
    for conflict in event.conflicts:
        if conflict.path == field:
            return conflict
    try:
        wanted = parse_path(field)
    except ValueError:
        wanted = []
    for conflict in event.conflicts:
        if parse_path(conflict.path) == wanted:
            return conflict
    known = ", ".join(c.path for c in event.conflicts)
    if not known:
        raise InvalidInput(_("{event} has no recorded conflict; nothing to resolve").format(
                               event=event.id))
    raise InvalidInput(_("{event} has no conflict at '{field}'; its conflicts: {known} "
                         "(`eventflow conflicts {event}`)").format(
                           event=event.id, field=field, known=known))


def chosen_value(conflict: Conflict, take: str) -> tuple[Any, str]:
    """The value ``--take`` names (``MISSING`` to remove it) and how it was chosen."""
    if take in ("ours", "theirs"):
        value = getattr(conflict, take)
        return (MISSING if value is None else value), take
    reference = next((v for v in (conflict.ours, conflict.theirs, conflict.base)
                      if v is not None), None)
    if isinstance(reference, str):
        return take, "value"
    try:
        return tomli.loads(f"value = {take}")["value"], "value"
    except tomli.TOMLDecodeError:
        return take, "value"


def resolve(engine: Engine, name: str, field: str, take: str) -> Outcome:
    """Settle the conflict at ``field`` of the event ``name`` with ours, theirs or a value."""
    event = engine.load(name)
    conflict = find(event, field)
    value, how = chosen_value(conflict, take)
    parts = parse_path(conflict.path)

    def mutate(ev: Event) -> dict[str, Any]:
        data = to_data(ev)
        set_at(data, parts, value)
        data["conflicts"] = [c for c in data.get("conflicts", []) if c.get("path") !=
                             conflict.path]
        try:
            new = from_data(data)
        except msgspec.ValidationError as exc:
            raise InvalidInput(_("{event}: {value} cannot be the value of {path} "
                                 "({error}); nothing was saved; give a value of the "
                                 "right kind").format(
                                   event=ev.id,
                                   value=describe(value if value is not MISSING else None),
                                   path=conflict.path, error=exc),
                               retry_with="take") from None
        if parts == ["date"] and new.date != ev.date:  # due dates follow the event day
            new.due = compute_due(engine.workflow_for(new), new.date)
        for name_ in new.__struct_fields__:
            setattr(ev, name_, getattr(new, name_))
        return {"path": conflict.path, "take": how,
                "value": None if value is MISSING else value}

    shown = None if value is MISSING else value
    return engine.change(event.id, "resolve", mutate,
                         {"field": conflict.path, "take": how,
                          "value": _plain(shown)}, after_end=True)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def regressions(engine: Engine, event_ids: list[str]) -> list[dict[str, Any]]:
    """The merged events judged again: requirements of stages they had left that no longer
    hold (a merge of two copies can break one, e.g. a partner removed on one side while the
    other side moved the event on)."""
    found = []
    for event_id in event_ids:
        try:
            event = engine.project.load(event_id)
        except EventflowError as exc:
            found.append({"event": event_id, "item": None, "stage": None, "reason": str(exc),
                          "fix": _("correct the file by hand")})
            continue
        for r in engine.judge(event, vetoes=False).regressions:
            found.append({"event": event.id, "item": r.item.id, "stage": r.item.stage,
                          "reason": r.reason, "fix": r.fix or None})
    return found
