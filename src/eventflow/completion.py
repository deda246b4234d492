"""Shell completion of the planning data: event ids, item ids, stages, partner, speaker and
cost ids, regions, languages, plugin names, workflow ids and rule ids.

The values come straight from the planning folder's files, never from the engine: event ids
are the folders of ``events/``; items and stages come from the workflow snapshot the event
pins (``events/.workflows/<hash>.toml``), or from the folder's or the shipped workflow when
no event is named; partners, speakers and costs from the event's own ``event.toml``. What is
read for an event is kept in ``.eventflow/completion/`` while its files hold, so that the next
completion parses no TOML. A completion reads a few small files and stays within a small
factor of ``import click`` (bench/run.py, goal P12).

Completion goes by the *name* of a parameter, so a command gets it by naming its parameters
as the others do — no import of this module is needed in a command module:

=================  =======================================================
parameter name     completes
=================  =======================================================
``event``          event ids
``item``           item ids of the event's workflow
``stage``          stage ids (``stages`` too: ``--stage``, repeatable)
``partner_id``     the event's partner ids (``speaker_id``, ``cost_id``)
``region``         the 19 regions (Finnish names)
``languages``      language codes (``lang`` too)
``plugins``        installed and active plugin names (``plugin`` too)
``workflow_id``    workflow ids (``workflow`` too)
``rules``          rule ids of the policy (``rule`` too)
=================  =======================================================

:func:`attach` gives the completers to a command's parameters; the CLI's groups call it for
each command they resolve while a completion is being asked for (``_EVENTFLOW_COMPLETE`` set).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

# loaded already wherever this module is: the CLI imports it when completing (click has
# loaded shell_completion by then) and `eventflow completion` runs in the CLI
import click
from click.shell_completion import CompletionItem, get_completion_class

from .cachekeys import RACY_NS, deps_unchanged, make_cache_dir, stat_key, write_cache
from .folder import planning_folder
from .names import (
    EVENT_FILE,
    EVENTS_DIR,
    INDEX_DIR,
    MAX_EVENT_BYTES,
    MAX_WORKFLOW_BYTES,
    WORKFLOWS_DIR,
)
from .vocab import LANGUAGES  # 0.4 ms (-X importtime)

COMPLETE_VAR = "_EVENTFLOW_COMPLETE"


def completing() -> bool:
    """Whether this run of the command line only answers a shell's completion request."""
    return COMPLETE_VAR in os.environ


# the planning folder, read cheaply ---------------------------------------------------------------
def _root(ctx: Any) -> str | None:
    directory = ctx.find_root().params.get("directory") if ctx is not None else None
    return planning_folder(directory)


