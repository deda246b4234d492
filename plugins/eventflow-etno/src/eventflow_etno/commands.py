"""``eventflow etno``: record that the region's ETNO board was invited; name a region's board."""

from __future__ import annotations

import datetime as dt

import click


@click.group()
def etno() -> None:
    """The regional ETNO board: record its invitation, look up a region's board.

    \b
    Example:
        eventflow etno board Pirkanmaa
        eventflow etno invited pirkanmaa --on 2027-01-15
    """


@etno.command()
@click.argument("region")
def board(region: str) -> None:
    """Print the ETNO board of a region (Finnish, Swedish or English name).

    \b
    Example:
        eventflow etno board Birkaland
    """
    from . import board_for

    name = board_for(region)
    if name is None:
        raise click.BadParameter(f"'{region}' is not one of Finland's 19 regions",
                                 param_hint="REGION")
    click.echo(name or f"{region} has no regional ETNO board")


@etno.command()
@click.argument("event", metavar="EVENT")
@click.option("--on", "on", default=None, help="The day the invitation was sent, YYYY-MM-DD "
              "(default: today).")
@click.option("--board", "board_name", default=None,
              help="The board invited (default: the board of the event's region).")
@click.pass_context
def invited(ctx: click.Context, event: str, on: str | None, board_name: str | None) -> None:
    """Record that the regional ETNO board was invited to EVENT.

    \b
    Example:
        eventflow etno invited pirkanmaa --on 2027-01-15
    """
    from eventflow import engine_for

    from . import PLUGIN, board_for

    try:
        day = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"'{on}' is not a date; write YYYY-MM-DD",
                                 param_hint="--on") from None
    eng = engine_for(ctx)
    ev = eng.load(event)
    name = board_name or board_for(ev.region)
    if not name:
        raise click.ClickException(f"{ev.region} has no regional ETNO board; name the board "
                                   "with --board")

    def record(e: object) -> None:
        e.ext[PLUGIN] = {**e.ext.get(PLUGIN, {}), "invited": name,  # type: ignore[attr-defined]
                         "invited_on": day.isoformat()}

    outcome = eng.change(ev.id, "etno.invited", record, {"board": name, "on": day.isoformat()})
    click.echo(f"{outcome.event.id}: {name} invited on {day}")
