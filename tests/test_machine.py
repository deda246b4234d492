"""One state machine per workflow per process; events are its models only while they change."""

from __future__ import annotations

import subprocess
import sys

from eventflow import machine
from eventflow.testing import walk_to


def test_one_machine_per_workflow_and_no_models_left(ef_engine, ef_event):
    machine._MACHINES.clear()
    a = ef_event("venue")
    b = ef_event("costs_split", date=__import__("datetime").date(2027, 4, 1))
    walk_to(ef_engine, a.id, "speakers")
    walk_to(ef_engine, b.id, "speakers")
    assert len(machine._MACHINES) == 1
    (m,) = machine._MACHINES.values()
    assert m.models == []
    assert m.auto_transitions is False


def test_machine_refuses_what_the_workflow_does_not_allow(ef_engine):
    from transitions.core import MachineError

    workflow = ef_engine.workflow("good-relations-training")
    assert machine.fire(workflow, "venue", "advance") == "costs_split"
    assert machine.fire(workflow, "venue", "advance", blockers=["x"]) == "venue"
    assert machine.fire(workflow, "speakers", "reopen_venue") == "venue"
    assert machine.fire(workflow, "done", "cancel") == "cancelled"
    try:
        machine.fire(workflow, "venue", "reopen_speakers")
    except MachineError:
        pass
    else:
        raise AssertionError("reopen to a later stage must be refused")


def test_read_only_commands_never_build_a_machine(ef_project, ef_engine):
    ef_engine.create("X", __import__("datetime").date(2027, 3, 18), "Pirkanmaa", ["fi"])
    code = (
        "import sys; from click.testing import CliRunner; from eventflow.cli import cli\n"
        f"d = {str(ef_project.root)!r}\n"
        "for args in (['status'], ['status', 'pirk'], ['why', 'pirk'], ['next'],"
        " ['history', 'pirk'], ['reschedule', 'pirk', '--date', '2027-04-01', '--dry-run'],"
        " ['workflow', 'graph', 'good-relations-training']):\n"
        "    r = CliRunner().invoke(cli, ['--dir', d, *args]); assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in sys.modules if m.startswith('transitions')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"EVENTFLOW_LOAD_PLUGINS": "", "PATH": ""})
    assert out.stdout.strip() == "[]"


def test_mermaid_graph_names_the_guards(ef_engine):
    graph = machine.mermaid(ef_engine.workflow("good-relations-training"))
    assert "costs_split --> speakers: advance [requires budget_lines, cost_split_complete" \
        in graph
