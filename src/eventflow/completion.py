"""Shell completion of the planning data: event ids, item ids, stages, partner, speaker and
cost ids, regions, languages, plugin names, workflow ids and rule ids.

The values come straight from the planning folder's files, never from the engine: event ids
are the folders of ``events/``; items and stages come from the workflow snapshot the event
pins (``events/.workflows/<hash>.toml``), or from the folder's or the shipped workflow when
no event is named; partners, speakers and costs from the event's own ``event.toml``. A
completion reads a few small files and stays within a small factor of ``import click``
(bench/run.py, goal P9).

Completion goes by the *name* of a parameter, so a command gets it by naming its parameters
as the others do — no import of this module is needed in a command module:

=================  =======================================================
parameter name     completes
=================  =======================================================
``event``          event ids
``item``           item ids of the event's workflow
``stage``          stage ids (``stages`` too: ``--stage``, repeatable)
``partner_id``     the event's partner ids (``speaker_id``, ``cost_id``)
``region``         the 19 regions (Finnish names)
``languages``      language codes (``lang`` too)
``plugins``        installed and active plugin names (``plugin`` too)
``workflow_id``    workflow ids (``workflow`` too)
``rules``          rule ids of the policy (``rule`` too)
=================  =======================================================

:func:`attach` gives the completers to a command's parameters; the CLI's groups call it for
each command they resolve while a completion is being asked for (``_EVENTFLOW_COMPLETE`` set).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from .folder import planning_folder
from .names import EVENT_FILE, EVENTS_DIR, WORKFLOWS_DIR

COMPLETE_VAR = "_EVENTFLOW_COMPLETE"


def completing() -> bool:
    """Whether this run of the command line only answers a shell's completion request."""
    return COMPLETE_VAR in os.environ


# the planning folder, read cheaply ---------------------------------------------------------------
def _root(ctx: Any) -> str | None:
    directory = ctx.find_root().params.get("directory") if ctx is not None else None
    return planning_folder(directory)


def _toml(path: str) -> dict[str, Any]:
    import tomli

    try:
        with open(path, "rb") as fh:
            return tomli.load(fh)
    except (OSError, ValueError):
        return {}


def event_ids(root: str | None, prefix: str = "") -> list[str]:
    """The ids of the events of the planning folder ``root`` that begin with ``prefix``, sorted:
    the folders of ``events/`` (not hidden) that hold an event file. Only the folders whose
    name begins with ``prefix`` are looked into (one ``stat`` each)."""
    if root is None:
        return []
    events = os.path.join(root, EVENTS_DIR)
    try:
        with os.scandir(events) as entries:
            return sorted(e.name for e in entries if e.name.startswith(prefix)
                          and not e.name.startswith(".")
                          and os.path.isfile(os.path.join(e.path, EVENT_FILE)))
    except OSError:
        return []


def _event_file(ctx: Any, root: str | None) -> str | None:
    """The event the command line names so far (an id or a unique prefix), as a path; a whole
    id is found without listing the events (as :meth:`eventflow.store.Project.resolve`)."""
    name = str(ctx.params.get("event") or "") if ctx is not None else ""
    if root is None or not name or name.startswith(".") or os.sep in name or "/" in name:
        return None
    path = os.path.join(root, EVENTS_DIR, name, EVENT_FILE)
    if os.path.isfile(path):
        return path
    found = event_ids(root, name)
    return os.path.join(root, EVENTS_DIR, found[0], EVENT_FILE) if len(found) == 1 else None


def _workflow(ctx: Any) -> dict[str, Any]:
    """The workflow of the named event (its pinned snapshot), else the default workflow."""
    root = _root(ctx)
    path = _event_file(ctx, root)
    if path is not None and root is not None:
        pin = _toml(path).get("workflow", {})
        digest = str(pin.get("hash", "")).partition(":")[2]
        snapshot = os.path.join(root, EVENTS_DIR, ".workflows", f"{digest}.toml")
        if digest and os.path.isfile(snapshot):
            return _toml(snapshot)
        wanted = str(pin.get("id", ""))
    else:
        wanted = "good-relations-training"
    for folder in _workflow_folders(root):
        candidate = os.path.join(folder, f"{wanted}.toml")
        if os.path.isfile(candidate):
            return _toml(candidate)
    return {}


