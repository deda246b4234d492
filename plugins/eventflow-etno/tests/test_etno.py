"""The ETNO plugin seen from a planning team: activated in eventflow.toml, used from the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from eventflow.cli import cli
from eventflow.testing import complete_stage, walk_to

BOARD = "Pirkanmaan ja Keski-Suomen ETNO"
EVENTFLOW = str(Path(sys.executable).with_name("eventflow"))


def run(folder: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--dir", str(folder), *args], catch_exceptions=False)


@pytest.fixture
def at_invitations(ef_project: Any, ef_activate: Any) -> tuple[Any, str]:
    from eventflow import Engine, Project

    ef_activate("etno", settings={"etno": {"contact": "Leena Koski, leena@example.fi"}})
    eng = Engine(Project(ef_project.root))
    event = eng.create("Hyvät väestösuhteet – Pirkanmaa", __import__("datetime").date(2027, 3, 18),
                       "Pirkanmaa", ["fi", "sv"])
    walk_to(eng, event.id, "invitations")
    complete_stage(eng, event.id)
    return eng, event.id


def test_plugins_lists_etno_with_everything_it_contributes(ef_project: Any,
                                                           ef_activate: Any) -> None:
    ef_activate("etno")
    result = run(ef_project.root, "plugins")
    assert result.exit_code == 0, result.output
    row = next(p for p in json.loads(result.output)["plugins"] if p["name"] == "etno")
    assert row["version"] == "0.1.0"
    assert row["distribution"] == "eventflow-etno"
    assert row["active"] is True and row["loaded"] is True
    assert row["hooks"] == ["register_checks", "register_commands", "register_items",
                            "register_outputs", "register_policy"]
    c = row["contributions"]
    assert c["checks"] == ["etno_board_invited"]
    assert c["items"] == ["good-relations-training/invitations/etno_board_invited"]
    assert c["outputs"] == ["etno_briefing"]
    assert c["commands"] == ["etno"]
    assert c["policy"][0].endswith("features")
    assert row["problems"] == []


def test_why_names_the_board_until_it_is_recorded_as_invited(at_invitations: Any) -> None:
    eng, event_id = at_invitations
    folder = eng.project.root
    result = run(folder, "why", event_id)
    assert "etno_board_invited" in result.output
    assert f"the regional ETNO board ({BOARD}) is not among the invitees" in result.output
    refused = run(folder, "advance", event_id)
    assert refused.exit_code == 1
    assert "etno_board_invited" in refused.output

    def record(ev: Any) -> None:
        ev.ext["etno"] = {"invited": BOARD, "invited_on": "2027-01-10"}

    eng.change(event_id, "etno.invited", record)
    result = run(folder, "why", event_id)
    assert "etno_board_invited" not in result.output, result.output
    assert run(folder, "advance", event_id).exit_code == 0


def test_the_etno_command_records_the_invitation(at_invitations: Any) -> None:
    eng, event_id = at_invitations
    env = {**os.environ, "EVENTFLOW_DIR": str(eng.project.root)}
    done = subprocess.run([EVENTFLOW, "etno", "invited", event_id, "--on", "2027-01-12"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"{BOARD} invited on 2027-01-12" in done.stdout
    assert eng.load(event_id).ext["etno"] == {"invited": BOARD, "invited_on": "2027-01-12"}
    board = subprocess.run([EVENTFLOW, "etno", "board", "Lappland"], capture_output=True,
                           text=True, env=env, timeout=60)
    assert board.stdout.strip() == "Lapin ETNO"


def test_the_etno_command_is_absent_when_the_folder_does_not_activate_the_plugin(
        ef_project: Any) -> None:
    env = {**os.environ, "EVENTFLOW_DIR": str(ef_project.root), "EVENTFLOW_LOAD_PLUGINS": "etno"}
    done = subprocess.run([EVENTFLOW, "etno", "board", "Pirkanmaa"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "no command 'etno'" in done.stderr.casefold().replace("no such command", "no command")


def test_briefing_note_in_every_language(at_invitations: Any) -> None:
    if "outputs" not in cli.list_commands(click.Context(cli)):
        pytest.skip("this eventflow has no `eventflow outputs` command yet")
    eng, event_id = at_invitations
    result = run(eng.project.root, "outputs", event_id, "--stage", "invitations",
                 "--lang", "fi,sv,en")
    assert result.exit_code == 0, result.output
    folder = eng.project.event_dir(event_id) / "outputs" / "invitations"
    fi = (folder / "etno-briefing-fi.md").read_text(encoding="utf-8")
    sv = (folder / "etno-briefing-sv.md").read_text(encoding="utf-8")
    en = (folder / "etno-briefing-en.md").read_text(encoding="utf-8")
    assert f"**Vastaanottaja:** {BOARD}" in fi
    assert "Pyydämme alueelliselta ETNO:lta" in fi
    assert "**Ajankohta:** 18.3.2027" in fi
    assert "Vi ber den regionala delegationen att" in sv
    assert "sprida inbjudan i sina nätverk," in sv
    assert "We ask the regional ETNO board to" in en
    assert "**Date:** 2027-03-18" in en
    assert "- 09:15 Expert talk: Laura Niemi" in en
    assert "- regional ETNO boards" in en
    assert "**Contact:** Leena Koski, leena@example.fi" in en


def test_hostile_names_stay_plain_text_in_the_briefing(at_invitations: Any) -> None:
    from types import SimpleNamespace

    from eventflow_etno.briefing import briefing

    eng, event_id = at_invitations

    import msgspec

    def hostile(ev: Any) -> None:
        ev.title = "<script>alert(1)</script> [x](javascript:alert(1))"

    event = eng.change(event_id, "retitle", hostile).event
    # a title is one line without control characters (the engine refuses them); the briefing
    # still keeps an escape sequence out, whatever Event it is handed
    event = msgspec.structs.replace(event, title=event.title + "\x1b[31m")
    ctx = SimpleNamespace(event=event, settings={}, label=lambda kind, key, lang: key)
    text = briefing(ctx, "en")
    assert "<script>" not in text and "\x1b" not in text
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in text
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in text


def test_aland_has_no_board(ef_project: Any) -> None:
    import datetime as dt

    from eventflow_etno import etno_board_invited

    from eventflow import Engine

    eng = Engine(ef_project)
    event = eng.create("Goda relationer", dt.date(2027, 5, 5), "Åland", ["sv"])
    result = etno_board_invited(event)
    assert result.ok and not result.applies
    assert result.reason.endswith("has no regional ETNO board")
