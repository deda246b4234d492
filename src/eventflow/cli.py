"""The eventflow command line. Thin: parse, call the library, print.

Exit codes: 0 success; 1 an eventflow error (the message says what to do) or a refused
transition; 2 bad usage. ``status --check`` exits 3 when an event has overdue required items.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from .i18n import _
from .params import DATE
from .present import clean  # noqa: F401  (commands and plugins print through it)

if TYPE_CHECKING:
    import datetime as dt

    from .engine import Engine

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# helpers ----------------------------------------------------------------------------------------
def today() -> dt.date:
    from .schedule import today as _today

    return _today()


def parse_date(ctx: click.Context | None, param: Any, value: str | None) -> dt.date | None:
    """A click callback for a date option; new options use ``type=DATE`` (params.py), which
    reads the same forms (2027-03-18, 18.3.2027, 18.3.27)."""
    if value is None:
        return None
    from .params import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def emit_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def engine(ctx: click.Context) -> Engine:
    obj = ctx.find_root().obj
    if "engine" not in obj:
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
        click.secho(_("warning: {message}").format(message=clean(warning)), err=True,
                    fg="yellow")
    eng.warnings.clear()


def wide_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--wide``: every cell in full, however narrow the terminal (piped output always is)."""
    return click.option("--wide", is_flag=True,
                        help="Print every line in full. On a terminal, lines are fitted to its "
                             "width by default (long cells cut with '…'); piped output never "
                             "is.")(func)


def width_for(wide: bool) -> int | None:
    """The width to fit what a command prints to stdout to (``None``: in full)."""
    from .present import terminal_width

    return terminal_width(sys.stdout, wide)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON (shapes in docs/json.md).")(func)


def event_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("event", metavar="EVENT")(func)


# The commands kept in other modules, each with the first paragraph of its help: `--help` lists
# them from here, and a module is imported only when one of its commands runs (importing and
# attaching them all costs about 5 ms of every start; bench/, goal P1). A test keeps this table
# true to the modules (tests/test_cli_lazy.py).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
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


class TranslatedHelp:
    """Help shown in the interface language: a command's help, short help and epilog and its
    options' help go through the catalogue when help is shown (i18n.py), so command modules
    write them in English and wrap nothing."""

    def get_help(self, ctx: click.Context) -> str:
        with _translated(self):
            return super().get_help(ctx)  # type: ignore[misc, no-any-return]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self, params=False):
            return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]


class _translated:  # noqa: N801 (a context manager used like a function)
    def __init__(self, command: Any, params: bool = True) -> None:
        self.saved: list[tuple[Any, str, Any]] = []
        from .i18n import language

        if language() == "en":
            return
        import inspect

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
            from .completion import attach

            attach(command)  # event ids, items, stages … complete from the folder
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            from .suggest import did_you_mean

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
        from .i18n import configure

        configure()  # every run finds its language anew (tests run many in one process)
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self._listing and cmd_name in self.lazy_commands:
            # only its line in --help is wanted: the summary (translated), loaded or not
            return TranslatedCommand(cmd_name, help=self.lazy_commands[cmd_name][1])
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.load(self.lazy_commands[cmd_name][0])
        return super().get_command(ctx, cmd_name)

    def load(self, module: str) -> None:
        import importlib

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
        from .errors import EventflowError, TransitionBlocked

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
            raise click.ClickException(clean(str(exc))) from None


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
    from .i18n import configure

    configure(interface_lang, directory)
    if os.environ.get("NO_COLOR") is not None:  # https://no-color.org; click leaves it to us
        ctx.color = False
    ctx.ensure_object(dict)
    ctx.obj["dir"] = directory


def _set_language(value: str | None) -> str | None:
    from .i18n import configure

    configure(value)
    return value


@cli.command()
@click.option("--organisation", default="", help="The organisation that organises (host).")
@click.option("--type", "org_type", type=click.Choice(["authority", "ngo", "community",
                                                       "employer"]),
              default="authority", show_default=True, help="Type of the host organisation.")
