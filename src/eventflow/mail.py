"""Outgoing mail: the outbox, SMTP delivery, and the sent-log that keeps it from sending twice.

Every message eventflow sends carries one or more *idempotency keys* (a reminder: person, event,
item and due date; an invitation: event, target group and address). Before a message goes to
the server, the log ``mail/sent.jsonl`` in the planning folder gets a line ``"sending"`` for its
keys; after the server accepts it, a line ``"sent"``; when the server refuses it, ``"failed"``.
Each line is appended and fsynced before eventflow goes on, and the log lives in the planning
folder (not in the ``.eventflow/`` cache), so deleting caches never forgets what was sent.

A key whose last line is ``"sending"`` is *unknown*: eventflow was stopped (a crash, a kill, a
lost connection) between handing the message over and hearing back, so the server may or may
not have it. Unknown keys are **not** sent again; ``remind`` and ``invitation send`` list them
(with the Message-ID to look for in the mailbox) and ``--retry-unknown`` sends them again with
the same Message-ID, which is the same for every attempt at the same keys. Sending twice is the
failure a person notices and blames the tool for; a reminder that may be missing is reported
on every run until someone decides.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import EventflowError
from .i18n import _
from .names import MAIL_DIR as MAIL_DIR  # (re-exported: where they were before names.py)
from .names import OUTBOX_DIR as OUTBOX_DIR  # local: the messages of the last run, to review
from .names import SENT_LOG as SENT_LOG
from .people import PASSWORD_ENV  # errors, i18n and vocab only, all loaded already

if TYPE_CHECKING:
    from email.message import EmailMessage
    from pathlib import Path

    from .people import MailSettings

FAULT_ENV = "EVENTFLOW_MAIL_FAULT"  # tests: "kill-before-data" or "kill-after-accept"
SMTP_TIMEOUT = 30.0
SMTPS_PORT = 465

SENT, SENDING, FAILED = "sent", "sending", "failed"


class MailError(EventflowError):
    """Mail could not be delivered; the message says what was sent and what to do."""


@dataclass
class Draft:
    """What a message says, before it is made an :class:`~email.message.EmailMessage` (which
    costs more than planning a large reminder: made only to be sent, or written to the outbox
    when what it says changed, see :func:`write_outbox`)."""

    sender: str
    to: str
    subject: str
    body: str
    keys: list[str]
    kind: str

    def digest(self) -> str:
        """What the message says (but for its Date), as a short digest."""
        import hashlib  # lazy: 4-5 ms (OpenSSL; -X importtime), not for a rerun that prints

        text = "\0".join([DRAFT_FORMAT, self.sender, self.to, self.subject, self.kind,
                          *self.keys, self.body])
        return hashlib.blake2b(text.encode("utf-8", "surrogateescape"),
                               digest_size=16).hexdigest()

    def message(self) -> EmailMessage:
        """The message (its Date: now)."""
        return new_message(sender=self.sender, to=self.to, subject=self.subject,
                           body=self.body, keys=self.keys, kind=self.kind)


DRAFT_FORMAT = "1"  # what the digest of a draft covers; a new value writes every message again


@dataclass
class Outgoing:
    """One message to one person, with the keys it delivers: the message itself, or a
    :class:`Draft` of it, made a message when first asked for."""

    kind: str  # "reminder" or "invitation"
    to: str  # the address
    keys: list[str]
    built: EmailMessage | None = None
    file: str = ""  # its file in the outbox
    status: str = "written"  # written, sent, failed, unknown
    error: str = ""
    draft: Draft | None = None

    @property
    def message(self) -> EmailMessage:
        """The message (made from the draft the first time)."""
        if self.built is None:
            if self.draft is None:
                raise ValueError("an outgoing message needs a message or a draft")
            self.built = self.draft.message()
        return self.built

    @property
    def message_id(self) -> str:
        """Its Message-ID, the same for every attempt at its keys (:func:`message_id`)."""
        if self.draft is not None:  # what its message's header says
            return message_id(self.keys, self.draft.sender)
        return str(self.message["Message-ID"])

    @property
    def subject(self) -> str:
        """Its Subject."""
        if self.draft is not None:  # what its message's header says
            return self.draft.subject
        return str(self.message["Subject"])


def message_id(keys: list[str], sender: str) -> str:
    """The same Message-ID for every attempt to deliver the same keys."""
    # lazy: hashlib 4-5 ms and email.utils 30+ ms (-X importtime); only a message being built
    import hashlib
    from email.utils import parseaddr

    digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:32]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "eventflow.invalid"
    return f"<{digest}.eventflow@{domain}>"


def new_message(*, sender: str, to: str, subject: str, body: str, keys: list[str],
                kind: str) -> EmailMessage:
    # lazy: the email package costs 30-110 ms (-X importtime, loaded machine); a rerun of
    # remind that prints its kept record builds no message
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime, localtime

    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = format_datetime(localtime())
    msg["Subject"] = subject
    msg["Message-ID"] = message_id(keys, sender)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Eventflow-Kind"] = kind
    msg.set_content(body)
    return msg


# the sent-log -------------------------------------------------------------------------------------
class SentLog:
    """``mail/sent.jsonl``: one JSON line per attempt, appended and fsynced."""

    def __init__(self, root: Path) -> None:
        self.folder = root / MAIL_DIR
        self.path = self.folder / SENT_LOG

    def exclusive(self) -> Any:
        """Held for a whole sending run: two runs at once would both see a key as new."""
        from .store import file_lock  # lazy: the store costs 9-16 ms (-X importtime)

        self.folder.mkdir(parents=True, exist_ok=True)
        self._ignore_locks()
        return file_lock(self.folder / ".send.lock")

    def _ignore_locks(self) -> None:
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(".lock\n.send.lock\n", encoding="utf-8")

    def states(self) -> dict[str, dict[str, Any]]:
        """The last line recorded for each key. A torn last line (a kill while writing) is
        skipped: the line before it still holds."""
        found: dict[str, dict[str, Any]] = {}
        try:
            with open(self.path, encoding="utf-8") as fh:
                lines = fh.readlines()
        except FileNotFoundError:
            return found
        except OSError as exc:
            raise MailError(_("{path}: cannot be read ({error}); check its "
                              "permissions; nothing was sent").format(
                                path=self.path, error=exc.strerror or exc)) from None
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("keys"), list):
                continue
            for key in entry["keys"]:
                if isinstance(key, str):
                    found[key] = entry
        return found

    def append(self, status: str, out: Outgoing, **extra: Any) -> None:
        from .store import file_lock, now  # lazy: 9-16 ms, as in hold()

        entry = {"at": now().isoformat(), "status": status, "kind": out.kind, "to": out.to,
                 "message_id": out.message_id, "subject": out.subject,
                 "keys": out.keys, **extra}
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode()
        new_file = not self.path.exists()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._ignore_locks()
            with file_lock(self.folder / ".lock"):
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    view = memoryview(line)
                    while view:
                        view = view[os.write(fd, view):]
                    os.fsync(fd)
                finally:
                    os.close(fd)
            if new_file:  # the new file's name must survive a power cut too
                dir_fd = os.open(self.folder, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            raise MailError(_("{path}: cannot record '{status}' ({error}); stopped "
                              "before sending anything more; free the disk or fix the "
                              "permissions and run again").format(
                                path=self.path, status=status, error=exc.strerror or exc)) from None


def key_state(states: dict[str, dict[str, Any]], key: str) -> str:
    """``new``, ``sent``, ``unknown`` (last line "sending") or ``failed``."""
    entry = states.get(key)
    if entry is None:
        return "new"
    status = entry.get("status")
    return {SENT: "sent", SENDING: "unknown"}.get(str(status), "failed")


SEND, SKIP, HOLD = "send", "skip", "hold"


def plan_key(states: dict[str, dict[str, Any]], key: str, retry_unknown: bool = False
             ) -> tuple[str, dict[str, Any]]:
    """What a sending run does with a message for ``key``, from the sent-log's ``states``:

    ``SKIP`` it was sent (accepted by the server) before: never again;
    ``HOLD`` its last attempt is *unknown* (handed over, no answer heard): not sent, but
        listed with the second value, ``{"key", "to", "message_id", "at"}`` of that attempt,
        unless ``retry_unknown``, which sends it again (with the same Message-ID);
    ``SEND`` new, or refused before (a 4xx or 5xx answer): send it.
    """
    state = key_state(states, key)
    if state == "sent":
        return SKIP, {}
    if state == "unknown" and not retry_unknown:
        entry = states[key]
        return HOLD, {"key": key, "to": entry.get("to"), "message_id": entry.get("message_id"),
                      "at": entry.get("at")}
    return SEND, {}


# the outbox ---------------------------------------------------------------------------------------
def outbox(root: Path) -> Path:
    return root / OUTBOX_DIR


def write_outbox(root: Path, messages: list[Outgoing], prefix: str,
                 reuse: bool = False) -> Path:
    """Write each message as ``<prefix>-….eml``; files of an earlier run with the same prefix
    are removed, so the outbox shows what the next ``--send`` would send.

    ``reuse``: a message made from a :class:`Draft` that says what the file of the same name
    said when it was written, the file untouched since (``.<prefix>.kept.json`` in the
    outbox keeps the draft's digest and the file's stat key), is left as it is (its Date is
    that of the run that wrote it): a large reminder costs more to make into a message than
    to plan."""
    folder = outbox(root)
    folder.mkdir(parents=True, exist_ok=True)
    kept_path = folder / f".{prefix}.kept.json"
    kept = _read_kept(kept_path) if reuse else {}
    now: dict[str, list[str]] = {}
    names = []
    for out in messages:
        slug = "".join(ch if ch.isalnum() else "-" for ch in out.to.lower())
        name = f"{prefix}-{slug}.eml"
        n = 2
        while name in names:
            name, n = f"{prefix}-{slug}-{n}.eml", n + 1
        names.append(name)
        path = folder / name
        out.file = str(path)
        digest = out.draft.digest() if out.draft is not None else ""
        if digest and kept.get(name) == [digest, file_stamp(path)]:
            now[name] = kept[name]
            continue
        replace_file(path, out.message.as_bytes())
        if digest:
            now[name] = [digest, file_stamp(path)]
    for old in folder.glob(f"{prefix}-*.eml"):
        if old.name not in names:
            old.unlink()
    if now != kept:
        replace_file(kept_path, json.dumps(now, sort_keys=True).encode())
    # what an earlier run printed (commands_remind.save_record) is not what this run prints
    (folder / f".{prefix}.record.json").unlink(missing_ok=True)
    return folder


def file_stamp(path: Path | str) -> str:
    """The stat key of ``path`` (inode, size, mtime, ctime), "" when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def _read_kept(path: Path) -> dict[str, list[str]]:
    """What :func:`write_outbox` kept of the files it wrote; nothing when it is unreadable."""
    try:
        with open(path, "rb") as fh:
            found = json.loads(fh.read(1 << 20))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, list)
            and len(v) == 2 and all(isinstance(x, str) for x in v)}


