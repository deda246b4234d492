"""Plugin manager factory, discovery controls, and the registry of what plugins contribute.

Built-in features are plugins in ``eventflow.default_plugins`` and are registered exactly like
third-party ones. Third-party plugins come from the ``eventflow`` entry-point group and are
loaded only when the planning folder activates them (``[plugins] active = [...]`` in
``eventflow.toml``) and the environment allows it:

* ``EVENTFLOW_LOAD_PLUGINS`` — comma-separated allow-list; set but empty loads none;
* ``EVENTFLOW_DISABLED_PLUGINS`` — comma-separated block-list;
* ``EVENTFLOW_TRACE_PLUGINS=1`` — print every hook call to stderr.

The host owns every ``register`` callback: it checks the types it receives, records which
plugin gave each contribution, and refuses a duplicate with a message naming both plugins.
A plugin that raises, or hands over something unusable, is named (plugin and hook) in
:attr:`Registry.errors`; the other plugins' contributions are kept.
"""

from __future__ import annotations

import copy
import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import msgspec
import pluggy

from . import hookspecs
from .errors import PluginError

if TYPE_CHECKING:
    import click


ENTRY_POINT_GROUP = "eventflow"

BUILTIN_PLUGINS = (
    "eventflow.default_plugins.checks",
    "eventflow.default_plugins.workflows",
    "eventflow.default_plugins.outputs",
)

REGISTRATION_HOOKS = ("register_checks", "register_outputs", "register_workflows",
                      "register_items", "register_policy")
LIFECYCLE_HOOKS = ("before_transition", "after_transition", "after_item_changed")


# a struct, not a dataclass: made in C at import, not compiled (see workflow.py)
class CheckSpec(msgspec.Struct, frozen=True):
    """A check contributed through ``register_checks``."""

    name: str
    func: Callable[..., Any]
    params: dict[str, tuple[type, ...]]
    optional: frozenset[str]
    tickable: bool
    description: str
    plugin: str


class OutputSpec(msgspec.Struct, frozen=True):
    """An output contributed through ``register_outputs``."""

    id: str
    stage: str
    render: Callable[..., Any]
    description: str
    plugin: str


class Registry(msgspec.Struct):
    """What the plugins of one manager contributed, and which plugin gave each piece.

    ``workflows`` maps a workflow file to the plugin that gave it; ``items`` holds
    (workflow id, stage, item table, plugin); ``policies`` holds (features path, steps module,
    plugin). ``errors`` lists every problem found while collecting, each naming its plugin.
    """

    checks: dict[str, CheckSpec] = msgspec.field(default_factory=dict)
    outputs: dict[str, OutputSpec] = msgspec.field(default_factory=dict)
    workflows: dict[Path, str] = msgspec.field(default_factory=dict)
    items: list[tuple[str, str, dict[str, Any], str]] = msgspec.field(default_factory=list)
    policies: list[tuple[Path, str | None, str]] = msgspec.field(default_factory=list)
    errors: list[PluginError] = msgspec.field(default_factory=list)
    workflow_ids: dict[str, tuple[Path, str]] = msgspec.field(default_factory=dict)

    def contributions(self, plugin: str) -> dict[str, list[str]]:
        """What ``plugin`` contributed, by kind (names, ids and paths as text)."""
        return {
            "checks": sorted(n for n, c in self.checks.items() if c.plugin == plugin),
            "outputs": sorted(n for n, o in self.outputs.items() if o.plugin == plugin),
            "workflows": sorted(w for w, (_, p) in self.workflow_ids.items() if p == plugin),
            "items": [f"{wf}/{stage}/{item['id']}" for wf, stage, item, p in self.items
                      if p == plugin],
            "policy": [str(path) for path, _, p in self.policies if p == plugin],
        }


