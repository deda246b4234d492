"""Merge three versions of an event file as data: git's merge driver for ``event.toml``.

Two organisations that change the same event between two syncs give git three versions of
``events/<id>/event.toml``: the common ancestor (*base*), theirs and ours. Merged line by line
they conflict as soon as two changes sit near each other (ticking two items of one stage does);
merged as data they almost never do: tables merge key by key, lists of records record by
record, lists of words as sets (the rules: :mod:`eventflow.mergedata`).

When both sides changed one value to different values nothing is lost: the merged file keeps
ours and records a ``[[conflicts]]`` entry (path, base, ours, theirs, who and when on each side,
from the item or the history: :mod:`eventflow.mergeconflicts`) that every command shows until
``eventflow resolve`` settles it.

Run by git as ``python -c "$DRIVER_CODE" %O %A %B %P`` (the same as ``python -m
eventflow.merge``, without loading runpy; or ``eventflow merge-file``); the
result is written over ``%A``; the exit code is 0 for a data merge, conflicts recorded or not,
and 1 only when a version cannot be read (git then leaves the file in conflict). This module
(the driver's file I/O) imports neither click nor the engine, only the store's bounded TOML
reading and writing and the merge's own modules, so that git's call costs little more than
reading three files and writing one (bench/merge.py, goal P9).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import tomli

from .errors import FileFormatError
from .i18n import _
from .mergeconflicts import attribute, conflict_warning, describe
from .mergedata import (
    ATOMIC,
    KEYED,
    MISSING,
    SETS,
    Merge,
    RecordKey,
    as_int,
    format_path,
    get_at,
    merge_data,
    parse_path,
    record_key,
    set_at,
)
from .store import check_toml_shape, encode_data

__all__ = ["ATOMIC", "DRIVER_CODE", "KEYED", "MISSING", "SETS", "Merge", "MergeError",
           "RecordKey", "attribute", "conflict_warning", "describe", "format_path", "get_at",
           "history_lines", "main", "merge_bytes", "merge_data", "merge_files", "parse_path",
           "read_side", "record_key", "set_at"]

#: What git runs (``python -c DRIVER_CODE BASE OURS THEIRS PATH``; gitsync.driver_command).
DRIVER_CODE = "import sys; from eventflow.merge import main; sys.exit(main())"


class MergeError(Exception):
    """A version cannot be read or the merge cannot be written; the message says which."""


# the histories of both sides (read only when a merge found conflicts) ---------------------------
def history_lines(raw: bytes) -> list[dict[str, Any]]:
    """The entries of a ``history.jsonl`` (lines that are not a JSON object are skipped)."""
    entries = []
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _their_history(repo_path: str) -> list[dict[str, Any]]:
    """The other side's history of the file git is merging (``repo_path``, relative to the top
    of the work tree), from the commit being merged, rebased or picked."""
    # lazy: subprocess costs 7 ms (-X importtime, best of 9) after this module; only a merge
    # that found conflicts asks git for the other side's history
    import subprocess

    # git names the commit being merged in the driver's environment (GITHEAD_<id>=name);
    # a rebase or cherry-pick in progress has its own head
    heads = [name[len("GITHEAD_"):] for name in os.environ if name.startswith("GITHEAD_")]
    for head in heads + ["MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD"]:
        try:
            done = subprocess.run(["git", "show", f"{head}:{repo_path}"], capture_output=True,
                                  timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            return []
        if done.returncode == 0:
            return history_lines(done.stdout)
    return []


# reading and writing ----------------------------------------------------------------------------
def read_side(path: str, raw: bytes, name: str) -> dict[str, Any]:
    """One version as data: bounded and parsed as eventflow reads any event file, but not
    checked against the event model (importing it would cost more than the whole merge; the
    merged file is checked, with a message naming the field, when eventflow next reads it)."""
    if not raw.strip():
        return {}
    where = f"{path} ({name})"
    try:
        check_toml_shape(where, raw)  # type: ignore[arg-type]  # a name is enough
        try:
            data = tomli.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise FileFormatError(where, _("is not UTF-8 text"), fix=_(
                "save the file as UTF-8 on that side and commit")) from None
        except tomli.TOMLDecodeError as exc:
            raise FileFormatError(where, _("is not valid TOML ({problem})").format(problem=exc),
                                  fix=_("correct the file by hand on that side and commit")) \
                from None
    except FileFormatError as exc:
        raise MergeError(str(exc)) from None
    if not isinstance(data.get("id"), str) or not isinstance(data.get("revision", 0), int):
        raise MergeError(_("{file}: not an event file (no `id` or no whole-number "
                           "`revision`); correct it by hand on that side and commit").format(
            file=where))
    return data


def merge_bytes(base: bytes, ours: bytes, theirs: bytes, path: str = "event.toml", *,
                ours_history: list[dict[str, Any]] | None = None,
                theirs_history: list[dict[str, Any]] | None = None
                ) -> tuple[bytes, list[dict[str, Any]]]:
    """Merge three event files; return the merged file and the conflicts this merge found."""
    old = read_side(path, base, "the common version")
    mine = read_side(path, ours, "our version")
    other = read_side(path, theirs, "their version")
    if not mine or not other:  # one side deleted the file: git's own rules apply
        raise MergeError(_("{file}: one side deleted the event file; keep or delete the event "
                           "folder by hand, then `git add` it and commit").format(file=path))
    merged, new = merge_data(old, mine, other)
    if new and (ours_history is not None or theirs_history is not None):
        attribute(merged.get("conflicts", []), as_int(old.get("revision")),
                  ours_history or [], theirs_history or [])
    return encode_data(merged), new


def merge_files(base_path: str, ours_path: str, theirs_path: str, repo_path: str = "") -> int:
    """What git's merge driver does: merge, write the result over ``ours_path``, return the
    number of conflicts recorded. Raises :class:`MergeError`."""
    name = repo_path or ours_path
    try:
        with open(base_path, "rb") as fh:
            base = fh.read()
        with open(ours_path, "rb") as fh:
            ours = fh.read()
        with open(theirs_path, "rb") as fh:
            theirs = fh.read()
    except OSError as exc:
        raise MergeError(_("{file}: cannot read a version to merge ({problem})").format(
            file=name, problem=exc)) from None
    text, new = merge_bytes(base, ours, theirs, name)
    if new:  # rare: only now read who changed what
        folder = os.path.dirname(repo_path)
        mine: list[dict[str, Any]] = []
        if repo_path:
            try:
                with open(os.path.join(folder, "history.jsonl"), "rb") as fh:
                    mine = history_lines(fh.read())
            except OSError:
                mine = []
        other = _their_history(os.path.join(folder, "history.jsonl")) if repo_path else []
        text, new = merge_bytes(base, ours, theirs, name, ours_history=mine,
                                theirs_history=other)
    try:
        with open(ours_path, "wb") as fh:
            fh.write(text)
    except OSError as exc:
        raise MergeError(_("{file}: cannot write the merged file ({problem})").format(
            file=name, problem=exc)) from None
    return len(new)


def main(argv: list[str] | None = None) -> int:
    """``python -m eventflow.merge BASE OURS THEIRS [PATH]`` (git's ``%O %A %B %P``)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (3, 4):
        sys.stderr.write(_("usage: python -m eventflow.merge BASE OURS THEIRS [PATH]\n"
                           "  git's merge driver for events/*/event.toml: set it up with "
                           "`eventflow init --git`") + "\n")
        return 2
    try:
        found = merge_files(*args)
    except MergeError as exc:
        sys.stderr.write("eventflow: " + _("cannot merge {problem}").format(problem=exc) + "\n")
        return 1
    if found:
        where = args[3] if len(args) == 4 else args[1]
        sys.stderr.write("eventflow: " + _(
            "{file}: {n} conflicting change(s) recorded in the file; `eventflow conflicts` "
            "lists them").format(file=where, n=found) + "\n")
    return 0




if __name__ == "__main__":
    sys.exit(main())
