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

Files = list[tuple[str, "bytes | str"]]
TIMEZONE = "Europe/Helsinki"

# What a participant gains (seed guide, "Mitä hyötyä koulutuksesta on osallistujalle?" and the
# cooperation effect of "Koulutuksen yhteiskunnalliset vaikutukset"): the feedback items.
GAINS: dict[str, list[tuple[str, str]]] = {
    "fi": [
        ("what_relations", "Ymmärrän, mistä väestösuhteissa on kysymys."),
        ("use_knowledge", "Tiedän, miten tietoa väestösuhteista voi hyödyntää maahanmuuttajien "
                          "kotoutumisen tukemisessa."),
        ("what_integration", "Ymmärrän, mitä kotoutumisella (myös kaksisuuntaisella "
                             "kotoutumisella) tarkoitetaan."),
        ("own_work", "Tiedän, miten myös muiden kuin kotoutumisen parissa työskentelevien – "
                     "myös oma – toiminta vaikuttaa maahanmuuttajien kotoutumiseen."),
        ("other_organisations", "Tutustuin muiden organisaatioiden ja yhteisöjen työhön ja sain "
                                "uusia yhteistyökontakteja."),
    ],
    "sv": [
        ("what_relations", "Jag förstår vad relationer mellan befolkningsgrupper handlar om."),
        ("use_knowledge", "Jag vet hur kunskap om relationer mellan befolkningsgrupper kan "
                          "användas för att stödja invandrares integration."),
        ("what_integration", "Jag förstår vad som avses med integration (även integration i "
                             "två riktningar)."),
        ("own_work", "Jag vet hur även andras än integrationsaktörernas arbete – också mitt "
                     "eget – påverkar invandrares integration."),
        ("other_organisations", "Jag lärde känna andra organisationers och samfunds arbete och "
                                "fick nya samarbetskontakter."),
    ],
    "en": [
        ("what_relations", "I understand what population relations are about."),
        ("use_knowledge", "I know how knowledge of population relations can be used to support "
                          "the integration of immigrants."),
        ("what_integration", "I understand what integration (including two-way integration) "
                             "means."),
        ("own_work", "I know how the work of people other than those working on integration – "
                     "my own work too – affects the integration of immigrants."),
        ("other_organisations", "I got to know the work of other organisations and communities "
                                "and made new contacts for cooperation."),
    ],
}


