"""File formats the outputs write: CSV (and, built on the standard library and icalendar,
e-mail drafts and calendar files)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from .text import csv_cell, one_line


def write_csv(rows: Sequence[Sequence[Any]], lang: str = "en") -> bytes:
    """CSV with every text cell neutralised; ``;`` and decimal comma for fi/sv, as Excel in
    Finland expects; UTF-8 with a byte-order mark so spreadsheets read ä and ö."""
    buffer = io.StringIO()
    delimiter = "," if lang == "en" else ";"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, float) and lang != "en":
                cells.append(f"{value:.2f}".replace(".", ","))
            elif isinstance(value, float):
                cells.append(f"{value:.2f}")
            else:
                cells.append(csv_cell(value))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


# calendar files (icalendar) -------------------------------------------------------------------
TIMEZONE = "Europe/Helsinki"


def ics_event(uid: str, summary: str, day: Any, start: str = "", end: str = "", *,
              stamp: Any, sequence: int = 0, location: str = "", description: str = "",
              organizer_email: str = "", organizer_name: str = "",
              alarms: Sequence[Any] = ()) -> Any:
    """One VEVENT: timed (Europe/Helsinki) when ``start`` (HH:MM) is given, else all day.

    ``uid`` stays the same for the same event in every language and after a reschedule;
    ``sequence`` goes up with every reschedule so that calendars replace the old entry.
    ``alarms`` are ``datetime.timedelta`` offsets before the start (VALARM, DISPLAY).
    Every text is escaped by icalendar, so a name cannot add lines or properties."""
    # lazy: icalendar costs 71 ms and zoneinfo 4 ms (-X importtime, best of 7) after
    # eventflow.outputs; only calendar files need them
    import zoneinfo

    import icalendar

    item = icalendar.Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("sequence", int(sequence))
    item.add("summary", one_line(summary))
    if start:
        tz = zoneinfo.ZoneInfo(TIMEZONE)
        h, m = (int(x) for x in start.split(":"))
        item.add("dtstart", dt.datetime.combine(day, dt.time(h, m), tzinfo=tz))
        h, m = (int(x) for x in (end or start).split(":"))
        item.add("dtend", dt.datetime.combine(day, dt.time(h, m), tzinfo=tz))
    else:
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
    if location:
        item.add("location", one_line(location))
    if description:
        item.add("description", description)
    if organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{one_line(organizer_email)}")
        if organizer_name:
            organizer.params["cn"] = icalendar.vText(one_line(organizer_name).replace('"', "'"))
        item.add("organizer", organizer)
    for before in alarms:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -abs(before))
        alarm.add("description", one_line(summary))
        item.add_component(alarm)
    return item


def ics_calendar(events: Sequence[Any], name: str = "") -> bytes:
    """A VCALENDAR (METHOD:PUBLISH) of ``events``, with the time zone definitions they use."""
    import icalendar  # lazy: 71 ms, see ics_event

    cal = icalendar.Calendar()
    cal.add("prodid", "-//eventflow//good-relations-training//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    timed = False
    for event in events:
        cal.add_component(event)
        timed = timed or not isinstance(event.decoded("dtstart"), dt.date) or \
            isinstance(event.decoded("dtstart"), dt.datetime)
    data: bytes = cal.to_ical()
    if timed:  # the VTIMEZONE last, as add_component would put it, serialised once a process
        end = b"END:VCALENDAR\r\n"
        data = data[: -len(end)] + _vtimezone_bytes(TIMEZONE) + end
    return data


@lru_cache(maxsize=4)
def _vtimezone_bytes(tzid: str) -> bytes:
    """The VTIMEZONE of ``tzid``, built from zoneinfo and serialised once per process."""
    import icalendar  # lazy: 71 ms, see ics_event

    return icalendar.Timezone.from_tzid(tzid).to_ical()  # type: ignore[no-any-return]


# e-mail drafts ---------------------------------------------------------------------------------
def eml_draft(*, sender: str, subject: str, date: Any, text: str, html: str,
              bcc: Sequence[str] = (), headers: Mapping[str, str] | None = None,
              attachments: Sequence[tuple[str, str, bytes]] = ()) -> bytes:
    """An unsent e-mail draft: ``multipart/mixed`` of a ``multipart/alternative`` (plain text
    and HTML) and the attachments ``(file name, MIME type, bytes)``. Header values are single
    lines (non-ASCII as RFC 2047 encoded words); ``X-Unsent: 1`` makes mail programs open it
    as a draft. Built with the ``email.mime`` classes, which are several times faster than
    ``EmailMessage`` with a modern policy and give the same message."""
    # lazy: the email package costs 23 ms (email.utils alone) (-X importtime, best of 7); only
    # e-mail drafts need it
    from email import charset as email_charset
    from email import encoders
    from email.header import Header
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.utils import format_datetime, formataddr, getaddresses

    utf8 = email_charset.Charset("utf-8")
    utf8.body_encoding = email_charset.QP

    def header(value: str) -> Any:
        value = one_line(value)
        return value if value.isascii() else Header(value, "utf-8")

    def addresses(value: str) -> str:
        found = getaddresses([one_line(value)])
        return ", ".join(formataddr((name, addr), charset="utf-8") for name, addr in found
                         if addr)

    # boundaries from the content, not random: the same draft is the same file (git, manifest)
    seed = hashlib.sha256(text.encode("utf-8") + html.encode("utf-8")).hexdigest()[:24]
    alternative = MIMEMultipart("alternative", boundary=f"=_eventflow_1_{seed}")
    for body, subtype in ((text, "plain"), (html, "html")):
        alternative.attach(MIMEText(body, subtype, utf8))  # type: ignore[arg-type]
    msg = MIMEMultipart("mixed", boundary=f"=_eventflow_0_{seed}")
    if sender:
        msg["From"] = addresses(sender)
    msg["To"] = "undisclosed-recipients:;"
    if bcc:
        msg["Bcc"] = addresses(", ".join(bcc))
    msg["Subject"] = header(subject)
    when = date if isinstance(date, dt.datetime) else dt.datetime.combine(
        date, dt.time(9, 0), tzinfo=dt.UTC)
    msg["Date"] = format_datetime(when)
    msg["X-Unsent"] = "1"
    for key, value in (headers or {}).items():
        msg[key] = header(value)
    msg.attach(alternative)
    for file_name, mime, content in attachments:
        maintype, _, subtype = mime.partition("/")
        attachment = MIMEBase(maintype, subtype)
        attachment.set_payload(content)
        encoders.encode_base64(attachment)
        attachment.add_header("Content-Disposition", "attachment", filename=one_line(file_name))
        msg.attach(attachment)
    from email.policy import compat32  # lazy: the email package, see above

    return msg.as_bytes(policy=compat32.clone(linesep="\r\n"))  # RFC 5322 line ends
