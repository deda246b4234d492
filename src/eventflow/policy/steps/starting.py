"""Given: the training day and how far its planning has come."""

from __future__ import annotations

from ..stepdefs import given
from .world import World


@given("a training day in {place}, organised by {organiser}",
       "{organiser} järjestämä koulutuspäivä paikkakunnalla {place}",
       "en utbildningsdag i {place}, arrangerad av {organiser}")
def training_day(world: World, place: str, organiser: str) -> None:
    world.start(organiser, place)


@given('the planning has just reached the "{stage}" stage',
       'suunnittelu on juuri edennyt vaiheeseen "{stage}"',
       'planeringen har just nått skedet "{stage}"')
def just_reached(world: World, stage: str) -> None:
    world.reach(stage, in_order=False)


@given('the planning has reached the "{stage}" stage with everything in order',
       'suunnittelu on edennyt vaiheeseen "{stage}" ja kaikki on kunnossa',
       'planeringen har nått skedet "{stage}" och allt är i ordning')
def reached_in_order(world: World, stage: str) -> None:
    world.reach(stage, in_order=True)


@given("the event will be recorded", "tilaisuus tallennetaan",
       "tillställningen spelas in")
def recorded(world: World) -> None:
    world.change(lambda ev: setattr(ev, "recording", True))
