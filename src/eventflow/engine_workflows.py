"""Which workflow an event follows: the workflows plugins and the planning folder's
``workflows/`` provide (by id), the pinned copy an event was created with (by hash), and
``migrate``, which moves an event to the current version and lists what changes.

The functions taking ``engine`` are :class:`~eventflow.engine.Engine` methods (the class
binds them); :func:`diff_workflows` and :func:`default_workflow_path` stand alone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine_dates import compute_due, due_moves
from .engine_results import Outcome
from .errors import Advice, FileFormatError, InvalidInput
from .event import Event, WorkflowPin
from .i18n import _
from .names import WORKFLOWS_DIR
from .store import atomic_write, read_toml
from .store.workflowfile import load_workflow
from .workflow import TERMINAL, Workflow

if TYPE_CHECKING:
    from .engine import Engine


def workflow_files(engine: Engine) -> dict[str, Path]:
    """Workflow id → file, from plugins and the planning folder's ``workflows/``."""
    # plugins' workflows were read (and their ids checked) when they registered
    found = {wf_id: path for wf_id, (path, _) in engine.registry.workflow_ids.items()}
    folder = engine.project.root / WORKFLOWS_DIR
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            wf_id = read_toml(path)[0].get("workflow", {}).get("id")
        except (FileFormatError, AttributeError) as exc:
            engine.warnings.append(_("{path}: skipped, cannot read the workflow id "
                                   "({error})").format(path=path, error=exc))
            continue
        if not isinstance(wf_id, str):
            engine.warnings.append(_("{path}: skipped, [workflow] id is missing").format(
                path=path))
            continue
        if wf_id in engine.registry.workflow_ids:
            plugin = engine.registry.workflow_ids[wf_id][1]
            engine._warn(_("workflow '{workflow}' of this planning folder ({path}) is used "
                         "instead of the one plugin {plugin} provides").format(
                             workflow=wf_id, path=path, plugin=plugin))
        elif wf_id in found:
            engine.warnings.append(_("workflow '{workflow}' is defined twice ({first} and "
                                   "{path}); using {path}").format(
                                       workflow=wf_id, first=found[wf_id], path=path))
        found[wf_id] = path
    return found


def workflow(engine: Engine, workflow_id: str) -> Workflow:
    """The workflow ``workflow_id`` as it is now (from a plugin or the planning folder's
    ``workflows/``), read once per engine.

    Raises :class:`~eventflow.errors.InvalidInput` when no workflow has that id (the
    message lists the known ones) and :class:`~eventflow.errors.WorkflowError` when its
    file is not a valid workflow."""
    cache = engine.__dict__.setdefault("_workflows", {})
    if workflow_id not in cache:
        path = engine.workflow_files.get(workflow_id)
        if path is None:
            known = ", ".join(sorted(engine.workflow_files)) or _("none")
            problems = "".join(f"; {e}" for e in engine.registry.errors)
            raise InvalidInput(_("no workflow '{workflow}' (known: {known}); add it to "
                                 "workflows/ or activate the plugin that provides "
                                 "it{problems}").format(workflow=workflow_id, known=known,
                                                        problems=problems))
        cache[workflow_id] = load_workflow(path, engine.registry.checks, engine.registry.items)
    return cache[workflow_id]  # type: ignore[no-any-return]


def lint(engine: Engine, path: Path) -> Workflow:
    """Read the workflow file ``path`` and check it against this engine's checks and
    items (``eventflow workflow lint``); returns it, or raises
    :class:`~eventflow.errors.WorkflowError` naming what is wrong."""
    return load_workflow(path, engine.registry.checks, engine.registry.items)


def pinned_path(engine: Engine, pin_hash: str) -> Path:
    """Where the copy of a workflow that events were created with is kept (shared)."""
    return engine.project.events_dir / PINNED_DIR / f"{pin_hash.split(':')[-1]}.toml"


def keep_pinned_copy(engine: Engine, workflow: Workflow) -> None:
    """Keep the copy of ``workflow`` that events created with it follow (once per hash)."""
    path = engine.pinned_path(workflow.hash)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, workflow.path.read_bytes())


