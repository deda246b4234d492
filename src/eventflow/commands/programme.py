"""`eventflow programme …`: programme items without speakers (opening, coffee, lunch,
closing) and the whole programme in time order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup, clean, emit_json, engine
from ..i18n import _
from ._common import (
    LINE,
    change,
    check_hhmm,
    edit_record,
    find,
    lang_option,
    need_some,
    next_id,
    remove_record,
    set_text,
    text_lang,
)

if TYPE_CHECKING:
    from ..event import Event

KINDS = ("opening", "coffee", "lunch", "closing", "other")


def _minutes(hhmm: str) -> int | None:
    try:
        hours, minutes = hhmm.split(":")
        return int(hours) * 60 + int(minutes)
    except (ValueError, AttributeError):
        return None


def timetable(ev: Event) -> list[dict[str, Any]]:
    """Every programme slot, speakers' and others', in time order (untimed ones last)."""
    rows: list[dict[str, Any]] = []
    for item in ev.programme:
        rows.append({"id": item.id, "kind": item.kind, "start": item.start,
                     "minutes": item.minutes, "title": dict(item.title),  # type: ignore
                     "speaker": None})
    for sp in ev.speakers:
        rows.append({"id": sp.id, "kind": sp.slot, "start": sp.start, "minutes": sp.minutes,
                     "title": dict(sp.title), "speaker": sp.name})  # type: ignore[arg-type]
    rows.sort(key=lambda r: (_minutes(r["start"]) is None, _minutes(r["start"]) or 0, r["id"]))
    return rows


def overlaps(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of slot ids whose times overlap."""
    timed = [(m, m + r["minutes"], r["id"]) for r in rows
             if (m := _minutes(r["start"])) is not None and r["minutes"]]
    found = []
    for i, (start, end, rid) in enumerate(timed):
        for other_start, other_end, other in timed[i + 1:]:
            if other_start < end and start < other_end:
                found.append((rid, other))
    return found


@click.group(cls=SuggestingGroup)
def programme() -> None:
    """Programme items without speakers (opening, coffee, lunch, closing) and the timetable.

    \b
    Example:
        eventflow programme add pirkanmaa opening --start 09:00 --minutes 15
        eventflow programme list pirkanmaa
    """


@programme.command("add")
@click.argument("event", metavar="EVENT")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--start", required=True, help="Start time, HH:MM.")
@click.option("--minutes", type=click.IntRange(1, 600), required=True, help="Length.")
@click.option("--title", type=LINE, default="",
              help="Title in the language of --lang (default: the documents name the kind).")
@lang_option
@click.pass_context
def programme_add(ctx: click.Context, event: str, kind: str, start: str, minutes: int,
                  title: str, lang: str | None) -> None:
    """Add an opening, coffee, lunch, closing or other item without a speaker.

    \b
    Example:
        eventflow programme add pirkanmaa coffee --start 10:45 --minutes 15
        eventflow programme add pirkanmaa other --start 11:40 --minutes 20 \\
            --title "Ryhmäkeskustelu" --lang fi
    """
    from ..event import ProgrammeItem

    hhmm = check_hhmm(start) or ""

    def mutate(ev: Event) -> dict[str, Any]:
        pid = next_id("pr", [i.id for i in ev.programme])
        item = ProgrammeItem(id=pid, kind=kind, start=hhmm, minutes=minutes)  # type: ignore
        if title:
            set_text(item.title, text_lang(ev, lang), title)  # type: ignore[arg-type]
        ev.programme.append(item)
        return {"item": pid, "overlaps": [list(p) for p in overlaps(timetable(ev))
                                          if pid in p]}

    change(ctx, event, "programme.add", mutate, {"kind": kind, "start": hhmm},
           _("{kind} at {time} added").format(kind=kind, time=hhmm))


@programme.command("edit")
@click.argument("event", metavar="EVENT")
@click.argument("item_id", metavar="ITEM")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Kind of the item.")
@click.option("--start", default=None, help="Start time, HH:MM.")
@click.option("--minutes", type=click.IntRange(1, 600), default=None, help="Length.")
@click.option("--title", type=LINE, default=None,
              help='Title in the language of --lang ("" removes that language\'s title).')
@lang_option
@click.pass_context
def programme_edit(ctx: click.Context, event: str, item_id: str, kind: str | None,
                   start: str | None, minutes: int | None, title: str | None,
                   lang: str | None) -> None:
    """Correct a programme item (by id from `programme list`).

    \b
    Example:
        eventflow programme edit pirkanmaa pr2 --start 10:50 --minutes 20
        eventflow programme edit pirkanmaa pr1 --title "Öppning" --lang sv
    """
    need_some({"kind": kind, "start": start, "minutes": minutes, "title": title},
              "--kind, --start, --minutes, --title")
    edit_record(ctx, event, "programme.edit",
                lambda ev: find(ev.programme, item_id, "programme item", ev,
                                "eventflow programme list EVENT"),
                {"item": item_id}, _("{item} updated").format(item=item_id),
                values={"kind": kind, "start": check_hhmm(start), "minutes": minutes},
                texts={"title": title}, lang=lang,
                then=lambda ev, item: {"item": item.id, "overlaps": [
                    list(p) for p in overlaps(timetable(ev)) if item.id in p]})


@programme.command("remove")
@click.argument("event", metavar="EVENT")
@click.argument("item_id", metavar="ITEM")
@click.pass_context
def programme_remove(ctx: click.Context, event: str, item_id: str) -> None:
    """Remove a programme item (speakers are removed with `speaker remove`).

    \b
    Example:
        eventflow programme remove pirkanmaa pr3
    """
    remove_record(ctx, event, "programme.remove", lambda ev: ev.programme,
                  lambda ev: find(ev.programme, item_id, "programme item", ev,
                                  "eventflow programme list EVENT"),
                  {"item": item_id}, _("{item} removed").format(item=item_id))


@programme.command("list")
@click.argument("event", metavar="EVENT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (shapes in docs/json.md).")
@click.pass_context
def programme_list(ctx: click.Context, event: str, as_json: bool) -> None:
    """The whole programme in time order: items and speakers, with overlaps flagged.

    \b
    Example:
        eventflow programme list pirkanmaa --json
    """

    ev = engine(ctx).load(event)
    rows = timetable(ev)
    clashes = overlaps(rows)
    if as_json:
        emit_json({"id": ev.id, "programme": rows, "overlaps": [list(p) for p in clashes]})
        return
    clashing = {rid for pair in clashes for rid in pair}
    for r in rows:
        end = ""
        if (m := _minutes(r["start"])) is not None and r["minutes"]:
            end = f"–{(m + r['minutes']) // 60:02d}:{(m + r['minutes']) % 60:02d}"
        title = " / ".join(f"{k}: {v}" for k, v in r["title"].items())
        who = f" – {r['speaker']}" if r["speaker"] else ""
        flag = "  ! overlaps" if r["id"] in clashing else ""
        click.echo(clean(f"{r['id']:<5} {r['start'] or '--:--'}{end:<6} {r['kind']:<12}"
                         f"{title}{who}{flag}"))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(programme)
