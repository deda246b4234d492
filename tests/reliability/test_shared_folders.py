"""Shared folders: a sync tool's conflicted copies, git merge conflicts, and two clones that
both changed an event and were merged are always detected and reported with what to do;
nothing is silently dropped."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from eventflow.errors import FileFormatError

COPIES = ("event (conflicted copy).toml", "event (Maria's conflicted copy 2027-01-12).toml",
          "event.sync-conflict-20270112-101010-ABCDEFG.toml", "event (1).toml",
          "event-LAPTOP-7.toml", "history (conflicted copy).jsonl", "event.toml.orig")


def new_event(run: Any) -> str:
    return json.loads(run("new", "Hyvät väestösuhteet", "--date", "2027-03-18", "--region",
                          "Pirkanmaa", "--json").output)["id"]


@pytest.mark.parametrize("name", COPIES)
def test_conflicted_copy_is_reported_and_blocks_changes(run, folder, name) -> None:
    event_id = new_event(run)
    event_dir = folder / "events" / event_id
    run("check", event_id, "kickoff_meeting", "--note", "ours")
    shutil.copy(event_dir / ("history.jsonl" if name.startswith("history") else "event.toml"),
                event_dir / name)
    before = {p.name: p.read_bytes() for p in event_dir.iterdir()}
    status = run("status", event_id)
    assert status.exit_code == 0 and name in status.output and "conflicted" in status.output
    result = run("check", event_id, "agreement_signed", "--note", "theirs")
    assert result.exit_code == 1
    assert name in result.output and "nothing was saved" in result.output
    assert "fix: compare each copy" in result.output and "delete the copy" in result.output
    assert {p.name: p.read_bytes() for p in event_dir.iterdir()} == before
    (event_dir / name).unlink()  # what the message says to do, once merged by hand
    assert run("check", event_id, "agreement_signed", "--note", "theirs").exit_code == 0


def test_conflicted_copy_report_says_how_the_copies_differ(run, folder) -> None:
    event_id = new_event(run)
    event_dir = folder / "events" / event_id
    shutil.copy(event_dir / "event.toml", event_dir / "event (conflicted copy).toml")
    run("check", event_id, "kickoff_meeting")  # refused, but let us make event.toml differ
    copy = event_dir / "event (conflicted copy).toml"
    copy.unlink()
    assert run("check", event_id, "kickoff_meeting").exit_code == 0
    (event_dir / "event (conflicted copy).toml").write_text(
        (event_dir / "event.toml").read_text().replace('title = "Hyvät väestösuhteet"',
                                                       'title = "Toinen otsikko"'))
    result = run("check", event_id, "agreement_signed")
    assert "they differ in: title" in result.output


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.fi",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.fi",
                               "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


def clones(tmp_path: Path, folder: Path) -> tuple[Path, Path]:
    origin = tmp_path / "origin.git"
    assert git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin)).returncode == 0
    assert git(folder, "init", "-q", "-b", "main").returncode == 0
    git(folder, "add", "-A")
    assert git(folder, "commit", "-q", "-m", "start").returncode == 0
    git(folder, "remote", "add", "origin", str(origin))
    assert git(folder, "push", "-q", "origin", "main").returncode == 0
    b = tmp_path / "clone-b"
    assert git(tmp_path, "clone", "-q", str(origin), str(b)).returncode == 0
    return folder, b


def cli_in(folder: Path, *args: str) -> Any:
    from click.testing import CliRunner

    from eventflow.cli import cli

    return CliRunner().invoke(cli, ["--dir", str(folder), *args], catch_exceptions=False)


def test_two_clones_tick_different_items_git_conflict_is_reported(run, folder, tmp_path,
                                                                  figures: dict[str, Any]) -> None:
    event_id = new_event(run)
    a, b = clones(tmp_path, folder)
    assert cli_in(a, "check", event_id, "kickoff_meeting", "--note", "A").exit_code == 0
    assert cli_in(b, "check", event_id, "agreement_signed", "--note", "B").exit_code == 0
    git(a, "commit", "-qam", "A ticks")
    git(a, "push", "-q", "origin", "main")
    git(b, "commit", "-qam", "B ticks")
    merge = git(b, "pull", "-q", "--no-rebase", "origin", "main")
    assert merge.returncode != 0  # git could not merge event.toml by itself
    status = cli_in(b, "status", event_id)
    assert status.exit_code == 1
    assert "merge conflict marker" in status.output and "line" in status.output
    assert "keep the lines you want from each side" in status.output
    history = json.loads(cli_in(b, "history", event_id, "--json").output)["history"]
    # history.jsonl merges by union (.gitattributes from `eventflow init`): both kept
    assert [h["note"] for h in history if h.get("action") == "check"] == ["B", "A"] or \
        sorted(h["note"] for h in history if h.get("action") == "check") == ["A", "B"]
    # resolve as the message says: keep both sides, drop markers, larger revision
    path = b / "events" / event_id / "event.toml"
    lines = [ln for ln in path.read_text().splitlines()
             if not ln.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    seen, kept = set(), []
    for ln in lines:
        if ln.startswith("revision =") and "revision" in seen:
            continue
        if ln.startswith("revision ="):
            seen.add("revision")
        kept.append(ln)
    path.write_text("\n".join(kept) + "\n")
    event = json.loads(cli_in(b, "status", event_id, "--json").output)
    ticked = {i["item"] for s in event["stages"] for i in s["items"] if i["checked_by"]}
    assert {"kickoff_meeting", "agreement_signed"} <= ticked  # nothing dropped
    figures["git merge conflict detected"] = True


def test_two_clones_change_distant_parts_merge_keeps_both(run, folder, tmp_path) -> None:
    event_id = new_event(run)
    a, b = clones(tmp_path, folder)
    assert cli_in(a, "reschedule", event_id, "--date", "2027-03-25").exit_code == 0
    assert cli_in(b, "check", event_id, "kickoff_meeting", "--note", "B").exit_code == 0
    git(a, "commit", "-qam", "A")
    git(a, "push", "-q", "origin", "main")
    git(b, "commit", "-qam", "B")
    merge = git(b, "pull", "-q", "--no-rebase", "origin", "main")
    path = b / "events" / event_id / "event.toml"
    if merge.returncode != 0:  # then it must be reported, never read half-merged
        with pytest.raises(FileFormatError, match="merge conflict"):
            from eventflow.store import Project

            Project(b).load(event_id)
        return
    data = json.loads(cli_in(b, "status", event_id, "--json").output)
    assert data["date"] == "2027-03-25"
    history = json.loads(cli_in(b, "history", event_id, "--json").output)["history"]
    assert {"reschedule", "check"} <= {h["action"] for h in history}
    assert path.read_text().count("kickoff_meeting") >= 1


def test_merge_markers_in_history_block_writes_with_instructions(run, folder) -> None:
    event_id = new_event(run)
    history = folder / "events" / event_id / "history.jsonl"
    original = history.read_text()
    history.write_text(original + "<<<<<<< HEAD\n{\"rev\": 2, \"action\": \"check\"}\n=======\n"
                       "{\"rev\": 2, \"action\": \"waive\"}\n>>>>>>> theirs\n")
    result = run("check", event_id, "kickoff_meeting")
    assert result.exit_code == 1
    assert "history.jsonl, line 2" in result.output and "keep the lines of both sides" in \
        result.output and "merge=union" in result.output
    shown = json.loads(run("history", event_id, "--json").output)["history"]
    assert sum(1 for h in shown if "merge conflict marker" in h.get("note", "")) == 3
