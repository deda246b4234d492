"""Evaluate checklist items against an event: which pass, which block, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .event import Event, ItemState  # noqa: TC001
from .i18n import _

if TYPE_CHECKING:
    from .plugins import Registry
    from .workflow import Item, Workflow


@dataclass(frozen=True)
class CheckResult:
    """What a check returns: ``ok``, a ``reason`` a planner understands, and whether it
    ``applies`` to this event at all (a check that does not apply passes)."""

    ok: bool
    reason: str = ""
    applies: bool = True


def passed(reason: str = "") -> CheckResult:
    return CheckResult(True, reason)


def failed(reason: str) -> CheckResult:
    return CheckResult(False, reason)


def not_applicable(reason: str) -> CheckResult:
    return CheckResult(True, reason, applies=False)


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    ok: bool
    reason: str
    state: ItemState
    due: dt.date | None
    applies: bool = True

    @property
    def blocking(self) -> bool:
        return self.item.required and not self.ok

    def overdue(self, today: dt.date) -> bool:
        return not self.ok and self.due is not None and self.due < today

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        item = self.item
        return {
            "item": item.id,
            "stage": item.stage,
            "label": item.text(lang),
            "kind": "manual" if item.manual else "check",
            "check": item.check,
            "required": item.required,
            "ok": self.ok,
            "applies": self.applies,
            "reason": self.reason,
            "owner": item.owner,
            "due": self.due.isoformat() if self.due else None,
            "source": item.source,
            "checked_by": self.state.by or None,
            "checked_at": self.state.at.isoformat() if self.state.at else None,
            "note": self.state.note or None,
            "waived": self.state.waived,
        }


def evaluate_item(item: Item, event: Event, registry: Registry,
                  snapshot: Event | None = None) -> ItemStatus:
    state = event.item_state(item.id)
    due = event.due.get(item.id)
    if item.waivable and state.waived:
        return ItemStatus(item, True, _("waived by {who}: {note}").format(
            who=state.by or _("unknown"), note=state.note), state, due)
    if item.manual:
        if state.checked:
            text = _("ticked by {who}").format(who=state.by) if state.by else _("ticked")
            return ItemStatus(item, True, text, state, due)
        return ItemStatus(item, False, _("not ticked yet (eventflow check EVENT {item})").format(
            item=item.id), state, due)
    spec = registry.checks.get(item.check or "")
    if spec is None:
        return ItemStatus(item, False, _("check '{check}' is not available: install and "
                                         "activate the plugin that provides it").format(
                                             check=item.check), state, due)
    if spec.tickable and state.checked:
        return ItemStatus(item, True, _("ticked by {who}").format(who=state.by or _("unknown")),
                          state, due)
    data = snapshot if snapshot is not None else event.copy()
    try:
        result = spec.func(data, **item.params)
    except Exception as exc:
        return ItemStatus(item, False, _("check {check} of plugin {plugin} failed: "
                                         "{error}").format(check=spec.name, plugin=spec.plugin,
                                                           error=f"{type(exc).__name__}: {exc}"),
                          state, due)
    if isinstance(result, bool):
        result = CheckResult(result, "" if result else _("check did not pass"))
    if not isinstance(result, CheckResult):
        return ItemStatus(item, False, _("check {check} of plugin {plugin} returned {type}, "
                                         "expected CheckResult or bool").format(
                                             check=spec.name, plugin=spec.plugin,
                                             type=type(result).__name__), state, due)
    if not isinstance(result.ok, bool) or not isinstance(result.applies, bool):
        return ItemStatus(item, False, _("check {check} of plugin {plugin} returned a "
                                         "CheckResult whose ok/applies is not true or "
                                         "false").format(check=spec.name, plugin=spec.plugin),
                          state, due)
    return ItemStatus(item, result.ok, result.reason, state, due, result.applies)


def evaluate(workflow: Workflow, event: Event, registry: Registry,
             stage: str | None = None) -> list[ItemStatus]:
    """Evaluate every item of ``stage`` (default: every stage) for ``event``."""
    items = workflow.stage(stage).items if stage else workflow.items()
    # one copy per plugin: a check that changes its event cannot change another plugin's result
    copies: dict[str, Event] = {}

    def snapshot(item: Item) -> Event | None:
        spec = registry.checks.get(item.check or "")
        if spec is None:
            return None
        if spec.plugin not in copies:
            copies[spec.plugin] = event.copy()
        return copies[spec.plugin]

    return [evaluate_item(item, event, registry, snapshot(item)) for item in items]


def blockers(statuses: list[ItemStatus]) -> list[ItemStatus]:
    return [s for s in statuses if s.blocking]