class PluginNotice(PluginError):
    """Not an error of the plugin: a fact about it every command says (such as being kept out
    by the environment). Printed as its message alone."""

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        super().__init__(plugin, hook, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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
    fix = (f"remove {name} from EVENTFLOW_DISABLED_PLUGINS"
           if blocker == "EVENTFLOW_DISABLED_PLUGINS"
           else f"add {name} to {blocker}, or unset {blocker}")
    return {"plugin": name, "blocked_by": blocker, "not_checked": list(NOT_CHECKED),
            "message": f"requirements of plugin {name} are not checked: {blocker}",
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
    return os.environ.get("EVENTFLOW_TRACE_PLUGINS") == "1"


def _trace(message: str) -> None:
    if tracing():
        sys.stderr.write(f"eventflow-trace: {message}\n")


def installed_entry_points() -> list[Any]:
    """Every entry point of the ``eventflow`` group, whether active or not (nothing imported)."""
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


def entry_point_version(ep: Any) -> str:
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
        import importlib

        from . import __version__

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
        args = ", ".join(f"{k}={_describe(v)[:60]}" for k, v in kwargs.items())
        _trace(f"calling {hook} of plugin {impl.plugin_name} ({args})")


def _trace_after(outcome: Any, hook: str, impls: Sequence[Any],
                 kwargs: Mapping[str, Any]) -> None:
    names = ", ".join(impl.plugin_name for impl in impls)
    if outcome.exception is not None:
        exc = outcome.exception
        _trace(f"{hook} of plugin {names} raised {type(exc).__name__}: {exc}")
    else:
        _trace(f"{hook} of plugin {names} returned {_describe(outcome.get_result())}")


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
                ep.name, "load", f"two installed packages use the plugin name '{ep.name}' "
                f"({other.value} and {ep.value}); uninstall one of them"))
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
                name, "load", "active in eventflow.toml but not installed: pip install the "
                "package that provides it, remove it from [plugins] active, or set "
                f"EVENTFLOW_DISABLED_PLUGINS={name} to work without it"))
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken install must be named, whatever it raised
            _problem(pm, strict, PluginError(
                name, "load", f"cannot import {ep.value}: {type(exc).__name__}: {exc}; "
                f"reinstall it or set EVENTFLOW_DISABLED_PLUGINS={name}"))
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
                close = difflib.get_close_matches(hook, _hook_names(), n=1)
                hints.append(f"'{hook}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
            _problem(pm, strict, PluginError(
                name, "load", f"implements {', '.join(hints)}, which eventflow does not have; "
                f"fix the hook name or set EVENTFLOW_DISABLED_PLUGINS={name}"))
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
        raise PluginError(name, "load", f"cannot be registered twice ({exc}); register it "
                          "once, under one name") from None


def _spec_args(hook: str) -> list[str]:
    import inspect

    func = getattr(hookspecs, hook, None)
    return list(inspect.signature(func).parameters) if func is not None else []


def _impl_args(pm: pluggy.PluginManager, plugin: object) -> dict[str, list[str]]:
    """Hook name → the argument names the plugin's implementation declares."""
    import inspect

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
            close = [difflib.get_close_matches(a, expected, n=1) for a in wrong]
            hints = "; ".join(f"rename '{a}' to '{c[0]}'" if c else f"remove '{a}'"
                              for a, c in zip(wrong, close, strict=True))
            return (f"its {hook} takes argument(s) {', '.join(wrong)}, which eventflow does "
                    f"not pass; {hook} receives {', '.join(expected)}: {hints} (any subset of "
                    "those names may be used, in any order)")
    first_line = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    return (f"a hook implementation is not acceptable ({first_line}); compare it with "
            "eventflow.hookspecs")


def _hook_names() -> list[str]:
    return [n for n in dir(hookspecs) if getattr(getattr(hookspecs, n), "eventflow_spec", None)]


def _unknown_hooks(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    return sorted(caller.name for caller in pm.get_hookcallers(plugin) or []
                  if not caller.has_spec())


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    return pm.get_name(plugin) or repr(plugin)


def hooks_of(pm: pluggy.PluginManager, name: str) -> list[str]:
    """The hooks the plugin ``name`` implements, sorted."""
    plugin = pm.get_plugin(name)
    if plugin is None:
        return []
    return sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])


# registration -----------------------------------------------------------------------------------
def _type_names(spec: Any) -> tuple[type, ...] | None:
    types = spec if isinstance(spec, tuple) else (spec,)
    if not types or not all(isinstance(t, type) for t in types):
        return None
    return types


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:120]


