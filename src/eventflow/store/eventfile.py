"""An event file's bytes and the :class:`~eventflow.event.Event` they hold, both ways.

:func:`decode_event` reads with every bound of the TOML reader and checks the schema and the
region; :func:`encode_event` writes :func:`eventflow.event.to_data` with
:func:`~eventflow.store.encode_data`: keys in the model's order, each value on its own line, so
a change touches only its lines.
"""

from __future__ import annotations

import os
import re

import msgspec

from ..errors import FileFormatError
from ..event import CONTROL_RE, Event, from_data, to_data
from ..i18n import _
from ..regions import REGIONS, find_region
from .tomlio import encode_data, line_at, parse_toml

_REGION_LINE = re.compile(rb"^\s*region\s*=", re.M)

#: One-line fields that files written before they were one-line may hold with a line break
#: (``eventflow new`` took any title until 2026-11-30): read as one line, never refused.
#: Paths of tables and keys from the top of the event file.
ONE_LINE_SINCE_2026_11 = (("title",), ("municipality",), ("host", "name"),
                          ("agreement", "invitations_sender"),
                          ("agreement", "registrations_receiver"))


def read_as_one_line(data: dict[str, object]) -> None:
    """Make the older fields of :data:`ONE_LINE_SINCE_2026_11` one line in ``data`` (an event
    file's data, before the schema reads it): each control character or line break becomes a
    space. The file is not rewritten; the next change of the event saves the one-line text."""
    for path in ONE_LINE_SINCE_2026_11:
        table: object = data
        for key in path[:-1]:
            table = table.get(key) if isinstance(table, dict) else None
        value = table.get(path[-1]) if isinstance(table, dict) else None
        if isinstance(value, str) and CONTROL_RE.search(value):
            assert isinstance(table, dict)
            table[path[-1]] = " ".join(CONTROL_RE.sub(" ", value).split())


def schema_problem(exc: msgspec.ValidationError) -> tuple[str, str]:
    """``(message, field path)`` of the schema error ``exc`` (msgspec's message ends in a
    ``$.a.b[0].c`` path), the message in people's words where msgspec's would quote a pattern:
    a one-line field (:data:`eventflow.event.Line`) given a control character or line break."""
    message = str(exc)
    field_path = ""
    if " - at `$" in message:
        message, field_path = message.split(" - at `$", 1)
        field_path = field_path.rstrip("`").lstrip(".")
    if "matching regex" in message and "x00-" in message and "u2029" in message:  # a Line
        message = _("holds a control character or line break; write it on one line")
    return message, field_path


def validation_message(path: str | os.PathLike[str], exc: msgspec.ValidationError,
                       text: str) -> FileFormatError:
    """A :class:`~eventflow.errors.FileFormatError` naming the file, line and field of the
    schema error ``exc`` (whose message ends in a ``$.a.b[0].c`` path), found in ``text``,
    the file's text; returned, not raised."""
    message, field_path = schema_problem(exc)
    key = re.split(r"[.\[]", field_path)[-1] if field_path else ""
    if "unknown field `" in message:
        key = message.split("unknown field `")[1].split("`")[0]
        field_path = f"{field_path}.{key}".lstrip(".")
    line = None
    if key:
        match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
        if match:
            line = text[: match.start()].count("\n") + 1
    fix = ("remove the key, or move plugin data under [ext.<plugin>]"
           if "unknown field" in message else "correct the value by hand or restore the file "
           "from git")
    return FileFormatError(path, message, line=line, field=field_path or None, fix=fix)


def decode_event(path: str | os.PathLike[str], raw: bytes) -> Event:
    """The event held by ``raw``, the bytes of the event file ``path``.

    Raises :class:`~eventflow.errors.FileFormatError` naming the file, line and field when the
    bytes are not bounded, valid TOML, do not fit the event schema, or name no Finnish region.
    """
    data = parse_toml(path, raw)
    read_as_one_line(data)
    try:
        event = from_data(data)
    except msgspec.ValidationError as exc:
        raise validation_message(path, exc, raw.decode("utf-8", "replace")) from None
    if find_region(event.region) is None:
        match = _REGION_LINE.search(raw)
        raise FileFormatError(path, _("'{region}' is not one of Finland's 19 regions; "
                                      "the training covers exactly one region "
                                      "(maakunta)").format(
                                        region=event.region),
                              line=line_at(raw, match.start()) if match else None,
                              field="region", fix=_("write one of: {regions}").format(
                                  regions=", ".join(r.fi for r in REGIONS)))
    return event


def encode_event(event: Event) -> bytes:
    """The bytes of the event file holding ``event``."""
    return encode_data(to_data(event))
