"""The policy catalogue: rules → the workflow items that enforce them → the scenarios that
specify them.

* eventflow's rules come from ``eventflow/data/rules.toml`` (id, kind, text in fi/sv/en);
* a plugin's rules come from its features (``register_policy``): a ``Rule:`` tagged
  ``@<plugin>.<name>`` (``@etno.board-invited``) is the rule ``etno.board-invited``, its text
  the ``Rule:`` line in each language the plugin writes it in, its kind a tag ``@guard``,
  ``@checklist``, ``@warning`` or ``@conditional`` (default guard), its source the plugin;
* a workflow item enforces the rule its ``source`` names (``source = "R1"``,
  ``source = "etno.board-invited"``);
* a scenario specifies a rule when it sits under a ``Rule:`` tagged with the rule's id
  (``@R1``), and specifies an item when one of its steps names the item by (part of) its label
  in quotes (``the stage cannot be left until "a partner organisation co-plans" is in order``).

Features are read with pytest-bdd's own parser, so the catalogue sees exactly what the tests run.
"""

from __future__ import annotations

import importlib
import re
import tomli
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import N_, _
from .resolve import resolve_requirement, resolve_stage

if TYPE_CHECKING:
    from .stepdefs import StepDef
    from ..workflow import Item, Workflow

PACKAGE = Path(__file__).resolve().parent.parent
RULES_FILE = PACKAGE / "data" / "rules.toml"
RULE_ID = re.compile(r"^(R|G|L)\d+$")
KEPT, BROKEN = "kept", "broken"
#: A rule's kind (``data/rules.toml``; a tag on a plugin's ``Rule:``): guard = blocks a stage
#: transition; checklist = ticked, may be waived; warning = advice; conditional = a guard only
#: when its condition applies.
KINDS = ("guard", "checklist", "warning", "conditional")


def features_dir() -> Path:
    """The core policy: ``eventflow/features`` (a link to the checkout's ``features/``)."""
    return PACKAGE / "features"


@dataclass(frozen=True)
class Rule:
    """One rule of the policy: eventflow's (``plugin`` empty) or a plugin's."""

    id: str
    kind: str
    text: dict[str, str]
    seed: bool
    guide_section: str
    plugin: str = ""

    @property
    def source(self) -> str:
        """Who states the rule: ``eventflow`` or the plugin's name."""
        return self.plugin or "eventflow"

    def label(self, lang: str) -> str:
        """The rule in ``lang``, else in English, else in the language it is written in."""
        return self.text.get(lang) or self.text.get("en") or next(iter(self.text.values()), "")


def plugin_rule_ids(plugin: str, tags: Iterable[str]) -> list[str]:
    """The ids of ``plugin``'s rules among ``tags``: those of the form ``<plugin>.<name>`` (a
    dot, so that a plugin can declare the tag as a pytest marker)."""
    prefix = f"{plugin}."
    return sorted(t for t in tags if t.startswith(prefix) and len(t) > len(prefix))


@dataclass
class ScenarioInfo:
    """One scenario as the catalogue knows it (statically, without running it)."""

    name: str
    feature: str
    feature_file: Path
    language: str
    rule_name: str
    tags: frozenset[str]
    steps: list[tuple[str, str, Any]]  # (type, text, datatable rows or None)
    plugin: str = ""
    items: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    @property
    def rule_ids(self) -> list[str]:
        """The rules the scenario specifies: eventflow's (``R1``) and, in a plugin's feature,
        that plugin's (``etno.board-invited``)."""
        own = plugin_rule_ids(self.plugin, self.tags) if self.plugin else []
        return sorted(t for t in self.tags if RULE_ID.match(t)) + own

    @property
    def polarity(self) -> str:
        """Whether the scenario shows its rule kept (``KEPT``) or broken (``BROKEN``), by its
        tags; "" when it says neither."""
        return KEPT if KEPT in self.tags else BROKEN if BROKEN in self.tags else ""

    @property
    def key(self) -> str:
        """A key naming the scenario in its feature file: ``<file name>::<scenario name>``."""
        return f"{self.feature_file.name}::{self.name}"


@lru_cache(maxsize=4)
def _load_rules(path: Path) -> tuple[Rule, ...]:
    with open(path, "rb") as fh:
        data = tomli.load(fh)
    return tuple(Rule(r["id"], r.get("kind", "guard"), dict(r.get("text", {})),
                      bool(r.get("seed", False)), r.get("guide_section", ""))
                 for r in data.get("rules", []))


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    """Every rule of the catalogue, in file order."""
    return list(_load_rules(path))


