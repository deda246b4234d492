"""The planning folder and its event files: found like git finds a repository, written atomically.

Layout::

    eventflow.toml              settings (organisation, language, active plugins)
    workflows/*.toml            workflows of this folder (optional)
    events/<id>/event.toml      one event's data and progress (people may edit it by hand)
    events/<id>/history.jsonl   append-only history, never read by `status`
    events/<id>/participants.toml  personal data of registrations (see participants.py)

How a save stays safe (every step under the event's lock, ``events/<id>/.lock``):

1. clean up after an interrupted save: remove its temporary files and mark a history entry
   whose change never reached ``event.toml`` as not applied (both are reported);
2. refuse if a sync tool's conflicted copy or a git merge conflict sits in the folder;
3. refuse if the file on disk no longer has the revision the writer read (stale writer);
4. append the history entry (fsynced), write a temporary file, fsync it, re-parse it, and
   only then ``os.replace`` it over ``event.toml`` (the commit point) and fsync the folder.

So after a crash ``event.toml`` holds either the last committed state or the new one, and each
applied change is in the history exactly once. Files from other people are read with bounds
(size, number of tokens, length of dotted keys) checked before the TOML parser runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import json
import os
import re
import time
import tomli
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .errors import (
    AmbiguousEvent,
    EventflowError,
    EventNotFound,
    FileFormatError,
    InvalidInput,
    LockTimeout,
    PlanningFolderNotFound,
    StaleWrite,
)
from .folder import SETTINGS_FILE

if TYPE_CHECKING:  # the event model (msgspec) and pathlib are imported when first needed,
    from pathlib import Path  # so that the quick `check` (quick.py) saves without them

    import msgspec

    from .event import Event

EVENTS_DIR = "events"
EVENT_FILE = "event.toml"
HISTORY_FILE = "history.jsonl"
PARTICIPANTS_FILE = "participants.toml"
LOCK_FILE = ".lock"
TMP_SUFFIX = ".tmp"
MAX_EVENT_BYTES = 4 << 20
#: TOML structure budget: newlines, commas, ``=``, ``[``, ``{`` and ``.`` counted together.
#: tomli (tomllib's source, compiled where a wheel exists, else pure Python at about 0.5 MB/s
#: on dense input); the budget keeps a parse well under a second and lets a hostile file be
#: refused before the parser starts.
MAX_TOML_TOKENS = 150_000
#: Longest dotted key accepted (``a.b.c = 1`` has 3 parts); tomli is quadratic in it.
MAX_KEY_PARTS = 32
LOCK_TIMEOUT = 10.0
LOCK_MAX_WAIT = 300.0

MAX_DEPTH = 48
_NOT_APPLIED = "not-applied"
_NOT_TOKEN = bytes(i for i in range(256) if i not in b"\n,=[{.")
_NOT_OPENING = bytes(i for i in range(256) if i not in b"[{")
_NOT_BRACKET = bytes(i for i in range(256) if i not in b"[]{}")


@functools.cache
def _regex(pattern: str | bytes, flags: int = 0) -> re.Pattern[Any]:
    """A pattern compiled when first used (compiling them all at import would cost every
    command, the quick ``check`` among them, a millisecond; quick.py)."""
    return re.compile(pattern, flags)


_BRACKET = rb"[\[\]{}]"
_DOTTED_KEY = rb"\.(?:[ \t]*(?:[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.){%d}" % (
    MAX_KEY_PARTS - 1)
_MERGE_MARKER = rb"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)"
_CONFLICT_WORDS = r"conflict|sync-conflict|\(\d+\)|\.orig$|~$"


class SaveFailed(EventflowError):
    """A file operation of a save failed.

    ``applied`` is ``False`` when nothing was saved, ``True`` when the change is in place (a
    later step failed), ``None`` when eventflow cannot tell: the message then says that the
    change may have been applied and how to find out.
    """

    def __init__(self, message: str, *, applied: bool | None) -> None:
        self.applied = applied
        super().__init__(message)


class SharedFolderConflict(EventflowError):
    """A sync tool's conflicted copy or a git merge conflict needs a person's decision."""

    def __init__(self, message: str, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(message)


class Settings:
    """The planning folder's ``eventflow.toml``. (A plain class, not a dataclass: importing
    dataclasses costs the quick ``check`` about a tenth of its time; quick.py.)"""

    __slots__ = ("organisation", "organisation_type", "bilingual", "language", "active_plugins",
                 "plugin_settings")

    def __init__(self, organisation: str = "", organisation_type: str = "",
                 bilingual: bool = False, language: str = "fi",
                 active_plugins: list[str] | None = None,
                 plugin_settings: dict[str, dict[str, Any]] | None = None) -> None:
        self.organisation = organisation
        self.organisation_type = organisation_type
        self.bilingual = bilingual
        self.language = language
        self.active_plugins: list[str] = [] if active_plugins is None else active_plugins
        self.plugin_settings: dict[str, dict[str, Any]] = \
            {} if plugin_settings is None else plugin_settings

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass would be

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{name}={getattr(self, name)!r}"
                                       for name in self.__slots__) + ")"


def _path(path: str | os.PathLike[str]) -> Path:
    from pathlib import Path

    return Path(path)


def find_root(start: Path | None = None) -> Path:
    """The planning folder: the nearest folder holding ``eventflow.toml``, walking up from
    ``start`` (``--dir``), else from ``EVENTFLOW_DIR``, else from here (one finder for every
    part of eventflow: :func:`eventflow.folder.planning_folder`)."""
    from pathlib import Path

    from .folder import planning_folder

    found = planning_folder(None if start is None else os.fspath(start))
    if found is not None:
        return Path(found)
    env = os.environ.get("EVENTFLOW_DIR")
    if start is None and env:
        raise PlanningFolderNotFound(f"EVENTFLOW_DIR={env}: no {SETTINGS_FILE} there or in any "
                                     "parent folder; run `eventflow init` there or correct the "
                                     "variable")
    here = os.path.realpath(start if start is not None else os.getcwd())
    raise PlanningFolderNotFound(f"no planning folder here ({here}) or in any parent folder; "
                                 "run `eventflow init` to make one, or use --dir / EVENTFLOW_DIR")


def slugify(text: str, max_len: int = 24) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "event"


def who() -> str:
    user = os.environ.get("EVENTFLOW_USER")
    if user:
        return user
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return "unknown"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@contextlib.contextmanager
def file_lock(path: str | Path, timeout: float = LOCK_TIMEOUT,
              progress: Callable[[], Any] | None = None) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (created if missing).

    Gives up after ``timeout`` seconds without progress: when ``progress()`` returns something
    new (another command committed and let go), the wait starts over, so a busy but moving
    folder is waited for (up to ``LOCK_MAX_WAIT``) and only a stuck one times out.
    """
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveFailed(f"{path}: cannot take the lock ({exc.strerror}); nothing was saved",
                         applied=False) from None
    try:
        started = time.monotonic()
        deadline = started + timeout
        seen = progress() if progress else None
        pause = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                moment = time.monotonic()
                if progress is not None:
                    token = progress()
                    if token != seen:
                        seen, deadline = token, moment + timeout
                if moment > deadline or moment - started > LOCK_MAX_WAIT:
                    raise LockTimeout(f"{os.path.dirname(path)} is locked by another eventflow "
                                      f"command for more than {timeout:g} s; nothing was "
                                      "saved; try again") from None
                import random

                time.sleep(pause * random.uniform(0.5, 1.5))
                pause = min(pause * 1.5, 0.01)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)  # released even if closing the descriptor fails
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def _nothing_saved(path: str | Path) -> Iterator[None]:
    """Turn an I/O error in the steps before a commit into an honest eventflow error."""
    try:
        yield
    except OSError as exc:
        raise SaveFailed(f"{path}: {exc.strerror or exc} while preparing the save; nothing was "
                         f"saved, the event is as it was{_advice(exc)}", applied=False) from None


