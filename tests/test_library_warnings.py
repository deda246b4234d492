"""Library warnings speak of the library (issue 15, point 6): the migrate and the conflict
warnings are :class:`eventflow.errors.Advice` naming what settles them (``retry_with``), and
the CLI adds its command line (cli_terms.py) wherever it prints them, also from the caches of
index/, which keep them whole; what people see is what the CLI said before."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import eventflow.cachekeys as cachekeys
from eventflow import i18n
from eventflow.cli_terms import in_cli_terms
from eventflow.errors import Advice, kept_warning, warning_kept
from eventflow.index.cachefile import view_path
from eventflow.mergeconflicts import ConflictWarning

SEED = Path(__file__).parents[1] / "workflows" / "good-relations-training.toml"


@pytest.fixture
def migrating(run: Any, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An event whose workflow has a newer version in the folder (it keeps its own)."""
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # as if every file were old: cached
    event_id: str = json.loads(run("new", "X", "--date", "2027-03-18", "--region",
                                   "Pirkanmaa", "--json").output)["id"]
    text = SEED.read_text("utf-8").replace('version = "1.1.0"', 'version = "1.2.0"', 1)
    (folder / "workflows").mkdir()
    (folder / "workflows" / "good-relations-training.toml").write_text(text, "utf-8")
    return event_id


def _said(event_id: str) -> str:
    """The warning as the CLI printed it before the library stopped naming the command."""
    return (f"{event_id}: follows workflow 'good-relations-training' 1.1.0 as it was when the "
            "event was created; the current version is 1.2.0; `eventflow migrate "
            f"{event_id} --dry-run` shows what would change")


def _no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventflow.commands_reading as reading

    def refuse(*_: Any) -> Any:
        raise AssertionError("answered by the engine, not from the cache")

    monkeypatch.setattr(reading, "engine", refuse)


def test_the_migrate_warning_names_what_settles_it_not_the_command(ef_engine, migrating):
    ef_engine.workflow_for(ef_engine.load(migrating))
    (warning,) = [w for w in ef_engine.warnings if isinstance(w, Advice)]
    assert (warning.retry_with, warning.event) == ("migrate", migrating)
    assert "eventflow" not in warning and "--" not in warning
    assert in_cli_terms(warning) == _said(migrating)


@pytest.mark.parametrize("command", ["status", "why"])
def test_status_and_why_of_the_event_say_it_as_before_also_from_the_kept_view(
        run, migrating, monkeypatch, command):
    fresh = run(command, migrating)
    assert f"warning: {_said(migrating)}\n" in fresh.stderr
    _no_engine(monkeypatch)
    kept = run(command, migrating)
    assert kept.stderr == fresh.stderr and kept.stdout == fresh.stdout
    data = json.loads(run(command, migrating, "--json").stdout)
    assert _said(migrating) in [w["message"] for w in data["warnings"]]


def test_the_listing_and_next_say_it_as_before_also_from_the_index(run, migrating, monkeypatch):
    fresh = run("status")
    assert f"warning: {_said(migrating)}\n" in fresh.stderr
    assert f"warning: {_said(migrating)}\n" in run("next").stderr  # the index, then the CLI
    _no_engine(monkeypatch)
    kept = run("status")
    assert kept.stderr == fresh.stderr and kept.stdout == fresh.stdout
    data = json.loads(run("status", "--json").stdout)
    assert _said(migrating) in [w["message"] for w in data["warnings"]]


def test_the_caches_keep_the_advice_whole(run, folder, migrating):
    run("status")
    run("status", migrating)
    kept = [_said(migrating).split("; `eventflow migrate")[0], "migrate", migrating]
    index = json.loads((folder / ".eventflow" / "index.txt").read_bytes().split(b"\n")[0])
    assert kept in index["warnings"]
    view = Path(view_path(folder, migrating)).read_bytes().split(b"\n")
    assert kept in json.loads(view[1])["warnings"]


def test_the_front_door_leaves_the_warning_to_the_cli(run, folder, migrating):
    import io

    from eventflow.quick import answer

    run("status")
    run("status", migrating)
    for args in (["status"], ["status", migrating], ["why", migrating]):
        out = io.StringIO()
        assert answer(["--dir", str(folder), *args], out) is None and out.getvalue() == ""


