"""What ``eventflow status`` and ``status EVENT`` print, straight from the caches when they
vouch for the files: the listing's columns, colours, and the view of one event for a day. The
front door (quick.py) and the CLI print through these functions, so both print the same bytes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import IO, Any

from ..cachekeys import (
    EVENTS_DIR,
    INDEX_DIR,
    deps_unchanged,
    folder_context,
    resolve_quick,
)
from ..folder import planning_folder
from ..i18n import _, pgettext
from ..present import clean, fit_table, shorten
from .cachefile import (
    INDEX_FILE,
    VIEW_FORMAT,
    file_key,
    read_details,
    read_entries,
    read_section,
    view_path,
    vouched,
)
from .entry import Entries, Entry, day_key, read_warnings

# listing ----------------------------------------------------------------------------------------
HEADER = (f"{'EVENT':<28} {'DATE':<10}  {'STAGE':<20} {'ITEMS':>5}  {'REGRESS':>7}  "
          f"{'OVERDUE':>7}  NEXT DUE\n")
# the listing's columns, for fitting it to a terminal (present.fit_table)
HEADINGS = ("EVENT", "DATE", "STAGE", "ITEMS", "REGRESS", "OVERDUE", "NEXT DUE", "")
_RIGHT = frozenset({3, 4, 5})
# when the terminal is narrow: the next item's name gives way first, then the stage; the event
# id (what people type) only beyond 24 characters; dates never
_SHRINK = ((7, 8), (2, 9), (0, 24))
# still too narrow: what is left out first (the next item's name, the items count, the stage,
# the next due date), so that what needs doing now (regressions, overdue items) stays in view
_DROP = (7, 3, 2, 6)
_OVERDUE = 5
_LINE_HEAD = re.compile(r"(\S+) +(\S+) +(\d+/\d+ \S+)")


def headings() -> list[str]:
    """:data:`HEADINGS` in the interface language; each fits its column of :data:`HEADER`
    (a test holds the translations to that)."""
    return [pgettext("status column", "EVENT"), pgettext("status column", "DATE"),
            pgettext("status column", "STAGE"), pgettext("status column", "ITEMS"),
            pgettext("status column", "REGRESS"), pgettext("status column", "OVERDUE"),
            pgettext("status column", "NEXT DUE"), ""]


def header() -> str:
    """The listing's header line in the interface language (:data:`HEADER` in English)."""
    event, date, stage, items, regress, overdue, next_due, _ = headings()
    return (f"{event:<28} {date:<10}  {stage:<20} {items:>5}  {regress:>7}  {overdue:>7}  "
            f"{next_due}\n")


_CHUNK = 4096


def _clean(text: str) -> str:
    if text.isprintable():
        return text
    return clean(text)




def line_parts(event_id: str, date: str, stage: str, stage_number: int, stages: int,
               progress: str, next_item: str, next_due: str,
               regressions: int = 0) -> tuple[str, str]:
    """The fixed parts of a listing line, before and after the overdue column. ``date`` and
    ``next_due`` as the interface language writes them (ISO in English, ``18.3.2027`` in
    Finnish and Swedish: at most 10 characters, the date column's width)."""
    stage_text = f"{stage_number}/{stages} {stage}"
    regress = str(regressions) if regressions else ""
    head = _clean(f"{event_id:<28} {date:<10}  {stage_text:<20} {progress:>5}  {regress:>7}  ")
    tail = _clean(f"  {next_due} {next_item}") if next_due else ""
    return head, tail


def use_colour(out: IO[str]) -> bool:
    """Colour only on a terminal (as ``click.echo`` decides), one that supports it, and never
    when ``NO_COLOR`` is set (https://no-color.org, which click leaves to its callers)."""
    if os.environ.get("NO_COLOR") is not None or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _red(text: str) -> str:
    """``text`` in red on a terminal: ``click.style(text, fg="red")``."""
    if "click" in sys.modules:  # the CLI
        return sys.modules["click"].style(text, fg="red")  # type: ignore[no-any-return]
    # The front door answers `status` without click, whose import is what it exists to save
    # (76 ms: python -X importtime, best of 7, on the loaded shared machine, 2026-11-30; bench
    # P1's baseline): the bytes click.style writes (tests/test_terminal_width.py holds them equal)
    return f"\x1b[31m{text}\x1b[0m"


