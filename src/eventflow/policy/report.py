"""One static, offline HTML page of the policy: a summary, a contents list, every rule with
its items, scenarios and last verified result (and, for one event, that event's verdict), and
the workflow drawn as SVG. No script, no network; the words in fi, sv or en."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import DictLoader, Environment

from ..dashboard.data import judgement, rule_states
from ..dashboard.site import visible
from ..dashboard.style import HEAD, STYLE
from ..dashboard.svg import workflow_svg
from ..dashboard.texts import date_formatter, texts
from .catalogue import load_rules, rule_verdicts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .catalogue import Policy, Rule

# the report's own rules, after the shared style (dashboard.style: the one head and style)
REPORT_STYLE = """
.rule{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #44546a;background:#f7f8fa}
.kind,.source{font-size:.8rem;text-transform:uppercase;color:#4a4a4a}
.passed{color:#176f2c}.failed{color:#b00020;font-weight:bold}.unknown{color:#4a4a4a}
nav#contents ol{columns:14rem}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
{{ head("eventflow policy report", t.policy_title, extra_style=report_style) }}
<body>
<a class="skip" href="#main">{{ t.skip }}</a>
<main id="main">
<h1>{{ t.policy_title }}</h1>
<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">{{ t.summary }}</h2>
<ul class="counts">
<li><strong id="rules-kept">{{ counts.kept }}</strong> {{ t.rules_kept }}</li>
<li><strong id="rules-broken" {% if counts.broken %}class="warn"{% endif %}>{{ counts.broken }}</strong> {{ t.rules_broken }}</li>
<li><strong id="rules-unverified">{{ counts.unverified }}</strong> {{ t.rules_unverified }}</li>
<li><strong>{{ scenarios }}</strong> {{ t.scenarios }}</li>
</ul>
<p>{{ t.last_verified }}: {{ when|t if when else t.never }}</p>
{% if event %}
<h3 id="event-heading">{{ t.event_verdict.format(id=event.id) }}</h3>
<p><bdi>{{ event.title|t }}</bdi> · {{ day(event.date) }} · {{ t.stage }}: {{ event.stage }}</p>
<ul class="counts" aria-labelledby="event-heading">
{% for state, n in event.counts %}<li><strong>{{ n }}</strong> <span class="st-{{ state|replace(' ', '-') }}">{{ t[state] }}</span></li>{% endfor %}
</ul>
{% endif %}
</section>
<nav id="contents" aria-labelledby="contents-heading">
<h2 id="contents-heading">{{ t.contents }}</h2>
<ol>
<li><a href="#rules">{{ t.rules }}</a>
<ol>{% for r in rules %}<li><a href="#{{ r.id }}">{{ r.id }}</a> {{ r.text|truncate(60)|t }}</li>{% endfor %}</ol></li>
<li><a href="#stages">{{ t.stage_moves }}</a></li>
{% for p in plugins %}<li><a href="#plugin-{{ loop.index }}">{{ t.plugin_policy.format(name=p.name)|t }}</a></li>{% endfor %}
<li><a href="#workflow">{{ t.workflow }}</a></li>
</ol>
</nav>
<h2 id="rules">{{ t.rules }}</h2>
{% for r in rules %}
<section class="rule" id="{{ r.id }}" aria-labelledby="{{ r.id }}-heading">
<h3 id="{{ r.id }}-heading">{{ r.id }} <span class="kind">{{ r.kind }}</span>{% if r.plugin %} <span class="source">{{ t.plugin_policy.format(name=r.plugin)|t }}</span>{% endif %}
<span class="{{ r.verified }}">{{ r.verified_text }}</span>{% if r.event %} · <span class="st-{{ r.event.state|replace(' ', '-') }}">{{ event.id }}: {{ t[r.event.state] }}</span>{% endif %}</h3>
<p>{{ r.text|t }}</p>
{% if r.enforced %}<p>{{ t.enforced_by }}: {% for i in r.enforced %}{{ i.stage }} / <code>{{ i.id }}</code> ({{ t.required if i.required else t.advice }}){% if not loop.last %}; {% endif %}{% endfor %}</p>{% endif %}
{% if r.event %}
<table class="items"><caption>{{ t.event_verdict.format(id=event.id) }}</caption>
<thead><tr><th scope="col">{{ t.item }}</th><th scope="col">{{ t.state }}</th><th scope="col">{{ t.due }}</th><th scope="col">{{ t.reason }} / {{ t.fix }}</th></tr></thead><tbody>
{% for q in r.event.requirements %}<tr><td data-label="{{ t.item }}"><code>{{ q.item }}</code></td><td data-label="{{ t.state }}" class="st-{{ q.state|replace(' ', '-') }}">{{ t[q.state] }}</td><td data-label="{{ t.due }}">{{ day(q.due) }}</td><td data-label="{{ t.reason }}">{{ q.reason|t }}{% if q.fix %}<br><code>{{ q.fix|t }}</code>{% endif %}</td></tr>{% endfor %}
</tbody></table>
{% endif %}
{{ scenario_table(r.scenarios) }}
</section>
{% endfor %}
<h2 id="stages">{{ t.stage_moves }}</h2>
{{ scenario_table(stage_scenarios) }}
{% for p in plugins %}
<h2 id="plugin-{{ loop.index }}">{{ t.plugin_policy.format(name=p.name)|t }}</h2>
{{ scenario_table(p.scenarios) }}
{% endfor %}
<h2 id="workflow">{{ t.workflow }}</h2>
<figure>{{ svg|safe }}</figure>
</main>
</body>
</html>
"""

MACROS = """{% macro scenario_table(rows) %}{% if rows %}<table>{% for s in rows %}<tr><td class="{{ s.css }}">{{ s.result }}</td><td>{{ s.language }}</td><td>{{ s.polarity }}</td><td>{{ s.name|t }}</td></tr>{% endfor %}</table>{% else %}<p>{{ t.no_scenarios }}</p>{% endif %}{% endmacro %}
"""


def rule_state(verdict: dict[str, int] | None) -> str:
    """A rule's verified state: kept (every scenario passed), broken, or not verified."""
    if not verdict:
        return "unverified"
    return "broken" if verdict["failed"] else "kept"


def render(policy: Policy, last: dict[str, Any] | None, diagram: str | None = None,
           lang: str = "en", event: dict[str, Any] | None = None) -> str:
    """The report as one HTML string. ``event`` (optional): ``{"id", "title", "date", "stage",
    "rules": {rule id: state entry of dashboard.data.rule_states}}``."""
    t = texts(lang)
    results = (last or {}).get("results", [])
    outcome = {(Path(r["feature_file"]).name, r["scenario"]): r["outcome"] for r in results}
    verdicts = rule_verdicts(results)
    label = {"passed": t["passed"], "failed": t["failed"], None: t["not_run"]}

    def scenario_rows(scenarios: list[Any]) -> list[dict[str, str]]:
        rows = []
        for s in scenarios:
            result = outcome.get((s.feature_file.name, s.name))
            rows.append({"css": result or "unknown", "result": label[result],
                         "language": s.language, "polarity": s.polarity or "", "name": s.name})
        return rows

    counts = {"kept": 0, "broken": 0, "unverified": 0}
    rules = []
    event_rules = (event or {}).get("rules", {})
    for rule in policy.rules:
        state = rule_state(verdicts.get(rule.id))
        counts[state] += 1
        rules.append({
            "id": rule.id, "kind": rule.kind, "text": rule.label(lang),
            "verified": {"kept": "passed", "broken": "failed", "unverified": "unknown"}[state],
            "verified_text": {"kept": t["passed"], "broken": t["failed"],
                              "unverified": t["not_run"]}[state],
            "plugin": rule.plugin, "enforced": policy.items_for(rule.id),
            "scenarios": scenario_rows(policy.own_scenarios(rule)),
            "event": event_rules.get(rule.id)})
    # a plugin's scenarios that specify none of its rules (those are shown with the rules)
    loose = [s for s in policy.scenarios if s.plugin and not s.rule_ids]
    plugins = [{"name": name, "scenarios": scenario_rows(
        [s for s in loose if s.plugin == name])}
        for name in sorted({s.plugin for s in loose})]
    if event is not None:
        tally: dict[str, int] = {}
        for entry in event_rules.values():
            tally[entry["state"]] = tally.get(entry["state"], 0) + 1
        event = {**event, "counts": sorted(tally.items())}
    svg = diagram or workflow_svg(policy.workflow, lang, (event or {}).get("stage"), "diagram")
    env = Environment(loader=DictLoader({"page": HEAD + MACROS + TEMPLATE}),
                      autoescape=True)
    env.filters["t"] = visible
    return env.get_template("page").render(
        lang=lang, t=t, style=STYLE, report_style=REPORT_STYLE, day=date_formatter(lang),
        counts=counts, scenarios=len(policy.scenarios), when=(last or {}).get("verified_at"),
        rules=rules,
        stage_scenarios=scenario_rows([s for s in policy.scenarios
                                       if not s.rule_ids and not s.plugin]),
        plugins=plugins, svg=svg, event=event)


def event_verdict(engine: Any, event: Any, today: Any, lang: str,
                  rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    """What the report shows of one event: its verdict per rule (``rules``: the policy's,
    eventflow's and the plugins'; default eventflow's), through the dashboard's one adapter
    of the engine's judgement."""
    verdict = judgement(engine, event, today, lang)
    known = list(rules) if rules is not None else load_rules()
    states = rule_states(verdict, {r.id: r for r in known}, lang)
    return {"id": event.id, "title": event.title, "date": event.date.isoformat(),
            "stage": event.stage, "rules": {s["rule"]: s for s in states}}
