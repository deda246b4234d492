"""What ``eventflow remind`` (without ``--send``) printed, kept with what it depended on, and
printed again while nothing changed: by the CLI (commands_remind.py) and, needing neither
click nor the engine, by a front door (:func:`cached_reminders`), so both print the same bytes.

A run's plan depends on the event files, the settings and people, and eventflow's code, which
the status index vouches for (:func:`eventflow.index.cachefile.vouched`, the check a warm
``status`` makes), and beyond those on the index file itself, the day, ``--days``,
``--retry-unknown``, the sent-log and the machine (:func:`record_key`). The record
(``.eventflow/outbox/.remind.record.json``) is used only while its key is the same and the
outbox holds exactly the message files that run wrote, untouched since."""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

from ..cachekeys import write_cache
from ..folder import planning_folder
from ..i18n import _
from ..names import MAIL_DIR, OUTBOX_DIR, SENT_LOG
from ..present import clean  # the front door (quick.py) has loaded it already
from .cachefile import read_dues

if TYPE_CHECKING:
    import datetime as dt

    from .cachefile import KeptDues

RECORD = ".remind.record.json"
#: `remind`'s horizon in days when --days is not given (the CLI's default too)
DEFAULT_DAYS = 14
#: the largest --days (commands_remind.py's IntRange)
MAX_DAYS = 3650
STATES = ("written", "sent", "failed", "unknown")

#: what :func:`cached_reminders` found when it left the run to the CLI, for the CLI's
#: :func:`kept_summary` in the same process a moment later (one check of every event file's
#: stat key, not two: 20,000 stat calls in a 10,000-event folder): used once, within half a
#: second (the same invocation: a change in between is a change during the run), and while
#: the index file is the one read
_handed: dict[tuple[str, str, int, bool], tuple[float, tuple[Any, Any, Any]]] = {}
HANDED_S = 0.5


