"""`eventflow plugins`, and the example plugins in plugins/ installed with pip.

The example plugins are used only where a test activates them on purpose; when they are not
installed (``pip install -e plugins/eventflow-docx -e plugins/eventflow-etno``) those tests
are skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventflow
from eventflow.testing import activate, complete_stage, walk_to

INSTALLED = {ep.name for ep in entry_points(group="eventflow")}
needs_examples = pytest.mark.skipif(
    not {"docx", "etno"} <= INSTALLED,
    reason="example plugins not installed: pip install -e plugins/eventflow-docx "
           "-e plugins/eventflow-etno")


class Checker:
    @eventflow.hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        register("always", lambda event: True, description="always passes")

    @eventflow.hookimpl
    def after_transition(self) -> None:
        """Nothing to do."""


def plugins_json(run: Any, *args: str) -> dict[str, Any]:
    result = run("plugins", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_plugins_json_shows_name_version_hooks_contributions_and_activation(
        run: Any, ef_installed: Any, ef_activate: Any, folder: Path, monkeypatch: Any) -> None:
    ef_installed("checker", Checker())
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "checker")
    data = plugins_json(run)
    assert data["planning_folder"] == str(folder)
    row = next(p for p in data["plugins"] if p["name"] == "checker")
    assert row["active"] is False and row["loaded"] is True
    assert row["hooks"] == ["after_transition", "register_checks"]
    assert row["contributions"] == {"checks": ["always"], "outputs": [], "workflows": [],
                                    "items": [], "policy": [], "commands": []}
    assert not any(p["builtin"] for p in data["plugins"])
    ef_activate("checker")
    row = next(p for p in plugins_json(run)["plugins"] if p["name"] == "checker")
    assert row["active"] is True


def test_plugins_all_and_hook_filter(run: Any, ef_installed: Any, monkeypatch: Any) -> None:
    ef_installed("checker", Checker())
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "checker")
    names = [p["name"] for p in plugins_json(run, "--all")["plugins"]]
    assert names[:2] == ["eventflow.default_plugins.checks",
                         "eventflow.default_plugins.workflows"]
    assert "checker" in names
    builtin = plugins_json(run, "--all")["plugins"][0]
    assert builtin["version"] == eventflow.__version__
    assert "partners_min" in builtin["contributions"]["checks"]
    only = [p["name"] for p in plugins_json(run, "--all", "--hook", "after_transition")
            ["plugins"]]
    assert only == ["checker"]
    workflows = [p["name"] for p in plugins_json(run, "--all", "--hook", "register_workflows")
                 ["plugins"]]
    assert workflows == ["eventflow.default_plugins.workflows"]
    bad = run("plugins", "--hook", "register_check")
    assert bad.exit_code == 2
    assert "no hook 'register_check'; hooks: register_checks" in bad.output


def test_plugins_lists_blocked_plugins_without_loading_them(run: Any, ef_installed: Any,
                                                            ef_activate: Any,
                                                            monkeypatch: Any) -> None:
    class Explodes:
        @eventflow.hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            raise AssertionError("a blocked plugin must not run")

    ef_installed("explodes", Explodes())
    ef_activate("explodes")
    monkeypatch.setenv("EVENTFLOW_DISABLED_PLUGINS", "explodes")
    row = next(p for p in plugins_json(run)["plugins"] if p["name"] == "explodes")
    assert (row["active"], row["loaded"], row["blocked_by"]) == (True, False,
                                                                 "EVENTFLOW_DISABLED_PLUGINS")
    assert row["problems"] == []


def test_plugins_works_outside_a_planning_folder(tmp_path: Path, monkeypatch: Any) -> None:
    from eventflow.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["plugins", "--all"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["planning_folder"] is None and data["active"] == []
    assert all(p["active"] is False for p in data["plugins"] if not p["builtin"])


# the example plugins ----------------------------------------------------------------------------
@needs_examples
def test_installed_plugins_are_not_loaded_unless_the_folder_activates_them(
        ef_project: Any, monkeypatch: Any, run: Any) -> None:
    from eventflow import Engine, Project

    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "docx,etno")
    engine = Engine(Project(ef_project.root))  # installed and allowed, not active here
    assert "etno_board_invited" not in engine.registry.checks
    assert not any(o.startswith("docx_") for o in engine.registry.outputs)
    activate(ef_project, "docx", "etno")
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    engine = Engine(Project(ef_project.root))  # active here, but '' loads none
    assert "etno_board_invited" not in engine.registry.checks
    rows = {p["name"]: p for p in plugins_json(run)["plugins"]}
    assert rows["etno"]["active"] is True and rows["etno"]["loaded"] is False
    assert rows["etno"]["blocked_by"] == "EVENTFLOW_LOAD_PLUGINS"


@needs_examples
def test_eventflow_plugins_shows_both_examples(ef_activate: Any, run: Any) -> None:
    ef_activate("docx", "etno")
    rows = {p["name"]: p for p in plugins_json(run)["plugins"]}
    assert rows["docx"]["version"] == "0.1.0"
    assert rows["docx"]["contributions"]["outputs"] == ["docx_agreement", "docx_invitation",
                                                       "docx_panel_letters",
                                                       "docx_speaker_letters"]
    assert rows["etno"]["contributions"]["checks"] == ["etno_board_invited"]
    assert rows["etno"]["contributions"]["commands"] == ["etno"]
    assert all(rows[n]["active"] and rows[n]["loaded"] and not rows[n]["problems"]
               for n in ("docx", "etno"))


@needs_examples
def test_example_plugins_add_their_item_and_outputs(ef_project: Any, ef_activate: Any,
                                                    run: Any, folder: Path) -> None:
    import docx

    from eventflow import Engine, Project

    ef_activate("docx", "etno")
    engine = Engine(Project(ef_project.root))
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi", "sv"])
    walk_to(engine, event.id, "invitations")
    complete_stage(engine, event.id)
    why = run("why", event.id)
    assert "etno_board_invited" in why.output
    assert "Pirkanmaan ja Keski-Suomen ETNO" in why.output
    result = run("outputs", event.id, "--stage", "invitations")
    out = folder / "events" / event.id / "outputs" / "invitations"
    assert "✓ invitations/docx_invitation" in result.output, result.output
    assert "✓ invitations/etno_briefing" in result.output, result.output
    text = "\n".join(p.text for p in docx.Document(str(out / "invitation-sv.docx")).paragraphs)
    assert "Välkommen till en utbildningsdag om goda relationer" in text
    assert "Vi ber den regionala delegationen att" in \
        (out / "etno-briefing-sv.md").read_text(encoding="utf-8")


@needs_examples
def test_plugin_versions_come_from_the_distribution(ef_project: Any, ef_activate: Any) -> None:
    from eventflow import Engine, Project

    ef_activate("docx")
    pm = Engine(Project(ef_project.root)).pm
    versions = {pm.get_name(plugin): dist.version for plugin, dist in pm.list_plugin_distinfo()}
    assert versions == {"docx": "0.1.0"}
    assert pm.versions["docx"] == "0.1.0"


def test_help_in_a_folder_without_active_plugins_loads_no_plugin_machinery(
        folder: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from eventflow.cli import cli, load_plugin_commands; "
            f"load_plugin_commands(cli, ['--dir', {str(folder)!r}, '--help']); "
            "print(sorted(m for m in ('pluggy', 'eventflow.plugins', 'msgspec') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_plugin_commands_are_found_from_a_subfolder_like_the_store_finds_it(tmp_path,
                                                                          monkeypatch):
    """`--dir planning/events` (or running inside a subfolder) finds the same planning folder
    for the plugin commands as for eventflow's own commands."""
    from eventflow.plugin_commands import find_folder

    (tmp_path / "p" / "events" / "x").mkdir(parents=True)
    (tmp_path / "p" / "eventflow.toml").write_text("[plugins]\nactive = []\n")
    monkeypatch.delenv("EVENTFLOW_DIR", raising=False)
    expected = str(tmp_path / "p")
    assert find_folder(["--dir", str(tmp_path / "p" / "events"), "status"]) == expected
    assert find_folder([f"--dir={tmp_path / 'p' / 'events' / 'x'}", "status"]) == expected
    monkeypatch.setenv("EVENTFLOW_DIR", str(tmp_path / "p" / "events"))
    assert find_folder(["status"]) == expected
    monkeypatch.delenv("EVENTFLOW_DIR")
    monkeypatch.chdir(tmp_path / "p" / "events" / "x")
    assert find_folder(["status"]) == expected
    monkeypatch.chdir(tmp_path)
    assert find_folder(["status"]) is None


