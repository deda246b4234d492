"""The plugin contract: every hook, isolation of plugins, discovery and the environment controls.

Test plugins are small classes registered for one test (``ef_engine_with``, ``ef_installed``);
nothing installed on the machine is loaded unless a test activates it on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import eventflow
from eventflow import TransitionBlocked, failed, passed
from eventflow.errors import PluginError
from eventflow.plugins import add_plugin_commands, build_registry, get_plugin_manager
from eventflow.testing import complete_stage, walk_to

hookimpl = eventflow.hookimpl
SEED = "good-relations-training"


def item(id: str, check: str | None = None, **params: Any) -> dict[str, Any]:
    table: dict[str, Any] = {"id": id, "label": {"fi": id, "sv": id, "en": id},
                             "owner": "organiser", "due": "-8w", "source": "test"}
    if check:
        table["check"] = check
        table["params"] = params
    return table


def errors_of(engine: Any) -> list[str]:
    return [str(e) for e in engine.registry.errors]


# register_checks + register_items ---------------------------------------------------------------
class MinSpeakers:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        def min_speakers(event: eventflow.Event, n: int) -> eventflow.CheckResult:
            if len(event.speakers) >= n:
                return passed(f"{len(event.speakers)} speakers")
            return failed(f"only {len(event.speakers)} speaker(s), {n} wanted")

        register("min_speakers", min_speakers, params={"n": int}, description="n speakers")

    @hookimpl
    def register_items(self, register: Callable[..., None]) -> None:
        register(SEED, "speakers", item("enough_speakers", "min_speakers", n=9))


def test_register_checks_and_register_items_add_a_requirement(ef_engine_with: Any) -> None:
    engine = ef_engine_with(MinSpeakers())
    spec = engine.registry.checks["min_speakers"]
    assert (spec.plugin, spec.params, spec.description) == ("MinSpeakers", {"n": (int,)},
                                                            "n speakers")
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    walk_to(engine, event.id, "speakers")
    complete_stage(engine, event.id)
    blockers = engine.why(engine.load(event.id))
    assert [(b.item, b.reason) for b in blockers] == [
        ("enough_speakers", "only 4 speaker(s), 9 wanted")]
    with pytest.raises(TransitionBlocked):
        engine.advance(event.id)


def test_register_checks_refuses_what_it_cannot_use(ef_engine_with: Any) -> None:
    class Sloppy:
        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            register("not a name", lambda e: True)
            register("no_func", "not callable")
            register("bad_params", lambda e: True, params=["n"])
            register("bad_type", lambda e: True, params={"n": "int"})
            register("fine", lambda e: True)

    engine = ef_engine_with(Sloppy())
    errors = errors_of(engine)
    assert "plugin 'Sloppy' (register_checks): check name must be a Python identifier, got " \
           "str 'not a name'" in errors
    assert any("check 'no_func': func must be callable" in e for e in errors)
    assert any("check 'bad_params': params must be a dict" in e for e in errors)
    assert any("parameter 'n' must be declared with a type" in e for e in errors)
    assert "fine" in engine.registry.checks
    assert "bad_type" not in engine.registry.checks


# isolation --------------------------------------------------------------------------------------
class Raising:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        raise RuntimeError("database unreachable")


class ReturnsAList:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> list[str]:
        register("listed_too", lambda e: True)
        return ["listed_too"]


class Thief:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register("target_group_invited", lambda e, group: True, params={"group": str})
        register("min_speakers", lambda e, n: True, params={"n": int})


def test_a_raising_plugin_is_named_and_the_others_still_work(ef_engine_with: Any) -> None:
    engine = ef_engine_with(Raising(), MinSpeakers())
    assert errors_of(engine) == ["plugin 'Raising' (register_checks): raised RuntimeError: "
                                 "database unreachable"]
    assert "min_speakers" in engine.registry.checks
    assert "partners_min" in engine.registry.checks


def test_a_plugin_returning_the_wrong_type_is_named(ef_engine_with: Any) -> None:
    engine = ef_engine_with(ReturnsAList())
    assert errors_of(engine) == ["plugin 'ReturnsAList' (register_checks): returned list; the "
                                 "return value is ignored: hand each contribution to "
                                 "register(...) instead"]
    assert "listed_too" in engine.registry.checks


def test_a_duplicate_registration_names_both_plugins(ef_engine_with: Any) -> None:
    engine = ef_engine_with(MinSpeakers(), Thief())
    errors = errors_of(engine)
    assert ("plugin 'Thief' (register_checks): check 'target_group_invited' is already "
            "registered by plugin 'eventflow.default_plugins.checks'; plugin 'Thief' cannot "
            "register it again: rename one of them") in errors
    assert ("plugin 'Thief' (register_checks): check 'min_speakers' is already registered by "
            "plugin 'MinSpeakers'; plugin 'Thief' cannot register it again: rename one of "
            "them") in errors
    assert engine.registry.checks["target_group_invited"].plugin == \
        "eventflow.default_plugins.checks"


def test_duplicate_outputs_items_workflows_and_policies_name_both_plugins(
        ef_engine_with: Any, tmp_path: Path) -> None:
    features = tmp_path / "x.feature"
    features.write_text("Feature: x\n")
    workflow = tmp_path / "seed-copy.toml"
    workflow.write_text('[workflow]\nid = "good-relations-training"\n')

    class One:
        @hookimpl
        def register_outputs(self, register: Callable[..., None]) -> None:
            register("memo", stage="venue", render=lambda ctx: [])

        @hookimpl
        def register_items(self, register: Callable[..., None]) -> None:
            register(SEED, "venue", item("parking_arranged"))

        @hookimpl
        def register_policy(self, register: Callable[..., None]) -> None:
            register(features)

    class Two(One):
        @hookimpl
        def register_workflows(self, register: Callable[..., None]) -> None:
            register(workflow)

    errors = errors_of(ef_engine_with(One(), Two()))
    assert "plugin 'Two' (register_outputs): output 'memo' is already registered by plugin " \
           "'One'; plugin 'Two' cannot register it again: rename one of them" in errors
    assert "plugin 'Two' (register_items): item 'parking_arranged' of workflow " \
           "good-relations-training is already added by plugin 'One'; rename one of them" \
           in errors
    assert f"plugin 'Two' (register_policy): features {features} are already registered by " \
           "plugin 'One'" in errors
    assert any(e.startswith("plugin 'Two' (register_workflows): workflow "
                            "'good-relations-training'") and
               "already registered by plugin 'eventflow.default_plugins.workflows'" in e
               for e in errors)


def test_a_crashing_check_is_a_blocker_naming_check_and_plugin(ef_engine_with: Any) -> None:
    class Crashy:
        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            register("explodes", lambda event: 1 / 0)
            register("says_maybe", lambda event: "maybe")

        @hookimpl
        def register_items(self, register: Callable[..., None]) -> None:
            register(SEED, "partner_agreed", item("boom", "explodes"))
            register(SEED, "partner_agreed", item("maybe", "says_maybe"))

    engine = ef_engine_with(Crashy())
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    complete_stage(engine, event.id)
    reasons = {b.item: b.reason for b in engine.why(engine.load(event.id))}
    assert reasons == {
        "boom": "check explodes of plugin Crashy failed: ZeroDivisionError: division by zero",
        "maybe": "check says_maybe of plugin Crashy returned str, expected CheckResult or bool"}


# register_outputs, register_workflows, register_policy -----------------------------------------
def test_register_outputs_records_the_plugin(ef_engine_with: Any) -> None:
    def render(ctx: Any) -> list[tuple[str, str]]:
        return [("hello.txt", "hello")]

    class Out:
        @hookimpl
        def register_outputs(self, register: Callable[..., None]) -> None:
            register("hello", stage="venue", render=render, description="says hello")
            register("../evil", stage="venue", render=render)
            register("nostage", stage="", render=render)

    engine = ef_engine_with(Out())
    spec = engine.registry.outputs["hello"]
    assert (spec.stage, spec.render, spec.plugin, spec.description) == (
        "venue", render, "Out", "says hello")
    errors = errors_of(engine)
    assert any("output id must be a short name" in e and "'../evil'" in e for e in errors)
    assert any("output 'nostage': stage must be a stage id or '*'" in e for e in errors)


def test_register_workflows_adds_a_workflow(ef_engine_with: Any, tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text("""
[workflow]
id = "short-training"
version = "1.0.0"
title = { fi = "Lyhyt", sv = "Kort", en = "Short" }

