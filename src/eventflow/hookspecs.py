"""The plugin contract: every hook eventflow calls, with what it passes and what it expects back.

Other organisations build against this module. A plugin implements any subset of these hooks
with ``@eventflow.hookimpl`` (the argument names must match the ones below; a plugin may leave
out arguments it does not need) and is published under the ``eventflow`` entry-point group.
A planning folder activates it with ``[plugins] active = ["<entry-point name>"]`` in its
``eventflow.toml``.

Two families:

* **registration hooks** (``register_*``), called once per plugin manager, one plugin at a
  time, built-ins first. A plugin hands each contribution to a ``register`` callback that
  eventflow owns: eventflow checks the types it receives, records which plugin gave it, and
  refuses a duplicate with a message naming both plugins (the first registration stays, so a
  plugin cannot replace a built-in). A registration hook that raises, or returns anything but
  ``None``, is reported naming plugin and hook; what it registered before that is kept, and
  every other plugin's contributions are kept.
* **lifecycle hooks**, called around a change to one event: ``before_transition`` (may veto by
  raising :class:`eventflow.TransitionBlocked`), ``after_transition`` and
  ``after_item_changed``. Every plugin is called, each separately and with its own copy of the
  event: changing it has no effect on what eventflow saves, and one plugin's exception never
  stops another plugin from being called. No lifecycle hook stops at a first result; return
  values are ignored.

Hook wrappers (``hookwrapper=True`` / ``wrapper=True``) are not supported on these hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    import click

    from .checklist import CheckResult
    from .event import Event
    from .outputs import OutputContext

hookspec = pluggy.HookspecMarker("eventflow")
hookimpl = pluggy.HookimplMarker("eventflow")

__all__ = ["CheckFunction", "RegisterCheck", "RegisterItem", "RegisterOutput",
           "RegisterPolicy", "RegisterWorkflow", "RenderFunction", "hookimpl", "hookspec"]


# what the register callbacks take (mypy checks a plugin's calls against these) ----------------
CheckFunction = Callable[..., "CheckResult | bool"]
"""``func(event, **params)``: decides a check from a copy of the event and the item's params."""

RenderFunction = Callable[["OutputContext"], Sequence[tuple[str, bytes | str]]]
"""``render(ctx)``: the (file name, content) pairs of one output."""


class RegisterCheck(Protocol):
    """The ``register`` of :func:`register_checks`."""

    def __call__(self, name: str, func: CheckFunction, *,
                 params: Mapping[str, type | tuple[type, ...]] | None = None,
                 tickable: bool = False, description: str = "") -> None: ...


class RegisterOutput(Protocol):
    """The ``register`` of :func:`register_outputs`."""

    def __call__(self, id: str, *, stage: str, render: RenderFunction,
                 description: str = "") -> None: ...


class RegisterWorkflow(Protocol):
    """The ``register`` of :func:`register_workflows`."""

    def __call__(self, path: str | Path) -> None: ...


class RegisterItem(Protocol):
    """The ``register`` of :func:`register_items`: ``item`` has the keys of a
    ``[[stages.items]]`` table (docs/workflows.md)."""

    def __call__(self, workflow_id: str, stage: str, item: Mapping[str, Any]) -> None: ...


class RegisterPolicy(Protocol):
    """The ``register`` of :func:`register_policy`."""

    def __call__(self, features: str | Path, steps: str | None = None) -> None: ...


