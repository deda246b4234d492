"""The JSON Schemas and docs/workflows.md come from the definition the loader validates with."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from eventflow.schemas import (
    KINDS,
    dumps,
    markdown_table,
    parameters_line,
    schema_for,
    shipped_path,
)
from eventflow.store import load_workflow
from eventflow.workflow import ITEM_TABLE, STAGE_TABLE, WORKFLOW_TABLE

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "workflows.md"
SEED = ROOT / "workflows" / "good-relations-training.toml"

jsonschema = pytest.importorskip("jsonschema")


def _json_ready(value: Any) -> Any:
    """TOML data as a JSON validator sees it (dates become ISO text, as taplo does)."""
    return json.loads(json.dumps(value, default=str))


def example_workflow() -> str:
    page = PAGE.read_text("utf-8")
    start = page.index("## A complete small example")
    return page[start:].split("```toml\n", 1)[1].split("```", 1)[0]


# the page and the definition ------------------------------------------------------------------
def test_the_page_shows_every_key_as_the_loader_defines_it() -> None:
    page = PAGE.read_text("utf-8")
    for heading, keys in (("### `[workflow]`", WORKFLOW_TABLE),
                          ("### `[[stages]]`", STAGE_TABLE),
                          ("### `[[stages.items]]`", ITEM_TABLE)):
        section = page.split(heading + "\n\n", 1)[1]
        assert section.startswith(markdown_table(keys) + "\n"), (
            f"docs/workflows.md {heading} differs from eventflow.workflow's key table; paste "
            f"eventflow.schemas.markdown_table() output there:\n{markdown_table(keys)}")


def test_the_page_documents_every_built_in_check_with_its_parameters(ef_engine: Any) -> None:
    page = PAGE.read_text("utf-8")
    documented = dict(re.findall(r"^#### `(\w+)`\n\n(Parameters: .*)$", page, re.M))
    checks = ef_engine.registry.checks
    assert set(documented) == set(checks)
    for name, spec in checks.items():
        assert documented[name] == parameters_line(spec), name


def test_the_example_of_the_page_loads_and_lints(tmp_path: Path, ef_engine: Any,
                                                 run: Any) -> None:
    path = tmp_path / "dialogue-evening.toml"
    path.write_text(example_workflow(), "utf-8")
    workflow = load_workflow(path, ef_engine.registry.checks)
    assert workflow.id == "dialogue-evening" and workflow.stage_ids == [
        "plan", "room", "invite", "evening"]
    assert workflow.id != "good-relations-training"
    result = run("workflow", "lint", str(path))
    assert result.exit_code == 0 and "ok" in result.output, result.output


# the schemas ----------------------------------------------------------------------------------
def test_the_workflow_schema_accepts_the_seed_and_the_example_and_refuses_mistakes() -> None:
    schema = schema_for("workflow")
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(_json_ready(tomllib.loads(SEED.read_text("utf-8"))))
    data = tomllib.loads(example_workflow())
    validator.validate(data)
    item = data["stages"][0]["items"][0]
    for key, value in (("due", "5w"), ("owner", None), ("check", "partners_minimum"),
                       ("requird", True)):
        wrong = json.loads(json.dumps(data))
        target = wrong["stages"][0]["items"][0]
        if value is None:
            del target[key]
        else:
            target[key] = value
        assert not validator.is_valid(wrong), key
    wrong = json.loads(json.dumps(data))
    wrong["stages"][0]["items"][0]["params"] = {"min": "one"}
    assert not validator.is_valid(wrong)
    wrong["stages"][0]["items"][0]["params"] = {"max": 1}
    assert not validator.is_valid(wrong)
    wrong["workflow"]["version"] = "one"
    assert not validator.is_valid(wrong)
    assert item["check"] == "partners_min"


def test_the_event_schema_accepts_an_event_file(ef_event: Any, ef_project: Any) -> None:
    event = ef_event("speakers")
    path = Path(ef_project.root) / "events" / event.id / "event.toml"
    data = _json_ready(tomllib.loads(path.read_text("utf-8")))
    validator = jsonschema.Draft202012Validator(schema_for("event"))
    validator.validate(data)
    data["venue"]["capcity"] = 3
    assert not validator.is_valid(data)


def test_the_settings_schema_accepts_a_planning_folder(ef_project: Any) -> None:
    data = tomllib.loads((Path(ef_project.root) / "eventflow.toml").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema_for("settings"))
    validator.validate(data)
    data["eventflow"]["working_days"] = False  # read from [eventflow] by the store
    validator.validate(data)
    data["eventflow"]["working_days"] = "yes"
    assert not validator.is_valid(data)


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_schemas_are_current(kind: str) -> None:
    assert shipped_path(kind).read_text("utf-8") == dumps(schema_for(kind)), (
        f"regenerate: eventflow schema {kind} --generic > {shipped_path(kind)}")


def test_a_folders_schema_has_its_plugins_checks_and_ext_tables(ef_installed: Any,
                                                                ef_activate: Any,
                                                                run: Any) -> None:
    import eventflow

    class Vasa:
        @eventflow.hookimpl
        def register_checks(self, register: Any) -> None:
            register("vasa_bilingual", lambda event: True, params={"min_sv?": int},
                     description="Events in Vaasa are bilingual.")

    ef_installed("vasa", Vasa())
    ef_activate("vasa")
    workflow = json.loads(run("schema", "workflow").stdout)
    item = workflow["properties"]["stages"]["items"]["properties"]["items"]["items"]
    assert "vasa_bilingual" in item["properties"]["check"]["enum"]
    rule = next(r for r in item["allOf"]
                if r["if"]["properties"]["check"]["const"] == "vasa_bilingual")
    assert rule["then"]["properties"]["params"]["properties"] == {"min_sv": {"type": "integer"}}
    event = json.loads(run("schema", "event").stdout)
    assert "vasa" in event["$defs"]["Event"]["properties"]["ext"]["properties"]
    settings = json.loads(run("schema", "settings").stdout)
    assert "vasa" in settings["properties"]["plugins"]["properties"]
    generic = json.loads(run("schema", "workflow", "--generic").stdout)
    assert "vasa_bilingual" not in json.dumps(generic)


def test_schema_outside_a_planning_folder_and_its_path(tmp_path: Path, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from eventflow.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "settings"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "eventflow.toml"
    result = CliRunner().invoke(cli, ["schema", "event", "--path"])
    assert result.stdout.strip() == str(shipped_path("event"))
    assert CliRunner().invoke(cli, ["schema", "nope"]).exit_code == 2
