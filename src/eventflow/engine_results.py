"""What the engine gives back: a :class:`Blocker` (one thing that holds an event at its stage)
and an :class:`Outcome` (what a change saved, warned and reported). Both are re-exported by
:mod:`eventflow.engine`, where they are imported from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from .event import Event


# a struct, not a dataclass: made in C at import, not compiled (see workflow.py)
class Blocker(msgspec.Struct):
    """One thing that holds an event at its stage.

    ``kind`` is ``regression`` (a requirement of a stage already left that broke later),
    ``requirement`` (a required item of the current stage not met), ``time`` (the stage may
    not be left before a day) or ``veto`` (a plugin's ``before_transition`` refused); ``fix``
    is the command that mends it, with the real event id, when there is one."""

    item: str
    label: str
    owner: str
    due: dt.date | None
    reason: str
    source: str
    plugin: str = ""
    kind: str = "requirement"
    fix: str = ""
    stage: str = ""

    def to_json(self) -> dict[str, Any]:
        """The blocker as ``why --json`` prints it (docs/json.md): dates as ISO text, empty
        texts as ``None``."""
        return {"item": self.item, "label": self.label, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "reason": self.reason,
                "source": self.source, "plugin": self.plugin or None, "kind": self.kind,
                "fix": self.fix or None, "stage": self.stage or None}


class Outcome(msgspec.Struct):
    """What a change gives back: the ``event`` as saved, the ``warnings`` to show, and the
    ``details`` the change reported (what its ``mutate`` returned, when a dict)."""

    event: Event
    warnings: list[str] = msgspec.field(default_factory=list)
    details: dict[str, Any] = msgspec.field(default_factory=dict)


__all__ = ["Blocker", "Outcome"]
