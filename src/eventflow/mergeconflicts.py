"""Recorded conflicts of a merge (merge.py): who changed each value on each side and when,
and how commands show them until ``eventflow resolve`` settles them."""

from __future__ import annotations

from typing import Any

from .mergedata import MISSING, as_int, parse_path

# json is imported where used: it is needed only when a merge found conflicts (goal P9)


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
    import json

    return str(entry.get("change_id") or json.dumps(entry, sort_keys=True, default=str))


def _entry_for(parts: list[str], since: list[dict[str, Any]]) -> dict[str, Any] | None:
    import json

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
    import json

    if value is None or value is MISSING:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def conflict_warning(event_id: str, conflicts: list[Any]) -> str:
    """The warning every command that reads the event shows while conflicts wait."""
    shown = []
    for c in conflicts[:3]:
        ours = describe(c.ours) + (f" by {c.ours_by}" if c.ours_by else "")
        theirs = describe(c.theirs) + (f" by {c.theirs_by}" if c.theirs_by else "")
        shown.append(f"{c.path}: kept {ours}, other {theirs}")
    more = f"; and {len(conflicts) - 3} more" if len(conflicts) > 3 else ""
    return (f"{event_id}: {len(conflicts)} conflicting change(s) from a merge wait for a "
            f"decision ({'; '.join(shown)}{more}); `eventflow conflicts {event_id}` lists them, "
            f"`eventflow resolve {event_id} FIELD --take ours|theirs|VALUE` settles each")