def workflow_for(engine: Engine, event: Event) -> Workflow:
    """The workflow the event follows: the one it was created with (pinned by hash), so
    that editing a workflow never silently changes events in flight."""
    current = engine.workflow(event.workflow.id)
    if current.hash == event.workflow.hash:
        return current
    cache = engine.__dict__.setdefault("_pinned", {})
    pinned = cache.get(event.workflow.hash)
    if pinned is None:
        path = engine.pinned_path(event.workflow.hash)
        if not path.is_file():
            engine._warn(_("{event}: workflow '{workflow}' changed since the event was "
                         "created and its copy {path} is missing; the current version "
                         "{version} is used").format(event=event.id, workflow=current.id,
                                                     path=path, version=current.version))
            return current
        pinned = cache[event.workflow.hash] = load_workflow(path, engine.registry.checks,
                                                            engine.registry.items)
    if current.version == event.workflow.version:
        why = _("its checklist has changed since (same version {version}: a plugin adds or "
                "changes items, or the file was edited without a new version)").format(
                    version=current.version)
    else:
        why = _("the current version is {version}").format(version=current.version)
    # what settles it is migrate(): the CLI adds its command line (cli_terms.py), wherever it
    # prints the warning, also from the caches of index/ (which keep the Advice whole)
    engine._warn(Advice(_("{event}: follows workflow '{workflow}' {version} as it was when the "
                          "event was created; {why}").format(
                              event=event.id, workflow=current.id,
                              version=event.workflow.version, why=why), "migrate", event.id))
    return pinned  # type: ignore[no-any-return]


def migrate(engine: Engine, name: str, dry_run: bool) -> Outcome:
    """Move an event to the current version of its workflow; report what changes."""
    event = engine.load(name)
    old = engine.workflow_for(event)
    new = engine.workflow(event.workflow.id)
    engine.warnings = [w for w in engine.warnings
                       if not (isinstance(w, Advice) and w.retry_with == "migrate")]
    if new.hash == event.workflow.hash:
        return Outcome(event, details={"changes": [], "moves": [], "from": new.version,
                                       "to": new.version})
    if event.stage not in new.stage_ids and event.stage not in TERMINAL:
        raise InvalidInput(_("{event} is at stage '{stage}', which workflow {workflow} "
                             "{version} no longer has; reopen an earlier stage first").format(
                                 event=event.id, stage=event.stage, workflow=new.id,
                                 version=new.version))
    changes = diff_workflows(old, new)
    new_due = compute_due(new, event.date, engine.working_days)
    moves = due_moves(event.due, new_due)
    details = {"from": event.workflow.version, "to": new.version, "changes": changes,
               "moves": moves}
    if dry_run:
        return Outcome(event, details=details)
    engine._keep_pinned_copy(new)

    def mutate(ev: Event) -> None:
        ev.workflow = WorkflowPin(id=new.id, version=new.version, hash=new.hash)
        ev.due = new_due

    outcome = engine.change(event.id, "migrate", mutate,
                          {"from": details["from"], "to": details["to"],
                           "changes": len(changes)})
    outcome.details = details
    return outcome


def default_workflow_path() -> Path:
    """The seed workflow shipped with eventflow."""
    # lazy: default_plugins.workflows costs 8.1 ms after the engine (-X importtime, median of
    # 5; its hookimpl brings pluggy); only the policy's catalogue asks for the seed
    from .default_plugins.workflows import SEED

    return SEED


PINNED_DIR = ".workflows"
_COMPARED = ("stage", "check", "params", "required", "waivable", "owner", "due", "source",
             "opens")


def diff_workflows(old: Workflow, new: Workflow) -> list[dict[str, Any]]:
    """Items added, removed or changed between two versions of a workflow."""
    before = {i.id: i for i in old.items()}
    after = {i.id: i for i in new.items()}
    changes: list[dict[str, Any]] = []
    for item_id in after.keys() - before.keys():
        changes.append({"item": item_id, "change": "added", "stage": after[item_id].stage})
    for item_id in before.keys() - after.keys():
        changes.append({"item": item_id, "change": "removed", "stage": before[item_id].stage})
    for item_id in before.keys() & after.keys():
        a, b = before[item_id], after[item_id]
        fields = {f: [str(getattr(a, f)), str(getattr(b, f))] for f in _COMPARED
                  if getattr(a, f) != getattr(b, f)}
        if fields:
            changes.append({"item": item_id, "change": "changed", "stage": b.stage,
                            "fields": fields})
    return sorted(changes, key=lambda c: (c["change"], c["item"]))

