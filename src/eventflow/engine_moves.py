"""What moves an event: ticking, unticking and waiving items; advancing, reopening and
cancelling stages (asking plugins' ``before_transition`` / ``after_*`` hooks); and the order of
actions (:data:`PREREQUISITES`): which facts of a later stage wait for which items.

The functions taking ``engine`` are :class:`~eventflow.engine.Engine` methods (the class
binds them)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec

from .engine_results import Outcome
from .errors import InvalidInput, TransitionBlocked
from .event import Event, ItemState
from .i18n import _, ngettext
from .machine import fire, reopen_trigger
from .schedule import due_date, today
from .store import now, who
from .suggest import did_you_mean
from .workflow import CANCELLED, DONE, TERMINAL

if TYPE_CHECKING:
    from .engine import Engine
    from .judge import Verdict


# Facts of later stages and what must hold before they are recorded (the order of actions).
# Keys are the actions data commands record; values are item ids of the workflow (an item a
# workflow does not have is not required).
# The invitation shows the programme: every speaker confirmed first (R3).
PREREQUISITES: dict[str, tuple[str, ...]] = {
    "invitation.sent": ("agreement_topics", "agreement_signed", "controller_model",
                        "speakers_confirmed"),
    "participants.import": ("privacy_notice_published",),
    "panel.sent": ("panel_questions_drafted",),
}
# The stage whose fact an action records: refused until the event has reached it (a stage a
# workflow does not have is not required).
FACT_STAGES: dict[str, str] = {
    "panel.sent": "panel_questions",
}


def refuse_out_of_order(engine: Engine, event: Event, action: str,
                        verdict: Verdict | None = None) -> None:
    """Raise :class:`InvalidInput` if ``action`` records a fact of a later stage whose
    prerequisites are not met yet, naming each and its fix: the items of
    :data:`PREREQUISITES`, the stage of :data:`FACT_STAGES`, and for ``panel.sent`` what the
    workflow asks of every question (:func:`unready_questions`)."""
    needed = PREREQUISITES.get(action, ())
    stage = FACT_STAGES.get(action)
    if not needed and stage is None:
        return
    verdict = verdict or engine.judge(event, vetoes=False)
    by_id = {r.item.id: r for r in verdict.requirements}
    missing = [by_id[i] for i in needed if i in by_id and not by_id[i].met]
    what = "; ".join(f"{r.item.id} ({r.item.source}): {r.reason}"
                     + (f" — {r.fix}" if r.fix and r.fix not in r.reason else "")
                     for r in missing)
    others = []
    order = verdict.stage_ids
    if (stage in order and verdict.stage in order
            and order.index(verdict.stage) < order.index(stage)):
        others.append(_("the event stands at stage '{here}', before '{stage}': meet what "
                        "`eventflow why {event}` lists, then `eventflow advance {event}`").format(
                            here=verdict.stage, stage=stage, event=event.id))
    if action == "panel.sent":
        others.extend(unready_questions(engine, event))
    if others:
        raise InvalidInput(_("{event}: '{action}' cannot be recorded yet: {what}").format(
            event=event.id, action=action, what="; ".join([what, *others] if what else others)))
    if missing:
        raise InvalidInput(ngettext("{event}: '{action}' cannot be recorded before {items} "
                                    "is met: {what}",
                                    "{event}: '{action}' cannot be recorded before {items} "
                                    "are met: {what}", len(missing)).format(
                                        event=event.id, action=action, what=what,
                                        items=", ".join(r.item.id for r in missing)))


def unready_questions(engine: Engine, event: Event) -> list[str]:
    """What the workflow asks of every panel question and ``event``'s questions lack, each
    with the command that mends it: a dimension on each question when the workflow checks
    the dimensions the panel covers (R18; "3–6 questions, each tagged with a dimension")."""
    workflow = engine.workflow_for(event)
    if not any(item.check == "dimensions_covered" and item.params.get("scope") == "panel"
               for item in workflow.items()):
        return []
    return [_("panel question {n} names no dimension: `eventflow panel question edit {event} "
              "{n} --dimension DIMENSION`").format(n=n, event=event.id)
            for n, question in enumerate(event.panel.questions, 1) if not question.dimensions]


def stamp_fact(draft: Event, action: str) -> None:
    """Record what a sent invitation or set of panel questions was sent for, so that a
    reschedule or a question added later shows what must be sent again."""
    if action == "invitation.sent" and draft.invitation.sent_at is not None:
        draft.invitation.sent_for = draft.date
    if action == "panel.sent" and draft.panel.sent_at is not None:
        draft.panel.sent_for = draft.date
        for question in draft.panel.questions:
            question.sent_at = draft.panel.sent_at


def item_for_tick(engine: Engine, event: Event, item_id: str, waive: bool = False) -> Any:
    """The item ``item_id`` of ``event``'s workflow, if it may be ticked (or waived, with
    ``waive``); :class:`InvalidInput` naming what to do otherwise."""
    workflow = engine.workflow_for(event)
    try:
        item = workflow.item(item_id)
    except KeyError:
        hint = did_you_mean(item_id, [i.id for i in workflow.items()],
                            "; " + _("`eventflow status {event}` lists the items").format(
                                event=event.id))
        raise InvalidInput(_("no item '{item}' in workflow {workflow}{hint}").format(
            item=item_id, workflow=workflow.id, hint=hint)) from None
    if not (waive and item.waivable) and not engine.may_tick(item):
        raise InvalidInput(_("'{item}' is computed by check '{check}' from the event's data "
                             "and cannot be ticked; record the data instead (`eventflow why "
                             "{event}` says what is missing)").format(
                                 item=item_id, check=item.check, event=event.id))
    return item


def may_tick(engine: Engine, item: Any) -> bool:
    """Whether ``item`` is ticked by hand: it has no check, or its check is tickable."""
    if item.check is None:
        return True
    spec = engine.registry.checks.get(item.check)
    return spec is not None and spec.tickable


def tickable(engine: Engine, event: Event) -> list[str]:
    """The items of ``event``'s workflow that ``eventflow check`` may tick."""
    return [item.id for item in engine.workflow_for(event).items() if engine.may_tick(item)]


