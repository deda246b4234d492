"""Recorded conflicts of a merge (merge.py): who changed each value on each side and when,
and how commands show them until ``conflicts.resolve`` settles them."""

from __future__ import annotations

import json
from typing import Any

from .errors import Advice
from .i18n import _
from .mergedata import MISSING, as_int, parse_path


# who and when -----------------------------------------------------------------------------------
def attribute(conflicts: list[dict[str, Any]], base_revision: int,
              ours_history: list[dict[str, Any]], theirs_history: list[dict[str, Any]]) -> None:
    """Fill ``ours_by``/``ours_at`` and ``theirs_by``/``theirs_at`` of each conflict: from the
    item itself for a tick, else from the side's own history lines (those the other side does
    not have): the newest that names the conflicting field, else the newest."""
    mine = _own_lines(ours_history, theirs_history, base_revision)
    other = _own_lines(theirs_history, ours_history, base_revision)
    for conflict in conflicts:
        parts = parse_path(conflict["path"])
        for side, history in (("ours", mine), ("theirs", other)):
            value = conflict.get(side)
            by = at = None
            if parts[0] == "items" and len(parts) == 2 and isinstance(value, dict):
                by, at = value.get("by"), value.get("at")
            if not by:
                entry = _entry_for(parts, history)
                if entry is not None:
                    by, at = entry.get("by"), entry.get("at")
            if by:
                conflict[f"{side}_by"] = str(by)
            if at:
                conflict[f"{side}_at"] = str(at)


def _own_lines(side: list[dict[str, Any]], other: list[dict[str, Any]],
               base_revision: int) -> list[dict[str, Any]]:
    """The changes one side made since the two copies parted: its lines the other lacks (both
    keep every line of the common past), else, with the other's history unknown, its lines
    after the common revision."""
    lines = [e for e in side if isinstance(e, dict) and e.get("action") != "not-applied"]
    if other:
        shared = {_line_key(e) for e in other}
        return [e for e in lines if _line_key(e) not in shared]
    return [e for e in lines if as_int(e.get("rev")) > base_revision]


def _line_key(entry: dict[str, Any]) -> str:
    return str(entry.get("change_id") or json.dumps(entry, sort_keys=True, default=str))


def _entry_for(parts: list[str], since: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not since:
        return None
    words = {p.lower() for p in parts} | {parts[0].rstrip("s").lower()}
    for entry in reversed(since):
        action = str(entry.get("action", "")).lower()
        text = json.dumps(entry, ensure_ascii=False, default=str).lower()
        if action.split(".")[0] in words or any(f'"{w}"' in text for w in words if len(w) > 2):
            return entry
    return since[-1]



# what commands show -----------------------------------------------------------------------------
def describe(value: Any) -> str:
    if value is None or value is MISSING:
        return _("(none)")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


class ConflictWarning(Advice):
    """The warning of conflicts that wait for a decision (:func:`conflict_warning`): a text
    like any warning, settled by ``conflicts.resolve`` (``retry_with="resolve"``, for which the
    CLI adds its ``conflicts``/``resolve`` command lines, cli_terms.py), of its own type so that
    the commands that show the conflicts themselves (``sync``, ``conflicts``, ``resolve``)
    leave it out without reading its words (which are in the interface language)."""

    __slots__ = ()


def _by(value: Any, who: Any) -> str:
    shown = describe(value)
    return _("{value} by {who}").format(value=shown, who=who) if who else shown


def conflict_warning(event_id: str, conflicts: list[Any]) -> ConflictWarning:
    """The warning every command that reads the event shows while conflicts wait."""
    shown = [_("{path}: kept {ours}, other {theirs}").format(
        path=c.path, ours=_by(c.ours, c.ours_by), theirs=_by(c.theirs, c.theirs_by))
        for c in conflicts[:3]]
    if len(conflicts) > 3:
        shown.append(_("and {n} more").format(n=len(conflicts) - 3))
    return ConflictWarning(_(
        "{event}: {n} conflicting change(s) from a merge wait for a decision ({changes})").format(
            event=event_id, n=len(conflicts), changes="; ".join(shown)), "resolve", event_id)
