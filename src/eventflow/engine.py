"""The library behind the CLI: every command is one call here, and returns data to print."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import msgspec

from .checklist import ItemStatus, evaluate
from .errors import EventflowError, InvalidInput, TransitionBlocked, WorkflowError
from .event import Event, Host, WorkflowPin
from .i18n import _, ngettext
from .judge import Requirement, Verdict, judge
from .regions import find_region, region_hint
from .schedule import due_date, today
from .store import Project, now, who
from .store.workflowfile import load_workflow
from .workflow import CANCELLED, DONE, TERMINAL, Workflow

if TYPE_CHECKING:
    import pluggy

    from .plugins import Registry


# a struct, not a dataclass: made in C at import, not compiled (see workflow.py)
class Blocker(msgspec.Struct):
    """One thing that holds an event at its stage.

    ``kind`` is ``regression`` (a requirement of a stage already left that broke later),
    ``requirement`` (a required item of the current stage not met), ``time`` (the stage may
    not be left before a day) or ``veto`` (a plugin's ``before_transition`` refused); ``fix``
    is the command that mends it, with the real event id, when there is one."""

    item: str
    label: str
    owner: str
    due: dt.date | None
    reason: str
    source: str
    plugin: str = ""
    kind: str = "requirement"
    fix: str = ""
    stage: str = ""

    def to_json(self) -> dict[str, Any]:
        """The blocker as ``why --json`` prints it (docs/json.md): dates as ISO text, empty
        texts as ``None``."""
        return {"item": self.item, "label": self.label, "owner": self.owner,
                "due": self.due.isoformat() if self.due else None, "reason": self.reason,
                "source": self.source, "plugin": self.plugin or None, "kind": self.kind,
                "fix": self.fix or None, "stage": self.stage or None}


class Outcome(msgspec.Struct):
    """What a change gives back: the ``event`` as saved, the ``warnings`` to show, and the
    ``details`` the change reported (what its ``mutate`` returned, when a dict)."""

    event: Event
    warnings: list[str] = msgspec.field(default_factory=list)
    details: dict[str, Any] = msgspec.field(default_factory=dict)


def compute_due(workflow: Workflow, date: dt.date, working: bool = True) -> dict[str, dt.date]:
    """Every item's due date for an event on ``date`` (moved to working days unless
    ``working`` is false)."""
    return {item.id: due_date(date, item.due, working=working) for item in workflow.items()}


# Facts of later stages and what must hold before they are recorded (the order of actions).
# Keys are the actions data commands record; values are item ids of the workflow (an item a
# workflow does not have is not required).
PREREQUISITES: dict[str, tuple[str, ...]] = {
    "invitation.sent": ("agreement_topics", "agreement_signed", "controller_model"),
    "participants.import": ("privacy_notice_published",),
    "panel.sent": ("panel_questions_drafted",),
}


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
        from .names import WORKFLOWS_DIR
        from .store import read_toml

        # plugins' workflows were read (and their ids checked) when they registered
        found = {wf_id: path for wf_id, (path, _) in self.registry.workflow_ids.items()}
        folder = self.project.root / WORKFLOWS_DIR
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                wf_id = read_toml(path)[0].get("workflow", {}).get("id")
            except (FileFormatError, AttributeError) as exc:
                self.warnings.append(_("{path}: skipped, cannot read the workflow id "
                                       "({error})").format(path=path, error=exc))
                continue
            if not isinstance(wf_id, str):
                self.warnings.append(_("{path}: skipped, [workflow] id is missing").format(
                    path=path))
                continue
            if wf_id in self.registry.workflow_ids:
                plugin = self.registry.workflow_ids[wf_id][1]
                self._warn(_("workflow '{workflow}' of this planning folder ({path}) is used "
                             "instead of the one plugin {plugin} provides").format(
                                 workflow=wf_id, path=path, plugin=plugin))
            elif wf_id in found:
                self.warnings.append(_("workflow '{workflow}' is defined twice ({first} and "
                                       "{path}); using {path}").format(
                                           workflow=wf_id, first=found[wf_id], path=path))
            found[wf_id] = path
        return found

    def workflow(self, workflow_id: str) -> Workflow:
        """The workflow ``workflow_id`` as it is now (from a plugin or the planning folder's
        ``workflows/``), read once per engine.

        Raises :class:`~eventflow.errors.InvalidInput` when no workflow has that id (the
        message lists the known ones) and :class:`~eventflow.errors.WorkflowError` when its
        file is not a valid workflow."""
        cache = self.__dict__.setdefault("_workflows", {})
        if workflow_id not in cache:
            path = self.workflow_files.get(workflow_id)
            if path is None:
                known = ", ".join(sorted(self.workflow_files)) or _("none")
                problems = "".join(f"; {e}" for e in self.registry.errors)
                raise InvalidInput(_("no workflow '{workflow}' (known: {known}); add it to "
                                     "workflows/ or activate the plugin that provides "
                                     "it{problems}").format(workflow=workflow_id, known=known,
                                                            problems=problems))
            cache[workflow_id] = load_workflow(path, self.registry.checks, self.registry.items)
        return cache[workflow_id]  # type: ignore[no-any-return]

    def lint(self, path: Path) -> Workflow:
        """Read the workflow file ``path`` and check it against this engine's checks and
        items (``eventflow workflow lint``); returns it, or raises
        :class:`~eventflow.errors.WorkflowError` naming what is wrong."""
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
                self._warn(_("{event}: workflow '{workflow}' changed since the event was "
                             "created and its copy {path} is missing; the current version "
                             "{version} is used").format(event=event.id, workflow=current.id,
                                                         path=path, version=current.version))
                return current
            pinned = cache[event.workflow.hash] = load_workflow(path, self.registry.checks,
                                                                self.registry.items)
        if current.version == event.workflow.version:
            why = _("its checklist has changed since (same version {version}: a plugin adds or "
                    "changes items, or the file was edited without a new version)").format(
                        version=current.version)
        else:
            why = _("the current version is {version}").format(version=current.version)
        self._warn(_("{event}: follows workflow '{workflow}' {version} as it was when the event "
                     "was created; {why}; `eventflow migrate {event} --dry-run` shows what "
                     "would change").format(event=event.id, workflow=current.id,
                                            version=event.workflow.version, why=why))
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
            raise InvalidInput(_("{event} is at stage '{stage}', which workflow {workflow} "
                                 "{version} no longer has; reopen an earlier stage first").format(
                                     event=event.id, stage=event.stage, workflow=new.id,
                                     version=new.version))
        changes = diff_workflows(old, new)
        new_due = compute_due(new, event.date, self.working_days)
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
        """The event ``name`` names (its id or a unique prefix of it), read from its file.

        Raises :class:`~eventflow.errors.EventNotFound` or
        :class:`~eventflow.errors.AmbiguousEvent` when ``name`` names no event or several."""
        return self.project.load(self.project.resolve(name))

    def evaluate(self, event: Event, stage: str | None = None) -> list[ItemStatus]:
        """Every item of ``event``'s workflow (or only of ``stage``) with what its check says
        now: met or not, and why. The raw material of :meth:`judge`, without due dates or
        regressions."""
        return evaluate(self.workflow_for(event), event, self.registry, stage)

    def vetoes(self, event: Event, dest: str, trigger: str) -> list[Blocker]:
        """Ask every plugin's ``before_transition`` hook whether ``event`` may move to
        ``dest`` by ``trigger`` (``advance``, ``reopen`` …); each veto
        (:class:`~eventflow.errors.TransitionBlocked`) or failing hook becomes a blocker of
        kind ``veto`` naming its plugin. Hooks get a copy of the event."""
        from .plugins import call_each

        found = []
        for plugin, exc in call_each(self.pm, "before_transition", event=event.copy(),
                                     source=event.stage, dest=dest, trigger=trigger):
            if isinstance(exc, TransitionBlocked):
                reason = exc.reason
            else:
                reason = _("plugin {plugin} failed in before_transition: {error}").format(
                    plugin=plugin, error=f"{type(exc).__name__}: {exc}")
            found.append(Blocker("(plugin)", _("veto by {plugin}").format(plugin=plugin), "", None,
                                 reason, "", plugin))
        return found

    def judge(self, event: Event, day: dt.date | None = None, *,
              vetoes: bool = True) -> Verdict:
        """The one verdict on ``event`` as of ``day`` (default: today, or ``EVENTFLOW_TODAY``).

        Every item of the event's workflow gets a state (see :mod:`eventflow.judge`);
        requirements of stages already left that no longer hold are regressions. With
        ``vetoes`` (the default), plugins' ``before_transition`` hooks are asked whether the
        event may leave its stage, as ``advance`` would ask them."""
        workflow = self.workflow_for(event)
        verdict = judge(workflow, event, self.evaluate(event), day or today())
        if vetoes and verdict.status == "active":
            verdict.vetoes = self.vetoes(event, workflow.next_stage(event.stage), "advance")
        return verdict

    def blockers(self, verdict: Verdict) -> list[Blocker]:
        """What holds the judged event where it is: regressions first, then the current
        stage's unmet requirements, then time, then plugin vetoes."""
        lang = self.lang

        def blocker(r: Requirement, kind: str) -> Blocker:
            return Blocker(r.item.id, r.item.text(lang), r.item.owner, r.due, r.reason,
                           r.item.source, kind=kind, fix=r.fix, stage=r.item.stage)

        found = [blocker(r, "regression") for r in verdict.regressions]
        found += [blocker(r, "requirement") for r in verdict.unmet_here]
        if verdict.too_early:
            found.append(Blocker("(date)", _("'{stage}' is left on the event day or later").format(
                                     stage=verdict.stage),
                                 "", verdict.leave_from,
                                 _("{stage} can be left from {date}").format(
                                     stage=verdict.stage, date=verdict.leave_from),
                                 "", kind="time", stage=verdict.stage))
        return found + list(verdict.vetoes)

    def why(self, event: Event, day: dt.date | None = None) -> list[Blocker]:
        """Every reason the event cannot leave its current stage as of ``day`` (regressions
        first); an empty list means ``advance`` would succeed."""
        return self.blockers(self.judge(event, day))

    def summary(self, event: Event, day: dt.date) -> dict[str, Any]:
        """The event in one line of ``status``: stage, progress, overdue, regressions, next."""
        verdict = self.judge(event, day, vetoes=False)
        return self.summary_of(event, verdict)

    def summary_of(self, event: Event, verdict: Verdict) -> dict[str, Any]:
        """:meth:`summary` of a verdict already made."""
        current = verdict.current
        open_items = [r for r in verdict.requirements if not r.met and r.status.applies]
        upcoming = sorted((r for r in open_items if r.due), key=lambda r: r.due)  # type: ignore
        nxt = upcoming[0] if upcoming and verdict.status == "active" else None
        return {
            "id": event.id,
            "title": event.title,
            "date": event.date.isoformat(),
            "region": event.region,
            "stage": event.stage,
            "status": verdict.status,
            "stage_number": verdict.stage_number,
            "stages": len(verdict.stage_ids),
            "done_in_stage": sum(1 for r in current if r.met),
            "items_in_stage": len(current),
            "blocking": len(verdict.unmet_here),
            "regressions": len(verdict.regressions),
            "overdue": len(verdict.overdue()) if verdict.status == "active" else 0,
            "next_due": ({"item": nxt.item.id, "label": nxt.item.text(self.lang),
                          "due": nxt.due.isoformat()} if nxt and nxt.due else None),
        }

    @property
    def lang(self) -> str:
        """The planning folder's language (``fi``, ``sv`` or ``en``): the language of
        workflow texts in listings."""
        return self.project.settings.language

    def upcoming(self, today: dt.date, days: int) -> list[dict[str, Any]]:
        """Open items due within ``days`` (and overdue ones) across every active event."""
        horizon = today + dt.timedelta(days=days)
        rows = []
        for event_id in self.project.event_ids():
            event = self.project.load(event_id)
            if event.stage in TERMINAL:
                continue
            verdict = self.judge(event, today, vetoes=False)
            for r in verdict.requirements:
                if r.met or r.due is None or r.due > horizon:
                    continue
                rows.append({"event": event.id, "item": r.item.id, "stage": r.item.stage,
                             "label": r.item.text(self.lang), "owner": r.item.owner,
                             "due": r.due.isoformat(), "overdue": r.due < today,
                             "required": r.item.required, "state": r.state,
                             "regression": r.regression, "fix": r.fix or None})
        rows.sort(key=lambda r: (r["due"], r["event"], r["item"]))
        return rows

    # changing ----------------------------------------------------------------------------
    def create(self, title: str, date: dt.date, region: str, languages: list[str],
               workflow_id: str = "good-relations-training", municipality: str = "",
               recording: bool = False) -> Event:
        """Create an event in its first stage, save it as revision 1 and return it.

        ``region`` is one of Finland's 19 regions (maakunta; Finnish or Swedish name);
        ``languages`` the event's languages (``fi``, ``sv``, ``en`` …); the workflow
        ``workflow_id`` is pinned by version and hash, and due dates are counted back from
        ``date``. The id is made from the region and the date (``pirkanmaa-2027-03-18``).

        Raises :class:`~eventflow.errors.InvalidInput` for an unknown region, an empty title
        or an unknown workflow; nothing is saved then."""
        found = find_region(region)
        if found is None:
            raise InvalidInput(_("'{region}' is not one of Finland's 19 regions{hint}; the "
                                 "training covers at most one region (maakunta), e.g. --region "
                                 "Pirkanmaa").format(region=region, hint=region_hint(region)))
        if not title.strip():
            raise InvalidInput(_("the title is empty; give the event a title"))
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
                      host=host, due=compute_due(workflow, date, self.working_days))
        event.id = self.project.new_id(event)
        self._keep_pinned_copy(workflow)
        event.invitation.languages = list(languages)
        return self.project.create(event, details={"title": event.title,
                                                   "date": date.isoformat(),
                                                   "workflow": f"{workflow.id} "
                                                               f"{workflow.version}"})

    @property
    def working_days(self) -> bool:
        """Whether due dates move to working days (``working_days`` under ``[eventflow]`` in
        ``eventflow.toml``; on unless set to false)."""
        return self.project.settings.working_days

    def change(self, name: str, action: str, mutate: Callable[[Event], Any],
               details: dict[str, Any] | None = None, *, after_end: bool = False) -> Outcome:
        """Load, apply ``mutate`` to a copy, validate, judge and save as the next revision.

        This is the one write path of an event's data: every command that changes an event
        (and every plugin command, see docs/plugins.md) calls it. ``action`` names the change
        in the history (``partner.add``, ``invitation.sent`` …); ``details`` are kept with it.

        Read, change and save happen under the event's lock: two people changing different
        parts of an event at the same time (ticking two items) both get their change saved.
        A fact of a later stage (see :data:`PREREQUISITES`) is refused with
        :class:`InvalidInput` until the items it depends on are met. A change that breaks a
        requirement of a stage already left is saved (reality changed) and the outcome
        carries a warning naming the regression and its fix. A done or cancelled event takes
        only changes made ``after_end`` on purpose (such as deleting registrations after the
        follow-up, or ticking follow-up advice that comes late).
        """
        event_id = self.project.resolve(name)
        with self.project.locked(event_id):
            event = self.project.load(event_id)
            if event.stage in TERMINAL and not after_end:
                raise InvalidInput(_("{event} is {stage}; reopen a stage first (`eventflow "
                                     "reopen {event} STAGE --reason ...`)").format(
                                         event=event.id, stage=event.stage))
            try:
                before = self.judge(event, vetoes=False)
                self.refuse_out_of_order(event, action, before)
            except EventflowError as exc:
                exc.args = (_("{error}; nothing was saved").format(error=exc),) + exc.args[1:]
                raise
            except OSError as exc:
                raise InvalidInput(_("{event}: cannot read what judging the change needs "
                                     "({error}); nothing was saved").format(
                                         event=event.id, error=exc.strerror or exc)) from None
            draft = event.copy()
            result = mutate(draft)
            self._stamp_fact(draft, action)
            try:
                draft = msgspec.convert(msgspec.to_builtins(
                    draft, builtin_types=(dt.date, dt.datetime)), Event)
            except msgspec.ValidationError as exc:
                raise InvalidInput(_("{event}: the change would make invalid data ({error}); "
                                     "nothing was saved").format(event=event.id,
                                                                 error=exc)) from None
            if action == "panel.sent" and not draft.panel.questions:
                raise InvalidInput(_("{event}: there are no panel questions to send; add them "
                                     "first (`eventflow panel question {event} TEXT`)").format(
                                         event=event.id))
            saved = self.project.save(draft, action, details, expected_revision=event.revision)
        outcome = Outcome(saved, details=result if isinstance(result, dict) else {})
        try:
            after = self.judge(saved, vetoes=False)
        except (EventflowError, OSError) as exc:  # saved already: say so, never fail it
            outcome.warnings.append(_("{event}: the change was saved, but it could not be "
                                      "judged again ({error}); `eventflow why {event}` shows "
                                      "what holds").format(event=saved.id, error=exc))
            return outcome
        outcome.warnings.extend(self.regression_warnings(before, after))
        return outcome

    def regression_warnings(self, before: Verdict, after: Verdict) -> list[str]:
        """A warning for each requirement that became a regression between two verdicts."""
        old = {r.item.id for r in before.regressions}
        return [_("regression in {event}: {item} of stage '{stage}' ({source}) no longer "
                  "holds: {reason}").format(event=after.event_id, item=r.item.id,
                                            stage=r.item.stage,
                                            source=r.item.source or _("no source"),
                                            reason=r.reason)
                + ("; " + _("fix: {fix}").format(fix=r.fix) if r.fix else "")
                for r in after.regressions if r.item.id not in old]

    def refuse_out_of_order(self, event: Event, action: str,
                            verdict: Verdict | None = None) -> None:
        """Raise :class:`InvalidInput` if ``action`` records a fact of a later stage whose
        prerequisites (:data:`PREREQUISITES`) are not met yet, naming each and its fix."""
        needed = PREREQUISITES.get(action, ())
        if not needed:
            return
        verdict = verdict or self.judge(event, vetoes=False)
        by_id = {r.item.id: r for r in verdict.requirements}
        missing = [by_id[i] for i in needed if i in by_id and not by_id[i].met]
        if missing:
            what = "; ".join(f"{r.item.id} ({r.item.source}): {r.reason}"
                             + (f" — {r.fix}" if r.fix and r.fix not in r.reason else "")
                             for r in missing)
            raise InvalidInput(ngettext("{event}: '{action}' cannot be recorded before {items} "
                                        "is met: {what}",
                                        "{event}: '{action}' cannot be recorded before {items} "
                                        "are met: {what}", len(missing)).format(
                                            event=event.id, action=action, what=what,
                                            items=", ".join(r.item.id for r in missing)))

    @staticmethod
    def _stamp_fact(draft: Event, action: str) -> None:
        """Record what a sent invitation or set of panel questions was sent for, so that a
        reschedule or a question added later shows what must be sent again."""
        if action == "invitation.sent" and draft.invitation.sent_at is not None:
            draft.invitation.sent_for = draft.date
        if action == "panel.sent" and draft.panel.sent_at is not None:
            draft.panel.sent_for = draft.date
            for question in draft.panel.questions:
                question.sent_at = draft.panel.sent_at

    def _item_for_tick(self, event: Event, item_id: str, waive: bool = False) -> Any:
        workflow = self.workflow_for(event)
        try:
            item = workflow.item(item_id)
        except KeyError:
            from .suggest import did_you_mean

            hint = did_you_mean(item_id, [i.id for i in workflow.items()],
                                "; " + _("`eventflow status {event}` lists the items").format(
                                    event=event.id))
            raise InvalidInput(_("no item '{item}' in workflow {workflow}{hint}").format(
                item=item_id, workflow=workflow.id, hint=hint)) from None
        if not (waive and item.waivable) and not self._may_tick(item):
            raise InvalidInput(_("'{item}' is computed by check '{check}' from the event's data "
                                 "and cannot be ticked; record the data instead (`eventflow why "
                                 "{event}` says what is missing)").format(
                                     item=item_id, check=item.check, event=event.id))
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
        """Tick (``checked``), untick or waive a manual item of an event, recording who and when.

        Refused (:class:`InvalidInput`) for an item computed by a check, an item whose
        ``opens`` day has not come (the message names the day), a waiver without a ``note``
        or of an item the workflow does not let be waived. On a done event only advice items
        of the last stage may still be ticked (reports come late). Plugins'
        ``after_item_changed`` hooks are called after the save."""
        event = self.load(name)
        item = self._item_for_tick(event, item_id, waive)
        if waive and not item.waivable:
            raise InvalidInput(_("'{item}' cannot be waived (source {source}: it is a guard the "
                                 "policy does not let you skip)").format(item=item_id,
                                                                         source=item.source))
        if waive and not note.strip():
            raise InvalidInput(_("a waiver needs a note saying why {item} is waived").format(
                item=item_id))
        workflow = self.workflow_for(event)
        if item.opens is not None and (checked or waive):
            opens = due_date(event.date, item.opens, working=False)
            if today() < opens:
                raise InvalidInput(_("{event}: {item} can be ticked from {opens} ({offset} from "
                                     "the event day {date}), not before; it is {today} "
                                     "now").format(event=event.id, item=item_id, opens=opens,
                                                   offset=item.opens, date=event.date,
                                                   today=today()))
        late_advice = (event.stage == DONE and not item.required
                       and item.stage == workflow.stage_ids[-1])
        action = "waive" if waive else "check" if checked else "uncheck"

        def mutate(ev: Event) -> None:
            from .event import ItemState

            if checked or waive:
                ev.items[item_id] = ItemState(checked=checked and not waive, waived=waive,
                                              by=who(), at=now(), note=note)
            else:
                ev.items.pop(item_id, None)

        outcome = self.change(event.id, action, mutate, {"item": item_id, "note": note},
                              after_end=late_advice)
        from .plugins import call_each

        state = msgspec.to_builtins(outcome.event.item_state(item_id),
                                    builtin_types=(dt.datetime,))
        for plugin, exc in call_each(self.pm, "after_item_changed", event=outcome.event.copy(),
                                     item_id=item_id, state=state):
            outcome.warnings.append(_("plugin {plugin} failed in after_item_changed: "
                                      "{error}").format(plugin=plugin, error=exc))
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
                raise InvalidInput(_("{event} is {stage}: there is no stage to leave").format(
                    event=event.id, stage=source))
            dest = workflow.next_stage(source)
        assert dest is not None
        found = self.why(event) if check else self.vetoes(event, dest, trigger)
        machine_trigger = reopen_trigger(dest) if trigger == "reopen" else trigger
        try:  # the machine's guard holds the event where it is while anything blocks
            new_stage = fire(workflow, source, machine_trigger, blockers=found)
        except (MachineError, AttributeError):
            raise InvalidInput(_("{event} cannot {trigger} from '{source}' to '{dest}'").format(
                event=event.id, trigger=trigger, source=source, dest=dest)) from None
        if new_stage == source:
            regressions = sum(1 for b in found if b.kind == "regression")
            what = (_("{regressions} regression(s) and {others} other requirement(s)").format(
                        regressions=regressions, others=len(found) - regressions)
                    if regressions else _("{n} requirement(s)").format(n=len(found)))
            raise TransitionBlocked(_("{event} cannot leave '{stage}': {what} unmet").format(
                event=event.id, stage=source, what=what), found)

        details = {"from": source, "to": new_stage}
        if reason:
            details["reason"] = reason
        cancelled_from = (source if new_stage == CANCELLED
                          else "" if source == CANCELLED else event.cancelled_from)
        event_after = self.project.save(
            msgspec.structs.replace(event, stage=new_stage, cancelled_from=cancelled_from),
            trigger, details, expected_revision=event.revision)
        outcome = Outcome(event_after, details=details)
        if trigger == "reopen":  # what the reopened stage and the ones after it still lack
            outcome.warnings.extend(
                self.regression_warnings(self.judge(event, vetoes=False),
                                         self.judge(event_after, vetoes=False)))
        from .plugins import call_each

        for plugin, exc in call_each(self.pm, "after_transition", event=event_after.copy(),
                                     source=source, dest=new_stage, trigger=trigger):
            outcome.warnings.append(_("plugin {plugin} failed in after_transition: "
                                      "{error}").format(plugin=plugin, error=exc))
        return outcome

    def advance(self, name: str) -> Outcome:
        """Move an event to its next stage (``done`` after the last).

        Raises :class:`TransitionBlocked` with every blocker (regressions first) when a
        regression, an unmet requirement of the current stage, the stage's ``leave_from`` day
        or a plugin veto holds it."""
        return self._transition(name, "advance", None, "", check=True)

    def reopen(self, name: str, stage: str, reason: str) -> Outcome:
        """Go back to an earlier ``stage`` (recorded with ``reason`` in the history).

        Only backwards: to a stage before the current one; from ``done`` to any stage; from
        ``cancelled`` to the stage the event was cancelled at or an earlier one."""
        if not reason.strip():
            raise InvalidInput(_("a reopen needs a reason (kept in the history)"))
        event = self.load(name)
        workflow = self.workflow_for(event)
        if stage not in workflow.stage_ids:
            from .suggest import did_you_mean

            raise InvalidInput(_("no stage '{stage}'{hint}; stages: {stages}").format(
                stage=stage, hint=did_you_mean(stage, workflow.stage_ids),
                stages=", ".join(workflow.stage_ids)))
        order = workflow.stage_ids
        if event.stage == CANCELLED:
            held = event.cancelled_from or self._cancelled_at(event)
            if held in order and order.index(stage) > order.index(held):
                raise InvalidInput(_("{event} was cancelled at '{held}'; it can be reopened at "
                                     "'{held}' or an earlier stage, not at '{stage}'").format(
                                         event=event.id, held=held, stage=stage))
        elif event.stage != DONE and order.index(stage) >= order.index(event.stage):
            raise InvalidInput(_("{event} is at '{stage}'; reopen goes back to an earlier "
                                 "stage").format(event=event.id, stage=event.stage))
        return self._transition(event.id, "reopen", stage, reason, check=False)

    def _cancelled_at(self, event: Event) -> str:
        """The stage a cancelled event left, from its history (files written before events
        kept ``cancelled_from``)."""
        for entry in reversed(self.project.history(event.id)):
            if entry.get("action") == "cancel" and entry.get("applied", True):
                return str(entry.get("from", ""))
        return ""

    def cancel(self, name: str, reason: str) -> Outcome:
        """Cancel an event from any stage (``reason`` kept in the history); ``reopen`` brings
        it back to the stage it was cancelled at or an earlier one."""
        if not reason.strip():
            raise InvalidInput(_("a cancellation needs a reason (kept in the history)"))
        event = self.load(name)
        if event.stage == CANCELLED:
            raise InvalidInput(_("{event} is already cancelled").format(event=event.id))
        return self._transition(event.id, "cancel", CANCELLED, reason, check=False)

    def reschedule(self, name: str, date: dt.date, dry_run: bool, *, force: bool = False,
                   reason: str = "") -> Outcome:
        """Move an event to ``date``: due dates follow; the id stays (ids are names).

        Refused for a date before today unless ``force`` (with a ``reason``, recorded). The
        outcome's ``details`` list the due dates that move and, under ``consequences``,
        everything the new date makes impossible or stale (a registration deadline after the
        event, items now overdue, invitations or panel questions sent with the old date)."""
        event = self.load(name)
        workflow = self.workflow_for(event)
        day = today()
        order = workflow.stage_ids
        held = [st.id for st in workflow.stages if st.leave_from is not None
                and event.stage in order and order.index(event.stage) > order.index(st.id)]
        if held:
            raise InvalidInput(_("{event} has left '{stage}', which happens on the event day "
                                 "{date}: a held event keeps its date; reopen '{stage}' first if "
                                 "the day really moves").format(event=event.id, stage=held[-1],
                                                                date=event.date))
        if date < day and not force:
            raise InvalidInput(_("{date} is in the past (today is {today}); to record an event "
                                 "that already took place on another day, force it with a "
                                 "reason").format(date=date, today=day))
        if force and date < day and not reason.strip():
            raise InvalidInput(_("a reschedule into the past needs a reason (kept in the "
                                 "history)"))
        new_due = compute_due(workflow, date, self.working_days)
        moves = due_moves(event.due, new_due)
        moved = msgspec.structs.replace(event, date=date, due=new_due)
        consequences = self._reschedule_consequences(event, moved, day)
        details = {"from": event.date.isoformat(), "to": date.isoformat(), "moves": moves,
                   "consequences": consequences}
        if dry_run:
            return Outcome(event, details=details)

        def mutate(ev: Event) -> None:
            ev.date = date
            ev.due = new_due

        record = {"from": details["from"], "to": details["to"]}
        if reason:
            record["reason"] = reason
        outcome = self.change(event.id, "reschedule", mutate, record)
        outcome.details = details
        return outcome

    def _reschedule_consequences(self, old: Event, new: Event, day: dt.date) -> list[str]:
        found = []
        deadline = new.invitation.registration_deadline
        if deadline is not None and deadline >= new.date:
            found.append(_("the registration deadline {deadline} is not before the new date "
                           "{date}: `eventflow invitation set {event} --deadline DATE`").format(
                               deadline=deadline, date=new.date, event=new.id))
        if new.invitation.sent_at is not None:
            found.append(_("the invitation was sent {sent} with the date {old}: send it again "
                           "(`eventflow invitation sent {event}`)").format(
                               sent=new.invitation.sent_at, old=old.date, event=new.id))
        if new.panel.sent_at is not None:
            found.append(_("the panel questions were sent {sent} for {old}: send them again "
                           "(`eventflow panel sent {event}`)").format(
                               sent=new.panel.sent_at, old=old.date, event=new.id))
        before = {r.item.id: r for r in self.judge(old, day, vetoes=False).requirements}
        for r in self.judge(new, day, vetoes=False).requirements:
            if r.overdue(day) and not before[r.item.id].overdue(day):
                found.append(_("{item} becomes overdue (due {date})").format(item=r.item.id,
                                                                             date=r.due))
        return found


def default_workflow_path() -> Path:
    """The seed workflow shipped with eventflow."""
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


__all__ = ["Blocker", "Engine", "EventflowError", "Outcome", "Verdict", "WorkflowError"]