def tick(engine: Engine, name: str, item_id: str, *, note: str = "", checked: bool = True,
         waive: bool = False) -> Outcome:
    """Tick (``checked``), untick or waive a manual item of an event, recording who and when.

    Refused (:class:`InvalidInput`) for an item computed by a check, an item whose
    ``opens`` day has not come (the message names the day), a waiver without a ``note``
    or of an item the workflow does not let be waived. On a done event only advice items
    of the last stage may still be ticked (reports come late). Plugins'
    ``after_item_changed`` hooks are called after the save."""
    event = engine.load(name)
    item = engine._item_for_tick(event, item_id, waive)
    if waive and not item.waivable:
        raise InvalidInput(_("'{item}' cannot be waived (source {source}: it is a guard the "
                             "policy does not let you skip)").format(item=item_id,
                                                                     source=item.source))
    if waive and not note.strip():
        raise InvalidInput(_("a waiver needs a note saying why {item} is waived").format(
            item=item_id))
    workflow = engine.workflow_for(event)
    if item.opens is not None and (checked or waive):
        opens = due_date(event.date, item.opens, working=False)
        if today() < opens:
            raise InvalidInput(_("{event}: {item} can be ticked from {opens} ({offset} from "
                                 "the event day {date}), not before; it is {today} "
                                 "now").format(event=event.id, item=item_id, opens=opens,
                                               offset=item.opens, date=event.date,
                                               today=today()))
    late_advice = (event.stage == DONE and not item.required
                   and item.stage == workflow.stage_ids[-1])
    action = "waive" if waive else "check" if checked else "uncheck"

    def mutate(ev: Event) -> None:
        if checked or waive:
            ev.items[item_id] = ItemState(checked=checked and not waive, waived=waive,
                                          by=who(), at=now(), note=note)
        else:
            ev.items.pop(item_id, None)

    outcome = engine.change(event.id, action, mutate, {"item": item_id, "note": note},
                          after_end=late_advice)
    from .plugins import call_each  # lazy: plugins cost 8.7 ms (engine.py's Engine.pm says)

    state = msgspec.to_builtins(outcome.event.item_state(item_id),
                                builtin_types=(dt.datetime,))
    for plugin, exc in call_each(engine.pm, "after_item_changed", event=outcome.event.copy(),
                                 item_id=item_id, state=state):
        outcome.warnings.append(_("plugin {plugin} failed in after_item_changed: "
                                  "{error}").format(plugin=plugin, error=exc))
    return outcome


