"""The eventflow command line: the root group and its global options (``--dir``, ``--lang``),
the helpers every command uses (:func:`engine`, :func:`today`, :func:`emit_json`, the option
decorators), turning eventflow's errors into messages, and :data:`LAZY_COMMANDS`, the table
that loads each command's module when the command runs. The commands themselves live in
``commands_*.py`` and ``commands/``: thin, they parse, call the library and print.

Exit codes: 0 success; 1 an eventflow error (the message says what to do) or a refused
transition; 2 bad usage. ``status --check`` exits 3 when an event has overdue required items.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click
from click.formatting import iter_rows, measure_table, term_len, wrap_text

from .cli_terms import in_cli_terms
from .errors import EventflowError, TransitionBlocked
from .i18n import _, configure, language, settle, translate_click
from .plugin_commands import load_commands  # loaded by main() on every command line
from .present import clean, terminal_columns, terminal_width, wrap
from .suggest import did_you_mean

# click's own words (Usage:, Options, Error: …) in the interface language; before the options
# below are made, so that what click says while they are made stays English as it always was
translate_click()

if TYPE_CHECKING:
    import datetime as dt

    from .engine import Engine

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# helpers ----------------------------------------------------------------------------------------
def today() -> dt.date:
    """Today, or ``EVENTFLOW_TODAY`` (tests and demos set it): :func:`eventflow.schedule.today`."""
    # lazy: as parse_day and blocker_lines below, schedule 1.0 ms, explain 0.7 ms and params
    # 0.4 ms (-X importtime, median of 5) are 2.1 ms together that `eventflow --help` (P1)
    # never needs; each is loaded by the first command that asks
    from . import schedule

    return schedule.today()


def parse_date(ctx: click.Context | None, param: Any, value: str | None) -> dt.date | None:
    """A click callback for a date option; new options use ``type=DATE`` (params.py), which
    reads the same forms (2027-03-18, 18.3.2027, 18.3.27)."""
    if value is None:
        return None
    from .params import parse_day  # lazy: see today()

    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def emit_json(data: Any) -> None:
    import json  # lazy: 5.2 ms after this module (-X importtime, median of 5); not for --help

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def engine(ctx: click.Context) -> Engine:
    obj = ctx.find_root().obj
    if "engine" not in obj:
        # lazy: pathlib costs 9.2 ms after this module, then the engine 64 ms and the store
        # 20 ms (-X importtime, median of 5): commands that need no engine, and --help, skip them
        from pathlib import Path

        from .engine import Engine
        from .store import Project

        directory = obj.get("dir")
        project = Project.find(Path(directory)) if directory else Project.find()
        obj["engine"] = Engine(project)
        if project.settings.active_plugins:  # a broken plugin setup stops every command
            obj["engine"].warnings.extend(obj["engine"].pm.notices)
    return obj["engine"]  # type: ignore[no-any-return]


def engine_for(ctx: click.Context) -> Engine:
    """The :class:`eventflow.Engine` of the planning folder a command runs in.

    Call it inside a command a plugin adds with ``register_commands`` (pass the command's
    ``click.Context``, e.g. with ``@click.pass_context``). It honours ``--dir`` and
    ``EVENTFLOW_DIR`` like eventflow's own commands, loads the folder's active plugins (a
    broken plugin setup stops the command with a message naming the plugin), and the warnings
    met on the way are printed when the command ends. Change an event with
    ``engine.change(event_id, "myplugin.action", mutate, details)``; keep the plugin's data
    under ``event.ext["<plugin name>"]``.
    """
    return engine(ctx)


def flush_warnings(eng: Engine) -> None:
    for warning in dict.fromkeys(eng.warnings):
        text = clean(in_cli_terms(warning))  # the library's words, and the CLI's way to act
        click.secho(_("warning: {message}").format(message=text), err=True, fg="yellow")
    eng.warnings.clear()


def wide_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--wide``: every cell in full, however narrow the terminal (piped output always is)."""
    return click.option("--wide", is_flag=True,
                        help="Print every line in full. On a terminal, lines are fitted to its "
                             "width by default (long cells cut with '…'); piped output never "
                             "is.")(func)


def width_for(wide: bool) -> int | None:
    """The width to fit what a command prints to stdout to (``None``: in full)."""
    return terminal_width(sys.stdout, wide)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON (shapes in docs/json.md).")(func)


def event_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("event", metavar="EVENT")(func)


