"""`eventflow plugins`: what is installed, what it contributes, and what is active here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pathlib import Path


def attach(cli: click.Group) -> None:
    from .cli import emit_json

    @cli.command()
    @click.option("--all", "show_all", is_flag=True,
                  help="Include eventflow's built-in plugins.")
    @click.option("--hook", "hook", metavar="NAME",
                  help="Only plugins that implement this hook, e.g. register_checks.")
    @click.pass_context
    def plugins(ctx: click.Context, show_all: bool, hook: str | None) -> None:
        """List installed plugins as JSON: version, hooks, contributions, active here or not.

        Works outside a planning folder too (then no plugin is active). Plugins kept out by
        EVENTFLOW_LOAD_PLUGINS or EVENTFLOW_DISABLED_PLUGINS are listed, not loaded.

        \b
        Example:
            eventflow plugins
            eventflow plugins --all --hook register_checks
        """
        from .plugins import LIFECYCLE_HOOKS, REGISTRATION_HOOKS

        known = [*REGISTRATION_HOOKS, "register_commands", *LIFECYCLE_HOOKS]
        if hook is not None and hook not in known:
            raise click.BadParameter(f"no hook '{hook}'; hooks: {', '.join(known)}",
                                     param_hint="--hook")
        folder, active = _planning_folder(ctx)
        rows = plugin_rows(active, show_all)
        if hook is not None:
            rows = [r for r in rows if hook in r["hooks"]]
        emit_json({"planning_folder": str(folder) if folder else None,
                   "active": active, "plugins": rows})


def _planning_folder(ctx: click.Context) -> tuple[Path | None, list[str]]:
    from .errors import PlanningFolderNotFound
    from .store import Project

    directory = (ctx.find_root().obj or {}).get("dir")
    try:
        project = Project.find(_path(directory)) if directory else Project.find()
    except PlanningFolderNotFound:
        return None, []
    return project.root, list(project.settings.active_plugins)


def plugin_rows(active: list[str], show_all: bool) -> list[dict[str, Any]]:
    """One row per plugin: built-ins (with ``show_all``), then every installed plugin."""
    from .plugins import (BUILTIN_PLUGINS, Registry, blocked_by, build_registry,
                          PluginNotice, command_names, entry_point_version, get_plugin_manager,
                          hooks_of, installed_entry_points)

    # What this folder really loads (built-ins, then the active plugins in their order) decides
    # who wins a clash; an inactive plugin is shown as if it were activated after those.
    here = get_plugin_manager(active, strict=False)
    managers: dict[str, tuple[Any, Registry]] = {}
    registry_here = build_registry(here)
    for name in [*BUILTIN_PLUGINS, *active]:
        managers[name] = (here, registry_here)

    def view(name: str) -> tuple[Any, Registry]:
        if name not in managers:
            pm = get_plugin_manager([*active, name], strict=False)
            managers[name] = (pm, build_registry(pm))
        return managers[name]

    def row(name: str, version: str, builtin: bool, distribution: str, module: str) -> dict:
        pm, registry = view(name)
        problems = [str(e) for e in registry.errors
                    if e.plugin == name and not isinstance(e, PluginNotice)]
        loaded = pm.get_plugin(name) is not None
        return {
            "name": name,
            "version": version,
            "distribution": distribution,
            "module": module,
            "builtin": builtin,
            "active": builtin or name in active,
            "loaded": loaded,
            "blocked_by": None if builtin else blocked_by(name),
            "hooks": hooks_of(pm, name),
            "contributions": {**registry.contributions(name),
                              "commands": command_names(pm, name) if loaded else []},
            "problems": problems,
        }

    from . import __version__

    rows = []
    if show_all:
        rows += [row(name, __version__, True, "eventflow", name) for name in BUILTIN_PLUGINS
                 if here.get_plugin(name) is not None]
    seen = set()
    for ep in sorted(installed_entry_points(), key=lambda e: e.name):
        if ep.name in seen:
            continue
        seen.add(ep.name)
        dist = getattr(ep, "dist", None)
        rows.append(row(ep.name, entry_point_version(ep), False,
                        dist.metadata["Name"] if dist is not None else "", ep.value))
    for name in active:
        if name not in seen:
            rows.append({"name": name, "version": None, "distribution": None, "module": None,
                         "builtin": False, "active": True, "loaded": False,
                         "blocked_by": blocked_by(name), "hooks": [],
                         "contributions": {k: [] for k in ("checks", "outputs", "workflows",
                                                           "items", "policy", "commands")},
                         "problems": [f"plugin '{name}' is active in eventflow.toml but not "
                                      "installed: pip install the package that provides it"]})
    return rows


def find_folder(args: list[str]) -> str | None:
    """The planning folder a command line will use (``--dir`` before the command, else as
    :func:`eventflow.folder.planning_folder` finds it), found without importing the engine."""
    from .folder import planning_folder

    directory = None
    for i, arg in enumerate(args):
        if not arg.startswith("-"):
            break
        if arg == "--dir" and i + 1 < len(args):
            directory = args[i + 1]
        elif arg.startswith("--dir="):
            directory = arg.split("=", 1)[1]
    return planning_folder(directory or None)


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def load_commands(group: click.Group, args: list[str]) -> list[str]:
    """Add the commands of the plugins the planning folder activates; return the problems.

    Reads only ``eventflow.toml`` unless it activates plugins, so that ``eventflow --help``
    stays fast. A command name already taken is left out with a message naming the plugin.
    """
    import os
    import re

    folder = find_folder(args)
    if folder is None:
        return []
    try:
        from .folder import SETTINGS_FILE

        with open(os.path.join(folder, SETTINGS_FILE), "rb") as fh:
            raw = fh.read()
    except OSError:
        return []  # the command itself reports a missing eventflow.toml
    if not re.search(rb"^\s*active\s*=\s*\[\s*[\"']", raw, re.M):
        return []  # no plugin activated: nothing to load, and no TOML parser to import
    import tomli

    try:
        active = tomli.loads(raw.decode("utf-8")).get("plugins", {}).get("active", [])
    except (UnicodeDecodeError, tomli.TOMLDecodeError, AttributeError):
        return []  # the command itself reports a broken or missing eventflow.toml
    if not isinstance(active, list) or not active or not all(isinstance(a, str) for a in active):
        return []
    from .plugins import add_plugin_commands, get_plugin_manager

    pm = get_plugin_manager(active, builtins=False, strict=False)
    return [str(problem) for problem in add_plugin_commands(pm, group)]