def inputs(*fields: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the event fields a render function reads (recorded in the manifest)."""
    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.inputs = fields  # type: ignore[attr-defined]
        return func

    return mark


# shared data ------------------------------------------------------------------------------------
def _minutes(hhmm: str) -> int | None:
    try:
        hours, minutes = hhmm.split(":")
        return int(hours) * 60 + int(minutes)
    except (ValueError, AttributeError):
        return None


def _hhmm(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def programme(ctx: OutputContext, lang: str = "") -> list[dict[str, Any]]:
    """The programme slots in time order, each with start, end and speaker (titles in
    ``lang``; a title recorded in another language only is left out)."""
    rows: list[dict[str, Any]] = []
    for sp in ctx.event.speakers:
        start = _minutes(sp.start)
        end = _hhmm(start + sp.minutes) if start is not None and sp.minutes else ""
        rows.append({"start": sp.start, "end": end, "minutes": sp.minutes, "slot": sp.slot,
                     "speaker": sp, "name": sp.name, "organisation": sp.organisation,
                     "title": sp.title.get(lang, "") if lang else sp.title,  # type: ignore
                     "dimensions": list(sp.dimensions)})
    rows.sort(key=lambda r: (_minutes(r["start"]) is None, _minutes(r["start"]) or 0))
    return rows


def event_times(ctx: OutputContext) -> tuple[str, str]:
    """First start and last end of the programme (HH:MM), or empty strings."""
    starts = [m for sp in ctx.event.speakers if (m := _minutes(sp.start)) is not None]
    ends = [m + sp.minutes for sp in ctx.event.speakers
            if (m := _minutes(sp.start)) is not None]
    if not starts:
        return "", ""
    return _hhmm(min(starts)), _hhmm(max(ends))


def region_name(ctx: OutputContext, lang: str) -> str:
    from eventflow.regions import find_region

    found = find_region(ctx.event.region)
    if found is None:
        return ctx.event.region
    return {"fi": found.fi, "sv": found.sv}.get(lang, found.en)


def regional_etno(ctx: OutputContext) -> str:
    from eventflow.regions import find_region

    found = find_region(ctx.event.region)
    return found.etno if found else ""


def parties(ctx: OutputContext) -> list[tuple[str, str]]:
    """(id, name) of every party that can carry costs: the host, then the partners."""
    host = ctx.event.host.name or {"fi": "järjestäjä"}.get(ctx.languages[0], "organiser")
    return [("host", host), *((p.id, p.name) for p in ctx.event.partners)]


def budget(ctx: OutputContext) -> dict[str, Any]:
    """Budget lines with each party's share in euros, and totals per party."""
    party_ids = [pid for pid, _ in parties(ctx)]
    extra = sorted({k for c in ctx.event.costs for k in c.split} - set(party_ids))
    all_ids = party_ids + extra
    names = dict(parties(ctx))
    totals = {pid: 0.0 for pid in all_ids}
    lines: list[dict[str, Any]] = []
    for cost in ctx.event.costs:
        shares = {pid: round(cost.amount * cost.split.get(pid, 0.0) / 100, 2) for pid in all_ids}
        for pid, value in shares.items():
            totals[pid] += value
        lines.append({"cost": cost, "shares": shares, "percent": dict(cost.split),
                      "split_total": sum(cost.split.values())})
    total = sum(c.amount for c in ctx.event.costs)
    return {"lines": lines, "party_ids": all_ids,
            "party_names": {pid: names.get(pid, pid) for pid in all_ids},
            "totals": {pid: round(v, 2) for pid, v in totals.items()}, "total": total,
            "unsplit": [ln["cost"].id for ln in lines if abs(ln["split_total"] - 100) > 0.01],
            "ex_officio": [sp for sp in ctx.event.speakers if sp.ex_officio],
            "paid": [sp for sp in ctx.event.speakers if not sp.ex_officio and sp.fee]}


def common(ctx: OutputContext, lang: str) -> dict[str, Any]:
    start, end = event_times(ctx)
    return {"label": lambda kind, key: label(kind, key, lang),
            "region": region_name(ctx, lang), "etno": regional_etno(ctx),
            "programme": programme(ctx, lang), "start": start, "end": end,
            "parties": parties(ctx)}


def _md(ctx: OutputContext, template: str, stem: str, **extra: Any) -> Files:
    return [(f"{stem}-{lang}.md", ctx.render_template(template, lang, **common(ctx, lang),
                                                      **extra))
            for lang in ctx.languages]


# 1 partner_agreed ---------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "languages", "host", "agreement", "partners",
        "organisers")
def agreement_memo(ctx: OutputContext) -> Files:
    return _md(ctx, "agreement_memo.md", "agreement-memo")


# 2 venue ------------------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "venue", "speakers", "invitation")
def venue_sheet(ctx: OutputContext) -> Files:
    return _md(ctx, "venue_sheet.md", "venue-sheet")


def make_ics(ctx: OutputContext, lang: str) -> bytes:
    """The event as an iCalendar file: organizer, location, description, a reminder a day
    before. Every text is escaped by icalendar, so names cannot add lines or properties."""
    import icalendar
    import zoneinfo

    event = ctx.event
    cal = icalendar.Calendar()
    cal.add("prodid", "-//eventflow//good-relations-training//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", f"{file_slug(event.id, 60)}@eventflow")
    item.add("dtstamp", dt.datetime.combine(ctx.today, dt.time(0, 0), tzinfo=dt.timezone.utc))
    item.add("summary", one_line(event.title))
    start, end = event_times(ctx)
    if start:
        tz = zoneinfo.ZoneInfo(TIMEZONE)
        h, m = (int(x) for x in start.split(":"))
        item.add("dtstart", dt.datetime.combine(event.date, dt.time(h, m), tzinfo=tz))
        h, m = (int(x) for x in end.split(":"))
        item.add("dtend", dt.datetime.combine(event.date, dt.time(h, m), tzinfo=tz))
    else:
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
    venue = ", ".join(one_line(v) for v in (event.venue.name, event.venue.address) if v)
    if venue:
        item.add("location", venue)
    item.add("description", ctx.render_template("calendar.txt", lang, **common(ctx, lang)))
    email = str(ctx.settings.get("organizer_email") or "")
    organizer = icalendar.vCalAddress(f"mailto:{one_line(email)}" if email
                                      else "mailto:noreply@invalid")
    organizer.params["cn"] = icalendar.vText(one_line(event.host.name or "eventflow")
                                             .replace('"', "'"))
    item.add("organizer", organizer)
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-1))
    alarm.add("description", one_line(event.title))
    item.add_component(alarm)
    cal.add_component(item)
    if start:
        cal.add_missing_timezones()
    return cal.to_ical()  # type: ignore[no-any-return]


