"""The documents of the eight stages, as a built-in plugin (registered like any other).

Each output reads only the :class:`eventflow.outputs.OutputContext` it is given — a third-party
plugin can do everything done here. Text comes from the templates in ``eventflow/templates/
<lang>/`` (a planning folder overrides any of them in ``templates/<lang>/``); spreadsheets,
calendar files and e-mail drafts are built with ``csv``, ``icalendar`` and ``email``.

``render.inputs`` names the event fields each document reads, so that ``eventflow outputs
--stale`` flags a document only when data it shows has changed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Callable

from eventflow import hookimpl
from eventflow.vocab import DIMENSIONS

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext


# eventflow.outputs (and through it jinja2's sandbox) is imported on the first render, not when
# the plugin registers: `status` and `check` load this plugin but render nothing.
def file_slug(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import file_slug as real

    return real(*args, **kwargs)


def label(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import label as real

    return real(*args, **kwargs)


def one_line(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import one_line as real

    return real(*args, **kwargs)


def write_csv(*args: Any, **kwargs: Any) -> bytes:
    from eventflow.outputs import write_csv as real

    return real(*args, **kwargs)


def format_date(*args: Any, **kwargs: Any) -> str:
    from eventflow.outputs import format_date as real

    return real(*args, **kwargs)

Files = list[tuple[str, "bytes | str"]]

from .outputs_texts import (  # noqa: E402  (the reviewed texts of the documents)
    GAINS,
    GREETING,
    GREETING_ANYONE,
    INVITATION_GAINS,
    WHY_GROUP,
)


def inputs(*fields: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the event fields a render function reads (recorded in the manifest)."""
    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.inputs = fields  # type: ignore[attr-defined]
        return func

    return mark


# shared data ------------------------------------------------------------------------------------
def parties(ctx: OutputContext, lang: str = "fi") -> list[tuple[str, str]]:
    """(id, name) of every party that can carry costs: the host, then the partners."""
    from .outputs_view import WORDS

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
    from .outputs_view import WORDS, contact_line

    line = contact_line(getattr(ctx.event, "contact", None))
    return line or ctx.missing(lang, WORDS[lang]["contact"], "the event's contact person "
                               "(eventflow contact set EVENT …)")


AGREED_TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                 "registrations_receiver")


def agreed(ctx: OutputContext, lang: str) -> dict[str, str]:
    """The agreed topics as texts in ``lang``: a date as a date in that language, a name (of
    the venue, the sender, the receiver) as it is; prose (cost sharing, programme) in ``lang``
    as recorded (``partner agree … --lang``); where that language has none, the marker and a
    warning."""
    from eventflow.outputs.formatting import to_date
    from eventflow.vocab import AGREEMENT_PROSE

    texts = {}
    for topic in AGREED_TOPICS:
        raw = getattr(ctx.event.agreement, topic, "") or ""
        if topic in AGREEMENT_PROSE:  # prose, in each language it was recorded in
            texts[topic] = ctx.text(raw, lang, f"agreement {topic}")
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
    from eventflow.regions import municipality_name

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


def _md(ctx: OutputContext, template: str, stem: str, **extra: Any) -> Files:
    return [(f"{stem}-{lang}.md", ctx.render_template(template, lang, **common(ctx, lang),
                                                      **extra))
            for lang in ctx.languages]


# 1 partner_agreed ---------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "languages", "host", "agreement", "partners",
        "organisers", "contact")
def agreement_memo(ctx: OutputContext) -> Files:
    from .outputs_view import contact_line

    partners = [{"partner": p, "contact": contact_line(p.contact)} for p in ctx.event.partners]
    return _md(ctx, "agreement_memo.md", "agreement-memo", partners=partners)


# 2 venue ------------------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "venue", "speakers", "programme",
        "invitation")
def venue_sheet(ctx: OutputContext) -> Files:
    return _md(ctx, "venue_sheet.md", "venue-sheet")


