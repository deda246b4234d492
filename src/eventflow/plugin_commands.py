"""Plugins' commands joining the command line at start-up (``register_commands``).

The CLI calls :func:`load_commands` before it parses the command line, so that ``eventflow
--help`` and ``eventflow <plugin command>`` know the commands of the plugins the planning
folder activates. This module imports neither the CLI nor the ``eventflow plugins`` command
(``commands_plugins``), so the CLI uses it without an import circle; it imports the settings
reader and the plugin manager only when the folder's ``eventflow.toml`` activates plugins.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from .cli_terms import in_cli_terms
from .errors import FileFormatError
from .folder import SETTINGS_FILE, planning_folder
from .i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    import click

#: An ``eventflow.toml`` up to this size that names no active plugin is not parsed (no TOML
#: parser is imported at start-up); a bigger one is always read by the bounded settings reader.
SMALL_SETTINGS = 64 << 10
#: ``active = …`` (also ``plugins.active``, quoted, inline) set to anything but ``[]``
_ACTIVE = re.compile(rb"""\bactive["']?\s*=(?!\s*\[\s*\])""")


def find_folder(args: list[str]) -> str | None:
    """The planning folder a command line will use (``--dir`` before the command, else as
    :func:`eventflow.folder.planning_folder` finds it), found without importing the engine."""
    directory = None
    for i, arg in enumerate(args):
        if not arg.startswith("-"):
            break
        if arg == "--dir" and i + 1 < len(args):
            directory = args[i + 1]
        elif arg.startswith("--dir="):
            directory = arg.split("=", 1)[1]
    return planning_folder(directory or None)


def active_plugins(folder: str) -> list[str]:
    """The plugins ``folder``'s ``eventflow.toml`` activates (empty when it activates none).

    A small file that sets no ``active`` key but to ``[]`` is not parsed; any other is read by
    :func:`eventflow.store.settings.read_settings`, the bounded reader every command uses, so
    a huge, malformed or wrongly shaped file raises the same
    :class:`~eventflow.errors.FileFormatError` (naming the file, line and field) as the
    command itself would. A missing file gives an empty list (the command reports it).
    """
    path = os.path.join(folder, SETTINGS_FILE)
    try:
        if os.stat(path).st_size <= SMALL_SETTINGS:
            with open(path, "rb") as fh:
                raw = fh.read(SMALL_SETTINGS + 1)
            if len(raw) <= SMALL_SETTINGS and not _ACTIVE.search(raw):
                return []  # no plugin activated: nothing to load, no TOML parser to import
    except OSError:
        return []  # the command itself reports a missing or unreadable eventflow.toml
    # lazy: the settings reader costs 27 ms (-X importtime after eventflow.cli: msgspec, tomli);
    # `eventflow --help` in a folder that activates no plugin never needs it
    from .store.settings import read_settings

    return list(read_settings(path).active_plugins)


def load_commands(group: click.Group, args: list[str]) -> list[str]:
    """Add the commands of the plugins the planning folder activates; return the problems.

    Reads only ``eventflow.toml`` unless it activates plugins, so that ``eventflow --help``
    stays fast. A command name already taken is left out with a message naming the plugin;
    an ``eventflow.toml`` that cannot be read is named with what to do, and no plugin command
    is added.
    """
    folder = find_folder(args)
    if folder is None:
        return []

    try:
        active = active_plugins(folder)
    except FileFormatError as exc:
        return [_("the plugins' commands are not loaded: {error}").format(error=exc)]
    if not active:
        return []
    # lazy: the plugin manager costs 26 ms (-X importtime after eventflow.cli: pluggy,
    # msgspec); only a folder that activates plugins needs it
    from .plugins import add_plugin_commands, get_plugin_manager

    pm = get_plugin_manager(active, builtins=False, strict=False)
    return [str(problem) for problem in add_plugin_commands(pm, group)]


def json_warnings(folder: str | None, messages: Iterable[str]) -> list[dict[str, Any]]:
    """A command's warnings as data, for ``--json`` (docs/json.md): first one entry per plugin
    the planning folder ``folder`` activates but the environment keeps out (``plugin``,
    ``blocked_by``, ``not_checked``: its items and vetoes, ``message``, ``fix``), then every
    other warning in ``messages`` (``message`` only; the other keys ``None`` or empty).

    The same lines go to stderr as ``warning: …``; here a program can read which plugin's
    requirements this answer leaves out.
    """
    entries: list[dict[str, Any]] = []
    try:
        active = active_plugins(folder) if folder else []
    except FileFormatError:
        active = []  # the command itself reports the file
    if active:
        from .plugins import skipped_plugins, skipped_warning  # lazy: 26 ms, as above

        entries = [skipped_warning(name, blocker)
                   for name, blocker in skipped_plugins(active).items()]
    said = {entry["message"] for entry in entries}
    # the library's words, and the CLI's way to act (cli_terms.py), as on stderr
    shown = dict.fromkeys(in_cli_terms(message) for message in messages)
    entries += [{"plugin": None, "blocked_by": None, "not_checked": [], "message": message,
                 "fix": None}
                for message in shown if message not in said]
    return entries
