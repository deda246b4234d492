"""Shared helpers of the reliability suite.

The fast subset runs in `make test`. ``EVENTFLOW_LONG=1`` (``make reliability-long``) runs the
long versions: 5,000 SIGKILL runs and 8 processes × 500 concurrent check-offs. Every test
records its figures with the ``figures`` fixture; they are printed at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

LONG = os.environ.get("EVENTFLOW_LONG") == "1"
TIME_CAP = 0.100  # seconds to refuse one hostile file
MEMORY_CAP = 50 << 20  # bytes, peak traced allocation while refusing it

_FIGURES: dict[str, dict[str, Any]] = {}


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> dict[str, Any]:
    """A dict whose contents are printed under the test's name at the end of the run."""
    return _FIGURES.setdefault(request.node.name, {})


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FIGURES:
        return
    terminalreporter.section(f"reliability figures ({'long' if LONG else 'fast'} run)")
    for name, values in _FIGURES.items():
        if values:
            terminalreporter.write_line(f"{name}:")
            for key, value in values.items():
                terminalreporter.write_line(f"    {key}: {value}")


def stress_workflow(items: list[str]) -> str:
    """A valid workflow with one stage holding the given manual items."""
    lines = ['[workflow]', 'id = "stress"', 'version = "1.0.0"',
             'title = { fi = "Kuorma", sv = "Last", en = "Load" }', '',
             '[[stages]]', 'id = "work"', 'label = { fi = "Työ", sv = "Arbete", en = "Work" }', '']
    for item in items:
        lines += ['[[stages.items]]', f'id = "{item}"',
                  f'label = {{ fi = "{item}", sv = "{item}", en = "{item}" }}',
                  'required = false', 'owner = "organiser"', 'due = "-1w"', 'source = "test"', '']
    return "\n".join(lines)


def make_folder(root: Path, items: list[str] | None = None) -> tuple[Any, str]:
    """A planning folder with one event (on the stress workflow if ``items`` are given)."""
    from eventflow.engine import Engine
    from eventflow.store import Project, Settings

    project = Project.init(root, Settings(organisation="Tampereen kaupunki",
                                          organisation_type="authority"))
    workflow = "good-relations-training"
    if items is not None:
        (root / "workflows").mkdir()
        (root / "workflows" / "stress.toml").write_text(stress_workflow(items), "utf-8")
        workflow = "stress"
    engine = Engine(project)
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"],
                          workflow_id=workflow)
    return project, event.id


def tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
