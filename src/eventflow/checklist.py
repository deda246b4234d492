"""Evaluate checklist items against an event: which pass, which block, and why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import msgspec

from .event import Event, ItemState  # noqa: TC001
from .i18n import _

if TYPE_CHECKING:
    from .plugins import CheckSpec, Registry
    from .workflow import Item, Workflow


# a struct, not a dataclass: made in C at import, not compiled (see workflow.py)
class CheckResult(msgspec.Struct, frozen=True):
    """What a check returns: ``ok``, a ``reason`` a planner understands, and whether it
    ``applies`` to this event at all (a check that does not apply passes)."""

    ok: bool
    reason: str = ""
    applies: bool = True


def passed(reason: str = "") -> CheckResult:
    """What a check returns when the item is met; ``reason`` says what was found
    (``passed("one region: Pirkanmaa")``)."""
    return CheckResult(True, reason)


def failed(reason: str) -> CheckResult:
    """What a check returns when the item is not met; ``reason`` says what is missing and,
    best, the command that records it (``eventflow partner add EVENT``: the id is filled
    in)."""
    return CheckResult(False, reason)


def not_applicable(reason: str) -> CheckResult:
    """What a check returns when the item does not concern this event (it then passes);
    ``reason`` says why (``not_applicable("the event is not recorded")``)."""
    return CheckResult(True, reason, applies=False)


def with_fix(reason: str, command: str) -> str:
    """``reason`` followed by ``command``, the eventflow command line that fixes it with the
    real ids (``failed(with_fix(_("no venue"), f"eventflow venue set {event.id} --name
    NAME"))``); the judge takes an unmet item's fix from the reason's quoted command."""
    return _("{reason} (`{command}`)").format(reason=reason, command=command)


def with_command(reason: str, placeholder: str, command: str) -> str:
    """``reason`` with its suggested command ``placeholder`` (quoted in it, as every
    translation keeps it verbatim: ``eventflow venue set EVENT ...``) replaced by ``command``,
    the command line with the real ids; ``reason`` as it is when it does not quote it."""
    return reason.replace(f"`{placeholder}`", f"`{command}`")


class ItemStatus(msgspec.Struct, frozen=True):
    """What one item's check (or tick, or waiver) says now: ``ok`` with a ``reason``, the
    item's recorded ``state`` and its ``due`` date; ``applies`` is false when the check does
    not concern the event. :func:`eventflow.judge.judge` turns these into requirements."""

    item: Item
    ok: bool
    reason: str
    state: ItemState
    due: dt.date | None
    applies: bool = True

    @property
    def blocking(self) -> bool:
        """Whether the item is required and not met."""
        return self.item.required and not self.ok

    def overdue(self, today: dt.date) -> bool:
        """Whether the item is not met and its due date is before ``today``."""
        return not self.ok and self.due is not None and self.due < today

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The item and what its check says, as JSON prints it (labels in ``lang``)."""
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
    """What ``item`` says about ``event`` now: a waiver, a tick, or its check's result
    (checks get ``snapshot``, else a copy of the event; a check that raises fails the item,
    naming the check and its plugin)."""
    return _evaluate(item, event, registry.checks.get(item.check or ""), snapshot)


def _evaluate(item: Item, event: Event, spec: CheckSpec | None,
              snapshot: Event | None) -> ItemStatus:
    """:func:`evaluate_item` with the item's check ``spec`` looked up (``None``: no check of
    that name is registered, or the item is ticked by hand)."""
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
    checks = registry.checks
    # one copy per plugin: a check that changes its event cannot change another plugin's result
    copies: dict[str, Event] = {}
    statuses = []
    for item in items:  # each item's check looked up once (it was twice: 2026-11-30)
        spec = checks.get(item.check or "")
        if spec is not None and spec.plugin not in copies:
            copies[spec.plugin] = event.copy()
        statuses.append(_evaluate(item, event, spec, copies[spec.plugin] if spec else None))
    return statuses


def blockers(statuses: list[ItemStatus]) -> list[ItemStatus]:
    """The statuses of required items that are not met."""
    return [s for s in statuses if s.blocking]
