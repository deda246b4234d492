"""The one verdict, as the commands show it: regressions, time, order of actions, reschedule,
reopen, and done and cancelled events told truthfully."""

from __future__ import annotations

import json
from typing import Any

import pytest


def at_stage(ef_event: Any, stage: str) -> str:
    return str(ef_event(stage).id)


def test_a_hand_edited_inconsistent_file_loads_and_shows_the_regression(
        ef_event: Any, folder: Any, run: Any) -> None:
    event_id = at_stage(ef_event, "speakers")
    import tomllib

    import tomli_w

    path = folder / "events" / event_id / "event.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    del data["partners"]  # R1 broken by hand, as a person editing the file might
    path.write_text(tomli_w.dumps(data), "utf-8")
    why = run("why", event_id)
    assert why.exit_code == 0
    lines = why.output.splitlines()
    assert "regression" in lines[0] and "partner_min of partner_agreed" in lines[2]
    status = run("status", "--json")
    row = json.loads(status.output)["events"][0]
    assert row["regressions"] == 2  # R1, and R6: the cost lines still split to the partner
    assert run("status", "--check").exit_code == 3
    advance = run("advance", event_id)
    assert advance.exit_code == 1 and "regression" in advance.output


def test_a_regression_is_saved_with_a_warning_naming_rule_and_fix(ef_event: Any,
                                                                  run: Any) -> None:
    event_id = at_stage(ef_event, "speakers")
    added = run("speaker", "add", event_id, "Late Expert", "--slot", "comment_talk")
    assert added.exit_code == 0 and "regression" not in added.output  # the current stage
    fee = run("speaker", "add", event_id, "Chief Inspector", "--slot", "panel", "--ex-officio",
              "--fee", "200")
    assert fee.exit_code == 0  # reality changed: the speaker is recorded
    assert f"regression in {event_id}: ex_officio_no_fee of stage 'costs_split'" in fee.output
    why = json.loads(run("why", event_id, "--json").output)
    assert why["blockers"][0] == {**why["blockers"][0], "kind": "regression",
                                  "item": "ex_officio_no_fee", "stage": "costs_split"}
    assert why["regressions"] == 1 and not why["can_advance"]
    assert "EVENT" not in json.dumps(why)  # every fix names the real event


def test_delivery_is_left_on_the_event_day_and_not_before(ef_event: Any, ef_engine: Any,
                                                          run: Any, monkeypatch: Any) -> None:
    from eventflow.testing import complete_stage

    event = ef_event("delivery")
    monkeypatch.setenv("EVENTFLOW_TODAY", "2027-03-01")
    tick = run("check", event.id, "attendance_recorded")
    assert tick.exit_code == 1
    assert "can be ticked from 2027-03-18" in tick.output and "2027-03-01" in tick.output
    why = json.loads(run("why", event.id, "--json").output)
    assert why["leave_from"] == "2027-03-18" and not why["can_advance"]
    assert any(b["kind"] == "time" for b in why["blockers"])
    monkeypatch.setenv("EVENTFLOW_TODAY", "2027-03-18")
    complete_stage(ef_engine, event.id)
    assert run("advance", event.id).exit_code == 0


def test_follow_up_advice_can_be_ticked_after_done(ef_event: Any, run: Any) -> None:
    event = ef_event("done")
    assert run("check", event.id, "partner_debrief", "--note", "late").exit_code == 0
    refused = run("check", event.id, "costs_settled")
    assert refused.exit_code == 1 and "done" in refused.output


def test_done_and_cancelled_events_are_told_truthfully(ef_event: Any, run: Any) -> None:
    done = ef_event("done")
    assert "is done" in run("why", done.id).output
    cancelled = ef_event("costs_split", region="Uusimaa")
    assert run("cancel", cancelled.id, "--reason", "no venue").exit_code == 0
    why = run("why", cancelled.id)
    assert "cancelled (at 'costs_split')" in why.output
    assert "can leave" not in why.output
    row = next(r for r in json.loads(run("status", "--json").output)["events"]
               if r["id"] == cancelled.id)
    assert row["status"] == "cancelled" and row["stage_number"] == 3
    assert "3/8 cancelled" in run("status").output


