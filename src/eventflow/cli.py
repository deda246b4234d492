"""The eventflow command line. Thin: parse, call the library, print.

Exit codes: 0 success; 1 an eventflow error (the message says what to do) or a refused
transition; 2 bad usage. ``status --check`` exits 3 when an event has overdue required items.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Callable

import click

if TYPE_CHECKING:
    import datetime as dt

    from .engine import Engine

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# helpers ----------------------------------------------------------------------------------------
def today() -> dt.date:
    from .schedule import today as _today

    return _today()


def parse_date(ctx: click.Context | None, param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date; write YYYY-MM-DD, e.g. 2027-03-18") from None


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def emit_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def clean(text: Any) -> str:
    """Text safe for a terminal: control characters (escape sequences) shown, not obeyed."""
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}"
                   for ch in str(text))


def engine(ctx: click.Context) -> Engine:
    obj = ctx.find_root().obj
    if "engine" not in obj:
        from pathlib import Path

        from .engine import Engine
        from .store import Project

        directory = obj.get("dir")
        project = Project.find(Path(directory)) if directory else Project.find()
        obj["engine"] = Engine(project)
    return obj["engine"]  # type: ignore[no-any-return]


def flush_warnings(eng: Engine) -> None:
    for warning in dict.fromkeys(eng.warnings):
        click.secho(f"warning: {clean(warning)}", err=True, fg="yellow")
    eng.warnings.clear()


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
    "cost": ("commands_data", "Budget lines and how each is split between the partners."),
    "invitation": ("commands_data", "The invitation: languages, the definition of good "
                   "population relations, target groups, registration deadline, "
                   "accessibility, recording notice."),
    "organiser": ("commands_data",
                  "People who organise, including people from the target group."),
    "panel": ("commands_data",
              "The panel: panelists, questions tagged by dimension, when they were sent."),
    "partner": ("commands_data", "Partner organisations and the co-organising agreement."),
    "speaker": ("commands_data", "Speakers and their programme slots."),
    "venue": ("commands_data", "The venue: name, address, capacity, accessibility."),
    "workflow": ("commands_workflow", "Workflows: list, show, lint and draw them."),
    "outputs": ("commands_outputs",
                "Render the documents of each stage into events/<id>/outputs/<stage>/."),
    "policy": ("commands_policy", "Print the living policy: each rule, the stage and items "
               "that enforce it, and its scenarios with their last verified result."),
    "participants": ("commands_participants",
                     "Registrations (personal data, kept apart from the planning data)."),
    "plugins": ("commands_plugins", "List installed plugins as JSON: version, hooks, "
                "contributions, active here or not."),
    "dashboard": ("commands_dashboard", "Write a static site of every event: an overview, the "
                  "next 30 days by owner, a page per event and the workflow drawn; works "
                  "offline, from a shared drive or an e-mail."),
}


class EventflowGroup(click.Group):
    """Turns eventflow's own errors into messages and exit code 1, and loads the commands of
    :data:`LAZY_COMMANDS` when they are first needed."""

    lazy_commands = LAZY_COMMANDS
    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module, summary = self.lazy_commands[cmd_name]
            if self._listing:  # only its line in --help is wanted
                return click.Command(cmd_name, help=summary)
            self.load(module)
        return super().get_command(ctx, cmd_name)

    def load(self, module: str) -> None:
        import importlib

        importlib.import_module(f"eventflow.{module}").attach(self)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import EventflowError, TransitionBlocked

        try:
            return super().invoke(ctx)
        except TransitionBlocked as exc:
            if os.environ.get("EVENTFLOW_DEBUG") == "1":
                raise
            print_blockers(exc.reason, exc.blockers)
            ctx.exit(1)
        except EventflowError as exc:
            if os.environ.get("EVENTFLOW_DEBUG") == "1":
                raise
            raise click.ClickException(clean(str(exc))) from None


def print_blockers(headline: str, blockers: list[Any]) -> None:
    click.echo(f"refused: {clean(headline)}", err=True)
    print_blockers_to(blockers, err=True)


# root -------------------------------------------------------------------------------------------
@click.group(cls=EventflowGroup, context_settings=CONTEXT)
@click.version_option(package_name="eventflow", prog_name="eventflow")
@click.option("--dir", "directory", type=click.Path(file_okay=False), envvar="EVENTFLOW_DIR",
              help="The planning folder (default: found by walking up from here).")
@click.pass_context
def cli(ctx: click.Context, directory: str | None) -> None:
    """Plan good-population-relations training days, stage by stage.

    \b
    Example:
        eventflow init
        eventflow new "Hyvät väestösuhteet – Pirkanmaa" --date 2027-03-18 --region Pirkanmaa
        eventflow status
        eventflow why pirkanmaa
    """
    ctx.ensure_object(dict)
    ctx.obj["dir"] = directory


@cli.command()
@click.option("--organisation", default="", help="The organisation that organises (host).")
@click.option("--type", "org_type", type=click.Choice(["authority", "ngo", "community",
                                                       "employer"]),
              default="authority", show_default=True, help="Type of the host organisation.")
@click.option("--bilingual", is_flag=True, help="The host is a bilingual (fi+sv) authority.")
@click.option("--language", type=click.Choice(["fi", "sv", "en"]), default="fi",
              show_default=True, help="Language of labels in listings.")
@click.argument("folder", type=click.Path(file_okay=False), default=".")
def init(organisation: str, org_type: str, bilingual: bool, language: str, folder: str) -> None:
    """Make a planning folder: eventflow.toml and events/.

    \b
    Example:
        eventflow init --organisation "Tampereen kaupunki" --type authority
    """
    from pathlib import Path

    from .store import Project, Settings

    project = Project.init(Path(folder), Settings(organisation=organisation,
                                                  organisation_type=org_type,
                                                  bilingual=bilingual, language=language))
    click.echo(f"planning folder ready: {project.root.resolve()}")


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
@click.option("--date", "date", required=True, callback=parse_date,
              help="Event day, YYYY-MM-DD.")
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
        raise click.BadParameter(f"unknown language(s) {', '.join(bad) or '(none)'}; use "
                                 f"{', '.join(LANGUAGES)}", param_hint="--lang")
    eng = engine(ctx)
    event = eng.create(title, date, region, langs, workflow_id, municipality, recording)
    flush_warnings(eng)
    if as_json:
        emit_json({"id": event.id, "stage": event.stage, "date": event.date.isoformat()})
    else:
        click.echo(f"created {event.id} (stage {event.stage})")


# reading ------------------------------------------------------------------------------------
@cli.command()
@click.argument("event", required=False, metavar="[EVENT]")
@click.option("--check", "check_mode", is_flag=True,
              help="Exit 3 if any event has overdue required items (for CI and cron).")
@json_option
@click.pass_context
def status(ctx: click.Context, event: str | None, check_mode: bool, as_json: bool) -> None:
    """Show every event, or every stage and item of one event.

    \b
    Example:
        eventflow status
        eventflow status pirkanmaa --json
    """
    day = today()
    if event:
        from .index import cached_status, render_status

        # kept from the last time, keyed like the listing's index (index.py); else the engine
        view = cached_status(ctx.find_root().obj.get("dir"), event)
        if view is None:
            eng = engine(ctx)
            view = _status_one(eng, eng.project.resolve(event))
        for warning in dict.fromkeys(view["warnings"]):
            click.secho(f"warning: {clean(warning)}", err=True, fg="yellow")
        click.echo(render_status(view, day, as_json), nl=False)
        return
    from .index import status_listing

    # cached summaries, checked against each file; the engine only if one changed (index.py)
    found = status_listing(ctx.find_root().obj.get("dir"), day, lambda: engine(ctx),
                           details=as_json)
    for warning in found.warnings:
        click.secho(f"warning: {clean(warning)}", err=True, fg="yellow")
    if as_json:
        emit_json({"today": day.isoformat(), "events": found.rows(day)})
    elif not found:
        click.echo("no events yet: create one with `eventflow new`")
    else:
        found.write(day, sys.stdout)
    if check_mode and found.any_overdue(day):
        ctx.exit(3)


def _status_one(eng: Engine, event_id: str) -> dict[str, Any]:
    """What ``status EVENT`` prints, but for the day, with the warnings; kept for next time."""
    from .index import save_view, status_view, view_stamp

    stamp = view_stamp(eng, event_id)  # taken before the event is read
    view = status_view(eng, eng.project.load(event_id))
    warnings = list(dict.fromkeys(eng.warnings))
    eng.warnings.clear()
    save_view(eng, event_id, stamp, view, warnings)
    return {"warnings": warnings, **view}


@cli.command()
@event_argument
@json_option
@click.pass_context
def why(ctx: click.Context, event: str, as_json: bool) -> None:
    """List every unmet requirement for leaving the event's current stage.

    \b
    Example:
        eventflow why pirkanmaa
    """
    eng = engine(ctx)
    ev = eng.load(event)
    verdict = eng.judge(ev)
    found = eng.blockers(verdict)
    flush_warnings(eng)
    if as_json:
        emit_json({"id": ev.id, "stage": ev.stage, "status": verdict.status,
                   "judged_at_stage": verdict.stage, "can_advance": verdict.can_leave,
                   "leave_from": verdict.leave_from.isoformat() if verdict.leave_from else None,
                   "regressions": len(verdict.regressions),
                   "blockers": [b.to_json() for b in found]})
        return
    if verdict.status == "cancelled":
        click.echo(f"{ev.id} is cancelled (at '{verdict.stage}'): nothing to leave; "
                   f"`eventflow reopen {ev.id} {verdict.stage} --reason ...` brings it back")
        return
    if verdict.status == "done" and not found:
        click.echo(f"{ev.id} is done: every stage was left and every requirement still holds")
        return
    if not found:
        click.echo(f"{ev.id} can leave '{ev.stage}': every requirement is met "
                   f"(eventflow advance {ev.id})")
        return
    regressions = [b for b in found if b.kind == "regression"]
    if verdict.status == "done":
        click.echo(f"{ev.id} is done, but {len(regressions)} requirement(s) of stages it left "
                   "no longer hold:")
    else:
        also = f", {len(regressions)} of them regression(s)" if regressions else ""
        click.echo(f"{ev.id} cannot leave '{ev.stage}' yet; {len(found)} requirement(s) "
                   f"unmet{also}:")
    print_blockers_to(found, err=False)


def print_blockers_to(blockers: list[Any], err: bool) -> None:
    """Blockers as people read them: regressions first, each with owner, due, source, fix."""
    heading = ""
    for b in blockers:
        kind = getattr(b, "kind", "requirement")
        title = {"regression": "regressions (stages already left):",
                 "requirement": "requirements of this stage:", "time": "time:",
                 "veto": "plugin vetoes:"}.get(kind, "")
        if title != heading and len({getattr(x, "kind", "") for x in blockers}) > 1:
            click.echo(f"  {title}", err=err)
            heading = title
        due = f", due {b.due}" if b.due else ""
        stage = f" of {b.stage}" if kind == "regression" and getattr(b, "stage", "") else ""
        click.echo(clean(f"  ✗ {b.item}{stage}: {b.label}"), err=err)
        if b.owner or b.source:
            click.echo(clean(f"      owner {b.owner or '-'}{due}; source {b.source or '-'}"),
                       err=err)
        click.echo(clean(f"      {b.reason}"), err=err)
        fix = getattr(b, "fix", "")
        if fix and fix not in b.reason:
            click.echo(clean(f"      fix: {fix}"), err=err)


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
    for e in entries:
        rest = {k: v for k, v in e.items() if k not in ("rev", "at", "by", "action")}
        extra = " ".join(f"{k}={v}" for k, v in rest.items() if v not in ("", None))
        click.echo(clean(f"r{e.get('rev', '?'):<4} {e.get('at', '')}  {e.get('by', ''):<12} "
                         f"{e.get('action', ''):<10} {extra}").rstrip())


@cli.command("next")
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3650),
              help="How far ahead to look.")
@json_option
@click.pass_context
def next_(ctx: click.Context, days: int, as_json: bool) -> None:
    """What falls due soon (and what is overdue), across all events.

    \b
    Example:
        eventflow next --days 14
    """
    eng = engine(ctx)
    day = today()
    rows = eng.upcoming(day, days)
    flush_warnings(eng)
    if as_json:
        emit_json({"today": day.isoformat(), "days": days, "items": rows})
        return
    if not rows:
        click.echo(f"nothing due in the next {days} days")
    for r in rows:
        flag = "OVERDUE" if r["overdue"] else ""
        kind = "" if r["required"] else "(advice)"
        click.echo(clean(f"{r['due']}  {flag:<7}  {r['event']:<26} {r['item']:<32} "
                         f"{r['owner']:<15} {kind}").rstrip())


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
    import time

    from .quick import remember_check

    taken = time.time_ns()
    eng = engine(ctx)
    outcome = eng.tick(event, item, note=note)
    remember_check(eng, outcome, taken)  # so that the next check is quick (quick.py)
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
        raise click.ClickException("Use --note to record why you waive the item")
    outcome = engine(ctx).tick(event, item, note=note, waive=True)
    _report(ctx, outcome, f"{outcome.event.id}: waived {item}")


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
        raise click.ClickException("Use --reason to record why you reopen a stage")
    outcome = engine(ctx).reopen(event, stage, reason)
    d = outcome.details
    _report(ctx, outcome, f"{outcome.event.id}: {d['from']} → {d['to']} (reopened)", as_json)


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
        raise click.ClickException("Use --reason to record why you cancel the event")
    outcome = engine(ctx).cancel(event, reason)
    _report(ctx, outcome, f"{outcome.event.id}: cancelled", as_json)


@cli.command()
@event_argument
@click.option("--date", "date", required=True, callback=parse_date, help="New event day.")
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
        if "in the past" in str(exc) and not force:
            raise click.ClickException(f"{exc} (--force --reason TEXT)") from None
        if "needs a reason" in str(exc):
            raise click.ClickException(f"{exc}: use --reason TEXT") from None
        raise
    flush_warnings(eng)
    d = outcome.details
    if as_json:
        emit_json({"id": outcome.event.id, "dry_run": dry_run, **d})
        return
    verb = "would move" if dry_run else "moved"
    click.echo(f"{outcome.event.id}: event day {d['from']} → {d['to']}; "
               f"{len(d['moves'])} due date(s) {verb}:")
    for m in d["moves"]:
        click.echo(f"  {m['item']:<36} {m['from']} → {m['to']}")
    if d["consequences"]:
        click.echo("what the new date makes stale or impossible:")
        for line in d["consequences"]:
            click.echo(clean(f"  ! {line}"))
    if dry_run:
        click.echo("(dry run: nothing saved)")


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
        click.echo(f"{outcome.event.id} already follows the current workflow ({d['to']})")
        return
    verb = "would move" if dry_run else "moved"
    click.echo(f"{outcome.event.id}: {verb} from workflow {d['from']} to {d['to']}")
    for c in d["changes"]:
        fields = "".join(f" {k}: {v[0]} → {v[1]};" for k, v in c.get("fields", {}).items())
        click.echo(clean(f"  {c['change']:<8} {c['item']} ({c['stage']}){fields}".rstrip(";")))
    for m in d["moves"]:
        click.echo(f"  due      {m['item']}: {m['from']} → {m['to']}")
    if dry_run:
        click.echo("(dry run: nothing saved)")


COMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in LAZY_COMMANDS.values()))


def load_plugin_commands(group: click.Group, args: list[str] | None = None) -> None:
    """Let the plugins the planning folder activates add commands (``register_commands``).

    Only ``eventflow.toml`` is read unless it activates plugins, so ``--help`` stays fast.
    """
    from .commands_plugins import load_commands

    for problem in load_commands(group, sys.argv[1:] if args is None else args):
        click.secho(f"warning: {clean(problem)}", err=True, fg="yellow")


def help_width() -> int:
    """The width click gives help text (``shutil.get_terminal_size`` capped at the content
    width), computed as shutil does but without importing it: shutil loads the compression
    modules, a few milliseconds of every start (bench/, goal P1)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return max(min(columns, CONTEXT["max_content_width"]) - 2, 50)


def main() -> None:
    load_plugin_commands(cli)
    cli(prog_name="eventflow", terminal_width=help_width())
