"""Test helpers for eventflow and for plugin authors (a pytest plugin, via ``pytest11``).

Fixtures:

* ``ef_project`` — an empty planning folder (a :class:`eventflow.Project`) in ``tmp_path``;
* ``ef_engine`` — an :class:`eventflow.Engine` on it, with only the built-in plugins;
* ``ef_event`` — a factory: ``ef_event(stage="speakers")`` creates an event and walks it, with
  complete and valid data, until it stands at ``stage``; returns the event;
* ``ef_plugin_manager`` — a factory: ``ef_plugin_manager(MyPlugin())`` returns a plugin
  manager with the built-ins and your plugin registered (nothing installed is loaded);
* ``ef_engine_with`` — a factory: ``ef_engine_with(MyPlugin())`` returns an
  :class:`eventflow.Engine` on ``ef_project`` whose plugin manager has the built-ins and your
  plugins; they are unregistered when the test ends;
* ``ef_activate`` — ``ef_activate("myplugin")`` activates an *installed* plugin for this test:
  writes ``[plugins] active`` (and the plugin's ``[plugins.myplugin]`` table,
  ``ef_activate("myplugin", settings={"key": "value"})``; for several plugins
  ``settings={"a": {...}, "b": {...}}``) into the folder's ``eventflow.toml`` and allows it in
  ``EVENTFLOW_LOAD_PLUGINS``; the CLI and new engines then load it exactly as they would for a
  user;
* ``ef_installed`` — ``ef_installed("name", plugin)`` makes eventflow see ``plugin`` (a module
  or an object with hookimpls) as if a package had installed it under the ``eventflow``
  entry-point group, for this test only. Combine with ``ef_activate``.

Functions :func:`fill_stage`, :func:`walk_to` and :func:`activate` do the same outside pytest.
Nothing here imports eventflow's heavy modules until a fixture is used.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import types
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pytest
import tomli_w

from .i18n import _
from .schedule import due_date, today
from .texts import DEFAULT_DEFINITION

# This module is a pytest plugin (``pytest11``): every pytest session of a project with
# eventflow installed imports it. The model, the store, the plugins and the engine are imported
# where a helper or fixture needs them, each marked `lazy:` with its cost (-X importtime, after
# pytest and this module).

if TYPE_CHECKING:
    import pluggy

    from .engine import Engine
    from .event import Event
    from .store import Project


def fill_stage(event: Event, stage: str) -> None:
    """Record, on ``event`` (in place), data that satisfies every check of ``stage``."""
    # lazy: eventflow.event costs 34 ms (msgspec)
    from . import event as m

    day = event.date
    if stage == "partner_agreed":
        if not event.partners:
            event.partners.append(m.Partner(id="p1", name="Alueellinen ETNO", type="authority",
                                            contact="Leena Koski, leena@example.fi"))
        for topic in m.AGREEMENT_TOPICS:
            if not getattr(event.agreement, topic):
                setattr(event.agreement, topic, f"agreed: {topic}")
        event.agreement.controller_model = event.agreement.controller_model or "joint"
        if not any(o.target_group for o in event.organisers):
            event.organisers.append(m.Organiser(name="Amir Haddad", organisation="Kotipesä ry",
                                                target_group="ngo"))
    elif stage == "venue":
        event.venue = m.Venue(name="Kaupungintalo", address="Keskustori 1", capacity=120,
                              contact="Venue desk", accessibility=["step_free", "hearing_loop"])
    elif stage == "costs_split":
        parties = {"host": 50.0, **{p.id: 50.0 / len(event.partners) for p in event.partners}} \
            if event.partners else {}
        amounts: tuple[tuple[m.CostCategory, float], ...] = (
            ("venue", 800.0), ("catering", 600.0), ("speaker_fee", 300.0), ("travel", 120.0))
        event.costs = [m.Cost(id=f"c{i}", category=c, amount=a, split=dict(parties))
                       for i, (c, a) in enumerate(amounts, 1)]
    elif stage == "speakers":
        dims = list(m.DIMENSIONS)
        event.speakers = [
            m.Speaker(id="s1", name="Laura Niemi", slot="expert_talk", organisation="OM",
                      ex_officio=True, confirmed=True, start="09:15", minutes=40,
                      dimensions=dims[:2]),
            m.Speaker(id="s2", name="Mikko Salo", slot="region_talk", organisation="Liitto",
                      ex_officio=True, confirmed=True, start="10:00", minutes=30,
                      dimensions=dims[2:]),
            m.Speaker(id="s3", name="Amina Yusuf", slot="comment_talk", target_group="ngo",
                      confirmed=True, start="10:30", minutes=10, fee=150.0),
            m.Speaker(id="s4", name="Panel", slot="panel", confirmed=True, start="11:00",
                      minutes=45),
        ]
        event.panel.panelists = [m.Panelist(name="Jari Virtanen", role="police"),
                                 m.Panelist(name="Sari Laine", role="councillor"),
                                 m.Panelist(name="Omar Ali", role="NGO worker")]
    elif stage == "invitations":
        inv = event.invitation
        inv.languages = inv.languages or list(event.languages)
        if event.host.type == "authority" and event.host.bilingual:
            inv.languages = sorted(set(inv.languages) | {"fi", "sv"})
        for lang in inv.languages:
            inv.definition.setdefault(lang, DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"]))
        inv.target_groups = ["authority_local_regional", "regional_etno", "ngo", "religious"]
        inv.registration_deadline = day - dt.timedelta(days=3)
        inv.accessibility_info = "Step-free access, hearing loop."
        inv.accessibility_contact = "Leena Koski"
        inv.recording_notice = ["form", "confirmation"]
        inv.sent_at = day - dt.timedelta(weeks=8)
        inv.sent_for = day
    elif stage == "panel_questions":
        sent = day - dt.timedelta(days=14)
        event.panel.questions = [m.PanelQuestion(text=f"Question on {d}", dimensions=[d],
                                                 sent_at=sent) for d in m.DIMENSIONS]
        event.panel.sent_at = sent
        event.panel.sent_for = day
    elif stage == "follow_up":
        event.ext.setdefault("participants", {})["purged_at"] = (
            day + dt.timedelta(weeks=12)).isoformat()


def earliest_day(engine: Engine, event: Event) -> dt.date:
    """The first day on which the event's current stage can be completed and left: the
    latest ``opens`` of its items and its ``leave_from`` (the event day for ``delivery`` in
    the seed workflow), or today if that is later."""
    # lazy: eventflow.workflow costs 10 ms
    from .workflow import TERMINAL

    day = today()
    if event.stage in TERMINAL:
        return day
    stage = engine.workflow_for(event).stage(event.stage)
    offsets = [item.opens for item in stage.items if item.opens is not None]
    if stage.leave_from is not None:
        offsets.append(stage.leave_from)
    return max([day, *(due_date(event.date, o, working=False) for o in offsets)])


def move_clock(day: dt.date) -> None:
    """Let time pass: ``EVENTFLOW_TODAY`` becomes ``day`` if that is later than today (time
    never runs backwards). The fixtures of this module restore the variable after each test."""

    if day > today():
        os.environ["EVENTFLOW_TODAY"] = day.isoformat()


def walk_to(engine: Engine, event_id: str, stage: str) -> Event:
    """Fill in data, tick every manual item, and advance until the event stands at ``stage``.

    Time passes as the walk needs it (:func:`move_clock`): an event walked to ``follow_up``
    leaves the clock on its event day or later."""
    # lazy: eventflow.workflow costs 10 ms
    from .workflow import DONE

    event = engine.load(event_id)
    workflow = engine.workflow_for(event)
    order = workflow.stage_ids + [DONE]
    if stage not in order:
        raise ValueError(_("no stage '{stage}' in the workflow {workflow}; stages: "
                           "{stages}").format(stage=stage, workflow=workflow.id,
                                              stages=", ".join(order)))
    while event.stage != stage:
        complete_stage(engine, event.id)
        move_clock(earliest_day(engine, engine.load(event.id)))
        event = engine.advance(event.id).event
    return event


def complete_stage(engine: Engine, event_id: str) -> Event:
    """Fill in the data of the event's current stage and tick its manual (and tickable) items,
    so that only plugins' own items and vetoes can keep it from advancing."""
    event = engine.load(event_id)
    current = event.stage
    workflow = engine.workflow_for(event)
    move_clock(earliest_day(engine, event))
    event = engine.change(event.id, "test.fill", lambda ev: fill_stage(ev, current)).event
    for item in workflow.stage(current).items:
        spec = engine.registry.checks.get(item.check or "")
        if item.manual or (spec is not None and spec.tickable):
            event = engine.tick(event.id, item.id, note="done").event
    return event


