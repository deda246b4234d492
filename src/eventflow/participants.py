"""Participants' personal data: registrations kept apart from the planning data.

Registrations live in ``events/<id>/participants.toml``, never in ``event.toml``, the history,
logs or outputs (outputs and reports get aggregates only: :func:`summary`). A new planning
folder's ``.gitignore`` keeps the file out of git, because a version kept in git's history
could not be erased. What is recorded follows data minimisation (reference.md §6 G4–G6):

* required: ``name``, ``email``, ``organisation``, ``target_group`` (a category of
  organisation from the target groups, never a personal belief);
* optional: ``organisation_type`` (authority, ngo, community, employer);
* special categories, only with their own explicit consent (G5): ``diet`` with
  ``diet_consent = yes`` and ``accessibility`` with ``accessibility_consent = yes``.

``import_csv`` checks every row first and writes nothing if any row is wrong; ``erase`` removes
one person; ``purge`` deletes every registration after the follow-up and records the date in
``event.ext["participants"]["purged_at"]`` (what the ``personal_data_deleted`` check reads).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import tomli_w

from .errors import EventflowError, FileFormatError, InvalidInput
from .i18n import _
from .store import (
    MAX_EVENT_BYTES,
    PARTICIPANTS_FILE,
    atomic_write,
    mark_not_applied,
    parse_bounded,
    read_capped,
    validation_message,
)
from .vocab import PARTNER_TYPES, TARGET_GROUPS

if TYPE_CHECKING:
    from .engine import Engine, Outcome
    from .store import Project

#: Diets are reported by kind only: free text (which may name a person or a condition) counts
#: as "other".
DIET_KINDS = ("vegetarian", "vegan", "gluten_free", "lactose_free", "halal", "kosher",
              "nut_free", "pork_free")
MAX_CSV_BYTES = 10 << 20
MAX_ROWS = 20_000
MAX_FIELD = 500
COLUMNS = ("name", "email", "organisation", "target_group", "organisation_type", "diet",
           "diet_consent", "accessibility", "accessibility_consent", "attended")
REQUIRED = ("name", "email", "organisation", "target_group")
YES = {"yes", "y", "true", "1", "kyllä", "k", "ja", "x"}
NO = {"", "no", "n", "false", "0", "ei", "nej"}
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+$")


class Participant(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """One registration of ``participants.toml``: id, name, e-mail, organisation and target
    group, the optional diet and accessibility needs (kept only with the person's consent), when
    they registered and whether they attended."""

    id: str
    name: str
    email: str
    organisation: str
    target_group: str
    organisation_type: str = ""
    diet: str = ""
    diet_consent: bool = False
    accessibility: str = ""
    accessibility_consent: bool = False
    registered: dt.date | None = None
    attended: bool = False


class _File(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    schema: int = 1
    participants: list[Participant] = []


class ImportRefused(EventflowError):
    """Some rows of a CSV file are wrong; nothing was imported. ``problems`` lists each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = _("\n  … and {n} more").format(n=len(problems) - 50) if len(problems) > 50 else ""
        super().__init__(_("{path}: {n} problem(s); nothing was "
                           "imported:\n{shown}{more}\n  fix: correct the rows and run "
                           "the import again").format(
                             path=path, n=len(problems), shown=shown, more=more))


@dataclass
class ImportReport:
    """What an import of registrations did: how many rows were imported of how many, from which
    file, and the warnings met."""

    imported: int
    total: int
    path: Path
    warnings: list[str] = field(default_factory=list)


def path_for(project: Project, event_id: str) -> Path:
    """Where the registrations of ``event_id`` are kept (``events/<id>/participants.toml``)."""
    return project.event_dir(event_id) / PARTICIPANTS_FILE


def load(project: Project, event_id: str) -> list[Participant]:
    """The registrations of an event ([] when none are recorded or they were purged)."""
    path = path_for(project, event_id)
    try:
        raw = read_capped(path, MAX_EVENT_BYTES)
    except FileNotFoundError:
        return []
    data = parse_bounded(path, raw)
    try:
        return msgspec.convert(data, _File).participants
    except msgspec.ValidationError as exc:
        raise validation_message(path, exc, raw.decode("utf-8", "replace")) from None


def _encode(rows: list[Participant]) -> bytes:
    """The bytes of ``participants.toml`` holding ``rows`` (empty: no file)."""
    if not rows:
        return b""
    data = msgspec.to_builtins(_File(participants=rows), builtin_types=(dt.date,))
    return tomli_w.dumps(data).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest() if data else ""


def _write_bytes(project: Project, event_id: str, data: bytes) -> None:
    path = path_for(project, event_id)
    if not data:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return
    atomic_write(path, data)


def _on_disk_digest(project: Project, event_id: str) -> str:
    try:
        return _digest(read_capped(path_for(project, event_id), MAX_EVENT_BYTES))
    except FileNotFoundError:
        return ""


def _settle(engine: Engine, event_id: str) -> None:
    """Under the event's lock: if the last change of the registrations was recorded but
    never reached ``participants.toml`` (eventflow was stopped between the two), mark it as
    not applied in the history and make the event vouch for the file as it is."""
    project = engine.project
    event = project.load(event_id)
    kept = event.ext.get("participants", {}).get("digest")
    if kept is None:
        return  # written before events kept the digest of their registrations
    actual = _on_disk_digest(project, event_id)
    if kept == actual:
        return
    history = project.history(event_id)
    last = next((h for h in reversed(history) if str(h.get("action", "")).startswith(
        "participants.") and h.get("applied", True)), None)
    if last is not None:
        mark_not_applied(str(project.event_dir(event_id)), [last],
                         "eventflow was interrupted before participants.toml was written")
    engine.warnings.append(_("{event}: the last change of the registrations ({action}) "
                             "never reached {file} and is marked as not applied; run "
                             "it again if it is still wanted").format(
                               event=event_id, action=last.get('action') if last else 'unknown',
                               file=PARTICIPANTS_FILE))

    def vouch(ev: Any) -> None:
        ev.ext.setdefault("participants", {})["digest"] = actual

    engine.change(event_id, "participants.settle", vouch, {"note": "registrations as on disk"},
                  after_end=True)


def _commit(engine: Engine, event_id: str, action: str, details: dict[str, Any],
            rows: list[Participant], mutate: Any = None) -> Outcome:
    """Change the registrations the way event saves are made: the history entry (through
    the engine's one write path, with the digest of the new file) first, then the file. A
    stop between the two leaves a change that :func:`_settle` marks as not applied, never a
    change without a record."""
    data = _encode(rows)

    def record(ev: Any) -> None:
        if mutate is not None:
            mutate(ev)
        ev.ext.setdefault("participants", {})["digest"] = _digest(data)

    outcome = engine.change(event_id, action, record, details, after_end=True)
    _write_bytes(engine.project, event_id, data)
    return outcome


def _flag(value: str, column: str, where: str, problems: list[str]) -> bool:
    text = value.strip().casefold()
    if text in YES:
        return True
    if text not in NO:
        problems.append(_("{where}: column '{column}' is '{value}'; write yes or no").format(
                            where=where, column=column, value=value))
    return False


def _header_problems(names: list[str]) -> list[str]:
    """The problems of the header line: unknown, missing and repeated columns."""
    problems: list[str] = []
    unknown = [h for h in names if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in names]
    if unknown:
        problems.append(_("line 1: unknown column(s) {unknown}; eventflow records only "
                          "{columns} (no fields 'just in case')").format(
                            unknown=', '.join(unknown), columns=', '.join(COLUMNS)))
    if missing:
        problems.append(_("line 1: missing column(s) {missing}").format(
                            missing=', '.join(missing)))
    if len(set(names)) != len(names):
        problems.append(_("line 1: a column is named twice"))
    return problems


def _row(number: int, line: int, values: list[str], names: list[str], seen: dict[str, int],
         today: dt.date, problems: list[str]) -> Participant | None:
    """Data row ``number`` (file line ``line``) checked: its participant, None when the row
    cannot be read (wrong number of values, a value too long). ``seen``: e-mail → row."""
    where = _("row {number} (line {line})").format(number=number, line=line)
    if len(values) != len(names):
        problems.append(_("{where}: {values} values for {columns} columns").format(
                            where=where, values=len(values), columns=len(names)))
        return None
    row = {k: v.strip() for k, v in zip(names, values, strict=True)}
    bad = [k for k, v in row.items() if len(v) > MAX_FIELD]
    if bad:
        problems.append(_("{where}: column '{column}' is longer than {n} characters").format(
                            where=where, column=bad[0], n=MAX_FIELD))
        return None
    for column in REQUIRED:
        if not row.get(column):
            problems.append(_("{where}: column '{column}' is empty; it is required").format(
                                where=where, column=column))
    email = row.get("email", "")
    if email and not _EMAIL.match(email):
        problems.append(_("{where}: column 'email' is not an e-mail address").format(
                            where=where))
    group = row.get("target_group", "")
    if group and group not in TARGET_GROUPS:
        problems.append(_("{where}: column 'target_group' is '{group}'; use one of "
                          "{groups}").format(
                            where=where, group=group, groups=', '.join(TARGET_GROUPS)))
    kind = row.get("organisation_type", "")
    if kind and kind not in PARTNER_TYPES:
        problems.append(_("{where}: column 'organisation_type' is '{kind}'; use "
                          "one of {kinds} or leave it empty").format(
                            where=where, kind=kind, kinds=', '.join(PARTNER_TYPES)))
    diet_ok = _flag(row.get("diet_consent", ""), "diet_consent", where, problems)
    access_ok = _flag(row.get("accessibility_consent", ""), "accessibility_consent", where,
                      problems)
    attended = _flag(row.get("attended", ""), "attended", where, problems)
    if row.get("diet") and not diet_ok:
        problems.append(_("{where}: a diet is given without diet_consent = yes; "
                          "diets can reveal health or religion (G5): record "
                          "consent or leave it empty").format(
                            where=where))
    if row.get("accessibility") and not access_ok:
        problems.append(_("{where}: accessibility needs are given without "
                          "accessibility_consent = yes (G5): record consent or "
                          "leave it empty").format(where=where))
    key = email.casefold()
    if key and key in seen:
        problems.append(_("{where}: the same e-mail address as row {row}").format(
                            where=where, row=seen[key]))
    seen.setdefault(key, number)
    return Participant(
        id="r-" + secrets.token_hex(4), name=row.get("name", ""), email=email,
        organisation=row.get("organisation", ""), target_group=group,
        organisation_type=kind,
        diet=row.get("diet", "") if diet_ok else "", diet_consent=diet_ok,
        accessibility=row.get("accessibility", "") if access_ok else "",
        accessibility_consent=access_ok, registered=today, attended=attended)


def parse_csv(path: Path, raw: bytes, today: dt.date
              ) -> tuple[list[tuple[int, Participant]], list[str]]:
    """Every row checked; returns (row number, participant) pairs and every problem found."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [_("line {line}: not UTF-8 text; save the spreadsheet as CSV UTF-8").format(
            line=line)]
    if "\x00" in text:
        return [], [_("line {line}: contains NUL bytes; this is not a CSV file").format(
            line=text[: text.index(chr(0))].count(chr(10)) + 1)]
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return [], [_("the file is empty; the first line must name the columns: "
                      "{columns}").format(columns=", ".join(COLUMNS))]
    except csv.Error as exc:
        return [], [_("line {line}: {error}").format(line=1, error=exc)]
    names = [h.strip().casefold() for h in header]
    problems = _header_problems(names)
    if problems:
        return [], problems
    rows: list[tuple[int, Participant]] = []
    seen: dict[str, int] = {}
    number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(_("line {line}: {error}").format(line=reader.line_num, error=exc))
            break
        number += 1
        if not any(v.strip() for v in values):
            continue
        if number - 1 > MAX_ROWS:
            problems.append(_("more than {n} rows; split the file").format(n=MAX_ROWS))
            break
        participant = _row(number, reader.line_num, values, names, seen, today, problems)
        if participant is not None:
            rows.append((number, participant))
    return rows, problems


def import_csv(engine: Engine, event_name: str, csv_path: Path, today: dt.date) -> ImportReport:
    """Add the rows of ``csv_path`` to the event's registrations: all of them or none."""
    project = engine.project
    event_id = project.resolve(event_name)
    try:
        raw = read_capped(csv_path, MAX_CSV_BYTES)
    except FileNotFoundError:
        raise InvalidInput(_("{path}: file not found").format(path=csv_path)) from None
    numbered, problems = parse_csv(csv_path, raw, today)
    new = [person for _, person in numbered]
    with project.locked(event_id):
        project.refuse_conflicts(project.event_dir(event_id))
        _settle(engine, event_id)
        event = project.load(event_id)
        engine.refuse_out_of_order(event, "participants.import")
        if event.ext.get("participants", {}).get("purged_at"):
            raise InvalidInput(_("{event}: registrations were purged on {date}; "
                                 "nothing was imported").format(
                                   event=event_id, date=event.ext['participants']['purged_at']))
        current = load(project, event_id)
        known = {p.email.casefold() for p in current}
        for number, person in numbered:
            if person.email.casefold() in known:
                problems.append(_("row {number}: this e-mail address is already "
                                  "registered for {event}").format(
                                    number=number, event=event_id))
        if problems:
            raise ImportRefused(csv_path, problems)
        _commit(engine, event_id, "participants.import", {"imported": len(new)},
                current + new)
    return ImportReport(len(new), len(current) + len(new), path_for(project, event_id))


def _match(person: Participant, who: str) -> bool:
    return person.id == who or person.email.casefold() == who.strip().casefold()


def erase(engine: Engine, event_name: str, who: str) -> Outcome:
    """Erase one person's registration (by registration id or e-mail address).

    The history records only that one registration was erased, never who.
    """
    project = engine.project
    event_id = project.resolve(event_name)
    with project.locked(event_id):
        _settle(engine, event_id)
        rows = load(project, event_id)
        keep = [p for p in rows if not _match(p, who)]
        if len(keep) == len(rows):
            raise InvalidInput(_("{event}: no registration with that id or e-mail "
                                 "address; `eventflow participants summary EVENT` "
                                 "shows how many there are").format(
                                   event=event_id))
        project.refuse_conflicts(project.event_dir(event_id))
        outcome = _commit(engine, event_id, "participants.erase",
                          {"erased": len(rows) - len(keep)}, keep)
    return outcome


def mark_attended(engine: Engine, event_name: str, who: list[str], *, everyone: bool = False,
                  attended: bool = True) -> tuple[Outcome, int]:
    """Mark registrations as attended (or not): by registration id or e-mail address, or
    ``everyone``. Every one named must exist, else nothing changes. Returns the outcome and
    how many registrations changed; the history records counts only."""
    project = engine.project
    event_id = project.resolve(event_name)
    with project.locked(event_id):
        _settle(engine, event_id)
        rows = load(project, event_id)
        if not rows:
            raise InvalidInput(_("{event}: no registrations recorded; import them "
                                 "first (`eventflow participants import EVENT FILE`)").format(
                                   event=event_id))
        missing = [w for w in who if not any(_match(p, w) for p in rows)]
        if missing:
            raise InvalidInput(_("{event}: no registration with id or e-mail address "
                                 "{who}; nothing was marked").format(
                                   event=event_id,
                                   who=', '.join(repr(m) for m in missing[:5])))
        chosen = rows if everyone else [p for p in rows if any(_match(p, w) for w in who)]
        changed = {p.id for p in chosen if p.attended != attended}
        updated = [msgspec.structs.replace(p, attended=attended) if p.id in changed else p
                   for p in rows]
        project.refuse_conflicts(project.event_dir(event_id))
        outcome = _commit(engine, event_id, "participants.attended",
                          {"attended" if attended else "absent": len(changed)}, updated)
    return outcome, len(changed)


def purge(engine: Engine, event_name: str, today: dt.date, *, force: bool = False) -> Outcome:
    """Delete every registration of an event (retention after the follow-up) and record when.

    Refused before the event day unless ``force``: the registrations are still needed then.
    """
    project = engine.project
    event_id = project.resolve(event_name)
    with project.locked(event_id):
        event = project.load(event_id)
        if event.date >= today and not force:
            raise InvalidInput(_("{event} takes place on {date}: registrations are "
                                 "needed until after the event and its follow-up; nothing "
                                 "was deleted").format(event=event_id, date=event.date),
                               retry_with="force")
        project.refuse_conflicts(project.event_dir(event_id))
        _settle(engine, event_id)
        count = len(load(project, event_id))

        def mutate(ev: Any) -> None:
            ev.ext.setdefault("participants", {})["purged_at"] = today.isoformat()

        outcome = _commit(engine, event_id, "participants.purge", {"erased": count}, [],
                          mutate)
    return outcome


def summary(project: Project, event_name: str) -> dict[str, Any]:
    """Aggregates only: counts by target group, organisation type and diet kind; never a name
    or a free-text answer."""
    event_id = project.resolve(event_name)
    rows = load(project, event_id)
    by_group: dict[str, int] = {}
    came: dict[str, int] = {}
    by_type: dict[str, int] = {}
    diets: dict[str, int] = {}
    for p in rows:
        by_group[p.target_group] = by_group.get(p.target_group, 0) + 1
        if p.attended:
            came[p.target_group] = came.get(p.target_group, 0) + 1
        kind = p.organisation_type or "unknown"
        by_type[kind] = by_type.get(kind, 0) + 1
        if p.diet_consent and p.diet:
            key = re.sub(r"[\s-]+", "_", p.diet.strip().casefold())
            key = key if key in DIET_KINDS else "other"
            diets[key] = diets.get(key, 0) + 1
    try:
        purged = project.load(event_id).ext.get("participants", {}).get("purged_at")
    except FileFormatError:
        purged = None
    return {
        "id": event_id,
        "registered": len(rows),
        "attended": sum(1 for p in rows if p.attended),
        "organisations": len({p.organisation.strip().casefold() for p in rows}),
        "by_target_group": dict(sorted(by_group.items())),
        "attended_by_target_group": dict(sorted(came.items())),
        "by_organisation_type": dict(sorted(by_type.items())),
        "diets": dict(sorted(diets.items())),
        "accessibility_needs": sum(1 for p in rows if p.accessibility_consent and p.accessibility),
        "purged_at": purged,
    }
