"""Dates, times and amounts printed the way the interface language writes them (Babel, with the
Finnish conventions of each language: ``fi_FI``, ``sv_FI``, ``en_FI``).

    >>> import datetime as dt
    >>> day(dt.date(2027, 3, 18), "fi"), day(dt.date(2027, 3, 18), "sv")
    ('18.3.2027', '18.3.2027')
    >>> day(dt.date(2027, 3, 18), "en")
    '2027-03-18'
    >>> clock(dt.time(9, 15), "fi"), clock(dt.time(9, 15), "sv"), clock(dt.time(9, 15), "en")
    ('klo 9.15', 'kl. 9.15', '9.15')
    >>> euros(2250.5, "fi")
    '2\\xa0250,50\\xa0€'

Babel is imported on the first call only (``babel.dates`` takes some 50 ms to import, more
than a fast ``eventflow status``): call these where a date is printed, never at import time.
JSON output keeps ISO dates (``2027-03-18``); these are for people.
"""

from __future__ import annotations

import datetime as dt  # loaded on every path already (-X importtime of help, status, check)
import os
import sys
from typing import TYPE_CHECKING

from .datetext import day as day_text  # datetime and i18n only, both loaded already
from .i18n import _, pgettext  # 0.5 ms (-X importtime); loaded on every path already

if TYPE_CHECKING:
    from collections.abc import Callable

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}  # as datetext.LOCALES
_CLOCK_WORD = {"fi": "klo ", "sv": "kl. ", "en": ""}


def _lang(lang: str | None) -> str:
    return lang if lang in LOCALES else "en"


def day(value: dt.date | str, lang: str | None) -> str:
    """``18.3.2027`` (fi, sv) or ``2027-03-18`` (en: ISO, as the English interface always
    wrote them, and what scripts read). A text that is not an ISO date is returned as it is.
    (:func:`eventflow.datetext.day`, which the layers below this one use too.)"""
    return day_text(value, _lang(lang))


def clock(value: dt.time | dt.datetime, lang: str | None) -> str:
    """``klo 9.15`` (fi), ``kl. 9.15`` (sv), ``9.15`` (en)."""
    from babel.dates import format_time  # lazy: babel.dates costs 36 ms (-X importtime)

    lang = _lang(lang)
    return _CLOCK_WORD[lang] + format_time(value, "short", locale=LOCALES[lang])


def moment(value: dt.datetime, lang: str | None) -> str:
    """A day and a time: ``18.3.2027 klo 9.15``, ``2027-03-18 9.15``."""
    return f"{day(value.date(), lang)} {clock(value, lang)}"


def euros(value: float, lang: str | None) -> str:
    """``2 250,50 €``, with non-breaking spaces (as euros are written in Finland, in each of
    the three languages)."""
    # lazy: babel.numbers costs 13 ms after this module (-X importtime, median of 5)
    from babel.numbers import format_currency

    return format_currency(value, "EUR", locale=LOCALES[_lang(lang)])


HISTORY_TIME_ZONE = "Europe/Helsinki"  # the planning teams' clock; files keep UTC
_HISTORY_SHOWN = ("rev", "at", "by", "action", "from", "to", "item", "reason", "note",
                  "change_id", "applied", "ref")


def history_line(entry: dict[str, object], lang: str | None) -> str:
    """One history entry as people read it, in full: revision, local time (Helsinki), who,
    what, why (:func:`history_lines` of that entry alone).

    ``r7 30.11.2026 klo 13.05 leena reopen venue → partner_agreed — Hall double-booked``. The
    change id and other machine keys stay in ``history --json``."""
    return history_lines([entry], lang)[0]


