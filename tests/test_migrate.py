"""Editing a workflow never silently changes events in flight; `migrate` does, with a diff."""

from __future__ import annotations

import json
from pathlib import Path

SEED = Path(__file__).parents[1] / "workflows" / "good-relations-training.toml"


def test_event_keeps_its_workflow_until_migrated(run, folder):
    event_id = json.loads(run("new", "X", "--date", "2027-03-18", "--region", "Pirkanmaa",
                              "--json").output)["id"]
    before = json.loads(run("why", event_id, "--json").output)["blockers"]
    assert "agreement_signed" in {b["item"] for b in before}
    # the folder's own copy of the workflow, edited: agreement_signed no longer required
    text = SEED.read_text("utf-8").replace('version = "1.1.0"', 'version = "1.2.0"', 1)
    start = text.index('id = "agreement_signed"')
    text = text[:start] + text[start:].replace("required = true", "required = false", 1)
    (folder / "workflows").mkdir()
    (folder / "workflows" / "good-relations-training.toml").write_text(text, "utf-8")

    result = run("why", event_id, "--json")
    assert "agreement_signed" in {b["item"] for b in json.loads(result.stdout)["blockers"]}
    assert "eventflow migrate" in result.stderr

    dry = run("migrate", event_id, "--dry-run")
    assert dry.exit_code == 0
    assert "would move from workflow 1.1.0 to 1.2.0" in dry.output
    assert "changed  agreement_signed (partner_agreed) required: True → False" in dry.output
    data = json.loads(run("migrate", event_id, "--dry-run", "--json").stdout)
    assert data["changes"] == [{"item": "agreement_signed", "change": "changed",
                                "stage": "partner_agreed",
                                "fields": {"required": ["True", "False"]}}]
    assert run("migrate", event_id).exit_code == 0
    after = json.loads(run("why", event_id, "--json").stdout)["blockers"]
    assert "agreement_signed" not in {b["item"] for b in after}
    assert "already follows" in run("migrate", event_id).output
    history = json.loads(run("history", event_id, "--json").output)["history"]
    assert history[-1]["action"] == "migrate" and history[-1]["to"] == "1.2.0"
