"""Run the policy against the engine.

* :func:`verify` runs every feature (eventflow's and the plugins') with pytest-bdd in a
  subprocess and returns one result per scenario: its rules, outcome and failure message;
* :func:`run_inprocess` runs one scenario's steps directly (no pytest), which is fast enough to
  run the policy once per mutant of the workflow;
* :func:`mutants` weakens or removes one rule of a workflow at a time, for the mutation check:
  a policy that passes against a workflow that no longer enforces a rule does not test it.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomli
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import ScenarioInfo


def results_path() -> Path:
    """Where the last verification is kept: ``EVENTFLOW_POLICY_RESULTS``, else the user's
    cache folder (``$XDG_CACHE_HOME/eventflow/policy-results.json``)."""
    env = os.environ.get("EVENTFLOW_POLICY_RESULTS")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "eventflow" / "policy-results.json"


def load_results() -> dict[str, Any] | None:
    path = results_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


_CONFTEST = '''
import json, os
import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.utils import registry_get_safe

RESULTS = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    template = registry_get_safe(scenario_wrapper_template_registry, getattr(item, "obj", None))
    if template is None:
        return
    key = item.nodeid
    if report.when == "call" or report.failed or report.skipped or key not in RESULTS:
        rule_tags = template.rule.tags if template.rule is not None else set()
        tags = sorted(set(template.tags) | set(template.feature.tags) | set(rule_tags))
        previous = RESULTS.get(key, {}).get("outcome")
        state = "failed" if report.failed or previous == "failed" else (
            "skipped" if report.skipped else "passed")
        RESULTS[key] = {
            "feature_file": template.feature.filename, "feature": template.feature.name,
            "language": template.feature.language, "scenario": template.name,
            "rule": template.rule.name if template.rule else "", "tags": tags,
            "outcome": state,
            "message": (RESULTS.get(key, {}).get("message") or
                        (report.longreprtext[-1500:] if report.failed else "")),
        }


def pytest_sessionfinish(session):
    with open(os.environ["EVENTFLOW_POLICY_OUT"], "w", encoding="utf-8") as fh:
        json.dump(list(RESULTS.values()), fh)
'''


def verify(features: Sequence[tuple[str, Path, str | None]], *, markers: Sequence[str] = (),
           timeout: float = 600) -> dict[str, Any]:
    """Run the features with pytest-bdd in a subprocess.

    ``features``: (plugin name or "" for eventflow, features path, step module or None);
    ``markers``: only scenarios with one of these tags (rule ids).
    Returns ``{"results": [...], "exit_code": n, "output": "..."}``; each result names the
    scenario, its feature, tags (rule ids among them), outcome and failure message.
    """
    from .catalogue import RULE_ID

    with tempfile.TemporaryDirectory(prefix="eventflow-verify-") as tmp:
        folder = Path(tmp)
        (folder / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
        lines = ["from pytest_bdd import scenarios", ""]
        lines += [f"scenarios({str(path)!r})" for _plugin, path, _steps in features]
        (folder / "test_policy.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        out = folder / "results.json"
        modules = ["eventflow.policy.steps"] + [s for _p, _f, s in features if s]
        args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "-W", "ignore::pytest.PytestUnknownMarkWarning", "--rootdir", str(folder),
                "-c", str(folder / "pytest.ini")]
        for module in dict.fromkeys(modules):
            args += ["-p", module]
        if markers:
            args += ["-m", " or ".join(markers)]
        args.append(str(folder / "test_policy.py"))
        env = dict(os.environ, EVENTFLOW_POLICY_OUT=str(out),
                   EVENTFLOW_POLICY_PLUGINS=json.dumps({str(Path(f).resolve()): p
                                                        for p, f, _s in features if p}))
        proc = subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, check=False,
                              timeout=timeout)
        try:
            results = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            results = []
    by_file = {str(path.resolve()): plugin for plugin, path, _s in features}
    for r in results:
        r["rules"] = [t for t in r["tags"] if RULE_ID.match(t)]
        r["plugin"] = next((plugin for root, plugin in by_file.items()
                            if r["feature_file"].startswith(root)), "")
    return {"results": results, "exit_code": proc.returncode,
            "output": (proc.stdout + proc.stderr)[-4000:]}


def save_results(data: dict[str, Any]) -> Path:
    import datetime as dt

    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"verified_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
               "results": data["results"]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


# in-process ----------------------------------------------------------------------------------
@dataclass
class InProcessResult:
    scenario: ScenarioInfo
    ok: bool
    message: str = ""


def run_inprocess(scenario: ScenarioInfo, workflow_file: Path | None = None
                  ) -> InProcessResult:
    """Run one scenario of eventflow's own steps without pytest, optionally against a
    workflow file that replaces the shipped one in the scenario's planning folder."""
    from .steps import STEPS, World, scratch_dir

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
    with open(workflow_file, "rb") as fh:
        original = tomli.load(fh)

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
    import tomli_w

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


def _stash_key() -> Any:
    import pytest

    return pytest.StashKey[str]()


MUTATION_SCORE = _stash_key()


def score_line(rows: Sequence[dict[str, Any]]) -> str:
    caught = sum(1 for r in rows if r["caught"])
    total = len(rows)
    percent = 100 * caught // total if total else 0
    return f"mutation score: {caught}/{total} ({percent} %)"


# mutants of the engine's semantics ------------------------------------------------------------
def _engine_mutants() -> list[tuple[str, Callable[[Any], None]]]:
    """Ways to weaken the judge itself (not the workflow): each patches the engine through a
    ``pytest.MonkeyPatch`` given to it. The lifecycle rules (L1–L5) must catch every one."""
    import msgspec

    from .. import engine as engine_mod
    from .. import judge as judge_mod

    real_judge = judge_mod.judge

    def current_stage_only(mp: Any) -> None:
        def judge(*args: Any, **kwargs: Any) -> Any:
            verdict = real_judge(*args, **kwargs)
            verdict.requirements = [msgspec.structs.replace(r, regression=False)
                                    for r in verdict.requirements]
            return verdict

        mp.setattr(engine_mod, "judge", judge)

    def ignore_time(mp: Any) -> None:
        import datetime as dt

        mp.setattr(judge_mod, "due_date", lambda *a, **k: dt.date.min)
        mp.setattr(engine_mod, "due_date", lambda *a, **k: dt.date.min)

    def reopen_forward(mp: Any) -> None:
        def reopen(self: Any, name: str, stage: str, reason: str) -> Any:
            return self._transition(self.project.resolve(name), "reopen", stage, reason, False)

        mp.setattr(engine_mod.Engine, "reopen", reopen)

    def out_of_order(mp: Any) -> None:
        mp.setattr(engine_mod, "PREREQUISITES", {})

    return [("judge only the current stage", current_stage_only),
            ("ignore time windows", ignore_time),
            ("allow reopen forward", reopen_forward),
            ("accept facts out of order", out_of_order)]


def engine_mutation_check(scenarios: Sequence[ScenarioInfo],
                          rule_ids: Sequence[str] = ("L1", "L2", "L3", "L4", "L5")
                          ) -> list[dict[str, Any]]:
    """For each mutant of the engine's semantics: run the lifecycle rules' scenarios until one
    fails that passes against the real engine. One row per mutant, as :func:`mutation_check`."""
    import pytest

    from .steps.world import swap_walks

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
