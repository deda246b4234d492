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
}

__all__ = [
    "CheckResult",
    "Engine",
    "Event",
    "EventflowError",
    "Project",
    "TransitionBlocked",
    "__version__",
    "failed",
    "hookimpl",
    "not_applicable",
    "passed",
]

if TYPE_CHECKING:
    from .checklist import CheckResult, failed, not_applicable, passed
    from .engine import Engine
    from .errors import EventflowError, TransitionBlocked
    from .event import Event
    from .hookspecs import hookimpl
    from .store import Project


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
