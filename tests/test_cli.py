"""Every CLI command, its --json shape and its exit codes."""

from __future__ import annotations

import json

import pytest

from eventflow.testing import walk_to


def new(run, title="Hyvät väestösuhteet – Pirkanmaa", date="2027-03-18", region="Pirkanmaa",
        *extra):
    result = run("new", title, "--date", date, "--region", region, *extra, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["id"]


def test_init_and_where(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eventflow.cli import cli

    folder = tmp_path / "p"
    result = CliRunner().invoke(cli, ["init", "--organisation", "Vaasan kaupunki",
                                      "--bilingual", str(folder)])
    assert result.exit_code == 0
    assert (folder / "eventflow.toml").is_file() and (folder / "events").is_dir()
    assert "bilingual = true" in (folder / "eventflow.toml").read_text()
    (folder / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(folder / "sub" / "deeper")
    result = CliRunner().invoke(cli, ["where"])
    assert result.output.strip() == str(folder.resolve())
    again = CliRunner().invoke(cli, ["init", str(folder)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_outside_a_planning_folder(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eventflow.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 1
    assert "eventflow init" in result.output


def test_new_prints_short_id_and_pins_workflow(run, folder):
    event_id = new(run)
    assert event_id == "pirkanmaa-2027-03-18"
    text = (folder / "events" / event_id / "event.toml").read_text("utf-8")
    assert 'id = "good-relations-training"' in text and 'hash = "sha256:' in text
    assert "version = " in text and "revision = 1" in text
    assert new(run) == "pirkanmaa-2027-03-18-2"


def test_new_rejects_unknown_region_and_bad_date(run):
    result = run("new", "X", "--date", "2027-03-18", "--region", "Atlantis")
    assert result.exit_code == 1 and "19 regions" in result.output
    result = run("new", "X", "--date", "3/18/2027", "--region", "Pirkanmaa")
    assert result.exit_code == 2 and "2027-03-18, 18.3.2027 or 18.3.27" in result.output
    result = run("new", "X", "--date", "2027-03-18", "--region", "Pirkanmaa", "--lang", "de")
    assert result.exit_code == 2 and "unknown language" in result.output


def test_status_overview_text_and_json(run):
    a = new(run)
    new(run, "Toinen", "2027-01-10", "Uusimaa")
    result = run("status")
    assert result.exit_code == 0
    assert a in result.output and "1/8 partner_agreed" in result.output
    assert result.output.startswith("EVENT ") and "OVERDUE" in result.output
    data = json.loads(run("status", "--json").output)
    assert data["today"] == "2026-11-27"
    row = next(e for e in data["events"] if e["id"] == a)
    assert set(row) >= {"id", "title", "date", "region", "stage", "stage_number", "stages",
                        "done_in_stage", "items_in_stage", "blocking", "overdue", "next_due"}
    assert row["stage_number"] == 1 and row["stages"] == 8
    assert row["next_due"]["item"] == "kickoff_meeting"


def test_status_check_exits_3_when_overdue(run):
    new(run, "Late", "2027-01-10", "Uusimaa")
    assert run("status", "--check").exit_code == 3


def test_status_of_one_event(run):
    event_id = new(run)
    result = run("status", "pirk")
    assert result.exit_code == 0
    assert "▶ partner_agreed" in result.output and "partner_min" in result.output
    data = json.loads(run("status", event_id, "--json").output)
    assert [s["stage"] for s in data["stages"]][0] == "partner_agreed"
    item = data["stages"][0]["items"][1]
    assert set(item) >= {"item", "label", "ok", "required", "owner", "due", "source", "reason"}
    assert data["blockers"]


def test_unique_prefix_and_ambiguous_prefix(run):
    new(run)
    new(run, "B", "2027-04-01", "Pirkanmaa")
    result = run("why", "pirkanmaa-2027-03")
    assert result.exit_code == 0
    result = run("why", "pirk")
    assert result.exit_code == 1 and "matches 2 events" in result.output
    result = run("why", "nothing")
    assert result.exit_code == 1 and "no event 'nothing'" in result.output


def test_why_lists_every_blocker_with_owner_due_and_source(run):
    event_id = new(run)
    data = json.loads(run("why", event_id, "--json").output)
    assert data["can_advance"] is False
    items = {b["item"]: b for b in data["blockers"]}
    assert set(items) == {"partner_min", "agreement_topics", "agreement_signed",
                          "controller_model", "target_group_organisers"}
    assert items["partner_min"]["source"] == "R1"
    assert items["partner_min"]["owner"] and items["partner_min"]["due"]
    text = run("why", event_id).output
    assert "5 requirement(s) unmet" in text and "source R2" in text


def test_advance_refused_with_every_reason_and_nothing_changes(run, folder):
    event_id = new(run)
    before = (folder / "events" / event_id / "event.toml").read_bytes()
    result = run("advance", event_id)
    assert result.exit_code == 1
    for item in ("partner_min", "agreement_topics", "agreement_signed", "controller_model",
                 "target_group_organisers"):
        assert item in result.output
    assert (folder / "events" / event_id / "event.toml").read_bytes() == before
    data = json.loads(run("advance", event_id, "--json").output)
    assert data["ok"] is False and len(data["blockers"]) == 5


def test_record_data_and_advance(run):
    event_id = new(run)
    assert run("partner", "add", event_id, "Pirkanmaan ETNO", "--type", "authority",
               "--contact", "Leena").exit_code == 0
    for topic in ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                  "registrations_receiver", "controller_model"):
        value = "joint" if topic == "controller_model" else f"agreed {topic}"
        assert run("partner", "agree", event_id, topic, value).exit_code == 0
    assert run("organiser", "add", event_id, "Amir", "--target-group", "ngo").exit_code == 0
    result = run("check", event_id, "agreement_signed", "--note", "signed 20.11.")
    assert result.exit_code == 0 and "✓ agreement_signed" in result.output
    result = run("advance", event_id, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["from"], data["to"], data["stage"]) == ("partner_agreed", "venue", "venue")
    listed = json.loads(run("partner", "list", event_id, "--json").output)
    assert listed["partners"][0]["name"] == "Pirkanmaan ETNO"
    assert listed["agreement"]["controller_model"] == "joint"


def test_check_records_who_when_and_note_and_uncheck(run, folder):
    event_id = new(run)
    run("check", event_id, "kickoff_meeting", "--note", "City hall")
    data = json.loads(run("status", event_id, "--json").output)
    item = data["stages"][0]["items"][0]
    assert item["ok"] and item["checked_by"] == "tester" and item["note"] == "City hall"
    assert item["checked_at"]
    assert run("uncheck", event_id, "kickoff_meeting").exit_code == 0
    data = json.loads(run("status", event_id, "--json").output)
    assert data["stages"][0]["items"][0]["ok"] is False


def test_check_refuses_computed_items_and_unknown_items(run):
    event_id = new(run)
    result = run("check", event_id, "partner_min")
    assert result.exit_code == 1 and "cannot be ticked" in result.output
    result = run("check", event_id, "partner")
    assert result.exit_code == 1 and "did you mean" in result.output


def test_waive_needs_a_waivable_item_and_a_note(run):
    event_id = new(run)
    assert run("waive", event_id, "agreement_signed", "--note", "x").exit_code == 1
    result = run("waive", event_id, "target_group_organisers", "--note",
                 "No target-group organiser available this time")
    assert result.exit_code == 0
    blockers = json.loads(run("why", event_id, "--json").output)["blockers"]
    assert "target_group_organisers" not in {b["item"] for b in blockers}


def test_reopen_and_cancel_need_a_reason_and_are_in_history(run, ef_engine):
    event_id = new(run)
    walk_to(ef_engine, event_id, "speakers")
    assert run("reopen", event_id, "venue").exit_code == 1
    result = run("reopen", event_id, "speakers", "--reason", "x")
    assert result.exit_code == 1 and "earlier stage" in result.output
    result = run("reopen", event_id, "venue", "--reason", "Hall double-booked")
    assert result.exit_code == 0 and "speakers → venue" in result.output
    result = run("cancel", event_id, "--reason", "Budget cut")
    assert result.exit_code == 0
    assert json.loads(run("status", "--json").output)["events"][0]["stage"] == "cancelled"
    assert run("advance", event_id).exit_code == 1
    assert run("cancel", event_id, "--reason", "again").exit_code == 1
    history = json.loads(run("history", event_id, "--json").output)["history"]
    actions = [(h["action"], h.get("reason")) for h in history]
    assert ("reopen", "Hall double-booked") in actions and ("cancel", "Budget cut") in actions
    assert all({"rev", "at", "by", "action"} <= set(h) for h in history)
    revs = [h["rev"] for h in history]
    assert revs == sorted(revs) and len(set(revs)) == len(revs)
    text = run("history", event_id).output
    assert "reopen" in text and "Budget cut" in text
    assert "change_id" not in text and "reason=" not in text  # people read it; scripts: --json


def test_history_is_read_in_helsinki_time(run, folder):
    event_id = new(run)
    path = folder / "events" / event_id / "history.jsonl"
    first = json.loads(path.read_text("utf-8").splitlines()[0])
    first.update(at="2026-11-30T11:05:00+00:00", note="hand-written")
    path.write_text(json.dumps(first) + "\n", "utf-8")
    line = run("history", event_id).output.splitlines()[0]
    assert "2026-11-30 13.05" in line  # UTC+2 in winter, the English interface's ISO day
    assert line.startswith("r1 ") and "— hand-written" in line


def test_reopen_a_cancelled_event(run):
    event_id = new(run)
    run("cancel", event_id, "--reason", "Postponed")
    result = run("reopen", event_id, "partner_agreed", "--reason", "Back on")
    assert result.exit_code == 0
    assert json.loads(run("status", event_id, "--json").output)["stage"] == "partner_agreed"


def test_next_lists_what_falls_due(run):
    new(run, "Soon", "2027-01-10", "Uusimaa")
    data = json.loads(run("next", "--days", "14", "--json").output)
    assert data["items"]
    assert all(i["due"] <= "2026-12-11" for i in data["items"])
    assert any(i["overdue"] for i in data["items"])
    text = run("next", "--days", "14").output
    assert "OVERDUE" in text


def test_reschedule_dry_run_saves_nothing(run, folder):
    event_id = new(run)
    path = folder / "events" / event_id / "event.toml"
    before = path.read_bytes()
    result = run("reschedule", event_id, "--date", "2027-04-15", "--dry-run", "--json")
    data = json.loads(result.output)
    assert data["dry_run"] is True and data["to"] == "2027-04-15"
    moves = {m["item"]: m for m in data["moves"]}
    # four weeks later, every week- or day-based due date moves four weeks
    assert moves["agreement_topics"] == {"item": "agreement_topics", "from": "2026-12-23",
                                         "to": "2027-01-21"}
    assert path.read_bytes() == before
    text = run("reschedule", event_id, "--date", "2027-04-15", "--dry-run").output
    assert "would move" in text and "nothing saved" in text
    assert run("reschedule", event_id, "--date", "2027-04-15").exit_code == 0
    assert 'date = 2027-04-15' in path.read_text()


def test_reschedule_business_day_item_across_easter(run):
    event_id = new(run, "E", "2027-04-01", "Pirkanmaa")
    data = json.loads(run("reschedule", event_id, "--date", "2027-04-06", "--dry-run",
                          "--json").output)
    moves = {m["item"]: m for m in data["moves"]}
    # headcount is due 5 business days before: Easter Monday 29.3. and Good Friday 26.3. skipped
    assert moves["headcount_to_catering"]["to"] == "2027-03-30"


def test_data_commands(run):
    event_id = new(run)
    assert run("venue", "set", event_id, "--name", "Tampere-talo", "--capacity", "120",
               "--accessibility", "step_free,hearing_loop").exit_code == 0
    assert run("venue", "set", event_id).exit_code == 2
    assert run("cost", "add", event_id, "--category", "venue", "--amount", "800",
               "--split", "host=50,p1=50").exit_code == 0
    assert run("cost", "add", event_id, "--category", "venue", "--amount", "1",
               "--split", "host").exit_code == 2
    assert run("cost", "split", event_id, "c1", "host=100").exit_code == 0
    assert run("cost", "remove", event_id, "c9").exit_code == 1
    assert run("speaker", "add", event_id, "Dr. Niemi", "--slot", "expert_talk",
               "--ex-officio", "--dimension", "attitudes", "--start", "09:15").exit_code == 0
    assert run("speaker", "add", event_id, "X", "--slot", "keynote").exit_code == 2
    assert run("speaker", "confirm", event_id, "Dr. Niemi").exit_code == 0
    assert run("panel", "panelist", event_id, "Jari", "--role", "police").exit_code == 0
    assert run("panel", "question", event_id, "Is it safe?", "--dimension",
               "safety").exit_code == 0
    assert run("panel", "set", event_id, "--moderator", "Mari").exit_code == 0
    # order of actions: questions are sent only once they are drafted
    refused = run("panel", "sent", event_id, "--date", "2027-03-01")
    assert refused.exit_code == 1 and "panel_questions_drafted" in refused.output
    assert run("check", event_id, "panel_questions_drafted").exit_code == 0
    # ... and once the event has reached the panel questions' stage (it stands at stage 1)
    early = run("panel", "sent", event_id, "--date", "2027-03-01")
    assert early.exit_code == 1 and "before 'panel_questions'" in early.output
    assert f"`eventflow advance {event_id}`" in early.output
    assert run("invitation", "set", event_id, "--languages", "fi,sv", "--default-definition",
               "--target-groups", "ngo,regional_etno", "--deadline", "2027-03-14",
               "--recording-notice", "form").exit_code == 0
    assert run("invitation", "set", event_id, "--target-groups", "aliens").exit_code == 2
    # order of actions: nothing is sent before the co-organising agreement (R2, G1)
    refused = run("invitation", "sent", event_id, "--date", "2027-01-20")
    assert refused.exit_code == 1
    assert "agreement_signed" in refused.output and "controller_model" in refused.output
    for topic in ("date", "venue", "cost_sharing", "programme", "invitations_sender",
                  "registrations_receiver"):
        assert run("partner", "agree", event_id, topic, "agreed").exit_code == 0
    assert run("partner", "agree", event_id, "controller_model", "joint").exit_code == 0
    assert run("check", event_id, "agreement_signed").exit_code == 0
    assert run("invitation", "sent", event_id, "--date", "2027-01-20").exit_code == 0
    data = json.loads(run("status", event_id, "--json").output)
    assert data["revision"] == 20
    history = json.loads(run("history", event_id, "--json").output)["history"]
    assert [h["action"] for h in history][-3:] == ["agree", "check",
                                           "invitation.sent"]


def test_workflow_commands(run, tmp_path):
    data = json.loads(run("workflow", "list", "--json").output)
    assert data["workflows"][0]["id"] == "good-relations-training"
    assert data["workflows"][0]["stages"] == 8
    shown = json.loads(run("workflow", "show", "good-relations-training", "--json").output)
    assert shown["stages"][0]["items"][1]["source"] == "R1"
    assert "partner_min" in run("workflow", "show", "good-relations-training").output
    graph = run("workflow", "graph", "good-relations-training").output
    assert graph.startswith("stateDiagram-v2")
    assert "partner_agreed --> venue: advance [requires" in graph and "partner_min" in graph
    assert "follow_up --> done" in graph and "--> cancelled: cancel" in graph
    bad = tmp_path / "bad.toml"
    bad.write_text('[workflow]\nid = "x"\nversion = "1"\ntitle = { fi = "a", sv = "b", en = "c" }'
                   '\n[[stages]]\nid = "s"\nlabel = { fi = "a", sv = "b", en = "c" }\n'
                   '[[stages.items]]\nid = "i"\nlabel = { fi = "a", sv = "b" }\ncheck = "nope"'
                   '\ndue = "-1q"\n')
    result = run("workflow", "lint", str(bad))
    assert result.exit_code == 1
    assert "unknown check 'nope'" in result.output and "label.en: missing" in result.output
    assert "'-1q' is not a due offset" in result.output and str(bad) in result.output
    from pathlib import Path

    seed = Path(__file__).parents[1] / "workflows" / "good-relations-training.toml"
    result = run("workflow", "lint", str(seed))
    assert result.exit_code == 0 and "ok" in result.output
    assert run("workflow", "show", "nope").exit_code == 1


def test_terminal_escape_sequences_are_not_printed(run, folder):
    refused = run("new", "Evil \x1b[2J\x1b]0;pwned\x07 title", "--date", "2027-03-18",
                  "--region", "Pirkanmaa")
    assert refused.exit_code == 1 and "\x1b" not in refused.output
    assert "the title holds a control character or line break ('\\x1b')" in refused.output
    assert not list((folder / "events").glob("*/event.toml"))  # nothing was created
    event_id = new(run)  # a file written before titles were one line still loads
    path = folder / "events" / event_id / "event.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('title = "Hyvät väestösuhteet – Pirkanmaa"',
                                 'title = "Evil \\u001b[2J\\u001b]0;pwned\\u0007 title"'),
                    "utf-8")
    result = run("status", event_id)
    assert result.exit_code == 0 and "\x1b" not in result.output
    assert "Evil [2J ]0;pwned title" in result.output
    assert "pwned" in path.read_text("utf-8") and "\\u001b" in path.read_text("utf-8")


def test_debug_env_shows_traceback(run, monkeypatch):
    monkeypatch.setenv("EVENTFLOW_DEBUG", "1")
    from eventflow.errors import EventNotFound

    with pytest.raises(EventNotFound):
        run("why", "nothing")
