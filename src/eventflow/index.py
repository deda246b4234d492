"""Per-event summaries for `eventflow status` over many events: a cache that can never lie.

``status`` without an event lists every event. Parsing thousands of TOML files on every call is
slow (about a millisecond each), so the summaries are kept in ``<planning>/.eventflow/index.json``
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
  workflow files, the language and the active plugins (names, environment controls and the
  files they were loaded from). Anything different rebuilds every entry.
* Overdue counts depend on today's date, so entries keep the due dates of open items, not
  counts.
* Many changed files are parsed in parallel, one process per core.

The index is JSON read with a typed schema: a damaged or foreign file is simply rebuilt, and
nothing in it is ever executed or unpickled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from bisect import bisect_left
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator

import msgspec

if TYPE_CHECKING:
    from .engine import Engine
    from .event import Event

INDEX_FORMAT = 1
INDEX_DIR = ".eventflow"
INDEX_FILE = "index.json"
RACY_NS = 2_000_000_000
PARALLEL_MIN = 48
EVENT_FILE = "event.toml"
TERMINAL = ("done", "cancelled")


class Entry(msgspec.Struct, array_like=True, frozen=True):
    """One event's summary, valid while its file's ``key`` is unchanged."""

    id: str
    key: tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns
    digest: str
    revision: int
    title: str
    date: str
    region: str
    stage: str
    stage_number: int
    stages: int
    done_in_stage: int
    items_in_stage: int
    blocking: int
    next_item: str
    next_label: str
    next_due: str
    open_due: str  # ISO dates of open items, sorted, space separated
    head: str  # the listing line up to the overdue column, terminal-safe
    tail: str  # the listing line after the overdue column, terminal-safe
    warnings: tuple[str, ...] = ()

    def overdue(self, today_iso: str) -> int:
        dues = self.open_due
        if not dues or dues[:10] >= today_iso:
            return 0
        if dues[-10:] < today_iso:
            return (len(dues) + 1) // 11
        return bisect_left(dues.split(" "), today_iso)

    def row(self, today_iso: str) -> dict[str, Any]:
        """The summary exactly as :meth:`Engine.summary` gives it."""
        return {
            "id": self.id, "title": self.title, "date": self.date, "region": self.region,
            "stage": self.stage, "stage_number": self.stage_number, "stages": self.stages,
            "done_in_stage": self.done_in_stage, "items_in_stage": self.items_in_stage,
            "blocking": self.blocking, "overdue": self.overdue(today_iso),
            "next_due": ({"item": self.next_item, "label": self.next_label,
                          "due": self.next_due} if self.next_due else None),
        }


class Dep(msgspec.Struct, array_like=True, frozen=True):
    path: str
    size: int  # -1: the path did not exist
    mtime_ns: int


class Index(msgspec.Struct, frozen=True):
    format: int
    context: str
    deps: tuple[Dep, ...]
    warnings: tuple[str, ...]
    events: tuple[Entry, ...]


# listing ----------------------------------------------------------------------------------------
HEADER = f"{'EVENT':<28} {'DATE':<10}  {'STAGE':<20} {'ITEMS':>5}  {'OVERDUE':>7}  NEXT DUE\n"
_RED, _RESET = "\x1b[31m", "\x1b[0m"


def _clean(text: str) -> str:
    if text.isprintable():
        return text
    from .cli import clean

    return clean(text)


def line_parts(event_id: str, date: str, stage: str, stage_number: int, stages: int,
               progress: str, next_item: str, next_due: str) -> tuple[str, str]:
    """The fixed parts of a listing line, before and after the overdue column."""
    stage_text = f"{stage_number}/{stages} {stage}"
    head = _clean(f"{event_id:<28} {date}  {stage_text:<20} {progress:>5}  ")
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
    today_iso = today.isoformat()
    buffer: list[str] = []
    n = 0
    for n, entry in enumerate(entries, 1):
        if n == 1:
            buffer.append(HEADER)
        count = entry.overdue(today_iso)
        if count:
            number = f"{count:>7}"
            buffer.append(f"{entry.head}{_RED}{number}{_RESET}{entry.tail}\n" if colour
                          else f"{entry.head}{number}{entry.tail}\n")
        elif entry.tail:
            buffer.append(f"{entry.head}       {entry.tail}\n")
        else:
            buffer.append(entry.head.rstrip() + "\n")
        if len(buffer) >= 512:
            out.write("".join(buffer))
            buffer.clear()
    if buffer:
        out.write("".join(buffer))
    return n


# summarising one event --------------------------------------------------------------------------
def summarize(engine: Engine, event: Event, key: tuple[int, int, int, int] = (0, 0, 0, 0),
              digest: str = "") -> Entry:
    """Evaluate ``event`` once and keep what every later ``status`` needs, whatever the day."""
    before = len(engine.warnings)
    workflow = engine.workflow_for(event)
    statuses = engine.evaluate(event) if event.stage not in TERMINAL else []
    stage = event.stage
    done = items = blocking = 0
    dues: list[str] = []
    nxt = None
    for s in statuses:
        if s.item.stage == stage:
            items += 1
            if s.ok:
                done += 1
            elif s.item.required:
                blocking += 1
        if not s.ok and s.due is not None:
            dues.append(s.due.isoformat())
            if nxt is None or s.due < nxt.due:
                nxt = s
    dues.sort()
    stage_ids = workflow.stage_ids
    number = stage_ids.index(stage) + 1 if stage in stage_ids else len(workflow.stages)
    date = event.date.isoformat()
    next_item = nxt.item.id if nxt else ""
    next_due = nxt.due.isoformat() if nxt and nxt.due else ""
    progress = f"{done}/{items}" if stage not in TERMINAL else ""
    head, tail = line_parts(event.id, date, stage, number, len(workflow.stages), progress,
                            next_item, next_due)
    return Entry(
        id=event.id, key=key, digest=digest, revision=event.revision, title=event.title,
        date=date, region=event.region, stage=stage, stage_number=number,
        stages=len(workflow.stages), done_in_stage=done, items_in_stage=items,
        blocking=blocking, next_item=next_item,
        next_label=nxt.item.text(engine.lang) if nxt else "", next_due=next_due,
        open_due=" ".join(dues), head=head, tail=tail,
        warnings=tuple(engine.warnings[before:]))


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _summarize_file(engine: Engine, event_id: str, key: tuple[int, int, int, int]) -> Entry:
    raw = (engine.project.event_path(event_id)).read_bytes()
    return summarize(engine, engine.project.load(event_id), key, _digest(raw))


# the cache --------------------------------------------------------------------------------------
def index_path(root: Path) -> Path:
    return root / INDEX_DIR / INDEX_FILE


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def scan(events_dir: Path) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Every event id with the stat key of its file, sorted: one ``stat`` per event."""
    found = []
    try:
        entries = os.scandir(events_dir)
    except FileNotFoundError:
        return []
    stat = os.stat
    with entries:
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                st = stat(f"{e.path}/{EVENT_FILE}")
            except (FileNotFoundError, NotADirectoryError):
                continue
            found.append((e.name, (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)))
    found.sort()
    return found


