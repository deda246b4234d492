"""`make demo` walks the bundled example: one event blocked with reasons, one with overdue
items, one cancelled."""

from __future__ import annotations

import json

from click.testing import CliRunner


def test_demo_runs_and_shows_blocked_and_overdue_events(tmp_path, monkeypatch, capsys):
    from eventflow import demo
    from eventflow.cli import cli

    folder = tmp_path / "demo"
    monkeypatch.setenv("EVENTFLOW_DEMO_DIR", str(folder))
    monkeypatch.delenv("EVENTFLOW_TODAY")
    demo.main()
    shown = capsys.readouterr().out
    assert "$ eventflow status" in shown and "$ eventflow why" in shown
    assert "refused:" in shown or "cannot leave" in shown
    data = json.loads(CliRunner().invoke(cli, ["--dir", str(folder), "status", "--json"]).stdout)
    stages = {e["id"].split("-2")[0]: e for e in data["events"]}
    assert stages["pirkanmaa"]["stage"] == "speakers" and stages["pirkanmaa"]["blocking"] > 0
    assert stages["keski-suomi"]["overdue"] > 0
    assert stages["uusimaa"]["stage"] == "cancelled"