def organizer(ctx: OutputContext) -> tuple[str, str]:
    """The calendar's ORGANIZER (e-mail, name): ``organizer_email`` of the outputs settings,
    else the event's contact person's e-mail; warns when there is none."""
    from .outputs_view import contact_line

    person = getattr(ctx.event, "contact", None)
    letterhead = ctx.folder.get("letterhead") or {}
    email = str(ctx.settings.get("organizer_email") or getattr(person, "email", "") or "")
    name = ctx.event.host.name or str(letterhead.get("name") or ctx.folder.get("organisation")
                                      or contact_line(person))
    if not email:
        ctx.warn(f"{ctx.event.id}: the calendar file has no ORGANIZER: set organizer_email under "
                 "[plugins.outputs] in eventflow.toml, or the event's contact person's e-mail")
    return email, name


def make_ics(ctx: OutputContext, lang: str) -> bytes:
    """The event as an iCalendar file: one UID per event (the same in every language and
    after a reschedule), SEQUENCE = the number of reschedules, ORGANIZER from the settings,
    a reminder a day before."""
    from eventflow.outputs.formats import ics_calendar, ics_event

    from .outputs_view import event_times

    event = ctx.event
    start, end = event_times(ctx)
    email, name = organizer(ctx)
    venue = ", ".join(one_line(v) for v in (event.venue.name, event.venue.address) if v)
    item = ics_event(
        f"{file_slug(event.id, 60)}@eventflow", event.title, event.date, start, end,
        stamp=dt.datetime.combine(ctx.today, dt.time(0, 0), tzinfo=dt.timezone.utc),
        sequence=ctx.reschedules, location=venue,
        description=ctx.render_template("calendar.txt", lang, **common(ctx, lang)),
        organizer_email=email, organizer_name=name, alarms=[dt.timedelta(days=1)])
    return ics_calendar([item])


@inputs("title", "date", "region", "venue", "speakers", "programme", "host", "contact")
def calendar(ctx: OutputContext) -> Files:
    return [(f"event-{lang}.ics", make_ics(ctx, lang)) for lang in ctx.languages]


# 3 costs_split ----------------------------------------------------------------------------------
@inputs("title", "date", "host", "partners", "costs", "speakers", "agreement")
def budget_split(ctx: OutputContext) -> Files:
    files: Files = []
    for lang in ctx.languages:
        data = budget(ctx, lang)
        files.append((f"budget-{lang}.md", ctx.render_template(
            "budget.md", lang, **common(ctx, lang), budget=data)))
        head = {"fi": ("Rivi", "Kululaji", "Kuvaus", "Summa (€)"),
                "sv": ("Rad", "Kostnadsslag", "Beskrivning", "Belopp (€)"),
                "en": ("Line", "Category", "Description", "Amount (€)")}[lang]
        total_word = {"fi": "Yhteensä", "sv": "Totalt", "en": "Total"}[lang]
        rows: list[list[Any]] = [[*head, *(data["party_names"][p] + " (€)"
                                           for p in data["party_ids"])]]
        for line in data["lines"]:
            cost = line["cost"]
            rows.append([cost.id, label("cost_category", cost.category, lang), cost.description,
                         float(cost.amount), *(float(line["shares"][p])
                                               for p in data["party_ids"])])
        rows.append([total_word, "", "", float(data["total"]),
                     *(float(data["totals"][p]) for p in data["party_ids"])])
        files.append((f"budget-{lang}.csv", write_csv(rows, lang)))
    return files


# 4 speakers ---------------------------------------------------------------------------------------
@inputs("title", "date", "region", "venue", "speakers", "panel", "programme", "host")
def programme_doc(ctx: OutputContext) -> Files:
    if not ctx.event.speakers and not getattr(ctx.event, "programme", None):
        ctx.nothing("no speakers or programme items recorded yet (eventflow speaker add …)")
    return _md(ctx, "programme.md", "programme")


