"""``eventflow plugins new NAME [DIR]``: write a plugin package that installs and passes its tests.

The package has everything a plugin can contribute, each small and working, so that an
organisation starts from something green and changes it: a check and the checklist item that
uses it, an output with its own templates (fi, sv, en), a command that records the plugin's
data under ``[ext.<name>]``, a Gherkin feature with its step definitions, and tests that use
``eventflow.testing``. tests/test_scaffold.py installs a fresh one with pip and runs its tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from . import __version__
from .errors import InvalidInput
from .i18n import _

NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

PYPROJECT = Template('''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "eventflow-$name"
version = "0.1.0"
description = "eventflow plugin $name: a check, an item, an output, a command and a policy"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["eventflow>=$eventflow_min,<$eventflow_next", "click>=8.1,<9"]

[project.optional-dependencies]
test = ["pytest>=8.3,<10", "pytest-bdd>=8.1,<10"]

# The name a planning folder activates: eventflow plugins enable $name
[project.entry-points.eventflow]
$name = "$module"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
$module = ["templates/*/*", "features/*.feature"]

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-p no:cacheprovider"
markers = ["$ident: the policy of the plugin $name",
           "$name.note-recorded: the rule that the organisers' note is recorded"]
''')

README = Template('''\
# eventflow-$name

An eventflow plugin. It adds:

* the check `${ident}_note_recorded` and the checklist item `${ident}_note` in the stage
  `partner_agreed` of the workflow `good-relations-training`: the stage cannot be left until
  the organisers have written down the note;
* the command `eventflow $name note EVENT TEXT`, which records it (under `[ext.$name]` in the
  event file);
* the output `${ident}_note` (`eventflow outputs EVENT`), rendered from the templates in
  `src/$module/templates/<lang>/` (a planning folder may override them in its own
  `templates/<lang>/`);
* the policy `src/$module/features/$ident.feature` (`eventflow policy`).

```sh
pip install -e '.[test]'
eventflow plugins enable $name      # in a planning folder
eventflow $name note EVENT "Agreed with the city's board on 3 March"
pytest                              # the plugin's own tests
```
''')

INIT = Template('''\
"""eventflow plugin $name: the organisers write down a note before the partner stage is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

import eventflow

PLUGIN = "$name"
HERE = Path(__file__).resolve().parent
WORKFLOW = "good-relations-training"

ITEM: dict[str, Any] = {
    "id": "${ident}_note",
    "label": {"fi": "Kirjaa sovittu muistiinpano",
              "sv": "Anteckna det som avtalats",
              "en": "Write down what was agreed"},
    "check": "${ident}_note_recorded",
    "params": {"min_chars": 10},
    "required": True,
    "owner": "organiser",
    "due": "-12w",
    "source": "$name.note-recorded",  # the rule of features/$ident.feature
}


def note_recorded(event: eventflow.Event, min_chars: int = 10) -> eventflow.CheckResult:
    """Passes when the note is recorded (``eventflow $name note EVENT TEXT``)."""
    note = str(event.ext.get(PLUGIN, {}).get("note", "")).strip()
    if len(note) >= min_chars:
        return eventflow.passed(f"note recorded: {note}")
    return eventflow.failed(f"no note of at least {min_chars} characters yet: "
                            f"`eventflow $name note {event.id} TEXT`")


def render_note(ctx: eventflow.OutputContext) -> list[tuple[str, str]]:
    """One Markdown file per language, from this package's templates/<lang>/${ident}-note.md."""
    note = str(ctx.event.ext.get(PLUGIN, {}).get("note", ""))
    return [(f"${ident}-note-{lang}.md", ctx.render_template("${ident}-note.md", lang, note=note))
            for lang in ctx.languages]


@eventflow.hookimpl
def register_checks(register: eventflow.RegisterCheck) -> None:
    register("${ident}_note_recorded", note_recorded, params={"min_chars?": int},
             description="The organisers' note is recorded.")


@eventflow.hookimpl
def register_items(register: eventflow.RegisterItem) -> None:
    register(WORKFLOW, "partner_agreed", ITEM)


@eventflow.hookimpl
def register_outputs(register: eventflow.RegisterOutput) -> None:
    register("${ident}_note", stage="partner_agreed", render=render_note,
             description="The organisers' note, in the event's languages.")


@eventflow.hookimpl
def register_policy(register: eventflow.RegisterPolicy) -> None:
    register(HERE / "features", steps="$module.steps")


@eventflow.hookimpl
def register_commands(cli: click.Group) -> None:
    from .commands import group

    cli.add_command(group)
''')

COMMANDS = Template('''\
"""``eventflow $name ...``: the plugin's commands."""

from __future__ import annotations

from typing import Any

import click

import eventflow


