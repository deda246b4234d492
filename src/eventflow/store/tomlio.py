"""TOML in and out: the one bounded reader of every file eventflow reads, and the writer.

Event files, ``eventflow.toml``, workflows and ``participants.toml`` all come from people (or
from their sync tools and git merges), so each is read the same way:

1. at most ``max_bytes`` are read (:func:`read_capped`); a bigger file is refused unread;
2. its shape is checked at C speed before the parser runs (:func:`check_toml_shape`): git
   merge conflict markers, the number of TOML tokens, dotted keys and nesting depth, since the
   parser is slow or quadratic on hostile input;
3. it is parsed (:func:`parse_toml`); every error names the file and line and says what to do.

:func:`read_toml` does all three for a path. :func:`encode_data` writes TOML the one way
eventflow writes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from typing import TYPE_CHECKING, Any

import tomli
import tomli_w

from ..errors import FileFormatError
from ..i18n import _
from ..names import MAX_EVENT_BYTES as MAX_EVENT_BYTES  # defined with the files they bound;
from ..names import MAX_WORKFLOW_BYTES as MAX_WORKFLOW_BYTES  # completion.py reads them there

if TYPE_CHECKING:  # pathlib is not loaded to read a file (git's merge driver: bench/merge.py)
    from pathlib import Path

#: TOML structure budget: newlines, commas, ``=``, ``[``, ``{`` and ``.`` counted together.
#: tomli (tomllib's source, compiled where a wheel exists, else pure Python at about 0.5 MB/s
#: on dense input); the budget keeps a parse well under a second and lets a hostile file be
#: refused before the parser starts.
MAX_TOML_TOKENS = 150_000
#: Longest dotted key accepted (``a.b.c = 1`` has 3 parts); tomli is quadratic in it.
MAX_KEY_PARTS = 32
#: Deepest nesting of arrays and inline tables accepted.
MAX_DEPTH = 48

_NOT_TOKEN = bytes(i for i in range(256) if i not in b"\n,=[{.")
_NOT_OPENING = bytes(i for i in range(256) if i not in b"[{")
_NOT_BRACKET = bytes(i for i in range(256) if i not in b"[]{}")
_BRACKET = re.compile(rb"[\[\]{}]")
_DOTTED_KEY = re.compile(
    rb"\.(?:[ \t]*(?:[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.){%d}" % (MAX_KEY_PARTS - 1))
MERGE_MARKER = re.compile(rb"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)", re.M)


def read_capped(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing a file bigger than ``max_bytes`` without reading it.

    Raises :class:`FileNotFoundError` when ``path`` is missing (callers say what that means),
    :class:`~eventflow.errors.FileFormatError` when it is too big, a folder or unreadable.
    """
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise FileFormatError(path, _("is {size} bytes, more than the {limit} "
                                              "allowed").format(
                                                size=size, limit=max_bytes),
                                      line=1, fix=_("this is not a file eventflow wrote; "
                                                    "restore it from git or a backup"))
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise FileFormatError(path, _("is a folder, not a file"),
                              fix=_("remove or rename it")) from None
    except OSError as exc:
        raise FileFormatError(path, _("cannot be read ({error})").format(
                                        error=exc.strerror or exc),
                              fix=_("check the file's permissions")) from None
    if len(raw) > max_bytes:
        raise FileFormatError(path, _("is more than the {limit} bytes allowed").format(
                                        limit=max_bytes), line=1,
                              fix=_("restore it from git or a backup"))
    return raw


def line_at(raw: bytes, offset: int) -> int:
    """The line number (from 1) of byte ``offset`` in ``raw``."""
    return raw.count(b"\n", 0, offset) + 1


def merge_marker_lines(raw: bytes) -> list[int]:
    """Line numbers of git merge conflict markers (``<<<<<<<``, ``=======``, ``>>>>>>>``,
    ``|||||||``) in ``raw``; empty when there are none."""
    if b"<<<<<<<" not in raw and b">>>>>>>" not in raw:
        return []
    return [line_at(raw, m.start()) for m in MERGE_MARKER.finditer(raw)]


