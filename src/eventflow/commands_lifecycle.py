"""An event's life: create it (`new`), tick, untick and waive its items, advance it, reopen an
earlier stage, cancel it, move its day (`reschedule`) and its workflow version (`migrate`).
Every change goes through the engine (engine.py), which refuses what the workflow forbids."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli import (
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    event_argument,
    flush_warnings,
    json_option,
    report_outcome,
)
from .i18n import _
from .params import DATE, split_list

if TYPE_CHECKING:
    import datetime as dt


def attach(cli: click.Group) -> None:
    for command in (new, check, uncheck, waive, advance, reopen, cancel, reschedule, migrate):
        cli.add_command(command)


@click.command(cls=TranslatedCommand)
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


@click.command(cls=TranslatedCommand)
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
    report_outcome(ctx, outcome, f"{outcome.event.id}: ✓ {item}")


@click.command(cls=TranslatedCommand)
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
    report_outcome(ctx, outcome, f"{outcome.event.id}: ☐ {item}")


@click.command(cls=TranslatedCommand)
@event_argument
@click.argument("item")
@click.option("--note", required=True, help="Why the item is waived (required).")
@click.pass_context
def waive(ctx: click.Context, event: str, item: str, note: str) -> None:
    """Waive a checklist item that the policy lets you waive, with the reason.

    \b
    Example:
        eventflow waive pirkanmaa venue_accessibility --note "Online only: no venue"
    """
    if not note.strip():
        raise click.ClickException(_("Use --note to record why you waive the item"))
    outcome = engine(ctx).tick(event, item, note=note, waive=True)
    report_outcome(ctx, outcome,
                   _("{event}: waived {item}").format(event=outcome.event.id, item=item))


@click.command(cls=TranslatedCommand)
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
    report_outcome(ctx, outcome, f"{outcome.event.id}: {d['from']} → {d['to']}", as_json)


@click.command(cls=TranslatedCommand)
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
    report_outcome(ctx, outcome, _("{event}: {old} → {new} (reopened)").format(
        event=outcome.event.id, old=d["from"], new=d["to"]), as_json)


@click.command(cls=TranslatedCommand)
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
    report_outcome(ctx, outcome, _("{event}: cancelled").format(event=outcome.event.id), as_json)


@click.command(cls=TranslatedCommand)
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
    except InvalidInput as exc:  # the CLI names the options the engine's refusal asks for
        if exc.retry_with == "force":
            raise click.ClickException(f"{exc} (--force --reason TEXT)") from None
        if exc.retry_with == "reason":
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


@click.command(cls=TranslatedCommand)
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
