"""The layers of pyproject.toml's import-linter contract cover every module, and no modules
import each other in a circle (issue 15, point 1).

import-linter checks that a layer imports only the layers below it, but it cannot see two
things: a module left out of every layer (it is then checked against nothing), and a circle
inside one layer (modules of one layer may import each other). A package whose modules lie in
several layers (``index``: storage and presentation) cannot be a layer of the contract either,
since import-linter takes a package with all its modules; :data:`PACKAGES` gives each such
``__init__`` its layer here, and the test checks its imports as the contract would.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["interfaces", "presentation", "engine", "storage", "model"]  # the contract's order

#: The ``__init__`` of each package whose modules lie in several layers, and its layer.
PACKAGES = {
    # __version__ and the name of every public name, each loaded from its module on first use
    # (by name, as cli.LAZY_COMMANDS loads commands: no import); every layer reads the version
    "eventflow": "model",
    # the rooms' names, loaded on first use; the highest rooms (listing, refresh) present
    "eventflow.index": "presentation",
    # a docstring: the policy's rooms; its core, the catalogue, is of the engine
    "eventflow.policy": "engine",
    # a docstring: the built-in plugins, of the engine (the plugins) and presentation (outputs)
    "eventflow.default_plugins": "engine",
}


def contract_layers() -> list[list[str]]:
    """The modules of each layer of the layers contract, top first, as full names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"]
                   if c["type"] == "layers"]
    (container,) = contract["containers"]
    return [[f"{container}.{name.strip()}" for name in layer.split(":")]
            for layer in contract["layers"]]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("eventflow", exclude_type_checking_imports=True)


def layer_of(module: str, layers: list[list[str]]) -> str | None:
    """The layer of ``module``: of its own entry, else of its nearest package that has one."""
    if module in PACKAGES:
        return PACKAGES[module]
    for name, modules in zip(NAMES, layers, strict=True):
        if any(module == m or module.startswith(m + ".") for m in modules):
            return name
    return None


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The modules that import each other in a circle, one sorted list per circle (Tarjan's
    strongly connected components of the import graph, imports inside functions included)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            component = [stack.pop()]
            while component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return found


def test_the_layers_are_the_five_of_the_design() -> None:
    assert len(contract_layers()) == len(NAMES)


def test_every_module_is_in_a_layer(graph: grimp.ImportGraph) -> None:
    layers = contract_layers()
    missing = sorted(m for m in graph.modules if layer_of(m, layers) is None)
    assert not missing, f"put these modules in a layer of pyproject.toml: {missing}"


def test_no_modules_import_each_other_in_a_circle(graph: grimp.ImportGraph) -> None:
    assert circles(graph) == [], "break the circle: move what both need to a module below"


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_a_package_of_several_layers_imports_one_way(graph: grimp.ImportGraph,
                                                     package: str) -> None:
    layers = contract_layers()
    rank = {name: NAMES.index(name) for name in NAMES}  # 0 the top
    own = rank[PACKAGES[package]]
    upward = [m for m in graph.find_modules_directly_imported_by(package)
              if rank[layer_of(m, layers) or "model"] < own]
    from_below = [m for m in graph.find_modules_that_directly_import(package)
                  if rank[layer_of(m, layers) or "interfaces"] > own]
    assert (sorted(upward), sorted(from_below)) == ([], [])


def test_the_check_sees_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.c", imported="p.a")
    assert circles(graph) == [["p.a", "p.b"]]