# Every command of eventflow, each with its module and the first paragraph of its help: `--help`
# lists them from here, and a module is imported only when one of its commands runs (importing and
# attaching them all costs about 5 ms of every start; bench/, goal P1). A test keeps this table
# true to the modules (tests/test_cli_lazy.py).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("commands_folder", "Make a planning folder: eventflow.toml and events/."),
    "where": ("commands_folder", "Print the planning folder in use (relocate it with --dir or "
              "EVENTFLOW_DIR)."),
    "status": ("commands_reading", "Show every event, or every stage and item of one event."),
    "why": ("commands_reading", "List every unmet requirement for leaving the event's current "
            "stage."),
    "history": ("commands_reading", "Show what happened to an event, oldest first."),
    "next": ("commands_reading", "What falls due soon (and what is overdue), across all "
             "events."),
    "new": ("commands_lifecycle", "Create an event and print its id."),
    "check": ("commands_lifecycle", "Tick a manual checklist item; who and when are recorded."),
    "uncheck": ("commands_lifecycle", "Untick a manual checklist item."),
    "waive": ("commands_lifecycle", "Waive a checklist item that the policy lets you waive, "
              "with the reason."),
    "advance": ("commands_lifecycle", "Leave the current stage, or refuse (exit 1) listing "
                "every reason."),
    "reopen": ("commands_lifecycle", "Go back to an earlier stage, recording why."),
    "cancel": ("commands_lifecycle", "Cancel an event, recording why."),
    "reschedule": ("commands_lifecycle", "Move the event day; every due date follows (to "
                   "working days)."),
    "migrate": ("commands_lifecycle", "Move an event to the current version of its workflow."),
    "contact": ("commands.contact", "The event's contact person: name, e-mail, phone."),
    "cost": ("commands.cost", "Budget lines and how each is split between the partners."),
    "feedback": ("commands.feedback", "Feedback survey results: import a CSV export, keep "
                 "only aggregates."),
    "invitation": ("commands.invitation", "The invitation: languages, the definition of good "
                   "population relations, target groups, registration deadline, "
                   "accessibility, recording notice."),
    "owner": ("commands.owner", "Who holds an owner role for one event (reminders go to "
              "them)."),
    "organiser": ("commands.organiser",
                  "People who organise, including people from the target group."),
    "panel": ("commands.panel",
              "The panel: panelists, questions tagged by dimension, when they were sent."),
    "partner": ("commands.partner", "Partner organisations and the co-organising agreement."),
    "programme": ("commands.programme", "Programme items without speakers (opening, coffee, "
                  "lunch, closing) and the timetable."),
    "speaker": ("commands.speaker", "Speakers and their programme slots."),
    "venue": ("commands.venue", "The venue: name, address, capacity, accessibility."),
    "workflow": ("commands_workflow", "Workflows: list, show, lint and draw them."),
    "schema": ("commands_workflow", "Print the JSON Schema of a workflow file, an event file "
               "or eventflow.toml."),
    "calendar": ("commands_calendar",
                 "Write one calendar (.ics) of every open due date across events."),
    "outputs": ("commands_outputs",
                "Render the documents of each stage into events/<id>/outputs/<stage>/."),
    "policy": ("commands_policy", "Print the living policy: each rule, the stage and items "
               "that enforce it, and its scenarios with their last verified result."),
    "participants": ("commands_participants",
                     "Registrations (personal data, kept apart from the planning data)."),
    "remind": ("commands_remind", "Remind each owner of the items due soon and overdue, in "
               "their language."),
    "plugins": ("commands_plugins", "List installed plugins as JSON: version, hooks, "
                "contributions, active here or not."),
    "completion": ("commands_completion", "Print the shell completion script: bash, zsh or "
                   "fish."),
    "sync": ("commands_sync", "Commit the planning folder, merge what the others pushed, "
             "push; say what arrived."),
    "conflicts": ("commands_sync", "List values two copies changed differently, recorded by a "
                  "merge, until resolved."),
    "resolve": ("commands_sync", "Settle one conflict a merge recorded; the choice is kept in "
                "the history."),
    "merge-file": ("commands_sync", "Merge three versions of an event file as data (git's "
                   "merge driver)."),
    "dashboard": ("commands_dashboard", "Write a static site of every event: an overview, the "
                  "next 30 days by owner, a page per event and the workflow drawn; works "
                  "offline, from a shared drive or an e-mail."),
}


