"""Sending the invitation: the reviewed drafts of ``eventflow outputs EVENT --stage
invitations`` (``events/<id>/outputs/invitations/invitation-<group>.eml``), one message per
address, through the outbox and the sent-log of :mod:`eventflow.mail`.

Recipients are the draft's Bcc (the ``distribution_lists`` of the outputs plugin's settings),
or the rows of ``--to-file LIST.csv``: a header row with ``email`` and optionally ``name`` and
``group`` (a target group such as ``ngo``; without it, every address gets the only draft). The
idempotency key is event, event day, target group and address: each address gets an event's
invitation once, however often the command runs (again only after a reschedule). Nothing is
sent while the judge would refuse to record ``invitation sent`` (the order of actions).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from email import message_from_bytes
from email.headerregistry import Address
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, localtime
from typing import TYPE_CHECKING, Any

from .errors import FileFormatError, InvalidInput
from .i18n import _
from .mail import HOLD, SKIP, Outgoing, message_id, plan_key
from .outputs import OUTPUTS_DIR, stale_outputs
from .people import parse_address
from .workflow import TERMINAL

if TYPE_CHECKING:
    from email.message import EmailMessage
    from pathlib import Path

    from .engine import Engine
    from .event import Event
    from .people import Directory

DRAFTS_STAGE = "invitations"
DRAFTS_OUTPUT = "invitation_drafts"
RECORDED_ACTION = "invitation.sent"
MAX_LIST_BYTES = 8 << 20


@dataclass
class Recipient:
    """One address an invitation goes to: the person's name, the address and the target group
    whose draft they get ("": any)."""

    name: str
    address: str
    group: str = ""


@dataclass
class InvitationPlan:
    """What ``invitation send`` would do (see :func:`plan_invitations`): the event, its drafts by
    target group, the messages to send, how many addresses already have it, those whose sending
    is unknown, the groups nobody receives, and whether ``invitation sent`` is then to be
    recorded."""

    event: Event
    drafts: dict[str, Path]  # target group -> draft file
    messages: list[Outgoing] = field(default_factory=list)
    already_sent: int = 0
    unknown: list[dict[str, Any]] = field(default_factory=list)
    without_addresses: list[str] = field(default_factory=list)  # groups nobody receives
    record: bool = False  # `invitation sent` is to be recorded once every address has it


def invitation_key(event_id: str, day: str, group: str, address: str) -> str:
    """Each address gets an event's invitation once per event day (a rescheduled event's
    invitation goes out again, as the judge then asks)."""
    return f"invitation:{event_id}:{day}:{group}:{address.lower()}"


def _render_hint(event: Event) -> str:
    """The command that makes the event's invitation drafts, for a refusal to send."""
    return f"`eventflow outputs {event.id} --stage {DRAFTS_STAGE}`"


def find_drafts(engine: Engine, event: Event) -> dict[str, Path]:
    """The event's invitation drafts by target group; refuses when there are none."""
    folder = engine.project.event_dir(event.id) / OUTPUTS_DIR / DRAFTS_STAGE
    files = sorted(folder.glob("invitation-*.eml")) if folder.is_dir() else []
    render = _render_hint(event)
    if not files:
        raise InvalidInput(_("{event} has no invitation drafts in {folder}; make them "
                             "with {render}, read them, then send").format(
                               event=event.id, folder=folder, render=render))
    drafts: dict[str, Path] = {}
    for path in files:
        group = str(_read(path)["X-Eventflow-Target-Group"] or path.stem.split("-", 1)[1])
        drafts[group] = path
    return drafts


def refuse_stale(engine: Engine, event: Event) -> None:
    """Refuse drafts made before the event's data or the templates changed (checked only when
    something is to be sent: recording `invitation sent` itself changes the data)."""
    stale, _fresh = stale_outputs(engine, event.id)
    for entry in stale:
        if entry.id == DRAFTS_OUTPUT:
            raise InvalidInput(_("{event}: the invitation drafts are out of date "
                                 "({reasons}); make them again with {render}, read "
                                 "them, then send").format(
                                   event=event.id, reasons='; '.join(entry.reasons),
                                   render=_render_hint(event)))


def _read(path: Path) -> EmailMessage:
    return message_from_bytes(path.read_bytes(), policy=SMTP)  # type: ignore[return-value]


