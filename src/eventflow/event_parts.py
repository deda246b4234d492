"""The parts of an event: the tables and lists of ``events/<id>/event.toml`` below
:class:`eventflow.event.Event` (its host, partners, venue, costs, speakers, panel, invitation,
programme, feedback, checklist states and merge conflicts).

Field order is the order keys are written in; unknown keys are refused. Part of the model layer:
:mod:`eventflow.event` re-exports every name, import them from there.
"""

# No `from __future__ import annotations`: msgspec reads the annotations (see event.py).
import datetime as dt
import re
from typing import Any, Literal

import msgspec

from .event_texts import HHMM, Lang, Line, LineTextsIn, Texts, TextsIn, control_character
from .i18n import _
from .vocab import CostCategory, Dimension, PartnerType, SlotKind

ControllerModel = Literal["", "joint", "controller_processor", "single"]


class Record(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """The base of every table of an event file: unknown keys are refused (a typo would be
    silently ignored otherwise), default values are left out when written, fields are given
    by keyword."""


class ContactPerson(Record, kw_only=True):
    """A contact person: name, e-mail, phone (each may be empty)."""

    name: Line = ""
    email: Line = ""
    phone: Line = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.email or self.phone)

    def __str__(self) -> str:
        return ", ".join(v for v in (self.name, self.email, self.phone) if v)



_EMAIL_IN = re.compile(r"[^\s<>,;()]+@[^\s<>,;()]+")


def contact_from(value: Any) -> Any:
    """An older file's contact as one text ("Maija Mäki, maija@example.fi") as a
    :class:`ContactPerson`: the e-mail address is taken out, the rest is the name.

    Called when a partner is read and when a command records a contact given as one text.
    A value that is not a string is returned as it is. Raises ValueError when the text holds a
    control character or line break.
    """
    if not isinstance(value, str):
        return value
    if bad := control_character(value):
        raise ValueError(_("the contact holds a control character or line break "
                           "('{bad}')").format(bad=bad))
    found = _EMAIL_IN.search(value)
    email = found.group() if found else ""
    name = (value[:found.start()] + value[found.end():]) if found else value
    return ContactPerson(name=name.strip(" ,;<>()"), email=email)


class WorkflowPin(Record, kw_only=True):
    """The workflow an event follows, as it was when the event was created (``[workflow]``).

    * ``id`` — the workflow's id, e.g. ``good-relations-training``;
    * ``version`` — its ``[workflow] version`` then;
    * ``hash`` — ``sha256:…`` of its content (with the items plugins added); the copy is kept
      in ``events/.workflows/<hash>.toml`` until ``eventflow migrate`` moves the event on.
    """

    id: str
    version: str
    hash: str


class Host(Record, kw_only=True):
    """The organisation that organises the event (the planning folder's organisation).

    * ``name`` — its name; ``type`` — ``authority``, ``ngo``, ``community`` or ``employer``;
    * ``bilingual`` — a bilingual authority (then it informs in Finnish and Swedish).
    """

    name: Line = ""
    type: PartnerType | Literal[""] = ""
    bilingual: bool = False


class Agreement(Record, kw_only=True):
    """What the organiser and its partners agreed (``[agreement]``; ``eventflow partner
    agree EVENT TOPIC TEXT``). Each topic is free text, empty until agreed.

    * ``date``, ``venue``, ``cost_sharing``, ``programme``, ``invitations_sender``,
      ``registrations_receiver`` — the agreement's topics (``AGREEMENT_TOPICS``);
    * ``controller_model`` — who controls the registration data: ``joint``,
      ``controller_processor`` or ``single`` (empty until agreed).
    """

    date: str = ""
    venue: str = ""
    #: prose, per language (``eventflow partner agree … --lang sv``; an older file's one text:
    #: the event's first language)
    cost_sharing: TextsIn = {}
    programme: TextsIn = {}
    invitations_sender: Line = ""  # an organisation's name
    registrations_receiver: Line = ""
    controller_model: ControllerModel = ""


class Partner(Record, kw_only=True):
    """A partner organisation that co-organises the event (``[[partners]]``).

    * ``id`` — short id used in cost splits, e.g. ``p1``;
    * ``name`` — the organisation's name (one line);
    * ``type`` — ``authority``, ``ngo``, ``community`` or ``employer``;
    * ``role`` — its part, ``co-organiser`` by default;
    * ``contact`` — a contact person, e-mail or phone (one line).
    """

    id: str
    name: Line
    type: PartnerType
    role: Line = "co-organiser"
    #: The partner's contact person (an older file's one text is read as name and e-mail).
    contact: ContactPerson | str = msgspec.field(default_factory=ContactPerson)

    def __post_init__(self) -> None:
        self.contact = contact_from(self.contact)


class Organiser(Record, kw_only=True):
    """A person who organises the event (``[[organisers]]``).

    * ``name`` — the person's name;
    * ``organisation`` — where they come from;
    * ``target_group`` — the target group they belong to, if any (people from the target
      group take part in organising: check ``organisers_from_target_group``).
    """

    name: Line
    organisation: Line = ""
    target_group: str = ""


class Venue(Record, kw_only=True):
    """Where the event is held (``[venue]``; ``eventflow venue set``).

    * ``name``, ``address``, ``contact`` — text, empty until recorded;
    * ``capacity`` — how many people fit (0: not recorded);
    * ``accessibility`` — what makes it accessible, e.g. ``["step_free", "hearing_loop"]``.
    """

    name: Line = ""
    address: str = ""
    capacity: int = 0
    contact: Line = ""
    accessibility: list[str] = []