def replace_file(path: Path, data: bytes) -> None:
    """Replace ``path`` whole (a temporary file, then a rename): a reader sees the old
    message or the new one. Not fsynced: the outbox is only for review, made again by every
    run, and the sent-log (which is fsynced) alone says what was sent."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# delivery -----------------------------------------------------------------------------------------
@dataclass
class Delivery:
    sent: list[Outgoing] = field(default_factory=list)
    failed: list[Outgoing] = field(default_factory=list)
    unknown: list[Outgoing] = field(default_factory=list)
    stopped: str = ""  # why the run stopped early, if it did


def _fault(point: str) -> None:
    if os.environ.get(FAULT_ENV) == point:
        import signal  # lazy: only the fault-injection tests kill a run here

        os.kill(os.getpid(), signal.SIGKILL)


def require_settings(settings: MailSettings, path: Path) -> None:
    """Refuse, before anything is written, to send with [mail] settings that cannot work."""

    if not settings.host:
        raise MailError(_("{path}: [mail] host is not set; add host = "
                          "\"smtp.example.fi\" (and port, starttls, username) to send "
                          "mail; nothing was sent").format(path=path))
    if not settings.sender:
        raise MailError(_("{path}: [mail] from is not set; add from = \"Name "
                          "<address@example.fi>\"; nothing was sent").format(
                            path=path))
    if settings.username and not settings.password():
        raise MailError(_("{path}: [mail] username is set but {variable} is empty; set "
                          "the password in that environment variable; nothing was sent").format(
                            path=path, variable=PASSWORD_ENV))


def connect(settings: MailSettings, path: Path) -> Any:
    """An SMTP connection ready to send, or a :class:`MailError` that says what to fix."""
    import smtplib  # lazy: smtplib with ssl 60-190 ms (-X importtime); only --send connects
    import ssl

    require_settings(settings, path)
    where = f"{settings.host}:{settings.port}"
    smtp: smtplib.SMTP
    try:
        if settings.port == SMTPS_PORT:  # TLS from the first byte (RFC 8314)
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=SMTP_TIMEOUT,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(_("cannot reach the SMTP server {where} ({error}); check "
                          "[mail] host and port in {path} and the network, then run "
                          "again; nothing was sent").format(
                            where=where, error=exc, path=path)) from None
    try:
        smtp.ehlo()
        if settings.starttls and settings.port != SMTPS_PORT:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.username:
            smtp.login(settings.username, settings.password())
    except smtplib.SMTPAuthenticationError as exc:
        smtp.close()
        raise MailError(_("the SMTP server {where} refused the login of '{username}' "
                          "({code} {error}); check [mail] username in {path} and "
                          "{variable}; nothing was sent").format(
                            where=where, username=settings.username, code=exc.smtp_code,
                            error=_text(exc.smtp_error), path=path,
                            variable=PASSWORD_ENV)) from None
    except smtplib.SMTPNotSupportedError as exc:
        smtp.close()
        raise MailError(_("the SMTP server {where} does not support {what}; check "
                          "[mail] starttls and username in {path}; nothing was sent").format(
                            where=where, what=exc, path=path)) from None
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise MailError(_("the SMTP server {where} failed before sending ({error}); "
                          "check [mail] in {path}; nothing was sent").format(
                            where=where, error=exc, path=path)) from None
    return smtp


def _text(value: Any) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def deliver(messages: list[Outgoing], settings: MailSettings, log: SentLog, path: Path,
            progress: Callable[[Outgoing], None] | None = None) -> Delivery:
    """Send each message in its own SMTP transaction, recording it in ``log`` before and
    after. Stops at a lost connection (the message in flight stays *unknown*)."""
    import smtplib  # lazy: smtplib with ssl 60-190 ms (-X importtime); only --send connects

    result = Delivery()
    if not messages:
        return result
    smtp = connect(settings, path)
    try:
        for out in messages:
            log.append(SENDING, out)
            _fault("kill-before-data")
            try:
                smtp.send_message(out.message)
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = next(iter(exc.recipients.values()), (0, b""))
                _refused(out, int(code), _text(text), log, result)
            except smtplib.SMTPSenderRefused as exc:
                _refused(out, exc.smtp_code, f"sender refused: {_text(exc.smtp_error)}", log,
                         result)
            except smtplib.SMTPResponseException as exc:
                _refused(out, exc.smtp_code, _text(exc.smtp_error), log, result)
            except (OSError, smtplib.SMTPException) as exc:
                out.status, out.error = "unknown", f"connection lost ({exc})"
                result.unknown.append(out)
                result.stopped = (f"the connection to {settings.host}:{settings.port} was lost "
                                  f"while sending to {out.to} ({exc})")
                break
            else:
                _fault("kill-after-accept")
                log.append(SENT, out)
                out.status = "sent"
                result.sent.append(out)
            if progress is not None:
                progress(out)
            if out.status == "failed":
                try:
                    smtp.rset()
                except (OSError, smtplib.SMTPException):
                    result.stopped = (f"the connection to {settings.host}:{settings.port} was "
                                      f"closed after the server refused {out.to}")
                    break
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return result


def _refused(out: Outgoing, code: int, text: str, log: SentLog, result: Delivery) -> None:
    kind = "temporary failure, try again later" if 400 <= code < 500 else "rejected"
    out.status, out.error = "failed", f"{code} {text.strip()} ({kind})"
    log.append(FAILED, out, code=code, error=text.strip())
    result.failed.append(out)


__all__ = ["HOLD", "SEND", "SKIP", "Delivery", "Draft", "MailError", "Outgoing", "SentLog",
           "deliver", "file_stamp", "key_state", "new_message", "outbox", "plan_key",
           "replace_file", "require_settings", "write_outbox"]