class HelpFormatter(click.HelpFormatter):
    """Click's help formatter, the same lines sooner: a definition-list row whose text already
    fits its column as one line (most commands' summaries in ``--help``) is written as it is.
    Click wraps every row with textwrap, measuring each word, which took 1.7-12 ms of
    ``eventflow --help`` for its 40 commands against 0.3 ms (2026-11-30, the loaded machine;
    bench P1); tests/test_help.py holds the output equal to click's."""

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        """Write ``rows`` (term, text) as click does, in two aligned columns."""
        rows = list(rows)
        widths = measure_table(rows)
        if len(widths) != 2:
            raise TypeError("Expected two columns for definition list")
        first_col = min(widths[0], col_max) + col_spacing
        text_width = max(self.width - first_col - 2, 10)
        for first, second in iter_rows(rows, len(widths)):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if term_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - term_len(first)))
            else:
                self.write("\n")
                self.write(" " * (first_col + self.current_indent))
            if len(second) <= text_width and second.isprintable() and second == second.strip():
                lines = [second]  # what wrap_text gives back for such a text
            else:
                lines = wrap_text(second, text_width, preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class HelpContext(click.Context):
    """The context of eventflow's commands: help is written by :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


class TranslatedHelp:
    """Help shown in the interface language: a command's help, short help and epilog and its
    options' help go through the catalogue when help is shown (i18n.py), so command modules
    write them in English and wrap nothing. Help is written by :class:`HelpFormatter`."""

    context_class: type[click.Context] = HelpContext

    def get_help(self, ctx: click.Context) -> str:
        with _translated(self):
            return super().get_help(ctx)  # type: ignore[misc, no-any-return]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self, params=False):
            return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]


class _translated:  # noqa: N801 (a context manager used like a function)
    def __init__(self, command: Any, params: bool = True) -> None:
        self.saved: list[tuple[Any, str, Any]] = []
        if language() == "en":
            return
        targets = [(command, a) for a in ("help", "short_help", "epilog")]
        if params:  # click keeps its --help option apart, made once with the first language
            extra = [getattr(command, "_help_option", None)]
            targets += [(p, "help") for p in [*command.params, *extra] if p is not None]
        for obj, attr in targets:
            text = getattr(obj, attr, None)
            if isinstance(text, str) and text:
                self.saved.append((obj, attr, text))
                setattr(obj, attr, _(inspect.cleandoc(text)))

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        for obj, attr, text in self.saved:
            setattr(obj, attr, text)


class TranslatedCommand(TranslatedHelp, click.Command):
    pass


class SuggestingGroup(TranslatedHelp, click.Group):
    """A group that answers an unknown command with the nearest ones (suggest.py) and shows
    its help in the interface language; every group made with ``@cli.group()`` is one."""

    command_class = TranslatedCommand

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None and "_EVENTFLOW_COMPLETE" in os.environ:
            # lazy: completion (with click's shell_completion) costs 2.5 ms after this module
            # (-X importtime, median of 5), only when the shell completes
            from .completion import attach

            attach(command)  # event ids, items, stages … complete from the folder
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            hint = did_you_mean(name, self.list_commands(ctx),
                                _("; `{command} --help` lists the commands").format(
                                    command=ctx.command_path))
            ctx.fail(_("no command '{name}'{hint}").format(name=name, hint=hint))
        return super().resolve_command(ctx, args)


class EventflowGroup(SuggestingGroup):
    """Turns eventflow's own errors into messages and exit code 1, and loads the commands of
    :data:`LAZY_COMMANDS` when they are first needed."""

    group_class = SuggestingGroup
    lazy_commands = LAZY_COMMANDS
    _listing = False

    def main(self, *args: Any, **kwargs: Any) -> Any:
        configure()  # every run finds its language anew (tests run many in one process)
        if "terminal_width" not in kwargs and click.formatting.FORCED_WIDTH is None:
            kwargs["terminal_width"] = help_width()  # as click measures it, without shutil
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self._listing and cmd_name in self.lazy_commands and self._summarised(cmd_name):
            # only its line in --help is wanted: the summary (translated), loaded or not
            return TranslatedCommand(cmd_name, help=self.lazy_commands[cmd_name][1])
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.load(self.lazy_commands[cmd_name][0])
        return super().get_command(ctx, cmd_name)

    def _summarised(self, cmd_name: str) -> bool:
        """Whether the table's summary gives the command's line in --help as its own help
        would: in English always; in another language when the catalogue translates the
        summary. Until it does (a summary new to the catalogue), the line comes from the
        command itself, its module loaded, whose full help the catalogue translates."""
        summary = self.lazy_commands[cmd_name][1]
        return language() == "en" or _(summary) != summary

    def load(self, module: str) -> None:
        importlib.import_module(f"eventflow.{module}").attach(self)
        for command in self.commands.values():
            _adopt(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            _flush_pending(ctx)  # warnings a command did not print itself
            return result
        except TransitionBlocked as exc:
            if os.environ.get("EVENTFLOW_DEBUG") == "1":
                raise
            _flush_pending(ctx)
            print_blockers(exc.reason, exc.blockers)
            ctx.exit(1)
        except EventflowError as exc:
            if os.environ.get("EVENTFLOW_DEBUG") == "1":
                raise
            _flush_pending(ctx)
            raise click.ClickException(clean(in_cli_terms(exc))) from None


def _flush_pending(ctx: click.Context) -> None:
    """A refusal still says the warnings met on the way (a plugin kept out, for one)."""
    eng = (ctx.find_root().obj or {}).get("engine")
    if eng is not None:
        flush_warnings(eng)


def _adopt(command: click.Command) -> None:
    """A command made apart from ``cli`` (``@click.group()`` at module level) behaves as the
    ones made through it: its help in the interface language, and a group's unknown
    subcommand answered with the nearest ones. Only plain click classes are changed; the
    classes add methods and no state."""
    if type(command) is click.Group:
        command.__class__ = SuggestingGroup
    elif type(command) is click.Command:
        command.__class__ = TranslatedCommand
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _adopt(sub)


def print_blockers(headline: str, blockers: list[Any]) -> None:
    click.echo(_("refused: {reason}").format(reason=clean(headline)), err=True)
    print_blockers_to(blockers, err=True)


def print_blockers_to(blockers: list[Any], err: bool, width: int | None = None) -> None:
    """Blockers as people read them (explain.py): regressions first, each with owner, due,
    source, fix; lines longer than ``width`` broken between words
    (:func:`eventflow.present.wrap`)."""
    from .explain import blocker_lines  # lazy: see today()

    shapes = [b if isinstance(b, dict) else b.to_json() for b in blockers]
    for line in blocker_lines(shapes, language()):
        click.echo(wrap(line, width), err=err)


def report_outcome(ctx: click.Context, outcome: Any, message: str,
                   as_json: bool = False) -> None:
    """Print what a command that changed an event says when it is done.

    Call it at the end of a command that changed one event through the engine (``check``,
    ``advance``, a data command …), with the :class:`eventflow.engine.Outcome` the engine
    returned. The warnings met on the way (the engine's and the outcome's) go to stderr, once
    each; then ``message`` (for people, cleaned of control characters) goes to stdout or, with
    ``as_json`` (``--json``), the outcome as data: ``ok``, ``id``, ``stage``, ``revision`` and
    the outcome's details (docs/json.md)."""
    eng = engine(ctx)
    for warning in outcome.warnings:
        eng.warnings.append(warning)
    flush_warnings(eng)
    if as_json:
        emit_json({"ok": True, "id": outcome.event.id, "stage": outcome.event.stage,
                   "revision": outcome.event.revision, **outcome.details})
    else:
        click.echo(clean(message))


# root -------------------------------------------------------------------------------------------
@click.group(cls=EventflowGroup, context_settings=CONTEXT)
@click.version_option(package_name="eventflow", prog_name="eventflow")
@click.option("--dir", "directory", type=click.Path(file_okay=False), envvar="EVENTFLOW_DIR",
              help="The planning folder (default: found by walking up from here).")
@click.option("--lang", "interface_lang", type=click.Choice(["fi", "sv", "en"]),
              is_eager=True, callback=lambda ctx, param, value: _set_language(value),
              help="Language of the interface (default: EVENTFLOW_LANG, else the planning "
                   "folder's language, else the system's).")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, interface_lang: str | None) -> None:
    """Plan good-population-relations training days, stage by stage.

    \b
    Example:
        eventflow init
        eventflow new "Hyvät väestösuhteet – Pirkanmaa" --date 2027-03-18 --region Pirkanmaa
        eventflow status
        eventflow why pirkanmaa
    """
    settle(interface_lang, directory)  # the language click's words were found in, if the same
    if os.environ.get("NO_COLOR") is not None:  # https://no-color.org; click leaves it to us
        ctx.color = False
    ctx.ensure_object(dict)
    ctx.obj["dir"] = directory