def test_reopen_only_goes_back(ef_event: Any, run: Any) -> None:
    event = ef_event("venue")
    forward = run("reopen", event.id, "follow_up", "--reason", "skip ahead")
    assert forward.exit_code == 1 and "earlier stage" in forward.output
    run("cancel", event.id, "--reason", "x")
    jump = run("reopen", event.id, "follow_up", "--reason", "y")
    assert jump.exit_code == 1 and "cancelled at 'venue'" in jump.output
    assert run("reopen", event.id, "partner_agreed", "--reason", "y").exit_code == 0


def test_reschedule_refuses_the_past_and_lists_what_goes_stale(ef_event: Any, run: Any) -> None:
    event = ef_event("panel_questions")  # the invitation and the questions were sent
    past = run("reschedule", event.id, "--date", "2026-11-01")
    assert past.exit_code == 1 and "in the past" in past.output and "--force" in past.output
    assert run("reschedule", event.id, "--date", "2026-11-01", "--force").exit_code == 1
    dry = json.loads(run("reschedule", event.id, "--date", "2027-01-10", "--dry-run",
                         "--json").output)
    text = " ".join(dry["consequences"])
    assert "registration deadline" in text and "send it again" in text
    assert "becomes overdue" in text
    moved = run("reschedule", event.id, "--date", "2027-04-15")
    assert moved.exit_code == 0 and "send it again" in moved.output
    why = json.loads(run("why", event.id, "--json").output)
    assert "invitation_sent_latest" in {b["item"] for b in why["blockers"]}


def test_facts_of_later_stages_wait_for_their_prerequisites(ef_event: Any, run: Any) -> None:
    event = ef_event("partner_agreed")
    for args in (("invitation", "sent", event.id), ("panel", "sent", event.id)):
        result = run(*args)
        assert result.exit_code == 1 and "cannot be recorded" in result.output
        assert "nothing was saved" in result.output
        assert "agreement_signed" in result.output or "panel_questions_drafted" in result.output


def test_panel_sent_waits_for_its_stage_and_a_dimension_on_every_question(
        ef_event: Any, ef_engine: Any, run: Any, folder: Any) -> None:
    event = ef_event("speakers")  # everything in order until here
    assert run("check", event.id, "panel_questions_drafted").exit_code == 0
    assert run("panel", "question", "add", event.id, "Miten kohtaamme?").exit_code == 0
    path = folder / "events" / event.id / "event.toml"
    before = path.read_bytes()
    refused = run("panel", "sent", event.id)
    assert refused.exit_code == 1 and "nothing was saved" in refused.output
    assert "stands at stage 'speakers', before 'panel_questions'" in refused.output
    assert f"`eventflow advance {event.id}`" in refused.output
    n = len(ef_engine.load(event.id).panel.questions)
    assert (f"panel question {n} names no dimension: `eventflow panel question edit {event.id} "
            f"{n} --dimension DIMENSION`") in refused.output
    assert path.read_bytes() == before
    at_stage_6 = ef_event("panel_questions", date=event.date.replace(year=2028))
    assert run("check", at_stage_6.id, "panel_questions_drafted").exit_code == 0
    assert run("panel", "question", "add", at_stage_6.id, "Ilman ulottuvuutta?").exit_code == 0
    refused = run("panel", "sent", at_stage_6.id)
    assert refused.exit_code == 1 and "names no dimension" in refused.output
    assert "before 'panel_questions'" not in refused.output
    n = len(ef_engine.load(at_stage_6.id).panel.questions)
    assert run("panel", "question", "edit", at_stage_6.id, str(n), "--dimension",
               "interaction").exit_code == 0
    assert run("panel", "sent", at_stage_6.id).exit_code == 0


