"""What the events stand at: `status` (every event, or one event's stages and items), `why`
(what keeps an event in its stage), `next` (what falls due soon) and `history`. They read the
caches of index.py when those are up to date (the front door, quick.py, answers the plainest
`status` and `why` without this module)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from .cli import (
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    event_argument,
    flush_warnings,
    json_option,
    today,
    wide_option,
    width_for,
)
from .cli_terms import in_cli_terms
from .i18n import _

if TYPE_CHECKING:
    from .engine import Engine


def attach(cli: click.Group) -> None:
    for command in (status, why, history, next_):
        cli.add_command(command)


@click.command(cls=TranslatedCommand)
@click.argument("event", required=False, metavar="[EVENT]")
@click.option("--check", "check_mode", is_flag=True,
              help="Exit 3 if any event has overdue required items (for CI and cron).")
@wide_option
@json_option
@click.pass_context
def status(ctx: click.Context, event: str | None, check_mode: bool, wide: bool,
           as_json: bool) -> None:
    """Show every event, or every stage and item of one event.

    \b
    Example:
        eventflow status
        eventflow status pirkanmaa --json
    """
    day = today()
    if event:
        from .index import fit_status, render_status

        view = _kept_view(ctx, event)
        text = render_status(view, day, as_json)
        if as_json:  # the warnings as data too (docs/json.md)
            import json

            data = json.loads(text)
            data["warnings"] = _json_warnings(ctx, view["warnings"])
            emit_json(data)
            return
        click.echo(fit_status(text, width_for(wide)), nl=False)
        return
    from .index import status_listing

    # cached summaries, checked against each file; the engine only if one changed (index.py)
    found = status_listing(ctx.find_root().obj.get("dir"), day, lambda: engine(ctx),
                           details=as_json)
    for warning in found.warnings:
        text = clean(in_cli_terms(warning))  # the library's words, and the CLI's way to act
        click.secho(_("warning: {message}").format(message=text), err=True, fg="yellow")
    if as_json:
        emit_json({"today": day.isoformat(), "events": found.rows(day),
                   "warnings": _json_warnings(ctx, found.warnings)})
    elif not found:
        click.echo(_("no events yet: create one with `eventflow new`"))
    else:
        found.write(day, sys.stdout, width=width_for(wide))
    if check_mode and found.any_overdue(day):
        ctx.exit(3)


def _json_warnings(ctx: click.Context, messages: list[str]) -> list[dict[str, Any]]:
    """The warnings of a ``--json`` answer as data (docs/json.md): plugins the folder
    activates but the environment keeps out, then the other messages."""
    from .folder import planning_folder
    from .plugin_commands import json_warnings

    return json_warnings(planning_folder(ctx.find_root().obj.get("dir")), messages)


def _kept_view(ctx: click.Context, event: str) -> dict[str, Any]:
    """The event's view as ``status EVENT`` keeps it (index.py), or else judged by the engine
    and kept; its warnings printed on stderr. ``status EVENT`` and ``why`` read it."""
    from .index import cached_status

    view = cached_status(ctx.find_root().obj.get("dir"), event)
    if view is None:
        eng = engine(ctx)
        view = _status_one(eng, eng.project.resolve(event))
    for warning in dict.fromkeys(view["warnings"]):
        text = clean(in_cli_terms(warning))  # the library's words, and the CLI's way to act
        click.secho(_("warning: {message}").format(message=text), err=True, fg="yellow")
    return view


def _status_one(eng: Engine, event_id: str) -> dict[str, Any]:
    """What ``status EVENT`` prints, but for the day, with the warnings; kept for next time."""
    from .explain import due_days
    from .i18n import language
    from .index import save_view, status_view, view_stamp

    stamp = view_stamp(eng, event_id)  # taken before the event is read
    view = status_view(eng, eng.project.load(event_id))
    view["days"] = due_days(view, language())  # so that `why` prints it without Babel
    warnings = list(dict.fromkeys(eng.warnings))
    eng.warnings.clear()
    save_view(eng, event_id, stamp, view, warnings)
    return {"warnings": warnings, **view}


@click.command(cls=TranslatedCommand)
@event_argument
@wide_option
@json_option
@click.pass_context
def why(ctx: click.Context, event: str, wide: bool, as_json: bool) -> None:
    """List every unmet requirement for leaving the event's current stage.

    \b
    Example:
        eventflow why pirkanmaa
    """
    from .explain import why_json, why_lines
    from .i18n import language

    day = today()
    view = _kept_view(ctx, event)
    if as_json:
        emit_json({**why_json(view, day), "warnings": _json_warnings(ctx, view["warnings"])})
        return
    from .present import wrap

    width = width_for(wide)
    for line in why_lines(view, day, language()):
        click.echo(wrap(line, width))


@click.command(cls=TranslatedCommand)
@event_argument
@wide_option
@json_option
@click.pass_context
def history(ctx: click.Context, event: str, wide: bool, as_json: bool) -> None:
    """Show what happened to an event, oldest first.

    \b
    Example:
        eventflow history pirkanmaa
    """
    eng = engine(ctx)
    event_id = eng.project.resolve(event)
    entries = eng.project.history(event_id)
    if as_json:
        emit_json({"id": event_id, "history": entries})
        return
    from .i18n import language
    from .present import history_lines

    # one line an entry whatever its values hold (a line break, an escape sequence); on a
    # terminal what changed is cut to its width, the revision, time, who and action never
    for line in history_lines(entries, language(), width_for(wide)):
        click.echo(line)


@click.command("next", cls=TranslatedCommand)
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 3650),
              help="How far ahead to look.")
@wide_option
@json_option
@click.pass_context
def next_(ctx: click.Context, days: int, wide: bool, as_json: bool) -> None:
    """What falls due soon (and what is overdue), across all events.

    \b
    Example:
        eventflow next --days 14
    """
    from .index import entries, upcoming

    eng = engine(ctx)
    day = today()
    rows = upcoming(entries(eng, day), day, days)  # as eng.upcoming, from the status index
    flush_warnings(eng)
    if as_json:
        emit_json({"today": day.isoformat(), "days": days, "items": rows})
        return
    if not rows:
        click.echo(_("nothing due in the next {days} days").format(days=days))
        return
    from .i18n import language, pgettext
    from .present import day as date_text

    lang = language()
    overdue = pgettext("status column", "OVERDUE")  # (fits the column)
    cells = [[date_text(str(r["due"]), lang), overdue if r["overdue"] else "", r["event"],
              r["item"], r["owner"], "" if r["required"] else _("(advice)")] for r in rows]
    width = width_for(wide)
    if width is None:
        for due, flag, event_id, item, owner, kind in cells:
            click.echo(clean(f"{due:<10}  {flag:<7}  {event_id:<26} {item:<32} {owner:<15} "
                             f"{kind}").rstrip())
        return
    from .present import fit_table

    # the item gives way first, then the owner; the event id (what people type) only beyond
    # 24 characters; the date never
    for line in fit_table([[""] * 6, *[[clean(c) for c in row] for row in cells]], width,
                          shrink=((3, 12), (4, 8), (2, 24)))[1:]:
        click.echo(line)
