"""The dashboard's Jinja2 templates (HTML, autoescaped) and its style and script, inline so
that a page works alone: from a shared drive, as an e-mail attachment, with no network."""

from __future__ import annotations

from .style import HEAD, PAIRS, PALETTE, STYLE

__all__ = ["HEAD", "PAIRS", "PALETTE", "STYLE", "SCRIPT", "TEMPLATES"]

SCRIPT = """
(function(){
var table=document.getElementById('events');if(!table)return;
var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
var form=document.getElementById('filters');form.hidden=false;
document.getElementById('sort-hint').hidden=false;
var shown=document.getElementById('shown');
function val(id){return document.getElementById(id).value;}
function apply(){
 var q=val('f-text').toLowerCase(),o=val('f-org'),w=val('f-owner'),r=val('f-region'),
 s=val('f-stage'),n=0;
 rows.forEach(function(tr){var d=tr.dataset;
  var ok=(!q||d.search.indexOf(q)>=0)&&(!o||d.orgs.split('\\n').indexOf(o)>=0)&&
   (!w||d.owners.split('\\n').indexOf(w)>=0)&&(!r||d.region===r)&&(!s||d.stage===s);
  tr.hidden=!ok;if(ok)n++;});
 shown.textContent=n;}
['f-text','f-org','f-owner','f-region','f-stage'].forEach(function(id){
 var el=document.getElementById(id);el.addEventListener('input',apply);
 el.addEventListener('change',apply);});
Array.prototype.forEach.call(table.tHead.querySelectorAll('button[data-key]'),function(b){
 b.addEventListener('click',function(){
  var key=b.dataset.key,num=b.dataset.num==='1',th=b.parentNode;
  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
  Array.prototype.forEach.call(table.tHead.querySelectorAll('th'),function(h){
   h.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir>0?'ascending':'descending');
  rows.sort(function(a,c){var x=a.dataset[key],y=c.dataset[key];
   if(num){x=+x;y=+y;}return (x<y?-1:x>y?1:0)*dir;});
  rows.forEach(function(tr){body.appendChild(tr);});});});
apply();
})();
"""

BASE = HEAD + """<!DOCTYPE html>
<html lang="{{ lang }}">
{{ head("eventflow dashboard", self.title() ~ " – " ~ t.site_title, scripts=True) }}
<body>
<a class="skip" href="#main">{{ t.skip }}</a>
<header class="site"><nav aria-label="{{ t.site_title }}">
<a href="{{ root }}index.html">{{ t.overview }}</a>
<a href="{{ root }}next30.html">{{ t.next30 }}</a>
<a href="{{ root }}workflow.html">{{ t.workflow }}</a>
</nav></header>
<main id="main">
{% block main %}{% endblock %}
<p class="muted">{{ t.generated }} {{ generated }}, {{ t.as_of }} {{ day(today) }} · eventflow</p>
</main>
{% block script %}{% endblock %}
</body>
</html>
"""

OVERVIEW = """{% extends "base" %}
{% block title %}{{ t.overview }}{% if pages > 1 %} {{ page }}/{{ pages }}{% endif %}{% endblock %}
{% block main %}
<h1>{{ t.site_title }}</h1>
<ul class="counts" aria-label="{{ t.summary }}">
<li><strong id="count-events">{{ totals.events }}</strong> {{ t.events_count }}</li>
<li><strong id="count-overdue">{{ totals.overdue }}</strong> {{ t.overdue_count }}</li>
<li><strong id="count-regressions">{{ totals.regressions }}</strong> {{ t.regressions_count }}</li>
{% for status, n in totals.by_status %}<li><strong>{{ n }}</strong> {{ t[status] }}</li>{% endfor %}
</ul>
{% if pages > 1 %}{{ pager() }}{% endif %}
<h2 id="events-heading">{{ t.overview }}</h2>
<form id="filters" class="filters" hidden role="search" aria-label="{{ t.filters }}" onsubmit="return false">
<label for="f-text">{{ t.search }}<input id="f-text" type="search" autocomplete="off"></label>
{% for id, label, values in filters %}
<label for="{{ id }}">{{ label }}<select id="{{ id }}"><option value="">{{ t.all }}</option>
{% for v in values %}<option>{{ v|t }}</option>{% endfor %}</select></label>
{% endfor %}
<p><output id="shown" for="f-text">{{ rows|length }}</output> {{ t.shown }}</p>
</form>
<p id="sort-hint" class="sort-hint muted" hidden>{{ t.sort_hint }}</p>
<table class="overview" id="events" aria-labelledby="events-heading">
<thead><tr>
<th scope="col"><button type="button" data-key="id">{{ t.event }}</button></th>
<th scope="col"><button type="button" data-key="date">{{ t.date }}</button></th>
<th scope="col"><button type="button" data-key="region">{{ t.region }}</button></th>
<th scope="col"><button type="button" data-key="org">{{ t.organisation }}</button></th>
<th scope="col"><button type="button" data-key="progress" data-num="1">{{ t.stage }}</button></th>
<th scope="col" class="num"><button type="button" data-key="overdue" data-num="1">{{ t.overdue }}</button></th>
<th scope="col" class="num"><button type="button" data-key="regressions" data-num="1">{{ t.regressions }}</button></th>
<th scope="col"><button type="button" data-key="next">{{ t.next_due }}</button></th>
</tr></thead>
<tbody>
{{ rows_html }}</tbody>
</table>
{% if pages > 1 %}{{ pager() }}{% endif %}
{% endblock %}
{% block script %}<script>{{ script|safe }}</script>{% endblock %}
"""

