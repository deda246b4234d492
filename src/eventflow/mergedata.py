"""The three-way merge of event data, and the paths that name a value in it (merge.py).

* tables (``venue``, ``agreement``, ``items``, ``due``, ``ext.<plugin>`` …) merge key by key,
  recursively; a key one side added or removed is added or removed;
* lists of records merge record by record, matched by ``id`` (partners, costs, speakers), by
  ``name`` (organisers, panelists) or by ``text`` (panel questions); a record either side
  added is kept, in ours' order followed by theirs' new ones;
* lists of words (languages, accessibility, dimensions, target groups …) merge as sets: what
  either side added is there, what either side removed is gone;
* ``workflow`` (the pinned workflow) is one value; ``due`` follows ``date`` when the date itself
  is in conflict; ``revision`` becomes one more than the larger side's;
* when both sides ticked the same item the same way, the first tick is kept (both ticks are in
  the history).

A value both sides changed differently keeps ours and becomes a conflict record (its ``path``
written by :func:`format_path`). On git's path (bench/merge.py, goal P9): imports only ``re`` and
``json`` (which the store's reading has loaded there already).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable


MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__slots__": ()})()

#: Lists of records and the field that identifies a record (``*`` stands for a record's key).
KEYED: dict[tuple[str, ...], str] = {
    ("partners",): "id",
    ("costs",): "id",
    ("speakers",): "id",
    ("organisers",): "name",
    ("panel", "panelists"): "name",
    ("panel", "questions"): "text",
    ("conflicts",): "path",
}
#: Lists of words, merged as sets.
SETS: frozenset[tuple[str, ...]] = frozenset({
    ("languages",),
    ("venue", "accessibility"),
    ("speakers", "*", "dimensions"),
    ("panel", "questions", "*", "dimensions"),
    ("invitation", "languages"),
    ("invitation", "target_groups"),
    ("invitation", "recording_notice"),
})
#: Values that are one fact, never merged inside.
ATOMIC: frozenset[tuple[str, ...]] = frozenset({("workflow",), ("costs", "*", "split")})
_BARE = re.compile(r"[A-Za-z0-9_\-]+\Z")


# paths ----------------------------------------------------------------------------------------
def format_path(parts: Iterable[str]) -> str:
    """``("speakers", "s1", "name")`` → ``speakers[s1].name``; ``venue.capacity``. A part
    that is not a plain word, or that names a record of a list, goes in brackets (JSON-quoted
    when it holds a bracket or a quote)."""
    out = ""
    for i, part in enumerate(parts):
        if isinstance(part, RecordKey):
            text = str(part)
            out += f"[{json.dumps(text, ensure_ascii=False)}]" if re.search(r'[\]"]', text) or \
                text != text.strip() or not text else f"[{text}]"
        elif _BARE.match(part):
            out += part if i == 0 else f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def parse_path(text: str) -> list[str]:
    """The parts of a path written by :func:`format_path` (brackets or dots)."""
    parts: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == ".":
            i += 1
            continue
        if ch == "[":
            if text[i + 1: i + 2] == '"':
                decoder = json.JSONDecoder()
                value, end = decoder.raw_decode(text, i + 1)
                if text[end: end + 1] != "]":
                    raise ValueError(_("']' expected at {position} in '{path}'").format(
                        position=end + 1, path=text))
                parts.append(value)
                i = end + 1
            else:
                end = text.find("]", i)
                if end < 0:
                    raise ValueError(_("unclosed '[' in '{path}'").format(path=text))
                parts.append(text[i + 1: end])
                i = end + 1
            continue
        match = re.compile(r"[^.\[]+").match(text, i)
        assert match is not None
        parts.append(match.group())
        i = match.end()
    if not parts:
        raise ValueError(_("the path is empty"))
    return parts


class RecordKey(str):
    """A part of a path that names a record of a list (written in brackets)."""

    __slots__ = ()


def record_key(record: Any, field: str) -> str | None:
    if isinstance(record, dict) and isinstance(record.get(field), str):
        return record[field]  # type: ignore[no-any-return]
    return None


def get_at(data: Any, parts: list[str]) -> Any:
    """The value at ``parts`` in event data (records of lists found by their key), or
    :data:`MISSING`."""
    node = data
    for part in parts:
        if isinstance(node, dict):
            node = node.get(part, MISSING)
        elif isinstance(node, list):
            node = next((r for r in node if isinstance(r, dict) and part in
                         (r.get("id"), r.get("name"), r.get("text"), r.get("path"))), MISSING)
        else:
            return MISSING
        if node is MISSING:
            return MISSING
    return node


def set_at(data: dict[str, Any], parts: list[str], value: Any) -> None:
    """Set (or with :data:`MISSING`, remove) the value at ``parts``, making tables and records
    on the way; a record of a list is replaced, appended or removed as a whole."""
    node: Any = data
    schema: tuple[str, ...] = ()
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if isinstance(node, dict):
            if last:
                if value is MISSING:
                    node.pop(part, None)
                else:
                    node[part] = value
                return
            if part not in node or not isinstance(node[part], (dict, list)):
                node[part] = [] if schema + (part,) in KEYED else {}
            node = node[part]
            schema += (part,)
        elif isinstance(node, list):
            field = KEYED.get(schema, "id")
            index = next((i for i, r in enumerate(node) if record_key(r, field) == part), None)
            if last:
                if value is MISSING:
                    if index is not None:
                        del node[index]
                elif index is None:
                    node.append(value)
                else:
                    node[index] = value
                return
            if index is None:
                node.append({field: part})
                index = len(node) - 1
            node = node[index]
            schema += ("*",)
        else:
            raise KeyError(format_path(parts[: depth + 1]))


# the merge ------------------------------------------------------------------------------------
class Merge:
    """One three-way merge of event data; ``conflicts`` gathers what both sides changed."""

    def __init__(self) -> None:
        self.conflicts: list[dict[str, Any]] = []

    def value(self, base: Any, ours: Any, theirs: Any, schema: tuple[str, ...],
              path: tuple[str, ...]) -> Any:
        if ours == theirs:
            return ours
        if base == ours:
            return theirs
        if base == theirs:
            return ours
        if schema not in ATOMIC:
            if isinstance(ours, dict) and isinstance(theirs, dict) and \
                    (base is MISSING or isinstance(base, dict)):
                return self.table({} if base is MISSING else base, ours, theirs, schema, path)
            if isinstance(ours, list) and isinstance(theirs, list) and \
                    (base is MISSING or isinstance(base, list)):
                old = [] if base is MISSING else base
                # an emptied list is left out, as eventflow writes every list's default
                if schema in KEYED:
                    merged = self.records(old, ours, theirs, KEYED[schema], schema, path)
                    if merged is not None:
                        return merged or MISSING
                elif schema in SETS and _words(old) and _words(ours) and _words(theirs):
                    return _merge_set(old, ours, theirs) or MISSING
        self.conflicts.append({"path": format_path(path), "base": base, "ours": ours,
                               "theirs": theirs})
        return ours

    def table(self, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
              schema: tuple[str, ...], path: tuple[str, ...]) -> dict[str, Any]:
        if schema == ("items", "*"):
            ours, theirs = _same_tick(base, ours, theirs)
        merged: dict[str, Any] = {}
        for key in _keys(ours, theirs):
            value = self.value(base.get(key, MISSING), ours.get(key, MISSING),
                               theirs.get(key, MISSING), _child(schema, key), path + (key,))
            if value is not MISSING:
                merged[key] = value
        return merged

    def records(self, base: list[Any], ours: list[Any], theirs: list[Any], field: str,
                schema: tuple[str, ...], path: tuple[str, ...]) -> list[Any] | None:
        old, mine, other = (_by_key(side, field) for side in (base, ours, theirs))
        if old is None or mine is None or other is None:
            return None  # records without their key (a hand edit): the list is one value
        merged = []
        for key in _keys(mine, other):
            value = self.value(old.get(key, MISSING), mine.get(key, MISSING),
                               other.get(key, MISSING), schema + ("*",), path + (RecordKey(key),))
            if value is not MISSING:
                merged.append(value)
        return merged


def _child(schema: tuple[str, ...], key: str) -> tuple[str, ...]:
    if schema in (("items",), ("due",)) or schema[:1] == ("ext",) and len(schema) == 1:
        return schema + ("*",)
    return schema + (key,)


def _keys(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Ours' keys in ours' order, each key only theirs has placed after the key it follows
    there (both sides in eventflow's order give the merge in that order)."""
    keys = list(ours)
    if all(k in ours for k in theirs):
        return keys
    place = 0
    for key in theirs:
        if key in ours:
            place = keys.index(key) + 1
        else:
            keys.insert(place, key)
            place += 1
    return keys


