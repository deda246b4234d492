"""The ``etno_briefing`` output: a note telling the region's ETNO board what is asked of it."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|])")

TEXT = {
    "fi": {
        "title": "Tiedote alueelliselle ETNO:lle",
        "to": "Vastaanottaja",
        "event": "Koulutuspäivä",
        "when": "Ajankohta",
        "where": "Paikka",
        "organisers": "Järjestäjät",
        "intro": ("Järjestämme koulutuspäivän hyvistä väestösuhteista ja maahanmuuttajien "
                  "kotoutumisesta. Alueellinen ETNO on keskeinen kumppani alueen "
                  "väestösuhteiden edistämisessä."),
        "asks": "Pyydämme alueelliselta ETNO:lta",
        "ask1": "kutsun välittämistä omille verkostoilleen,",
        "ask2": "edustajan nimeämistä paneelikeskusteluun tai yleisöön,",
        "ask3": "alueen väestösuhteita koskevan tiedon jakamista ohjelman valmistelussa.",
        "programme": "Ohjelma",
        "groups": "Kutsutut kohderyhmät",
        "deadline": "Ilmoittautuminen viimeistään",
        "contact": "Yhteyshenkilö",
        "none": "ei vielä tiedossa",
    },
    "sv": {
        "title": "Information till den regionala delegationen för etniska relationer",
        "to": "Mottagare",
        "event": "Utbildningsdag",
        "when": "Tid",
        "where": "Plats",
        "organisers": "Arrangörer",
        "intro": ("Vi ordnar en utbildningsdag om goda relationer mellan befolkningsgrupper och "
                  "integration av invandrare. Den regionala delegationen är en central partner i "
                  "arbetet för goda relationer i regionen."),
        "asks": "Vi ber den regionala delegationen att",
        "ask1": "sprida inbjudan i sina nätverk,",
        "ask2": "utse en representant till paneldiskussionen eller publiken,",
        "ask3": "dela kunskap om relationerna i regionen när programmet förbereds.",
        "programme": "Program",
        "groups": "Inbjudna målgrupper",
        "deadline": "Anmälan senast",
        "contact": "Kontaktperson",
        "none": "inte känt ännu",
    },
    "en": {
        "title": "Briefing note for the regional ETNO board",
        "to": "To",
        "event": "Training day",
        "when": "Date",
        "where": "Venue",
        "organisers": "Organisers",
        "intro": ("We are organising a training day on good population relations and the "
                  "integration of immigrants. The regional ETNO board is a key partner in "
                  "promoting good population relations in the region."),
        "asks": "We ask the regional ETNO board to",
        "ask1": "pass the invitation on to its networks,",
        "ask2": "name a representative for the panel discussion or the audience,",
        "ask3": "share what it knows about population relations in the region while the "
                "programme is prepared.",
        "programme": "Programme",
        "groups": "Target groups invited",
        "deadline": "Register by",
        "contact": "Contact",
        "none": "not known yet",
    },
}


def md(value: Any) -> str:
    """Text from the event, safe in Markdown: one line, no control characters, no markup."""
    text = _CONTROL.sub("", " ".join(str(value).split()))
    return _MARKDOWN.sub(r"\\\1", text)


def _date(value: Any, lang: str) -> str:
    if value is None:
        return ""
    return value.isoformat() if lang == "en" else f"{value.day}.{value.month}.{value.year}"


def briefing(ctx: Any, lang: str) -> str:
    from . import board_for

    t = TEXT.get(lang, TEXT["en"])
    event = ctx.event
    board = board_for(event.region) or ""
    venue = ", ".join(v for v in (event.venue.name, event.venue.address) if v) or t["none"]
    organisers = [event.host.name] + [p.name for p in event.partners]
    lines = [
        f"# {t['title']}",
        "",
        f"**{t['to']}:** {md(board)}",
        "",
        f"**{t['event']}:** {md(event.title)}",
        f"**{t['when']}:** {_date(event.date, lang)}",
        f"**{t['where']}:** {md(venue)}",
        f"**{t['organisers']}:** {md(', '.join(o for o in organisers if o)) or t['none']}",
        "",
        t["intro"],
        "",
        f"{t['asks']}:",
        "",
        f"1. {t['ask1']}",
        f"2. {t['ask2']}",
        f"3. {t['ask3']}",
        "",
        f"## {t['programme']}",
        "",
    ]
    speakers = sorted(event.speakers, key=lambda s: s.start or "99:99")
    for s in speakers:
        start = f"{md(s.start)} " if s.start else ""
        lines.append(f"- {start}{md(ctx.label('slot', s.slot, lang))}: {md(s.name)}")
    if not speakers:
        lines.append(f"- {t['none']}")
    lines += ["", f"## {t['groups']}", ""]
    for group in event.invitation.target_groups:
        lines.append(f"- {md(ctx.label('target_group', group, lang))}")
    if not event.invitation.target_groups:
        lines.append(f"- {t['none']}")
    lines.append("")
    if event.invitation.registration_deadline:
        lines.append(f"**{t['deadline']}:** "
                     f"{_date(event.invitation.registration_deadline, lang)}")
    contact = ctx.settings.get("contact")
    if contact:
        lines.append(f"**{t['contact']}:** {md(contact)}")
    return "\n".join(lines).rstrip() + "\n"


def render_briefing(ctx: Any) -> list[tuple[str, str]]:
    return [(f"etno-briefing-{lang}.md", briefing(ctx, lang)) for lang in ctx.languages]


render_briefing.inputs = ["title", "date", "region", "venue", "host", "partners",  # type: ignore[attr-defined]
                          "speakers", "invitation"]
