"""The living policy in Swedish, executed against the engine (pytest-bdd)."""

from pytest_bdd import scenarios

from eventflow.policy.catalogue import features_dir
from eventflow.policy.steps import *  # noqa: F403  (step definitions and the world fixture)

scenarios(str(features_dir() / "sv"))
