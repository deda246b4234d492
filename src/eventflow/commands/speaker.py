"""`eventflow speaker …`: speakers, their programme slots, languages and the terms agreed
with them (travel, invoicing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup
from ..i18n import _
from ..params import AMOUNT
from ..vocab import DIMENSIONS, SLOT_KINDS, TARGET_GROUPS
from ._common import (
    LINE,
    apply_contact,
    change,
    check_email,
    check_hhmm,
    edit_record,
    find,
    lang_option,
    languages_option,
    need_some,
    next_id,
    remove_record,
    set_text,
    text_lang,
)

if TYPE_CHECKING:
    from ..event import Event

DIMENSION_CHOICE = click.Choice(DIMENSIONS)


def _common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option("--organisation", type=LINE, default=None,
                     help="Speaker's organisation."),
        click.option("--title", type=LINE, default=None,
                     help="Title of the talk, in the language of --lang."),
        click.option("--start", default=None, help="Start time in the programme, HH:MM."),
        click.option("--minutes", type=click.IntRange(0, 600), default=None,
                     help="Length of the slot."),
        click.option("--fee", type=AMOUNT, default=None, help="Fee in euros: 300, 1 250,50."),
        click.option("--languages", "languages", default=None,
                     help="Languages the speaker speaks in: fi,sv,en."),
        click.option("--email", type=LINE, default=None, help="Speaker's e-mail address."),
        click.option("--phone", type=LINE, default=None, help="Speaker's phone number."),
        click.option("--travel", default=None,
                     help="What was agreed on travel (who books, what is paid), in the "
                          "language of --lang."),
        click.option("--invoicing", default=None,
                     help="How to invoice the fee (to whom, reference, by when), in the "
                          "language of --lang."),
        lang_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _apply(ev: Event, sp: Any, lang: str | None, fields: dict[str, Any]) -> None:
    text = text_lang(ev, lang)
    for key in ("organisation", "fee", "minutes"):
        if fields.get(key) is not None:
            setattr(sp, key, fields[key])
    if fields.get("start") is not None:
        sp.start = fields["start"]
    if fields.get("languages") is not None:
        sp.languages = fields["languages"]
    for key in ("title", "travel", "invoicing"):
        if fields.get(key) is not None:
            set_text(getattr(sp, key), text, fields[key])
    if fields.get("email") is not None or fields.get("phone") is not None:
        apply_contact(sp, None, fields.get("email"), fields.get("phone"))


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    fields["start"] = check_hhmm(fields.get("start"))
    fields["languages"] = languages_option(fields.get("languages"))
    fields["email"] = check_email(fields.get("email"), "--email")
    return fields


def _overlaps(ev: Event, sid: str) -> list[list[str]]:
    from .programme import overlaps, timetable

    return [list(pair) for pair in overlaps(timetable(ev)) if sid in pair]


@click.group(cls=SuggestingGroup)
def speaker() -> None:
    """Speakers and their programme slots.

    \b
    Example:
        eventflow speaker add pirkanmaa "Dr. Laura Niemi" --slot expert_talk --ex-officio
    """


@speaker.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("name", type=LINE)
@click.option("--slot", type=click.Choice(SLOT_KINDS), required=True,
              help="expert_talk, region_talk, comment_talk, panel or showcase.")
@click.option("--target-group", type=click.Choice(TARGET_GROUPS), default=None,
              help="Target group the speaker belongs to (comment talks).")
@click.option("--ex-officio", is_flag=True, help="Speaks as part of their office: no fee.")
@click.option("--confirmed", is_flag=True, help="The speaker has confirmed.")
@click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
              help="A dimension the talk addresses (repeatable).")
@_common_options
@click.pass_context
def speaker_add(ctx: click.Context, event: str, name: str, slot: str,
                target_group: str | None, ex_officio: bool, confirmed: bool,
                dimensions: tuple[str, ...], lang: str | None, **fields: Any) -> None:
    """Add a speaker to the programme.

    \b
    Example:
        eventflow speaker add pirkanmaa "Amina Yusuf" --slot comment_talk \\
            --target-group ngo --start 10:30 --minutes 10 --languages fi,en \\
            --title "Näkökulma järjestöistä" --lang fi
    """
    from ..event import Speaker

    fields = _checked(fields)
    if not name:
        raise click.BadParameter(_("the name is empty"), param_hint="NAME")

    def mutate(ev: Event) -> dict[str, Any]:
        sid = next_id("s", [s.id for s in ev.speakers])
        sp = Speaker(id=sid, name=name, slot=slot,  # type: ignore[arg-type]
                     target_group=target_group or "", ex_officio=ex_officio,
                     confirmed=confirmed, dimensions=list(dimensions))  # type: ignore[arg-type]
        _apply(ev, sp, lang, fields)
        ev.speakers.append(sp)
        return {"speaker": sid, "overlaps": _overlaps(ev, sid)}

    change(ctx, event, "speaker.add", mutate, {"name": name, "slot": slot},
           _("speaker {name} added ({slot})").format(name=name, slot=slot))


@speaker.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("speaker_id", metavar="SPEAKER")
@click.option("--name", type=LINE, default=None, help="New name.")
@click.option("--slot", type=click.Choice(SLOT_KINDS), default=None,
              help="expert_talk, region_talk, comment_talk, panel or showcase.")
@click.option("--target-group", type=click.Choice([*TARGET_GROUPS, "none"]), default=None,
              help="Target group the speaker belongs to ('none' clears it).")
@click.option("--ex-officio/--not-ex-officio", default=None,
              help="Speaks as part of their office (no fee), or not.")
@click.option("--confirmed/--not-confirmed", default=None, help="Has confirmed, or not.")
@click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
              help="Replace the dimensions the talk addresses (repeatable).")
@_common_options
@click.pass_context
def speaker_edit(ctx: click.Context, event: str, speaker_id: str, name: str | None,
                 slot: str | None, target_group: str | None, ex_officio: bool | None,
                 confirmed: bool | None, dimensions: tuple[str, ...], lang: str | None,
                 **fields: Any) -> None:
    """Correct a speaker (by id or name): only the options given change; "" clears a text.

    \b
    Example:
        eventflow speaker edit pirkanmaa s2 --title "Alueen väestösuhteet" --lang fi
        eventflow speaker edit pirkanmaa s2 --title "Befolkningsrelationerna" --lang sv
        eventflow speaker edit pirkanmaa s1 --travel "Junaliput maksaa järjestäjä" \\
            --invoicing "Lasku Tampereen kaupungille, viite 1234"
    """
    need_some({"name": name, "slot": slot, "target_group": target_group,
               "ex_officio": ex_officio, "confirmed": confirmed, "dimensions": dimensions,
               **fields}, "--name, --slot, --title, --start, --minutes, --fee, --languages, "
                          "--travel, --invoicing, … (see --help)")
    if name == "":
        raise click.BadParameter(_("a speaker needs a name"), param_hint="--name")
    fields = _checked(fields)

    def then(ev: Event, sp: Any) -> dict[str, Any]:
        _apply(ev, sp, lang, fields)
        return {"speaker": sp.id, "overlaps": _overlaps(ev, sp.id)}

    edit_record(ctx, event, "speaker.edit",
                lambda ev: find(ev.speakers, speaker_id, "speaker", ev,
                                "eventflow programme list EVENT"),
                {"speaker": speaker_id}, _("speaker {speaker} updated").format(speaker=speaker_id),
                values={"name": name, "slot": slot, "ex_officio": ex_officio,
                        "target_group": "" if target_group == "none" else target_group,
                        "confirmed": confirmed, "dimensions": list(dimensions) or None},
                then=then)


@speaker.command("confirm")
@click.argument("event", metavar="EVENT")
@click.argument("speaker_id", metavar="SPEAKER")
@click.pass_context
def speaker_confirm(ctx: click.Context, event: str, speaker_id: str) -> None:
    """Mark a speaker confirmed (by id or name).

    \b
    Example:
        eventflow speaker confirm pirkanmaa s1
    """
    edit_record(ctx, event, "speaker.confirm",
                lambda ev: find(ev.speakers, speaker_id, "speaker", ev),
                {"speaker": speaker_id}, _("{speaker} confirmed").format(speaker=speaker_id),
                values={"confirmed": True})


@speaker.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("speaker_id", metavar="SPEAKER")
@click.pass_context
def speaker_remove(ctx: click.Context, event: str, speaker_id: str) -> None:
    """Remove a speaker.

    \b
    Example:
        eventflow speaker remove pirkanmaa s3
    """
    remove_record(ctx, event, "speaker.remove", lambda ev: ev.speakers,
                  lambda ev: find(ev.speakers, speaker_id, "speaker", ev),
                  {"speaker": speaker_id}, _("{speaker} removed").format(speaker=speaker_id))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(speaker)