def _set_language(value: str | None) -> str | None:
    """``--lang`` as soon as it is parsed (eager), so that click's own words use it too."""
    if value is not None:  # else as EventflowGroup.main configured it
        configure(value)
    return value


COMMAND_MODULES = tuple(dict.fromkeys(module for module, _summary in LAZY_COMMANDS.values()))


def load_plugin_commands(group: click.Group, args: list[str] | None = None) -> None:
    """Let the plugins the planning folder activates add commands (``register_commands``).

    Only ``eventflow.toml`` is read unless it activates plugins, so ``--help`` stays fast.
    """
    for problem in load_commands(group, sys.argv[1:] if args is None else args):
        click.secho(_("warning: {message}").format(message=clean(problem)), err=True,
                    fg="yellow")


def help_width() -> int:
    """The width click gives help text: the terminal's (:func:`eventflow.present.terminal_columns`,
    as ``shutil.get_terminal_size``, which honours ``COLUMNS``) capped at the content width,
    less 2, at least 50. The root command passes it to click (``terminal_width``), which
    would otherwise import shutil to measure it (4.2 ms, ``python -X importtime``)."""
    return max(min(terminal_columns(), CONTEXT["max_content_width"]) - 2, 50)


def main() -> None:
    load_plugin_commands(cli)
    cli(prog_name="eventflow")

