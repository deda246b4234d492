"""Reminders: per person, the items due soon and overdue across every active event.

What is due is the engine's verdict, as the status index keeps it (its derived verdict data,
:func:`eventflow.index.upcoming`, what ``eventflow next`` reads; :meth:`Engine.upcoming` gives
the same from the engine itself); this module only decides who hears about it, in which
language, and whether they already did (the sent-log of :mod:`eventflow.mail`).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .index.entry import TICKABLE, WHY, Entry, upcoming
from .mail import HOLD, SKIP, Draft, Outgoing, plan_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from .engine import Engine
    from .event import Event
    from .index.cachefile import KeptDues
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


@dataclass(slots=True)
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


@dataclass(slots=True)
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


#: one open item as :func:`kept_rows` gives it: event id, item id, label (the folder's
#: language), stage, owner role, due (ISO), overdue, required, the judge's fix
Row = tuple[str, str, str, str, str, str, bool, bool, "str | None"]


def kept_rows(kept: KeptDues, today: dt.date) -> tuple[list[Row], dict[str, list[Any]]]:
    """What :meth:`~eventflow.index.cachefile.KeptDues.upcoming` gives (its rows in its
    order, and per event among them ``[title, date, owners, workflow hash, {ids of its items
    the engine lets tick}]``), each row a :data:`Row` tuple, not a dict: what ``remind``
    needs of each, no more (the rows of a 10,000-event folder in a fraction of the time).

    Raises ``ValueError``, ``KeyError``, ``IndexError`` or ``TypeError`` for a section that
    does not read as written."""
    tables, fixes, ids, facts = kept.header["items"], kept.header["fixes"], kept.ids, kept.facts
    day = today.toordinal()
    events: dict[str, list[Any]] = {}
    by_number: dict[str, tuple[str, list[Any], list[Any]]] = {}
    isos: dict[str, tuple[str, bool]] = {}
    rows: list[Row] = []
    append = rows.append
    for line in kept.dues:
        due_text, number, item_number, flags_text, fix = line.split("\t")
        found = by_number.get(number)
        if found is None:
            event_id = ids[int(number)]
            event = events[event_id] = [*json.loads(facts[int(number)]), set()]
            found = by_number[number] = (event_id, event, tables[event[3]])
        event_id, event, table = found
        item_id, stage, owner, required, label, _ = table[int(item_number)]
        if int(flags_text) & TICKABLE:
            event[4].add(item_id)
        iso = isos.get(due_text)
        if iso is None:
            due = int(due_text)
            iso = isos[due_text] = (dt.date.fromordinal(due).isoformat(), due < day)
        append((event_id, item_id, label, stage, owner, iso[0], iso[1], bool(required),
                f"eventflow check {event_id} {item_id}" if fix == "" else
                f"eventflow why {event_id}" if fix == WHY else
                fixes[int(fix)].replace("\0", event_id)))
    return rows, events


Rows = tuple[list["Row"], "Callable[[str], EventFacts]", str]


def _tuples(rows: list[dict[str, Any]]) -> list[Row]:
    """:func:`eventflow.index.upcoming`'s rows as the :data:`Row` tuples planning reads."""
    return [(r["event"], r["item"], r["label"], r["stage"], r["owner"], r["due"],
             r["overdue"], r["required"], r.get("fix")) for r in rows]


def _kept_rows(kept: KeptDues, today: dt.date) -> Rows:
    """The rows and event facts of what the index keeps for ``remind`` (:func:`read_dues`)."""
    rows, events = kept_rows(kept, today)
    tables = kept.header["items"]
    labels: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
    made: dict[str, EventFacts] = {}

    def facts(event_id: str) -> EventFacts:
        found = made.get(event_id)
        if found is None:
            title, date, owners, pin_hash, tickable = events[event_id]
            if pin_hash not in labels:
                labels[pin_hash] = {row[0]: (row[4], row[5]) for row in tables[pin_hash]}
            found = made[event_id] = EventFacts(event_id, title, dt.date.fromisoformat(date),
                                                dict(owners), tickable, ("", "", pin_hash),
                                                labels[pin_hash])
        return found

    return rows, facts, str(kept.header["lang"])


def _rows(engine: Engine | None, today: dt.date, days: int, entries: list[Entry] | None,
          kept: KeptDues | None) -> Rows:
    """The open items due within ``days`` (and overdue), what is said of their events, and
    the language of the labels in the rows: from the index's dues (``kept``), its entries,
    or the engine's own verdict."""
    if kept is not None:
        return _kept_rows(kept, today)
    assert engine is not None
    if entries is not None:
        by_id = {e.id: e for e in entries}
        labels: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
        return (_tuples(upcoming(entries, today, days)),
                lambda event_id: facts_of_entry(by_id[event_id], labels), engine.lang)
    return (_tuples(engine.upcoming(today, days)),
            lambda event_id: facts_of_event(engine, engine.project.load(event_id)), engine.lang)


