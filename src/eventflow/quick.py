"""The ``eventflow`` command's front door.

Planners run ``eventflow status``, ``eventflow status EVENT`` and ``eventflow why EVENT``
dozens of times a day. When what eventflow knows from earlier commands, kept in
``.eventflow/`` and checked against the files, is enough, they are answered here without
importing click, the engine or the event model, which is most of what such a command would
otherwise cost. Everything else goes to the click CLI (cli.py) untouched: every other command
and option, ``--help``, a cache that is missing or out of date, and any case that would need a
warning or an error message (the CLI says those).

The front door reads, and ticks: ``check EVENT ITEM [--note NOTE]`` and ``uncheck EVENT
ITEM`` are parsed without click and handed to the engine's
:meth:`~eventflow.engine.Engine.tick`, the method the click commands call
(:mod:`eventflow.quick_change`, where the measured reason for a hand parser is written);
anything else about them goes to the CLI. ``status``, ``status EVENT`` and ``why EVENT``
read the caches of index.py through the same functions the CLI uses
(:func:`eventflow.index.cached_listing`, :func:`eventflow.index.cached_status`,
:func:`eventflow.index.render_status`,
:func:`eventflow.explain.why_lines`), so both print the same bytes. Every change of an
event, ``check`` included, goes through the engine (:meth:`eventflow.engine.Engine.change`),
the one write path where the judgement is made; the caches only answer reads.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import IO, TYPE_CHECKING

# 0.5-0.6 ms each after this module (-X importtime); the CLI and check load i18n and present
from .explain import why_lines
from .i18n import configure, language
from .present import terminal_width, wrap
from .quick_write import write_answer

if TYPE_CHECKING:
    import datetime as dt


def main() -> None:
    """Entry point of the ``eventflow`` console script."""
    code = answer(sys.argv[1:], sys.stdout)
    if code is None:
        # lazy: the command boundary; the click CLI costs 43 ms after this module (-X
        # importtime, median of 5), which the answers of the front door do without
        from .cli import main as cli_main

        cli_main()
        return
    if code:
        sys.exit(code)


def answer(args: list[str], out: IO[str], err: IO[str] | None = None) -> int | None:
    """Answer ``args`` and return the exit code, or return ``None`` (having done and written
    nothing) when the CLI must answer. Reads come from the caches; ``check`` and ``uncheck``
    go to the engine (:mod:`eventflow.quick_change`); ``err`` is where warnings and errors go
    (default: ``sys.stderr``)."""
    directory, rest = _global_dir(args)
    named = directory if directory is not None else os.environ.get("EVENTFLOW_DIR") or None
    if (directory is not None and not directory) or (named and os.path.isfile(named)):
        return None  # the CLI says what is wrong with --dir (or EVENTFLOW_DIR, its value)
    if not _writes_any_text(out):
        return None  # the CLI writes what the stream cannot encode its own way
    if rest and rest[0] in ("check", "uncheck"):
        err = sys.stderr if err is None else err
        if not _writes_any_text(err):
            return None
        # lazy: quick_change (and its plugin check) costs 3.6 ms after this module (-X
        # importtime, median of 5); not loaded by the reads below
        from .quick_change import change

        return change(args, directory, rest, out, err)
    if rest[:1] == ["remind"]:
        return _remind(directory, rest[1:], out)
    if not rest or rest[0] not in ("status", "why") or len(rest) > 2:
        return None
    event = rest[1] if len(rest) == 2 else None
    if event is not None and (not event or event.startswith("-")):
        return None  # an option (--json, --check, --help …): the CLI parses those
    if rest[0] == "why" and event is None:
        return None  # the CLI says that EVENT is missing
    # lazy: index costs 11 ms and schedule 3.7-6 ms after this module (-X importtime, median
    # of 5); --help, check and every command of the CLI do without them
    from .index import cached_listing, cached_status, fit_status, render_status
    from .schedule import today

    day = today()
    width = terminal_width(out)  # a terminal's lines are cut to fit it; a pipe's never
    if rest[0] == "why":
        return _why(directory, str(event), day, out, width)
    if event is not None:
        view = cached_status(directory, event)
        if view is None or view["warnings"]:
            return None
        return write_answer(out, lambda: out.write(fit_status(render_status(view, day, False),
                                                        width)))
    listing = cached_listing(directory, day)
    if listing is None or listing.warnings or not listing.n:
        return None
    return write_answer(out, lambda: listing.write(day, out, width=width))


def _remind(directory: str | None, args: list[str], out: IO[str]) -> int | None:
    """``remind [--days N]`` (no ``--send``) printed again from the last run's kept record
    while nothing it depends on changed (index/reminders.py); ``None`` otherwise."""
    # lazy: as the index in answer() (11 ms); schedule as there
    from .index.reminders import cached_reminders
    from .schedule import today

    configure(None, directory)  # the interface language, found as the CLI finds it
    text = cached_reminders(directory, args, today())
    return None if text is None else write_answer(out, lambda: out.write(text))


def _why(directory: str | None, event: str, day: dt.date, out: IO[str],
         width: int | None) -> int | None:
    """``why EVENT`` from the event's kept view (explain.py), as the CLI prints it."""
    from .index import cached_status  # lazy: 11 ms (answer() says why); loaded by answer()

    view = cached_status(directory, event)
    if view is None or view["warnings"]:
        return None
    configure(None, directory)  # the interface language, found as the CLI finds it
    text = "".join(f"{wrap(line, width)}\n" for line in why_lines(view, day, language()))
    return write_answer(out, lambda: out.write(text))


def _writes_any_text(out: IO[str]) -> bool:
    """Whether ``out`` can take any text (a UTF encoding); a stream of another encoding is
    left to click, which rewraps it."""
    encoding = getattr(out, "encoding", None)
    if encoding is None:  # an in-memory stream
        return True
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32")
    except LookupError:
        return False


def _global_dir(args: list[str]) -> tuple[str | None, list[str]]:
    """``--dir DIR`` / ``--dir=DIR`` before the command, as the CLI's group option takes it."""
    if args[:1] == ["--dir"] and len(args) >= 2:
        return args[1], args[2:]
    if args and args[0].startswith("--dir="):
        return args[0][len("--dir="):], args[1:]
    return None, args

