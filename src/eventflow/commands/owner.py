"""`eventflow owner …`: who holds an owner role for one event (``[owners]`` of its event
file), instead of the people ``eventflow.toml`` names for the whole folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup, clean, emit_json, engine, flush_warnings
from ..errors import InvalidInput
from ..i18n import _
from ..suggest import did_you_mean
from ._common import LINE, change

if TYPE_CHECKING:
    from ..engine import Engine
    from ..event import Event
    from ..workflow import Workflow


@click.group(cls=SuggestingGroup)
def owner() -> None:
    """Who holds an owner role for one event (reminders go to them).

    Every item of a workflow names an owner role (organiser, venue_lead …); eventflow.toml
    says who holds each role for the whole folder ([owners]). These commands name other
    people for one event; `eventflow remind` then reminds them of that event's items.

    \b
    Example:
        eventflow owner set pirkanmaa venue_lead "Jussi Mäki <jussi.maki@example.fi>"
        eventflow owner list pirkanmaa
    """


def roles_of(workflow: Workflow) -> dict[str, list[str]]:
    """Each owner role the workflow's items name, with those items."""
    found: dict[str, list[str]] = {}
    for item in workflow.items():
        if item.owner:
            found.setdefault(item.owner, []).append(item.id)
    return found


def check_role(eng: Engine, ev: Event, role: str) -> str:
    """``role`` if the event's workflow names it; else an error naming the roles, and the
    role to give when ``role`` is an item or a stage."""

    workflow = eng.workflow_for(ev)
    roles = roles_of(workflow)
    if role in roles:
        return role
    listed = ", ".join(sorted(roles))
    items = {item.id: item for item in workflow.items()}
    if role in items:
        held = items[role].owner
        raise InvalidInput(_("'{role}' is an item, not an owner role; its owner is the role "
                             "'{held}': `eventflow owner set {event} {held} PERSON` (roles are "
                             "set per event, for all their items)").format(
                                 role=role, held=held, event=ev.id))
    if role in workflow.stage_ids:
        owners = sorted({i.owner for i in workflow.items() if i.stage == role and i.owner})
        raise InvalidInput(_("'{role}' is a stage, not an owner role; its items are owned by "
                             "{held}: set one of those, e.g. `eventflow owner set {event} "
                             "{first} PERSON`").format(role=role, held=", ".join(owners),
                                                       event=ev.id, first=owners[0] if owners
                                                       else "ROLE"))
    raise InvalidInput(_("workflow {workflow} names no owner role '{role}'{hint}; roles: "
                         "{roles}").format(workflow=workflow.id, role=role, roles=listed,
                                           hint=did_you_mean(role, roles)))


@owner.command("set")
@click.argument("event", metavar="EVENT")
@click.argument("role", metavar="ROLE", type=LINE)
@click.argument("people", metavar="PERSON...", nargs=-1, required=True, type=LINE)
@click.pass_context
def owner_set(ctx: click.Context, event: str, role: str, people: tuple[str, ...]) -> None:
    """Name the people who hold ROLE for EVENT (replacing any named before for it).

    A PERSON is "Name <address>", an address, or the name or address of someone
    eventflow.toml already lists under [owners] or [people].

    \b
    Example:
        eventflow owner set pirkanmaa venue_lead "Jussi Mäki <jussi.maki@example.fi>"
        eventflow owner set pirkanmaa partner "Leena Koski" anna.berg@example.fi
    """
    from ..people import find_person, read_directory

    eng = engine(ctx)
    ev = eng.load(event)
    check_role(eng, ev, role)
    directory = read_directory(eng.project)
    mailboxes = list(dict.fromkeys(find_person(directory, p, f"owners.{role}").mailbox
                                   for p in people))

    def mutate(draft: Event) -> None:
        draft.owners = {**draft.owners, role: mailboxes}

    change(ctx, ev.id, "owner.set", mutate, {"role": role, "people": mailboxes},
           f"{role}: {', '.join(mailboxes)}")


@owner.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("role", metavar="ROLE", type=LINE)
@click.argument("person", metavar="[PERSON]", required=False, type=LINE)
@click.pass_context
def owner_remove(ctx: click.Context, event: str, role: str, person: str | None) -> None:
    """Remove PERSON from ROLE for EVENT; without PERSON, remove every person the event
    names for ROLE (the folder's people in eventflow.toml hold it again).

    \b
    Example:
        eventflow owner remove pirkanmaa partner anna.berg@example.fi
        eventflow owner remove pirkanmaa venue_lead
    """
    from ..people import parse_address

    eng = engine(ctx)
    ev = eng.load(event)
    if role not in ev.owners:
        check_role(eng, ev, role)
        raise InvalidInput(_("{event} names nobody of its own for '{role}' (the folder's "
                             "[owners] hold it); `eventflow owner list {event}` shows who "
                             "does").format(event=ev.id, role=role))
    kept = list(ev.owners[role])
    if person is not None:
        wanted = person.strip().casefold()

        def matches(text: str) -> bool:
            name, address = parse_address(text, eng.project.event_path(ev.id), f"owners.{role}")
            return wanted in (address.casefold(), name.casefold(), text.casefold())

        left = [text for text in kept if not matches(text)]
        if len(left) == len(kept):
            raise InvalidInput(_("{event} does not name '{person}' for '{role}'; it names "
                                 "{people}").format(event=ev.id, person=person, role=role,
                                                    people=", ".join(kept)))
        kept = left
    else:
        kept = []

    def mutate(draft: Event) -> None:
        owners = dict(draft.owners)
        if kept:
            owners[role] = kept
        else:
            owners.pop(role, None)
        draft.owners = owners

    message = (f"{role}: {', '.join(kept)}" if kept
               else _("{role}: the folder's people (eventflow.toml)").format(role=role))
    change(ctx, ev.id, "owner.remove", mutate, {"role": role, "person": person}, message)


@owner.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def owner_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """List each owner role of EVENT's workflow and who holds it: the event's own people,
    else the folder's (eventflow.toml), else nobody.

    \b
    Example:
        eventflow owner list pirkanmaa
    """
    from ..people import read_directory

    eng = engine(ctx)
    ev = eng.load(event)
    directory = read_directory(eng.project)
    rows: list[dict[str, Any]] = []
    roles = roles_of(eng.workflow_for(ev))
    for role in sorted({*roles, *ev.owners}):
        people = directory.owners(role, ev)
        rows.append({"role": role, "from": "event" if role in ev.owners else
                     "folder" if people else None,
                     "people": [p.mailbox for p in people], "items": roles.get(role, [])})
    flush_warnings(eng)
    if as_json:
        emit_json({"id": ev.id, "roles": rows})
        return
    for row in rows:
        who = ", ".join(row["people"]) or _("nobody: add it under [owners] in {path} or "
                                              "`eventflow owner set {event} {role} PERSON`"
                                              ).format(path=directory.path, event=ev.id,
                                                       role=row["role"])
        where = {"event": _("(this event)"), "folder": "", None: ""}[row["from"]]
        click.echo(clean(f"{row['role']:<16} {who} {where}".rstrip()))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(owner)
