"""bench/outputs.py runs (one pair; its timings mean nothing here, only that it works)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "outputs.py"


def test_bench_outputs_runs():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, str(BENCH), "--runs", "1"], capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode in (0, 1), done.stderr
    assert "ratio A/B" in done.stdout and "79 files" in done.stdout, done.stdout
    assert "3 charts" in done.stdout and "without the charts" in done.stdout, done.stdout