def read_list(path: Path) -> list[Recipient]:
    """The rows of a recipients CSV (``email`` column; ``name`` and ``group`` optional)."""
    try:
        raw = path.read_bytes()[:MAX_LIST_BYTES + 1]
    except OSError as exc:
        raise FileFormatError(path, _("cannot be read ({error})").format(
                                        error=exc.strerror or exc),
                              fix=_("give the path of a CSV file with an 'email' column")) from None
    if len(raw) > MAX_LIST_BYTES:
        raise FileFormatError(path, _("is over {n} bytes").format(n=MAX_LIST_BYTES),
                              fix=_("split the list"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(path, _("is not UTF-8 text"), fix=_("save the list as CSV UTF-8")) \
            from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "email" not in fields:
        raise FileFormatError(path, _("has no 'email' column"), line=1,
                              fix=_("make the first row a header: email,name,group"))
    reader.fieldnames = fields
    found: list[Recipient] = []
    for row in reader:
        line = reader.line_num
        value = (row.get("email") or "").strip()
        if not value:
            continue
        name, address = parse_address(value, f"{path}, line {line}", "email")
        found.append(Recipient((row.get("name") or "").strip() or name, address,
                               (row.get("group") or "").strip()))
    if not found:
        raise FileFormatError(path, _("lists no addresses"), fix=_("add one row per address"))
    return found


def _recipients(drafts: dict[str, Path], to_file: Path | None) -> dict[str, list[Recipient]]:
    """Who gets each target group's draft: the addresses of ``to_file`` (by its ``group``
    column; one draft takes every address) or else each draft's Bcc."""
    recipients: dict[str, list[Recipient]] = {group: [] for group in drafts}
    if to_file is not None:
        listed = read_list(to_file)
        for person in listed:
            group = person.group
            if not group:
                if len(drafts) > 1:
                    raise FileFormatError(to_file, _("has no 'group' for {address}, "
                                                     "and there are {n} drafts "
                                                     "({drafts})").format(
                                                       address=person.address, n=len(drafts),
                                                       drafts=', '.join(sorted(drafts))),
                                          fix=_("add a 'group' column naming each "
                                                "address's target group"))
                group = next(iter(drafts))
            if group not in drafts:
                raise FileFormatError(to_file, _("group '{group}' of {address} has no "
                                                 "draft; drafts: {drafts}").format(
                                                   group=group, address=person.address,
                                                   drafts=', '.join(sorted(drafts))),
                                      field="group", fix=_(
                                          "use one of those groups, or add the group to the "
                                          "invitation's target groups and make the drafts "
                                          "again"))
            recipients[group].append(person)
    else:
        for group, path in drafts.items():
            bcc = str(_read(path)["Bcc"] or "")
            for display, address in getaddresses([bcc]) if bcc else []:
                recipients[group].append(Recipient(display, address, group))
    return recipients


def plan_invitations(engine: Engine, directory: Directory, name: str,
                     states: dict[str, dict[str, Any]], to_file: Path | None = None,
                     retry_unknown: bool = False) -> InvitationPlan:
    """What ``invitation send`` would send: one message per address and target group not
    sent before (the sent-log ``states``), the addresses already sent to and those whose
    sending is unknown; refuses an event past sending and a draft without From."""
    event = engine.load(name)
    if event.stage in TERMINAL:
        raise InvalidInput(_("{event} is {stage}: its invitation is not sent any more").format(
                               event=event.id, stage=event.stage))
    drafts = find_drafts(engine, event)
    result = InvitationPlan(event, drafts)
    resend = event.invitation.sent_at is not None and event.invitation.sent_for not in (
        None, event.date)
    recipients = _recipients(drafts, to_file)
    sender = directory.mail.sender
    for group in sorted(recipients):
        people = recipients[group]
        if not people:
            result.without_addresses.append(group)
            continue
        seen: set[str] = set()
        for person in people:
            address = person.address.lower()
            if address in seen:
                continue
            seen.add(address)
            key = invitation_key(event.id, event.date.isoformat(), group, address)
            action, held = plan_key(states, key, retry_unknown)
            if action == SKIP:
                result.already_sent += 1
                continue
            if action == HOLD:
                result.unknown.append({**held, "to": address, "group": group})
                continue
            msg = _read(drafts[group])
            for header in ("Bcc", "To", "X-Unsent", "Date", "Message-ID"):
                del msg[header]
            if sender and not msg["From"]:
                msg["From"] = sender
            if not msg["From"]:
                raise InvalidInput(_("{path}: [mail] from is not set and the draft "
                                     "{draft} has no From; add from = \"Name "
                                     "<address@example.fi>\" to [mail]").format(
                                       path=directory.path, draft=drafts[group]))
            msg["To"] = str(Address(display_name=person.name, addr_spec=person.address))
            msg["Date"] = format_datetime(localtime())
            msg["Message-ID"] = message_id([key], str(msg["From"]))
            result.messages.append(Outgoing("invitation", address, [key], msg))
    if result.messages:
        refuse_stale(engine, event)
        # the judge's order of actions, asked before anything goes out, not after
        engine.refuse_out_of_order(event, RECORDED_ACTION)
    result.record = bool(result.messages or result.already_sent) and (
        event.invitation.sent_at is None or resend)
    return result


def record_sent(engine: Engine, name: str, day: Any) -> Any:
    """Record ``invitation sent`` exactly as ``eventflow invitation sent`` does."""
    def mutate(ev: Event) -> None:
        ev.invitation.sent_at = day

    return engine.change(name, RECORDED_ACTION, mutate, {"date": day.isoformat()})


__all__ = ["InvitationPlan", "Recipient", "find_drafts", "invitation_key", "plan_invitations",
           "read_list", "record_sent"]
