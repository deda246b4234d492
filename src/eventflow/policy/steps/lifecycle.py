"""Given, When, Then of the life of an event (rules L1–L5): regressions, time, order of actions,
reschedule, reopen."""

from __future__ import annotations

import datetime as dt
import os

from ...schedule import today
from ..stepdefs import given, then, when
from .world import EVENT_DATE, World, refused


@given("a planner works on it {days:d} days before the event",
       "suunnittelija työskentelee sen parissa {days:d} päivää ennen tilaisuutta",
       "en planerare arbetar med den {days:d} dagar före tillställningen")
def days_before(world: World, days: int) -> None:
    os.environ["EVENTFLOW_TODAY"] = (EVENT_DATE - dt.timedelta(days=days)).isoformat()


@given("the event day has come", "tilaisuuspäivä on koittanut",
       "tillställningens dag har kommit")
def event_day(world: World) -> None:
    os.environ["EVENTFLOW_TODAY"] = EVENT_DATE.isoformat()


@when("the partner organisation withdraws after the agreement",
      "kumppaniorganisaatio vetäytyy sopimuksen jälkeen",
      "samarbetsorganisationen drar sig ur efter avtalet")
def partner_withdraws_later(world: World) -> None:
    world.cli("partner", "remove", world.event_id, world.event.partners[0].id)


@when('a planner ticks "{requirement}"', 'suunnittelija kuittaa kohdan "{requirement}"',
      'en planerare bockar av "{requirement}"')
def ask_tick(world: World, requirement: str) -> None:
    world.cli("check", world.event_id, world.requirement(requirement).id)


@when("a planner records that the invitation was sent",
      "suunnittelija kirjaa kutsun lähetetyksi",
      "en planerare antecknar att inbjudan har skickats")
def ask_invitation_sent(world: World) -> None:
    world.cli("invitation", "sent", world.event_id)


@when("a planner records that the panel questions were sent",
      "suunnittelija kirjaa paneelikysymykset lähetetyiksi",
      "en planerare antecknar att panelfrågorna har skickats")
def ask_panel_sent(world: World) -> None:
    world.cli("panel", "sent", world.event_id)


@when("a planner adds a panel question after the questions were sent",
      "suunnittelija lisää paneelikysymyksen kysymysten lähettämisen jälkeen",
      "en planerare lägger till en panelfråga efter att frågorna har skickats")
def late_question(world: World) -> None:
    world.cli("panel", "question", world.event_id, "How do we meet each other?",
              "--dimension", "interaction")


@when("a planner imports the registrations", "suunnittelija tuo ilmoittautumiset",
      "en planerare importerar anmälningarna")
def ask_import(world: World) -> None:
    registrations = world.base / "registrations.csv"
    registrations.write_text("name,email,organisation,target_group\n"
                             "Aino Virtanen,aino@example.fi,Tampereen kaupunki,ngo\n",
                             encoding="utf-8")
    world.cli("participants", "import", world.event_id, str(registrations))


@when("a planner moves the event {weeks:d} weeks later",
      "suunnittelija siirtää tilaisuutta {weeks:d} viikkoa myöhemmäksi",
      "en planerare flyttar tillställningen {weeks:d} veckor senare")
def ask_reschedule(world: World, weeks: int) -> None:
    day = world.event.date + dt.timedelta(weeks=weeks)
    world.cli("reschedule", world.event_id, "--date", day.isoformat())


@when("a planner moves the event to a day that has passed",
      "suunnittelija siirtää tilaisuuden jo menneelle päivälle",
      "en planerare flyttar tillställningen till en dag som redan har passerat")
def ask_reschedule_past(world: World) -> None:
    world.cli("reschedule", world.event_id, "--date",
              (today() - dt.timedelta(days=1)).isoformat())


@when('a planner reopens the "{stage}" stage after cancelling the event',
      'suunnittelija avaa vaiheen "{stage}" uudelleen tilaisuuden peruttua',
      'en planerare öppnar skedet "{stage}" på nytt efter att ha ställt in tillställningen')
def ask_reopen_cancelled(world: World, stage: str) -> None:
    world.cli("cancel", world.event_id, "--reason", "the venue burnt down")
    world.cli("reopen", world.event_id, world.stage(stage).id, "--reason", "a new venue")


@then('the change is saved with a warning that "{requirement}" no longer holds',
      'muutos tallennetaan ja varoitetaan, ettei "{requirement}" enää täyty',
      'ändringen sparas med en varning om att "{requirement}" inte längre uppfylls')
