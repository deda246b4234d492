"""The lock of an event folder: one writer at a time, waiting as long as the holder moves.

Why not the ``filelock`` package: its wait is a fixed timeout. When several people (or a
script) change one event at once, each command queues for the lock; with a fixed timeout the
last in the queue gives up although every holder before it is committing and letting go
(tests/reliability/test_concurrency.py runs 8 writers of 500 check-offs each on one event).
:func:`file_lock` instead restarts its timeout whenever the holder makes progress (the event
file changed), so a busy but moving folder is waited for and only a stuck one times out. The
lock itself is the same as filelock's ``UnixFileLock``: ``flock`` on a file that stays.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import LockTimeout
from ..i18n import _
from .atomic import SaveFailed

#: Seconds to wait for a lock whose holder makes no progress.
LOCK_TIMEOUT = 10.0
#: Seconds to wait for a lock at most, progress or not.
LOCK_MAX_WAIT = 300.0


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT,
              progress: Callable[[], Any] | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock (``flock``) on ``path``, created if missing.

    Use it around every read-modify-write of a file other eventflow processes may change.
    ``progress()``, when given, returns a token of the guarded data (e.g. the event file's
    identity): while it keeps changing, the holder is making progress and the wait goes on,
    up to :data:`LOCK_MAX_WAIT`; after ``timeout`` seconds without a change it gives up.

    Raises :class:`~eventflow.errors.LockTimeout` when the wait gives up and
    :class:`~eventflow.store.SaveFailed` (``applied=False``) when the lock file cannot be
    opened. The lock is released on leaving, also on an error.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveFailed(_("{path}: cannot take the lock ({error}); nothing was saved").format(
                             path=path, error=exc.strerror),
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
                    raise LockTimeout(_("{folder} is locked by another eventflow "
                                        "command for more than {timeout} s; nothing "
                                        "was saved; try again").format(
                                          folder=os.path.dirname(path),
                                          timeout=f"{timeout:g}")) from None
                # jitter (0.5 to 1.5 times the pause), so that waiters do not retry in step
                time.sleep(pause * (0.5 + os.urandom(1)[0] / 255))
                pause = min(pause * 1.5, 0.01)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)  # released even if closing the descriptor fails
        with contextlib.suppress(OSError):
            os.close(fd)
