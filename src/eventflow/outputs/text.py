"""Text safety: control characters, one-line values, spreadsheet cells and file names."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..i18n import _
from .limits import MAX_NAME

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str, *, newlines: bool = True) -> str:
    """Remove control characters (terminal escapes, bidi overrides); keep ``\\n`` and ``\\t``
    unless ``newlines`` is false, in which case every line break becomes a space."""
    if not newlines:
        text = re.sub(r"[\r\n\t\u2028\u2029\x0b\x0c\x85]+", " ", text)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: Any) -> str:
    """A value as a single line of plain text (names, titles, header values)."""
    return strip_controls(str(value), newlines=False).strip()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a cell starting (after spaces) with = + - @ tab or CR
    gets a leading quote; line breaks and control characters become spaces or go."""
    if not isinstance(value, str):
        return value
    formula = value.lstrip(" ").startswith(_FORMULA_START)
    text = one_line(value)
    if formula or text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def safe_filename(name: Any) -> str:
    """Return ``name`` if it is a plain file name, else raise ValueError saying why.

    Refused: empty names, ``.``/``..``, a leading dot, slashes or backslashes, control
    characters, names longer than 120 characters, and Windows device names.
    """
    if not isinstance(name, str):
        raise ValueError(_("file name {name} is not a string").format(name=repr(name)))
    if not name or name in (".", ".."):
        raise ValueError(_("file name {name} is empty or a folder reference").format(
            name=repr(name)))
    if "/" in name or "\\" in name or ".." in name:
        raise ValueError(_("file name {name} must not contain '/', '\\' or '..'").format(
            name=repr(name)))
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError(_("file name {name} contains control characters").format(
            name=repr(name)))
    if name.startswith(".") or name.startswith("-") or name != name.strip():
        raise ValueError(_("file name {name} must not start with '.', '-' or a space").format(
            name=repr(name)))
    if len(name) > MAX_NAME:
        raise ValueError(_("file name {name}… is longer than {limit} characters").format(
            name=repr(name[:40]), limit=MAX_NAME))
    if name.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in
                                                                   range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        raise ValueError(_("file name {name} is a reserved device name").format(
            name=repr(name)))
    return name


def file_slug(text: str, max_len: int = 40) -> str:
    """A file-name-safe slug of any text (``../../etc/x`` → ``etc-x``)."""
    from ..store import slugify  # lazy: the store costs 9 ms, see participants.py

    return slugify(text, max_len)
