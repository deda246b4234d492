"""The living policy: the seed guide's rules as Gherkin, executed against the engine.

* :mod:`eventflow.policy.catalogue` — rules (``data/rules.toml``) → workflow items (by their
  ``source``) → scenarios (by the rule tag on a ``Rule:``, and the requirements their steps name);
* :mod:`eventflow.policy.steps` — the pytest-bdd step definitions, in the domain's own words;
* :mod:`eventflow.policy.verify` — run the features (pytest-bdd in a subprocess) and collect
  pass/fail per rule;
* :mod:`eventflow.policy.mutation` — run scenarios in-process against weakened copies of the
  workflow and the engine (the mutation check);
* :mod:`eventflow.policy.report` — one static, offline HTML page of the policy.
"""
