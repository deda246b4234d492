"""`eventflow organiser …`: the organising team, including people from the target group."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup, clean, emit_json, engine
from ..errors import InvalidInput
from ..i18n import _
from ..vocab import TARGET_GROUPS
from ._common import LINE, change, need_some

if TYPE_CHECKING:
    from ..event import Event

TARGET_GROUP_CHOICE = click.Choice(TARGET_GROUPS)


def find_organiser(ev: Event, key: str) -> Any:
    """An organiser by number in the list (1, 2, …) or by name."""

    if key.isdigit() and 1 <= int(key) <= len(ev.organisers):
        return ev.organisers[int(key) - 1]
    matches = [o for o in ev.organisers if o.name.casefold() == key.casefold()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(f"{n} ({o.name})" for n, o in enumerate(ev.organisers, 1)) or _("none yet")
    raise InvalidInput(_("{event} has no organiser '{key}'; organisers: {known}").format(
        event=ev.id, key=key, known=known))


@click.group(cls=SuggestingGroup)
def organiser() -> None:
    """People who organise, including people from the target group.

    \b
    Example:
        eventflow organiser add pirkanmaa "Amina Yusuf" --target-group ngo
    """


@organiser.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("name", type=LINE)
@click.option("--organisation", type=LINE, default="", help="The person's organisation.")
@click.option("--target-group", type=TARGET_GROUP_CHOICE, default=None,
              help="The target group the person belongs to, if any.")
@click.pass_context
def organiser_add(ctx: click.Context, event: str, name: str, organisation: str,
                  target_group: str | None) -> None:
    """Add a member of the organising team.

    \b
    Example:
        eventflow organiser add pirkanmaa "Amina Yusuf" --organisation "Moniheli" \\
            --target-group ngo
    """
    from ..event import Organiser

    def mutate(ev: Event) -> None:
        ev.organisers.append(Organiser(name=name, organisation=organisation,
                                       target_group=target_group or ""))

    change(ctx, event, "organiser.add", mutate, {"name": name},
           _("organiser {name} added").format(name=name))


@organiser.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("who", metavar="ORGANISER")
@click.option("--name", type=LINE, default=None, help="New name.")
@click.option("--organisation", type=LINE, default=None, help="The person's organisation.")
@click.option("--target-group", type=click.Choice([*TARGET_GROUPS, "none"]), default=None,
              help="The target group the person belongs to ('none' clears it).")
@click.pass_context
def organiser_edit(ctx: click.Context, event: str, who: str, name: str | None,
                   organisation: str | None, target_group: str | None) -> None:
    """Correct an organiser (by number in `organiser list` or by name).

    \b
    Example:
        eventflow organiser edit pirkanmaa "Amina Yusuf" --organisation "Moniheli ry"
    """
    need_some({"name": name, "organisation": organisation, "target_group": target_group},
              "--name, --organisation, --target-group")
    if name == "":
        raise click.BadParameter(_("an organiser needs a name"), param_hint="--name")

    def mutate(ev: Event) -> None:
        found = find_organiser(ev, who)
        if name is not None:
            found.name = name
        if organisation is not None:
            found.organisation = organisation
        if target_group is not None:
            found.target_group = "" if target_group == "none" else target_group

    change(ctx, event, "organiser.edit", mutate, {"organiser": who},
           _("organiser {name} updated").format(name=who))


@organiser.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("who", metavar="ORGANISER")
@click.pass_context
def organiser_remove(ctx: click.Context, event: str, who: str) -> None:
    """Remove an organiser (by number in `organiser list` or by name).

    \b
    Example:
        eventflow organiser remove pirkanmaa 2
    """
    def mutate(ev: Event) -> None:
        ev.organisers.remove(find_organiser(ev, who))

    change(ctx, event, "organiser.remove", mutate, {"organiser": who},
           _("organiser {name} removed").format(name=who))


@organiser.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def organiser_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """List the organising team, numbered.

    \b
    Example:
        eventflow organiser list pirkanmaa
    """
    import msgspec

    ev = engine(ctx).load(event)
    if as_json:
        emit_json({"id": ev.id, "organisers": msgspec.to_builtins(ev.organisers)})
        return
    for n, o in enumerate(ev.organisers, 1):
        extra = ", ".join(v for v in (o.organisation, o.target_group) if v)
        click.echo(clean(f"{n:<3} {o.name}" + (f" ({extra})" if extra else "")))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(organiser)
