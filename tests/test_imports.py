"""`eventflow --help` and `eventflow status` import only what they need (fast start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"jinja2", "rich", "icalendar", "holidays", "transitions.extensions"}
NOT_FOR_HELP = HEAVY | {"pluggy", "msgspec", "tomli_w", "transitions", "importlib.metadata",
                        "eventflow.index", "eventflow.store"}

PROBE = """
import json, sys
from eventflow.quick import main  # the console script's entry point
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("MODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(*args: str, cwd: Path | None = None) -> tuple[set[str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_TODAY="2026-11-27", EVENTFLOW_USER="tester")
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=60)
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line[len("MODULES="):])), result.stdout


def loaded(modules: set[str], names: set[str]) -> set[str]:
    return {m for m in modules for n in names if m == n or m.startswith(n + ".")}


def test_help_imports_neither_plugins_nor_renderers() -> None:
    modules, out = imported("--help")
    assert "Usage: eventflow" in out
    assert loaded(modules, NOT_FOR_HELP) == set()


@pytest.fixture
def planning(ef_event, ef_project) -> Path:  # type: ignore[no-untyped-def]
    ef_event("venue", region="Pirkanmaa")
    ef_event("partner_agreed", region="Uusimaa")
    return Path(ef_project.root)


def test_status_from_the_cache_imports_neither_engine_nor_plugins(planning: Path) -> None:
    modules, out = imported("status", cwd=planning)  # builds the index
    assert "pirkanmaa" in out and "uusimaa" in out
    assert loaded(modules, HEAVY) == set()
    import time

    from eventflow.cachekeys import RACY_NS

    time.sleep(RACY_NS / 1e9 + 0.1)  # files changed just before the index was written are
    imported("status", cwd=planning)  # checked by digest; once older, the index is rewritten
    modules, out = imported("status", cwd=planning)  # from the index alone
    assert "pirkanmaa" in out and "uusimaa" in out
    assert loaded(modules, HEAVY | {"pluggy", "transitions", "importlib.metadata", "msgspec",
                                    "eventflow.engine", "eventflow.store", "click",
                                    "eventflow.cli", "eventflow.errors"}) == set()  # quick.py
    # one event: the engine answers once and keeps what it printed (index.py), then not again
    event_id = min(p.name for p in (planning / "events").iterdir()
                   if not p.name.startswith("."))
    modules, slow = imported("status", event_id, cwd=planning)
    assert "eventflow.engine" in modules
    for args in ((event_id,), (event_id, "--json")):  # one kept view serves text and JSON
        modules, fast = imported("status", *args, cwd=planning)
        assert event_id in fast and (fast == slow or "--json" in args)
        assert loaded(modules, HEAVY | {"pluggy", "transitions", "importlib.metadata",
                                        "msgspec", "eventflow.engine", "eventflow.store",
                                        "eventflow.checklist", "eventflow.workflow"}) == set()
        # plain `status EVENT` is answered by the front door; --json is the CLI's
        assert ("click" in modules) == ("--json" in args)


def test_status_of_one_event_imports_no_heavy_library(planning: Path) -> None:
    event_id = sorted(p.name for p in (planning / "events").iterdir()
                      if not p.name.startswith("."))[0]
    modules, out = imported("status", event_id, cwd=planning)
    assert event_id in out
    assert loaded(modules, HEAVY) == set()


@pytest.mark.parametrize("columns", ["", "60", "200", "x"])
def test_help_is_as_wide_as_click_makes_it(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The help width is the one click computes (shutil's terminal size, capped)."""
    import shutil

    from eventflow.cli import CONTEXT, help_width

    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:
        monkeypatch.delenv("COLUMNS", raising=False)
    expected = max(min(shutil.get_terminal_size().columns, CONTEXT["max_content_width"]) - 2, 50)
    assert help_width() == expected


def test_the_public_names_are_the_lazy_exports() -> None:
    import eventflow

    assert set(eventflow.__all__) == {*eventflow._EXPORTS, "__version__"}
    assert eventflow.__all__ == sorted(eventflow.__all__)
