"""The public plugin API: own templates, the engine in a command, exports, typed callbacks."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import eventflow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def templated(tmp_path: Path, monkeypatch: Any) -> str:
    """A plugin package on disk with its own templates/ folder and a command."""
    package = tmp_path / "site" / "eventflow_vasa"
    (package / "templates" / "fi").mkdir(parents=True)
    (package / "templates" / "fi" / "vasa-note.md").write_text(
        "Vaasan muistio: {{ event.title }} ({{ who }})\n", "utf-8")
    (package / "__init__.py").write_text(textwrap.dedent('''
        import click
        import eventflow


        def render(ctx):
            return [(f"vasa-{lang}.md", ctx.render_template("vasa-note.md", lang, who="vasa"))
                    for lang in ctx.languages]


        @eventflow.hookimpl
        def register_outputs(register):
            register("vasa_note", stage="partner_agreed", render=render)


        @eventflow.hookimpl
        def register_commands(cli):
            @cli.command("vasa-mark")
            @click.argument("event")
            @click.pass_context
            def mark(ctx, event):
                engine = eventflow.engine_for(ctx)

                def record(ev):
                    ev.ext["vasa"] = {"marked": True}

                outcome = engine.change(event, "vasa.mark", record, {"marked": True})
                click.echo(f"{outcome.event.id} marked")
        '''), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    sys.modules.pop("eventflow_vasa", None)
    import importlib

    return importlib.import_module("eventflow_vasa")  # type: ignore[return-value]


def _event(run: Any) -> str:
    created = run("new", "Koulutus", "--date", "2027-03-18", "--region", "Pohjanmaa", "--json")
    return json.loads(created.stdout)["id"]  # type: ignore[no-any-return]


def test_a_plugin_renders_its_own_templates_and_the_folder_overrides_them(
        templated: Any, ef_installed: Any, ef_activate: Any, run: Any, folder: Path) -> None:
    ef_installed("vasa", templated)
    ef_activate("vasa")
    event_id = _event(run)
    result = run("outputs", event_id, "--stage", "partner_agreed")
    assert "✓ partner_agreed/vasa_note: vasa-fi.md" in result.output, result.output
    made = folder / "events" / event_id / "outputs" / "partner_agreed" / "vasa-fi.md"
    assert made.read_text("utf-8") == "Vaasan muistio: Koulutus (vasa)\n"
    assert "vasa_note" not in run("outputs", event_id, "--stale").output  # template found again
    (folder / "templates" / "fi").mkdir(parents=True)
    (folder / "templates" / "fi" / "vasa-note.md").write_text("Oma: {{ event.title }}\n", "utf-8")
    assert "template fi/vasa-note.md changed" in run("outputs", event_id, "--stale").output
    run("outputs", event_id, "--stage", "partner_agreed")
    assert made.read_text("utf-8") == "Oma: Koulutus\n"


def test_a_plugin_command_gets_the_engine_and_writes_its_data(
        templated: Any, ef_installed: Any, ef_activate: Any, folder: Path) -> None:
    from click.testing import CliRunner

    from eventflow.cli import cli, load_plugin_commands

    ef_installed("vasa", templated)
    ef_activate("vasa")
    args = ["--dir", str(folder)]
    created = CliRunner().invoke(cli, [*args, "new", "K", "--date", "2027-03-18", "--region",
                                       "Pohjanmaa", "--json"])
    event_id = json.loads(created.stdout)["id"]
    load_plugin_commands(cli, [*args, "vasa-mark", event_id])
    try:
        result = CliRunner().invoke(cli, [*args, "vasa-mark", event_id], catch_exceptions=False)
    finally:
        cli.commands.pop("vasa-mark", None)
    assert result.exit_code == 0 and f"{event_id} marked" in result.output
    text = (folder / "events" / event_id / "event.toml").read_text("utf-8")
    assert "[ext.vasa]" in text and "marked = true" in text


def test_the_api_is_exported_from_eventflow() -> None:
    for name in ("OutputContext", "Event", "Partner", "Speaker", "Venue", "Invitation",
                 "ItemState", "engine_for", "RegisterCheck", "RegisterOutput", "Workflow",
                 "Item", "Stage"):
        assert name in eventflow.__all__
        assert getattr(eventflow, name) is not None


def test_register_callbacks_are_protocols() -> None:
    import inspect
    from typing import Protocol

    from eventflow import hookspecs

    for hook, protocol in (("register_checks", "RegisterCheck"),
                           ("register_outputs", "RegisterOutput"),
                           ("register_workflows", "RegisterWorkflow"),
                           ("register_items", "RegisterItem"),
                           ("register_policy", "RegisterPolicy")):
        assert inspect.signature(getattr(hookspecs, hook)).parameters["register"].annotation \
            == protocol
        assert Protocol in getattr(hookspecs, protocol).__mro__


def test_example_plugins_use_only_the_public_api() -> None:
    private = ("eventflow.cli", "eventflow.engine", "eventflow.store", "eventflow.checklist",
               "eventflow.default_plugins", "eventflow.quick", "eventflow.index")
    for path in (ROOT / "plugins").glob("*/src/**/*.py"):
        text = path.read_text("utf-8")
        for name in private:
            assert f"from {name} import" not in text and f"import {name}" not in text, \
                f"{path} imports {name}"


def test_the_api_page_is_built_from_the_docstrings(tmp_path: Path) -> None:
    """What `make docs` runs (pdoc, from the docs extra)."""
    pytest.importorskip("pdoc")
    import subprocess

    subprocess.run([sys.executable, "-m", "pdoc", "--docformat", "markdown", "-o",
                    str(tmp_path), "eventflow", "eventflow.hookspecs"], check=True,
                   capture_output=True, timeout=120)
    page = (tmp_path / "eventflow.html").read_text("utf-8")
    for name in ("engine_for", "OutputContext", "RegisterCheck", "Partner"):
        assert name in page
    assert "The ``register`` of" in (tmp_path / "eventflow" / "hookspecs.html").read_text(
        "utf-8") or "The <code>register</code> of" in (
        tmp_path / "eventflow" / "hookspecs.html").read_text("utf-8")


def test_all_lists_exactly_the_exported_names() -> None:
    assert sorted(eventflow.__all__) == sorted([*eventflow._EXPORTS, "__version__"])
