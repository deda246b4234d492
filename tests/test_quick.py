"""The front door (quick.py) answers `status` and `status EVENT` from the caches exactly as the
CLI does, and hands everything else to the CLI without writing a byte."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eventflow.cachekeys as cachekeys
from eventflow.quick import answer


@pytest.fixture
def planning(ef_event: Any, ef_project: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    ef_event("speakers", region="Pirkanmaa", date=dt.date(2027, 1, 20))
    ef_event("partner_agreed", region="Uusimaa", date=dt.date(2027, 9, 1))
    ef_event("done", region="Lappi", date=dt.date(2026, 10, 1))
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # as if every file were old
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
                 ["why", event_id, "--json"], ["why"], ["why", "--help"],
                 ["check", event_id, "kickoff_meeting", "--help"], ["version"],
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


def test_why_from_the_kept_view_is_what_the_engine_says(
        planning: Any, run: Any, ef_event: Any, ef_engine: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`why EVENT` is answered from the view `status EVENT` keeps (explain.py): what the
    engine judges today, in every state, on days before and after a stage may be left, in
    each language, by the front door and the CLI alike; the engine again once the event
    changed."""
    import json

    ef_event("delivery", region="Lappi", date=dt.date(2026, 12, 3))  # a time blocker until then
    cancelled = ef_event("venue", region="Kainuu")
    ef_engine.cancel(cancelled.id, "venue unavailable")
    regressed = ef_event("venue", region="Satakunta")
    ef_engine.tick(regressed.id, "agreement_signed", checked=False)  # a stage already left
    for lang in ("en", "fi", "sv"):
        monkeypatch.setenv("EVENTFLOW_LANG", lang)
        for day in ("2026-11-27", "2026-12-03"):
            monkeypatch.setenv("EVENTFLOW_TODAY", day)
            for event_id in planning.event_ids():
                for view in planning.root.glob(".eventflow/views/*"):
                    view.unlink()  # the engine answers, and keeps the view
                engine_text = run("why", event_id).output
                engine_json = run("why", event_id, "--json").output
                assert quick(planning, "why", event_id) == (0, engine_text), (lang, day)
                assert run("why", event_id).output == engine_text  # the CLI reads it too
                assert run("why", event_id, "--json").output == engine_json
                event = ef_engine.load(event_id)
                verdict = ef_engine.judge(event, dt.date.fromisoformat(day))
                found = ef_engine.blockers(verdict)
                assert json.loads(engine_json) == json.loads(json.dumps({
                    "id": event.id, "stage": event.stage, "status": verdict.status,
                    "judged_at_stage": verdict.stage, "can_advance": verdict.can_leave,
                    "leave_from": verdict.leave_from.isoformat() if verdict.leave_from
                    else None, "regressions": len(verdict.regressions),
                    "blockers": [b.to_json() for b in found], "warnings": []}))
                for b in found:
                    assert f"✗ {b.item}" in engine_text
    monkeypatch.setenv("EVENTFLOW_LANG", "en")
    event_id = next(i for i in planning.event_ids() if i.startswith("lappi-2026-12"))
    for event_id_ in planning.event_ids():
        run("why", event_id_)
    monkeypatch.setenv("EVENTFLOW_TODAY", "2026-11-27")
    assert "delivery can be left from 2026-12-03" in quick(planning, "why", event_id)[1]
    monkeypatch.setenv("EVENTFLOW_TODAY", "2026-12-03")
    assert "can be left from" not in quick(planning, "why", event_id)[1]
    assert "regression" in quick(planning, "why", regressed.id)[1]
    assert "is cancelled" in quick(planning, "why", cancelled.id)[1]
    ef_engine.tick(regressed.id, "agreement_signed", note="signed again")
    assert quick(planning, "why", regressed.id) == (None, "")  # changed: the engine answers
    assert "regression" not in run("why", regressed.id).output


def test_an_empty_folder_is_left_to_the_cli(ef_project: Any, run: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)
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
    assert quick(ef_project, "status") == (None, "")


def test_the_front_door_checks_through_the_engine(planning: Any, run: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One write path: `check` at the front door is the engine's tick, as the CLI's is
    (tests/test_quick_change.py compares the two in every language)."""
    from eventflow.engine import Engine

    event_id = sorted(p.name for p in (planning.root / "events").iterdir()
                      if not p.name.startswith("."))[1]
    ticked: list[tuple[Any, ...]] = []
    tick = Engine.tick
    monkeypatch.setattr(Engine, "tick", lambda engine, *a, **k: ticked.append(a)
                        or tick(engine, *a, **k))
    assert quick(planning, "check", event_id, "kickoff_meeting") == (
        0, f"{event_id}: ✓ kickoff_meeting\n")
    assert ticked == [(event_id, "kickoff_meeting")]
    assert planning.load(event_id).items["kickoff_meeting"].checked