# registration ---------------------------------------------------------------------------------
@hookspec
def register_checks(register: RegisterCheck) -> None:
    """Contribute named checks that workflow items can use.

    When: once per plugin manager, before any workflow is loaded.

    Call ``register(name, func, *, params=None, tickable=False, description="")`` once per
    check:

    * ``name`` (str, a Python identifier): what a workflow item writes as
      ``check = "name"``. Unique across all plugins: a name already taken (by a built-in or
      another plugin) is refused with a message naming both plugins.
    * ``func(event, **params) -> CheckResult | bool``: computes the check from a *copy* of the
      :class:`eventflow.Event` and the item's ``params``. Return
      :class:`eventflow.CheckResult` (use ``eventflow.passed(reason)``,
      ``eventflow.failed(reason)``, ``eventflow.not_applicable(reason)``) or a bool. The
      reason is shown to planners by ``eventflow why``: say what is missing and how to record
      it. A check that raises, or returns anything else, blocks its item with
      "check NAME of plugin PLUGIN failed: ..." — it never passes.
    * ``params`` (``dict[str, type | tuple[type, ...]]``): the parameters the check accepts and
      their types, e.g. ``{"min": int, "groups?": list}``; a key ending in ``?`` is optional.
      A workflow item giving other parameters, or values of other types, fails validation.
    * ``tickable`` (bool): a person may also tick the item; a ticked item passes without
      calling ``func``.
    * ``description`` (str): one line for ``eventflow plugins`` and workflow authors.

    Return: ``None``. Any other value is reported as a mistake (use ``register``).
    """


@hookspec
def register_outputs(register: RegisterOutput) -> None:
    """Contribute stage outputs: documents that ``eventflow outputs`` renders.

    When: once per plugin manager.

    Call ``register(id, *, stage, render, description="")`` once per output:

    * ``id`` (str, letters, digits, ``_`` or ``-``): unique across plugins; a taken id is
      refused with a message naming both plugins.
    * ``stage`` (str): the stage id the output belongs to, or ``"*"`` for every stage.
    * ``render(context) -> list[tuple[str, bytes | str]]``: returns (file name, content)
      pairs to write into ``events/<id>/outputs/<stage>/``. File names have no folders;
      ``str`` content is written as UTF-8. ``context`` is an
      :class:`eventflow.outputs.OutputContext`: ``event`` (a copy), ``workflow``, ``stage``,
      ``languages`` (tuple), ``settings`` (a copy of this plugin's ``[plugins.<name>]``
      table), ``today`` (date), ``participants()`` (registration counts by target group or
      ``None``; never names), ``render_template(name, lang, **vars)`` (renders
      ``<lang>/<name>`` in the Jinja2 sandbox; the planning folder's
      ``templates/<lang>/<name>`` wins over eventflow's own), ``render_string(source, lang,
      html=False, **vars)`` (your own template text, same sandbox) and ``label(kind, key,
      lang)``. Optionally set ``render.inputs`` to a tuple of event field names (and
      ``"participants"``) the output reads, so ``eventflow outputs --stale`` compares only
      those; by default every planning field counts. A render runs under a time limit
      (``EVENTFLOW_OUTPUT_TIMEOUT``, 10 s). A render that raises, runs too long or returns
      anything else (or an unsafe file name) is reported naming the output and the plugin,
      and writes nothing; the other outputs are still made.
    * ``description`` (str): one line for ``eventflow plugins``.

    Return: ``None``. Any other value is reported as a mistake (use ``register``).
    """


@hookspec
def register_workflows(register: RegisterWorkflow) -> None:
    """Contribute whole workflow definitions.

    When: once per plugin manager.

    Call ``register(path)`` with the path (``str`` or ``pathlib.Path``) of a workflow TOML
    file shipped inside the plugin's package (for example
    ``Path(__file__).parent / "my-workflow.toml"``). The file is data only and is validated
    like any workflow when it is first used. Its ``[workflow] id`` must be unique across
    plugins: a taken id is refused naming both plugins. A workflow file of the same id in the
    planning folder's ``workflows/`` wins over a plugin's (with a warning).

    Return: ``None``. Any other value is reported as a mistake (use ``register``).
    """


@hookspec
def register_items(register: RegisterItem) -> None:
    """Add checklist items to a stage of an existing workflow.

    When: once per plugin manager, before workflows are loaded.

    Call ``register(workflow_id, stage, item)``: ``workflow_id`` and ``stage`` (str) name
    where the item goes; ``item`` is a dict with the keys of a ``[[stages.items]]`` table of a
    workflow file: ``id``, ``label`` (``{"fi": ..., "sv": ..., "en": ...}``), ``check`` and
    ``params`` (or neither, for a manual item a person ticks), ``required``, ``waivable``,
    ``owner``, ``due`` (e.g. ``"-8w"``), ``opens`` and ``source`` (docs/workflows.md). Unknown
    keys are refused at once; the rest is validated with the workflow when it loads (a bad
    item makes the workflow report a problem naming the plugin). The item is appended to the
    stage; its id must be unique in the workflow and across plugins. Events pin a workflow
    hash that covers added items, so activating such a plugin shows "workflow changed" for
    events already in flight.

    Return: ``None``. Any other value is reported as a mistake (use ``register``).
    """


