import json

from eventflow.testing import walk_to


def test_walk_every_stage_to_done(ef_engine, ef_event):
    event = ef_event("follow_up")
    event = walk_to(ef_engine, event.id, "done")
    assert event.stage == "done"
    stages = [e.get("to") for e in ef_engine.project.history(event.id) if e["action"] == "advance"]
    assert stages == ["venue", "costs_split", "speakers", "invitations", "panel_questions",
                      "delivery", "follow_up", "done"]


def test_status_json_lists_event(run, ef_event):
    event = ef_event("venue")
    result = run("status", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [e["id"] for e in data["events"]] == [event.id]
    assert data["events"][0]["stage"] == "venue"
