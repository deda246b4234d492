"""The event data model: what a planning team records about one training day.

The shapes here are the schema of ``events/<id>/event.toml``. Field order is the order keys are
written in, so files stay stable under git. Unknown keys are refused (a typo would otherwise be
silently ignored); data of plugins lives under ``[ext.<plugin>]``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

SCHEMA_VERSION = 1

ControllerModel = Literal["", "joint", "controller_processor", "single"]

from .vocab import (  # noqa: E402,F401  (re-exported)
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


class _Base(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    pass


class WorkflowPin(_Base, kw_only=True):
    id: str
    version: str
    hash: str


class Host(_Base, kw_only=True):
    """The organisation that organises the event (the planning folder's organisation)."""

    name: str = ""
    type: PartnerType | Literal[""] = ""
    bilingual: bool = False


class Agreement(_Base, kw_only=True):
    date: str = ""
    venue: str = ""
    cost_sharing: str = ""
    programme: str = ""
    invitations_sender: str = ""
    registrations_receiver: str = ""
    controller_model: ControllerModel = ""


class Partner(_Base, kw_only=True):
    id: str
    name: str
    type: PartnerType
    role: str = "co-organiser"
    contact: str = ""


class Organiser(_Base, kw_only=True):
    name: str
    organisation: str = ""
    target_group: str = ""


class Venue(_Base, kw_only=True):
    name: str = ""
    address: str = ""
    capacity: int = 0
    contact: str = ""
    accessibility: list[str] = []


class Cost(_Base, kw_only=True):
    id: str
    category: CostCategory
    amount: float
    description: str = ""
    split: dict[str, float] = {}


class Speaker(_Base, kw_only=True):
    id: str
    name: str
    slot: SlotKind
    organisation: str = ""
    title: str = ""
    target_group: str = ""
    ex_officio: bool = False
    confirmed: bool = False
    fee: float = 0.0
    start: str = ""
    minutes: int = 0
    dimensions: list[Dimension] = []


class Panelist(_Base, kw_only=True):
    name: str
    role: str
    organisation: str = ""


class PanelQuestion(_Base, kw_only=True):
    text: str
    dimensions: list[Dimension] = []
    sent_at: dt.date | None = None  # when this question went to the panelists


class Panel(_Base, kw_only=True):
    format: str = ""
    moderator: str = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the questions were sent for
    panelists: list[Panelist] = []
    questions: list[PanelQuestion] = []


class Invitation(_Base, kw_only=True):
    languages: list[str] = []
    definition: dict[str, str] = {}
    target_groups: list[str] = []
    registration_deadline: dt.date | None = None
    accessibility_info: str = ""
    accessibility_contact: str = ""
    recording_notice: list[str] = []
    webinar_url: str = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the invitation announced


class ItemState(_Base, kw_only=True):
    checked: bool = False
    waived: bool = False
    by: str = ""
    at: dt.datetime | None = None
    note: str = ""


class Event(_Base, kw_only=True):
    schema: int = SCHEMA_VERSION
    id: str
    revision: int = 0
    title: str
    date: dt.date
    region: str
    municipality: str = ""
    languages: list[str] = msgspec.field(default_factory=lambda: ["fi"])
    recording: bool = False
    stage: str
    cancelled_from: str = ""  # the stage a cancelled event was cancelled at
    created: dt.datetime | None = None
    workflow: WorkflowPin
    host: Host = msgspec.field(default_factory=Host)
    agreement: Agreement = msgspec.field(default_factory=Agreement)
    partners: list[Partner] = []
    organisers: list[Organiser] = []
    venue: Venue = msgspec.field(default_factory=Venue)
    costs: list[Cost] = []
    speakers: list[Speaker] = []
    panel: Panel = msgspec.field(default_factory=Panel)
    invitation: Invitation = msgspec.field(default_factory=Invitation)
    items: dict[str, ItemState] = {}
    due: dict[str, dt.date] = {}
    ext: dict[str, dict[str, Any]] = {}

    def item_state(self, item_id: str) -> ItemState:
        return self.items.get(item_id) or ItemState()

    def copy(self) -> Event:
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
