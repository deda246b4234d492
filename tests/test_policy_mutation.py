"""Mutation check: weaken or remove each rule in a copy of the workflow, put it in a planning
folder, run that rule's scenarios against it, and require at least one to fail (a failure
counts only if the same scenario passes against an unchanged copy)."""

from __future__ import annotations

import pytest

from eventflow.engine import default_workflow_path
from eventflow.policy.catalogue import build_policy, load_rules, seed_workflow
from eventflow.policy.mutation import (
    MUTATION_SCORE,
    engine_mutation_check,
    mutation_check,
    score_line,
)


@pytest.fixture(scope="module")
def policy():
    return build_policy(seed_workflow())


def test_every_mutant_of_every_rule_is_caught(policy, pytestconfig):
    rule_ids = [r.id for r in load_rules()]
    rows = mutation_check(policy.scenarios, default_workflow_path(), rule_ids)
    seed = {r.id for r in load_rules() if r.seed}
    assert seed <= {r["rule"] for r in rows}
    engine_rows = engine_mutation_check(policy.scenarios)
    assert len(engine_rows) == 4
    rows += engine_rows
    line = score_line(rows)
    pytestconfig.stash[MUTATION_SCORE] = line
    missed = [f"{r['rule']}: {r['mutant']}" for r in rows if not r["caught"]]
    assert missed == [], line
    assert line.endswith("(100 %)")


def test_a_mutant_the_policy_does_not_specify_survives(policy, tmp_path):
    """The check can fail: a weakened rule whose scenarios are left out is not caught."""
    rows = mutation_check([s for s in policy.scenarios if "R1" not in s.tags],
                          default_workflow_path(), ["R1"])
    assert rows and not any(r["caught"] for r in rows)
    assert score_line(rows) == f"mutation score: 0/{len(rows)} (0 %)"
