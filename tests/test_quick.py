"""The front door (quick.py) answers `status` and `status EVENT` from the caches exactly as the
CLI does, and hands everything else to the CLI without writing a byte."""

from __future__ import annotations

import datetime as dt
import re
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eventflow.index as index_mod
from eventflow.quick import answer


@pytest.fixture
def planning(ef_event: Any, ef_project: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    ef_event("speakers", region="Pirkanmaa", date=dt.date(2027, 1, 20))
    ef_event("partner_agreed", region="Uusimaa", date=dt.date(2027, 9, 1))
    ef_event("done", region="Lappi", date=dt.date(2026, 10, 1))
    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)  # as if every file were old
    return ef_project


def quick(project: Any, *args: str) -> tuple[int | None, str]:
    out = io.StringIO()
    return answer(["--dir", str(project.root), *args], out), out.getvalue()


def test_status_from_the_caches_is_what_the_cli_prints(planning: Any, run: Any) -> None:
    assert quick(planning, "status") == (None, "")  # no index yet: the CLI answers
    cli = run("status").output
    assert quick(planning, "status") == (0, cli)
    out = io.StringIO()
    assert answer([f"--dir={planning.root}", "status"], out) == 0 and out.getvalue() == cli
    for event_id in planning.event_ids():
        assert quick(planning, "status", event_id) == (None, "")  # no view kept yet
        cli = run("status", event_id).output
        assert quick(planning, "status", event_id) == (0, cli)
        assert quick(planning, "status", event_id[:6]) == (0, cli)  # a prefix names it too


