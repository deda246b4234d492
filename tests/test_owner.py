"""`eventflow owner set|remove|list`: the people who hold an owner role for one event, changed
through the engine (a revision and a history line each), validated before anything is saved."""

from __future__ import annotations

import json
from typing import Any

import pytest

FOLDER_OWNERS = """
[owners]
organiser = "Leena Koski <leena.koski@example.fi>"

[people."anna.berg@example.fi"]
name = "Anna Berg"
language = "sv"
"""


@pytest.fixture
def event_id(ef_event: Any, folder: Any) -> str:
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text("utf-8") + FOLDER_OWNERS, "utf-8")
    return str(ef_event("partner_agreed").id)


def test_set_list_and_remove_change_the_event_through_the_engine(run: Any, event_id: str,
                                                                  ef_project: Any) -> None:
    before = ef_project.load(event_id).revision
    result = run("owner", "set", event_id, "venue_lead", "Jussi Mäki <jussi.maki@example.fi>")
    assert result.exit_code == 0, result.output
    result = run("owner", "set", event_id, "partner", "leena koski", "Anna Berg")
    assert result.exit_code == 0, result.output
    event = ef_project.load(event_id)
    assert event.owners == {
        "venue_lead": ["Jussi Mäki <jussi.maki@example.fi>"],
        "partner": ["Leena Koski <leena.koski@example.fi>", "Anna Berg <anna.berg@example.fi>"]}
    assert event.revision == before + 2
    actions = [h["action"] for h in ef_project.history(event_id)]
    assert actions[-2:] == ["owner.set", "owner.set"]

    listed = json.loads(run("owner", "list", event_id, "--json").stdout)["roles"]
    by_role = {r["role"]: r for r in listed}
    assert by_role["partner"]["from"] == "event"
    assert by_role["organiser"] == {**by_role["organiser"], "from": "folder",
                                    "people": ["Leena Koski <leena.koski@example.fi>"]}
    assert by_role["communications"]["from"] is None
    assert "partner_min" in by_role["organiser"]["items"]
    text = run("owner", "list", event_id).output
    assert "(this event)" in text and "nobody: add it under [owners]" in text

    assert run("owner", "remove", event_id, "partner", "anna.berg@example.fi").exit_code == 0
    assert ef_project.load(event_id).owners["partner"] == \
        ["Leena Koski <leena.koski@example.fi>"]
    assert run("owner", "remove", event_id, "venue_lead").exit_code == 0
    assert "venue_lead" not in ef_project.load(event_id).owners
    assert ef_project.history(event_id)[-1]["action"] == "owner.remove"


def test_reminders_go_to_the_people_the_event_names(run: Any, event_id: str, folder: Any
                                                    ) -> None:
    run("owner", "set", event_id, "organiser", "anna.berg@example.fi")
    out = json.loads(run("remind", "--days", "400", "--json").stdout)
    to = {m["address"] for m in out["messages"]}
    assert "anna.berg@example.fi" in to and "leena.koski@example.fi" not in to


@pytest.mark.parametrize(("args", "says"), [
    (["partner_min", "x@example.fi"], "'partner_min' is an item, not an owner role; its owner "
                                      "is the role 'organiser'"),
    (["venue", "x@example.fi"], "'venue' is a stage, not an owner role; its items are owned "
                                "by venue_lead"),
    (["venu_lead", "x@example.fi"], "names no owner role 'venu_lead'; did you mean venue_lead"),
    (["venue_lead", "Jussi"], "'Jussi' is not an e-mail address, and nobody of that name is "
                              "listed under [owners] or [people]"),
    (["venue_lead", "jussi@nodot"], "'jussi@nodot' is not a valid e-mail address; give the "
                                    "person as \"Name <name@example.fi>\""),
])
def test_bad_input_is_refused_with_what_to_do_and_nothing_saved(run: Any, event_id: str,
                                                                ef_project: Any,
                                                                args: list[str], says: str
                                                                ) -> None:
    path = ef_project.event_path(event_id)
    before = path.read_bytes()
    result = run("owner", "set", event_id, *args)
    assert result.exit_code != 0
    assert says in result.output
    assert path.read_bytes() == before


def test_removing_what_the_event_does_not_name_is_refused(run: Any, event_id: str) -> None:
    result = run("owner", "remove", event_id, "venue_lead")
    assert result.exit_code != 0 and "names nobody of its own for 'venue_lead'" in result.output
    run("owner", "set", event_id, "venue_lead", "x@example.fi")
    result = run("owner", "remove", event_id, "venue_lead", "y@example.fi")
    assert result.exit_code != 0 and "does not name 'y@example.fi'" in result.output


def test_help_has_an_example(run: Any) -> None:
    for sub in ("set", "remove", "list"):
        assert "Example:" in run("owner", sub, "--help").output
