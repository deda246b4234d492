"""`eventflow calendar`: one .ics of every open due date across events, to subscribe to."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import TranslatedCommand, engine, flush_warnings
from .i18n import _


@click.command(cls=TranslatedCommand)
@click.option("--owner", default=None, metavar="ROLE",
              help="Only items this role owns (organiser, partner, programme_lead, …).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the calendar to FILE (default: print it).")
@click.pass_context
def calendar(ctx: click.Context, owner: str | None, output: Path | None) -> None:
    """Write one calendar (.ics) of every open due date across events.

    Each due date is an all-day entry with reminders a week and a day before; ticked and
    waived items and done or cancelled events are left out. Entries keep their UID when
    an event is rescheduled (SEQUENCE goes up), so a calendar that subscribes to the
    file moves them.

    \b
    Example:
        eventflow calendar -o due.ics
        eventflow calendar --owner communications -o communications.ics
    """
    from .outputs.duecalendar import due_calendar, due_entries
    from .workflow import OWNER_ROLES

    eng = engine(ctx)
    if owner is not None and owner not in OWNER_ROLES:
        roles = set(OWNER_ROLES) | {e["owner"] for e in due_entries(eng)}
        if owner not in roles:
            raise click.BadParameter(
                _("no item is owned by '{owner}'; roles: {roles}").format(
                    owner=owner, roles=", ".join(sorted(roles))),
                param_hint="--owner")
    data, count = due_calendar(eng, owner, lang=eng.lang)
    flush_warnings(eng)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from .store import atomic_write

    atomic_write(output, data)
    click.echo(_("{n} due date(s) written to {path}").format(n=count, path=output), err=True)


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(calendar)
