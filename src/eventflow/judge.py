"""The judgement of an event: one verdict, as of a day, that every command reads.

:func:`judge` takes an event, its workflow and the items' evaluations (checklist.py) and gives
each requirement of every stage one state:

``kept``
    ticked, or its check passes (or does not apply to this event);
``waived``
    skipped on purpose, with who and why (only items the workflow lets be waived);
``not yet due``
    open, and neither its due date has passed nor its stage been left;
``broken``
    a required item that is open past its due date, or whose stage the event has left (then
    it is a *regression*: reality changed after the stage was left);
``advice not followed``
    an advice item (``required = false``) still open after its due date.

The verdict also says from which day the current stage may be left (a stage's
``leave_from``) and from which day each item may be ticked (an item's ``opens``). `why`,
`advance`, `status`, `next`, `policy check`, the outputs and the caches all read it, so no two
commands can disagree about an event.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

import msgspec

from .datetext import day
from .i18n import N_, _
from .schedule import due_date
from .workflow import CANCELLED, DONE

if TYPE_CHECKING:
    from .checklist import ItemStatus
    from .event import Event
    from .workflow import Item, Workflow

KEPT = "kept"
WAIVED = "waived"
NOT_DUE = "not yet due"
BROKEN = "broken"
ADVICE = "advice not followed"
STATES = (KEPT, WAIVED, NOT_DUE, BROKEN, ADVICE)

_EVENT_WORD = re.compile(r"(eventflow [a-z_-]+(?: [a-z_-]+)?) EVENT\b")
_QUOTED_COMMAND = re.compile(r"`(eventflow [^`]+)`")
_BRACKETED_COMMAND = re.compile(r"\((eventflow [^)]+)\)")
_ITEM_WORD = re.compile(r"\bITEM\b")


def with_event_id(text: str, event_id: str) -> str:
    """``text`` with the placeholder of a suggested command (``eventflow partner add EVENT``)
    replaced by the real event id."""
    if "EVENT" not in text:  # most reasons name no command: judging thousands stays quick
        return text
    return event_id.join(_around_event_word(text))


@functools.lru_cache(maxsize=1024)
def _around_event_word(text: str) -> tuple[str, ...]:
    """``text`` cut where :func:`with_event_id` puts the event id: each placeholder's
    ``EVENT`` left out. Reasons repeat from event to event (``not ticked yet (eventflow check
    EVENT ITEM)``), so each is searched once, not once an event (a regex substitution each:
    0.13 s of re-judging 1,000 events, cProfile, 2026-11-30)."""
    parts, start = [], 0
    for match in _EVENT_WORD.finditer(text):
        parts.append(text[start:match.end(1) + 1])  # the command and its space
        start = match.end()
    parts.append(text[start:])
    return tuple(parts)


# a struct, not a dataclass: made in C at import, not compiled (see workflow.py)
class Requirement(msgspec.Struct, frozen=True):
    """The verdict on one checklist item."""

    item: Item
    state: str
    reason: str
    due: dt.date | None
    opens: dt.date | None
    reached: bool  #: its stage is the current one or one the event has left
    regression: bool  #: required, its stage was left, and it is no longer met
    fix: str
    status: ItemStatus

    @property
    def met(self) -> bool:
        """Whether the item is kept or waived."""
        return self.state in (KEPT, WAIVED)

    @property
    def blocking(self) -> bool:
        """Whether it holds the event at its stage (or, as a regression, from moving on)."""
        return self.item.required and not self.met and (self.reached or self.regression)

    def overdue(self, today: dt.date) -> bool:
        """Whether the item is open and its due date is before ``today``."""
        return not self.met and self.due is not None and self.due < today

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The item's evaluation (labels in ``lang``) with its state, reason, fix and the
        day it opens, as ``status EVENT --json`` prints items (docs/json.md)."""
        data = self.status.to_json(lang)
        data.update({"state": self.state, "reason": self.reason, "regression": self.regression,
                     "reached": self.reached, "fix": self.fix or None,
                     "opens": self.opens.isoformat() if self.opens else None})
        return data


