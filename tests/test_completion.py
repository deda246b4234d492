"""Shell completion: the scripts, and the planning data completed from the folder's files
without starting the engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import BashComplete

from eventflow.cli import cli


@pytest.fixture
def folder(ef_event, ef_engine, ef_project, monkeypatch) -> Path:
    from eventflow.event import Partner

    event = ef_event("partner_agreed")
    ef_engine.change(event.id, "test", lambda ev: ev.partners.append(
        Partner(id="p7", name="Pirkanmaan poliisilaitos", type="authority")))
    ef_event("venue", region="Uusimaa")
    monkeypatch.setenv("_EVENTFLOW_COMPLETE", "bash_complete")
    return Path(ef_project.root)


def complete(folder: Path, *words: str) -> list[str]:
    *args, incomplete = words
    found = BashComplete(cli, {}, "eventflow", "_EVENTFLOW_COMPLETE").get_completions(
        ["--dir", str(folder), *args], incomplete)
    return [item.value for item in found]


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F"),
                                           ("zsh", "#compdef eventflow"),
                                           ("fish", "complete --no-files --command eventflow")])
def test_the_completion_scripts(run, shell, marker):
    result = run("completion", shell)
    assert result.exit_code == 0, result.output
    assert marker in result.output and "_EVENTFLOW_COMPLETE" in result.output


def test_an_unknown_shell_is_refused(run):
    result = run("completion", "powershell")
    assert result.exit_code == 2 and "'powershell' is not one of" in result.output


def test_commands_events_items_stages_and_partners_complete(folder):
    ids = sorted(p.name for p in (folder / "events").iterdir() if not p.name.startswith("."))
    pirkanmaa = next(i for i in ids if i.startswith("pirkanmaa"))
    assert complete(folder, "sta") == ["status"]
    assert complete(folder, "check", "") == ids
    assert complete(folder, "status", "uu") == [i for i in ids if i.startswith("uusimaa")]
    assert complete(folder, "check", pirkanmaa, "kick") == ["kickoff_meeting"]
    assert complete(folder, "check", "pirk", "agreement_s") == ["agreement_signed"]
    assert "partner_agreed" in complete(folder, "reopen", pirkanmaa, "")
    assert complete(folder, "partner", "remove", pirkanmaa, "") == ["p7"]


def test_regions_languages_workflows_and_rules_complete(folder):
    assert complete(folder, "new", "X", "--region", "Pirk") == ["Pirkanmaa"]
    assert complete(folder, "new", "X", "--lang", "fi,s") == ["fi,sv", "fi,se", "fi,smn",
                                                                "fi,sms"]
    assert complete(folder, "new", "X", "--workflow", "") == ["good-relations-training"]
    assert "R13" in complete(folder, "policy", "verify", "--rule", "R1")


PROBE = ("import sys, json\n"
         "from eventflow.quick import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "sys.stderr.write('MODULES=' + json.dumps(sorted(sys.modules)))\n")


def complete_item(folder: Path, word: str) -> tuple[list[str], set[str]]:
    """What a new process completes for ``eventflow check <the Pirkanmaa event> WORD``, and
    the modules it loaded to answer."""
    pirkanmaa = next(p.name for p in (folder / "events").iterdir()
                     if p.name.startswith("pirkanmaa"))
    env = dict(os.environ, _EVENTFLOW_COMPLETE="bash_complete", EVENTFLOW_DIR=str(folder),
               COMP_WORDS=f"eventflow check {pirkanmaa} {word}", COMP_CWORD="3")
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, timeout=60)
    return (result.stdout.splitlines(),
            set(json.loads(result.stderr.split("MODULES=", 1)[1])))


def test_a_completion_never_starts_the_engine(folder):
    lines, modules = complete_item(folder, "kick")
    assert lines == ["plain,kickoff_meeting"]
    heavy = {"eventflow.engine", "eventflow.event", "eventflow.store", "eventflow.plugins",
             "eventflow.workflow", "pluggy", "msgspec", "jinja2"}
    assert modules & heavy == set()


def test_the_named_events_values_are_kept_while_its_files_hold(folder, ef_engine):
    """The ids read from an event's file and its workflow's are kept in .eventflow/completion
    and used while the event file holds the same bytes and the workflow files the same stat;
    files changed just before are not vouched for by their stat (RACY_NS)."""
    import time

    from eventflow.cachekeys import RACY_NS
    from eventflow.event import Partner

    pirkanmaa = next(p.name for p in (folder / "events").iterdir()
                     if p.name.startswith("pirkanmaa"))
    kept = folder / ".eventflow" / "completion" / f"{pirkanmaa}.txt"
    assert complete(folder, "partner", "remove", pirkanmaa, "") == ["p7"]
    assert not kept.exists()  # its workflow snapshot was written just now
    time.sleep(RACY_NS / 1e9 + 0.1)
    items = complete(folder, "check", pirkanmaa, "")
    assert kept.exists() and "kickoff_meeting" in items
    assert complete(folder, "check", pirkanmaa, "") == items  # from what is kept
    assert complete(folder, "partner", "remove", pirkanmaa, "") == ["p7"]
    ef_engine.change(pirkanmaa, "test", lambda ev: ev.partners.append(
        Partner(id="p8", name="Tampereen kaupunki", type="authority")))
    assert complete(folder, "partner", "remove", pirkanmaa, "") == ["p7", "p8"]
    head, _blank, body = kept.read_bytes().partition(b"\n\n")
    kept.write_bytes(head.replace(b"kickoff_meeting", b"kickoff_meeting ghost") + b"\n\n" + body)
    assert "ghost" in complete(folder, "check", pirkanmaa, "")  # read from what is kept …
    snapshot = next((folder / "events" / ".workflows").iterdir())
    snapshot.write_text(snapshot.read_text("utf-8") + "\n", "utf-8")
    assert complete(folder, "check", pirkanmaa, "") == items  # … until a workflow file changes
    kept.write_bytes(b"eventflow completion 1\ndep\tx\tnot a number\n\n")
    assert complete(folder, "check", pirkanmaa, "") == items  # a damaged file is not used
    time.sleep(RACY_NS / 1e9 + 0.1)
    complete(folder, "check", pirkanmaa, "")
    head, _blank, body = kept.read_bytes().partition(b"\n\n")
    first, rest = head.split(b"\n", 1)
    kept.write_bytes(first + b"-elsewhere\n" + rest.replace(b"kickoff_meeting", b"ghost")
                     + b"\n\n" + body)
    assert complete(folder, "check", pirkanmaa, "") == items  # kept by another install


def test_kept_values_need_no_toml_parser(folder):
    """A completion answered from what is kept imports no TOML parser."""
    import time

    from eventflow.cachekeys import RACY_NS

    time.sleep(RACY_NS / 1e9 + 0.1)
    for first in (True, False):
        lines, modules = complete_item(folder, "agreement_s")
        assert lines == ["plain,agreement_signed"]
        assert ("tomli" in modules) == first and "tomllib" not in modules


def test_toml_is_read_within_the_bound_of_its_kind(tmp_path: Path) -> None:
    from eventflow import completion
    from eventflow.names import MAX_EVENT_BYTES, MAX_WORKFLOW_BYTES

    path = tmp_path / "w.toml"
    path.write_text('id = "w"\n' + "#" * 40 + "\n", encoding="utf-8")
    assert completion._toml(str(path)) == {"id": "w"}
    assert completion._toml(str(path), max_bytes=20) == {}  # bigger than the bound: unread
    assert completion._read_bounded(str(tmp_path / "missing.toml"), 10) is None
    assert (MAX_EVENT_BYTES, MAX_WORKFLOW_BYTES) == (4 << 20, 1 << 20)  # store/tomlio's too