def _by_key(records: list[Any], field: str) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    for record in records:
        key = record_key(record, field)
        if key is None:
            return None
        n, unique = 2, key
        while unique in found:  # two records of one name: told apart by their order
            unique, n = f"{key} #{n}", n + 1
        found[unique] = record
    return found


def _words(values: list[Any]) -> bool:
    return all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values)


def _merge_set(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    removed = {v for v in base if v not in ours or v not in theirs}
    merged = [v for v in ours if v not in removed]
    merged += [v for v in theirs if v not in removed and v not in merged]
    return merged


def _same_tick(base: dict[str, Any], ours: dict[str, Any],
               theirs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both sides ticked (or waived) one item the same way: the first tick is kept, so that
    who and when are one fact, not a conflict (both ticks are in the history)."""
    def state(side: dict[str, Any]) -> tuple[bool, bool]:
        return bool(side.get("checked", False)), bool(side.get("waived", False))

    if state(ours) != state(theirs) or state(ours) == state(base):
        return ours, theirs
    if (ours.get("by"), ours.get("at")) == (theirs.get("by"), theirs.get("at")):
        return ours, theirs
    first = ours if _sortable(ours.get("at")) <= _sortable(theirs.get("at")) else theirs
    pick: dict[str, Any] = {k: first[k] for k in ("by", "at") if k in first}
    return _with(ours, pick), _with(theirs, pick)


def _with(side: dict[str, Any], pick: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in side.items() if k not in ("by", "at")}
    out.update(pick)
    return out


def _sortable(moment: Any) -> str:
    return "~" if moment is None else str(moment)  # ISO text sorts as time does


def merge_data(base: dict[str, Any], ours: dict[str, Any],
               theirs: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Merge three versions of an event's data (as :func:`eventflow.event.to_data` gives
    them); return the merged data and the conflicts found in this merge (each with ``path``
    and ``base``, ``ours``, ``theirs``, :data:`MISSING` where a side has no value). The merged
    data holds ours' value where both sides differ, and the new conflicts in ``conflicts``."""
    merge = Merge()
    merged: dict[str, Any] = {}
    keys = [k for k in _keys(ours, theirs) if k not in ("revision", "conflicts")]
    for key in sorted(keys, key=lambda k: k == "due"):  # the date first: due follows it
        if key == "due" and any(c["path"] == "date" for c in merge.conflicts):
            value = ours.get("due", MISSING)  # ours' due dates with ours' day, until resolved
        else:
            value = merge.value(base.get(key, MISSING), ours.get(key, MISSING),
                                theirs.get(key, MISSING), (key,), (key,))
        if value is not MISSING:
            merged[key] = value
    merged = {k: merged[k] for k in keys if k in merged}  # back in the files' order
    revision = max(as_int(ours.get("revision")), as_int(theirs.get("revision"))) + 1
    # conflicts recorded earlier merge as records; a path that conflicts again takes the new one
    kept = Merge().value(base.get("conflicts", []), ours.get("conflicts", []),
                         theirs.get("conflicts", []), ("conflicts",), ("conflicts",))
    new = merge.conflicts
    paths = {c["path"] for c in new}
    records = [c for c in (kept if isinstance(kept, list) else [])
               if isinstance(c, dict) and c.get("path") not in paths]
    records += [{k: v for k, v in c.items() if v is not MISSING} for c in new]
    if records:
        merged["conflicts"] = records
    ordered = {"schema": merged.pop("schema", ours.get("schema", 1)),
               "id": merged.pop("id", ours.get("id")), "revision": revision}
    ordered.update(merged)
    return ordered, new



def as_int(value: Any) -> int:
    """A whole number as itself; anything else (a bool, text, nothing) as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
