"""The built-in documents of the delivery and follow_up stages: run sheet, sign-in sheet,
feedback survey and impact report. Registered by default_plugins/outputs.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventflow.i18n import _
from eventflow.vocab import DIMENSIONS, TARGET_GROUPS

from .outputs_shared import (
    Files,
    budget,
    common,
    inputs,
    label,
    write_csv,
)
from .outputs_texts import (
    GAINS,
)

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext


# 7 delivery ---------------------------------------------------------------------------------------
def run_sheet_rows(ctx: OutputContext, lang: str) -> list[dict[str, Any]]:
    """The run sheet: one row per programme slot (times from the programme, never
    overlapping), the cues of the day in their slots."""
    # lazy: eventflow.outputs (23 ms) and outputs_view (4 ms) are not loaded when this plugin
    # registers (outputs_shared.py has the measurements); a render loads them
    from eventflow.outputs import format_time_range

    from .outputs_view import ITEM_KINDS, hhmm, run_sheet_slots

    rows = []
    for slot in run_sheet_slots(ctx, lang):
        time = format_time_range(hhmm(slot.start), hhmm(slot.end) if slot.end != slot.start
                                 and slot.end is not None else "", lang) \
            if slot.start is not None else ""
        if slot.speaker is not None:
            what = label("slot", slot.speaker.slot, lang)
            who = ctx.event.panel.moderator if slot.kind == "panel" else slot.speaker.name
        else:
            what = ITEM_KINDS[lang].get(slot.kind, slot.kind)
            who = ctx.event.panel.moderator or ctx.event.host.name
        rows.append({"time": time, "what": what, "cues": list(slot.cues), "who": who,
                     "kind": slot.kind, "start": slot.start, "end": slot.end})
    return rows


@inputs("title", "date", "region", "venue", "speakers", "panel", "programme", "recording",
        "host")
def run_sheet(ctx: OutputContext) -> Files:
    if not ctx.event.speakers and not getattr(ctx.event, "programme", None):
        ctx.nothing(_("no programme recorded yet: the run sheet is made from its times"))
    return [(f"run-sheet-{lang}.md", ctx.render_template(
        "run_sheet.md", lang, **common(ctx, lang), rows=run_sheet_rows(ctx, lang)))
        for lang in ctx.languages]


def group_codes(ctx: OutputContext) -> list[str]:
    """The target groups numbered for the sign-in sheet: the invitation's, then the rest."""

    return list(dict.fromkeys([*ctx.event.invitation.target_groups, *TARGET_GROUPS]))


@inputs("title", "date", "region", "venue", "invitation", "participants")
def sign_in_sheet(ctx: OutputContext) -> Files:
    """Blank sign-in rows (no names are printed: the sheet is filled in on the day). The CSV
    starts with its header row; the group codes are explained in a note file and under the
    printed table."""
    summary = ctx.participants()
    expected = summary.registered if summary else ctx.event.venue.capacity
    rows_n = max(20, min(int(expected * 1.1) + 1 if expected else 40, 1000))
    head = {"fi": ("Nimi", "Organisaatio", "Kohderyhmä (koodi)", "Allekirjoitus"),
            "sv": ("Namn", "Organisation", "Målgrupp (kod)", "Underskrift"),
            "en": ("Name", "Organisation", "Target group (code)", "Signature")}
    codes = group_codes(ctx)
    files: Files = []
    for lang in ctx.languages:
        legend = [(n, label("target_group", g, lang)) for n, g in enumerate(codes, 1)]
        table = [list(head[lang])] + [["", "", "", ""] for _ in range(rows_n)]
        files.append((f"sign-in-{lang}.csv", write_csv(table, lang)))
        files.append((f"sign-in-codes-{lang}.txt", ctx.render_template(
            "sign_in_codes.txt", lang, **common(ctx, lang), legend=legend,
            csv=f"sign-in-{lang}.csv")))
        files.append((f"sign-in-{lang}.html", ctx.render_template(
            "sign_in.html", lang, **common(ctx, lang), rows=rows_n, head=head[lang],
            legend=legend)))
    return files


# 8 follow_up --------------------------------------------------------------------------------------
@inputs("title", "date", "region", "languages")
def feedback_survey(ctx: OutputContext) -> Files:
    return [(f"feedback-survey-{lang}.md", ctx.render_template(
        "feedback_survey.md", lang, **common(ctx, lang), gains=GAINS[lang]))
        for lang in ctx.languages]