def _fsync_dir(folder: str | Path) -> None:
    """fsync a folder so a rename in it survives a power cut; filesystems that cannot are
    skipped, a real I/O error is raised."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write returned 0")
        view = view[written:]


def tmp_path_for(path: str | Path) -> str:
    """The temporary file a save of ``path`` writes first (``.<name>.<pid>.<random>.tmp``)."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}")


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a fsynced temporary file and ``os.replace``.

    Raises :class:`SaveFailed`: ``applied=False`` when ``path`` is untouched, ``None`` when the
    replace happened (or may have) but a later step failed.
    """
    tmp = tmp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveFailed(f"{path}: cannot write ({exc.strerror or exc}); nothing was saved, "
                         f"the file is as it was{_advice(exc)}", applied=False) from None
    try:
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if _content_is(path, data) is False:
            raise SaveFailed(f"{path}: cannot replace the file ({exc.strerror or exc}); nothing "
                             f"was saved, the file is as it was{_advice(exc)}",
                             applied=False) from None
        raise SaveFailed(f"{path}: the replace reported an error ({exc.strerror or exc}): the "
                         "change may have been applied; look at the file (or `eventflow status`) "
                         "before running the command again", applied=None) from None
    try:
        _fsync_dir(os.path.dirname(os.fspath(path)))
    except OSError as exc:
        raise SaveFailed(f"{path}: the new version is in place but the folder could not be "
                         f"synced to disk ({exc.strerror or exc}): the change may have been "
                         "applied, and may be lost if the machine stops now; check the disk and "
                         "look at the file (or `eventflow status`) before running the command "
                         "again", applied=None) from None


def _content_is(path: str | Path, data: bytes) -> bool | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(data) + 1) == data
    except OSError:
        return None


def _advice(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "; free some disk space and run the command again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "; check that you may write to the folder and run the command again"
    return "; check the disk and run the command again"


def read_capped(path: str | Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` of ``path``; a bigger file is refused without reading it."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise FileFormatError(path, f"is {size} bytes, more than the {max_bytes} allowed",
                                      line=1, fix="this is not a file eventflow wrote; restore it "
                                      "from git or a backup")
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise FileFormatError(path, "is a folder, not a file", fix="remove or rename it") from None
    except OSError as exc:
        raise FileFormatError(path, f"cannot be read ({exc.strerror or exc})",
                              fix="check the file's permissions") from None
    if len(raw) > max_bytes:
        raise FileFormatError(path, f"is more than the {max_bytes} bytes allowed", line=1,
                              fix="restore it from git or a backup")
    return raw


def _line_at(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def merge_marker_lines(raw: bytes) -> list[int]:
    """Line numbers of git merge conflict markers (``<<<<<<<``, ``=======``, ``>>>>>>>``)."""
    if b"<<<<<<<" not in raw and b">>>>>>>" not in raw:
        return []
    return [_line_at(raw, m.start()) for m in _regex(_MERGE_MARKER, re.M).finditer(raw)]


def check_toml_shape(path: Path, raw: bytes) -> None:
    """Refuse, before parsing, TOML that would make the parser slow or deep.

    Runs at C speed (byte counts and one anchored regex): a 4 MiB hostile file is refused in a
    few milliseconds. Raises :class:`FileFormatError` naming the file and line.
    """
    markers = merge_marker_lines(raw)
    if markers:
        raise FileFormatError(
            path, "contains a git merge conflict marker: two copies of the folder changed this "
            "file and git could not merge them", line=markers[0],
            fix="resolve the conflict: between <<<<<<< and >>>>>>> keep the lines you want from "
                "each side (both, if both are right), delete the marker lines, set `revision` to "
                "the larger of the two, then `git add` the file and commit")
    tokens = len(raw.translate(None, _NOT_TOKEN))
    if tokens > MAX_TOML_TOKENS:
        tokens_seen, offset, step = 0, 0, 1 << 16
        while offset < len(raw):
            tokens_seen += len(raw[offset: offset + step].translate(None, _NOT_TOKEN))
            if tokens_seen > MAX_TOML_TOKENS:
                break
            offset += step
        raise FileFormatError(
            path, f"has {tokens} keys, values and separators, more than the {MAX_TOML_TOKENS} "
            "eventflow reads (no planning file needs that many)", line=_line_at(raw, offset),
            fix="this is not a file eventflow wrote; restore it from git or a backup")
    match = _regex(_DOTTED_KEY).search(raw)
    if match:
        raise FileFormatError(
            path, f"has a dotted key with more than {MAX_KEY_PARTS} parts",
            line=_line_at(raw, match.start()),
            fix="use at most a few levels of keys; restore the file from git if you did not "
                "write this")
    if len(raw.translate(None, _NOT_OPENING)) > MAX_DEPTH:
        deep = _first_deep_line(raw)
        if deep is not None:
            raise FileFormatError(
                path, f"nests arrays or tables more than {MAX_DEPTH} levels deep", line=deep,
                fix="this is not a file eventflow wrote; restore it from git or a backup")


def parse_bounded(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse TOML from someone else: shape checked first, then parsed; errors name the line."""
    from .workflow import parse_toml

    check_toml_shape(path, raw)
    try:
        return parse_toml(path, raw)
    except FileFormatError as exc:
        if exc.line is None and "end of document" in str(exc):
            raise FileFormatError(path, str(exc).split(": ", 1)[1].split("\n")[0],
                                  line=raw.count(b"\n") + 1, fix=exc.fix) from None
        raise
    except RecursionError:
        raise FileFormatError(path, "is nested too deeply to be a planning file",
                              line=_first_deep_line(raw), fix="restore the file from git") from None


