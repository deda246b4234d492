"""The mutation check of the living policy: run scenarios in-process against weakened copies
of the workflow and of the engine, and require the policy to notice.

* :func:`run_inprocess` runs one scenario's steps directly (no pytest), which is fast enough to
  run the policy once per mutant of the workflow;
* :func:`mutants` weakens or removes one rule of a workflow at a time, for the mutation check:
  a policy that passes against a workflow that no longer enforces a rule does not test it;
* :func:`mutation_check` and :func:`engine_mutation_check` run the rules' scenarios against
  each mutant; :func:`score_line` is the line the test run prints.

It drives eventflow's own step definitions (:mod:`eventflow.policy.steps`), so it sits with
them above the engine, not in :mod:`eventflow.policy.verify`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import pytest
import tomli_w

from .. import engine as engine_mod
from .. import engine_dates, engine_moves
from .. import judge as judge_mod
from ..store import MAX_WORKFLOW_BYTES, read_toml
from .steps import STEPS, World, scratch_dir
from .steps.world import swap_walks

if TYPE_CHECKING:
    from .catalogue import ScenarioInfo


# in-process ----------------------------------------------------------------------------------
@dataclass
class InProcessResult:
    """The outcome of one scenario run in-process: the scenario, whether it passed (``ok``) and
    the failure's message."""

    scenario: ScenarioInfo
    ok: bool
    message: str = ""


