"""Writing an answer of the front door (quick.py, quick_change.py), as the CLI writes one."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO


def write_answer(out: IO[str], write: Callable[[], object]) -> int:
    """Call ``write`` (which writes an answer to ``out``) and flush ``out``.

    Used by the front door for every answer it prints. Returns the exit code: 0, or 1 when
    ``out`` is a closed pipe (``eventflow status | head``), which ends quietly, as the CLI
    does; ``out`` is then pointed at ``os.devnull`` so that Python's own flush at exit says
    nothing either. Raises nothing of its own.
    """
    try:
        write()
        out.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 1
    return 0
