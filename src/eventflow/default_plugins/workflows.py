"""Ships the seed workflow, good-relations-training, as a built-in plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventflow import hookimpl

SEED = Path(__file__).resolve().parent.parent / "workflows" / "good-relations-training.toml"


@hookimpl
def register_workflows(register: Callable[..., None]) -> None:
    register(SEED)