def _first_deep_line(raw: bytes, limit: int = MAX_DEPTH) -> int | None:
    """Line where brackets first nest deeper than ``limit`` (brackets in strings count too,
    which only matters for a file with dozens of unbalanced ones: not a planning file)."""
    depth = 0
    for byte in raw.translate(None, _NOT_BRACKET):  # the brackets alone: a short loop
        if byte == 91 or byte == 123:  # [ {
            depth += 1
            if depth > limit:
                break
        else:
            depth -= 1
    else:
        return None
    depth = 0  # deep: find the line
    for m in _regex(_BRACKET).finditer(raw):
        depth += 1 if m.group() in (b"[", b"{") else -1
        if depth > limit:
            return _line_at(raw, m.start())
    return None


def validation_message(path: Path, exc: msgspec.ValidationError, text: str) -> FileFormatError:
    """Turn a schema error (with a ``$.a.b[0].c`` path) into one naming file, line and field."""
    message = str(exc)
    field_path = ""
    if " - at `$" in message:
        message, field_path = message.split(" - at `$", 1)
        field_path = field_path.rstrip("`").lstrip(".")
    key = re.split(r"[.\[]", field_path)[-1] if field_path else ""
    if "unknown field `" in message:
        key = message.split("unknown field `")[1].split("`")[0]
        field_path = f"{field_path}.{key}".lstrip(".")
    line = None
    if key:
        match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
        if match:
            line = text[: match.start()].count("\n") + 1
    fix = ("remove the key, or move plugin data under [ext.<plugin>]"
           if "unknown field" in message else "correct the value by hand or restore the file "
           "from git")
    return FileFormatError(path, message, line=line, field=field_path or None, fix=fix)


