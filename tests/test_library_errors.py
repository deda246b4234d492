"""Library errors speak of the library (issue 15, point 6): a refusal raised outside the command
modules never names a command-line option (``--force``); it says what the library call needs
(``InvalidInput.retry_with``) and the CLI adds its own flag. A warning the library makes
(``Advice``, ``ConflictWarning``, ``Engine._warn``) does the same (``Advice.retry_with``)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from eventflow.errors import InvalidInput

SRC = Path(__file__).resolve().parent.parent / "src" / "eventflow"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")

#: Library modules checked (outside the command boundary); grows as modules are done.
CHECKED = ["conflicts.py", "errors.py", "event.py", "event_parts.py", "event_texts.py",
           "engine.py", "engine_workflows.py", "gitsync.py", "machine.py", "plugins.py",
           "merge.py", "mergeconflicts.py",
           "feedback.py", "invite.py", "params.py", "participants.py", "regions.py",
           "schedule.py", "schemas.py", "scaffold.py", "suggest.py", "testing.py",
           "policy/catalogue.py", "policy/mutation.py", "policy/resolve.py", "policy/verify.py"]


#: The calls that make a warning of the library (errors.Advice, mergeconflicts.ConflictWarning)
#: or keep one (Engine._warn).
WARNS = {"Advice", "ConflictWarning", "_warn"}


def _warns(node: ast.AST) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else None
    return name in WARNS


def flags_in_raises(source: str) -> list[str]:
    """The option-like words (``--force``) in the string constants of ``raise`` statements and
    of the calls that make a warning (:data:`WARNS`)."""
    found = []
    seen: set[int] = set()  # a constant inside two of them (``_warn(Advice(…))``) counts once
    for node in ast.walk(ast.parse(source)):
        said = node.exc if isinstance(node, ast.Raise) else node if _warns(node) else None
        if said is not None:
            for inner in ast.walk(said):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str) \
                        and id(inner) not in seen:
                    seen.add(id(inner))
                    found += [f"line {node.lineno}: {m}" for m in FLAG.findall(inner.value)]
    return found


@pytest.mark.parametrize("module", CHECKED)
def test_library_errors_name_no_cli_option(module: str) -> None:
    assert flags_in_raises((SRC / module).read_text(encoding="utf-8")) == []


def test_the_check_sees_a_flag() -> None:
    source = 'raise InvalidInput(_("use --force to do it").format(x=1))\nx = "--json"\n'
    assert flags_in_raises(source) == ["line 1: --force"]
    warned = ('engine._warn(Advice(_("see `eventflow migrate {e} --dry-run`"), "migrate"))\n'
              'ConflictWarning("`eventflow resolve --take`")\nprint("--json")\n')
    assert flags_in_raises(warned) == ["line 1: --dry-run", "line 2: --take"]


def test_purge_before_the_event_says_what_the_call_needs(ef_engine) -> None:
    from eventflow.participants import purge

    event = ef_engine.create("X", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    with pytest.raises(InvalidInput) as refused:
        purge(ef_engine, event.id, dt.date(2027, 1, 1))
    assert refused.value.retry_with == "force"
    assert "nothing was deleted" in str(refused.value) and "--" not in str(refused.value)


def test_an_unknown_region_names_the_argument_and_the_cli_its_option(ef_engine, run) -> None:
    with pytest.raises(InvalidInput) as refused:
        ef_engine.create("X", dt.date(2027, 3, 18), "Atlantis", ["fi"])
    assert refused.value.retry_with == "region" and "--" not in str(refused.value)
    out = run("new", "X", "--date", "2027-03-18", "--region", "Atlantis")
    assert out.exit_code == 1 and "e.g. Pirkanmaa; give the region with --region" in out.output


def test_a_change_of_an_ended_event_asks_for_a_reopen(ef_engine, run) -> None:
    event = ef_engine.create("X", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    ef_engine.cancel(event.id, "the hall burned")
    with pytest.raises(InvalidInput) as refused:
        ef_engine.tick(event.id, "kickoff_meeting")
    assert (refused.value.retry_with, refused.value.event) == ("reopen", event.id)
    assert "reopen one of its stages first" in str(refused.value)
    assert "--" not in str(refused.value)
    out = run("check", event.id, "kickoff_meeting")
    assert out.exit_code == 1
    assert f"`eventflow reopen {event.id} STAGE --reason ...` reopens a stage" in out.output


def test_git_refusals_name_what_is_missing(ef_project) -> None:
    from eventflow.gitsync import GitError, sync

    with pytest.raises(GitError) as refused:
        sync(ef_project)
    assert refused.value.retry_with == "git" and "--" not in str(refused.value)


def test_the_cli_adds_its_command_line_to_what_the_library_needs() -> None:
    from eventflow.cli_terms import in_cli_terms
    from eventflow.errors import Advice

    advice = Advice("e1 is done", "reopen", "e1")
    assert advice == "e1 is done" and isinstance(advice, str)
    assert in_cli_terms(advice) == ("e1 is done; `eventflow reopen e1 STAGE --reason ...` "
                                    "reopens a stage")
    assert in_cli_terms(InvalidInput("no", retry_with="force")) == "no"  # the command's own
    assert in_cli_terms("plain") == "plain"
