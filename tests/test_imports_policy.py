"""Inside the library, imports are at the top of the module (issue 15, point 4).

An import inside a function is kept only with its reason written next to it: a comment holding
``lazy:`` on the import's line or above it (above the block of imports it starts), with the
measured cost (``# lazy: jinja2 costs 14 ms (-X importtime), only outputs need it``) or the
import circle or layer it avoids. Imports under ``if TYPE_CHECKING:`` do not run and are free.
The command boundary (``commands_*.py``, ``commands/``, ``cli.py``'s loading of commands by
name, which is no import statement) loads lazily by design and is not checked here.

The check covers the modules in ``CHECKED``; a module joins it once its imports are done, so
the list grows until every library module is in it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "eventflow"

#: Library modules whose function-level imports are done (moved to the top, or kept with a
#: ``lazy:`` reason). Add a module here when you do its imports.
CHECKED = [
    "__init__.py", "conflicts.py", "errors.py", "event.py", "event_parts.py", "event_texts.py",
    "feedback.py", "folder.py", "hookspecs.py", "invite.py", "letterhead.py", "names.py",
    "params.py", "participants.py", "plugin_commands.py", "regions.py", "scaffold.py",
    "schedule.py", "schemas.py", "suggest.py", "testing.py", "vocab.py", "demo.py",
    "policy/catalogue.py", "policy/mutation.py", "policy/resolve.py", "policy/verify.py",
    "policy/steps/__init__.py", "policy/steps/changes.py", "policy/steps/commands.py",
    "policy/steps/lifecycle.py", "policy/steps/outcomes.py", "policy/stepdefs.py",
    "policy/steps/starting.py", "policy/steps/world.py",
    "store/__init__.py", "store/atomic.py", "store/conflicts.py", "store/eventfile.py",
    "store/history.py", "store/locking.py", "store/project.py", "store/save.py",
    "store/settings.py", "store/tomlio.py", "store/workflowfile.py",
    "engine.py", "engine_dates.py", "engine_moves.py", "engine_results.py",
    "engine_workflows.py", "machine.py", "workflow.py", "workflowfields.py", "workflowkeys.py",
    "judge.py",
    "checklist.py", "explain.py", "texts.py",
    "plugins.py", "plugin_registry.py", "plugin_dispatch.py",
    "quick.py", "quick_change.py", "quick_write.py", "cli_terms.py", "cachekeys.py",
    "completion.py", "i18n.py",
    "present.py", "i18n_extract.py",
    # cli.py's loading of commands by name (importlib.import_module) is no import statement:
    # the check sees only its other imports
    "cli.py",
    "index/__init__.py", "index/cachefile.py", "index/entry.py", "index/listing.py",
    "index/refresh.py", "index/savefile.py",
    "default_plugins/__init__.py", "default_plugins/checks.py",
    "default_plugins/checks_invitations.py", "default_plugins/outputs.py",
    "default_plugins/outputs_chart.py", "default_plugins/outputs_delivery.py",
    "default_plugins/outputs_invitations.py", "default_plugins/outputs_planning.py",
    "default_plugins/outputs_shared.py", "default_plugins/outputs_texts.py",
    "default_plugins/outputs_view.py", "default_plugins/workflows.py",
    "outputs/__init__.py", "outputs/context.py", "outputs/duecalendar.py", "outputs/formats.py",
    "outputs/formatting.py", "outputs/labels.py", "outputs/limits.py", "outputs/manifest.py",
    "outputs/markdown.py", "outputs/participants.py", "outputs/sandbox.py", "outputs/text.py",
    "outputs/writing.py",
    "dashboard/__init__.py", "dashboard/data.py", "dashboard/folder.py", "dashboard/keys.py",
    "dashboard/render.py", "dashboard/site.py", "dashboard/style.py", "dashboard/svg.py",
    "dashboard/templates.py", "dashboard/texts.py", "dashboard/watch.py",
    "policy/__init__.py", "policy/report.py",
    "remind.py", "mail.py", "people.py", "index/reminders.py",
    "merge.py", "mergedata.py", "mergeconflicts.py", "gitsync.py", "datetext.py", "__main__.py",
]


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def function_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement inside a function (not under ``if TYPE_CHECKING:``)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if in_function and isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append(child)
            visit(child, in_function or isinstance(child, (ast.FunctionDef,
                                                           ast.AsyncFunctionDef)))

    visit(tree, False)
    return found


def has_reason(lines: list[str], lineno: int) -> bool:
    """A ``lazy:`` comment on the import's line, or above it across the comments, blank lines
    and other imports of its block."""
    if "lazy:" in lines[lineno - 1].partition("#")[2]:
        return True
    for line in reversed(lines[:lineno - 1]):
        text = line.strip()
        if text.startswith("#"):
            if "lazy:" in text:
                return True
            continue
        if not text or text.startswith(("import ", "from ")) or "lazy:" in text:
            if "# lazy:" in text:
                return True
            continue
        return False
    return False


def unexplained(source: str) -> list[str]:
    """The function-level imports of ``source`` without a ``lazy:`` reason, as lines."""
    lines = source.splitlines()
    return [f"line {node.lineno}: {ast.unparse(node)}"
            for node in function_imports(ast.parse(source))
            if not has_reason(lines, node.lineno)]


@pytest.mark.parametrize("module", CHECKED)
def test_function_level_imports_say_why(module: str) -> None:
    found = unexplained((SRC / module).read_text(encoding="utf-8"))
    assert not found, (f"src/eventflow/{module}: move these imports to the top, or keep each "
                       "with a `# lazy:` comment giving the measured cost (-X importtime) or "
                       f"the circle it avoids: {found}")


def test_the_checked_modules_exist() -> None:
    assert [m for m in CHECKED if not (SRC / m).is_file()] == []
    assert not [m for m in CHECKED if m.startswith("commands")]


def test_the_check_sees_what_is_missing() -> None:
    source = '''
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import json


def a():
    import os

    return os


def b():
    # lazy: jinja2 costs 14 ms (-X importtime)
    import jinja2
    import jinja2.sandbox

    from .x import y

    return jinja2, y


def c():
    import csv  # lazy: csv costs 3 ms
    if True:
        import re
    return csv, re
'''
    assert unexplained(source) == ["line 9: import os", "line 27: import re"]


def private_imports(source: str) -> list[str]:
    """``from eventflow.x import _name`` (a private name of another module; gettext's ``_``
    and dunders such as ``__version__`` are public), as lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(
                "eventflow")):
            found += [f"line {node.lineno}: {ast.unparse(node)}" for alias in node.names
                      if alias.name.startswith("_") and alias.name != "_"
                      and not alias.name.endswith("__")]
    return found


def test_no_private_name_crosses_a_module() -> None:
    """Issue 15: a name another module needs is public (no leading underscore)."""
    found = {str(p.relative_to(SRC)): private_imports(p.read_text(encoding="utf-8"))
             for p in sorted(SRC.rglob("*.py"))}
    assert {k: v for k, v in found.items() if v} == {}
    assert private_imports("from .quick import _write\nfrom .i18n import _, N_\n") == [
        "line 1: from .quick import _write"]


def test_every_library_module_is_checked() -> None:
    """Every module but the command boundary (``commands_*.py``, ``commands/``) is in
    CHECKED: a new module joins it when it is written."""
    library = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                     if not str(p.relative_to(SRC)).startswith("commands"))
    assert [m for m in library if m not in CHECKED] == []