def decode_event(path: Path, raw: bytes) -> Event:
    import msgspec

    from .event import from_data

    data = parse_bounded(path, raw)
    try:
        event = from_data(data)
    except msgspec.ValidationError as exc:
        raise validation_message(path, exc, raw.decode("utf-8", "replace")) from None
    from .regions import REGIONS, find_region

    if find_region(event.region) is None:
        match = re.search(rb"^\s*region\s*=", raw, re.M)
        raise FileFormatError(path, f"'{event.region}' is not one of Finland's 19 regions; the "
                              "training covers exactly one region (maakunta)",
                              line=_line_at(raw, match.start()) if match else None,
                              field="region", fix="write one of: "
                              + ", ".join(r.fi for r in REGIONS))
    return event


def encode_event(event: Event) -> bytes:
    from .event import to_data

    return encode_data(to_data(event))


def encode_data(data: dict[str, Any]) -> bytes:
    """The bytes of an event file holding ``data`` (as :func:`eventflow.event.to_data` gives
    it, or as the TOML parser reads such a file back)."""
    import tomli_w
    import tomli_w._writer

    # One fact per line: partners, costs, speakers … as [[tables]], never squeezed inline.
    tomli_w._writer.MAX_LINE_LENGTH = 0
    return tomli_w.dumps(data, multiline_strings=False).encode("utf-8")


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def conflicted_copies(folder: str | Path) -> list[Path]:
    """Files a sync tool (Dropbox, OneDrive, Nextcloud, Syncthing, Google Drive) or a merge
    tool left next to eventflow's own files in an event folder, e.g. ``event (conflicted
    copy).toml``, ``event.sync-conflict-20270101-120000-ABC.toml``, ``event (1).toml``,
    ``history-LAPTOP.jsonl`` or ``event.toml.orig``."""
    own = {EVENT_FILE, HISTORY_FILE, PARTICIPANTS_FILE}
    stems = [(name.split(".")[0], name.split(".")[-1]) for name in own]
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name in own or name.startswith(".") or not entry.is_file():
            continue
        for stem, ext in stems:
            if not name.lower().startswith(stem):
                continue
            if name.lower().endswith("." + ext) or _regex(_CONFLICT_WORDS, re.I).search(name) \
                    or name.startswith(f"{stem}.{ext}"):
                found.append(entry.path)
                break
    return [_path(p) for p in sorted(found)]


def _conflict_message(folder: str | Path, copies: list[Path]) -> str:
    folder = _path(folder)
    lines = []
    for copy in copies:
        original = next((own for own in (EVENT_FILE, HISTORY_FILE, PARTICIPANTS_FILE)
                         if copy.name.lower().startswith(own.split(".")[0])), EVENT_FILE)
        detail = ""
        if original == EVENT_FILE:
            detail = _compare_copy(folder / EVENT_FILE, copy)
        lines.append(f"  - {copy.name} (a copy of {original}{detail})")
    return (f"{folder}: {len(copies)} conflicted cop{'y' if len(copies) == 1 else 'ies'} next to "
            "eventflow's files; a sync tool made it when two people changed the event at the "
            "same time:\n" + "\n".join(lines) + "\n  fix: compare each copy with the file it "
            f"copies (e.g. `diff \"{copies[0]}\" \"{folder / EVENT_FILE}\"`), bring what is "
            "missing into eventflow's file (for history.jsonl: add the copy's lines that are "
            "missing), then delete the copy (or move it out of the events folder) and run the "
            "command again")


