"""`eventflow partner …`: partner organisations, their contact persons and the agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..cli import SuggestingGroup, clean, emit_json, engine
from ..errors import InvalidInput
from ..i18n import _
from ..vocab import AGREEMENT_PROSE, AGREEMENT_TOPICS, PARTNER_TYPES
from ._common import (
    LINE,
    apply_contact,
    change,
    contact_options,
    find,
    lang_option,
    need_some,
    next_id,
    set_text,
    text_lang,
)

if TYPE_CHECKING:
    from ..event import Event


@click.group(cls=SuggestingGroup)
def partner() -> None:
    """Partner organisations and the co-organising agreement.

    \b
    Example:
        eventflow partner add pirkanmaa "Pirkanmaan ETNO" --type authority
        eventflow partner agree pirkanmaa cost_sharing "50/50 between the partners"
    """


@partner.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("name", type=LINE)
@click.option("--type", "ptype", type=click.Choice(PARTNER_TYPES), required=True,
              help="authority, ngo, community (religious or other) or employer.")
@click.option("--role", type=LINE, default="co-organiser", show_default=True,
              help="Role in planning.")
@click.option("--contact", type=LINE, default=None,
              help='Contact person as one text, "Name, e-mail" (or use --contact-name …).')
@contact_options
@click.pass_context
def partner_add(ctx: click.Context, event: str, name: str, ptype: str, role: str,
                contact: str | None, contact_name: str | None, contact_email: str | None,
                contact_phone: str | None) -> None:
    """Add a partner organisation and its contact person.

    \b
    Example:
        eventflow partner add pirkanmaa "Monikulttuurinen yhdistys ry" --type ngo \\
            --contact-name "Amir Haddad" --contact-email amir@example.org
    """
    from ..event import Partner, contact_from

    person = contact_from(contact or "")
    apply_contact(person, contact_name, contact_email, contact_phone)
    if not name:
        raise click.BadParameter(_("the name is empty"), param_hint="NAME")

    def mutate(ev: Event) -> dict[str, str]:
        pid = next_id("p", [p.id for p in ev.partners])
        ev.partners.append(Partner(id=pid, name=name, type=ptype,  # type: ignore[arg-type]
                                   role=role, contact=person))
        return {"partner": pid}

    change(ctx, event, "partner.add", mutate, {"name": name, "type": ptype},
           _("partner {name} added").format(name=name))


@partner.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("partner_id", metavar="PARTNER")
@click.option("--name", type=LINE, default=None, help="New name.")
@click.option("--type", "ptype", type=click.Choice(PARTNER_TYPES), default=None,
              help="authority, ngo, community or employer.")
@click.option("--role", type=LINE, default=None, help="Role in planning.")
@contact_options
@click.pass_context
def partner_edit(ctx: click.Context, event: str, partner_id: str, name: str | None,
                 ptype: str | None, role: str | None, contact_name: str | None,
                 contact_email: str | None, contact_phone: str | None) -> None:
    """Correct a partner (by id or name): only the options given change; "" clears one.

    \b
    Example:
        eventflow partner edit pirkanmaa p1 --contact-name "Leena Koski" \\
            --contact-email leena.koski@example.fi --contact-phone "040 123 4567"
    """
    given = {"name": name, "type": ptype, "role": role, "contact_name": contact_name,
             "contact_email": contact_email, "contact_phone": contact_phone}

    need_some(given, "--name, --type, --role, --contact-name, --contact-email, "
                     "--contact-phone")
    if name == "":
        raise click.BadParameter(_("a partner needs a name"), param_hint="--name")

    def mutate(ev: Event) -> dict[str, str]:
        found = find(ev.partners, partner_id, "partner", ev, "eventflow partner list EVENT")
        if name is not None:
            found.name = name
        if ptype is not None:
            found.type = ptype
        if role is not None:
            found.role = role
        apply_contact(found.contact, contact_name, contact_email, contact_phone)
        return {"partner": found.id}

    change(ctx, event, "partner.edit", mutate,
           {"partner": partner_id, "fields": sorted(k for k, v in given.items()
                                                    if v is not None)},
           _("partner {partner} updated").format(partner=partner_id))


@partner.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("partner_id", metavar="PARTNER")
@click.pass_context
def partner_remove(ctx: click.Context, event: str, partner_id: str) -> None:
    """Remove a partner (by id or name).

    \b
    Example:
        eventflow partner remove pirkanmaa p2
    """
    def mutate(ev: Event) -> None:
        ev.partners.remove(find(ev.partners, partner_id, "partner", ev))

    change(ctx, event, "partner.remove", mutate, {"partner": partner_id},
           _("partner {partner} removed").format(partner=partner_id))


@partner.command("agree")
@click.argument("event", metavar="EVENT")
@click.argument("topic", type=click.Choice([*AGREEMENT_TOPICS, "controller_model"]))
@click.argument("text")
@lang_option
@click.pass_context
def partner_agree(ctx: click.Context, event: str, topic: str, text: str,
                  lang: str | None) -> None:
    """Record what was agreed on one topic of the co-organising agreement.

    The six topics: date, venue, cost_sharing, programme, invitations_sender,
    registrations_receiver; and controller_model (joint, controller_processor, single).
    cost_sharing and programme are prose: record them once per language with --lang (each
    language's memo shows its own text; "" removes one language's text). The others are a
    date or a name, the same in every language.

    \b
    Example:
        eventflow partner agree pirkanmaa invitations_sender "Tampereen kaupunki"
        eventflow partner agree pirkanmaa cost_sharing "Kulut jaetaan puoliksi."
        eventflow partner agree pirkanmaa cost_sharing "Kostnaderna delas lika." --lang sv
    """

    prose = topic in AGREEMENT_PROSE
    if lang and not prose:
        raise InvalidInput(_("{topic} is a date or a name, the same in every language; give "
                             "it without --lang (--lang is for {prose})").format(
                                 topic=topic, prose=", ".join(AGREEMENT_PROSE)))

    def mutate(ev: Event) -> dict[str, str]:
        if not prose:
            setattr(ev.agreement, topic, text)
            return {}
        texts = getattr(ev.agreement, topic)
        if not isinstance(texts, dict):  # an older file's one text
            texts = {ev.languages[0] if ev.languages else "fi": texts} if texts else {}
        chosen = text_lang(ev, lang)
        set_text(texts, chosen, text)
        setattr(ev.agreement, topic, texts)
        return {"lang": chosen}

    details: dict[str, str] = {"topic": topic, "text": text}
    if lang:
        details["lang"] = lang
    change(ctx, event, "agree", mutate, details, _("agreed {topic}").format(topic=topic))


@partner.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def partner_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """List partners, their contact persons and the agreement.

    \b
    Example:
        eventflow partner list pirkanmaa --json
    """
    import msgspec

    ev = engine(ctx).load(event)
    data = {"id": ev.id, "host": msgspec.to_builtins(ev.host),
            "partners": [{"id": p.id, "name": p.name, "type": p.type, "role": p.role,
                          "contact": msgspec.to_builtins(p.contact)} for p in ev.partners],
            "agreement": msgspec.to_builtins(ev.agreement)}
    if as_json:
        emit_json(data)
        return
    for p in ev.partners:
        click.echo(clean(f"{p.id:<4} {p.name} ({p.type}, {p.role}) {p.contact}"))
    for topic in [*AGREEMENT_TOPICS, "controller_model"]:
        value = getattr(ev.agreement, topic)
        if isinstance(value, dict):  # prose per language: "fi: …; sv: …"
            value = "; ".join(f"{lang}: {text}" for lang, text in value.items())
        click.echo(clean(f"  {topic:<24} {value or '—'}"))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(partner)