@click.option("--bilingual", is_flag=True, help="The host is a bilingual (fi+sv) authority.")
@click.option("--language", type=click.Choice(["fi", "sv", "en"]), default="fi",
              show_default=True, help="Language of labels in listings.")
@click.option("--git", "use_git", is_flag=True, help="Share the folder through git: a "
              "repository if there is none, .gitattributes and eventflow's merge driver "
              "(also in an existing planning folder).")
@click.argument("folder", type=click.Path(file_okay=False), default=".")
def init(organisation: str, org_type: str, bilingual: bool, language: str, use_git: bool,
         folder: str) -> None:
    """Make a planning folder: eventflow.toml and events/.

    \b
    Example:
        eventflow init --organisation "Tampereen kaupunki" --type authority
        eventflow init --git
    """
    from pathlib import Path

    from .folder import SETTINGS_FILE
    from .store import Project, Settings

    if use_git and (Path(folder) / SETTINGS_FILE).is_file():
        project = Project(Path(folder))  # an existing planning folder: only git is set up
    else:
        project = Project.init(Path(folder), Settings(organisation=organisation,
                                                      organisation_type=org_type,
                                                      bilingual=bilingual, language=language))
    click.echo(_("planning folder ready: {path}").format(path=project.root.resolve()))
    if use_git:
        from .gitsync import setup

        for line in setup(project.root.resolve()):
            click.echo(line)


@cli.command()
@click.pass_context
def where(ctx: click.Context) -> None:
    """Print the planning folder in use (relocate it with --dir or EVENTFLOW_DIR).

    \b
    Example:
        eventflow where
    """
    click.echo(str(engine(ctx).project.root))


@cli.command()
@click.argument("title")
@click.option("--date", "date", required=True, type=DATE,
              help="Event day: 2027-03-18 or 18.3.2027.")
@click.option("--region", required=True, help="The one region (maakunta) the event covers.")
@click.option("--lang", "languages", default="fi", show_default=True,
              help="Event languages, comma-separated: fi,sv,en (se, smn, sms for Sámi).")
@click.option("--municipality", default="", help="Municipality of the venue, if known.")
@click.option("--recording", is_flag=True, help="The event is recorded or streamed.")
@click.option("--workflow", "workflow_id", default="good-relations-training", show_default=True,
              help="Workflow id (eventflow workflow list).")
@json_option
@click.pass_context
def new(ctx: click.Context, title: str, date: dt.date, region: str, languages: str,
        municipality: str, recording: bool, workflow_id: str, as_json: bool) -> None:
    """Create an event and print its id.

    \b
    Example:
        eventflow new "Hyvät väestösuhteet – Pirkanmaa" --date 2027-03-18 \\
            --region Pirkanmaa --lang fi,sv
    """
    from .vocab import LANGUAGES

    langs = split_list(languages)
    bad = [lang for lang in langs if lang not in LANGUAGES]
    if bad or not langs:
        from .suggest import did_you_mean

        hints = "".join(did_you_mean(lang, LANGUAGES) for lang in bad)
        raise click.BadParameter(_("unknown language(s) {languages}{hints}; use {known}").format(
            languages=", ".join(bad) or _("(none)"), hints=hints, known=", ".join(LANGUAGES)),
            param_hint="--lang")
    eng = engine(ctx)
    event = eng.create(title, date, region, langs, workflow_id, municipality, recording)
    flush_warnings(eng)
    if as_json:
        emit_json({"id": event.id, "stage": event.stage, "date": event.date.isoformat()})
    else:
        click.echo(_("created {event} (stage {stage})").format(event=event.id, stage=event.stage))


# reading ------------------------------------------------------------------------------------
@cli.command()
@click.argument("event", required=False, metavar="[EVENT]")
@click.option("--check", "check_mode", is_flag=True,
              help="Exit 3 if any event has overdue required items (for CI and cron).")