def saved_with_regression(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    result = world.result
    assert result is not None and result.exit_code == 0, result.output if result else ""
    assert f"regression in {world.event_id}: {item.id}" in result.output, result.output
    why = world.cli("why", world.event_id)
    first = next(line for line in why.output.splitlines() if "✗" in line)
    assert item.id in first, f"why does not list the regression {item.id} first:\n{why.output}"


@then('"{requirement}" is broken in a stage already left, with its fix',
      '"{requirement}" on rikki jo jätetyssä vaiheessa, ja sen korjaus kerrotaan',
      '"{requirement}" är brutet i ett skede som redan lämnats, och åtgärden anges')
def regression_with_fix(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    found = [r for r in world.engine.judge(world.event).regressions if r.item.id == item.id]
    assert found, f"{item.id} is not a regression"
    fix = found[0].fix
    assert fix.startswith("eventflow ") and world.event_id in fix and "..." not in fix, fix
    why = world.cli("why", world.event_id)
    assert f"✓ {item.id}" not in why.output and fix in why.output, why.output


@then("the event cannot move on until it is mended",
      "tilaisuus ei voi siirtyä eteenpäin ennen kuin se on korjattu",
      "tillställningen kan inte gå vidare förrän det är åtgärdat")
def held_by_regression(world: World) -> None:
    result = world.cli("advance", world.event_id)
    assert result.exit_code == 1 and "regression" in result.output, result.output


@then("nothing of the stages already left is broken",
      "mikään jo jätetyn vaiheen vaatimus ei ole rikki",
      "inget krav i de skeden som redan har lämnats är brutet")
def no_regression(world: World) -> None:
    verdict = world.engine.judge(world.event)
    assert not verdict.regressions, [r.item.id for r in verdict.regressions]


@then("the stage cannot be left before the event day",
      "vaihetta ei voi jättää ennen tilaisuuspäivää",
      "skedet kan inte lämnas före tillställningens dag")
def not_before_event_day(world: World) -> None:
    result = world.cli("advance", world.event_id)
    assert result.exit_code == 1, result.output
    assert f"can be left from {EVENT_DATE}" in result.output, result.output


@then("the request is refused because it is too early",
      "pyyntö hylätään, koska on liian aikaista",
      "begäran avvisas eftersom det är för tidigt")
def refused_too_early(world: World) -> None:
    refused(world, "can be ticked from")


@then('the request is refused until "{requirement}" is in order',
      'pyyntö hylätään, kunnes "{requirement}" on kunnossa',
      'begäran avvisas tills "{requirement}" är i ordning')
def refused_until(world: World, requirement: str) -> None:
    item = world.requirement(requirement)
    output = refused(world, "cannot be recorded before")
    assert item.id in output, output


@then('the request is refused until the event has reached the "{stage}" stage',
      'pyyntö hylätään, kunnes tilaisuus on edennyt vaiheeseen "{stage}"',
      'begäran avvisas tills tillställningen har nått skedet "{stage}"')
def refused_until_stage(world: World, stage: str) -> None:
    output = refused(world, "cannot be recorded")
    assert f"before '{world.stage(stage).id}'" in output, output
    assert f"eventflow advance {world.event_id}" in output, output


@then("the request is accepted", "pyyntö hyväksytään",
      "begäran godkänns")
def accepted(world: World) -> None:
    result = world.result
    assert result is not None and result.exit_code == 0, result.output if result else ""


@then("the planner is told to send the invitation again",
      "suunnittelijaa kehotetaan lähettämään kutsu uudelleen",
      "planeraren uppmanas att skicka inbjudan på nytt")
def told_to_resend(world: World) -> None:
    result = world.result
    assert result is not None and result.exit_code == 0, result.output if result else ""
    assert "send it again" in result.output, result.output


@then("nothing is reported stale", "mitään ei ilmoiteta vanhentuneeksi",
      "ingenting rapporteras som inaktuellt")
def nothing_stale(world: World) -> None:
    result = world.result
    assert result is not None and result.exit_code == 0, result.output if result else ""
    assert "stale or impossible" not in result.output, result.output


@then("the request is refused because the day has passed",
      "pyyntö hylätään, koska päivä on jo mennyt",
      "begäran avvisas eftersom dagen redan har passerat")
def refused_past(world: World) -> None:
    refused(world, "is in the past")


@then("the request is refused because a stage is only reopened backwards",
      "pyyntö hylätään, koska vaiheen voi avata vain taaksepäin",
      "begäran avvisas eftersom ett skede bara kan öppnas på nytt bakåt")
def refused_forward(world: World) -> None:
    refused(world, "earlier stage")
    assert world.event.stage != "follow_up"
