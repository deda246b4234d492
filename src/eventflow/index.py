"""Per-event summaries for `eventflow status` over many events: a cache that can never lie.

``status`` without an event lists every event. Parsing thousands of TOML files on every call is
slow (about a millisecond each), so the summaries are kept in ``<planning>/.eventflow/index.txt``
and each one is checked against its file with a single ``stat``:

* The cache holds nothing that is not in the event files: deleting ``.eventflow/`` loses
  nothing; the next ``status`` rebuilds it. The folder ignores itself (``.eventflow/.gitignore``
  holds ``*``), so it never reaches git.
* An entry is used only while its file has the same inode, size, mtime and ctime as when it
  was summarised. ``eventflow`` replaces files atomically (a new inode each write); a hand edit
  or a ``git pull`` changes mtime and ctime. A file changed within :data:`RACY_NS` of the index
  being written is "racy" (a second change within one timestamp tick would keep its stat, as
  git knows): such an entry is used only if a digest of the file's bytes still matches.
* Whatever else a summary depends on keys the whole cache: eventflow's version and code, the
  workflow files, the bytes of ``eventflow.toml`` (language, active plugins), the plugin
  environment controls and the files active plugins were loaded from. Anything different
  rebuilds every entry.
* Overdue counts depend on today's date, so entries keep the due dates of open items; each
  also keeps its listing line with the days it is right for (the count of open items due
  before today changes only on the days items fall due).
* Many changed files are parsed in parallel, one process per core.

The file is text: a JSON header line, then sections with one line per event each (ids, stat
keys, listing rows, records, JSON details). When nothing changed, ``status`` reads the first
three only, with one ``stat`` per event and without importing the engine
(:func:`cached_listing`); anything unexpected falls back to the engine, which re-summarises
what changed and rewrites the file. A damaged or foreign file is simply rebuilt; nothing in it
is ever executed or unpickled.

``status EVENT`` is answered the same way: what it printed last time, but for the parts that
depend on the day, is kept in ``.eventflow/views/<id>.json`` (never read by the listing) with
the same keys (the file's stat, ``context``, ``deps``) and read without the engine
(:func:`cached_status`). It is kept only when no third-party plugin is active and nothing it
depends on changed within :data:`RACY_NS` of the moment the engine started reading.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .cachekeys import (
    EVENT_FILE,
    EVENTS_DIR,
    INDEX_DIR,
    INDEX_FORMAT,
    deps_unchanged,
    folder_context,
    make_cache_dir,
    resolve_quick,
    stat_key,
    write_cache,
)
from .folder import SETTINGS_FILE, planning_folder

if TYPE_CHECKING:
    from pathlib import Path

    from .engine import Engine
    from .event import Event

INDEX_FILE = "index.txt"
RACY_NS = 2_000_000_000
PARALLEL_MIN = 48

def bisect_left(values: list[int], value: int) -> int:
    """:func:`bisect.bisect_left`, imported when first needed (the quick ``check`` never
    needs it; quick.py)."""
    from bisect import bisect_left as search

    return search(values, value)


def day_key(day: dt.date) -> str:
    """A day as text that sorts as dates do (``date.toordinal()``, seven digits)."""
    return f"{day.toordinal():07d}"

Key = str  # "inode size mtime_ns ctime_ns" of the event file

# positions in an entry's details (one JSON array per event)
_HEAD, _TAIL, _DUES, _WARNINGS, _REST = 0, 1, 2, 3, 4
_ROW_FIELDS = ("revision", "title", "date", "region", "stage", "stage_number", "stages",
               "done_in_stage", "items_in_stage", "blocking", "next_item", "next_label",
               "next_due", "regressions", "status")


class Entry:
    """One event's summary, valid while its file's ``key`` is unchanged.

    ``line`` is its listing line (without colour) and ``count`` its number of overdue open
    items on every day ``d`` with ``lo < d <= hi`` (days as :func:`day_key` text, which
    compares as the dates do); other days are computed from ``detail``, which holds the rest.
    """

    __slots__ = ("id", "key", "digest", "lo", "hi", "count", "cut", "line", "detail",
                 "regressions")

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

    def _details(self) -> list[Any]:
        if self.detail is None:
            raise LookupError(f"{self.id}: the summary was read without its details")
        return self.detail

    def overdue_on(self, day: dt.date) -> int:
        """Open items due before ``day``."""
        key = day_key(day)
        if self.lo < key <= self.hi:
            return self.count
        return bisect_left(self._details()[_DUES], day.toordinal())

    def overdue(self, today_iso: str) -> int:
        return self.overdue_on(dt.date.fromisoformat(today_iso))

    def render(self, day: dt.date) -> tuple[int, str, int]:
        """(overdue count, listing line, where the overdue column starts) on ``day``."""
        if self.lo < day_key(day) <= self.hi:
            return self.count, self.line, self.cut
        detail = self._details()
        count = bisect_left(detail[_DUES], day.toordinal())
        return count, _line(detail[_HEAD], detail[_TAIL], count), len(detail[_HEAD])

    def settle(self, day: dt.date) -> bool:
        """Make ``line`` the one for ``day``; return whether anything changed."""
        if self.lo < day_key(day) <= self.hi:
            return False
        detail = self._details()
        dues = detail[_DUES]
        k = bisect_left(dues, day.toordinal())
        self.lo = f"{dues[k - 1]:07d}" if k else "0000000"
        self.hi = f"{dues[k]:07d}" if k < len(dues) else "9999999"
        self.count = k
        self.cut = len(detail[_HEAD])
        self.line = _line(detail[_HEAD], detail[_TAIL], k)
        return True

    @property
    def warnings(self) -> list[str]:
        return list(self.detail[_WARNINGS]) if self.detail is not None else []

    def row(self, today_iso: str) -> dict[str, Any]:
        """The summary exactly as :meth:`Engine.summary` gives it."""
        rest = dict(zip(_ROW_FIELDS, self._details()[_REST:]))
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


# listing ----------------------------------------------------------------------------------------
HEADER = (f"{'EVENT':<28} {'DATE':<10}  {'STAGE':<20} {'ITEMS':>5}  {'REGRESS':>7}  "
          f"{'OVERDUE':>7}  NEXT DUE\n")
_RED, _RESET = "\x1b[31m", "\x1b[0m"
_CHUNK = 4096


def _clean(text: str) -> str:
    if text.isprintable():
        return text
    from .cli import clean

    return clean(text)


def _line(head: str, tail: str, count: int) -> str:
    if count:
        return f"{head}{count:>7}{tail}"
    if tail:
        return f"{head}       {tail}"
    return head.rstrip()


def line_parts(event_id: str, date: str, stage: str, stage_number: int, stages: int,
               progress: str, next_item: str, next_due: str,
               regressions: int = 0) -> tuple[str, str]:
    """The fixed parts of a listing line, before and after the overdue column."""
    stage_text = f"{stage_number}/{stages} {stage}"
    regress = str(regressions) if regressions else ""
    head = _clean(f"{event_id:<28} {date}  {stage_text:<20} {progress:>5}  {regress:>7}  ")
    tail = _clean(f"  {next_due} {next_item}") if next_due else ""
    return head, tail


def use_colour(out: IO[str]) -> bool:
    """Colour only on a terminal that supports it, and never when ``NO_COLOR`` is set."""
    if os.environ.get("NO_COLOR") is not None or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def write_listing(entries: Iterable[Entry], today: dt.date, out: IO[str],
                  colour: bool | None = None) -> int:
    """Stream the plain-text listing of ``entries``; return the number of rows written."""
    if colour is None:
        colour = use_colour(out)
    key = day_key(today)
    if not colour:  # the usual case: each row as it was rendered for today
        every = entries if isinstance(entries, list) else list(entries)
        for start in range(0, len(every), _CHUNK):
            chunk = [e.line if e.lo < key <= e.hi else e.render(today)[1]
                     for e in every[start:start + _CHUNK]]
            out.write((HEADER if not start else "") + "\n".join(chunk) + "\n")
        return len(every)
    rows: list[str] = []
    n = 0
    for entry in entries:
        if entry.lo < key <= entry.hi:
            count, line, cut = entry.count, entry.line, entry.cut
        else:
            count, line, cut = entry.render(today)
        if colour and count:
            line = f"{line[:cut]}{_RED}{line[cut:cut + 7]}{_RESET}{line[cut + 7:]}"
        rows.append(line)
        if len(rows) == _CHUNK:
            out.write((HEADER if not n else "") + "\n".join(rows) + "\n")
            n += len(rows)
            rows.clear()
    if rows:
        out.write((HEADER if not n else "") + "\n".join(rows) + "\n")
        n += len(rows)
    return n


# summarising one event --------------------------------------------------------------------------
def summarize(engine: Engine, event: Event, key: Key | None = None, digest: str = "",
              day: dt.date | None = None, since: int | None = None) -> Entry:
    """Evaluate ``event`` once and keep what every later ``status`` needs, whatever the day.

    The entry keeps the warnings raised from position ``since`` of ``engine.warnings`` on
    (default: from now), so that what loading the file noticed is kept with it."""
    before = len(engine.warnings) if since is None else since
    # the verdict's day-dependent states are not kept: only what holds on any day, and the
    # due dates of the open items, from which each day's overdue count is made
    verdict = engine.judge(event, day or dt.date.today(), vetoes=False)
    summary = engine.summary_of(event, verdict)
    active = verdict.status == "active"
    dues = sorted(r.due.toordinal() for r in verdict.requirements
                  if active and not r.met and r.due is not None)
    nxt = summary["next_due"]
    stage = event.stage
    date = event.date.isoformat()
    next_item = nxt["item"] if nxt else ""
    next_due = nxt["due"] if nxt else ""
    done, items = summary["done_in_stage"], summary["items_in_stage"]
    progress = f"{done}/{items}" if active else ""
    number, stages = summary["stage_number"], summary["stages"]
    head, tail = line_parts(event.id, date, stage, number, stages, progress, next_item,
                            next_due, summary["regressions"])
    detail = [head, tail, dues, list(engine.warnings[before:]), event.revision, event.title,
              date, event.region, stage, number, stages, done, items, summary["blocking"],
              next_item, nxt["label"] if nxt else "", next_due, summary["regressions"],
              verdict.status]
    entry = Entry(event.id, key, digest, "1", "0", 0, len(head), "", detail,
                  summary["regressions"])
    entry.settle(day or dt.date.today())
    return entry


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _summarize_file(engine: Engine, event_id: str, key: Key, day: dt.date | None) -> Entry:
    before = len(engine.warnings)
    event, raw = engine.project.load_with_bytes(event_id)
    return summarize(engine, event, key, _digest(raw), day, before)


# the cache --------------------------------------------------------------------------------------
def index_path(root: Path) -> Path:
    return root / INDEX_DIR / INDEX_FILE


def _key(st: os.stat_result) -> Key:
    return f"{st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def scan(events_dir: Path) -> tuple[list[tuple[str, Key, int]], list[str]]:
    """Every event id with the stat key of its file and folder and their newest timestamp,
    sorted (two ``stat`` calls per event); and the names in ``events/`` that hold no event
    file."""
    found = []
    other = []
    try:
        entries = os.scandir(events_dir)
    except FileNotFoundError:
        return [], []
    stat = os.stat
    with entries:
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                st = stat(f"{e.path}/{EVENT_FILE}")
                # the folder's own mtime changes when a file appears next to event.toml, such
                # as a sync tool's conflicted copy, which status must report
                folder_mtime = e.stat().st_mtime_ns
            except (FileNotFoundError, NotADirectoryError):
                other.append(e.name)
                continue
            found.append((e.name, f"{_key(st)} {folder_mtime}",
                          max(st.st_mtime_ns, st.st_ctime_ns, folder_mtime)))
    found.sort()
    other.sort()
    return found, other


def _deps(engine: Engine, active_plugins: bool) -> list[list[Any]]:
    """The files a summary is computed from, other than the event file: eventflow's code and
    built-in workflows, the folder's settings and workflows, pinned workflow copies, and the
    code of active plugins."""
    from pathlib import Path

    package = Path(__file__).resolve().parent
    paths: set[str] = {str(package), str(package / "default_plugins"),
                       str(package / "workflows")}
    for folder in (package, package / "default_plugins", package / "workflows"):
        with os.scandir(folder) as it:
            paths.update(e.path for e in it if e.name.endswith((".py", ".toml")))
    root = engine.project.root
    paths.update({str(root / SETTINGS_FILE), str(root / "workflows"),
                  str(engine.project.events_dir / ".workflows")})
    paths.update(str(p) for p in engine.workflow_files.values())
    # also those skipped for a problem that a fix may remove
    with contextlib.suppress(OSError), os.scandir(root / "workflows") as it:
        paths.update(e.path for e in it if e.name.endswith(".toml"))
    if active_plugins:
        for plugin in engine.pm.get_plugins():
            module = sys.modules.get(getattr(plugin, "__module__", "") or "") \
                if not hasattr(plugin, "__file__") else plugin
            file = getattr(module, "__file__", None)
            if file:
                paths.add(file)
        paths.update(p for p in sys.path if p and os.path.isdir(p))
    return [[p, *stat_key(p)] for p in sorted(paths)]


def _effective_plugins(active: list[str]) -> list[str]:
    def env_list(name: str) -> set[str] | None:
        value = os.environ.get(name)
        return None if value is None else {p.strip() for p in value.split(",") if p.strip()}

    allow = env_list("EVENTFLOW_LOAD_PLUGINS")
    block = env_list("EVENTFLOW_DISABLED_PLUGINS") or set()
    return sorted(n for n in set(active) if (allow is None or n in allow) and n not in block)


class _Index:
    """The parsed file: header, entries, and the modification time of the file."""

    def __init__(self, header: dict[str, Any], entries: list[Entry], mtime: int) -> None:
        self.header = header
        self.entries = entries
        self.mtime = mtime


# The file: a JSON header line, then five sections, one line per event in id order each:
# ids, stat keys, listing lines (for the days in header["window"]), records (lo, hi, count,
# cut, digest; tab-separated) and details (JSON). header["sizes"] gives each section's bytes,
# so that a warm `status` reads the first three only and handles them as whole strings.
_SECTIONS = ("ids", "keys", "lines", "records", "details")


def _header(raw: bytes) -> dict[str, Any] | None:
    try:
        header = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("format") != INDEX_FORMAT:
        return None
    shapes = {"context": list, "deps": list, "events": list, "other": list, "warnings": list,
              "n": int, "sizes": list, "window": list, "newest": int, "overdue": bool}
    if not all(isinstance(header.get(k), t) for k, t in shapes.items()) \
            or len(header["sizes"]) != len(_SECTIONS):
        return None
    return header


def _section(fh: IO[bytes], size: int, n: int) -> list[str]:
    lines = fh.read(size).decode("utf-8").split("\n")
    if len(lines) != n + 1 or lines[-1]:
        raise ValueError("truncated index section")
    del lines[-1]
    return lines


def _entries(ids: list[str], keys: list[str] | None, lines: list[str],
             records: list[str]) -> list[Entry]:
    found = []
    every_key: list[str | None] = list(keys) if keys is not None else [None] * len(ids)
    for event_id, key, line, record in zip(ids, every_key, lines, records):
        lo, hi, count, cut, digest, regressions = record.split("\t")
        found.append(Entry(event_id, key, digest, lo, hi, count, cut, line,
                           regressions=regressions))
    return found


def _details(fh: IO[bytes], size: int, entries: list[Entry]) -> None:
    for entry, raw in zip(entries, _section(fh, size, len(entries)), strict=True):
        detail = json.loads(raw)
        if not (isinstance(detail, list) and len(detail) == _REST + len(_ROW_FIELDS)
                and isinstance(detail[_DUES], list)):
            raise ValueError("bad details")
        from itertools import accumulate

        detail[_DUES] = list(accumulate(detail[_DUES]))  # stored as differences
        entry.detail = detail


def _load(path: Path) -> _Index | None:
    try:
        with open(path, "rb") as fh:
            mtime = os.fstat(fh.fileno()).st_mtime_ns
            header = _header(fh.readline())
            if header is None:
                return None
            n, sizes = header["n"], header["sizes"]
            ids, keys, lines, records = (_section(fh, size, n) for size in sizes[:4])
            found = _entries(ids, keys, lines, records)
            _details(fh, sizes[4], found)
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return None
    return _Index(header, found, mtime)


def _storable(entry: Entry) -> bool:
    return entry.id.isprintable() and entry.line.isprintable()


def _save(path: Path, header: dict[str, Any], entries: list[Entry]) -> None:
    """Write the index; a folder we cannot write to just keeps no cache."""
    kept = [e for e in entries if _storable(e)]
    details = []
    for e in kept:
        detail = list(e._details())
        dues = detail[_DUES]
        detail[_DUES] = [b - a for a, b in zip([0, *dues], dues)]
        details.append(json.dumps(detail, ensure_ascii=False, separators=(",", ":")))
    sections = [
        "".join(f"{e.id}\n" for e in kept),
        "".join(f"{e.key}\n" for e in kept),
        "".join(f"{e.line}\n" for e in kept),
        "".join(f"{e.lo}\t{e.hi}\t{e.count}\t{e.cut}\t{e.digest}\t{e.regressions}\n"
                for e in kept),
        "".join(f"{d}\n" for d in details),
    ]
    data = [section.encode("utf-8") for section in sections]
    window = [max((e.lo for e in kept), default="0000000"),
              min((e.hi for e in kept), default="9999999")]
    header = {**header, "format": INDEX_FORMAT, "n": len(kept), "window": window,
              "overdue": any(e.count or e.regressions for e in kept),
              "sizes": [len(d) for d in data]}
    try:
        make_cache_dir(path.parent)
    except OSError:
        return
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_cache(path, [head + b"\n", *data])


def find_root(directory: str | None) -> Path | None:
    """The planning folder a command will use (:func:`eventflow.folder.planning_folder`), or
    ``None`` (the engine then says what is wrong)."""
    from pathlib import Path

    root = planning_folder(directory)
    return Path(root) if root is not None else None


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

    def write(self, today: dt.date, out: IO[str], colour: bool | None = None) -> int:
        """Stream the listing; the rendered rows are written as they are when they can be."""
        if colour is None:
            colour = use_colour(out)
        if self._entries is None and not colour and self.n:
            out.write(HEADER)
            out.write(self.text)
            return self.n
        return write_listing(self.entries, today, out, colour)

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
    events_dir = f"{root}/{EVENTS_DIR}"
    index_file = f"{root}/{INDEX_DIR}/{INDEX_FILE}"
    try:
        with open(index_file, "rb") as fh:
            racy_line = os.fstat(fh.fileno()).st_mtime_ns - RACY_NS
            header = _header(fh.readline())
            if header is None or header["context"] != folder_context(root):
                return None
            if not deps_unchanged(header["deps"]):
                return None
            folder = stat_key(events_dir)  # events added or removed change it
            if folder != header["events"] or max(folder[1:]) >= racy_line:
                return None
            for name in header["other"]:
                if os.path.exists(f"{events_dir}/{name}/{EVENT_FILE}"):
                    return None
            low, high = header["window"]  # every row is right for these days
            if not low < day_key(today) <= high or header["newest"] >= racy_line:
                return None  # (unchanged files keep their timestamps: none is racy)
            n, sizes = header["n"], header["sizes"]
            ids = _section(fh, sizes[0], n)
            keys = fh.read(sizes[1]).decode("utf-8")
            stat = os.stat
            now = []
            for event_id in ids:
                folder_path = f"{events_dir}/{event_id}"
                st = stat(f"{folder_path}/{EVENT_FILE}")
                now.append(f"{st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} "
                           f"{stat(folder_path).st_mtime_ns}\n")
            if "".join(now) != keys:
                return None
            del now, keys
            text = fh.read(sizes[2]).decode("utf-8")
            if details:
                lines = text.split("\n")[:-1]
                found = _entries(ids, None, lines, _section(fh, sizes[3], n))
                _details(fh, sizes[4], found)
                return Listing(found, list(dict.fromkeys(header["warnings"])))
            offset = fh.tell()
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return None

    def make() -> list[Entry]:  # only for colour: the records, read again from the same file
        with open(index_file, "rb") as fh:
            fh.seek(offset)
            return _entries(ids, None, text.split("\n")[:-1], _section(fh, sizes[3], n))

    return Listing(None, list(dict.fromkeys(header["warnings"])), text=text, n=n,
                   overdue=header["overdue"], make=make)


def status_listing(directory: str | None, today: dt.date, make_engine: Callable[[], Engine],
                   details: bool = False) -> Listing:
    """What ``eventflow status`` lists, and the warnings to show: from the index alone when
    nothing changed, else through the engine (which refreshes the index)."""
    quick = cached_listing(directory, today, details)
    if quick is not None:
        return quick
    engine = make_engine()
    found = entries(engine, today)
    warnings = list(dict.fromkeys(engine.warnings))
    engine.warnings.clear()
    return Listing(found, warnings)


def entries(engine: Engine, today: dt.date | None = None) -> list[Entry]:
    """A summary entry, with its details, for every event of the folder, sorted by id, fresh.

    Listing lines are made right for ``today`` (default: the real today) and kept so.
    """
    day = today or dt.date.today()
    if engine._pm is not None:  # a plugin manager made by the caller: nothing to key on
        return [summarize(engine, engine.project.load(i), day=day)
                for i in engine.project.event_ids()]
    root = engine.project.root
    path = index_path(root)
    context = folder_context(root)
    scanned, other = scan(engine.project.events_dir)
    index = _load(path)
    if index is not None and (index.header["context"] != context
                              or not deps_unchanged(index.header["deps"])):
        index = None
    old = {e.id: e for e in index.entries} if index is not None else {}
    fresh: dict[str, Entry] = {}
    todo: list[tuple[str, Key]] = []
    folder = stat_key(str(engine.project.events_dir))
    changed = index is None or len(old) != len(scanned) or index.header["events"] != folder \
        or index.header["other"] != other or max(folder[1:]) >= index.mtime - RACY_NS
    racy_line = index.mtime - RACY_NS if index is not None else 0
    for event_id, key, newest in scanned:
        entry = old.get(event_id)
        if entry is None or entry.key != key:
            todo.append((event_id, key))
            continue
        if newest >= racy_line:  # changed too close to the index write to trust its stat
            try:
                raw = engine.project.event_path(event_id).read_bytes()
            except OSError:
                raw = b""
            if _digest(raw) != entry.digest:
                todo.append((event_id, key))
                continue
            changed = True
        fresh[event_id] = entry
    if index is not None:
        engine.warnings.extend(w for w in index.header.get("context_warnings", [])
                               if w not in engine.warnings)
    if todo:
        changed = True
        before = len(engine.warnings)
        engine.registry  # noqa: B018  (loaded once here, inherited by worker processes)
        context_warnings = engine.warnings[before:]
        for entry in _summarize_all(engine, todo, day):
            fresh[entry.id] = entry
    else:
        context_warnings = list(index.header.get("context_warnings", [])) \
            if index is not None else []
    result = [fresh[event_id] for event_id, _, _ in scanned]
    for entry in result:
        changed = entry.settle(day) or changed
        for warning in entry.warnings:
            if warning not in engine.warnings:
                engine.warnings.append(warning)
    if changed and context is not None:
        settings = engine.project.settings
        deps = list(index.header["deps"]) if index is not None and not todo else \
            _deps(engine, bool(_effective_plugins(settings.active_plugins)))
        every = list(dict.fromkeys([*context_warnings,
                                    *(w for e in result for w in e.warnings)]))
        newest = max((n for _, _, n in scanned), default=0)
        _save(path, {"context": context, "deps": deps, "events": folder, "other": other,
                     "newest": newest,
                     "context_warnings": context_warnings, "warnings": every}, result)
    return result


def summaries(engine: Engine, today: dt.date) -> list[dict[str, Any]]:
    """Every event's summary (as :meth:`Engine.summary` gives it), sorted by id."""
    today_iso = today.isoformat()
    return [entry.row(today_iso) for entry in entries(engine, today)]


