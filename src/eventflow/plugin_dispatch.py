"""The one hook dispatcher: every hook eventflow calls on plugins goes through
:func:`dispatch`, one plugin at a time, so that one plugin's failure never hides another's
result. On top of it: :func:`call_each` for the lifecycle hooks (``before_transition`` …) and
:func:`add_plugin_commands` for ``register_commands``. Everything here is importable from
:mod:`eventflow.plugins` too."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from .errors import PluginError
from .i18n import _

if TYPE_CHECKING:
    import click
    import pluggy


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
                name, hook, _("{hook} cannot be a wrapper: remove wrapper=True / "
                              "hookwrapper=True from its @eventflow.hookimpl").format(hook=hook))))
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


def _fresh(value: Any) -> Any:
    """A copy for one plugin, so that no plugin sees another's changes."""
    if hasattr(value, "copy") and type(value).__name__ == "Event":
        return value.copy()
    if isinstance(value, (dict, list)):
        import copy  # lazy: copy brings weakref, 4.1 ms of `eventflow check`, whose hooks
        # have no plugin to copy for unless one is installed (python -X importtime)

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


# commands ---------------------------------------------------------------------------------------
def add_plugin_commands(pm: pluggy.PluginManager, group: click.Group) -> list[PluginError]:
    """Let every plugin of ``pm`` add commands to ``group`` through ``register_commands``.

    Each plugin sees a stand-in group; its commands are copied to ``group`` only when their
    names are free, so a plugin can neither replace an eventflow command nor another plugin's.
    Returns the problems met, each naming its plugin; ``group`` keeps everything else.
    """
    import click  # lazy: click costs 14 ms (-X importtime); the front door's check has none

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
                                        _("raised {error}: {problem}").format(
                                            error=type(result.error).__name__,
                                            problem=result.error)))
            continue
        staging = stagings[plugin]
        if result.value is not None:
            problems.append(PluginError(plugin, "register_commands",
                                        _("returned {type}; the return value is ignored: add "
                                          "commands with @cli.command()").format(
                                            type=type(result.value).__name__)))
        taken = {*group.commands, *getattr(group, "lazy_commands", ())}
        for name, command in staging.commands.items():
            if name in taken:
                problems.append(PluginError(plugin, "register_commands", (
                    _("command '{command}' is already taken by plugin '{owner}'; the plugin's "
                      "command is left out").format(command=name, owner=owners[name])
                    if name in owners else
                    _("command '{command}' is already taken by eventflow itself; the plugin's "
                      "command is left out").format(command=name))))
                continue
            group.add_command(command, name)
            owners[name] = plugin
    return problems


def command_names(pm: pluggy.PluginManager, plugin: str) -> list[str]:
    """The command names ``plugin`` would add (called on a throwaway group)."""
    import click  # lazy: click costs 14 ms (-X importtime); the front door's check has none

    staging = click.Group(name="eventflow")
    others = [p for name, p in pm.list_name_plugin() if name != plugin]
    try:
        pm.subset_hook_caller("register_commands", others)(cli=staging)
    except Exception:  # reported by add_plugin_commands; here only names are wanted
        return []
    return sorted(staging.commands)