def rules_of_plugins(scenarios: Iterable[ScenarioInfo]) -> list[Rule]:
    """The rules plugins' features state, in the order they first appear: one per tag
    ``<plugin>.<name>`` on a plugin's scenarios (see the module's docstring)."""
    found: dict[str, tuple[str, dict[str, str], list[str]]] = {}
    for s in scenarios:
        if not s.plugin:
            continue
        for rid in plugin_rule_ids(s.plugin, s.tags):
            _plugin, text, kinds = found.setdefault(rid, (s.plugin, {}, []))
            text.setdefault(s.language, s.rule_name or s.feature)
            kinds += [k for k in KINDS if k in s.tags]
    return [Rule(rid, kinds[0] if kinds else "guard", text, False, "", plugin)
            for rid, (plugin, text, kinds) in found.items()]


def plugin_rules(extra_features: Sequence[tuple[str, Path, str | None]]) -> list[Rule]:
    """The rules of the plugins' features (``(plugin, features path, steps)`` as
    :func:`build_policy` takes them), read without running or binding a step."""
    scenarios: list[ScenarioInfo] = []
    for plugin, path, _steps in extra_features:
        scenarios += parse_features([path], plugin)
    return rules_of_plugins(scenarios)


# requirements named in steps -----------------------------------------------------------------
CORE_STEPS = "eventflow.policy.steps"


def step_definitions() -> list[StepDef]:
    """Every step definition registered so far, eventflow's own among them.

    eventflow's step library (:data:`CORE_STEPS`) drives the engine and the command line, so it
    lies above this module; it is loaded by name, as :func:`build_policy` loads a plugin's step
    module, and registers its steps in :mod:`eventflow.policy.stepdefs`, which both import."""
    # lazy: the step registry imports pytest-bdd (195 ms, -X importtime) and the step library
    # the CLI (530 ms in all); `eventflow policy rules` reads no step
    from .stepdefs import STEPS

    importlib.import_module(CORE_STEPS)
    return STEPS
def step_requirements(step_type: str, text: str, datatable: Any) -> list[str] | None:
    """The requirement names one step quotes, found with the step definitions' own parsers
    (a field called ``requirement``, or a table of requirements); ``None`` if no step
    definition matches the step."""
    for stepdef in step_definitions():
        if stepdef.type != step_type or not stepdef.parser.is_matching(text):
            continue
        args = stepdef.parser.parse_arguments(text) or {}
        names = [str(args["requirement"])] if "requirement" in args else []
        if stepdef.requirement_table and datatable:
            names += [row[0] for row in datatable if row and row[0].strip()]
        return names
    return None


# features ------------------------------------------------------------------------------------
def feature_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.feature`` files of ``paths``: each folder searched recursively (sorted), each file
    as it is."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        found += sorted(path.rglob("*.feature")) if path.is_dir() else [path]
    return found


def _raw_datatable(step: Any) -> Any:
    table = getattr(step, "datatable", None)
    if table is None:
        return None
    raw = getattr(table, "raw", None)
    return raw() if callable(raw) else table


def parse_features(paths: Iterable[Path], plugin: str = "") -> list[ScenarioInfo]:
    """Every scenario in the feature files under ``paths``, parsed by pytest-bdd's parser."""
    # lazy: pytest_bdd costs 195 ms (-X importtime); `eventflow policy rules` reads no feature
    from pytest_bdd.parser import FeatureParser

    scenarios = []
    for file in feature_files(paths):
        feature = FeatureParser(str(file.parent), file.name).parse()
        for template in feature.scenarios.values():
            rule_tags = template.rule.tags if template.rule is not None else set()
            tags = frozenset(set(template.tags) | set(feature.tags) | set(rule_tags))
            steps = [(s.type, s.name, _raw_datatable(s)) for s in template.steps]
            scenarios.append(ScenarioInfo(
                name=template.name, feature=feature.name, feature_file=file,
                language=feature.language, rule_name=template.rule.name if template.rule else "",
                tags=tags, steps=steps, plugin=plugin))
    return scenarios


def duplicate_names(paths: Iterable[Path]) -> list[str]:
    """Scenario names used more than once (pytest-bdd would silently keep only the last)."""
    seen: dict[str, str] = {}
    dupes = []
    for file in feature_files(paths):
        for line_no, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"\s*(Scenario|Tapaus|Example|Scenario Outline|Tapausaihio):\s*(.+)",
                             line)
            if not match:
                continue
            name = match.group(2).strip()
            where = f"{file.name}:{line_no}"
            if name in seen:
                dupes.append(_('"{name}" in {first} and {second}').format(
                    name=name, first=seen[name], second=where))
            seen.setdefault(name, where)
    return dupes