@inputs("title", "date", "region", "venue", "speakers", "host")
def calendar(ctx: OutputContext) -> Files:
    return [(f"event-{lang}.ics", make_ics(ctx, lang)) for lang in ctx.languages]


# 3 costs_split ----------------------------------------------------------------------------------
@inputs("title", "date", "host", "partners", "costs", "speakers", "agreement")
def budget_split(ctx: OutputContext) -> Files:
    data = budget(ctx)
    files: Files = []
    for lang in ctx.languages:
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
@inputs("title", "date", "region", "venue", "speakers", "panel", "host")
def programme_doc(ctx: OutputContext) -> Files:
    return _md(ctx, "programme.md", "programme")


@inputs("title", "date", "region", "venue", "speakers", "host", "agreement")
def speaker_letters(ctx: OutputContext) -> Files:
    files: Files = []
    for sp in ctx.event.speakers:
        if sp.slot == "panel":
            continue  # panelists get their brief (panel_briefs) at panel_questions
        for lang in ctx.languages:
            text = ctx.render_template("speaker_letter.md", lang, **common(ctx, lang),
                                       speaker=sp)
            files.append((f"letter-{sp.id}-{file_slug(sp.name)}-{lang}.md", text))
    return files


# 5 invitations ---------------------------------------------------------------------------------
def _invitation_vars(ctx: OutputContext, lang: str) -> dict[str, Any]:
    from eventflow.texts import DEFAULT_DEFINITION

    definition = (ctx.event.invitation.definition.get(lang)
                  or DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"]))
    return {**common(ctx, lang), "definition": definition,
            "gains": [text for _, text in GAINS[lang]],
            "privacy_url": str(ctx.settings.get("privacy_notice_url") or "")}


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "venue", "speakers", "invitation")
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


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "organisers", "venue", "speakers", "invitation")
def invitation_drafts(ctx: OutputContext) -> Files:
    """One unsent e-mail draft per target group, in every language, with the .ics attached."""
    from email.message import EmailMessage
    from email.policy import SMTP

    files: Files = []
    ics = make_ics(ctx, ctx.languages[0])
    for row in distribution(ctx):
        msg = EmailMessage(policy=SMTP)
        msg["Subject"] = " / ".join(dict.fromkeys(
            one_line(ctx.render_template("invitation_subject.txt", lang,
                                         **common(ctx, lang)))
            for lang in ctx.languages))
        sender = one_line(ctx.settings.get("from") or "")
        if sender:
            msg["From"] = sender
        msg["To"] = "undisclosed-recipients:;"
        if row["addresses"]:
            msg["Bcc"] = ", ".join(row["addresses"])
        msg["X-Unsent"] = "1"
        msg["X-Eventflow-Target-Group"] = row["group"]
        body = "\n\n---\n\n".join(
            ctx.render_template("invitation.md", lang, **_invitation_vars(ctx, lang))
            for lang in ctx.languages)
        msg.set_content(body)
        msg.add_attachment(ics, maintype="text", subtype="calendar",
                           filename=f"{file_slug(ctx.event.id, 60)}.ics")
        files.append((f"invitation-{file_slug(row['group'])}.eml", msg.as_bytes()))
    return files


