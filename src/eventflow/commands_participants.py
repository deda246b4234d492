"""`eventflow participants ...`: import, erase, purge and summarise registrations.

Personal data stays in ``events/<id>/participants.toml``; these commands print counts only.
"""

from __future__ import annotations

import click

from .cli import SuggestingGroup, clean, emit_json, engine, flush_warnings, json_option, today
from .errors import InvalidInput
from .i18n import N_, _, language


@click.group(cls=SuggestingGroup)
def participants() -> None:
    """Registrations (personal data, kept apart from the planning data).

    \b
    Example:
        eventflow participants import pirkanmaa registrations.csv
        eventflow participants summary pirkanmaa
    """


@participants.command("import")
@click.argument("event", metavar="EVENT")
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def import_(ctx: click.Context, event: str, file: str) -> None:
    """Import registrations from a CSV file: every row or none.

    Columns: name, email, organisation, target_group (required); organisation_type,
    diet + diet_consent, accessibility + accessibility_consent (optional; a diet or
    accessibility need is kept only with its consent = yes); attended (yes/no, 1/0 or x:
    the person came).

    \b
    Example:
        eventflow participants import pirkanmaa registrations.csv
    """
    from pathlib import Path

    from .participants import import_csv

    eng = engine(ctx)
    report = import_csv(eng, event, Path(file), today())
    flush_warnings(eng)
    click.echo(_("imported {n} registration(s); {total} in {path}").format(
        n=report.imported, total=report.total, path=clean(report.path)))


@participants.command()
@click.argument("event", metavar="EVENT")
@click.argument("person", metavar="PERSON")
@click.pass_context
def erase(ctx: click.Context, event: str, person: str) -> None:
    """Erase one person's registration, by registration id or e-mail address.

    \b
    Example:
        eventflow participants erase pirkanmaa maria@example.fi
    """
    from .participants import erase as erase_person

    eng = engine(ctx)
    outcome = erase_person(eng, event, person)
    flush_warnings(eng)
    click.echo(_("{event}: erased 1 registration; the history records only that one was "
                 "erased").format(event=outcome.event.id))


@participants.command()
@click.argument("event", metavar="EVENT")
@click.argument("people", metavar="[PERSON]...", nargs=-1)
@click.option("--all", "everyone", is_flag=True, help="Every registration of the event.")
@click.option("--absent", is_flag=True, help="Mark as not attended (a correction).")
@click.pass_context
def attended(ctx: click.Context, event: str, people: tuple[str, ...], everyone: bool,
             absent: bool) -> None:
    """Mark registrations as attended, by registration id or e-mail address, or --all.

    \b
    Example:
        eventflow participants attended pirkanmaa maria@example.fi r-1a2b3c4d
        eventflow participants attended pirkanmaa --all
        eventflow participants attended pirkanmaa maria@example.fi --absent
    """
    from .participants import mark_attended

    if bool(people) == everyone:
        raise click.UsageError(_("name the registrations (id or e-mail address) or give "
                                 "--all, not both"))
    eng = engine(ctx)
    outcome, count = mark_attended(eng, event, list(people), everyone=everyone,
                                   attended=not absent)
    flush_warnings(eng)
    click.echo((_("{event}: {n} registration(s) marked absent") if absent else
                _("{event}: {n} registration(s) marked attended")).format(
                    event=outcome.event.id, n=count))


@participants.command()
@click.argument("event", metavar="EVENT")
@click.option("--force", is_flag=True,
              help="Delete even before the event day (the data is normally still needed).")
@click.pass_context
def purge(ctx: click.Context, event: str, force: bool) -> None:
    """Delete every registration of an event after its follow-up, and record the date.

    \b
    Example:
        eventflow participants purge pirkanmaa
    """
    from .participants import purge as purge_all

    eng = engine(ctx)
    day = today()
    try:
        outcome = purge_all(eng, event, day, force=force)
    except InvalidInput as exc:
        if exc.retry_with != "force":
            raise
        raise InvalidInput(_("{refusal}; use --force to delete them now").format(
            refusal=exc)) from None
    flush_warnings(eng)
    click.echo(_("{event}: deleted every registration ({date}); the check "
                 "personal_data_deleted now passes").format(
                     event=outcome.event.id,
                     date=outcome.event.ext["participants"]["purged_at"]))


@participants.command()
@click.argument("event", metavar="EVENT")
@json_option
@click.pass_context
def summary(ctx: click.Context, event: str, as_json: bool) -> None:
    """Counts of registrations (by target group, organisation type, diet); no names.

    \b
    Example:
        eventflow participants summary pirkanmaa --json
    """
    from .participants import summary as summarise

    eng = engine(ctx)
    data = summarise(eng.project, event)
    flush_warnings(eng)
    if as_json:
        emit_json(data)
        return
    click.echo(_("{event}: {n} registration(s) from {organisations} organisation(s), "
                 "{attended} attended").format(event=data["id"], n=data["registered"],
                                               organisations=data["organisations"],
                                               attended=data["attended"]))
    if data["purged_at"]:
        from .present import local_moment

        click.echo("  " + _("registrations deleted on {date}").format(
            date=local_moment(data["purged_at"], language())))
    for title, key in ((N_("by target group"), "by_target_group"),
                       (N_("by organisation type"), "by_organisation_type"),
                       (N_("diets (with consent)"), "diets")):
        if data[key]:
            click.echo(f"  {_(title)}: " + ", ".join(f"{clean(k)} {v}"
                                                     for k, v in data[key].items()))
    if data["accessibility_needs"]:
        click.echo("  " + _("accessibility needs (with consent): {n}").format(
            n=data["accessibility_needs"]))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(participants)