PAGER = """{% macro pager() %}<nav class="pager" aria-label="{{ t.pages }}">{{ t.pages }}:
{% for n in range(1, pages + 1) %}{% if n == page %}<span aria-current="page">{{ n }}</span>{% else %}<a href="{{ page_href(n) }}">{{ n }}</a>{% endif %}
{% endfor %}</nav>{% endmacro %}"""

NEXT30 = """{% extends "base" %}
{% block title %}{{ t.next30 }}{% endblock %}
{% block main %}
<h1>{{ t.next30 }}</h1>
<p>{{ day(today) }} – {{ day(horizon) }}</p>
{% for owner, items in groups %}
<h2 id="owner-{{ owner }}">{{ owner }} <span class="muted">({{ items.length }})</span></h2>
<table class="items"><thead><tr><th scope="col">{{ t.due }}</th><th scope="col">{{ t.event }}</th>
<th scope="col">{{ t.item }}</th><th scope="col">{{ t.state }}</th></tr></thead><tbody>
{{ items.html }}</tbody></table>
{% else %}
<p>{{ t.nothing_due }}</p>
{% endfor %}
{% endblock %}
"""

WORKFLOW = """{% extends "base" %}
{% block title %}{{ t.workflow }}{% endblock %}
{% block main %}
<h1>{{ t.workflow }}</h1>
{% for wf in workflows %}
<h2>{{ wf.title|t }} <span class="muted">{{ wf.id }} {{ wf.version }}</span></h2>
<figure>{{ wf.svg|safe }}</figure>
{% endfor %}
{% endblock %}
"""

EVENT = """{% extends "base" %}
{% block title %}{{ r.id }}{% endblock %}
{% block main %}
<p><a href="../index.html">{{ t.back }}</a></p>
<h1><bdi>{{ r.title|t }}</bdi></h1>
<p><code>{{ r.id }}</code> · {{ day(r.date) }} · <bdi>{{ r.region|t }}</bdi> · <bdi>{{ r.organisation|t }}</bdi></p>
<ul class="counts" aria-label="{{ t.summary }}">
<li><strong>{% if r.status == 'active' %}{{ r.stage_number }}/{{ r.stages }}{% else %}{{ t[r.status] }}{% endif %}</strong> {{ r.stage_label }}</li>
<li><strong>{{ r.overdue }}</strong> {{ t.overdue_count }}</li>
<li><strong>{{ r.regressions }}</strong> {{ t.regressions_count }}</li>
{% if r.next %}<li><strong>{{ day(r.next.due) }}</strong> {{ t.next_due }}: <code>{{ r.next.item }}</code> ({{ r.next.owner }})</li>{% endif %}
</ul>
<h2 id="stages">{{ t.stages_verdict }}</h2>
{% for s in p.stages %}
<section class="stage" aria-labelledby="stage-{{ s.id }}">
<h3 id="stage-{{ s.id }}">{{ s.label|t }}{% if s.id == r.stage %} <span class="muted">({{ t.current_stage }})</span>{% endif %}</h3>
<table class="items"><thead><tr><th scope="col">{{ t.item }}</th><th scope="col">{{ t.state }}</th>
<th scope="col">{{ t.owner }}</th><th scope="col">{{ t.due }}</th><th scope="col">{{ t.reason }} / {{ t.fix }}</th></tr></thead><tbody>
{% for q in s.requirements %}
<tr><td data-label="{{ t.item }}"><code>{{ q.item }}</code> {{ q.label|t }}{% if not q.required %} <span class="muted">({{ t.advice }})</span>{% endif %}</td>
<td data-label="{{ t.state }}" class="st-{{ q.state|replace(' ', '-') }}">{{ t[q.state] }}{% if q.regression %} – {{ t.regression }}{% endif %}</td>
<td data-label="{{ t.owner }}">{{ q.owner }}</td>
<td data-label="{{ t.due }}">{{ day(q.due) }}</td>
<td data-label="{{ t.reason }}">{{ q.reason|t }}{% if q.fix %}<br><code>{{ q.fix|t }}</code>{% endif %}</td></tr>
{% endfor %}
</tbody></table>
</section>
{% endfor %}
<h2 id="workflow">{{ t.workflow }}</h2>
<figure>{{ svg|safe }}</figure>
<h2 id="policy">{{ t.policy }}</h2>
<table class="items"><thead><tr><th scope="col">{{ t.rule }}</th><th scope="col">{{ t.verdict }}</th><th scope="col">{{ t.item }}</th></tr></thead><tbody>
{% for v in p.policy %}
<tr><td data-label="{{ t.rule }}"><strong>{{ v.rule }}</strong> {{ v.text|t }}</td>
<td data-label="{{ t.verdict }}" class="st-{{ v.state|replace(' ', '-') }}">{{ t[v.state] }}</td>
<td data-label="{{ t.item }}">{% for i in v.item_ids %}<code>{{ i }}</code> {% endfor %}</td></tr>
{% endfor %}
</tbody></table>
<h2 id="outputs">{{ t.outputs }}</h2>
{% if p.outputs %}<ul>{% for href, name in p.outputs %}<li><a href="{{ href }}">{{ name|t }}</a></li>{% endfor %}</ul>
{% else %}<p>{{ t.no_outputs.format(id=r.id) }}</p>{% endif %}
<h2 id="history">{{ t.history }}</h2>
<table class="items"><thead><tr><th scope="col">{{ t.when }}</th><th scope="col">{{ t.who }}</th><th scope="col">{{ t.action }}</th><th scope="col">{{ t.details }}</th></tr></thead><tbody>
{% for h in p.history %}
<tr><td data-label="{{ t.when }}">{{ h.get('at', '')|string|t }}</td><td data-label="{{ t.who }}">{{ h.get('by', '')|string|t }}</td>
<td data-label="{{ t.action }}">{{ h.get('action', '')|string|t }}</td><td data-label="{{ t.details }}">{{ h|history_details|t }}</td></tr>
{% endfor %}
</tbody></table>
{% if p.history_more > 0 %}<p class="muted">+{{ p.history_more }} {{ t.history_more.format(id=r.id) }}</p>{% endif %}
{% endblock %}
"""

