"""The event data model: what a planning team records about one training day.

The shapes here are the schema of ``events/<id>/event.toml``. Field order is the order keys are
written in, so files stay stable under git. Unknown keys are refused (a typo would otherwise be
silently ignored); data of plugins lives under ``[ext.<plugin>]``.

The parts of an event are defined in :mod:`eventflow.event_parts`, its texts' types in
:mod:`eventflow.event_texts`; every name is re-exported here, so import them from this module.
"""

# No `from __future__ import annotations` here: msgspec reads these classes' annotations on the
# first decode of each process, and as strings each is compiled (143 of them: the first event
# decoded took 6-9 ms, against about 1 ms as objects; 2026-11-30). Name a class only after it.
import datetime as dt
from typing import Any

import msgspec

from .event_parts import (
    PROGRAMME_KINDS,
    Agreement,
    Conflict,
    ContactPerson,
    ControllerModel,
    Cost,
    Feedback,
    FeedbackTheme,
    FreeTextQuestion,
    Host,
    Invitation,
    ItemState,
    Organiser,
    Panel,
    Panelist,
    PanelQuestion,
    Partner,
    ProgrammeItem,
    ProgrammeKind,
    Record,
    ScaleQuestion,
    Speaker,
    Venue,
    WorkflowPin,
    contact_from,
)
from .event_texts import (
    CONTROL,
    CONTROL_RE,
    HHMM,
    Lang,
    Line,
    LineTexts,
    LineTextsIn,
    Texts,
    TextsIn,
    as_texts,
    control_character,
    text_in,
)
from .vocab import (
    AGREEMENT_PROSE,
    AGREEMENT_TOPICS,
    COST_CATEGORIES,
    DIMENSIONS,
    LANGUAGES,
    PARTNER_TYPES,
    SLOT_KINDS,
    TARGET_GROUPS,
    CostCategory,
    Dimension,
    PartnerType,
    SlotKind,
)

__all__ = [
    "AGREEMENT_PROSE", "AGREEMENT_TOPICS", "CONTROL", "CONTROL_RE", "COST_CATEGORIES",
    "DIMENSIONS", "HHMM", "LANGUAGES", "PARTNER_TYPES", "PROGRAMME_KINDS", "SCHEMA_VERSION",
    "SLOT_KINDS", "TARGET_GROUPS", "Agreement", "Conflict", "ContactPerson", "ControllerModel",
    "Cost", "CostCategory", "Dimension", "Event", "Feedback", "FeedbackTheme",
    "FreeTextQuestion", "Host", "Invitation", "ItemState", "Lang", "Line", "LineTexts",
    "LineTextsIn", "Organiser", "Panel", "PanelQuestion", "Panelist", "Partner", "PartnerType",
    "ProgrammeItem", "ProgrammeKind", "Record", "ScaleQuestion", "SlotKind", "Speaker", "Texts",
    "TextsIn", "Venue", "WorkflowPin", "as_texts", "contact_from", "control_character",
    "from_data", "text_in", "to_data",
]

SCHEMA_VERSION = 1


