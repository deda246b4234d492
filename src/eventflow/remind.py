"""Reminders: per person, the items due soon and overdue across every active event.

What is due is the engine's verdict, as the status index keeps it (its derived verdict data,
:func:`eventflow.index.upcoming`, what ``eventflow next`` reads; :meth:`Engine.upcoming` gives
the same from the engine itself); this module only decides who hears about it, in which
language, and whether they already did (the sent-log of :mod:`eventflow.mail`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .index.entry import TICKABLE, Entry, upcoming
from .mail import HOLD, SKIP, Outgoing, new_message, plan_key

if TYPE_CHECKING:
    from .engine import Engine
    from .event import Event
    from .people import Directory, Person

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "subject": "eventflow: {n} tehtävää erääntyy {days} päivän sisällä",
        "subject_overdue": "eventflow: {n} tehtävää, joista {late} myöhässä",
        "hello": "Hei {name},",
        "intro": "seuraavat tehtävät ovat vastuullasi ({roles}). Ne erääntyvät {days} päivän "
                 "sisällä tai ovat jo myöhässä.",
        "event": "{title} ({id}), {date}",
        "overdue": "MYÖHÄSSÄ",
        "due": "eräpäivä {due}",
        "advice": "suositus",
        "tick": "Kuittaa tehtyä: {command}",
        "data": "Kirjaa tiedot; puuttuvat asiat näet: {command}",
        "footer": "Kustakin tehtävästä ja eräpäivästä lähetetään yksi muistutus. "
                  "Tilanne: eventflow next --days {days}",
    },
    "sv": {
        "subject": "eventflow: {n} uppgifter förfaller inom {days} dagar",
        "subject_overdue": "eventflow: {n} uppgifter, varav {late} försenade",
        "hello": "Hej {name},",
        "intro": "följande uppgifter är ditt ansvar ({roles}). De förfaller inom {days} dagar "
                 "eller är redan försenade.",
        "event": "{title} ({id}), {date}",
        "overdue": "FÖRSENAD",
        "due": "förfallodag {due}",
        "advice": "rekommendation",
        "tick": "Markera som gjord: {command}",
        "data": "Registrera uppgifterna; vad som saknas visar: {command}",
        "footer": "En påminnelse skickas för varje uppgift och förfallodag. "
                  "Läget: eventflow next --days {days}",
    },
    "en": {
        "subject": "eventflow: {n} items due within {days} days",
        "subject_overdue": "eventflow: {n} items, {late} overdue",
        "hello": "Hello {name},",
        "intro": "these items are yours ({roles}). They fall due within {days} days or are "
                 "already overdue.",
        "event": "{title} ({id}), {date}",
        "overdue": "OVERDUE",
        "due": "due {due}",
        "advice": "advice",
        "tick": "Tick it when done: {command}",
        "data": "Record the data; what is missing: {command}",
        "footer": "One reminder is sent for each item and due date. "
                  "Where things stand: eventflow next --days {days}",
    },
}


def texts(lang: str, fallback: str) -> dict[str, str]:
    return TEXTS.get(lang) or TEXTS.get(fallback) or TEXTS["en"]


@dataclass
class Due:
    """One open item of one event for one person."""

    event: str
    item: str
    label: str
    stage: str
    owner: str
    due: str
    overdue: bool
    required: bool
    command: str
    key: str
    fix: str | None = None  # the judge's advice for an item computed from the event's data

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "item": self.item, "label": self.label,
                "stage": self.stage, "owner": self.owner, "due": self.due,
                "overdue": self.overdue, "required": self.required, "command": self.command,
                "fix": self.fix, "key": self.key}


@dataclass
class Plan:
    """What ``remind`` would send: messages to write or send, and what it leaves out."""

    today: dt.date
    days: int
    messages: list[Outgoing] = field(default_factory=list)
    items: dict[str, list[Due]] = field(default_factory=dict)  # address -> items in its message
    people: dict[str, Person] = field(default_factory=dict)
    already_sent: int = 0
    unknown: list[dict[str, Any]] = field(default_factory=list)
    unassigned: list[dict[str, Any]] = field(default_factory=list)


def reminder_key(address: str, event: str, item: str, due: str) -> str:
    return f"remind:{address.lower()}:{event}:{item}:{due}"


@dataclass
class EventFacts:
    """What a reminder says of an event, and whose it is: from the status index's entry (or
    the event itself), so that planning reminders loads no event."""

    id: str
    title: str
    date: dt.date
    owners: dict[str, list[str]]
    tickable: set[str]
    pin: tuple[str, str, str]  # the workflow it follows: id, version, hash
    #: item id -> (label in the folder's language, {other language: label}), from the index
    labels: dict[str, tuple[str, dict[str, str]]] | None = None

    def label(self, item_id: str, lang: str) -> str | None:
        """The item's label in ``lang`` as the index keeps it; None: ask the workflow."""
        if self.labels is None or item_id not in self.labels:
            return None
        label, others = self.labels[item_id]
        return others.get(lang, label)


def facts_of_entry(entry: Entry,
                   labels: dict[str, dict[str, tuple[str, dict[str, str]]]] | None = None
                   ) -> EventFacts:
    """What the index keeps of the event; ``labels`` keeps each workflow's labels, made
    once for all the events that follow it."""
    pin = entry.field("pin")
    labels = {} if labels is None else labels
    if pin[2] not in labels:
        labels[pin[2]] = {row[0]: (row[4], row[5]) for row in entry.table or []}
    return EventFacts(entry.id, entry.field("title"), dt.date.fromisoformat(entry.field("date")),
                      dict(entry.field("owners")),
                      {entry.item_of(kept)[0] for kept in entry.open_kept()
                       if kept[2] & TICKABLE},
                      (pin[0], pin[1], pin[2]),
                      labels[pin[2]])