def listing_cells(line: str) -> list[str] | None:
    """The cells of a listing line (as :func:`line_parts` and ``fill_line`` lay it out, one
    per :data:`HEADINGS`), or ``None`` for a line not laid out that way."""
    found = _LINE_HEAD.match(line)
    if found is None:
        return None
    rest = line[max(found.end(), found.start(3) + 20):].ljust(24)
    if rest[0] != " " or rest[6:8] != "  " or rest[15:17] != "  " or rest[24:26] not in (
            "", "  "):
        return None
    due, _, item = rest[26:].partition(" ")
    return [found[1], found[2], found[3], rest[1:6].strip(), rest[8:15].strip(),
            rest[17:24].strip(), due, item]


def fit_listing(lines: list[str], width: int, colour: bool) -> str:
    """The listing of rows ``lines`` (header included) in ``width`` columns: cells as wide as
    their text, long ones cut with "…" (:func:`eventflow.present.fit_table`), the overdue
    counts in red when ``colour``."""
    rows = [headings()]
    for line in lines:
        cells = listing_cells(line)
        if cells is None:  # not a listing line: each line cut to the width
            return "".join(f"{shorten(line, width)}\n" for line in [header().rstrip(), *lines])
        rows.append(cells)

    def paint(row: int, column: int, cell: str) -> str:
        return _red(cell) if row and column == _OVERDUE and cell.strip() else cell

    table = fit_table(rows, width, right=_RIGHT, shrink=_SHRINK, drop=_DROP,
                      paint=paint if colour else None)
    return "".join(f"{line}\n" for line in table)


def write_listing(entries: Iterable[Entry], today: dt.date, out: IO[str],
                  colour: bool | None = None, width: int | None = None) -> int:
    """Stream the plain-text listing of ``entries``; return the number of rows written.

    ``width``: fit the listing to that many columns (a terminal's, see
    :func:`eventflow.present.terminal_width`); ``None`` writes every cell in full."""
    if colour is None:
        colour = use_colour(out)
    key = day_key(today)
    # the lines kept for today when every one is right for it (as ``entries`` settles them)
    ready = entries.lines_on(key) if isinstance(entries, Entries) else None
    if width is not None:
        lines = ready if ready is not None else [
            e.line if e.lo < key <= e.hi else e.render(today)[1] for e in entries]
        out.write(fit_listing(lines, width, colour))
        return len(lines)
    if not colour:  # the usual case: each row as it was rendered for today
        every = entries if isinstance(entries, list) else list(entries)
        if every:
            # the header on its own: joined to the rows, its non-ASCII letters (fi, sv) would
            # make the whole chunk slow to encode, where ASCII text is copied as it is
            out.write(header())
        for start in range(0, len(every), _CHUNK):
            chunk = ready[start:start + _CHUNK] if ready is not None else [
                e.line if e.lo < key <= e.hi else e.render(today)[1]
                for e in every[start:start + _CHUNK]]
            out.write("\n".join(chunk) + "\n")
        return len(every)
    rows: list[str] = []
    n = 0
    for entry in entries:
        if entry.lo < key <= entry.hi:
            count, line, cut = entry.count, entry.line, entry.cut
        else:
            count, line, cut = entry.render(today)
        if colour and count:
            line = f"{line[:cut]}{_red(line[cut:cut + 7])}{line[cut + 7:]}"
        rows.append(line)
        if len(rows) == _CHUNK:
            out.write((header() if not n else "") + "\n".join(rows) + "\n")
            n += len(rows)
            rows.clear()
    if rows:
        out.write((header() if not n else "") + "\n".join(rows) + "\n")
        n += len(rows)
    return n



