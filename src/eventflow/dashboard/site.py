"""Write the dashboard: a static, offline site of every event of a planning folder.

    DIR/index.html              overview of every event (paged by PAGE_SIZE events)
    DIR/overview-N.html         further overview pages, when there are more events
    DIR/next30.html             what falls due in the next 30 days, grouped by owner
    DIR/workflow.html           the workflows, drawn as SVG
    DIR/events/<id>.html        one page per event
    DIR/.eventflow-dashboard.json   the marker: this folder is a dashboard (and its cache)

The site is built in a new folder beside DIR and then put in DIR's place, so a failed run
leaves the previous site as it was. An event's page is made again only when something it shows
may have changed: its files (event, history, outputs), the day, the language, the workflows,
eventflow's code or the folder's settings; otherwise the previous page is kept (hard-linked).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup

from ..errors import EventflowError, InvalidInput
from ..i18n import _
from ..names import EVENTS_DIR
from . import data
from .svg import workflow_svg
from .templates import SCRIPT, STYLE, TEMPLATES
from .texts import date_formatter, texts

if TYPE_CHECKING:
    from ..engine import Engine

MARKER = ".eventflow-dashboard.json"
FORMAT = 1
PAGE_SIZE = 1000
HORIZON_DAYS = 30
RACY_NS = 2_000_000_000
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
    from jinja2 import DictLoader, Environment, StrictUndefined

    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined)
    env.filters["t"] = visible
    env.filters["history_details"] = history_details
    env.globals.update(t=Obj(texts(lang)), day=date_formatter(lang), style=STYLE, script=SCRIPT,
                       lang=lang)
    return env


def page_name(event_id: str) -> str:
    return quote(event_id, safe="") + ".html"


def overview_name(n: int) -> str:
    return "index.html" if n == 1 else f"overview-{n}.html"


# the target folder ------------------------------------------------------------------------------
def check_target(target: Path, force: bool) -> bool:
    """Whether ``target`` may be written; True if it holds a previous dashboard (or nothing)."""
    if target.exists() and not target.is_dir():
        raise InvalidInput(_("{target} is a file; give a folder for the dashboard").format(
            target=target))
    if not target.is_dir():
        return True
    if (target / MARKER).is_file():
        return True
    others = sorted(p.name for p in target.iterdir())
    if not others:
        return True
    if force:
        return False
    shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
    raise InvalidInput(_("{target} already holds other files ({shown}) and is not a previous "
                         "dashboard (it has no {marker}); choose an empty or new folder, or "
                         "add --force to write the dashboard into it anyway").format(
                             target=target, shown=shown, marker=MARKER))


def _code_key() -> list[Any]:
    """eventflow's own code: a changed module (an upgrade, a development edit) starts afresh."""
    from .. import __version__

    package = Path(__file__).resolve().parent.parent
    keys: list[Any] = [__version__]
    for folder in (package, package / "dashboard"):
        with os.scandir(folder) as entries:
            for e in sorted(entries, key=lambda e: e.name):
                if e.name.endswith(".py"):
                    st = e.stat()
                    keys.append([e.name, st.st_size, st.st_mtime_ns])
    return keys


def context_key(engine: Engine, target: Path, today: dt.date, lang: str) -> list[Any] | None:
    """What every page depends on besides its event's own files; None: do not keep a cache
    (a third-party plugin is active: its checks may read anything)."""
    from ..cachekeys import folder_context, stat_key

    if engine.project.settings.active_plugins:
        return None
    folder = folder_context(engine.project.root)
    if folder is None:
        return None
    workflows = sorted([str(p), *stat_key(str(p))] for p in engine.workflow_files.values())
    pinned = engine.project.events_dir / ".workflows"
    return [FORMAT, folder, _code_key(), today.isoformat(), lang, str(target.resolve()),
            workflows, stat_key(str(pinned))]


def event_key(engine: Engine, event_id: str) -> list[Any]:
    from ..cachekeys import stat_key

    folder = f"{engine.project.root}/{EVENTS_DIR}/{event_id}"  # (no Path: 10,000 of them)
    key = [stat_key(os.path.join(folder, "event.toml")),
           stat_key(os.path.join(folder, "history.jsonl"))]
    outputs = os.path.join(folder, "outputs")
    key.append(stat_key(outputs))
    if key[-1][0] >= 0:
        for top, dirs, _files in os.walk(outputs):
            dirs.sort()
            key.extend(stat_key(os.path.join(top, d)) for d in dirs)
    return key


