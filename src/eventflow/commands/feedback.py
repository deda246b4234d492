"""`eventflow feedback …`: import the CSV export of a feedback survey (aggregates only),
show or clear what was kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..cli import SuggestingGroup, clean, emit_json, engine, flush_warnings
from ..errors import EventflowError, InvalidInput
from ..i18n import _

if TYPE_CHECKING:
    from ..engine import Engine


def _only_event(eng: Engine) -> str:
    """The event a feedback file belongs to when none is named: the one event past its day
    that is not cancelled, else an error listing the candidates."""
    from ..schedule import today

    day = today()
    candidates = []
    for event_id in eng.project.event_ids():
        try:
            ev = eng.load(event_id)
        except EventflowError:  # a broken file is reported by `status`
            continue
        if ev.date <= day and ev.stage != "cancelled":
            candidates.append(ev.id)
    if len(candidates) == 1:
        return candidates[0]
    raise InvalidInput(_("name the event: `eventflow feedback import FILE EVENT`; events held "
                         "so far: {events}").format(events=", ".join(candidates) or _("none")))


@click.group(cls=SuggestingGroup)
def feedback() -> None:
    """Feedback survey results: import a CSV export, keep only aggregates.

    \b
    Example:
        eventflow feedback import palaute.csv pirkanmaa
        eventflow feedback show pirkanmaa
    """


@feedback.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("event", metavar="[EVENT]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def feedback_import(ctx: click.Context, file: str, event: str | None, as_json: bool) -> None:
    """Import a feedback survey's CSV export (Webropol, Microsoft Forms, Google Forms).

    Columns are recognised by their header in Finnish, Swedish or English: 1–5 scale
    questions ("Kokonaisarvio", "Overall rating", "Helhetsbetyg", …) and free-text
    questions ("Vapaa palaute", "Comments", "Kommentarer", …). Only counts, means,
    distributions and free-text themes (words of two or more answers) are kept; names,
    e-mail addresses and the answers themselves never. Columns not understood are listed.
    The encoding (UTF-8, Windows-1252) and separator (; or ,) are detected. A new import
    replaces the previous one.

    \b
    Example:
        eventflow feedback import ~/Downloads/palaute.csv pirkanmaa
    """
    from pathlib import Path

    from ..feedback import import_feedback

    eng = engine(ctx)
    outcome, result = import_feedback(eng, event or _only_event(eng), Path(file))
    flush_warnings(eng)
    report = result.report()
    if as_json:
        emit_json({"ok": True, "id": outcome.event.id, "revision": outcome.event.revision,
                   **report})
        return
    fb = result.feedback
    click.echo(clean(_("{event}: feedback of {n} respondent(s) kept as aggregates ({encoding}, "
                       "separator '{separator}')").format(
                           event=outcome.event.id, n=fb.responses, encoding=report["encoding"],
                           separator=report["delimiter"])))
    for q in fb.scales:
        click.echo(clean("  " + _("{question}: mean {mean} of {answers}").format(
            question=q.question, mean=f"{q.mean:.2f}", answers=q.answers)))
    for t in fb.free_texts:
        words = ", ".join(f"{th.theme} ({th.count})" for th in t.themes) or _("no common themes")
        click.echo(clean("  " + _("{question}: {n} answer(s); {themes}").format(
            question=t.question, n=t.answers, themes=words)))
    if report["left_out_personal"]:
        click.echo(clean("  " + _("left out (personal data or survey metadata): {columns}").format(
            columns=", ".join(report["left_out_personal"]))))
    if report["not_understood"]:
        click.secho(clean("  " + _("not understood, left out: {columns}").format(
                              columns=", ".join(report["not_understood"]))), err=True, fg="yellow")


@feedback.command("show")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.option("--csv", "as_csv", is_flag=True,
              help="Print the aggregates as CSV (for a spreadsheet).")
@click.pass_context
def feedback_show(ctx: click.Context, event: str, as_json: bool, as_csv: bool) -> None:
    """Show the feedback aggregates kept for an event.

    \b
    Example:
        eventflow feedback show pirkanmaa --csv > palaute-yhteenveto.csv
    """
    import msgspec

    from ..feedback import to_rows

    ev = engine(ctx).load(event)
    fb = ev.feedback
    if as_json:
        emit_json({"id": ev.id, **msgspec.to_builtins(fb, builtin_types=())})
        return
    if as_csv:
        import csv
        import io

        from ..outputs import csv_cell

        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        for row in to_rows(fb):
            writer.writerow([csv_cell(cell) for cell in row])
        click.echo(out.getvalue(), nl=False)
        return
    if not fb.responses:
        click.echo(_("{event}: no feedback imported yet (`eventflow feedback import FILE "
                     "{event}`)").format(event=ev.id))
        return
    click.echo(clean(_("{event}: {n} respondent(s), from {source}").format(
            event=ev.id, n=fb.responses, source=fb.source)))
    for row in to_rows(fb)[1:]:
        click.echo(clean("  " + " | ".join(c for c in row if c)))


@feedback.command("clear")
@click.argument("event", metavar="EVENT")
@click.pass_context
def feedback_clear(ctx: click.Context, event: str) -> None:
    """Remove the feedback aggregates of an event (to import a corrected file, just import
    again).

    \b
    Example:
        eventflow feedback clear pirkanmaa
    """
    from ..cli import engine, report_outcome
    from ..event import Feedback

    def mutate(ev: object) -> None:
        ev.feedback = Feedback()  # type: ignore[attr-defined]

    outcome = engine(ctx).change(event, "feedback.clear", mutate, {}, after_end=True)
    report_outcome(ctx, outcome, _("{event}: feedback removed").format(event=outcome.event.id))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(feedback)