@wide_option
@json_option
@click.pass_context
def status(ctx: click.Context, event: str | None, check_mode: bool, wide: bool,
           as_json: bool) -> None:
    """Show every event, or every stage and item of one event.

    \b
    Example:
        eventflow status
        eventflow status pirkanmaa --json
    """
    day = today()
    if event:
        from .index import cached_status, fit_status, render_status

        # kept from the last time, keyed like the listing's index (index.py); else the engine
        view = cached_status(ctx.find_root().obj.get("dir"), event)
        if view is None:
            eng = engine(ctx)
            view = _status_one(eng, eng.project.resolve(event))
        for warning in dict.fromkeys(view["warnings"]):
            click.secho(_("warning: {message}").format(message=clean(warning)), err=True,
                        fg="yellow")
        text = render_status(view, day, as_json)
        if as_json:  # the warnings as data too (docs/json.md)
            import json

            data = json.loads(text)
            data["warnings"] = _json_warnings(ctx, view["warnings"])
            emit_json(data)
            return
        click.echo(fit_status(text, width_for(wide)), nl=False)
        return
    from .index import status_listing

    # cached summaries, checked against each file; the engine only if one changed (index.py)
    found = status_listing(ctx.find_root().obj.get("dir"), day, lambda: engine(ctx),
                           details=as_json)
    for warning in found.warnings:
        click.secho(_("warning: {message}").format(message=clean(warning)), err=True,
                    fg="yellow")
    if as_json:
        emit_json({"today": day.isoformat(), "events": found.rows(day),
                   "warnings": _json_warnings(ctx, found.warnings)})
    elif not found:
        click.echo(_("no events yet: create one with `eventflow new`"))
    else:
        found.write(day, sys.stdout, width=width_for(wide))
    if check_mode and found.any_overdue(day):
        ctx.exit(3)


def _json_warnings(ctx: click.Context, messages: list[str]) -> list[dict[str, Any]]:
    """The warnings of a ``--json`` answer as data (docs/json.md): plugins the folder
    activates but the environment keeps out, then the other messages."""
    from .folder import planning_folder
    from .plugin_commands import json_warnings

    return json_warnings(planning_folder(ctx.find_root().obj.get("dir")), messages)


def _status_one(eng: Engine, event_id: str) -> dict[str, Any]:
    """What ``status EVENT`` prints, but for the day, with the warnings; kept for next time."""
    from .explain import due_days
    from .i18n import language
    from .index import save_view, status_view, view_stamp

    stamp = view_stamp(eng, event_id)  # taken before the event is read
    view = status_view(eng, eng.project.load(event_id))
    view["days"] = due_days(view, language())  # so that `why` prints it without Babel
    warnings = list(dict.fromkeys(eng.warnings))
    eng.warnings.clear()
    save_view(eng, event_id, stamp, view, warnings)
    return {"warnings": warnings, **view}


@cli.command()
@event_argument
@wide_option
@json_option
@click.pass_context
def why(ctx: click.Context, event: str, wide: bool, as_json: bool) -> None:
    """List every unmet requirement for leaving the event's current stage.

    \b
    Example:
        eventflow why pirkanmaa
    """
    from .explain import why_json, why_lines
    from .i18n import language
    from .index import cached_status

    day = today()
    # the verdict as `status EVENT` keeps it (index.py); else the engine judges and keeps it
    view = cached_status(ctx.find_root().obj.get("dir"), event)
    if view is None:
        eng = engine(ctx)
        view = _status_one(eng, eng.project.resolve(event))
    for warning in dict.fromkeys(view["warnings"]):
        click.secho(_("warning: {message}").format(message=clean(warning)), err=True,
                    fg="yellow")
    if as_json:
        emit_json({**why_json(view, day), "warnings": _json_warnings(ctx, view["warnings"])})
        return
    from .present import wrap

    width = width_for(wide)
    for line in why_lines(view, day, language()):
        click.echo(wrap(line, width))


