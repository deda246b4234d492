"""`eventflow panel …`: panelists, questions tagged by dimension, format, moderator and when
the questions were sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup, clean, emit_json, engine, today
from ..errors import InvalidInput
from ..i18n import _, language
from ..params import DATE
from ..present import local_moment
from ..vocab import DIMENSIONS
from ._common import (
    LINE,
    DefaultGroup,
    change,
    check_email,
    edit_record,
    find,
    lang_option,
    need_some,
    next_id,
    remove_record,
    text_lang,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..event import Event

DIMENSION_CHOICE = click.Choice(DIMENSIONS)
ROLE_HELP = ("e.g. municipal employee, councillor, police, media, entrepreneur, NGO worker, "
             "community representative (translated in the documents), or a text of your own "
             "in the language of --lang.")


def find_question(ev: Event, key: str) -> Any:
    """The panel question ``key`` (its number, from 1) of ``ev``. Raises InvalidInput naming the
    numbers there are."""

    if key.isdigit() and 1 <= int(key) <= len(ev.panel.questions):
        return ev.panel.questions[int(key) - 1]
    known = ", ".join(str(n) for n in range(1, len(ev.panel.questions) + 1)) or _("none yet")
    raise InvalidInput(_("{event} has no panel question '{key}'; give its number ({known}); "
                         "see `eventflow panel list EVENT`").format(event=ev.id, key=key,
                                                                    known=known))


@click.group(cls=SuggestingGroup)
def panel() -> None:
    """The panel: panelists, questions tagged by dimension, when they were sent.

    \b
    Example:
        eventflow panel panelist add pirkanmaa "Jari Virtanen" --role police
        eventflow panel question add pirkanmaa "How safe do residents feel?" \\
            --dimension safety
        eventflow panel sent pirkanmaa
    """


# panelists ----------------------------------------------------------------------------------
@panel.group("panelist", cls=DefaultGroup)
def panelist() -> None:
    """Panelists: add, edit, remove (`panel panelist EVENT NAME` adds).

    \b
    Example:
        eventflow panel panelist add pirkanmaa "Maria Virtanen" --role councillor
        eventflow panel panelist edit pirkanmaa pl1 --role "kunnanvaltuutettu" --lang fi
    """


@panelist.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("name", type=LINE)
@click.option("--role", type=LINE, required=True, help=ROLE_HELP)
@click.option("--organisation", type=LINE, default="", help="Panelist's organisation.")
@click.option("--email", type=LINE, default="", help="Panelist's e-mail address.")
@lang_option
@click.pass_context
def panelist_add(ctx: click.Context, event: str, name: str, role: str, organisation: str,
                 email: str, lang: str | None) -> None:
    """Add a panelist.

    \b
    Example:
        eventflow panel panelist add pirkanmaa "Jari Virtanen" --role police
        eventflow panel panelist add pirkanmaa "Anna Berg" --role "församlingens diakon" \\
            --lang sv
    """
    from ..event import Panelist

    email = check_email(email, "--email") or ""
    if not name or not role:
        raise click.BadParameter(_("a panelist needs a name and a role"))

    def mutate(ev: Event) -> dict[str, str]:
        pid = next_id("pl", [p.id for p in ev.panel.panelists])
        role_text = {text_lang(ev, lang): role}
        ev.panel.panelists.append(Panelist(id=pid, name=name,
                                           role=role_text,  # type: ignore[arg-type]
                                           organisation=organisation, email=email))
        return {"panelist": pid}

    change(ctx, event, "panel.panelist", mutate, {"name": name, "role": role},
           _("panelist {name} added").format(name=name))


@panelist.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("who", metavar="PANELIST")
@click.option("--name", type=LINE, default=None, help="New name.")
@click.option("--role", type=LINE, default=None, help=ROLE_HELP + ' "" removes it.')
@click.option("--organisation", type=LINE, default=None, help="Panelist's organisation.")
@click.option("--email", type=LINE, default=None, help="Panelist's e-mail address.")
@lang_option
@click.pass_context
def panelist_edit(ctx: click.Context, event: str, who: str, name: str | None,
                  role: str | None, organisation: str | None, email: str | None,
                  lang: str | None) -> None:
    """Correct a panelist (by id or name); --role with --lang sets the role's text in that
    language, so each language's documents say it in their own words.

    \b
    Example:
        eventflow panel panelist edit pirkanmaa pl2 --role "uskonnollisen yhteisön edustaja" \\
            --lang fi
    """
    need_some({"name": name, "role": role, "organisation": organisation, "email": email},
              "--name, --role, --organisation, --email")
    if name == "":
        raise click.BadParameter(_("a panelist needs a name"), param_hint="--name")
    edit_record(ctx, event, "panel.panelist.edit",
                lambda ev: find(ev.panel.panelists, who, "panelist", ev,
                                "eventflow panel list EVENT"),
                {"panelist": who}, _("panelist {name} updated").format(name=who),
                values={"name": name, "organisation": organisation,
                        "email": check_email(email, "--email")},
                texts={"role": role}, lang=lang, then=lambda ev, found: {"panelist": found.id})


@panelist.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("who", metavar="PANELIST")
@click.pass_context
def panelist_remove(ctx: click.Context, event: str, who: str) -> None:
    """Remove a panelist (by id or name).

    \b
    Example:
        eventflow panel panelist remove pirkanmaa pl3
    """
    remove_record(ctx, event, "panel.panelist.remove", lambda ev: ev.panel.panelists,
                  lambda ev: find(ev.panel.panelists, who, "panelist", ev), {"panelist": who},
                  _("panelist {name} removed").format(name=who))


# questions ----------------------------------------------------------------------------------
@panel.group("question", cls=DefaultGroup)
def question() -> None:
    """Panel questions or themes: add, edit, remove (`panel question EVENT TEXT` adds).

    \b
    Example:
        eventflow panel question add pirkanmaa "Where do groups meet?" --dimension interaction
        eventflow panel question remove pirkanmaa 2
    """


@question.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("text")
@click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
              help="Dimension the question addresses (repeatable).")
@click.pass_context
def question_add(ctx: click.Context, event: str, text: str,
                 dimensions: tuple[str, ...]) -> None:
    """Add a panel question or theme.

    \b
    Example:
        eventflow panel question add pirkanmaa "Where do groups meet?" \\
            --dimension interaction
    """
    from ..event import PanelQuestion

    if not text.strip():
        raise click.BadParameter(_("the question is empty"), param_hint="TEXT")

    def mutate(ev: Event) -> None:
        ev.panel.questions.append(PanelQuestion(text=text.strip(),
                                                dimensions=list(dimensions)))  # type: ignore

    change(ctx, event, "panel.question", mutate, {"dimensions": list(dimensions)},
           _("question added"))


@question.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("number", metavar="NUMBER")
@click.option("--text", default=None, help="The question's new wording.")
@click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
              help="Replace the dimensions (repeatable).")
@click.pass_context
def question_edit(ctx: click.Context, event: str, number: str, text: str | None,
                  dimensions: tuple[str, ...]) -> None:
    """Correct a panel question (by its number in `panel list`).

    \b
    Example:
        eventflow panel question edit pirkanmaa 1 --dimension safety --dimension attitudes
    """
    need_some({"text": text, "dimensions": dimensions}, "--text, --dimension")
    if text is not None and not text.strip():
        raise click.BadParameter(_("the question is empty"), param_hint="--text")

    edit_record(ctx, event, "panel.question.edit", lambda ev: find_question(ev, number),
                {"question": number}, _("question {number} updated").format(number=number),
                values={"text": text.strip() if text is not None else None,
                        "dimensions": list(dimensions) or None})


@question.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("number", metavar="NUMBER")
@click.pass_context
def question_remove(ctx: click.Context, event: str, number: str) -> None:
    """Remove a panel question (by its number in `panel list`).

    \b
    Example:
        eventflow panel question remove pirkanmaa 2
    """
    remove_record(ctx, event, "panel.question.remove", lambda ev: ev.panel.questions,
                  lambda ev: find_question(ev, number), {"question": number},
                  _("question {number} removed").format(number=number))


# the panel ----------------------------------------------------------------------------------
@panel.command("set")
@click.argument("event", metavar="EVENT")
@click.option("--format", "fmt", type=LINE, default=None, help="Format of the discussion.")
@click.option("--moderator", type=LINE, default=None, help="Who moderates.")
@click.pass_context
def panel_set(ctx: click.Context, event: str, fmt: str | None, moderator: str | None) -> None:
    """Set the panel's format and moderator.

    \b
    Example:
        eventflow panel set pirkanmaa --format "45 min panel" --moderator "Mari Lahti"
    """
    def mutate(ev: Event) -> None:
        if fmt is not None:
            ev.panel.format = fmt
        if moderator is not None:
            ev.panel.moderator = moderator

    change(ctx, event, "panel.set", mutate, {}, "panel updated")


@panel.command("sent")
@click.argument("event", metavar="EVENT")
@click.option("--date", "date", default=None, type=DATE,
              help="When the questions were sent (default: today).")
@click.pass_context
def panel_sent(ctx: click.Context, event: str, date: dt.date | None) -> None:
    """Record that the questions were sent to the panelists.

    \b
    Example:
        eventflow panel sent pirkanmaa --date 2027-02-20
    """

    day = date or today()

    def mutate(ev: Event) -> None:
        ev.panel.sent_at = day

    change(ctx, event, "panel.sent", mutate, {"date": day.isoformat()},
           _("panel questions sent {date}").format(date=local_moment(day, language())))


@panel.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def panel_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """List the panelists (with ids) and the questions (numbered).

    \b
    Example:
        eventflow panel list pirkanmaa
    """
    import msgspec

    ev = engine(ctx).load(event)
    if as_json:
        emit_json({"id": ev.id, **msgspec.to_builtins(ev.panel)})
        return
    for p in ev.panel.panelists:
        roles = ", ".join(f"{k}: {v}" for k, v in p.role.items())  # type: ignore[union-attr]
        click.echo(clean(f"{p.id:<4} {p.name} ({roles})"
                         + (f", {p.organisation}" if p.organisation else "")))
    for n, q in enumerate(ev.panel.questions, 1):
        tags = f" [{', '.join(q.dimensions)}]" if q.dimensions else ""
        click.echo(clean(f"{n:<4} {q.text}{tags}"))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(panel)