def test_plugins_names_the_plugin_that_wins_a_clash_here(run: Any, ef_installed: Any,
                                                         ef_activate: Any,
                                                         monkeypatch: Any) -> None:
    def clashing(label: str) -> object:
        class Clash:
            @eventflow.hookimpl
            def register_checks(self, register: Callable[..., None]) -> None:
                register("shared_check", lambda event: True, description=label)
        return Clash()

    ef_installed("alpha", clashing("alpha"))  # installed first, but not active here
    ef_installed("beta", clashing("beta"))
    ef_activate("beta")
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "alpha,beta")
    rows = {p["name"]: p for p in plugins_json(run)["plugins"]}
    assert rows["beta"]["contributions"]["checks"] == ["shared_check"]
    assert rows["beta"]["problems"] == []
    assert rows["alpha"]["contributions"]["checks"] == []
    assert rows["alpha"]["problems"] == [
        "plugin 'alpha' (register_checks): check 'shared_check' is already registered by plugin "
        "'beta'; plugin 'alpha' cannot register it again: rename one of them"]


SETTINGS_WITH_COMMENTS = """# The city's planning folder
[eventflow]
organisation = "Vaasan kaupunki"   # as on the invitations
organisation_type = "authority"
bilingual = true
language = "sv"

[plugins]
active = []  # ask the data protection officer first
"""


