"""The library behind the CLI: every command is one call here, and returns data to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import msgspec

from .checklist import ItemStatus, blockers, evaluate
from .errors import EventflowError, InvalidInput, TransitionBlocked, WorkflowError
from .event import Event, Host, WorkflowPin
from .regions import find_region, region_hint
from .store import Project, now, who
from .workflow import CANCELLED, DONE, TERMINAL, Workflow, load_workflow

if TYPE_CHECKING:
    import pluggy

    from .plugins import Registry


@dataclass
class Blocker:
    """One unmet requirement for leaving a stage."""

    item: str
    label: str
    owner: str
    due: dt.date | None
    reason: str
    source: str
    plugin: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "label": self.label, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "reason": self.reason,
                "source": self.source, "plugin": self.plugin or None}


@dataclass
class Outcome:
    event: Event
    warnings: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def compute_due(workflow: Workflow, date: dt.date) -> dict[str, dt.date]:
    from .schedule import due_date

    return {item.id: due_date(date, item.due) for item in workflow.items()}


def due_moves(old: dict[str, dt.date], new: dict[str, dt.date]) -> list[dict[str, Any]]:
    """The due dates that change: item, from (or None for a new item), to."""
    return [{"item": item_id, "from": old[item_id].isoformat() if item_id in old else None,
             "to": day.isoformat()} for item_id, day in new.items() if old.get(item_id) != day]


class Engine:
    """eventflow for one planning folder, with its plugins."""

    def __init__(self, project: Project, pm: pluggy.PluginManager | None = None) -> None:
        self.project = project
        self._pm = pm
        self.warnings: list[str] = project.notices  # the store's notices are shown too

    # plugins and workflows ---------------------------------------------------------------
    @cached_property
    def pm(self) -> pluggy.PluginManager:
        if self._pm is not None:
            return self._pm
        from .plugins import get_plugin_manager

        return get_plugin_manager(self.project.settings.active_plugins)

    @cached_property
    def registry(self) -> Registry:
        from .plugins import build_registry

        registry = build_registry(self.pm)
        self.warnings.extend(str(e) for e in registry.errors)
        return registry

    @cached_property
    def workflow_files(self) -> dict[str, Path]:
        """Workflow id → file, from plugins and the planning folder's ``workflows/``."""
        from .errors import FileFormatError
        from .workflow import read_toml

        # plugins' workflows were read (and their ids checked) when they registered
        found = {wf_id: path for wf_id, (path, _) in self.registry.workflow_ids.items()}
        folder = self.project.root / "workflows"
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                wf_id = read_toml(path)[0].get("workflow", {}).get("id")
            except (FileFormatError, AttributeError) as exc:
                self.warnings.append(f"{path}: skipped, cannot read the workflow id ({exc})")
                continue
            if not isinstance(wf_id, str):
                self.warnings.append(f"{path}: skipped, [workflow] id is missing")
                continue
            if wf_id in self.registry.workflow_ids:
                plugin = self.registry.workflow_ids[wf_id][1]
                self._warn(f"workflow '{wf_id}' of this planning folder ({path}) is used instead "
                           f"of the one plugin {plugin} provides")
            elif wf_id in found:
                self.warnings.append(f"workflow '{wf_id}' is defined twice ({found[wf_id]} and "
                                     f"{path}); using {path}")
            found[wf_id] = path
        return found

    def workflow(self, workflow_id: str) -> Workflow:
        cache = self.__dict__.setdefault("_workflows", {})
        if workflow_id not in cache:
            path = self.workflow_files.get(workflow_id)
            if path is None:
                known = ", ".join(sorted(self.workflow_files)) or "none"
                raise InvalidInput(f"no workflow '{workflow_id}' (known: {known}); add it to "
                                   "workflows/ or activate the plugin that provides it")
            cache[workflow_id] = load_workflow(path, self.registry.checks, self.registry.items)
        return cache[workflow_id]  # type: ignore[no-any-return]

    def lint(self, path: Path) -> Workflow:
        return load_workflow(path, self.registry.checks, self.registry.items)

    def pinned_path(self, pin_hash: str) -> Path:
        """Where the copy of a workflow that events were created with is kept (shared)."""
        return self.project.events_dir / PINNED_DIR / f"{pin_hash.split(':')[-1]}.toml"

    def _keep_pinned_copy(self, workflow: Workflow) -> None:
        from .store import atomic_write

        path = self.pinned_path(workflow.hash)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, workflow.path.read_bytes())

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def workflow_for(self, event: Event) -> Workflow:
        """The workflow the event follows: the one it was created with (pinned by hash), so
        that editing a workflow never silently changes events in flight."""
        current = self.workflow(event.workflow.id)
        if current.hash == event.workflow.hash:
            return current
        cache = self.__dict__.setdefault("_pinned", {})
        pinned = cache.get(event.workflow.hash)
        if pinned is None:
            path = self.pinned_path(event.workflow.hash)
            if not path.is_file():
                self._warn(f"{event.id}: workflow '{current.id}' changed since the event was "
                           f"created and its copy {path} is missing; the current version "
                           f"{current.version} is used")
                return current
            pinned = cache[event.workflow.hash] = load_workflow(path, self.registry.checks,
                                                                self.registry.items)
        if current.version == event.workflow.version:
            why = (f"its checklist has changed since (same version {current.version}: a plugin "
                   "adds or changes items, or the file was edited without a new version)")
        else:
            why = f"the current version is {current.version}"
        self._warn(f"{event.id}: follows workflow '{current.id}' {event.workflow.version} as it "
                   f"was when the event was created; {why}; `eventflow migrate {event.id} "
                   "--dry-run` shows what would change")
        return pinned  # type: ignore[no-any-return]

    def migrate(self, name: str, dry_run: bool) -> Outcome:
        """Move an event to the current version of its workflow; report what changes."""
        event = self.load(name)
        old = self.workflow_for(event)
        new = self.workflow(event.workflow.id)
        self.warnings = [w for w in self.warnings if "eventflow migrate" not in w]
        if new.hash == event.workflow.hash:
            return Outcome(event, details={"changes": [], "moves": [], "from": new.version,
                                           "to": new.version})
        if event.stage not in new.stage_ids and event.stage not in TERMINAL:
            raise InvalidInput(f"{event.id} is at stage '{event.stage}', which workflow "
                               f"{new.id} {new.version} no longer has; reopen an earlier stage "
                               "first")
        changes = diff_workflows(old, new)
        new_due = compute_due(new, event.date)
        moves = due_moves(event.due, new_due)
        details = {"from": event.workflow.version, "to": new.version, "changes": changes,
                   "moves": moves}
        if dry_run:
            return Outcome(event, details=details)
        self._keep_pinned_copy(new)

        def mutate(ev: Event) -> None:
            ev.workflow = WorkflowPin(id=new.id, version=new.version, hash=new.hash)
            ev.due = new_due

        outcome = self.change(event.id, "migrate", mutate,
                              {"from": details["from"], "to": details["to"],
                               "changes": len(changes)})
        outcome.details = details
        return outcome

    # reading -----------------------------------------------------------------------------
    def load(self, name: str) -> Event:
        return self.project.load(self.project.resolve(name))

    def evaluate(self, event: Event, stage: str | None = None) -> list[ItemStatus]:
        return evaluate(self.workflow_for(event), event, self.registry, stage)

    def vetoes(self, event: Event, dest: str, trigger: str) -> list[Blocker]:
        from .plugins import call_each

        found = []
        for plugin, exc in call_each(self.pm, "before_transition", event=event.copy(),
                                     source=event.stage, dest=dest, trigger=trigger):
            if isinstance(exc, TransitionBlocked):
                reason = exc.reason
            else:
                reason = f"plugin {plugin} failed in before_transition: " \
                         f"{type(exc).__name__}: {exc}"
            found.append(Blocker("(plugin)", f"veto by {plugin}", "", None, reason, "", plugin))
        return found

    def why(self, event: Event) -> list[Blocker]:
        """Every unmet requirement for leaving the event's current stage."""
        if event.stage in TERMINAL:
            return []
        workflow = self.workflow_for(event)
        result = [Blocker(s.item.id, s.item.text(self.project.settings.language), s.item.owner,
                          s.due, s.reason, s.item.source)
                  for s in blockers(self.evaluate(event, event.stage))]
        return result + self.vetoes(event, workflow.next_stage(event.stage), "advance")

    def summary(self, event: Event, today: dt.date) -> dict[str, Any]:
        workflow = self.workflow_for(event)
        statuses = self.evaluate(event) if event.stage not in TERMINAL else []
        current = [s for s in statuses if s.item.stage == event.stage]
        open_items = [s for s in statuses if not s.ok]
        overdue = [s for s in open_items if s.overdue(today)]
        upcoming = sorted((s for s in open_items if s.due), key=lambda s: s.due)  # type: ignore
        stage_index = (workflow.stage_ids.index(event.stage) + 1
                       if event.stage in workflow.stage_ids else len(workflow.stages))
        nxt = upcoming[0] if upcoming else None
        return {
            "id": event.id,
            "title": event.title,
            "date": event.date.isoformat(),
            "region": event.region,
            "stage": event.stage,
            "stage_number": stage_index,
            "stages": len(workflow.stages),
            "done_in_stage": sum(1 for s in current if s.ok),
            "items_in_stage": len(current),
            "blocking": sum(1 for s in current if s.blocking),
            "overdue": len(overdue),
            "next_due": ({"item": nxt.item.id, "label": nxt.item.text(self.lang),
                          "due": nxt.due.isoformat()} if nxt and nxt.due else None),
        }

    @property
    def lang(self) -> str:
        return self.project.settings.language

    def upcoming(self, today: dt.date, days: int) -> list[dict[str, Any]]:
        """Open items due within ``days`` (and overdue ones) across every active event."""
        horizon = today + dt.timedelta(days=days)
        rows = []
        for event_id in self.project.event_ids():
            event = self.project.load(event_id)
            if event.stage in TERMINAL:
                continue
            for s in self.evaluate(event):
                if s.ok or s.due is None or s.due > horizon:
                    continue
                rows.append({"event": event.id, "item": s.item.id, "stage": s.item.stage,
                             "label": s.item.text(self.lang), "owner": s.item.owner,
                             "due": s.due.isoformat(), "overdue": s.due < today,
                             "required": s.item.required})
        rows.sort(key=lambda r: (r["due"], r["event"], r["item"]))
        return rows

    # changing ----------------------------------------------------------------------------
    def create(self, title: str, date: dt.date, region: str, languages: list[str],
               workflow_id: str = "good-relations-training", municipality: str = "",
               recording: bool = False) -> Event:
        found = find_region(region)
        if found is None:
            raise InvalidInput(f"'{region}' is not one of Finland's 19 regions"
                               f"{region_hint(region)}; the training covers at most one region "
                               "(maakunta), e.g. --region Pirkanmaa")
        if not title.strip():
            raise InvalidInput("the title is empty; give the event a title")
        workflow = self.workflow(workflow_id)
        settings = self.project.settings
        host = Host(name=settings.organisation, bilingual=settings.bilingual,
                    type=settings.organisation_type  # type: ignore[arg-type]
                    if settings.organisation_type in ("authority", "ngo", "community", "employer")
                    else "")
        event = Event(id="", title=title.strip(), date=date, region=found.fi,
                      municipality=municipality, languages=languages, recording=recording,
                      stage=workflow.first_stage, created=now(),
                      workflow=WorkflowPin(id=workflow.id, version=workflow.version,
                                           hash=workflow.hash),
                      host=host, due=compute_due(workflow, date))
        event.id = self.project.new_id(event)
        self._keep_pinned_copy(workflow)
        event.invitation.languages = list(languages)
        return self.project.create(event, details={"title": event.title,
                                                   "date": date.isoformat(),
                                                   "workflow": f"{workflow.id} "
                                                               f"{workflow.version}"})

    def change(self, name: str, action: str, mutate: Callable[[Event], Any],
               details: dict[str, Any] | None = None, *, after_end: bool = False) -> Outcome:
        """Load, apply ``mutate`` to a copy, validate, and save as the next revision.

        Read, change and save happen under the event's lock: two people changing different
        parts of an event at the same time (ticking two items) both get their change saved.
        A done or cancelled event takes only changes made ``after_end`` on purpose (such as
        deleting registrations after the follow-up).
        """
        event_id = self.project.resolve(name)
        with self.project.locked(event_id):
            event = self.project.load(event_id)
            if event.stage in TERMINAL and not after_end:
                raise InvalidInput(f"{event.id} is {event.stage}; reopen a stage first "
                                   "(`eventflow reopen EVENT STAGE --reason ...`)")
            draft = event.copy()
            result = mutate(draft)
            try:
                draft = msgspec.convert(msgspec.to_builtins(
                    draft, builtin_types=(dt.date, dt.datetime)), Event)
            except msgspec.ValidationError as exc:
                raise InvalidInput(f"{event.id}: the change would make invalid data ({exc}); "
                                   "nothing was saved") from None
            saved = self.project.save(draft, action, details, expected_revision=event.revision)
        outcome = Outcome(saved, details=result if isinstance(result, dict) else {})
        return outcome

    def _item_for_tick(self, event: Event, item_id: str, waive: bool = False) -> Any:
        workflow = self.workflow_for(event)
        try:
            item = workflow.item(item_id)
        except KeyError:
            from .suggest import did_you_mean

            hint = did_you_mean(item_id, [i.id for i in workflow.items()],
                                "; `eventflow status EVENT` lists the items")
            raise InvalidInput(f"no item '{item_id}' in workflow {workflow.id}{hint}") from None
        if not (waive and item.waivable) and not self._may_tick(item):
            raise InvalidInput(f"'{item_id}' is computed by check '{item.check}' from the "
                               "event's data and cannot be ticked; record the data instead "
                               f"(`eventflow why {event.id}` says what is missing)")
        return item

    def _may_tick(self, item: Any) -> bool:
        if item.check is None:
            return True
        spec = self.registry.checks.get(item.check)
        return spec is not None and spec.tickable

    def tickable(self, event: Event) -> list[str]:
        """The items of ``event``'s workflow that ``eventflow check`` may tick."""
        return [item.id for item in self.workflow_for(event).items() if self._may_tick(item)]

    def tick(self, name: str, item_id: str, *, note: str = "", checked: bool = True,
             waive: bool = False) -> Outcome:
        event = self.load(name)
        item = self._item_for_tick(event, item_id, waive)
        if waive and not item.waivable:
            raise InvalidInput(f"'{item_id}' cannot be waived (source {item.source}: it is a "
                               "guard the policy does not let you skip)")
        if waive and not note.strip():
            raise InvalidInput("Use --note to record why you waive the item")
        action = "waive" if waive else "check" if checked else "uncheck"

        def mutate(ev: Event) -> None:
            from .event import ItemState

            if checked or waive:
                ev.items[item_id] = ItemState(checked=checked and not waive, waived=waive,
                                              by=who(), at=now(), note=note)
            else:
                ev.items.pop(item_id, None)

        outcome = self.change(event.id, action, mutate, {"item": item_id, "note": note})
        from .plugins import call_each

        state = msgspec.to_builtins(outcome.event.item_state(item_id),
                                    builtin_types=(dt.datetime,))
        for plugin, exc in call_each(self.pm, "after_item_changed", event=outcome.event.copy(),
                                     item_id=item_id, state=state):
            outcome.warnings.append(f"plugin {plugin} failed in after_item_changed: {exc}")
        return outcome

    def _transition(self, name: str, trigger: str, dest: str | None, reason: str,
                    check: bool) -> Outcome:
        from transitions.core import MachineError

        from .machine import fire, reopen_trigger

        event = self.load(name)
        workflow = self.workflow_for(event)
        source = event.stage
        if trigger == "advance":
            if source in TERMINAL:
                raise InvalidInput(f"{event.id} is {source}: there is no stage to leave")
            dest = workflow.next_stage(source)
        assert dest is not None
        found = self.why(event) if check else self.vetoes(event, dest, trigger)
        machine_trigger = reopen_trigger(dest) if trigger == "reopen" else trigger
        try:  # the machine's guard holds the event where it is while anything blocks
            new_stage = fire(workflow, source, machine_trigger, blockers=found)
        except (MachineError, AttributeError):
            raise InvalidInput(f"{event.id} cannot {trigger} from '{source}' to '{dest}'") from None
        if new_stage == source:
            raise TransitionBlocked(
                f"{event.id} cannot leave '{source}': {len(found)} requirement(s) unmet", found)

        details = {"from": source, "to": new_stage}
        if reason:
            details["reason"] = reason
        event_after = self.project.save(msgspec.structs.replace(event, stage=new_stage),
                                        trigger, details, expected_revision=event.revision)
        outcome = Outcome(event_after, details=details)
        from .plugins import call_each

        for plugin, exc in call_each(self.pm, "after_transition", event=event_after.copy(),
                                     source=source, dest=new_stage, trigger=trigger):
            outcome.warnings.append(f"plugin {plugin} failed in after_transition: {exc}")
        return outcome

    def advance(self, name: str) -> Outcome:
        return self._transition(name, "advance", None, "", check=True)

    def reopen(self, name: str, stage: str, reason: str) -> Outcome:
        if not reason.strip():
            raise InvalidInput("Use --reason to record why you reopen a stage")
        event = self.load(name)
        workflow = self.workflow_for(event)
        if stage not in workflow.stage_ids:
            from .suggest import did_you_mean

            raise InvalidInput(f"no stage '{stage}'{did_you_mean(stage, workflow.stage_ids)}; "
                               f"stages: {', '.join(workflow.stage_ids)}")
        order = workflow.stage_ids + [DONE, CANCELLED]
        if event.stage not in TERMINAL and order.index(stage) >= order.index(event.stage):
            raise InvalidInput(f"{event.id} is at '{event.stage}'; reopen goes back to an earlier "
                               "stage")
        return self._transition(event.id, "reopen", stage, reason, check=False)

    def cancel(self, name: str, reason: str) -> Outcome:
        if not reason.strip():
            raise InvalidInput("Use --reason to record why you cancel the event")
        event = self.load(name)
        if event.stage == CANCELLED:
            raise InvalidInput(f"{event.id} is already cancelled")
        return self._transition(event.id, "cancel", CANCELLED, reason, check=False)

    def reschedule(self, name: str, date: dt.date, dry_run: bool) -> Outcome:
        event = self.load(name)
        workflow = self.workflow_for(event)
        new_due = compute_due(workflow, date)
        moves = due_moves(event.due, new_due)
        details = {"from": event.date.isoformat(), "to": date.isoformat(), "moves": moves}
        if dry_run:
            return Outcome(event, details=details)

        def mutate(ev: Event) -> None:
            ev.date = date
            ev.due = new_due

        outcome = self.change(event.id, "reschedule", mutate,
                              {"from": details["from"], "to": details["to"]})
        outcome.details = details
        return outcome


def default_workflow_path() -> Path:
    """The seed workflow shipped with eventflow."""
    from .default_plugins.workflows import SEED

    return SEED


PINNED_DIR = ".workflows"
_COMPARED = ("stage", "check", "params", "required", "waivable", "owner", "due", "source")


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


__all__ = ["Blocker", "Engine", "EventflowError", "Outcome", "WorkflowError"]
