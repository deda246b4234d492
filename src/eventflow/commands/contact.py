"""`eventflow contact …`: the event's contact person, named on invitations, letters and
e-mails."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..cli import SuggestingGroup, clean, emit_json, engine
from ..i18n import _
from ._common import LINE, apply_contact, change, check_email, need_some

if TYPE_CHECKING:
    from ..event import Event


@click.group(cls=SuggestingGroup)
def contact() -> None:
    """The event's contact person: name, e-mail, phone.

    \b
    Example:
        eventflow contact set pirkanmaa --name "Leena Koski" --email leena.koski@example.fi
    """


@contact.command("set")
@click.argument("event", metavar="EVENT")
@click.option("--name", type=LINE, default=None, help="Contact person's name.")
@click.option("--email", type=LINE, default=None, help="Contact person's e-mail address.")
@click.option("--phone", type=LINE, default=None, help="Contact person's phone number.")
@click.pass_context
def contact_set(ctx: click.Context, event: str, name: str | None, email: str | None,
                phone: str | None) -> None:
    """Set or correct the event's contact person (only the options given change; ""
    clears one).

    \b
    Example:
        eventflow contact set pirkanmaa --name "Leena Koski" \\
            --email leena.koski@example.fi --phone "040 123 4567"
    """
    need_some({"name": name, "email": email, "phone": phone}, "--name, --email, --phone")

    email = check_email(email, "--email")

    def mutate(ev: Event) -> None:
        apply_contact(ev.contact, name, email, phone)

    change(ctx, event, "contact.set", mutate,
           {"fields": sorted(k for k, v in (("name", name), ("email", email), ("phone", phone))
                             if v is not None)}, _("contact person updated"))


@contact.command("clear")
@click.argument("event", metavar="EVENT")
@click.pass_context
def contact_clear(ctx: click.Context, event: str) -> None:
    """Remove the event's contact person.

    \b
    Example:
        eventflow contact clear pirkanmaa
    """
    from ..event import ContactPerson

    def mutate(ev: Event) -> None:
        ev.contact = ContactPerson()

    change(ctx, event, "contact.clear", mutate, {}, "contact person removed")


@contact.command("show")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def contact_show(ctx: click.Context, event: str, as_json: bool) -> None:
    """Print the event's contact person and each partner's.

    \b
    Example:
        eventflow contact show pirkanmaa --json
    """
    import msgspec

    ev = engine(ctx).load(event)
    if as_json:
        emit_json({"id": ev.id, "contact": msgspec.to_builtins(ev.contact),
                   "partners": {p.id: msgspec.to_builtins(p.contact) for p in ev.partners}})
        return
    click.echo(clean(_("event: {contact}").format(contact=ev.contact or "—")))
    for p in ev.partners:
        click.echo(clean(f"{p.id} {p.name}: {p.contact or '—'}"))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(contact)
