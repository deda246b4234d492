"""One event's summary as the status index keeps it (:class:`Entry`), valid while its file's
stat key is unchanged, with the listing line made for the days it is right for."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any


def read_warnings(kept: list[Any]) -> list[str]:
    """Warnings as made, or as a cache keeps them (:func:`eventflow.errors.kept_warning`: an
    ``Advice`` as a list); ``ValueError`` for anything else."""
    if all(isinstance(w, str) for w in kept):
        return list(kept)
    # lazy: errors costs 2 ms (-X importtime, best of 5) on the front door's `status`, which
    # prints no warning (it leaves them to the CLI) and reads an Advice only when one is kept
    from ..errors import warning_kept

    return [warning_kept(w) for w in kept]


def day_key(day: dt.date) -> str:
    """A day as text that sorts as dates do (``date.toordinal()``, seven digits)."""
    return f"{day.toordinal():07d}"

Key = str  # "inode size mtime_ns ctime_ns" of the event file

# positions in an entry's details (one JSON array per event)
HEAD, TAIL, DUES, WARNINGS, REST = 0, 1, 2, 3, 4
ROW_FIELDS = ("revision", "title", "date", "region", "stage", "stage_number", "stages",
              "done_in_stage", "items_in_stage", "blocking", "next_item", "next_label",
              "next_due", "regressions", "status",
              # the derived verdict data, independent of the day (see :func:`open_items`)
              "pin", "owners", "organisation", "partners", "open")
_FIELD_AT = {name: REST + i for i, name in enumerate(ROW_FIELDS)}
# positions in one open item of an active event, as :meth:`Entry.open_items` gives it
(O_ITEM, O_STAGE, O_OWNER, O_DUE, O_REQUIRED, O_LEFT, O_REGRESSION, O_TICKABLE, O_FIX,
 O_LABEL) = range(10)
# As kept (details' "open"), each open item is ``[item, due, flags, fix]``: ``item`` is the
# item's number in its workflow's table; ``flags`` has LEFT, REGRESSION and TICKABLE bits;
# ``fix`` is "" for ``eventflow check EVENT ITEM``, "?" for ``eventflow why EVENT``, else the
# number of its text in the index's ``fixes`` (with NUL standing for the event id; before it
# is saved, that text itself). What belongs to the workflow's item (id, stage, owner,
# required, label, and the label in each other language where it differs) is kept once per
# workflow in the index's header (``items``: workflow hash → [[id, stage, owner, required,
# label, {language: label}], …]) and given to each entry as its ``table``.
LEFT, REGRESSION, TICKABLE = 1, 2, 4
WHY = "?"
# the judge's states (eventflow.judge), as the day decides them for an open item
BROKEN, ADVICE, NOT_DUE = "broken", "advice not followed", "not yet due"


class Entry:
    """One event's summary, valid while its file's ``key`` is unchanged.

    ``line`` is its listing line (without colour) and ``count`` its number of overdue open
    items on every day ``d`` with ``lo < d <= hi`` (days as :func:`day_key` text, which
    compares as the dates do); other days are computed from ``detail``, which holds the rest.
    """

    __slots__ = ("id", "key", "digest", "lo", "hi", "count", "cut", "line", "detail",
                 "regressions", "table", "fixes", "saved")

    def __init__(self, id: str, key: Key | None, digest: str | None, lo: str, hi: str,
                 count: int | str, cut: int | str, line: str,
                 detail: list[Any] | None = None, regressions: int | str = 0) -> None:
        self.id = id
        self.key = key
        self.digest = digest
        self.lo = lo
        self.hi = hi
        self.count = int(count)
        self.cut = int(cut)  # where the overdue column starts in ``line``
        self.line = line
        self.detail = detail
        self.regressions = int(regressions)  # requirements of left stages no longer held
        #: its workflow's items, [[id, stage, owner, required, label, {lang: label}], …]
        self.table: list[list[Any]] | None = None
        self.fixes: list[str] = []  # the index's fix texts (see O_ITEM)
        #: its details and facts lines as read from the index file (without their newlines),
        #: which the next index written keeps (eventflow.index.savefile)
        self.saved: tuple[bytes, bytes] | None = None

    def _details(self) -> list[Any]:
        if self.detail is None:
            raise LookupError(f"{self.id}: the summary was read without its details")
        return self.detail

    def overdue_on(self, day: dt.date) -> int:
        """Open items due before ``day``."""
        key = day_key(day)
        if self.lo < key <= self.hi:
            return self.count
        return bisect_left(self._details()[DUES], day.toordinal())

    def overdue(self, today_iso: str) -> int:
        return self.overdue_on(dt.date.fromisoformat(today_iso))

    def render(self, day: dt.date) -> tuple[int, str, int]:
        """(overdue count, listing line, where the overdue column starts) on ``day``."""
        if self.lo < day_key(day) <= self.hi:
            return self.count, self.line, self.cut
        detail = self._details()
        count = bisect_left(detail[DUES], day.toordinal())
        return count, fill_line(detail[HEAD], detail[TAIL], count), len(detail[HEAD])

    def settle(self, day: dt.date) -> bool:
        """Make ``line`` the one for ``day``; return whether anything changed."""
        if self.lo < day_key(day) <= self.hi:
            return False
        detail = self._details()
        dues = detail[DUES]
        k = bisect_left(dues, day.toordinal())
        self.lo = f"{dues[k - 1]:07d}" if k else "0000000"
        self.hi = f"{dues[k]:07d}" if k < len(dues) else "9999999"
        self.count = k
        self.cut = len(detail[HEAD])
        self.line = fill_line(detail[HEAD], detail[TAIL], k)
        return True

    def field(self, name: str) -> Any:
        """One of :data:`ROW_FIELDS` of the details."""
        return self._details()[_FIELD_AT[name]]

    def open_items(self) -> list[list[Any]]:
        """The open (neither kept nor waived) requirements of an active event, in the
        verdict's order, each ``[item, stage, owner, due (date.toordinal() or None),
        required, left (its stage was left), regression, tickable, fix, label (in the
        folder's language)]``: what the verdict says of them on every day; the day decides
        only their state (:func:`state_on`). Empty for a done or cancelled event."""
        return [self.expand(kept) for kept in self.field("open")]

    def open_kept(self) -> list[list[Any]]:
        """The open items as kept, ``[item number, due, flags, fix]`` (see :data:`LEFT`):
        cheap to filter by due date before :meth:`expand` makes each one whole."""
        return self.field("open")  # type: ignore[no-any-return]

    def item_of(self, kept: list[Any]) -> list[Any]:
        """``[id, stage, owner, required, label, {language: label}]`` of the workflow item
        ``kept`` is about (the labels in other languages where they differ)."""
        table = self.table
        if table is None:
            raise LookupError(f"{self.id}: the summary was read without its workflow's items")
        return table[kept[0]]  # type: ignore[no-any-return]

    def expand(self, kept: list[Any]) -> list[Any]:
        """One open item as kept, made whole (the positions O_ITEM … O_LABEL)."""
        item_id, stage, owner, required, label, _ = self.item_of(kept)
        _, due, flags, fix = kept
        if fix == "":
            fix = f"eventflow check {self.id} {item_id}"
        elif fix == WHY:
            fix = f"eventflow why {self.id}"
        else:
            fix = (self.fixes[fix] if isinstance(fix, int) else fix).replace("\0", self.id)
        return [item_id, stage, owner, due, required, flags & LEFT, flags & REGRESSION and 1,
                flags & TICKABLE and 1, fix, label]

    @property
    def warnings(self) -> list[str]:
        return read_warnings(self.detail[WARNINGS]) if self.detail is not None else []

    def row(self, today_iso: str) -> dict[str, Any]:
        """The summary exactly as :meth:`Engine.summary` gives it."""
        rest = dict(zip(ROW_FIELDS, self._details()[REST:], strict=True))
        return {
            "id": self.id, "title": rest["title"], "date": rest["date"],
            "region": rest["region"], "stage": rest["stage"],
            "stage_number": rest["stage_number"], "stages": rest["stages"],
            "done_in_stage": rest["done_in_stage"], "items_in_stage": rest["items_in_stage"],
            "blocking": rest["blocking"], "regressions": rest["regressions"],
            "status": rest["status"], "overdue": self.overdue(today_iso),
            "next_due": ({"item": rest["next_item"], "label": rest["next_label"],
                          "due": rest["next_due"]} if rest["next_due"] else None),
        }



class Entries(list[Entry]):
    """Entries with the listing lines they had when every one was right for the days ``d``
    with ``lo < d <= hi`` (:func:`day_key` text), as :func:`eventflow.index.entries` settles
    them or the index vouches for them: the listing for such a day takes those lines without
    testing each entry's own days, for as long as the list holds the same entries in the same
    order (:meth:`lines_on`). A day's line is made from the entry's details alone, so settling
    an entry for another day later does not make the kept line wrong for these days."""

    __slots__ = ("_hi", "_lines", "_lo", "_members")

    def __init__(self, entries: Iterable[Entry], lines: list[str], lo: str, hi: str) -> None:
        super().__init__(entries)
        if len(lines) != len(self):
            raise ValueError("one listing line per entry")
        self._members = list(self)
        self._lines = lines
        self._lo = lo
        self._hi = hi

    def lines_on(self, key: str) -> list[str] | None:
        """Every entry's listing line for the day ``key`` (:func:`day_key`), when the kept
        lines are right for it and the list is as it was made; else ``None``."""
        if self._lo < key <= self._hi and list.__eq__(self, self._members):
            return self._lines
        return None


def fill_line(head: str, tail: str, count: int) -> str:
    if count:
        return f"{head}{count:>7}{tail}"
    if tail:
        return f"{head}       {tail}"
    return head.rstrip()


def state_on(item: list[Any], day: int) -> str:
    """The judge's state of an open item (:meth:`Entry.open_items`) on the day ``day``
    (``date.toordinal()``): a required item open past its due date or whose stage was left
    is broken, open advice past its due date is not followed, anything else is not yet due."""
    due = item[O_DUE]
    late = due is not None and due < day
    if item[O_REQUIRED]:
        return BROKEN if item[O_LEFT] or late else NOT_DUE
    return ADVICE if late else NOT_DUE


def upcoming(entries: list[Entry], today: dt.date, days: int) -> list[dict[str, Any]]:
    """:meth:`Engine.upcoming` from the index: open items due within ``days`` of ``today``
    (and overdue ones) across every active event, from the entries' derived data."""
    horizon = (today + dt.timedelta(days=days)).toordinal()
    day = today.toordinal()
    rows = []
    for entry in entries:
        for kept in entry.open_kept():
            due = kept[1]
            if due is None or due > horizon:
                continue
            o = entry.expand(kept)
            rows.append({"event": entry.id, "item": o[O_ITEM], "stage": o[O_STAGE],
                         "label": o[O_LABEL], "owner": o[O_OWNER],
                         "due": dt.date.fromordinal(due).isoformat(), "overdue": due < day,
                         "required": bool(o[O_REQUIRED]), "state": state_on(o, day),
                         "regression": bool(o[O_REGRESSION]), "fix": o[O_FIX] or None})
    rows.sort(key=lambda r: (r["due"], r["event"], r["item"]))
    return rows
