"""The world of a policy scenario: one planning folder, its engine, the event and the last
command-line result (:class:`World`, the ``world`` fixture)."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.utils import registry_get_safe

from ...names import WORKFLOWS_DIR
from ...schedule import today
from ..resolve import resolve_requirement, resolve_stage

# The step library is imported to read its steps (the policy catalogue, a pytest plugin) as well
# as to run them; eventflow's heavier modules are imported where a scenario first needs them,
# each `lazy:` with its cost (-X importtime, after eventflow.policy.steps).

if TYPE_CHECKING:
    from click.testing import Result

    from ...checklist import ItemStatus

    # eventflow.workflow 15 ms
    from ...engine import Engine
    from ...event import Event
    from ...store import Project
    from ...workflow import Item, Stage, Workflow

EVENT_DATE = dt.date(2027, 3, 18)
WORKFLOW_ID = "good-relations-training"
DONE_WORDS = ("done", "valmis", "klar")

# Organisers named in the features: (organisation, type, bilingual authority)
ORGANISERS = {
    "a city": ("Tampereen kaupunki", "authority", False),
    "kaupungin": ("Tampereen kaupunki", "authority", False),
    "a bilingual authority": ("Vaasan kaupunki", "authority", True),
    "kaksikielisen viranomaisen": ("Vaasan kaupunki", "authority", True),
    "an association": ("Monikulttuurinen yhdistys ry", "ngo", False),
    "yhdistyksen": ("Monikulttuurinen yhdistys ry", "ngo", False),
    "en stad": ("Tammerfors stad", "authority", False),
    "en tvåspråkig myndighet": ("Vasa stad", "authority", True),
    "en förening": ("Mångkulturella föreningen rf", "ngo", False),
}


# the world: one planning folder per scenario -------------------------------------------------
_CACHE: dict[str, tuple[Path, dt.date]] = {}  # snapshot of a walk and its day
_CACHE_DIR: list[Path] = []


Walks = tuple[dict[str, tuple[Path, dt.date]], list[Path]]


def swap_walks(walks: Walks) -> Walks:
    """Put ``walks`` (snapshots and their folder, as this returns them; ``({}, [])`` for
    none) in place of the walks scenarios copy, and return the ones taken out. The mutation
    check of the engine keeps a mutant's walks apart from the real engine's."""
    taken: Walks = (dict(_CACHE), list(_CACHE_DIR))
    _CACHE.clear()
    _CACHE.update(walks[0])
    _CACHE_DIR[:] = walks[1]
    return taken


def scratch_dir() -> str | None:
    """Where scenarios keep their planning folders: memory-backed where the system has it, as
    the store syncs every write to disk and durability is not what the policy is about."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _cache_dir() -> Path:
    if not _CACHE_DIR:
        path = Path(tempfile.mkdtemp(prefix="eventflow-policy-", dir=scratch_dir()))
        atexit.register(shutil.rmtree, path, True)
        _CACHE_DIR.append(path)
    return _CACHE_DIR[0]


_LOADED: dict[Any, Any] = {}


def _share_loaded_workflows(engine: Engine, key: Any) -> None:
    """Give ``engine`` the plugins and parsed workflows an earlier scenario's engine loaded from
    the same files: parsing and validating the workflow takes longer than most scenarios."""
    first = _LOADED.get(key)
    if first is None:
        _LOADED[key] = engine
        return
    for name in ("pm", "registry", "workflow_files", "_workflows"):
        if name in first.__dict__:
            engine.__dict__[name] = first.__dict__[name]


