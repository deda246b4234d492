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


ROWS = [("status", "Show every event, or every stage and item of one event."),
        ("x", "a" * 40), ("longer-than-thirty-characters-name", "Its text."),
        ("empty", ""), ("spaces", "  leading and trailing  "), ("double", "two  spaces here"),
        ("tab", "a\ttab"), ("nbsp", "2\u00a0250 €"), ("break", "\b\nkept\nas is"),
        ("paragraphs", "One.\n\nTwo, a paragraph of its own."), ("ansi", "\x1b[31mred\x1b[0m"),
        ("hyphen", "well-known re-use of a co-organising partner's text"),
        ("long", "word " * 30)]


@pytest.mark.parametrize("width", [30, 50, 78, 98, 200])
def test_the_help_formatter_writes_what_clicks_writes(width):
    """cli.HelpFormatter writes a row that fits its line without textwrap: the same lines."""
    from eventflow.cli import HelpFormatter

    for rows in [ROWS, *([row] for row in ROWS), [(f"o{n}", ROWS[n % 12][1]) for n in range(40)]]:
        ours, clicks = HelpFormatter(width=width), click.HelpFormatter(width=width)
        for formatter in (ours, clicks):
            formatter.indent()
            formatter.write_dl(rows)
        assert ours.getvalue() == clicks.getvalue(), rows


@pytest.mark.parametrize("args", [["--help"], ["--lang", "fi", "--help"], ["partner", "--help"],
                                  ["--lang", "sv", "check", "--help"]])
@pytest.mark.parametrize("width", [60, 98, 200])
def test_help_is_what_clicks_formatter_writes(args, width, monkeypatch):
    from eventflow.cli import HelpContext

    ours = CliRunner().invoke(cli, args, terminal_width=width).output
    monkeypatch.setattr(HelpContext, "formatter_class", click.HelpFormatter)
    assert CliRunner().invoke(cli, args, terminal_width=width).output == ours


def examples(command: click.Command) -> list[str]:
    """The command lines of a help text's example block (continued lines joined)."""
    text = (command.help or "").replace("\\\n", " ")
    block = text.split("Example", 1)[1] if "Example" in text else ""
    return [line.strip() for line in block.splitlines() if line.strip().startswith("eventflow ")]


EXAMPLES = [(path, line) for path, command in COMMANDS for line in examples(command)]


@pytest.mark.parametrize("path,line", EXAMPLES, ids=[line for _, line in EXAMPLES])
def test_every_example_is_a_command_line_eventflow_takes(path, line, tmp_path, monkeypatch):
    """Each example parses (command, options, arguments) as written, and an item it names is an
    item of the seed workflow: a planner can copy it."""
    import shlex

    from eventflow.policy.catalogue import seed_workflow

    monkeypatch.chdir(tmp_path)
    lines: list[list[str]] = [[]]
    for word in shlex.split(line):  # `a; b` and `a && b` are two command lines; `>`, `|` end one
        if word in (";", "&&"):
            lines.append([])
        elif word.endswith(";"):
            lines[-1].append(word[:-1])
            lines.append([])
        else:
            lines[-1].append(word)
    for words in lines:
        words = [*words, ">"][:[*words, ">"].index(">")]
        words = [*words, "|"][:[*words, "|"].index("|")]
        assert words[0] == "eventflow", line
        args = words[1:]
        for word in args:  # the files an example reads exist where a planner runs it
            if word.endswith((".csv", ".toml", ".json", ".txt")) and "/" not in word:
                (tmp_path / word).write_text("", encoding="utf-8")
        group: click.Command = cli
        name = "eventflow"
        while isinstance(group, click.Group) and args and not args[0].startswith("-"):
            ctx = click.Context(group, info_name=name)
            name, found, args = group.resolve_command(ctx, args)
            assert found is not None, line
            group = found
        group.make_context(name or "", list(args), resilient_parsing=False)
        if words[1] in ("check", "uncheck", "waive"):
            item = [w for w in words[2:] if not w.startswith("-")][1]
            assert item in {i.id for i in seed_workflow().items()}, line