# 6 panel_questions ----------------------------------------------------------------------------
@inputs("title", "date", "region", "venue", "panel", "speakers", "host", "due")
def panel_briefs(ctx: OutputContext) -> Files:
    panel = ctx.event.panel
    send_by = panel.sent_at or ctx.event.due.get("panel_questions_sent") \
        or ctx.event.date - dt.timedelta(weeks=2)
    slot = next((r for r in programme(ctx) if r["slot"] == "panel"), None)
    files: Files = []
    for index, person in enumerate(panel.panelists, 1):
        others = [p for p in panel.panelists if p is not person]
        for lang in ctx.languages:
            text = ctx.render_template("panel_brief.md", lang, **common(ctx, lang),
                                       panelist=person, others=others, panel=panel,
                                       send_by=send_by, slot=slot)
            files.append((f"panel-brief-{index}-{file_slug(person.name)}-{lang}.md", text))
    return files


# 7 delivery -----------------------------------------------------------------------------------------
def run_sheet_rows(ctx: OutputContext, lang: str) -> list[dict[str, str]]:
    """Times and cues of the day, from the programme."""
    cues = {
        "fi": {"open": "Avaus: puheenjohtaja toivottaa tervetulleeksi ja esittelee ohjelman",
               "recording": "Kerro, että tilaisuus tallennetaan; yleisöä ei kuvata",
               "speaker": "Esittele puhuja: {name}", "panel": "Esittele panelistit; "
               "kysymykset on lähetetty etukäteen", "feedback": "Jaa palautekysely",
               "close": "Päätössanat ja kiitokset"},
        "sv": {"open": "Öppning: moderatorn hälsar välkommen och presenterar programmet",
               "recording": "Meddela att tillställningen spelas in; publiken filmas inte",
               "speaker": "Presentera talaren: {name}", "panel": "Presentera paneldeltagarna; "
               "frågorna har skickats på förhand", "feedback": "Dela ut utvärderingsenkäten",
               "close": "Avslutning och tack"},
        "en": {"open": "Opening: the moderator welcomes everyone and presents the programme",
               "recording": "Announce that the event is recorded; the audience is not filmed",
               "speaker": "Introduce the speaker: {name}", "panel": "Introduce the panelists; "
               "the questions were sent in advance", "feedback": "Hand out the feedback survey",
               "close": "Closing words and thanks"},
    }[lang]
    rows = []
    start, end = event_times(ctx)
    if start:
        rows.append({"time": start, "what": cues["open"], "who": ctx.event.panel.moderator})
        if ctx.event.recording:
            rows.append({"time": start, "what": cues["recording"],
                         "who": ctx.event.panel.moderator})
    for slot in programme(ctx):
        cue = cues["panel"] if slot["slot"] == "panel" else cues["speaker"].format(
            name=one_line(slot["name"]))
        rows.append({"time": f"{slot['start']}–{slot['end']}" if slot["end"] else slot["start"],
                     "what": f"{label('slot', slot['slot'], lang)}. {cue}",
                     "who": slot["name"] if slot["slot"] != "panel"
                     else ctx.event.panel.moderator})
    if end:
        before = _minutes(end)
        rows.append({"time": _hhmm(max((before or 0) - 15, 0)), "what": cues["feedback"],
                     "who": ctx.event.panel.moderator})
        rows.append({"time": end, "what": cues["close"], "who": ctx.event.host.name})
    return rows


@inputs("title", "date", "region", "venue", "speakers", "panel", "recording", "host")
def run_sheet(ctx: OutputContext) -> Files:
    return [(f"run-sheet-{lang}.md", ctx.render_template(
        "run_sheet.md", lang, **common(ctx, lang), rows=run_sheet_rows(ctx, lang)))
        for lang in ctx.languages]


