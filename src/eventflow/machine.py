"""The transitions adapter: one state machine per workflow, events attached only while they change.

Read-only commands never build a machine. A mutating command attaches its one event as a model,
fires the trigger and detaches it again, so the machine never holds more than one model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .workflow import CANCELLED, DONE, Workflow

if TYPE_CHECKING:
    from transitions import Machine

_MACHINES: dict[tuple[str, str], Machine] = {}


class EventModel:
    """What the machine sees of an event: its stage, and the verdict of the guards."""

    def __init__(self, stage: str, blockers: list[Any]) -> None:
        self.stage = stage
        self.blockers = blockers

    def can_leave(self) -> bool:
        return not self.blockers


def reopen_trigger(stage: str) -> str:
    return f"reopen_{stage}"


def build_machine(workflow: Workflow) -> Machine:
    # lazy: transitions costs 19 ms after the engine (-X importtime, median of 5); only
    # advance, reopen and cancel build a machine, never a check or a read
    from transitions import Machine

    stages = workflow.stage_ids
    transitions: list[dict[str, Any]] = []
    for stage in workflow.stages:
        transitions.append({"trigger": "advance", "source": stage.id, "dest": stage.next,
                            "conditions": "can_leave"})
    for i, stage_id in enumerate(stages):
        later = stages[i + 1:] + [DONE, CANCELLED]
        transitions.append({"trigger": reopen_trigger(stage_id), "source": later,
                            "dest": stage_id, "conditions": "can_leave"})
    transitions.append({"trigger": "cancel", "source": stages + [DONE], "dest": CANCELLED,
                        "conditions": "can_leave"})
    return Machine(model=None, states=stages + [DONE, CANCELLED], transitions=transitions,
                   initial=stages[0], auto_transitions=False, model_attribute="stage",
                   send_event=False, ignore_invalid_triggers=False)


def machine_for(workflow: Workflow) -> Machine:
    key = (workflow.id, workflow.hash)
    machine = _MACHINES.get(key)
    if machine is None:
        machine = _MACHINES[key] = build_machine(workflow)
    return machine


def fire(workflow: Workflow, stage: str, trigger: str, blockers: list[Any] | None = None) -> str:
    """Fire ``trigger`` for an event at ``stage``; return the new stage, unchanged if the guard
    held it because ``blockers`` is not empty (unmet requirements, plugin vetoes). Raises
    ``transitions.core.MachineError`` if the trigger is not valid there."""
    machine = machine_for(workflow)
    model = EventModel(stage, blockers or [])
    machine.add_model(model, initial=stage)
    try:
        getattr(model, trigger)()
    finally:
        machine.remove_model(model)
    return model.stage


def mermaid(workflow: Workflow) -> str:
    """The workflow as a Mermaid state diagram, each advance labelled with its guards."""
    lines = ["stateDiagram-v2", f"    [*] --> {workflow.first_stage}"]
    for stage in workflow.stages:
        guards = [i.id for i in stage.items if i.required]
        label = ("requires " + ", ".join(guards)) if guards else "no requirements"
        lines.append(f"    {stage.id} --> {stage.next}: advance [{label}]")
    for stage in workflow.stages:
        lines.append(f"    {stage.id} --> {CANCELLED}: cancel")
    lines.append(f"    {DONE} --> [*]")
    lines.append(f"    {CANCELLED} --> [*]")
    lines.append("    note right of " + workflow.first_stage
                 + ": reopen STAGE goes back to any earlier stage")
    return "\n".join(lines) + "\n"
