"""Message extraction for ``pybabel extract`` (babel.cfg): the ``_()`` calls of a module, and
the help texts of the commands that the modules listed under ``modules`` define.

Help texts are not wrapped in ``_()`` in the source (i18n.py translates them when help is
shown), so they are found by walking the command tree: each command's help, short help and
epilog and each option's help, as click keeps them (``inspect.cleandoc``), plus the one-line
summaries of :data:`eventflow.cli.LAZY_COMMANDS` and click's own words that eventflow shows.
Not imported by eventflow itself.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any, cast

# all loaded already wherever this runs: pybabel (which imports this module) has its
# extractor, and the help texts are read from the CLI, which has click
import click
from babel.messages.extract import extract_python

from . import cli

# click's own words, looked up through eventflow's catalogue (i18n.translate_click)
CLICK_MESSAGES = (
    "Usage:", "Options", "Commands", "Show this message and exit.", "Show the version and exit.",
    "Error: {message}", "Try '{command} {option}' for help.", "Missing command.",
    "Invalid value for {param_hint}: {message}", "Invalid value: {message}",
    "Missing argument", "Missing option", "Missing parameter: {param_name}",
    "No such option {name!r}.", "Aborted!", "default: {default}", "env var: {var}",
    "{value!r} is not a valid {number_type}.", "{value} is not in the range {range}.",
)


def command_messages(modules: list[str]) -> Iterator[tuple[int, str, str]]:
    """(line, message, where) for the help texts of the commands of ``modules``."""
    owners = {f"eventflow.{m}" for m in modules}
    for module in modules:
        if module != "cli":
            cli.cli.load(module)
    if "cli" in modules:
        for name, (_module, summary) in cli.LAZY_COMMANDS.items():
            yield 0, summary, f"summary of `eventflow {name}`"
        for message in CLICK_MESSAGES:
            yield 0, message, "click's own message"
    yield from _walk(cli.cli, "eventflow", owners)


def _walk(command: Any, path: str, owners: set[str]) -> Iterator[tuple[int, str, str]]:
    callback = command.callback
    mine = callback is not None and getattr(callback, "__module__", "") in owners
    if mine:
        try:
            line = inspect.getsourcelines(callback)[1]
        except (OSError, TypeError):
            line = 0
        for attr in ("help", "short_help", "epilog"):
            text = getattr(command, attr, None)
            if text:
                yield line, inspect.cleandoc(text), f"`{path} --help`"
        for param in command.params:
            text = getattr(param, "help", None)
            if text and param.name not in ("help", "version"):
                yield line, inspect.cleandoc(text), f"`{path} --help`, {param.opts[0]}"
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], f"{path} {name}", owners)


def extract_cli(fileobj: Any, keywords: Any, comment_tags: Any,
                options: dict[str, str]) -> Iterator[tuple[int, str, Any, list[str]]]:
    """A Babel extraction method: the ``_()`` calls of the file, then the help texts of the
    commands of ``options["modules"]`` (space-separated module names, e.g. ``cli``)."""
    # Babel annotates what an extraction method yields as what extract() returns, (lineno,
    # message, comments, context), and its options as a TypedDict; a method such as
    # extract_python yields (lineno, funcname, message, comments), as Babel's docs say and
    # pybabel reads, and gets the options of babel.cfg as a plain dict
    yield from cast("Iterator[tuple[int, str, Any, list[str]]]",
                    extract_python(fileobj, keywords, comment_tags, cast("Any", options)))
    for line, message, where in command_messages(options.get("modules", "cli").split()):
        yield line, "_", message, [where]