def file_stamp(path: str) -> str:
    """The stat key of ``path`` (inode, size, mtime, ctime), "" when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def record_key(root: str, kept: KeptDues, day: dt.date, days: int,
               retry_unknown: bool) -> dict[str, Any]:
    """What a run's plan depends on beyond what the index vouched for: the index itself, the
    day, the options, the sent-log and the machine (the sender's default address names it)."""
    return {"index": kept.stamp, "today": day.isoformat(), "days": days,
            "retry_unknown": retry_unknown, "host": os.uname().nodename,
            "sent": file_stamp(f"{root}/{MAIL_DIR}/{SENT_LOG}")}


def save_record(folder: str, key: dict[str, Any], files: list[str],
                summary: dict[str, Any]) -> None:
    """Keep ``summary`` (what :func:`reminder_lines` prints, and the run's ``unknown`` and
    ``unassigned``) of the run that wrote the message ``files`` into the outbox ``folder``,
    for a run with the same ``key``. Not kept when the outbox cannot be written: the next run
    then plans again."""
    names = [os.path.basename(f) for f in files]
    record = {"key": key, "files": {name: file_stamp(f"{folder}/{name}") for name in names},
              "summary": summary}
    write_cache(f"{folder}/{RECORD}",
                [json.dumps(record, ensure_ascii=False, sort_keys=True).encode()])


def load_record(folder: str, key: dict[str, Any]) -> dict[str, Any] | None:
    """The summary :func:`save_record` kept for ``key``, when the outbox ``folder`` holds
    exactly the message files that run wrote, untouched since; else ``None``."""
    try:
        with open(f"{folder}/{RECORD}", "rb") as fh:
            record = json.loads(fh.read(16 << 20))
        names = {n for n in os.listdir(folder) if n.startswith("remind-") and n.endswith(".eml")}
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    files, summary = record.get("files"), record.get("summary")
    if not isinstance(files, dict) or not isinstance(summary, dict) or set(files) != names:
        return None
    for name, stamp in files.items():
        if not stamp or file_stamp(f"{folder}/{name}") != stamp:
            return None
    return summary if _shape(summary) else None


def _shape(summary: dict[str, Any]) -> bool:
    """Whether ``summary`` has the shape a run keeps (a file edited by hand has not: the run
    then plans again)."""
    messages, unknown, unassigned = (summary.get(k) for k in ("messages", "unknown",
                                                             "unassigned"))
    return (isinstance(summary.get("already_sent"), int)
            and isinstance(messages, list) and all(
                isinstance(m, list) and len(m) == 5 and m[0] in STATES
                and isinstance(m[1], str) and isinstance(m[2], int) and isinstance(m[3], int)
                and isinstance(m[4], str) for m in messages)
            and isinstance(unknown, list) and all(
                isinstance(u, dict) and {"to", "message_id", "at"} <= set(u) for u in unknown)
            and isinstance(unassigned, list) and all(
                isinstance(u, dict) and {"owner", "event", "item"} <= set(u)
                for u in unassigned))


def reminder_lines(summary: dict[str, Any], days: int, send: bool, folder: str) -> list[str]:
    """What ``remind`` prints to stdout: one line per message (its state, whom, how many
    items), then what to do next."""
    states = {"written": _("written"), "sent": _("sent"), "failed": _("REFUSED"),
              "unknown": _("UNKNOWN")}
    lines = []
    for status, mailbox, n, late, error in summary["messages"]:
        counts = _("{n} item(s), {late} overdue").format(n=n, late=late)
        lines.append(_clean(f"{states[status]:<8} {mailbox}: {counts}"
                            + (f"  ({error})" if error else "")))
    if not summary["messages"]:
        lines.append(_("no reminders to send (items due within {days} days: {n} already "
                       "reminded)").format(days=days, n=summary["already_sent"]))
    elif not send:
        lines.append(_("{n} message(s) in {folder}; review them, then run `eventflow "
                       "remind --send`").format(n=len(summary["messages"]), folder=folder))
    return lines


def _clean(text: str) -> str:
    if text.isprintable():
        return text
    return clean(text)


def kept_summary(root: str, day: dt.date, days: int, retry_unknown: bool = False
                 ) -> tuple[KeptDues | None, dict[str, Any] | None, dict[str, Any] | None]:
    """What the index keeps for ``remind`` when it vouches for every event file (its body
    not read yet: :meth:`KeptDues.read_body`), the key of a run with these options, and the
    summary the last run with that key kept, if it holds; ``None`` for what is not there.
    What :func:`cached_reminders` just found for the same run is taken as it is."""
    handed = _handed.pop((root, day.isoformat(), days, retry_unknown), None)
    if handed is not None and time.monotonic() - handed[0] < HANDED_S \
            and file_stamp(handed[1][0].path) == handed[1][0].stamp:
        return handed[1]  # type: ignore[no-any-return]
    kept = read_dues(root, day.toordinal() + days, body=False)
    if kept is None or not kept.header["lang"]:
        return None, None, None
    key = record_key(root, kept, day, days, retry_unknown)
    return kept, key, load_record(f"{root}/{OUTBOX_DIR}", key)


def cached_reminders(directory: str | None, args: list[str], day: dt.date) -> str | None:
    """What ``eventflow remind [--days N]`` prints, from the last run's kept record, for a
    front door that answers without click or the engine; ``None`` (nothing done) when the
    CLI must answer: other options, no fresh index or record, or anything to warn about."""
    days = DEFAULT_DAYS
    if args:
        value = args[1] if args[0] == "--days" and len(args) == 2 else \
            args[0][len("--days="):] if args[0].startswith("--days=") and len(args) == 1 \
            else None
        if value is None or not value.isdigit() or not 0 <= int(value) <= MAX_DAYS:
            return None
        days = int(value)
    root = planning_folder(directory)
    if root is None:
        return None
    found = kept, _, summary = kept_summary(root, day, days)
    if kept is None or summary is None or kept.header["warnings"] or summary["unknown"] \
            or summary["unassigned"]:
        _handed.clear()
        if kept is not None:
            _handed[(root, day.isoformat(), days, False)] = (time.monotonic(), found)
        return None
    return "".join(f"{line}\n" for line in reminder_lines(summary, days, False,
                                                          f"{root}/{OUTBOX_DIR}"))


__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "cached_reminders", "file_stamp", "kept_summary",
           "load_record", "record_key", "reminder_lines", "save_record"]
