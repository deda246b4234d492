"""The dashboard's pages as HTML: the Jinja2 environment of its templates, the many rows of
the overview and of the next 30 days written directly (the templates cost about 50 times as
much for thousands of rows), and the site's pages besides the events' own."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

from ..errors import EventflowError
from ..i18n import _
from .folder import overview_name
from .svg import workflow_svg
from .templates import SCRIPT, STYLE, TEMPLATES
from .texts import date_formatter, texts

if TYPE_CHECKING:
    from ..engine import Engine
    from .folder import SiteWriter

PAGE_SIZE = 1000
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                       "\u2066-\u2069\ufeff]")
_HISTORY_KEYS = {"rev", "at", "by", "action", "change_id"}


def visible(value: Any) -> str:
    """Text with control and direction-changing characters shown as ``\\u202e``: a hostile
    title cannot reorder the page around it or hide part of itself."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Obj(dict):  # type: ignore[type-arg]
    """A dict the templates read as ``x.name`` without Jinja's exception-driven fallback from
    attribute to item (the costliest part of rendering thousands of rows)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def wrap(value: Any) -> Any:
    """``value`` with every dict in it an :class:`Obj`."""
    if isinstance(value, dict):
        return Obj((k, wrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return [wrap(v) for v in value]
    return value


def history_details(entry: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in entry.items() if k not in _HISTORY_KEYS)


def environment(lang: str) -> Any:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined)
    env.filters["t"] = visible
    env.filters["history_details"] = history_details
    env.globals.update(t=Obj(texts(lang)), day=date_formatter(lang), style=STYLE, script=SCRIPT,
                       lang=lang)
    return env


def now() -> str:
    """When the pages were made, as they say it (local time, to the minute)."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


_ESCAPED: dict[str, str] = {}