def transition(engine: Engine, name: str, trigger: str, dest: str | None, reason: str,
               check: bool) -> Outcome:
    """Move the event by ``trigger`` (``advance``, ``reopen``, ``cancel``) to ``dest`` through
    the stage machine; blocked by every blocker (``check``) or only by plugin vetoes. Saves,
    then calls plugins' ``after_transition`` hooks."""
    # lazy: transitions costs 19 ms after the engine (-X importtime, median of 5); only a
    # move of stage needs it, never a check
    from transitions.core import MachineError

    event = engine.load(name)
    workflow = engine.workflow_for(event)
    source = event.stage
    if trigger == "advance":
        if source in TERMINAL:
            raise InvalidInput(_("{event} is {stage}: there is no stage to leave").format(
                event=event.id, stage=source))
        dest = workflow.next_stage(source)
    assert dest is not None
    found = engine.why(event) if check else engine.vetoes(event, dest, trigger)
    machine_trigger = reopen_trigger(dest) if trigger == "reopen" else trigger
    try:  # the machine's guard holds the event where it is while anything blocks
        new_stage = fire(workflow, source, machine_trigger, blockers=found)
    except (MachineError, AttributeError):
        raise InvalidInput(_("{event} cannot {trigger} from '{source}' to '{dest}'").format(
            event=event.id, trigger=trigger, source=source, dest=dest)) from None
    if new_stage == source:
        regressions = sum(1 for b in found if b.kind == "regression")
        what = (_("{regressions} regression(s) and {others} other requirement(s)").format(
                    regressions=regressions, others=len(found) - regressions)
                if regressions else _("{n} requirement(s)").format(n=len(found)))
        raise TransitionBlocked(_("{event} cannot leave '{stage}': {what} unmet").format(
            event=event.id, stage=source, what=what), found)

    details = {"from": source, "to": new_stage}
    if reason:
        details["reason"] = reason
    cancelled_from = (source if new_stage == CANCELLED
                      else "" if source == CANCELLED else event.cancelled_from)
    event_after = engine.project.save(
        msgspec.structs.replace(event, stage=new_stage, cancelled_from=cancelled_from),
        trigger, details, expected_revision=event.revision)
    outcome = Outcome(event_after, details=details)
    if trigger == "reopen":  # what the reopened stage and the ones after it still lack
        outcome.warnings.extend(
            engine.regression_warnings(engine.judge(event, vetoes=False),
                                     engine.judge(event_after, vetoes=False)))
    from .plugins import call_each  # lazy: plugins cost 8.7 ms (engine.py's Engine.pm says)

    for plugin, exc in call_each(engine.pm, "after_transition", event=event_after.copy(),
                                 source=source, dest=new_stage, trigger=trigger):
        outcome.warnings.append(_("plugin {plugin} failed in after_transition: "
                                  "{error}").format(plugin=plugin, error=exc))
    return outcome


def advance(engine: Engine, name: str) -> Outcome:
    """Move an event to its next stage (``done`` after the last).

    Raises :class:`TransitionBlocked` with every blocker (regressions first) when a
    regression, an unmet requirement of the current stage, the stage's ``leave_from`` day
    or a plugin veto holds it."""
    return engine._transition(name, "advance", None, "", check=True)


def reopen(engine: Engine, name: str, stage: str, reason: str) -> Outcome:
    """Go back to an earlier ``stage`` (recorded with ``reason`` in the history).

    Only backwards: to a stage before the current one; from ``done`` to any stage; from
    ``cancelled`` to the stage the event was cancelled at or an earlier one."""
    if not reason.strip():
        raise InvalidInput(_("a reopen needs a reason (kept in the history)"))
    event = engine.load(name)
    workflow = engine.workflow_for(event)
    if stage not in workflow.stage_ids:
        raise InvalidInput(_("no stage '{stage}'{hint}; stages: {stages}").format(
            stage=stage, hint=did_you_mean(stage, workflow.stage_ids),
            stages=", ".join(workflow.stage_ids)))
    order = workflow.stage_ids
    if event.stage == CANCELLED:
        held = event.cancelled_from or engine.cancelled_at(event)
        if held in order and order.index(stage) > order.index(held):
            raise InvalidInput(_("{event} was cancelled at '{held}'; it can be reopened at "
                                 "'{held}' or an earlier stage, not at '{stage}'").format(
                                     event=event.id, held=held, stage=stage))
    elif event.stage != DONE and order.index(stage) >= order.index(event.stage):
        raise InvalidInput(_("{event} is at '{stage}'; reopen goes back to an earlier "
                             "stage").format(event=event.id, stage=event.stage))
    return engine._transition(event.id, "reopen", stage, reason, check=False)


def cancelled_at(engine: Engine, event: Event) -> str:
    """The stage a cancelled event left, from its history (files written before events
    kept ``cancelled_from``)."""
    for entry in reversed(engine.project.history(event.id)):
        if entry.get("action") == "cancel" and entry.get("applied", True):
            return str(entry.get("from", ""))
    return ""


def cancel(engine: Engine, name: str, reason: str) -> Outcome:
    """Cancel an event from any stage (``reason`` kept in the history); ``reopen`` brings
    it back to the stage it was cancelled at or an earlier one."""
    if not reason.strip():
        raise InvalidInput(_("a cancellation needs a reason (kept in the history)"))
    event = engine.load(name)
    if event.stage == CANCELLED:
        raise InvalidInput(_("{event} is already cancelled").format(event=event.id))
    return engine._transition(event.id, "cancel", CANCELLED, reason, check=False)
