"""`eventflow plugins new NAME [DIR]` writes a plugin that installs and passes its own tests.

The end-to-end test installs the package with ``pip install --target`` (no network: no build
isolation, no dependencies) and runs the package's own tests, unchanged, in a fresh
interpreter. It takes about half a minute; ``pytest -m 'not scaffold'`` skips it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eventflow

SRC = str(Path(eventflow.__file__).resolve().parent.parent)


def test_new_writes_every_part_of_a_plugin(tmp_path: Path, run: Any) -> None:
    result = run("plugins", "new", "city-hki", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    root = tmp_path / "p"
    for part in ("pyproject.toml", "README.md", "src/eventflow_city_hki/__init__.py",
                 "src/eventflow_city_hki/commands.py", "src/eventflow_city_hki/steps.py",
                 "src/eventflow_city_hki/features/city_hki.feature",
                 "src/eventflow_city_hki/templates/sv/city_hki-note.md",
                 "tests/test_city_hki.py", "tests/test_policy.py", "tests/conftest.py"):
        assert (root / part).is_file(), part
    pyproject = (root / "pyproject.toml").read_text("utf-8")
    assert '[project.entry-points.eventflow]\ncity-hki = "eventflow_city_hki"' in pyproject
    assert "eventflow.cli" not in (root / "src/eventflow_city_hki/commands.py").read_text()
    assert "next: cd" in result.output


def test_new_refuses_a_bad_name_or_a_folder_in_use(tmp_path: Path, run: Any) -> None:
    result = run("plugins", "new", "Bad Name", str(tmp_path / "x"))
    assert result.exit_code == 1 and "cannot name a plugin" in result.output
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("mine")
    result = run("plugins", "new", "vasa", str(tmp_path / "used"))
    assert result.exit_code == 1 and "is not an empty folder" in result.output
    assert (tmp_path / "used" / "keep.txt").read_text() == "mine"


@pytest.mark.scaffold
def test_the_new_plugin_installs_and_passes_its_own_tests(tmp_path: Path, run: Any) -> None:
    pytest.importorskip("wheel")
    assert run("plugins", "new", "vasa", str(tmp_path / "eventflow-vasa")).exit_code == 0
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(tmp_path / "eventflow-vasa")],
        capture_output=True, text=True, timeout=300, env=env)
    assert installed.returncode == 0, installed.stderr
    assert (site / "eventflow_vasa" / "templates" / "fi" / "vasa-note.md").is_file()
    env["PYTHONPATH"] = os.pathsep.join([str(site), SRC])
    tested = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                            cwd=tmp_path / "eventflow-vasa", capture_output=True, text=True,
                            timeout=300, env=env)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "6 passed" in tested.stdout
