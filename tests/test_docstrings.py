"""Every public name of the public API has a docstring (the API page, `make docs`, is made
from them): what `import eventflow` gives, the hook contract, the test helpers, the event and
workflow models, the engine and the verdict it reads."""

from __future__ import annotations

import importlib
import inspect
from functools import cached_property
from typing import Any

import pytest

import eventflow

MODULES = ["eventflow.hookspecs", "eventflow.testing", "eventflow.event", "eventflow.event_parts",
           "eventflow.event_texts", "eventflow.workflow",
           "eventflow.engine", "eventflow.engine_results", "eventflow.engine_workflows",
           "eventflow.engine_moves", "eventflow.engine_dates", "eventflow.judge",
           "eventflow.checklist",
           # the house's modules (issue 15, point 6)
           "eventflow.conflicts", "eventflow.feedback", "eventflow.invite",
           "eventflow.participants", "eventflow.params", "eventflow.regions",
           "eventflow.schedule", "eventflow.suggest", "eventflow.schemas", "eventflow.scaffold",
           "eventflow.errors", "eventflow.plugin_commands", "eventflow.policy.catalogue",
           "eventflow.policy.verify", "eventflow.policy.mutation", "eventflow.policy.resolve",
           "eventflow.machine", "eventflow.plugins", "eventflow.gitsync", "eventflow.cli_terms",
           "eventflow.quick_write"]


def undocumented(obj: Any) -> bool:
    doc = obj.__doc__
    if inspect.isclass(obj):  # a dataclass without one gets its signature as its docstring
        return not doc or doc.startswith(f"{obj.__name__}(")
    return not (doc or "").strip()


def public_names(module_name: str) -> list[tuple[str, Any]]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None) or [
        n for n, v in vars(module).items()
        if not n.startswith("_") and getattr(v, "__module__", None) == module_name]
    found = []
    for name in names:
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        found.append((f"{module_name}.{name}", obj))
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                func = value.fget if isinstance(value, property) else \
                    value.func if isinstance(value, cached_property) else getattr(
                        value, "__func__", value)
                if not attr.startswith("_") and (inspect.isfunction(func)
                                                 or isinstance(value, property)):
                    found.append((f"{module_name}.{name}.{attr}", func))
    return found


@pytest.mark.parametrize("module_name", ["eventflow", *MODULES])
def test_every_public_name_has_a_docstring(module_name: str) -> None:
    missing = [name for name, obj in public_names(module_name) if undocumented(obj)]
    assert not missing, f"add a docstring (what, when, arguments, returns, raises): {missing}"


def test_the_check_sees_what_is_missing() -> None:
    class Bare:
        def method(self) -> None:
            pass

    assert undocumented(Bare) and undocumented(Bare.method)
    assert "eventflow.engine.Engine.pm" in dict(public_names("eventflow.engine"))  # cached
    assert not undocumented(eventflow.Engine)
    assert len(public_names("eventflow")) > 80  # the exported classes and their methods
