"""Traceability: every rule, item with a source and transition has scenarios; nothing names a
rule that does not exist; scenario names are unique; every tag is a registered marker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventflow.policy.catalogue import (
    build_policy,
    duplicate_names,
    features_dir,
    load_rules,
    seed_workflow,
    trace_problems,
)

REQUIRED = [f"R{i}" for i in range(1, 16)] + [f"R{i}" for i in range(19, 25)]


@pytest.fixture(scope="module")
def policy():
    return build_policy(seed_workflow())


def test_the_policy_traces_every_rule_item_and_transition(policy):
    assert trace_problems(policy, required_rules=REQUIRED) == []


def test_every_rule_of_the_seed_and_languages_rules_has_both_kinds_in_both_languages(policy):
    for rid in REQUIRED:
        for lang in ("en", "fi"):
            mine = [s for s in policy.scenarios if rid in s.tags and s.language == lang]
            assert {s.polarity for s in mine} >= {"kept", "broken"}, (rid, lang)


def test_both_languages_are_really_there(policy):
    langs = {s.language for s in policy.scenarios}
    assert langs == {"en", "fi"}
    fi = [s for s in policy.scenarios if s.language == "fi"]
    assert all(s.feature_file.read_text(encoding="utf-8").startswith("# language: fi")
               for s in fi)
    assert any(s.steps[0][1].startswith("kaupungin järjestämä koulutuspäivä") for s in fi)


def test_every_item_with_a_source_maps_to_scenarios_of_its_rule(policy):
    for item in policy.workflow.items():
        assert policy.scenarios_naming(item.id), item.id
    r1 = {s.name for s in policy.scenarios_naming("partner_min")}
    assert "The partner organisation withdraws from the planning" in r1
    assert "Kumppaniorganisaatio vetäytyy suunnittelusta" in r1


def test_scenario_names_are_unique():
    assert duplicate_names([features_dir()]) == []


def test_every_tag_is_a_registered_marker(policy, pytestconfig):
    registered = {line.split(":")[0].strip() for line in pytestconfig.getini("markers")}
    used = {tag for s in policy.scenarios for tag in s.tags}
    assert used - registered == set()


def _copy_features(tmp_path: Path) -> Path:
    target = tmp_path / "features"
    shutil.copytree(features_dir(), target)
    return target


def test_a_scenario_naming_an_unknown_rule_fails_traceability(tmp_path, monkeypatch):
    target = _copy_features(tmp_path)
    text = (target / "en" / "locality.feature").read_text(encoding="utf-8")
    (target / "en" / "locality.feature").write_text(text.replace("@R13", "@R99"),
                                                    encoding="utf-8")
    monkeypatch.setattr("eventflow.policy.catalogue.features_dir", lambda: target)
    problems = trace_problems(build_policy(seed_workflow()), required_rules=REQUIRED)
    assert any("names rule R99, which is not in the rule catalogue" in p for p in problems)
    assert "rule R13 has no scenario in which it is kept (en)" in problems


def test_a_missing_transition_scenario_and_unnamed_item_fail_traceability(tmp_path,
                                                                          monkeypatch):
    target = _copy_features(tmp_path)
    for name in ("en/stages.feature", "fi/vaiheet.feature"):
        (target / name).unlink()
    monkeypatch.setattr("eventflow.policy.catalogue.features_dir", lambda: target)
    problems = trace_problems(build_policy(seed_workflow()), required_rules=REQUIRED)
    assert "leaving stage venue has no scenario (tag @advance)" in problems
    assert "no scenario for cancel (tag @cancel)" in problems
    assert "item run_sheet (source guide:programme) is named by no scenario" in problems


def test_a_requirement_the_workflow_lacks_fails_traceability(tmp_path, monkeypatch):
    target = _copy_features(tmp_path)
    path = target / "en" / "costs.feature"
    path.write_text(path.read_text(encoding="utf-8").replace('"Draw up the budget"',
                                                             '"Draw up the wish list"'),
                    encoding="utf-8")
    monkeypatch.setattr("eventflow.policy.catalogue.features_dir", lambda: target)
    problems = trace_problems(build_policy(seed_workflow()), required_rules=REQUIRED)
    assert any('no checklist item says "Draw up the wish list"' in p for p in problems)


def test_duplicate_scenario_names_are_found(tmp_path):
    target = _copy_features(tmp_path)
    path = target / "en" / "panel.feature"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Scenario: The questions are never sent", "Scenario: The expert talk is dropped"),
        encoding="utf-8")
    dupes = duplicate_names([target])
    assert len(dupes) == 1 and '"The expert talk is dropped"' in dupes[0]


def test_every_rule_in_the_catalogue_is_specified(policy):
    assert trace_problems(policy) == []
    assert len(load_rules()) >= 28
