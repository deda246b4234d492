"""The built-in documents of the first four stages (partner_agreed, venue, costs_split,
speakers): agreement memo, venue sheet, calendar file, budget, programme, speaker
letters. Registered by default_plugins/outputs.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from eventflow.i18n import _

from .outputs_shared import (
    Files,
    budget,
    common,
    file_slug,
    inputs,
    label,
    md_files,
    one_line,
    write_csv,
)

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext


# 1 partner_agreed ---------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "languages", "host", "agreement", "partners",
        "organisers", "contact")
def agreement_memo(ctx: OutputContext) -> Files:
    from .outputs_view import contact_line  # lazy: 4 ms at registration, outputs_shared.py

    partners = [{"partner": p, "contact": contact_line(p.contact)} for p in ctx.event.partners]
    return md_files(ctx, "agreement_memo.md", "agreement-memo", partners=partners)


# 2 venue ------------------------------------------------------------------------------------------
@inputs("title", "date", "region", "municipality", "venue", "speakers", "programme",
        "invitation")
def venue_sheet(ctx: OutputContext) -> Files:
    return md_files(ctx, "venue_sheet.md", "venue-sheet")


def organizer(ctx: OutputContext) -> tuple[str, str]:
    """The calendar's ORGANIZER (e-mail, name): ``organizer_email`` of the outputs settings,
    else the event's contact person's e-mail; warns when there is none."""
    from .outputs_view import contact_line  # lazy: 4 ms at registration, outputs_shared.py

    person = getattr(ctx.event, "contact", None)
    letterhead = ctx.folder.get("letterhead") or {}
    email = str(ctx.settings.get("organizer_email") or getattr(person, "email", "") or "")
    name = ctx.event.host.name or str(letterhead.get("name") or ctx.folder.get("organisation")
                                      or contact_line(person))
    if not email:
        ctx.warn(_("{event}: the calendar file has no ORGANIZER: set organizer_email under "
                   "[plugins.outputs] in eventflow.toml, or the event's contact person's "
                   "e-mail").format(event=ctx.event.id))
    return email, name


def make_ics(ctx: OutputContext, lang: str) -> bytes:
    """The event as an iCalendar file: one UID per event (the same in every language and
    after a reschedule), SEQUENCE = the number of reschedules, ORGANIZER from the settings,
    a reminder a day before."""
    # lazy: eventflow.outputs (23 ms) and outputs_view (4 ms) are not loaded when this plugin
    # registers (outputs_shared.py has the measurements); a render loads them
    from eventflow.outputs.formats import ics_calendar, ics_event

    from .outputs_view import event_times

    event = ctx.event
    start, end = event_times(ctx)
    email, name = organizer(ctx)
    venue = ", ".join(one_line(v) for v in (event.venue.name, event.venue.address) if v)
    item = ics_event(
        f"{file_slug(event.id, 60)}@eventflow", event.title, event.date, start, end,
        stamp=dt.datetime.combine(ctx.today, dt.time(0, 0), tzinfo=dt.UTC),
        sequence=ctx.reschedules, location=venue,
        description=ctx.render_template("calendar.txt", lang, **common(ctx, lang)),
        organizer_email=email, organizer_name=name, alarms=[dt.timedelta(days=1)])
    return ics_calendar([item])


@inputs("title", "date", "region", "venue", "speakers", "programme", "host", "contact")
def calendar(ctx: OutputContext) -> Files:
    return [(f"event-{lang}.ics", make_ics(ctx, lang)) for lang in ctx.languages]


# 3 costs_split ------------------------------------------------------------------------------------
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
        ctx.nothing(_("no speakers or programme items recorded yet (eventflow speaker add "
                      "{event} NAME)").format(event=ctx.event.id))
    return md_files(ctx, "programme.md", "programme")


def speaker_terms(ctx: OutputContext, speaker: Any, lang: str) -> dict[str, str]:
    """A speaker's travel and invoicing terms in ``lang`` (markers where missing)."""
    from .outputs_view import WORDS  # lazy: 4 ms at registration, outputs_shared.py

    terms = {}
    if speaker is None:  # a panel without a panel slot: nothing agreed on record
        return {"travel": ctx.missing(lang, WORDS[lang]["travel"],
                                      _("the panel's travel terms")),
                "invoicing": ""}
    for key in ("travel", "invoicing"):
        value = getattr(speaker, key, None)
        if value:
            terms[key] = ctx.text(value, lang, (_("speaker {speaker}'s travel terms")
                                                if key == "travel" else
                                                _("speaker {speaker}'s invoicing terms")
                                                ).format(speaker=speaker.id))
        elif key == "invoicing" and (speaker.ex_officio or not speaker.fee):
            terms[key] = ""  # no fee: nothing to invoice
        else:
            terms[key] = ctx.missing(lang, WORDS[lang][key], (
                _("speaker {speaker}'s travel terms") if key == "travel" else
                _("speaker {speaker}'s invoicing terms")).format(speaker=speaker.id))
    return terms


@inputs("title", "date", "region", "venue", "speakers", "programme", "host", "agreement",
        "contact")
def speaker_letters(ctx: OutputContext) -> Files:
    from .outputs_view import format_slot_time  # lazy: 4 ms at registration, outputs_shared.py

    files: Files = []
    speakers = [sp for sp in ctx.event.speakers if sp.slot != "panel"]
    if not speakers:
        ctx.nothing(_("no speakers recorded yet (panelists get their brief at "
                      "panel_questions)"))
    for sp in speakers:
        for lang in ctx.languages:
            text = ctx.render_template(
                "speaker_letter.md", lang, **common(ctx, lang), speaker=sp,
                talk=format_slot_time(ctx, sp, lang),
                title=ctx.text(sp.title, lang,
                               _("speaker {speaker} title").format(speaker=sp.id)),
                terms=speaker_terms(ctx, sp, lang))
            files.append((f"letter-{sp.id}-{file_slug(sp.name)}-{lang}.md", text))
    return files
