"""One planning folder (:class:`Project`): its settings, its events, their saves and history."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import tomli_w

from ..errors import (
    AmbiguousEvent,
    EventNotFound,
    FileFormatError,
    InvalidInput,
    PlanningFolderNotFound,
    StaleWrite,
)
from ..event import Event
from ..folder import planning_folder
from ..i18n import _
from ..names import (
    EVENT_FILE,
    EVENTS_DIR,
    HISTORY_FILE,
    LOCK_FILE,
    PARTICIPANTS_FILE,
    SETTINGS_FILE,
    TMP_SUFFIX,
)
from ..suggest import did_you_mean
from .atomic import SaveFailed, atomic_write, nothing_saved
from .conflicts import conflict_message, conflicted_copies, refuse_conflicts
from .eventfile import decode_event, encode_event
from .history import read_history
from .save import commit_bytes, disk_revision, file_identity, hold
from .settings import Settings, read_settings, settings_data
from .tomlio import MAX_EVENT_BYTES, read_capped


def find_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The planning folder: the nearest folder holding ``eventflow.toml``, walking up from
    ``start``, else from the folder ``EVENTFLOW_DIR`` names, else from the current folder (one
    finder for every part of eventflow: :func:`eventflow.folder.planning_folder`).

    Raises :class:`~eventflow.errors.PlanningFolderNotFound` when there is none.
    """
    found = planning_folder(None if start is None else os.fspath(start))
    if found is not None:
        return Path(found)
    env = os.environ.get("EVENTFLOW_DIR")
    if start is None and env:
        raise PlanningFolderNotFound(_("EVENTFLOW_DIR={env}: no {file} there or in any parent "
                                       "folder; run `eventflow init` there or correct the "
                                       "variable").format(
                                         env=env, file=SETTINGS_FILE))
    here = os.path.realpath(start if start is not None else os.getcwd())
    raise PlanningFolderNotFound(_("no planning folder here ({here}) or in any parent folder (a "
                                   "folder holding {file}); run `eventflow init` to make one, "
                                   "or name the folder to use (EVENTFLOW_DIR)").format(
                                     here=here, file=SETTINGS_FILE))


