"""The ``eventflow`` command's front door.

Planners run ``eventflow status``, ``eventflow status EVENT`` and ``eventflow check EVENT ITEM``
dozens of times a day. When what eventflow knows from earlier commands, kept in
``.eventflow/`` and checked against the files, is enough, they are answered here without
importing click, the engine or the event model, which is most of what such a command would
otherwise cost. Everything else goes to the click CLI (cli.py) untouched: every other command
and option, ``--help``, a cache that is missing or out of date, and any case that would need a
warning or an error message (the CLI says those).

* ``status`` and ``status EVENT`` read the caches of index.py through the same functions the
  CLI uses (:func:`eventflow.index.cached_listing`, :func:`eventflow.index.cached_status`,
  :func:`eventflow.index.render_status`), so both print the same bytes.
* ``check EVENT ITEM [--note TEXT]``: when the engine ticks an item with ``check``, it keeps a
  record (``.eventflow/checks/<id>``) of the bytes of the event file it wrote, the items of
  the event's workflow that may be ticked, and what those depend on (keyed like the index:
  eventflow's code, the workflows, the settings; never with a third-party plugin active). The
  next ``check`` of that event, if its file still has exactly those bytes (read under the
  event's lock), sets the item's state in the parsed file, writes it through the store's own
  save (lock, history entry first, fsynced temporary file, replace; store/save.py) and renews the
  record. Bytes eventflow wrote are a valid, canonical event file, so the result is the same
  file the engine would write; tests/test_quick.py compares the two byte for byte.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any, Callable


def main() -> None:
    """Entry point of the ``eventflow`` console script."""
    code = answer(sys.argv[1:], sys.stdout)
    if code is None:
        from .cli import main as cli_main

        cli_main()
        return
    if code:
        sys.exit(code)


def answer(args: list[str], out: IO[str]) -> int | None:
    """Answer ``args`` from the caches and return the exit code, or return ``None`` (having
    written nothing) when the CLI must answer."""
    directory, rest = _global_dir(args)
    named = directory if directory is not None else os.environ.get("EVENTFLOW_DIR") or None
    if (directory is not None and not directory) or (named and os.path.isfile(named)):
        return None  # the CLI says what is wrong with --dir (or EVENTFLOW_DIR, its value)
    if not _writes_any_text(out):
        return None  # the CLI writes what the stream cannot encode its own way
    if rest[:1] == ["check"]:
        return _check(directory, rest[1:], out)
    if not rest or rest[0] != "status" or len(rest) > 2:
        return None
    event = rest[1] if len(rest) == 2 else None
    if event is not None and (not event or event.startswith("-")):
        return None  # an option (--json, --check, --help …): the CLI parses those
    from .index import cached_listing, cached_status, render_status
    from .schedule import today

    day = today()
    if event is not None:
        view = cached_status(directory, event)
        if view is None or view["warnings"]:
            return None
        return _write(out, lambda: out.write(render_status(view, day, False)))
    listing = cached_listing(directory, day)
    if listing is None or listing.warnings or not listing.n:
        return None
    return _write(out, lambda: listing.write(day, out))


def _writes_any_text(out: IO[str]) -> bool:
    """Whether ``out`` can take any text (a UTF encoding); a stream of another encoding is
    left to click, which rewraps it."""
    import codecs

    encoding = getattr(out, "encoding", None)
    if encoding is None:  # an in-memory stream
        return True
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32")
    except LookupError:
        return False


def _global_dir(args: list[str]) -> tuple[str | None, list[str]]:
    """``--dir DIR`` / ``--dir=DIR`` before the command, as the CLI's group option takes it."""
    if args[:1] == ["--dir"] and len(args) >= 2:
        return args[1], args[2:]
    if args and args[0].startswith("--dir="):
        return args[0][len("--dir="):], args[1:]
    return None, args


def _write(out: IO[str], write: Callable[[], object]) -> int:
    """Write and flush; a closed pipe (``eventflow status | head``) ends quietly with exit code
    1, as the CLI does."""
    try:
        write()
        out.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 1
    return 0


# check ------------------------------------------------------------------------------------------
CHECKS_DIR = "checks"
RECORD_FORMAT = 1


class _Fallback(Exception):
    """The quick path cannot vouch for the result: the CLI answers instead."""


def _record_path(root: str, event_id: str) -> str:
    from .cachekeys import INDEX_DIR

    return f"{root}/{INDEX_DIR}/{CHECKS_DIR}/{event_id}"


def remember_check(engine: Any, outcome: Any, taken: int) -> None:
    """After the engine ticked an item (``outcome`` of :meth:`Engine.tick`) in a command that
    started at ``taken`` (``time.time_ns()``), keep the record the next quick ``check``
    needs, when it may: not when the command had anything to warn about (the CLI says that
    every time), nor when a plugin follows ticks. Only a cache: it never fails the command."""
    try:
        _remember_check(engine, outcome, taken)
    except Exception:  # noqa: BLE001 - the change is saved; the next check is a slow one
        return


def _remember_check(engine: Any, outcome: Any, taken: int) -> None:
    from .index import keyed_deps
    from .names import TERMINAL

    event = outcome.event
    data = engine.project.written.get(event.id)
    if data is None or not event.id.isprintable() or event.stage in TERMINAL:
        return
    if outcome.warnings or engine.warnings:
        return
    if engine.pm.hook.after_item_changed.get_hookimpls():
        return  # a hook to call on every tick: the engine's work
    keyed = keyed_deps(engine, taken)
    if keyed is None:
        return
    context, deps = keyed
    _save_record(str(engine.project.root), {
        "format": RECORD_FORMAT, "id": event.id, "context": context, "deps": deps,
        "tickable": engine.tickable(event)}, data)


