"""Library errors speak of the library (issue 15, point 6): a refusal raised outside the command
modules never names a command-line option (``--force``); it says what the library call needs
(``InvalidInput.retry_with``) and the CLI adds its own flag."""

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
           "feedback.py", "invite.py", "params.py", "participants.py", "regions.py",
           "schedule.py", "schemas.py", "scaffold.py", "suggest.py", "testing.py",
           "policy/catalogue.py", "policy/mutation.py", "policy/resolve.py", "policy/verify.py"]


def flags_in_raises(source: str) -> list[str]:
    """The option-like words (``--force``) in the string constants of ``raise`` statements."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for inner in ast.walk(node.exc):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                    found += [f"line {node.lineno}: {m}" for m in FLAG.findall(inner.value)]
    return found


@pytest.mark.parametrize("module", CHECKED)
def test_library_errors_name_no_cli_option(module: str) -> None:
    assert flags_in_raises((SRC / module).read_text(encoding="utf-8")) == []


def test_the_check_sees_a_flag() -> None:
    source = 'raise InvalidInput(_("use --force to do it").format(x=1))\nx = "--json"\n'
    assert flags_in_raises(source) == ["line 1: --force"]


def test_purge_before_the_event_says_what_the_call_needs(ef_engine) -> None:
    from eventflow.participants import purge

    event = ef_engine.create("X", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    with pytest.raises(InvalidInput) as refused:
        purge(ef_engine, event.id, dt.date(2027, 1, 1))
    assert refused.value.retry_with == "force"
    assert "nothing was deleted" in str(refused.value) and "--" not in str(refused.value)
