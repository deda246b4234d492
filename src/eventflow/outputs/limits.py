"""The limits every output runs under: sizes, counts, the time limit, and the errors
raised when one is passed."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path
from typing import Any, Iterator

from ..errors import EventflowError

TEMPLATE_LANGUAGES = ("fi", "sv", "en")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OUTPUTS_DIR = "outputs"
MANIFEST_FILE = "manifest.json"
PARTICIPANTS_FILE = "participants.toml"

MAX_FILE_BYTES = 5 << 20            # one file an output writes
MAX_OUTPUT_BYTES = 20 << 20         # all files of one output
MAX_FILES = 500                     # files of one output
MAX_TEMPLATE_CHARS = 2_000_000      # text one template render may produce
MAX_TEMPLATE_BYTES = 256 << 10      # size of a template file (packaged or override)
MAX_REPEAT = 100_000                # longest string/list a template may build with * or a width
MAX_NAME = 120                      # characters in a file name
DEFAULT_TIMEOUT = 10.0              # seconds one output may take (EVENTFLOW_OUTPUT_TIMEOUT)

# Fields of the event that are never inputs of a document: bookkeeping, not planning data.
BOOKKEEPING = frozenset({"schema", "revision", "stage", "created", "workflow", "due", "items"})
PARTICIPANTS_INPUT = "participants"


class OutputError(EventflowError):
    """One output could not be made; the message names the plugin and the output id."""

    def __init__(self, plugin: str, output: str, message: str) -> None:
        self.plugin = plugin
        self.output = output
        super().__init__(f"output '{output}' of plugin '{plugin}': {message}")


class RenderTimeout(BaseException):
    """Raised inside an output that runs past its time limit.

    A ``BaseException`` so that a plugin's ``except Exception`` cannot swallow it.
    """



def timeout_seconds() -> float:
    value = os.environ.get("EVENTFLOW_OUTPUT_TIMEOUT")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in the block after ``seconds`` (and again every 0.1 s, so a
    swallowed timeout fires again). Only on the main thread of a POSIX process; elsewhere the
    block runs unbounded."""
    usable = (hasattr(signal, "setitimer") and seconds > 0
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise RenderTimeout(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
