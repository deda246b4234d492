"""The library behind the CLI: every command is one call here, and returns data to print.

:class:`Engine` is the core: plugins, reading and judging events, creating and changing them
(the one write path, :meth:`Engine.change`). Its other methods live by subject, each bound
into the class from its module:

* :mod:`eventflow.engine_workflows`: which workflow an event follows (by id, pinned by hash),
  ``migrate``, ``diff_workflows``;
* :mod:`eventflow.engine_moves`: ``tick``, ``advance``, ``reopen``, ``cancel`` and the order of
  actions (``PREREQUISITES``);
* :mod:`eventflow.engine_dates`: due dates (``compute_due``, ``due_moves``) and ``reschedule``;
* :mod:`eventflow.engine_results`: ``Blocker`` and ``Outcome``, what the engine gives back.

Every name is importable from here as before (``from eventflow.engine import Engine,
Blocker, compute_due, PREREQUISITES …``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from . import engine_dates, engine_moves, engine_workflows
from .checklist import ItemStatus, evaluate
from .datetext import day
from .engine_dates import compute_due, due_moves
from .engine_moves import PREREQUISITES
from .engine_results import Blocker, Outcome
from .engine_workflows import PINNED_DIR, default_workflow_path, diff_workflows
from .errors import EventflowError, InvalidInput, TransitionBlocked, WorkflowError
from .event import Event, Host, WorkflowPin, control_character
from .i18n import _
from .judge import Requirement, Verdict, judge
from .regions import find_region, region_hint
from .schedule import today
from .store import Project, now
from .store.eventfile import schema_problem
from .workflow import TERMINAL

if TYPE_CHECKING:
    import pluggy

    from .plugins import Registry



class Engine:
    """eventflow for one planning folder, with its plugins."""

    def __init__(self, project: Project, pm: pluggy.PluginManager | None = None) -> None:
        self.project = project
        self._pm = pm
        self.warnings: list[str] = project.notices  # the store's notices are shown too

    @property
    def given_plugins(self) -> bool:
        """Whether the caller gave this engine its plugin manager (a test, an embedding
        program), rather than eventflow making it from ``eventflow.toml``: then nothing in the
        folder says which plugins answer, and caches keyed on the folder's plugins stand aside.
        """
        return self._pm is not None

    # plugins and workflows ---------------------------------------------------------------
    @cached_property
    def pm(self) -> pluggy.PluginManager:
        """The plugin manager of this engine: the one it was given, else (made on first use
        and kept) the built-ins and the plugins ``eventflow.toml`` activates
        (:func:`eventflow.plugins.get_plugin_manager`, strict). Hooks are called through it
        (checks, vetoes, outputs, workflows).

        Raises :class:`~eventflow.errors.PluginError` when an active plugin is missing, does not
        import or implements a hook eventflow does not have (naming it and what to do), and
        :class:`~eventflow.errors.FileFormatError` when ``eventflow.toml`` cannot be read.
        """
        if self._pm is not None:
            return self._pm
        # lazy: plugins (pluggy, the hook specs, the registry) cost 8.7 ms after the engine
        # (-X importtime, median of 5; 27.8 ms in a `check`, inspect included): only what asks
        # plugins pays it, not the engine's reads (load, history)
        from .plugins import get_plugin_manager

        return get_plugin_manager(self.project.settings.active_plugins)

    @cached_property
    def registry(self) -> Registry:
        """What the plugins registered (checks, items, outputs, workflows, policies), collected
        from :attr:`pm` on first use and kept (:func:`eventflow.plugins.build_registry`).

        A duplicate or unusable registration is left out and its message added to
        :attr:`warnings`, so that one broken plugin does not stop the others. Raises what
        :attr:`pm` raises.
        """
        from .plugins import build_registry  # lazy: plugins cost 8.7 ms (see pm above)

        registry = build_registry(self.pm)
        self.warnings.extend(str(e) for e in registry.errors)
        return registry

    # workflows (engine_workflows.py) ------------------------------------------------------
    workflow_files = cached_property(engine_workflows.workflow_files)
    workflow = engine_workflows.workflow
    lint = engine_workflows.lint
    pinned_path = engine_workflows.pinned_path
    _keep_pinned_copy = engine_workflows.keep_pinned_copy
    workflow_for = engine_workflows.workflow_for
    migrate = engine_workflows.migrate

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

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
        from .plugins import call_each  # lazy: plugins cost 8.7 ms (see pm above)

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
                                     stage=verdict.stage, date=day(verdict.leave_from or "")),
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
        # one pass over the requirements, counting what Verdict's properties would each count
        # in their own pass (current, unmet_here, regressions, overdue): 279k -> 128k
        # instructions an event (cachegrind, the 1,000-event bench folder, 2026-11-30)
        active = verdict.status == "active"
        done = items = blocking = regressions = overdue = 0
        nxt: Requirement | None = None  # the first open item that applies, earliest due
        nxt_due = dt.date.max
        for r in verdict.requirements:
            met = r.met
            if r.item.stage == verdict.stage:
                items += 1
                if met:
                    done += 1
                elif active and r.item.required:
                    blocking += 1
            if r.regression:
                regressions += 1
            if not met and r.due is not None:
                if r.due < verdict.today:
                    overdue += 1
                if r.status.applies and (nxt is None or r.due < nxt_due):
                    nxt, nxt_due = r, r.due
        nxt = nxt if active else None
        return {
            "id": event.id,
            "title": event.title,
            "date": event.date.isoformat(),
            "region": event.region,
            "stage": event.stage,
            "status": verdict.status,
            "stage_number": verdict.stage_number,
            "stages": len(verdict.stage_ids),
            "done_in_stage": done,
            "items_in_stage": items,
            "blocking": blocking,
            "regressions": regressions,
            "overdue": overdue if active else 0,
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

        Raises :class:`~eventflow.errors.InvalidInput` for an unknown region, an empty title,
        a title, municipality or organisation holding a control character or line break (each
        is one line), or an unknown workflow; nothing is saved then."""
        found = find_region(region)
        if found is None:
            raise InvalidInput(_("'{region}' is not one of Finland's 19 regions{hint}; the "
                                 "training covers at most one region (maakunta), e.g. "
                                 "Pirkanmaa").format(region=region, hint=region_hint(region)),
                               retry_with="region")
        if not title.strip():
            raise InvalidInput(_("the title is empty; give the event a title"))
        settings = self.project.settings
        for field, value in ((_("the title"), title), (_("the municipality"), municipality),
                             (_("the organisation in eventflow.toml"), settings.organisation)):
            if bad := control_character(value):
                raise InvalidInput(_("{field} holds a control character or line break "
                                     "('{bad}'); write it on one line").format(field=field,
                                                                               bad=bad))
        workflow = self.workflow(workflow_id)
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
                raise InvalidInput(_("{event} is {stage}; reopen one of its stages first, "
                                     "with the reason").format(event=event.id,
                                                               stage=event.stage),
                                   retry_with="reopen", event=event.id)
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
                problem, where = schema_problem(exc)
                raise InvalidInput(_("{event}: the change would make invalid data ({error}); "
                                     "nothing was saved").format(
                                         event=event.id,
                                         error=f"{where}: {problem}" if where else problem)
                                   ) from None
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
    # moves (engine_moves.py) ----------------------------------------------------------------
    refuse_out_of_order = engine_moves.refuse_out_of_order
    _stamp_fact = staticmethod(engine_moves.stamp_fact)
    _item_for_tick = engine_moves.item_for_tick
    may_tick = engine_moves.may_tick
    tickable = engine_moves.tickable
    tick = engine_moves.tick
    _transition = engine_moves.transition
    advance = engine_moves.advance
    reopen = engine_moves.reopen
    cancelled_at = engine_moves.cancelled_at
    cancel = engine_moves.cancel

    # dates (engine_dates.py) ----------------------------------------------------------------
    reschedule = engine_dates.reschedule
    _reschedule_consequences = engine_dates.reschedule_consequences


__all__ = ["PINNED_DIR", "PREREQUISITES", "Blocker", "Engine", "EventflowError", "Outcome",
           "Verdict", "WorkflowError", "compute_due", "default_workflow_path", "diff_workflows",
           "due_moves"]
