"""`eventflow plugins`: what is installed, what it contributes, and what is active here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .cli import SuggestingGroup, emit_json
from .errors import FileFormatError, InvalidInput, PlanningFolderNotFound
from .i18n import _

if TYPE_CHECKING:
    from pathlib import Path


@click.group(cls=SuggestingGroup, invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True,
              help="Include eventflow's built-in plugins.")
@click.option("--hook", "hook", metavar="NAME",
              help="Only plugins that implement this hook, e.g. register_checks.")
@click.pass_context
def plugins(ctx: click.Context, show_all: bool, hook: str | None) -> None:
    """List installed plugins as JSON: version, hooks, contributions, active here or not.

    Works outside a planning folder too (then no plugin is active). Plugins kept out by
    EVENTFLOW_LOAD_PLUGINS or EVENTFLOW_DISABLED_PLUGINS are listed, not loaded.
    `plugins enable NAME` and `plugins disable NAME` change which plugins this planning
    folder uses.

    \b
    Example:
        eventflow plugins
        eventflow plugins --all --hook register_checks
        eventflow plugins enable etno --set contact="Leena Koski"
    """
    if ctx.invoked_subcommand is not None:
        return
    from .plugins import LIFECYCLE_HOOKS, REGISTRATION_HOOKS

    known = [*REGISTRATION_HOOKS, "register_commands", *LIFECYCLE_HOOKS]
    if hook is not None and hook not in known:
        raise click.BadParameter(_("no hook '{hook}'; hooks: {hooks}").format(
                                     hook=hook, hooks=", ".join(known)),
                                 param_hint="--hook")
    folder, active = _planning_folder(ctx)
    rows = plugin_rows(active, show_all)
    if hook is not None:
        rows = [r for r in rows if hook in r["hooks"]]
    emit_json({"planning_folder": str(folder) if folder else None,
               "active": active, "plugins": rows})



@plugins.command()
@click.argument("name")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="A setting of the plugin, written to [plugins.NAME]; repeatable. VALUE "
                   "is read as TOML (42, true, [\"a\", \"b\"]) or else as text.")
@click.pass_context
def enable(ctx: click.Context, name: str, settings: tuple[str, ...]) -> None:
    """Activate an installed plugin in this planning folder (edits eventflow.toml).

    The file keeps its comments and layout; it is replaced in one step, never left
    half-written. A plugin that is not installed, or does not load, is refused and the
    file is left as it was.

    \b
    Example:
        eventflow plugins enable etno
        eventflow plugins enable etno --set contact="Leena Koski, leena@example.fi"
    """
    for line in edit_settings(_root(ctx), name, enable=True, settings=settings):
        click.echo(line)


@plugins.command()
@click.argument("name")
@click.pass_context
def disable(ctx: click.Context, name: str) -> None:
    """Stop using a plugin in this planning folder (edits eventflow.toml).

    Its [plugins.NAME] settings stay in the file, for when it is enabled again.

    \b
    Example:
        eventflow plugins disable etno
    """
    for line in edit_settings(_root(ctx), name, enable=False):
        click.echo(line)



@plugins.command("new")
@click.argument("name")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def new_plugin(name: str, directory: str | None) -> None:
    """Write a new plugin package: a check, an item, an output, a command, a policy.

    The package (default folder: eventflow-NAME) installs with pip and passes its own
    tests as written; change it from there. It works outside a planning folder.

    \b
    Example:
        eventflow plugins new vasa
        cd eventflow-vasa && pip install -e '.[test]' && pytest
    """
    from .scaffold import write_plugin

    root, files = write_plugin(name, _path(directory) if directory else None)
    for path in files:
        click.echo(_("wrote {path}").format(path=path))
    click.echo(_("next: cd {root} && pip install -e '.[test]' && pytest; then, in a planning "
                 "folder, eventflow plugins enable {name}").format(root=root, name=name))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(plugins)


def _root(ctx: click.Context) -> Path:
    from .store import Project

    directory = (ctx.find_root().obj or {}).get("dir")
    return Project.find(_path(directory)).root if directory else Project.find().root


def _setting(text: str) -> tuple[str, Any]:
    import tomlkit

    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key or not all(part.isidentifier() for part in key.split("-")):
        raise click.BadParameter(_("'{text}' is not KEY=VALUE (e.g. contact=\"Leena "
                                   "Koski\")").format(text=text),
                                 param_hint="--set")
    try:
        parsed = tomlkit.parse(f"v = {value.strip()}")["v"]
    except Exception:  # not a TOML value: the text itself
        parsed = value.strip().strip('"')
    return key, parsed


def edit_settings(root: Path, name: str, *, enable: bool,
                  settings: tuple[str, ...] = ()) -> list[str]:
    """Enable or disable plugin ``name`` in ``root``'s eventflow.toml; return what changed.

    Comments and layout are kept (tomlkit). The new text is checked (it parses, and with
    ``enable`` the plugins it activates load) before it replaces the file in one atomic step.
    """
    from .folder import SETTINGS_FILE

    path = root / SETTINGS_FILE
    doc = _read_settings(path)
    table, active = _active_list(doc, path)
    names = [str(a) for a in active]
    if enable:
        changes = _enable(table, active, names, name, settings)
    else:
        changes = _disable(table, active, names, name)
    if not changes:
        message = (_("{path}: plugin {name} is already enabled; nothing changed") if enable else
                   _("{path}: plugin {name} is not enabled; nothing changed"))
        return [message.format(path=path, name=name)]
    _write_checked(path, doc, [str(a) for a in active] if enable else None)
    return [f"{path}: {change}" for change in changes]


def _read_settings(path: Path) -> Any:
    """eventflow.toml as a tomlkit document (comments and layout kept)."""
    import tomlkit

    from .store import MAX_EVENT_BYTES, parse_toml, read_capped

    try:
        raw = read_capped(path, MAX_EVENT_BYTES)
    except FileNotFoundError:
        raise FileFormatError(path, _("file not found"),
                              fix=_("run eventflow init in the planning folder")) from None
    parse_toml(path, raw)  # a huge or hostile file is refused before tomlkit reads it
    text = raw.decode("utf-8")
    try:
        return tomlkit.parse(text)
    except Exception as exc:
        raise FileFormatError(path, _("is not valid TOML ({error})").format(error=exc),
                              fix=_("correct it by hand or restore it from git")) from None


def _active_list(doc: Any, path: Path) -> tuple[Any, Any]:
    """The [plugins] table and its ``active`` list, made when missing."""
    import tomlkit

    table = doc.get("plugins")
    if table is None:
        table = tomlkit.table()
        doc["plugins"] = table
    active = table.get("active")
    if active is None:
        active = tomlkit.array()
        table["active"] = active
    if not isinstance(active, list):
        raise FileFormatError(path, _("must be a list of plugin names"), field="plugins.active",
                              fix=_('write active = ["name", ...]'))
    return table, active


def _enable(table: Any, active: Any, names: list[str], name: str,
            settings: tuple[str, ...]) -> list[str]:
    """Add an installed plugin to ``active`` and set its ``KEY=VALUE`` settings."""
    import tomlkit

    from .plugins import installed_entry_points

    changes: list[str] = []
    installed = sorted({ep.name for ep in installed_entry_points()})
    if name not in installed:
        raise InvalidInput(_("plugin '{name}' is not installed (installed: {installed}); "
                             "pip install the package that provides it, then run this "
                             "again. eventflow.toml is unchanged").format(
                                 name=name, installed=", ".join(installed) or _("none")))
    if name not in names:
        active.append(name)
        changes.append(_("plugin {name} enabled: [plugins] active = {active}").format(
            name=name, active=repr([*names, name]).replace("'", '"')))
    pairs = [_setting(item) for item in settings]
    if pairs:
        own = table.get(name)
        if own is None:
            own = tomlkit.table()
            table[name] = own
        for key, value in pairs:
            before = own.get(key)
            if before is not None and before == value:
                continue
            own[key] = value
            was = "" if before is None else " (" + _("was {value}").format(
                value=tomlkit.item(before).as_string()) + ")"
            changes.append(f"[plugins.{name}] {key} = "
                           f"{tomlkit.item(value).as_string()}{was}")
    return changes


def _disable(table: Any, active: Any, names: list[str], name: str) -> list[str]:
    """Take a plugin out of ``active``; its settings table stays for next time."""
    changes: list[str] = []
    if name in names:
        active.remove(name)
        left = [n for n in names if n != name]
        changes.append(_("plugin {name} disabled: [plugins] active = {active}").format(
            name=name, active=repr(left).replace("'", '"')))
        if table.get(name) is not None:
            changes.append(_("its settings [plugins.{name}] are kept for next time").format(
                name=name))
    return changes


def _write_checked(path: Path, doc: Any, load: list[str] | None) -> None:
    """Write ``doc`` in one atomic step once it reads back and, given ``load`` (the active
    plugins after enabling), once those plugins load."""
    import tomlkit

    from .plugins import get_plugin_manager
    from .store import atomic_write, parse_toml

    new_text = tomlkit.dumps(doc)
    if not new_text.endswith("\n"):
        new_text += "\n"
    try:  # never write what eventflow could not read back
        parse_toml(path, new_text.encode("utf-8"))
    except FileFormatError as exc:
        raise InvalidInput(_("the edit would make {path} unreadable ({error}); nothing "
                             "changed").format(path=path, error=exc)) from None
    if load is not None:
        get_plugin_manager(load, strict=True)  # refuses what does not load
    atomic_write(path, new_text.encode("utf-8"))


def _planning_folder(ctx: click.Context) -> tuple[Path | None, list[str]]:
    from .store import Project

    directory = (ctx.find_root().obj or {}).get("dir")
    try:
        project = Project.find(_path(directory)) if directory else Project.find()
    except PlanningFolderNotFound:
        return None, []
    return project.root, list(project.settings.active_plugins)


def plugin_rows(active: list[str], show_all: bool) -> list[dict[str, Any]]:
    """One row per plugin: built-ins (with ``show_all``), then every installed plugin."""
    from .plugins import (
        BUILTIN_PLUGINS,
        PluginNotice,
        Registry,
        blocked_by,
        build_registry,
        command_names,
        entry_point_version,
        get_plugin_manager,
        hooks_of,
        installed_entry_points,
    )

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
                         "problems": [_("plugin '{plugin}' is active in eventflow.toml but not "
                                        "installed: pip install the package that provides "
                                        "it").format(plugin=name)]})
    return rows


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)
