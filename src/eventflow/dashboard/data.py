"""What the dashboard shows, read through the engine only.

Every verdict the dashboard shows comes through :func:`judgement`, the one adapter between the
engine and the pages: it returns plain data (the shape below), so the pages never see the
engine's own types and nothing here decides whether a requirement is met.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine import Engine
    from ..event import Event
    from ..index.entry import Entry

HISTORY_SHOWN = 30
ADVICE = "advice not followed"


def judgement(engine: Engine, event: Event, today: dt.date, lang: str | None = None
              ) -> dict[str, Any]:
    """The engine's verdict on ``event`` as of ``today``, as plain data::

        {"status": "active" | "done" | "cancelled", "stage": str (judged at),
         "stage_number": int, "stage_ids": [str], "requirements": [
             {"item", "label", "stage", "owner", "required", "source", "state", "reason",
              "due" (ISO or None), "regression" (bool), "fix" (a command or "")}]}

    ``state`` is one of kept, waived, not yet due, broken, advice not followed.
    """
    lang = lang or engine.lang
    verdict = engine.judge(event, today, vetoes=False)
    requirements = [{
        "item": r.item.id, "label": r.item.text(lang), "stage": r.item.stage,
        "owner": r.item.owner, "required": r.item.required, "source": r.item.source,
        "state": r.state, "reason": r.reason, "due": r.due.isoformat() if r.due else None,
        "regression": r.regression, "fix": r.fix,
    } for r in verdict.requirements]
    return {"status": verdict.status, "stage": verdict.stage,
            "stage_number": verdict.stage_number, "stage_ids": list(verdict.stage_ids),
            "requirements": requirements}


def event_row(event: Event, verdict: dict[str, Any], today: dt.date,
              horizon: dt.date) -> dict[str, Any]:
    """One line of the overview: who, when, where, how far, what is late, what is next."""
    today_iso = today.isoformat()
    active = verdict["status"] == "active"
    reqs = verdict["requirements"]
    open_reqs = [r for r in reqs if r["state"] not in ("kept", "waived")]
    current = [r for r in reqs if r["stage"] == verdict["stage"]]
    overdue = [r for r in open_reqs if r["due"] and r["due"] < today_iso] if active else []
    upcoming = sorted((r for r in open_reqs if r["due"]), key=lambda r: (r["due"], r["item"]))
    nxt = upcoming[0] if upcoming and active else None
    organisations = [event.host.name] if event.host.name else []
    organisations += [p.name for p in event.partners if p.name]
    stage = event.stage
    return {
        "id": event.id, "title": event.title, "date": event.date.isoformat(),
        "region": event.region, "stage": stage, "status": verdict["status"],
        "stage_number": verdict["stage_number"], "stages": len(verdict["stage_ids"]),
        "done_in_stage": sum(1 for r in current if r["state"] in ("kept", "waived")),
        "items_in_stage": len(current),
        "overdue": len(overdue),
        "regressions": sum(1 for r in reqs if r["regression"]),
        "organisation": event.host.name,
        "organisations": sorted(set(organisations)),
        "owners": sorted({r["owner"] for r in open_reqs if r["owner"]}) if active else [],
        "next": ({"item": nxt["item"], "label": nxt["label"], "due": nxt["due"],
                  "owner": nxt["owner"]} if nxt else None),
        "upcoming": [{"event": event.id, "item": r["item"], "label": r["label"],
                      "owner": r["owner"], "due": r["due"], "overdue": r["due"] < today_iso,
                      "required": r["required"]}
                     for r in upcoming if r["due"] <= horizon.isoformat()] if active else [],
    }


def event_page(engine: Engine, event: Event, verdict: dict[str, Any],
               rules: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the event's own page shows besides its overview line."""
    workflow = engine.workflow_for(event)
    stages = []
    for stage in workflow.stages:
        stages.append({"id": stage.id, "label": stage.text(lang),
                       "requirements": [r for r in verdict["requirements"]
                                        if r["stage"] == stage.id]})
    history = engine.project.history(event.id)
    shown = list(reversed(history[-HISTORY_SHOWN:]))
    policy = rule_states(verdict, rules, lang)
    return {"stages": stages, "history": shown, "history_more": len(history) - len(shown),
            "outputs": outputs_of(engine.project.event_dir(event.id)), "policy": policy}


