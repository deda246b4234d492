"""The programme and the run sheet (issue 11, point 4), the calendar file's identity
(point 5) and honest output runs (point 8)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventflow.default_plugins.outputs_view import CUES, layout, run_sheet_slots
from eventflow.outputs import render_outputs
from eventflow.testing import walk_to

STAGES = ["partner_agreed", "venue", "costs_split", "speakers", "invitations",
          "panel_questions", "delivery", "follow_up"]


class FakeContext(SimpleNamespace):
    def warn(self, message: str) -> None:
        self.warnings.append(message)


def check_run_sheet(ctx, lang: str = "fi") -> None:
    """No two timed slots overlap; the feedback survey is in the last slot, a closing slot."""
    slots = run_sheet_slots(ctx, lang)
    timed = [s for s in slots if s.start is not None]
    for before, after in zip(timed, timed[1:], strict=False):
        assert before.end is not None and before.start <= before.end <= after.start, \
            (before, after)
    with_feedback = [s for s in slots if CUES[lang]["feedback"] in s.cues]
    if timed:
        assert with_feedback == [timed[-1]] and timed[-1].kind == "closing"
    else:
        assert with_feedback == []


times = st.one_of(st.just(""), st.builds(lambda h, m: f"{h:02d}:{m:02d}",
                                         st.integers(7, 17), st.sampled_from([0, 10, 15, 30,
                                                                              45, 50])))
speakers = st.builds(lambda i, slot, start, minutes: SimpleNamespace(
    id=f"s{i}", name=f"Speaker {i}", slot=slot, start=start, minutes=minutes),
    st.integers(1, 99), st.sampled_from(["expert_talk", "region_talk", "panel", "showcase"]),
    times, st.integers(0, 90))
items = st.builds(lambda i, kind, start, minutes: SimpleNamespace(
    id=f"pr{i}", kind=kind, start=start, minutes=minutes, title={}),
    st.integers(1, 99), st.sampled_from(["opening", "coffee", "lunch", "closing", "other"]),
    times, st.integers(0, 60))


@settings(max_examples=300, deadline=None)
@given(st.lists(speakers, max_size=7), st.lists(items, max_size=5), st.booleans())
def test_run_sheet_of_any_programme_has_no_overlap_and_feedback_at_the_close(
        talks, extra, recording):
    event = SimpleNamespace(id="e", speakers=talks, programme=extra, recording=recording,
                            panel=SimpleNamespace(moderator="M"), host=SimpleNamespace(name="H"))
    ctx = FakeContext(event=event, warnings=[])
    check_run_sheet(ctx)
    slots = layout(ctx)
    assert len(slots) == len(talks) + len(extra)  # every recorded item is in the programme


def test_overlapping_items_are_moved_and_named(ef_engine, ef_event):
    event = ef_event("partner_agreed")

    def overlap(ev):
        walk = __import__("eventflow.testing", fromlist=["fill_stage"])
        walk.fill_stage(ev, "speakers")
        ev.speakers[1].start = "09:30"  # into the first talk (09:15–09:55)

    ef_engine.change(event.id, "test", overlap)
    report = render_outputs(ef_engine, event.id, stages=["speakers", "delivery"],
                            languages=["fi"])
    assert report.ok
    assert any("starts at 09:30 but speaker s1" in w and "move it to 09:55" in w
               for w in report.warnings), report.warnings
    folder = ef_engine.project.event_dir(event.id) / "outputs"
    programme = (folder / "speakers" / "programme-fi.md").read_text("utf-8")
    assert "| 9.55–10.25 | Puheenvuoro alueen" in programme


@pytest.mark.parametrize("stage", STAGES)
def test_run_sheet_of_the_event_at_every_stage(ef_engine, ef_event, stage):
    event = walk_to(ef_engine, ef_event("partner_agreed").id, stage)
    ctx = FakeContext(event=event, warnings=[])
    check_run_sheet(ctx)


def test_demo_run_sheets(tmp_path, monkeypatch):
    from eventflow.demo import build
    from eventflow.engine import Engine
    from eventflow.store import Project

    monkeypatch.setenv("EVENTFLOW_DIR", str(tmp_path / "demo"))
    build(tmp_path / "demo", dt.date(2026, 11, 27))
    engine = Engine(Project(tmp_path / "demo"))
    for event_id in engine.project.event_ids():
        ctx = FakeContext(event=engine.load(event_id), warnings=[])
        for lang in ("fi", "sv", "en"):
            check_run_sheet(ctx, lang)


# the calendar file ------------------------------------------------------------------------------
def calendar_of(engine, event_id, lang):
    folder = engine.project.event_dir(event_id) / "outputs" / "venue"
    (vevent,) = icalendar.Calendar.from_ical((folder / f"event-{lang}.ics").read_bytes()) \
        .walk("VEVENT")
    return vevent


def test_uid_stays_and_sequence_counts_reschedules(ef_engine, ef_event):
    event = ef_event("speakers")
    render_outputs(ef_engine, event.id, stages=["venue"], languages=["fi", "sv"])
    first = calendar_of(ef_engine, event.id, "fi")
    assert first["uid"] == calendar_of(ef_engine, event.id, "sv")["uid"]
    assert first["sequence"] == 0
    for n, day in enumerate((dt.date(2027, 4, 15), dt.date(2027, 4, 22)), 1):
        ef_engine.reschedule(event.id, day, dry_run=False)
        render_outputs(ef_engine, event.id, stages=["venue"], languages=["fi", "sv"])
        for lang in ("fi", "sv"):
            again = calendar_of(ef_engine, event.id, lang)
            assert again["uid"] == first["uid"] and again["sequence"] == n
            start = again.decoded("dtstart")
            assert (start.date() if isinstance(start, dt.datetime) else start) == day


def test_organizer_comes_from_settings(ef_engine, ef_event):
    event = ef_event("speakers")
    root = ef_engine.project.root
    with open(root / "eventflow.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[plugins.outputs]\norganizer_email = "kotoutuminen@example.fi"\n')
    from eventflow.engine import Engine
    from eventflow.store import Project

    engine = Engine(Project(root))
    render_outputs(engine, event.id, stages=["venue"], languages=["fi"])
    assert str(calendar_of(engine, event.id, "fi")["organizer"]) == \
        "mailto:kotoutuminen@example.fi"


def test_no_organizer_is_warned_not_invented(ef_engine, ef_event):
    event = ef_event("speakers")
    report = render_outputs(ef_engine, event.id, stages=["venue"], languages=["fi"])
    assert "organizer" not in calendar_of(ef_engine, event.id, "fi")
    assert any("no ORGANIZER" in w for w in report.warnings)


# honest runs -------------------------------------------------------------------------------------
def test_an_output_with_nothing_to_write_says_why_and_is_not_counted(run, ef_event):
    event = ef_event("partner_agreed")
    result = run("outputs", event.id, "--stage", "panel_questions")
    assert result.exit_code == 0, result.output
    assert "panel_questions/panel_briefs: nothing to write: no panelists recorded yet" \
        in result.output
    assert "0/1 output(s) written" in result.output and "1 had nothing to write" in \
        result.output
    assert "✓" not in result.output


def test_no_questions_is_named(ef_engine, ef_event):
    event = ef_event("partner_agreed")

    def panel_without_questions(ev):
        from eventflow.testing import fill_stage

        for stage in STAGES:
            fill_stage(ev, stage)
        ev.panel.questions = []

    ef_engine.change(event.id, "test", panel_without_questions)
    report = render_outputs(ef_engine, event.id, stages=["panel_questions"])
    (result,) = report.results
    assert result.ok and not result.written and result.files == []
    assert result.nothing.startswith("no panel questions recorded yet")


# eventflow calendar ------------------------------------------------------------------------------
def test_calendar_of_due_dates(run, ef_engine, ef_event, tmp_path):
    event = ef_event("partner_agreed")
    target = tmp_path / "due.ics"
    result = run("calendar", "-o", str(target))
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    entries = cal.walk("VEVENT")
    assert entries and all(len(e.walk("VALARM")) == 2 for e in entries)
    uids = {str(e["uid"]) for e in entries}
    assert f"{event.id}.kickoff-meeting@eventflow" in uids
    due = {str(e["uid"]): e.decoded("dtstart") for e in entries}
    assert due[f"{event.id}.kickoff-meeting@eventflow"] == ef_engine.load(event.id) \
        .due["kickoff_meeting"]
    ef_engine.tick(event.id, "kickoff_meeting", note="done")
    ef_engine.reschedule(event.id, dt.date(2027, 4, 15), dry_run=False)
    result = run("calendar", "--owner", "organiser")
    again = icalendar.Calendar.from_ical(result.stdout.encode("utf-8")).walk("VEVENT")
    assert f"{event.id}.kickoff-meeting@eventflow" not in {str(e["uid"]) for e in again}
    assert again and all(e["sequence"] == 1 for e in again)
    assert {str(e["description"]).split(" · ")[3].split("\n")[0] for e in again} == \
        {"organiser"}
    bad = run("calendar", "--owner", "nobody")
    assert bad.exit_code == 2 and "roles:" in bad.output
