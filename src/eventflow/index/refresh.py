"""Summaries made by the engine for the status index and the views of ``status EVENT``: one
event judged and rendered once for every day, many changed events in parallel, the caches
refreshed after."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .. import cachekeys
from ..cachekeys import (
    deps_unchanged,
    folder_context,
    make_cache_dir,
    stat_key,
    write_cache,
)
from ..errors import kept_warning
from ..i18n import _, configure, language, ngettext
from ..present import clean, day
from ..vocab import LANGUAGES
from .cachefile import (
    DAY_SAMPLES,
    VIEW_FORMAT,
    effective_plugins,
    file_key,
    index_deps,
    index_path,
    load_index,
    scan,
    view_path,
)
from .entry import LEFT, REGRESSION, TICKABLE, WHY, Entries, Entry, Key, day_key
from .listing import Listing, cached_listing, line_parts
from .savefile import save_index

if TYPE_CHECKING:
    from ..engine import Engine
    from ..event import Event

PARALLEL_MIN = 48


# summarising one event --------------------------------------------------------------------------
def summarize(engine: Engine, event: Event, key: Key | None = None, digest: str = "",
              day: dt.date | None = None, since: int | None = None) -> Entry:
    """Evaluate ``event`` once and keep what every later ``status`` needs, whatever the day.

    The entry keeps the warnings raised from position ``since`` of ``engine.warnings`` on
    (default: from now), so that what loading the file noticed is kept with it."""
    before = len(engine.warnings) if since is None else since
    # the verdict's day-dependent states are not kept: only what holds on any day, and the
    # due dates of the open items, from which each day's overdue count is made
    verdict = engine.judge(event, day or dt.date.today(), vetoes=False)
    summary = engine.summary_of(event, verdict)
    active = verdict.status == "active"
    dues = sorted(r.due.toordinal() for r in verdict.requirements
                  if active and not r.met and r.due is not None)
    open_items, table = _open_items(engine, event, verdict) if active else ([], [])
    nxt = summary["next_due"]
    stage = event.stage
    date = event.date.isoformat()
    next_item = nxt["item"] if nxt else ""
    next_due = nxt["due"] if nxt else ""
    done, items = summary["done_in_stage"], summary["items_in_stage"]
    progress = f"{done}/{items}" if active else ""
    number, stages = summary["stage_number"], summary["stages"]
    # the listing's dates in the interface language (Babel loads here, never on the fast path,
    # which prints the kept line); the details (JSON rows) keep them ISO
    lang = language()
    head, tail = line_parts(event.id, _day(date, lang), stage, number, stages, progress,
                            next_item, _day(next_due, lang) if next_due else "",
                            summary["regressions"])
    detail = [head, tail, dues, list(engine.warnings[before:]), event.revision, event.title,
              date, event.region, stage, number, stages, done, items, summary["blocking"],
              next_item, nxt["label"] if nxt else "", next_due, summary["regressions"],
              verdict.status, [event.workflow.id, event.workflow.version, event.workflow.hash],
              {role: list(people) for role, people in event.owners.items()}, event.host.name,
              [p.name for p in event.partners], open_items]
    entry = Entry(event.id, key, digest, "1", "0", 0, len(head), "", detail,
                  summary["regressions"])
    entry.table = table
    entry.settle(day or dt.date.today())
    return entry


def _open_items(engine: Engine, event: Event, verdict: Any
                ) -> tuple[list[list[Any]], list[list[Any]]]:
    """The derived verdict data of an active event's open requirements as kept (see
    :data:`eventflow.index.entry.LEFT`), and its workflow's items table."""
    order = verdict.stage_ids
    here = order.index(verdict.stage) if verdict.stage in order else len(order)
    lang = engine.lang
    found = []
    for number, r in enumerate(verdict.requirements):
        if r.met:
            continue
        item = r.item
        flags = ((LEFT if order.index(item.stage) < here else 0)
                 | (REGRESSION if r.regression else 0)
                 | (TICKABLE if engine.may_tick(item) else 0))
        fix = ("" if r.fix == f"eventflow check {event.id} {item.id}" else
               WHY if r.fix == f"eventflow why {event.id}" else r.fix.replace(event.id, "\0"))
        found.append([number, r.due.toordinal() if r.due is not None else None, flags, fix])

    # the table depends on the workflow alone (the index keeps it once per workflow hash):
    # made once per workflow and language, and shared, which also makes each worker's
    # results (pickled a chunk at a time) carry it once
    made = _TABLES.get((event.workflow.hash, lang))
    if made is not None and made[0] is engine:
        return found, made[1]
    table = []
    for r in verdict.requirements:
        label = r.item.text(lang)
        others = {other: text for other in LANGUAGES
                  if other != lang and (text := r.item.text(other)) != label}
        table.append([r.item.id, r.item.stage, r.item.owner, int(r.item.required), label,
                      others])
    _TABLES[(event.workflow.hash, lang)] = (engine, table)
    return found, table


