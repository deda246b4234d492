"""A plugin's rules in `eventflow policy`, `policy check`, `policy verify` and the HTML report.

The plugin is the complete example of docs/plugins.md (section register_policy), installed on
purpose: its files are taken from the page, written into a folder on the path with an entry
point, and activated in the test's planning folder. So the page's example is the one that
runs, and a change to the format that the page does not follow fails here.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventflow.testing import activate

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
RULE = "vasa.board-seen"
RULE_TEXT = "The partner agreement is not left before the city board has seen the plan"


def section() -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("#### register_policy")
    return text[start:text.index("\n#### ", start + 1)]


def example_files() -> dict[str, str]:
    """The files of the page's example: a line "`path`:" followed by a fenced block."""
    found = re.findall(r"^`(src/[^`]+)`:\n\n```\w*\n(.*?)^```", section(), re.M | re.S)
    return {path: body for path, body in found}


@pytest.fixture(autouse=True)
def _results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_POLICY_RESULTS", str(tmp_path / "policy-results.json"))


def _forget_vasa() -> None:
    """Drop any ``eventflow_vasa`` imported before (another test's, or this one's)."""
    for name in [m for m in sys.modules if m.split(".")[0] == "eventflow_vasa"]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def vasa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ef_project: Any) -> Iterator[Path]:
    """The page's plugin, installed (a folder on the path with its entry point) and active in
    the test's planning folder."""
    _forget_vasa()
    site = tmp_path / "site"
    files = example_files()
    assert set(files) == {"src/eventflow_vasa/__init__.py", "src/eventflow_vasa/steps.py",
                          "src/eventflow_vasa/features/board.feature"}
    for name, body in files.items():
        target = site / name.removeprefix("src/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    info = site / "eventflow_vasa-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: eventflow-vasa\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[eventflow]\nvasa = eventflow_vasa\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))  # for `policy verify`'s pytest subprocess
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "vasa")
    activate(ef_project, "vasa")
    yield site
    _forget_vasa()


@pytest.fixture
def event_id(vasa: Path, ef_project: Any) -> str:
    from eventflow import Engine, Project

    engine = Engine(Project(ef_project.root))
    return engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pohjanmaa",
                         ["fi", "sv"]).id