class Listing:
    """What ``eventflow status`` shows: the entries, or, straight from the index, the rows
    already rendered for today (entries are then made only when asked for)."""

    def __init__(self, entries: list[Entry] | None, warnings: list[str], *,
                 text: str = "", n: int = 0, overdue: bool = False,
                 make: Callable[[], list[Entry]] | None = None) -> None:
        self._entries = entries
        self._make = make
        self.warnings = warnings
        self.text = text
        self.n = len(entries) if entries is not None else n
        self._overdue = overdue

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            assert self._make is not None
            self._entries = self._make()
        return self._entries

    def __len__(self) -> int:
        return self.n

    def any_overdue(self, today: dt.date) -> bool:
        """Whether any event has an overdue item or a regression (``status --check``)."""
        if self._entries is None:
            return self._overdue
        return any(e.overdue_on(today) or e.regressions for e in self._entries)

    def write(self, today: dt.date, out: IO[str], colour: bool | None = None,
              width: int | None = None) -> int:
        """Stream the listing; the rendered rows are written as they are when they can be.

        ``width``: fit it to that many columns (see :func:`write_listing`)."""
        if colour is None:
            colour = use_colour(out)
        if self._entries is None and width is not None and self.n:
            out.write(fit_listing(self.text.split("\n")[:-1], width, colour))
            return self.n
        if self._entries is None and not colour and self.n:
            out.write(header())
            out.write(self.text)
            return self.n
        return write_listing(self.entries, today, out, colour, width)

    def rows(self, today: dt.date) -> list[dict[str, Any]]:
        today_iso = today.isoformat()
        return [e.row(today_iso) for e in self.entries]



def cached_listing(directory: str | None, today: dt.date, details: bool = False
                   ) -> Listing | None:
    """The listing straight from the index, when nothing changed since it was written and its
    rows are right for ``today``; else ``None``.

    Needs neither the engine nor the event model: one ``stat`` per dependency, two per event
    (its file and its folder).
    """
    root = planning_folder(directory)
    if root is None:
        return None
    index_file = f"{root}/{INDEX_DIR}/{INDEX_FILE}"
    try:
        with open(index_file, "rb") as fh:
            found = vouched(root, fh, today)
            if found is None:
                return None
            header, ids = found
            n, sizes = header["n"], header["sizes"]
            text = fh.read(sizes[2]).decode("utf-8")
            if details:
                lines = text.split("\n")[:-1]
                kept = read_entries(ids, None, lines, read_section(fh, sizes[3], n))
                read_details(fh, sizes[4], kept, header)
                # its lines are right for the days of the header's window (vouched for today)
                return Listing(Entries(kept, lines, *header["window"]),
                               list(dict.fromkeys(header["warnings"])))
            offset = fh.tell()
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return None

    def make() -> list[Entry]:  # only for colour: the records, read again from the same file
        with open(index_file, "rb") as fh:
            fh.seek(offset)
            return read_entries(ids, None, text.split("\n")[:-1], read_section(fh, sizes[3], n))

    return Listing(None, list(dict.fromkeys(header["warnings"])), text=text, n=n,
                   overdue=header["overdue"], make=make)



def render_status(view: dict[str, Any], day: dt.date, as_json: bool) -> str:
    """What ``eventflow status EVENT`` writes to stdout on ``day``."""
    today = day.toordinal()
    if as_json:
        data = view["json"]
        data["overdue"] = bisect_left(view["dues"], today)
        leave_from = data.get("leave_from")
        if view.get("time") and leave_from and day.isoformat() < leave_from:
            at = next((i for i, b in enumerate(data["blockers"]) if b.get("kind") == "veto"),
                      len(data["blockers"]))
            data["blockers"] = [*data["blockers"][:at], *view["time"], *data["blockers"][at:]]
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    overdue = " " + _("OVERDUE")
    return "".join(f"{line}\n" if isinstance(line, str)
                   else f"{line[0]}{overdue if line[1] < today else ''}\n"
                   for line in view["text"])



