"""The one style and ``<head>`` of eventflow's HTML pages (the dashboard's and the policy
report's): the colours, the layout for screen, phone and A4 print, and the head's meta tags
(no network: the Content-Security-Policy allows nothing from outside)."""

from __future__ import annotations

# Colours: every text colour against its background has a contrast of at least 4.5:1 (WCAG 2.1
# AA); tests/test_dashboard.py computes them from PALETTE.
PALETTE = {
    "ink": "#1a1a1a", "paper": "#ffffff", "muted": "#4a4a4a", "link": "#0b5394",
    "kept": "#176f2c", "broken": "#b00020", "not-yet-due": "#4a4a4a", "waived": "#5b3f8c",
    "advice-not-followed": "#8a4500", "head": "#eef1f5", "bar": "#0b5394",
}
PAIRS = [("ink", "paper"), ("muted", "paper"), ("link", "paper"), ("kept", "paper"),
         ("broken", "paper"), ("not-yet-due", "paper"), ("waived", "paper"),
         ("advice-not-followed", "paper"), ("ink", "head"), ("link", "head"),
         ("muted", "head")]

STYLE = """
:root{color-scheme:light}
*{box-sizing:border-box}[hidden]{display:none!important}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1a1a1a;
background:#fff;line-height:1.45}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;
z-index:9}
header.site{background:#eef1f5;border-bottom:1px solid #c5ccd6;padding:.6rem 1rem}
header.site nav a{margin-right:1rem}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #c5ccd6}h3{font-size:1.05rem}
a{color:#0b5394}
a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #b35c00;
outline-offset:2px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #dde2e8;
 overflow-wrap:anywhere}
thead th{background:#eef1f5}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;
color:#1a1a1a;text-align:left}
.num{text-align:right}
.muted{color:#4a4a4a}
.bar{display:inline-block;width:6rem;height:.7rem;border:1px solid #44546a;vertical-align:middle;
background:#fff}
.bar span{display:block;height:100%;background:#0b5394}
.st-kept{color:#176f2c}.st-broken{color:#b00020;font-weight:bold}
.st-not-yet-due{color:#4a4a4a}.st-waived{color:#5b3f8c}
.st-advice-not-followed{color:#8a4500}
.warn{color:#b00020;font-weight:bold}
.counts{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}
.counts li{border:1px solid #c5ccd6;border-radius:.4rem;padding:.4rem .8rem}
.counts strong{font-size:1.3rem;display:block}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;margin:1rem 0}
.filters label{display:flex;flex-direction:column;font-size:.9rem}
.filters input,.filters select{font:inherit;padding:.2rem;min-width:10rem;border:1px solid #44546a}
code{font-size:.9em;word-break:break-all}
svg.workflow{max-width:100%;height:auto}
.pager a,.pager span{margin-right:.6rem}
@media (max-width:700px){
 main{padding:.5rem}
 table.overview thead{position:absolute;left:-9999px}
 table.overview tr{display:block;border-bottom:2px solid #c5ccd6;padding:.4rem 0}
 table.overview td{display:block;border:0;padding:.1rem .3rem}
 table.overview td::before{content:attr(data-label) ": ";font-weight:bold}
 table.items,table.items tbody,table.items tr,table.items td{display:block}
 table.items thead{position:absolute;left:-9999px}
 table.items td::before{content:attr(data-label) ": ";font-weight:bold}
 .filters input,.filters select{min-width:0;width:100%}
 .filters label{width:100%}
}
@media print{
 @page{size:A4;margin:15mm}
 body{font-size:10pt}
 header.site nav,.filters,.skip,.pager,.sort-hint{display:none}
 main{max-width:none;padding:0}
 a{color:#1a1a1a;text-decoration:none}
 tr,section.stage,figure{break-inside:avoid}
 h2{break-after:avoid}
 thead{display:table-header-group}
}
"""

# Content-Security-Policy: nothing from outside; a page with a script may run its own inline
CSP = "default-src 'none'; style-src 'unsafe-inline'"
CSP_SCRIPTS = "; script-src 'unsafe-inline'; img-src data:"

# ``head(generator, title, scripts=False, extra_style="")``: a page's ``<head>`` with STYLE
# (and ``extra_style``, a page's own rules) inline; ``scripts``: the page has an inline script.
# The templates that call it need ``style`` (STYLE) among their globals.
HEAD = ("""{% macro head(generator, title, scripts=False, extra_style="") %}<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content=\"""" + CSP
        + "{% if scripts %}" + CSP_SCRIPTS + """{% endif %}">
<meta name="generator" content="{{ generator }}">
<title>{{ title }}</title>
<style>{{ style|safe }}{{ extra_style|safe }}</style>
</head>{% endmacro %}""")