def test_plugin_rules_are_listed_like_eventflows_with_their_source_items_and_scenarios(
        run: Any, vasa: Path) -> None:
    result = run("policy", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{RULE} [guard, plugin vasa] {RULE_TEXT}" in out
    assert ("enforced at partner_agreed: vasa_board_seen (required) — The city board has "
            "seen the plan") in out
    assert "· kept   The board has seen the plan" in out
    assert "· broken The board has not seen the plan" in out
    assert "R1 [guard] " in out  # eventflow's own rules are still there, unmarked
    assert "Policy of plugin vasa:" not in out  # every scenario of vasa sits under its rule
    data = json.loads(run("policy", "--json", "--lang", "en").output)
    rules = {r["rule"]: r for r in data["rules"]}
    assert rules["R1"]["source"] == "eventflow"
    mine = rules[RULE]
    assert (mine["source"], mine["kind"], mine["text"]) == ("vasa", "guard", RULE_TEXT)
    assert [i["item"] for i in mine["items"]] == ["vasa_board_seen"]
    assert [(s["name"], s["polarity"]) for s in mine["scenarios"]] == [
        ("The board has seen the plan", "kept"), ("The board has not seen the plan", "broken")]
    assert data["plugins"] == [{"plugin": "vasa", "rules": [RULE], "scenarios": []}]


def test_plugin_rules_are_judged_against_the_event_by_the_engines_one_verdict(
        run: Any, event_id: str, ef_project: Any) -> None:
    from eventflow import Engine, Project

    engine = Engine(Project(ef_project.root))
    state = next(r.state for r in engine.judge(engine.load(event_id)).requirements
                 if r.item.id == "vasa_board_seen")
    result = run("policy", "check", event_id, "--json")
    data = json.loads(result.stdout)
    mine = next(r for r in data["rules"] if r["rule"] == RULE)
    assert mine["source"] == "vasa" and mine["text"] == RULE_TEXT
    assert mine["verdict"] == state
    assert [(i["item"], i["verdict"]) for i in mine["items"]] == [("vasa_board_seen", state)]
    assert "has not seen the plan" in mine["items"][0]["reason"]
    assert next(r for r in data["rules"] if r["rule"] == "R1")["source"] == "eventflow"
    text = run("policy", "check", event_id).output
    line = next(ln for ln in text.splitlines() if f" {RULE} " in ln)
    assert line.endswith(f"{RULE_TEXT} (plugin vasa)") and state in line
    assert "vasa_board_seen [partner_agreed" in text

    def record(ev: Any) -> None:
        ev.ext["vasa"] = {"board_seen_on": "2026-11-20"}

    engine.change(event_id, "vasa.board-seen", record)
    data = json.loads(run("policy", "check", event_id, "--json").stdout)
    mine = next(r for r in data["rules"] if r["rule"] == RULE)
    assert mine["verdict"] == "kept"
    assert "saw the plan on 2026-11-20" in mine["items"][0]["reason"]


def test_a_broken_plugin_rule_fails_policy_check(run: Any, event_id: str, monkeypatch: Any
                                                 ) -> None:
    monkeypatch.setenv("EVENTFLOW_TODAY", "2027-03-10")  # past every due date of the stage
    result = run("policy", "check", event_id, "--json")
    mine = next(r for r in json.loads(result.stdout)["rules"] if r["rule"] == RULE)
    assert mine["verdict"] == "broken"
    assert result.exit_code == 1


def test_the_html_report_shows_plugin_rules_with_and_without_an_event(
        run: Any, event_id: str, tmp_path: Path) -> None:
    page = tmp_path / "policy.html"
    result = run("policy", "report", "--html", str(page), "--lang", "en")
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert f'<li><a href="#{RULE}">{RULE}</a>' in html
    section_html = html[html.index(f'<section class="rule" id="{RULE}"'):]
    section_html = section_html[:section_html.index("</section>")]
    assert '<span class="source">Policy of plugin vasa</span>' in section_html
    assert RULE_TEXT in section_html
    assert "partner_agreed / <code>vasa_board_seen</code> (required)" in section_html
    assert ('<td class="unknown">not run</td><td>en</td><td>kept</td><td>The board has seen '
            'the plan</td>') in section_html
    assert 'id="plugin-1"' not in html  # no scenario of vasa is left outside its rule
    result = run("policy", "report", "--html", str(page), "--lang", "en", "--event", event_id)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    section_html = html[html.index(f'<section class="rule" id="{RULE}"'):]
    section_html = section_html[:section_html.index("</section>")]
    assert f"{event_id}: not yet due" in section_html
    assert "<code>vasa_board_seen</code>" in section_html
    assert "the city board has not seen the plan" in section_html


def test_plugin_rules_are_verified_by_rule_and_the_listing_shows_the_result(
        run: Any, vasa: Path) -> None:
    result = run("policy", "verify", "--rule", RULE)
    assert result.exit_code == 0, result.output
    assert f"pass  {RULE} 2 passed, 0 failed" in result.output
    assert "2 of 2 scenarios passed" in result.output
    listing = run("policy", "--lang", "en").output
    assert "✓ kept   The board has seen the plan" in listing
    assert "✓ broken The board has not seen the plan" in listing


def test_the_pages_console_example_is_what_the_commands_print(run: Any, event_id: str
                                                              ) -> None:
    console = re.search(r"```console\n(.*?)```", section(), re.S)
    assert console is not None
    output: dict[str, str] = {}
    command = ""
    for line in console.group(1).splitlines():
        if line.startswith("$ eventflow "):
            command = line.removeprefix("$ eventflow ")
            output[command] = run(*command.split()).output
        elif line != "…":
            assert line in output[command], f"`eventflow {command}` does not print {line!r}"


def test_trace_problems_name_a_plugin_rule_without_a_kept_or_broken_scenario(
        vasa: Path) -> None:
    from eventflow.policy.catalogue import build_policy, seed_workflow, trace_problems

    feature = vasa / "eventflow_vasa" / "features" / "board.feature"
    policy = build_policy(seed_workflow(), [("vasa", feature.parent, "eventflow_vasa.steps")])
    rule = policy.rule(RULE)
    assert rule is not None and rule.plugin == "vasa" and rule.source == "vasa"
    problems = trace_problems(policy, required_rules=[])
    assert not [p for p in problems if "vasa" in p], problems
    feature.write_text(feature.read_text(encoding="utf-8").replace("@broken", "@other"),
                       encoding="utf-8")
    policy = build_policy(seed_workflow(), [("vasa", feature.parent, "eventflow_vasa.steps")])
    problems = trace_problems(policy, required_rules=[])
    assert (f"rule {RULE} of plugin vasa has no scenario in which it is broken; add one "
            f"tagged @broken under its Rule: in {feature}") in problems


def test_a_plugin_rule_takes_its_text_per_language_and_its_kind_from_tags(tmp_path: Path
                                                                          ) -> None:
    from eventflow.policy.catalogue import plugin_rules

    (tmp_path / "en.feature").write_text(
        "Feature: Board\n  @vasa.board-seen @warning\n  Rule: The board sees the plan\n\n"
        "    @kept\n    Scenario: Seen\n      Given anything\n", encoding="utf-8")
    (tmp_path / "fi.feature").write_text(
        "# language: fi\nOminaisuus: Hallitus\n  @vasa.board-seen\n"
        "  Rule: Hallitus näkee suunnitelman\n\n    @kept\n    Tapaus: Nähty\n"
        "      Oletetaan mitä tahansa\n", encoding="utf-8")
    (rule,) = plugin_rules([("vasa", tmp_path, None)])
    assert (rule.id, rule.kind, rule.plugin) == ("vasa.board-seen", "warning", "vasa")
    assert rule.label("fi") == "Hallitus näkee suunnitelman"
    assert rule.label("en") == rule.label("sv") == "The board sees the plan"
    assert plugin_rules([("other", tmp_path, None)]) == []  # another plugin's tag is not a rule
