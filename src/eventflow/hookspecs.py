"""The plugin contract: every hook eventflow calls, with what it passes and what it expects back.

Other organisations build against this module. A plugin implements any subset of these hooks
with ``@eventflow.hookimpl`` and is published under the ``eventflow`` entry-point group.

Two families:

* registration hooks, called once per process when the plugin manager is built; a plugin hands
  its contributions to a ``register`` callback that eventflow owns (it validates them, records
  which plugin gave them and refuses duplicates);
* lifecycle hooks, called around a change to one event.

Plugins receive copies of event data: changing them has no effect on what eventflow saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    import click

    from .event import Event

hookspec = pluggy.HookspecMarker("eventflow")
hookimpl = pluggy.HookimplMarker("eventflow")


@hookspec
def register_checks(register: Callable[..., None]) -> None:
    """Contribute named checks that workflow items can use.

    Called once, when the plugin manager is built. Call
    ``register(name, func, params={...}, tickable=False, description="")`` once per check:

    * ``name`` (str): the name a workflow item writes as ``check = "name"``; unique across
      all plugins.
    * ``func(event, **params) -> CheckResult | bool``: computes the check from a copy of the
      event. Return :class:`eventflow.CheckResult` (``ok``, ``reason``, ``applies``) or a
      bool. Raising is reported as a failure of this check, naming the plugin.
    * ``params`` (dict[str, type | tuple[type, ...]]): the parameters the check accepts and
      their types; a workflow giving other parameters fails validation. A key ending in ``?``
      is optional.
    * ``tickable`` (bool): the item can also be ticked by a person (the check reads
      ``event.item_state(item_id)``).

    The return value of this hook is ignored.
    """


@hookspec
def register_outputs(register: Callable[..., None]) -> None:
    """Contribute stage outputs (documents rendered by ``eventflow outputs``).

    Called once. Call ``register(id, stage=..., render=func, description="")`` per output:
    ``render(context) -> list[tuple[str, bytes | str]]`` returns file names (no folders) and
    contents to write into ``events/<id>/outputs/<stage>/``. ``stage`` is a stage id, or ``"*"``
    for every stage. Output ids are unique across plugins. The return value is ignored.
    """


@hookspec
def register_workflows(register: Callable[..., None]) -> None:
    """Contribute workflow definitions.

    Called once. Call ``register(path)`` with the path of a workflow TOML file shipped in the
    plugin's package. Workflow ids are unique across plugins and the planning folder. The
    return value is ignored.
    """


@hookspec
def register_items(register: Callable[..., None]) -> None:
    """Add checklist items to a stage of an existing workflow.

    Called once. Call ``register(workflow_id, stage, item)`` where ``item`` is a table with
    the same keys as a ``[[stages.items]]`` table of a workflow file (``id``, ``label`` in
    fi/sv/en, ``check`` and ``params`` or neither, ``required``, ``owner``, ``due``,
    ``source``). The item is validated with the workflow when it loads and appended to the
    stage; its id must be unique in the workflow. Events pin a hash that covers these items.
    The return value is ignored.
    """


@hookspec
def register_policy(register: Callable[..., None]) -> None:
    """Contribute living policy: Gherkin features and the step definitions that bind them.

    Called once. Call ``register(features, steps=None)``: ``features`` is the path of a
    ``.feature`` file or a folder of them shipped in the plugin's package; ``steps`` is the
    dotted name of a module of pytest-bdd step definitions the features need beyond
    eventflow's own (``eventflow.policy.steps``). ``eventflow policy`` lists these features
    under the plugin's name and ``eventflow policy verify`` runs them. The return value is
    ignored.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``eventflow`` command line.

    Called once, when the CLI starts, with the root ``click.Group``; use ``@cli.command()``.
    A command name already taken is refused. The return value is ignored.
    """


@hookspec
def before_transition(event: Event, source: str, dest: str, trigger: str) -> None:
    """Veto a stage transition.

    Called after eventflow's own checks have passed and before anything is saved. ``source`` and
    ``dest`` are stage ids; ``trigger`` is ``advance``, ``reopen`` or ``cancel``. Raise
    :class:`eventflow.TransitionBlocked` with a reason a planner can act on to refuse; every
    plugin is asked and every veto is reported. Returning (any value) allows the transition.
    """


@hookspec
def after_transition(event: Event, source: str, dest: str, trigger: str) -> None:
    """React to a transition that has been saved (``event`` is a copy of the new state).

    Called once per transition, after the event file and its history have been written. An
    exception is reported as a warning naming the plugin; the transition stays done. The
    return value is ignored.
    """


@hookspec
def after_item_changed(event: Event, item_id: str, state: dict[str, Any]) -> None:
    """React to a checklist item being ticked, unticked or waived (after it is saved).

    ``state`` is the item's new state (``checked``, ``by``, ``at``, ``note``, ``waived``).
    An exception is reported as a warning naming the plugin. The return value is ignored.
    """
