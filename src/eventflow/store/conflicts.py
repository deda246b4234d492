"""Sync conflicts: copies a sync tool or git left in an event folder, found before a save.

When two people change an event at the same time in a shared folder (Dropbox, OneDrive,
Nextcloud, Syncthing, Google Drive) the sync tool keeps both versions as a *conflicted copy*;
git marks a failed merge with conflict markers. Either needs a person's decision, so
eventflow refuses to save over it (:func:`refuse_conflicts`) and says how to resolve it.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ..errors import EventflowError
from ..i18n import _, ngettext
from ..names import EVENT_FILE, EVENTS_DIR, HISTORY_FILE, PARTICIPANTS_FILE
from .tomlio import MAX_EVENT_BYTES, merge_marker_lines, parse_toml, read_capped

if TYPE_CHECKING:  # pathlib is loaded when a path is made (git's merge driver needs none)
    from pathlib import Path

_OWN = (EVENT_FILE, HISTORY_FILE, PARTICIPANTS_FILE)
_CONFLICT_WORDS = re.compile(r"conflict|sync-conflict|\(\d+\)|\.orig$|~$", re.I)


class SharedFolderConflict(EventflowError):
    """A sync tool's conflicted copy or a git merge conflict needs a person's decision.

    ``paths`` are the files to look at.
    """

    def __init__(self, message: str, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(message)


def conflicted_copies(folder: str | os.PathLike[str]) -> list[Path]:
    """Files a sync tool or a merge tool left next to eventflow's own files in the event
    folder ``folder``, sorted: e.g. ``event (conflicted copy).toml``,
    ``event.sync-conflict-20270101-120000-ABC.toml``, ``event (1).toml``,
    ``history-LAPTOP.jsonl`` or ``event.toml.orig``. Empty when there are none or the folder
    cannot be read."""
    stems = [(name.split(".")[0], name.split(".")[-1]) for name in _OWN]
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name in _OWN or name.startswith(".") or not entry.is_file():
            continue
        for stem, ext in stems:
            if not name.lower().startswith(stem):
                continue
            if name.lower().endswith("." + ext) or _CONFLICT_WORDS.search(name) \
                    or name.startswith(f"{stem}.{ext}"):
                found.append(entry.path)
                break
    # lazy: pathlib costs 7 ms (-X importtime); git's merge driver (P9) loads this module and
    # makes no path, so pathlib is loaded only when there is a conflict to report
    from pathlib import Path

    return [Path(p) for p in sorted(found)]


def conflict_message(folder: str | os.PathLike[str], copies: list[Path]) -> str:
    """What a person reads about the conflicted ``copies`` in ``folder``: each copy, what it
    copies (and for an event file, how it differs), and how to resolve them."""
    from pathlib import Path  # lazy: 7 ms, see conflicted_copies

    folder = Path(folder)
    lines = []
    for copy in copies:
        original = next((own for own in _OWN
                         if copy.name.lower().startswith(own.split(".")[0])), EVENT_FILE)
        detail = ""
        if original == EVENT_FILE:
            detail = _compare_copy(folder / EVENT_FILE, copy)
        lines.append("  - " + _("{copy} (a copy of {original}{detail})").format(
            copy=copy.name, original=original, detail=detail))
    head = ngettext("{folder}: {n} conflicted copy next to eventflow's files; a sync tool made "
                    "it when two people changed the event at the same time:",
                    "{folder}: {n} conflicted copies next to eventflow's files; a sync tool made "
                    "them when two people changed the event at the same time:",
                    len(copies)).format(folder=folder, n=len(copies))
    fix = _("fix: compare each copy with the file it copies (e.g. `{diff}`), bring what is "
            "missing into eventflow's file (for {history}: add the copy's lines that are "
            "missing), then delete the copy (or move it out of the events folder) and run the "
            "command again").format(diff=f'diff "{copies[0]}" "{folder / EVENT_FILE}"',
                                    history=HISTORY_FILE)
    return head + "\n" + "\n".join(lines) + "\n  " + fix


def _compare_copy(current: Path, copy: Path) -> str:
    try:
        mine = parse_toml(current, read_capped(current, MAX_EVENT_BYTES))
        theirs = parse_toml(copy, read_capped(copy, MAX_EVENT_BYTES))
    except (OSError, EventflowError):
        return _("; it cannot be compared automatically")
    differ = sorted(k for k in set(mine) | set(theirs)
                    if k != "revision" and mine.get(k) != theirs.get(k))
    return _("; revision {theirs} there, {mine} here; they differ in: {fields}").format(
        theirs=theirs.get("revision", "?"), mine=mine.get("revision", "?"),
        fields=", ".join(differ) or _("nothing but the revision"))


def refuse_conflicts(folder: str | os.PathLike[str]) -> None:
    """Refuse to save in the event folder ``folder`` while a conflict waits there.

    Raises :class:`SharedFolderConflict` (saying what to do) when a conflicted copy lies in
    the folder or the history holds git merge conflict markers; returns ``None`` otherwise.
    """
    copies = conflicted_copies(folder)
    if copies:
        raise SharedFolderConflict(_("nothing was saved: {conflict}").format(
            conflict=conflict_message(folder, copies)), copies)
    history = os.path.join(folder, HISTORY_FILE)
    try:
        raw = read_capped(history, 64 << 20)
    except FileNotFoundError:
        return
    markers = merge_marker_lines(raw)
    if markers:
        raise SharedFolderConflict(_(
            "{history}, line {line}: git merge conflict markers: two copies of the folder both "
            "added history and git could not merge them; nothing was saved\n"
            "  fix: keep the lines of both sides (every line is one change), delete only the "
            "marker lines (<<<<<<<, =======, >>>>>>>), `git add` the file and commit; add "
            "`{pattern}` to .gitattributes so git does this itself next time").format(
                history=history, line=markers[0],
                pattern=f"{EVENTS_DIR}/*/{HISTORY_FILE} merge=union"), [_as_path(history)])


def _as_path(path: str) -> Path:
    from pathlib import Path  # lazy: 7 ms, see conflicted_copies

    return Path(path)
