"""Commands that send mail: ``remind`` and ``invitation send`` (attached to the ``invitation``
group by commands_data)."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .mail import Delivery, Outgoing


def _unknown_lines(unknown: list[dict[str, Any]]) -> list[str]:
    return [f"unknown: {u['to']} {u.get('event', '')} {u.get('item', u.get('group', ''))} "
            f"(Message-ID {u['message_id']}, handed over {u['at']}): eventflow stopped before "
            "the server answered; look for it in the mailbox, or send it again with "
            "--retry-unknown" for u in unknown]


def _finish(delivery: Delivery | None, what: str) -> None:
    """Exit 1 with a clear message when anything was not delivered."""
    if delivery is None or not (delivery.failed or delivery.unknown or delivery.stopped):
        return
    lines = [(f"{len(delivery.sent)} {what} sent, {len(delivery.failed)} refused, "
              f"{len(delivery.unknown)} unknown")]
    lines += [f"  {o.to}: {o.error}" for o in delivery.failed + delivery.unknown]
    if delivery.stopped:
        lines.append(f"  stopped: {delivery.stopped}")
    lines.append("Nothing refused was recorded as sent; run the command again to deliver what "
                 "is missing (what was accepted is not sent again).")
    raise click.ClickException("\n".join(lines))


def _message_json(out: Outgoing) -> dict[str, Any]:
    return {"to": str(out.message["To"]), "address": out.to, "subject": str(out.message["Subject"]),
            "message_id": out.message_id, "file": out.file or None, "status": out.status,
            "error": out.error or None}


def attach(cli: click.Group) -> None:
    from .cli import clean, emit_json, engine, flush_warnings, json_option, today

    @cli.command("remind")
    @click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3650),
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
        from .index import entries
        from .mail import SentLog, deliver, require_settings, write_outbox
        from .people import read_directory
        from .remind import plan

        eng = engine(ctx)
        root = eng.project.root
        directory = read_directory(eng.project)
        if send:
            require_settings(directory.mail, directory.path)
        log = SentLog(root)
        day = today()
        with log.exclusive() if send else contextlib.nullcontext():
            # what is due: the status index's derived verdict data (fresh: changed events
            # are judged again), not a verdict on every event
            result = plan(eng, directory, day, days, log.states(), retry_unknown,
                          entries(eng, day))
            folder = write_outbox(root, result.messages, "remind")
            delivery = None
            if send and result.messages:
                delivery = deliver(result.messages, directory.mail, log, directory.path)
                for out in delivery.sent:
                    os.unlink(out.file)
        nobody: dict[str, list[dict[str, Any]]] = {}
        for row in result.unassigned:
            nobody.setdefault(row["owner"], []).append(row)
        for role, rows in sorted(nobody.items()):
            events = len({r["event"] for r in rows})
            eng.warnings.append(
                f"role '{role}' names nobody: {len(rows)} item(s) due in {events} event(s) "
                f"remind no one (e.g. {rows[0]['event']} {rows[0]['item']}); add {role} = "
                f"\"Name <address>\" under [owners] in {directory.path}")
        flush_warnings(eng)
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
            for out in result.messages:
                items = result.items[out.to]
                late = sum(1 for d in items if d.overdue)
                state = {"written": "written", "sent": "sent", "failed": "REFUSED",
                         "unknown": "UNKNOWN"}[out.status]
                click.echo(clean(f"{state:<8} {result.people[out.to].mailbox}: {len(items)} "
                                 f"item(s), {late} overdue"
                                 + (f"  ({out.error})" if out.error else "")))
            if not result.messages:
                click.echo(f"no reminders to send (items due within {days} days: "
                           f"{result.already_sent} already reminded)")
            elif not send:
                click.echo(f"{len(result.messages)} message(s) in {folder}; review them, then "
                           "run `eventflow remind --send`")
            for line in _unknown_lines(result.unknown):
                click.secho(clean(line), err=True, fg="yellow")
        _finish(delivery, "reminder(s)")


def attach_invitation(invitation: click.Group) -> None:
    """Add ``invitation send`` to the ``invitation`` group."""
    from .cli import clean, emit_json, engine, event_argument, flush_warnings, json_option, today

    @invitation.command("send")
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
                raise click.ClickException(
                    f"{event_id}: nobody to invite: the drafts have no addresses (set "
                    "distribution_lists under [plugins.\"eventflow.default_plugins.outputs\"] "
                    "and make the drafts again) and no --to-file was given")
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
            for out in result.messages:
                click.echo(clean(f"{out.status:<8} {out.message['To']}"
                                 + (f"  ({out.error})" if out.error else "")))
            if dry_run:
                click.echo(f"{len(result.messages)} message(s) in {folder}; review them, then "
                           "run again without --dry-run")
            if result.already_sent:
                click.echo(f"{result.already_sent} address(es) already had the invitation")
            for group in result.without_addresses:
                click.secho(f"warning: no addresses for target group '{group}'", err=True,
                            fg="yellow")
            for line in _unknown_lines(result.unknown):
                click.secho(clean(line), err=True, fg="yellow")
            if recorded:
                click.echo(f"{event_id}: invitation sent {recorded}")
        _finish(delivery, "invitation(s)")
