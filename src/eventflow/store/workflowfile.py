"""Workflow files on disk: read one with the bounded reader and validate it
(:func:`eventflow.workflow.validate`). The model (workflow.py) only validates data; reading
files is the storage layer's job, like every file eventflow reads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..workflow import Workflow, validate
from .tomlio import read_toml

if TYPE_CHECKING:
    from ..plugins import CheckSpec

PINNED_FOLDER = ".workflows"  # events/.workflows/<hash>.toml: the copies events follow


def load_workflow(path: Path, checks: Mapping[str, CheckSpec] | None = None,
                  extra_items: list[tuple[str, str, dict[str, Any], str]] | None = None,
                  *, strict: bool | None = None) -> Workflow:
    """Load and validate a workflow file. A pinned copy (a file in ``events/.workflows/``) is
    not held to the :class:`Newer` rules unless ``strict`` says so."""
    data, raw = read_toml(path)
    if strict is None:
        strict = Path(path).parent.name != PINNED_FOLDER
    return validate(path, data, raw, checks, extra_items or [], strict=strict)
