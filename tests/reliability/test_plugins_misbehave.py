"""Plugins that raise, return the wrong type, or change what they are given cannot corrupt an
event or hide the other plugins' results."""

from __future__ import annotations

from typing import Any

import pytest

import eventflow
from eventflow.checklist import CheckResult
from eventflow.errors import TransitionBlocked


def with_plugins(ef_project: Any, ef_plugin_manager: Any, *plugins: object) -> Any:
    from eventflow.engine import Engine

    return Engine(ef_project, ef_plugin_manager(*plugins))


class BadChecks:
    """Checks replacing three built-in item checks' neighbours: one raises, one returns a
    string, one returns a CheckResult whose ok is not a bool, one empties the event it gets."""

    @eventflow.hookimpl
    def register_checks(self, register: Any) -> None:
        register("raises", lambda event: 1 / 0)
        register("returns_text", lambda event: "yes")
        register("ok_is_text", lambda event: CheckResult("no", "looks fine"))  # type: ignore

        def vandal(event: Any) -> bool:
            event.partners.clear()
            event.agreement.date = ""
            event.items.clear()
            return True

        register("vandal", vandal)

    @eventflow.hookimpl
    def register_items(self, register: Any) -> None:
        for name in ("vandal", "raises", "returns_text", "ok_is_text"):
            register("good-relations-training", "partner_agreed", {
                "id": f"bad_{name}", "check": name, "required": True, "owner": "organiser",
                "due": "-10w", "source": "test",
                "label": {"fi": name, "sv": name, "en": name}})


def test_bad_checks_are_reported_and_hide_nothing(ef_project: Any, ef_plugin_manager: Any,
                                                  ef_event: Any, ef_engine: Any,
                                                  figures: dict[str, Any]) -> None:
    event = ef_event("partner_agreed")
    ef_engine.change(event.id, "fill", lambda ev: __import__(
        "eventflow.testing", fromlist=["fill_stage"]).fill_stage(ev, "partner_agreed"))
    ef_engine.tick(event.id, "kickoff_meeting")
    ef_engine.tick(event.id, "agreement_signed")
    clean = {s.item.id: (s.ok, s.reason) for s in ef_engine.evaluate(ef_engine.load(event.id))}
    engine = with_plugins(ef_project, ef_plugin_manager, BadChecks())
    on_disk = engine.project.event_path(event.id).read_bytes()
    statuses = {s.item.id: s for s in engine.evaluate(engine.load(event.id))}
    # the built-in items give exactly the results they give without the bad plugin
    for item_id, result in clean.items():
        assert (statuses[item_id].ok, statuses[item_id].reason) == result, item_id
    assert not statuses["bad_raises"].ok and "ZeroDivisionError" in statuses["bad_raises"].reason
    assert "BadChecks" in statuses["bad_raises"].reason or "plugin" in statuses["bad_raises"].reason
    assert not statuses["bad_returns_text"].ok and "returned str" in \
        statuses["bad_returns_text"].reason
    assert not statuses["bad_ok_is_text"].ok, "a CheckResult with ok='no' must not pass"
    assert engine.project.event_path(event.id).read_bytes() == on_disk
    blockers = engine.why(engine.load(event.id))
    assert {"bad_raises", "bad_returns_text", "bad_ok_is_text"} <= {b.item for b in blockers}
    with pytest.raises(TransitionBlocked):
        engine.advance(event.id)
    assert engine.project.event_path(event.id).read_bytes() == on_disk
    figures["bad checks reported, built-in results unchanged"] = len(clean)


class Veto:
    @eventflow.hookimpl
    def before_transition(self, event: Any, source: str, dest: str, trigger: str) -> None:
        raise TransitionBlocked("the partner has not signed")


class Crashes:
    @eventflow.hookimpl
    def before_transition(self, event: Any, source: str, dest: str, trigger: str) -> None:
        event.stage = "done"
        event.title = "hijacked"
        raise KeyError("boom")

    @eventflow.hookimpl
    def after_transition(self, event: Any, source: str, dest: str, trigger: str) -> Any:
        event.title = "hijacked"
        raise RuntimeError("after boom")

    @eventflow.hookimpl
    def after_item_changed(self, event: Any, item_id: str, state: dict[str, Any]) -> Any:
        event.items.clear()
        return "unexpected"


class Records:
    def __init__(self) -> None:
        self.seen: list[str] = []

    @eventflow.hookimpl
    def after_transition(self, event: Any, source: str, dest: str, trigger: str) -> None:
        self.seen.append(f"{source}->{dest}")

    @eventflow.hookimpl
    def after_item_changed(self, event: Any, item_id: str, state: dict[str, Any]) -> None:
        self.seen.append(item_id)


def test_raising_lifecycle_hooks_never_corrupt_or_hide(ef_project: Any, ef_plugin_manager: Any,
                                                       ef_event: Any) -> None:
    event = ef_event("venue")
    from eventflow.testing import fill_stage

    records = Records()
    engine = with_plugins(ef_project, ef_plugin_manager, Veto(), Crashes(), records)
    engine.change(event.id, "fill", lambda ev: fill_stage(ev, "venue"))
    path = engine.project.event_path(event.id)
    before = path.read_bytes()
    with pytest.raises(TransitionBlocked) as info:
        engine.advance(event.id)
    reasons = [b.reason for b in info.value.blockers]
    assert "the partner has not signed" in reasons  # the veto is not hidden by the crash
    assert any("Crashes" in r or "KeyError" in r for r in reasons)
    assert path.read_bytes() == before

    engine = with_plugins(ef_project, ef_plugin_manager, Crashes(), records)
    with pytest.raises(TransitionBlocked):  # a hook that fails blocks; it never half-advances
        engine.advance(event.id)
    assert path.read_bytes() == before and records.seen == []


def test_after_hooks_failing_keep_the_saved_change(ef_project: Any, ef_plugin_manager: Any,
                                                   ef_event: Any) -> None:
    event = ef_event("venue")
    from eventflow.testing import fill_stage

    records = Records()

    class AfterOnly(Crashes):
        before_transition = None  # type: ignore[assignment]

    engine = with_plugins(ef_project, ef_plugin_manager, AfterOnly(), records)
    engine.change(event.id, "fill", lambda ev: fill_stage(ev, "venue"))
    for item in engine.workflow_for(event).stage("venue").items:
        if item.manual:
            engine.tick(event.id, item.id)
    records.seen.clear()
    outcome = engine.tick(event.id, "kickoff_meeting")
    assert records.seen == ["kickoff_meeting"]  # the other plugin was still called
    saved = engine.load(event.id)
    assert saved.item_state("kickoff_meeting").checked and saved.items  # not cleared
    outcome = engine.advance(event.id)
    assert any("after boom" in w for w in outcome.warnings)
    assert records.seen[-1] == "venue->costs_split"
    saved = engine.load(event.id)
    assert saved.stage == "costs_split" and saved.title != "hijacked"
    history = engine.project.history(event.id)
    assert [h["action"] for h in history][-1] == "advance"