@click.group("$name")
def group() -> None:
    """The $name plugin: record the organisers' note.

    \\b
    Example:
        eventflow $name note EVENT "Agreed with the board"
    """


@group.command()
@click.argument("event", metavar="EVENT")
@click.argument("text")
@click.pass_context
def note(ctx: click.Context, event: str, text: str) -> None:
    """Record the organisers' note on EVENT.

    \\b
    Example:
        eventflow $name note pirkanmaa "Agreed with the board on 3 March"
    """
    from . import PLUGIN

    if "\\n" in text or not text.strip():
        raise click.BadParameter("write the note on one line", param_hint="TEXT")
    engine = eventflow.engine_for(ctx)

    def record(ev: Any) -> None:
        ev.ext[PLUGIN] = {**ev.ext.get(PLUGIN, {}), "note": text.strip()}

    outcome = engine.change(event, "$name.note", record, {"note": text.strip()})
    click.echo(f"{outcome.event.id}: note recorded")
''')

TEMPLATES = {
    "fi": "# Muistiinpano: {{ event.title }}\\n\\n{{ note or 'Ei vielä kirjattu.' }}\\n",
    "sv": "# Anteckning: {{ event.title }}\\n\\n{{ note or 'Inte antecknad ännu.' }}\\n",
    "en": "# Note: {{ event.title }}\\n\\n{{ note or 'Not recorded yet.' }}\\n",
}

FEATURE = Template('''\
@$ident
Feature: The organisers write down what they agreed
  Before the partner stage is left, the organisers record a note of what they agreed, so
  that everyone planning the day can read it. Source: the policy of $name.

  @$name.note-recorded
  Rule: The partner stage is not left before the note is recorded

    @kept
    Scenario: The note is recorded
      Given a $name training day whose partner stage is otherwise complete
      When the organisers record the note "Agreed with the city's board"
      Then the partner stage can be left

    @broken
    Scenario: The note is missing
      Given a $name training day whose partner stage is otherwise complete
      Then leaving the partner stage is refused because "no note"
