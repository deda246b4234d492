"""Generate realistic planning folders for the benchmarks, reproducibly from a seed.

Every event is a real eventflow event: templates are made by walking one event per stage with
the real engine (``eventflow.testing.walk_to``), then each generated event takes the template
of its stage and gets its own id, title, day, region, languages, due dates (computed with the
real schedule), partial progress in its current stage, a person and a note on every tick, and
an append-only history of 200 entries. Files are written with eventflow's own encoder, so they
are byte for byte what eventflow would write.

    python bench/generate.py --size 1000 --seed 1 /tmp/planning-1000

Folders made through :func:`cached_folder` live under ``bench/out/folders/`` keyed by the
generator version, the workflow hash, the size and the seed, and are reused across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 3
HISTORY_ENTRIES = 200
TODAY = dt.date(2026, 11, 27)
OUT = Path(__file__).resolve().parent / "out"

FIRST_NAMES = ("Aino", "Leena", "Mikko", "Sari", "Jari", "Amina", "Omar", "Laura", "Juha",
               "Elina", "Hanna", "Ahmed", "Fatima", "Pekka", "Kaisa", "Tuomas", "Nguyen", "Olga")
LAST_NAMES = ("Koski", "Niemi", "Salo", "Laine", "Virtanen", "Haddad", "Yusuf", "Mäkinen",
              "Korhonen", "Heikkinen", "Ali", "Lindholm", "Järvinen", "Petrova", "Tran")
TOPICS = ("Hyvät väestösuhteet", "Väestösuhteet ja työelämä", "Turvallinen arki yhdessä",
          "Goda befolkningsrelationer", "Yhdessä alueella", "Kotoutuminen ja osallisuus",
          "Dialogi ja luottamus", "Good relations in everyday life")
NOTES = ("Sovittu kokouksessa", "Confirmed by email", "Tarkistettu yhdessä kumppanin kanssa",
         "Bekräftat per telefon", "Done at the planning meeting, minutes in the shared drive",
         "Hoidettu, vahvistus kalenterissa", "OK", "Checked on site with the venue desk",
         "Kumppani hyväksyi sähköpostitse; liite kansiossa", "Follow-up agreed for next week")
REGIONS = ("Uusimaa", "Varsinais-Suomi", "Satakunta", "Kanta-Häme", "Pirkanmaa",
           "Päijät-Häme", "Kymenlaakso", "Etelä-Karjala", "Etelä-Savo", "Pohjois-Savo",
           "Pohjois-Karjala", "Keski-Suomi", "Etelä-Pohjanmaa", "Pohjanmaa",
           "Keski-Pohjanmaa", "Pohjois-Pohjanmaa", "Kainuu", "Lappi", "Ahvenanmaa")
ACTIONS = ("check", "partner.add", "venue.set", "cost.add", "speaker.add", "speaker.confirm",
           "invitation.set", "panel.question", "organiser.add", "uncheck", "reschedule")


def _seed_workflow() -> Path:
    import eventflow

    return Path(eventflow.__file__).resolve().parent / "workflows" / "good-relations-training.toml"


def _workflow_hash() -> str:
    return hashlib.sha256(_seed_workflow().read_bytes()).hexdigest()[:12]


def _templates(tmp: Path) -> tuple[dict[str, dict[str, Any]], Any]:
    """One real event per stage (and done, cancelled), walked with the real engine."""
    from eventflow.engine import Engine
    from eventflow.event import to_data
    from eventflow.store import Project, Settings
    from eventflow.testing import walk_to

    os.environ["EVENTFLOW_LOAD_PLUGINS"] = ""
    os.environ.setdefault("EVENTFLOW_USER", "generator")
    project = Project.init(tmp / "templates", Settings(organisation="Tampereen kaupunki",
                                                       organisation_type="authority"))
    engine = Engine(project)
    workflow = engine.workflow("good-relations-training")
    templates = {}
    for stage in [*workflow.stage_ids, "done"]:
        event = engine.create("Template", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
        templates[stage] = to_data(walk_to(engine, event.id, stage))
    event = engine.create("Template", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    walk_to(engine, event.id, "speakers")
    templates["cancelled"] = to_data(engine.cancel(event.id, "Venue unavailable").event)
    return templates, workflow


def _shift(value: Any, delta: dt.timedelta) -> Any:
    if isinstance(value, dict):
        return {k: _shift(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, delta) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value + delta
    return value


def _choose_stage(rng: random.Random, stages: list[str], date: dt.date) -> str:
    """Events far ahead are early in their workflow; past events are late or done."""
    if rng.random() < 0.03:
        return "cancelled"
    weeks = (date - TODAY).days / 7
    if weeks < -4:
        return "done" if rng.random() < 0.8 else stages[-1]
    expected = len(stages) - 1 - int(max(0.0, weeks) / 3)
    index = min(len(stages) - 1, max(0, expected + rng.choice((-1, 0, 0, 0, 1))))
    return stages[index]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES).lower()}.{rng.choice(LAST_NAMES).lower()}"


def _history(rng: random.Random, event_id: str, title: str, start: dt.datetime) -> str:
    lines = []
    at = start
    for rev in range(1, HISTORY_ENTRIES + 1):
        at += dt.timedelta(minutes=rng.randint(5, 60 * 24))
        entry: dict[str, Any] = {"rev": rev, "at": at.isoformat(), "by": _person(rng)}
        if rev == 1:
            entry.update(action="created", title=title, workflow="good-relations-training 1.0.0")
        else:
            entry.update(action=rng.choice(ACTIONS), note=rng.choice(NOTES),
                         item=f"item_{rng.randint(1, 60)}")
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    return "".join(lines)


_STATE: dict[str, Any] = {}


def _init_worker(templates: dict[str, dict[str, Any]], stage_items: dict[str, list[str]],
                 manual: dict[str, list[str]]) -> None:
    _STATE.update(templates=templates, stage_items=stage_items, manual=manual)


def _make_events(events_dir: str, seed: int, indices: list[int]) -> int:
    from eventflow.engine import compute_due
    from eventflow.event import from_data
    from eventflow.store import encode_event, load_workflow

    workflow = load_workflow(_seed_workflow())
    templates, stage_items, manual = (_STATE["templates"], _STATE["stage_items"],
                                      _STATE["manual"])
    stages = list(stage_items)
    for i in indices:
        rng = random.Random(f"{seed}:{i}")
        date = TODAY + dt.timedelta(days=rng.randint(-120, 300))
        stage = _choose_stage(rng, stages, date)
        data = _shift(templates[stage], date - dt.date(2027, 3, 18))
        region = rng.choice(REGIONS)
        event_id = f"{region.lower().replace('ä', 'a').replace('ö', 'o')}-{date}-{i:05d}"
        title = f"{rng.choice(TOPICS)} – {region}"
        created = dt.datetime.combine(date - dt.timedelta(weeks=rng.randint(20, 30)),
                                      dt.time(9, 0), dt.UTC)
        data.update(id=event_id, title=title, region=region, revision=HISTORY_ENTRIES,
                    languages=rng.choice((["fi"], ["fi", "sv"], ["fi", "en"], ["sv", "fi"])),
                    municipality=rng.choice(("", "Tampere", "Turku", "Oulu", "Vaasa")),
                    created=created, due=compute_due(workflow, date))
        items = data.setdefault("items", {})
        if stage in stage_items:
            for item_id in manual[stage]:  # partial progress in the current stage
                if rng.random() < 0.5:
                    items[item_id] = {"checked": True}
        for state in items.values():
            state["by"] = _person(rng)
            state["at"] = created + dt.timedelta(days=rng.randint(1, 120),
                                                 minutes=rng.randint(0, 600))
            state["note"] = rng.choice(NOTES)
        event = from_data(data)
        folder = Path(events_dir) / event_id
        folder.mkdir()
        (folder / "event.toml").write_bytes(encode_event(event))
        (folder / "history.jsonl").write_text(_history(rng, event_id, title, created), "utf-8")
    return len(indices)


def generate(dest: Path, size: int, seed: int = 1, workers: int | None = None) -> Path:
    """Write a planning folder with ``size`` events to ``dest`` (which must not exist)."""
    from eventflow.store import Project, Settings

    with tempfile.TemporaryDirectory() as tmp:
        templates, workflow = _templates(Path(tmp))
    stage_items = {st.id: [i.id for i in st.items] for st in workflow.stages}
    manual = {st.id: [i.id for i in st.items if i.manual] for st in workflow.stages}
    project = Project.init(dest, Settings(organisation="Tampereen kaupunki",
                                          organisation_type="authority", language="fi"))
    chunks = [list(range(start, min(size, start + 250))) for start in range(0, size, 250)]
    args = (templates, stage_items, manual)
    if size <= 250 or (workers or os.cpu_count() or 1) == 1:
        _init_worker(*args)
        for chunk in chunks:
            _make_events(str(project.events_dir), seed, chunk)
    else:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=args) as pool:
            list(pool.map(_make_events, [str(project.events_dir)] * len(chunks),
                          [seed] * len(chunks), chunks))
    old = (dt.datetime.now() - dt.timedelta(hours=1)).timestamp()
    for root, _dirs, files in os.walk(project.events_dir):  # settled, as after a git clone
        for name in files:
            os.utime(os.path.join(root, name), (old, old))
    return dest


def cached_folder(size: int, seed: int = 1, out: Path = OUT) -> Path:
    """The generated folder for ``size`` and ``seed``, made once and kept in ``out``."""
    key = f"gen{GENERATOR_VERSION}-wf{_workflow_hash()}-n{size}-s{seed}"
    dest = out / "folders" / key
    if (dest / ".complete").is_file():
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(key + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    generate(partial, size, seed)
    partial.rename(dest)
    (dest / ".complete").write_text(key + "\n")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, nargs="?", help="folder to create (default: cached)")
    parser.add_argument("--size", type=int, default=100, help="number of events")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    args = parser.parse_args(argv)
    if args.dest is None:
        print(cached_folder(args.size, args.seed))
    else:
        if args.dest.exists():
            parser.error(f"{args.dest} exists; give a new folder")
        print(generate(args.dest, args.size, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
