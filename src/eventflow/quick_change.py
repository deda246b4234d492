"""``check EVENT ITEM [--note NOTE]`` and ``uncheck EVENT ITEM`` at the front door (quick.py).

Ticking is what planners do most after reading, so it is parsed here without click and handed
to the same engine method the click command calls (:meth:`eventflow.engine.Engine.tick`, which
changes the event through :meth:`eventflow.engine.Engine.change`, the one write path where
the change is judged). Nothing here writes an event: it parses, calls the engine and prints
what ``commands_lifecycle.check`` / ``uncheck`` print, byte for byte, in every interface
language (tests/test_quick_change.py runs both and compares).

Why a hand parser and not click (issue 15 point 5): ``import click`` costs 45-50 ms of a
``check`` (cProfile and ``python -X importtime`` of the installed command, 2026-11-30), while
the whole allowance of goal P6 above its baseline is half the baseline, 26-34 ms (the baseline
is 51-68 ms on the shared 2-core machine); and click is not needed to read two words and one
option. Moving ``check`` here took the installed command from 188 to 135 ms (best of 15
paired runs; 292 to 189 ms median) with the engine's imports cut as well. The parser takes
only what it fully understands: one global ``--dir DIR`` before the command, two plain
arguments and ``--note NOTE`` / ``--note=NOTE`` once (``check`` only). Everything else --
``--help``, ``--lang``, any other option, a missing or empty argument, ``--``, a value
starting with ``-``, a folder that activates plugins (they may add commands and warnings at
start-up), ``EVENTFLOW_DEBUG`` -- goes to the click CLI untouched, having printed nothing.

Colour: a warning is yellow on a terminal, as ``click.secho(fg="yellow")`` makes it
(``ESC[33m … ESC[0m``), and plain with ``NO_COLOR`` set or on a pipe (click's rule); the
escape codes are written here rather than through ``click.style`` for the same import cost.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from .cli_terms import in_cli_terms
from .errors import EventflowError
from .i18n import _, configure
from .plugin_commands import active_plugins, find_folder
from .present import clean
from .quick_write import write_answer as write

YELLOW, RESET = "\x1b[33m", "\x1b[0m"  # click.style(fg="yellow")'s codes


def parse(rest: list[str]) -> tuple[bool, str, str, str] | None:
    """``(checked, event, item, note)`` from ``check EVENT ITEM [--note NOTE]`` or ``uncheck
    EVENT ITEM`` (``rest`` starts with the command), or ``None`` when click must parse it."""
    if not rest or rest[0] not in ("check", "uncheck"):
        return None
    checked = rest[0] == "check"
    words: list[str] = []
    note: str | None = None
    args = iter(rest[1:])
    for arg in args:
        if arg.startswith("--note=") and checked and note is None:
            note = arg[len("--note="):]
        elif arg == "--note" and checked and note is None:
            note = next(args, None)
            if note is None or note.startswith("-"):
                return None  # click says the value is missing, or takes it as it likes
        elif arg.startswith("-") or not arg:
            return None  # another option, --help, --, an empty name: the CLI's to say
        else:
            words.append(arg)
    if len(words) != 2:
        return None
    return checked, words[0], words[1], note or ""


def change(args: list[str], directory: str | None, rest: list[str], out: IO[str],
           err: IO[str]) -> int | None:
    """Tick or untick through the engine as the click command does and return the exit code,
    or ``None`` (having done and written nothing) when the click CLI must take the command."""
    parsed = parse(rest)
    if parsed is None or os.environ.get("EVENTFLOW_DEBUG") == "1":
        return None
    folder = find_folder(args)
    try:
        if folder is not None and active_plugins(folder):
            return None  # plugins may add commands and warnings before the command runs
    except EventflowError:
        return None  # the CLI names the unreadable eventflow.toml its own way
    checked, event, item, note = parsed
    named = directory if directory is not None else os.environ.get("EVENTFLOW_DIR") or None
    configure(None, named)  # the interface language, found as the CLI finds it
    # lazy: pathlib costs 5.9 ms (-X importtime, median of 5); a tick handed to the CLI
    # (plugins, any other option) pays it there only if its command needs it
    from pathlib import Path

    _import_msgspec()
    # lazy: the engine costs 50 ms, the store 16 ms after this module and pathlib (-X
    # importtime, median of 5), only for a tick the front door makes itself
    from .engine import Engine
    from .store import Project

    warnings: list[str] = []
    try:
        try:
            engine = Engine(Project.find(Path(named)) if named else Project.find())
        except EventflowError as exc:
            return _refused(exc, warnings, err)
        warnings = engine.warnings
        try:
            outcome = engine.tick(event, item, note=note, checked=checked)
        except EventflowError as exc:
            return _refused(exc, warnings, err)
        warnings.extend(outcome.warnings)
        _warn(warnings, err)
        line = clean(f"{outcome.event.id}: {'✓' if checked else '☐'} {item}") + "\n"
        return write(out, lambda: out.write(line))  # a closed pipe: exit 1, as click
    except KeyboardInterrupt:
        err.write("\n" + _("Aborted!") + "\n")  # as click ends an interrupted command
        err.flush()
        return 1


def _import_msgspec() -> None:
    """Import msgspec without ``typing_extensions``, which it only uses for types of that
    package (eventflow's models use ``typing``; Python 3.11+ resolves them the same): 5 ms of
    a ``check`` (msgspec + pluggy 63.1 against 68.7 ms, best of 11 runs of the installed
    interpreter, 2026-11-30). Not when either is loaded already; the package stays importable
    afterwards for whoever needs it."""
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # "not installed"
    try:
        import msgspec  # noqa: F401  # lazy: this function's point (its docstring gives 5 ms)
    finally:
        del sys.modules["typing_extensions"]


def _refused(exc: EventflowError, warnings: list[str], err: IO[str]) -> int:
    """A refusal as the CLI says it: the warnings met on the way, then ``Error: …``; exit 1."""
    _warn(warnings, err)
    err.write(_("Error: {message}").format(message=clean(in_cli_terms(exc))) + "\n")
    err.flush()
    return 1


def _warn(warnings: list[str], err: IO[str]) -> None:
    """Each warning once, as ``flush_warnings`` (cli.py) prints them: yellow on a terminal."""
    isatty = getattr(err, "isatty", None)
    colour = os.environ.get("NO_COLOR") is None and bool(isatty and isatty())
    for warning in dict.fromkeys(warnings):
        line = _("warning: {message}").format(message=clean(in_cli_terms(warning)))
        err.write(f"{YELLOW}{line}{RESET}\n" if colour else f"{line}\n")
    err.flush()
    warnings.clear()
