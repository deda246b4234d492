"""Run the policy against the engine.

:func:`verify` runs every feature (eventflow's and the plugins') with pytest-bdd in a
subprocess and returns one result per scenario: its rules, outcome and failure message;
:func:`save_results` and :func:`load_results` keep the last run for ``eventflow policy`` and
its report. The features' steps run in that subprocess, so this module never imports them
(the in-process runner and the mutation check, which do, are :mod:`eventflow.policy.mutation`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .catalogue import RULE_ID, plugin_rule_ids


def results_path() -> Path:
    """Where the last verification is kept: ``EVENTFLOW_POLICY_RESULTS``, else the user's
    cache folder (``$XDG_CACHE_HOME/eventflow/policy-results.json``)."""
    env = os.environ.get("EVENTFLOW_POLICY_RESULTS")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "eventflow" / "policy-results.json"


def load_results() -> dict[str, Any] | None:
    """The last saved verification (``{"verified_at": …, "results": […]}``, see
    :func:`save_results`), or None when there is none or it cannot be read."""
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
    ``markers``: only scenarios with one of these tags (rule ids: ``R1``, a plugin's
    ``etno.board-invited``).
    Returns ``{"results": [...], "exit_code": n, "output": "..."}``; each result names the
    scenario, its feature, tags (rule ids among them), outcome and failure message.
    """

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
        r["plugin"] = next((plugin for root, plugin in by_file.items()
                            if r["feature_file"].startswith(root)), "")
        r["rules"] = [t for t in r["tags"] if RULE_ID.match(t)] + (
            plugin_rule_ids(r["plugin"], r["tags"]) if r["plugin"] else [])
    return {"results": results, "exit_code": proc.returncode,
            "output": (proc.stdout + proc.stderr)[-4000:]}


def save_results(data: dict[str, Any]) -> Path:
    """Save the results of :func:`run_features` with the time of the run, atomically, where
    :func:`results_path` says; returns that path."""
    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"verified_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
               "results": data["results"]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path