# the whole picture ---------------------------------------------------------------------------
@dataclass
class Policy:
    """The living policy as one picture: the rules (eventflow's from ``data/rules.toml``, then
    the plugins'), the workflow whose items implement them, every scenario of the features and
    the features' paths (plugin name or "" and path). Made by :func:`build_policy`; ``eventflow
    policy`` reads it."""

    rules: list[Rule]  # eventflow's (data/rules.toml), then the plugins' (from their features)
    workflow: Workflow
    scenarios: list[ScenarioInfo]
    features: list[tuple[str, Path]]  # (plugin name or "", features path)

    def rule(self, rule_id: str) -> Rule | None:
        """The rule ``rule_id`` (``R1``, ``etno.board-invited``), or None when no rule has that
        id."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def items_for(self, rule_id: str) -> list[Item]:
        """The workflow items that implement the rule ``rule_id`` (their ``source``)."""
        return [i for i in self.workflow.items() if i.source == rule_id]

    def scenarios_for(self, rule_id: str) -> list[ScenarioInfo]:
        """The scenarios tagged with the rule ``rule_id``, whoever wrote them."""
        return [s for s in self.scenarios if rule_id in s.tags]

    def own_scenarios(self, rule: Rule) -> list[ScenarioInfo]:
        """The scenarios of ``rule`` written by whoever states it (eventflow, or the plugin)."""
        return [s for s in self.scenarios_for(rule.id) if s.plugin == rule.plugin]

    def scenarios_naming(self, item_id: str) -> list[ScenarioInfo]:
        """The scenarios whose steps name the workflow item ``item_id``."""
        return [s for s in self.scenarios if item_id in s.items]


def build_policy(workflow: Workflow,
                 extra_features: Sequence[tuple[str, Path, str | None]] = (),
                 rules_file: Path = RULES_FILE) -> Policy:
    """Rules, the workflow's items and every scenario (core and plugin features), linked.

    ``extra_features`` are plugins' contributions: (plugin name, features path, dotted name of
    its step module or None); the step modules are imported so their steps are known.
    """

    for _plugin, _path, steps in extra_features:
        if steps:
            importlib.import_module(steps)
    features = [("", features_dir()), *((p, path) for p, path, _s in extra_features)]
    scenarios: list[ScenarioInfo] = []
    for plugin, path in features:
        scenarios += parse_features([path], plugin)
    items = workflow.items()
    for scenario in scenarios:
        for step_type, text, table in scenario.steps:
            names = step_requirements(step_type, text, table)
            if names is None:
                scenario.problems.append(_('no step definition for {keyword} "{text}"').format(
                    keyword=step_type, text=text))
                continue
            for words in names:
                try:
                    scenario.items.add(resolve_requirement(items, words).id)
                except LookupError as exc:
                    scenario.problems.append(str(exc))
    rules = load_rules(rules_file) + rules_of_plugins(scenarios)
    return Policy(rules, workflow, scenarios, features)


def seed_workflow() -> Workflow:
    """The seed workflow as shipped, validated with the built-in checks only."""
    # lazy: the engine, plugins and workflow reader cost 36, 21 and 31 ms (-X importtime,
    # after eventflow.cli); only the seed workflow needs them, `eventflow policy rules` does not
    from ..engine import default_workflow_path
    from ..plugins import build_registry, get_plugin_manager
    from ..store.workflowfile import load_workflow

    registry = build_registry(get_plugin_manager(active=()))
    return load_workflow(default_workflow_path(), registry.checks, registry.items)


def rule_verdicts(results: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per rule id: how many of its scenarios passed and failed, from verify results."""
    verdicts: dict[str, dict[str, int]] = {}
    for r in results:
        for rid in r.get("rules", []):
            entry = verdicts.setdefault(rid, {"passed": 0, "failed": 0})
            entry["passed" if r["outcome"] == "passed" else "failed"] += 1
    return verdicts


def scenario_stage(scenario: ScenarioInfo, workflow: Workflow) -> str | None:
    """The stage a scenario starts from: the stage its Given step brings the event to."""
    for step_type, text, _table in scenario.steps:
        if step_type != "given":
            continue
        for stepdef in step_definitions():
            if stepdef.type == "given" and stepdef.parser.is_matching(text):
                args = stepdef.parser.parse_arguments(text) or {}
                if "stage" in args:
                    try:
                        return resolve_stage(workflow.stages, str(args["stage"])).id
                    except LookupError:
                        return None
    return None


LANGUAGES = ("en", "fi", "sv")
LANGUAGE_NAMES = {"en": N_("English"), "fi": N_("Finnish"), "sv": N_("Swedish")}


def _where(file: Path) -> str:
    """A feature file as people find it: ``features/sv/kostnader.feature``."""
    try:
        return f"features/{file.relative_to(features_dir()).as_posix()}"
    except ValueError:
        return str(file)