def _terms(ctx: OutputContext, speaker: Any, lang: str) -> dict[str, str]:
    """A speaker's travel and invoicing terms in ``lang`` (markers where missing)."""
    from .outputs_view import WORDS

    terms = {}
    if speaker is None:  # a panel without a panel slot: nothing agreed on record
        return {"travel": ctx.missing(lang, WORDS[lang]["travel"], "the panel's travel terms"),
                "invoicing": ""}
    for key in ("travel", "invoicing"):
        value = getattr(speaker, key, None)
        if value:
            terms[key] = ctx.text(value, lang, f"speaker {speaker.id} {key}")
        elif key == "invoicing" and (speaker.ex_officio or not speaker.fee):
            terms[key] = ""  # no fee: nothing to invoice
        else:
            terms[key] = ctx.missing(lang, WORDS[lang][key],
                                     f"speaker {speaker.id}'s {key} terms")
    return terms


@inputs("title", "date", "region", "venue", "speakers", "programme", "host", "agreement",
        "contact")
def speaker_letters(ctx: OutputContext) -> Files:
    from .outputs_view import format_slot_time

    files: Files = []
    speakers = [sp for sp in ctx.event.speakers if sp.slot != "panel"]
    if not speakers:
        ctx.nothing("no speakers recorded yet (panelists get their brief at panel_questions)")
    for sp in speakers:
        for lang in ctx.languages:
            text = ctx.render_template(
                "speaker_letter.md", lang, **common(ctx, lang), speaker=sp,
                talk=format_slot_time(ctx, sp, lang),
                title=ctx.text(sp.title, lang, f"speaker {sp.id} title"),
                terms=_terms(ctx, sp, lang))
            files.append((f"letter-{sp.id}-{file_slug(sp.name)}-{lang}.md", text))
    return files


# 5 invitations ---------------------------------------------------------------------------------
def _invitation_vars(ctx: OutputContext, lang: str) -> dict[str, Any]:
    from eventflow.texts import DEFAULT_DEFINITION

    from .outputs_view import WORDS

    inv = ctx.event.invitation
    recorded = inv.definition.get(lang) if isinstance(inv.definition, dict) else None
    definition = recorded or DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"])
    url = str(getattr(inv, "registration_url", "") or "")
    email = str(getattr(inv, "registration_email", "") or "")
    privacy = str(getattr(inv, "privacy_url", "") or ctx.settings.get("privacy_notice_url") or "")
    words = WORDS[lang]
    return {**common(ctx, lang), "definition": definition, "gains": INVITATION_GAINS[lang],
            "registration_url": url, "registration_email": email,
            "registration_missing": "" if url or email else ctx.missing(
                lang, words["registration"], "the registration link or address "
                "(eventflow invitation set EVENT --registration-url …)"),
            "deadline": format_date(inv.registration_deadline, lang) if inv.registration_deadline
            else ctx.missing(lang, words["deadline"], "the registration deadline"),
            "privacy_url": privacy or ctx.missing(lang, words["privacy"],
                                                  "the privacy notice link"),
            "accessibility": ctx.text(inv.accessibility_info, lang,
                                      "invitation accessibility_info")}


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "venue", "speakers", "programme", "invitation", "contact")
def invitation(ctx: OutputContext) -> Files:
    return [(f"invitation-{lang}.md",
             ctx.render_template("invitation.md", lang, **_invitation_vars(ctx, lang)))
            for lang in ctx.languages]


def distribution(ctx: OutputContext) -> list[dict[str, Any]]:
    """The invitation's target groups, each with the channels that reach it."""
    lists = ctx.settings.get("distribution_lists", {})
    groups = list(ctx.event.invitation.target_groups) or ["other"]
    rows = []
    for group in groups:
        partners = [p.name for p in ctx.event.partners]
        organisers = [o.name + (f" ({o.organisation})" if o.organisation else "")
                      for o in ctx.event.organisers if o.target_group == group]
        addresses = lists.get(group, []) if isinstance(lists, dict) else []
        rows.append({"group": group, "organisers": organisers, "partners": partners,
                     "addresses": [one_line(a) for a in addresses if isinstance(a, str)]})
    return rows