# parsing in parallel ----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _worker_init(root: str | None) -> None:
    if root is not None:  # a fresh interpreter (spawn): build the engine again
        from pathlib import Path

        from .engine import Engine
        from .store import Project

        _WORKER["engine"] = Engine(Project(Path(root)))


def _worker_chunk(chunk: list[tuple[str, Key]], day: dt.date) -> list[Any]:
    engine = _WORKER["engine"]
    out: list[Any] = []
    for event_id, key in chunk:
        try:
            out.append(_summarize_file(engine, event_id, key, day))
        except Exception:  # raised again, with its own type and message, in the parent
            out.append(event_id)
    return out


def _summarize_all(engine: Engine, todo: list[tuple[str, Key]], day: dt.date
                   ) -> Iterator[Entry]:
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_MIN or workers < 2:
        for event_id, key in todo:
            yield _summarize_file(engine, event_id, key, day)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context: multiprocessing.context.BaseContext
    if "fork" in methods and sys.platform == "linux":
        context = multiprocessing.get_context("fork")
        _WORKER["engine"] = engine  # inherited, registry and all
        root = None
    else:
        context = multiprocessing.get_context()
        root = str(engine.project.root)
    size = max(16, min(256, len(todo) // (workers * 6) or 1))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    failed: list[str] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                                 initargs=(root,)) as pool:
            for results in pool.map(_worker_chunk, chunks, [day] * len(chunks)):
                for item in results:
                    if isinstance(item, str):
                        failed.append(item)
                    else:
                        yield item
    finally:
        _WORKER.pop("engine", None)
    for event_id in failed:  # the first bad file raises its own error, as without the index
        key = next(k for i, k in todo if i == event_id)
        yield _summarize_file(engine, event_id, key, day)


# one event: `eventflow status EVENT` ------------------------------------------------------------
# What `status EVENT` prints depends on the event file, on what every summary depends on
# (``_context`` and ``_deps``) and on the day. Its day-independent part, the "view", is kept in
# ``.eventflow/views/<id>.json`` (a file the listing never reads), keyed like an index entry, and
# only when no third-party plugin is active: their checks and vetoes may depend on anything.
# Both paths print the view through :func:`render_status`, so they print the same bytes.
VIEWS_DIR = "views"
VIEW_FORMAT = 2


def status_view(engine: Engine, event: Event) -> dict[str, Any]:
    """Everything ``eventflow status EVENT`` prints (``text`` and ``json``), except what
    depends on the day: item lines keep the due date of an open item (``[line, due]``, as
    ``date.toordinal()``), ``dues`` those of every open item (for the overdue count)."""
    from .cli import clean

    workflow = engine.workflow_for(event)
    verdict = engine.judge(event, dt.date.min)  # what depends on the day is made per day
    active = verdict.status == "active"
    by_stage: dict[str, list[Any]] = {}
    for r in verdict.requirements:
        by_stage.setdefault(r.item.stage, []).append(r)
    summary = engine.summary_of(event, verdict)
    why = engine.blockers(verdict)
    lang = engine.lang
    data = {**summary, "revision": event.revision,
            "workflow": {"id": event.workflow.id, "version": event.workflow.version},
            "stages": [{"stage": st.id, "label": st.text(lang),
                        "current": st.id == verdict.stage,
                        "items": [_item_json(r, lang) for r in by_stage.get(st.id, [])]}
                       for st in workflow.stages],
            "blockers": [b.to_json() for b in why]}
    dues = sorted(r.due.toordinal() for r in verdict.requirements
                  if active and not r.met and r.due is not None)
    where = (f"stage {summary['stage_number']}/{summary['stages']} {event.stage}" if active
             else f"done (all {summary['stages']} stages)" if verdict.status == "done"
             else f"cancelled at stage {summary['stage_number']}/{summary['stages']} "
                  f"{verdict.stage}")
    lines: list[Any] = [
        clean(f"{event.id}: {event.title}"),
        (f"  {event.date}  {event.region}  languages {','.join(event.languages)}  "
         f"{where}  revision {event.revision}")]
    for st in workflow.stages:
        marker = "▶" if st.id == verdict.stage and verdict.status != "done" else " "
        lines.append(f"{marker} {st.id} — {clean(st.text(lang))}")
        for r in by_stage.get(st.id, []):
            mark = "✓" if r.met else ("✗" if r.item.required else "!")
            due = f" due {r.due}" if r.due else ""
            line = clean(f"    {mark} {r.item.id:<34} {r.item.owner:<15}{due}"
                         + (" REGRESSION" if r.regression else ""))
            lines.append([line, r.due.toordinal()] if active and not r.met and r.due is not None
                         else line)
            if st.id == verdict.stage or (not r.met and r.reached):
                lines.append(clean(f"        {r.item.text(lang)} — {r.reason}"))
    if verdict.leave_from is not None:
        lines.append(f"{verdict.stage} can be left from {verdict.leave_from}")
    if verdict.regressions:
        lines.append(f"{len(verdict.regressions)} regression(s): requirements of stages already "
                     f"left no longer hold: eventflow why {event.id}")
    if why and active:
        lines.append(f"{len(why)} requirement(s) block leaving {event.stage}: "
                     f"eventflow why {event.id}")
    view = {"json": data, "dues": dues, "text": lines}
    # as stored and read back: what the engine prints is what the cache will print
    return json.loads(json.dumps(view, ensure_ascii=False, default=str))  # type: ignore[no-any-return]


def _item_json(requirement: Any, lang: str) -> dict[str, Any]:
    """An item of ``status EVENT --json``: its day-dependent state is left out (the cache
    serves every day), the rest as the verdict has it."""
    data = requirement.to_json(lang)
    data.pop("state", None)
    return data


def render_status(view: dict[str, Any], day: dt.date, as_json: bool) -> str:
    """What ``eventflow status EVENT`` writes to stdout on ``day``."""
    today = day.toordinal()
    if as_json:
        data = view["json"]
        data["overdue"] = bisect_left(view["dues"], today)
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    return "".join(f"{line}\n" if isinstance(line, str)
                   else f"{line[0]}{' OVERDUE' if line[1] < today else ''}\n"
                   for line in view["text"])


def view_path(root: Path | str, event_id: str) -> str:
    return f"{root}/{INDEX_DIR}/{VIEWS_DIR}/{event_id}.json"


def view_stamp(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """What a view of ``event_id`` will be keyed on, taken before the event is read: the time
    and the stat key of its file and folder."""
    import time

    taken = time.time_ns()
    path = str(engine.project.event_path(event_id))
    try:
        st = os.stat(path)
        folder = os.stat(os.path.dirname(path)).st_mtime_ns
    except OSError:
        return None
    return {"taken": taken, "key": f"{_key(st)} {folder}",
            "newest": max(st.st_mtime_ns, st.st_ctime_ns, folder)}


def keyed_deps(engine: Engine, taken: int) -> tuple[list[Any], list[list[Any]]] | None:
    """``(context, deps)`` to key a cache entry made by ``engine`` on, or ``None`` when no
    entry may be kept: a third-party plugin is active (its checks and hooks may depend on
    anything), or a dependency changed so recently, after ``taken`` (``time.time_ns()`` before
    the engine read anything) less :data:`RACY_NS`, that a later change might keep its
    timestamps."""
    from .plugins import BUILTIN_PLUGINS

    if engine._pm is not None or _effective_plugins(engine.project.settings.active_plugins):
        return None
    if any(name not in BUILTIN_PLUGINS for name, _ in engine.pm.list_name_plugin()):
        return None
    deps = _deps(engine, False)
    if any(max(mtime, ctime) >= taken - RACY_NS for _, _, mtime, ctime in deps):
        return None
    context = folder_context(engine.project.root)
    return None if context is None else (context, deps)


def save_view(engine: Engine, event_id: str, stamp: dict[str, Any] | None,
              view: dict[str, Any], warnings: list[str]) -> None:
    """Keep ``view`` for the next ``status EVENT``, unless something it depends on changed so
    recently that a later change might keep its timestamps (then the engine answers again)."""
    if stamp is None or not event_id.isprintable():
        return
    # files changed after ``taken`` have later timestamps than those changed RACY_NS before
    if stamp["newest"] >= stamp["taken"] - RACY_NS:
        return
    keyed = keyed_deps(engine, stamp["taken"])
    if keyed is None:
        return
    context, deps = keyed
    root = engine.project.root
    header = {"format": VIEW_FORMAT, "context": context, "deps": deps,
              "key": stamp["key"], "id": event_id}
    body = {"warnings": warnings, **view}
    from pathlib import Path

    path = Path(view_path(root, event_id))
    try:
        make_cache_dir(path.parent.parent)
        path.parent.mkdir(exist_ok=True)
    except OSError:
        return
    write_cache(path, [(json.dumps(part, ensure_ascii=False, separators=(",", ":")) + "\n")
                        .encode("utf-8") for part in (header, body)])


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
            if header.get("key") != f"{_key(st)} {folder}":
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
    return body