class Cost(Record, kw_only=True):
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
    description: Line = ""
    split: dict[str, float] = {}



class Speaker(Record, kw_only=True):
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
    name: Line
    slot: SlotKind
    organisation: Line = ""
    #: The talk's title per language (an older file's one text: the event's first language).
    title: LineTextsIn = {}
    target_group: str = ""
    ex_officio: bool = False
    confirmed: bool = False
    fee: float = 0.0
    start: HHMM = ""
    minutes: int = 0
    dimensions: list[Dimension] = []
    #: Languages the speaker speaks in (event language codes).
    languages: list[Lang] = []
    email: Line = ""
    phone: Line = ""
    #: What was agreed on travel (who books, what is reimbursed), per language.
    travel: Texts = {}
    #: How the speaker invoices the fee (to whom, reference, by when), per language.
    invoicing: Texts = {}


class Panelist(Record, kw_only=True):
    """A member of the panel (``[[panel.panelists]]``).

    * ``id`` — short id (``eventflow panel panelist edit``);
    * ``name`` — the person; ``role`` — e.g. police, councillor, NGO worker (per language);
    * ``organisation`` — where they come from; ``email`` — to address the panel letter.
    """

    id: str = ""
    name: Line
    #: The panelist's role per language; a vocabulary role ("police") is translated in the
    #: documents, a free text is shown only in the language it was recorded in.
    role: LineTextsIn
    organisation: Line = ""
    email: Line = ""


class PanelQuestion(Record, kw_only=True):
    """A question or theme for the panel (``[[panel.questions]]``).

    * ``text`` — the question; ``dimensions`` — the dimensions it covers.
    """

    text: str
    dimensions: list[Dimension] = []
    sent_at: dt.date | None = None  # when this question went to the panelists


class Panel(Record, kw_only=True):
    """The panel discussion (``[panel]``).

    * ``format`` — how it is run, free text; ``moderator`` — who moderates;
    * ``sent_at`` — the day the questions were sent to the panelists (``None``: not yet);
    * ``panelists``, ``questions`` — lists of :class:`Panelist` and :class:`PanelQuestion`.
    """

    format: Line = ""
    moderator: Line = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the questions were sent for
    panelists: list[Panelist] = []
    questions: list[PanelQuestion] = []


class Invitation(Record, kw_only=True):
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
    #: Where to register: a web form (https://…) and/or an e-mail address.
    registration_url: Line = ""
    registration_email: Line = ""
    #: Link to the privacy notice (tietosuojaseloste) of the registrations.
    privacy_url: Line = ""
    #: Accessibility information per language (an older file's one text: first language).
    accessibility_info: TextsIn = {}
    accessibility_contact: Line = ""
    recording_notice: list[str] = []
    webinar_url: Line = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the invitation announced


ProgrammeKind = Literal["opening", "coffee", "lunch", "closing", "other"]
PROGRAMME_KINDS: tuple[str, ...] = ("opening", "coffee", "lunch", "closing", "other")


class ProgrammeItem(Record, kw_only=True):
    """A programme item without a speaker: an opening, a break, lunch, the closing."""

    id: str
    kind: ProgrammeKind
    start: HHMM = ""
    minutes: int = 0
    #: The item's title per language (empty: the documents name the kind).
    title: LineTextsIn = {}


class ScaleQuestion(Record, kw_only=True):
    """Answers to one 1–5 scale question of the feedback survey, as aggregates only."""

    key: str
    question: Line
    answers: int = 0
    mean: float = 0.0
    #: How many answered each value: {"1": n, …, "5": n}.
    distribution: dict[str, int] = {}


class FeedbackTheme(Record, kw_only=True):
    """How many free-text answers of one column mention a theme (a keyword stem)."""

    theme: str
    count: int


class FreeTextQuestion(Record, kw_only=True):
    """One free-text question of the feedback survey: how many answered and the themes their
    answers mention (never the answers themselves)."""

    key: str
    question: Line
    answers: int = 0
    themes: list[FeedbackTheme] = []


class Feedback(Record, kw_only=True):
    """Aggregates of the feedback survey (`eventflow feedback import`): counts, means,
    distributions and keyword themes. Never names, e-mail addresses or the answers."""

    source: Line = ""
    imported: dt.datetime | None = None
    responses: int = 0
    scales: list[ScaleQuestion] = []
    free_texts: list[FreeTextQuestion] = []
    ignored_columns: list[str] = []


class ItemState(Record, kw_only=True):
    """The state of one checklist item (``[items.<item id>]``).

    * ``checked`` — ticked by a person; ``waived`` — set aside with a note;
    * ``by`` — who did it; ``at`` — when; ``note`` — why, or what was done.
    """

    checked: bool = False
    waived: bool = False
    by: str = ""
    at: dt.datetime | None = None
    note: str = ""


class Conflict(Record, kw_only=True):
    """Both sides of a merge changed one value differently (eventflow.merge): the event keeps
    ``ours`` until ``eventflow resolve`` settles it; a side with no value has none here."""

    path: str
    base: Any = None
    ours: Any = None
    theirs: Any = None
    ours_by: str = ""
    ours_at: str = ""
    theirs_by: str = ""
    theirs_at: str = ""