def test_the_cli_answers_everything_else(planning: Any, run: Any,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    run("status")
    event_id = planning.event_ids()[0]
    run("status", event_id)
    assert quick(planning, "status")[0] == 0 and quick(planning, "status", event_id)[0] == 0
    for args in (["status", "--json"], ["status", "--check"], ["status", "-h"],
                 ["status", event_id, "--json"], ["status", "--help"], ["--help"], [],
                 ["why", event_id], ["check", event_id, "kickoff_meeting"], ["version"],
                 ["status", ""], ["status", "nosuchevent"], ["status", "-"]):
        assert quick(planning, *args) == (None, ""), args
    assert answer(["--dir", str(planning.event_path(event_id)), "status"], io.StringIO()) \
        is None  # --dir naming a file: the CLI says so
    assert answer(["--dir", "", "status"], io.StringIO()) is None
    assert answer(["status", "--dir", str(planning.root)], io.StringIO()) is None
    monkeypatch.chdir(planning.root / "events")  # found by walking up, like the CLI
    out = io.StringIO()
    assert answer(["status"], out) == 0 and out.getvalue() == run("status").output


def test_a_change_or_a_warning_sends_status_to_the_cli(planning: Any, run: Any,
                                                       ef_engine: Any) -> None:
    run("status")
    event_id = next(i for i in planning.event_ids() if i.startswith("pirkanmaa"))
    run("status", event_id)
    ef_engine.tick(event_id, "kickoff_meeting", note="met")
    assert quick(planning, "status") == (None, "")
    assert quick(planning, "status", event_id) == (None, "")
    assert "kickoff_meeting" in run("status", event_id).output
    run("status")
    assert quick(planning, "status")[0] == 0
    copy = planning.event_dir(event_id) / "event (conflicted copy).toml"
    copy.write_bytes(planning.event_path(event_id).read_bytes())
    result = run("status")
    assert "conflicted copy" in result.stderr
    assert quick(planning, "status") == (None, "")  # its warning is printed by the CLI
    assert quick(planning, "status", event_id) == (None, "")


def test_an_empty_folder_is_left_to_the_cli(ef_project: Any, run: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    assert "no events yet" in run("status").output
    assert quick(ef_project, "status") == (None, "")


def command(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_TODAY="2026-11-27", EVENTFLOW_USER="tester",
               EVENTFLOW_LANG="en")
    return subprocess.run([sys.executable, "-m", "eventflow", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def test_python_m_eventflow_and_a_closed_pipe(planning: Any) -> None:
    assert "Usage: eventflow" in command(planning.root, "--help").stdout
    assert "pirkanmaa" in command(planning.root, "status").stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_TODAY="2026-11-27", EVENTFLOW_LANG="en")
    shell = subprocess.run(f"'{sys.executable}' -m eventflow status | head -c 10; "
                           "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                           cwd=planning.root, env=env, capture_output=True, text=True,
                           timeout=60)
    assert shell.stdout == "EVENT     " and "Traceback" not in shell.stderr


# check ------------------------------------------------------------------------------------------
def manual_items(engine: Any, event_id: str) -> list[str]:
    """Items `check` may tick in the event's current stage, then in earlier stages."""
    event = engine.project.load(event_id)
    workflow = engine.workflow_for(event)
    tickable = set(engine.tickable(event))
    order = workflow.stage_ids
    here = order.index(event.stage)
    return [i.id for st in (order[here], *order[:here])
            for i in workflow.stage(st).items if i.id in tickable]


AT = re.compile(rb"^at = .*$", re.M)


def history_tail(project: Any, event_id: str) -> dict[str, Any]:
    import json

    lines = (project.event_dir(event_id) / "history.jsonl").read_text().splitlines()
    entry = json.loads(lines[-1])
    entry.pop("change_id"), entry.pop("at")
    return entry  # type: ignore[no-any-return]


@pytest.mark.parametrize("stage", ["partner_agreed", "venue", "speakers", "invitations",
                                   "delivery", "follow_up"])
def test_a_quick_check_writes_what_the_engine_writes(
        stage: str, ef_event: Any, ef_project: Any, ef_engine: Any, run: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from eventflow.engine import Engine
    from eventflow.store import Project

    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    event_id = ef_event(stage, region="Pirkanmaa", date=dt.date(2027, 1, 20)).id
    ef_event("venue", region="Lappi")  # another event that must stay as it was
    items = manual_items(ef_engine, event_id)
    assert run("check", event_id, items[0]).exit_code == 0  # the engine keeps the record
    for n, item in enumerate([*items[:4], items[0]]):  # a new tick, and one again
        note = ["", "Sovittu kokouksessa", 'quotes " and \\ and ✓', "", "again"][n]
        twin = tmp_path / f"twin-{n}"
        shutil.copytree(ef_project.root, twin)
        args = [event_id[:9], item, *(["--note", note] if note else [])]
        assert quick(ef_project, "check", *args) == (0, f"{event_id}: ✓ {item}\n"), item
        twin_project = Project(twin)
        Engine(twin_project).tick(event_id, item, note=note)
        mine = ef_project.event_path(event_id).read_bytes()
        theirs = twin_project.event_path(event_id).read_bytes()
        assert AT.sub(b"at = X", mine) == AT.sub(b"at = X", theirs)
        assert history_tail(ef_project, event_id) == history_tail(twin_project, event_id)
        assert ef_engine.project.load(event_id).item_state(item).checked
    ticks = len(items[:4]) + 2  # the engine's, then the quick ones
    assert [e["action"] for e in ef_project.history(event_id)][-ticks - 1:] == \
        [ef_project.history(event_id)[-ticks - 1]["action"], *["check"] * ticks]
    assert ef_project.history(event_id)[-ticks - 1]["action"] != "check"


def test_a_quick_check_needs_the_file_eventflow_wrote(
        ef_event: Any, ef_project: Any, ef_engine: Any, run: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    event_id = ef_event("venue", region="Pirkanmaa").id
    first, second, *_ = manual_items(ef_engine, event_id)
    assert quick(ef_project, "check", event_id, first) == (None, "")  # no record yet
    run("check", event_id, first)
    path = ef_project.event_path(event_id)
    before = path.read_bytes()
    # a hand edit with the same meaning: the record no longer vouches for the file
    path.write_bytes(before.replace(b"\n", b"\n\n", 1))
    assert quick(ef_project, "check", event_id, second) == (None, "")
    assert path.read_bytes() == before.replace(b"\n", b"\n\n", 1)  # untouched
    run("check", event_id, second)  # the engine does it and vouches again
    assert quick(ef_project, "check", event_id, first)[0] == 0
    computed = next(i.id for i in ef_engine.workflow_for(ef_engine.load(event_id)).items()
                    if i.id not in ef_engine.tickable(ef_engine.load(event_id)))
    unchanged = path.read_bytes()
    for args in ([event_id, computed], [event_id, "no_such_item"], ["nosuchevent", first],
                 [event_id, first, "--json"], [event_id, first, "--note"], [event_id],
                 ["--note", "x", event_id, first], [event_id, first, "--help"]):
        assert quick(ef_project, "check", *args) == (None, ""), args
    assert path.read_bytes() == unchanged
    copy = path.parent / "event (conflicted copy).toml"  # the CLI refuses and says why
    copy.write_bytes(unchanged)
    assert quick(ef_project, "check", event_id, second) == (None, "")
    copy.unlink()
    (path.parent / ".event.toml.1.abc.tmp").write_bytes(b"x")  # leftovers: the CLI reports
    assert quick(ef_project, "check", event_id, second) == (None, "")
    assert path.read_bytes() == unchanged
    ef_project.root.joinpath("eventflow.toml").write_text(
        ef_project.root.joinpath("eventflow.toml").read_text().replace('"fi"', '"en"'))
    (path.parent / ".event.toml.1.abc.tmp").unlink()
    assert quick(ef_project, "check", event_id, second) == (None, "")  # settings changed


def test_no_record_with_a_plugin_that_follows_ticks(
        ef_event: Any, ef_project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import eventflow.plugins as plugins_mod
    from eventflow import hookimpl
    from eventflow.engine import Engine
    from eventflow.quick import remember_check

    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    event_id = ef_event("venue", region="Pirkanmaa").id
    record = ef_project.root / ".eventflow" / "checks" / event_id

    class Follower:
        @hookimpl
        def after_item_changed(self, event: Any, item_id: str, state: Any) -> None:
            pass

    engine = Engine(ef_project)
    engine.pm.register(Follower(), name="follower")
    item = manual_items(engine, event_id)[0]
    taken = time.time_ns()
    outcome = engine.tick(event_id, item)
    # counted as built in, so that only the hook itself can keep the record from being made
    monkeypatch.setattr(plugins_mod, "BUILTIN_PLUGINS", (*plugins_mod.BUILTIN_PLUGINS,
                                                         "follower"))
    remember_check(engine, outcome, taken)
    assert not record.exists()
    engine.pm.unregister(name="follower")
    remember_check(engine, engine.tick(event_id, item), taken)
    assert record.exists()


def test_a_check_with_a_warning_is_left_to_the_cli_every_time(
        ef_event: Any, ef_project: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An event that follows an older version of its workflow: the CLI warns on every check
    (it says `eventflow migrate`); the quick path never takes such a check."""
    import shutil

    from eventflow.workflow import load_workflow

    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    event_id = ef_event("venue", region="Pirkanmaa").id
    seed = load_workflow(Path(__import__("eventflow").__file__).parent / "workflows"
                         / "good-relations-training.toml").path
    folder_workflow = ef_project.root / "workflows" / "grt.toml"
    folder_workflow.parent.mkdir(exist_ok=True)
    shutil.copy(seed, folder_workflow)
    folder_workflow.write_text(folder_workflow.read_text().replace(
        'version = "1.0.0"', 'version = "1.1.0"'))
    engine_items = manual_items(__import__("eventflow").Engine(ef_project), event_id)
    for item in engine_items[:3]:
        result = run("check", event_id, item)
        assert result.exit_code == 0 and "eventflow migrate" in result.stderr
        assert quick(ef_project, "check", event_id, item) == (None, "")
    assert not (ef_project.root / ".eventflow" / "checks" / event_id).exists()


def test_the_stream_and_the_folder_variable_are_checked_first(
        planning: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run("status")
    assert quick(planning, "status")[0] == 0

    class Ascii(io.StringIO):
        encoding = "ascii"

    assert answer(["--dir", str(planning.root), "status"], Ascii()) is None  # click rewraps
    monkeypatch.setenv("EVENTFLOW_DIR", str(planning.root / "eventflow.toml"))
    assert answer(["status"], io.StringIO()) is None  # the CLI refuses a file there
    monkeypatch.setenv("EVENTFLOW_DIR", str(planning.root))
    out = io.StringIO()
    assert answer(["status"], out) == 0 and out.getvalue() == run("status").output


def test_a_folder_without_events_is_left_to_the_cli(ef_project: Any) -> None:
    (ef_project.root / "events").rmdir()  # as git leaves it: no empty folders
    assert quick(ef_project, "check", "pirkanmaa", "kickoff_meeting") == (None, "")


def test_a_quick_check_imports_neither_click_nor_pathlib_nor_the_engine(
        ef_event: Any, ef_project: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setattr(index_mod, "RACY_NS", -10**12)
    event_id = ef_event("venue", region="Pirkanmaa").id
    from eventflow.engine import Engine

    first, second = manual_items(Engine(ef_project), event_id)[:2]
    run("check", event_id, first)  # the engine keeps the record
    probe = ("import json, sys\nfrom eventflow.quick import main\nmain()\n"
             "sys.stderr.write('MODULES=' + json.dumps(sorted(sys.modules)))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_USER="tester", EVENTFLOW_LANG="en")
    done = subprocess.run([sys.executable, "-c", probe, "check", event_id, second],
                          cwd=ef_project.root, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.stdout == f"{event_id}: ✓ {second}\n", done.stderr
    modules = set(json.loads(done.stderr.split("MODULES=")[1]))
    heavy = {"click", "pathlib", "msgspec", "pluggy", "transitions", "dataclasses",
             "eventflow.engine", "eventflow.event", "eventflow.index", "eventflow.cli"}
    assert modules & heavy == set()
    assert ef_project.load(event_id).item_state(second).checked