def print_blockers_to(blockers: list[Any], err: bool, width: int | None = None) -> None:
    """Blockers as people read them (explain.py): regressions first, each with owner, due,
    source, fix; lines longer than ``width`` broken between words
    (:func:`eventflow.present.wrap`)."""
    from .explain import blocker_lines
    from .i18n import language
    from .present import wrap

    shapes = [b if isinstance(b, dict) else b.to_json() for b in blockers]
    for line in blocker_lines(shapes, language()):
        click.echo(wrap(line, width), err=err)


@cli.command()
@event_argument
@json_option
@click.pass_context
def history(ctx: click.Context, event: str, as_json: bool) -> None:
    """Show what happened to an event, oldest first.

    \b
    Example:
        eventflow history pirkanmaa
    """
    eng = engine(ctx)
    event_id = eng.project.resolve(event)
    entries = eng.project.history(event_id)
    if as_json:
        emit_json({"id": event_id, "history": entries})
        return
    from .i18n import language
    from .present import history_line

    lang = language()
    for e in entries:
        click.echo(history_line(e, lang))


@cli.command("next")
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3650),
              help="How far ahead to look.")
@wide_option
@json_option
@click.pass_context
def next_(ctx: click.Context, days: int, wide: bool, as_json: bool) -> None:
    """What falls due soon (and what is overdue), across all events.

    \b
    Example:
        eventflow next --days 14
    """
    from .index import entries, upcoming

    eng = engine(ctx)
    day = today()
    rows = upcoming(entries(eng, day), day, days)  # as eng.upcoming, from the status index
    flush_warnings(eng)
    if as_json:
        emit_json({"today": day.isoformat(), "days": days, "items": rows})
        return
    if not rows:
        click.echo(_("nothing due in the next {days} days").format(days=days))
        return
    from .i18n import pgettext

    overdue = pgettext("status column", "OVERDUE")  # (fits the column)
    cells = [[str(r["due"]), overdue if r["overdue"] else "", r["event"], r["item"],
              r["owner"], "" if r["required"] else _("(advice)")] for r in rows]
    width = width_for(wide)
    if width is None:
        for due, flag, event_id, item, owner, kind in cells:
            click.echo(clean(f"{due}  {flag:<7}  {event_id:<26} {item:<32} {owner:<15} "
                             f"{kind}").rstrip())
        return
    from .present import fit_table

    # the item gives way first, then the owner; the event id (what people type) only beyond
    # 24 characters; the date never
    for line in fit_table([[""] * 6, *[[clean(c) for c in row] for row in cells]], width,
                          shrink=((3, 12), (4, 8), (2, 24)))[1:]:
        click.echo(line)


# changing -----------------------------------------------------------------------------------
def _report(ctx: click.Context, outcome: Any, message: str, as_json: bool = False) -> None:
    eng = engine(ctx)
    for warning in outcome.warnings:
        eng.warnings.append(warning)
    flush_warnings(eng)
    if as_json:
        emit_json({"ok": True, "id": outcome.event.id, "stage": outcome.event.stage,
                   "revision": outcome.event.revision, **outcome.details})
    else:
        click.echo(clean(message))


@cli.command()
@event_argument
@click.argument("item")
@click.option("--note", default="", help="A note kept with the tick (what was done, where).")
@click.pass_context
def check(ctx: click.Context, event: str, item: str, note: str) -> None:
    """Tick a manual checklist item; who and when are recorded.

    \b
    Example:
        eventflow check pirkanmaa kickoff_meeting --note "Met at the city hall"
    """
    outcome = engine(ctx).tick(event, item, note=note)
    _report(ctx, outcome, f"{outcome.event.id}: ✓ {item}")


@cli.command()
@event_argument
@click.argument("item")
@click.pass_context
def uncheck(ctx: click.Context, event: str, item: str) -> None:
    """Untick a manual checklist item.

    \b
    Example:
        eventflow uncheck pirkanmaa kickoff_meeting
    """
    outcome = engine(ctx).tick(event, item, checked=False)
    _report(ctx, outcome, f"{outcome.event.id}: ☐ {item}")


