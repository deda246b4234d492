"""The event data model: what a planning team records about one training day.

The shapes here are the schema of ``events/<id>/event.toml``. Field order is the order keys are
written in, so files stay stable under git. Unknown keys are refused (a typo would otherwise be
silently ignored); data of plugins lives under ``[ext.<plugin>]``.
"""

# No `from __future__ import annotations` here: msgspec reads these classes' annotations on the
# first decode of each process, and as strings each is compiled (143 of them: the first event
# decoded took 6-9 ms, against about 1 ms as objects; 2026-11-30). Name a class only after it.
import datetime as dt
import re
from typing import Annotated, Any, Literal

import msgspec

from .vocab import (  # noqa: F401  (re-exported)
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

SCHEMA_VERSION = 1

ControllerModel = Literal["", "joint", "controller_processor", "single"]


class _Base(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    pass


# one-line and per-language texts -------------------------------------------------------------
#: Characters a one-line text (a name, title, role, organisation) may not hold: C0 and C1
#: control characters (line breaks, tabs, escape sequences) and Unicode line separators.
CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
_CONTROL_RE = re.compile(f"[{CONTROL}]")

#: A one-line text. The model refuses a control character or a line break in it, whatever
#: writes the event (a command, a plugin, a hand-edited file).
Line = Annotated[str, msgspec.Meta(pattern=f"\\A[^{CONTROL}]*\\Z")]

#: A language code of a text (the event languages eventflow knows).
Lang = Literal["fi", "sv", "en", "se", "smn", "sms"]

#: A free text per language, ``{fi = "…", sv = "…"}``. A text is shown only in the documents
#: of its own language.
Texts = dict[Lang, str]
#: A one-line text per language (a title, a role).
LineTexts = dict[Lang, Line]
# An older file holds one plain string where a per-language table is now written: both are
# read, and the string is taken to be in the event's first language (Event.__post_init__).
# (The plain string is not annotated with the pattern of Line: msgspec 0.22 corrupts memory
# with a constrained str in a union with a dict; __post_init__ checks it instead.)
_TextsIn = str | Texts
_LineTextsIn = str | LineTexts


def control_character(text: str) -> str | None:
    """The first control character or line break in ``text`` (shown escaped), or None."""
    found = _CONTROL_RE.search(text)
    return None if found is None else repr(found.group())[1:-1]


def text_in(texts: dict[str, str] | str, lang: str) -> str:
    """The text in ``lang``, or "" (a text is never shown in another language)."""
    if isinstance(texts, str):
        return texts
    return texts.get(lang, "")  # type: ignore[call-overload, no-any-return]


def _as_texts(value: Any, lang: str, where: str, one_line: bool = True) -> Any:
    if isinstance(value, str):
        if one_line and (bad := control_character(value)):
            from .i18n import _

            raise ValueError(_("{where} holds a control character or line break ('{bad}'); "
                               "write it on one line").format(where=where, bad=bad))
        return {lang: value} if value else {}
    return value


class ContactPerson(_Base, kw_only=True):
    """A contact person: name, e-mail, phone (each may be empty)."""

    name: Line = ""
    email: Line = ""
    phone: Line = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.email or self.phone)

    def __str__(self) -> str:
        return ", ".join(v for v in (self.name, self.email, self.phone) if v)


_EMAIL_IN = re.compile(r"[^\s<>,;()]+@[^\s<>,;()]+")


def _contact_from(value: Any) -> Any:
    """An older file's contact as one text ("Maija Mäki, maija@example.fi"): the e-mail
    address is taken out, the rest is the name."""
    if not isinstance(value, str):
        return value
    if bad := control_character(value):
        from .i18n import _

        raise ValueError(_("the contact holds a control character or line break "
                           "('{bad}')").format(bad=bad))
    found = _EMAIL_IN.search(value)
    email = found.group() if found else ""
    name = (value[:found.start()] + value[found.end():]) if found else value
    return ContactPerson(name=name.strip(" ,;<>()"), email=email)


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
    #: prose, per language (``eventflow partner agree … --lang sv``; an older file's one text:
    #: the event's first language)
    cost_sharing: _TextsIn = {}
    programme: _TextsIn = {}
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
    name: Line
    type: PartnerType
    role: Line = "co-organiser"
    #: The partner's contact person (an older file's one text is read as name and e-mail).
    contact: ContactPerson | str = msgspec.field(default_factory=ContactPerson)

    def __post_init__(self) -> None:
        self.contact = _contact_from(self.contact)


class Organiser(_Base, kw_only=True):
    """A person who organises the event (``[[organisers]]``).

    * ``name`` — the person's name;
    * ``organisation`` — where they come from;
    * ``target_group`` — the target group they belong to, if any (people from the target
      group take part in organising: check ``organisers_from_target_group``).
    """

    name: Line
    organisation: Line = ""
    target_group: str = ""


class Venue(_Base, kw_only=True):
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
    description: Line = ""
    split: dict[str, float] = {}


HHMM = Annotated[str, msgspec.Meta(pattern=r"\A(|([01][0-9]|2[0-3]):[0-5][0-9])\Z")]


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
    name: Line
    slot: SlotKind
    organisation: Line = ""
    #: The talk's title per language (an older file's one text: the event's first language).
    title: _LineTextsIn = {}
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


class Panelist(_Base, kw_only=True):
    """A member of the panel (``[[panel.panelists]]``).

    * ``id`` — short id (``eventflow panel panelist edit``);
    * ``name`` — the person; ``role`` — e.g. police, councillor, NGO worker (per language);
    * ``organisation`` — where they come from; ``email`` — to address the panel letter.
    """

    id: str = ""
    name: Line
    #: The panelist's role per language; a vocabulary role ("police") is translated in the
    #: documents, a free text is shown only in the language it was recorded in.
    role: _LineTextsIn
    organisation: Line = ""
    email: Line = ""


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

    format: Line = ""
    moderator: Line = ""
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
    #: Where to register: a web form (https://…) and/or an e-mail address.
    registration_url: Line = ""
    registration_email: Line = ""
    #: Link to the privacy notice (tietosuojaseloste) of the registrations.
    privacy_url: Line = ""
    #: Accessibility information per language (an older file's one text: first language).
    accessibility_info: _TextsIn = {}
    accessibility_contact: Line = ""
    recording_notice: list[str] = []
    webinar_url: Line = ""
    sent_at: dt.date | None = None
    sent_for: dt.date | None = None  # the event day the invitation announced


ProgrammeKind = Literal["opening", "coffee", "lunch", "closing", "other"]
PROGRAMME_KINDS: tuple[str, ...] = ("opening", "coffee", "lunch", "closing", "other")


class ProgrammeItem(_Base, kw_only=True):
    """A programme item without a speaker: an opening, a break, lunch, the closing."""

    id: str
    kind: ProgrammeKind
    start: HHMM = ""
    minutes: int = 0
    #: The item's title per language (empty: the documents name the kind).
    title: _LineTextsIn = {}


class ScaleQuestion(_Base, kw_only=True):
    """Answers to one 1–5 scale question of the feedback survey, as aggregates only."""

    key: str
    question: Line
    answers: int = 0
    mean: float = 0.0
    #: How many answered each value: {"1": n, …, "5": n}.
    distribution: dict[str, int] = {}


class FeedbackTheme(_Base, kw_only=True):
    """How many free-text answers of one column mention a theme (a keyword stem)."""

    theme: str
    count: int


class FreeTextQuestion(_Base, kw_only=True):
    """One free-text question of the feedback survey: how many answered and the themes their
    answers mention (never the answers themselves)."""

    key: str
    question: Line
    answers: int = 0
    themes: list[FeedbackTheme] = []


class Feedback(_Base, kw_only=True):
    """Aggregates of the feedback survey (`eventflow feedback import`): counts, means,
    distributions and keyword themes. Never names, e-mail addresses or the answers."""

    source: Line = ""
    imported: dt.datetime | None = None
    responses: int = 0
    scales: list[ScaleQuestion] = []
    free_texts: list[FreeTextQuestion] = []
    ignored_columns: list[str] = []


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


class Conflict(_Base, kw_only=True):
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
        inv.accessibility_info = _as_texts(inv.accessibility_info, lang,
                                           "invitation.accessibility_info", one_line=False)
        for topic in AGREEMENT_PROSE:
            setattr(self.agreement, topic, _as_texts(getattr(self.agreement, topic), lang,
                                                     f"agreement.{topic}", one_line=False))
        for i, sp in enumerate(self.speakers):
            sp.title = _as_texts(sp.title, lang, f"speakers[{i}].title")
        for i, item in enumerate(self.programme):
            item.title = _as_texts(item.title, lang, f"programme[{i}].title")
        taken = {p.id for p in self.panel.panelists}
        for n, panelist in enumerate(self.panel.panelists, 1):
            panelist.role = _as_texts(panelist.role, lang, f"panel.panelists[{n - 1}].role")
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