class _Collector:
    """Builds the ``register`` callbacks for one plugin and one hook."""

    def __init__(self, reg: Registry, plugin: str, hook: str) -> None:
        self.reg = reg
        self.plugin = plugin
        self.hook = hook

    def refuse(self, message: str) -> None:
        self.reg.errors.append(PluginError(self.plugin, self.hook, message))

    def check(self, name: str, func: Callable[..., Any], *,
              params: dict[str, Any] | None = None, tickable: bool = False,
              description: str = "") -> None:
        if not isinstance(name, str) or not name.isidentifier():
            return self.refuse(f"check name must be a Python identifier, got {_describe(name)}")
        if not callable(func):
            return self.refuse(f"check '{name}': func must be callable, got {_describe(func)}")
        if params is not None and not isinstance(params, dict):
            return self.refuse(f"check '{name}': params must be a dict of name → type, got "
                               f"{_describe(params)}")
        if not isinstance(tickable, bool):
            return self.refuse(f"check '{name}': tickable must be True or False")
        if not isinstance(description, str):
            return self.refuse(f"check '{name}': description must be text")
        declared: dict[str, tuple[type, ...]] = {}
        optional = set()
        for key, spec in (params or {}).items():
            bare = key.rstrip("?") if isinstance(key, str) else key
            if not isinstance(bare, str) or not bare.isidentifier():
                return self.refuse(f"check '{name}': parameter name {key!r} is not an identifier")
            types = _type_names(spec)
            if types is None:
                return self.refuse(f"check '{name}': parameter '{bare}' must be declared with "
                                   f"a type or a tuple of types, got {spec!r}")
            if key.endswith("?"):
                optional.add(bare)
            declared[bare] = types
        if name in self.reg.checks:
            return self.refuse(f"check '{name}' is already registered by plugin "
                               f"'{self.reg.checks[name].plugin}'; plugin '{self.plugin}' "
                               "cannot register it again: rename one of them")
        self.reg.checks[name] = CheckSpec(name, func, declared, frozenset(optional), tickable,
                                          description, self.plugin)

    def output(self, id: str, *, stage: str, render: Callable[..., Any],
               description: str = "") -> None:
        if not isinstance(id, str) or not id.replace("-", "_").isidentifier():
            return self.refuse(f"output id must be a short name such as 'invitation_docx', "
                               f"got {_describe(id)}")
        if not isinstance(stage, str) or not stage:
            return self.refuse(f"output '{id}': stage must be a stage id or '*', got "
                               f"{_describe(stage)}")
        if not callable(render):
            return self.refuse(f"output '{id}': render must be callable, got "
                               f"{_describe(render)}")
        if not isinstance(description, str):
            return self.refuse(f"output '{id}': description must be text")
        if id in self.reg.outputs:
            return self.refuse(f"output '{id}' is already registered by plugin "
                               f"'{self.reg.outputs[id].plugin}'; plugin '{self.plugin}' "
                               "cannot register it again: rename one of them")
        self.reg.outputs[id] = OutputSpec(id, stage, render, description, self.plugin)

    def workflow(self, path: str | Path) -> None:
        from .errors import FileFormatError
        from .store import read_toml  # parsed once per process: loading reads it again

        if not isinstance(path, (str, Path)):
            return self.refuse(f"register(path) needs the path of a workflow file, got "
                               f"{_describe(path)}")
        p = Path(path)
        if not p.is_file():
            return self.refuse(f"workflow file {p} not found")
        try:
            wf_id = read_toml(p)[0].get("workflow", {}).get("id")
        except (FileFormatError, AttributeError) as exc:
            return self.refuse(f"workflow file {p} cannot be read: {exc}")
        if not isinstance(wf_id, str):
            return self.refuse(f"workflow file {p} has no [workflow] id")
        if wf_id in self.reg.workflow_ids:
            other_path, other = self.reg.workflow_ids[wf_id]
            return self.refuse(f"workflow '{wf_id}' ({p}) is already registered by plugin "
                               f"'{other}' ({other_path}); give one of them another id")
        self.reg.workflow_ids[wf_id] = (p, self.plugin)
        self.reg.workflows[p] = self.plugin

    def item(self, workflow_id: str, stage: str, item: dict[str, Any]) -> None:
        from .workflow import _ITEM_KEYS

        if not isinstance(workflow_id, str) or not isinstance(stage, str):
            return self.refuse(f"register(workflow_id, stage, item) needs two names, got "
                               f"{_describe(workflow_id)} and {_describe(stage)}")
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return self.refuse(f"item for {workflow_id}/{stage} must be a table (dict) with an "
                               f"id, got {_describe(item)}")
        unknown = sorted(set(item) - _ITEM_KEYS)
        if unknown:
            return self.refuse(f"item '{item['id']}' has unknown key(s) {', '.join(unknown)}; "
                               f"allowed: {', '.join(sorted(_ITEM_KEYS))}")
        for wf, _, other, plugin in self.reg.items:
            if wf == workflow_id and other["id"] == item["id"]:
                return self.refuse(f"item '{item['id']}' of workflow {workflow_id} is already "
                                   f"added by plugin '{plugin}'; rename one of them")
        self.reg.items.append((workflow_id, stage, copy.deepcopy(item), self.plugin))

    def policy(self, features: str | Path, steps: str | None = None) -> None:
        if not isinstance(features, (str, Path)):
            return self.refuse(f"register(features, steps) needs a path, got "
                               f"{_describe(features)}")
        if steps is not None and (not isinstance(steps, str)
                                  or not all(p.isidentifier() for p in steps.split("."))):
            return self.refuse(f"steps must be a dotted module name, got {_describe(steps)}")
        p = Path(features)
        if not p.exists():
            return self.refuse(f"features {p} not found")
        for other, _, plugin in self.reg.policies:
            if other.resolve() == p.resolve():
                return self.refuse(f"features {p} are already registered by plugin '{plugin}'")
        self.reg.policies.append((p, steps, self.plugin))


