"""Loading plugins: the plugin manager factory, activation and the environment's discovery
controls, and the checks made on a plugin before it is registered.

Built-in features are plugins in ``eventflow.default_plugins`` and are registered exactly like
third-party ones. Third-party plugins come from the ``eventflow`` entry-point group and are
loaded only when the planning folder activates them (``[plugins] active = [...]`` in
``eventflow.toml``) and the environment allows it:

* ``EVENTFLOW_LOAD_PLUGINS`` — comma-separated allow-list; set but empty loads none;
* ``EVENTFLOW_DISABLED_PLUGINS`` — comma-separated block-list;
* ``EVENTFLOW_TRACE_PLUGINS=1`` — print every hook call to stderr.

What plugins contribute is collected in :mod:`eventflow.plugin_registry`
(:func:`build_registry`, :class:`Registry`); every hook call goes through the one dispatcher
in :mod:`eventflow.plugin_dispatch` (:func:`dispatch`, :func:`call_each`,
:func:`add_plugin_commands`). Their names are importable from here too, as before.
"""

from __future__ import annotations

import importlib
import inspect  # loaded by pluggy already: free
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pluggy

from . import __version__, hookspecs
from .errors import PluginError
from .i18n import _
from .plugin_dispatch import HookResult, add_plugin_commands, call_each, command_names, dispatch
from .plugin_registry import CheckSpec, OutputSpec, PluginNotice, Registry, build_registry, describe

ENTRY_POINT_GROUP = "eventflow"

BUILTIN_PLUGINS = (
    "eventflow.default_plugins.checks",
    "eventflow.default_plugins.workflows",
    "eventflow.default_plugins.outputs",
)

REGISTRATION_HOOKS = ("register_checks", "register_outputs", "register_workflows",
                      "register_items", "register_policy")