def missing_rule_problem(rid: str, polarity: str, lang: str,
                         elsewhere: Sequence[ScenarioInfo]) -> str:
    """The sentence for a rule without a ``polarity`` scenario in ``lang``: which folder lacks
    it, and which feature files of the other languages have one to translate."""
    name = _(LANGUAGE_NAMES[lang]) if lang in LANGUAGE_NAMES else lang
    folder = f"features/{lang}/"
    files = _and(sorted({_where(s.feature_file) for s in elsewhere}))
    if polarity == KEPT and files:
        return _("rule {rule} has no scenario in which it is kept in {folder} ({language}); "
                 "translate the kept scenario of {files} into a feature of {folder}, under a "
                 "rule tagged @{rule}").format(rule=rid, folder=folder, language=name,
                                               files=files)
    if files:
        return _("rule {rule} has no scenario in which it is broken in {folder} ({language}); "
                 "translate the broken scenario of {files} into a feature of {folder}, under "
                 "a rule tagged @{rule}").format(rule=rid, folder=folder, language=name,
                                                 files=files)
    if polarity == KEPT:
        return _("rule {rule} has no scenario in which it is kept in {folder} ({language}); "
                 "add one under a rule tagged @{rule} in every language").format(
                     rule=rid, folder=folder, language=name)
    return _("rule {rule} has no scenario in which it is broken in {folder} ({language}); "
             "add one under a rule tagged @{rule} in every language").format(
                 rule=rid, folder=folder, language=name)


def _and(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the interface language."""
    if len(names) < 2:
        return "".join(names)
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def trace_problems(policy: Policy, languages: Sequence[str] = LANGUAGES,
                   required_rules: Sequence[str] | None = None) -> list[str]:
    """Everything that breaks traceability, as sentences; empty when the policy is complete.

    * a scenario whose steps cannot be bound, or name a requirement the workflow lacks;
    * a scenario tagged with a rule id that is not in the catalogue;
    * a rule (``required_rules``, default every rule in the catalogue) without a kept and a
      broken scenario in each language (English, Finnish and Swedish); the sentence names the
      folder that lacks it and the feature files of the other languages that have one;
    * a plugin's rule without a kept and a broken scenario (in any language it is written in);
    * a workflow item with a ``source`` that no scenario names, or (for a rule source) that no
      scenario of that rule names;
    * a stage without a scenario about leaving it, and no scenario for reopen or cancel.
    """
    problems: list[str] = []
    known = {r.id for r in policy.rules}
    for s in policy.scenarios:
        problems += [f"{s.key}: {p}" for p in s.problems]
        problems += [_("{scenario}: names rule {rule}, which is not in the rule "
                       "catalogue").format(scenario=s.key, rule=rid)
                     for rid in s.rule_ids if rid not in known]
    core = [s for s in policy.scenarios if not s.plugin]
    wanted = (list(required_rules) if required_rules is not None
              else sorted(r.id for r in policy.rules if not r.plugin))
    for rid in wanted:
        for lang in languages:
            for polarity in (KEPT, BROKEN):
                having = [s for s in core if rid in s.tags and s.polarity == polarity]
                if not any(s.language == lang for s in having):
                    problems.append(missing_rule_problem(rid, polarity, lang, having))
    for rule in policy.rules:
        if not rule.plugin:
            continue
        own = policy.own_scenarios(rule)
        for polarity in (KEPT, BROKEN):
            if not any(s.polarity == polarity for s in own):
                files = _and(sorted({_where(s.feature_file) for s in own}))
                text = (_("rule {rule} of plugin {plugin} has no scenario in which it is kept; "
                          "add one tagged @{tag} under its Rule: in {files}") if polarity == KEPT
                        else _("rule {rule} of plugin {plugin} has no scenario in which it is "
                               "broken; add one tagged @{tag} under its Rule: in {files}"))
                problems.append(text.format(rule=rule.id, plugin=rule.plugin, tag=polarity,
                                            files=files))
    for item in policy.workflow.items():
        if not item.source:
            continue
        naming = policy.scenarios_naming(item.id)
        if not naming:
            problems.append(_("item {item} (source {source}) is named by no scenario").format(
                item=item.id, source=item.source))
        elif ((RULE_ID.match(item.source) or item.source in known)
              and not any(item.source in s.tags for s in naming)):
            problems.append(_("item {item} is named by no scenario of its rule "
                              "{rule}").format(item=item.id, rule=item.source))
    for stage in policy.workflow.stages:
        if not any("advance" in s.tags and scenario_stage(s, policy.workflow) == stage.id
                   for s in core):
            problems.append(_("leaving stage {stage} has no scenario (tag @advance)").format(
                stage=stage.id))
    for tag in ("reopen", "cancel"):
        if not any(tag in s.tags for s in core):
            problems.append(_("no scenario for {action} (tag @{action})").format(action=tag))
    return problems
