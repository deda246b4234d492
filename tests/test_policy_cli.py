"""`eventflow policy`, `policy verify`, `policy check`, `policy report`, and plugin policy."""

from __future__ import annotations

import json
import textwrap

import pytest

from eventflow.testing import activate


@pytest.fixture(autouse=True)
def _results(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTFLOW_POLICY_RESULTS", str(tmp_path / "policy-results.json"))


def test_policy_prints_rules_items_and_scenarios_in_finnish(run):
    result = run("policy", "--lang", "fi")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "R1 [guard] Koulutus suunnitellaan yhdessä vähintään yhden" in out
    assert "enforced at partner_agreed: partner_min (required)" in out
    assert "broken Kumppaniorganisaatio vetäytyy suunnittelusta" in out
    assert "not verified yet" in out


def test_policy_in_swedish_shows_the_swedish_rules_and_scenarios(run):
    result = run("policy", "--lang", "sv")
    assert result.exit_code == 0, result.output
    assert "broken Samarbetsorganisationen drar sig ur planeringen" in result.output
    assert "Kumppaniorganisaatio vetäytyy" not in result.output
    assert "The partner organisation withdraws" not in result.output


def test_policy_json_lists_every_rule_with_scenarios(run):
    data = json.loads(run("policy", "--json", "--lang", "en").output)
    rules = {r["rule"]: r for r in data["rules"]}
    assert {f"R{i}" for i in range(1, 25)} <= set(rules)
    names = {s["name"] for s in rules["R14"]["scenarios"]}
    assert "The questions are never sent" in names
    assert [i["item"] for i in rules["R6"]["items"]] == ["cost_split_complete",
                                                         "cost_split_approved"]


def test_policy_check_judges_a_real_event(run, ef_engine, ef_event):
    event = ef_event("venue")
    ef_engine.change(event.id, "test", lambda ev: setattr(ev, "partners", []))
    result = run("policy", "check", event.id)
    assert result.exit_code == 1, result.output  # a broken rule: exit 1, for CI and cron
    lines = result.output.splitlines()
    assert any("partner_min" in ln and "REGRESSION" in ln for ln in lines)
    r1 = next(line for line in lines if " R1 " in line)
    assert "broken" in r1
    assert any("partner_min [partner_agreed" in ln and "0 partner organisation(s)" in ln
               for ln in lines)
    assert "kept" in next(line for line in lines if " R13 " in line)
    assert "one region: Pirkanmaa" in result.output
    assert "not yet due" in next(line for line in lines if " R12 " in line)
    data = json.loads(run("policy", "check", event.id, "--json").output)
    verdicts = {r["rule"]: r["verdict"] for r in data["rules"]}
    assert verdicts["R1"] == "broken" and verdicts["R13"] == "kept"
    assert verdicts["R14"] == "not yet due" and verdicts["R24"] == "kept"
    r12 = next(r for r in data["rules"] if r["rule"] == "R12")
    assert r12["items"][0]["due"] and "does not explain" in r12["items"][0]["reason"]


def test_verify_runs_a_rule_and_the_report_shows_the_result(run, tmp_path):
    result = run("policy", "verify", "--rule", "R13")
    assert result.exit_code == 0, result.output
    assert "pass  R13  6 passed, 0 failed" in result.output
    listing = run("policy", "--lang", "en").output
    assert "✓ kept   The event stays within Pirkanmaa" in listing
    assert "· kept   A second partner organisation joins the planning" in listing
    page = tmp_path / "report" / "policy.html"
    result = run("policy", "report", "--html", str(page), "--lang", "en")
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert '<td class="passed">passed</td><td>en</td><td>kept</td><td>The event stays within ' \
           'Pirkanmaa</td>' in html
    assert '<td class="unknown">not run</td>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="workflow"' in html
    assert 'data-stage="partner_agreed"' in html and 'data-stage="venue"' in html
    assert '<strong id="rules-kept">1</strong> rules kept' in html
    assert '<li><a href="#R13">R13</a>' in html
    assert "<script" not in html
    assert "http:" not in html.replace("http://www.w3.org/2000/svg", "") and "https:" not in html


TINY_PLUGIN = '''
from pathlib import Path
import eventflow

@eventflow.hookimpl
def register_policy(register):
    register(Path(__file__).parent / "tiny_features", steps="tiny_policy_steps")
'''

TINY_STEPS = '''
from eventflow.policy.steps import then

@then("the regional board's note is on the event")
def board_note(world):
    world.change(lambda ev: ev.ext.setdefault("tiny", {}).update(note="seen"))
    assert world.engine.load(world.event_id).ext["tiny"]["note"] == "seen"
    assert world.engine.project.settings.active_plugins == ["tiny"]
'''

TINY_FEATURE = '''
Feature: Regional board
  Rule: The board sees the plan

    Scenario: The board sees a plan in order
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Partner agreement" stage with everything in order
      Then the regional board's note is on the event
      And the stage can be left

    Scenario: The board wrongly expects the kick-off to hold the event
      Given a training day in Tampere, Pirkanmaa, organised by a city
      And the planning has reached the "Partner agreement" stage with everything in order
      When "Hold a kick-off meeting" is left undone
      Then the stage cannot be left until "Hold a kick-off meeting" is in order
'''


@pytest.fixture
def tiny_plugin(tmp_path, monkeypatch, ef_project):
    """A plugin installed on purpose: a module and its entry point in a folder on the path."""
    site = tmp_path / "site"
    (site / "tiny_features").mkdir(parents=True)
    (site / "tiny_policy.py").write_text(TINY_PLUGIN, encoding="utf-8")
    (site / "tiny_policy_steps.py").write_text(TINY_STEPS, encoding="utf-8")
    (site / "tiny_features" / "board.feature").write_text(textwrap.dedent(TINY_FEATURE),
                                                          encoding="utf-8")
    info = site / "tiny_policy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-policy\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[eventflow]\ntiny = tiny_policy\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "tiny")
    activate(ef_project, "tiny")
    return site


def test_plugin_policy_is_listed_under_its_name_and_verified(run, tiny_plugin):
    listing = run("policy")
    assert listing.exit_code == 0, listing.output
    assert "Policy of plugin tiny:" in listing.output
    assert "The board sees the plan: The board sees a plan in order" in listing.output
    result = run("policy", "verify", "--plugin", "tiny")
    assert result.exit_code == 1, result.output
    assert "FAIL  plugin tiny: 1 passed, 1 failed" in result.output
    assert "✗ The board wrongly expects the kick-off to hold the event (board.feature)" \
        in result.output
    assert "does not hold the event at partner_agreed" in result.output


def test_verify_refuses_an_unknown_plugin(run):
    result = run("policy", "verify", "--plugin", "nobody")
    assert result.exit_code == 2
    assert "no policy from plugin(s) nobody" in result.output


def test_policy_help_works(run):
    for args in (("policy", "--help"), ("policy", "verify", "--help"),
                 ("policy", "check", "--help"), ("policy", "report", "--help")):
        result = run(*args)
        assert result.exit_code == 0 and "Example:" in result.output, args


def test_policy_check_judges_a_done_event_on_every_rule(run, ef_event):
    import json as _json

    event = ef_event("done")
    data = _json.loads(run("policy", "check", event.id, "--json").stdout)
    verdicts = {r["rule"]: r["verdict"] for r in data["rules"]}
    assert verdicts["R1"] == "kept" and verdicts["R14"] == "kept"
    assert "not yet due" not in verdicts.values()
