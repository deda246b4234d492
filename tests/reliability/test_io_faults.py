"""Injected I/O failures: every file operation of a save fails in turn with ENOSPC, EIO and
EACCES. The event is then in its old or its new state, never anything else; the error is
eventflow's own, and honest: "nothing was saved" only when the old state is in place, and
"may have been applied" when eventflow cannot know."""

from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import make_folder, tmp_files

OPERATIONS = ("open", "write", "fsync", "replace", "close", "pread", "fstat", "stat", "scandir",
              "unlink", "ftruncate", "truncate")
ERRNOS = (errno.ENOSPC, errno.EIO, errno.EACCES)


class Injector:
    """Fails the ``fail_at``-th file operation (counted across every patched function)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int, code: int) -> None:
        self.calls: list[str] = []
        self.fail_at = fail_at
        self.code = code
        self.failed: str | None = None
        for name in OPERATIONS:
            monkeypatch.setattr(os, name, self._wrap(name, getattr(os, name)))
        monkeypatch.setattr(builtins, "open", self._wrap("builtins.open", builtins.open))

    def _wrap(self, name: str, func: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            if len(self.calls) == self.fail_at:
                self.failed = name
                raise OSError(self.code, os.strerror(self.code))
            return func(*args, **kwargs)

        return wrapper


def test_every_operation_of_a_save_failing_leaves_old_or_new(tmp_path: Path,
                                                             figures: dict[str, Any]) -> None:
    from eventflow.engine import Engine
    from eventflow.errors import EventflowError
    from eventflow.store import Project

    project, event_id = make_folder(tmp_path / "planning")
    path = project.event_path(event_id)
    counts = {"injected failures": 0, "old state kept": 0, "new state in place": 0,
              "said 'may have been applied'": 0, "corrupt or mixed files": 0,
              "raw OSError escaped": 0, "dishonest messages": 0}
    ops_seen: set[str] = set()
    step = 0
    for code in ERRNOS:
        fail_at = 1
        while True:
            step += 1
            before = path.read_bytes()
            old = Project(project.root).load(event_id)
            engine = Engine(Project(project.root))
            mp = pytest.MonkeyPatch()
            injector = Injector(mp, fail_at, code)
            error: BaseException | None = None
            try:
                engine.change(event_id, "fault.test",
                              lambda ev, s=step: ev.ext.__setitem__("fault", {"step": s}))
            except BaseException as exc:  # noqa: BLE001 - classified below
                error = exc
            finally:
                mp.undo()
            if injector.failed is None:
                assert error is None
                break  # the whole save ran without reaching operation number `fail_at`
            counts["injected failures"] += 1
            ops_seen.add(injector.failed)
            where = f"{os.strerror(code)} at operation {fail_at} ({injector.failed})"
            now = Project(project.root).load(event_id)  # must parse
            is_new = now.ext.get("fault") == {"step": step} and now.revision == old.revision + 1
            is_old = now == old and (path.read_bytes() == before)
            assert is_new or is_old, f"{where}: event is neither old nor new"
            counts["new state in place" if is_new else "old state kept"] += 1
            if error is not None:
                if not isinstance(error, EventflowError):
                    counts["raw OSError escaped"] += 1
                    pytest.fail(f"{where}: {type(error).__name__} escaped: {error}")
                message = str(error)
                claims_nothing = "nothing was saved" in message
                if "may have been applied" in message:
                    counts["said 'may have been applied'"] += 1
                if (is_new and (claims_nothing or "may have been applied" not in message)) \
                        or (is_old and not claims_nothing and "cannot be read" not in message):
                    counts["dishonest messages"] += 1
                    pytest.fail(f"{where}: state is {'new' if is_new else 'old'} but the "
                                f"message says: {message}")
            else:
                assert is_new, f"{where}: no error, but the change is not saved"
            # the next command (no faults) cleans up; history holds each applied change once
            with Project(project.root).locked(event_id):
                pass
            assert not tmp_files(path.parent), f"{where}: temp files left"
            history = Project(project.root).history(event_id)
            applied = [h["rev"] for h in history if h.get("applied", True)
                       and h.get("action") != "unreadable"]
            assert applied == list(range(1, now.revision + 1)), f"{where}: history {applied}"
            fail_at += 1
    figures.update(counts)
    figures["operations failed in turn"] = ", ".join(sorted(ops_seen))
    assert counts["old state kept"] and counts["dishonest messages"] == 0