def test_in_finnish_the_cli_still_adds_its_command_line(run, migrating, monkeypatch):
    monkeypatch.setenv("EVENTFLOW_LANG", "fi")
    i18n.configure()
    try:
        for args in (["status", migrating], ["why", migrating], ["status"]):
            said = run(*args).stderr
            assert said.startswith("varoitus: ") and "1.1.0" in said
            assert f"`eventflow migrate {migrating} --dry-run`" in said  # (awaits its words)
    finally:
        monkeypatch.delenv("EVENTFLOW_LANG")
        i18n.configure()


def test_an_advice_survives_pickling_and_the_caches() -> None:
    advice = Advice("e1: follows an older workflow", "migrate", "e1")
    conflict = ConflictWarning("e1: 1 conflicting change(s)", "resolve", "e1")
    for warning in (advice, conflict):
        again = pickle.loads(pickle.dumps(warning))  # index/refresh.py's worker processes
        assert type(again) is type(warning) and again == warning
        assert (again.retry_with, again.event) == (warning.retry_with, warning.event)
        kept = warning_kept(json.loads(json.dumps(kept_warning(warning))))
        assert isinstance(kept, Advice) and in_cli_terms(kept) == in_cli_terms(warning)
    assert kept_warning("plain") == "plain" and warning_kept("plain") == "plain"
    for broken in (["a", "b"], [1, 2, 3], {"text": "x"}, 3):
        with pytest.raises(ValueError):
            warning_kept(broken)


def test_the_conflict_warning_gets_its_command_lines_from_the_cli() -> None:
    class Conflict:
        path, ours, theirs, ours_by, theirs_by = "venue.capacity", 80, 120, "amir", ""

    from eventflow.mergeconflicts import conflict_warning

    with i18n.speaking("en"):
        warning = conflict_warning("e1", [Conflict()])
        said = in_cli_terms(warning)
    assert "eventflow" not in warning and (warning.retry_with, warning.event) == ("resolve",
                                                                                  "e1")
    assert said == ('e1: 1 conflicting change(s) from a merge wait for a decision '
                    '(venue.capacity: kept 80 by amir, other 120); `eventflow conflicts e1` '
                    'lists them, `eventflow resolve e1 FIELD --take ours|theirs|VALUE` settles '
                    'each')


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_front_door_s_check_says_the_warnings_as_the_cli(
        ef_event, ef_project, tmp_path, monkeypatch, lang):
    """``check`` through the front door (quick_change.py) and the CLI: the same warnings, each
    with the CLI's command line (the migrate one, and the conflicts' one)."""
    import io
    import shutil

    from click.testing import CliRunner

    from eventflow.cli import cli
    from eventflow.quick import answer

    event = ef_event("speakers", region="Pirkanmaa")
    root = Path(ef_project.root)
    path = root / "events" / event.id / "event.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[conflicts]]\npath = '
                    '"venue.capacity"\nbase = 100\nours = 80\ntheirs = 120\n', encoding="utf-8")
    text = SEED.read_text("utf-8").replace('version = "1.1.0"', 'version = "1.2.0"', 1)
    (root / "workflows").mkdir()
    (root / "workflows" / "good-relations-training.toml").write_text(text, "utf-8")
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    monkeypatch.setenv("EVENTFLOW_LANG", lang)
    args = ["check", event.id, "kickoff_meeting", "--note", "met"]
    by_cli = CliRunner().invoke(cli, ["--dir", str(root), *args], catch_exceptions=False)
    out, err = io.StringIO(), io.StringIO()
    assert answer(["--dir", str(twin), *args], out, err) == by_cli.exit_code == 0
    said = err.getvalue().replace(str(twin), "ROOT")
    assert (out.getvalue(), said) == (by_cli.stdout, by_cli.stderr.replace(str(root), "ROOT"))
    assert f"; `eventflow migrate {event.id} --dry-run`" in said
    assert f"; `eventflow conflicts {event.id}`" in said and "--take ours|theirs|VALUE`" in said
    if lang == "en":
        assert f"warning: {event.id}: follows workflow 'good-relations-training' 1.1.0" in said
