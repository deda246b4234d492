"""One static, offline HTML page of the policy: rules, their items, scenarios and last result,
and the workflow diagram (Mermaid source, shown as text: no script, no network)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalogue import Policy

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
.rule{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #888;background:#f7f7f7}
.passed{color:#176f2c}.failed{color:#b00020;font-weight:bold}.unknown{color:#666}
.kind{font-size:.8rem;text-transform:uppercase;color:#555}
pre{background:#f0f0f0;padding:1rem;overflow-x:auto}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top}
"""


def render(policy: Policy, last: dict[str, Any] | None, diagram: str, lang: str = "en") -> str:
    """The report as one HTML string."""
    outcome = {(Path(r["feature_file"]).name, r["scenario"]): r["outcome"]
               for r in (last or {}).get("results", [])}
    when = (last or {}).get("verified_at")
    label = {"passed": "passed", "failed": "FAILED", None: "not run"}
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>eventflow policy</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>Living policy: good population relations training</h1>",
             (f"<p>{len(policy.rules)} rules, {len(policy.scenarios)} scenarios (Finnish and "
              f"English). Last verified: {escape(when or 'never')}.</p>")]

    def scenario_rows(scenarios: list[Any]) -> str:
        rows = []
        for s in scenarios:
            result = outcome.get((s.feature_file.name, s.name))
            css = result or "unknown"
            rows.append(f'<tr><td class="{css}">{label[result]}</td><td>{escape(s.language)}'
                        f"</td><td>{escape(s.polarity or '')}</td><td>{escape(s.name)}</td></tr>")
        return "<table>" + "".join(rows) + "</table>" if rows else "<p>No scenarios.</p>"

    parts.append("<h2>Rules</h2>")
    for rule in policy.rules:
        items = policy.items_for(rule.id)
        parts.append(f'<section class="rule" id="{escape(rule.id)}">')
        parts.append(f'<h3>{escape(rule.id)} <span class="kind">{escape(rule.kind)}</span></h3>')
        parts.append(f"<p>{escape(rule.label(lang))}</p>")
        if items:
            parts.append("<p>Enforced by: " + "; ".join(
                f"{escape(i.stage)} / {escape(i.id)} ({'required' if i.required else 'advice'})"
                for i in items) + "</p>")
        parts.append(scenario_rows([s for s in policy.scenarios_for(rule.id) if not s.plugin]))
        parts.append("</section>")
    stages = [s for s in policy.scenarios if not s.rule_ids and not s.plugin]
    parts.append("<h2>Moving through the stages</h2>")
    parts.append(scenario_rows(stages))
    plugins = sorted({s.plugin for s in policy.scenarios if s.plugin})
    for plugin in plugins:
        parts.append(f"<h2>Policy of plugin {escape(plugin)}</h2>")
        parts.append(scenario_rows([s for s in policy.scenarios if s.plugin == plugin]))
    parts.append("<h2>Workflow</h2>")
    parts.append("<p>Mermaid state diagram (paste into any Mermaid viewer to draw it):</p>")
    parts.append(f'<pre class="mermaid">{escape(diagram)}</pre>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
