"""The planning folder and its event files: found like git finds a repository, written atomically.

Layout::

    eventflow.toml            settings (organisation, language, active plugins)
    workflows/*.toml          workflows of this folder (optional)
    events/<id>/event.toml    one event's data and progress (people may edit it by hand)
    events/<id>/history.jsonl append-only history, never read by `status`

Every write takes the event's lock, checks that the file on disk still has the revision the
writer read (a stale writer is refused), writes a temporary file, fsyncs it, re-parses it and
only then replaces the old file with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import time
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import msgspec

from .errors import (
    AmbiguousEvent,
    EventNotFound,
    FileFormatError,
    InvalidInput,
    LockTimeout,
    PlanningFolderNotFound,
    StaleWrite,
)
from .event import Event, from_data, to_data
from .workflow import parse_toml

SETTINGS_FILE = "eventflow.toml"
EVENTS_DIR = "events"
EVENT_FILE = "event.toml"
HISTORY_FILE = "history.jsonl"
LOCK_FILE = ".lock"
MAX_EVENT_BYTES = 4 << 20
LOCK_TIMEOUT = 10.0


@dataclass
class Settings:
    organisation: str = ""
    organisation_type: str = ""
    bilingual: bool = False
    language: str = "fi"
    active_plugins: list[str] = field(default_factory=list)
    plugin_settings: dict[str, dict[str, Any]] = field(default_factory=dict)


def find_root(start: Path | None = None) -> Path:
    """The planning folder: ``--dir``/``EVENTFLOW_DIR`` if given, else walk up from ``start``."""
    env = os.environ.get("EVENTFLOW_DIR")
    if start is None and env:
        root = Path(env)
        if not (root / SETTINGS_FILE).is_file():
            raise PlanningFolderNotFound(f"EVENTFLOW_DIR={env} has no {SETTINGS_FILE}; run "
                                         "`eventflow init` there or correct the variable")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise PlanningFolderNotFound(f"no planning folder here ({here}) or in any parent folder; "
                                 "run `eventflow init` to make one, or use --dir / EVENTFLOW_DIR")


def slugify(text: str, max_len: int = 24) -> str:
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
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (created if missing)."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(f"{path.parent} is locked by another eventflow command "
                                      f"for more than {timeout:g} s; try again") from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a fsynced temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


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
    data = parse_toml(path, raw)
    try:
        return from_data(data)
    except msgspec.ValidationError as exc:
        raise validation_message(path, exc, raw.decode("utf-8", "replace")) from None


def encode_event(event: Event) -> bytes:
    import tomli_w
    import tomli_w._writer

    # One fact per line: partners, costs, speakers … as [[tables]], never squeezed inline.
    tomli_w._writer.MAX_LINE_LENGTH = 0
    return tomli_w.dumps(to_data(event), multiline_strings=False).encode("utf-8")


class Project:
    """One planning folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._settings: Settings | None = None

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
        data = parse_toml(path, path.read_bytes())
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
            entries = os.scandir(self.events_dir)
        except FileNotFoundError:
            return []
        with entries:
            ids = [e.name for e in entries
                   if e.is_dir() and not e.name.startswith(".")
                   and os.path.exists(os.path.join(e.path, EVENT_FILE))]
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

    def load(self, event_id: str) -> Event:
        path = self.event_path(event_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise EventNotFound(f"no event '{event_id}' ({path} is missing)") from None
        if len(raw) > MAX_EVENT_BYTES:
            raise FileFormatError(path, f"is {len(raw)} bytes, over the {MAX_EVENT_BYTES} allowed",
                                  fix="restore the file from git")
        event = decode_event(path, raw)
        if event.id != event_id:
            raise FileFormatError(path, f"says id = \"{event.id}\" but lives in folder "
                                  f"'{event_id}'", field="id",
                                  fix=f"set id = \"{event_id}\" or rename the folder")
        return event

    def new_id(self, event: Event) -> str:
        base = f"{slugify(event.region, 16)}-{event.date:%Y-%m-%d}"
        candidate, n = base, 2
        while self.event_dir(candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def create(self, event: Event, *, action: str = "created",
               details: dict[str, Any] | None = None) -> Event:
        self.events_dir.mkdir(exist_ok=True)
        folder = self.event_dir(event.id)
        try:
            folder.mkdir()
        except FileExistsError:
            raise InvalidInput(f"event '{event.id}' already exists in {self.events_dir}") from None
        new = msgspec.structs.replace(event, revision=1)
        with file_lock(folder / LOCK_FILE):
            self._write(new)
            self._append_history(new, action, details or {})
        return new

    def save(self, event: Event, action: str, details: dict[str, Any] | None = None,
             *, expected_revision: int | None = None) -> Event:
        """Write ``event`` as the next revision; refuse if the file changed since it was read."""
        expected = event.revision if expected_revision is None else expected_revision
        folder = self.event_dir(event.id)
        with file_lock(folder / LOCK_FILE):
            path = self.event_path(event.id)
            on_disk = decode_event(path, path.read_bytes())
            if on_disk.revision != expected:
                raise StaleWrite(
                    f"{path} changed since this command read it (revision {on_disk.revision}, "
                    f"expected {expected}): nothing was saved; run the command again to apply "
                    "it to the current version")
            new = msgspec.structs.replace(event, revision=expected + 1)
            self._write(new)
            self._append_history(new, action, details or {})
        return new

    def _write(self, event: Event) -> None:
        path = self.event_path(event.id)
        data = encode_event(event)
        if decode_event(path, data) != event:  # never replace a good file with a bad one
            raise FileFormatError(path, "eventflow produced data it cannot read back; nothing "
                                  "was saved", fix="report this as a bug")
        atomic_write(path, data)

    # history -----------------------------------------------------------------------------
    def _append_history(self, event: Event, action: str, details: dict[str, Any]) -> None:
        entry = {"rev": event.revision, "at": now().isoformat(), "by": who(), "action": action}
        entry.update(details)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=False, default=str) + "\n"
        path = self.event_dir(event.id) / HISTORY_FILE
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def history(self, event_id: str) -> list[dict[str, Any]]:
        path = self.event_dir(event_id) / HISTORY_FILE
        entries = []
        try:
            lines = path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            return []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                entries.append({"action": "unreadable", "line": number,
                                "note": f"{path} line {number} is not valid JSON"})
        return entries


def read_settings_file(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))
