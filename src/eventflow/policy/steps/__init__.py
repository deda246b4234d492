"""Step definitions of the living policy (pytest-bdd), in the domain's own words: English,
Finnish and Swedish.

Every step drives the real engine: a planning folder in a temporary directory, an
:class:`eventflow.Engine` on it, events created, changed and advanced through the engine's
public API, and the ``eventflow`` command line (click's CliRunner) where the command line is
the point. Requirements are named in quotes by (a part of) their checklist label in any
language, e.g. ``"at least one partner organisation"``; the step finds the one workflow item
whose label says so.

The modules, along the shape of a scenario:

* :mod:`eventflow.policy.stepdefs` — ``given``/``when``/``then`` and the registry of every
  step (``STEPS``), re-exported here;
* :mod:`.world` — :class:`World` (one scenario's planning folder and engine), the ``world``
  fixture, the organisers the features name;
* :mod:`.starting` (Given), :mod:`.changes` (When: planners change the event),
  :mod:`.commands` (When: planners use the command line), :mod:`.outcomes` (Then);
* :mod:`.lifecycle` — Given, When and Then of the life of an event (rules L1–L5: regressions,
  time, order of actions, reschedule, reopen).

A step function takes one phrasing per language, English first: a new step gets all three, and
``tests/test_policy_traceability.py`` fails when a feature uses a phrasing no step knows.

Plugin authors: your step module can use the ``world`` fixture (a :class:`World`) and these
decorators (``from eventflow.policy.steps import given, when, then, World``); register the
module with ``register_policy(register)`` as ``register(features, steps="your.module")``.

This package is also a pytest plugin (``-p eventflow.policy.steps``) and is star-imported by
the test modules: pytest-bdd puts one fixture per step text into the module that defines the
step, so the fixtures of every module are gathered here (``_gather``).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ..stepdefs import STEPS, StepDef, given, then, when
from . import changes, commands, lifecycle, outcomes, starting
from .world import EVENT_DATE, ORGANISERS, WORKFLOW_ID, World, scratch_dir, world


def _gather(*modules: ModuleType) -> dict[str, Any]:
    return {name: value for module in modules for name, value in vars(module).items()
            if name.startswith("pytestbdd_")}


globals().update(_gather(starting, changes, commands, outcomes, lifecycle))

__all__ = ["EVENT_DATE", "ORGANISERS", "STEPS", "WORKFLOW_ID", "StepDef", "World", "given",
           "scratch_dir", "then", "when", "world",
           *_gather(starting, changes, commands, outcomes, lifecycle)]