#: (workflow hash, language) → (the engine that made it, the items table of that workflow)
_TABLES: dict[tuple[str, str], tuple[Any, list[list[Any]]]] = {}


_DAYS: dict[tuple[str, str], str] = {}


def _day(iso: str, lang: str) -> str:
    """The ISO date ``iso`` as the interface language ``lang`` writes it (remembered: many
    events share their dates)."""
    if lang == "en":
        return iso
    found = _DAYS.get((iso, lang))
    if found is None:
        found = _DAYS[(iso, lang)] = day(iso, lang)
    return found


def day_samples() -> dict[str, list[str]]:
    """:data:`DAY_SAMPLES` as each language writes them (:func:`eventflow.present.day`), kept
    in the index so that what reads it can write dates without loading Babel (``remind``:
    :func:`eventflow.commands_remind.day_writer`)."""
    return {lang: [_day(iso, lang) for iso in DAY_SAMPLES] for lang in LANGUAGES}


def _digest(raw: bytes) -> str:
    # lazy: hashlib costs 5 ms (-X importtime, best of 11, CPU time, after the CLI's warm
    # `status`, which imports this module and never digests); the engine does not load it
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _summarize_file(engine: Engine, event_id: str, key: Key, day: dt.date | None) -> Entry:
    before = len(engine.warnings)
    event, raw = engine.project.load_with_bytes(event_id)
    return summarize(engine, event, key, _digest(raw), day, before)



def status_listing(directory: str | None, today: dt.date, make_engine: Callable[[], Engine],
                   details: bool = False) -> Listing:
    """What ``eventflow status`` lists, and the warnings to show: from the index alone when
    nothing changed, else through the engine (which refreshes the index)."""
    quick = cached_listing(directory, today, details)
    if quick is not None:
        return quick
    engine = make_engine()
    found = entries(engine, today)
    warnings = list(dict.fromkeys(engine.warnings))
    engine.warnings.clear()
    return Listing(found, warnings)


def entries(engine: Engine, today: dt.date | None = None) -> list[Entry]:
    """A summary entry, with its details, for every event of the folder, sorted by id, fresh.

    Listing lines are made right for ``today`` (default: the real today) and kept so.
    """
    # The cyclic garbage collector is paused meanwhile: summaries hold no cycles, and taking
    # in many (read from the index, or pickled by the workers) made it walk every object kept
    # so far again and again. Unpickling 10,000 summaries took 0.82 s of CPU with it, 0.18 s
    # without; what the summaries are made of is freed as before, by reference counting.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _entries(engine, today)
    finally:
        if paused:
            gc.enable()