# the one dispatcher ------------------------------------------------------------------------------
class HookResult(msgspec.Struct):
    """One plugin's answer to one hook call: what it returned, or what it raised."""

    plugin: str
    value: Any = None
    error: BaseException | None = None


def dispatch(pm: pluggy.PluginManager, hook: str,
             kwargs: dict[str, Any] | Callable[[str], dict[str, Any]]) -> list[HookResult]:
    """Call ``hook`` on every plugin, each separately, through pluggy.

    Each implementation is called through ``pm.subset_hook_caller`` (a pluggy hook caller
    holding that one plugin), so pluggy's hook-call monitoring and tracing see every call.
    ``kwargs`` is either the arguments (each plugin gets its own copy of the event and of any
    dict or list) or a function from plugin name to that plugin's arguments. One plugin's
    exception never stops the others; wrappers are refused, named.
    """
    caller = getattr(pm.hook, hook)
    impls = caller.get_hookimpls()
    everyone = [impl.plugin for impl in impls]
    results = []
    for impl in impls:
        name = impl.plugin_name
        if impl.hookwrapper or impl.wrapper:
            results.append(HookResult(name, error=PluginError(
                name, hook, f"{hook} cannot be a wrapper: remove wrapper=True / "
                "hookwrapper=True from its @eventflow.hookimpl")))
            continue
        args = kwargs(name) if callable(kwargs) else {k: _fresh(v) for k, v in kwargs.items()}
        one = pm.subset_hook_caller(hook, [p for p in everyone if p is not impl.plugin])
        try:
            returned = one(**args)
        except Exception as exc:  # one plugin's failure is reported; it hides nothing
            results.append(HookResult(name, error=exc))
        else:
            results.append(HookResult(name, value=returned[0] if returned else None))
    return results


