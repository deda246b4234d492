"""The benchmark runs end to end on a tiny folder and reports every goal with its ratio."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_runs_on_a_tiny_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--editable", "--size", "6",
         "--runs", "1", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert "EDITABLE (smoke only)" in lines[0]
    for goal in ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P10", "P11", "P12"):
        row = next((x for x in lines if x.startswith(goal + " ")), None)
        assert row is not None, f"{goal} missing from:\n{result.stdout}"
        assert re.search(r"\d+\.\d\dx\s+\d+\.\d\dx\s+(PASS|FAIL)$", row), row
    assert re.match(r"met: .*; missed: .*; total \d+ s", lines[-1])
    assert (tmp_path / "results.json").is_file()
    events = list((next((tmp_path / "folders").glob("*-n6-s1")) / "events").glob("*/event.toml"))
    assert len(events) == 6
    history = events[0].parent / "history.jsonl"
    assert len(history.read_text("utf-8").splitlines()) == 200


def test_generator_is_reproducible(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    a = generate.generate(tmp_path / "a", 4, seed=7)
    b = generate.generate(tmp_path / "b", 4, seed=7)
    files_a = sorted(p.relative_to(a) for p in (a / "events").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in (b / "events").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == 8
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
