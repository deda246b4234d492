"""Runs the plugin's own policy feature with pytest-bdd, as `eventflow policy verify` does."""

from pathlib import Path

from eventflow_etno.steps import *  # noqa: F401,F403  (step definitions and their fixture)
from pytest_bdd import scenarios

FEATURES = Path(__file__).resolve().parent.parent / "src" / "eventflow_etno" / "features"

scenarios(str(FEATURES))