_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}\.\d{1,2}\.\d{4}")  # ISO (en), 18.3.2027 (fi, sv)


def _item_cells(line: str) -> list[str] | None:
    """An item line of ``status EVENT`` as cells (mark, item, owner, "due", date, flags), or
    ``None`` for any other line. The words are those of the interface language."""
    if not line.startswith("    ") or line[4:5] not in ("✓", "✗", "!") or line[5:6] != " ":
        return None
    words = line[6:].split()
    if not words:
        return None
    due_word = _("due {date}").split("{date}")[0].strip()
    item, rest = words[0], words[1:]
    is_due = len(rest) > 1 and rest[0] == due_word and _DATE.fullmatch(rest[1]) is not None
    owner = rest.pop(0) if rest and not is_due else ""
    due = rest[:2] if len(rest) > 1 and rest[0] == due_word and _DATE.fullmatch(rest[1]) else []
    flags = rest[len(due):]
    if any(flag not in (_("REGRESSION"), _("OVERDUE")) for flag in flags):
        return None
    return [line[:5], item, owner, *(due or ["", ""]), " ".join(flags)]


def fit_status(text: str, width: int | None) -> str:
    """What ``status EVENT`` prints (:func:`render_status`) in ``width`` columns: the item lines
    as a table whose long cells are cut with "…" (never a date), every other line cut with "…"
    (``eventflow why`` prints the reasons in full). ``None``: ``text`` as it is."""
    if width is None:
        return text
    lines = text.split("\n")
    items = {n: cells for n, line in enumerate(lines) if (cells := _item_cells(line))}
    if items:
        rows = [["", "", "", "", "", ""], *items.values()]
        table = fit_table(rows, width, shrink=((1, 12), (2, 8)))[1:]
        for n, fitted in zip(items, table, strict=True):
            lines[n] = fitted
    return "\n".join(line if n in items else shorten(line, width)
                     for n, line in enumerate(lines))


def cached_status(directory: str | None, name: str) -> dict[str, Any] | None:
    """The kept view of the event ``name`` names, with its ``warnings``, when nothing it
    depends on changed since it was made; else ``None`` (the engine then answers).

    Needs neither the engine nor the event model: one ``stat`` per dependency, a few for the
    event, and reading one small file."""
    root = planning_folder(directory)
    if root is None:
        return None
    try:
        found = resolve_quick(f"{root}/{EVENTS_DIR}", name)
        if found is None:
            return None
        event_id, st = found
        with open(view_path(root, event_id), "rb") as fh:
            header = json.loads(fh.readline())
            if not isinstance(header, dict) or header.get("format") != VIEW_FORMAT \
                    or header.get("id") != event_id:
                return None
            folder = os.stat(f"{root}/{EVENTS_DIR}/{event_id}").st_mtime_ns
            if header.get("key") != f"{file_key(st)} {folder}":
                return None
            if header.get("context") != folder_context(root) or not deps_unchanged(header["deps"]):
                return None
            body = json.loads(fh.readline())
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not (isinstance(body, dict) and isinstance(body.get("warnings"), list)
            and isinstance(body.get("text"), list) and isinstance(body.get("json"), dict)
            and isinstance(body.get("dues"), list)):
        return None
    for line in body["text"]:
        if not isinstance(line, str) and not (
                isinstance(line, list) and len(line) == 2 and isinstance(line[0], str)
                and isinstance(line[1], int)):
            return None
    if not all(isinstance(d, int) for d in body["dues"]):
        return None
    try:  # an Advice kept as a list is an Advice again (errors.kept_warning)
        body["warnings"] = read_warnings(body["warnings"])
    except ValueError:
        return None
    return body