def test_plugins_enable_and_disable_keep_comments_and_say_what_changed(
        run: Any, ef_installed: Any, folder: Path) -> None:
    import tomllib

    ef_installed("vasa", Checker())
    path = folder / "eventflow.toml"
    path.write_text(SETTINGS_WITH_COMMENTS, "utf-8")
    result = run("plugins", "enable", "vasa", "--set", "contact=Leena Koski", "--set",
                 "weeks=6", "--set", 'langs=["sv", "fi"]')
    assert result.exit_code == 0, result.output
    assert f"{path}: plugin vasa enabled: [plugins] active = [\"vasa\"]" in result.output
    assert f'{path}: [plugins.vasa] contact = "Leena Koski"' in result.output
    text = path.read_text("utf-8")
    assert text.startswith(SETTINGS_WITH_COMMENTS.replace("active = []", 'active = ["vasa"]'))
    assert text.endswith("\n")
    data = tomllib.loads(text)
    assert data["plugins"]["vasa"] == {"contact": "Leena Koski", "weeks": 6,
                                       "langs": ["sv", "fi"]}
    again = run("plugins", "enable", "vasa")
    assert again.exit_code == 0 and "already enabled; nothing changed" in again.output
    changed = run("plugins", "enable", "vasa", "--set", "weeks=8")
    assert "[plugins.vasa] weeks = 8 (was 6)" in changed.output
    off = run("plugins", "disable", "vasa")
    assert off.exit_code == 0
    assert "plugin vasa disabled: [plugins] active = []" in off.output
    assert "its settings [plugins.vasa] are kept" in off.output
    text = path.read_text("utf-8")
    assert "# ask the data protection officer first" in text and "active = []" in text
    assert "not enabled; nothing changed" in run("plugins", "disable", "vasa").output


def test_plugins_enable_refuses_what_is_not_installed_or_does_not_load(
        run: Any, ef_installed: Any, folder: Path, monkeypatch: Any) -> None:
    class Typo:
        @eventflow.hookimpl
        def regster_checks(self, register: Callable[..., None]) -> None:
            """Misspelt."""

    path = folder / "eventflow.toml"
    before = path.read_bytes()
    result = run("plugins", "enable", "ghost")
    assert result.exit_code == 1
    assert "plugin 'ghost' is not installed" in result.output and "unchanged" in result.output
    ef_installed("typo", Typo())
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "typo")
    result = run("plugins", "enable", "typo")
    assert result.exit_code == 1 and "'regster_checks'" in result.output
    assert path.read_bytes() == before
    assert run("plugins", "enable", "typo", "--set", "=1").exit_code == 2


@pytest.mark.parametrize("text", [
    '[plugins]\nactive = ["vasa"\n',                                 # not valid TOML
    '[plugins]\nactive = "vasa"\n',                                  # wrong shape
    '[plugins]\nactive = ["vasa"]\n' + "# padding\n" * 500_000,      # more than 4 MiB
])
def test_a_broken_settings_file_gives_plugin_commands_the_readers_own_error(
        folder: Path, text: str) -> None:
    """The plugins' commands are looked up through the one bounded settings reader: a huge,
    malformed or wrongly shaped eventflow.toml is named, with its line or field and what to
    do, exactly as every command names it; no plugin is loaded from it."""
    import click

    from eventflow.errors import FileFormatError
    from eventflow.plugin_commands import load_commands
    from eventflow.store.settings import read_settings

    path = folder / "eventflow.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as expected:
        read_settings(path)
    group = click.Group("eventflow")
    assert load_commands(group, ["--dir", str(folder), "status"]) == [
        f"the plugins' commands are not loaded: {expected.value}"]
    assert str(path) in str(expected.value) and "fix:" in str(expected.value)
    assert not group.commands


def test_plugins_enable_refuses_a_huge_or_broken_settings_file_unread(
        run: Any, ef_installed: Any, folder: Path) -> None:
    ef_installed("vasa", Checker())
    path = folder / "eventflow.toml"
    for text, words in (("[plugins]\nactive = [\n" + "# padding\n" * 500_000,
                         "bytes, more than the"),
                        ("[plugins\nactive = []\n", "is not valid TOML")):
        path.write_text(text, encoding="utf-8")
        result = run("plugins", "enable", "vasa")
        assert result.exit_code == 1, result.output
        assert str(path) in result.output and words in result.output, result.output
        assert path.read_text(encoding="utf-8") == text


def test_activate_reads_the_settings_file_with_the_bounded_reader(ef_project: Any,
                                                                  folder: Path) -> None:
    from eventflow.errors import FileFormatError

    (folder / "eventflow.toml").write_text("[plugins\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="is not valid TOML"):
        activate(ef_project, "vasa")