def run_inprocess(scenario: ScenarioInfo, workflow_file: Path | None = None
                  ) -> InProcessResult:
    """Run one scenario of eventflow's own steps without pytest, optionally against a
    workflow file that replaces the shipped one in the scenario's planning folder."""
    base = Path(tempfile.mkdtemp(prefix="eventflow-scenario-", dir=scratch_dir()))
    world = World(base, workflow_file=workflow_file)
    try:
        for step_type, text, table in scenario.steps:
            stepdef = next((s for s in STEPS if s.type == step_type
                            and s.parser.is_matching(text)), None)
            if stepdef is None:
                return InProcessResult(scenario, False, f"no step definition for {text!r}")
            kwargs: dict[str, Any] = dict(stepdef.parser.parse_arguments(text) or {})
            params = inspect.signature(stepdef.func).parameters
            if "world" in params:
                kwargs["world"] = world
            if "datatable" in params:
                kwargs["datatable"] = table
            stepdef.func(**kwargs)
    except Exception as exc:  # noqa: BLE001  any failure of a step fails the scenario
        return InProcessResult(scenario, False, f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return InProcessResult(scenario, True)


# mutants -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mutant:
    """A weakened copy of the workflow: the rule it weakens, what was changed (e.g.
    ``partner_min: min = 1 weakened to 0``) and the changed workflow data."""

    rule: str
    description: str
    data: dict[str, Any]


def _weaken(name: str, value: Any) -> Any:
    """A weaker value for a check parameter, or None when the parameter is not a threshold."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if name == "max":
            return 99
        return 0 if value > 0 else None
    if isinstance(value, list) and value:
        return []
    return None


def mutants(workflow_file: Path, rule_id: str) -> Iterator[Mutant]:
    """Copies of the workflow, each removing or weakening what enforces ``rule_id``: all its
    items removed; each required item made advice; each threshold parameter weakened."""
    original, _raw = read_toml(workflow_file, max_bytes=MAX_WORKFLOW_BYTES)

    def copy() -> dict[str, Any]:
        return json.loads(json.dumps(original))

    def items_of(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for stage in data.get("stages", []):
            for item in stage.get("items", []):
                if item.get("source") == rule_id:
                    yield item

    own = list(items_of(original))
    if not own:
        return
    data = copy()
    for stage in data["stages"]:
        stage["items"] = [i for i in stage.get("items", []) if i.get("source") != rule_id]
    yield Mutant(rule_id, "items " + ", ".join(i["id"] for i in own) + " removed", data)
    for index, item in enumerate(own):
        if item.get("required", True):
            data = copy()
            list(items_of(data))[index]["required"] = False
            list(items_of(data))[index].pop("waivable", None)  # advice cannot be waivable
            yield Mutant(rule_id, f"{item['id']} made advice (required = false)", data)
        for name, value in (item.get("params") or {}).items():
            weaker = _weaken(name, value)
            if weaker is None:
                continue
            data = copy()
            list(items_of(data))[index]["params"][name] = weaker
            yield Mutant(rule_id, f"{item['id']}: {name} = {value!r} weakened to {weaker!r}",
                         data)


def write_workflow(data: dict[str, Any], path: Path) -> Path:
    """Write the workflow ``data`` as TOML to ``path``; returns ``path``."""
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def mutation_check(scenarios: Sequence[ScenarioInfo], workflow_file: Path, rule_ids: Sequence[str]
                   ) -> list[dict[str, Any]]:
    """For each rule and each of its mutants: run the rule's scenarios (broken ones first)
    until one fails. A failure only counts if the same scenario passes against an unchanged
    copy of the workflow. Returns one row per mutant: rule, mutant, caught, by which scenario."""
    rows = []
    baseline: dict[str, InProcessResult] = {}

    def passes_unchanged(scenario: ScenarioInfo) -> bool:
        if scenario.key not in baseline:
            baseline[scenario.key] = run_inprocess(scenario, workflow_file)
        return baseline[scenario.key].ok

    with tempfile.TemporaryDirectory(prefix="eventflow-mutants-") as tmp:
        for rule_id in rule_ids:
            own = sorted((s for s in scenarios if rule_id in s.tags and not s.plugin),
                         key=lambda s: (s.polarity != "broken", s.language))
            for number, mutant in enumerate(mutants(workflow_file, rule_id)):
                path = write_workflow(mutant.data, Path(tmp) / f"{rule_id}-{number}.toml")
                killer = None
                for scenario in own:
                    result = run_inprocess(scenario, path)
                    if not result.ok and passes_unchanged(scenario):
                        killer = result
                        break
                rows.append({"rule": rule_id, "mutant": mutant.description,
                             "caught": killer is not None,
                             "by": killer.scenario.name if killer else "",
                             "why": killer.message.splitlines()[0][:200] if killer else ""})
    return rows


#: Where the test run keeps the score line (``pytestconfig.stash``) for its summary.
MUTATION_SCORE = pytest.StashKey[str]()


def score_line(rows: Sequence[dict[str, Any]]) -> str:
    """The one-line summary of a mutation check, ``mutation score: caught/total (n %)``, from its
    rows (each with ``caught``)."""
    caught = sum(1 for r in rows if r["caught"])
    total = len(rows)
    percent = 100 * caught // total if total else 0
    return f"mutation score: {caught}/{total} ({percent} %)"


# mutants of the engine's semantics ------------------------------------------------------------
def _engine_mutants() -> list[tuple[str, Callable[[Any], None]]]:
    """Ways to weaken the judge itself (not the workflow): each patches the engine through a
    ``pytest.MonkeyPatch`` given to it. The lifecycle rules (L1–L5) must catch every one."""

    real_judge = judge_mod.judge

    def current_stage_only(mp: Any) -> None:
        def judge(*args: Any, **kwargs: Any) -> Any:
            verdict = real_judge(*args, **kwargs)
            verdict.requirements = [msgspec.structs.replace(r, regression=False)
                                    for r in verdict.requirements]
            return verdict

        mp.setattr(engine_mod, "judge", judge)

    def ignore_time(mp: Any) -> None:
        mp.setattr(judge_mod, "due_date", lambda *a, **k: dt.date.min)
        mp.setattr(engine_dates, "due_date", lambda *a, **k: dt.date.min)
        mp.setattr(engine_moves, "due_date", lambda *a, **k: dt.date.min)

    def reopen_forward(mp: Any) -> None:
        def reopen(self: Any, name: str, stage: str, reason: str) -> Any:
            return self._transition(self.project.resolve(name), "reopen", stage, reason, False)

        mp.setattr(engine_mod.Engine, "reopen", reopen)

    def out_of_order(mp: Any) -> None:
        mp.setattr(engine_moves, "PREREQUISITES", {})

    return [("judge only the current stage", current_stage_only),
            ("ignore time windows", ignore_time),
            ("allow reopen forward", reopen_forward),
            ("accept facts out of order", out_of_order)]


def engine_mutation_check(scenarios: Sequence[ScenarioInfo],
                          rule_ids: Sequence[str] = ("L1", "L2", "L3", "L4", "L5")
                          ) -> list[dict[str, Any]]:
    """For each mutant of the engine's semantics: run the lifecycle rules' scenarios until one
    fails that passes against the real engine. One row per mutant, as :func:`mutation_check`."""
    own = sorted((s for s in scenarios if set(s.tags) & set(rule_ids) and not s.plugin),
                 key=lambda s: (s.polarity != "broken", s.language))
    baseline: dict[str, bool] = {}
    rows = []
    for description, patch in _engine_mutants():
        killer = None
        mutant_walks: Any = ({}, [])  # walks made by a mutant are the mutant's alone
        for scenario in own:
            mp = pytest.MonkeyPatch()
            real_walks = swap_walks(mutant_walks)
            try:
                patch(mp)
                result = run_inprocess(scenario)
            finally:
                mp.undo()
                mutant_walks = swap_walks(real_walks)
            if result.ok:
                continue
            if scenario.key not in baseline:
                baseline[scenario.key] = run_inprocess(scenario).ok
            if baseline[scenario.key]:
                killer = result
                break
        rows.append({"rule": "engine", "mutant": description, "caught": killer is not None,
                     "by": killer.scenario.name if killer else "",
                     "why": killer.message.splitlines()[0][:200] if killer else ""})
    return rows
