"""Concurrency: several processes tick items of one event at the same time.

No update may be lost: every check-off is in the final event and in the history exactly once,
and a reader polling the file meanwhile never sees a half-written or unparsable file.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .conftest import LONG, make_folder

PROCESSES, TICKS = (8, 500) if LONG else (4, 100)


def item_id(p: int, n: int) -> str:
    return f"w{p}_{n}"


def writer(root: str, event_id: str, p: int, ticks: int, errors: Any) -> None:
    from eventflow.engine import Engine
    from eventflow.store import Project

    engine = Engine(Project(Path(root)))
    for n in range(ticks):
        try:
            engine.tick(event_id, item_id(p, n))
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            errors.put(f"writer {p} tick {n}: {type(exc).__name__}: {exc}")


def reader(root: str, event_id: str, stop: Any, result: Any) -> None:
    from eventflow.errors import EventflowError
    from eventflow.store import Project, decode_event

    path = Project(Path(root)).event_path(event_id)
    reads = bad = backwards = 0
    last = 0
    while not stop.is_set():
        raw = path.read_bytes()
        try:
            revision = decode_event(path, raw).revision
        except EventflowError as exc:
            bad += 1
            result.put(("bad", str(exc)[:300]))
            continue
        reads += 1
        if revision < last:
            backwards += 1
        last = revision
        time.sleep(0.02)
    result.put(("done", reads, bad, backwards))


def test_no_lost_update_under_concurrent_check_offs(tmp_path: Path,
                                                    figures: dict[str, Any]) -> None:
    from eventflow.store import Project

    items = [item_id(p, n) for p in range(PROCESSES) for n in range(TICKS)]
    project, event_id = make_folder(tmp_path / "planning", items)
    # due dates play no part here; without them the file (and each parse) is a third smaller
    from eventflow.engine import Engine

    Engine(project).change(event_id, "test.setup", lambda ev: ev.due.clear())
    root = str(project.root)
    ctx = multiprocessing.get_context("fork")
    errors, result, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
    started = time.perf_counter()
    watcher = ctx.Process(target=reader, args=(root, event_id, stop, result))
    watcher.start()
    writers = [ctx.Process(target=writer, args=(root, event_id, p, TICKS, errors))
               for p in range(PROCESSES)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    seconds = time.perf_counter() - started
    reader_report = []
    while True:
        message = result.get(timeout=60)
        reader_report.append(message)
        if message[0] == "done":
            break
    watcher.join()
    failures = []
    while not errors.empty():
        failures.append(errors.get())

    event = Project(Path(root)).load(event_id)
    missing = [i for i in items if not event.item_state(i).checked]
    history = Project(Path(root)).history(event_id)
    ticks = Counter(h["item"] for h in history
                    if h.get("action") == "check" and h.get("applied", True))
    not_once = {i: ticks.get(i, 0) for i in items if ticks.get(i, 0) != 1}
    revisions = Counter(h["rev"] for h in history if h.get("applied", True))
    _, reads, bad, backwards = reader_report[-1]

    figures.update({
        "processes x check-offs": f"{PROCESSES} x {TICKS}",
        "check-offs saved": len(items) - len(missing),
        "lost updates": len(missing),
        "history entries not exactly once": len(not_once),
        "writer errors": len(failures),
        "reader: parses of the file": reads,
        "reader: half-written or unparsable files seen": bad,
        "reader: revision going backwards": backwards,
        "final revision": event.revision,
        "seconds": round(seconds, 1),
    })
    assert not failures, failures[:5]
    assert not missing, f"{len(missing)} check-offs lost, e.g. {missing[:5]}"
    assert not not_once, f"history not exactly once: {list(not_once.items())[:5]}"
    assert event.revision == 2 + len(items)
    assert all(c == 1 for c in revisions.values()) and len(revisions) == 2 + len(items)
    assert bad == 0 and backwards == 0 and reads > 0


def test_a_stuck_lock_times_out_but_a_busy_one_is_waited_for(tmp_path: Path) -> None:
    import os
    import signal

    import pytest

    from eventflow.errors import LockTimeout
    from eventflow.store import file_lock

    lock = tmp_path / ".lock"
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # holds the lock and never lets go
        with file_lock(lock):
            os.write(ready_w, b"1")
            time.sleep(60)
        os._exit(0)
    try:
        os.read(ready_r, 1)
        started = time.perf_counter()
        with pytest.raises(LockTimeout, match="nothing was saved; try again"), \
                file_lock(lock, timeout=0.3, progress=lambda: "no progress"):
            pass
        assert 0.3 <= time.perf_counter() - started < 2
        started = time.perf_counter()

        def moving_for_a_while() -> int:  # commits every 0.1 s for 0.6 s, then stuck
            return min(int((time.perf_counter() - started) / 0.1), 6)

        # progress keeps it waiting past the timeout
        with pytest.raises(LockTimeout), \
                file_lock(lock, timeout=0.2, progress=moving_for_a_while):
            pass
        assert 0.6 < time.perf_counter() - started < 3
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with file_lock(lock, timeout=1):  # the dead holder's lock is free
        pass