[[stages]]
id = "plan"
label = { fi = "Suunnittelu", sv = "Planering", en = "Plan" }

[[stages.items]]
id = "room_booked"
label = { fi = "Tila varattu", sv = "Lokal bokad", en = "Room booked" }
owner = "venue_lead"
due = "-4w"
""")

    class Flows:
        @hookimpl
        def register_workflows(self, register: Callable[..., None]) -> None:
            register(path)
            register(tmp_path / "missing.toml")

    engine = ef_engine_with(Flows())
    assert engine.workflow_files["short-training"] == path
    assert engine.registry.contributions("Flows")["workflows"] == ["short-training"]
    assert any(f"workflow file {tmp_path / 'missing.toml'} not found" in e
               for e in errors_of(engine))
    event = engine.create("Lyhyt", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"],
                          workflow_id="short-training")
    assert event.stage == "plan"
    engine.tick(event.id, "room_booked")
    assert engine.advance(event.id).event.stage == "done"


def test_register_policy_records_features_and_steps(ef_engine_with: Any,
                                                    tmp_path: Path) -> None:
    (tmp_path / "rules.feature").write_text("Feature: rules\n")

    class Policy:
        @hookimpl
        def register_policy(self, register: Callable[..., None]) -> None:
            register(tmp_path, steps="my_org.steps")
            register(tmp_path / "nowhere")
            register(tmp_path / "rules.feature", steps="not a module")

    engine = ef_engine_with(Policy())
    assert engine.registry.policies == [(tmp_path, "my_org.steps", "Policy")]
    errors = errors_of(engine)
    assert any(f"features {tmp_path / 'nowhere'} not found" in e for e in errors)
    assert any("steps must be a dotted module name" in e for e in errors)


def test_register_items_refuses_unknown_keys_and_bad_stages(ef_engine_with: Any) -> None:
    class Items:
        @hookimpl
        def register_items(self, register: Callable[..., None]) -> None:
            register(SEED, "venue", {**item("typo"), "requird": False})
            register(SEED, "no_such_stage", item("lost"))

    engine = ef_engine_with(Items())
    assert any("item 'typo' has unknown key(s) requird" in e for e in errors_of(engine))
    with pytest.raises(eventflow.EventflowError) as problem:
        engine.workflow(SEED)
    assert "plugin Items: adds item 'lost' to stage 'no_such_stage'" in str(problem.value)


# register_commands ------------------------------------------------------------------------------
class Hello:
    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command()
        @click.argument("name")
        def hello(name: str) -> None:
            """Say hello."""
            click.echo(f"hello {name}")

        @cli.command()
        def status() -> None:
            """Try to replace eventflow's own status."""