# TOML is read here with the size bound of every file eventflow reads (names.py), not through
# the bounded reader (store/tomlio.py: parse_toml, read_toml): importing it loads
# eventflow.store, 16 ms after the CLI and this module against 2.5 ms for tomli alone (python
# -X importtime, median of 7; by perf_counter 15 against 2.4 ms, best of 15; 2026-11-30),
# several times the ~2 ms a completion may spend on it (bench P12). Its shape check is left
# out with it: a file within the bound parses in well under a second, and a completion that
# cannot read a file offers nothing from it.
def _read_bounded(path: str, max_bytes: int) -> bytes | None:
    """The bytes of ``path``, or ``None`` when it cannot be read or is bigger than
    ``max_bytes`` (then not read beyond the bound)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError:
        return None
    return raw if len(raw) <= max_bytes else None


def _toml(path: str, max_bytes: int = MAX_WORKFLOW_BYTES) -> dict[str, Any]:
    """The TOML file ``path`` (at most ``max_bytes``) as a dict; ``{}`` when it cannot be read
    or parsed."""
    raw = _read_bounded(path, max_bytes)
    return {} if raw is None else _parse(raw)


def _parse(raw: bytes) -> dict[str, Any]:
    import tomli  # lazy: 3.1 ms (python -X importtime, best of 9), unused when values are kept

    try:
        return tomli.loads(raw.decode("utf-8"))
    except ValueError:  # (UnicodeDecodeError and TOMLDecodeError among them)
        return {}


def event_ids(root: str | None, prefix: str = "") -> list[str]:
    """The ids of the events of the planning folder ``root`` that begin with ``prefix``, sorted:
    the folders of ``events/`` (not hidden) that hold an event file. Only the folders whose
    name begins with ``prefix`` are looked into (one ``stat`` each)."""
    if root is None:
        return []
    events = os.path.join(root, EVENTS_DIR)
    try:
        with os.scandir(events) as entries:
            return sorted(e.name for e in entries if e.name.startswith(prefix)
                          and not e.name.startswith(".")
                          and os.path.isfile(os.path.join(e.path, EVENT_FILE)))
    except OSError:
        return []


def _event_file(ctx: Any, root: str | None) -> str | None:
    """The event the command line names so far (an id or a unique prefix), as a path; a whole
    id is found without listing the events (as :meth:`eventflow.store.Project.resolve`)."""
    name = str(ctx.params.get("event") or "") if ctx is not None else ""
    if root is None or not name or name.startswith(".") or os.sep in name or "/" in name:
        return None
    path = os.path.join(root, EVENTS_DIR, name, EVENT_FILE)
    if os.path.isfile(path):
        return path
    found = event_ids(root, name)
    return os.path.join(root, EVENTS_DIR, found[0], EVENT_FILE) if len(found) == 1 else None


def _workflow(root: str | None, pin: dict[str, Any] | None,
              looked: list[str] | None = None) -> dict[str, Any]:
    """The workflow an event pins (``pin``, its ``[workflow]``: the snapshot of its ``hash``,
    else the workflow of its ``id``), else (``None``) the default workflow. The paths looked
    at, in order, are added to ``looked``."""
    looked = [] if looked is None else looked
    wanted = "good-relations-training"
    if pin is not None:
        digest = str(pin.get("hash", "")).partition(":")[2]
        if digest:
            looked.append(os.path.join(root or "", EVENTS_DIR, ".workflows", f"{digest}.toml"))
            if root and os.path.isfile(looked[-1]):
                return _toml(looked[-1])
        wanted = str(pin.get("id", ""))
    for folder in _workflow_folders(root):
        looked.append(os.path.join(folder, f"{wanted}.toml"))
        if os.path.isfile(looked[-1]):
            return _toml(looked[-1])
    return {}


def _workflow_folders(root: str | None) -> list[str]:
    shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workflows")
    return ([os.path.join(root, WORKFLOWS_DIR)] if root else []) + [shipped]


# the named event's values, kept ------------------------------------------------------------------
# Reading them means parsing two TOML files (the event's and its workflow's): importing tomli
# and parsing cost 5.5 ms of the 25 ms a completion adds to `import click` (bench P12,
# python -X importtime, 2026-11-30). So they are kept in .eventflow/completion/<id>.txt with
# a copy of the event file's bytes (the values are used only while the file holds the same
# bytes) and the stat of every workflow file looked at (as the views of index/ keep theirs).
KINDS = ("stages", "items", "partners", "speakers", "costs")
# the first line: the format, and where this eventflow is installed (its shipped workflows are
# among the files looked at: another install looks at others)
_KEPT = f"eventflow completion 1\t{os.path.dirname(os.path.abspath(__file__))}"


def _event_values(ctx: Any) -> dict[str, list[str]] | None:
    """The stage, item, partner, speaker and cost ids of the event the command line names so
    far; ``None`` when it names none."""
    root = _root(ctx)
    path = _event_file(ctx, root)
    if root is None or path is None:
        return None
    raw = _read_bounded(path, MAX_EVENT_BYTES)
    if raw is None:  # unreadable, or too big to be an event file: as if none were named
        return None
    kept = os.path.join(root, INDEX_DIR, "completion",
                        f"{os.path.basename(os.path.dirname(path))}.txt")
    values = _read_kept(kept, raw)
    if values is None:
        event = _parse(raw)
        looked: list[str] = []
        pin = event.get("workflow")
        stages = _workflow(root, pin if isinstance(pin, dict) else {}, looked).get("stages", [])
        values = {"stages": _ids(stages), "items": _ids(i for s in _rows(stages)
                                                        for i in _rows(s.get("items")))}
        values.update((kind, _ids(event.get(kind))) for kind in KINDS[2:])
        _keep(root, kept, raw, values, looked)
    return values


def _rows(rows: Any) -> list[dict[str, Any]]:
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _ids(rows: Any) -> list[str]:
    return [str(r["id"]) for r in _rows(list(rows) if rows is not None else []) if r.get("id")]


def _read_kept(kept: str, raw: bytes) -> dict[str, list[str]] | None:
    """The values kept in ``kept`` for an event file holding ``raw``, if still right."""
    try:
        with open(kept, "rb") as fh:
            head, blank, body = fh.read().partition(b"\n\n")
        if not blank or body != raw:
            return None
        lines = head.decode("utf-8").split("\n")
        values: dict[str, list[str]] = {}
        deps: list[list[Any]] = []
        for line in lines[1:]:
            kind, _tab, rest = line.partition("\t")
            if kind == "dep":
                path, *key = rest.split("\t")
                deps.append([path, *map(int, key)])
            elif kind in KINDS:
                values[kind] = rest.split()
    except (OSError, ValueError):
        return None
    if lines[0] != _KEPT or set(values) != set(KINDS) or not deps_unchanged(deps):
        return None
    return values


def _keep(root: str, kept: str, raw: bytes, values: dict[str, list[str]],
          looked: list[str]) -> None:
    """Keep ``values`` for the event file holding ``raw``, unless an id or a path would not
    read back (a space, a tab, a new line) or a workflow file looked at changed so lately
    that a change to come could keep its stat (RACY_NS). A folder we cannot write to keeps
    nothing."""
    deps: list[list[Any]] = [[path, *stat_key(path)] for path in looked]
    now = time.time_ns()
    if any(now - max(d[2], d[3]) < RACY_NS or "\t" in d[0] or "\n" in d[0] for d in deps):
        return
    if any(not v or any(c.isspace() for c in v) for kind in KINDS for v in values[kind]):
        return
    lines = [_KEPT, *("\t".join(["dep", *map(str, d)]) for d in deps),
             *(f"{kind}\t{' '.join(values[kind])}" for kind in KINDS)]
    try:
        make_cache_dir(os.path.join(root, INDEX_DIR))
        with contextlib.suppress(FileExistsError):
            os.mkdir(os.path.dirname(kept))
        write_cache(kept, ["\n".join(lines).encode("utf-8"), b"\n\n", raw])
    except OSError:
        return


# the completers ----------------------------------------------------------------------------------
def _events(ctx: Any, prefix: str) -> list[str]:
    return event_ids(_root(ctx), prefix)  # only the folders that can match are looked into


def _from_event(kind: str) -> Callable[[Any, str], list[str]]:
    """The named event's ``kind`` ids; for stages and items without an event, the default
    workflow's."""
    def ids(ctx: Any, prefix: str) -> list[str]:
        values = _event_values(ctx)
        if values is not None:
            return values[kind]
        if kind not in ("stages", "items"):
            return []
        stages = _workflow(_root(ctx), None).get("stages", [])
        return _ids(stages) if kind == "stages" else _ids(
            i for s in _rows(stages) for i in _rows(s.get("items")))

    return ids