def slugify(text: str, max_len: int = 24) -> str:
    """``text`` as lower-case ASCII words joined by ``-``, at most ``max_len`` characters
    (``"Etelä-Pohjanmaa"`` → ``"etela-pohjanmaa"``); ``"event"`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "event"


class Project:
    """One planning folder, at ``root``.

    Reads and saves its events (every save through the protocol of
    :mod:`eventflow.store.save`), their history and the settings. ``notices`` collects what a
    person should know but what does not stop the command (temporary files cleaned after an
    interrupted save, conflicted copies found on reading); the engine shows them as warnings.
    ``written`` holds the last bytes this object wrote, per event id.
    """

    def __init__(self, root: str | os.PathLike[str], settings: Settings | None = None) -> None:
        """The planning folder at ``root``; ``settings`` are used instead of reading
        ``eventflow.toml`` (for a folder that has none, e.g. linting a workflow outside a
        planning folder). Nothing is read until asked for."""
        self.root = Path(root)
        self._settings: Settings | None = settings
        self.notices: list[str] = []
        self._held: dict[str, int] = {}
        # parsed events by file identity: parsing TOML is slow, and a command often reads the
        # same unchanged file twice (to check the request, then under the lock to change it)
        self._cache: dict[str, tuple[tuple[int, int, int, int], Event]] = {}
        self.written: dict[str, bytes] = {}

    @classmethod
    def find(cls, start: str | os.PathLike[str] | None = None) -> Project:
        """The planning folder found by :func:`find_root` from ``start``."""
        return cls(find_root(start))

    @classmethod
    def init(cls, root: str | os.PathLike[str], settings: Settings) -> Project:
        """Make a planning folder at ``root`` (created if missing) with ``settings``: its
        ``eventflow.toml``, ``events/`` and the ``.gitattributes`` and ``.gitignore`` that
        keep history merges and personal data right in git.

        Raises :class:`~eventflow.errors.InvalidInput` when ``root`` is a planning folder
        already, :class:`~eventflow.store.SaveFailed` when a file cannot be written.
        """
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        path = root / SETTINGS_FILE
        if path.exists():
            raise InvalidInput(_("{path} already exists: this is a planning folder "
                                 "already").format(path=path))
        (root / EVENTS_DIR).mkdir(exist_ok=True)
        # history from two clones is merged by keeping both sides' lines; personal data and
        # lock/temporary files never go into git (erasure must be able to remove every copy)
        extras = {
            ".gitattributes": f"{EVENTS_DIR}/*/{HISTORY_FILE} merge=union\n",
            ".gitignore": f"{EVENTS_DIR}/*/{PARTICIPANTS_FILE}\n{EVENTS_DIR}/*/{LOCK_FILE}\n"
                          f".*{TMP_SUFFIX}\n",
        }
        for name, text in extras.items():
            if not (root / name).exists():
                atomic_write(root / name, text.encode())
        atomic_write(path, tomli_w.dumps(settings_data(settings)).encode())
        return cls(root)

    # settings ----------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The folder's settings, read from ``eventflow.toml`` once (see
        :func:`~eventflow.store.read_settings` for the errors)."""
        if self._settings is None:
            self._settings = read_settings(self.root / SETTINGS_FILE)
        return self._settings

    def reread_settings(self) -> None:
        """Forget the settings read so far: the next use reads ``eventflow.toml`` again (after
        something else changed the file)."""
        self._settings = None

    # events ------------------------------------------------------------------------------
    @property
    def events_dir(self) -> Path:
        """The folder of the events, ``<root>/events``."""
        return self.root / EVENTS_DIR

    def event_dir(self, event_id: str) -> Path:
        """The folder of the event ``event_id``."""
        return self.events_dir / event_id

    def event_path(self, event_id: str) -> Path:
        """The event file of the event ``event_id``."""
        return self.events_dir / event_id / EVENT_FILE

    def event_ids(self) -> list[str]:
        """The ids of the folder's events (folders holding an event file), sorted.

        Raises :class:`~eventflow.errors.FileFormatError` when the events folder cannot be
        read.
        """
        try:
            with os.scandir(self.events_dir) as entries:
                folders = [e for e in entries if e.is_dir() and not e.name.startswith(".")]
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise FileFormatError(self.events_dir, _("cannot be read ({exc})").format(
                                                       exc=exc.strerror or exc),
                                  fix=_("check the folder's permissions and the disk")) from None
        ids = []
        try:
            for entry in folders:
                try:
                    os.stat(os.path.join(entry.path, EVENT_FILE))
                except (FileNotFoundError, NotADirectoryError):
                    continue
                ids.append(entry.name)
        except OSError as exc:
            raise FileFormatError(self.events_dir, _("cannot be read ({exc})").format(
                                                       exc=exc.strerror or exc),
                                  fix=_("check the folder's permissions and the disk")) from None
        return sorted(ids)

    def resolve(self, name: str) -> str:
        """The id of the event named ``name``: its id, or the one id that begins with it.

        Raises :class:`~eventflow.errors.EventNotFound` when no event matches and
        :class:`~eventflow.errors.AmbiguousEvent` when several do.
        """
        if self._is_event_id(name):  # a whole id needs no listing of every event
            return name
        ids = self.event_ids()
        if name in ids:
            return name
        matches = [i for i in ids if i.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            hint = (did_you_mean(name, ids, _("; events here: {values}").format(
                                                values=', '.join(ids[:10]))) if ids
                    else _("; create one first"))
            raise EventNotFound(_("no event '{name}' in {events_dir}{hint}").format(
                                    name=name, events_dir=self.events_dir, hint=hint))
        raise AmbiguousEvent(_("'{name}' matches {n} events ({events}); give more of the "
                               "id").format(name=name, n=len(matches),
                                            events=", ".join(matches[:10])))

    def _is_event_id(self, name: str) -> bool:
        """Whether ``name`` is the id of an event here: a folder of ``events/`` (not hidden)
        holding an event file, as :meth:`event_ids` lists them."""
        if not name or name.startswith(".") or "/" in name or os.sep in name or "\0" in name:
            return False
        try:
            return os.path.isfile(os.path.join(self.events_dir, name, EVENT_FILE))
        except (OSError, ValueError):
            return False

    def notice(self, message: str) -> None:
        """Add ``message`` to :attr:`notices` (once)."""
        if message not in self.notices:
            self.notices.append(message)

    def load(self, event_id: str) -> Event:
        """The event ``event_id``, read from its file (a copy: change it freely).

        Raises :class:`~eventflow.errors.EventNotFound` when the file is missing and
        :class:`~eventflow.errors.FileFormatError` (file, line, field, fix) when it cannot be
        read or is not a valid event file.
        """
        return self._load(event_id, True)[0]

    def load_with_bytes(self, event_id: str) -> tuple[Event, bytes]:
        """The event ``event_id`` and the bytes it was read from (for caches keyed on them),
        never from this object's cache; raises as :meth:`load`."""
        return self._load(event_id, False)

    def _load(self, event_id: str, use_cache: bool) -> tuple[Event, bytes]:
        path = self.event_path(event_id)
        try:
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                cached = self._cache.get(event_id) if use_cache else None
                if cached is not None and cached[0] == file_identity(st):
                    self._report_copies(path.parent)
                    self._report_merge_conflicts(cached[1])
                    return cached[1].copy(), b""
                if st.st_size > MAX_EVENT_BYTES:
                    raise FileFormatError(path, _("is {size} bytes, over the {limit} "
                                                  "allowed").format(size=st.st_size,
                                                                    limit=MAX_EVENT_BYTES),
                                          line=1,
                                          fix=_("restore the file from git"))
                raw = fh.read(MAX_EVENT_BYTES + 1)
        except FileNotFoundError:
            raise EventNotFound(_("no event '{event}' ({path} is missing)").format(
                                    event=event_id, path=path)) from None
        except OSError as exc:
            raise FileFormatError(path, _("cannot be read ({exc})").format(
                                                       exc=exc.strerror or exc),
                                  fix=_("check the file's permissions")) from None
        event = decode_event(path, raw)
        if event.id != event_id:
            raise FileFormatError(path, _("says id = \"{id}\" but lives in folder "
                                          "'{folder}'").format(id=event.id, folder=event_id),
                                  field="id",
                                  fix=_("set id = \"{folder}\" or rename the folder").format(
                                          folder=event_id))
        if use_cache:
            self._cache[event_id] = (file_identity(st), event.copy())
        self._report_copies(path.parent)
        self._report_merge_conflicts(event)
        return event, raw

    def _report_merge_conflicts(self, event: Event) -> None:
        if event.conflicts:  # recorded by a merge of two copies until resolved (merge.py)
            from ..merge import conflict_warning  # lazy: merge and its data modules, 3+ ms

            self.notice(conflict_warning(event.id, event.conflicts))

    def _report_copies(self, folder: Path) -> None:
        copies = conflicted_copies(folder)
        if copies:
            self.notice(conflict_message(folder, copies)
                        + " (changes to this event are refused until then)")

    def new_id(self, event: Event) -> str:
        """A free id for the new ``event``: ``<region>-<date>``, with ``-2``, ``-3`` … added
        when taken."""
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
        save, so concurrent changes to different parts of an event are never lost. Raises
        :class:`~eventflow.errors.LockTimeout` when another command holds the lock and makes
        no progress.
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
        """Save the new ``event`` (its id chosen, e.g. with :meth:`new_id`) at revision 1, with
        the history entry ``action`` and ``details``; returns the saved event.

        Raises :class:`~eventflow.errors.InvalidInput` when the event exists already and
        :class:`~eventflow.store.SaveFailed` when it cannot be written.
        """
        self.events_dir.mkdir(exist_ok=True)
        folder = self.event_dir(event.id)
        try:
            folder.mkdir()
        except FileExistsError:
            raise InvalidInput(_("event '{event}' already exists in {folder}").format(
                                   event=event.id, folder=self.events_dir)) from None
        except OSError as exc:
            raise SaveFailed(_("{folder}: cannot make the event folder ({error}); nothing was "
                               "saved").format(
                                 folder=folder, error=exc.strerror), applied=False) from None
        new = msgspec.structs.replace(event, revision=1)
        with self.locked(event.id):
            self._commit(new, action, details or {})
        return new

    def save(self, event: Event, action: str, details: dict[str, Any] | None = None,
             *, expected_revision: int | None = None) -> Event:
        """Write ``event`` as the next revision, recording ``action`` and ``details`` in the
        history; returns the saved event.

        ``expected_revision`` (default: ``event.revision``) is the revision the change was
        made to. Raises :class:`~eventflow.errors.StaleWrite` when the file has another one
        (someone saved in between), :class:`~eventflow.store.SharedFolderConflict` while a
        sync or merge conflict waits in the event's folder,
        :class:`~eventflow.errors.LockTimeout` and :class:`~eventflow.store.SaveFailed`.
        """
        expected = event.revision if expected_revision is None else expected_revision
        with self.locked(event.id):
            folder = self.event_dir(event.id)
            path = self.event_path(event.id)
            with nothing_saved(path):
                self.refuse_conflicts(folder)
                on_disk = self._on_disk(event.id)
            if on_disk.revision != expected:
                raise StaleWrite(
                    _("{path} changed since it was read (revision {revision}, expected "
                      "{expected}): nothing was saved; make the change again on the current "
                      "version").format(
                        path=path, revision=on_disk.revision, expected=expected))
            new = msgspec.structs.replace(event, revision=expected + 1)
            self._commit(new, action, details or {})
        return new

    def _on_disk(self, event_id: str) -> Event:
        path = self.event_path(event_id)
        cached = self._cache.get(event_id)
        if cached is not None:
            with contextlib.suppress(OSError):
                if file_identity(os.stat(path)) == cached[0]:
                    return cached[1]
        try:
            raw = read_capped(path, MAX_EVENT_BYTES)
        except FileNotFoundError:
            raise EventNotFound(_("no event '{event}' ({path} is missing)").format(
                                    event=event_id, path=path)) from None
        return decode_event(path, raw)

    def _disk_revision(self, event_id: str) -> int | None:
        return disk_revision(str(self.event_path(event_id)),
                             lambda: self._on_disk(event_id).revision)

    def refuse_conflicts(self, folder: str | os.PathLike[str]) -> None:
        """Raise :class:`~eventflow.store.SharedFolderConflict` if a conflicted copy or merge
        conflict waits in ``folder`` (:func:`~eventflow.store.refuse_conflicts`)."""
        refuse_conflicts(folder)

    def _commit(self, new: Event, action: str, details: dict[str, Any]) -> None:
        path = self.event_path(new.id)
        data = encode_event(new)
        if decode_event(path, data) != new:  # never replace a good file with a bad one
            raise FileFormatError(path, _("eventflow produced data it cannot read back; nothing "
                                          "was saved"), fix=_("report this as a bug"))
        self.commit_bytes(new.id, new.revision, data, action, details)
        with contextlib.suppress(OSError):
            self._cache[new.id] = (file_identity(os.stat(path)), new.copy())

    def commit_bytes(self, event_id: str, revision: int, data: bytes, action: str,
                     details: dict[str, Any]) -> None:
        """:func:`~eventflow.store.commit_bytes` in the event's folder; :attr:`written` keeps
        the bytes, for the caches that vouch for a file by what eventflow wrote (quick.py)."""
        commit_bytes(str(self.event_dir(event_id)), revision, data, action, details)
        self.written[event_id] = data

    def history(self, event_id: str) -> list[dict[str, Any]]:
        """The history of the event ``event_id``, oldest first
        (:func:`~eventflow.store.read_history`)."""
        return read_history(self.event_dir(event_id) / HISTORY_FILE)
