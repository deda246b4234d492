"""What ``eventflow why EVENT`` prints, made from the event's view: the verdict on the event
as ``status EVENT`` keeps it (:func:`eventflow.index.status_view`), blockers in their JSON shape
(:meth:`eventflow.engine.Blocker.to_json`).

The view is judged before any day; the one part of ``why`` that depends on the day, the time
blocker (a stage that may not be left before a day), is kept apart in it and put back here for
the day asked about. So the CLI (after the engine made the view, or from the kept one) and the
front door (quick.py, from the kept one) print the same bytes, and neither needs the engine
when the view is kept.

Due dates are written in the interface language (:func:`eventflow.present.day`, Babel). A view
made in a language keeps the dates of its blockers written in it (``days``), so that a kept
view is printed without loading Babel; a date not written there is formatted when printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .i18n import _
from .names import DONE
from .present import clean, day

if TYPE_CHECKING:
    import datetime as dt


def blockers_on(view: dict[str, Any], today: dt.date) -> list[dict[str, Any]]:
    """The view's blockers as of ``today``: regressions, unmet requirements, the time blocker
    while ``today`` is before the stage may be left, then plugin vetoes."""
    data = view["json"]
    found = list(data["blockers"])
    leave_from = data.get("leave_from")
    if view.get("time") and leave_from and today.isoformat() < leave_from:
        at = next((i for i, b in enumerate(found) if b.get("kind") == "veto"), len(found))
        found[at:at] = view["time"]
    return found


def judged_at(view: dict[str, Any]) -> str:
    """The stage the event is judged at: its stage, the one a cancelled event was cancelled
    at, ``done`` for a done event."""
    data = view["json"]
    if data["status"] == DONE:
        return DONE
    return next((s["stage"] for s in data["stages"] if s.get("current")), data["stage"])


def why_json(view: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """``why EVENT --json`` (docs/json.md)."""
    data = view["json"]
    found = blockers_on(view, today)
    return {"id": data["id"], "stage": data["stage"], "status": data["status"],
            "judged_at_stage": judged_at(view),
            "can_advance": data["status"] == "active" and not found,
            "leave_from": data.get("leave_from"), "regressions": data["regressions"],
            "blockers": found}


def why_lines(view: dict[str, Any], today: dt.date, lang: str) -> list[str]:
    """The lines ``why EVENT`` prints on ``today`` in the interface language ``lang``."""
    data = view["json"]
    event, stage, status = data["id"], data["stage"], data["status"]
    held = judged_at(view)
    found = blockers_on(view, today)
    if status == "cancelled":
        return [_("{event} is cancelled (at '{stage}'): nothing to leave; `eventflow reopen "
                  "{event} {stage} --reason ...` brings it back").format(event=event, stage=held)]
    if status == "done" and not found:
        return [_("{event} is done: every stage was left and every requirement still "
                  "holds").format(event=event)]
    if not found:
        return [_("{event} can leave '{stage}': every requirement is met "
                  "(eventflow advance {event})").format(event=event, stage=stage)]
    regressions = [b for b in found if b.get("kind") == "regression"]
    if status == "done":
        head = _("{event} is done, but {count} requirement(s) of stages it left no longer "
                 "hold:").format(event=event, count=len(regressions))
    else:
        also = (_(", {count} of them regression(s)").format(count=len(regressions))
                if regressions else "")
        head = _("{event} cannot leave '{stage}' yet; {count} requirement(s) "
                 "unmet{also}:").format(event=event, stage=stage, count=len(found), also=also)
    days = view.get("days", {}).get(lang)
    return [head, *blocker_lines(found, lang, days if isinstance(days, dict) else None)]


def blocker_lines(blockers: list[dict[str, Any]], lang: str,
                  days: dict[str, str] | None = None) -> list[str]:
    """Blockers as people read them: a heading per kind when there are several kinds, then
    each with owner, due date, source, reason and fix. ``days``: due dates (ISO) already
    written in ``lang``."""
    titles = {"regression": _("regressions (stages already left):"),
              "requirement": _("requirements of this stage:"), "time": _("time:"),
              "veto": _("plugin vetoes:")}
    kinds = {b.get("kind") or "requirement" for b in blockers}
    lines = []
    heading = ""
    for b in blockers:
        kind = b.get("kind") or "requirement"
        title = titles.get(kind, "")
        if title != heading and len(kinds) > 1:
            lines.append(f"  {title}")
            heading = title
        due = b.get("due")
        when = (days or {}).get(due) or day(due, lang) if due else ""
        due_text = _(", due {date}").format(date=when) if due else ""
        of_stage = (_(" of {stage}").format(stage=b["stage"])
                    if kind == "regression" and b.get("stage") else "")
        lines.append(clean(f"  ✗ {b['item']}{of_stage}: {b['label']}"))
        if b.get("owner") or b.get("source"):
            lines.append(clean("      " + _("owner {owner}{due}; source {source}").format(
                owner=b.get("owner") or "-", due=due_text, source=b.get("source") or "-")))
        lines.append(clean(f"      {b['reason']}"))
        fix = b.get("fix") or ""
        if fix and fix not in b["reason"]:
            lines.append(clean("      " + _("fix: {fix}").format(fix=fix)))
    return lines


def due_days(view: dict[str, Any], lang: str) -> dict[str, dict[str, str]]:
    """The blockers' due dates written in ``lang``, to keep with the view (``days``); none
    for English, whose dates are ISO."""
    if lang == "en":
        return {}
    dues = {b["due"] for b in [*view["json"]["blockers"], *view.get("time", [])]
            if b.get("due")}
    return {lang: {iso: day(iso, lang) for iso in sorted(dues)}} if dues else {}