def test_the_invitation_waits_for_confirmed_speakers(ef_event: Any, ef_engine: Any,
                                                    run: Any) -> None:
    event = ef_event("invitations")
    assert run("speaker", "add", event.id, "Uusi Puhuja", "--slot", "showcase").exit_code == 0
    refused = run("invitation", "sent", event.id)
    assert refused.exit_code == 1 and "speakers_confirmed (R3)" in refused.output
    sid = next(s.id for s in ef_engine.load(event.id).speakers if s.name == "Uusi Puhuja")
    assert f"`eventflow speaker confirm {event.id} {sid}`" in refused.output
    assert run("speaker", "confirm", event.id, sid).exit_code == 0
    assert run("invitation", "sent", event.id).exit_code == 0



def test_due_dates_are_working_days(ef_engine: Any) -> None:
    import datetime as dt

    event = ef_engine.create("Hyvät väestösuhteet", dt.date(2027, 4, 15), "Pirkanmaa", ["fi"])
    assert event.due["kickoff_meeting"].weekday() < 5
    assert event.due["kickoff_meeting"] != dt.date(2026, 12, 24)  # not on Christmas Eve


def test_a_folder_may_keep_calendar_days(ef_project: Any) -> None:
    import datetime as dt

    from eventflow.engine import Engine
    from eventflow.errors import FileFormatError
    from eventflow.store import Project

    settings = ef_project.root / "eventflow.toml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("[eventflow]\n", "[eventflow]\nworking_days = false\n"),
                        "utf-8")
    event = Engine(Project(ef_project.root)).create("Hyvät väestösuhteet",
                                                    dt.date(2027, 4, 15), "Pirkanmaa", ["fi"])
    assert event.due["kickoff_meeting"] == dt.date(2026, 12, 24)  # as the calendar falls
    settings.write_text(settings.read_text("utf-8").replace("= false", '= "no"'), "utf-8")
    try:
        Project(ef_project.root).settings  # noqa: B018
    except FileFormatError as exc:
        assert "eventflow.working_days" in str(exc)
    else:
        raise AssertionError("a wrong working_days was accepted")


@pytest.mark.parametrize("lang, words", [
    ("fi", ("1.11.2026", "--force --reason TEXT")),
    ("sv", ("1.11.2026", "--force --reason TEXT")),
    ("en", ("2026-11-01", "--force --reason TEXT")),
])
def test_a_refused_reschedule_names_its_options_in_every_language(
        ef_event: Any, run: Any, monkeypatch: pytest.MonkeyPatch, lang: str,
        words: tuple[str, ...]) -> None:
    """The engine's refusal says what is wrong as the language writes dates; the CLI adds the
    options by the refusal's kind (retry_with), never by matching its translated words."""
    event = ef_event("panel_questions")
    monkeypatch.setenv("EVENTFLOW_LANG", lang)
    past = run("reschedule", event.id, "--date", "2026-11-01")
    assert past.exit_code == 1 and all(w in past.output for w in words), past.output
    forced = run("reschedule", event.id, "--date", "2026-11-01", "--force")
    assert forced.exit_code == 1 and "--reason TEXT" in forced.output, forced.output


@pytest.mark.parametrize("text", [
    "not ticked yet (eventflow check EVENT partner_min)",
    "ei vielä kuitattu (eventflow check EVENT agreement_signed)",
    "no venue (`eventflow venue set EVENT --name NAME`); or `eventflow partner add EVENT`",
    "eventflow check EVENT ITEM and eventflow check EVENTS, EVENT alone, eventflow x EVENT_2",
    "eventflow a b c EVENT, eventflow a-b_c EVENT.", "EVENT", "eventflow EVENT", "",
])
def test_the_event_id_goes_where_the_placeholder_pattern_says(text: str) -> None:
    """with_event_id finds each reason's placeholders once (they repeat from event to event)
    and gives what one substitution of the pattern gives."""
    from eventflow.judge import _EVENT_WORD, with_event_id

    for event_id in ("pirkanmaa-2027-03-18", r"a\1-\g<0>"):
        expected = _EVENT_WORD.sub(lambda m, i=event_id: f"{m.group(1)} {i}", text)
        assert with_event_id(text, event_id) == with_event_id(text, event_id) == expected
