"""The step registry: pytest-bdd's ``given``/``when``/``then``, each step text remembered (with
its parser and function) for the policy catalogue and the in-process runner of the mutation
check. One step function takes its phrasings in English, Finnish and Swedish:
``@when("the panel is dropped", "paneeli poistetaan", "panelen stryks")``.

The registry sits below the step modules that fill it (eventflow's own,
:mod:`eventflow.policy.steps`, and plugins'): they import it, and the catalogue, which reads
``STEPS``, loads them by name (:func:`eventflow.policy.catalogue.step_definitions`), as a
plugin's step module is loaded, never by an import that would run the layers backwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest_bdd
from pytest_bdd import parsers


@dataclass(frozen=True)
class StepDef:
    """One step definition as registered by :func:`given`, :func:`when` or :func:`then`: its kind
    (``given``/``when``/``then``), the pytest-bdd parser of one phrasing, the step function, and
    whether the step takes a table of requirements. The policy catalogue reads ``STEPS`` to find
    the requirements a scenario names."""

    type: str
    parser: Any
    func: Callable[..., Any]
    requirement_table: bool = False


STEPS: list[StepDef] = []


def _decorator(kind: str) -> Callable[..., Callable[[Callable[..., Any]], Callable[..., Any]]]:
    bdd = getattr(pytest_bdd, kind)

    def make(*texts: str, requirement_table: bool = False
             ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            for text in texts:
                parser = parsers.parse(text)
                STEPS.append(StepDef(kind, parser, func, requirement_table))
                bdd(parser, stacklevel=2)(func)
            return func

        return decorate

    return make


given = _decorator("given")
when = _decorator("when")
then = _decorator("then")