def build_registry(pm: pluggy.PluginManager) -> Registry:
    """Call every registration hook, one plugin at a time, and record who gave what.

    Plugins are asked in registration order (built-ins first), so a third-party plugin can
    never replace a built-in contribution: its duplicate is refused.
    """
    reg = Registry()
    reg.errors.extend(getattr(pm, "problems", []))
    for name, notice in zip(getattr(pm, "skipped", {}), getattr(pm, "notices", []), strict=True):
        reg.errors.append(PluginNotice(name, "load", notice))
    callbacks = {"register_checks": "check", "register_outputs": "output",
                 "register_workflows": "workflow", "register_items": "item",
                 "register_policy": "policy"}
    for hook, method in callbacks.items():
        def arguments(plugin: str, hook: str = hook, method: str = method) -> dict[str, Any]:
            return {"register": getattr(_Collector(reg, plugin, hook), method)}

        for result in dispatch(pm, hook, arguments):
            if isinstance(result.error, PluginError):
                reg.errors.append(result.error)
            elif result.error is not None:
                reg.errors.append(PluginError(result.plugin, hook, f"raised "
                                              f"{type(result.error).__name__}: {result.error}"))
            elif result.value is not None:
                reg.errors.append(PluginError(
                    result.plugin, hook, f"returned {type(result.value).__name__}; the return "
                    "value is ignored: hand each contribution to register(...) instead"))
    return reg


def _fresh(value: Any) -> Any:
    """A copy for one plugin, so that no plugin sees another's changes."""
    if hasattr(value, "copy") and type(value).__name__ == "Event":
        return value.copy()
    if isinstance(value, (dict, list)):
        return copy.deepcopy(value)
    return value


def call_each(pm: pluggy.PluginManager, hook: str,
              **kwargs: Any) -> list[tuple[str, BaseException]]:
    """Call lifecycle ``hook`` on every plugin separately; return the (plugin, exception)
    pairs raised.

    Each plugin gets its own copy of the event and of any dict or list argument. One plugin's
    failure never hides another's result; return values are ignored.
    """
    return [(r.plugin, r.error) for r in dispatch(pm, hook, kwargs) if r.error is not None]


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


# commands ---------------------------------------------------------------------------------------
def add_plugin_commands(pm: pluggy.PluginManager, group: click.Group) -> list[PluginError]:
    """Let every plugin of ``pm`` add commands to ``group`` through ``register_commands``.

    Each plugin sees a stand-in group; its commands are copied to ``group`` only when their
    names are free, so a plugin can neither replace an eventflow command nor another plugin's.
    Returns the problems met, each naming its plugin; ``group`` keeps everything else.
    """
    import click

    problems: list[PluginError] = []
    owners: dict[str, str] = {}
    stagings: dict[str, click.Group] = {}

    def arguments(plugin: str) -> dict[str, Any]:
        stagings[plugin] = click.Group(name=group.name)
        return {"cli": stagings[plugin]}

    for result in dispatch(pm, "register_commands", arguments):
        plugin = result.plugin
        if result.error is not None:
            problems.append(result.error if isinstance(result.error, PluginError) else
                            PluginError(plugin, "register_commands",
                                        f"raised {type(result.error).__name__}: {result.error}"))
            continue
        staging = stagings[plugin]
        if result.value is not None:
            problems.append(PluginError(plugin, "register_commands",
                                        f"returned {type(result.value).__name__}; the return "
                                        "value is ignored: add commands with @cli.command()"))
        taken = {*group.commands, *getattr(group, "lazy_commands", ())}
        for name, command in staging.commands.items():
            if name in taken:
                by = f"plugin '{owners[name]}'" if name in owners else "eventflow itself"
                problems.append(PluginError(plugin, "register_commands",
                                            f"command '{name}' is already taken by {by}; "
                                            "the plugin's command is left out"))
                continue
            group.add_command(command, name)
            owners[name] = plugin
    return problems


def command_names(pm: pluggy.PluginManager, plugin: str) -> list[str]:
    """The command names ``plugin`` would add (called on a throwaway group)."""
    import click

    staging = click.Group(name="eventflow")
    others = [p for name, p in pm.list_name_plugin() if name != plugin]
    try:
        pm.subset_hook_caller("register_commands", others)(cli=staging)
    except Exception:  # reported by add_plugin_commands; here only names are wanted
        return []
    return sorted(staging.commands)