''')

STEPS = Template('''\
"""pytest-bdd steps of the $name policy (features/$ident.feature).

They use eventflow's step decorators (``eventflow.policy.steps``), so that ``eventflow policy``
lists them, and eventflow's test helpers (``eventflow.testing``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventflow.policy.steps import given, then, when


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "$ident: the policy of the plugin $name")
    config.addinivalue_line("markers", "$name.note-recorded: the rule that the organisers' "
                            "note is recorded")


@pytest.fixture
def ${ident}_world() -> dict[str, Any]:
    return {}


@given("a $name training day whose partner stage is otherwise complete")
def ${ident}_day(${ident}_world: dict[str, Any], ef_project: Any,
               monkeypatch: pytest.MonkeyPatch) -> None:
    from eventflow import Engine, Project
    from eventflow.testing import activate, complete_stage

    activate(ef_project, "$name")
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "$name")
    engine = Engine(Project(ef_project.root))
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    complete_stage(engine, event.id)
    ${ident}_world.update(engine=engine, event_id=event.id)


@when('the organisers record the note "{text}"')
def ${ident}_record(text: str, ${ident}_world: dict[str, Any]) -> None:
    def record(ev: Any) -> None:
        ev.ext["$name"] = {"note": text}

    ${ident}_world["engine"].change(${ident}_world["event_id"], "$name.note", record)


@then("the partner stage can be left")
def ${ident}_can_leave(${ident}_world: dict[str, Any]) -> None:
    engine = ${ident}_world["engine"]
    assert engine.advance(${ident}_world["event_id"]).event.stage != "partner_agreed"


@then('leaving the partner stage is refused because "{text}"')
def ${ident}_refused(text: str, ${ident}_world: dict[str, Any]) -> None:
    from eventflow import TransitionBlocked

    engine = ${ident}_world["engine"]
    with pytest.raises(TransitionBlocked) as refused:
        engine.advance(${ident}_world["event_id"])
    reasons = [b.reason for b in refused.value.blockers if b.item == "${ident}_note"]
    assert reasons and text in reasons[0], reasons
''')

CONFTEST = '''\
"""Every test starts with no installed plugin loaded; a test activates this plugin on purpose."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    monkeypatch.setenv("EVENTFLOW_USER", "tester")
    monkeypatch.setenv("EVENTFLOW_TODAY", "2026-11-27")
    for name in ("EVENTFLOW_DIR", "EVENTFLOW_DISABLED_PLUGINS", "EVENTFLOW_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
'''

TEST_PLUGIN = Template('''\
"""The $name plugin as a planning team uses it: enabled in a planning folder, from the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from eventflow.cli import cli, load_plugin_commands


def run(folder: Path, *args: str) -> Any:
    load_plugin_commands(cli, ["--dir", str(folder), *args])
    try:
        return CliRunner().invoke(cli, ["--dir", str(folder), *args])
    finally:
        cli.commands.pop("$name", None)


def new_event(folder: Path) -> str:
    result = run(folder, "new", "Koulutus", "--date", "2027-03-18", "--region", "Pirkanmaa",
                 "--json")
    return json.loads(result.stdout)["id"]  # type: ignore[no-any-return]


def test_the_item_blocks_until_the_note_is_recorded(ef_project: Any, ef_activate: Any) -> None:
    ef_activate("$name")
    folder = Path(ef_project.root)
    event_id = new_event(folder)
    why = json.loads(run(folder, "why", event_id, "--json").stdout)
    assert "${ident}_note" in {b["item"] for b in why["blockers"]}
    result = run(folder, "$name", "note", event_id, "Agreed with the city's board")
    assert result.exit_code == 0, result.output
    why = json.loads(run(folder, "why", event_id, "--json").stdout)
    assert "${ident}_note" not in {b["item"] for b in why["blockers"]}


def test_the_output_uses_the_packages_template(ef_project: Any, ef_activate: Any) -> None:
    ef_activate("$name")
    folder = Path(ef_project.root)
    event_id = new_event(folder)
    run(folder, "$name", "note", event_id, "Agreed with the city's board")
    result = run(folder, "outputs", event_id, "--stage", "partner_agreed")
    assert "${ident}_note" in result.output, result.output
    made = folder / "events" / event_id / "outputs" / "partner_agreed" / "${ident}-note-fi.md"
    text = made.read_text("utf-8")
    assert text == "# Muistiinpano: Koulutus\\n\\nAgreed with the city's board\\n"


def test_the_plugin_is_listed_with_everything_it_adds(ef_project: Any, ef_activate: Any) -> None:
    ef_activate("$name")
    rows = json.loads(run(Path(ef_project.root), "plugins").stdout)["plugins"]
    row = next(r for r in rows if r["name"] == "$name")
    assert row["problems"] == []
    assert row["contributions"]["checks"] == ["${ident}_note_recorded"]
    assert row["contributions"]["outputs"] == ["${ident}_note"]
    assert row["contributions"]["commands"] == ["$name"]


def test_nothing_happens_when_the_plugin_is_not_active(ef_project: Any) -> None:
    folder = Path(ef_project.root)
    event_id = new_event(folder)
    why = json.loads(run(folder, "why", event_id, "--json").stdout)
    assert "${ident}_note" not in {b["item"] for b in why["blockers"]}
''')

TEST_POLICY = Template('''\
"""Runs the plugin's own policy feature with pytest-bdd, as `eventflow policy verify` does."""

from pathlib import Path

from pytest_bdd import scenarios

from $module.steps import *  # noqa: F401,F403  (step definitions and their fixture)

scenarios(str(Path(__file__).resolve().parent.parent / "src" / "$module" / "features"))
''')


def write_plugin(name: str, directory: Path | None = None) -> tuple[Path, list[Path]]:
    """Write the package of plugin ``name`` into ``directory`` (default ``./eventflow-NAME``);
    return the folder and the files written. Refuses a bad name or a folder that is not empty."""
    if not NAME.match(name):
        raise InvalidInput(_("'{name}' cannot name a plugin: use lower-case letters and "
                             "digits, words joined by '-', starting with a letter (e.g. vasa, "
                             "city-hki)").format(name=name))
    ident = name.replace("-", "_")
    module = f"eventflow_{ident}"
    root = Path(directory) if directory is not None else Path(f"eventflow-{name}")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise InvalidInput(_("{folder} exists and is not an empty folder; choose another "
                             "DIR").format(folder=root))
    major, minor = (int(part) for part in __version__.split(".")[:2])
    values = {"name": name, "ident": ident, "module": module,
              "eventflow_min": f"{major}.{minor}", "eventflow_next": f"{major}.{minor + 1}"}
    package = root / "src" / module
    files: dict[Path, str] = {
        root / "pyproject.toml": PYPROJECT.substitute(values),
        root / "README.md": README.substitute(values),
        package / "__init__.py": INIT.substitute(values),
        package / "commands.py": COMMANDS.substitute(values),
        package / "steps.py": STEPS.substitute(values),
        package / "py.typed": "",
        package / "features" / f"{ident}.feature": FEATURE.substitute(values),
        root / "tests" / "conftest.py": CONFTEST,
        root / "tests" / f"test_{ident}.py": TEST_PLUGIN.substitute(values),
        root / "tests" / "test_policy.py": TEST_POLICY.substitute(values),
    }
    for lang, text in TEMPLATES.items():
        files[package / "templates" / lang / f"{ident}-note.md"] = text.replace("\\n", "\n")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root, list(files)