class Event(Record, kw_only=True):
    """One training day: everything a planning team records about it
    (``events/<id>/event.toml``). Plugins receive copies; change an event with
    :meth:`eventflow.Engine.change`.

    * ``schema`` — the file format's version; ``id`` — the event's id (a name, e.g.
      ``pirkanmaa-2027-03-18``; it stays when the date changes); ``revision`` — counts saves;
    * ``title``; ``date`` — the event day; ``region`` — one of Finland's 19 regions;
      ``municipality``;
    * ``languages`` — the event's languages (``fi``, ``sv``, ``en``, Sámi ``se``, ``smn``,
      ``sms``); ``recording`` — whether it is recorded;
    * ``stage`` — the stage it stands at, or ``done`` / ``cancelled``;
    * ``created`` — when; ``workflow`` — the :class:`WorkflowPin` it follows;
    * ``host`` (:class:`Host`), ``agreement`` (:class:`Agreement`), ``partners``
      (:class:`Partner`), ``organisers`` (:class:`Organiser`), ``venue`` (:class:`Venue`),
      ``costs`` (:class:`Cost`), ``speakers`` (:class:`Speaker`), ``panel`` (:class:`Panel`),
      ``invitation`` (:class:`Invitation`) — the planning data;
    * ``items`` — item id → :class:`ItemState` of the items ticked or waived;
    * ``due`` — item id → due date, computed from the workflow when the event was created or
      rescheduled;
    * ``ext`` — plugins' data, one table per plugin name (``[ext.<plugin>]``).
    """

    schema: int = SCHEMA_VERSION
    id: str
    revision: int = 0
    title: Line  # one line (a stored title with a line break is read as one: store.eventfile)
    date: dt.date
    region: str
    municipality: Line = ""
    languages: list[str] = msgspec.field(default_factory=lambda: ["fi"])
    recording: bool = False
    stage: str
    cancelled_from: str = ""  # the stage a cancelled event was cancelled at
    created: dt.datetime | None = None
    workflow: WorkflowPin
    host: Host = msgspec.field(default_factory=Host)
    #: The event's contact person (on invitations, letters and e-mails).
    contact: ContactPerson = msgspec.field(default_factory=ContactPerson)
    agreement: Agreement = msgspec.field(default_factory=Agreement)
    partners: list[Partner] = []
    organisers: list[Organiser] = []
    owners: dict[str, list[str]] = {}  # role -> people for this event (people.py)
    venue: Venue = msgspec.field(default_factory=Venue)
    costs: list[Cost] = []
    speakers: list[Speaker] = []
    panel: Panel = msgspec.field(default_factory=Panel)
    invitation: Invitation = msgspec.field(default_factory=Invitation)
    #: Programme items without speakers (opening, coffee, lunch, closing).
    programme: list[ProgrammeItem] = []
    feedback: Feedback = msgspec.field(default_factory=Feedback)
    items: dict[str, ItemState] = {}
    due: dict[str, dt.date] = {}
    ext: dict[str, dict[str, Any]] = {}
    conflicts: list[Conflict] = []  # from a merge of two copies, until resolved (merge.py)

    def __post_init__(self) -> None:
        lang = self.languages[0] if self.languages else "fi"
        inv = self.invitation
        inv.accessibility_info = as_texts(inv.accessibility_info, lang,
                                           "invitation.accessibility_info", one_line=False)
        for topic in AGREEMENT_PROSE:
            setattr(self.agreement, topic, as_texts(getattr(self.agreement, topic), lang,
                                                     f"agreement.{topic}", one_line=False))
        for i, sp in enumerate(self.speakers):
            sp.title = as_texts(sp.title, lang, f"speakers[{i}].title")
        for i, item in enumerate(self.programme):
            item.title = as_texts(item.title, lang, f"programme[{i}].title")
        taken = {p.id for p in self.panel.panelists}
        for n, panelist in enumerate(self.panel.panelists, 1):
            panelist.role = as_texts(panelist.role, lang, f"panel.panelists[{n - 1}].role")
            if not panelist.id:  # older files: numbered in order
                while f"pl{n}" in taken:
                    n += 1
                panelist.id = f"pl{n}"
                taken.add(panelist.id)

    def item_state(self, item_id: str) -> ItemState:
        """The state kept for the item ``item_id`` (ticked, waived, note …), or a fresh
        unticked state when nothing was recorded for it (not stored on the event)."""
        return self.items.get(item_id) or ItemState()

    def copy(self) -> "Event":
        """A deep copy, as read from the same file: what a plugin hook may change freely."""
        return msgspec.convert(to_data(self), Event)


def to_data(event: Event) -> dict[str, Any]:
    """The event as plain TOML-ready data, keys in schema order, defaults left out."""
    raw = msgspec.to_builtins(event, builtin_types=(dt.date, dt.datetime))
    data: dict[str, Any] = {"schema": event.schema, "id": event.id, "revision": event.revision}
    for key, value in raw.items():
        if key not in data and value != {}:
            data[key] = value
    return data


def from_data(data: dict[str, Any]) -> Event:
    """Validate plain data into an Event; raises msgspec.ValidationError with a `$.path`."""
    return msgspec.convert(data, Event)