@inputs("title", "date", "region", "venue", "invitation", "participants")
def sign_in_sheet(ctx: OutputContext) -> Files:
    """Blank sign-in rows (no names are printed: the sheet is filled in on the day)."""
    summary = ctx.participants()
    expected = summary.registered if summary else ctx.event.venue.capacity
    rows_n = max(20, min(int(expected * 1.1) + 1 if expected else 40, 1000))
    head = {"fi": ("Nimi", "Organisaatio", "Kohderyhmä", "Allekirjoitus"),
            "sv": ("Namn", "Organisation", "Målgrupp", "Underskrift"),
            "en": ("Name", "Organisation", "Target group", "Signature")}
    files: Files = []
    for lang in ctx.languages:
        table = [[f"{one_line(ctx.event.title)} – {ctx.event.date.isoformat()}"], list(head[lang])]
        table += [["", "", "", ""] for _ in range(rows_n)]
        files.append((f"sign-in-{lang}.csv", write_csv(table, lang)))
        files.append((f"sign-in-{lang}.html", ctx.render_template(
            "sign_in.html", lang, **common(ctx, lang), rows=rows_n, head=head[lang])))
    return files


# 8 follow_up --------------------------------------------------------------------------------------
@inputs("title", "date", "region", "languages")
def feedback_survey(ctx: OutputContext) -> Files:
    return [(f"feedback-survey-{lang}.md", ctx.render_template(
        "feedback_survey.md", lang, **common(ctx, lang), gains=GAINS[lang]))
        for lang in ctx.languages]


@inputs("title", "date", "region", "municipality", "languages", "host", "partners", "venue",
        "costs", "speakers", "panel", "invitation", "organisers", "items", "ext",
        "participants")
def impact_report(ctx: OutputContext) -> Files:
    summary = ctx.participants()
    data = budget(ctx)
    groups = list(dict.fromkeys([*ctx.event.invitation.target_groups,
                                 *(summary.registered_by_group if summary else {})]))
    feedback = ctx.event.ext.get("feedback", {})
    outcomes = [state.note for item_id, state in sorted(ctx.event.items.items())
                if item_id in ("partner_debrief", "report_to_partners") and state.note]
    outcomes += [str(o) for o in ctx.event.ext.get("follow_up", {}).get("outcomes", [])]
    purged = ctx.event.ext.get("participants", {}).get("purged_at", "")
    covered = {d for sp in ctx.event.speakers for d in sp.dimensions} \
        | {d for q in ctx.event.panel.questions for d in q.dimensions}
    dims = [d for d in DIMENSIONS if d in covered]
    gains = GAINS
    return [(f"impact-report-{lang}.md", ctx.render_template(
        "impact_report.md", lang, **common(ctx, lang), summary=summary, groups=groups,
        budget=data, feedback=feedback if isinstance(feedback, dict) else {},
        gains=gains[lang], outcomes=outcomes, purged_at=purged, dimensions=dims))
        for lang in ctx.languages]


OUTPUTS: tuple[tuple[str, str, Callable[[OutputContext], Files], str], ...] = (
    ("agreement_memo", "partner_agreed", agreement_memo,
     "Co-organising agreement memo: parties, the six agreed topics, controller model"),
    ("venue_sheet", "venue", venue_sheet, "Venue sheet: address, capacity, accessibility"),
    ("calendar", "venue", calendar, "The event's calendar file (.ics) with a reminder"),
    ("budget", "costs_split", budget_split, "Budget and cost split per partner (Markdown, CSV)"),
    ("programme", "speakers", programme_doc, "Programme with times, slots and speakers"),
    ("speaker_letters", "speakers", speaker_letters, "A confirmation letter per speaker"),
    ("invitation", "invitations", invitation, "The invitation in every event language"),
    ("distribution_list", "invitations", distribution_list, "Distribution list by target group"),
    ("invitation_drafts", "invitations", invitation_drafts,
     "Unsent e-mail drafts (.eml) per target group, with the calendar file"),
    ("panel_briefs", "panel_questions", panel_briefs, "A brief per panelist"),
    ("run_sheet", "delivery", run_sheet, "Run sheet with times and cues"),
    ("sign_in_sheet", "delivery", sign_in_sheet, "Attendance sign-in sheet (CSV, HTML)"),
    ("feedback_survey", "follow_up", feedback_survey, "Feedback survey"),
    ("impact_report", "follow_up", impact_report, "Impact report to the partners"),
)


@hookimpl
def register_outputs(register: Callable[..., None]) -> None:
    for output_id, stage, render, description in OUTPUTS:
        register(output_id, stage=stage, render=render, description=description)
