"""When: planners use the command line."""

from __future__ import annotations

from ..stepdefs import when
from .world import World


@when("a planner asks to move the event to the next stage",
      "suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen",
      "en planerare begär att tillställningen flyttas till nästa skede")
def ask_advance(world: World) -> None:
    world.cli("advance", world.event_id)


@when('a planner reopens the "{stage}" stage because "{reason}"',
      'suunnittelija avaa vaiheen "{stage}" uudelleen perustellen "{reason}"',
      'en planerare öppnar skedet "{stage}" på nytt med motiveringen "{reason}"')
def ask_reopen(world: World, stage: str, reason: str) -> None:
    world.cli("reopen", world.event_id, world.stage(stage).id, "--reason", reason)


@when('a planner reopens the "{stage}" stage without giving a reason',
      'suunnittelija avaa vaiheen "{stage}" uudelleen perustelematta',
      'en planerare öppnar skedet "{stage}" på nytt utan motivering')
def ask_reopen_without_reason(world: World, stage: str) -> None:
    world.cli("reopen", world.event_id, world.stage(stage).id)


@when('a planner cancels the event because "{reason}"',
      'suunnittelija peruu tilaisuuden perustellen "{reason}"',
      'en planerare ställer in tillställningen med motiveringen "{reason}"')
def ask_cancel(world: World, reason: str) -> None:
    world.cli("cancel", world.event_id, "--reason", reason)


@when("a planner cancels the event without giving a reason",
      "suunnittelija peruu tilaisuuden perustelematta",
      "en planerare ställer in tillställningen utan motivering")
def ask_cancel_without_reason(world: World) -> None:
    world.cli("cancel", world.event_id)
