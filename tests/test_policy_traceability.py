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


def test_every_rule_of_the_seed_and_languages_rules_has_both_kinds_in_every_language(policy):
    for rid in REQUIRED:
        for lang in ("en", "fi", "sv"):
            mine = [s for s in policy.scenarios if rid in s.tags and s.language == lang]
            assert {s.polarity for s in mine} >= {"kept", "broken"}, (rid, lang)


def test_all_three_languages_are_really_there(policy):
    langs = {s.language for s in policy.scenarios}
    assert langs == {"en", "fi", "sv"}
    for lang, first_step in (("fi", "kaupungin järjestämä koulutuspäivä"),
                             ("sv", "en utbildningsdag i Tammerfors")):
        mine = [s for s in policy.scenarios if s.language == lang]
        assert all(s.feature_file.read_text(encoding="utf-8").startswith(f"# language: {lang}")
                   for s in mine)
        assert any(s.steps[0][1].startswith(first_step) for s in mine)


def test_every_language_has_the_same_scenarios_per_rule_and_tag(policy):
    """The three policies say the same: as many kept, broken, advance, reopen and cancel
    scenarios for every rule in each language."""
    def shape(lang):
        counts = {}
        for s in policy.scenarios:
            if s.language == lang and not s.plugin:
                key = (tuple(s.rule_ids), tuple(sorted(s.tags - set(s.rule_ids))))
                counts[key] = counts.get(key, 0) + 1
        return counts

    assert shape("sv") == shape("en") == shape("fi")


def test_every_item_with_a_source_maps_to_scenarios_of_its_rule(policy):
    for item in policy.workflow.items():
        assert policy.scenarios_naming(item.id), item.id
    r1 = {s.name for s in policy.scenarios_naming("partner_min")}
    assert "The partner organisation withdraws from the planning" in r1
    assert "Kumppaniorganisaatio vetäytyy suunnittelusta" in r1
    assert "Samarbetsorganisationen drar sig ur planeringen" in r1


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
    assert ("rule R13 has no scenario in which it is kept in features/en/ (English); translate "
            "the kept scenario of features/fi/paikallisuus.feature and "
            "features/sv/lokal_forankring.feature into a feature of features/en/, under a rule "
            "tagged @R13") in problems


def test_a_rule_missing_in_swedish_names_the_folder_and_the_features_to_translate(
        tmp_path, monkeypatch):
    """A rule added to the Finnish and English policy and not yet to the Swedish one."""
    target = _copy_features(tmp_path)
    (target / "sv" / "malgrupp.feature").unlink()
    monkeypatch.setattr("eventflow.policy.catalogue.features_dir", lambda: target)
    problems = trace_problems(build_policy(seed_workflow()), required_rules=REQUIRED)
    about_r15 = [p for p in problems if p.startswith("rule R15")]
    assert about_r15 == [
        f"rule R15 has no scenario in which it is {polarity} in features/sv/ (Swedish); "
        f"translate the {polarity} scenario of features/en/target_group.feature and "
        "features/fi/kohderyhma.feature into a feature of features/sv/, under a rule tagged @R15"
        for polarity in ("kept", "broken")]


def test_a_rule_with_no_scenario_anywhere_says_so(policy):
    from eventflow.policy.catalogue import missing_rule_problem

    assert missing_rule_problem("R99", "kept", "fi", []) == (
        "rule R99 has no scenario in which it is kept in features/fi/ (Finnish); add one under "
        "a rule tagged @R99 in every language")


def test_a_missing_transition_scenario_and_unnamed_item_fail_traceability(tmp_path,
                                                                          monkeypatch):
    target = _copy_features(tmp_path)
    for name in ("en/stages.feature", "fi/vaiheet.feature", "sv/skeden.feature"):
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


def test_traceability_problems_in_swedish_and_finnish(monkeypatch):
    from eventflow import i18n
    from eventflow.policy.catalogue import missing_rule_problem
    from eventflow.policy.resolve import resolve_stage

    monkeypatch.setenv("EVENTFLOW_LANG", "sv")
    i18n.configure()
    try:
        assert missing_rule_problem("R99", "broken", "fi", []) == (
            "regeln R99 har inget scenario i features/fi/ (finska) där den bryts; lägg till "
            "ett på varje språk under en regel taggad @R99")
        with pytest.raises(LookupError, match='inget skede "nowhere"; skeden: '):
            resolve_stage(seed_workflow().stages, "nowhere")
        monkeypatch.setenv("EVENTFLOW_LANG", "fi")
        i18n.configure()
        assert missing_rule_problem("R99", "kept", "sv", []).startswith(
            "säännöllä R99 ei ole kansiossa features/sv/ (ruotsi) skenaariota, jossa sitä "
            "noudatetaan")
    finally:
        i18n.configure()
