"""The commands of the command modules are loaded when first needed; `--help` lists them from
cli.LAZY_COMMANDS, which must stay true to the modules."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from eventflow.cli import COMMAND_MODULES, LAZY_COMMANDS, EventflowGroup, cli


def loaded_commands() -> dict[str, tuple[str, click.Command]]:
    """Every command of every command module, attached to a plain group."""
    group = click.Group()
    found: dict[str, tuple[str, click.Command]] = {}
    for module in COMMAND_MODULES:
        before = set(group.commands)
        importlib.import_module(f"eventflow.{module}").attach(group)
        for name in set(group.commands) - before:
            found[name] = (module, group.commands[name])
    return found


def test_the_table_names_every_command_of_the_modules_and_its_module() -> None:
    found = loaded_commands()
    assert {name: module for name, (module, _) in found.items()} == \
        {name: module for name, (module, _) in LAZY_COMMANDS.items()}


@pytest.mark.parametrize("limit", [20, 45, 60, 80, 120])
def test_the_table_gives_each_command_the_line_its_own_help_gives(limit: int) -> None:
    for name, (_, command) in loaded_commands().items():
        stub = click.Command(name, help=LAZY_COMMANDS[name][1])
        assert not command.hidden and command.short_help is None
        assert stub.get_short_help_str(limit) == command.get_short_help_str(limit), name


def test_help_is_the_same_whether_the_modules_are_loaded_or_not() -> None:
    def lazy_group() -> EventflowGroup:
        group = EventflowGroup(name="eventflow", commands=dict(cli.commands),
                               params=list(cli.params), help=cli.help,
                               context_settings=cli.context_settings)
        for name in LAZY_COMMANDS:
            group.commands.pop(name, None)
        return group

    lazy = lazy_group()
    before = CliRunner().invoke(lazy, ["--help"], prog_name="eventflow", terminal_width=98)
    assert not set(LAZY_COMMANDS) & set(lazy.commands)  # listed without loading
    for module in COMMAND_MODULES:
        lazy.load(module)
    after = CliRunner().invoke(lazy, ["--help"], prog_name="eventflow", terminal_width=98)
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output
    for name in LAZY_COMMANDS:
        assert f"  {name} " in before.output


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_help_lists_each_command_as_its_own_help_does_in_every_language(lang: str) -> None:
    """A summary the catalogue does not translate yet is listed from the command's own
    translated help (its module loaded), so the list reads the same in every language."""
    from eventflow.cli import SuggestingGroup

    lazy = EventflowGroup(name="eventflow", params=list(cli.params), help=cli.help,
                          context_settings=cli.context_settings)
    loaded = SuggestingGroup(name="eventflow", params=list(cli.params), help=cli.help,
                             context_settings=cli.context_settings)
    for module in COMMAND_MODULES:
        importlib.import_module(f"eventflow.{module}").attach(loaded)
    args = ["--lang", lang, "--help"]
    listed = CliRunner().invoke(lazy, args, prog_name="eventflow", terminal_width=98)
    own = CliRunner().invoke(loaded, args, prog_name="eventflow", terminal_width=98)
    assert listed.exit_code == own.exit_code == 0
    assert listed.output == own.output


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_summary_new_to_the_catalogue_is_listed_from_the_commands_own_help(lang: str) -> None:
    """Until the catalogue translates a summary of the table, --help lists the command's
    own help, translated (its module loaded), not the summary in English."""
    from eventflow.commands_reading import status
    from eventflow.i18n import speaking

    class Lagging(EventflowGroup):
        lazy_commands = {"status": ("commands_reading", "Show every event, or every stage and "
                                    "item of one event (words no catalogue has).")}

    group = Lagging(name="eventflow", params=list(cli.params), help=cli.help,
                    context_settings=cli.context_settings)
    listed = CliRunner().invoke(group, ["--lang", lang, "--help"], prog_name="eventflow",
                                terminal_width=200).output
    with speaking(lang):
        own = status.get_short_help_str(150)
    assert own != "Show every event, or every stage and item of one event."
    assert f"  status  {own}" in listed and "no catalogue" not in listed


def test_a_lazy_command_runs_and_its_help_is_its_own(run) -> None:  # type: ignore[no-untyped-def]
    assert "partner [OPTIONS] COMMAND" in run("partner", "--help").output
    assert run("workflow", "list").exit_code == 0


def test_help_loads_none_of_the_lazy_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = ("import sys\nfrom eventflow.quick import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "from eventflow.cli import LAZY_COMMANDS, cli\n"
             "sys.stderr.write(repr(sorted(set(cli.commands) & set(LAZY_COMMANDS))))")
    done = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert "Usage: eventflow" in done.stdout
    assert done.stderr.strip().endswith("[]")


def test_a_plugin_cannot_take_the_name_of_a_command_not_loaded_yet() -> None:
    from eventflow import hookimpl
    from eventflow.plugins import add_plugin_commands, get_plugin_manager

    class Partner:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command()
            def partner() -> None:
                """Try to replace eventflow's partner command."""

    group = EventflowGroup(name="eventflow")  # nothing loaded
    pm = get_plugin_manager(active=())
    pm.register(Partner(), name="partner-plugin")
    problems = [str(p) for p in add_plugin_commands(pm, group)]
    assert problems == ["plugin 'partner-plugin' (register_commands): command 'partner' is "
                        "already taken by eventflow itself; the plugin's command is left out"]
    assert "Usage: eventflow partner" in CliRunner().invoke(
        group, ["partner", "--help"], prog_name="eventflow").output
