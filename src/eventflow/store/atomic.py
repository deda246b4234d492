"""Atomic writes: a file is replaced whole through a fsynced temporary file, or left as it was.

:func:`atomic_write` is the one way eventflow replaces a file of the planning folder; every
failure is a :class:`SaveFailed` that says whether the change was applied.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator

from ..errors import EventflowError
from ..i18n import _
from ..names import TMP_SUFFIX


class SaveFailed(EventflowError):
    """A file operation of a save failed.

    ``applied`` is ``False`` when nothing was saved, ``True`` when the change is in place (a
    later step failed), ``None`` when eventflow cannot tell: the message then says that the
    change may have been applied and how to find out.
    """

    def __init__(self, message: str, *, applied: bool | None) -> None:
        self.applied = applied
        super().__init__(message)


def advice(exc: OSError) -> str:
    """What a person can do about the I/O error ``exc`` (appended to a message)."""
    if exc.errno == errno.ENOSPC:
        return _("; free some disk space and run the command again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("; check that you may write to the folder and run the command again")
    return _("; check the disk and run the command again")


@contextlib.contextmanager
def nothing_saved(path: str | os.PathLike[str]) -> Iterator[None]:
    """Turn an :class:`OSError` in the steps before a commit into a :class:`SaveFailed`
    (``applied=False``) naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise SaveFailed(_("{path}: {error} while preparing the save; nothing was "
                           "saved, the event is as it was{advice}").format(
                             path=path, error=exc.strerror or exc, advice=advice(exc)),
                             applied=False) from None


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """fsync ``folder`` so that a rename in it survives a power cut.

    A folder that cannot be opened, or a filesystem that cannot sync folders, is skipped; a real
    I/O error is raised as :class:`OSError`.
    """
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


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to the open file descriptor ``fd`` (raises :class:`OSError`)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write returned 0")
        view = view[written:]


def tmp_path_for(path: str | os.PathLike[str]) -> str:
    """The temporary file a save of ``path`` writes first (``.<name>.<pid>.<random>.tmp``, in
    the same folder, so that the replace is a rename)."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}")


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file ``path`` by ``data``: written to a temporary file, fsynced, then
    ``os.replace`` d over ``path`` (the commit point) and the folder fsynced.

    Raises :class:`SaveFailed`: ``applied=False`` when ``path`` is untouched, ``None`` when the
    replace happened (or may have) but a later step failed.
    """
    tmp = tmp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveFailed(_("{path}: cannot write ({error}); nothing was saved, the "
                           "file is as it was{advice}").format(
                             path=path, error=exc.strerror or exc, advice=advice(exc)),
                             applied=False) from None
    try:
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if _content_is(path, data) is False:
            raise SaveFailed(_("{path}: cannot replace the file ({error}); nothing was "
                               "saved, the file is as it was{advice}").format(
                                 path=path, error=exc.strerror or exc, advice=advice(exc)),
                             applied=False) from None
        raise SaveFailed(_("{path}: the replace reported an error ({error}): the "
                           "change may have been applied; look at the file before "
                           "trying again").format(
                             path=path, error=exc.strerror or exc),
                         applied=None) from None
    try:
        fsync_dir(os.path.dirname(os.fspath(path)))
    except OSError as exc:
        raise SaveFailed(_("{path}: the new version is in place but the folder could "
                           "not be synced to disk ({error}): the change may have been "
                           "applied, and may be lost if the machine stops now; check "
                           "the disk and look at the file before trying again").format(
                             path=path, error=exc.strerror or exc), applied=None) from None


def _content_is(path: str | os.PathLike[str], data: bytes) -> bool | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(data) + 1) == data
    except OSError:
        return None
