"""Crash safety: a writer killed with SIGKILL at random points never leaves a broken event.

Each run forks a child that saves the event again and again (reporting every save that
returned), and kills it after a random delay. Then the event file must parse and equal either
the last state the child reported as saved or the one it was writing; temporary files left
behind must be cleaned and reported by the next command; the history must hold every applied
change exactly once.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .conftest import LONG, make_folder, tmp_files

RUNS = 5000 if LONG else 200
WORKERS = 2


def step(event: Any, k: int) -> None:
    event.title = f"crash run step {k}"
    event.ext["crash"] = {"n": k, "pad": "x" * (k * 37 % 3000)}


def crash_worker(root: str, runs: int, seed: int) -> dict[str, Any]:
    from eventflow.engine import Engine
    from eventflow.errors import EventflowError
    from eventflow.event import to_data
    from eventflow.store import Project, decode_event

    rng = random.Random(seed)
    folder_root = Path(root)
    project, event_id = make_folder(folder_root)
    folder = project.event_dir(event_id)
    path = project.event_path(event_id)
    base = project.load(event_id)
    r0 = base.revision

    def rest(event: Any) -> dict[str, Any]:
        data = to_data(event)
        for key in ("title", "ext", "revision"):
            data.pop(key, None)
        return data

    base_rest = rest(base)
    stats: Counter[str] = Counter()
    failures: list[str] = []
    n = 0
    for run in range(runs):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(rfd)
            try:
                engine = Engine(Project(folder_root))
                engine.workflow_for(engine.load(event_id))  # start-up is not what is tested
                os.write(wfd, b"R")
                k = n + 1
                while True:
                    engine.change(event_id, "crash.step", lambda ev, k=k: step(ev, k))
                    os.write(wfd, b"%d\n" % k)
                    k += 1
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                os.write(wfd, b"E" + repr(exc).encode()[:300] + b"\n")
            os._exit(1)
        os.close(wfd)
        os.read(rfd, 1)  # the writer is ready: kill it somewhere inside its saves
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(rfd, "rb") as pipe:
            reported = pipe.read().decode().split()
        stats["runs"] += 1
        errors = [r for r in reported if r.startswith("E")]
        if errors:
            failures.append(f"run {run}: the writer failed: {errors[0]}")
            break
        committed = max((int(r) for r in reported), default=n)
        stats["saves completed"] += committed - n
        leftovers = tmp_files(folder)
        try:
            event = decode_event(path, path.read_bytes())
        except EventflowError as exc:
            failures.append(f"run {run}: corrupt event file: {exc}")
            stats["corrupt files"] += 1
            break
        m = event.ext.get("crash", {}).get("n", 0)
        if m == committed:
            stats["file = last reported save"] += 1
        elif m == committed + 1:
            stats["file = the save being written (replaced, not yet reported)"] += 1
        else:
            failures.append(f"run {run}: file holds step {m}, last saved step was {committed}")
            stats["lost or phantom updates"] += 1
            break
        expected_ext = {"n": m, "pad": "x" * (m * 37 % 3000)} if m else {}
        if (event.revision != r0 + m or rest(event) != base_rest
                or event.ext.get("crash", {}) != expected_ext
                or (m and event.title != f"crash run step {m}")):
            failures.append(f"run {run}: file differs from the state of step {m}")
            stats["corrupt files"] += 1
            break
        # the next command cleans up and reports
        after = Project(folder_root)
        with after.locked(event_id):
            pass
        if leftovers:
            stats["kills that left a temp file"] += 1
            if not any("temporary file" in notice for notice in after.notices):
                failures.append(f"run {run}: temp files {leftovers} removed without a report")
        if any("marked as not applied" in notice for notice in after.notices):
            stats["kills between history entry and replace (marked not applied)"] += 1
        if tmp_files(folder):
            failures.append(f"run {run}: temp files left after the next command: "
                            f"{tmp_files(folder)}")
            break
        n = m
    history = Project(folder_root).history(event_id)
    applied = [h["rev"] for h in history
               if h.get("action") == "crash.step" and h.get("applied", True)]
    if sorted(applied) != list(range(r0 + 1, r0 + n + 1)):
        dupes = [rev for rev, c in Counter(applied).items() if c > 1]
        failures.append(f"history: {len(applied)} applied entries for {n} saved steps "
                        f"(duplicates {dupes[:5]})")
    stats["history entries marked not applied"] = sum(
        1 for h in history if h.get("applied") is False)
    unreadable = [h for h in history if h.get("action") == "unreadable"]
    if unreadable:
        failures.append(f"history has unreadable lines: {unreadable[:2]}")
    return {"stats": dict(stats), "failures": failures}


def test_sigkill_at_random_points_never_corrupts(tmp_path: Path, figures: dict[str, Any]) -> None:
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    share = [RUNS // WORKERS + (1 if i < RUNS % WORKERS else 0) for i in range(WORKERS)]
    with ctx.Pool(WORKERS) as pool:
        results = pool.starmap(crash_worker, [(str(tmp_path / f"w{i}"), share[i], 1000 + i)
                                              for i in range(WORKERS)])
    total: Counter[str] = Counter()
    failures = []
    for result in results:
        total.update(result["stats"])
        failures += result["failures"]
    figures.update(total)
    figures["corrupt files"] = total.get("corrupt files", 0)
    figures["lost updates"] = total.get("lost or phantom updates", 0)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    assert not failures, "\n".join(failures)
    assert total["runs"] == RUNS
    # the kills really landed inside saves: in each window of the two-phase write
    assert total["saves completed"] > RUNS // 10
    assert total["kills that left a temp file"] > 0
    assert total["kills between history entry and replace (marked not applied)"] > 0
    assert total["file = the save being written (replaced, not yet reported)"] > 0