def _effective_plugins(active: list[str]) -> list[str]:
    def env_list(name: str) -> set[str] | None:
        value = os.environ.get(name)
        return None if value is None else {p.strip() for p in value.split(",") if p.strip()}

    allow = env_list("EVENTFLOW_LOAD_PLUGINS")
    block = env_list("EVENTFLOW_DISABLED_PLUGINS") or set()
    return sorted(n for n in set(active) if (allow is None or n in allow) and n not in block)


def context_key(engine: Engine) -> str:
    """What every summary depends on besides its own file and the files in ``deps``."""
    from . import __version__

    settings = engine.project.settings
    parts = [INDEX_FORMAT, __version__, list(sys.version_info[:2]), settings.language,
             _effective_plugins(settings.active_plugins),
             os.environ.get("EVENTFLOW_LOAD_PLUGINS"), os.environ.get("EVENTFLOW_DISABLED_PLUGINS")]
    return hashlib.sha256(msgspec.json.encode(parts)).hexdigest()


def _dep(path: str) -> Dep:
    try:
        st = os.stat(path)
    except OSError:
        return Dep(path, -1, 0)
    return Dep(path, st.st_size, st.st_mtime_ns)


def _deps(engine: Engine, active_plugins: bool) -> list[Dep]:
    """The files a summary is computed from, other than the event file: eventflow's code and
    built-in workflows, the folder's settings and workflows, pinned workflow copies, and the
    code of active plugins."""
    package = Path(__file__).resolve().parent
    paths: set[str] = {str(package), str(package / "default_plugins"),
                       str(package / "workflows")}
    for folder in (package, package / "default_plugins", package / "workflows"):
        with os.scandir(folder) as it:
            paths.update(e.path for e in it if e.name.endswith((".py", ".toml")))
    root = engine.project.root
    paths.update({str(root / "eventflow.toml"), str(root / "workflows"),
                  str(engine.project.events_dir / ".workflows")})
    paths.update(str(p) for p in engine.workflow_files.values())
    if active_plugins:
        for plugin in engine.pm.get_plugins():
            module = sys.modules.get(getattr(plugin, "__module__", "") or "") \
                if not hasattr(plugin, "__file__") else plugin
            file = getattr(module, "__file__", None)
            if file:
                paths.add(file)
        paths.update(p for p in sys.path if p and os.path.isdir(p))
    return [_dep(p) for p in sorted(paths)]


