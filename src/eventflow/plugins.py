"""Plugin manager factory, discovery controls, and the registry of what plugins contribute.

Built-in features are plugins in ``eventflow.default_plugins`` and are registered exactly like
third-party ones. Third-party plugins come from the ``eventflow`` entry-point group and are
loaded only when the planning folder activates them (``[plugins] active = [...]`` in
``eventflow.toml``) and the environment allows it:

* ``EVENTFLOW_LOAD_PLUGINS`` — comma-separated allow-list; set but empty loads none;
* ``EVENTFLOW_DISABLED_PLUGINS`` — comma-separated block-list;
* ``EVENTFLOW_TRACE_PLUGINS=1`` — print every hook call to stderr.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs
from .errors import PluginError

ENTRY_POINT_GROUP = "eventflow"

BUILTIN_PLUGINS = (
    "eventflow.default_plugins.checks",
    "eventflow.default_plugins.workflows",
)


@dataclass(frozen=True)
class CheckSpec:
    name: str
    func: Callable[..., Any]
    params: dict[str, tuple[type, ...]]
    optional: frozenset[str]
    tickable: bool
    description: str
    plugin: str


@dataclass(frozen=True)
class OutputSpec:
    id: str
    stage: str
    render: Callable[..., Any]
    description: str
    plugin: str


@dataclass
class Registry:
    """What the plugins of one manager contributed, and which plugin gave each piece."""

    checks: dict[str, CheckSpec] = field(default_factory=dict)
    outputs: dict[str, OutputSpec] = field(default_factory=dict)
    workflows: dict[Path, str] = field(default_factory=dict)
    items: list[tuple[str, str, dict[str, Any], str]] = field(default_factory=list)
    policies: list[tuple[Path, str | None, str]] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)


def _env_list(name: str) -> set[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def installed_entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def plugin_allowed(name: str) -> bool:
    allow = _env_list("EVENTFLOW_LOAD_PLUGINS")
    block = _env_list("EVENTFLOW_DISABLED_PLUGINS") or set()
    if allow is not None and name not in allow:
        return False
    return name not in block


def get_plugin_manager(
    active: Iterable[str] | None = (),
    *,
    builtins: bool = True,
) -> pluggy.PluginManager:
    """Return a new plugin manager.

    ``active`` names the installed plugins (entry-point names) to load; ``None`` loads every
    installed one (used by ``eventflow plugins``). The environment controls apply either way.
    """
    pm = pluggy.PluginManager("eventflow")
    pm.add_hookspecs(hookspecs)
    if builtins:
        import importlib

        for modname in BUILTIN_PLUGINS:
            pm.register(importlib.import_module(modname), name=modname)
    wanted = None if active is None else set(active)
    if wanted is None or wanted:
        for ep in installed_entry_points():
            if (wanted is not None and ep.name not in wanted) or not plugin_allowed(ep.name):
                continue
            if pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken install must not take eventflow down
                raise PluginError(ep.name, "load", f"cannot import {ep.value}: {exc}") from exc
            pm.register(plugin, name=ep.name)
    if os.environ.get("EVENTFLOW_TRACE_PLUGINS") == "1":
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    pm.check_pending()
    return pm


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    return pm.get_name(plugin) or repr(plugin)


def _trace(hook: str, plugin: str) -> None:
    if os.environ.get("EVENTFLOW_TRACE_PLUGINS") == "1":
        sys.stderr.write(f"eventflow: calling {hook} of plugin {plugin}\n")


def _normalise_types(name: str, spec: Any, plugin: str) -> tuple[type, ...]:
    types = spec if isinstance(spec, tuple) else (spec,)
    if not types or not all(isinstance(t, type) for t in types):
        raise PluginError(plugin, "register_checks",
                          f"parameter '{name}' must be declared with a type, got {spec!r}")
    return types


def build_registry(pm: pluggy.PluginManager) -> Registry:
    """Call every registration hook, one plugin at a time, and record who gave what."""
    reg = Registry()

    for impl in pm.hook.register_checks.get_hookimpls():
        plugin = impl.plugin_name

        def register_check(name: str, func: Callable[..., Any], *,
                           params: dict[str, Any] | None = None, tickable: bool = False,
                           description: str = "", _plugin: str = plugin) -> None:
            if not isinstance(name, str) or not name.isidentifier():
                raise PluginError(_plugin, "register_checks",
                                  f"check name {name!r} must be a Python identifier")
            if not callable(func):
                raise PluginError(_plugin, "register_checks", f"check '{name}' is not callable")
            if name in reg.checks:
                raise PluginError(_plugin, "register_checks",
                                  f"check '{name}' is already registered by plugin "
                                  f"'{reg.checks[name].plugin}'; rename one of them")
            declared: dict[str, tuple[type, ...]] = {}
            optional = set()
            for key, spec in (params or {}).items():
                bare = key.rstrip("?")
                if key.endswith("?"):
                    optional.add(bare)
                declared[bare] = _normalise_types(bare, spec, _plugin)
            reg.checks[name] = CheckSpec(name, func, declared, frozenset(optional),
                                         bool(tickable), description, _plugin)

        _call_registration(reg, "register_checks", impl, register=register_check)

    for impl in pm.hook.register_outputs.get_hookimpls():
        plugin = impl.plugin_name

        def register_output(id: str, *, stage: str, render: Callable[..., Any],
                            description: str = "", _plugin: str = plugin) -> None:
            if not isinstance(id, str) or not id:
                raise PluginError(_plugin, "register_outputs", f"output id {id!r} is not a name")
            if not callable(render):
                raise PluginError(_plugin, "register_outputs", f"output '{id}' is not callable")
            if id in reg.outputs:
                raise PluginError(_plugin, "register_outputs",
                                  f"output '{id}' is already registered by plugin "
                                  f"'{reg.outputs[id].plugin}'; rename one of them")
            reg.outputs[id] = OutputSpec(id, stage, render, description, _plugin)

        _call_registration(reg, "register_outputs", impl, register=register_output)

    for impl in pm.hook.register_workflows.get_hookimpls():
        plugin = impl.plugin_name

        def register_workflow(path: str | Path, _plugin: str = plugin) -> None:
            p = Path(path)
            if not p.is_file():
                raise PluginError(_plugin, "register_workflows", f"workflow file {p} not found")
            reg.workflows[p] = _plugin

        _call_registration(reg, "register_workflows", impl, register=register_workflow)

    for impl in pm.hook.register_items.get_hookimpls():
        plugin = impl.plugin_name

        def register_item(workflow_id: str, stage: str, item: dict[str, Any],
                          _plugin: str = plugin) -> None:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise PluginError(_plugin, "register_items",
                                  f"item for {workflow_id}/{stage} must be a table with an id")
            reg.items.append((workflow_id, stage, dict(item), _plugin))

        _call_registration(reg, "register_items", impl, register=register_item)

    for impl in pm.hook.register_policy.get_hookimpls():
        plugin = impl.plugin_name

        def register_policy(features: str | Path, steps: str | None = None,
                            _plugin: str = plugin) -> None:
            p = Path(features)
            if not p.exists():
                raise PluginError(_plugin, "register_policy", f"features {p} not found")
            reg.policies.append((p, steps, _plugin))

        _call_registration(reg, "register_policy", impl, register=register_policy)
    return reg


def _call_registration(reg: Registry, hook: str, impl: Any, **kwargs: Any) -> None:
    _trace(hook, impl.plugin_name)
    try:
        impl.function(**kwargs)
    except PluginError as exc:
        reg.errors.append(exc)
    except Exception as exc:
        reg.errors.append(PluginError(impl.plugin_name, hook, f"{type(exc).__name__}: {exc}"))


def call_each(pm: pluggy.PluginManager, hook: str, **kwargs: Any) -> list[tuple[str, BaseException]]:
    """Call ``hook`` on every plugin separately; return the (plugin, exception) pairs raised.

    One plugin's failure never hides another's result.
    """
    failures: list[tuple[str, BaseException]] = []
    for impl in getattr(pm.hook, hook).get_hookimpls():
        _trace(hook, impl.plugin_name)
        try:
            impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
        except Exception as exc:
            failures.append((impl.plugin_name, exc))
    return failures