def test_register_commands_adds_commands_and_refuses_taken_names() -> None:
    from eventflow.cli import cli

    pm = get_plugin_manager(active=())
    pm.register(Hello(), name="hello-plugin")
    status = cli.get_command(click.Context(cli), "status")  # loads its module (LAZY_COMMANDS)
    group = click.Group(name="eventflow", commands=dict(cli.commands))
    problems = [str(p) for p in add_plugin_commands(pm, group)]
    assert problems == ["plugin 'hello-plugin' (register_commands): command 'status' is "
                        "already taken by eventflow itself; the plugin's command is left out"]
    assert status is not None and group.commands["status"] is status
    result = CliRunner().invoke(group, ["hello", "Leena"])
    assert result.output == "hello Leena\n"
    assert "hello" not in cli.commands


def test_plugin_commands_come_only_from_active_plugins(ef_project: Any, ef_installed: Any,
                                                       ef_activate: Any) -> None:
    from eventflow.cli import cli, load_plugin_commands

    ef_installed("hello-plugin", Hello())
    group = click.Group(name="eventflow", commands=dict(cli.commands))
    load_plugin_commands(group, ["--dir", str(ef_project.root), "hello", "x"])
    assert "hello" not in group.commands  # installed, not active here
    ef_activate("hello-plugin")
    load_plugin_commands(group, ["--dir", str(ef_project.root), "hello", "x"])
    assert "hello" in group.commands


# lifecycle hooks --------------------------------------------------------------------------------
class Veto:
    @hookimpl
    def before_transition(self, event: eventflow.Event, source: str, dest: str,
                          trigger: str) -> None:
        if trigger == "advance" and source == "partner_agreed":
            raise TransitionBlocked("the ETNO board has not seen the draft programme")


