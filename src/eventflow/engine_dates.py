"""An event's dates: every item's due date counted back from the event day (moved to working
days unless the planning folder says not to), the due dates that move, and ``reschedule`` with
everything a new date makes impossible or stale.

:func:`reschedule` and :func:`reschedule_consequences` are
:class:`~eventflow.engine.Engine` methods (the class binds them)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec

from .datetext import day as day_text
from .engine_results import Outcome
from .errors import InvalidInput
from .event import Event
from .i18n import _
from .schedule import due_date, today
from .workflow import Workflow

if TYPE_CHECKING:
    from .engine import Engine


def compute_due(workflow: Workflow, date: dt.date, working: bool = True) -> dict[str, dt.date]:
    """Every item's due date for an event on ``date`` (moved to working days unless
    ``working`` is false)."""
    return {item.id: due_date(date, item.due, working=working) for item in workflow.items()}



def due_moves(old: dict[str, dt.date], new: dict[str, dt.date]) -> list[dict[str, Any]]:
    """The due dates that change: item, from (or None for a new item), to."""
    return [{"item": item_id, "from": old[item_id].isoformat() if item_id in old else None,
             "to": day.isoformat()} for item_id, day in new.items() if old.get(item_id) != day]


def reschedule(engine: Engine, name: str, date: dt.date, dry_run: bool, *, force: bool = False,
               reason: str = "") -> Outcome:
    """Move an event to ``date``: due dates follow; the id stays (ids are names).

    Refused for a date before today unless ``force`` (with a ``reason``, recorded). The
    outcome's ``details`` list the due dates that move and, under ``consequences``,
    everything the new date makes impossible or stale (a registration deadline after the
    event, items now overdue, invitations or panel questions sent with the old date)."""
    event = engine.load(name)
    workflow = engine.workflow_for(event)
    day = today()
    order = workflow.stage_ids
    held = [st.id for st in workflow.stages if st.leave_from is not None
            and event.stage in order and order.index(event.stage) > order.index(st.id)]
    if held:
        raise InvalidInput(_("{event} has left '{stage}', which happens on the event day "
                             "{date}: a held event keeps its date; reopen '{stage}' first if "
                             "the day really moves").format(event=event.id, stage=held[-1],
                                                            date=day_text(event.date)))
    if date < day and not force:
        raise InvalidInput(_("{date} is in the past (today is {today}); to record an event "
                             "that already took place on another day, force it with a "
                             "reason").format(date=day_text(date), today=day_text(day)),
                           retry_with="force")
    if force and date < day and not reason.strip():
        raise InvalidInput(_("a reschedule into the past needs a reason (kept in the "
                             "history)"), retry_with="reason")
    new_due = compute_due(workflow, date, engine.working_days)
    moves = due_moves(event.due, new_due)
    moved = msgspec.structs.replace(event, date=date, due=new_due)
    consequences = engine._reschedule_consequences(event, moved, day)
    details = {"from": event.date.isoformat(), "to": date.isoformat(), "moves": moves,
               "consequences": consequences}
    if dry_run:
        return Outcome(event, details=details)

    def mutate(ev: Event) -> None:
        ev.date = date
        ev.due = new_due

    record = {"from": details["from"], "to": details["to"]}
    if reason:
        record["reason"] = reason
    outcome = engine.change(event.id, "reschedule", mutate, record)
    outcome.details = details
    return outcome


def reschedule_consequences(engine: Engine, old: Event, new: Event, day: dt.date) -> list[str]:
    """What moving ``old`` to ``new``'s date makes impossible or stale as of ``day``: a
    registration deadline not before the event, sent invitations or panel questions, items
    that become overdue."""
    found = []
    deadline = new.invitation.registration_deadline
    if deadline is not None and deadline >= new.date:
        found.append(_("the registration deadline {deadline} is not before the new date "
                       "{date}: `eventflow invitation set {event} --deadline DATE`").format(
                           deadline=day_text(deadline), date=day_text(new.date),
                           event=new.id))
    if new.invitation.sent_at is not None:
        found.append(_("the invitation was sent {sent} with the date {old}: send it again "
                       "(`eventflow invitation sent {event}`)").format(
                           sent=day_text(new.invitation.sent_at), old=day_text(old.date),
                           event=new.id))
    if new.panel.sent_at is not None:
        found.append(_("the panel questions were sent {sent} for {old}: send them again "
                       "(`eventflow panel sent {event}`)").format(
                           sent=day_text(new.panel.sent_at), old=day_text(old.date),
                           event=new.id))
    before = {r.item.id: r for r in engine.judge(old, day, vetoes=False).requirements}
    for r in engine.judge(new, day, vetoes=False).requirements:
        if r.overdue(day) and not before[r.item.id].overdue(day):
            found.append(_("{item} becomes overdue (due {date})").format(
                item=r.item.id, date=day_text(r.due) if r.due else r.due))
    return found

