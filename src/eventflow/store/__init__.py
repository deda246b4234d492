"""The planning folder and its files: found like git finds a repository, read with bounds,
written atomically, one writer at a time.

Where things live (each module one job)::

    names            (eventflow.names) the folder's file names: events/, event.toml …
    store.tomlio     the one bounded TOML reader (every file eventflow reads) and the writer
    store.atomic     atomic writes (temporary file, fsync, replace) and SaveFailed
    store.locking    the event folder's lock, waiting as long as its holder makes progress
    store.history    an event's history.jsonl and recovery after an interrupted save
    store.conflicts  sync tools' conflicted copies and git merge conflicts
    store.save       the save protocol on an event's folder (lock, history first, replace)
    store.eventfile  an event file's bytes and the Event they hold, both ways
    store.settings   eventflow.toml: Settings
    store.project    Project: one planning folder (its settings, events, saves, history)
    store.workflowfile  a workflow file read and validated: load_workflow

Every public name is importable from ``eventflow.store`` itself. The event model (msgspec)
and ``dataclasses`` are imported only when a name that needs them is first used
(:class:`Project`, :class:`Settings`, :func:`decode_event` …): git's merge driver (merge.py,
goal P9) checks and writes event files through :mod:`eventflow.store.tomlio` without them, and
importing msgspec and the event model costs more than the rest of that command together
(``python -X importtime``, byte-compiled, on the 2-core development machine: 50 ms and more,
against the 2 ms that justify a lazy import).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..folder import SETTINGS_FILE
from ..names import (
    EVENT_FILE,
    EVENTS_DIR,
    HISTORY_FILE,
    LOCK_FILE,
    PARTICIPANTS_FILE,
    TMP_SUFFIX,
)
from .atomic import SaveFailed, atomic_write, tmp_path_for
from .conflicts import SharedFolderConflict, conflicted_copies, refuse_conflicts
from .history import append_history_line, mark_not_applied, now, read_history, recover, who
from .locking import LOCK_MAX_WAIT, LOCK_TIMEOUT, file_lock
from .save import commit_bytes, disk_revision, hold
from .tomlio import (
    MAX_DEPTH,
    MAX_EVENT_BYTES,
    MAX_KEY_PARTS,
    MAX_TOML_TOKENS,
    MAX_WORKFLOW_BYTES,
    check_toml_shape,
    encode_data,
    merge_marker_lines,
    parse_bounded,
    parse_toml,
    read_capped,
    read_toml,
)

if TYPE_CHECKING:
    from .eventfile import decode_event, encode_event, validation_message
    from .project import Project, find_root, slugify
    from .settings import Settings, read_settings
    from .workflowfile import PINNED_FOLDER, load_workflow

_LAZY = {
    "decode_event": "eventfile", "encode_event": "eventfile", "validation_message": "eventfile",
    "Project": "project", "find_root": "project", "slugify": "project",
    "Settings": "settings", "read_settings": "settings",
    "load_workflow": "workflowfile", "PINNED_FOLDER": "workflowfile",
}

__all__ = [
    "EVENTS_DIR", "EVENT_FILE", "HISTORY_FILE", "LOCK_FILE", "LOCK_MAX_WAIT", "LOCK_TIMEOUT",
    "MAX_DEPTH", "MAX_EVENT_BYTES", "MAX_KEY_PARTS", "MAX_TOML_TOKENS", "MAX_WORKFLOW_BYTES",
    "PARTICIPANTS_FILE", "PINNED_FOLDER", "SETTINGS_FILE", "TMP_SUFFIX",
    "Project", "SaveFailed", "Settings", "SharedFolderConflict",
    "append_history_line", "atomic_write", "check_toml_shape", "commit_bytes",
    "conflicted_copies", "decode_event", "disk_revision", "encode_data", "encode_event",
    "file_lock", "find_root", "hold", "load_workflow", "mark_not_applied", "merge_marker_lines",
    "now",
    "parse_bounded", "parse_toml", "read_capped", "read_history", "read_settings", "read_toml",
    "recover", "refuse_conflicts", "slugify", "tmp_path_for", "validation_message", "who",
]


def __getattr__(name: str) -> Any:
    """The names of :data:`_LAZY`, imported from their module when first used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
