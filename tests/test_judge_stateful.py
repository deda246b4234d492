"""The judge under random histories: a hypothesis state machine drives the engine through
ticks, unticks, partners and speakers coming and going, advances, reopens, cancellations,
reschedules and days passing, and after every step checks that

* every command reads the same verdict (`why`, `advance`, `status`, `status EVENT`, `next`,
  `policy check`);
* an event at a stage has every required item of the earlier stages met, or shows it as a
  regression;
* no event is past `delivery` before its event day, and `reopen` never moved an event forward.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from eventflow.engine import Engine
from eventflow.errors import InvalidInput, TransitionBlocked
from eventflow.event import Partner, Speaker
from eventflow.store import Project, Settings
from eventflow.testing import fill_stage
from eventflow.workflow import CANCELLED, DONE

EVENT_DAY = dt.date(2027, 3, 18)
START = dt.date(2026, 11, 2)


class EventLife(RuleBasedStateMachine):
    """One event of the seed workflow, changed only through the engine's public API."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.tmp = tempfile.TemporaryDirectory(prefix="eventflow-stateful-")
        self.today = START
        os.environ["EVENTFLOW_TODAY"] = START.isoformat()
        project = Project.init(Path(self.tmp.name) / "planning",
                               Settings(organisation="Tampereen kaupunki",
                                        organisation_type="authority"))
        self.engine = Engine(project)
        self.event_id = self.engine.create("Hyvät väestösuhteet", EVENT_DAY, "Pirkanmaa",
                                           ["fi"]).id
        self.items = [i.id for i in self.engine.workflow_for(self.event).items()]
        self.manual = self.engine.tickable(self.event)
        self.stages = self.engine.workflow_for(self.event).stage_ids
        self.previous_stage = self.event.stage

    def teardown(self) -> None:
        self.tmp.cleanup()

    @property
    def event(self) -> Any:
        return self.engine.load(self.event_id)

    def _try(self, action: Any) -> None:
        # a refusal is an answer; the invariants say whether it was right
        with contextlib.suppress(InvalidInput, TransitionBlocked):
            action()

    # steps -----------------------------------------------------------------------------------
    @initialize()
    def start(self) -> None:
        self.previous_stage = self.event.stage

    @rule(data=st.data())
    def tick(self, data: Any) -> None:
        item = data.draw(st.sampled_from(self.manual))
        self._try(lambda: self.engine.tick(self.event_id, item, note="done"))

    @rule(data=st.data())
    def untick(self, data: Any) -> None:
        item = data.draw(st.sampled_from(self.manual))
        self._try(lambda: self.engine.tick(self.event_id, item, checked=False))

    @rule()
    def fill_the_stage(self) -> None:
        stage = self.event.stage
        if stage in (DONE, CANCELLED):
            return
        self._try(lambda: self.engine.change(self.event_id, "test.fill",
                                             lambda ev: fill_stage(ev, stage)))

    @rule()
    def work_through_the_stage(self) -> None:
        """Fill in the stage's data and tick its items, as a planning team does in a week."""
        self.fill_the_stage()
        stage = self.event.stage
        if stage in (DONE, CANCELLED):
            return
        for item in self.engine.workflow_for(self.event).stage(stage).items:
            if item.id in self.manual:
                self._try(lambda i=item.id: self.engine.tick(self.event_id, i, note="done"))

    @rule()
    def partner_withdraws(self) -> None:
        def mutate(ev: Any) -> None:
            ev.partners = []

        self._try(lambda: self.engine.change(self.event_id, "partner.remove", mutate))

    @rule()
    def partner_joins(self) -> None:
        def mutate(ev: Any) -> None:
            if not any(p.id == "p9" for p in ev.partners):
                ev.partners.append(Partner(id="p9", name="Pirkanmaan ETNO", type="authority"))

        self._try(lambda: self.engine.change(self.event_id, "partner.add", mutate))

    @rule()
    def unconfirmed_speaker_added(self) -> None:
        def mutate(ev: Any) -> None:
            ev.speakers.append(Speaker(id=f"s{len(ev.speakers) + 1}", name="Late Speaker",
                                       slot="comment_talk", confirmed=False))

        self._try(lambda: self.engine.change(self.event_id, "speaker.add", mutate))

    @rule()
    def speakers_confirm(self) -> None:
        def mutate(ev: Any) -> None:
            for speaker in ev.speakers:
                speaker.confirmed = True

        self._try(lambda: self.engine.change(self.event_id, "speaker.confirm", mutate))

    @rule(stages=st.integers(1, 4))
    def work_and_advance(self, stages: int) -> None:
        for _ in range(stages):
            self.work_through_the_stage()
            self.advance()

    @rule()
    def advance(self) -> None:
        from hypothesis import event as note

        self._try(lambda: self.engine.advance(self.event_id))
        note(f"reached {self.event.stage}")

    @rule(data=st.data())
    def reopen(self, data: Any) -> None:
        stage = data.draw(st.sampled_from(self.stages))
        self._try(lambda: self.engine.reopen(self.event_id, stage, "a reason"))

    @rule(now=st.integers(0, 5))
    def cancel(self, now: int) -> None:
        if now == 0:  # rarely: most trainings are held
            self._try(lambda: self.engine.cancel(self.event_id, "a reason"))

    @rule(weeks=st.integers(-6, 6))
    def reschedule(self, weeks: int) -> None:
        day = self.event.date + dt.timedelta(weeks=weeks)
        self._try(lambda: self.engine.reschedule(self.event_id, day, dry_run=False))

    @rule(days=st.sampled_from([1, 7, 30, 90, 150]))
    def days_pass(self, days: int) -> None:
        self.today += dt.timedelta(days=days)
        os.environ["EVENTFLOW_TODAY"] = self.today.isoformat()

    # invariants --------------------------------------------------------------------------------
    @invariant()
    def every_command_reads_one_verdict(self) -> None:
        import json

        from eventflow.commands_policy import judge as policy_judge
        from eventflow.index import render_status, status_view

        engine, event = self.engine, self.event
        verdict = engine.judge(event)
        blockers = engine.why(event)
        summary = engine.summary(event, self.today)
        # what `status EVENT --json` prints today, from the view the caches keep
        view = json.loads(render_status(status_view(engine, event), self.today, True))
        assert summary["regressions"] == len(verdict.regressions) == view["regressions"]
        assert [b["item"] for b in view["blockers"]] == [b.item for b in blockers]
        assert (verdict.status == "active" and not blockers) == verdict.can_leave
        broken_items = {i["item"] for r in policy_judge(engine, event, []) for i in r["items"]
                        if i["verdict"] == "broken"}
        assert {r.item.id for r in verdict.regressions} <= broken_items
        upcoming = {row["item"] for row in engine.upcoming(self.today, 3650)
                    if row["event"] == event.id}
        open_items = {r.item.id for r in verdict.requirements if not r.met and r.due}
        assert upcoming == (open_items if verdict.status == "active" else set())

    @invariant()
    def earlier_stages_are_met_or_regressions(self) -> None:
        engine, event = self.engine, self.event
        verdict = engine.judge(event)
        if verdict.status == "cancelled":
            return
        here = (self.stages.index(verdict.stage) if verdict.status == "active"
                else len(self.stages))
        evaluated = {s.item.id: s for s in engine.evaluate(event)}
        regressions = {r.item.id for r in verdict.regressions}
        for stage in self.stages[:here]:
            for item in engine.workflow_for(event).stage(stage).items:
                status = evaluated[item.id]
                met = status.ok or (status.state.waived and item.waivable)
                if item.required and not met:
                    assert item.id in regressions, (item.id, stage, event.stage)

    @invariant()
    def nothing_is_delivered_before_its_day(self) -> None:
        event = self.event
        stage = event.cancelled_from if event.stage == CANCELLED else event.stage
        if stage in ("follow_up", DONE):
            assert self.today >= event.date, (event.stage, self.today, event.date)

    @invariant()
    def reopen_never_goes_forward(self) -> None:
        history = self.engine.project.history(self.event_id)
        for entry in history:
            if entry.get("action") == "reopen" and entry.get("applied", True):
                order = self.stages + [DONE, CANCELLED]
                assert entry["from"] in (DONE, CANCELLED) or \
                    order.index(entry["to"]) < order.index(entry["from"]), entry
                if entry["from"] == CANCELLED:
                    cancelled_from = [h["from"] for h in history
                                      if h.get("action") == "cancel" and h["rev"] < entry["rev"]]
                    assert order.index(entry["to"]) <= order.index(cancelled_from[-1]), entry


EventLife.TestCase.settings = settings(max_examples=int(os.environ.get("EVENTFLOW_STATEFUL", 15)),
                                       stateful_step_count=40, deadline=None,
                                       suppress_health_check=list(HealthCheck))


@pytest.fixture
def _own_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_TODAY", START.isoformat())  # restored after the test


@pytest.mark.usefixtures("_own_clock")
class TestEventLife(EventLife.TestCase):  # type: ignore[name-defined,misc]
    pass