def _entries(engine: Engine, today: dt.date | None) -> list[Entry]:
    day = today or dt.date.today()
    if engine.given_plugins:  # a plugin manager made by the caller: nothing to key on
        return [summarize(engine, engine.project.load(i), day=day)
                for i in engine.project.event_ids()]
    root = engine.project.root
    path = index_path(root)
    context = folder_context(root)
    scanned, other = scan(engine.project.events_dir)
    index = load_index(path, {event_id: key for event_id, key, _ in scanned})
    if index is not None and (index.header["context"] != context
                              or not deps_unchanged(index.header["deps"])):
        index = None
    old = {e.id: e for e in index.entries} if index is not None else {}
    fresh: dict[str, Entry] = {}
    todo: list[tuple[str, Key]] = []
    folder = stat_key(str(engine.project.events_dir))
    changed = index is None or len(old) != len(scanned) or index.header["events"] != folder \
        or index.header["other"] != other or max(folder[1:]) >= index.mtime - cachekeys.RACY_NS
    racy_line = index.mtime - cachekeys.RACY_NS if index is not None else 0
    for event_id, key, newest in scanned:
        entry = old.get(event_id)
        if entry is None or entry.key != key:
            todo.append((event_id, key))
            continue
        if newest >= racy_line:  # changed too close to the index write to trust its stat
            try:
                raw = engine.project.event_path(event_id).read_bytes()
            except OSError:
                raw = b""
            if _digest(raw) != entry.digest:
                todo.append((event_id, key))
                continue
            changed = True
        fresh[event_id] = entry
    if index is not None:
        engine.warnings.extend(w for w in index.header.get("context_warnings", [])
                               if w not in engine.warnings)
    if todo:
        changed = True
        before = len(engine.warnings)
        engine.registry  # noqa: B018  (loaded once here, inherited by worker processes)
        context_warnings = engine.warnings[before:]
        for entry in _summarize_all(engine, todo, day):
            fresh[entry.id] = entry
    else:
        context_warnings = list(index.header.get("context_warnings", [])) \
            if index is not None else []
    result = [fresh[event_id] for event_id, _, _ in scanned]
    lines = []
    for entry in result:
        changed = entry.settle(day) or changed
        lines.append(entry.line)
        for warning in entry.warnings:
            if warning not in engine.warnings:
                engine.warnings.append(warning)
    if changed and context is not None:
        settings = engine.project.settings
        deps = list(index.header["deps"]) if index is not None and not todo else \
            index_deps(engine, bool(effective_plugins(settings.active_plugins)))
        every = list(dict.fromkeys([*context_warnings,
                                    *(w for e in result for w in e.warnings)]))
        newest = max((n for _, _, n in scanned), default=0)
        save_index(path, {"context": context, "deps": deps, "events": folder, "other": other,
                          "newest": newest, "context_warnings": context_warnings,
                          "warnings": every, "lang": engine.lang,
                          "day_samples": day_samples()}, result, index,
                   [old[event_id] for event_id, _ in todo if event_id in old])
    # every line is right for ``day``: its listing needs no test of each entry's days
    return Entries(result, lines, f"{day.toordinal() - 1:07d}", day_key(day))


def summaries(engine: Engine, today: dt.date) -> list[dict[str, Any]]:
    """Every event's summary (as :meth:`Engine.summary` gives it), sorted by id."""
    today_iso = today.isoformat()
    return [entry.row(today_iso) for entry in entries(engine, today)]


# parsing in parallel ----------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _worker_init(root: str | None, lang: str = "en") -> None:
    # without the cyclic garbage collector, as in the parent (:func:`entries`; a fork inherits
    # it paused): summarising makes no cycles (gc.collect() found none after 500 events), and
    # the workers took 8–20% less CPU for 10,000 summaries (3 pairs, 24.4–27.5 s against
    # 26.5–33.0 s on a loaded machine)
    gc.disable()
    if root is not None:  # a fresh interpreter (spawn): build the engine again
        # lazy: the engine costs 34 ms and pathlib 6 ms (-X importtime, best of 7, CPU time)
        # after the CLI's warm `status`, which imports this module and needs neither
        from pathlib import Path

        from ..engine import Engine
        from ..store import Project

        configure(lang, root)  # the lines in the parent's interface language
        _WORKER["engine"] = Engine(Project(Path(root)))


def _worker_chunk(chunk: list[tuple[str, Key]], day: dt.date) -> list[Any]:
    engine = _WORKER["engine"]
    out: list[Any] = []
    for event_id, key in chunk:
        try:
            out.append(_summarize_file(engine, event_id, key, day))
        except Exception:  # raised again, with its own type and message, in the parent
            out.append(event_id)
    return out