#: The tags of the policy format (docs/plugins.md, register_policy) beyond a plugin's own.
POLICY_MARKERS = {
    "kept": "policy scenario in which its rule is kept",
    "broken": "policy scenario in which its rule is broken",
    "guard": "policy rule that blocks a stage transition",
    "checklist": "policy rule ticked by a person, which may be waived with a reason",
    "warning": "policy rule that is advice only",
    "conditional": "policy rule that is a guard only when its condition applies",
}


def pytest_configure(config: pytest.Config) -> None:
    """Declare the policy format's tags as pytest markers, so that a plugin's features run
    under ``--strict-markers`` with only its own tags (``@vasa``, ``@vasa.note-recorded``)
    declared by the plugin."""
    for name, text in POLICY_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")


def plugin_label(plugin: object) -> str:
    """The name a test plugin is registered under: a module's name, else its class name."""
    name = getattr(plugin, "__name__", None)
    return name if isinstance(name, str) else type(plugin).__name__


@pytest.fixture
def ef_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Fixture: an empty planning folder (a :class:`eventflow.Project`) in ``tmp_path``, for the
    organisation "Tampereen kaupunki"; no installed plugin is loaded, messages are in English,
    the user is ``tester`` and the clock (``EVENTFLOW_TODAY``) is restored after the test."""
    # lazy: eventflow.store costs 10 ms
    from .store import Project, Settings

    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    monkeypatch.setenv("EVENTFLOW_USER", "tester")
    monkeypatch.setenv("EVENTFLOW_LANG", "en")  # messages in English, whatever the folder says
    monkeypatch.delenv("EVENTFLOW_DIR", raising=False)
    # restored after the test, as walks move the clock forward (move_clock)
    monkeypatch.setenv("EVENTFLOW_TODAY", os.environ.get("EVENTFLOW_TODAY") or
                       dt.date.today().isoformat())
    return Project.init(tmp_path / "planning", Settings(organisation="Tampereen kaupunki",
                                                         organisation_type="authority"))


@pytest.fixture
def ef_engine(ef_project: Project) -> Engine:
    """Fixture: an :class:`eventflow.Engine` on ``ef_project`` with only the built-in plugins."""
    # lazy: eventflow.engine costs 33 ms
    from .engine import Engine

    return Engine(ef_project)


@pytest.fixture
def ef_event(ef_engine: Engine) -> Callable[..., Event]:
    """Fixture: a factory ``make(stage="partner_agreed", *, date=…, region="Pirkanmaa",
    languages=("fi",), title=…, **kwargs)`` that creates an event with ``ef_engine`` and walks
    it, with complete and valid data, until it stands at ``stage``; returns the event."""
    def make(stage: str = "partner_agreed", *, date: dt.date = dt.date(2027, 3, 18),
             region: str = "Pirkanmaa", languages: tuple[str, ...] = ("fi",),
             title: str = "Hyvät väestösuhteet", **kwargs: Any) -> Event:
        event = ef_engine.create(title, date, region, list(languages), **kwargs)
        return walk_to(ef_engine, event.id, stage)

    return make


@pytest.fixture
def ef_plugin_manager() -> Callable[..., pluggy.PluginManager]:
    """Fixture: a factory ``make(*plugins)`` returning a plugin manager with the built-ins and
    ``plugins`` registered (nothing installed is loaded); ``check_pending`` has been called, so a
    misspelt hookimpl fails."""
    def make(*plugins: object) -> pluggy.PluginManager:
        # lazy: eventflow.plugins costs 14 ms
        from .plugins import get_plugin_manager, register_plugin

        pm = get_plugin_manager(active=())
        for plugin in plugins:
            register_plugin(pm, plugin, plugin_label(plugin))
        pm.check_pending()
        return pm

    return make


def activate(project: Project, *names: str, settings: dict[str, dict[str, Any]] | None = None
             ) -> None:
    """Write ``[plugins] active = names`` (and ``[plugins.<name>]`` settings) into the
    planning folder's ``eventflow.toml``, keeping everything else in it."""

    # lazy: eventflow.store costs 10 ms
    from .store import MAX_EVENT_BYTES, SETTINGS_FILE, atomic_write, read_toml

    path = Path(project.root) / SETTINGS_FILE
    data, _raw = read_toml(path, max_bytes=MAX_EVENT_BYTES)
    plugins = data.setdefault("plugins", {})
    plugins["active"] = list(names)
    for name, values in (settings or {}).items():
        plugins[name] = dict(values)
    atomic_write(path, tomli_w.dumps(data).encode())
    project.reread_settings()