def _save_record(root: str, record: dict[str, Any], data: bytes) -> None:
    """A JSON line, then the bytes of the event file that eventflow wrote."""
    import contextlib
    import json

    from .cachekeys import make_cache_dir, write_cache

    path = _record_path(root, record["id"])
    checks = os.path.dirname(path)
    try:
        make_cache_dir(os.path.dirname(checks))
        with contextlib.suppress(FileExistsError):
            os.mkdir(checks)
    except OSError:
        return
    write_cache(path, [json.dumps(record, ensure_ascii=False,
                                   separators=(",", ":")).encode("utf-8") + b"\n", data])


def _load_record(root: str, event_id: str) -> tuple[dict[str, Any], bytes] | None:
    """The record and the file's bytes it vouches for, if what they depend on is unchanged."""
    import json

    from .cachekeys import deps_unchanged, folder_context
    from .store import MAX_EVENT_BYTES

    try:
        with open(_record_path(root, event_id), "rb") as fh:
            record = json.loads(fh.readline(1 << 20))
            data = fh.read(MAX_EVENT_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_EVENT_BYTES:
        return None
    if not (isinstance(record, dict) and record.get("format") == RECORD_FORMAT
            and record.get("id") == event_id and isinstance(record.get("tickable"), list)):
        return None
    if record.get("context") != folder_context(root) or not deps_unchanged(record.get("deps")):
        return None
    return record, data


def _check_args(args: list[str]) -> tuple[str, str, str] | None:
    """``EVENT ITEM [--note TEXT]`` as ``(event, item, note)``; ``None`` for anything else."""
    note = ""
    if len(args) == 4 and args[2] == "--note":
        note = args[3]
    elif len(args) == 3 and args[2].startswith("--note="):
        note = args[2][len("--note="):]
    elif len(args) != 2:
        return None
    event, item = args[0], args[1]
    if not event or not item or event.startswith("-") or item.startswith("-"):
        return None
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 on the command line: the CLI's case
        return None
    return event, item, note


def _check(directory: str | None, args: list[str], out: IO[str]) -> int | None:
    parsed = _check_args(args)
    if parsed is None:
        return None
    name, item, note = parsed
    from .cachekeys import EVENTS_DIR, resolve_quick
    from .folder import planning_folder

    root = planning_folder(directory)
    if root is None:
        return None
    try:
        found = resolve_quick(f"{root}/{EVENTS_DIR}", name)
    except OSError:  # no events/ folder, or one that cannot be read: the CLI says so
        return None
    if found is None:
        return None
    event_id = found[0]
    kept = _load_record(root, event_id)
    if kept is None or item not in kept[0]["tickable"] or not item.isprintable() \
            or not event_id.isprintable():
        return None
    record, vouched = kept
    folder = f"{root}/{EVENTS_DIR}/{event_id}"
    from . import store

    try:
        with os.scandir(folder) as it:  # an interrupted save's leftovers: the CLI reports them
            if any(e.name.startswith(".") and e.name.endswith(store.TMP_SUFFIX) for e in it):
                return None
    except OSError:
        return None
    from .errors import EventflowError, LockTimeout

    path = f"{folder}/{store.EVENT_FILE}"
    notices: list[str] = []
    committing = False
    try:
        # the store's own save (store/save.py), on this folder: lock, history entry, replace
        with store.hold(folder, lambda n: notices.append(n) if n not in notices else None,
                        lambda: store.disk_revision(path, lambda: _revision_of(path))):
            with open(path, "rb") as fh:
                raw = fh.read(len(vouched) + 1)
            if raw != vouched:
                raise _Fallback  # changed since eventflow wrote it (by hand, git, another tool)
            store.refuse_conflicts(folder)
            import tomli

            data = tomli.loads(raw.decode("utf-8"))
            items, revision = data.get("items"), data.get("revision")
            if not isinstance(items, dict) or type(revision) is not int:
                raise _Fallback
            state: dict[str, Any] = {"checked": True}
            by = store.who()
            if by:
                state["by"] = by
            state["at"] = store.now()
            if note:
                state["note"] = note
            items[item] = state  # as Engine.tick sets it (ItemState, defaults left out)
            data["revision"] = revision + 1
            new = store.encode_data(data)
            if tomli.loads(new.decode("utf-8")) != data:
                raise _Fallback  # never write what does not read back as meant
            committing = True
            store.commit_bytes(folder, revision + 1, new, "check", {"item": item, "note": note})
    except (_Fallback, EventflowError, OSError, ValueError) as exc:
        _warn(notices)  # what taking the lock cleaned up, if anything
        if not committing and not isinstance(exc, LockTimeout):
            return None  # nothing was written: the CLI does it, or says what is wrong
        if os.environ.get("EVENTFLOW_DEBUG") == "1":
            raise
        from .index import _clean

        sys.stderr.write(f"Error: {_clean(str(exc))}\n")  # as the CLI says an error
        return 1
    _save_record(root, record, new)
    _warn(notices)
    return _write(out, lambda: out.write(f"{event_id}: ✓ {item}\n"))


def _revision_of(path: str) -> int:
    """The revision of a whole event file, read by the engine's rules (when its head does
    not say)."""
    from .store import MAX_EVENT_BYTES, decode_event, read_capped

    return decode_event(path, read_capped(path, MAX_EVENT_BYTES)).revision  # type: ignore[arg-type]


def _warn(notices: list[str]) -> None:
    if not notices:
        return
    from .index import _clean, use_colour

    yellow, reset = ("\x1b[33m", "\x1b[0m") if use_colour(sys.stderr) else ("", "")
    for notice in dict.fromkeys(notices):
        sys.stderr.write(f"{yellow}warning: {_clean(notice)}{reset}\n")