class CrashBefore:
    @hookimpl
    def before_transition(self, event: eventflow.Event) -> None:
        raise KeyError("budget")


@pytest.fixture
def ready(ef_project: Any, ef_installed: Any, ef_activate: Any) -> Callable[..., str]:
    """An event whose first stage is complete, with the given plugins installed and active."""
    from eventflow import Engine

    def make(**plugins: object) -> str:
        for name, plugin in plugins.items():
            ef_installed(name, plugin)
        ef_activate(*plugins)
        engine = Engine(ef_project)
        event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
        complete_stage(engine, event.id)
        return event.id

    return make


def test_before_transition_veto_blocks_advance(ready: Any, run: Any, folder: Path) -> None:
    event_id = ready(veto=Veto())
    before = (folder / "events" / event_id / "event.toml").read_bytes()
    result = run("advance", event_id)
    assert result.exit_code == 1
    assert "the ETNO board has not seen the draft programme" in result.output
    assert "veto by veto" in result.output
    assert (folder / "events" / event_id / "event.toml").read_bytes() == before
    why = run("why", event_id)
    assert "the ETNO board has not seen the draft programme" in why.output


def test_a_crashing_before_transition_is_a_blocker_naming_the_plugin(ready: Any, run: Any,
                                                                     folder: Path) -> None:
    event_id = ready(crashy=CrashBefore(), veto=Veto())
    before = (folder / "events" / event_id / "event.toml").read_bytes()
    result = run("advance", event_id)
    assert result.exit_code == 1
    assert "plugin crashy failed in before_transition: KeyError: 'budget'" in result.output
    assert "the ETNO board has not seen the draft programme" in result.output
    assert (folder / "events" / event_id / "event.toml").read_bytes() == before


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    @hookimpl
    def after_transition(self, event: eventflow.Event, source: str, dest: str,
                         trigger: str) -> None:
        self.calls.append(("after_transition", (event.stage, source, dest, trigger)))
        event.title = "changed by a plugin"

    @hookimpl
    def after_item_changed(self, event: eventflow.Event, item_id: str,
                           state: dict[str, Any]) -> None:
        self.calls.append(("after_item_changed", (item_id, state.get("checked"),
                                                  state.get("note"), state.get("by"))))
        state["checked"] = False


class CrashAfter:
    @hookimpl
    def after_transition(self) -> None:
        raise RuntimeError("mail server down")

    @hookimpl
    def after_item_changed(self) -> None:
        raise RuntimeError("mail server down")


def test_after_item_changed_and_after_transition_see_copies(ef_engine_with: Any) -> None:
    recorder = Recorder()
    engine = ef_engine_with(recorder, CrashAfter())
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    outcome = engine.tick(event.id, "kickoff_meeting", note="city hall")
    assert recorder.calls == [("after_item_changed", ("kickoff_meeting", True, "city hall",
                                                      "tester"))]
    assert outcome.warnings == ["plugin CrashAfter failed in after_item_changed: mail server "
                                "down"]
    assert engine.load(event.id).item_state("kickoff_meeting").checked is True
    recorder.calls.clear()
    complete_stage(engine, event.id)
    recorder.calls.clear()
    outcome = engine.advance(event.id)
    assert recorder.calls == [("after_transition", ("venue", "partner_agreed", "venue",
                                                    "advance"))]
    assert outcome.warnings == ["plugin CrashAfter failed in after_transition: mail server down"]
    saved = engine.load(event.id)
    assert (saved.stage, saved.title) == ("venue", "Hyvät väestösuhteet")


# discovery and the environment ------------------------------------------------------------------
class Marker:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register("marker_check", lambda event: True)


def _loaded(project: Any) -> bool:
    from eventflow import Engine, Project

    return "marker_check" in Engine(Project(project.root)).registry.checks


def test_installed_plugin_loads_only_when_active_and_allowed(ef_project: Any, ef_installed: Any,
                                                             ef_activate: Any,
                                                             monkeypatch: Any) -> None:
    ef_installed("marker", Marker())
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "marker")
    assert not _loaded(ef_project)  # installed and allowed, but this folder does not activate it
    ef_activate("marker")
    assert _loaded(ef_project)
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    assert not _loaded(ef_project)  # '' loads none
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "other")
    assert not _loaded(ef_project)
    monkeypatch.delenv("EVENTFLOW_LOAD_PLUGINS")
    assert _loaded(ef_project)  # no allow-list: the folder's choice stands
    monkeypatch.setenv("EVENTFLOW_DISABLED_PLUGINS", "x, marker")
    assert not _loaded(ef_project)


