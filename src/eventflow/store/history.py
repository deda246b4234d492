"""An event's history (``events/<id>/history.jsonl``) and recovery after an interrupted save.

The history is append-only JSON lines, one per change: ``rev``, ``at`` (UTC), ``by``,
``action``, the change's details and a ``change_id``. A save appends its entry *before* it
replaces the event file, so a change that never reached the file is marked afterwards by an
entry of action ``not-applied`` (:func:`mark_not_applied`, :func:`recover`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
from collections.abc import Callable
from typing import Any

from ..i18n import _, ngettext
from ..names import EVENT_FILE, HISTORY_FILE, TMP_SUFFIX
from .atomic import SaveFailed, advice, write_all
from .tomlio import MERGE_MARKER

#: The action of an entry saying that an earlier entry's change was never saved.
NOT_APPLIED = "not-applied"


def who() -> str:
    """Who is making a change: ``EVENTFLOW_USER``, else the login name, else ``"unknown"``."""
    user = os.environ.get("EVENTFLOW_USER")
    if user:
        return user
    # getpass.getuser()'s rule, without importing getpass and termios (2.6 ms of `eventflow
    # check`, python -X importtime, 2026-11-30): the login variables, else the password entry
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        user = os.environ.get(name)
        if user:
            return user
    try:
        import pwd  # lazy: 0.1 ms, but a C module a merge driver never needs

        return pwd.getpwuid(os.getuid()).pw_name
    except Exception:  # noqa: BLE001 - no login name (a container, a service): still save
        return "unknown"


def now() -> dt.datetime:
    """The current time in UTC, to the second (as history entries record it)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def append_history_line(folder: str, entry: dict[str, Any]) -> None:
    """Append ``entry`` as one JSON line to the history in the event folder ``folder``, fsynced.

    A last line left without its newline is completed first. Raises
    :class:`~eventflow.store.SaveFailed` (``applied=False``; the file is cut back to its old
    length) when the line cannot be written.
    """
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False, default=str) + "\n"
    path = os.path.join(folder, HISTORY_FILE)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveFailed(_("{path}: cannot open the history ({error}); nothing was "
                           "saved{advice}").format(
                             path=path, error=exc.strerror or exc, advice=advice(exc)),
                             applied=False) from None
    try:
        size = -1
        try:
            size = os.fstat(fd).st_size
            prefix = b""
            if size and os.pread(fd, 1, size - 1) != b"\n":
                prefix = b"\n"
            write_all(fd, prefix + line.encode("utf-8"))
            os.fsync(fd)
        except OSError as exc:
            if size >= 0:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
            raise SaveFailed(_("{path}: cannot record the change in the history "
                               "({error}); nothing was saved, the event is as it "
                               "was{advice}").format(
                                 path=path, error=exc.strerror or exc, advice=advice(exc)),
                                 applied=False) from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def mark_not_applied(folder: str, entries: list[dict[str, Any]], why: str) -> None:
    """Record that the changes of history ``entries`` were never saved, because ``why``.

    Raises :class:`~eventflow.store.SaveFailed` as :func:`append_history_line` does.
    """
    for entry in entries:
        append_history_line(folder, {
            "rev": entry.get("rev"), "at": now().isoformat(), "by": who(),
            "action": NOT_APPLIED, "ref": entry.get("change_id"),
            "note": f"{entry.get('action')} (revision {entry.get('rev')}) was not saved: "
                    f"{why}"})


def recover(folder: str, notice: Callable[[str], None],
            revision_of: Callable[[], int | None]) -> None:
    """Clean up after an interrupted save in the event folder ``folder``, under its lock.

    Removes a save's temporary files and an incomplete last history line, and marks the
    history entries newer than the event file's revision (``revision_of()``; ``None`` when it
    cannot be read) as not applied. Each thing done is told to ``notice``. Raises
    :class:`OSError` when the disk fails.
    """
    leftovers = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):
                leftovers.append(entry.name)
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    if leftovers:
        notice(_("{folder}: removed {n} temporary file(s) left by an interrupted save "
                 "({files}); {file} was not affected: it holds the last saved version").format(
                   folder=folder, n=len(leftovers), files=', '.join(sorted(leftovers)[:3]),
                   file=EVENT_FILE))
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
                notice(_("{history}: removed an incomplete last line left by an "
                         "interrupted save (that change was not saved)").format(
                           history=history))
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
    pending = _not_saved(tail, revision)
    if pending:
        mark_not_applied(folder, pending, "eventflow was interrupted before the event file "
                         "was replaced")
        changes = "; ".join(_("{action} (revision {rev})").format(
            action=p.get("action"), rev=p.get("rev")) for p in pending)
        notice(ngettext("{history}: {n} change recorded by an interrupted save never reached "
                        "{file} and is marked as not applied: {changes}; make that change "
                        "again if it is still wanted",
                        "{history}: {n} changes recorded by an interrupted save never reached "
                        "{file} and are marked as not applied: {changes}; make those changes "
                        "again if they are still wanted", len(pending)).format(
            history=history, n=len(pending), file=EVENT_FILE, changes=changes))


def _not_saved(tail: bytes, revision: int) -> list[dict[str, Any]]:
    """Entries at the end of the history newer than ``revision`` and not yet marked."""
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
        if item.get("action") == NOT_APPLIED:
            marked.add(item.get("ref"))
            continue
        rev = item.get("rev")
        if not isinstance(rev, int) or rev <= revision:
            break
        if item.get("change_id") not in marked:
            pending.append(item)
    return pending


def read_history(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The entries of the history file ``path``, oldest first; empty if there is none.

    An entry whose change was never saved carries ``"applied": false`` (and the reason in
    ``note``); git conflict markers and unreadable lines become entries of action
    ``unreadable`` with a ``note`` saying what to do.
    """
    entries: list[dict[str, Any]] = []
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        return []
    not_applied: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if MERGE_MARKER.match(line.encode("utf-8", "replace")):
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
        if entry.get("action") == NOT_APPLIED:
            not_applied[str(entry.get("ref"))] = str(entry.get("note", ""))
            continue
        entries.append(entry)
    for entry in entries:
        ref = entry.get("change_id")
        if ref is not None and str(ref) in not_applied:
            entry["applied"] = False
            entry.setdefault("note", not_applied[str(ref)])
    return entries
