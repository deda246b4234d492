"""eventflow-etno: a regional ETNO's policy for good-population-relations training days.

The regional advisory board for ethnic relations (ETNO) of the event's region must be invited
by name, early enough for the board to send a representative. This plugin adds:

* the check ``etno_board_invited`` and a checklist item using it in the invitations stage of
  the seed workflow (``good-relations-training``);
* the output ``etno_briefing``: a briefing note for the board, in the event's languages;
* the command ``eventflow etno``: ``invited`` records the invitation, ``board`` names a
  region's board;
* the policy feature ``etno_board.feature`` for ``eventflow policy``.

Settings, in the planning folder's ``eventflow.toml``::

    [plugins.etno]
    contact = "Leena Koski, leena.koski@example.fi"   # printed in the briefing note
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import eventflow
from eventflow.regions import find_region

__version__ = "0.1.0"

PLUGIN = "etno"
WORKFLOW = "good-relations-training"
HERE = Path(__file__).resolve().parent


def board_for(region_name: str) -> str | None:
    """The ETNO board of a region ('' when the region has none; None for no such region)."""
    region = find_region(region_name)
    return None if region is None else region.etno


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def etno_board_invited(event: eventflow.Event, weeks_before: int = 6) -> eventflow.CheckResult:
    """The region's ETNO board is among the invitees, invited by name in good time."""
    board = board_for(event.region)
    if board is None:
        return eventflow.failed(f"'{event.region}' is not a Finnish region, so its ETNO board "
                                "cannot be named")
    if not board:
        return eventflow.not_applicable(f"{event.region} has no regional ETNO board")
    for partner in event.partners:
        if _same(partner.name, board):
            return eventflow.passed(f"{board} is a co-organiser")
    record = event.ext.get(PLUGIN, {})
    invited = str(record.get("invited", ""))
    if not invited:
        return eventflow.failed(f"the regional ETNO board ({board}) is not among the invitees: "
                                f"invite it and record it with `eventflow etno invited "
                                f"{event.id}`")
    if not _same(invited, board):
        return eventflow.failed(f"'{invited}' was invited, but the board of {event.region} is "
                                f"{board}: invite {board}")
    try:
        on = dt.date.fromisoformat(str(record.get("invited_on", "")))
    except ValueError:
        return eventflow.failed(f"{board} is invited, but the date is not recorded: "
                                f"`eventflow etno invited {event.id} --on YYYY-MM-DD`")
    latest = event.date - dt.timedelta(weeks=weeks_before)
    if on > latest:
        return eventflow.failed(f"{board} was invited on {on}, later than {latest} "
                                f"({weeks_before} weeks before the event): the board meets "
                                "monthly and needs time to send a representative")
    return eventflow.passed(f"{board} invited on {on}")


ITEM: dict[str, Any] = {
    "id": "etno_board_invited",
    "label": {"fi": "Alueellinen ETNO on kutsuttu nimeltä",
              "sv": "Den regionala delegationen för etniska relationer är inbjuden",
              "en": "The regional ETNO board is invited by name"},
    "check": "etno_board_invited",
    "params": {"weeks_before": 6},
    "required": True,
    "owner": "communications",
    "due": "-8w",
    "source": "etno.board-invited",  # the rule of features/etno_board.feature
}


@eventflow.hookimpl
def register_checks(register: Callable[..., None]) -> None:
    register("etno_board_invited", etno_board_invited, params={"weeks_before?": int},
             description="The region's ETNO board is among the invitees, invited by name in "
                         "good time.")


@eventflow.hookimpl
def register_items(register: Callable[..., None]) -> None:
    register(WORKFLOW, "invitations", ITEM)


@eventflow.hookimpl
def register_outputs(register: Callable[..., None]) -> None:
    from .briefing import render_briefing

    register("etno_briefing", stage="invitations", render=render_briefing,
             description="A briefing note for the region's ETNO board, in the event's "
                         "languages.")


@eventflow.hookimpl
def register_policy(register: Callable[..., None]) -> None:
    register(HERE / "features", steps="eventflow_etno.steps")


@eventflow.hookimpl
def register_commands(cli: Any) -> None:
    from .commands import etno

    cli.add_command(etno)
