"""Workflow loading and validation: every problem named with file, path and fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from eventflow.errors import FileFormatError, WorkflowError
from eventflow.workflow import load_workflow

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
