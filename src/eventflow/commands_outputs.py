"""`eventflow outputs`: render the documents of each stage, or list the stale ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli import (
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    event_argument,
    flush_warnings,
    json_option,
)
from .i18n import _, language
from .params import split_list

if TYPE_CHECKING:
    from .engine import Engine
    from .outputs.writing import RenderReport


@click.command(cls=TranslatedCommand)
@event_argument
@click.option("--stage", "stages", multiple=True,
              help="Only this stage (repeatable; default: every stage the event has "
                   "reached).")
@click.option("--lang", "languages", default=None,
              help="Languages, comma-separated: fi,sv,en (default: the event's).")
@click.option("--stale", is_flag=True,
              help="Render nothing; list outputs whose data changed since they were made.")
@json_option
@click.pass_context
def outputs(ctx: click.Context, event: str, stages: tuple[str, ...], languages: str | None,
            stale: bool, as_json: bool) -> None:
    """Render the documents of each stage into events/<id>/outputs/<stage>/.

    Every output is rendered on its own: one that fails is reported with its plugin and
    id and the others are still written. Exit 1 if any output failed.

    \b
    Example:
        eventflow outputs pirkanmaa
        eventflow outputs pirkanmaa --stage invitations --lang fi,sv
        eventflow outputs pirkanmaa --stale
    """
    from .outputs import OptionRefused, render_outputs

    eng = engine(ctx)
    root = eng.project.root
    if stale:
        if stages or languages:
            raise click.UsageError(_("--stale lists outputs; it takes no --stage or --lang"))
        _list_stale(eng, event, as_json)
        return
    try:
        report = render_outputs(eng, event, stages=list(stages) or None,
                                languages=split_list(languages) if languages is not None
                                else None)
    except OptionRefused as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    for warning in report.warnings:
        eng.warnings.append(warning)
    flush_warnings(eng)
    if as_json:
        emit_json({"id": report.event_id, "ok": report.ok, "stages": report.stages,
                   "languages": report.languages,
                   "outputs": [r.to_json(root) for r in report.results]})
    else:
        _print_report(eng, report)
    if not report.ok:
        ctx.exit(1)


def _list_stale(eng: Engine, event: str, as_json: bool) -> None:
    """`outputs --stale`: the outputs whose data changed since they were made."""
    from .outputs import stale_outputs
    from .present import local_moment

    found, fresh = stale_outputs(eng, event)
    flush_warnings(eng)
    event_id = eng.project.resolve(event)
    if as_json:
        emit_json({"id": event_id, "fresh": fresh,
                   "stale": [s.to_json() for s in found]})
        return
    if not found:
        click.echo(_("{event}: {n} output(s) made, none stale").format(event=event_id,
                                                                        n=fresh))
        return
    click.echo(_("{event}: {n} stale output(s) (remake with `eventflow outputs "
                 "{event}`):").format(event=event_id, n=len(found)))
    lang = language()
    for s in found:
        click.echo(clean("  " + _("{output} ({plugin}), made {date}").format(
            output=f"{s.stage}/{s.id}", plugin=s.plugin, date=local_moment(s.made_at, lang))))
        for reason in s.reasons:
            click.echo(clean(f"      {reason}"))


def _print_report(eng: Engine, report: RenderReport) -> None:
    """One line per output rendered, then the count and the folder."""
    for r in report.results:
        if r.nothing is not None:
            click.echo(clean("– " + _("{output}: nothing to write: {why}").format(
                output=f"{r.stage}/{r.id}", why=r.nothing)))
        elif r.ok:
            names = ", ".join(p.name for p in r.files)
            click.echo(clean(f"✓ {r.stage}/{r.id}: {names}"))
        else:
            click.echo(clean(f"✗ {r.stage}/{r.id}: {r.error}"), err=True)
    done = sum(1 for r in report.results if r.written)
    empty = sum(1 for r in report.results if r.nothing is not None)
    folder = eng.project.event_dir(report.event_id) / "outputs"
    click.echo(_("{done}/{n} output(s) written to {folder}").format(
        done=done, n=len(report.results), folder=folder)
        + ("; " + _("{n} had nothing to write").format(n=empty) if empty else ""))


def attach(cli: click.Group) -> None:
    cli.add_command(outputs)
