"""The limits every output runs under: sizes, counts, the time limit, and the errors
raised when one is passed."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import EventflowError, InvalidInput
from ..i18n import _

TEMPLATE_LANGUAGES = ("fi", "sv", "en")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OUTPUTS_DIR = "outputs"
MANIFEST_FILE = "manifest.json"
from ..names import PARTICIPANTS_FILE as PARTICIPANTS_FILE  # noqa: E402  (one home for the file names)

MAX_FILE_BYTES = 5 << 20            # one file an output writes
MAX_OUTPUT_BYTES = 20 << 20         # all files of one output
MAX_FILES = 500                     # files of one output
MAX_TEMPLATE_CHARS = 2_000_000      # text one template render may produce
MAX_TEMPLATE_BYTES = 256 << 10      # size of a template file (packaged or override)
MAX_REPEAT = 100_000                # longest string/list a template may build with * or a width
MAX_NAME = 120                      # characters in a file name
DEFAULT_TIMEOUT = 10.0              # seconds one output may take (EVENTFLOW_OUTPUT_TIMEOUT)
MAX_MEMORY = 256 << 20              # memory one output or template render may add (RLIMIT_AS)

# Fields of the event that are never inputs of a document: bookkeeping, not planning data.
BOOKKEEPING = frozenset({"schema", "revision", "stage", "created", "workflow", "due", "items"})
PARTICIPANTS_INPUT = "participants"


class OutputError(EventflowError):
    """One output could not be made; the message names the plugin and the output id."""

    def __init__(self, plugin: str, output: str, message: str) -> None:
        self.plugin = plugin
        self.output = output
        super().__init__(_("output '{output}' of plugin '{plugin}': {message}").format(
            output=output, plugin=plugin, message=message))


class OptionRefused(InvalidInput):
    """A value given to one option of ``eventflow outputs`` that the event cannot use: a stage
    its workflow lacks (``--stage``), a language there are no templates in (``--lang``).
    :attr:`option` names the option, so the command line points at it without reading the
    (translated) message."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)


class RenderMemoryError(EventflowError):
    """An output or template tried to use more memory than :data:`MAX_MEMORY`; stopped."""


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
    global _timer_active
    usable = (hasattr(signal, "setitimer") and seconds > 0 and not _timer_active
              and threading.current_thread() is threading.main_thread())
    if not usable:  # (inside an outer limit, the outer one keeps counting)
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise RenderTimeout(_("still running after {seconds} s").format(seconds=f"{seconds:g}"))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    _timer_active = True
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)
        _timer_active = False


_timer_active = False
_memory_active = False


def _address_space() -> int | None:
    """Bytes of address space this process holds now (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def memory_limit_bytes() -> int:
    value = os.environ.get("EVENTFLOW_OUTPUT_MEMORY_MB")
    try:
        return int(float(value) * (1 << 20)) if value else MAX_MEMORY
    except ValueError:
        return MAX_MEMORY


@contextlib.contextmanager
def memory_limit(extra: int | None = None) -> Iterator[None]:
    """Let the block grow the process by at most ``extra`` bytes (default :data:`MAX_MEMORY`).

    The soft ``RLIMIT_AS`` of the process is lowered to the address space in use plus
    ``extra`` for the block and restored after it, so any allocation past it fails at once
    with ``MemoryError`` (a 1 GB string is never built), whatever operation asked for it:
    string formatting, join, replace, repetition, a filter or a plugin's own code. That
    ``MemoryError`` leaves the block as :class:`RenderMemoryError`. Only on the main thread
    of a Linux process (RLIMIT_AS is per process); elsewhere the sandbox's own checks remain.
    Nested blocks keep the outer limit. The cost is two system calls and one read of
    /proc/self/statm per block.
    """
    global _memory_active
    limit = memory_limit_bytes() if extra is None else extra
    try:
        import resource  # lazy: POSIX only, so imported where its absence is handled
    except ImportError:  # not POSIX
        resource = None  # type: ignore[assignment]
    in_use = _address_space() if resource is not None else None
    usable = (resource is not None and in_use is not None and limit > 0 and not _memory_active
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = in_use + limit  # type: ignore[operator]
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY:
        wanted = min(wanted, soft)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    _memory_active = True
    failed = False
    try:
        yield
    except MemoryError:
        failed = True
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        _memory_active = False
    if failed:  # said once the memory is given back (a message may need to read the catalogue)
        raise RenderMemoryError(_("needed more than the {limit} MiB of memory a render may "
                                  "use; stopped").format(limit=limit >> 20))