def _compare_copy(current: Path, copy: Path) -> str:
    try:
        mine = tomli.loads(read_capped(current, MAX_EVENT_BYTES).decode("utf-8"))
        theirs = parse_bounded(copy, read_capped(copy, MAX_EVENT_BYTES))
    except (OSError, EventflowError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return "; it cannot be compared automatically"
    differ = sorted(k for k in set(mine) | set(theirs)
                    if k != "revision" and mine.get(k) != theirs.get(k))
    return (f"; revision {theirs.get('revision', '?')} there, {mine.get('revision', '?')} here; "
            f"they differ in: {', '.join(differ) or 'nothing but the revision'}")


# the save protocol, on an event's folder -------------------------------------------------------
# Module functions on plain paths, so that the quick `check` (quick.py) runs exactly this code
# without importing pathlib or the event model; Project's methods call them.
@contextlib.contextmanager
def hold(folder: str, notice: Callable[[str], None],
         revision: Callable[[], int | None]) -> Iterator[None]:
    """Hold the lock of the event folder ``folder``; on taking it, clean up after an
    interrupted save (:func:`recover`; ``revision()`` reads the event file's revision)."""
    path = os.path.join(folder, EVENT_FILE)

    def progress() -> tuple[int, int, int, int] | None:
        try:
            return _identity(os.stat(path))
        except OSError:
            return None

    with file_lock(os.path.join(folder, LOCK_FILE), progress=progress):
        with _nothing_saved(folder):
            recover(folder, notice, revision)
        yield


def disk_revision(path: str, fallback: Callable[[], int]) -> int | None:
    """The revision the event file at ``path`` holds (``fallback()`` parses the whole file
    when its head does not say), or ``None`` when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    match = re.search(rb"^revision = (\d+)\s*$", head, re.M)
    if match and not merge_marker_lines(head):
        return int(match.group(1))
    try:
        return fallback()
    except EventflowError:
        return None


def refuse_conflicts(folder: str) -> None:
    """Raise :class:`SharedFolderConflict` if a conflicted copy or merge conflict waits."""
    copies = conflicted_copies(folder)
    if copies:
        raise SharedFolderConflict("nothing was saved: " + _conflict_message(folder, copies),
                                   copies)
    history = os.path.join(folder, HISTORY_FILE)
    try:
        raw = read_capped(history, 64 << 20)
    except FileNotFoundError:
        return
    markers = merge_marker_lines(raw)
    if markers:
        raise SharedFolderConflict(
            f"{history}, line {markers[0]}: git merge conflict markers: two copies of the "
            "folder both added history and git could not merge them; nothing was saved\n"
            "  fix: keep the lines of both sides (every line is one change), delete only the "
            "marker lines (<<<<<<<, =======, >>>>>>>), `git add` the file and commit; add "
            f"`{EVENTS_DIR}/*/{HISTORY_FILE} merge=union` to .gitattributes so git does "
            "this itself next time", [_path(history)])


def commit_bytes(folder: str, revision: int, data: bytes, action: str,
                 details: dict[str, Any]) -> None:
    """History entry first, then the event file (the replace is the commit point).

    Under the event's lock (:func:`hold`), with ``data`` checked by the caller: the bytes of a
    valid event file at ``revision``."""
    path = os.path.join(folder, EVENT_FILE)
    entry = {"rev": revision, "at": now().isoformat(), "by": who(), "action": action}
    entry.update(details)
    entry["change_id"] = os.urandom(6).hex()
    append_history_line(folder, entry)
    try:
        atomic_write(path, data)
    except SaveFailed as exc:
        if exc.applied is False:
            with contextlib.suppress(OSError, SaveFailed):
                mark_not_applied(folder, [entry], "the save failed")
        raise


def append_history_line(folder: str, entry: dict[str, Any]) -> None:
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False, default=str) + "\n"
    path = os.path.join(folder, HISTORY_FILE)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveFailed(f"{path}: cannot open the history ({exc.strerror or exc}); nothing "
                         f"was saved{_advice(exc)}", applied=False) from None
    try:
        size = -1
        try:
            size = os.fstat(fd).st_size
            prefix = b""
            if size and os.pread(fd, 1, size - 1) != b"\n":
                prefix = b"\n"
            _write_all(fd, prefix + line.encode("utf-8"))
            os.fsync(fd)
        except OSError as exc:
            if size >= 0:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
            raise SaveFailed(f"{path}: cannot record the change in the history "
                             f"({exc.strerror or exc}); nothing was saved, the event is as "
                             f"it was{_advice(exc)}", applied=False) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def mark_not_applied(folder: str, entries: list[dict[str, Any]], why: str) -> None:
    for entry in entries:
        append_history_line(folder, {
            "rev": entry.get("rev"), "at": now().isoformat(), "by": who(),
            "action": _NOT_APPLIED, "ref": entry.get("change_id"),
            "note": f"{entry.get('action')} (revision {entry.get('rev')}) was not saved: "
                    f"{why}"})


def recover(folder: str, notice: Callable[[str], None],
            revision_of: Callable[[], int | None]) -> None:
    """Under the lock: clean up after an interrupted save and say what was done."""
    leftovers = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):
                leftovers.append(entry.name)
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    if leftovers:
        notice(f"{folder}: removed {len(leftovers)} temporary file(s) left by an "
               f"interrupted save ({', '.join(sorted(leftovers)[:3])}); event.toml was "
               "not affected: it holds the last saved version")
    history = os.path.join(folder, HISTORY_FILE)
    try:
        with open(history, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(0, size - (64 << 10)))
            tail = fh.read()
    except OSError:
        return
    if tail and not tail.endswith(b"\n"):
        cut = tail.rfind(b"\n") + 1
        partial = tail[cut:]
        try:
            json.loads(partial)
        except ValueError:
            with contextlib.suppress(OSError):
                os.truncate(history, size - len(partial))
                notice(f"{history}: removed an incomplete last line left by an "
                       "interrupted save (that change was not saved)")
            tail = tail[:cut]
    try:  # as Path.exists: a missing file is no error, a failing disk is
        os.stat(os.path.join(folder, EVENT_FILE))
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return
        raise
    revision = revision_of()
    if revision is None:
        return
    # newest first, back to the last change the file holds: each mark of a change as not
    # applied comes after that change, so it has been seen when the change is reached
    marked = set()
    pending = []
    for raw_line in reversed(tail.splitlines()[-200:]):
        try:
            item = json.loads(raw_line)
        except ValueError:
            continue
        if not isinstance(item, dict):
            continue
        if item.get("action") == _NOT_APPLIED:
            marked.add(item.get("ref"))
            continue
        rev = item.get("rev")
        if not isinstance(rev, int) or rev <= revision:
            break
        if item.get("change_id") not in marked:
            pending.append(item)
    if pending:
        mark_not_applied(folder, pending, "eventflow was interrupted before the event file "
                         "was replaced")
        notice(f"{history}: {len(pending)} change(s) recorded by an interrupted save "
               f"never reached {EVENT_FILE} and are marked as not applied: "
               + "; ".join(f"{p.get('action')} (revision {p.get('rev')})" for p in pending)
               + "; run that command again if the change is still wanted")


class Project:
    """One planning folder.

    ``notices`` collects what a person should know but what does not stop the command
    (temporary files cleaned after an interrupted save, conflicted copies found on reading);
    the engine shows them as warnings.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = _path(root)
        self._settings: Settings | None = None
        self.notices: list[str] = []
        self._held: dict[str, int] = {}
        # parsed events by file identity: parsing TOML is slow, and a command often reads the
        # same unchanged file twice (to check the request, then under the lock to change it)
        self._cache: dict[str, tuple[tuple[int, int, int, int], Event]] = {}
        self.written: dict[str, bytes] = {}  # the last bytes this Project wrote, per event

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        return cls(find_root(start))

    @classmethod
    def init(cls, root: Path, settings: Settings) -> Project:
        import tomli_w

        root.mkdir(parents=True, exist_ok=True)
        path = root / SETTINGS_FILE
        if path.exists():
            raise InvalidInput(f"{path} already exists: this is a planning folder already")
        data = {
            "eventflow": {
                "organisation": settings.organisation,
                "organisation_type": settings.organisation_type,
                "bilingual": settings.bilingual,
                "language": settings.language,
            },
            "plugins": {"active": settings.active_plugins},
        }
        (root / EVENTS_DIR).mkdir(exist_ok=True)
        # history from two clones is merged by keeping both sides' lines; personal data and
        # lock/temporary files never go into git (erasure must be able to remove every copy)
        extras = {
            ".gitattributes": f"{EVENTS_DIR}/*/{HISTORY_FILE} merge=union\n",
            ".gitignore": f"{EVENTS_DIR}/*/{PARTICIPANTS_FILE}\n{EVENTS_DIR}/*/.lock\n"
                          f".*{TMP_SUFFIX}\n",
        }
        for name, text in extras.items():
            if not (root / name).exists():
                atomic_write(root / name, text.encode())
        atomic_write(path, tomli_w.dumps(data).encode())
        return cls(root)

    # settings ----------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self._read_settings()
        return self._settings

    def _read_settings(self) -> Settings:
        path = self.root / SETTINGS_FILE
        data = parse_bounded(path, read_capped(path, MAX_EVENT_BYTES))
        head = data.get("eventflow", {})
        plugins = data.get("plugins", {})
        if not isinstance(head, dict) or not isinstance(plugins, dict):
            raise FileFormatError(path, "[eventflow] and [plugins] must be tables")
        active = plugins.get("active", [])
        if not isinstance(active, list) or not all(isinstance(a, str) for a in active):
            raise FileFormatError(path, "must be a list of plugin names", field="plugins.active",
                                  fix='write active = ["name", ...]')
        return Settings(
            organisation=str(head.get("organisation", "")),
            organisation_type=str(head.get("organisation_type", "")),
            bilingual=bool(head.get("bilingual", False)),
            language=str(head.get("language", "fi")),
            active_plugins=list(active),
            plugin_settings={k: v for k, v in plugins.items() if isinstance(v, dict)},
        )

    # events ------------------------------------------------------------------------------
    @property
    def events_dir(self) -> Path:
        return self.root / EVENTS_DIR

    def event_dir(self, event_id: str) -> Path:
        return self.events_dir / event_id

    def event_path(self, event_id: str) -> Path:
        return self.events_dir / event_id / EVENT_FILE

    def event_ids(self) -> list[str]:
        try:
            with os.scandir(self.events_dir) as entries:
                folders = [e for e in entries if e.is_dir() and not e.name.startswith(".")]
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise FileFormatError(self.events_dir, f"cannot be read ({exc.strerror or exc})",
                                  fix="check the folder's permissions and the disk") from None
        ids = []
        try:
            for entry in folders:
                try:
                    os.stat(os.path.join(entry.path, EVENT_FILE))
                except (FileNotFoundError, NotADirectoryError):
                    continue
                ids.append(entry.name)
        except OSError as exc:
            raise FileFormatError(self.events_dir, f"cannot be read ({exc.strerror or exc})",
                                  fix="check the folder's permissions and the disk") from None
        return sorted(ids)

    def resolve(self, name: str) -> str:
        """The id of the event named ``name`` or by a unique prefix of its id."""
        ids = self.event_ids()
        if name in ids:
            return name
        matches = [i for i in ids if i.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            hint = f"; events here: {', '.join(ids[:10])}" if ids else "; create one with " \
                   "`eventflow new`"
            raise EventNotFound(f"no event '{name}' in {self.events_dir}{hint}")
        raise AmbiguousEvent(f"'{name}' matches {len(matches)} events ({', '.join(matches[:10])}); "
                             "type more of the id")

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def load(self, event_id: str) -> Event:
        return self._load(event_id, True)[0]

    def load_with_bytes(self, event_id: str) -> tuple[Event, bytes]:
        """The event and the bytes it was read from (for caches keyed on them; index.py)."""
        return self._load(event_id, False)

    def _load(self, event_id: str, use_cache: bool) -> tuple[Event, bytes]:
        path = self.event_path(event_id)
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                cached = self._cache.get(event_id) if use_cache else None
                if cached is not None and cached[0] == _identity(st):
                    self._report_copies(path.parent)
                    self._report_merge_conflicts(cached[1])
                    return cached[1].copy(), b""
                if st.st_size > MAX_EVENT_BYTES:
                    raise FileFormatError(path, f"is {st.st_size} bytes, over the "
                                          f"{MAX_EVENT_BYTES} allowed", line=1,
                                          fix="restore the file from git")
                raw = fh.read(MAX_EVENT_BYTES + 1)
        except FileNotFoundError:
            raise EventNotFound(f"no event '{event_id}' ({path} is missing)") from None
        except OSError as exc:
            raise FileFormatError(path, f"cannot be read ({exc.strerror or exc})",
                                  fix="check the file's permissions") from None
        event = decode_event(path, raw)
        if event.id != event_id:
            raise FileFormatError(path, f"says id = \"{event.id}\" but lives in folder "
                                  f"'{event_id}'", field="id",
                                  fix=f"set id = \"{event_id}\" or rename the folder")
        if use_cache:
            self._cache[event_id] = (_identity(st), event.copy())
        self._report_copies(path.parent)
        self._report_merge_conflicts(event)
        return event, raw

    def _report_merge_conflicts(self, event: Event) -> None:
        if event.conflicts:  # recorded by a merge of two copies until resolved (merge.py)
            from .merge import conflict_warning

            self.notice(conflict_warning(event.id, event.conflicts))

    def _report_copies(self, folder: Path) -> None:
        copies = conflicted_copies(folder)
        if copies:
            self.notice(_conflict_message(folder, copies)
                        + " (changes to this event are refused until then)")

    def new_id(self, event: Event) -> str:
        base = f"{slugify(event.region, 16)}-{event.date:%Y-%m-%d}"
        candidate, n = base, 2
        while self.event_dir(candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    @contextlib.contextmanager
    def locked(self, event_id: str) -> Iterator[None]:
        """Hold the event's lock (re-entrant within this Project).

        On taking it, the leftovers of an interrupted save are cleaned up and reported. A
        read-modify-write done inside sees no other writer's change between its read and its
        save, so concurrent changes to different parts of an event are never lost.
        """
        if event_id in self._held:
            self._held[event_id] += 1
            try:
                yield
            finally:
                self._held[event_id] -= 1
            return
        with hold(str(self.event_dir(event_id)), self.notice,
                  lambda: self._disk_revision(event_id)):
            self._held[event_id] = 1
            try:
                yield
            finally:
                del self._held[event_id]
    def create(self, event: Event, *, action: str = "created",
               details: dict[str, Any] | None = None) -> Event:
        self.events_dir.mkdir(exist_ok=True)
        folder = self.event_dir(event.id)
        try:
            folder.mkdir()
        except FileExistsError:
            raise InvalidInput(f"event '{event.id}' already exists in {self.events_dir}") from None
        except OSError as exc:
            raise SaveFailed(f"{folder}: cannot make the event folder ({exc.strerror}); nothing "
                             "was saved", applied=False) from None
        import msgspec

        new = msgspec.structs.replace(event, revision=1)
        with self.locked(event.id):
            self._commit(new, action, details or {})
        return new

    def save(self, event: Event, action: str, details: dict[str, Any] | None = None,
             *, expected_revision: int | None = None) -> Event:
        """Write ``event`` as the next revision; refuse if the file changed since it was read."""
        expected = event.revision if expected_revision is None else expected_revision
        with self.locked(event.id):
            folder = self.event_dir(event.id)
            path = self.event_path(event.id)
            with _nothing_saved(path):
                self.refuse_conflicts(folder)
                on_disk = self._on_disk(event.id)
            if on_disk.revision != expected:
                raise StaleWrite(
                    f"{path} changed since this command read it (revision {on_disk.revision}, "
                    f"expected {expected}): nothing was saved; run the command again to apply "
                    "it to the current version")
            import msgspec

            new = msgspec.structs.replace(event, revision=expected + 1)
            self._commit(new, action, details or {})
        return new

    def _on_disk(self, event_id: str) -> Event:
        path = self.event_path(event_id)
        cached = self._cache.get(event_id)
        if cached is not None:
            with contextlib.suppress(OSError):
                if _identity(os.stat(path)) == cached[0]:
                    return cached[1]
        try:
            raw = read_capped(path, MAX_EVENT_BYTES)
        except FileNotFoundError:
            raise EventNotFound(f"no event '{event_id}' ({path} is missing)") from None
        return decode_event(path, raw)

    def _disk_revision(self, event_id: str) -> int | None:
        return disk_revision(str(self.event_path(event_id)),
                             lambda: self._on_disk(event_id).revision)

    def refuse_conflicts(self, folder: str | Path) -> None:
        """Raise :class:`SharedFolderConflict` if a conflicted copy or merge conflict waits."""
        refuse_conflicts(str(folder))

    def _commit(self, new: Event, action: str, details: dict[str, Any]) -> None:
        path = self.event_path(new.id)
        data = encode_event(new)
        if decode_event(path, data) != new:  # never replace a good file with a bad one
            raise FileFormatError(path, "eventflow produced data it cannot read back; nothing "
                                  "was saved", fix="report this as a bug")
        self.commit_bytes(new.id, new.revision, data, action, details)
        with contextlib.suppress(OSError):
            self._cache[new.id] = (_identity(os.stat(path)), new.copy())

    def commit_bytes(self, event_id: str, revision: int, data: bytes, action: str,
                     details: dict[str, Any]) -> None:
        """:func:`commit_bytes` in the event's folder; ``written`` keeps the bytes, for the
        caches that vouch for a file by what eventflow wrote (quick.py)."""
        commit_bytes(str(self.event_dir(event_id)), revision, data, action, details)
        self.written[event_id] = data

    def history(self, event_id: str) -> list[dict[str, Any]]:
        """The history, oldest first. An entry whose change was never saved (an interrupted
        or failed save) carries ``"applied": false``; git conflict markers and unreadable
        lines are shown as entries of action ``unreadable`` with a note."""
        path = self.event_dir(event_id) / HISTORY_FILE
        entries: list[dict[str, Any]] = []
        try:
            lines = path.read_text("utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        not_applied: dict[str, str] = {}
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            if _regex(_MERGE_MARKER, re.M).match(line.encode("utf-8", "replace")):
                entries.append({"action": "unreadable", "line": number,
                                "note": f"{path} line {number} is a git merge conflict marker: "
                                        "keep both sides' lines and delete the marker lines"})
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                entry = None
            if not isinstance(entry, dict):
                entries.append({"action": "unreadable", "line": number,
                                "note": f"{path} line {number} is not valid JSON"})
                continue
            if entry.get("action") == _NOT_APPLIED:
                not_applied[str(entry.get("ref"))] = str(entry.get("note", ""))
                continue
            entries.append(entry)
        for entry in entries:
            ref = entry.get("change_id")
            if ref is not None and str(ref) in not_applied:
                entry["applied"] = False
                entry.setdefault("note", not_applied[str(ref)])
        return entries
