"""The save protocol on an event's folder, on plain paths.

Every save of an event runs these steps under the event's lock (``events/<id>/.lock``):

1. :func:`hold` takes the lock and cleans up after an interrupted save (temporary files
   removed, history entries whose change never reached ``event.toml`` marked as not applied;
   both reported);
2. :func:`~eventflow.store.refuse_conflicts` refuses if a sync tool's conflicted copy or a git
   merge conflict sits in the folder; the caller refuses a stale writer (the file no longer has
   the revision it read);
3. :func:`commit_bytes` appends the history entry (fsynced), writes a temporary file, fsyncs
   it and only then ``os.replace`` s it over ``event.toml`` (the commit point) and fsyncs the
   folder.

So after a crash ``event.toml`` holds either the last committed state or the new one, and each
applied change is in the history exactly once. :class:`~eventflow.store.Project` and the quick
``check`` (quick.py) both save through these functions.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import EventflowError
from ..names import EVENT_FILE, LOCK_FILE
from .atomic import SaveFailed, atomic_write, nothing_saved
from .history import append_history_line, mark_not_applied, now, recover, who
from .locking import file_lock
from .tomlio import merge_marker_lines

_REVISION = re.compile(rb"^revision = (\d+)\s*$", re.M)


def file_identity(st: os.stat_result) -> tuple[int, int, int, int]:
    """What tells one version of a file from another: inode, size, mtime and ctime."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@contextlib.contextmanager
def hold(folder: str, notice: Callable[[str], None],
         revision: Callable[[], int | None]) -> Iterator[None]:
    """Hold the lock of the event folder ``folder`` for a read-modify-write.

    On taking it, clean up after an interrupted save (:func:`~eventflow.store.history.recover`;
    ``revision()`` reads the event file's revision, ``notice`` is told what was done). While
    the event file keeps changing the wait goes on (:func:`~eventflow.store.file_lock`).
    Raises :class:`~eventflow.errors.LockTimeout` or :class:`~eventflow.store.SaveFailed`.
    """
    path = os.path.join(folder, EVENT_FILE)

    def progress() -> tuple[int, int, int, int] | None:
        try:
            return file_identity(os.stat(path))
        except OSError:
            return None

    with file_lock(os.path.join(folder, LOCK_FILE), progress=progress):
        with nothing_saved(folder):
            recover(folder, notice, revision)
        yield


def disk_revision(path: str, fallback: Callable[[], int]) -> int | None:
    """The revision the event file at ``path`` holds, or ``None`` when it cannot be read.

    Read from the file's head (``revision = N``, as eventflow writes it); ``fallback()``
    parses the whole file when the head does not say.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    match = _REVISION.search(head)
    if match and not merge_marker_lines(head):
        return int(match.group(1))
    try:
        return fallback()
    except EventflowError:
        return None


def commit_bytes(folder: str, revision: int, data: bytes, action: str,
                 details: dict[str, Any]) -> None:
    """Save ``data`` as the event file of ``folder``: history entry first, then the file.

    Call it under the event's lock (:func:`hold`), with ``data`` checked by the caller: the
    bytes of a valid event file at ``revision``. The entry records ``action`` and ``details``
    with who and when. Raises :class:`~eventflow.store.SaveFailed`; when nothing was saved the
    history entry is marked as not applied.
    """
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
