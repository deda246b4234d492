"""`eventflow venue set`: the venue's name, address, capacity, contact and accessibility."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup
from ..i18n import _
from ._common import LINE, change

if TYPE_CHECKING:
    from ..event import Event


@click.group(cls=SuggestingGroup)
def venue() -> None:
    """The venue: name, address, capacity, accessibility.

    \b
    Example:
        eventflow venue set pirkanmaa --name "Tampere-talo" --capacity 120
    """


@venue.command("set")
@click.argument("event", metavar="EVENT")
@click.option("--name", type=LINE, default=None, help="Venue name.")
@click.option("--address", default=None, help="Street address.")
@click.option("--capacity", type=click.IntRange(0), default=None, help="Seats.")
@click.option("--contact", type=LINE, default=None, help="Venue contact person.")
@click.option("--accessibility", default=None,
              help="Comma-separated features: step_free, hearing_loop, accessible_toilet, "
                   "lift, quiet_room …")
@click.pass_context
def venue_set(ctx: click.Context, event: str, **fields: Any) -> None:
    """Set or correct venue details (only the options given change; "" clears a text).

    \b
    Example:
        eventflow venue set pirkanmaa --address "Yliopistonkatu 55, Tampere" \\
            --accessibility step_free,hearing_loop
    """
    given = {k: v for k, v in fields.items() if v is not None}
    if not given:
        raise click.UsageError(_("give at least one of --name, --address, --capacity, "
                                 "--contact, --accessibility"))
    if "accessibility" in given:
        given["accessibility"] = [a.strip() for a in given["accessibility"].split(",")
                                  if a.strip()]

    def mutate(ev: Event) -> None:
        for key, value in given.items():
            setattr(ev.venue, key, value)

    change(ctx, event, "venue.set", mutate, {"fields": sorted(given)}, "venue updated")


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(venue)