def _workflow_folders(root: str | None) -> list[str]:
    shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workflows")
    return ([os.path.join(root, WORKFLOWS_DIR)] if root else []) + [shipped]


# the completers ----------------------------------------------------------------------------------
def _events(ctx: Any, prefix: str) -> list[str]:
    return event_ids(_root(ctx), prefix)  # only the folders that can match are looked into


def _items(ctx: Any, prefix: str) -> list[str]:
    return [str(i.get("id")) for s in _workflow(ctx).get("stages", [])
            for i in s.get("items", []) if i.get("id")]


def _stages(ctx: Any, prefix: str) -> list[str]:
    return [str(s.get("id")) for s in _workflow(ctx).get("stages", []) if s.get("id")]


def _event_list(key: str) -> Callable[[Any, str], list[str]]:
    def ids(ctx: Any, prefix: str) -> list[str]:
        path = _event_file(ctx, _root(ctx))
        rows = _toml(path).get(key, []) if path else []
        return [str(r.get("id")) for r in rows if isinstance(r, dict) and r.get("id")]

    return ids


def _regions(ctx: Any, prefix: str) -> list[str]:
    from .regions import REGIONS

    return [r.fi for r in REGIONS]


def _languages(ctx: Any, prefix: str) -> list[str]:
    from .vocab import LANGUAGES

    return list(LANGUAGES)


def _plugins(ctx: Any, prefix: str) -> list[str]:
    from importlib.metadata import entry_points

    root = _root(ctx)
    settings = _toml(os.path.join(root, "eventflow.toml")) if root else {}
    active = settings.get("plugins", {}).get("active", [])
    installed = [ep.name for ep in entry_points(group="eventflow")]
    return sorted({*installed, *(str(a) for a in active)})


def _workflows(ctx: Any, prefix: str) -> list[str]:
    found: set[str] = set()
    for folder in _workflow_folders(_root(ctx)):
        try:
            found.update(n[:-5] for n in os.listdir(folder) if n.endswith(".toml"))
        except OSError:
            continue
    return sorted(found)


def _rules(ctx: Any, prefix: str) -> list[str]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "rules.toml")
    return [str(r.get("id")) for r in _toml(path).get("rules", []) if r.get("id")]


#: parameter name → the values for the command line so far (``ctx``) that may begin with the
#: word being completed (a completer may give others: they are filtered out)
COMPLETERS: dict[str, Callable[[Any, str], list[str]]] = {
    "event": _events,
    "item": _items,
    "stage": _stages, "stages": _stages,
    "partner_id": _event_list("partners"),
    "speaker_id": _event_list("speakers"),
    "cost_id": _event_list("costs"),
    "region": _regions,
    "languages": _languages, "lang": _languages,
    "plugins": _plugins, "plugin": _plugins,
    "workflow_id": _workflows, "workflow": _workflows,
    "rules": _rules, "rule": _rules,
}


def _completer(values: Callable[[Any, str], list[str]]) -> Callable[..., list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        # a comma-separated list (--lang fi,sv): complete the last part
        head, comma, last = incomplete.rpartition(",") if param.name == "languages" else \
            ("", "", incomplete)
        try:
            options = values(ctx, last)
        except Exception:  # a completion never fails the shell; it offers nothing
            return []
        return [CompletionItem(head + comma + v) for v in options if v.startswith(last)]

    return complete


def attach(command: Any) -> None:
    """Give ``command``'s parameters their completers (by parameter name), unless a parameter
    has its own ``shell_complete`` or a fixed choice."""
    import click

    if isinstance(command, click.Group):  # its subcommands too (a group made apart from cli)
        for sub in command.commands.values():
            attach(sub)
    for param in getattr(command, "params", []):
        values = COMPLETERS.get(param.name or "")
        if values is None or getattr(param, "_custom_shell_complete", None) is not None:
            continue
        if isinstance(param.type, click.Choice) or getattr(param, "is_flag", False):
            continue
        param._custom_shell_complete = _completer(values)


def script(shell: str, prog_name: str = "eventflow") -> str:
    """The completion script click writes for ``shell`` (bash, zsh or fish)."""
    from click.shell_completion import get_completion_class

    from .cli import cli

    cls = get_completion_class(shell)
    if cls is None:
        raise ValueError(f"no completion for the shell '{shell}'; use bash, zsh or fish")
    return cls(cli, {}, prog_name, COMPLETE_VAR).source()