@cli.command()
@event_argument
@click.argument("item")
@click.option("--note", required=True, help="Why the item is waived (required).")
@click.pass_context
def waive(ctx: click.Context, event: str, item: str, note: str) -> None:
    """Waive a checklist item that the policy lets you waive, with the reason.

    \b
    Example:
        eventflow waive pirkanmaa invitation_accessibility --note "Online only"
    """
    if not note.strip():
        raise click.ClickException(_("Use --note to record why you waive the item"))
    outcome = engine(ctx).tick(event, item, note=note, waive=True)
    _report(ctx, outcome, _("{event}: waived {item}").format(event=outcome.event.id, item=item))


@cli.command()
@event_argument
@json_option
@click.pass_context
def advance(ctx: click.Context, event: str, as_json: bool) -> None:
    """Leave the current stage, or refuse (exit 1) listing every reason.

    \b
    Example:
        eventflow advance pirkanmaa
    """
    from .errors import TransitionBlocked

    try:
        outcome = engine(ctx).advance(event)
    except TransitionBlocked as exc:
        if not as_json:
            raise
        emit_json({"ok": False, "message": exc.reason,
                   "blockers": [b.to_json() for b in exc.blockers]})
        ctx.exit(1)
    d = outcome.details
    _report(ctx, outcome, f"{outcome.event.id}: {d['from']} → {d['to']}", as_json)


@cli.command()
@event_argument
@click.argument("stage")
@click.option("--reason", default="", help="Why the stage is reopened (required).")
@json_option
@click.pass_context
def reopen(ctx: click.Context, event: str, stage: str, reason: str, as_json: bool) -> None:
    """Go back to an earlier stage, recording why.

    \b
    Example:
        eventflow reopen pirkanmaa speakers --reason "Expert cancelled"
    """
    if not reason.strip():
        raise click.ClickException(_("Use --reason to record why you reopen a stage"))
    outcome = engine(ctx).reopen(event, stage, reason)
    d = outcome.details
    _report(ctx, outcome, _("{event}: {old} → {new} (reopened)").format(
        event=outcome.event.id, old=d["from"], new=d["to"]), as_json)


@cli.command()
@event_argument
@click.option("--reason", default="", help="Why the event is cancelled (required).")
@json_option
@click.pass_context
def cancel(ctx: click.Context, event: str, reason: str, as_json: bool) -> None:
    """Cancel an event, recording why.

    \b
    Example:
        eventflow cancel pirkanmaa --reason "Venue unavailable"
    """
    if not reason.strip():
        raise click.ClickException(_("Use --reason to record why you cancel the event"))
    outcome = engine(ctx).cancel(event, reason)
    _report(ctx, outcome, _("{event}: cancelled").format(event=outcome.event.id), as_json)


@cli.command()
@event_argument
@click.option("--date", "date", required=True, type=DATE,
              help="New event day: 2027-04-15 or 15.4.2027.")
@click.option("--dry-run", is_flag=True, help="Show which due dates move, save nothing.")
@click.option("--force", is_flag=True,
              help="Allow a date in the past (with --reason, kept in the history).")
