"""Builds the Word documents with python-docx. Every text from the event passes :func:`clean`.

Dates, times and money are formatted from CLDR data with Babel (fi_FI, sv_FI, en_GB); region
names come in the document's language (Birkaland in Swedish); texts recorded per language are
shown only in their own language's document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from .texts import TEXT

DIMENSIONS = ("attitudes", "safety", "interaction", "participation")
TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
          "registrations_receiver")
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

# Characters Word's XML cannot hold, and those that reorder or hide text on screen.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     r"\u2066-\u2069\ufffe\uffff]")


def clean(value: Any) -> str:
    """Event text made safe for a .docx: no control or bidi characters."""
    return _UNSAFE.sub("", str(value if value is not None else ""))


def slug(value: str) -> str:
    """A file-name part made of letters, digits and dashes only."""
    text = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower()
    return text[:40] or "x"


def day(value: dt.date | None, lang: str) -> str:
    """18.3.2027 (fi, sv) or 18 March 2027 (en), from CLDR."""
    if value is None:
        return ""
    from babel.dates import format_date

    return format_date(value, "long" if lang == "en" else "short", locale=LOCALES[lang])


def clock(hhmm: str, lang: str) -> str:
    """9.15 (fi, sv) or 09:15 (en), from CLDR; "" for no time."""
    try:
        hours, minutes = (int(x) for x in hhmm.split(":"))
        value = dt.time(hours, minutes)
    except (ValueError, AttributeError):
        return ""
    from babel.dates import format_time

    return format_time(value, "short", locale=LOCALES[lang])


def money(amount: float, lang: str) -> str:
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=LOCALES[lang])


def text_in(value: Any, lang: str) -> str:
    """A per-language text in ``lang`` ("" when it was not written in that language); a plain
    string (an older eventflow) as it is."""
    if isinstance(value, dict):
        return str(value.get(lang, ""))
    return str(value or "")


def region_name(event: Any, lang: str) -> str:
    """The event's region in the document's language (Pirkanmaa → Birkaland in Swedish)."""
    try:
        from eventflow.regions import find_region
    except ImportError:  # pragma: no cover - an eventflow without the region table
        return str(event.region)
    found = find_region(event.region)
    if found is None:
        return str(event.region)
    return {"fi": found.fi, "sv": found.sv}.get(lang, found.en)


def _contact_text(person: Any) -> str:
    if isinstance(person, str):
        return person
    return ", ".join(v for v in (getattr(person, "name", ""), getattr(person, "email", ""),
                                 getattr(person, "phone", "")) if v)


# document parts -------------------------------------------------------------------------------
def _document(ctx: Any, title: str, lang: str, dated: bool = True) -> Any:
    import docx

    document = docx.Document()
    document.core_properties.title = clean(title)[:200]
    _letterhead(document, ctx)
    if dated:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        line = document.add_paragraph(clean(day(ctx.today, lang)))
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading(clean(title), level=0)
    return document


def letterhead_of(ctx: Any) -> dict[str, Any]:
    """The organiser's ``[letterhead]`` (``name``, ``address``, ``logo`` path, ``logo_kind``):
    from ``ctx.folder`` (eventflow's render context), or {} when the folder has none."""
    folder = getattr(ctx, "folder", None) or {}
    head = folder.get("letterhead") if hasattr(folder, "get") else None
    if head is None:  # an eventflow whose context carried it as its own attribute
        head = getattr(ctx, "letterhead", None)
    if head is None:
        return {}
    if not isinstance(head, dict):
        head = {k: getattr(head, k, None) for k in ("name", "address", "logo", "logo_kind")}
    return {k: v for k, v in head.items() if v}


def _letterhead(document: Any, ctx: Any) -> None:
    """The organiser's logo, name and address in the page header (every page)."""
    head = letterhead_of(ctx)
    if not head:
        return
    from docx.shared import Cm, Pt

    header = document.sections[0].header
    first = header.paragraphs[0]
    logo = head.get("logo")
    if logo and head.get("logo_kind") in ("png", "jpeg"):
        try:
            first.add_run().add_picture(str(logo), height=Cm(1.6))
        except Exception as exc:  # noqa: BLE001  (python-docx raises several kinds)
            raise ValueError(f"the letterhead logo {logo} cannot be put in a Word "
                             f"document ({exc}); save it again as PNG or JPEG") from None
        first = header.add_paragraph()
    # an SVG logo is left out: Word needs a PNG copy beside it, which python-docx cannot make
    if head.get("name"):
        run = first.add_run(clean(head["name"]))
        run.bold = True
        run.font.size = Pt(12)
    for line in str(head.get("address") or "").splitlines():
        if line.strip():
            header.add_paragraph(clean(line.strip()))


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: Width of one character of the body font (Calibri 11 pt), generously, and a cell's padding.
CHAR_EMU = 80_000     # ≈ 6.3 pt
PADDING_EMU = 190_000  # ≈ 0.2 in: both cell margins and a little air


def column_widths(header: list[str], rows: list[list[str]], available: int) -> list[int]:
    """Column widths (EMU) from the content: each column at least as wide as its longest word
    (so no word is broken), the rest of the width shared in proportion to how much text each
    column holds."""
    cells = [header, *rows]
    columns = range(len(header))
    longest_word = [max((len(w) for row in cells for w in clean(row[i]).split()), default=1)
                    for i in columns]
    longest_text = [max((len(clean(row[i])) for row in cells), default=1) for i in columns]
    least = [n * CHAR_EMU + PADDING_EMU for n in longest_word]
    wanted = [max(n * CHAR_EMU + PADDING_EMU, low) for n, low in zip(longest_text, least)]
    if sum(wanted) <= available:
        spare = available - sum(wanted)
        return [w + spare * w // sum(wanted) for w in wanted]
    if sum(least) >= available:
        return least  # wider than the page: Word lets the table run into the margin
    spare = available - sum(least)
    extra = [w - low for w, low in zip(wanted, least)]
    total = sum(extra) or 1
    return [low + spare * e // total for low, e in zip(least, extra)]


def _table(document: Any, header: list[str], rows: list[list[str]]) -> Any:
    section = document.sections[0]
    available = section.page_width - section.left_margin - section.right_margin
    widths = column_widths(header, rows, int(available))
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = clean(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = clean(text)
    from docx.shared import Emu

    twip = 635  # Word keeps widths in twentieths of a point: round up, never cut a word
    widths = [-(-w // twip) * twip for w in widths]
    for column, width in zip(table.columns, widths):
        column.width = Emu(width)
        for cell in column.cells:
            cell.width = Emu(width)
    return table


def _venue(event: Any, t: dict[str, str]) -> str:
    return ", ".join(v for v in (event.venue.name, event.venue.address) if v) or t["unknown"]


def _contact(document: Any, event: Any, t: dict[str, str]) -> None:
    person = _contact_text(getattr(event, "contact", ""))
    if person:
        document.add_paragraph(clean(t["contact_line"].format(contact=person)))


def _sign_off(document: Any, ctx: Any, t: dict[str, str]) -> None:
    document.add_paragraph(clean(t["regards"]))
    document.add_paragraph(clean(ctx.settings.get("signature") or ctx.event.host.name))


# agreement memo -------------------------------------------------------------------------------
def agreement(ctx: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    document = _document(ctx, t["agreement_title"], lang)
    document.add_paragraph(clean(t["agreement_intro"].format(
        title=event.title, date=day(event.date, lang), region=region_name(event, lang))))
    document.add_heading(t["parties"], level=1)
    rows = [[event.host.name or t["unknown"], t["host"], _contact_text(event.contact)]]
    rows += [[p.name, ctx.label("partner_type", p.type, lang), _contact_text(p.contact)]
             for p in event.partners]
    _table(document, [t["party"], t["role"], t["contact"]], rows)
    document.add_heading(t["topics"], level=1)
    _table(document, [t["topic"], t["agreed"]],
           [[ctx.label("topic", topic, lang), _topic(ctx, topic, lang) or t["not_agreed"]]
            for topic in TOPICS])
    document.add_heading(t["controller"], level=1)
    document.add_paragraph(clean(t["controller_text"].format(
        model=ctx.label("controller_model", event.agreement.controller_model, lang),
        receiver=event.agreement.registrations_receiver or t["unknown"])))
    _signatures(document, [event.host.name or t["host"], *(p.name for p in event.partners)],
                t)
    return _save(document)


def _topic(ctx: Any, topic: str, lang: str) -> str:
    """What was agreed on ``topic``, in ``lang``: the prose topics (cost sharing, programme)
    are recorded per language (``partner agree … --lang``); where ``lang`` has none, eventflow's
    missing-translation marker (with a warning)."""
    value = getattr(ctx.event.agreement, topic, "") or ""
    if isinstance(value, dict) or topic in ("cost_sharing", "programme"):
        return str(ctx.text(value, lang, f"agreement {topic}"))
    return str(value)


def _signatures(document: Any, parties: list[str], t: dict[str, str]) -> None:
    """A signature block per party: place and date, signature, name in print."""
    document.add_heading(t["signatures"], level=1)
    for party in parties:
        document.add_paragraph(clean(party)).runs[0].bold = True
        for caption in (t["place_date"], t["signature"], t["name_in_print"]):
            document.add_paragraph("\n" + "_" * 40)
            document.add_paragraph(clean(caption))


def render_agreement(ctx: Any) -> list[tuple[str, bytes]]:
    return [(f"agreement-memo-{lang}.docx", agreement(ctx, lang)) for lang in _langs(ctx)]


# speaker letters ------------------------------------------------------------------------------
def speaker_letter(ctx: Any, speaker: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    document = _document(ctx, t["letter_title"], lang)
    document.add_paragraph(clean(t["dear"].format(name=speaker.name)))
    document.add_paragraph(clean(t["letter_thanks"].format(
        title=event.title, date=day(event.date, lang), venue=_venue(event, t))))
    slot = ctx.label("slot", speaker.slot, lang)
    title = text_in(getattr(speaker, "title", ""), lang)
    if title:
        slot = f"{slot}: {title}"
    if speaker.start:
        document.add_paragraph(clean(t["letter_slot"].format(
            slot=slot, start=clock(speaker.start, lang), minutes=speaker.minutes)))
    else:
        document.add_paragraph(clean(t["letter_slot_untimed"].format(slot=slot)))
    spoken = [ctx.label("language", code, lang) for code in getattr(speaker, "languages", [])]
    if spoken:
        document.add_paragraph(clean(t["letter_languages"].format(
            languages=", ".join(spoken))))
    if speaker.ex_officio:
        document.add_paragraph(t["ex_officio"])
    elif speaker.fee:
        document.add_paragraph(clean(t["fee"].format(fee=money(speaker.fee, lang))))
    for key in ("travel", "invoicing"):
        terms = text_in(getattr(speaker, key, ""), lang)
        if terms:
            document.add_heading(t[key], level=2)
            document.add_paragraph(clean(terms))
    if speaker.dimensions:
        document.add_paragraph(t["letter_dimensions"])
        for dimension in speaker.dimensions:
            document.add_paragraph(clean(ctx.label("dimension", dimension, lang)),
                                   style="List Bullet")
    _contact(document, event, t)
    _sign_off(document, ctx, t)
    return _save(document)


def render_speaker_letters(ctx: Any) -> list[tuple[str, bytes]]:
    """A letter per speaker; the panel's slot gets none (each panelist gets a panel letter)."""
    files = []
    for speaker in ctx.event.speakers:
        if speaker.slot == "panel":
            continue
        for lang in _langs(ctx):
            files.append((f"speaker-letter-{slug(speaker.id)}-{lang}.docx",
                          speaker_letter(ctx, speaker, lang)))
    return files


# panel letters --------------------------------------------------------------------------------
def panel_letter(ctx: Any, panelist: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    panel = event.panel
    document = _document(ctx, t["panel_title"], lang)
    document.add_paragraph(clean(t["dear"].format(name=panelist.name)))
    document.add_paragraph(clean(t["panel_thanks"].format(
        title=event.title, date=day(event.date, lang), venue=_venue(event, t),
        region=region_name(event, lang))))
    role = ctx.label("role", panelist.role, lang)
    if role:
        document.add_paragraph(clean(t["panel_role"].format(role=role)))
    slot = next((s for s in event.speakers if s.slot == "panel" and s.start), None)
    if slot is not None:
        document.add_paragraph(clean(t["panel_time"].format(start=clock(slot.start, lang),
                                                            minutes=slot.minutes)))
    if panel.moderator:
        document.add_paragraph(clean(t["panel_moderator"].format(name=panel.moderator)))
    others = [p for p in panel.panelists if p is not panelist]
    if others:
        document.add_paragraph(t["panel_others"])
        for other in others:
            other_role = ctx.label("role", other.role, lang)
            document.add_paragraph(clean(", ".join(v for v in (other.name, other_role,
                                                               other.organisation) if v)),
                                   style="List Bullet")
    if panel.questions:
        document.add_paragraph(t["panel_questions"])
        for question in panel.questions:
            document.add_paragraph(clean(question.text), style="List Number")
    _contact(document, event, t)
    _sign_off(document, ctx, t)
    return _save(document)


def render_panel_letters(ctx: Any) -> list[tuple[str, bytes]]:
    """A letter to each panelist, addressed by name."""
    files = []
    for number, panelist in enumerate(ctx.event.panel.panelists, 1):
        key = slug(getattr(panelist, "id", "") or f"pl{number}")
        for lang in _langs(ctx):
            files.append((f"panel-letter-{key}-{lang}.docx", panel_letter(ctx, panelist, lang)))
    return files


# invitation -----------------------------------------------------------------------------------
def _programme_rows(ctx: Any, lang: str, t: dict[str, str]) -> list[list[str]]:
    event = ctx.event
    rows: list[tuple[str, list[str]]] = []
    for s in event.speakers:
        who = ", ".join(v for v in (s.name, s.organisation) if v)
        if s.slot == "panel":
            who = ", ".join(p.name for p in event.panel.panelists) or who
        item = ctx.label("slot", s.slot, lang)
        title = text_in(getattr(s, "title", ""), lang)
        rows.append((s.start, [_span(s.start, s.minutes, lang),
                               f"{item}: {title}" if title else item, who]))
    for p in getattr(event, "programme", []):
        title = text_in(p.title, lang) or t.get(f"kind_{p.kind}", p.kind)
        rows.append((p.start, [_span(p.start, p.minutes, lang), title, ""]))
    rows.sort(key=lambda r: r[0] or "99:99")
    return [row for _, row in rows]


def _span(start: str, minutes: int, lang: str) -> str:
    if not start:
        return ""
    hours, mins = (int(x) for x in start.split(":"))
    end = hours * 60 + mins + (minutes or 0)
    if not minutes or end >= 24 * 60:
        return clock(start, lang)
    return f"{clock(start, lang)}–{clock(f'{end // 60:02d}:{end % 60:02d}', lang)}"


def invitation(ctx: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    inv = event.invitation
    document = _document(ctx, event.title, lang, dated=False)
    document.add_paragraph(t["invite"])
    document.add_paragraph(clean(f"{t['when']}: {day(event.date, lang)}"))
    document.add_paragraph(clean(f"{t['where']}: {_venue(event, t)}"))
    document.add_heading(t["what_title"], level=1)
    document.add_paragraph(clean(t["why"].format(region=region_name(event, lang))))
    definition = inv.definition.get(lang, "")
    if definition:
        document.add_paragraph(clean(definition))
    document.add_paragraph(t["dimensions_intro"])
    for dimension in DIMENSIONS:
        document.add_paragraph(clean(ctx.label("dimension", dimension, lang)),
                               style="List Bullet")
    document.add_heading(t["gain_title"], level=1)
    document.add_paragraph(t["gain"])
    document.add_heading(t["programme"], level=1)
    _table(document, [t["time"], t["slot"], t["speaker"]], _programme_rows(ctx, lang, t))
    document.add_heading(t["registration"], level=1)
    receiver = event.agreement.registrations_receiver or event.host.name
    if inv.registration_deadline:
        document.add_paragraph(clean(t["deadline"].format(
            date=day(inv.registration_deadline, lang), receiver=receiver)))
    how = [v for v in (getattr(inv, "registration_url", ""),
                       getattr(inv, "registration_email", "")) if v]
    if how:
        document.add_paragraph(clean(t["register_at"].format(where=" / ".join(how))))
    document.add_heading(t["accessibility"], level=1)
    document.add_paragraph(clean(text_in(inv.accessibility_info, lang) or t["unknown"]))
    if inv.accessibility_contact:
        document.add_paragraph(clean(t["accessibility_contact"].format(
            name=inv.accessibility_contact)))
    if event.recording:
        document.add_paragraph(t["recording"])
    document.add_heading(t["privacy"], level=1)
    document.add_paragraph(clean(t["privacy_text"].format(
        model=ctx.label("controller_model", event.agreement.controller_model, lang))))
    if getattr(inv, "privacy_url", ""):
        document.add_paragraph(clean(t["privacy_link"].format(url=inv.privacy_url)))
    _contact(document, event, t)
    return _save(document)


def render_invitation(ctx: Any) -> list[tuple[str, bytes]]:
    return [(f"invitation-{lang}.docx", invitation(ctx, lang)) for lang in _langs(ctx)]


def _langs(ctx: Any) -> list[str]:
    """The languages asked for that this plugin has texts in (Sámi falls back to nothing:
    eventflow's own outputs cover it)."""
    return [lang for lang in ctx.languages if lang in TEXT]