@dataclass
class World:
    """One scenario's planning folder, engine, event and last command-line result.

    ``workflow_file``: a workflow to put in the folder's ``workflows/`` (it overrides the
    shipped workflow with the same id; the mutation check uses this). ``plugins``: plugins to
    activate in the folder.
    """

    base: Path
    workflow_file: Path | None = None
    plugins: tuple[str, ...] = ()
    project: Project | None = None
    event_id: str = ""
    result: Result | None = None
    refusal: str = ""
    plan: tuple[str, str] = ("", "")
    _engine: Engine | None = field(default=None, repr=False)

    # set-up ------------------------------------------------------------------------------
    def start(self, organiser: str, place: str) -> None:
        """Make the scenario's planning folder for ``organiser`` (the organisation the feature
        names) and create its training day in ``place`` (a region or municipality); the Given
        step of every scenario."""
        # lazy: eventflow.store costs 13 ms
        from ...store import Project

        self.plan = (organiser, place)
        self.project = Project.init(self.base / "planning", self._settings(organiser))
        if self.workflow_file is not None:
            folder = self.project.root / WORKFLOWS_DIR
            folder.mkdir(exist_ok=True)
            shutil.copyfile(self.workflow_file, folder / f"{WORKFLOW_ID}.toml")
        municipality, region = self._place(place)
        event = self.engine.create("Hyvät väestösuhteet ja kotoutuminen", EVENT_DATE, region,
                                   ["fi"], WORKFLOW_ID, municipality)
        self.event_id = event.id

    def _settings(self, organiser: str) -> Any:
        # lazy: eventflow.store costs 13 ms
        from ...store import Settings

        try:
            name, kind, bilingual = ORGANISERS[organiser.strip().casefold()]
        except KeyError:
            raise LookupError(f'unknown organiser "{organiser}"; say one of: '
                              + ", ".join(ORGANISERS)) from None
        return Settings(organisation=name, organisation_type=kind, bilingual=bilingual,
                        language="en", active_plugins=list(self.plugins))

    @staticmethod
    def _place(place: str) -> tuple[str, str]:
        municipality, _, region = place.rpartition(",")
        return municipality.strip(), region.strip()

    def reach(self, stage_words: str, in_order: bool) -> None:
        """Bring the event to a stage the way planners do (data recorded, items ticked,
        every stage before it advanced); ``in_order``: the stage's own work done as well."""
        # lazy: eventflow.testing costs 3.6 ms (tomli_w)
        from ...testing import move_clock

        stage = self.stage(stage_words)
        template, clock = self._template(stage.id, in_order)
        move_clock(clock)  # the day the walk had come to (an event at delivery is on its day)
        assert self.project is not None
        target = self.project.root / "events"
        shutil.rmtree(target)
        shutil.copytree(template / "events", target)
        if self.workflow_file is not None:
            # the folder's own workflow replaces the shipped one: move the event onto it, as a
            # planning team does with `eventflow migrate` after changing its workflow
            self.engine.migrate(self.event_id, dry_run=False)

    def _template(self, stage: str, in_order: bool) -> tuple[Path, dt.date]:
        """A planning folder walked to ``stage`` with the shipped workflow. One walk per kind
        of training day and process leaves a snapshot at every stage (just reached, and with
        its work done); scenarios copy them, since a real walk takes a second."""
        plan = json.dumps([*self.plan, sorted(self.plugins)])
        key = json.dumps([plan, stage, in_order])
        if key in _CACHE:
            return _CACHE[key]
        clock = os.environ.get("EVENTFLOW_TODAY")
        try:
            return self._walk(plan, key)
        finally:  # the walk's clock is the walk's: each snapshot keeps the day it was made on
            if clock is None:
                os.environ.pop("EVENTFLOW_TODAY", None)
            else:
                os.environ["EVENTFLOW_TODAY"] = clock

    def _walk(self, plan: str, key: str) -> tuple[Path, dt.date]:
        # lazy: eventflow.engine costs 58 ms, the store 13 ms, eventflow.testing 3.6 ms,
        # eventflow.workflow 15 ms
        from ...engine import Engine
        from ...store import Project
        from ...testing import complete_stage, earliest_day, move_clock
        from ...workflow import TERMINAL

        folder = _cache_dir() / hashlib.sha1(plan.encode()).hexdigest()[:16]
        project = Project.init(folder / "walk", self._settings(self.plan[0]))
        engine = Engine(project)
        municipality, region = self._place(self.plan[1])
        event = engine.create("Hyvät väestösuhteet ja kotoutuminen", EVENT_DATE, region, ["fi"],
                              WORKFLOW_ID, municipality)
        while event.stage not in TERMINAL:
            for done in (False, True):
                if done:
                    complete_stage(engine, event.id)
                snapshot = folder / f"{event.stage}-{done}"
                shutil.copytree(project.root, snapshot)
                _CACHE[json.dumps([plan, event.stage, done])] = (snapshot, today())
            move_clock(earliest_day(engine, engine.load(event.id)))
            event = engine.advance(event.id).event
        return _CACHE[key]

    # the engine and the event ------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The scenario's :class:`eventflow.Engine` on its planning folder, made on first use
        (the Given step must have made the folder)."""
        if self._engine is None:
            from ...engine import Engine  # lazy: eventflow.engine costs 58 ms

            assert self.project is not None, "no training day yet: start with the Given step"
            self._engine = Engine(self.project)
            if self.workflow_file is None:
                _share_loaded_workflows(self._engine, self.plugins)
        return self._engine

    @property
    def event(self) -> Event:
        """The scenario's event as saved now (read again through the engine)."""
        return self.engine.load(self.event_id)

    @property
    def workflow(self) -> Workflow:
        """The workflow the scenario's event follows (its pinned copy)."""
        return self.engine.workflow_for(self.event)

    def change(self, mutate: Callable[[Event], Any]) -> Event:
        """Change the scenario's event through the engine's one write path (action ``policy``);
        ``mutate`` changes the event in place. Returns the event as saved."""
        return self.engine.change(self.event_id, "policy", mutate).event

    def requirement(self, words: str) -> Item:
        """The workflow item whose label (in any language) says ``words``. Raises LookupError
        when none does, or naming them when several do."""
        return resolve_requirement(self.workflow.items(), words)

    def stage(self, words: str) -> Stage:
        """The stage whose label (in any language) or id is ``words``. Raises LookupError naming
        the stages when none is."""
        return resolve_stage(self.workflow.stages, words)

    def status(self, item: Item) -> ItemStatus:
        """How the judge sees ``item`` of the scenario's event now (its
        :class:`~eventflow.checklist.ItemStatus`)."""
        found = [s for s in self.engine.evaluate(self.event, item.stage) if s.item.id == item.id]
        return found[0]

    def cli(self, *args: str) -> Result:
        """Run the ``eventflow`` command line with ``args`` on the scenario's folder and engine
        (click's CliRunner); the result is kept as ``world.result`` for the Then steps."""
        # lazy: click.testing costs 52 ms and eventflow.cli 20 ms; only a command-line step
        # needs them
        from click.testing import CliRunner

        from ...cli import cli

        assert self.project is not None
        # the command line gets this scenario's engine, as `eventflow` builds one per command
        self.result = CliRunner().invoke(cli, ["--dir", str(self.project.root), *args],
                                         obj={"engine": self.engine})
        self.engine.warnings.clear()
        return self.result


