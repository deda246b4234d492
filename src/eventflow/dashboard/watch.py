"""`dashboard --watch`: poll the planning folder's files and rebuild when one changes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

INTERVAL = 1.0


def signature(root: Path, skip: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every file under ``root`` but the caches and the site itself."""
    found = []
    skip_s = str(skip.resolve())
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".eventflow" and not d.startswith(".git")
                   and not str(Path(top, d).resolve()).startswith(skip_s)
                   and not d.startswith(f".{skip.name}.")]
        for name in files:
            path = os.path.join(top, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found.append((path, st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


def watch_folder(root: Path, site: Path, rebuild: Callable[[], None],
                 interval: float = INTERVAL, rounds: int | None = None) -> None:
    """Call ``rebuild`` after any file of ``root`` changes; forever, or ``rounds`` polls."""
    last = signature(root, site)
    n = 0
    try:
        while rounds is None or n < rounds:
            n += 1
            time.sleep(interval)
            now = signature(root, site)
            if now != last:
                rebuild()
                last = signature(root, site)
    except KeyboardInterrupt:
        return