@click.option("--reason", default="", help="Why the event moves (required with --force).")
@json_option
@click.pass_context
def reschedule(ctx: click.Context, event: str, date: dt.date, dry_run: bool, force: bool,
               reason: str, as_json: bool) -> None:
    """Move the event day; every due date follows (to working days).

    Lists what the new date makes stale or impossible: a registration deadline after the
    event, items that become overdue, an invitation or panel questions sent with the old
    date. The event id stays as it is: ids are names, not data.

    \b
    Example:
        eventflow reschedule pirkanmaa --date 2027-04-15 --dry-run
    """
    from .errors import InvalidInput

    eng = engine(ctx)
    try:
        outcome = eng.reschedule(event, date, dry_run, force=force, reason=reason)
    except InvalidInput as exc:
        day = today()  # the engine's messages, as it words them in the interface language
        if str(exc) == _("{date} is in the past (today is {today}); to record an event that "
                         "already took place on another day, force it with a reason").format(
                             date=date, today=day):
            raise click.ClickException(f"{exc} (--force --reason TEXT)") from None
        if str(exc) == _("a reschedule into the past needs a reason (kept in the history)"):
            raise click.ClickException(_("{error}: use --reason TEXT").format(error=exc)) from None
        raise
    flush_warnings(eng)
    d = outcome.details
    if as_json:
        emit_json({"id": outcome.event.id, "dry_run": dry_run, **d})
        return
    text = (_("{event}: event day {old} → {new}; {count} due date(s) would move:") if dry_run
            else _("{event}: event day {old} → {new}; {count} due date(s) moved:"))
    click.echo(text.format(event=outcome.event.id, old=d["from"], new=d["to"],
                           count=len(d["moves"])))
    for m in d["moves"]:
        click.echo(f"  {m['item']:<36} {m['from']} → {m['to']}")
    if d["consequences"]:
        click.echo(_("what the new date makes stale or impossible:"))
        for line in d["consequences"]:
            click.echo(clean(f"  ! {line}"))
    if dry_run:
        click.echo(_("(dry run: nothing saved)"))


@cli.command()
@event_argument
@click.option("--dry-run", is_flag=True, help="Show what would change, save nothing.")
@json_option
@click.pass_context
def migrate(ctx: click.Context, event: str, dry_run: bool, as_json: bool) -> None:
    """Move an event to the current version of its workflow.

    An event keeps following the workflow it was created with until it is migrated.

    \b
    Example:
        eventflow migrate pirkanmaa --dry-run
    """
    eng = engine(ctx)
    outcome = eng.migrate(event, dry_run)
    flush_warnings(eng)
    d = outcome.details
    if as_json:
        emit_json({"id": outcome.event.id, "dry_run": dry_run, **d})
        return
    if not d["changes"] and not d["moves"] and d["from"] == d["to"]:
        click.echo(_("{event} already follows the current workflow ({version})").format(
            event=outcome.event.id, version=d["to"]))
        return
    text = (_("{event}: would move from workflow {old} to {new}") if dry_run
            else _("{event}: moved from workflow {old} to {new}"))
    click.echo(text.format(event=outcome.event.id, old=d["from"], new=d["to"]))
    for c in d["changes"]:
        fields = "".join(f" {k}: {v[0]} → {v[1]};" for k, v in c.get("fields", {}).items())
        change = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}.get(
            c["change"], c["change"])
        click.echo(clean(f"  {change:<8} {c['item']} ({c['stage']}){fields}".rstrip(";")))
    due = _("due")
    for m in d["moves"]:
        click.echo(f"  {due:<8} {m['item']}: {m['from']} → {m['to']}")
    if dry_run:
        click.echo(_("(dry run: nothing saved)"))


COMMAND_MODULES = tuple(dict.fromkeys(module for module, _summary in LAZY_COMMANDS.values()))


def load_plugin_commands(group: click.Group, args: list[str] | None = None) -> None:
    """Let the plugins the planning folder activates add commands (``register_commands``).

    Only ``eventflow.toml`` is read unless it activates plugins, so ``--help`` stays fast.
    """
    from .plugin_commands import load_commands

    for problem in load_commands(group, sys.argv[1:] if args is None else args):
        click.secho(_("warning: {message}").format(message=clean(problem)), err=True,
                    fg="yellow")


def help_width() -> int:
    """The width click gives help text: the terminal's (``shutil.get_terminal_size``, which
    honours ``COLUMNS``) capped at the content width, less 2, at least 50. Click measures it
    itself when it formats help; imported here only then (shutil: about 4 ms)."""
    import shutil

    return max(min(shutil.get_terminal_size().columns, CONTEXT["max_content_width"]) - 2, 50)


def main() -> None:
    load_plugin_commands(cli)
    cli(prog_name="eventflow")


def _translate_click() -> None:
    from .i18n import translate_click

    translate_click()  # click's own words (Usage:, Options, Error: …) in the interface language


_translate_click()
