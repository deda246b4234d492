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
    """The workflow an event follows, as it was when the event was created (``[workflow]``).

    * ``id`` — the workflow's id, e.g. ``good-relations-training``;
    * ``version`` — its ``[workflow] version`` then;
    * ``hash`` — ``sha256:…`` of its content (with the items plugins added); the copy is kept
      in ``events/.workflows/<hash>.toml`` until ``eventflow migrate`` moves the event on.
    """

    id: str
    version: str
    hash: str


class Host(_Base, kw_only=True):
    """The organisation that organises the event (the planning folder's organisation).

    * ``name`` — its name; ``type`` — ``authority``, ``ngo``, ``community`` or ``employer``;
    * ``bilingual`` — a bilingual authority (then it informs in Finnish and Swedish).
    """

    name: str = ""
    type: PartnerType | Literal[""] = ""
    bilingual: bool = False


class Agreement(_Base, kw_only=True):
    """What the organiser and its partners agreed (``[agreement]``; ``eventflow partner
    agree EVENT TOPIC TEXT``). Each topic is free text, empty until agreed.

    * ``date``, ``venue``, ``cost_sharing``, ``programme``, ``invitations_sender``,
      ``registrations_receiver`` — the agreement's topics (``AGREEMENT_TOPICS``);
    * ``controller_model`` — who controls the registration data: ``joint``,
      ``controller_processor`` or ``single`` (empty until agreed).
    """

    date: str = ""
    venue: str = ""
    cost_sharing: str = ""
    programme: str = ""
    invitations_sender: str = ""
    registrations_receiver: str = ""
    controller_model: ControllerModel = ""


class Partner(_Base, kw_only=True):
    """A partner organisation that co-organises the event (``[[partners]]``).

    * ``id`` — short id used in cost splits, e.g. ``p1``;
    * ``name`` — the organisation's name (one line);
    * ``type`` — ``authority``, ``ngo``, ``community`` or ``employer``;
    * ``role`` — its part, ``co-organiser`` by default;
    * ``contact`` — a contact person, e-mail or phone (one line).
    """

    id: str
    name: str
    type: PartnerType
    role: str = "co-organiser"
    contact: str = ""


class Organiser(_Base, kw_only=True):
    """A person who organises the event (``[[organisers]]``).

    * ``name`` — the person's name;
    * ``organisation`` — where they come from;
    * ``target_group`` — the target group they belong to, if any (people from the target
      group take part in organising: check ``organisers_from_target_group``).
    """

    name: str
    organisation: str = ""
    target_group: str = ""


class Venue(_Base, kw_only=True):
    """Where the event is held (``[venue]``; ``eventflow venue set``).

    * ``name``, ``address``, ``contact`` — text, empty until recorded;
    * ``capacity`` — how many people fit (0: not recorded);
    * ``accessibility`` — what makes it accessible, e.g. ``["step_free", "hearing_loop"]``.
    """

    name: str = ""
    address: str = ""
    capacity: int = 0
    contact: str = ""
    accessibility: list[str] = []


class Cost(_Base, kw_only=True):
    """One budget line (``[[costs]]``; ``eventflow cost add``).

    * ``id`` — short id, e.g. ``c1``;
    * ``category`` — ``venue``, ``catering``, ``speaker_fee``, ``travel`` or ``other``;
    * ``amount`` — in euros;
    * ``description`` — free text;
    * ``split`` — who pays which share, in per cent: ``{"host": 50, "p1": 50}`` (``host`` is
      the organiser, the other keys are partner ids); the shares add up to 100.
    """

    id: str
    category: CostCategory
    amount: float
    description: str = ""
    split: dict[str, float] = {}


class Speaker(_Base, kw_only=True):
    """A speaker or programme slot (``[[speakers]]``; ``eventflow speaker add``).

    * ``id`` — short id, e.g. ``s1``; ``name`` — the person (or ``Panel``);
    * ``slot`` — ``expert_talk``, ``region_talk``, ``comment_talk``, ``panel`` or ``showcase``;
    * ``organisation``, ``title`` — where they come from and their title;
    * ``target_group`` — the target group they speak for, if any;
    * ``ex_officio`` — speaks as part of their office (then no fee);
    * ``confirmed`` — has confirmed; ``fee`` — in euros (0: none);
    * ``start`` — ``HH:MM``; ``minutes`` — length of the slot;
    * ``dimensions`` — which of ``attitudes``, ``safety``, ``interaction``, ``participation``
      the talk covers.
    """

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
    """A member of the panel (``[[panel.panelists]]``).

    * ``name`` — the person; ``role`` — e.g. police, councillor, NGO worker;
    * ``organisation`` — where they come from.
    """

    name: str
    role: str
    organisation: str = ""


class PanelQuestion(_Base, kw_only=True):
    """A question or theme for the panel (``[[panel.questions]]``).

    * ``text`` — the question; ``dimensions`` — the dimensions it covers.
    """

    text: str
    dimensions: list[Dimension] = []
    sent_at: dt.date | None = None  # when this question went to the panelists


class Panel(_Base, kw_only=True):
    """The panel discussion (``[panel]``).

    * ``format`` — how it is run, free text; ``moderator`` — who moderates;
    * ``sent_at`` — the day the questions were sent to the panelists (``None``: not yet);
    * ``panelists``, ``questions`` — lists of :class:`Panelist` and :class:`PanelQuestion`.
    """

    format: str = ""
    moderator: str = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the questions were sent for
    panelists: list[Panelist] = []
    questions: list[PanelQuestion] = []


class Invitation(_Base, kw_only=True):
    """The invitation (``[invitation]``; ``eventflow invitation set`` / ``sent``).

    * ``languages`` — the languages it is written in, e.g. ``["fi", "sv"]``;
    * ``definition`` — per language, what good population relations mean;
    * ``target_groups`` — the groups invited (``TARGET_GROUPS``);
    * ``registration_deadline`` — the last day to register (``None``: not set);
    * ``accessibility_info``, ``accessibility_contact`` — accessibility information and the
      person to ask;
    * ``recording_notice`` — where a recording is announced, e.g. ``["form",
      "confirmation"]``;
    * ``webinar_url`` — for events followed online;
    * ``sent_at`` — the day it was sent (``None``: not yet).
    """

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
    """The state of one checklist item (``[items.<item id>]``).

    * ``checked`` — ticked by a person; ``waived`` — set aside with a note;
    * ``by`` — who did it; ``at`` — when; ``note`` — why, or what was done.
    """

    checked: bool = False
    waived: bool = False
    by: str = ""
    at: dt.datetime | None = None
    note: str = ""


class Event(_Base, kw_only=True):
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