def outputs_of(event_dir: Any) -> list[str]:
    """The rendered documents of an event, as paths relative to its folder."""
    base = os.path.join(str(event_dir), "outputs")
    found: list[str] = []
    for top, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found.append(os.path.relpath(os.path.join(top, name), str(event_dir)))
    return found


def rule_states(verdict: dict[str, Any], rules: dict[str, Any], lang: str
                ) -> list[dict[str, Any]]:
    """The event's verdict per policy rule (the rule its items name as ``source``): broken if
    one of its items is, else not yet due if one is, else advice not followed, else kept."""
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for r in verdict["requirements"]:
        if r["source"]:
            by_rule.setdefault(r["source"], []).append(r)
    policy = []
    for rule_id, reqs in by_rule.items():
        states = {r["state"] for r in reqs}
        state = ("broken" if "broken" in states else "not yet due" if "not yet due" in states
                 else ADVICE if ADVICE in states else "kept")
        rule = rules.get(rule_id)
        policy.append({"rule": rule_id, "text": rule.label(lang) if rule else "",
                       "state": state, "item_ids": [r["item"] for r in reqs],
                       "requirements": reqs})
    policy.sort(key=lambda p: _rule_order(str(p["rule"])))
    return policy


def _rule_order(rule_id: str) -> tuple[str, int]:
    return (rule_id[:1], int(rule_id[1:]) if rule_id[1:].isdigit() else 0)


def index_row(entry: Entry, today: dt.date, horizon: dt.date,
              labels: dict[str, str] | None = None) -> dict[str, Any]:
    """:func:`event_row` from the status index's entry (its derived verdict data), without
    loading or judging the event: the same dict for the same event and day. ``labels``
    (item id → label) replaces the labels the index keeps in the folder's language."""
    day = today.toordinal()
    status = entry.field("status")
    table = entry.table or []
    # each open item (empty unless active): (due, id, its workflow item)
    kept = [(k[1], table[k[0]][0], table[k[0]]) for k in entry.open_kept()]
    # by due date, then item id (unique within an event: the items themselves never compared)
    dated = sorted([k for k in kept if k[0] is not None])
    organisation = entry.field("organisation")
    organisations = ([organisation] if organisation else []) + \
        [p for p in entry.field("partners") if p]

    def label(item: list[Any]) -> str:
        if labels is not None and item[0] in labels:
            return labels[item[0]]
        return str(item[4])

    nxt = dated[0] if dated else None
    last = horizon.toordinal()
    iso = _iso
    return {
        "id": entry.id, "title": entry.field("title"), "date": entry.field("date"),
        "region": entry.field("region"), "stage": entry.field("stage"), "status": status,
        "stage_number": entry.field("stage_number"), "stages": entry.field("stages"),
        "done_in_stage": entry.field("done_in_stage"),
        "items_in_stage": entry.field("items_in_stage"),
        "overdue": sum(1 for k in dated if k[0] < day),
        "regressions": entry.field("regressions"),
        "organisation": organisation,
        "organisations": sorted(set(organisations)),
        "owners": sorted({k[2][2] for k in kept if k[2][2]}),
        "next": ({"item": nxt[1], "label": label(nxt[2]), "due": iso(nxt[0]),
                  "owner": nxt[2][2]} if nxt else None),
        "upcoming": [{"event": entry.id, "item": k[1], "label": label(k[2]),
                      "owner": k[2][2], "due": iso(k[0]), "overdue": k[0] < day,
                      "required": bool(k[2][3])}
                     for k in dated if k[0] <= last],
    }


_ISO: dict[int, str] = {}


def _iso(day: int) -> str:
    """``date.fromordinal(day).isoformat()``, remembered (a site names few days many times)."""
    found = _ISO.get(day)
    if found is None:
        found = _ISO[day] = dt.date.fromordinal(day).isoformat()
    return found