# The rows of the overview and of the next 30 days are many (one per event, one per item due):
# they are made by site.overview_rows and site.next30_rows, which write what these templates
# would (tests/test_dashboard.py renders both and compares).
OVERVIEW_ROWS = """{% for r in rows %}
<tr id="ev-{{ r.id }}" data-search="{{ (r.id ~ ' ' ~ r.title)|lower|t }}" data-orgs="{{ r.organisations|join('\n')|t }}" data-owners="{{ r.owners|join('\n') }}" data-region="{{ r.region|t }}" data-stage="{{ r.stage }}" data-id="{{ r.id }}" data-date="{{ r.date }}" data-org="{{ r.organisation|t }}" data-progress="{{ r.progress }}" data-overdue="{{ r.overdue }}" data-regressions="{{ r.regressions }}" data-next="{{ r.next.due if r.next else '9999' }}">
<td data-label="{{ t.event }}"><a href="events/{{ r.href }}"><bdi>{{ r.title|t }}</bdi></a><br><code>{{ r.id }}</code></td>
<td data-label="{{ t.date }}">{{ day(r.date) }}</td>
<td data-label="{{ t.region }}"><bdi>{{ r.region|t }}</bdi></td>
<td data-label="{{ t.organisation }}"><bdi>{{ r.organisation|t }}</bdi></td>
<td data-label="{{ t.stage }}">{% if r.status == 'active' %}<span class="bar" role="img" aria-label="{{ r.stage_number }}/{{ r.stages }}"><span style="width:{{ (100 * r.stage_number / r.stages)|round|int }}%"></span></span> {{ r.stage_number }}/{{ r.stages }} {{ r.stage_label }} <span class="muted">({{ r.done_in_stage }}/{{ r.items_in_stage }})</span>{% else %}{{ t[r.status] }}{% endif %}</td>
<td data-label="{{ t.overdue }}" class="num{% if r.overdue %} warn{% endif %}">{{ r.overdue }}</td>
<td data-label="{{ t.regressions }}" class="num{% if r.regressions %} warn{% endif %}">{{ r.regressions }}</td>
<td data-label="{{ t.next_due }}">{% if r.next %}{{ day(r.next.due) }} <code>{{ r.next.item }}</code> <span class="muted">{{ r.next.owner }}</span>{% else %}–{% endif %}</td>
</tr>
{% endfor %}
"""

NEXT30_ROWS = """{% for i in items %}
<tr><td data-label="{{ t.due }}">{{ day(i.due) }}{% if i.overdue %} <span class="warn">{{ t.overdue }}</span>{% endif %}</td>
<td data-label="{{ t.event }}"><a href="events/{{ i.href }}"><code>{{ i.event }}</code></a></td>
<td data-label="{{ t.item }}"><code>{{ i.item }}</code> {{ i.label|t }}</td>
<td data-label="{{ t.state }}">{{ t.required if i.required else t.advice }}</td></tr>
{% endfor %}
"""

TEMPLATES = {"base": BASE, "overview": PAGER + OVERVIEW, "next30": NEXT30,
             "workflow": WORKFLOW, "event": EVENT, "overview_rows": OVERVIEW_ROWS,
             "next30_rows": NEXT30_ROWS}
