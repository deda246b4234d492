"""Every command's --help works and follows the house style: summary, example, option help."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from eventflow.cli import cli


def walk(group: click.Group, path: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # as click finds them (loading the lazy ones)
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


COMMANDS = list(walk(cli))


def test_the_commands_the_planners_use_exist():
    names = {" ".join(path) for path, _ in COMMANDS}
    for expected in ("init", "new", "status", "why", "check", "uncheck", "advance", "reopen",
                     "cancel", "history", "next", "reschedule", "workflow list", "workflow show",
                     "workflow lint", "workflow graph", "partner add", "partner agree", "venue set",
                     "cost add", "speaker add", "panel panelist", "panel question", "panel sent",
                     "invitation set", "invitation sent", "organiser add"):
        assert expected in names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output
    assert "Example" in result.output, f"`eventflow {' '.join(path)}` has no example"
    short = CliRunner().invoke(cli, [*path, "-h"])
    assert short.exit_code == 0


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_option_has_help(path, command):
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"eventflow {' '.join(path)} {param.opts[0]} has no help"


def test_root_help_and_version():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "status" in result.output
    version = CliRunner().invoke(cli, ["--version"])
    assert version.exit_code == 0 and "eventflow" in version.output