def history_lines(entries: list[dict[str, object]], lang: str | None,
                  width: int | None = None) -> list[str]:
    """The history as people read it, an entry a line, its columns aligned: revision, local
    time (Helsinki), who, action, then what changed and why, and "(not applied)".

    Every value stays on its line (:func:`one_line`: a line break in a partner's agreement is
    shown as ``⏎``, an escape sequence as ``\\x1b``), so no value can forge an entry.
    ``width`` (a terminal's): revision, time, who and action are kept whole, and what changed
    is cut with "…" (:func:`cut_whole`: never inside a date), before the "(not applied)" mark
    when there is room for it; narrower than the four columns, names are cut with "…" too
    (down to four characters); ``None`` (``--wide``, a pipe): everything in full."""
    rows = [_history_cells(entry, lang) for entry in entries]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    # too narrow for the four columns and "…" of what changed: the names give way first, cut
    # with "…" down to _MIN_WHO characters (revision, time and action stay whole)
    over = sum(widths) + 4 + len(ELLIPSIS) - width if width is not None else 0
    if over > 0 and widths[2] > _MIN_WHO:
        widths[2] = max(_MIN_WHO, widths[2] - over)
        for row in rows:
            row[2] = shorten(row[2], widths[2])
    lines = []
    for row in rows:
        head = " ".join(cell.ljust(size) for cell, size in zip(row[:4], widths, strict=True))
        detail, mark = row[4], row[5]
        room = 0 if width is None else width - len(head) - 1
        if width is not None and detail and mark and room - len(mark) - 1 >= 1:
            detail = cut_whole(detail, room - len(mark) - 1)
        elif width is not None:  # no room for the mark whole: it is cut with the rest
            detail, mark = cut_whole(" ".join(p for p in (detail, mark) if p), max(room, 1)), ""
        lines.append(" ".join(part for part in (head, detail, mark) if part).rstrip())
    return lines


_MIN_WHO = 4  # characters of a name kept on a narrow terminal: "lee…"


def _history_cells(entry: dict[str, object], lang: str | None) -> list[str]:
    """A history entry's revision, time, who, action, details and "(not applied)" mark, each
    on one line (:func:`one_line`)."""
    # lazy: zoneinfo costs 6.8 ms after this module (-X importtime, median of 5); only the
    # history shows local times
    from zoneinfo import ZoneInfo

    at = str(entry.get("at") or "")
    when = at
    try:
        stamp = dt.datetime.fromisoformat(at)
    except ValueError:
        pass
    else:
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(ZoneInfo(HISTORY_TIME_ZONE))
        when = moment(stamp, lang)
    what = []
    if entry.get("from") is not None and entry.get("to") is not None:
        # stages as they are; the dates of a reschedule as the language writes them
        what.append(f"{one_line(day(str(entry['from']), lang))} → "
                    f"{one_line(day(str(entry['to']), lang))}")
    if entry.get("item"):
        what.append(one_line(entry["item"]))
    extra = [(key, value) for key, value in entry.items()
             if key not in _HISTORY_SHOWN and value not in ("", None, [], {})]
    if extra:
        words = _history_fields()
        what += [f"{one_line(words.get(key, key))} {one_line(_shown(value, lang))}"
                 for key, value in extra]
    detail = "; ".join(what)
    why = entry.get("reason") or entry.get("note") or ""
    if why:
        detail = f"{detail} — {one_line(why)}".lstrip()
    mark = _("(not applied)") if entry.get("applied") is False else ""
    return [f"r{one_line(entry.get('rev', '?'))}", one_line(when), one_line(entry.get("by", "")),
            one_line(entry.get("action", "")), detail, mark]


def local_moment(at: object, lang: str | None) -> str:
    """A moment eventflow keeps in ISO (``2026-11-30T16:32:05+00:00``: an output's
    ``made_at``, a conflict's ``ours_at``) as :func:`moment` writes it, on the planning team's
    clock (Helsinki); a day alone (``2027-03-18`` or a date) as :func:`day` writes it; anything
    else as it is."""
    from zoneinfo import ZoneInfo  # lazy: 6.8 ms, as in history_line

    if isinstance(at, dt.datetime):
        stamp = at
    elif isinstance(at, dt.date) or len(str(at)) == 10:
        return day(at if isinstance(at, dt.date) else str(at), lang)
    else:
        try:
            stamp = dt.datetime.fromisoformat(str(at))
        except ValueError:
            return str(at)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(ZoneInfo(HISTORY_TIME_ZONE))
    return moment(stamp, lang)


def _shown(value: object, lang: str | None) -> object:
    """A value a history entry keeps, as people read it: an ISO date (``2027-03-18``) and a
    time of day (``10:15``) as the language writes them (fi, sv: ``klo 10.15``), a list of
    words as a list (``email, name``), anything else as it is kept."""
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return ", ".join(str(v) for v in value)
    if not isinstance(value, str):
        return value
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return day(value, lang)
    if lang in ("fi", "sv") and len(value) in (4, 5) and value[-3] == ":":
        try:
            return clock(dt.time.fromisoformat(value.zfill(5)), lang)
        except ValueError:
            return value
    return value