def _summarize_all(engine: Engine, todo: list[tuple[str, Key]], day: dt.date
                   ) -> Iterator[Entry]:
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_MIN or workers < 2:
        for event_id, key in todo:
            yield _summarize_file(engine, event_id, key, day)
        return
    # lazy: multiprocessing and concurrent.futures cost 18 ms (-X importtime, best of 7, CPU
    # time); only a rebuild of many summaries runs in parallel
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context: multiprocessing.context.BaseContext
    if "fork" in methods and sys.platform == "linux":
        context = multiprocessing.get_context("fork")
        _WORKER["engine"] = engine  # inherited, registry and all
        root = None
    else:
        context = multiprocessing.get_context()
        root = str(engine.project.root)
    # chunks of at most 64 events (0.15 s of work each): at the end one worker waits for the
    # other's last chunk, at most that long (chunks of 256 left up to 0.6 s idle)
    size = max(16, min(64, len(todo) // (workers * 6) or 1))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    failed: list[str] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                                 initargs=(root, language())) as pool:
            for results in pool.map(_worker_chunk, chunks, [day] * len(chunks)):
                for item in results:
                    if isinstance(item, str):
                        failed.append(item)
                    else:
                        yield item
    finally:
        _WORKER.pop("engine", None)
    for event_id in failed:  # the first bad file raises its own error, as without the index
        key = next(k for i, k in todo if i == event_id)
        yield _summarize_file(engine, event_id, key, day)



# one event: `eventflow status EVENT` ------------------------------------------------------------
# What `status EVENT` prints depends on the event file, on what every summary depends on
# (``_context`` and ``index_deps``) and on the day. Its day-independent part, the "view", is kept in
# ``.eventflow/views/<id>.json`` (a file the listing never reads), keyed like an index entry, and
# only when no third-party plugin is active: their checks and vetoes may depend on anything.
# Both paths print the view through :func:`render_status`, so they print the same bytes.


def status_view(engine: Engine, event: Event) -> dict[str, Any]:
    """Everything ``eventflow status EVENT`` prints (``text`` and ``json``), except what
    depends on the day: item lines keep the due date of an open item (``[line, due]``, as
    ``date.toordinal()``), ``dues`` those of every open item (for the overdue count)."""
    workflow = engine.workflow_for(event)
    verdict = engine.judge(event, dt.date.min)  # what depends on the day is made per day
    active = verdict.status == "active"
    by_stage: dict[str, list[Any]] = {}
    for r in verdict.requirements:
        by_stage.setdefault(r.item.stage, []).append(r)
    summary = engine.summary_of(event, verdict)
    # the time blocker depends on the day: kept apart with its day, rendered per day
    every = engine.blockers(verdict)  # judged before any day: a time blocker is there if any
    why = [b for b in every if b.kind != "time"]
    time = [b.to_json() for b in every if b.kind == "time"]
    lang = engine.lang
    data = {**summary, "revision": event.revision,
            "workflow": {"id": event.workflow.id, "version": event.workflow.version},
            "stages": [{"stage": st.id, "label": st.text(lang),
                        "current": st.id == verdict.stage,
                        "items": [_item_json(r, lang) for r in by_stage.get(st.id, [])]}
                       for st in workflow.stages],
            "blockers": [b.to_json() for b in why],
            "leave_from": verdict.leave_from.isoformat() if verdict.leave_from else None}
    dues = sorted(r.due.toordinal() for r in verdict.requirements
                  if active and not r.met and r.due is not None)
    number, stages = summary["stage_number"], summary["stages"]
    where = (_("stage {number}/{stages} {stage}").format(
                 number=number, stages=stages, stage=event.stage) if active
             else _("done (all {stages} stages)").format(stages=stages)
             if verdict.status == "done"
             else _("cancelled at stage {number}/{stages} {stage}").format(
                 number=number, stages=stages, stage=verdict.stage))
    lines: list[Any] = [
        clean(f"{event.id}: {event.title}"),
        "  " + _("{date}  {region}  languages {languages}  {where}  revision {revision}").format(
            date=day(event.date, language()), region=event.region,
            languages=",".join(event.languages),
            where=where, revision=event.revision)]
    for st in workflow.stages:
        marker = "▶" if st.id == verdict.stage and verdict.status != "done" else " "
        lines.append(f"{marker} {st.id} — {clean(st.text(lang))}")
        for r in by_stage.get(st.id, []):
            mark = "✓" if r.met else ("✗" if r.item.required else "!")
            due = " " + _("due {date}").format(date=day(r.due, language())) if r.due else ""
            line = clean(f"    {mark} {r.item.id:<34} {r.item.owner:<15}{due}"
                         + (" " + _("REGRESSION") if r.regression else ""))
            lines.append([line, r.due.toordinal()] if active and not r.met and r.due is not None
                         else line)
            if st.id == verdict.stage or (not r.met and r.reached):
                lines.append(clean(f"        {r.item.text(lang)} — {r.reason}"))
    if verdict.leave_from is not None:
        lines.append(_("{stage} can be left from {date}").format(
            stage=verdict.stage, date=day(verdict.leave_from, language())))
    if verdict.regressions:
        n = len(verdict.regressions)
        lines.append(ngettext(
            "{n} regression: a requirement of a stage already left no longer holds: {command}",
            "{n} regressions: requirements of stages already left no longer hold: {command}",
            n).format(n=n, command=f"eventflow why {event.id}"))
    if why and active:
        lines.append(ngettext("{n} requirement blocks leaving {stage}: {command}",
                              "{n} requirements block leaving {stage}: {command}",
                              len(why)).format(n=len(why), stage=event.stage,
                                               command=f"eventflow why {event.id}"))
    view = {"json": data, "dues": dues, "text": lines, "time": time}
    # as stored and read back: what the engine prints is what the cache will print
    return json.loads(json.dumps(view, ensure_ascii=False, default=str))  # type: ignore[no-any-return]


def _item_json(requirement: Any, lang: str) -> dict[str, Any]:
    """An item of ``status EVENT --json``: its day-dependent state is left out (the cache
    serves every day), the rest as the verdict has it."""
    data = requirement.to_json(lang)
    data.pop("state", None)
    return data



def view_stamp(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """What a view of ``event_id`` will be keyed on, taken before the event is read: the time
    and the stat key of its file and folder."""
    taken = time.time_ns()
    path = str(engine.project.event_path(event_id))
    try:
        st = os.stat(path)
        folder = os.stat(os.path.dirname(path)).st_mtime_ns
    except OSError:
        return None
    return {"taken": taken, "key": f"{file_key(st)} {folder}",
            "newest": max(st.st_mtime_ns, st.st_ctime_ns, folder)}


def keyed_deps(engine: Engine, taken: int) -> tuple[list[Any], list[list[Any]]] | None:
    """``(context, deps)`` to key a cache entry made by ``engine`` on, or ``None`` when no
    entry may be kept: a third-party plugin is active (its checks and hooks may depend on
    anything), or a dependency changed so recently, after ``taken`` (``time.time_ns()`` before
    the engine read anything) less :data:`RACY_NS`, that a later change might keep its
    timestamps."""
    # lazy: the plugins module costs 16 ms (-X importtime, best of 11, CPU time) after the
    # CLI's warm `status`, which imports this module without the engine
    from ..plugins import BUILTIN_PLUGINS

    if engine.given_plugins or effective_plugins(engine.project.settings.active_plugins):
        return None
    if any(name not in BUILTIN_PLUGINS for name, _ in engine.pm.list_name_plugin()):
        return None
    deps = index_deps(engine, False)
    if any(max(mtime, ctime) >= taken - cachekeys.RACY_NS for _, _, mtime, ctime in deps):
        return None
    context = folder_context(engine.project.root)
    return None if context is None else (context, deps)


def save_view(engine: Engine, event_id: str, stamp: dict[str, Any] | None,
              view: dict[str, Any], warnings: list[str]) -> None:
    """Keep ``view`` for the next ``status EVENT``, unless something it depends on changed so
    recently that a later change might keep its timestamps (then the engine answers again)."""
    if stamp is None or not event_id.isprintable():
        return
    # files changed after ``taken`` have later timestamps than those changed RACY_NS before
    if stamp["newest"] >= stamp["taken"] - cachekeys.RACY_NS:
        return
    keyed = keyed_deps(engine, stamp["taken"])
    if keyed is None:
        return
    context, deps = keyed
    root = engine.project.root
    header = {"format": VIEW_FORMAT, "context": context, "deps": deps,
              "key": stamp["key"], "id": event_id}
    body = {"warnings": [kept_warning(w) for w in warnings], **view}  # cached_status reads it
    # lazy: pathlib costs 6 ms (-X importtime, best of 11, CPU time) after the CLI's warm
    # `status`, which imports this module and writes no view
    from pathlib import Path

    path = Path(view_path(root, event_id))
    try:
        make_cache_dir(path.parent.parent)
        path.parent.mkdir(exist_ok=True)
    except OSError:
        return
    write_cache(path, [(json.dumps(part, ensure_ascii=False, separators=(",", ":")) + "\n")
                        .encode("utf-8") for part in (header, body)])


