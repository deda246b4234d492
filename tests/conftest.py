"""Every test runs with no installed plugins, a fixed user and a fixed 'today'."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventflow import i18n

TODAY = "2026-11-27"

# Property tests run the same examples on every run, so CI cannot fail by the luck of a draw;
# EVENTFLOW_HYPOTHESIS=explore draws new examples (run it now and then, and keep what it finds).
if os.environ.get("EVENTFLOW_HYPOTHESIS") != "explore":
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("repeatable", derandomize=True)
    _hypothesis_settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    monkeypatch.setenv("EVENTFLOW_LANG", "en")  # the tests read English (test_i18n: the rest)
    monkeypatch.setenv("EVENTFLOW_USER", "tester")
    monkeypatch.setenv("EVENTFLOW_TODAY", TODAY)
    for name in ("EVENTFLOW_DIR", "EVENTFLOW_DISABLED_PLUGINS", "EVENTFLOW_TRACE_PLUGINS",
                 "EVENTFLOW_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    i18n.configure()  # the language is found anew: an earlier test's `--lang sv` does not stay


@pytest.fixture
def run(ef_project: Any) -> Any:
    """Run the CLI in the test's planning folder: ``run("status", "--json")``."""
    from eventflow.cli import cli

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--dir", str(ef_project.root), *args], input=input,
                                  catch_exceptions=False)

    return invoke


@pytest.fixture
def folder(ef_project: Any) -> Path:
    return Path(ef_project.root)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """Print the policy's mutation score (tests/test_policy_mutation.py) in every run."""
    from eventflow.policy.mutation import MUTATION_SCORE

    score = config.stash.get(MUTATION_SCORE, None)
    if score:
        terminalreporter.write_line(score)
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
                if "browser tests skipped" in str(r.longrepr)]
    if skipped:  # tests/browser.py: one line, however many browser tests were skipped
        from browser import ENABLE

        terminalreporter.write_line(f"{len(skipped)} {ENABLE}")


@pytest.fixture
def lang(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Set EVENTFLOW_LANG for the next command (each CLI run finds its language anew)."""

    def use(code: str) -> None:
        monkeypatch.setenv("EVENTFLOW_LANG", code)
        i18n.configure()

    yield use
    i18n.configure()