class Verdict(msgspec.Struct):
    """Every requirement of an event as of ``today``, and what holds it where it is."""

    event_id: str
    stage: str  #: the current stage; for a cancelled event the stage it was cancelled at
    status: str  #: "active", "done" or "cancelled"
    today: dt.date
    stage_ids: list[str]
    requirements: list[Requirement]
    leave_from: dt.date | None = None  #: the current stage may not be left before this day
    vetoes: list[Any] = msgspec.field(default_factory=list)  #: plugin vetoes (engine.Blocker)

    @property
    def stage_number(self) -> int:
        """The stage's place in the workflow, from 1 (past the last stage when done)."""
        if self.stage in self.stage_ids:
            return self.stage_ids.index(self.stage) + 1
        return len(self.stage_ids)

    @property
    def regressions(self) -> list[Requirement]:
        """Requirements of stages already left that no longer hold."""
        return [r for r in self.requirements if r.regression]

    @property
    def current(self) -> list[Requirement]:
        """The requirements of the current stage."""
        return [r for r in self.requirements if r.item.stage == self.stage]

    @property
    def unmet_here(self) -> list[Requirement]:
        """Required items of the current stage that are not met (kept or waived)."""
        if self.status != "active":
            return []
        return [r for r in self.current if r.item.required and not r.met]

    @property
    def too_early(self) -> bool:
        """Whether the current stage may not be left yet on this day (``leave_from``)."""
        return self.leave_from is not None and self.today < self.leave_from

    @property
    def can_leave(self) -> bool:
        """Whether ``advance`` would succeed: active, no regression, every required item of
        the stage met, not too early and no plugin veto."""
        return (self.status == "active" and not self.regressions and not self.unmet_here
                and not self.too_early and not self.vetoes)

    def overdue(self) -> list[Requirement]:
        """Open requirements whose due date is before the verdict's day."""
        return [r for r in self.requirements if r.overdue(self.today)]

    def by_state(self, state: str) -> list[Requirement]:
        """The requirements in ``state`` (one of :data:`STATES`)."""
        return [r for r in self.requirements if r.state == state]


def stage_position(workflow: Workflow, event: Event) -> tuple[str, str]:
    """The stage an event is judged at and its status: an active event at its stage, a done
    event past the last stage, a cancelled one at the stage it was cancelled at."""
    if event.stage == DONE:
        return DONE, "done"
    if event.stage == CANCELLED:
        held = event.cancelled_from if event.cancelled_from in workflow.stage_ids else ""
        return held or workflow.stage_ids[-1], "cancelled"
    return event.stage, "active"


def judge(workflow: Workflow, event: Event, statuses: list[ItemStatus],
          today: dt.date) -> Verdict:
    """Judge ``event`` as of ``today`` from the evaluations of all its workflow's items."""
    stage, status = stage_position(workflow, event)
    order = workflow.stage_ids
    here = order.index(stage) if stage in order else len(order)
    requirements = []
    for s in statuses:
        item = s.item
        position = order.index(item.stage)
        left = position < here or (status == "done")
        reached = position <= here
        opens = due_date(event.date, item.opens, working=False) if item.opens else None
        waived = s.state.waived and item.waivable
        if waived:
            state = WAIVED
        elif s.ok:
            state = KEPT
        elif item.required and (left or (s.due is not None and s.due < today)):
            state = BROKEN
        elif not item.required and s.due is not None and s.due < today:
            state = ADVICE
        else:
            state = NOT_DUE
        regression = item.required and left and state == BROKEN and status != "cancelled"
        reason = with_event_id(s.reason, event.id)
        if "ITEM" in reason:  # a tickable check's `eventflow check EVENT ITEM`
            reason = _ITEM_WORD.sub(item.id, reason)
        if not s.ok and opens is not None:  # said whatever the day, so caches can keep it
            opening = _("can be ticked from {date}").format(date=day(opens))
            reason = f"{reason}; {opening}" if reason else opening
        requirements.append(Requirement(item, state, reason, s.due, opens, reached, regression,
                                        _fix(event.id, item, s, reason), s))
    stage_obj = workflow.stage(stage) if stage in order else None
    leave_from = (due_date(event.date, stage_obj.leave_from, working=False)
                  if stage_obj is not None and stage_obj.leave_from is not None
                  and status == "active" else None)
    return Verdict(event.id, stage, status, today, list(order), requirements, leave_from)


def _fix(event_id: str, item: Item, status: ItemStatus, reason: str) -> str:
    """The command that fixes an unmet item, with the real event id."""
    if status.ok:
        return ""
    if item.check is None:
        return f"eventflow check {event_id} {item.id}"
    if "eventflow " in reason:
        quoted = _QUOTED_COMMAND.search(reason) or _BRACKETED_COMMAND.search(reason)
        if quoted:  # ITEM: the item a tickable check asks to tick (it knows no item id)
            command = quoted.group(1)  # re.sub with a text costs even with nothing to put in
            return _ITEM_WORD.sub(item.id, command) if "ITEM" in command else command
    return f"eventflow why {event_id}"


#: The states as people read them (the JSON keeps the English values above).
STATE_TEXTS = {KEPT: N_("kept"), WAIVED: N_("waived"), NOT_DUE: N_("not yet due"),
               BROKEN: N_("broken"), ADVICE: N_("advice not followed")}


def state_text(state: str) -> str:
    """``state`` in the interface language."""
    return _(STATE_TEXTS[state]) if state in STATE_TEXTS else state
