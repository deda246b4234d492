"""Meta-tests: the hooks, their documentation and their tests stay in step."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from eventflow import hookspecs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"


def hookspec_functions() -> dict[str, object]:
    return {name: func for name, func in vars(hookspecs).items()
            if callable(func) and getattr(func, "eventflow_spec", None) is not None}


def signature_text(name: str, func: object) -> str:
    """``def name(arg: Type, ...) -> None`` exactly as written in hookspecs.py."""
    sig = inspect.signature(func)  # type: ignore[arg-type]
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"def {name}({params}) -> {sig.return_annotation}"


def test_there_are_hooks_of_both_families() -> None:
    names = set(hookspec_functions())
    assert {"register_checks", "register_outputs", "register_workflows", "register_items",
            "register_policy", "register_commands", "before_transition", "after_transition",
            "after_item_changed"} <= names


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for name, func in hookspec_functions().items():
        assert f"#### {name}\n" in docs, f"docs/plugins.md has no section for {name}"
        assert signature_text(name, func) in docs, (
            f"docs/plugins.md does not show the signature {signature_text(name, func)}")


def test_docs_document_no_hook_that_does_not_exist() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#### (\w+)$", docs, re.M))
    assert documented == set(hookspec_functions())


def test_every_hookspec_has_a_contract_docstring() -> None:
    for name, func in hookspec_functions().items():
        doc = inspect.getdoc(func) or ""
        assert len(doc) > 200, f"{name}: the docstring is too short to be a contract"
        assert "When:" in doc or "when" in doc.casefold(), f"{name}: does not say when"
        assert "return" in doc.casefold(), f"{name}: does not say what the return value means"


def test_every_hook_has_a_test_that_names_it() -> None:
    sources = {p.name: p.read_text(encoding="utf-8")
               for p in (ROOT / "tests").glob("test_*.py") if p.name != Path(__file__).name}
    for name in hookspec_functions():
        using = [file for file, text in sources.items() if f"def {name}(" in text]
        assert using, f"no test implements the hook {name}"
