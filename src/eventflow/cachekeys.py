"""What eventflow's caches in ``.eventflow/`` are keyed on, and how they are written.

Shared by the status index and views (index.py) and the quick ``check`` (quick.py), which
imports only this: ``os``, ``sys`` and nothing of the engine.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

from . import __version__
from .i18n import cache_language  # 0.44 ms (-X importtime); status loads it anyway
from .names import EVENT_FILE, SETTINGS_FILE
from .names import EVENTS_DIR as EVENTS_DIR  # re-exported: quick.py
from .names import INDEX_DIR as INDEX_DIR  # re-exported: quick.py, index.py

if TYPE_CHECKING:
    from pathlib import Path

INDEX_FORMAT = 7  # 7: an errors.Advice warning kept as [text, retry_with, event]
#: A file changed within this many nanoseconds of a cache being written is "racy": a second
#: change within one timestamp tick would keep its stat (as git knows), so the caches vouch
#: for it only by its bytes, or not at all.
RACY_NS = 2_000_000_000


def folder_context(root: str | Path) -> list[Any] | None:
    """What every summary depends on besides its own file and the files in ``deps``: also
    where the folder is, so that a copy of it (whose ``.eventflow/`` names the files of the
    original in ``deps``) starts afresh."""
    try:
        with open(os.path.join(root, SETTINGS_FILE), "rb") as fh:
            settings = fh.read(1 << 20).decode("latin-1")
    except OSError:
        return None
    return [INDEX_FORMAT, __version__, list(sys.version_info[:2]), os.path.realpath(root),
            os.environ.get("EVENTFLOW_LOAD_PLUGINS"),
            os.environ.get("EVENTFLOW_DISABLED_PLUGINS"), settings,
            cache_language(settings)]  # the kept texts are in the interface language


def stat_key(path: str) -> list[int]:
    """``[size, mtime, ctime]`` of ``path`` (nanoseconds): a file replaced by one of the same
    size and copied mtime (``cp -p``, ``rsync -t``) still gets a new ctime."""
    try:
        st = os.stat(path)
    except OSError:
        return [-1, 0, 0]  # the path did not exist
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def deps_unchanged(deps: Any) -> bool:
    """Whether every ``[path, size, mtime, ctime]`` of ``deps`` still holds."""
    return isinstance(deps, list) and all(
        isinstance(d, list) and len(d) == 4 and stat_key(d[0]) == d[1:] for d in deps)


def write_cache(path: str | Path, chunks: list[bytes]) -> None:
    """Replace a cache file whole; a folder we cannot write to just keeps no cache, and no
    temporary file is left behind."""
    folder, name = os.path.split(os.fspath(path))
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def make_cache_dir(folder: str | Path) -> None:
    """Make ``.eventflow/``, which git ignores."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
    ignore = os.path.join(folder, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w", encoding="utf-8") as fh:
            fh.write("# eventflow's cache: safe to delete, never commit\n*\n")


def resolve_quick(events_dir: str, name: str) -> tuple[str, os.stat_result] | None:
    """The event ``name`` names, as :meth:`Project.resolve` finds it (the id itself, else the
    one id it begins), with its file's stat; ``None`` when it names no event or several."""
    if not name or name.startswith(".") or "/" in name or "\0" in name:
        return None
    try:
        return name, os.stat(f"{events_dir}/{name}/{EVENT_FILE}")
    except (FileNotFoundError, NotADirectoryError):
        pass
    found = []
    with os.scandir(events_dir) as it:
        for e in it:
            if e.name.startswith(name) and not e.name.startswith("."):
                try:
                    found.append((e.name, os.stat(f"{e.path}/{EVENT_FILE}")))
                except (FileNotFoundError, NotADirectoryError):
                    continue
    return found[0] if len(found) == 1 else None
