"""Workflow loading and validation: every problem named with file, path and fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from eventflow.errors import FileFormatError, WorkflowError
from eventflow.store import load_workflow

SEED = Path(__file__).parents[1] / "workflows" / "good-relations-training.toml"


@pytest.fixture
def seed_data() -> dict:
    return tomllib.loads(SEED.read_text("utf-8"))


@pytest.fixture
def checks(ef_engine):
    return ef_engine.registry.checks


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "wf.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def problems(tmp_path, data, checks) -> list[str]:
    with pytest.raises(WorkflowError) as info:
        load_workflow(write(tmp_path, data), checks)
    assert str(tmp_path / "wf.toml") in str(info.value)
    return info.value.problems


def test_seed_workflow_is_valid(checks):
    wf = load_workflow(SEED, checks)
    assert wf.id == "good-relations-training"
    assert wf.stage_ids == ["partner_agreed", "venue", "costs_split", "speakers", "invitations",
                            "panel_questions", "delivery", "follow_up"]
    assert wf.stages[-1].next == "done"
    assert wf.hash.startswith("sha256:")


def test_seed_encodes_every_seed_rule(checks):
    sources = {i.source for i in load_workflow(SEED, checks).items()}
    for n in list(range(1, 16)) + list(range(19, 25)):
        assert f"R{n}" in sources, f"R{n} has no checklist item"


def test_every_item_has_three_labels(checks):
    for item in load_workflow(SEED, checks).items():
        assert all(item.label.get(lang) for lang in ("fi", "sv", "en")), item.id


def test_unknown_check(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][1]["check"] = "partner_minimum"
    found = problems(tmp_path, seed_data, checks)
    assert any("stages[0].items[1] (partner_min).check: unknown check 'partner_minimum'" in p
               for p in found)


def test_wrong_param_type_and_unknown_param(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][1]["params"] = {"min": "one", "max": 3}
    found = problems(tmp_path, seed_data, checks)
    assert any("params.min: must be int" in p for p in found)
    assert any("params.max: check 'partners_min' takes no parameter 'max'" in p for p in found)


def test_duplicate_item_id(tmp_path, seed_data, checks):
    seed_data["stages"][1]["items"][0]["id"] = "partner_min"
    found = problems(tmp_path, seed_data, checks)
    assert any("duplicate item id 'partner_min'" in p and "stages[0].items[1]" in p
               for p in found)


def test_malformed_offset(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["due"] = "-12 weeks"
    found = problems(tmp_path, seed_data, checks)
    assert any(".due: '-12 weeks' is not a due offset" in p for p in found)


def test_missing_label(tmp_path, seed_data, checks):
    del seed_data["stages"][2]["items"][0]["label"]["sv"]
    found = problems(tmp_path, seed_data, checks)
    assert any("stages[2].items[0] (budget_lines).label.sv: missing label" in p for p in found)


def test_unreachable_stage(tmp_path, seed_data, checks):
    seed_data["stages"][2]["next"] = "speakers"
    seed_data["stages"][1]["next"] = "speakers"  # costs_split is skipped
    found = problems(tmp_path, seed_data, checks)
    assert any("stages[2] (costs_split): unreachable" in p for p in found)


def test_every_problem_reported_at_once(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["due"] = "soon"
    seed_data["stages"][0]["items"][1]["check"] = "nope"
    seed_data["stages"][0]["items"][2]["label"] = "just text"
    assert len(problems(tmp_path, seed_data, checks)) >= 3


def test_unknown_key_and_reserved_stage(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["requird"] = True
    seed_data["stages"][7]["id"] = "done"
    found = problems(tmp_path, seed_data, checks)
    assert any("requird: unknown key" in p for p in found)
    assert any("'done' is reserved" in p for p in found)


def test_workflow_that_does_not_parse_names_the_line(tmp_path, checks):
    path = tmp_path / "wf.toml"
    path.write_text('[workflow]\nid = "x"\nversion = 1.0.0\n', "utf-8")
    with pytest.raises(FileFormatError) as info:
        load_workflow(path, checks)
    assert "line 3" in str(info.value) and str(path) in str(info.value)


# what workflow authors get wrong most: each refused with file, path and fix ---------------------
def test_stage_with_no_items(tmp_path, seed_data, checks):
    seed_data["stages"][2]["items"] = []
    found = problems(tmp_path, seed_data, checks)
    assert any("stages[2] (costs_split): the stage has no items; add at least one" in p
               for p in found)


@pytest.mark.parametrize("key", ["due", "opens"])
def test_offset_without_sign(tmp_path, seed_data, checks, key):
    seed_data["stages"][0]["items"][0][key] = "5w"
    if key == "opens":
        seed_data["stages"][0]["items"][0]["due"] = "+6w"
    found = problems(tmp_path, seed_data, checks)
    assert any(f"stages[0].items[0] (kickoff_meeting).{key}: '5w' has no sign; write \"-5w\" "
               "for before the event day or \"+5w\" for after it" in p for p in found)


def test_zero_offset_needs_no_sign_and_stage_leave_from_needs_one(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["due"] = "0d"
    seed_data["stages"][0]["leave_from"] = "2d"
    found = problems(tmp_path, seed_data, checks)
    assert found == ["stages[0].leave_from: '2d' has no sign; write \"-2d\" for before the "
                     "event day or \"+2d\" for after it"]


def test_missing_owner_is_refused_not_defaulted(tmp_path, seed_data, checks):
    del seed_data["stages"][1]["items"][0]["owner"]
    found = problems(tmp_path, seed_data, checks)
    assert any(p.startswith("stages[1].items[0] (venue_recorded).owner: missing; say who is "
                            "responsible, e.g. owner = \"organiser\"") for p in found), found


@pytest.mark.parametrize("version", ["one", "1", "1.0.0.0.0", "v1.0", ""])
def test_version_must_be_a_version(tmp_path, seed_data, checks, version):
    seed_data["workflow"]["version"] = version
    found = problems(tmp_path, seed_data, checks)
    assert any(p.startswith(f"workflow.version: {version!r} is not a version; write numbers")
               for p in found)


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "2.1.3-rc.1", "1.0a1", "1.0.post2",
                                     "1.2.3+build.7"])
def test_versions_that_are_accepted(tmp_path, seed_data, checks, version):
    seed_data["workflow"]["version"] = version
    assert load_workflow(write(tmp_path, seed_data), checks).version == version


def test_waivable_advice_item(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["waivable"] = True  # kickoff_meeting is advice
    found = problems(tmp_path, seed_data, checks)
    assert found == ["stages[0].items[0] (kickoff_meeting).waivable: an advice item "
                     "(required = false) never blocks, so there is nothing to waive; remove "
                     "waivable or make the item required = true"]


def test_label_in_unknown_language(tmp_path, seed_data, checks):
    seed_data["stages"][0]["items"][0]["label"]["so"] = "Shir bilow"
    seed_data["workflow"]["title"]["de"] = "Schulung"
    seed_data["workflow"]["description"]["et"] = "Koolitus"
    found = problems(tmp_path, seed_data, checks)
    assert any("stages[0].items[0] (kickoff_meeting).label.so: unknown language 'so'; "
               "eventflow speaks fi, sv, en" in p for p in found)
    assert any("workflow.title.de: unknown language 'de'" in p for p in found)
    assert any("workflow.description.et: unknown language 'et'" in p for p in found)


def test_item_that_opens_after_it_is_due(tmp_path, seed_data, checks):
    seed_data["stages"][6].pop("leave_from", None)
    item = seed_data["stages"][6]["items"][0]
    item["due"], item["opens"] = "0d", "+1d"
    found = problems(tmp_path, seed_data, checks)
    assert any(".opens: the item opens (+1d) after it is due (0d), so it is always late" in p
               for p in found)
    item["due"], item["opens"] = "+1bd", "+1d"  # may be the same day: accepted
    load_workflow(write(tmp_path, seed_data), checks)


def test_stage_left_before_its_required_item_opens(tmp_path, seed_data, checks):
    stage = seed_data["stages"][6]
    stage["leave_from"] = "-1d"
    required = next(i for i in stage["items"] if i.get("required", True))
    required["opens"], required["due"] = "0d", "0d"
    found = problems(tmp_path, seed_data, checks)
    assert any(f"stages[6] (delivery).leave_from: the stage may be left from -1d, but its "
               f"required item '{required['id']}' opens only at 0d; set leave_from = \"0d\" or "
               "later" in p for p in found), found


def test_plugin_item_problem_names_the_plugin(tmp_path, seed_data, checks):
    extra = [("good-relations-training", "venue",
              {"id": "x3", "label": {"fi": "x", "sv": "x", "en": "x"}, "check": "nope",
               "owner": "organiser", "due": "-1w"}, "vasa")]
    with pytest.raises(WorkflowError) as info:
        load_workflow(write(tmp_path, seed_data), checks, extra)
    assert any("(x3) [added by plugin vasa].check: unknown check 'nope'" in p
               for p in info.value.problems)


def test_plugin_item_for_a_stage_whose_items_are_not_a_list(tmp_path, seed_data, checks):
    """A plugin's item cannot be added to a stage whose ``items`` is misshapen: the stage's
    own problem is reported (file, path, fix), never a crash."""
    seed_data["stages"][1]["items"] = "venue booked"
    extra = [("good-relations-training", seed_data["stages"][1]["id"],
              {"id": "x3", "label": {"fi": "x", "sv": "x", "en": "x"}, "owner": "organiser",
               "due": "-1w"}, "vasa")]
    with pytest.raises(WorkflowError) as info:
        load_workflow(write(tmp_path, seed_data), checks, extra)
    assert any(p.startswith("stages[1]") and "items" in p for p in info.value.problems), \
        info.value.problems


def test_a_pinned_copy_is_not_held_to_the_newer_rules(tmp_path, seed_data, checks):
    """Events created before the stricter lint keep working: their pinned copy (which no one
    may edit) loads; the same file where a planner edits it is refused."""
    del seed_data["stages"][1]["items"][0]["owner"]
    seed_data["stages"][0]["items"][0]["due"] = "16w"
    seed_data["workflow"]["version"] = "1"
    pinned = tmp_path / "events" / ".workflows"
    pinned.mkdir(parents=True)
    (pinned / "abc.toml").write_text(tomli_w.dumps(seed_data), "utf-8")
    workflow = load_workflow(pinned / "abc.toml", checks)
    assert workflow.item("venue_recorded").owner == "organiser"
    assert len(problems(tmp_path, seed_data, checks)) == 3
    seed_data["stages"][0]["items"][0]["check"] = "nope"  # the old rules still hold
    (pinned / "abc.toml").write_text(tomli_w.dumps(seed_data), "utf-8")
    with pytest.raises(WorkflowError, match="unknown check 'nope'"):
        load_workflow(pinned / "abc.toml", checks)
