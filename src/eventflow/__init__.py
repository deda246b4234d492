"""eventflow: plan good-population-relations training days, stage by stage.

The public API for plugin authors and scripts. Plugins write ``@eventflow.hookimpl``.
Names are imported on first use, so that ``eventflow --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "eventflow.hookspecs",
    "CheckResult": "eventflow.checklist",
    "passed": "eventflow.checklist",
    "failed": "eventflow.checklist",
    "not_applicable": "eventflow.checklist",
    "EventflowError": "eventflow.errors",
    "TransitionBlocked": "eventflow.errors",
    "Engine": "eventflow.engine",
    "Event": "eventflow.event",
    "Project": "eventflow.store",
    "engine_for": "eventflow.cli",
    "OutputContext": "eventflow.outputs",
    "ParticipantSummary": "eventflow.outputs",
    "Workflow": "eventflow.workflow",
    "Stage": "eventflow.workflow",
    "Item": "eventflow.workflow",
    "WorkflowPin": "eventflow.event",
    "Host": "eventflow.event",
    "Agreement": "eventflow.event",
    "Partner": "eventflow.event",
    "Organiser": "eventflow.event",
    "Venue": "eventflow.event",
    "Cost": "eventflow.event",
    "Speaker": "eventflow.event",
    "Panelist": "eventflow.event",
    "PanelQuestion": "eventflow.event",
    "Panel": "eventflow.event",
    "Invitation": "eventflow.event",
    "ItemState": "eventflow.event",
    "PluginError": "eventflow.errors",
    "RegisterCheck": "eventflow.hookspecs",
    "RegisterOutput": "eventflow.hookspecs",
    "RegisterWorkflow": "eventflow.hookspecs",
    "RegisterItem": "eventflow.hookspecs",
    "RegisterPolicy": "eventflow.hookspecs",
}

# written out (not computed from _EXPORTS) so that linters and type checkers see it;
# tests/test_imports.py holds the two lists equal
__all__ = ["Agreement", "CheckResult", "Cost", "Engine", "Event", "EventflowError", "Host",
    "Invitation", "Item", "ItemState", "Organiser", "OutputContext", "Panel", "PanelQuestion",
    "Panelist", "ParticipantSummary", "Partner", "PluginError", "Project", "RegisterCheck",
    "RegisterItem", "RegisterOutput", "RegisterPolicy", "RegisterWorkflow", "Speaker", "Stage",
    "TransitionBlocked", "Venue", "Workflow", "WorkflowPin", "__version__", "engine_for",
    "failed", "hookimpl", "not_applicable", "passed"]

if TYPE_CHECKING:
    from .checklist import CheckResult, failed, not_applicable, passed
    from .cli import engine_for
    from .engine import Engine
    from .errors import EventflowError, PluginError, TransitionBlocked
    from .event import (
        Agreement,
        Cost,
        Event,
        Host,
        Invitation,
        ItemState,
        Organiser,
        Panel,
        Panelist,
        PanelQuestion,
        Partner,
        Speaker,
        Venue,
        WorkflowPin,
    )
    from .hookspecs import (
        RegisterCheck,
        RegisterItem,
        RegisterOutput,
        RegisterPolicy,
        RegisterWorkflow,
        hookimpl,
    )
    from .outputs import OutputContext, ParticipantSummary
    from .store import Project
    from .workflow import Item, Stage, Workflow


def __getattr__(name: str) -> Any:
    """The public name ``name`` of :data:`__all__`, imported from its module when first used.

    Raises :class:`AttributeError` for any other name.
    """
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventflow' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