def _history_fields() -> dict[str, str]:
    """The field keys a history entry may hold, in the interface language (a key not named
    here is shown as it is kept)."""
    return {
        "amount": pgettext("history field", "amount"),
        "category": pgettext("history field", "category"),
        "changes": pgettext("history field", "changes"),
        "conflicts": pgettext("history field", "conflicts"),
        "cost": pgettext("history field", "cost"),
        "date": pgettext("history field", "date"),
        "dimensions": pgettext("history field", "dimensions"),
        "field": pgettext("history field", "field"),
        "fields": pgettext("history field", "fields"),
        "kind": pgettext("history field", "kind"),
        "line": pgettext("history field", "line"),
        "name": pgettext("history field", "name"),
        "organiser": pgettext("history field", "organiser"),
        "overlaps": pgettext("history field", "overlaps"),
        "partner": pgettext("history field", "partner"),
        "people": pgettext("history field", "people"),
        "person": pgettext("history field", "person"),
        "regressions": pgettext("history field", "regressions"),
        "responses": pgettext("history field", "responses"),
        "role": pgettext("history field", "role"),
        "slot": pgettext("history field", "slot"),
        "source": pgettext("history field", "source"),
        "split": pgettext("history field", "split"),
        "start": pgettext("history field", "start"),
        "take": pgettext("history field", "take"),
        "text": pgettext("history field", "text"),
        "title": pgettext("history field", "title"),
        "topic": pgettext("history field", "topic"),
        "type": pgettext("history field", "type"),
        "value": pgettext("history field", "value"),
        "workflow": pgettext("history field", "workflow"),
    }


def clean(text: object) -> str:
    """Text safe for a terminal: control characters (escape sequences) shown, not obeyed."""
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}"
                   for ch in str(text))


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
LINE_BREAK = "⏎"


