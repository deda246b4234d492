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
    """What the machine sees of an event: its stage, and the verdict of the guards.

    Made by :func:`fire` for one transition and attached to the workflow's machine only while
    the trigger runs. ``stage`` is the event's stage (the machine changes it); ``blockers``
    what holds the event where it is (unmet requirements, plugin vetoes), judged beforehand
    by the engine.
    """

    def __init__(self, stage: str, blockers: list[Any]) -> None:
        """The model of an event at ``stage`` that ``blockers`` hold there (empty: free)."""
        self.stage = stage
        self.blockers = blockers

    def can_leave(self) -> bool:
        """The guard of every transition (``conditions="can_leave"``): called by the machine
        when a trigger fires; returns whether nothing blocks the event, so the stage changes
        (``True``) or stays as it is (``False``). Raises nothing."""
        return not self.blockers


def reopen_trigger(stage: str) -> str:
    """The machine's trigger that reopens ``stage`` (``reopen_partner_agreed``): one trigger
    per stage, since each goes back to its own stage. Used by :func:`build_machine` to make
    the transitions and by the engine's ``reopen`` to fire one. Returns the trigger's name."""
    return f"reopen_{stage}"


def build_machine(workflow: Workflow) -> Machine:
    """A new ``transitions`` machine for ``workflow``, holding no model.

    Its states are the workflow's stages then ``done`` and ``cancelled``; its triggers
    ``advance`` (each stage to its next), ``reopen_<stage>`` (:func:`reopen_trigger`: from any
    later stage, ``done`` or ``cancelled`` back to that stage) and ``cancel`` (from any stage
    or ``done``), each guarded by :meth:`EventModel.can_leave`. Called by :func:`machine_for`
    the first time a workflow version changes an event's stage (importing ``transitions``
    then). Returns the machine. Expects a validated workflow (at least one stage, each
    ``next`` a stage, ``done`` or ``cancelled``); raises nothing of its own.
    """
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
    """The machine of ``workflow``, built once per workflow id and hash (a changed workflow
    file gets its own) and kept for the process. Called by :func:`fire` for each transition;
    returns the machine (:func:`build_machine`), which holds a model only while it fires."""
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
