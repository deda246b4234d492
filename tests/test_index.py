"""The status index is a cache: it is rebuilt from the event files and never shows stale data."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

from eventflow import cachekeys
from eventflow import index as index_mod
from eventflow.engine import Engine
from eventflow.index import entries, summaries, use_colour, write_listing
from eventflow.index import refresh as index_refresh
from eventflow.index.entry import Entries, day_key

DAYS = (dt.date(2026, 11, 27), dt.date(2027, 2, 1), dt.date(2027, 6, 1))


@pytest.fixture
def three(ef_event: Any, ef_project: Any) -> Any:
    ef_event("speakers", region="Pirkanmaa", date=dt.date(2027, 1, 20))
    ef_event("partner_agreed", region="Uusimaa", date=dt.date(2027, 9, 1))
    ef_event("done", region="Lappi", date=dt.date(2026, 10, 1))
    return ef_project


def naive(project: Any, day: dt.date) -> list[dict[str, Any]]:
    engine = Engine(project)
    return [engine.summary(project.load(i), day) for i in project.event_ids()]


def test_rows_equal_the_engine_summary_on_any_day(three: Any) -> None:
    for day in DAYS:
        assert summaries(Engine(three), day) == naive(three, day)  # built, then from the cache
        assert summaries(Engine(three), day) == naive(three, day)
    assert (three.root / ".eventflow" / "index.txt").is_file()
    assert (three.root / ".eventflow" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_deleting_the_index_loses_nothing(three: Any, run: Any) -> None:
    first = run("status").output
    import shutil

    shutil.rmtree(three.root / ".eventflow")
    assert run("status").output == first
    (three.root / ".eventflow" / "index.txt").write_text('{"format": 2, "garbage": [')
    assert run("status").output == first
    index = three.root / ".eventflow" / "index.txt"
    lines = index.read_text("utf-8").splitlines()
    index.write_text("\n".join(lines[:2] + ["x\ty"] + lines[3:]) + "\n", "utf-8")
    assert run("status").output == first


def test_a_hand_edit_is_noticed_even_with_the_old_mtime(three: Any, run: Any) -> None:
    assert "Pirkanmaa" not in run("status", "--json").output.split('"title"')[0]
    event_id = next(i for i in three.event_ids() if i.startswith("pirkanmaa"))
    path = three.event_path(event_id)
    before = os.stat(path)
    text = path.read_text("utf-8")
    path.write_text(text.replace('title = "Hyvät väestösuhteet"', 'title = "Käsin muokattu"'),
                    "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a pull might leave it
    assert "Käsin muokattu" in run("status", "--json").output


def test_changes_by_eventflow_and_new_or_removed_events_show(three: Any, run: Any,
                                                             ef_event: Any) -> None:
    run("status")
    event_id = next(i for i in three.event_ids() if i.startswith("uusimaa"))
    line = next(x for x in run("status").output.splitlines() if x.startswith(event_id))
    assert re.search(r"\s1/7\s", line)
    run("check", event_id, "kickoff_meeting")
    line = next(x for x in run("status").output.splitlines() if x.startswith(event_id))
    assert re.search(r"\s2/7\s", line)
    new = ef_event("venue", region="Kainuu")
    assert new.id in run("status").output
    import shutil

    shutil.rmtree(three.event_dir(event_id))
    assert event_id not in run("status").output


def test_a_broken_event_file_is_reported_not_hidden_by_the_cache(three: Any, run: Any) -> None:
    run("status")
    event_id = three.event_ids()[0]
    path = three.event_path(event_id)
    path.write_text(path.read_text("utf-8") + "\nthis is = = not toml\n", "utf-8")
    result = run("status")
    assert result.exit_code == 1
    assert str(path) in result.output and "line" in result.output


def test_language_change_rebuilds_the_labels(three: Any) -> None:
    rows = summaries(Engine(three), DAYS[0])
    settings = three.root / "eventflow.toml"
    settings.write_text(settings.read_text().replace('language = "fi"', 'language = "en"'))
    from eventflow.store import Project

    project = Project(three.root)
    assert summaries(Engine(project), DAYS[0]) == naive(project, DAYS[0]) != rows


def test_many_changed_files_are_parsed_in_parallel_with_the_same_result(
        three: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    used = []
    original = concurrent.futures.ProcessPoolExecutor

    class Spy(original):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            used.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(index_refresh, "PARALLEL_MIN", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Spy)
    assert summaries(Engine(three), DAYS[1]) == naive(three, DAYS[1])
    assert used, "the pool was not used"


def test_listing_streams_plain_lines_and_colours_only_a_terminal(
        three: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    found = entries(Engine(three))
    plain = io.StringIO()
    assert write_listing(found, DAYS[1], plain) == 3
    assert "\x1b[" not in plain.getvalue()
    lines = plain.getvalue().splitlines()
    assert lines[0].split() == ["EVENT", "DATE", "STAGE", "ITEMS", "REGRESS", "OVERDUE", "NEXT",
                                "DUE"]
    overdue = [x for x in lines[1:] if x.startswith("pirkanmaa")][0]
    assert re.search(r"\s\d+\s+\d{4}-\d\d-\d\d \w+$", overdue)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour(Tty())
    coloured = Tty()
    write_listing(found, DAYS[1], coloured)
    assert coloured.getvalue().count("\x1b[31m") == sum(1 for e in found if e.overdue("2027-02-01"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty())


def test_the_lines_kept_for_the_day_are_the_lines_each_entry_renders(three: Any) -> None:
    """entries() keeps every line it settled for the day, and write_listing takes them as
    they are (no test of each entry's days) only while they are right: for that day and the
    list as it was made; else each entry renders its own line, with the same bytes."""
    day = DAYS[1]
    found = entries(Engine(three), day)
    assert isinstance(found, Entries)
    assert found.lines_on(day_key(day)) == [e.render(day)[1] for e in found]
    assert found.lines_on(day_key(day + dt.timedelta(days=1))) is None

    def listing(rows: Any, on: dt.date, width: int | None = None) -> str:
        out = io.StringIO()
        write_listing(rows, on, out, colour=False, width=width)
        return out.getvalue()

    for on in (day, DAYS[0], DAYS[2]):
        for width in (None, 50):
            assert listing(found, on, width) == listing(iter(list(found)), on, width)
    expected = listing(iter(list(found)), day)
    found[0].settle(DAYS[2])  # its own line is now another day's; the kept one still right
    assert listing(found, day) == expected
    found.reverse()  # not the list it was made as: each entry's own line
    assert found.lines_on(day_key(day)) is None
    assert listing(found, day) == listing(iter(list(found)), day)
    found.reverse()
    assert found.lines_on(day_key(day)) is not None
    found[1] = found[2]
    assert found.lines_on(day_key(day)) is None
    with pytest.raises(ValueError, match="one listing line per entry"):
        Entries(found, [], "0", "9")


def test_status_on_other_days_counts_overdue_items_of_that_day(
        three: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in (*DAYS, DAYS[0], dt.date(2027, 1, 19), dt.date(2027, 1, 20)):
        monkeypatch.setenv("EVENTFLOW_TODAY", day.isoformat())
        expected = {row["id"]: row["overdue"] for row in naive(three, day)}
        for _ in range(2):  # the first run of a day refreshes the lines, the second reads them
            header, *lines = run("status").output.splitlines()
            column = header.index("OVERDUE")
            shown = {line.split()[0]: line[column:column + 7].strip() for line in lines}
            assert {k: int(v or 0) for k, v in shown.items()} == expected
            assert [r["overdue"] for r in __import__("json").loads(
                run("status", "--json").output)["events"]] == list(expected.values())


def test_the_quick_path_serves_only_an_unchanged_folder(
        three: Any, run: Any, ef_event: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    day = dt.date.fromisoformat(os.environ["EVENTFLOW_TODAY"])
    root = str(three.root)
    assert index_mod.cached_listing(root, day) is None  # no index yet
    first = run("status").output
    assert index_mod.cached_listing(root, day) is None  # files changed just before: racy
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # from here on, as if they were old
    quick = index_mod.cached_listing(root, day)
    assert quick is not None and quick.warnings == [] and len(quick) == 3
    full = entries(Engine(three), day)
    for colour in (False, True):
        a, b = io.StringIO(), io.StringIO()
        assert quick.write(day, a, colour=colour) == write_listing(full, day, b, colour) == 3
        assert a.getvalue() == b.getvalue()
    assert "\x1b[31m" in a.getvalue()
    assert [e.id for e in quick.entries] == three.event_ids()
    assert quick.any_overdue(day) == any(e.overdue_on(day) for e in full)
    assert index_mod.cached_listing(root, day, details=True).rows(day) == naive(three, day)
    assert index_mod.cached_listing(root, day + dt.timedelta(days=400)) is None  # lines of today
    ef_event("venue", region="Kainuu")  # a new event folder
    assert index_mod.cached_listing(root, day) is None
    assert "kainuu" in run("status").output and run("status").output != first
    (three.root / "eventflow.toml").write_text(
        (three.root / "eventflow.toml").read_text().replace('language = "fi"',
                                                             'language = "en"'))
    assert index_mod.cached_listing(root, day) is None


def test_the_quick_path_finds_the_folder_as_the_store_does(
        three: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventflow.store import find_root

    inner = three.root / "events"
    monkeypatch.chdir(inner)
    assert index_mod.find_root(None) == find_root() == three.root.resolve()
    assert index_mod.find_root(str(inner)) == find_root(inner)
    monkeypatch.setenv("EVENTFLOW_DIR", str(three.root))
    monkeypatch.chdir("/")
    assert index_mod.find_root(None) == find_root()
    monkeypatch.setenv("EVENTFLOW_DIR", str(inner))  # as --dir: walking up from it
    from eventflow.plugin_commands import find_folder

    assert index_mod.find_root(None) == find_root() == three.root.resolve()
    assert find_folder(["status"]) == str(three.root.resolve())
    monkeypatch.setenv("EVENTFLOW_DIR", "/")
    assert index_mod.find_root(None) is None and find_folder(["status"]) is None
    from eventflow.errors import PlanningFolderNotFound

    with pytest.raises(PlanningFolderNotFound, match="EVENTFLOW_DIR=/"):
        find_root()


def test_a_conflicted_copy_next_to_an_unchanged_file_is_reported_every_time(
        three: Any, run: Any) -> None:
    import time

    run("status")
    time.sleep(0.05)
    event_id = next(i for i in three.event_ids() if i.startswith("pirkanmaa"))
    folder = three.event_dir(event_id)
    copy = folder / "event (conflicted copy).toml"
    copy.write_bytes((folder / "event.toml").read_bytes())
    for _ in range(3):  # the first status after the copy appears, and every later one
        result = run("status")
        assert result.exit_code == 0
        assert "1 conflicted copy" in result.stderr and "event (conflicted copy).toml" \
            in result.stderr
    copy.unlink()
    time.sleep(0.05)
    assert "conflicted" not in run("status").stderr
    assert "conflicted" not in run("status").stderr


# `status EVENT` from the kept view --------------------------------------------------------------
@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each `status EVENT` was answered from the kept view (True) or the engine."""
    hits: list[bool] = []
    real = index_mod.cached_status

    def spy(*args: Any) -> Any:
        view = real(*args)
        hits.append(view is not None)
        return view

    monkeypatch.setattr(index_mod, "cached_status", spy)
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # as if every file were old
    return hits


def both_ways(project: Any, run: Any, served: list[bool], *args: str) -> tuple[Any, Any]:
    """`status *args` through the engine (no view kept yet), then from the view it kept."""
    import shutil

    shutil.rmtree(project.root / ".eventflow" / "views", ignore_errors=True)
    slow = run("status", *args)
    fast = run("status", *args)
    assert served[-2:] == [False, True]
    return slow, fast


def test_status_of_one_event_is_the_same_from_the_cache_at_every_stage_and_day(
        ef_project: Any, ef_event: Any, ef_engine: Any, run: Any, served: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    workflow = ef_engine.workflow("good-relations-training")
    events = [ef_event(stage, date=dt.date(2027, 1, 20)) for stage in workflow.stage_ids]
    events.append(ef_event("done"))
    events.append(ef_engine.cancel(ef_event("venue").id, "venue burnt down").event)
    dues = sorted({d for e in events for d in e.due.values()})
    for day in (*DAYS, dues[0], dues[len(dues) // 2], dues[-1] + dt.timedelta(days=1)):
        monkeypatch.setenv("EVENTFLOW_TODAY", day.isoformat())
        for event in events:
            expected = ef_engine.summary(ef_project.load(event.id), day)
            for args in ((event.id,), (event.id, "--json")):
                slow, fast = both_ways(ef_project, run, served, *args)
                assert (slow.exit_code, slow.stdout, slow.stderr) == \
                    (fast.exit_code, fast.stdout, fast.stderr) == (0, fast.stdout, "")
            data = json.loads(fast.stdout)
            assert data["overdue"] == expected["overdue"]
            assert data["blockers"] == [b.to_json() for b in ef_engine.why(event)]
            text = run("status", event.id).stdout
            assert text.startswith(f"{event.id}: ")
            assert text.count(" OVERDUE\n") == expected["overdue"] and served[-1]


def test_status_of_one_event_from_the_cache_notices_what_changed(
        three: Any, run: Any, served: list[bool], ef_event: Any) -> None:
    import time

    event_id = next(i for i in three.event_ids() if i.startswith("pirkanmaa"))
    slow, fast = both_ways(three, run, served, event_id)
    assert slow.stdout == fast.stdout and "Hyvät väestösuhteet" in fast.stdout
    # a hand edit that keeps the old mtime
    path = three.event_path(event_id)
    before = os.stat(path)
    path.write_text(path.read_text("utf-8").replace('title = "Hyvät väestösuhteet"',
                                                    'title = "Käsin muokattu"'), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "Käsin muokattu" in run("status", event_id).stdout and served[-1] is False
    assert "Käsin muokattu" in run("status", event_id).stdout and served[-1] is True
    # a conflicted copy appears next to the file, then goes
    time.sleep(0.05)
    copy = path.parent / "event (conflicted copy).toml"
    copy.write_bytes(path.read_bytes())
    for hit in (False, True):
        result = run("status", event_id)
        assert "conflicted copy" in result.stderr and served[-1] is hit
    copy.unlink()
    time.sleep(0.05)
    assert "conflicted" not in run("status", event_id).stderr and served[-1] is False
    # a changed workflow: the folder's own version of it
    seed = Path(index_mod.__file__).parents[1] / "workflows" / "good-relations-training.toml"
    (three.root / "workflows").mkdir(exist_ok=True)
    (three.root / "workflows" / "good-relations-training.toml").write_text(
        seed.read_text("utf-8").replace('version = "', 'version = "9', 1), "utf-8")
    result = run("status", event_id)
    assert served[-1] is False and "is used instead of the one plugin" in result.stderr
    assert result.stderr == run("status", event_id).stderr and served[-1] is True
    # the language of labels
    before_language = run("status", event_id, "--json").stdout
    settings = three.root / "eventflow.toml"
    settings.write_text(settings.read_text().replace('language = "fi"', 'language = "en"'))
    assert run("status", event_id, "--json").stdout != before_language and served[-1] is False
    # an event made later is seen by prefix; an unknown or ambiguous one gets the usual error
    for hit in (False, True):
        assert run("status", "lapp").stdout.startswith("lappi-") and served[-1] is hit
    ef_event("venue", region="Lappi")
    result = run("status", "lapp")
    assert result.exit_code == 1 and "matches 2 events" in result.output and not served[-1]
    result = run("status", "nowhere")
    assert result.exit_code == 1 and "no event 'nowhere'" in result.output and not served[-1]


def test_status_of_one_event_is_not_kept_while_a_plugin_is_active(
        three: Any, run: Any, served: list[bool], ef_installed: Any, ef_activate: Any) -> None:
    from eventflow import hookimpl
    from eventflow.errors import TransitionBlocked

    class Veto:
        @hookimpl
        def before_transition(self, event: Any, source: str, dest: str, trigger: str) -> None:
            raise TransitionBlocked(f"not before {dest}", [])

    event_id = next(i for i in three.event_ids() if i.startswith("uusimaa"))
    fast = both_ways(three, run, served, event_id)[1]
    assert "veto" not in fast.stdout
    ef_installed("vetoer", Veto())
    ef_activate("vetoer")
    view = three.root / ".eventflow" / "views" / f"{event_id}.json"
    view.unlink()
    for _ in range(2):
        result = run("status", event_id, "--json")
        assert "veto by vetoer" in result.stdout and served[-1] is False
    assert not view.exists()


def test_a_view_of_files_changed_just_now_is_not_kept(
        three: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    event_id = three.event_ids()[0]
    first = run("status", event_id)  # the event files were written a moment ago: racy
    assert first.exit_code == 0
    assert not (three.root / ".eventflow" / "views" / f"{event_id}.json").exists()
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)
    assert run("status", event_id).stdout == first.stdout
    view = three.root / ".eventflow" / "views" / f"{event_id}.json"
    assert view.is_file()
    view.write_text(view.read_text("utf-8").splitlines()[0] + '\n{"text": [[1, 2]]}\n')
    assert run("status", event_id).stdout == first.stdout  # a damaged view is not used


def test_a_workflow_replaced_with_the_same_size_and_mtime_is_noticed(
        three: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dependency copied over with its size and mtime kept (`cp -p`, `rsync -t`) still has
    a new ctime: the caches are not trusted."""
    import shutil
    import time

    import eventflow

    day = dt.date.fromisoformat(os.environ["EVENTFLOW_TODAY"])
    seed = (Path(eventflow.__file__).parent / "workflows" / "good-relations-training.toml")
    mine = three.root / "workflows" / "grt.toml"
    mine.parent.mkdir(exist_ok=True)
    shutil.copy(seed, mine)
    mine.write_text(mine.read_text().replace('version = "1.0.0"', 'version = "1.1.0"'))
    run("status")
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)
    assert index_mod.cached_listing(str(three.root), day) is not None
    before = mine.stat()
    time.sleep(0.02)
    mine.write_text(mine.read_text().replace('version = "1.1.0"', 'version = "1.2.0"'))
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mine.stat().st_size == before.st_size and mine.stat().st_mtime_ns == before.st_mtime_ns
    assert index_mod.cached_listing(str(three.root), day) is None