def plan(engine: Engine | None, directory: Directory, today: dt.date, days: int,
         states: dict[str, dict[str, Any]], retry_unknown: bool = False,
         entries: list[Entry] | None = None, *, kept: KeptDues | None = None,
         dates: Callable[[str, str], str] | None = None) -> Plan:
    """Sort the engine's open items (due within ``days`` or overdue) by person, leave out
    those already reminded, and compose one message per person.

    With ``kept`` (what a fresh status index keeps for ``remind``:
    :func:`eventflow.index.cachefile.read_dues`, read up to today + ``days``), or with
    ``entries`` (the status index's, fresh: :func:`eventflow.index.entries`), the open items
    and what is said of each event come from the index's derived verdict data, and no event
    is loaded or judged (``engine`` may then be ``None``); without either, from
    :meth:`Engine.upcoming`, which judges every event. All give the same plan. ``dates``
    writes an ISO date in a language (default: ISO)."""
    # planning makes a few objects per item and no cycle among them: the cyclic collector
    # would only walk them again and again (callgrind: 11 % of planning 14,000 items)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _plan(engine, directory, today, days, states, retry_unknown, entries, kept,
                     dates)
    finally:
        if collecting:
            gc.enable()


def _plan(engine: Engine | None, directory: Directory, today: dt.date, days: int,
          states: dict[str, dict[str, Any]], retry_unknown: bool, entries: list[Entry] | None,
          kept: KeptDues | None, dates: Callable[[str, str], str] | None) -> Plan:
    """:func:`plan`, the collector aside."""
    result = Plan(today, days)
    rows, facts_of, lang = _rows(engine, today, days, entries, kept)
    dues, roles = _by_person(result, directory, rows, facts_of, states, retry_unknown)
    sender = directory.mail.sender or f"eventflow <eventflow@{_host()}>"
    workflows: dict[tuple[str, str, str], Any] = {}
    indexed = entries is not None or kept is not None
    for address in sorted(dues):
        person = result.people[address]
        if person.language != lang or not indexed:
            for due, event in dues[address]:
                label = event.label(due.item, person.language)
                if label is None:
                    assert engine is not None  # (the index keeps every label)
                    workflow = workflows.get(event.pin)
                    if workflow is None:
                        workflow = workflows[event.pin] = _workflow(engine, event)
                    label = workflow.item(due.item).text(person.language)
                due.label = label
        result.items[address] = [d for d, _ in dues[address]]
        subject, body = compose(person, dues[address], roles[address], days,
                                directory.language, dates)
        keys = [d.key for d, _ in dues[address]]
        result.messages.append(Outgoing("reminder", address, keys, draft=Draft(
            sender=sender, to=person.mailbox, subject=subject, body=body, keys=keys,
            kind="reminder")))
    return result


def _by_person(result: Plan, directory: Directory, rows: list[Row],
               facts_of: Callable[[str], EventFacts], states: dict[str, dict[str, Any]],
               retry_unknown: bool
               ) -> tuple[dict[str, list[tuple[Due, EventFacts]]], dict[str, list[str]]]:
    """Each person's items (those not sent before) and roles; what nobody holds, what was
    sent and what is unknown go into ``result``."""
    events: dict[str, EventFacts] = {}
    dues: dict[str, list[tuple[Due, EventFacts]]] = {}
    roles: dict[str, dict[str, None]] = {}
    holders: dict[tuple[str, str], list[tuple[Person, str]]] = {}
    #: (event, owner) -> the event, and per person holding the role there its address and
    #: its list of items and roles
    held_by: dict[tuple[str, str], tuple[EventFacts, list[tuple[Person, str]]]] = {}
    for row in rows:
        event_id, item, label, stage, owner, due_date, overdue, required, fix = row
        found = held_by.get((event_id, owner))
        if found is None:
            event = events.get(event_id)
            if event is None:
                event = events[event_id] = facts_of(event_id)
            held = (event.id, owner) if owner in event.owners else ("", owner)
            people = holders.get(held)
            if people is None:
                people = holders[held] = [(p, p.address.lower())
                                          for p in directory.owners(owner, event)]
            found = held_by[(event_id, owner)] = (event, people)
        event, people = found
        if not people:
            result.unassigned.append({"event": event.id, "item": item, "owner": owner,
                                      "due": due_date})
            continue
        command = (f"eventflow check {event.id} {item}" if item in event.tickable
                   else f"eventflow why {event.id}")
        for person, address in people:
            key = f"remind:{address}:{event.id}:{item}:{due_date}"  # reminder_key
            if key in states:
                action, held_key = plan_key(states, key, retry_unknown)
                if action == SKIP:
                    result.already_sent += 1
                    continue
                if action == HOLD:
                    result.unknown.append({**held_key, "to": held_key["to"] or address,
                                           "event": event.id, "item": item, "due": due_date})
                    continue
            mine = dues.get(address)
            if mine is None:
                result.people[address] = person
                mine = dues[address] = []
                roles[address] = {}
            mine_roles = roles[address]
            if owner not in mine_roles:
                mine_roles[owner] = None
            mine.append((Due(event.id, item, label, stage, owner, due_date, overdue, required,
                             command, key, fix), event))
    return dues, {address: list(held) for address, held in roles.items()}


