"""`eventflow cost …`: budget lines and how each is split between the parties."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..cli import SuggestingGroup, clean, emit_json, engine
from ..i18n import _
from ..params import AMOUNT
from ..vocab import COST_CATEGORIES
from ._common import LINE, change, find, need_some, next_id, parse_split

if TYPE_CHECKING:
    from ..event import Event


@click.group(cls=SuggestingGroup)
def cost() -> None:
    """Budget lines and how each is split between the partners.

    \b
    Example:
        eventflow cost add pirkanmaa --category venue --amount 800 --split host=50,p1=50
    """


@cost.command("add")
@click.argument("event", metavar="EVENT")
@click.option("--category", type=click.Choice(COST_CATEGORIES), required=True,
              help="venue, catering, speaker_fee, travel or other.")
@click.option("--amount", type=AMOUNT, required=True, help="Euros: 800, 2 250,50.")
@click.option("--description", type=LINE, default="", help="What the line is for.")
@click.option("--split", default="", help="Shares in percent: host=50,p1=50 (partner ids "
                                           "from `partner list`).")
@click.pass_context
def cost_add(ctx: click.Context, event: str, category: str, amount: float,
             description: str, split: str) -> None:
    """Add a budget line.

    \b
    Example:
        eventflow cost add pirkanmaa --category catering --amount 600 --split host=100
    """
    from ..event import Cost

    shares = parse_split(split)

    def mutate(ev: Event) -> dict[str, str]:
        cid = next_id("c", [c.id for c in ev.costs])
        ev.costs.append(Cost(id=cid, category=category,  # type: ignore[arg-type]
                             amount=amount, description=description, split=shares))
        return {"cost": cid}

    change(ctx, event, "cost.add", mutate, {"category": category, "amount": amount},
           _("{category} {amount} € added").format(category=category, amount=f"{amount:g}"))


@cost.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("cost_id", metavar="COST")
@click.option("--category", type=click.Choice(COST_CATEGORIES), default=None,
              help="venue, catering, speaker_fee, travel or other.")
@click.option("--amount", type=AMOUNT, default=None, help="Euros: 800, 2 250,50.")
@click.option("--description", type=LINE, default=None, help="What the line is for.")
@click.option("--split", default=None, help="Shares in percent: host=50,p1=50.")
@click.pass_context
def cost_edit(ctx: click.Context, event: str, cost_id: str, category: str | None,
              amount: float | None, description: str | None, split: str | None) -> None:
    """Correct a budget line: only the options given change.

    \b
    Example:
        eventflow cost edit pirkanmaa c2 --amount 950 --description "Lunch and coffee"
    """
    need_some({"category": category, "amount": amount, "description": description,
               "split": split}, "--category, --amount, --description, --split")
    shares = parse_split(split) if split is not None else None

    def mutate(ev: Event) -> None:
        line = find(ev.costs, cost_id, "budget line", ev, "eventflow status EVENT")
        if category is not None:
            line.category = category
        if amount is not None:
            line.amount = amount
        if description is not None:
            line.description = description
        if shares is not None:
            line.split = shares

    change(ctx, event, "cost.edit", mutate, {"cost": cost_id},
           _("{cost} updated").format(cost=cost_id))


@cost.command("split")
@click.argument("event", metavar="EVENT")
@click.argument("cost_id", metavar="COST")
@click.argument("split")
@click.pass_context
def cost_split(ctx: click.Context, event: str, cost_id: str, split: str) -> None:
    """Set how one budget line is split.

    \b
    Example:
        eventflow cost split pirkanmaa c1 host=60,p1=40
    """
    shares = parse_split(split)

    def mutate(ev: Event) -> None:
        find(ev.costs, cost_id, "budget line", ev).split = shares

    change(ctx, event, "cost.split", mutate, {"cost": cost_id, "split": shares},
           _("{cost} split {split}").format(cost=cost_id, split=split))


@cost.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("cost_id", metavar="COST")
@click.pass_context
def cost_remove(ctx: click.Context, event: str, cost_id: str) -> None:
    """Remove a budget line.

    \b
    Example:
        eventflow cost remove pirkanmaa c3
    """
    def mutate(ev: Event) -> None:
        ev.costs.remove(find(ev.costs, cost_id, "budget line", ev))

    change(ctx, event, "cost.remove", mutate, {"cost": cost_id},
           _("{cost} removed").format(cost=cost_id))


@cost.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def cost_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """List the budget lines with their ids.

    \b
    Example:
        eventflow cost list pirkanmaa
    """
    import msgspec

    ev = engine(ctx).load(event)
    if as_json:
        emit_json({"id": ev.id, "costs": msgspec.to_builtins(ev.costs)})
        return
    for c in ev.costs:
        split = ",".join(f"{k}={v:g}" for k, v in c.split.items()) or _("not split")
        click.echo(clean(f"{c.id:<4} {c.category:<12} {c.amount:>10.2f} € {split} "
                         f"{c.description}"))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(cost)
