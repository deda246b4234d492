"""The registry of what plugins contribute: checks, outputs, workflows, checklist items and
policy features, each recorded with the plugin that gave it.

:func:`build_registry` calls every registration hook (``register_checks`` …), one plugin at a
time, handing each a ``register`` callback that checks the types it receives and refuses a
duplicate with a message naming both plugins. A plugin that raises, or hands over something
unusable, is named (plugin and hook) in :attr:`Registry.errors`; the other plugins'
contributions are kept. Everything here is importable from :mod:`eventflow.plugins` too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .errors import FileFormatError, PluginError
from .i18n import _
from .plugin_dispatch import dispatch
from .store import read_toml
from .workflowkeys import ITEM_KEYS

if TYPE_CHECKING:
    import pluggy


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


def _type_names(spec: Any) -> tuple[type, ...] | None:
    types = spec if isinstance(spec, tuple) else (spec,)
    if not types or not all(isinstance(t, type) for t in types):
        return None
    return types


def describe(value: Any) -> str:
    """``value`` named by its type and shown, cut to 120 characters (for messages)."""
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
            return self.refuse(_("check name must be a Python identifier, got {value}").format(
                value=describe(name)))
        if not callable(func):
            return self.refuse(_("check '{check}': func must be callable, got {value}").format(
                check=name, value=describe(func)))
        if params is not None and not isinstance(params, dict):
            return self.refuse(_("check '{check}': params must be a dict of name → type, got "
                                 "{value}").format(check=name, value=describe(params)))
        if not isinstance(tickable, bool):
            return self.refuse(_("check '{check}': tickable must be True or False").format(
                check=name))
        if not isinstance(description, str):
            return self.refuse(_("check '{check}': description must be text").format(check=name))
        declared: dict[str, tuple[type, ...]] = {}
        optional = set()
        for key, spec in (params or {}).items():
            bare = key.rstrip("?") if isinstance(key, str) else key
            if not isinstance(bare, str) or not bare.isidentifier():
                return self.refuse(_("check '{check}': parameter name {key} is not an "
                                     "identifier").format(check=name, key=repr(key)))
            types = _type_names(spec)
            if types is None:
                return self.refuse(_("check '{check}': parameter '{param}' must be declared "
                                     "with a type or a tuple of types, got {value}").format(
                    check=name, param=bare, value=repr(spec)))
            if key.endswith("?"):
                optional.add(bare)
            declared[bare] = types
        if name in self.reg.checks:
            return self.refuse(_("check '{check}' is already registered by plugin '{other}'; "
                                 "plugin '{plugin}' cannot register it again: rename one of "
                                 "them").format(check=name, other=self.reg.checks[name].plugin,
                                                plugin=self.plugin))
        self.reg.checks[name] = CheckSpec(name, func, declared, frozenset(optional), tickable,
                                          description, self.plugin)

    def output(self, id: str, *, stage: str, render: Callable[..., Any],
               description: str = "") -> None:
        if not isinstance(id, str) or not id.replace("-", "_").isidentifier():
            return self.refuse(_("output id must be a short name such as 'invitation_docx', "
                                 "got {value}").format(value=describe(id)))
        if not isinstance(stage, str) or not stage:
            return self.refuse(_("output '{output}': stage must be a stage id or '*', got "
                                 "{value}").format(output=id, value=describe(stage)))
        if not callable(render):
            return self.refuse(_("output '{output}': render must be callable, got "
                                 "{value}").format(output=id, value=describe(render)))
        if not isinstance(description, str):
            return self.refuse(_("output '{output}': description must be text").format(
                output=id))
        if id in self.reg.outputs:
            return self.refuse(_("output '{output}' is already registered by plugin "
                                 "'{other}'; plugin '{plugin}' cannot register it again: "
                                 "rename one of them").format(
                output=id, other=self.reg.outputs[id].plugin, plugin=self.plugin))
        self.reg.outputs[id] = OutputSpec(id, stage, render, description, self.plugin)

    def workflow(self, path: str | Path) -> None:
        if not isinstance(path, (str, Path)):
            return self.refuse(_("register(path) needs the path of a workflow file, got "
                                 "{value}").format(value=describe(path)))
        p = Path(path)
        if not p.is_file():
            return self.refuse(_("workflow file {path} not found").format(path=p))
        try:
            # parsed once per process: loading reads it again
            wf_id = read_toml(p)[0].get("workflow", {}).get("id")
        except (FileFormatError, AttributeError) as exc:
            return self.refuse(_("workflow file {path} cannot be read: {problem}").format(
                path=p, problem=exc))
        if not isinstance(wf_id, str):
            return self.refuse(_("workflow file {path} has no [workflow] id").format(path=p))
        if wf_id in self.reg.workflow_ids:
            other_path, other = self.reg.workflow_ids[wf_id]
            return self.refuse(_("workflow '{workflow}' ({path}) is already registered by "
                                 "plugin '{other}' ({other_path}); give one of them another "
                                 "id").format(workflow=wf_id, path=p, other=other,
                                              other_path=other_path))
        self.reg.workflow_ids[wf_id] = (p, self.plugin)
        self.reg.workflows[p] = self.plugin

    def item(self, workflow_id: str, stage: str, item: dict[str, Any]) -> None:
        if not isinstance(workflow_id, str) or not isinstance(stage, str):
            return self.refuse(_("register(workflow_id, stage, item) needs two names, got "
                                 "{first} and {second}").format(first=describe(workflow_id),
                                                                second=describe(stage)))
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return self.refuse(_("item for {where} must be a table (dict) with an id, got "
                                 "{value}").format(where=f"{workflow_id}/{stage}",
                                                   value=describe(item)))
        unknown = sorted(set(item) - ITEM_KEYS)
        if unknown:
            return self.refuse(_("item '{item}' has unknown key(s) {keys}; allowed: "
                                 "{allowed}").format(item=item["id"], keys=", ".join(unknown),
                                                     allowed=", ".join(sorted(ITEM_KEYS))))
        for wf, _stage, other, plugin in self.reg.items:
            if wf == workflow_id and other["id"] == item["id"]:
                return self.refuse(_("item '{item}' of workflow {workflow} is already added by "
                                     "plugin '{plugin}'; rename one of them").format(
                    item=item["id"], workflow=workflow_id, plugin=plugin))
        import copy  # lazy: with weakref 4.1 ms (-X importtime), only for plugins' items

        self.reg.items.append((workflow_id, stage, copy.deepcopy(item), self.plugin))

    def policy(self, features: str | Path, steps: str | None = None) -> None:
        if not isinstance(features, (str, Path)):
            return self.refuse(_("register(features, steps) needs a path, got {value}").format(
                value=describe(features)))
        if steps is not None and (not isinstance(steps, str)
                                  or not all(p.isidentifier() for p in steps.split("."))):
            return self.refuse(_("steps must be a dotted module name, got {value}").format(
                value=describe(steps)))
        p = Path(features)
        if not p.exists():
            return self.refuse(_("features {path} not found").format(path=p))
        for other, _steps, plugin in self.reg.policies:
            if other.resolve() == p.resolve():
                return self.refuse(_("features {path} are already registered by plugin "
                                     "'{plugin}'").format(path=p, plugin=plugin))
        self.reg.policies.append((p, steps, self.plugin))


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
                reg.errors.append(PluginError(result.plugin, hook, _("raised {error}: {problem}")
                                              .format(error=type(result.error).__name__,
                                                      problem=result.error)))
            elif result.value is not None:
                reg.errors.append(PluginError(
                    result.plugin, hook, _("returned {type}; the return value is ignored: hand "
                                           "each contribution to register(...) instead").format(
                        type=type(result.value).__name__)))
    return reg
