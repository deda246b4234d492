"""Where the planning folder is: the one finder every part of eventflow uses.

Plain text paths and ``os`` only, so that the front door (quick.py), ``--help`` and the caches
can find the folder without importing anything else.
"""

from __future__ import annotations

import os

from .names import SETTINGS_FILE

__all__ = ["SETTINGS_FILE", "planning_folder"]


def planning_folder(directory: str | None) -> str | None:
    """The nearest folder holding ``eventflow.toml``, walking up from ``directory``
    (``--dir``), else from ``EVENTFLOW_DIR`` (which the CLI takes as ``--dir``), else from the
    current directory; ``None`` if there is none."""
    here = os.path.realpath(directory or os.environ.get("EVENTFLOW_DIR") or os.getcwd())
    while True:
        if os.path.isfile(os.path.join(here, SETTINGS_FILE)):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