def settings_by_plugin(names: tuple[str, ...], settings: dict[str, Any] | None
                       ) -> dict[str, dict[str, Any]]:
    """``ef_activate``'s settings as ``{plugin: table}``.

    With one plugin, ``settings`` is that plugin's own table (``ef_activate("x",
    settings={"region": "Pirkanmaa"})``); with several, it maps each plugin's name to its
    table. ``{"x": {...}}`` for the one plugin ``x`` is read the second way too."""
    if not settings:
        return {}
    if len(names) == 1:
        (name,) = names
        nested = set(settings) == {name} and isinstance(settings[name], dict)
        return dict(settings) if nested else {name: dict(settings)}
    unknown = sorted(set(settings) - set(names))
    if unknown or not all(isinstance(v, dict) for v in settings.values()):
        raise ValueError(_("{call}: with several plugins, settings maps each plugin's name to "
                           "its table, e.g. {example}; got keys {keys}").format(
                               call=f"ef_activate{names!r}",
                               example=f"settings={{{names[0]!r}: {{...}}}}",
                               keys=sorted(settings)))
    return {name: dict(table) for name, table in settings.items()}


@pytest.fixture
def ef_activate(ef_project: Project, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Fixture: ``make(*names, settings=None)`` activates installed plugins for this test (see
    :func:`activate`) and allows them in ``EVENTFLOW_LOAD_PLUGINS``."""
    def make(*names: str, settings: dict[str, Any] | None = None) -> None:
        activate(ef_project, *names, settings=settings_by_plugin(names, settings))
        monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", ",".join(names))

    return make


@pytest.fixture
def ef_installed(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, object], None]:
    """Fixture: ``install(name, plugin)`` makes eventflow see ``plugin`` (a module or an object
    with hookimpls) as installed under the ``eventflow`` entry-point group, for this test only."""
    # lazy: eventflow.plugins costs 14 ms
    from . import plugins as plugins_module

    real = plugins_module.installed_entry_points
    fakes: list[EntryPoint] = []

    def install(name: str, plugin: object) -> None:
        modname = f"_eventflow_test_plugin_{name.replace('-', '_')}"
        if isinstance(plugin, types.ModuleType):
            module = plugin
        else:
            module = types.ModuleType(modname)
            module.plugin = plugin  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, modname, module)
        value = modname if isinstance(plugin, types.ModuleType) else f"{modname}:plugin"
        fakes.append(EntryPoint(name=name, value=value, group="eventflow"))

    monkeypatch.setattr(plugins_module, "installed_entry_points",
                        lambda: [ep for ep in real() if ep.name not in {f.name for f in fakes}]
                        + fakes)
    return install


@pytest.fixture
def ef_engine_with(ef_project: Project) -> Any:
    """Fixture: ``make(*plugins)`` returns an :class:`eventflow.Engine` on ``ef_project`` whose
    plugin manager has the built-ins and ``plugins``; they are unregistered when the test ends."""
    # lazy: eventflow.engine costs 33 ms
    from .engine import Engine
    # lazy: eventflow.plugins costs 14 ms
    from .plugins import get_plugin_manager, register_plugin

    managers: list[tuple[Any, list[object]]] = []

    def make(*plugins: object) -> Engine:
        pm = get_plugin_manager(active=())
        for plugin in plugins:
            register_plugin(pm, plugin, plugin_label(plugin))
        pm.check_pending()
        managers.append((pm, list(plugins)))
        return Engine(ef_project, pm)

    try:
        yield make
    finally:
        for pm, plugins in managers:
            for plugin in plugins:
                if pm.is_registered(plugin):
                    pm.unregister(plugin)