@hookspec
def register_policy(register: RegisterPolicy) -> None:
    """Contribute living policy: Gherkin features and the step definitions that bind them.

    When: once per plugin manager.

    Call ``register(features, steps=None)``: ``features`` (``str`` or ``Path``) is a
    ``.feature`` file or a folder of them shipped in the plugin's package; ``steps`` is the
    dotted name of a module of pytest-bdd step definitions the features need beyond
    eventflow's own (``eventflow.policy.steps``), or ``None``. A ``Rule:`` tagged
    ``@<plugin>.<name>`` is one of the plugin's rules, enforced by the items whose ``source``
    names it: ``eventflow policy``, ``policy check EVENT`` and ``policy report`` show it beside
    eventflow's rules with the plugin as its source, and ``eventflow policy verify`` runs the
    features (docs/plugins.md). The same features registered twice are refused naming both
    plugins.

    Return: ``None``. Any other value is reported as a mistake (use ``register``).
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``eventflow`` command line.

    When: once, when ``eventflow`` starts in a planning folder whose ``eventflow.toml``
    activates the plugin (``eventflow --help`` outside such a folder never loads plugins).

    ``cli`` is a click group standing in for the root ``eventflow`` group: add commands with
    ``@cli.command()`` or ``@cli.group()``. A command whose name is already taken (by eventflow
    or an earlier plugin) is left out with a message naming the plugin. Inside a command, reach
    the planning folder with ``eventflow.Engine(eventflow.Project.find(...))`` — see
    ``docs/plugins.md``.

    Return: ``None``. Any other value is reported as a mistake.
    """


# lifecycle --------------------------------------------------------------------------------------
@hookspec
def before_transition(event: Event, source: str, dest: str, trigger: str) -> None:
    """Veto a stage transition.

    When: for ``advance``, after eventflow's own checklist has been evaluated (also by
    ``eventflow why``, which asks without changing anything); for ``reopen`` and ``cancel``,
    before the change. Nothing has been saved yet.

    * ``event``: a copy of the event before the transition.
    * ``source``, ``dest``: stage ids (``dest`` may be ``done`` or ``cancelled``).
    * ``trigger``: ``"advance"``, ``"reopen"`` or ``"cancel"``.

    To refuse, raise :class:`eventflow.TransitionBlocked` with a reason a planner can act on;
    every plugin is asked and every veto is listed, next to the checklist's blockers. Any other
    exception also blocks the transition, reported as "plugin NAME failed in
    before_transition: ...". Returning (whatever the value, ``None`` included) allows it: a
    return value never means "block".
    """


@hookspec
def after_transition(event: Event, source: str, dest: str, trigger: str) -> None:
    """React to a transition that has been saved.

    When: once per transition, after the event file and its history have been written.

    ``event`` is a copy of the event in its new stage; ``source``, ``dest`` and ``trigger``
    as in :func:`before_transition`. An exception is reported as a warning naming the plugin;
    the transition stays done. The return value is ignored.
    """


@hookspec
def after_item_changed(event: Event, item_id: str, state: dict[str, Any]) -> None:
    """React to a checklist item being ticked, unticked or waived.

    When: after the change has been saved (``eventflow check``, ``uncheck``, ``waive``).

    * ``event``: a copy of the event after the change.
    * ``item_id``: the item's id.
    * ``state``: the item's new state as plain data — ``checked`` (bool), ``waived`` (bool),
      ``by`` (str), ``at`` (datetime or absent), ``note`` (str); keys at their default are
      left out, so an unticked item gives ``{}``.

    An exception is reported as a warning naming the plugin. The return value is ignored.
    """
