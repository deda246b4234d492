"""`check` and `uncheck` at the front door (quick_change.py) go through the engine's tick, the
method the click commands call, and print what the click commands print, byte for byte and
with the same exit code, in English, Finnish and Swedish; what the front door does not fully
understand goes to the click CLI untouched."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from eventflow.cli import cli
from eventflow.engine import Engine
from eventflow.quick import answer
from eventflow.quick_change import parse


@pytest.fixture
def twins(ef_event: Any, ef_project: Any, tmp_path: Path) -> tuple[Path, Path, str]:
    """Two equal planning folders (one for the CLI, one for the front door) and an event at
    `speakers` in them."""
    event = ef_event("speakers", region="Pirkanmaa", date=dt.date(2027, 1, 20))
    ef_event("partner_agreed", region="Uusimaa", date=dt.date(2027, 9, 1))
    twin = tmp_path / "twin"
    shutil.copytree(ef_project.root, twin)
    return Path(ef_project.root), twin, event.id


def by_cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--dir", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr.replace(str(root), "ROOT")


def by_front_door(root: Path, *args: str) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = answer(["--dir", str(root), *args], out, err)
    return code, out.getvalue(), err.getvalue().replace(str(root), "ROOT")


def state(root: Path, event_id: str) -> dict[str, Any]:
    """What the change left: the event's revision and items without their times, and the
    actions of its history."""
    from eventflow.store import Project

    project = Project.find(root)
    event = project.load(event_id)
    items = {k: (v.checked, v.waived, v.by, v.note) for k, v in event.items.items()}
    actions = [(e.get("action"), e.get("item"), e.get("applied", True))
               for e in project.history(event_id)]
    return {"revision": event.revision, "stage": event.stage, "items": items,
            "history": actions}


CASES = [
    ("check", "{event}", "kickoff_meeting", "--note", "met at the city hall"),  # again: re-tick
    ("check", "{event}", "catering_arranged", "--note=ok"),
    ("uncheck", "{event}", "agreement_signed"),  # a regression: a warning, then the line
    ("check", "{event}", "no_such_item"),  # refused: did you mean, exit 1
    ("check", "{event}", "partner_min"),  # computed by a check: refused
    ("check", "{event}", "attendance_recorded"),  # not open before the event day: refused
    ("check", "nosuchevent", "kickoff_meeting"),
    ("uncheck", "{event}", "catering_arranged"),  # never ticked
    ("check", "pirk", "kickoff_meeting"),  # a prefix of the id
]


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_the_front_door_ticks_as_the_cli_does(twins: tuple[Path, Path, str], lang: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_LANG", lang)
    cli_root, door_root, event_id = twins
    calls: list[tuple[Any, ...]] = []
    tick = Engine.tick

    def counted(engine: Engine, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return tick(engine, *args, **kwargs)

    monkeypatch.setattr(Engine, "tick", counted)
    warned = []
    for case in CASES:
        args = [a.format(event=event_id) for a in case]
        expected = by_cli(cli_root, *args)
        warned += [args[2]] if expected[0] == 0 and expected[2] else []
        before = len(calls)
        assert by_front_door(door_root, *args) == expected, args
        assert len(calls) == before + 1 or args[1] == "nosuchevent", args  # the engine's tick
        assert state(door_root, event_id) == state(cli_root, event_id), args
    assert warned == ["agreement_signed"]  # the regression's warning was compared too


def test_a_regression_warning_is_printed_first(twins: tuple[Path, Path, str]) -> None:
    cli_root, door_root, event_id = twins
    code, out, err = by_front_door(door_root, "uncheck", event_id, "agreement_signed")
    assert (code, out) == (0, f"{event_id}: ☐ agreement_signed\n")
    assert err.startswith("warning: regression in ") and "agreement_signed" in err
    assert by_cli(cli_root, "uncheck", event_id, "agreement_signed") == (code, out, err)


def test_warnings_are_yellow_on_a_terminal_as_click_makes_them(
        twins: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _cli_root, door_root, event_id = twins

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = io.StringIO(), Terminal()
    assert answer(["--dir", str(door_root), "uncheck", event_id, "agreement_signed"], out,
                  err) == 0
    line = err.getvalue().rstrip("\n")
    plain = click.unstyle(line)
    assert line == click.style(plain, fg="yellow") and plain.startswith("warning: ")
    monkeypatch.setenv("NO_COLOR", "1")
    err = Terminal()
    answer(["--dir", str(door_root), "check", event_id, "agreement_signed"], out, err)
    answer(["--dir", str(door_root), "uncheck", event_id, "agreement_signed"], out, err)
    assert "\x1b" not in err.getvalue() and err.getvalue().startswith("warning: ")


@pytest.mark.parametrize("args", [
    ["check", "{event}", "kickoff_meeting", "--help"], ["check", "{event}"], ["check"],
    ["check", "{event}", "kickoff_meeting", "--note"],
    ["check", "{event}", "kickoff_meeting", "--note", "-x"],
    ["check", "{event}", "kickoff_meeting", "--note", "a", "--note", "b"],
    ["uncheck", "{event}", "kickoff_meeting", "--note", "x"],
    ["check", "{event}", "kickoff_meeting", "--json"], ["check", "--", "{event}", "x"],
    ["check", "{event}", "kickoff_meeting", "extra"], ["check", "", "kickoff_meeting"],
    ["--lang", "fi", "check", "{event}", "kickoff_meeting"], ["waive", "{event}", "x"],
])
def test_what_the_front_door_does_not_understand_goes_to_the_cli(
        twins: tuple[Path, Path, str], args: list[str]) -> None:
    _cli_root, door_root, event_id = twins
    path = door_root / "events" / event_id / "event.toml"
    before = path.read_bytes()
    args = [a.format(event=event_id) for a in args]
    assert by_front_door(door_root, *args) == (None, "", ""), args
    assert path.read_bytes() == before


def test_debug_plugins_and_a_broken_settings_file_go_to_the_cli(
        twins: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    cli_root, door_root, event_id = twins
    args = ("check", event_id, "kickoff_meeting")
    monkeypatch.setenv("EVENTFLOW_DEBUG", "1")
    assert by_front_door(door_root, *args) == (None, "", "")
    monkeypatch.delenv("EVENTFLOW_DEBUG")
    settings = door_root / "eventflow.toml"
    text = settings.read_text()
    settings.write_text(text + '\n[plugins]\nactive = ["someone"]\n')
    assert by_front_door(door_root, *args) == (None, "", "")
    settings.write_text(text + '\n[plugins]\nactive = ["someone"\n')
    assert by_front_door(door_root, *args) == (None, "", "")  # the CLI warns, then refuses
    settings.write_text(text + "\n[plugins\n")  # no plugin named: refused as the CLI does
    (cli_root / "eventflow.toml").write_text(text + "\n[plugins\n")
    refused = by_front_door(door_root, *args)
    assert refused == by_cli(cli_root, *args) and refused[0] == 1


def test_parse() -> None:
    assert parse(["check", "e", "i"]) == (True, "e", "i", "")
    assert parse(["check", "--note", "n", "e", "i"]) == (True, "e", "i", "n")
    assert parse(["check", "e", "--note=", "i"]) == (True, "e", "i", "")
    assert parse(["uncheck", "e", "i"]) == (False, "e", "i", "")
    assert parse(["status", "e"]) is None and parse([]) is None


def test_a_check_in_its_own_process(twins: tuple[Path, Path, str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As the console script runs it: a fresh interpreter (msgspec imported by the front door
    itself), the same lines as the CLI; a refusal exits 1 with the CLI's message."""
    import os
    import subprocess
    import sys

    cli_root, door_root, event_id = twins
    monkeypatch.setenv("EVENTFLOW_LANG", "fi")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_TODAY=os.environ["EVENTFLOW_TODAY"],
               EVENTFLOW_USER="tester", EVENTFLOW_LANG="fi", NO_COLOR="1")
    for args in (["check", event_id, "catering_arranged", "--note", "ok"],
                 ["uncheck", event_id, "agreement_signed"], ["check", event_id, "nosuch"]):
        done = subprocess.run([sys.executable, "-m", "eventflow", "--dir", str(door_root),
                               *args], env=env, capture_output=True, text=True, timeout=120)
        expected = by_cli(cli_root, *args)
        assert (done.returncode, done.stdout, done.stderr.replace(str(door_root), "ROOT")) \
            == expected, args
    assert state(door_root, event_id) == state(cli_root, event_id)


def test_an_interrupted_check_ends_as_click_ends_it(twins: tuple[Path, Path, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cli_root, door_root, event_id = twins

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Engine, "tick", interrupted)
    args = ("check", event_id, "kickoff_meeting")
    assert by_front_door(door_root, *args) == by_cli(cli_root, *args) == (1, "", "\nAborted!\n")