def test_tracing_writes_hook_calls_to_stderr(ef_project: Any, ef_installed: Any,
                                             ef_activate: Any, monkeypatch: Any,
                                             capsys: Any) -> None:
    ef_installed("marker", Marker())
    ef_activate("marker")
    monkeypatch.setenv("EVENTFLOW_TRACE_PLUGINS", "1")
    assert _loaded(ef_project)
    err = capsys.readouterr().err
    assert "eventflow-trace: loaded plugin marker" in err
    assert "eventflow-trace: calling register_checks of plugin marker" in err
    assert "eventflow-trace: calling register_checks of plugin " \
           "eventflow.default_plugins.checks" in err


def test_a_misspelt_hook_fails_loudly(ef_project: Any, ef_installed: Any, ef_activate: Any,
                                      run: Any) -> None:
    class Typo:
        @hookimpl
        def regster_checks(self, register: Callable[..., None]) -> None:
            """Misspelt."""

    ef_installed("typo", Typo())
    ef_activate("typo")
    result = run("status")
    assert result.exit_code == 1
    assert "plugin 'typo' (load): implements 'regster_checks' (did you mean " \
           "'register_checks'?), which eventflow does not have; fix the hook name or set " \
           "EVENTFLOW_DISABLED_PLUGINS=typo" in result.output


def test_an_active_plugin_that_is_not_installed_is_an_error(ef_project: Any,
                                                            ef_activate: Any,
                                                            run: Any) -> None:
    ef_activate("ghost")
    result = run("status")
    assert result.exit_code == 1
    assert "plugin 'ghost' (load): active in eventflow.toml but not installed" in result.output


def test_a_plugin_that_does_not_import_is_named(ef_project: Any, ef_activate: Any,
                                                monkeypatch: Any, run: Any) -> None:
    from importlib.metadata import EntryPoint

    import eventflow.plugins as plugins_module

    broken = EntryPoint(name="broken", value="no_such_module_xyz", group="eventflow")
    monkeypatch.setattr(plugins_module, "installed_entry_points", lambda: [broken])
    ef_activate("broken")
    result = run("status")
    assert result.exit_code == 1
    assert "plugin 'broken' (load): cannot import no_such_module_xyz: ModuleNotFoundError" \
        in result.output
    pm = get_plugin_manager(["broken"], strict=False)
    assert [str(p) for p in pm.problems][0].startswith("plugin 'broken' (load): cannot import")
    assert [str(e) for e in build_registry(pm).errors] == [str(p) for p in pm.problems]


def test_plugin_error_names_plugin_and_hook() -> None:
    error = PluginError("etno", "register_checks", "boom")
    assert (error.plugin, error.hook, str(error)) == ("etno", "register_checks",
                                                      "plugin 'etno' (register_checks): boom")


def test_ef_activate_takes_the_plugins_own_settings(ef_project: Any, ef_activate: Any) -> None:
    import tomllib

    ef_activate("vasa", settings={"region": "Pohjanmaa", "languages": ["sv", "fi"]})
    data = tomllib.loads((Path(ef_project.root) / "eventflow.toml").read_text("utf-8"))
    assert data["plugins"]["active"] == ["vasa"]
    assert data["plugins"]["vasa"] == {"region": "Pohjanmaa", "languages": ["sv", "fi"]}
    ef_activate("vasa", settings={"vasa": {"region": "Uusimaa"}})  # by plugin name: the same
    data = tomllib.loads((Path(ef_project.root) / "eventflow.toml").read_text("utf-8"))
    assert data["plugins"]["vasa"] == {"region": "Uusimaa"}
    ef_activate("a", "b", settings={"a": {"x": 1}, "b": {"y": 2}})
    data = tomllib.loads((Path(ef_project.root) / "eventflow.toml").read_text("utf-8"))
    assert (data["plugins"]["a"], data["plugins"]["b"]) == ({"x": 1}, {"y": 2})
    with pytest.raises(ValueError, match="maps each plugin's name to its table"):
        ef_activate("a", "b", settings={"x": 1})


