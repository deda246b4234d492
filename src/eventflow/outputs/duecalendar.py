"""One calendar of every due date across events (``eventflow calendar``).

Each open checklist item with a due date becomes an all-day VEVENT on that date, with two
VALARM reminders (a week and a day before). UIDs are ``<event>.<item>@eventflow``, stable
across runs and reschedules; SEQUENCE is the number of times the event was rescheduled, so a
subscribed calendar replaces the moved entries. Items already ticked or waived, and events
done or cancelled, are left out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..schedule import today as _today
from ..workflow import CANCELLED, DONE
from .formats import ics_calendar, ics_event
from .text import file_slug

if TYPE_CHECKING:
    from ..engine import Engine

ALARMS = (dt.timedelta(days=7), dt.timedelta(days=1))


def due_entries(engine: Engine, owner: str | None = None) -> list[dict[str, Any]]:
    """The open due dates of every event, sorted by date: event, item, owner, stage."""
    entries: list[dict[str, Any]] = []
    for event_id in engine.project.event_ids():
        event = engine.load(event_id)
        if event.stage in (DONE, CANCELLED):
            continue
        workflow = engine.workflow_for(event)
        reschedules = sum(1 for entry in engine.project.history(event.id)
                          if entry.get("action") == "reschedule"
                          and entry.get("applied") is not False)
        for item_id, due in sorted(event.due.items()):
            try:
                item = workflow.item(item_id)
            except (KeyError, ValueError, LookupError):
                continue
            state = event.item_state(item_id)
            if state.checked or state.waived:
                continue
            if owner and item.owner != owner:
                continue
            entries.append({"event": event, "item": item, "due": due, "owner": item.owner,
                            "stage": item.stage, "sequence": reschedules})
    entries.sort(key=lambda e: (e["due"], e["event"].id, e["item"].id))
    return entries


def due_calendar(engine: Engine, owner: str | None = None, lang: str = "en",
                 today: dt.date | None = None) -> tuple[bytes, int]:
    """The iCalendar file of :func:`due_entries` and how many due dates it holds."""
    stamp = dt.datetime.combine(today or _today(), dt.time(0, 0), tzinfo=dt.UTC)
    events = []
    entries = due_entries(engine, owner)
    for entry in entries:
        event, item = entry["event"], entry["item"]
        events.append(ics_event(
            f"{file_slug(event.id, 60)}.{file_slug(item.id, 60)}@eventflow",
            f"{event.title}: {item.text(lang)}", entry["due"], stamp=stamp,
            sequence=entry["sequence"],
            description=f"{event.id} · {item.stage} · {item.id} · {item.owner}\n"
                        f"eventflow check {event.id} {item.id}",
            alarms=ALARMS))
    name = "eventflow" + (f" – {owner}" if owner else "")
    return ics_calendar(events, name), len(entries)