def facts_of_event(engine: Engine, event: Event) -> EventFacts:
    return EventFacts(event.id, event.title, event.date, dict(event.owners),
                      set(engine.tickable(event)),
                      (event.workflow.id, event.workflow.version, event.workflow.hash))


def plan(engine: Engine, directory: Directory, today: dt.date, days: int,
         states: dict[str, dict[str, Any]], retry_unknown: bool = False,
         entries: list[Entry] | None = None) -> Plan:
    """Sort the engine's open items (due within ``days`` or overdue) by person, leave out
    those already reminded, and compose one message per person.

    With ``entries`` (the status index's, fresh: :func:`eventflow.index.entries`) the open
    items and what is said of each event come from their derived verdict data, and no event
    is loaded or judged; without, from :meth:`Engine.upcoming`, which judges every event.
    Both give the same plan."""
    result = Plan(today, days)
    events: dict[str, EventFacts] = {}
    if entries is not None:
        rows = upcoming(entries, today, days)
        by_id = {e.id: e for e in entries}
    else:
        rows = engine.upcoming(today, days)
    dues: dict[str, list[tuple[Due, EventFacts]]] = {}
    roles: dict[str, list[str]] = {}
    labels: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
    for row in rows:
        event = events.get(row["event"])
        if event is None:
            event = events[row["event"]] = (
                facts_of_entry(by_id[row["event"]], labels) if entries is not None
                else facts_of_event(engine, engine.project.load(row["event"])))
        people = directory.owners(row["owner"], event)
        if not people:
            result.unassigned.append({"event": event.id, "item": row["item"],
                                      "owner": row["owner"], "due": row["due"]})
            continue
        command = (f"eventflow check {event.id} {row['item']}" if row["item"] in
                   event.tickable else f"eventflow why {event.id}")
        for person in people:
            address = person.address.lower()
            key = reminder_key(address, event.id, row["item"], row["due"])
            action, held = plan_key(states, key, retry_unknown)
            if action == SKIP:
                result.already_sent += 1
                continue
            if action == HOLD:
                result.unknown.append({**held, "to": held["to"] or address, "event": event.id,
                                       "item": row["item"], "due": row["due"]})
                continue
            result.people.setdefault(address, person)
            if row["owner"] not in roles.setdefault(address, []):
                roles[address].append(row["owner"])
            dues.setdefault(address, []).append((Due(
                event.id, row["item"], row["label"], row["stage"], row["owner"], row["due"],
                row["overdue"], row["required"], command, key, row.get("fix")), event))
    sender = directory.mail.sender or f"eventflow <eventflow@{_host()}>"
    workflows: dict[tuple[str, str, str], Any] = {}
    for address in sorted(dues):
        person = result.people[address]
        if person.language != engine.lang or entries is None:
            for due, event in dues[address]:
                label = event.label(due.item, person.language)
                if label is None:
                    workflow = workflows.get(event.pin)
                    if workflow is None:
                        workflow = workflows[event.pin] = _workflow(engine, event)
                    label = workflow.item(due.item).text(person.language)
                due.label = label
        result.items[address] = [d for d, _ in dues[address]]
        subject, body = compose(person, dues[address], roles[address], days,
                                directory.language)
        keys = [d.key for d, _ in dues[address]]
        result.messages.append(Outgoing("reminder", address, keys, new_message(
            sender=sender, to=person.mailbox, subject=subject, body=body, keys=keys,
            kind="reminder")))
    return result


def _workflow(engine: Engine, event: EventFacts) -> Any:
    """The workflow ``event`` follows (its pinned copy when the current one changed), as
    :meth:`Engine.workflow_for` finds it for the event itself."""
    from types import SimpleNamespace

    wf_id, version, pin_hash = event.pin
    return engine.workflow_for(SimpleNamespace(  # type: ignore[arg-type]
        id=event.id, workflow=SimpleNamespace(id=wf_id, version=version, hash=pin_hash)))


def _host() -> str:
    import socket

    return socket.getfqdn() or "localhost"


def compose(person: Person, dues: list[tuple[Due, EventFacts]], roles: list[str], days: int,
            fallback: str) -> tuple[str, str]:
    """The subject and plain-text body of one person's reminder, in their language."""
    t = texts(person.language, fallback)
    late = sum(1 for d, _ in dues if d.overdue)
    n = len(dues)
    subject = (t["subject_overdue"] if late else t["subject"]).format(n=n, days=days, late=late)
    lines = [t["hello"].format(name=person.name or person.address), "",
             t["intro"].format(roles=", ".join(roles), days=days), ""]
    current = None
    for due, event in sorted(dues, key=lambda p: (p[1].date, p[1].id, p[0].due, p[0].item)):
        if event.id != current:
            if current is not None:
                lines.append("")
            current = event.id
            lines.append(t["event"].format(title=event.title, id=event.id,
                                           date=event.date.isoformat()))
        flags = [t["overdue"]] if due.overdue else []
        if not due.required:
            flags.append(t["advice"])
        flag = f"[{', '.join(flags)}] " if flags else ""
        lines.append(f"  - {flag}{due.label}, {t['due'].format(due=due.due)}")
        hint = t["tick"] if due.command.startswith("eventflow check") else t["data"]
        lines.append(f"    {hint.format(command=due.command)}")
    lines += ["", "-- ", t["footer"].format(days=days)]
    return subject, "\n".join(lines) + "\n"


__all__ = ["TEXTS", "Due", "EventFacts", "Plan", "compose", "plan", "reminder_key"]
