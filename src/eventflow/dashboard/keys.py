"""When a previous page may be kept: the keys of what the pages show. An event's page is made
again only when something it shows may have changed: its files (event, history, outputs), the
day, the language, the workflows, eventflow's code or the folder's settings."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..cachekeys import RACY_NS, folder_context, stat_key
from ..names import EVENTS_DIR, WORKFLOWS_DIR
from .folder import FORMAT

if TYPE_CHECKING:
    from ..engine import Engine

__all__ = ["RACY_NS", "context_key", "event_key", "is_fresh"]


def _code_key() -> list[Any]:
    """eventflow's own code, message catalogues and built-in workflows (every file the status
    index also depends on): a changed one (an upgrade, a development edit, a new translation)
    starts afresh."""
    package = Path(__file__).resolve().parent.parent
    keys: list[Any] = [__version__]
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "templates", "features"))
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".mo")):
                st = os.stat(os.path.join(folder, name))
                keys.append([os.path.relpath(os.path.join(folder, name), package),
                             st.st_size, st.st_mtime_ns])
    return keys


def context_key(engine: Engine, target: Path, today: dt.date, lang: str) -> list[Any] | None:
    """What every page depends on besides its event's own files; None: do not keep a cache
    (a third-party plugin is active: its checks may read anything)."""
    if engine.project.settings.active_plugins:
        return None
    folder = folder_context(engine.project.root)
    if folder is None:
        return None
    workflows = sorted([str(p), *stat_key(str(p))] for p in engine.workflow_files.values())
    pinned = engine.project.events_dir / ".workflows"
    return [FORMAT, folder, _code_key(), today.isoformat(), lang, str(target.resolve()),
            workflows, stat_key(str(pinned)),
            stat_key(str(engine.project.root / WORKFLOWS_DIR))]  # (a workflow added, removed)


def event_key(engine: Engine, event_id: str) -> list[Any]:
    """The stat keys of what an event's page shows of its own: its event file, its history
    and its outputs (the folders: a file added, removed or renamed changes its folder)."""
    folder = f"{engine.project.root}/{EVENTS_DIR}/{event_id}/"  # (no Path: 10,000 of them)
    outputs = folder + "outputs"
    key = [stat_key(folder + "event.toml"), stat_key(folder + "history.jsonl"),
           stat_key(outputs)]
    if key[2][0] >= 0:
        for top, dirs, _files in os.walk(outputs):
            dirs.sort()
            key.extend(stat_key(os.path.join(top, d)) for d in dirs)
    return key


def is_fresh(old: Any, key: list[Any], written_ns: int) -> bool:
    """Whether the previous page, listed in the marker as ``old``, shows the event whose key
    is now ``key``: the same key, none of its files changed just before the marker was
    written (within :data:`RACY_NS`, when a second change could keep the same stat)."""
    return (isinstance(old, dict) and old.get("key") == key
            and isinstance(old.get("size"), int)
            and max(k[1] for k in key) < written_ns - RACY_NS)