def check_toml_shape(path: str | os.PathLike[str], raw: bytes) -> None:
    """Refuse, before parsing, TOML that would make the parser slow or deep.

    Runs at C speed (byte counts and one anchored regex): a 4 MiB hostile file is refused in a
    few milliseconds. Raises :class:`~eventflow.errors.FileFormatError` naming the file and
    line for a git merge conflict marker, more than :data:`MAX_TOML_TOKENS` tokens, a dotted
    key of more than :data:`MAX_KEY_PARTS` parts, or nesting deeper than :data:`MAX_DEPTH`.
    """
    markers = merge_marker_lines(raw)
    if markers:
        raise FileFormatError(
            path, _("contains a git merge conflict marker: two copies of the folder changed "
                    "this file and git could not merge them"), line=markers[0],
            fix=_("resolve the conflict: between <<<<<<< and >>>>>>> keep the lines you want "
                  "from each side (both, if both are right), delete the marker lines, set "
                  "`revision` to the larger of the two, then `git add` the file and commit"))
    tokens = len(raw.translate(None, _NOT_TOKEN))
    if tokens > MAX_TOML_TOKENS:
        tokens_seen, offset, step = 0, 0, 1 << 16
        while offset < len(raw):
            tokens_seen += len(raw[offset: offset + step].translate(None, _NOT_TOKEN))
            if tokens_seen > MAX_TOML_TOKENS:
                break
            offset += step
        raise FileFormatError(
            path, _("has {tokens} keys, values and separators, more than the {limit} "
                    "eventflow reads (no planning file needs that many)").format(
                      tokens=tokens, limit=MAX_TOML_TOKENS), line=line_at(raw, offset),
            fix=_("this is not a file eventflow wrote; restore it from git or a backup"))
    match = _DOTTED_KEY.search(raw)
    if match:
        raise FileFormatError(
            path, _("has a dotted key with more than {n} parts").format(n=MAX_KEY_PARTS),
            line=line_at(raw, match.start()),
            fix=_("use at most a few levels of keys; restore the file from git if you did not "
                  "write this"))
    if len(raw.translate(None, _NOT_OPENING)) > MAX_DEPTH:
        deep = _first_deep_line(raw)
        if deep is not None:
            raise FileFormatError(
                path, _("nests arrays or tables more than {n} levels deep").format(
                    n=MAX_DEPTH), line=deep,
                fix=_("this is not a file eventflow wrote; restore it from git or a backup"))


def _first_deep_line(raw: bytes, limit: int = MAX_DEPTH) -> int | None:
    """Line where brackets first nest deeper than ``limit`` (brackets in strings count too,
    which only matters for a file with dozens of unbalanced ones: not a planning file)."""
    depth = 0
    for byte in raw.translate(None, _NOT_BRACKET):  # the brackets alone: a short loop
        if byte in (91, 123):  # [ {
            depth += 1
            if depth > limit:
                break
        else:
            depth -= 1
    else:
        return None
    depth = 0  # deep: find the line
    for m in _BRACKET.finditer(raw):
        depth += 1 if m.group() in (b"[", b"{") else -1
        if depth > limit:
            return line_at(raw, m.start())
    return None


def parse_toml(path: str | os.PathLike[str], raw: bytes) -> dict[str, Any]:
    """Parse the TOML bytes ``raw`` read from ``path``, shape checked first.

    Returns the document as a dict. Raises :class:`~eventflow.errors.FileFormatError` naming
    the file and, where known, the line: for the bounds of :func:`check_toml_shape`, text that
    is not UTF-8, and invalid TOML (with the parser's own message).
    """
    check_toml_shape(path, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(path, _("is not valid UTF-8 text"), line=line_at(raw, exc.start),
                              fix=_("save the file as UTF-8")) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message, line = str(exc), None
        if "(at line " in message:
            try:
                line = int(message.split("(at line ")[1].split(",")[0])
            except ValueError:
                line = None
            message = message.split(" (at line ")[0]
        elif "(at end of document)" in message:
            message, line = message.split(" (at end of document)")[0], raw.count(b"\n") + 1
        raise FileFormatError(path, _("is not valid TOML: {message}").format(message=message),
                              line=line,
                              fix=_("correct the line by hand, or restore the file from git")
                              ) from None
    except RecursionError:
        raise FileFormatError(path, _("is nested too deeply to be a planning file"),
                              line=_first_deep_line(raw),
                              fix=_("restore the file from git")) from None


#: The name the storage layer had for :func:`parse_toml` (participants.py, tests).
parse_bounded = parse_toml

_PARSED: dict[bytes, str] = {}  # a file's bytes (at most max_bytes) -> its data as JSON


def read_toml(path: Path, *, max_bytes: int = MAX_WORKFLOW_BYTES) -> tuple[dict[str, Any], bytes]:
    """Read and parse the TOML file ``path`` with every bound of this module.

    Used for workflows and settings: a command often reads the same file twice (for its id,
    then to load it), so the result is kept per process, keyed on the bytes' digest; each
    caller gets its own copy (validation changes the data it is given). Files whose data holds
    dates or times are parsed each time.

    Returns ``(data, raw bytes)``. Raises :class:`~eventflow.errors.FileFormatError` naming the
    file (and line) when it is missing, unreadable, bigger than ``max_bytes`` or not valid
    TOML.
    """
    try:
        raw = read_capped(path, max_bytes)
    except FileNotFoundError:
        raise FileFormatError(path, _("file not found")) from None
    text = _PARSED.get(raw)
    if text is not None:
        return json.loads(text), raw
    data = parse_toml(path, raw)
    with contextlib.suppress(TypeError, ValueError):  # dates and times are not JSON: not kept
        _PARSED[raw] = json.dumps(data)
    return data, raw


def encode_data(data: dict[str, Any]) -> bytes:
    """The bytes of the TOML document ``data`` as eventflow writes every file: tomli-w's
    output, UTF-8 (event files: :func:`eventflow.event.to_data`, or such a file as read back).

    Keys keep their order and every array element gets its own line; a list of tables short
    enough for one line is written as an array of inline tables, a longer one as
    ``[[tables]]`` (tomli-w's rule). The same data always gives the same bytes, which the
    caches and the quick ``check`` rely on.
    """
    return tomli_w.dumps(data, multiline_strings=False).encode("utf-8")
