"""Reminders: per person, the items due soon and overdue across every active event.

What is due is the engine's verdict (:meth:`Engine.upcoming`, the same call ``eventflow next``
makes); this module only decides who hears about it, in which language, and whether they
already did (the sent-log of :mod:`eventflow.mail`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .mail import Outgoing, key_state, new_message

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


def plan(engine: Engine, directory: Directory, today: dt.date, days: int,
         states: dict[str, dict[str, Any]], retry_unknown: bool = False) -> Plan:
    """Sort the engine's open items (due within ``days`` or overdue) by person, leave out
    those already reminded, and compose one message per person."""
    result = Plan(today, days)
    events: dict[str, Event] = {}
    tickable: dict[str, set[str]] = {}
    dues: dict[str, list[tuple[Due, Event]]] = {}
    roles: dict[str, list[str]] = {}
    for row in engine.upcoming(today, days):
        event = events.get(row["event"])
        if event is None:
            event = events[row["event"]] = engine.project.load(row["event"])
            tickable[event.id] = set(engine.tickable(event))
        people = directory.owners(row["owner"], event)
        if not people:
            result.unassigned.append({"event": event.id, "item": row["item"],
                                      "owner": row["owner"], "due": row["due"]})
            continue
        command = (f"eventflow check {event.id} {row['item']}" if row["item"] in
                   tickable[event.id] else f"eventflow why {event.id}")
        for person in people:
            address = person.address.lower()
            key = reminder_key(address, event.id, row["item"], row["due"])
            state = key_state(states, key)
            if state == "sent":
                result.already_sent += 1
                continue
            if state == "unknown" and not retry_unknown:
                entry = states[key]
                result.unknown.append({"key": key, "to": entry.get("to", address),
                                       "message_id": entry.get("message_id"),
                                       "at": entry.get("at"), "event": event.id,
                                       "item": row["item"], "due": row["due"]})
                continue
            result.people.setdefault(address, person)
            if row["owner"] not in roles.setdefault(address, []):
                roles[address].append(row["owner"])
            dues.setdefault(address, []).append((Due(
                event.id, row["item"], row["label"], row["stage"], row["owner"], row["due"],
                row["overdue"], row["required"], command, key, row.get("fix")), event))
    sender = directory.mail.sender or f"eventflow <eventflow@{_host()}>"
    for address in sorted(dues):
        person = result.people[address]
        for due, event in dues[address]:
            item = engine.workflow_for(event).item(due.item)
            due.label = item.text(person.language)
        result.items[address] = [d for d, _ in dues[address]]
        subject, body = compose(person, dues[address], roles[address], days,
                                directory.language)
        keys = [d.key for d, _ in dues[address]]
        result.messages.append(Outgoing("reminder", address, keys, new_message(
            sender=sender, to=person.mailbox, subject=subject, body=body, keys=keys,
            kind="reminder")))
    return result


def _host() -> str:
    import socket

    return socket.getfqdn() or "localhost"


def compose(person: Person, dues: list[tuple[Due, Event]], roles: list[str], days: int,
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


__all__ = ["TEXTS", "Due", "Plan", "compose", "plan", "reminder_key"]