def one_line(text: object) -> str:
    """``text`` as one line that is safe on a terminal: a line break (``\\n``, ``\\r\\n``,
    ``\\r``, U+2028 …) shown as ``⏎``; every other control or format character (C0, DEL, C1,
    escape sequences, bidirectional overrides) as its code (``\\x1b``, ``\\u202e``). Spaces
    (a non-breaking one too) stay. For a value that must not break or forge a line."""
    shown = []
    for ch in str(text).replace("\r\n", "\n"):
        if ch in _LINE_BREAKS:
            shown.append(LINE_BREAK)
        elif ch.isprintable() or (ch.isspace() and ch >= "\xa0"):
            shown.append(ch)
        else:
            code = ord(ch)
            shown.append(f"\\x{code:02x}" if code < 0x100 else
                         f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(shown)


# fitting the terminal -----------------------------------------------------------------------
# Lines for people are cut to the terminal's width with "…" (a cell at a time in tables); a
# date is never cut. Output to a pipe or a file, and ``--wide``, keep every cell in full.
ELLIPSIS = "…"


def terminal_width(out: object, wide: bool = False) -> int | None:
    """The width to fit lines written to ``out`` to: the terminal's columns
    (:func:`terminal_columns`) when ``out`` is a terminal; ``None`` (cells in full) when it is
    not or when ``wide`` is set (``--wide``)."""
    if wide:
        return None
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        return None
    return max(terminal_columns(), 20)


def terminal_columns() -> int:
    """The terminal's columns as ``shutil.get_terminal_size().columns`` gives them:
    ``COLUMNS`` when set, else the size of the terminal of ``sys.__stdout__``, else 80.

    ``shutil`` itself answers when it is imported already. Else its rule is followed here,
    because importing shutil brings zlib, bz2, lzma and fnmatch: 4.2 ms after click (best of 9,
    ``python -X importtime``, 2026-11-30), a sixth of what eventflow may add to ``import click``
    for ``--help`` and completion (bench P1, P12), and more than the whole front door's
    ``status``. tests/test_terminal_width.py holds the two equal."""
    if "shutil" in sys.modules:
        return int(sys.modules["shutil"].get_terminal_size().columns)
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def shorten(text: str, width: int | None) -> str:
    """``text`` in at most ``width`` characters: cut with "…" after its last whole word when
    one ends in the last third, else inside the word. ``None``: ``text`` as it is."""
    if width is None or len(text) <= width:
        return text
    if width < 2:
        return ELLIPSIS[:width]
    kept = text[:width - 1]
    space = kept.rfind(" ")
    if space > max(width * 2 // 3, len(kept) - len(kept.lstrip())):
        kept = kept[:space]
    return kept.rstrip() + ELLIPSIS


def cut_whole(text: str, width: int | None) -> str:
    """:func:`shorten`, but never inside a date, a time or a number (``2027-03-18``,
    ``18.3.2027``, ``13.05``): one the cut would fall in is left out whole."""
    short = shorten(text, width)
    kept = len(short) - len(ELLIPSIS)
    if short == text or not 0 < kept < len(text):
        return short
    if text[kept].isspace() or text[kept - 1].isspace():
        return short  # cut between words
    start = text.rfind(" ", 0, kept) + 1
    end = text.find(" ", kept)
    word = text[start:len(text) if end < 0 else end].strip(";,()")
    if any(ch.isdigit() for ch in word) and all(ch.isdigit() or ch in ".:-/" for ch in word):
        return text[:start].rstrip() + ELLIPSIS
    return short


def wrap(text: str, width: int | None) -> str:
    """``text`` (one line) in lines of at most ``width`` characters, broken between words
    only (a longer word stands on its own line), the next lines indented two more spaces than
    the first. For prose, where nothing may be lost; ``None``: ``text`` as it is."""
    if width is None or len(text) <= width:
        return text
    # lazy: textwrap costs 2.0 ms after this module (-X importtime, median of 5; 1.5-3.4);
    # status and why load it only for a line wider than the terminal
    import textwrap

    lead = len(text) - len(text.lstrip(" "))
    return textwrap.fill(text.strip(), width, initial_indent=" " * lead,
                         subsequent_indent=" " * (lead + 2), break_long_words=False,
                         break_on_hyphens=False)


def fit_lines(text: str, width: int | None) -> str:
    """Every line of ``text`` cut to ``width`` with :func:`shorten`."""
    if width is None:
        return text
    return "\n".join(shorten(line, width) for line in text.split("\n"))


def fit_table(rows: list[list[str]], width: int, *, right: frozenset[int] = frozenset(),
              shrink: tuple[tuple[int, int], ...] = (), drop: tuple[int, ...] = (),
              paint: Callable[[int, int, str], str] | None = None) -> list[str]:
    """Rows of cells (the first row the headings) as lines of at most ``width`` characters.

    Each column is as wide as its widest cell. While the table is too wide: columns with no
    text under their heading are left out, then the columns of ``shrink`` (``(column,
    narrowest)``, in that order) give up characters, their cells cut with "…"; then the
    columns of ``drop`` are left out, in that order, until the table fits; columns that still
    do not fit are left out from the right, and a line that had text in a column left out ends
    with "…". ``right``: columns aligned right. ``paint(row, column, padded_cell)`` styles a cell
    (colour) after it is measured. Columns are numbered as in ``rows`` throughout."""
    if not rows:
        return []
    columns = list(range(len(rows[0])))
    widths = {i: max(len(row[i]) for row in rows) for i in columns}

    def total() -> int:
        return sum(widths[i] for i in columns) + len(columns) - 1

    if total() > width:
        columns = [i for i in columns if any(row[i] for row in rows[1:])] or columns[:1]
    for column, narrowest in shrink:
        excess = total() - width
        if excess <= 0:
            break
        if column in columns:
            widths[column] -= max(0, min(widths[column] - narrowest, excess))
    for column in drop:  # leaving room for " …"
        if total() <= width - 2:
            break
        if column in columns and len(columns) > 1:
            columns.remove(column)
    if total() > width:  # the columns that fit whole, leaving room for " …"
        end = widths[columns[0]]
        for at, i in enumerate(columns[1:], 1):
            end += 1 + widths[i]
            if end > width - 2:
                columns = columns[:at]
                break
    hidden = [i for i in range(len(rows[0])) if i not in columns]
    lines = []
    for r, row in enumerate(rows):
        cells = []
        for i in columns:
            cell = shorten(row[i], widths[i])
            cell = cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            cells.append(paint(r, i, cell) if paint else cell)
        line = " ".join(cells).rstrip()
        if any(row[i] for i in hidden if any(rows[k][i] for k in range(1, len(rows)))):
            line += " " + ELLIPSIS
        lines.append(line)
    return lines
