"""The one hook dispatcher: every hook call goes through pluggy, one plugin at a time."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eventflow
from eventflow.errors import PluginError, TransitionBlocked
from eventflow.plugins import call_each, dispatch, get_plugin_manager, register_plugin

hookimpl = eventflow.hookimpl
SRC = Path(eventflow.__file__).parent


class Vetoes:
    @hookimpl
    def before_transition(self, event: Any, dest: str) -> None:
        event.title = "changed by Vetoes"  # its own copy: nobody else sees this
        raise TransitionBlocked(f"not to {dest}")


class Crashes:
    @hookimpl
    def before_transition(self, event: Any) -> None:
        raise RuntimeError(f"boom on {event.title}")


class Watches:
    seen: list[str] = []

    @hookimpl
    def before_transition(self, event: Any) -> None:
        Watches.seen.append(event.title)


def test_every_call_is_seen_by_hook_call_monitoring_and_isolated(ef_event: Any) -> None:
    event = ef_event("partner_agreed")
    pm = get_plugin_manager(active=())
    for plugin in (Vetoes(), Crashes(), Watches()):
        register_plugin(pm, plugin, type(plugin).__name__)
    monitored: list[tuple[str, list[str]]] = []
    pm.add_hookcall_monitoring(
        lambda hook, impls, kwargs: monitored.append((hook, [i.plugin_name for i in impls])),
        lambda outcome, hook, impls, kwargs: None)
    Watches.seen = []
    failures = call_each(pm, "before_transition", event=event, source=event.stage, dest="venue",
                         trigger="advance")
    assert sorted((p, type(e).__name__) for p, e in failures) == [
        ("Crashes", "RuntimeError"), ("Vetoes", "TransitionBlocked")]
    assert str(dict(failures)["Crashes"]) == f"boom on {event.title}"  # not Vetoes' change
    assert Watches.seen == [event.title]
    assert sorted(monitored) == [("before_transition", ["Crashes"]),
                                 ("before_transition", ["Vetoes"]),
                                 ("before_transition", ["Watches"])]


def test_registration_hooks_go_through_pluggy_too() -> None:
    pm = get_plugin_manager(active=())
    called: list[str] = []
    pm.add_hookcall_monitoring(lambda hook, impls, kwargs: called.extend(
        f"{hook}:{i.plugin_name}" for i in impls), lambda *a: None)
    from eventflow.plugins import build_registry

    build_registry(pm)
    assert "register_checks:eventflow.default_plugins.checks" in called
    assert "register_outputs:eventflow.default_plugins.outputs" in called


def test_dispatch_gives_each_plugin_its_own_arguments_and_refuses_wrappers() -> None:
    class Wraps:
        @hookimpl(wrapper=True)
        def register_checks(self, register: Callable[..., None]) -> Any:
            return (yield)

    class Registers:
        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            register("x")

    pm = get_plugin_manager(active=(), builtins=False)
    register_plugin(pm, Wraps(), "wraps")
    register_plugin(pm, Registers(), "registers")
    given: list[str] = []
    results = dispatch(pm, "register_checks",
                       lambda plugin: {"register": lambda *a: given.append(f"{plugin}{a}")})
    assert given == ["registers('x',)"]
    assert [(r.plugin, type(r.error).__name__ if r.error else None) for r in results] == [
        ("registers", None), ("wraps", "PluginError")]
    assert "cannot be a wrapper" in str(results[1].error)


def test_tracing_shows_lifecycle_calls_with_their_outcome(ef_event: Any, monkeypatch: Any,
                                                         capsys: Any) -> None:
    event = ef_event("partner_agreed")
    monkeypatch.setenv("EVENTFLOW_TRACE_PLUGINS", "1")
    pm = get_plugin_manager(active=())
    register_plugin(pm, Crashes(), "crashes")
    capsys.readouterr()
    call_each(pm, "before_transition", event=event, source="a", dest="b", trigger="advance")
    err = capsys.readouterr().err
    assert "eventflow-trace: calling before_transition of plugin crashes (event=Event" in err
    assert f"eventflow-trace: before_transition of plugin crashes raised RuntimeError: boom on " \
           f"{event.title}" in err


def test_no_private_pluggy_attribute_is_read() -> None:
    private = re.compile(r"\._hookimpls|\._plugin\w*|\.function\b|pluggy\._|\._hookexec|"
                         r"\._inner_hookexec|\._name2plugin")
    for path in [*SRC.glob("plugin*.py"), SRC / "testing.py", SRC / "commands_plugins.py",
                 *SRC.glob("engine*.py"), SRC / "outputs.py", SRC / "quick.py"]:
        if path.exists():
            found = private.findall(path.read_text(encoding="utf-8"))
            assert not found, f"{path.name} reads {found}"


def test_a_wrong_argument_name_is_explained_in_plain_words() -> None:
    class Typo:
        @hookimpl
        def register_checks(self, regster: Callable[..., None]) -> None:
            """Misspelt argument."""

    pm = get_plugin_manager(active=(), builtins=False)
    with pytest.raises(PluginError) as info:
        register_plugin(pm, Typo(), "vasa")
    assert str(info.value) == (
        "plugin 'vasa' (register_checks): its register_checks takes argument(s) regster, which "
        "eventflow does not pass; register_checks receives register: rename 'regster' to "
        "'register' (any subset of those names may be used, in any order)")
    assert "hookimpl definition" not in str(info.value)


def test_a_wrong_argument_name_of_an_installed_plugin_stops_commands(
        ef_installed: Any, ef_activate: Any, run: Any) -> None:
    class Typo:
        @hookimpl
        def after_item_changed(self, event: Any, item: str) -> None:
            """item_id, not item."""

    ef_installed("vasa", Typo())
    ef_activate("vasa")
    result = run("status")
    assert result.exit_code == 1
    assert "plugin 'vasa' (after_item_changed): its after_item_changed takes argument(s) item, " \
           "which eventflow does not pass; after_item_changed receives event, item_id, state: " \
           "rename 'item' to 'item_id'" in result.output