LIFECYCLE_HOOKS = ("before_transition", "after_transition", "after_item_changed")


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers problems met while loading plugins."""

    def __init__(self) -> None:
        super().__init__("eventflow")
        self.problems: list[PluginError] = []
        self.versions: dict[str, str] = {}
        self.distributions: list[tuple[object, Any]] = []
        self.skipped: dict[str, str] = {}  # plugin active here -> the variable keeping it out

    @property
    def notices(self) -> list[str]:
        """One line per plugin the planning folder activates but the environment keeps out:
        whatever it requires (items, vetoes) is not checked by this command."""
        return [skipped_warning(name, blocker)["message"]
                for name, blocker in self.skipped.items()]

    def list_plugin_distinfo(self) -> list[tuple[object, Any]]:
        """(plugin, distribution) for every installed plugin loaded, as pluggy's own
        entry-point loading gives them; the distribution has ``.version`` and ``.metadata``."""
        return list(self.distributions)


# environment controls ---------------------------------------------------------------------------
def _env_list(name: str) -> set[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def blocked_by(name: str) -> str | None:
    """The environment variable that keeps ``name`` from loading, or ``None``."""
    allow = _env_list("EVENTFLOW_LOAD_PLUGINS")
    if allow is not None and name not in allow:
        return "EVENTFLOW_LOAD_PLUGINS"
    if name in (_env_list("EVENTFLOW_DISABLED_PLUGINS") or set()):
        return "EVENTFLOW_DISABLED_PLUGINS"
    return None


#: What is not judged while a plugin the folder activates is kept out by the environment.
NOT_CHECKED = ("items", "vetoes")


def skipped_warning(name: str, blocker: str) -> dict[str, Any]:
    """The warning for plugin ``name``, active in the planning folder but kept out by the
    environment variable ``blocker``, as data (``--json``'s ``warnings``, docs/json.md):
    ``plugin``, ``blocked_by``, ``not_checked`` (its checklist items and its vetoes),
    ``message`` (the line every command prints) and ``fix``."""
    fix = (_("remove {plugin} from EVENTFLOW_DISABLED_PLUGINS").format(plugin=name)
           if blocker == "EVENTFLOW_DISABLED_PLUGINS"
           else _("add {plugin} to {variable}, or unset {variable}").format(plugin=name,
                                                                           variable=blocker))
    return {"plugin": name, "blocked_by": blocker, "not_checked": list(NOT_CHECKED),
            "message": _("requirements of plugin {plugin} are not checked: {variable}").format(
                plugin=name, variable=blocker),
            "fix": fix}


def skipped_plugins(names: Iterable[str]) -> dict[str, str]:
    """Of the plugins ``names`` (those a planning folder activates), the ones the environment
    keeps out, each with the variable that does."""
    found = {}
    for name in names:
        blocker = blocked_by(name)
        if blocker is not None:
            found[name] = blocker
    return found


def tracing() -> bool:
    """Whether hook calls are traced: ``EVENTFLOW_TRACE_PLUGINS=1`` in the environment, read on
    each call. When a plugin manager is made (:func:`get_plugin_manager`) with it set, every
    hook call and its result are written to stderr (``eventflow-trace: …``)."""
    return os.environ.get("EVENTFLOW_TRACE_PLUGINS") == "1"


def _trace(message: str) -> None:
    if tracing():
        sys.stderr.write(f"eventflow-trace: {message}\n")


def installed_entry_points() -> list[Any]:
    """Every entry point of the ``eventflow`` group, whether active or not (nothing imported)."""
    # lazy: importlib.metadata costs 50 ms after the plugins (-X importtime, median of 5); only
    # a folder that activates plugins, and `eventflow plugins`, look for them
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def entry_point_version(ep: Any) -> str:
    """The version of the distribution that installed the entry point ``ep`` (an
    ``importlib.metadata.EntryPoint`` of the ``eventflow`` group), read from its metadata
    without importing the plugin; ``""`` when the entry point has no distribution. Used when a
    plugin is loaded (``pm.versions``) and by ``eventflow plugins``. Raises nothing."""
    dist = getattr(ep, "dist", None)
    return str(dist.version) if dist is not None else ""


# the manager ------------------------------------------------------------------------------------
def get_plugin_manager(
    active: Iterable[str] | None = (),
    *,
    builtins: bool = True,
    strict: bool = True,
) -> PluginManager:
    """Return a new plugin manager with the built-ins and the active installed plugins.

    ``active`` names the installed plugins (entry-point names) to load; ``None`` loads every
    installed one (``eventflow plugins`` does this). The environment controls apply either
    way. With ``strict`` (the default, used by every command that reads or changes events) a
    plugin that is active but missing, does not import, or implements a hook eventflow does not
    have raises :class:`PluginError` naming it and saying what to do; otherwise the problem is
    kept in ``pm.problems`` and the plugin is left out.
    """
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    if builtins:
        for modname in BUILTIN_PLUGINS:
            pm.register(importlib.import_module(modname), name=modname)
            pm.versions[modname] = __version__
    wanted = None if active is None else list(dict.fromkeys(active))
    if wanted is None or wanted:
        _load_entry_points(pm, wanted, strict)
    pm.check_pending()
    if tracing():
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def _trace_before(hook: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    for impl in impls:
        args = ", ".join(f"{k}={describe(v)[:60]}" for k, v in kwargs.items())
        _trace(f"calling {hook} of plugin {impl.plugin_name} ({args})")


def _trace_after(outcome: Any, hook: str, impls: Sequence[Any],
                 kwargs: Mapping[str, Any]) -> None:
    names = ", ".join(impl.plugin_name for impl in impls)
    if outcome.exception is not None:
        exc = outcome.exception
        _trace(f"{hook} of plugin {names} raised {type(exc).__name__}: {exc}")
    else:
        _trace(f"{hook} of plugin {names} returned {describe(outcome.get_result())}")


def _problem(pm: PluginManager, strict: bool, error: PluginError) -> None:
    if strict:
        raise error
    pm.problems.append(error)


def _load_entry_points(pm: PluginManager, wanted: list[str] | None, strict: bool) -> None:
    found: dict[str, Any] = {}
    for ep in installed_entry_points():
        if ep.name in found:
            other = found[ep.name]
            _problem(pm, strict, PluginError(
                ep.name, "load", _("two installed packages use the plugin name '{plugin}' "
                                   "({one} and {other}); uninstall one of them").format(
                    plugin=ep.name, one=other.value, other=ep.value)))
            continue
        found[ep.name] = ep
    names = list(found) if wanted is None else wanted
    for name in names:
        blocker = blocked_by(name)
        if blocker is not None:
            _trace(f"plugin {name} not loaded: {blocker}")
            if wanted is not None:
                pm.skipped[name] = blocker
            continue
        ep = found.get(name)
        if ep is None:
            _problem(pm, strict, PluginError(
                name, "load", _("active in eventflow.toml but not installed: pip install the "
                                "package that provides it, remove it from [plugins] active, or "
                                "set EVENTFLOW_DISABLED_PLUGINS={plugin} to work without "
                                "it").format(plugin=name)))
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken install must be named, whatever it raised
            _problem(pm, strict, PluginError(
                name, "load", _("cannot import {module}: {error}: {problem}; reinstall it or "
                                "set EVENTFLOW_DISABLED_PLUGINS={plugin}").format(
                    module=ep.value, error=type(exc).__name__, problem=exc, plugin=name)))
            continue
        try:
            register_plugin(pm, plugin, name)
        except PluginError as exc:
            _problem(pm, strict, exc)
            continue
        unknown = _unknown_hooks(pm, plugin)
        if unknown:
            pm.unregister(plugin)
            hints = []
            for hook in unknown:
                import difflib  # lazy: 1.8 ms with its regex (-X importtime), for errors only

                close = difflib.get_close_matches(hook, _hook_names(), n=1)
                hints.append(_("'{hook}' (did you mean '{close}'?)").format(
                    hook=hook, close=close[0]) if close else f"'{hook}'")
            _problem(pm, strict, PluginError(
                name, "load", _("implements {hooks}, which eventflow does not have; fix the "
                                "hook name or set EVENTFLOW_DISABLED_PLUGINS={plugin}").format(
                    hooks=", ".join(hints), plugin=name)))
            continue
        pm.versions[name] = entry_point_version(ep)
        _record_distribution(pm, plugin, ep)
        _trace(f"loaded plugin {name} {pm.versions[name]} from {ep.value}")


def _record_distribution(pm: PluginManager, plugin: object, ep: Any) -> None:
    """Make ``pm.list_plugin_distinfo()`` work as after pluggy's own entry-point loading."""
    dist = getattr(ep, "dist", None)
    if dist is not None:
        pm.distributions.append((plugin, dist))


def register_plugin(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register ``plugin`` under ``name``; a refusal raises :class:`PluginError` in plain words
    naming the plugin, the hook and what to change (never pluggy's own text)."""
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        raise PluginError(name, _bad_hook(pm, plugin) or "load",
                          _explain_validation(pm, plugin, exc)) from None
    except ValueError as exc:  # the name or the object is registered already
        raise PluginError(name, "load", _("cannot be registered twice ({problem}); register "
                                          "it once, under one name").format(problem=exc)
                          ) from None


def _spec_args(hook: str) -> list[str]:
    func = getattr(hookspecs, hook, None)
    return list(inspect.signature(func).parameters) if func is not None else []


def _impl_args(pm: pluggy.PluginManager, plugin: object) -> dict[str, list[str]]:
    """Hook name → the argument names the plugin's implementation declares."""
    found = {}
    for attr in dir(plugin):
        if pm.parse_hookimpl_opts(plugin, attr) is None:
            continue
        try:
            params = inspect.signature(getattr(plugin, attr)).parameters
        except (TypeError, ValueError):
            continue
        found[attr] = [n for n, p in params.items()
                       if p.default is inspect.Parameter.empty and n != "self"]
    return found


def _bad_hook(pm: pluggy.PluginManager, plugin: object) -> str | None:
    for hook, args in _impl_args(pm, plugin).items():
        if hook in _hook_names() and set(args) - set(_spec_args(hook)):
            return hook
    return None


def _explain_validation(pm: pluggy.PluginManager, plugin: object,
                        exc: pluggy.PluginValidationError) -> str:
    for hook, args in _impl_args(pm, plugin).items():
        if hook not in _hook_names():
            continue
        expected = _spec_args(hook)
        wrong = [a for a in args if a not in expected]
        if wrong:
            import difflib  # lazy: 1.8 ms with its regex (-X importtime), for errors only

            close = [difflib.get_close_matches(a, expected, n=1) for a in wrong]
            hints = "; ".join(_("rename '{name}' to '{close}'").format(name=a, close=c[0])
                              if c else _("remove '{name}'").format(name=a)
                              for a, c in zip(wrong, close, strict=True))
            return _("its {hook} takes argument(s) {wrong}, which eventflow does not pass; "
                     "{hook} receives {expected}: {hints} (any subset of those names may be "
                     "used, in any order)").format(hook=hook, wrong=", ".join(wrong),
                                                   expected=", ".join(expected), hints=hints)
    first_line = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    return _("a hook implementation is not acceptable ({problem}); compare it with "
             "eventflow.hookspecs").format(problem=first_line)


def _hook_names() -> list[str]:
    return [n for n in dir(hookspecs) if getattr(getattr(hookspecs, n), "eventflow_spec", None)]


def _unknown_hooks(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    return sorted(caller.name for caller in pm.get_hookcallers(plugin) or []
                  if not caller.has_spec())


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    """The name ``plugin`` (a module or object registered with ``pm``) is registered under:
    its entry-point name, or the module name of a built-in; the object's ``repr`` when ``pm``
    does not know it. For messages that name a plugin. Raises nothing."""
    return pm.get_name(plugin) or repr(plugin)


def hooks_of(pm: pluggy.PluginManager, name: str) -> list[str]:
    """The hooks the plugin ``name`` implements, sorted."""
    plugin = pm.get_plugin(name)
    if plugin is None:
        return []
    return sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])


# templates --------------------------------------------------------------------------------------
def package_folder(plugin: object) -> Path | None:
    """The folder of the package a plugin (a module or an object) comes from."""
    module_name = plugin.__name__ if isinstance(plugin, type(sys)) else \
        type(plugin).__module__
    module = sys.modules.get(module_name)
    file = getattr(module, "__file__", None)
    return Path(file).parent if file else None


def template_dirs(pm: pluggy.PluginManager, plugin: str) -> list[Path]:
    """Where the outputs of ``plugin`` find templates besides the planning folder's
    ``templates/`` (which wins) and eventflow's own: the ``templates/`` folder shipped in the
    plugin's package, next to its module, if it has one."""
    obj = pm.get_plugin(plugin)
    if obj is None or plugin in BUILTIN_PLUGINS:
        return []
    folder = package_folder(obj)
    found = folder / "templates" if folder is not None else None
    return [found] if found is not None and found.is_dir() else []


__all__ = ["BUILTIN_PLUGINS", "ENTRY_POINT_GROUP", "LIFECYCLE_HOOKS", "NOT_CHECKED",
           "REGISTRATION_HOOKS", "CheckSpec", "HookResult", "OutputSpec", "PluginManager",
           "PluginNotice", "Registry", "add_plugin_commands", "blocked_by", "build_registry",
           "call_each", "command_names", "dispatch", "entry_point_version", "get_plugin_manager",
           "hooks_of", "installed_entry_points", "package_folder", "plugin_name",
           "register_plugin", "skipped_plugins", "skipped_warning", "template_dirs", "tracing"]