def _load(path: Path) -> tuple[Index | None, int]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
            mtime = os.fstat(fh.fileno()).st_mtime_ns
        index = msgspec.json.decode(raw, type=Index)
    except (OSError, msgspec.DecodeError):
        return None, 0
    if index.format != INDEX_FORMAT:
        return None, 0
    return index, mtime


def _save(path: Path, index: Index) -> None:
    """Write the index; a folder we cannot write to just keeps no cache."""
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# eventflow's cache: safe to delete, never commit\n*\n")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(msgspec.json.encode(index))
        os.replace(tmp, path)
    except OSError:
        pass


def entries(engine: Engine) -> list[Entry]:
    """A summary entry for every event of the folder, sorted by id, fresh."""
    if engine._pm is not None:  # a plugin manager made by the caller: nothing to key on
        return [summarize(engine, engine.project.load(i)) for i in engine.project.event_ids()]
    root = engine.project.root
    path = index_path(root)
    context = context_key(engine)
    scanned = scan(engine.project.events_dir)
    index, index_mtime = _load(path)
    if index is not None and (index.context != context
                              or any(_dep(d.path) != d for d in index.deps)):
        index = None
    old = {e.id: e for e in index.events} if index is not None else {}
    fresh: dict[str, Entry] = {}
    todo: list[tuple[str, tuple[int, int, int, int]]] = []
    changed = index is None or len(old) != len(scanned)
    racy_line = index_mtime - RACY_NS
    for event_id, key in scanned:
        entry = old.get(event_id)
        if entry is None or entry.key != key:
            todo.append((event_id, key))
            continue
        if max(key[2], key[3]) >= racy_line:  # changed too close to the index write to trust
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
        engine.warnings.extend(w for w in index.warnings if w not in engine.warnings)
    if todo:
        changed = True
        before = len(engine.warnings)
        engine.registry  # noqa: B018  (loaded once here, inherited by worker processes)
        context_warnings = engine.warnings[before:]
        for entry in _summarize_all(engine, todo):
            fresh[entry.id] = entry
    else:
        context_warnings = list(index.warnings) if index is not None else []
    result = [fresh[event_id] for event_id, _ in scanned]
    for entry in result:
        for warning in entry.warnings:
            if warning not in engine.warnings:
                engine.warnings.append(warning)
    if changed:
        settings = engine.project.settings
        deps = list(index.deps) if index is not None and not todo else \
            _deps(engine, bool(_effective_plugins(settings.active_plugins)))
        _save(path, Index(INDEX_FORMAT, context, tuple(deps), tuple(context_warnings),
                          tuple(result)))
    return result


def summaries(engine: Engine, today: dt.date) -> list[dict[str, Any]]:
    """Every event's summary (as :meth:`Engine.summary` gives it), sorted by id."""
    today_iso = today.isoformat()
    return [entry.row(today_iso) for entry in entries(engine)]


# parsing in parallel ----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _worker_init(root: str | None) -> None:
    if root is not None:  # a fresh interpreter (spawn): build the engine again
        from .engine import Engine
        from .store import Project

        _WORKER["engine"] = Engine(Project(Path(root)))


def _worker_chunk(chunk: list[tuple[str, tuple[int, int, int, int]]]) -> list[Any]:
    engine = _WORKER["engine"]
    out: list[Any] = []
    for event_id, key in chunk:
        try:
            out.append(_summarize_file(engine, event_id, key))
        except Exception:  # raised again, with its own type and message, in the parent
            out.append(event_id)
    return out


def _summarize_all(engine: Engine, todo: list[tuple[str, tuple[int, int, int, int]]]
                   ) -> Iterator[Entry]:
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_MIN or workers < 2:
        for event_id, key in todo:
            yield _summarize_file(engine, event_id, key)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
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
            for results in pool.map(_worker_chunk, chunks):
                for item in results:
                    if isinstance(item, str):
                        failed.append(item)
                    else:
                        yield item
    finally:
        _WORKER.pop("engine", None)
    for event_id in failed:  # the first bad file raises its own error, as without the index
        key = next(k for i, k in todo if i == event_id)
        yield _summarize_file(engine, event_id, key)
