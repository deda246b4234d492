"""pytest-bdd steps for the ETNO policy (``features/etno_board.feature``).

They use eventflow's step decorators (``eventflow.policy.steps``), so that ``eventflow policy``
knows them, and eventflow's test fixtures (``eventflow.testing``); they activate this plugin in
a fresh planning folder, exactly as a planning team would in its ``eventflow.toml``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventflow.policy.steps import given, then, when


def pytest_configure(config: pytest.Config) -> None:
    """Register the feature's tag when this module is loaded as a pytest plugin."""
    config.addinivalue_line("markers", "etno: the regional ETNO's policy")
    config.addinivalue_line("markers", "etno.board-invited: the rule that the region's ETNO "
                            "board is invited")


@pytest.fixture
def etno_world() -> dict[str, Any]:
    return {}


def _status(world: dict[str, Any]) -> Any:
    eng = world["engine"]
    event = eng.load(world["event_id"])
    return next(s for s in eng.evaluate(event, event.stage) if s.item.id == "etno_board_invited")


@given("an ETNO-policy training day in {region} on {day}, ready to send invitations")
def etno_training_day(region: str, day: str, etno_world: dict[str, Any], ef_project: Any,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    from eventflow import Engine, Project
    from eventflow.testing import activate, complete_stage, walk_to

    activate(ef_project, "etno")
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "etno")
    eng = Engine(Project(ef_project.root))
    event = eng.create("Hyvät väestösuhteet", dt.date.fromisoformat(day), region, ["fi"])
    walk_to(eng, event.id, "invitations")
    complete_stage(eng, event.id)
    etno_world.update(engine=eng, event_id=event.id)


@when('the planner records that "{board}" was invited on {day}')
def etno_record_invitation(board: str, day: str, etno_world: dict[str, Any]) -> None:
    def record(ev: Any) -> None:
        ev.ext["etno"] = {"invited": board, "invited_on": day}

    etno_world["engine"].change(etno_world["event_id"], "etno.invited", record)


@when('"{board}" is recorded as a partner organisation')
def etno_board_as_partner(board: str, etno_world: dict[str, Any]) -> None:
    from eventflow.event import Partner

    def add(ev: Any) -> None:
        ev.partners.append(Partner(id="etno", name=board, type="authority"))

    etno_world["engine"].change(etno_world["event_id"], "partner.add", add)


@then('the ETNO item passes with "{text}"')
def etno_item_passes(text: str, etno_world: dict[str, Any]) -> None:
    status = _status(etno_world)
    assert status.ok and status.applies, status.reason
    assert text in status.reason


@then("the ETNO item does not apply")
def etno_item_not_applicable(etno_world: dict[str, Any]) -> None:
    status = _status(etno_world)
    assert status.ok and not status.applies, status.reason


@then("the invitations stage can be left")
def etno_stage_can_be_left(etno_world: dict[str, Any]) -> None:
    eng = etno_world["engine"]
    event = eng.advance(etno_world["event_id"]).event
    assert event.stage == "panel_questions"


@then('leaving the invitations stage is refused because "{text}" is not among the invitees',
      'leaving the invitations stage is refused because "{text}"')
def etno_stage_refused(text: str, etno_world: dict[str, Any]) -> None:
    from eventflow import TransitionBlocked

    eng = etno_world["engine"]
    with pytest.raises(TransitionBlocked) as refused:
        eng.advance(etno_world["event_id"])
    reasons = [b.reason for b in refused.value.blockers if b.item == "etno_board_invited"]
    assert reasons and text in reasons[0], reasons
    assert eng.load(etno_world["event_id"]).stage == "invitations"