def _workflow(engine: Engine, event: EventFacts) -> Any:
    """The workflow ``event`` follows (its pinned copy when the current one changed), as
    :meth:`Engine.workflow_for` finds it for the event itself."""
    from types import SimpleNamespace  # lazy: 0 ms (loaded by every path), kept by its use

    wf_id, version, pin_hash = event.pin
    return engine.workflow_for(SimpleNamespace(  # type: ignore[arg-type]
        id=event.id, workflow=SimpleNamespace(id=wf_id, version=version, hash=pin_hash)))


def _host() -> str:
    import socket  # lazy: 22 ms (-X importtime, loaded machine); only names the sender's host

    return socket.getfqdn() or "localhost"


def compose(person: Person, dues: list[tuple[Due, EventFacts]], roles: list[str], days: int,
            fallback: str, dates: Callable[[str, str], str] | None = None) -> tuple[str, str]:
    """The subject and plain-text body of one person's reminder, in their language (its
    dates as ``dates(iso, language)`` writes them; default: ISO)."""
    t = texts(person.language, fallback)
    lang = person.language
    late = sum(1 for d, _ in dues if d.overdue)
    n = len(dues)
    subject = (t["subject_overdue"] if late else t["subject"]).format(n=n, days=days, late=late)
    lines = [t["hello"].format(name=person.name or person.address), "",
             t["intro"].format(roles=", ".join(roles), days=days), ""]
    written: dict[str, str] = {}

    def day(iso: str) -> str:
        text = written.get(iso)
        if text is None:
            text = written[iso] = dates(iso, lang) if dates is not None else iso
        return text

    event_line = t["event"]
    due_texts: dict[str, str] = {}
    flag_texts = {(overdue, required): (
        f"[{', '.join(([t['overdue']] if overdue else []) + ([] if required else [t['advice']]))}] "
        if overdue or not required else "") for overdue in (False, True)
        for required in (False, True)}
    hints = {True: t["tick"].partition("{command}"), False: t["data"].partition("{command}")}
    # by event (its date, then id), then due date and item (then as planned: sorts are
    # stable); an event's items are sorted among themselves, few at a time
    by_event: dict[str, list[tuple[Due, EventFacts]]] = {}
    for pair in dues:
        group = by_event.get(pair[1].id)
        if group is None:
            group = by_event[pair[1].id] = []
        group.append(pair)
    append = lines.append
    first = True
    for event_id in sorted(by_event, key=lambda i: (by_event[i][0][1].date, i)):
        group = by_event[event_id]
        if len(group) > 1:
            group.sort(key=_due_order)
        event = group[0][1]
        if not first:
            append("")
        first = False
        append(event_line.format(title=event.title, id=event.id,
                                 date=day(event.date.isoformat())))
        for due, _ in group:
            due_text = due_texts.get(due.due)
            if due_text is None:
                due_text = due_texts[due.due] = t["due"].format(due=day(due.due))
            command = due.command
            head, _, tail = hints[command.startswith("eventflow check")]
            append(f"  - {flag_texts[(due.overdue, due.required)]}{due.label}, {due_text}\n"
                   f"    {head}{command}{tail}")
    lines += ["", "-- ", t["footer"].format(days=days)]
    return subject, "\n".join(lines) + "\n"


def _due_order(pair: tuple[Due, EventFacts]) -> tuple[str, str]:
    return pair[0].due, pair[0].item


__all__ = ["TEXTS", "Due", "EventFacts", "Plan", "compose", "plan", "reminder_key"]
