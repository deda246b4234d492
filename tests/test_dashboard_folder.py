"""`eventflow dashboard --html DIR` run again: only the pages that changed are written, each
put in place whole, and a run stopped part way leaves a working site that the next run mends."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from eventflow.dashboard import MARKER


@pytest.fixture
def built(run: Any, ef_event: Any, tmp_path: Path) -> dict[str, Any]:
    """Three events and their site, built once with the event files old enough to be kept."""
    ids = [ef_event().id, ef_event("speakers").id, ef_event("venue").id]
    folder = Path(run("where").output.strip())
    old = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (old, old))
    site = tmp_path / "site"
    assert "3 pages made" in run("dashboard", "--html", str(site)).output
    _vouch(site)
    return {"ids": ids, "site": site, "folder": folder}


def _vouch(site: Path) -> None:
    """Date the marker now, as if the site had been written well after the event files."""
    marker = (site / MARKER).read_text("utf-8")
    marker = re.sub(r'"written_ns":\d+', f'"written_ns":{time.time_ns()}', marker)
    (site / MARKER).write_text(marker, "utf-8")


def _stamp(path: Path) -> tuple[int, int]:
    return path.stat().st_ino, path.stat().st_mtime_ns


def _pages(site: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (site / "events").iterdir()}


def test_a_second_run_leaves_unchanged_pages_untouched(run: Any, built: dict[str, Any]) -> None:
    site, ids = built["site"], built["ids"]
    before = _pages(site)
    overview = _stamp(site / "index.html")
    assert "0 pages made, 3 unchanged" in run("dashboard", "--html", str(site)).output
    assert _pages(site) == before
    assert _stamp(site / "index.html") == overview  # nothing changed: nothing written
    assert run("check", ids[1], "kickoff_meeting").exit_code == 0
    assert "1 page made, 2 unchanged" in run("dashboard", "--html", str(site)).output
    after = _pages(site)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {f"{ids[1]}.html"}
    assert _stamp(site / "index.html") != overview
    assert [p.name for p in site.iterdir() if p.name.startswith(".eventflow-staging")] == []
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []


def test_another_day_makes_every_page_again(run: Any, built: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    site = built["site"]
    overview = _stamp(site / "index.html")
    monkeypatch.setenv("EVENTFLOW_TODAY", "2026-12-01")
    assert "3 pages made, 0 unchanged" in run("dashboard", "--html", str(site)).output
    assert _stamp(site / "index.html") != overview
    assert "1.12.2026" in (site / "index.html").read_text("utf-8")


def test_a_run_stopped_while_pages_are_put_in_place_is_mended_by_the_next(
        run: Any, built: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from eventflow.dashboard import folder as folder_module

    site, ids = built["site"], built["ids"]
    index_before = (site / "index.html").read_bytes()
    assert run("check", ids[1], "kickoff_meeting").exit_code == 0
    real_replace = os.replace

    def stopped(src: Any, dst: Any) -> None:
        if Path(dst).parent == site and Path(dst).name != MARKER:
            raise RuntimeError("stopped")  # after the event page, before the overview
        real_replace(src, dst)

    monkeypatch.setattr(folder_module.os, "replace", stopped)
    with pytest.raises(RuntimeError):
        run("dashboard", "--html", str(site))
    monkeypatch.setattr(folder_module.os, "replace", real_replace)
    # every link of the previous overview still leads to a page; the marker no longer
    # vouches for the page that was replaced
    assert (site / "index.html").read_bytes() == index_before
    assert sorted(p.name for p in (site / "events").iterdir()) == sorted(
        f"{i}.html" for i in ids)
    marker = json.loads((site / MARKER).read_text("utf-8"))
    assert sorted(marker["events"]) == sorted([ids[0], ids[2]])
    # a run killed outright leaves its staging folder behind: the next run removes it
    (site / ".eventflow-staging.left").mkdir()
    _vouch(site)
    assert "1 page made, 2 unchanged" in run("dashboard", "--html", str(site)).output
    assert sorted(json.loads((site / MARKER).read_text("utf-8"))["events"]) == sorted(ids)
    assert not (site / ".eventflow-staging.left").exists()


def test_the_page_of_an_event_that_is_gone_is_removed(run: Any, built: dict[str, Any]) -> None:
    site, ids, folder = built["site"], built["ids"], built["folder"]
    shutil.rmtree(folder / "events" / ids[0])
    out = run("dashboard", "--html", str(site)).output
    assert "2 events" in out or "2 tilaisuutta" in out
    assert sorted(p.name for p in (site / "events").iterdir()) == sorted(
        f"{i}.html" for i in ids[1:])
    assert f'id="ev-{ids[0]}"' not in (site / "index.html").read_text("utf-8")


def test_a_forced_folder_keeps_its_own_files_on_every_run(run: Any, built: dict[str, Any],
                                                         tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "events").mkdir(parents=True)
    (mine / "events" / "notes.html").write_text("mine")
    assert run("dashboard", "--html", str(mine), "--force").exit_code == 0
    assert run("dashboard", "--html", str(mine)).exit_code == 0
    assert (mine / "events" / "notes.html").read_text() == "mine"
    assert (mine / "index.html").is_file() and (mine / MARKER).is_file()
