"""`eventflow policy ...`: read the living policy, verify it, judge one event against it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .cli import SuggestingGroup, clean, emit_json, engine, flush_warnings, json_option, today
from .errors import InvalidInput, PlanningFolderNotFound
from .i18n import _, language, pgettext
from .judge import state_text
from .present import local_moment

if TYPE_CHECKING:
    from pathlib import Path

    from .engine import Engine
    from .policy.catalogue import Policy, Rule


def _engine(ctx: click.Context) -> Engine:
    """The planning folder's engine; outside a folder, the shipped workflow and the installed
    plugins the environment allows."""

    try:
        return engine(ctx)
    except PlanningFolderNotFound:
        from pathlib import Path

        from .engine import Engine
        from .plugins import get_plugin_manager
        from .store import Project, Settings

        project = Project(Path.cwd(), Settings(language="en"))
        return Engine(project, pm=get_plugin_manager(active=None))


def _plugin_features(eng: Engine) -> list[tuple[str, Path, str | None]]:
    return [(plugin, path, steps) for path, steps, plugin in eng.registry.policies]


def _rules(eng: Engine) -> list[Rule]:
    """eventflow's rules, then the rules of the plugins' features (read, not run)."""
    from .policy.catalogue import load_rules, plugin_rules

    features = _plugin_features(eng)
    return load_rules() + (plugin_rules(features) if features else [])


def _policy(eng: Engine) -> Policy:
    try:
        from .policy.catalogue import build_policy
    except ImportError as exc:  # pytest-bdd is needed to read the features
        raise InvalidInput(_("the policy needs pytest-bdd ({problem}); install "
                             "eventflow[test]").format(problem=exc)) from None
    return build_policy(eng.workflow("good-relations-training"), _plugin_features(eng))


@click.group(cls=SuggestingGroup, invoke_without_command=True)
@click.option("--lang", type=click.Choice(["fi", "sv", "en"]), default=None,
              help="Language of the rules and scenarios (default: the folder's language); "
                   "the policy is written in Finnish, Swedish and English.")
@json_option
@click.pass_context
def policy(ctx: click.Context, lang: str | None, as_json: bool) -> None:
    """Print the living policy: each rule, the stage and items that enforce it, and its
    scenarios with their last verified result.

    \b
    Example:
        eventflow policy --lang fi
        eventflow policy verify
        eventflow policy check pirkanmaa
    """
    if ctx.invoked_subcommand is not None:
        return
    from .policy.verify import load_results

    eng = _engine(ctx)
    pol = _policy(eng)
    lang = lang or eng.lang
    last = load_results() or {}
    from pathlib import Path

    outcome = {(Path(r["feature_file"]).name, r["scenario"]): r["outcome"]
               for r in last.get("results", [])}
    rows = _rule_rows(pol, lang, outcome)
    plugins = _plugin_rows(eng, pol, outcome)
    flush_warnings(eng)
    if as_json:
        emit_json({"lang": lang, "verified_at": last.get("verified_at"), "rules": rows,
                   "plugins": plugins})
        return
    _print_policy(rows, plugins, last.get("verified_at"))


def _rule_rows(pol: Policy, lang: str, outcome: dict[tuple[str, str], str]
               ) -> list[dict[str, Any]]:
    """Each rule with the items that enforce it and its scenarios in ``lang``."""
    scenario_lang = lang if lang in ("fi", "sv", "en") else "en"
    rows: list[dict[str, Any]] = []
    for rule in pol.rules:
        items = pol.items_for(rule.id)
        own = pol.own_scenarios(rule)
        # a plugin may write its rules in one language only: then they are shown in it
        scenarios = [s for s in own if s.language == scenario_lang] or (
            own if rule.plugin else [])
        rows.append({
            "rule": rule.id, "kind": rule.kind, "text": rule.label(lang),
            "source": rule.source,
            "items": [{"item": i.id, "stage": i.stage, "required": i.required,
                       "label": i.text(lang)} for i in items],
            "scenarios": [{"name": s.name, "polarity": s.polarity,
                           "last": outcome.get((s.feature_file.name, s.name))}
                          for s in scenarios]})
    return rows


def _plugin_rows(eng: Engine, pol: Policy, outcome: dict[tuple[str, str], str]
                 ) -> list[dict[str, Any]]:
    """Each plugin with policy: its rules and the scenarios that specify none of them."""
    plugins: list[dict[str, Any]] = []
    for plugin, _path, _steps in _plugin_features(eng):
        # a plugin's scenarios that specify none of its rules (those are listed above)
        loose = [s for s in pol.scenarios if s.plugin == plugin and not s.rule_ids]
        plugins.append({"plugin": plugin,
                        "rules": [r.id for r in pol.rules if r.plugin == plugin],
                        "scenarios": [
            {"feature": s.feature, "rule": s.rule_name, "name": s.name,
             "last": outcome.get((s.feature_file.name, s.name))} for s in loose]})
    return plugins


def _print_policy(rows: list[dict[str, Any]], plugins: list[dict[str, Any]],
                  when: str | None) -> None:
    """The policy as text: each rule, its items and scenarios, then the plugins' loose
    scenarios."""

    mark = {"passed": "✓", "failed": "✗", None: "·"}
    click.echo(_("Policy: {n} rules, last verified {date}").format(
        n=len(rows), date=local_moment(when, language()))
               if when else
               _("Policy: {n} rules, not verified yet (eventflow policy verify)").format(
                   n=len(rows)))
    for row in rows:
        click.echo("")
        source = "" if row["source"] == "eventflow" else f", plugin {row['source']}"
        click.echo(clean(f"{row['rule']} [{row['kind']}{source}] {row['text']}"))
        for i in row["items"]:
            need = _("required") if i["required"] else _("advice")
            click.echo(clean("    " + _("enforced at {stage}: {item} ({need}) — "
                                         "{label}").format(stage=i["stage"], item=i["item"],
                                                           need=need, label=i["label"])))
        if not row["items"]:
            click.echo("    " + _("enforced by no checklist item"))
        for s in row["scenarios"]:
            click.echo(clean(f"    {mark.get(s['last'], '·')} {s['polarity'] or '-':<6} "
                             f"{s['name']}"))
    for entry in plugins:
        if not entry["scenarios"]:
            continue
        click.echo("")
        click.echo(clean(_("Policy of plugin {plugin}:").format(plugin=entry["plugin"])))
        for s in entry["scenarios"]:
            click.echo(clean(f"    {mark.get(s['last'], '·')} {s['rule'] or s['feature']}: "
                             f"{s['name']}"))


@policy.command("verify")
@click.option("--rule", "rules", multiple=True,
              help="Only the scenarios of this rule id (repeatable).")
@click.option("--plugin", "plugins", multiple=True,
              help="Only the features of this plugin (repeatable).")
@json_option
@click.pass_context
def verify_(ctx: click.Context, rules: tuple[str, ...], plugins: tuple[str, ...],
            as_json: bool) -> None:
    """Run the policy's scenarios against the engine and print pass/fail per rule.

    Exit 1 when any scenario fails. The result is kept for `eventflow policy` and
    `eventflow policy report` (EVENTFLOW_POLICY_RESULTS relocates it).

    \b
    Example:
        eventflow policy verify
        eventflow policy verify --rule R1 --rule R13
    """
    from .policy.catalogue import features_dir
    from .policy.verify import save_results, verify

    eng = _engine(ctx)
    features = [("", features_dir(), None)] + _plugin_features(eng)
    if plugins:
        known = {p for p, _f, _s in features if p}
        unknown = set(plugins) - known
        if unknown:
            raise click.BadParameter(
                _("no policy from plugin(s) {plugins}; plugins with policy: {known}").format(
                    plugins=", ".join(sorted(unknown)),
                    known=", ".join(sorted(known)) or _("none")), param_hint="--plugin")
        features = [f for f in features if f[0] in plugins]
    flush_warnings(eng)
    data = verify(features, markers=list(rules))
    results = data["results"]
    if not results:
        click.echo(data["output"], err=True)
        raise click.ClickException(_("the policy could not be run (see pytest's output "
                                     "above)"))
    path = save_results(data)
    failed = [r for r in results if r["outcome"] == "failed"]
    if as_json:
        emit_json({"ok": not failed and data["exit_code"] == 0, "results": results,
                   "saved": str(path)})
    else:
        _print_verdicts(results, failed, path)
    if failed or data["exit_code"] not in (0, 5):
        ctx.exit(1)



def _print_verdicts(results: list[dict[str, Any]], failed: list[dict[str, Any]],
                    path: Path) -> None:
    """`policy verify` as text: pass/fail per rule, per plugin and for the stages, then
    the failed scenarios (to stderr) and the count."""
    from .policy.catalogue import rule_verdicts

    verdicts = rule_verdicts(results)
    for rid, v in sorted(verdicts.items(), key=lambda kv: _rule_order(kv[0])):
        state = _("FAIL") if v["failed"] else _("pass")
        click.echo(f"{state}  {rid:<4} " + _("{passed} passed, {failed} failed").format(
            passed=v["passed"], failed=v["failed"]))
    others = [r for r in results if not r["rules"]]
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in others:
        groups.setdefault(r["plugin"] or "stages", []).append(r)
    for name, group in sorted(groups.items()):
        bad = sum(1 for r in group if r["outcome"] == "failed")
        state = _("FAIL") if bad else _("pass")
        label = _("plugin {plugin}").format(plugin=name) if name != "stages" \
            else _("stages")
        click.echo(f"{state}  {label}: " + _("{passed} passed, {failed} failed").format(
            passed=len(group) - bad, failed=bad))
    for r in failed:
        name = r["feature_file"].replace("\\", "/").rsplit("/", 1)[-1]
        click.echo(clean(f"✗ {r['scenario']} ({name})"), err=True)
        tail = [ln for ln in r["message"].splitlines() if ln.startswith("E ")][-3:]
        for line in tail:
            click.echo(clean(f"    {line}"), err=True)
    click.echo(_("{passed} of {n} scenarios passed; saved to {path}").format(
        passed=len(results) - len(failed), n=len(results), path=path))


@policy.command("check")
@click.argument("event", metavar="EVENT")
@json_option
@click.pass_context
def check(ctx: click.Context, event: str, as_json: bool) -> None:
    """Judge one event against every rule: kept, broken or not yet due, with the reason.

    The engine's one verdict, by rule: each item kept, waived, broken (past its due date,
    or a regression of a stage already left), advice not followed, or not yet due; items
    traced to a section of the guide are grouped under it. Exit 1 when a rule is broken.

    \b
    Example:
        eventflow policy check pirkanmaa
    """
    from .plugin_commands import json_warnings

    eng = engine(ctx)
    ev = eng.load(event)
    verdicts = judge(eng, ev, _rules(eng))
    warnings = json_warnings(str(eng.project.root), eng.warnings)
    flush_warnings(eng)
    broken = [v for v in verdicts if v["verdict"] == "broken"]
    if as_json:
        emit_json({"id": ev.id, "stage": ev.stage, "rules": verdicts,
                   "broken": len(broken), "warnings": warnings})
    else:
        counts = ", ".join(f"{sum(1 for v in verdicts if v['verdict'] == k)} "
                           f"{state_text(k)}" for k in RULE_STATES)
        click.echo(clean(_("{event} at stage {stage}: {counts}").format(
            event=ev.id, stage=ev.stage, counts=counts)))
        mark = {"kept": "✓", "broken": "✗", "not yet due": "…", "waived": "~",
                "advice not followed": "!"}
        for v in verdicts:
            source = (" (" + _("plugin {plugin}").format(plugin=v["source"]) + ")"
                      if v["source"] not in (None, "eventflow") else "")
            click.echo(clean(f"{mark[v['verdict']]} {v['rule']:<22} "
                             f"{state_text(v['verdict']):<19} {v['text']}{source}"))
            for item in v["items"]:
                due = (", " + _("due {date}").format(date=local_moment(item["due"], language()))
                       if item["due"] and item["verdict"] != "kept" else "")
                advice = "" if item["required"] else " " + _("(advice)")
                regression = " " + _("REGRESSION") if item["regression"] else ""
                click.echo(clean(f"      {item['item']} [{item['stage']}{due}]{advice}"
                                 f"{regression}: {item['reason']}"))
    if broken:
        ctx.exit(1)


@policy.command("report")
@click.option("--html", "html_file", required=True,
              type=click.Path(dir_okay=False),
              help="The HTML file to write (one static page, works offline).")
@click.option("--lang", type=click.Choice(["fi", "sv", "en"]), default=None,
              help="Language of the page (default: the folder's language).")
@click.option("--event", "event_name", default=None, metavar="EVENT",
              help="Show this event's verdict beside each rule.")
@click.pass_context
def report(ctx: click.Context, html_file: str, lang: str | None,
           event_name: str | None) -> None:
    """Write one static, offline HTML page: a summary, a contents list, every rule with its
    scenarios and their last result, and the workflow diagram.

    \b
    Example:
        eventflow policy verify; eventflow policy report --html policy.html
        eventflow policy report --html policy.html --lang sv --event pirkanmaa
    """
    from .policy.report import event_verdict, render
    from .policy.verify import load_results
    from .store import atomic_write

    eng = _engine(ctx)
    pol = _policy(eng)
    lang = lang or eng.lang
    event = None
    if event_name:

        eng = engine(ctx)  # an event needs its planning folder
        event = event_verdict(eng, eng.load(event_name), today(), lang, pol.rules)
    page = render(pol, load_results(), None, lang, event)
    flush_warnings(eng)
    from pathlib import Path

    target = Path(html_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, page.encode("utf-8"))
    click.echo(_("wrote {path} ({rules} rules, {scenarios} scenarios)").format(
        path=html_file, rules=len(pol.rules), scenarios=len(pol.scenarios)))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(policy)


def _rule_order(rule_id: str) -> tuple[str, int]:
    return (rule_id[0], int(rule_id[1:]) if rule_id[1:].isdigit() else 0)


RULE_STATES = ("kept", "broken", "advice not followed", "not yet due", "waived")


def judge(eng: Engine, event: Any, rules: list[Any]) -> list[dict[str, Any]]:
    """Every rule with items in the event's workflow, judged by the engine's one verdict:
    each item kept, waived, broken, advice not followed or not yet due, and the rule the
    worst of its items. ``rules`` are eventflow's and the plugins' alike; each verdict names
    its rule's ``source`` (``eventflow`` or the plugin). Items whose source is a section of the
    guide (``guide:…``) or no known rule are grouped under that source (``source`` None), so
    that no item of the workflow is left out."""
    verdict = eng.judge(event)
    lang = eng.lang
    labels = {rule.id: (rule.kind, rule.label(lang)) for rule in rules}
    sources = {rule.id: rule.source for rule in rules}
    by_source: dict[str, list[Any]] = {}
    for r in verdict.requirements:
        if r.item.source:
            by_source.setdefault(r.item.source, []).append(r)
    order = [rule.id for rule in rules] + sorted(s for s in by_source if s not in labels)
    verdicts = []
    for source in order:
        mine = by_source.get(source)
        if not mine:
            continue
        items = [{"item": r.item.id, "stage": r.item.stage, "required": r.item.required,
                  "verdict": r.state, "regression": r.regression, "fix": r.fix or None,
                  "reason": (r.reason if r.status.applies else
                             _("does not apply: {reason}").format(reason=r.reason))
                  or (pgettext("policy item", "met") if r.met
                      else pgettext("policy item", "unmet")),
                  "due": r.due.isoformat() if r.due else None} for r in mine]
        states = {i["verdict"] for i in items}
        worst = next((state for state in ("broken", "advice not followed", "not yet due",
                                          "waived") if state in states), "kept")
        kind, text = labels.get(source, ("guide", source.split(":", 1)[-1].replace("-", " ")))
        verdicts.append({"rule": source, "kind": kind, "text": text,
                         "source": sources.get(source), "verdict": worst, "items": items})
    return verdicts
