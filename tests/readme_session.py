"""Replays the README's session: each `$ eventflow ...` line, with the output shown under it.

Used by tests/test_readme.py, and run as a script to print a fresh session for the README:
    .venv/bin/python tests/readme_session.py
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

README = Path(__file__).parents[1] / "README.md"
HOME = "/home/leena/koulutus"
TODAY = "2026-11-27"

COMMANDS = [
    'eventflow init --organisation "Tampereen kaupunki" --type authority --language en',
    'eventflow new "Hyvät väestösuhteet – Pirkanmaa" --date 2027-03-18 --region Pirkanmaa '
    '--lang fi,sv',
    "eventflow status",
    "eventflow why pirk",
    'eventflow partner add pirk "Pirkanmaan ja Keski-Suomen ETNO" --type authority',
    'eventflow partner agree pirk date "18.3.2027, a Thursday"',
    "eventflow advance pirk",
    'eventflow check pirk agreement_signed --note "Signed by both, 20.11."',
    "eventflow next --days 30",
]


def run_session(commands: list[str], folder: Path) -> list[tuple[str, str, int]]:
    from eventflow.cli import cli

    env = {"EVENTFLOW_TODAY": TODAY, "EVENTFLOW_USER": "leena", "EVENTFLOW_LOAD_PLUGINS": ""}
    old = {k: os.environ.get(k) for k in (*env, "EVENTFLOW_DIR")}
    os.environ.update(env)
    os.environ.pop("EVENTFLOW_DIR", None)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        out = []
        for command in commands:
            args = shlex.split(command)[1:]
            result = CliRunner().invoke(cli, args, prog_name="eventflow")
            text = result.output.replace(str(folder.resolve()), HOME)
            out.append((command, text, result.exit_code))
        return out
    finally:
        os.chdir(cwd)
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def render(results: list[tuple[str, str, int]]) -> str:
    lines = []
    for command, text, code in results:
        lines.append(f"$ {command}")
        lines.extend(text.rstrip("\n").splitlines())
        if code:
            lines.append(f"[exit {code}]")
    return "\n".join(lines)


def readme_session() -> tuple[list[str], str]:
    text = README.read_text("utf-8")
    match = re.search(r"<!-- session:start -->\n```console\n(.*?)```\n<!-- session:end -->",
                      text, re.S)
    if not match:
        raise AssertionError("README.md has no session block")
    block = match.group(1).rstrip("\n")
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ eventflow ")]
    return commands, block


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(render(run_session(COMMANDS if "--fresh" in sys.argv else
                                 readme_session()[0], Path(tmp))))
