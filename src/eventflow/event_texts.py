"""One-line and per-language texts of the event model: the types the schema annotates them with
(:data:`Line`, :data:`Texts` …) and the helpers that read them.

A one-line text (a name, title, role, organisation) may hold no control character or line break;
a per-language text is a table ``{fi = "…", sv = "…"}`` shown only in the documents of its own
language. Part of the model layer: imported by :mod:`eventflow.event`, which re-exports it.
"""

# No `from __future__ import annotations`: msgspec reads the annotations (see event.py).
import re
from typing import Annotated, Any, Literal

import msgspec

from .i18n import _

#: Characters a one-line text (a name, title, role, organisation) may not hold: C0 and C1
#: control characters (line breaks, tabs, escape sequences) and Unicode line separators.
CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
#: The same characters as a compiled class: ``CONTROL_RE.sub(" ", text)`` makes a text one line.
CONTROL_RE = re.compile(f"[{CONTROL}]")

#: A one-line text. The model refuses a control character or a line break in it, whatever
#: writes the event (a command, a plugin, a hand-edited file).
Line = Annotated[str, msgspec.Meta(pattern=f"\\A[^{CONTROL}]*\\Z")]

#: A language code of a text (the event languages eventflow knows).
Lang = Literal["fi", "sv", "en", "se", "smn", "sms"]

#: A free text per language, ``{fi = "…", sv = "…"}``. A text is shown only in the documents
#: of its own language.
Texts = dict[Lang, str]
#: A one-line text per language (a title, a role).
LineTexts = dict[Lang, Line]
# An older file holds one plain string where a per-language table is now written: both are
# read, and the string is taken to be in the event's first language (Event.__post_init__).
# (The plain string is not annotated with the pattern of Line: msgspec 0.22 corrupts memory
# with a constrained str in a union with a dict; __post_init__ checks it instead.)
#: A per-language text as read: a table, or an older file's one string (see :func:`as_texts`).
TextsIn = str | Texts
#: A one-line per-language text as read: a table, or an older file's one string.
LineTextsIn = str | LineTexts

#: A time of day ``HH:MM`` (or "" when not set).
HHMM = Annotated[str, msgspec.Meta(pattern=r"\A(|([01][0-9]|2[0-3]):[0-5][0-9])\Z")]


def control_character(text: str) -> str | None:
    """The first control character or line break in ``text`` (shown escaped), or None."""
    found = CONTROL_RE.search(text)
    return None if found is None else repr(found.group())[1:-1]


def text_in(texts: dict[str, str] | str, lang: str) -> str:
    """The text in ``lang``, or "" (a text is never shown in another language)."""
    if isinstance(texts, str):
        return texts
    return texts.get(lang, "")



def as_texts(value: Any, lang: str, where: str, one_line: bool = True) -> Any:
    """An older file's one string as a per-language table ``{lang: value}``; a table as it is.

    Called when an event is read (``Event.__post_init__``). ``lang`` is the event's first
    language, ``where`` the field's path for the message (``speakers[0].title``), ``one_line``
    whether the text must be on one line. Returns the table (``{}`` for an empty string).
    Raises ValueError (msgspec reports it with the field's path) when a one-line string holds
    a control character or line break.
    """
    if isinstance(value, str):
        if one_line and (bad := control_character(value)):
            raise ValueError(_("{where} holds a control character or line break ('{bad}'); "
                               "write it on one line").format(where=where, bad=bad))
        return {lang: value} if value else {}
    return value
