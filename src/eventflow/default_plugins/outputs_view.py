"""What the built-in documents show, shaped per language for the templates.

The templates receive ready-made values (formatted dates and times, texts in their own
language, the programme laid out in time order) so that no template formats a date, picks a
translation or computes a time. Everything here reads only the
:class:`eventflow.outputs.OutputContext` it is given.

The programme and the run sheet share one layout (:func:`layout`): every programme item (a
speaker's slot, or an item without speaker: opening, coffee, lunch, closing) gets a start and
an end, in time order, and no two overlap: an item that starts before the previous one ends is
moved to its end (with a warning naming both). The run sheet's cues go into those slots: the
opening words into the opening (or the first slot), the feedback survey into the closing slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventflow.i18n import _, language
from eventflow.outputs import LABELS, format_time, format_time_range, label
from eventflow.outputs import when as when_text
from eventflow.regions import find_region

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext

# the Swedish names of the regional ETNOs (domain/reference.md §1)
ETNO_SV = {
    "Etelä-Suomen ETNO": "ETNO i södra Finland",
    "Länsi-Suomen ETNO": "ETNO i västra Finland",
    "Pirkanmaan ja Keski-Suomen ETNO": "ETNO i Birkaland och Mellersta Finland",
    "Itä-Suomen ETNO": "ETNO i östra Finland",
    "Pohjanmaan ETNO": "ETNO i Österbotten",
    "Pohjois-Suomen ETNO": "ETNO i norra Finland",
    "Lapin ETNO": "ETNO i Lappland",
}

ITEM_KINDS = {
    "fi": {"opening": "Avaus", "coffee": "Kahvitauko", "lunch": "Lounas",
           "closing": "Päätös", "other": "Ohjelma"},
    "sv": {"opening": "Öppning", "coffee": "Kaffepaus", "lunch": "Lunch",
           "closing": "Avslutning", "other": "Program"},
    "en": {"opening": "Opening", "coffee": "Coffee break", "lunch": "Lunch",
           "closing": "Closing", "other": "Programme"},
}

CUES = {
    "fi": {"open": "Puheenjohtaja toivottaa tervetulleeksi ja esittelee ohjelman",
           "recording": "Kerro, että tilaisuus tallennetaan; yleisöä ei kuvata",
           "speaker": "Esittele puhuja: {name}",
           "panel": "Esittele panelistit; kysymykset on lähetetty etukäteen",
           "break": "Tauko; kerro, milloin ohjelma jatkuu",
           "feedback": "Jaa palautekysely ja pyydä vastaamaan ennen lähtöä",
           "close": "Päätössanat ja kiitokset"},
    "sv": {"open": "Moderatorn hälsar välkommen och presenterar programmet",
           "recording": "Meddela att tillställningen spelas in; publiken filmas inte",
           "speaker": "Presentera talaren: {name}",
           "panel": "Presentera paneldeltagarna; frågorna har skickats på förhand",
           "break": "Paus; berätta när programmet fortsätter",
           "feedback": "Dela ut utvärderingsenkäten och be deltagarna svara före de går",
           "close": "Avslutande ord och tack"},
    "en": {"open": "The moderator welcomes everyone and presents the programme",
           "recording": "Announce that the event is recorded; the audience is not filmed",
           "speaker": "Introduce the speaker: {name}",
           "panel": "Introduce the panelists; the questions were sent in advance",
           "break": "Break; say when the programme continues",
           "feedback": "Hand out the feedback survey and ask people to answer before leaving",
           "close": "Closing words and thanks"},
}

CLOSING_MINUTES = 15  # the closing slot the run sheet adds when the programme has none

WORDS = {
    "fi": {"moderator": "puheenjohtaja", "contact": "yhteyshenkilö",
           "registration": "ilmoittautumisohje",
           "privacy": "tietosuojaselosteen linkki", "deadline": "ilmoittautumisen määräaika",
           "travel": "matkajärjestelyt", "invoicing": "laskutusohje", "venue": "paikka",
           "times": "ohjelman kellonajat", "host": "järjestäjä"},
    "sv": {"moderator": "moderator", "contact": "kontaktperson",
           "registration": "anmälningsanvisning",
           "privacy": "länk till dataskyddsbeskrivningen", "deadline": "sista anmälningsdag",
           "travel": "researrangemang", "invoicing": "faktureringsanvisning", "venue": "plats",
           "times": "programmets tider", "host": "arrangör"},
    "en": {"moderator": "moderator", "contact": "contact person", "registration": "how to register",
           "privacy": "privacy notice link", "deadline": "registration deadline",
           "travel": "travel arrangements", "invoicing": "invoicing instructions",
           "venue": "venue", "times": "programme times", "host": "organiser"},
}


def minutes_of(hhmm: Any) -> int | None:
    try:
        hours, minutes = str(hhmm).replace(".", ":").split(":")[:2]
        return int(hours) * 60 + int(minutes)
    except (ValueError, AttributeError):
        return None


def hhmm(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def _clock(total: int) -> str:
    """A time of the programme as the interface language writes it in a warning: 9.30 (fi,
    sv; the message says klo/kl.), 09:30 (en)."""
    lang = language()
    if lang == "en":
        return hhmm(total)
    return format_time(hhmm(total), lang)


@dataclass
class Slot:
    """One programme item, laid out: ``start``/``end`` in minutes after midnight (None: no
    time recorded anywhere before it)."""

    kind: str                       # a speaker slot kind (expert_talk, panel…) or an item kind
    start: int | None
    end: int | None
    speaker: Any = None             # the Speaker, for speaker slots
    item: Any = None                # the ProgrammeItem, for items without speaker
    cues: list[str] = field(default_factory=list)
    derived: bool = False           # added by the run sheet (a closing slot), not recorded

    @property
    def is_item(self) -> bool:
        return self.speaker is None


def layout(ctx: OutputContext, warn: bool = True) -> list[Slot]:
    """The programme in time order with non-overlapping times (see the module docstring)."""
    entries: list[tuple[int | None, int, int, Any, Any, str]] = []
    for order, sp in enumerate(ctx.event.speakers):
        entries.append((minutes_of(sp.start), int(sp.minutes or 0), order, sp, None, sp.slot))
    for order, item in enumerate(getattr(ctx.event, "programme", []) or []):
        entries.append((minutes_of(item.start), int(item.minutes or 0), 1000 + order, None,
                        item, item.kind))
    entries.sort(key=lambda e: (e[0] is None, e[0] or 0, e[2]))
    explicit = sorted(e[0] for e in entries if e[0] is not None)
    slots: list[Slot] = []
    cursor: int | None = None
    for start, length, _order, speaker, item, kind in entries:
        begin = start if start is not None else cursor
        if begin is not None and cursor is not None and begin < cursor:
            if warn and start is not None:
                before = slots[-1]
                ctx.warn(_("{event}: {slot} starts at {start} but {before} runs until {end}; "
                           "the programme and run sheet move it to {end}").format(
                    event=ctx.event.id, slot=_name(ctx, speaker, item), start=_clock(start),
                    before=_name(ctx, before.speaker, before.item), end=_clock(cursor)))
            begin = cursor
        if begin is None:
            slots.append(Slot(kind, None, None, speaker, item))
            continue
        if length > 0:
            end = begin + length
        else:  # no length recorded: until the next recorded start, else a moment
            later = [s for s in explicit if s > begin]
            end = later[0] if later else begin
        slots.append(Slot(kind, begin, end, speaker, item))
        cursor = end
    return slots


def _name(ctx: OutputContext, speaker: Any, item: Any) -> str:
    if speaker is not None:
        return _("speaker {speaker} ({name})").format(speaker=speaker.id, name=speaker.name)
    return _("programme item {item} ({kind})").format(item=item.id, kind=item.kind)


def run_sheet_slots(ctx: OutputContext, lang: str) -> list[Slot]:
    """The run sheet: the programme's slots with the cues of the day put into them; the
    feedback survey and the closing words into the closing slot (added after the last slot
    when the programme has none)."""
    cues = CUES[lang]
    slots = layout(ctx, warn=False)
    timed = [s for s in slots if s.start is not None]
    if not timed:
        return slots
    first = next((s for s in timed if s.kind == "opening"), timed[0])
    first.cues.append(cues["open"])
    if ctx.event.recording:
        first.cues.append(cues["recording"])
    for slot in timed:
        if slot.kind == "panel":
            slot.cues.append(cues["panel"])
        elif slot.speaker is not None:
            slot.cues.append(cues["speaker"].format(name=slot.speaker.name))
        elif slot.kind in ("coffee", "lunch"):
            slot.cues.append(cues["break"])
    closing = next((s for s in reversed(timed) if s.kind == "closing"), None)
    if closing is None or closing is not timed[-1]:
        end = max(s.end or s.start or 0 for s in timed)
        closing = Slot("closing", end, end + CLOSING_MINUTES, derived=True)
        slots.append(closing)
    closing.cues += [cues["feedback"], cues["close"]]
    return slots


def event_times(ctx: OutputContext) -> tuple[str, str]:
    """First start and last end of the laid-out programme (HH:MM), or empty strings."""
    timed = [s for s in layout(ctx, warn=False) if s.start is not None]
    if not timed:
        return "", ""
    return hhmm(min(s.start for s in timed if s.start is not None)), \
        hhmm(max(s.end or s.start or 0 for s in timed))


def panelist_role(name: str) -> str:
    """A panelist's role as a warning names it (in the interface language)."""
    return _("panelist {name} role").format(name=name)


