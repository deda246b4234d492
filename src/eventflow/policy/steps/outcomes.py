"""Then: what the engine and the command line must (not) allow."""

from __future__ import annotations

import json

import pytest

from ...errors import InvalidInput, TransitionBlocked
from ..stepdefs import then
from .world import DONE_WORDS, World, refused


@then('the stage cannot be left until "{requirement}" is in order',
      'vaihetta ei voi jättää ennen kuin "{requirement}" on kunnossa',
      'skedet kan inte lämnas förrän "{requirement}" är i ordning')
def blocked_by(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    event = world.event
    blockers = {b.item: b for b in world.engine.why(event)}
    assert item.stage == event.stage, (
        f'"{requirement}" belongs to the stage {item.stage}, the event is at {event.stage}')
    assert item.id in blockers, (
        f'"{item.text()}" ({item.id}) does not hold the event at {event.stage}; '
        f"what holds it: {', '.join(blockers) or 'nothing'}")
    assert blockers[item.id].reason, f"{item.id} blocks without giving a reason"


@then('"{requirement}" is in order', '"{requirement}" on kunnossa',
      '"{requirement}" är i ordning')
def in_order(world: World, requirement: str) -> None:
    status = world.status(world.requirement(requirement))
    assert status.ok and status.applies, f'"{status.item.text()}" is not in order: {status.reason}'


@then("the change is refused because the event covers at most one region",
      "muutos hylätään, koska tilaisuus kattaa enintään yhden maakunnan",
      "ändringen avvisas eftersom tillställningen omfattar högst ett landskap")
def refused_second_region(world: World) -> None:
    assert "one region" in world.refusal, f"the change was not refused ({world.refusal!r})"
    assert "," not in world.event.region, f"the event now covers {world.event.region}"


@then('"{requirement}" must be met before the stage can be left',
      '"{requirement}" on täytettävä ennen kuin vaiheesta pääsee eteenpäin',
      '"{requirement}" måste uppfyllas innan skedet kan lämnas')
def must_be_met(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    result = world.cli("workflow", "show", world.event.workflow.id, "--json")
    assert result.exit_code == 0, result.output
    rows = [i for st in json.loads(result.stdout)["stages"] for i in st["items"]
            if i["id"] == item.id]
    assert rows and rows[0]["required"], f'"{item.text()}" is only advice in the workflow'


@then('"{requirement}" does not apply to this event', '"{requirement}" ei koske tätä tilaisuutta',
      '"{requirement}" gäller inte denna tillställning')
def does_not_apply(world: World, requirement: str) -> None:
    status = world.status(world.requirement(requirement))
    assert status.ok and not status.applies, (
        f'"{status.item.text()}" applies to this event ({status.reason})')


@then('"{requirement}" is shown as advice', '"{requirement}" näytetään suosituksena',
      '"{requirement}" visas som rekommendation')
def shown_as_advice(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    result = world.cli("status", world.event_id, "--json")
    assert result.exit_code == 0, result.output
    rows = [row for stage in json.loads(result.stdout)["stages"] for row in stage["items"]
            if row["item"] == item.id]
    assert rows, f"eventflow status does not show {item.id}"
    row = rows[0]
    assert row["ok"] is False and row["required"] is False, (
        f'"{item.text()}" is shown as ok={row["ok"]}, required={row["required"]} '
        f'({row["reason"]}); expected unmet advice')


@then("the stage can be left", "the stage can still be left", "vaiheesta pääsee eteenpäin",
      "vaiheesta pääsee silti eteenpäin",
      "skedet kan lämnas",
      "skedet kan ändå lämnas")
def can_leave(world: World) -> None:
    before = world.event.stage
    try:
        after = world.engine.advance(world.event_id).event.stage
    except TransitionBlocked as exc:
        reasons = "; ".join(f"{b.item}: {b.reason}" for b in exc.blockers)
        raise AssertionError(f"the event cannot leave {before}: {reasons}") from None
    assert after == world.workflow.next_stage(before)


@then('"{requirement}" cannot be waived', '"{requirement}" ei ole ohitettavissa',
      '"{requirement}" kan inte hoppas över')
def cannot_waive(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    with pytest.raises(InvalidInput, match="cannot be (waived|ticked)"):
        world.engine.tick(world.event_id, item.id, note="we would rather not", waive=True)
    assert not world.event.item_state(item.id).waived


@then("the request is refused, listing every unmet requirement:",
      "pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:",
      "begäran avvisas och alla ouppfyllda krav listas:", requirement_table=True)
def refused_listing(world: World, datatable: list[list[str]]) -> None:
    output = refused(world, "")
    listed = {line.split("✗", 1)[1].split(":", 1)[0].strip()
              for line in output.splitlines() if "✗" in line}
    listed.discard("(date)")  # not a requirement: the day the stage may be left
    expected = {world.requirement(row[0]).id for row in datatable if row and row[0].strip()}
    assert listed == expected, (f"refused listing {sorted(listed)}, the policy expects "
                                f"{sorted(expected)}")


@then('the event moves on to the "{stage}" stage', 'tilaisuus siirtyy vaiheeseen "{stage}"',
      'tillställningen går vidare till skedet "{stage}"')
def moved_on(world: World, stage: str) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    wanted = "done" if stage.casefold() in DONE_WORDS else world.stage(stage).id
    assert world.event.stage == wanted, f"the event is at {world.event.stage}, not {wanted}"


@then('the event is back at the "{stage}" stage', 'tilaisuus on taas vaiheessa "{stage}"',
      'tillställningen är tillbaka i skedet "{stage}"')
def back_at(world: World, stage: str) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    assert world.event.stage == world.stage(stage).id


@then("the event is cancelled", "tilaisuus on peruttu",
      "tillställningen är inställd")
def is_cancelled(world: World) -> None:
    assert world.result is not None and world.result.exit_code == 0, (
        world.result.output if world.result else "no request was made")
    assert world.event.stage == "cancelled"


@then('the history records the reason "{reason}"', 'historiaan on kirjattu perustelu "{reason}"',
      'historiken anger motiveringen "{reason}"')
def history_reason(world: World, reason: str) -> None:
    result = world.cli("history", world.event_id, "--json")
    reasons = [e.get("reason") for e in json.loads(result.stdout)["history"]]
    assert reason in reasons, f"history reasons: {reasons}"


@then("the request is refused because no reason is given",
      "pyyntö hylätään, koska perustelu puuttuu",
      "begäran avvisas eftersom motivering saknas")
def refused_without_reason(world: World) -> None:
    refused(world, "--reason")
    actions = [e["action"] for e in world.engine.project.history(world.event_id)]
    assert "reopen" not in actions and "cancel" not in actions, actions