def _feedback(ctx: OutputContext) -> dict[str, Any]:
    """Feedback aggregates: the event's ``feedback`` record where it exists, else the older
    ``ext.feedback`` table (responses, overall, items)."""
    record = getattr(ctx.event, "feedback", None)
    if record is not None and record.responses:
        scales = {s.key: s.mean for s in record.scales}
        return {"responses": record.responses, "overall": scales.get("overall"),
                "items": scales, "questions": {s.key: s.question for s in record.scales},
                "themes": [(q.question, [(t.theme, t.count) for t in q.themes])
                           for q in record.free_texts if q.themes]}
    old = ctx.event.ext.get("feedback", {})
    return old if isinstance(old, dict) else {}


def _chart_modules(event: Any) -> tuple[str, ...]:
    """matplotlib, when the impact report will draw its chart (there is feedback)."""
    from .outputs_chart import MODULES  # lazy: it imports eventflow.outputs, 23 ms

    record = getattr(event, "feedback", None)
    old = event.ext.get("feedback", {})
    has = bool(record is not None and record.responses) or \
        bool(isinstance(old, dict) and old.get("responses"))
    return MODULES if has else ()


@inputs("title", "date", "region", "municipality", "languages", "host", "partners", "venue",
        "costs", "speakers", "panel", "invitation", "organisers", "items", "ext", "feedback",
        "participants")
def impact_report(ctx: OutputContext) -> Files:
    summary = ctx.participants()
    groups = list(dict.fromkeys([*ctx.event.invitation.target_groups,
                                 *(summary.registered_by_group if summary else {})]))
    outcomes = [state.note for item_id, state in sorted(ctx.event.items.items())
                if item_id in ("partner_debrief", "report_to_partners") and state.note]
    outcomes += [str(o) for o in ctx.event.ext.get("follow_up", {}).get("outcomes", [])]
    purged = ctx.event.ext.get("participants", {}).get("purged_at", "")
    covered = {d for sp in ctx.event.speakers for d in sp.dimensions} \
        | {d for q in ctx.event.panel.questions for d in q.dimensions}
    dims = [d for d in DIMENSIONS if d in covered]
    feedback = _feedback(ctx)
    files: Files = []
    for lang in ctx.languages:
        chart, alt = "", ""
        scores = _scores(feedback, lang)
        if feedback.get("responses") and scores:
            chart, alt, svg = _chart(ctx, lang, feedback, scores, summary, groups)
            files.append((chart, svg))
        text = ctx.render_template(
            "impact_report.md", lang, **common(ctx, lang), summary=summary, groups=groups,
            budget=budget(ctx, lang), feedback=feedback, gains=GAINS[lang],
            outcomes=outcomes, purged_at=purged, dimensions=dims, scores=scores, chart=chart,
            chart_alt=alt)
        files.append((f"impact-report-{lang}.md", text))
        files.append((f"impact-report-{lang}.html", _html(ctx, text, lang)))
    return files


def _html(ctx: OutputContext, markdown: str, lang: str) -> str:
    """A Markdown document as a complete HTML page (its first heading as the title)."""
    from eventflow.outputs.markdown import to_html  # lazy: eventflow.outputs, 23 ms

    first = markdown.split("\n", 1)[0]
    return to_html(markdown, first.removeprefix("# ") if first.startswith("# ")
                   else ctx.event.title, lang)


def _scores(feedback: dict[str, Any], lang: str) -> list[tuple[str, str, float]]:
    """The scale questions answered, overall first: key, name in ``lang``
    (outputs_chart.scale_label), mean."""
    from .outputs_chart import scale_label  # lazy: it imports eventflow.outputs, 23 ms

    items = {k: v for k, v in (feedback.get("items") or {}).items() if v}
    if feedback.get("overall") and "overall" not in items:
        items = {"overall": feedback["overall"], **items}
    questions = feedback.get("questions") or {}
    return [(key, scale_label(key, str(questions.get(key, key)), lang, GAINS[lang]),
             float(mean))
            for key, mean in sorted(items.items(), key=lambda kv: kv[0] != "overall")]


def _chart(ctx: OutputContext, lang: str, feedback: dict[str, Any],
           scores: list[tuple[str, str, float]], summary: Any,
           groups: list[str]) -> tuple[str, str, bytes]:
    """The impact report's chart (outputs_chart.py): its file name, text alternative, SVG."""
    from .outputs_chart import alt_text, draw  # lazy: it imports eventflow.outputs, 23 ms

    bars = [(label("target_group", g, lang), summary.registered_by_group.get(g, 0),
             summary.attended_by_group.get(g, 0)) for g in groups] if summary else []
    responses = int(feedback["responses"])
    return (f"impact-report-chart-{lang}.svg", alt_text(lang, responses, bool(bars)),
            draw(lang, [(name, mean) for _, name, mean in scores], bars, responses))


impact_report.preload = _chart_modules  # type: ignore[attr-defined]