def role_text(ctx: OutputContext, role: Any, lang: str, where: str) -> str:
    """A panelist's role: a vocabulary role in the reader's language; a free text only in the
    language it was recorded in (else the missing-translation marker)."""
    known = {k for words in LABELS["role"].values() for k in words} | set(LABELS["role"]["fi"])
    values = list(role.values()) if isinstance(role, dict) else [role]
    for value in values:
        if value in known:
            return label("role", value, lang)
    return ctx.text(role, lang, where)


def contact_line(person: Any) -> str:
    if person is None:
        return ""
    if isinstance(person, str):
        return person
    return ", ".join(str(v) for v in (getattr(person, "name", ""), getattr(person, "email", ""),
                                      getattr(person, "phone", "")) if v)


def region_name(ctx: OutputContext, lang: str) -> str:
    found = find_region(ctx.event.region)
    if found is None:
        return ctx.event.region
    return {"fi": found.fi, "sv": found.sv}.get(lang, found.en)


def regional_etno(ctx: OutputContext, lang: str) -> str:
    found = find_region(ctx.event.region)
    if not found or not found.etno:
        return ""
    return ETNO_SV.get(found.etno, found.etno) if lang == "sv" else found.etno


def programme_rows(ctx: OutputContext, lang: str) -> list[dict[str, Any]]:
    """The public programme in ``lang``: time, what, who. No planning notes."""
    rows = []
    for slot in layout(ctx):
        time = format_time_range(hhmm(slot.start), hhmm(slot.end) if slot.end != slot.start
                                 and slot.end is not None else "", lang) \
            if slot.start is not None else ""
        if slot.speaker is not None:
            sp = slot.speaker
            what = label("slot", sp.slot, lang)
            title = ctx.text(sp.title, lang,
                             _("speaker {speaker} title").format(speaker=sp.id))
            if slot.kind == "panel":
                who = ", ".join(
                    f"{p.name} ({role_text(ctx, p.role, lang, panelist_role(p.name))})"
                    for p in ctx.event.panel.panelists)
                if ctx.event.panel.moderator:
                    who += ("; " if who else "") + \
                        f"{WORDS[lang]['moderator']} {ctx.event.panel.moderator}"
            else:
                who = sp.name + (f", {sp.organisation}" if sp.organisation else "")
        else:
            item = slot.item
            what = ITEM_KINDS[lang].get(item.kind, item.kind)
            title = ctx.text(item.title, lang,
                             _("programme item {item} title").format(item=item.id))
            who = ""
        rows.append({"time": time, "what": what, "title": title, "who": who,
                     "kind": slot.kind, "start": slot.start})
    return rows


def when(ctx: OutputContext, lang: str) -> str:
    start, end = event_times(ctx)
    return when_text(ctx.event.date, start, end, lang)


def format_slot_time(ctx: OutputContext, speaker: Any, lang: str) -> str:
    """A speaker's slot as laid out in the programme: 9.15–9.55 (or "" when untimed)."""
    for slot in layout(ctx, warn=False):
        if slot.speaker is speaker and slot.start is not None:
            end = hhmm(slot.end) if slot.end is not None and slot.end != slot.start else ""
            return format_time_range(hhmm(slot.start), end, lang)
    return ""
