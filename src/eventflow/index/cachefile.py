"""The status index file, ``.eventflow/index.txt``, and the kept views of ``status EVENT``:
reading them (bounded, nothing executed), writing them atomically, and what they are keyed on."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from bisect import bisect_right
from itertools import accumulate
from typing import IO, TYPE_CHECKING, Any

from .. import cachekeys
from ..cachekeys import (
    EVENT_FILE,
    EVENTS_DIR,
    INDEX_DIR,
    INDEX_FORMAT,
    deps_unchanged,
    folder_context,
    stat_key,
)
from ..folder import SETTINGS_FILE, planning_folder
from ..names import WORKFLOWS_DIR
from .entry import (
    ADVICE,
    BROKEN,
    DUES,
    LEFT,
    NOT_DUE,
    REGRESSION,
    REST,
    ROW_FIELDS,
    TICKABLE,
    WHY,
    Entry,
    Key,
    day_key,
    read_warnings,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ..engine import Engine

INDEX_FILE = "index.txt"
VIEWS_DIR = "views"
VIEW_FORMAT = 5  # 5: an errors.Advice warning kept as [text, retry_with, event]
#: dates that show how a language writes a date (each part a different number, one padded;
#: the header's ``day_samples``, see :func:`eventflow.index.refresh.day_samples`)
DAY_SAMPLES = ("2033-01-02", "2027-11-28")


# the cache --------------------------------------------------------------------------------------
def index_path(root: Path) -> Path:
    return root / INDEX_DIR / INDEX_FILE


def file_key(st: os.stat_result) -> Key:
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
            found.append((e.name, f"{file_key(st)} {folder_mtime}",
                          max(st.st_mtime_ns, st.st_ctime_ns, folder_mtime)))
    found.sort()
    other.sort()
    return found, other


def index_deps(engine: Engine, active_plugins: bool) -> list[list[Any]]:
    """The files a summary is computed from, other than the event file: eventflow's code (every
    module of every subpackage), built-in workflows and message catalogues, the folder's
    settings and workflows, pinned workflow copies, and the code of active plugins."""
    # lazy: pathlib costs 6 ms (-X importtime, best of 11, CPU time) after this module, which
    # the front door's `status` and `remind` load without it
    from pathlib import Path

    package = Path(__file__).resolve().parents[1]
    paths: set[str] = set()
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "templates", "features")]
        paths.add(folder)
        paths.update(os.path.join(folder, f) for f in files
                     if f.endswith((".py", ".toml", ".mo")))
    root = engine.project.root
    paths.update({str(root / SETTINGS_FILE), str(root / WORKFLOWS_DIR),
                  str(engine.project.events_dir / ".workflows")})
    paths.update(str(p) for p in engine.workflow_files.values())
    # also those skipped for a problem that a fix may remove
    with contextlib.suppress(OSError), os.scandir(root / WORKFLOWS_DIR) as it:
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


def effective_plugins(active: list[str]) -> list[str]:
    def env_list(name: str) -> set[str] | None:
        value = os.environ.get(name)
        return None if value is None else {p.strip() for p in value.split(",") if p.strip()}

    allow = env_list("EVENTFLOW_LOAD_PLUGINS")
    block = env_list("EVENTFLOW_DISABLED_PLUGINS") or set()
    return sorted(n for n in set(active) if (allow is None or n in allow) and n not in block)


class IndexFile:
    """The parsed file: header, entries, and the modification time of the file."""

    def __init__(self, header: dict[str, Any], entries: list[Entry], mtime: int,
                 ids: list[str] | None = None, dues: str = "") -> None:
        self.header = header
        self.entries = entries
        self.mtime = mtime
        self.ids = ids if ids is not None else [e.id for e in entries]
        self.dues = dues  # the dues section as read


# The file: a JSON header line, then five sections, one line per event in id order each:
# ids, stat keys, listing lines (for the days in header["window"]), records (lo, hi, count,
# cut, digest; tab-separated) and details (JSON); then what `remind` reads (:func:`read_dues`):
# facts (per event, JSON [title, date, owners, workflow hash], or an empty line for an event
# with no open item that has a due date) and dues (every open item that has a due date, one
# line each, "due<TAB>event number<TAB>item number<TAB>flags<TAB>fix" as in Entry.open_kept,
# sorted by due date, event id and item id; header["due_days"] and header["due_ends"] give,
# for each due date, the section's bytes up to its last line). header["sizes"] gives each
# section's bytes, so that a warm `status` reads the first three only and handles them as
# whole strings, and `remind` the ids, keys, facts and the dues up to its horizon.
SECTIONS = ("ids", "keys", "lines", "records", "details", "facts", "dues")


def read_header(raw: bytes) -> dict[str, Any] | None:
    try:
        header = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("format") != INDEX_FORMAT:
        return None
    shapes = {"context": list, "deps": list, "events": list, "other": list, "warnings": list,
              "n": int, "sizes": list, "window": list, "newest": int, "overdue": bool,
              "items": dict, "fixes": list, "due_days": list, "due_ends": list, "lang": str,
              "day_samples": dict}
    if not all(isinstance(header.get(k), t) for k, t in shapes.items()) \
            or len(header["sizes"]) != len(SECTIONS):
        return None
    try:  # an Advice kept as a list is an Advice again (errors.kept_warning)
        for key in ("warnings", "context_warnings"):
            header[key] = read_warnings(header.get(key, []))
    except (ValueError, TypeError):
        return None
    return header


def read_section(fh: IO[bytes], size: int, n: int) -> list[str]:
    lines = fh.read(size).decode("utf-8").split("\n")
    if len(lines) != n + 1 or lines[-1]:
        raise ValueError("truncated index section")
    del lines[-1]
    return lines


def vouched(root: str, fh: IO[bytes], today: dt.date | None = None
            ) -> tuple[dict[str, Any], list[str]] | None:
    """The header and the event ids of the index ``fh`` (open at its start; left at the end
    of the keys section) when it vouches for every event file of the planning folder ``root``,
    else ``None``; with ``today``, also only when its listing lines are right for that day.

    It vouches when what every summary depends on is unchanged (the folder context and the
    files in ``deps``), no event was added or removed, and each event file and folder has the
    stat key it was summarised with and changed well before the index was written (a racy
    file is vouched for by the engine, which reads its bytes): one ``stat`` per dependency,
    two per event. Raises what reading raises (``OSError``, ``ValueError`` …): the callers
    take that as ``None``."""
    racy_line = os.fstat(fh.fileno()).st_mtime_ns - cachekeys.RACY_NS
    header = read_header(fh.readline())
    if header is None or header["context"] != folder_context(root):
        return None
    if not deps_unchanged(header["deps"]):
        return None
    events_dir = f"{root}/{EVENTS_DIR}"
    folder = stat_key(events_dir)  # events added or removed change it
    if folder != header["events"] or max(folder[1:]) >= racy_line:
        return None
    for name in header["other"]:
        if os.path.exists(f"{events_dir}/{name}/{EVENT_FILE}"):
            return None
    if header["newest"] >= racy_line:  # (unchanged files keep their timestamps: none is racy)
        return None
    if today is not None:
        low, high = header["window"]  # every row is right for these days
        if not low < day_key(today) <= high:
            return None
    n, sizes = header["n"], header["sizes"]
    ids = read_section(fh, sizes[0], n)
    keys = fh.read(sizes[1]).decode("utf-8")
    stat = os.stat
    at = 0
    for event_id in ids:
        folder_path = f"{events_dir}/{event_id}"
        st = stat(f"{folder_path}/{EVENT_FILE}")
        key = (f"{st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} "
               f"{stat(folder_path).st_mtime_ns}\n")
        # no further at the first event changed: after a `git pull` that changed every one,
        # 2 stats, not 20,000
        if not keys.startswith(key, at):
            return None
        at += len(key)
    if at != len(keys):
        return None
    return header, ids


def read_entries(ids: list[str], keys: list[str] | None, lines: list[str],
             records: list[str]) -> list[Entry]:
    found = []
    every_key: list[str | None] = list(keys) if keys is not None else [None] * len(ids)
    for event_id, key, line, record in zip(ids, every_key, lines, records, strict=True):
        lo, hi, count, cut, digest, regressions = record.split("\t")
        found.append(Entry(event_id, key, digest, lo, hi, count, cut, line,
                           regressions=regressions))
    return found


def read_details(fh: IO[bytes], size: int, entries: list[Entry],
                 header: dict[str, Any]) -> None:
    """Read the details section into ``entries``, each with its workflow's table and the
    fix texts (the header's ``items`` and ``fixes``)."""
    raw = fh.read(size)
    if len(raw) != size:
        raise ValueError("truncated index section")
    decode_details(raw, entries, header)


def decode_details(raw: bytes, entries: list[Entry], header: dict[str, Any],
                   facts: list[bytes] | None = None) -> None:
    """Decode the details section ``raw`` into ``entries`` (see :func:`read_details`); with
    ``facts`` (the facts section's lines), also keep each entry's two lines as read
    (:attr:`Entry.saved`) for the next index written."""
    size = len(raw)
    items = header["items"]
    fixes = header["fixes"]
    if not isinstance(items, dict) or not isinstance(fixes, list):
        raise ValueError("bad header")
    # lazy: msgspec costs 31 ms (-X importtime, best of 11, CPU time) after this module; the
    # front door's `status` and `remind` never read the details
    import msgspec

    if size and raw[-1:] != b"\n":
        raise ValueError("truncated index section")
    try:  # one array of every line: msgspec parses it several times faster than json
        every = msgspec.json.decode(b"[" + raw[:-1].replace(b"\n", b",") + b"]") if size \
            else []
    except msgspec.DecodeError as exc:
        raise ValueError(f"bad details: {exc}") from None
    if len(every) != len(entries):
        raise ValueError("bad details")
    at_pin = REST + ROW_FIELDS.index("pin")
    for entry, detail in zip(entries, every, strict=True):
        if not (isinstance(detail, list) and len(detail) == REST + len(ROW_FIELDS)
                and isinstance(detail[DUES], list)):
            raise ValueError("bad details")
        detail[DUES] = list(accumulate(detail[DUES]))  # stored as differences
        entry.detail = detail
        pin = detail[at_pin]
        table = items.get(pin[2]) if isinstance(pin, list) and len(pin) == 3 else None
        entry.table = table if table is not None else []
        entry.fixes = fixes
    if facts is not None:
        lines = raw.split(b"\n")
        if len(facts) != len(entries) or len(lines) != len(entries) + 1:
            raise ValueError("bad details")
        for entry, line, fact in zip(entries, lines, facts, strict=False):
            entry.saved = (line, fact)


class KeptDues:
    """What ``eventflow remind`` reads of the index (:func:`read_dues`): the header (its
    ``items``, ``fixes``, ``warnings`` and ``lang``), the event ids, and, once
    :meth:`read_body` read them, each event's facts line and the dues lines up to the horizon
    (see :data:`SECTIONS`)."""

    def __init__(self, path: str, header: dict[str, Any], ids: list[str], stamp: str,
                 horizon: int) -> None:
        self.path = path
        self.header = header
        self.ids = ids
        self.stamp = stamp  # the index file's stat key: another index, another stamp
        self.horizon = horizon
        self.facts: list[str] = []
        self.dues: list[str] = []

    def read_body(self) -> bool:
        """Read the facts and the dues up to the horizon from the index that was vouched
        for; ``False`` when it is no longer that file or does not read as written."""
        header, sizes = self.header, self.header["sizes"]
        try:
            with open(self.path, "rb") as fh:
                if file_key(os.fstat(fh.fileno())) != self.stamp:
                    return False
                fh.seek(len(fh.readline()) + sum(sizes[:5]))
                facts = read_section(fh, sizes[5], header["n"])
                days, ends = header["due_days"], header["due_ends"]
                if len(days) != len(ends):
                    return False
                at = bisect_right(days, self.horizon)
                size = ends[at - 1] if at else 0
                raw = fh.read(size)
                if len(raw) != size or not 0 <= size <= sizes[6] \
                        or raw[-1:] not in (b"", b"\n"):
                    return False
                dues = raw.decode("utf-8").split("\n")
        except (OSError, ValueError, TypeError, UnicodeDecodeError, KeyError):
            return False
        del dues[-1]
        self.facts, self.dues = facts, dues
        return True

    def upcoming(self, today: dt.date) -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
        """The rows :func:`eventflow.index.upcoming` gives on ``today`` for the horizon read
        (in its order), and per event among them ``[title, date, owners, workflow hash,
        {ids of its items the engine lets tick}]``.

        Raises ``ValueError``, ``KeyError``, ``IndexError`` or ``TypeError`` for a section
        that does not read as written."""
        tables, fixes, ids = self.header["items"], self.header["fixes"], self.ids
        day = today.toordinal()
        events: dict[str, list[Any]] = {}
        isos: dict[int, str] = {}
        rows = []
        for line in self.dues:
            due_text, number, item_number, flags_text, fix = line.split("\t")
            due, flags = int(due_text), int(flags_text)
            event_id = ids[int(number)]
            event = events.get(event_id)
            if event is None:
                event = events[event_id] = [*json.loads(self.facts[int(number)]), set()]
            item_id, stage, owner, required, label, _ = tables[event[3]][int(item_number)]
            if flags & TICKABLE:
                event[4].add(item_id)
            iso = isos.get(due) or isos.setdefault(due, dt.date.fromordinal(due).isoformat())
            late = due < day
            state = (BROKEN if flags & LEFT or late else NOT_DUE) if required \
                else (ADVICE if late else NOT_DUE)
            rows.append({"event": event_id, "item": item_id, "stage": stage, "label": label,
                         "owner": owner, "due": iso, "overdue": late,
                         "required": bool(required), "state": state,
                         "regression": bool(flags & REGRESSION),
                         "fix": (f"eventflow check {event_id} {item_id}" if fix == "" else
                                 f"eventflow why {event_id}" if fix == WHY else
                                 fixes[int(fix)].replace("\0", event_id))})
        return rows, events


def read_dues(root: str, horizon: int, body: bool = True) -> KeptDues | None:
    """The open items due on or before ``horizon`` (``date.toordinal()``) as the index keeps
    them, when it vouches for every event file (:func:`vouched`, the check ``status`` makes);
    else ``None`` (the engine then judges what changed). Reads the ids and keys, and with
    ``body`` the facts and the dues up to ``horizon`` (else :meth:`KeptDues.read_body` does),
    nothing else."""
    path = f"{root}/{INDEX_DIR}/{INDEX_FILE}"
    try:
        with open(path, "rb") as fh:
            stamp = file_key(os.fstat(fh.fileno()))
            found = vouched(root, fh)
            if found is None:
                return None
            header, ids = found
            if len(header["sizes"]) != len(SECTIONS):
                return None
    except (OSError, ValueError, TypeError, UnicodeDecodeError, KeyError):
        return None
    kept = KeptDues(path, header, ids, stamp, horizon)
    if body and not kept.read_body():
        return None
    return kept


def load_index(path: Path, keys: dict[str, Key] | None = None) -> IndexFile | None:
    """The index file, or ``None`` when it is missing or does not read as written. With
    ``keys`` (each event's stat key now), the details are decoded only when some entry still
    has its key (else every event is summarised again: they would not be read)."""
    try:
        with open(path, "rb") as fh:
            mtime = os.fstat(fh.fileno()).st_mtime_ns
            header = read_header(fh.readline())
            if header is None:
                return None
            n, sizes = header["n"], header["sizes"]
            ids, old_keys, lines, records = (read_section(fh, size, n) for size in sizes[:4])
            found = read_entries(ids, old_keys, lines, records)
            raw = fh.read(sizes[4])
            facts = fh.read(sizes[5]).split(b"\n")
            dues = fh.read(sizes[6])
            if len(raw) != sizes[4] or len(facts) != n + 1 or len(dues) != sizes[6]:
                raise ValueError("truncated index section")
            if keys is None or any(keys.get(i) == k for i, k in zip(ids, old_keys,
                                                                     strict=True)):
                decode_details(raw, found, header, facts[:-1])
    except (OSError, ValueError, TypeError, UnicodeDecodeError, KeyError):
        return None
    return IndexFile(header, found, mtime, ids, dues.decode("utf-8"))


def find_root(directory: str | None) -> Path | None:
    """The planning folder a command will use (:func:`eventflow.folder.planning_folder`), or
    ``None`` (the engine then says what is wrong)."""
    from pathlib import Path  # lazy: 6 ms, see index_deps

    root = planning_folder(directory)
    return Path(root) if root is not None else None



def view_path(root: Path | str, event_id: str) -> str:
    return f"{root}/{INDEX_DIR}/{VIEWS_DIR}/{event_id}.json"