def _read_marker(target: Path) -> dict[str, Any]:
    try:
        found = json.loads((target / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


# building ---------------------------------------------------------------------------------------
def _staging(target: Path) -> Path:
    """A new folder beside ``target`` to write the site into before it takes its place."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)  # as a folder made with mkdir (mkdtemp makes it private)
    return staging


def _render_page(engine: Engine, event_id: str, row: dict[str, Any], rules: dict[str, Any],
                 svgs: dict[tuple[str, str], str], event_tpl: Any, path: Path, target: Path,
                 today: dt.date, lang: str) -> int:
    """Judge one event and write its page to ``path``; the bytes written. ``svgs`` keeps the
    workflow drawings made so far (one per workflow and current stage)."""
    event = engine.project.load(event_id)
    verdict = data.judgement(engine, event, today, lang)
    workflow = engine.workflow_for(event)
    page = data.event_page(engine, event, verdict, rules, lang)
    page["outputs"] = [(_href(engine.project.event_dir(event_id) / rel, target), rel)
                       for rel in page["outputs"]]
    svg_key = (workflow.hash, row["stage"])
    if svg_key not in svgs:
        svgs[svg_key] = workflow_svg(workflow, lang, row["stage"], "diagram")
    html = event_tpl.render(r=wrap(row), p=wrap(page), svg=svgs[svg_key], root="../",
                            today=today.isoformat(), generated=_now())
    return _write(path, html)


def build(engine: Engine, target: Path, today: dt.date, lang: str | None = None,
          force: bool = False) -> dict[str, Any]:
    """Write the site for every event of ``engine``'s folder into ``target``; return counts.

    The overview and the next 30 days are made from the status index (its derived verdict
    data, :func:`eventflow.index.entries`: only events changed since are judged again); an
    event's page is made again only when its inputs changed (:func:`event_key`, the day and
    :func:`context_key`), else the previous page is kept."""
    from ..index import entries as index_entries
    from ..policy.catalogue import load_rules

    lang = lang or engine.lang
    target = Path(target)
    ours = check_target(target, force)
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    env = environment(lang)
    context = context_key(engine, target, today, lang)
    marker = _read_marker(target) if ours else {}
    cached: dict[str, Any] = (marker.get("events") or {}) \
        if context is not None and marker.get("context") == context else {}
    written_at = int(marker.get("written_ns", 0))
    found = index_entries(engine, today)
    labels = _labels(engine, found, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _staging(target)
    stats = {"events": 0, "rendered": 0, "kept": 0, "bytes": 0, "files": 0}
    try:
        (staging / "events").mkdir()
        old_pages, new_pages = f"{target}/events", f"{staging}/events"
        rows: list[dict[str, Any]] = []
        keys: dict[str, Any] = {}
        svgs: dict[tuple[str, str], str] = {}
        stage_labels: dict[tuple[str, str], str] = {}
        rules: dict[str, Any] | None = None
        event_tpl = env.get_template("event")
        for entry in found:
            event_id = entry.id
            row = data.index_row(entry, today, horizon, labels.get(entry.field("pin")[2]))
            pin = entry.field("pin")
            label_key = (pin[2], row["stage"])
            if label_key not in stage_labels:
                stage_labels[label_key] = _stage_label(engine, entry, row, lang)
            row["stage_label"] = stage_labels[label_key]
            key = event_key(engine, event_id)
            name = page_name(event_id)
            old = cached.get(event_id)
            fresh = (old is not None and old.get("key") == key
                     and isinstance(old.get("size"), int)
                     and max(k[1] for k in key) < written_at - RACY_NS)
            if old is not None and fresh and _keep(f"{old_pages}/{name}",
                                                   f"{new_pages}/{name}"):
                stats["kept"] += 1
                size = old["size"]
                stats["bytes"] += size
            else:
                if rules is None:
                    rules = {r.id: r for r in load_rules()}
                size = _render_page(engine, event_id, row, rules, svgs, event_tpl,
                                    staging / "events" / name, target, today, lang)
                stats["bytes"] += size
                stats["rendered"] += 1
            row["href"] = name
            rows.append(row)
            keys[event_id] = {"key": key, "size": size}
        stats["events"] = len(rows)
        stats["bytes"] += _site_pages(engine, env, staging, rows, today, horizon, lang)
        stats["files"] = len(rows) + 3 + max(0, (len(rows) - 1) // PAGE_SIZE)
        started = time.time_ns()
        marker_data = {"format": FORMAT, "generator": "eventflow dashboard",
                       "context": context, "written_ns": started,
                       "events": keys if context is not None else {}}
        _write(staging / MARKER, json.dumps(marker_data, ensure_ascii=False,
                                            separators=(",", ":")))
        _put_in_place(staging, target, ours)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return stats


def _pinned(engine: Engine, entry: Any) -> Any:
    """The workflow an indexed event follows, as :meth:`Engine.workflow_for` finds it."""
    from types import SimpleNamespace

    wf_id, version, pin_hash = entry.field("pin")
    return engine.workflow_for(SimpleNamespace(  # type: ignore[arg-type]
        id=entry.id, workflow=SimpleNamespace(id=wf_id, version=version, hash=pin_hash)))


def _labels(engine: Engine, found: list[Any], lang: str) -> dict[str, dict[str, str]]:
    """Item labels in ``lang`` per workflow hash, when ``lang`` is not the folder's language
    (the index keeps them in that one)."""
    if lang == engine.lang:
        return {}
    labels: dict[str, dict[str, str]] = {}
    for entry in found:
        pin_hash = entry.field("pin")[2]
        if pin_hash not in labels and entry.open_items():
            labels[pin_hash] = {i.id: i.text(lang) for i in _pinned(engine, entry).items()}
    return labels


def _stage_label(engine: Engine, entry: Any, row: dict[str, Any], lang: str) -> str:
    workflow = _pinned(engine, entry)
    return (workflow.stage(row["stage"]).text(lang) if row["stage"] in workflow.stage_ids
            else texts(lang)[row["status"]])


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def _keep(old: str, new: str) -> bool:
    try:
        os.link(old, new)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copy2(old, new)
        except OSError:
            return False
    return True


def _write(path: Path, text: str) -> int:
    raw = text.encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(raw)
    return len(raw)


def _href(path: Path, target: Path) -> str:
    """A link from a page in ``target/events/`` to ``path``: relative (the site and the
    planning folder can move together), else a file: URL."""
    try:
        rel = os.path.relpath(path, target.resolve() / "events")
    except ValueError:  # another drive
        return path.resolve().as_uri()
    return quote(rel.replace(os.sep, "/"))


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


def overview_rows(rows: list[dict[str, Any]], t: dict[str, str], day: Any) -> str:
    """The overview's table rows, exactly as the template ``overview_rows`` writes them (the
    template costs about 50 times as much for thousands of rows)."""
    e = _escape

    def v(value: Any) -> str:  # the |t filter: control characters shown, then escaped
        return _escape(visible(value))

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
        out.append(
            f'<tr id="ev-{e(r["id"])}" data-search="{v(str(r["id"] + " " + r["title"]).lower())}"'
            f' data-orgs="{v(chr(10).join(r["organisations"]))}"'
            f' data-owners="{e(chr(10).join(r["owners"]))}" data-region="{v(r["region"])}"'
            f' data-stage="{e(r["stage"])}" data-id="{e(r["id"])}" data-date="{e(r["date"])}"'
            f' data-org="{v(r["organisation"])}" data-progress="{e(r["progress"])}"'
            f' data-overdue="{e(r["overdue"])}" data-regressions="{e(r["regressions"])}"'
            f' data-next="{e(nxt["due"]) if nxt else "9999"}">\n'
            f'<td data-label="{labels["event"]}"><a href="events/{e(r["href"])}"><bdi>'
            f'{v(r["title"])}</bdi></a><br><code>{e(r["id"])}</code></td>\n'
            f'<td data-label="{labels["date"]}">{e(day(r["date"]))}</td>\n'
            f'<td data-label="{labels["region"]}"><bdi>{v(r["region"])}</bdi></td>\n'
            f'<td data-label="{labels["organisation"]}"><bdi>{v(r["organisation"])}</bdi></td>\n'
            f'<td data-label="{labels["stage"]}">{stage}</td>\n'
            f'<td data-label="{labels["overdue"]}" class="num'
            f'{" warn" if r["overdue"] else ""}">{e(r["overdue"])}</td>\n'
            f'<td data-label="{labels["regressions"]}" class="num'
            f'{" warn" if r["regressions"] else ""}">{e(r["regressions"])}</td>\n'
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
        f'{e(visible(i["label"]))}</td>\n'
        f'<td data-label="{state}">{required if i["required"] else advice}</td></tr>\n'
        for i in items)


def _site_pages(engine: Engine, env: Any, staging: Path, rows: list[dict[str, Any]],
                today: dt.date, horizon: dt.date, lang: str) -> int:
    size = 0
    common = {"today": today.isoformat(), "generated": _now(), "root": ""}
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
        size += _write(staging / overview_name(n), html)
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        for item in r["upcoming"]:
            groups.setdefault(item["owner"] or "-", []).append({**item, "href": r["href"]})
    ordered = [(owner, Obj(length=len(items), html=Markup(next30_rows(
        sorted(items, key=lambda i: (i["due"], i["event"], i["item"])), t, day))))
               for owner, items in sorted(groups.items())]
    size += _write(staging / "next30.html", env.get_template("next30").render(
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
    size += _write(staging / "workflow.html", env.get_template("workflow").render(
        workflows=workflows, **common))
    return size


def _put_in_place(staging: Path, target: Path, ours: bool) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if ours:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.rename(target, old / "site")
        try:
            os.rename(staging, target)
        except OSError:
            os.rename(old / "site", target)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return
    # --force into a folder with other files: ours replace theirs, theirs stay
    for top, _dirs, files in os.walk(staging):
        rel = Path(top).relative_to(staging)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(Path(top) / name, target / rel / name)
    shutil.rmtree(staging, ignore_errors=True)