@inputs("title", "date", "region", "partners", "organisers", "invitation", "agreement")
def distribution_list(ctx: OutputContext) -> Files:
    return _md(ctx, "distribution_list.md", "distribution-list", groups=distribution(ctx))


def sender(ctx: OutputContext) -> str:
    """The drafts' From: ``from`` of the outputs settings, else the event's contact person's
    e-mail under the letterhead's (or the organisation's) name; warns when there is none."""
    from email.utils import formataddr

    found = one_line(ctx.settings.get("from") or "")
    if found:
        return found
    letterhead = ctx.folder.get("letterhead") or {}
    person = getattr(ctx.event, "contact", None)
    email = getattr(person, "email", "")
    if email:
        name = letterhead.get("name") or ctx.folder.get("organisation") or \
            getattr(person, "name", "")
        return formataddr((one_line(name or ""), one_line(email)))
    ctx.warn(f"{ctx.event.id}: the e-mail drafts have no From: set from = \"Name "
             "<address>\" under [plugins.outputs] in eventflow.toml, or the event's contact "
             "person's e-mail")
    return ""


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "organisers", "venue", "speakers", "programme", "invitation",
        "contact")
def invitation_drafts(ctx: OutputContext) -> Files:
    """One unsent e-mail draft per target group and language: a greeting and why this group
    is invited, then the invitation; plain text and HTML, with the .ics in that language."""
    from html import escape

    from eventflow.outputs.formats import eml_draft
    from eventflow.outputs.markdown import fragment_html, to_html, to_text

    files: Files = []
    from_ = sender(ctx)
    for lang in ctx.languages:
        ics = make_ics(ctx, lang)
        body = ctx.render_template("invitation.md", lang, **_invitation_vars(ctx, lang))
        subject = one_line(ctx.render_template("invitation_subject.txt", lang,
                                               **common(ctx, lang)))
        # the draft's title line is the subject: the body starts after the invitation's
        # heading, under the greeting (parsed once per language, shared by the groups)
        rest = body.split("\n", 1)[1].lstrip("\n") if body.startswith("# ") else body
        rest_text, rest_html = to_text(rest), fragment_html(rest)
        for row in distribution(ctx):
            group = label("target_group", row["group"], lang)
            why = WHY_GROUP[lang].get(row["group"], WHY_GROUP[lang]["other"])
            greeting = GREETING_ANYONE[lang] if row["group"] == "other" \
                else GREETING[lang].format(group=group)
            text = f"{greeting}\n\n{why}\n\n{rest_text}"
            html = to_html("", subject, lang, body=f"<p>{escape(greeting)}</p>\n"
                           f"<p>{escape(why)}</p>\n{rest_html}")
            files.append((f"invitation-{file_slug(row['group'])}-{lang}.eml", eml_draft(
                sender=from_, subject=subject, date=ctx.today, text=text, html=html,
                bcc=row["addresses"],
                headers={"X-Eventflow-Target-Group": row["group"], "Content-Language": lang},
                attachments=[(f"{file_slug(ctx.event.id, 60)}-{lang}.ics", "text/calendar",
                              ics)])))
    return files


# 6 panel_questions ----------------------------------------------------------------------------
@inputs("title", "date", "region", "venue", "panel", "speakers", "programme", "host", "due",
        "contact")
def panel_briefs(ctx: OutputContext) -> Files:
    from .outputs_view import format_slot_time, role_text

    panel = ctx.event.panel
    if not panel.panelists:
        ctx.nothing("no panelists recorded yet (eventflow panel add …)")
    if not panel.questions:
        ctx.nothing("no panel questions recorded yet (eventflow panel question …)")
    send_by = panel.sent_at or ctx.event.due.get("panel_questions_sent") \
        or ctx.event.date - dt.timedelta(weeks=2)
    slot = next((sp for sp in ctx.event.speakers if sp.slot == "panel"), None)
    files: Files = []
    for index, person in enumerate(panel.panelists, 1):
        others = [p for p in panel.panelists if p is not person]
        for lang in ctx.languages:
            text = ctx.render_template(
                "panel_brief.md", lang, **common(ctx, lang), panelist=person, others=others,
                panel=panel, send_by=send_by,
                role=role_text(ctx, person.role, lang, f"panelist {person.name} role"),
                other_roles=[role_text(ctx, p.role, lang, f"panelist {p.name} role")
                             for p in others],
                talk=format_slot_time(ctx, slot, lang) if slot else "",
                terms=_terms(ctx, slot, lang))
            files.append((f"panel-brief-{index}-{file_slug(person.name)}-{lang}.md", text))
    return files


