"""Did you mean: one matcher (suggest.py) for commands, events, items, stages, regions and
languages."""

from __future__ import annotations

import pytest

from eventflow.regions import region_hint
from eventflow.suggest import did_you_mean, nearest


@pytest.mark.parametrize("word, candidates, expected", [
    ("kickof_meeting", ["kickoff_meeting", "partner_min", "venue_booked"], ["kickoff_meeting"]),
    ("Pirkamaa", ["Uusimaa", "Pirkanmaa", "Kainuu"], ["Pirkanmaa"]),
    ("PIRKANMAA", ["Uusimaa", "Pirkanmaa"], ["Pirkanmaa"]),
    ("agreement", ["agreement_signed", "agreement_six_points", "venue"],
     ["agreement_signed", "agreement_six_points"]),
    ("budget", ["cost_budget", "venue_booked"], ["cost_budget"]),
    ("xyz", ["kickoff_meeting", "partner_min"], []),
    ("", ["kickoff_meeting"], []),
])
def test_nearest(word, candidates, expected):
    assert nearest(word, candidates) == expected


def test_at_most_three_and_the_message_reads_as_a_sentence():
    ids = [f"speaker_{i}" for i in range(10)]
    assert len(nearest("speaker", ids)) == 3
    assert did_you_mean("speakr_1", ["speaker_1", "panel"]) == "; did you mean speaker_1?"
    assert did_you_mean("qqq", ["speaker_1"], "; see the list") == "; see the list"


def test_a_region_is_suggested_once_in_the_language_typed():
    assert region_hint("Pirkamaa") == "; did you mean Pirkanmaa?"
    assert region_hint("Birkalan") == "; did you mean Birkaland?"
    assert region_hint("Savo") == "; did you mean Etelä-Savo or Pohjois-Savo?"
    assert region_hint("Atlantis") == ""


def test_an_unknown_command_gets_the_nearest(run):
    result = run("statsu")
    assert result.exit_code == 2
    assert "no command 'statsu'; did you mean status?" in result.output
    result = run("workflow", "lst")
    assert "no command 'lst'; did you mean list?" in result.output
    result = run("partner", "remve")  # a group made at module level (commands/partner.py)
    assert "no command 'remve'; did you mean remove?" in result.output
    result = run("zzzz")
    assert "no command 'zzzz'; `cli --help` lists the commands" in result.output  # CliRunner's name


def test_an_unknown_item_event_stage_region_and_language_get_the_nearest(run, ef_event):
    event = ef_event("partner_agreed")
    result = run("check", event.id, "kickof_meeting")
    assert result.exit_code == 1
    assert "no item 'kickof_meeting' in workflow good-relations-training; did you mean " \
           "kickoff_meeting?" in result.output
    result = run("status", event.id.replace("pirkanmaa", "pirkamaa"))
    assert result.exit_code == 1 and f"did you mean {event.id}?" in result.output
    result = run("reopen", event.id, "partner_agred", "--reason", "x")
    assert result.exit_code == 1 and "did you mean partner_agreed?" in result.output
    result = run("new", "X", "--date", "2027-03-18", "--region", "Pirkamaa")
    assert result.exit_code == 1
    assert "'Pirkamaa' is not one of Finland's 19 regions; did you mean Pirkanmaa?" \
        in result.output
    result = run("new", "X", "--date", "2027-03-18", "--region", "Pirkanmaa", "--lang", "fin")
    assert result.exit_code == 2 and "unknown language(s) fin; did you mean fi?" in result.output


def test_an_unknown_partner_gets_the_nearest_id_or_name(run, ef_event):
    event = ef_event("venue")  # the partner agreement is done: a partner is recorded
    listing = run("partner", "list", event.id, "--json")
    assert listing.exit_code == 0, listing.output
    import json

    partner = json.loads(listing.output)["partners"][0]
    typo = partner["name"][:-1]
    result = run("partner", "remove", event.id, typo)
    assert result.exit_code == 1
    assert f"did you mean {partner['name']}?" in result.output