def _regions(ctx: Any, prefix: str) -> list[str]:
    from .regions import REGIONS  # lazy: 2.5 ms after the CLI (-X importtime, median of 5)

    return [r.fi for r in REGIONS]


def _languages(ctx: Any, prefix: str) -> list[str]:
    return list(LANGUAGES)


def _plugins(ctx: Any, prefix: str) -> list[str]:
    # lazy: importlib.metadata costs 50 ms (-X importtime, median of 5), for this list only
    from importlib.metadata import entry_points

    root = _root(ctx)
    settings = _toml(os.path.join(root, "eventflow.toml")) if root else {}
    active = settings.get("plugins", {}).get("active", [])
    installed = [ep.name for ep in entry_points(group="eventflow")]
    return sorted({*installed, *(str(a) for a in active)})


def _workflows(ctx: Any, prefix: str) -> list[str]:
    found: set[str] = set()
    for folder in _workflow_folders(_root(ctx)):
        try:
            found.update(n[:-5] for n in os.listdir(folder) if n.endswith(".toml"))
        except OSError:
            continue
    return sorted(found)


def _rules(ctx: Any, prefix: str) -> list[str]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "rules.toml")
    return [str(r.get("id")) for r in _toml(path).get("rules", []) if r.get("id")]


#: parameter name → the values for the command line so far (``ctx``) that may begin with the
#: word being completed (a completer may give others: they are filtered out)
COMPLETERS: dict[str, Callable[[Any, str], list[str]]] = {
    "event": _events,
    "item": _from_event("items"),
    "stage": _from_event("stages"), "stages": _from_event("stages"),
    "partner_id": _from_event("partners"),
    "speaker_id": _from_event("speakers"),
    "cost_id": _from_event("costs"),
    "region": _regions,
    "languages": _languages, "lang": _languages,
    "plugins": _plugins, "plugin": _plugins,
    "workflow_id": _workflows, "workflow": _workflows,
    "rules": _rules, "rule": _rules,
}


def _completer(values: Callable[[Any, str], list[str]]) -> Callable[..., list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        # a comma-separated list (--lang fi,sv): complete the last part
        head, comma, last = incomplete.rpartition(",") if param.name == "languages" else \
            ("", "", incomplete)
        try:
            options = values(ctx, last)
        except Exception:  # a completion never fails the shell; it offers nothing
            return []
        return [CompletionItem(head + comma + v) for v in options if v.startswith(last)]

    return complete


def attach(command: Any) -> None:
    """Give ``command``'s parameters their completers (by parameter name), unless a parameter
    has its own ``shell_complete`` or a fixed choice."""
    if isinstance(command, click.Group):  # its subcommands too (a group made apart from cli)
        for sub in command.commands.values():
            attach(sub)
    for param in getattr(command, "params", []):
        values = COMPLETERS.get(param.name or "")
        if values is None or getattr(param, "_custom_shell_complete", None) is not None:
            continue
        if isinstance(param.type, click.Choice) or getattr(param, "is_flag", False):
            continue
        param._custom_shell_complete = _completer(values)


def script(command: click.Command, shell: str, prog_name: str = "eventflow") -> str:
    """The completion script click writes for the root ``command`` (the CLI's group, which the
    ``completion`` command passes in) and ``shell`` (bash, zsh or fish).

    Raises :class:`ValueError` for another shell (the command's choice allows none)."""
    cls = get_completion_class(shell)
    if cls is None:
        raise ValueError(f"no completion for the shell '{shell}'; use bash, zsh or fish")
    return cls(command, {}, prog_name, COMPLETE_VAR).source()