# 7 delivery -----------------------------------------------------------------------------------------
def run_sheet_rows(ctx: OutputContext, lang: str) -> list[dict[str, Any]]:
    """The run sheet: one row per programme slot (times from the programme, never
    overlapping), the cues of the day in their slots."""
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
        ctx.nothing("no programme recorded yet: the run sheet is made from its times")
    return [(f"run-sheet-{lang}.md", ctx.render_template(
        "run_sheet.md", lang, **common(ctx, lang), rows=run_sheet_rows(ctx, lang)))
        for lang in ctx.languages]


def group_codes(ctx: OutputContext) -> list[str]:
    """The target groups numbered for the sign-in sheet: the invitation's, then the rest."""
    from eventflow.vocab import TARGET_GROUPS

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
    from .outputs_chart import MODULES

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
    from eventflow.outputs.markdown import to_html

    first = markdown.split("\n", 1)[0]
    return to_html(markdown, first.removeprefix("# ") if first.startswith("# ")
                   else ctx.event.title, lang)


def _scores(feedback: dict[str, Any], lang: str) -> list[tuple[str, str, float]]:
    """The scale questions answered, overall first: key, name in ``lang``
    (outputs_chart.scale_label), mean."""
    from .outputs_chart import scale_label

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
    from .outputs_chart import alt_text, draw

    bars = [(label("target_group", g, lang), summary.registered_by_group.get(g, 0),
             summary.attended_by_group.get(g, 0)) for g in groups] if summary else []
    responses = int(feedback["responses"])
    return (f"impact-report-chart-{lang}.svg", alt_text(lang, responses, bool(bars)),
            draw(lang, [(name, mean) for _, name, mean in scores], bars, responses))


impact_report.preload = _chart_modules  # type: ignore[attr-defined]


OUTPUTS: tuple[tuple[str, str, Callable[[OutputContext], Files], str], ...] = (
    ("agreement_memo", "partner_agreed", agreement_memo,
     "Co-organising agreement memo: parties, the six agreed topics, controller model"),
    ("venue_sheet", "venue", venue_sheet, "Venue sheet: address, capacity, accessibility"),
    ("calendar", "venue", calendar,
     "The event's calendar file (.ics) with a reminder; SEQUENCE counts reschedules"),
    ("budget", "costs_split", budget_split, "Budget and cost split per partner (Markdown, CSV)"),
    ("programme", "speakers", programme_doc, "Programme with times, slots and speakers"),
    ("speaker_letters", "speakers", speaker_letters, "A confirmation letter per speaker"),
    ("invitation", "invitations", invitation, "The invitation in every event language"),
    ("distribution_list", "invitations", distribution_list, "Distribution list by target group"),
    ("invitation_drafts", "invitations", invitation_drafts,
     "Unsent e-mail drafts (.eml) per target group and language: plain text and HTML, "
     "with the calendar file"),
    ("panel_briefs", "panel_questions", panel_briefs, "A brief per panelist"),
    ("run_sheet", "delivery", run_sheet, "Run sheet with times and cues"),
    ("sign_in_sheet", "delivery", sign_in_sheet,
     "Attendance sign-in sheet (CSV, HTML) and the target-group codes it uses"),
    ("feedback_survey", "follow_up", feedback_survey, "Feedback survey"),
    ("impact_report", "follow_up", impact_report, "Impact report to the partners"),
)


@hookimpl
def register_outputs(register: Callable[..., None]) -> None:
    for output_id, stage, render, description in OUTPUTS:
        register(output_id, stage=stage, render=render, description=description)
