"""Builds the Word documents with python-docx. Every text from the event passes :func:`clean`."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from .texts import TEXT

DIMENSIONS = ("attitudes", "safety", "interaction", "participation")
TOPICS = ("date", "venue", "cost_sharing", "programme", "invitations_sender",
          "registrations_receiver")

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
    if value is None:
        return ""
    return value.isoformat() if lang == "en" else f"{value.day}.{value.month}.{value.year}"


def money(amount: float, lang: str) -> str:
    text = f"{amount:,.2f}"
    return f"€{text}" if lang == "en" else text.replace(",", " ").replace(".", ",") + " €"


def _document(title: str) -> Any:
    import docx

    document = docx.Document()
    document.core_properties.title = clean(title)[:200]
    document.add_heading(clean(title), level=0)
    return document


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = clean(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = clean(text)


def _venue(event: Any, t: dict[str, str]) -> str:
    return ", ".join(v for v in (event.venue.name, event.venue.address) if v) or t["unknown"]


# agreement memo -------------------------------------------------------------------------------
def agreement(ctx: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    document = _document(t["agreement_title"])
    document.add_paragraph(clean(t["agreement_intro"].format(
        title=event.title, date=day(event.date, lang), region=event.region)))
    document.add_heading(t["parties"], level=1)
    rows = [[event.host.name or t["unknown"], t["host"], ""]]
    rows += [[p.name, ctx.label("partner_type", p.type, lang), p.contact] for p in event.partners]
    _table(document, [t["party"], t["role"], t["contact"]], rows)
    document.add_heading(t["topics"], level=1)
    _table(document, [t["topic"], t["agreed"]],
           [[ctx.label("topic", topic, lang), getattr(event.agreement, topic, "")
             or t["not_agreed"]] for topic in TOPICS])
    document.add_heading(t["controller"], level=1)
    document.add_paragraph(clean(t["controller_text"].format(
        model=ctx.label("controller_model", event.agreement.controller_model, lang),
        receiver=event.agreement.registrations_receiver or t["unknown"])))
    return _save(document)


def render_agreement(ctx: Any) -> list[tuple[str, bytes]]:
    return [(f"agreement-memo-{lang}.docx", agreement(ctx, lang)) for lang in _langs(ctx)]


# speaker letters ------------------------------------------------------------------------------
def speaker_letter(ctx: Any, speaker: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    document = _document(t["letter_title"])
    document.add_paragraph(clean(t["dear"].format(name=speaker.name)))
    document.add_paragraph(clean(t["letter_thanks"].format(
        title=event.title, date=day(event.date, lang), venue=_venue(event, t))))
    slot = ctx.label("slot", speaker.slot, lang)
    if speaker.start:
        document.add_paragraph(clean(t["letter_slot"].format(
            slot=slot, start=speaker.start, minutes=speaker.minutes)))
    else:
        document.add_paragraph(clean(t["letter_slot_untimed"].format(slot=slot)))
    if speaker.ex_officio:
        document.add_paragraph(t["ex_officio"])
    elif speaker.fee:
        document.add_paragraph(clean(t["fee"].format(fee=money(speaker.fee, lang))))
    if speaker.dimensions:
        document.add_paragraph(t["letter_dimensions"])
        for dimension in speaker.dimensions:
            document.add_paragraph(clean(ctx.label("dimension", dimension, lang)),
                                   style="List Bullet")
    document.add_paragraph(clean(t["regards"]))
    document.add_paragraph(clean(ctx.settings.get("signature") or event.host.name))
    return _save(document)


def render_speaker_letters(ctx: Any) -> list[tuple[str, bytes]]:
    files = []
    for speaker in ctx.event.speakers:
        for lang in _langs(ctx):
            files.append((f"speaker-letter-{slug(speaker.id)}-{lang}.docx",
                          speaker_letter(ctx, speaker, lang)))
    return files


# invitation -----------------------------------------------------------------------------------
def invitation(ctx: Any, lang: str) -> bytes:
    t = TEXT[lang]
    event = ctx.event
    inv = event.invitation
    document = _document(event.title)
    document.add_paragraph(t["invite"])
    document.add_paragraph(clean(f"{t['when']}: {day(event.date, lang)}"))
    document.add_paragraph(clean(f"{t['where']}: {_venue(event, t)}"))
    document.add_heading(t["what_title"], level=1)
    document.add_paragraph(t["why"])
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
    speakers = sorted(event.speakers, key=lambda s: s.start or "99:99")
    _table(document, [t["time"], t["slot"], t["speaker"]],
           [[s.start, ctx.label("slot", s.slot, lang),
             ", ".join(v for v in (s.name, s.organisation) if v)] for s in speakers])
    document.add_heading(t["registration"], level=1)
    if inv.registration_deadline:
        document.add_paragraph(clean(t["deadline"].format(
            date=day(inv.registration_deadline, lang),
            receiver=event.agreement.registrations_receiver or event.host.name)))
    document.add_heading(t["accessibility"], level=1)
    document.add_paragraph(clean(inv.accessibility_info or t["unknown"]))
    if inv.accessibility_contact:
        document.add_paragraph(clean(t["accessibility_contact"].format(
            name=inv.accessibility_contact)))
    if event.recording:
        document.add_paragraph(t["recording"])
    document.add_heading(t["privacy"], level=1)
    document.add_paragraph(clean(t["privacy_text"].format(
        model=ctx.label("controller_model", event.agreement.controller_model, lang))))
    return _save(document)


def render_invitation(ctx: Any) -> list[tuple[str, bytes]]:
    return [(f"invitation-{lang}.docx", invitation(ctx, lang)) for lang in _langs(ctx)]


def _langs(ctx: Any) -> list[str]:
    """The languages asked for that this plugin has texts in (Sámi falls back to nothing:
    eventflow's own outputs cover it)."""
    return [lang for lang in ctx.languages if lang in TEXT]
