"""Commands that send mail: ``remind`` and ``invitation send`` (attached to the ``invitation``
group by commands/invitation.py)."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

from .cli import (
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    event_argument,
    flush_warnings,
    json_option,
    today,
)
from .cli_terms import in_cli_terms
from .folder import SETTINGS_FILE, planning_folder
from .i18n import _
from .index.reminders import (
    DEFAULT_DAYS,
    MAX_DAYS,
    kept_summary,
    reminder_lines,
    save_record,
)
from .names import OUTBOX_DIR

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from pathlib import Path

    from .engine import Engine
    from .index.cachefile import KeptDues
    from .invite import InvitationPlan
    from .mail import Delivery, Outgoing
    from .people import Directory
    from .remind import Plan


def _unknown_lines(unknown: list[dict[str, Any]]) -> list[str]:
    return [_("unknown: {to} {event} {what} (Message-ID {message_id}, handed over {at}): "
              "eventflow stopped before the server answered; look for it in the mailbox, or "
              "send it again with --retry-unknown").format(
                  to=u["to"], event=u.get("event", ""), what=u.get("item", u.get("group", "")),
                  message_id=u["message_id"], at=_moment(u["at"])) for u in unknown]


def _moment(value: Any) -> str:
    """A time the sent-log recorded (ISO) as the interface language writes it."""
    import datetime as dt

    from .i18n import language
    from .present import moment

    try:
        return moment(dt.datetime.fromisoformat(str(value)), language())
    except ValueError:
        return str(value)


def _finish(delivery: Delivery | None, what: str) -> None:
    """Exit 1 with a clear message when anything was not delivered."""
    if delivery is None or not (delivery.failed or delivery.unknown or delivery.stopped):
        return
    counts = (_("{sent} reminder(s) sent, {failed} refused, {unknown} unknown")
              if what == "reminder(s)" else
              _("{sent} invitation(s) sent, {failed} refused, {unknown} unknown"))
    lines = [counts.format(sent=len(delivery.sent), failed=len(delivery.failed),
                           unknown=len(delivery.unknown))]
    lines += [f"  {o.to}: {o.error}" for o in delivery.failed + delivery.unknown]
    if delivery.stopped:
        lines.append("  " + _("stopped: {reason}").format(reason=delivery.stopped))
    lines.append(_("Nothing refused was recorded as sent; run the command again to deliver what "
                   "is missing (what was accepted is not sent again)."))
    raise click.ClickException("\n".join(lines))


def _message_json(out: Outgoing) -> dict[str, Any]:
    return {"to": str(out.message["To"]), "address": out.to, "subject": str(out.message["Subject"]),
            "message_id": out.message_id, "file": out.file or None, "status": out.status,
            "error": out.error or None}


@click.command("remind", cls=TranslatedCommand)
@click.option("--days", default=DEFAULT_DAYS, show_default=True, type=click.IntRange(0, MAX_DAYS),
              help="Remind of items due within this many days (and every overdue one).")
@click.option("--send", is_flag=True,
              help="Deliver over SMTP ([mail] in eventflow.toml) instead of only writing "
                   "the outbox.")
@click.option("--retry-unknown", is_flag=True,
              help="Send again the reminders whose delivery was interrupted (the server "
                   "may already have them).")
@json_option
@click.pass_context
def remind(ctx: click.Context, days: int, send: bool, retry_unknown: bool,
           as_json: bool) -> None:
    """Remind each owner of the items due soon and overdue, in their language.

    The people come from [owners] in eventflow.toml (and [owners] of an event file).
    Without --send the messages go to .eventflow/outbox/ for review; with --send they
    are delivered, and mail/sent.jsonl records each one so that no reminder is sent twice.

    \b
    Example:
        eventflow remind --days 7
        EVENTFLOW_SMTP_PASSWORD=... eventflow remind --days 7 --send
    """
    day = today()
    found = planning_folder(ctx.find_root().obj.get("dir"))
    kept = record_key = summary = None
    if found is not None:
        kept, record_key, summary = kept_summary(found, day, days, retry_unknown)
    if summary is not None and kept is not None and found is not None and not (
            send or as_json):  # a rerun: what the last one printed (index/reminders.py)
        _flush([*kept.header["warnings"],
                *_unassigned_warnings(summary["unassigned"], f"{found}/{SETTINGS_FILE}")])
        _print_reminders(summary, days, False, f"{found}/{OUTBOX_DIR}")
        return
    # (imported after the kept record was looked for: a rerun that prints it needs neither;
    # pathlib, mail and remind cost some 30 ms: -X importtime on the loaded machine)
    from .mail import SentLog, deliver, require_settings, write_outbox
    from .remind import plan

    if kept is not None and not kept.read_body():
        kept = None
    root, directory, kept, eng = _sources(ctx, found, kept)
    if send:
        require_settings(directory.mail, directory.path)
    indexed = None
    if eng is not None:
        from .index import entries

        indexed = entries(eng, day)
    log = SentLog(root)
    with log.exclusive() if send else contextlib.nullcontext():
        # what is due: what the status index keeps for remind when it vouches for every
        # event file, else its derived verdict data made fresh (changed events are judged
        # again), never a verdict on every event
        result = plan(eng, directory, day, days, log.states(), retry_unknown, indexed, kept=kept,
                      dates=_dates(kept.header["day_samples"] if kept is not None else None))
        folder = write_outbox(root, result.messages, "remind", reuse=not send)
        delivery = None
        if send and result.messages:
            delivery = deliver(result.messages, directory.mail, log, directory.path)
            for out in delivery.sent:
                os.unlink(out.file)
    warnings = list(eng.warnings) if eng is not None else list(kept.header["warnings"]) \
        if kept is not None else []
    if eng is not None:
        eng.warnings.clear()
    _flush([*warnings, *_unassigned_warnings(result.unassigned, directory.path)])
    if as_json:
        emit_json({
            "today": day.isoformat(), "days": days, "send": send, "outbox": str(folder),
            "messages": [{**_message_json(o), "language": result.people[o.to].language,
                          "items": [d.to_json() for d in result.items[o.to]]}
                         for o in result.messages],
            "already_sent": result.already_sent, "unknown": result.unknown,
            "unassigned": result.unassigned,
        })
    else:
        made = _summary(result)
        if record_key is not None and kept is not None and eng is None and not send:
            save_record(str(folder), record_key, [o.file for o in result.messages], made)
        _print_reminders(made, days, send, str(folder))
    _finish(delivery, "reminder(s)")


def _summary(result: Plan) -> dict[str, Any]:
    """What ``remind`` prints of a plan (and keeps: index.reminders.save_record)."""
    return {"messages": [[out.status, result.people[out.to].mailbox, len(result.items[out.to]),
                          sum(1 for d in result.items[out.to] if d.overdue), out.error]
                         for out in result.messages],
            "already_sent": result.already_sent, "unknown": result.unknown,
            "unassigned": result.unassigned}


def _sources(ctx: click.Context, found: str | None, kept: KeptDues | None
             ) -> tuple[Path, Directory, KeptDues | None, Engine | None]:
    """The planning folder, its people, and what is due: ``kept`` (what the status index
    keeps for ``remind``, read when it vouches for every event file: no engine, no event
    read), else ``None`` and the engine (whose index is then made fresh)."""
    from pathlib import Path

    from .index.cachefile import effective_plugins
    from .people import read_directory, read_directory_at

    if kept is not None and found is not None:
        directory = read_directory_at(Path(found), kept.header["lang"])
        if not effective_plugins(directory.plugins):  # (the engine says what a plugin says)
            return Path(found), directory, kept, None
    eng = engine(ctx)
    return eng.project.root, read_directory(eng.project), None, eng


def _dates(samples: dict[str, Any] | None = None) -> Callable[[str, str], str]:
    """An ISO date as a language writes it (:func:`eventflow.present.day`), each once; with
    ``samples`` (the index's ``day_samples``), without Babel where they show how."""
    writers = {lang: day_writer(pair) for lang, pair in (samples or {}).items()}
    written: dict[tuple[str, str], str] = {}

    def write(iso: str, lang: str) -> str:
        text = written.get((iso, lang))
        if text is None:
            writer = writers.get(lang)
            if writer is None:
                from .present import day

                text = day(iso, lang)
            else:
                text = writer(iso)
            written[(iso, lang)] = text
        return text

    return write


_PARTS = {"2033": "{year}", "33": "{year2:02d}", "01": "{month:02d}", "1": "{month}",
          "02": "{day:02d}", "2": "{day}"}


def day_writer(samples: Any) -> Callable[[str], str] | None:
    """A writer of ISO dates as a language writes :data:`eventflow.index.cachefile.DAY_SAMPLES`
    (``samples``: ``["2.1.2033", "28.11.2027"]`` for Finnish), or ``None`` when they do not
    show it plainly (then Babel writes each date)."""
    import re

    from .index.cachefile import DAY_SAMPLES

    if not (isinstance(samples, list) and len(samples) == len(DAY_SAMPLES)
            and all(isinstance(s, str) for s in samples)):
        return None
    parts = re.split(r"(\d+)", samples[0])
    fields = [_PARTS.get(p) if n % 2 else p.replace("{", "{{").replace("}", "}}")
              for n, p in enumerate(parts)]
    if None in fields:
        return None
    template = "".join(str(f) for f in fields)

    def write(iso: str) -> str:
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
        return template.format(year=year, year2=year % 100, month=month, day=day)

    if any(write(iso) != sample for iso, sample in zip(DAY_SAMPLES, samples, strict=True)):
        return None
    return write


def _flush(warnings: list[str]) -> None:
    """Each warning once, as :func:`eventflow.cli.flush_warnings` prints an engine's."""
    for warning in dict.fromkeys(warnings):
        text = clean(in_cli_terms(warning))  # the library's words, and the CLI's way to act
        click.secho(_("warning: {message}").format(message=text), err=True, fg="yellow")


def _unassigned_warnings(unassigned: list[dict[str, Any]], path: Path | str) -> list[str]:
    """One warning per owner role that names nobody in the directory."""
    nobody: dict[str, list[dict[str, Any]]] = {}
    for row in unassigned:
        nobody.setdefault(row["owner"], []).append(row)
    return [_("role '{role}' names nobody: {n} item(s) due in {events} event(s) remind no one "
              "(e.g. {event} {item}); add {role} = \"Name <address>\" under [owners] in "
              "{path}").format(role=role, n=len(rows), events=len({r["event"] for r in rows}),
                               event=rows[0]["event"], item=rows[0]["item"], path=path)
            for role, rows in sorted(nobody.items())]


def _print_reminders(summary: dict[str, Any], days: int, send: bool, folder: str) -> None:
    """What ``remind`` prints (:func:`eventflow.index.reminders.reminder_lines`), then the
    messages whose delivery is unknown."""
    for line in reminder_lines(summary, days, send, folder):
        click.echo(line)
    for line in _unknown_lines(summary["unknown"]):
        click.secho(clean(line), err=True, fg="yellow")


@click.command("send", cls=TranslatedCommand)
@event_argument
@click.option("--to-file", "to_file", type=click.Path(dir_okay=False, exists=True),
              default=None, help="A CSV list of recipients (columns: email, and optionally "
              "name, group) instead of the drafts' distribution lists.")
@click.option("--dry-run", is_flag=True,
              help="Only write the messages to .eventflow/outbox/ for review.")
@click.option("--retry-unknown", is_flag=True,
              help="Send again the invitations whose delivery was interrupted.")
@json_option
@click.pass_context
def invitation_send(ctx: click.Context, event: str, to_file: str | None, dry_run: bool,
                    retry_unknown: bool, as_json: bool) -> None:
    """Send the invitation drafts by e-mail and record that the invitation was sent.

    Sends the drafts made by `eventflow outputs EVENT --stage invitations`, one message
    per address; each address gets the invitation once, however often this runs. When
    every address has it, records `invitation sent` (as `eventflow invitation sent`).

    \b
    Example:
        eventflow invitation send pirkanmaa --to-file invitees.csv
    """
    from pathlib import Path

    from .invite import plan_invitations, record_sent
    from .mail import SentLog, deliver, require_settings, write_outbox
    from .people import read_directory

    eng = engine(ctx)
    root = eng.project.root
    directory = read_directory(eng.project)
    if not dry_run:
        require_settings(directory.mail, directory.path)
    log = SentLog(root)
    with log.exclusive() if not dry_run else contextlib.nullcontext():
        result = plan_invitations(eng, directory, event, log.states(),
                                  Path(to_file) if to_file else None, retry_unknown)
        event_id = result.event.id
        if not result.messages and not result.already_sent and not result.unknown:
            raise click.ClickException(_(
                "{event}: nobody to invite: the drafts have no addresses (set "
                "distribution_lists under [plugins.\"eventflow.default_plugins.outputs\"] "
                "and make the drafts again) and no --to-file was given").format(
                    event=event_id))
        folder = write_outbox(root, result.messages, f"invitation-{event_id}")
        delivery = None
        if not dry_run and result.messages:
            delivery = deliver(result.messages, directory.mail, log, directory.path)
            for out in delivery.sent:
                os.unlink(out.file)
    complete = not dry_run and not result.unknown and (
        delivery is None or not (delivery.failed or delivery.unknown))
    recorded = None
    if complete and result.record:
        outcome = record_sent(eng, event_id, today())
        recorded = outcome.event.invitation.sent_at
        eng.warnings.extend(outcome.warnings)
    flush_warnings(eng)
    if as_json:
        emit_json({"event": event_id, "dry_run": dry_run, "outbox": str(folder),
                   "messages": [_message_json(o) for o in result.messages],
                   "already_sent": result.already_sent, "unknown": result.unknown,
                   "groups_without_addresses": result.without_addresses,
                   "recorded": recorded.isoformat() if recorded else None})
    else:
        _print_invitations(result, dry_run, folder, recorded)
    _finish(delivery, "invitation(s)")


def _print_invitations(result: InvitationPlan, dry_run: bool, folder: Path,
                       recorded: date | None) -> None:
    """One line per message, then what was skipped, left unknown or recorded."""
    event_id = result.event.id
    for out in result.messages:
        click.echo(clean(f"{out.status:<8} {out.message['To']}"
                         + (f"  ({out.error})" if out.error else "")))
    if dry_run:
        click.echo(_("{n} message(s) in {folder}; review them, then run again without "
                     "--dry-run").format(n=len(result.messages), folder=folder))
    if result.already_sent:
        click.echo(_("{n} address(es) already had the invitation").format(
            n=result.already_sent))
    for group in result.without_addresses:
        click.secho(_("warning: no addresses for target group '{group}'").format(
            group=group), err=True, fg="yellow")
    for line in _unknown_lines(result.unknown):
        click.secho(clean(line), err=True, fg="yellow")
    if recorded:
        from .i18n import language
        from .present import day

        click.echo(_("{event}: invitation sent {date}").format(
            event=event_id, date=day(recorded, language())))


def attach(cli: click.Group) -> None:
    cli.add_command(remind)


def attach_invitation(invitation: click.Group) -> None:
    """Add ``invitation send`` to the ``invitation`` group."""
    invitation.add_command(invitation_send)