def refused(world: World, words: str) -> str:
    """Assert that the last command-line request was refused (exit code 1) with ``words`` in
    its output, and return the output (for a Then step's further checks)."""
    result = world.result
    assert result is not None, "no request was made on the command line"
    assert result.exit_code == 1, f"exit code {result.exit_code}: {result.output}"
    assert words in result.output, result.output
    return result.output


def _plugins_for(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """The plugin whose feature this scenario is (``eventflow policy verify`` maps feature
    folders to plugins in EVENTFLOW_POLICY_PLUGINS); eventflow's own run without plugins."""

    mapping = json.loads(os.environ.get("EVENTFLOW_POLICY_PLUGINS") or "{}")
    template = registry_get_safe(scenario_wrapper_template_registry,
                                 getattr(request.node, "obj", None))
    if not mapping or template is None:
        return ()
    filename = str(Path(template.feature.filename).resolve())
    return tuple(plugin for root, plugin in mapping.items() if filename.startswith(root))


@pytest.fixture
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    """A fresh planning folder for one scenario (see :class:`World`); a plugin's scenario
    gets a folder with that plugin active."""
    plugins = _plugins_for(request)
    base = Path(tempfile.mkdtemp(prefix="eventflow-scenario-", dir=scratch_dir()))
    clock = os.environ.get("EVENTFLOW_TODAY")
    try:
        yield World(base, plugins=plugins)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        if clock is None:  # the clock a scenario moved forward goes back for the next one
            os.environ.pop("EVENTFLOW_TODAY", None)
        else:
            os.environ["EVENTFLOW_TODAY"] = clock