def _escape(value: Any) -> str:
    """``str(markupsafe.escape(value))`` for text and numbers, remembered for short texts
    (regions, organisations, owners and dates repeat across thousands of rows)."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    found = _ESCAPED.get(text)
    if found is None:
        found = (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
                 .replace("'", "&#39;").replace('"', "&#34;"))
        if len(text) < 64 and len(_ESCAPED) < 100_000:
            _ESCAPED[text] = found
    return found


def _shown(value: Any) -> str:
    """The ``|t`` filter's text: control characters shown (:func:`visible`), then escaped;
    remembered for short texts as :func:`_escape` is."""
    text = "" if value is None else str(value)
    found = _SHOWN.get(text)
    if found is None:
        found = _escape(visible(text))
        if len(text) < 64 and len(_SHOWN) < 100_000:
            _SHOWN[text] = found
    return found


_SHOWN: dict[str, str] = {}


def overview_rows(rows: list[dict[str, Any]], t: dict[str, str], day: Any) -> str:
    """The overview's table rows, exactly as the template ``overview_rows`` writes them (the
    template costs about 50 times as much for thousands of rows)."""
    e, v = _escape, _shown
    labels = {k: e(t[k]) for k in ("event", "date", "region", "organisation", "stage",
                                    "overdue", "regressions", "next_due")}
    out = []
    for r in rows:
        nxt = r["next"]
        if r["status"] == "active":
            width = int(round(100 * r["stage_number"] / r["stages"]))
            stage = (f'<span class="bar" role="img" aria-label="{r["stage_number"]}/'
                     f'{r["stages"]}"><span style="width:{width}%"></span></span> '
                     f'{r["stage_number"]}/{r["stages"]} {e(r["stage_label"])} <span '
                     f'class="muted">({r["done_in_stage"]}/{r["items_in_stage"]})</span>')
        else:
            stage = e(t[r["status"]])
        event_id, region, org = e(r["id"]), v(r["region"]), v(r["organisation"])
        overdue, regressions = e(r["overdue"]), e(r["regressions"])
        out.append(
            f'<tr id="ev-{event_id}" data-search="{v(str(r["id"] + " " + r["title"]).lower())}"'
            f' data-orgs="{v(chr(10).join(r["organisations"]))}"'
            f' data-owners="{e(chr(10).join(r["owners"]))}" data-region="{region}"'
            f' data-stage="{e(r["stage"])}" data-id="{event_id}" data-date="{e(r["date"])}"'
            f' data-org="{org}" data-progress="{e(r["progress"])}"'
            f' data-overdue="{overdue}" data-regressions="{regressions}"'
            f' data-next="{e(nxt["due"]) if nxt else "9999"}">\n'
            f'<td data-label="{labels["event"]}"><a href="events/{e(r["href"])}"><bdi>'
            f'{v(r["title"])}</bdi></a><br><code>{event_id}</code></td>\n'
            f'<td data-label="{labels["date"]}">{e(day(r["date"]))}</td>\n'
            f'<td data-label="{labels["region"]}"><bdi>{region}</bdi></td>\n'
            f'<td data-label="{labels["organisation"]}"><bdi>{org}</bdi></td>\n'
            f'<td data-label="{labels["stage"]}">{stage}</td>\n'
            f'<td data-label="{labels["overdue"]}" class="num'
            f'{" warn" if r["overdue"] else ""}">{overdue}</td>\n'
            f'<td data-label="{labels["regressions"]}" class="num'
            f'{" warn" if r["regressions"] else ""}">{regressions}</td>\n'
            f'<td data-label="{labels["next_due"]}">'
            + (f'{e(day(nxt["due"]))} <code>{e(nxt["item"])}</code> <span class="muted">'
               f'{e(nxt["owner"])}</span>' if nxt else "–")
            + "</td>\n</tr>\n")
    return "".join(out)


def next30_rows(items: list[dict[str, Any]], t: dict[str, str], day: Any) -> str:
    """One owner's rows of the next 30 days, exactly as the template ``next30_rows`` writes
    them."""
    e = _escape
    due, event, item, state = (e(t[k]) for k in ("due", "event", "item", "state"))
    late = f' <span class="warn">{e(t["overdue"])}</span>'
    required, advice = e(t["required"]), e(t["advice"])
    return "".join(
        f'<tr><td data-label="{due}">{e(day(i["due"]))}{late if i["overdue"] else ""}</td>\n'
        f'<td data-label="{event}"><a href="events/{e(i["href"])}"><code>{e(i["event"])}'
        f'</code></a></td>\n'
        f'<td data-label="{item}"><code>{e(i["item"])}</code> '
        f'{_shown(i["label"])}</td>\n'
        f'<td data-label="{state}">{required if i["required"] else advice}</td></tr>\n'
        for i in items)


def site_pages(engine: Engine, env: Any, writer: SiteWriter, rows: list[dict[str, Any]],
               today: dt.date, horizon: dt.date, lang: str) -> int:
    """Write the overview pages, the next 30 days and the workflows with ``writer``; the
    bytes written. ``rows``: the events' overview rows (:func:`data.index_row`, with
    ``stage_label`` and ``href``)."""
    size = 0
    common = {"today": today.isoformat(), "generated": now(), "root": ""}
    by_status: dict[str, int] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
        r["progress"] = (r["stage_number"] * 100 + r["done_in_stage"]
                         if r["status"] == "active" else 99999 if r["status"] == "done" else -1)
    totals = {"events": len(rows), "overdue": sum(r["overdue"] for r in rows),
              "regressions": sum(r["regressions"] for r in rows),
              "by_status": sorted(by_status.items())}
    t = texts(lang)
    filters = [
        ("f-org", t["organisation"], sorted({o for r in rows for o in r["organisations"]})),
        ("f-owner", t["owner"], sorted({o for r in rows for o in r["owners"]})),
        ("f-region", t["region"], sorted({r["region"] for r in rows})),
        ("f-stage", t["stage"], list(dict.fromkeys(
            [s for r in sorted(rows, key=lambda r: r["progress"]) for s in [r["stage"]]]))),
    ]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    overview = env.get_template("overview")
    day = env.globals["day"]
    for n in range(1, pages + 1):
        chunk = rows[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
        html = overview.render(rows=chunk, rows_html=Markup(overview_rows(chunk, t, day)),
                               totals=totals, filters=filters, page=n, pages=pages,
                               page_href=overview_name, **common)
        size += writer.write(overview_name(n), html)
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        for item in r["upcoming"]:
            groups.setdefault(item["owner"] or "-", []).append({**item, "href": r["href"]})
    ordered = [(owner, Obj(length=len(items), html=Markup(next30_rows(
        sorted(items, key=lambda i: (i["due"], i["event"], i["item"])), t, day))))
               for owner, items in sorted(groups.items())]
    size += writer.write("next30.html", env.get_template("next30").render(
        groups=ordered, horizon=horizon.isoformat(), **common))
    workflows: list[dict[str, str]] = []
    seen = set()
    for wf_id in sorted(engine.workflow_files):
        try:
            wf = engine.workflow(wf_id)
        except EventflowError as exc:  # drawn for none of its events either; say why
            engine.warnings.append(_("workflow '{workflow}' is not drawn: {error}").format(
                workflow=wf_id, error=exc))
            continue
        if wf.hash in seen:
            continue
        seen.add(wf.hash)
        workflows.append({"id": wf.id, "version": wf.version,
                          "title": wf.title.get(lang) or wf.title.get("en") or wf.id,
                          "svg": workflow_svg(wf, lang, None, f"workflow-{len(workflows)}")})
    size += writer.write("workflow.html", env.get_template("workflow").render(
        workflows=workflows, **common))
    return size