class Vasa:
    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register("vasa_ok", lambda event: False)

    @hookimpl
    def register_items(self, register: Callable[..., None]) -> None:
        register(SEED, "partner_agreed", item("vasa_item", "vasa_ok"))


def test_a_disabled_plugin_is_named_by_every_command(ef_installed: Any, ef_activate: Any,
                                                     run: Any, monkeypatch: Any) -> None:
    ef_installed("vasa", Vasa())
    ef_activate("vasa")
    created = run("new", "T", "--date", "2027-03-18", "--region", "Pirkanmaa", "--json")
    event_id = json.loads(created.stdout)["id"]
    monkeypatch.setenv("EVENTFLOW_DISABLED_PLUGINS", "vasa")
    notice = "warning: requirements of plugin vasa are not checked: EVENTFLOW_DISABLED_PLUGINS"
    for args in (("why", event_id), ("status",), ("status", event_id), ("advance", event_id),
                 ("partner", "add", event_id, "Kumppani ry", "--type", "ngo"),
                 ("venue", "set", event_id, "--name", "Kaupungintalo"),
                 ("history", event_id)):
        result = run(*args)
        assert notice in result.stderr, (args, result.stderr)


def test_json_answers_carry_a_disabled_plugins_warning_as_data(
        ef_installed: Any, ef_activate: Any, run: Any, monkeypatch: Any) -> None:
    """what --json readers (scripts, dashboards) need to know: which plugin's items and
    vetoes this answer leaves out, why, and what to do; stderr says the same in words."""
    ef_installed("vasa", Vasa())
    ef_activate("vasa")
    created = run("new", "T", "--date", "2027-03-18", "--region", "Pirkanmaa", "--json")
    event_id = json.loads(created.stdout)["id"]
    assert json.loads(run("why", event_id, "--json").stdout)["warnings"] == []
    expected = {"plugin": "vasa", "blocked_by": "EVENTFLOW_DISABLED_PLUGINS",
                "not_checked": ["items", "vetoes"],
                "message": "requirements of plugin vasa are not checked: "
                           "EVENTFLOW_DISABLED_PLUGINS",
                "fix": "remove vasa from EVENTFLOW_DISABLED_PLUGINS"}
    monkeypatch.setenv("EVENTFLOW_DISABLED_PLUGINS", "vasa")
    for args in (("why", event_id), ("status",), ("status", event_id),
                 ("status", event_id), ("policy", "check", event_id)):  # status twice: cached
        result = run(*args, "--json")
        data = json.loads(result.stdout)
        assert data["warnings"][0] == expected, args
        # the others (the event's workflow changed, as vasa's item is out) are messages only
        assert all(w["plugin"] is None and w["message"] for w in data["warnings"][1:]), args
        assert f"warning: {expected['message']}" in result.stderr, args
    why = json.loads(run("why", event_id, "--json").stdout)
    assert "vasa_item" not in {b["item"] for b in why["blockers"]}  # indeed not judged
    monkeypatch.delenv("EVENTFLOW_DISABLED_PLUGINS")
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "other")
    entry = json.loads(run("why", event_id, "--json").stdout)["warnings"][0]
    assert (entry["plugin"], entry["blocked_by"], entry["fix"]) == (
        "vasa", "EVENTFLOW_LOAD_PLUGINS",
        "add vasa to EVENTFLOW_LOAD_PLUGINS, or unset EVENTFLOW_LOAD_PLUGINS")


def test_a_broken_plugin_stops_every_command_on_an_event(ef_activate: Any, run: Any,
                                                         folder: Path) -> None:
    created = run("new", "T", "--date", "2027-03-18", "--region", "Pirkanmaa", "--json")
    event_id = json.loads(created.stdout)["id"]
    files = sorted((folder / "events").rglob("*.toml"))
    before = [f.read_bytes() for f in files]
    ef_activate("ghost")  # active here, installed nowhere
    for args in (("why", event_id), ("status", event_id),
                 ("partner", "add", event_id, "Kumppani ry", "--type", "ngo"),
                 ("venue", "set", event_id, "--name", "Kaupungintalo"),
                 ("history", event_id)):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "plugin 'ghost' (load): active in eventflow.toml but not installed" in \
            result.output, args
    assert [f.read_bytes() for f in files] == before
