"""Write the dashboard: a static, offline site of every event of a planning folder.

    DIR/index.html              overview of every event (paged by PAGE_SIZE events)
    DIR/overview-N.html         further overview pages, when there are more events
    DIR/next30.html             what falls due in the next 30 days, grouped by owner
    DIR/workflow.html           the workflows, drawn as SVG
    DIR/events/<id>.html        one page per event
    DIR/.eventflow-dashboard.json   the marker: this folder is a dashboard (and its cache)

An event's page is made again only when something it shows may have changed (:mod:`.keys`);
the pages made are put in place so that a failed or killed run leaves a working site, the
previous or the new one page by page (:mod:`.folder`). The HTML is written by :mod:`.render`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import data
from .folder import (
    FORMAT,
    GENERATOR,
    MARKER,
    SiteWriter,
    check_target,
    page_name,
    read_marker,
    write_file,
)
from .keys import context_key, event_key, is_fresh
from .render import (
    PAGE_SIZE,
    environment,
    history_details,
    next30_rows,
    now,
    overview_rows,
    site_pages,
    visible,
    wrap,
)
from .svg import workflow_svg
from .texts import texts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..engine import Engine

__all__ = ["FORMAT", "MARKER", "PAGE_SIZE", "build", "check_target", "environment",
           "history_details", "next30_rows", "overview_rows", "texts", "visible", "wrap"]

HORIZON_DAYS = 30
_site_pages = site_pages  # (a name of this module: a test makes it fail)


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
                            today=today.isoformat(), generated=now())
    return write_file(path, html)


class _Pages:
    """The event pages of one build: each kept from the previous site or made again."""

    def __init__(self, engine: Engine, writer: SiteWriter, env: Any, target: Path,
                 today: dt.date, lang: str, cached: dict[str, Any], written_ns: int) -> None:
        self.engine, self.writer, self.target = engine, writer, target
        self.today, self.lang = today, lang
        self.cached, self.written_ns = cached, written_ns
        self.env = env
        self.svgs: dict[tuple[str, str], str] = {}
        self.rules: dict[str, Any] | None = None
        self.event_tpl: Any = None
        self.stats = {"events": 0, "rendered": 0, "kept": 0, "bytes": 0, "files": 0}

    def all_kept(self, keys: dict[str, list[Any]]) -> bool:
        """Whether every page of the previous site is kept as it is (``keys``: each event's
        :func:`.keys.event_key`), with no event added or gone."""
        cached, fresh, has = self.cached, self.written_ns, self.writer.has_page
        return len(keys) == len(cached) and all(
            is_fresh(cached.get(event_id), key, fresh) and has(page_name(event_id))
            for event_id, key in keys.items())

    def page(self, event_id: str, key: list[Any], row: dict[str, Any]) -> dict[str, Any]:
        """Keep or make ``event_id``'s page (``key``: its :func:`.keys.event_key`); what the
        marker remembers of it."""
        name = page_name(event_id)
        old: Any = self.cached.get(event_id)
        if is_fresh(old, key, self.written_ns) and self.writer.has_page(name):
            self.stats["kept"] += 1
            size = int(old["size"])
        else:
            if self.rules is None:  # only when a page is made (compiling its template: 0.17 s)
                # lazy: the policy catalogue costs 5.5 ms (-X importtime, best of 7) after the
                # engine and this package; a site whose pages are all kept never loads it
                from ..policy.catalogue import load_rules

                self.rules = {r.id: r for r in load_rules()}
                self.event_tpl = self.env.get_template("event")
            size = _render_page(self.engine, event_id, row, self.rules, self.svgs,
                                self.event_tpl, self.writer.page_path(event_id), self.target,
                                self.today, self.lang)
            self.stats["rendered"] += 1
        self.stats["bytes"] += size
        row["href"] = name
        return {"key": key, "size": size}


def build(engine: Engine, target: Path, today: dt.date, lang: str | None = None,
          force: bool = False) -> dict[str, Any]:
    """Write the site for every event of ``engine``'s folder into ``target``; return counts
    (``events``, ``rendered``, ``kept``, ``bytes``, ``files``).

    The overview and the next 30 days are made from the status index (its derived verdict
    data, :func:`eventflow.index.entries`: only events changed since are judged again); an
    event's page is made again only when its inputs changed (:func:`.keys.event_key`, the
    day and :func:`.keys.context_key`), else the previous page is kept as it is.

    Raises :class:`~eventflow.errors.InvalidInput` when ``target`` may not be written
    (:func:`.folder.check_target`); nothing is written then."""
    # lazy: the status index's summaries (index.refresh) cost 3 ms (-X importtime, best of 7)
    # after the engine and this package; `policy report` imports this module and builds no site
    from ..index import entries as index_entries

    lang = lang or engine.lang
    target = Path(target)
    ours = check_target(target, force)
    started = time.time_ns()
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    env = environment(lang)
    context = context_key(engine, target, today, lang)
    marker = read_marker(target) if ours else {}
    cached: dict[str, Any] = (marker.get("events") or {}) \
        if context is not None and marker.get("context") == context else {}
    try:
        with _collector_paused():
            found = index_entries(engine, today)
        writer = SiteWriter(target, ours, marker)
        pages = _Pages(engine, writer, env, target, today, lang, cached,
                       int(marker.get("written_ns", 0) or 0))
        try:
            keys = {entry.id: event_key(engine, entry.id) for entry in found}
            overviews = max(1, -(-len(found) // PAGE_SIZE))
            stats = pages.stats
            stats.update(events=len(found), files=len(found) + 2 + overviews)
            if context is not None and marker.get("context") == context \
                    and pages.all_kept(keys) and writer.site_pages_kept(overviews):
                # nothing that any page shows has changed: the site stays as it was
                stats.update(kept=len(found), bytes=writer.site_bytes(cached))
                writer.abort()
                return stats
            rows, kept = _rows(engine, found, keys, pages, today, horizon, lang)
            stats["bytes"] += _site_pages(engine, env, writer, rows, today, horizon, lang)
            writer.commit({"format": FORMAT, "generator": GENERATOR, "context": context,
                           "written_ns": started, "overview_pages": overviews,
                           "events": kept if context is not None else
                           {k: None for k in kept}})
        except BaseException:
            writer.abort()
            raise
    finally:
        gc.unfreeze()
    return stats


def _rows(engine: Engine, found: list[Any], keys: dict[str, list[Any]], pages: _Pages,
          today: dt.date, horizon: dt.date, lang: str
          ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The overview's rows of the indexed events ``found`` (each page kept or made on the
    way; ``keys``: their :func:`.keys.event_key`), and what the marker remembers of each
    page."""
    labels = _labels(engine, found, lang)
    rows: list[dict[str, Any]] = []
    kept: dict[str, Any] = {}
    stage_labels: dict[tuple[str, str], str] = {}
    for entry in found:
        pin = entry.field("pin")
        row = data.index_row(entry, today, horizon, labels.get(pin[2]))
        label_key = (pin[2], row["stage"])
        if label_key not in stage_labels:
            stage_labels[label_key] = _stage_label(engine, entry, row, lang)
        row["stage_label"] = stage_labels[label_key]
        kept[entry.id] = pages.page(entry.id, keys[entry.id], row)
        rows.append(row)
    return rows, kept


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the index is read, then set what was read aside
    from later collections (it lives to the end of the build): its 10,000 entries are some
    400,000 lists, and the collector walking them again and again as they are made took half
    of reading them (0.4 of 0.8 s, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _pinned(engine: Engine, entry: Any) -> Any:
    """The workflow an indexed event follows, as :meth:`Engine.workflow_for` finds it."""
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


def _href(path: Path, target: Path) -> str:
    """A link from a page in ``target/events/`` to ``path``: relative (the site and the
    planning folder can move together), else a file: URL."""
    try:
        rel = os.path.relpath(path, target.resolve() / "events")
    except ValueError:  # another drive
        return path.resolve().as_uri()
    return quote(rel.replace(os.sep, "/"))
