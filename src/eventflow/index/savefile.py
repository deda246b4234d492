"""Writing the status index file, ``.eventflow/index.txt`` (its layout: :data:`SECTIONS`),
incrementally: the lines of the entries read from the index being replaced and unchanged since
are written again as they were read, and only those of the events summarised again are made.
The file written is the same, byte for byte, as one written from nothing
(``tests/test_index_save.py``)."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from ..cachekeys import INDEX_FORMAT, make_cache_dir, write_cache
from ..errors import kept_warning
from .cachefile import SECTIONS, IndexFile
from .entry import DUES, REST, ROW_FIELDS, WARNINGS, WHY, Entry

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

AT_PIN = REST + ROW_FIELDS.index("pin")
AT_OPEN = REST + ROW_FIELDS.index("open")
AT_FACTS = tuple(REST + ROW_FIELDS.index(name) for name in ("title", "date", "owners"))


def _encode(value: Any) -> bytes:
    """``value`` as compact JSON with non-ASCII as is: msgspec writes the bytes of
    ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` several times faster
    (the details of 10,000 events: 0.03 s of CPU against 0.27–0.38 s); json for what msgspec
    refuses, str subclasses (a ConflictWarning), with the same bytes."""
    try:
        return _json_encoder().encode(value)  # type: ignore[no-any-return]
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@functools.cache
def _json_encoder() -> Any:
    # lazy: msgspec costs 31 ms (-X importtime, see cachefile.decode_details) on the CLI's warm
    # `status`, which imports this module and saves nothing; a save follows the engine, which
    # has loaded it
    import msgspec

    return msgspec.json.Encoder()


def storable(entry: Entry) -> bool:
    return entry.id.isprintable() and entry.line.isprintable()


def save_index(path: Path, header: dict[str, Any], entries: list[Entry],
               previous: IndexFile | None = None, replaced: Iterable[Entry] = ()) -> None:
    """Write the index of ``entries``; a folder we cannot write to just keeps no cache.

    ``previous`` is the index read before (its entries among ``entries`` keep the lines read,
    :attr:`Entry.saved`), ``replaced`` its entries of the events summarised again: with them
    only the lines of what changed are made; the file is the same either way."""
    kept = [e for e in entries if storable(e)]
    old_fixes = previous.header["fixes"] if previous is not None else None
    items, every_fix = _number_fixes(kept)
    # kept lines hold fix numbers: still right when the numbering only grew
    same_fixes = old_fixes is not None and every_fix[:len(old_fixes)] == old_fixes
    details: list[bytes] = []
    facts: list[bytes] = []
    for e in kept:
        saved = e.saved
        if saved is not None and same_fixes and e.fixes is old_fixes:
            details.append(saved[0])
        else:
            detail = list(e._details())
            dues = detail[DUES]
            detail[DUES] = [b - a for a, b in zip([0, *dues], dues, strict=False)]
            detail[WARNINGS] = [kept_warning(w) for w in e.warnings]
            details.append(_encode(detail))
        facts.append(saved[1] if saved is not None else _facts_line(e))
        e.fixes = every_fix
    remind = None
    if previous is not None and same_fixes:
        remind = _dues_again(kept, previous, replaced)
    dues_text, due_days, due_ends = remind if remind is not None else _dues_section(kept)
    data = [
        "".join(f"{e.id}\n" for e in kept).encode("utf-8"),
        "".join(f"{e.key}\n" for e in kept).encode("utf-8"),
        "".join(f"{e.line}\n" for e in kept).encode("utf-8"),
        "".join(f"{e.lo}\t{e.hi}\t{e.count}\t{e.cut}\t{e.digest}\t{e.regressions}\n"
                for e in kept).encode("utf-8"),
        b"".join(d + b"\n" for d in details),
        b"".join(f + b"\n" for f in facts),
        dues_text.encode("ascii"),
    ]
    window = [max((e.lo for e in kept), default="0000000"),
              min((e.hi for e in kept), default="9999999")]
    header = {"lang": "", "day_samples": {}, **header, "format": INDEX_FORMAT, "n": len(kept),
              "window": window, "items": items, "fixes": every_fix,
              "overdue": any(e.count or e.regressions for e in kept),
              "due_days": due_days, "due_ends": due_ends,
              "sizes": [len(d) for d in data]}
    for key in ("warnings", "context_warnings"):  # an Advice stays one (read_header)
        if key in header:
            header[key] = [kept_warning(w) for w in header[key]]
    assert len(data) == len(SECTIONS)
    try:
        make_cache_dir(path.parent)
    except OSError:
        return
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_cache(path, [head + b"\n", *data])


def _number_fixes(kept: list[Entry]) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """Each workflow's items table once, and each fix text once, numbered in the order the
    entries first use them (see entry.LEFT); the entries' open items get those numbers."""
    items: dict[str, list[list[Any]]] = {}
    fixes: dict[str, int] = {}
    for e in kept:
        detail = e._details()
        if e.table:
            items.setdefault(detail[AT_PIN][2], e.table)
        for item in detail[AT_OPEN]:
            fix = item[3]
            if fix != "" and fix != WHY:
                text = e.fixes[fix] if isinstance(fix, int) else fix
                item[3] = fixes.setdefault(text, len(fixes))
    return items, list(fixes)


def _facts_line(e: Entry) -> bytes:
    """The entry's line of the facts section (without its newline): empty for an event with
    no open item that has a due date."""
    detail = e._details()
    if not any(kept_item[1] is not None for kept_item in detail[AT_OPEN]):
        return b""
    return _encode([*(detail[i] for i in AT_FACTS), detail[AT_PIN][2]])


def _dues_lines(e: Entry, number: int) -> list[tuple[int, int, str, str]]:
    """``(due, event number, item id, line)`` of each open item of ``e`` that has a due date;
    its fixes are numbers already."""
    table = e.table or []
    found = []
    for item, due, flags, fix in e._details()[AT_OPEN]:
        if due is not None:
            item_id = table[item][0] if item < len(table) else ""
            found.append((due, number, item_id, f"{due}\t{number}\t{item}\t{flags}\t{fix}\n"))
    return found


def _dues_section(kept: list[Entry]) -> tuple[str, list[int], list[int]]:
    """The dues section of ``kept`` made from nothing, and for each due date the section's
    bytes up to its last line (the lines are ASCII: numbers, ``?`` and tabs).

    The lines sort by due date, event number and item id. Each day's lines are gathered in
    the order of the events, and each event's few lines are sorted by due date and item id
    (as its rank among its workflow's ids) first: only the days are sorted as a whole. For
    10,000 events (278,000 lines) this took 0.34–0.44 s of CPU where sorting every line, as
    one number made of the three or as the tuples of :func:`_dues_lines` (which gives the
    same order), took 0.8–1.2 s."""
    ranks: dict[int, tuple[list[list[Any]], list[int]]] = {}
    by_day: dict[int, list[str]] = {}
    for number, e in enumerate(kept):
        table = e.table or []
        known = ranks.get(id(table))
        if known is None or known[0] is not table:
            ids = [row[0] for row in table]
            if len(set(ids)) != len(ids):
                return _dues_sorted(kept)
            rank = [0] * len(ids)
            for position, at in enumerate(sorted(range(len(ids)), key=ids.__getitem__)):
                rank[at] = position
            known = ranks[id(table)] = (table, rank)
        rank = known[1]
        mine = []
        for item, due, flags, fix in e._details()[AT_OPEN]:
            if due is not None:
                if not 0 <= item < len(rank):
                    return _dues_sorted(kept)
                mine.append((due, rank[item], f"{due}\t{number}\t{item}\t{flags}\t{fix}\n"))
        if not mine:
            continue
        mine.sort()
        last = None
        for due, at, line in mine:
            if (due, at) == last:  # an item open twice
                return _dues_sorted(kept)
            last = (due, at)
            by_day.setdefault(due, []).append(line)
    pieces = []
    due_days = sorted(by_day)
    due_ends: list[int] = []
    size = 0
    for due in due_days:
        piece = "".join(by_day[due])
        pieces.append(piece)
        size += len(piece)
        due_ends.append(size)
    return "".join(pieces), due_days, due_ends


def _dues_sorted(kept: list[Entry]) -> tuple[str, list[int], list[int]]:
    """:func:`_dues_section` by sorting the tuples of :func:`_dues_lines`: for what its
    numbers cannot order (an item missing from its table, a table with an id twice)."""
    dues: list[tuple[int, int, str, str]] = []
    for number, e in enumerate(kept):
        dues.extend(_dues_lines(e, number))
    dues.sort()
    due_days: list[int] = []
    due_ends: list[int] = []
    size = 0
    for due, _, _, line in dues:
        size += len(line)
        if due_days and due_days[-1] == due:
            due_ends[-1] = size
        else:
            due_days.append(due)
            due_ends.append(size)
    return "".join([line for *_, line in dues]), due_days, due_ends


def _dues_again(kept: list[Entry], previous: IndexFile, replaced: Iterable[Entry]
                ) -> tuple[str, list[int], list[int]] | None:
    """The dues section of ``kept`` made from ``previous``'s: the days on which no replaced
    entry had, and no new entry has, an item due keep their lines as read; on the others the
    lines of the replaced entries give way to the new ones. ``None`` when it cannot be done
    (events added or removed, which renumbers them; a replaced entry read without details):
    then the section is made from nothing."""
    header = previous.header
    old_text, days, ends = previous.dues, header["due_days"], header["due_ends"]
    if previous.ids != [e.id for e in kept] or len(days) != len(ends) \
            or not old_text.isascii() or (ends and ends[-1] != len(old_text)):
        return None
    changed = {number for number, e in enumerate(kept) if e.saved is None}
    affected: set[int] = set()
    for e in replaced:
        if e.detail is None:
            return None
        affected.update(e.detail[DUES])
    new: dict[int, list[tuple[int, str, str]]] = {}
    for number in changed:
        for due, _, item_id, line in _dues_lines(kept[number], number):
            new.setdefault(due, []).append((number, item_id, line))
            affected.add(due)
    if not affected:
        return old_text, list(days), list(ends)
    starts = dict(zip(days, [0, *ends], strict=False))
    stops = dict(zip(days, ends, strict=True))
    out: list[str] = []
    out_days: list[int] = []
    out_ends: list[int] = []
    size = 0
    for day in sorted(set(days) | new.keys()):
        piece = old_text[starts[day]:stops[day]] if day in stops else ""
        if day in affected:
            lines = new.get(day, [])
            for line in piece.splitlines(keepends=True):
                number, item = (int(part) for part in line.split("\t", 3)[1:3])
                if number not in changed:
                    table = kept[number].table or []
                    lines.append((number, table[item][0] if item < len(table) else "", line))
            lines.sort()
            piece = "".join(line for *_, line in lines)
        if piece:
            out.append(piece)
            size += len(piece)
            out_days.append(day)
            out_ends.append(size)
    return "".join(out), out_days, out_ends
