"""What the built-in documents share (default_plugins/outputs.py registers them): the
event's parties, budget, contact and agreed topics, the variables every template gets,
and the lazy links to :mod:`eventflow.outputs`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from eventflow.i18n import _
from eventflow.regions import municipality_name
from eventflow.vocab import AGREEMENT_PROSE

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext


# eventflow.outputs is imported on the first render, not when the plugin registers: `status` and
# `check` load this plugin but render nothing. lazy: eventflow.outputs costs 23 ms (-X importtime,
# best of 9, CPU time, on the loaded shared machine) after the engine and its built-in plugins;
# this plugin's outputs_view 4 ms there (its dataclasses), 1.5 ms once eventflow.outputs is in.
def file_slug(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import file_slug as real  # lazy: 23 ms, see above

    return real(*args, **kwargs)


def label(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import label as real  # lazy: 23 ms, see above

    return real(*args, **kwargs)


def one_line(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import one_line as real  # lazy: 23 ms, see above

    return real(*args, **kwargs)


def write_csv(*args: Any, **kwargs: Any) -> bytes:
    from eventflow.outputs import write_csv as real  # lazy: 23 ms, see above

    return real(*args, **kwargs)


def format_date(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import format_date as real  # lazy: 23 ms, see above

    return real(*args, **kwargs)

Files = list[tuple[str, "bytes | str"]]


def inputs(*fields: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the event fields a render function reads (recorded in the manifest)."""
    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.inputs = fields  # type: ignore[attr-defined]
        return func

    return mark


# shared data ------------------------------------------------------------------------------------
def parties(ctx: OutputContext, lang: str = "fi") -> list[tuple[str, str]]:
    """(id, name) of every party that can carry costs: the host, then the partners."""
    from .outputs_view import WORDS  # lazy: 4 ms when the plugin registers, see above

    host = ctx.event.host.name or str(ctx.folder.get("organisation") or "") \
        or WORDS[lang]["host"]
    return [("host", host), *((p.id, p.name) for p in ctx.event.partners)]


def budget(ctx: OutputContext, lang: str = "fi") -> dict[str, Any]:
    """Budget lines with each party's share in euros, and totals per party; the fee list
    names every speaker with their organisation."""
    party_ids = [pid for pid, _ in parties(ctx, lang)]
    extra = sorted({k for c in ctx.event.costs for k in c.split} - set(party_ids))
    all_ids = party_ids + extra
    names = dict(parties(ctx, lang))
    totals = {pid: 0.0 for pid in all_ids}
    lines: list[dict[str, Any]] = []
    for cost in ctx.event.costs:
        shares = {pid: round(cost.amount * cost.split.get(pid, 0.0) / 100, 2) for pid in all_ids}
        for pid, value in shares.items():
            totals[pid] += value
        lines.append({"cost": cost, "shares": shares, "percent": dict(cost.split),
                      "split_total": sum(cost.split.values())})
    total = sum(c.amount for c in ctx.event.costs)
    speakers = [{"name": sp.name, "organisation": sp.organisation, "ex_officio": sp.ex_officio,
                 "fee": sp.fee} for sp in ctx.event.speakers]
    return {"lines": lines, "party_ids": all_ids,
            "party_names": {pid: names.get(pid, pid) for pid in all_ids},
            "totals": {pid: round(v, 2) for pid, v in totals.items()}, "total": total,
            "unsplit": [ln["cost"].id for ln in lines if abs(ln["split_total"] - 100) > 0.01],
            "speakers": speakers}


def contact(ctx: OutputContext, lang: str) -> str:
    """The event's contact person as one line, or the missing-data marker (with a warning)."""
    from .outputs_view import WORDS, contact_line  # lazy: 4 ms, see above

    line = contact_line(getattr(ctx.event, "contact", None))
    return line or ctx.missing(lang, WORDS[lang]["contact"], _(
        "the event's contact person (eventflow contact set {event} …)").format(
            event=ctx.event.id))


AGREED_TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                 "registrations_receiver")


def agreed(ctx: OutputContext, lang: str) -> dict[str, str]:
    """The agreed topics as texts in ``lang``: a date as a date in that language, a name (of
    the venue, the sender, the receiver) as it is; prose (cost sharing, programme) in ``lang``
    as recorded (``partner agree … --lang``); where that language has none, the marker and a
    warning."""
    from eventflow.outputs.formatting import to_date  # lazy: eventflow.outputs, see above

    texts = {}
    for topic in AGREED_TOPICS:
        raw = getattr(ctx.event.agreement, topic, "") or ""
        if topic in AGREEMENT_PROSE:  # prose, in each language it was recorded in
            texts[topic] = ctx.text(raw, lang, _("agreement {topic}").format(
                topic=topic))
            continue
        value = str(raw)
        day = to_date(value) if topic == "date" and len(value) == 10 else None
        # a date in the reader's language; a name (place, organisation) the same in every one
        texts[topic] = format_date(day, lang) if day else value
    return texts


def common(ctx: OutputContext, lang: str) -> dict[str, Any]:
    """The variables every template gets (made once per output and language)."""
    key = ("common", lang)
    if key not in ctx.cache:
        ctx.cache[key] = _common(ctx, lang)
    return ctx.cache[key]  # type: ignore[no-any-return]


def _common(ctx: OutputContext, lang: str) -> dict[str, Any]:
    # lazy: outputs_view costs 4 ms when the plugin registers, see above
    from .outputs_view import event_times, programme_rows, region_name, regional_etno, when

    start, end = event_times(ctx)
    return {"label": lambda kind, key: label(kind, key, lang),
            "region": region_name(ctx, lang), "etno": regional_etno(ctx, lang),
            "municipality": municipality_name(ctx.event.municipality, lang),
            "programme": programme_rows(ctx, lang), "start": start, "end": end,
            "when": when(ctx, lang), "parties": parties(ctx, lang),
            "host": parties(ctx, lang)[0][1], "contact": contact(ctx, lang),
            "letterhead": dict(ctx.folder.get("letterhead") or {}),
            "agreed": agreed(ctx, lang),
            "text": lambda value, field_name: ctx.text(value, lang, field_name)}


def md_files(ctx: OutputContext, template: str, stem: str, **extra: Any) -> Files:
    """One Markdown file per event language, ``<stem>-<lang>.md``, from ``template``."""
    return [(f"{stem}-{lang}.md", ctx.render_template(template, lang, **common(ctx, lang),
                                                      **extra))
            for lang in ctx.languages]

