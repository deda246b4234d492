"""Sharing a planning folder through git, with real repositories: a bare one standing for the
shared server and two or three clones, one per organisation (no network)."""

from __future__ import annotations

import copy
import json
import random
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventflow.cli import cli

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0,
    reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(autouse=True)
def _no_personal_git_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-27T10:00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-27T10:00:00")


Run = Callable[..., Result]


def clone(tmp_path: Path, shared: Path, name: str) -> Path:
    git(tmp_path, "clone", "-q", str(shared), name)
    folder = tmp_path / name
    git(folder, "config", "user.name", name.capitalize())
    git(folder, "config", "user.email", f"{name}@example.fi")
    return folder


def runner(folder: Path, user: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    def run(*args: str, code: int = 0) -> Result:
        monkeypatch.setenv("EVENTFLOW_USER", user)
        result = CliRunner().invoke(cli, ["--dir", str(folder), *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return run


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(path))
    return path


@pytest.fixture
def two(tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
        ) -> tuple[Run, Run, Path, Path, str]:
    """Two organisations sharing one planning folder with one event in it."""
    a = clone(tmp_path, shared, "city")
    run_a = runner(a, "leena", monkeypatch)
    run_a("init", "--git", "--organisation", "Tampereen kaupunki", str(a))
    out = run_a("new", "Hyvät väestösuhteet", "--date", "2027-03-18", "--region", "Pirkanmaa")
    event_id = out.output.split()[1]
    run_a("partner", "add", event_id, "Kotipesä ry", "--type", "ngo")
    run_a("sync")
    b = clone(tmp_path, shared, "ngo")
    run_b = runner(b, "amir", monkeypatch)
    assert "nothing to commit" in run_b("sync").output
    return run_a, run_b, a, b, event_id


def test_init_git_makes_or_reuses_a_repository(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plan"
    run = runner(folder, "leena", monkeypatch)
    out = run("init", "--git", str(folder)).output
    assert "made a git repository" in out and "registered" in out
    attributes = (folder / ".gitattributes").read_text().splitlines()
    assert "events/*/event.toml merge=eventflow" in attributes
    assert "events/*/history.jsonl merge=union" in attributes
    assert "mail/sent.jsonl merge=union" in attributes
    driver = git(folder, "config", "--local", "--get", "merge.eventflow.driver")
    assert "from eventflow.merge import main; sys.exit(main())' %O %A %B %P" in driver
    assert "already set up" in run("init", "--git", str(folder)).output  # an existing folder
    # a planning folder inside an existing repository: the repository is used, not nested
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    run_sub = runner(repo / "plan", "leena", monkeypatch)
    out = run_sub("init", "--git", str(repo / "plan")).output
    assert "made a git repository" not in out and not (repo / "plan" / ".git").exists()
    assert "eventflow.merge" in git(repo, "config", "--local", "--get", "merge.eventflow.driver")


def test_concurrent_ticks_of_different_items_merge_with_no_conflict(two: Any) -> None:
    run_a, run_b, a, b, event_id = two
    run_a("check", event_id, "kickoff_meeting", "--note", "met at the city hall")
    run_b("check", event_id, "agreement_signed")
    run_b("venue", "set", event_id, "--capacity", "90")
    out = run_a("sync").output
    assert "pushed to origin/main" in out
    out = run_b("sync").output
    assert f"arrived: {event_id}: ticked kickoff_meeting" in out
    assert "conflict" not in out and "pushed" in out
    report = json.loads(run_a("sync", "--json").output)
    assert report["merged"] and report["conflicts"] == []
    assert not report["pushed"] and not report["committed"]  # a fast-forward: nothing to push
    assert report["arrived"] == [{"event": event_id, "change": "changed",
                                  "title": "Hyvät väestösuhteet", "stage": "partner_agreed",
                                  "ticked": ["agreement_signed"]}]
    files = [(x / "events" / event_id / "event.toml").read_bytes() for x in (a, b)]
    assert files[0] == files[1]
    for run in (run_a, run_b):
        result = run("status", event_id, "--json")
        assert "warning:" not in result.output and json.loads(result.stdout)["warnings"] == []
        status = json.loads(result.output)
        ticked = {i["item"] for s in status["stages"] for i in s["items"] if i["checked_by"]}
        assert ticked == {"kickoff_meeting", "agreement_signed"}
        assert status["revision"] >= 5
    history = run_b("history", event_id, "--json").output
    assert "kickoff_meeting" in history and "agreement_signed" in history  # both kept
    assert not git(b, "ls-files", "-u")
    log = git(b, "log", "--format=%B", "-n", "3")
    assert f"- {event_id}: check agreement_signed by amir; venue.set" in log


def test_same_field_edits_are_listed_shown_and_resolved(two: Any) -> None:
    run_a, run_b, a, _b, event_id = two
    run_a("venue", "set", event_id, "--capacity", "120", "--name", "Kaupungintalo")
    run_b("venue", "set", event_id, "--capacity", "80")
    run_a("sync")
    out = run_b("sync").output
    assert f"arrived: {event_id}: data changed" in out
    assert f"conflict {event_id} venue.capacity: kept 80 (by amir" in out
    assert 'other 120 (by leena' in out
    listed = json.loads(run_b("conflicts", "--json").output)["conflicts"]
    assert [(c["path"], c["ours"], c["theirs"], c["ours_by"], c["theirs_by"])
            for c in listed] == [("venue.capacity", 80, 120, "amir", "leena")]
    shown = run_b("why", event_id)  # every command that reads the event shows it
    assert "1 conflicting change(s)" in shown.output and "venue.capacity" in shown.output
    for args in (("status", event_id), ("status",), ("next",)):
        assert "venue.capacity" in run_b(*args).output, args
    out = run_b("resolve", event_id, "venue.capacity", "--take", "theirs").output
    assert "venue.capacity = 120 (theirs); 0 conflict(s) left" in out
    assert json.loads(run_b("conflicts", "--json").output) == {"conflicts": []}
    entry = json.loads(run_b("history", event_id, "--json").output)["history"][-1]
    assert (entry["action"], entry["field"], entry["take"], entry["value"], entry["by"]) == \
        ("resolve", "venue.capacity", "theirs", 120, "amir")
    assert "conflicting" not in run_b("why", event_id).output
    run_b("sync")
    out = run_a("sync").output
    assert "conflict" not in out
    text = (a / "events" / event_id / "event.toml").read_text()
    assert "capacity = 120" in text and "Kaupungintalo" in text and "[[conflicts]]" not in text


def test_resolve_with_a_value_and_refusals(two: Any) -> None:
    run_a, run_b, _a, b, event_id = two
    run_a("venue", "set", event_id, "--capacity", "120")
    run_b("venue", "set", event_id, "--capacity", "80")
    run_a("sync")
    run_b("sync")
    before = (b / "events" / event_id / "event.toml").read_bytes()
    out = run_b("resolve", event_id, "venue.name", "--take", "ours", code=1).output
    assert "no conflict at 'venue.name'" in out and "venue.capacity" in out
    out = run_b("resolve", event_id, "venue.capacity", "--take", "lots", code=1).output
    assert "cannot be the value of venue.capacity" in out and "nothing was saved" in out
    assert "give a value of the right kind with --take" in out  # the CLI names its option
    assert (b / "events" / event_id / "event.toml").read_bytes() == before
    out = run_b("resolve", event_id, "venue.capacity", "--take", "100").output
    assert "venue.capacity = 100 (value)" in out


def test_three_organisations_converge(tmp_path: Path, two: Any, shared: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    run_a, run_b, a, b, event_id = two
    c = clone(tmp_path, shared, "region")
    run_c = runner(c, "sari", monkeypatch)
    run_c("sync")
    run_a("check", event_id, "kickoff_meeting")
    run_b("organiser", "add", event_id, "Amir Haddad", "--target-group", "ngo")
    run_c("partner", "add", event_id, "Alueellinen ETNO", "--type", "authority")
    for run in (run_a, run_b, run_c, run_a, run_b):
        run("sync")
    texts = {(x / "events" / event_id / "event.toml").read_text() for x in (a, b, c)}
    assert len(texts) == 1
    text = texts.pop()
    assert "Amir Haddad" in text and "Alueellinen ETNO" in text and "Kotipesä" in text
    assert "[items.kickoff_meeting]" in text and "conflicts" not in text


# bad input ----------------------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git" not in p.parts and ".eventflow" not in p.parts}


def test_not_a_repository(folder: Path, run: Run) -> None:
    out = run("sync")
    assert out.exit_code == 1
    assert "is not in a git repository" in out.output and "eventflow init --git" in out.output


def test_no_remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plan"
    run = runner(folder, "leena", monkeypatch)
    run("init", "--git", str(folder))
    git(folder, "config", "user.name", "L")
    git(folder, "config", "user.email", "l@example.fi")
    before = snapshot(folder)
    out = run("sync", code=1).output
    assert "has no remote" in out and "git remote add origin URL" in out
    assert snapshot(folder) == before and not git(folder, "status", "--porcelain").count("A ")


def test_rejected_push_leaves_the_work_tree_as_it_was(two: Any) -> None:
    run_a, run_b, a, b, event_id = two
    shared = Path(git(a, "remote", "get-url", "origin").strip())
    hook = shared / "hooks" / "pre-receive"
    run_a("check", event_id, "kickoff_meeting")
    run_a("sync")
    run_b("venue", "set", event_id, "--capacity", "90")
    hook.write_text("#!/bin/sh\necho 'the shared repository is read-only today' >&2\nexit 1\n")
    hook.chmod(0o755)
    head_before = git(b, "rev-parse", "HEAD")
    before = snapshot(b)
    out = run_b("sync", code=1).output
    assert "rejected the push" in out and "read-only today" in out
    assert "the merge was undone" in out and "committed locally" in out
    after = snapshot(b)
    assert after == before  # the work tree: exactly what it was
    assert git(b, "rev-parse", "HEAD~0^") == head_before  # the local commit is kept
    hook.unlink()
    out = run_b("sync").output
    assert "ticked kickoff_meeting" in out and "pushed" in out


def test_a_repository_mid_rebase_is_refused(two: Any) -> None:
    _run_a, run_b, a, b, event_id = two
    for folder, text in ((a, "the city's notes\n"), (b, "the NGO's notes\n")):
        (folder / "notes.txt").write_text(text)  # a file git cannot merge by itself
        git(folder, "add", "notes.txt")
        git(folder, "commit", "-qm", "notes")
    git(a, "push", "-q")
    git(b, "fetch", "-q")
    rebase = subprocess.run(["git", "rebase", "origin/main"], cwd=b, capture_output=True,
                            check=False)
    assert rebase.returncode != 0  # stopped in the middle, as a person would leave it
    run_b("check", event_id, "kickoff_meeting")
    before, head = snapshot(b), git(b, "rev-parse", "HEAD")
    out = run_b("sync", code=1).output
    assert "in the middle of a rebase" in out and "git rebase --abort" in out
    assert "nothing was changed" in out
    assert snapshot(b) == before and git(b, "rev-parse", "HEAD") == head


def test_raw_conflict_markers_are_refused_naming_the_file(two: Any) -> None:
    _run_a, run_b, _a, b, event_id = two
    path = b / "events" / event_id / "event.toml"
    text = path.read_text()
    path.write_text(text.replace('title = "', '<<<<<<< HEAD\ntitle = "A"\n=======\ntitle = "', 1)
                    .replace("\nregion", "\n>>>>>>> theirs\nregion", 1))
    before = snapshot(b)
    out = run_b("sync", code=1).output
    assert f"{path}, line" in out and "conflict markers" in out
    assert snapshot(b) == before


def test_markers_committed_on_the_other_side_abort_the_merge(two: Any) -> None:
    _run_a, run_b, a, b, event_id = two
    path = a / "events" / event_id / "event.toml"
    path.write_text(path.read_text().replace("revision", "<<<<<<< HEAD\nrevision", 1))
    git(a, "commit", "-qam", "a merge by hand gone wrong")
    git(a, "push", "-q")
    run_b("check", event_id, "kickoff_meeting")
    out = run_b("sync", code=1).output
    assert "git could not merge" in out and "the merge was undone" in out
    assert "(their version)" in out and "conflict marker" in out
    assert not (b / ".git" / "MERGE_HEAD").exists() and not git(b, "ls-files", "-u")
    assert "<<<<<<<" not in (b / "events" / event_id / "event.toml").read_text()


# the real driver, many times ------------------------------------------------------------------
def test_real_git_merges_as_the_merge_function_does(tmp_path: Path, ef_event: Any,
                                                    capsys: Any) -> None:
    """A subset of the random run through git itself: one repository, a branch per side."""
    import tomli
    from test_merge import edit

    from eventflow.event import from_data, to_data
    from eventflow.merge import merge_bytes
    from eventflow.store import encode_data

    base = to_data(ef_event("invitations"))
    repo = tmp_path / "repo"
    runner_ = CliRunner()
    assert runner_.invoke(cli, ["init", "--git", str(repo)]).exit_code == 0
    git(repo, "config", "user.name", "T")
    git(repo, "config", "user.email", "t@example.fi")
    path = repo / "events" / base["id"] / "event.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(encode_data(base))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    start = git(repo, "rev-parse", "HEAD").strip()
    rng = random.Random(18)
    conflicts = 0
    for n in range(8):
        ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
        for side, who in ((ours, "leena"), (theirs, "amir")):
            for _ in range(rng.randrange(1, 4)):
                edit(side, rng, who, n)
            side["revision"] = base["revision"] + rng.randrange(1, 3)
        if n % 3 == 0:  # and one value both change
            ours["venue"]["capacity"], theirs["venue"]["capacity"] = 10 + n, 20 + n
        ours, theirs = to_data(from_data(ours)), to_data(from_data(theirs))
        git(repo, "checkout", "-q", "-B", "theirs", start)
        path.write_bytes(encode_data(theirs))
        git(repo, "commit", "-qam", "theirs")
        git(repo, "checkout", "-q", "-B", "main", start)
        path.write_bytes(encode_data(ours))
        git(repo, "commit", "-qam", "ours")
        git(repo, "merge", "-q", "--no-edit", "theirs")  # fails the test if git conflicts
        expected, found = merge_bytes(encode_data(base), encode_data(ours),
                                      encode_data(theirs))
        conflicts += len(found)
        got = tomli.loads(path.read_text())
        for c in got.get("conflicts", []):  # who and when come from history git has
            for key in ("ours_by", "ours_at", "theirs_by", "theirs_at"):
                c.pop(key, None)
        assert got == tomli.loads(expected.decode()), n
    print(f"real git: 8 pairs merged by the driver, {conflicts} conflicts recorded")
    assert conflicts >= 3  # merges with conflicts among them


# regressions ------------------------------------------------------------------------------------
def test_a_merge_that_breaks_an_earlier_stage_shows_a_regression(
        tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch, ef_engine: Any) -> None:
    a = clone(tmp_path, shared, "city")
    run_a = runner(a, "leena", monkeypatch)
    run_a("init", "--git", "--organisation", "Tampereen kaupunki", str(a))
    event_id = run_a("new", "Koulutus", "--date", "2027-03-18", "--region",
                     "Pirkanmaa").output.split()[1]
    from eventflow.engine import Engine
    from eventflow.store import Project
    from eventflow.testing import complete_stage

    engine = Engine(Project(a))
    complete_stage(engine, event_id)  # partner_agreed met: one partner, ready to advance
    run_a("sync")
    b = clone(tmp_path, shared, "ngo")
    run_b = runner(b, "amir", monkeypatch)
    run_b("sync")
    run_a("advance", event_id)  # the city leaves partner_agreed …
    run_b("partner", "remove", event_id, "p1")  # … while the NGO removes the only partner
    run_b("sync")
    out = run_a("sync").output  # sync judges what arrived
    assert f"regression {event_id} partner_min of stage partner_agreed" in out
    text = (a / "events" / event_id / "event.toml").read_text()
    assert 'stage = "venue"' in text and "[[partners]]" not in text  # both changes merged
    why = run_a("why", event_id, "--json").output
    blockers = json.loads(why[why.index("{"):])["blockers"]
    assert any(b.get("kind") == "regression" and b["item"] == "partner_min" for b in blockers)
    assert "regression" in run_a("why", event_id).output
    assert "partner_min" in run_a("status", event_id).output


def test_what_arrived_is_read_with_the_bounds_of_an_event_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventflow import gitsync

    def shown(text: str) -> None:
        monkeypatch.setattr(gitsync, "git", lambda *args, **kwargs: subprocess.CompletedProcess(
            args, 0, text, ""))

    shown('title = "X"\n')
    assert gitsync._event_data(tmp_path, "HEAD", "events/x/event.toml") == {"title": "X"}
    shown('title = "X"\n<<<<<<< ours\n')  # the shape check of store/tomlio.py
    assert gitsync._event_data(tmp_path, "HEAD", "events/x/event.toml") is None
    shown("[" * 100 + "\n")  # nested deeper than the bound
    assert gitsync._event_data(tmp_path, "HEAD", "events/x/event.toml") is None
    monkeypatch.setattr(gitsync, "MAX_EVENT_BYTES", 8)
    shown('title = "X"\n')
    assert gitsync._event_data(tmp_path, "HEAD", "events/x/event.toml") is None
