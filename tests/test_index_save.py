"""The status index is written incrementally (eventflow.index.savefile): the lines of the
entries unchanged since the index was read are written again as read, only those of the events
summarised again are made, and the file is the same, byte for byte, as one written from
nothing."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from typing import Any

import pytest

from eventflow.engine import Engine
from eventflow.index import entries, savefile

DAY = dt.date(2026, 11, 27)
STAGES = ("speakers", "partner_agreed", "venue", "done", "invitations", "costs_split")
REGIONS = ("Pirkanmaa", "Uusimaa", "Lappi", "Kainuu", "Satakunta")


def index_bytes(project: Any, from_nothing: bool = False) -> bytes:
    path = project.root / ".eventflow" / "index.txt"
    if from_nothing:
        path.unlink()
    entries(Engine(project), DAY)
    return path.read_bytes()


def tick_some(project: Any, rng: random.Random, run: Any, count: int) -> None:
    """Tick ``count`` open items (of random events) that ``eventflow check`` may tick."""
    engine = Engine(project)
    found = entries(engine, DAY)
    for entry in rng.sample(found, min(count, len(found))):
        tickable = [o for o in entry.open_items() if o[7]]
        if tickable:
            run("check", entry.id, rng.choice(tickable)[0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_written_incrementally_equals_written_from_nothing(ef_project: Any, ef_event: Any,
                                                           run: Any, monkeypatch: Any,
                                                           seed: int) -> None:
    rng = random.Random(seed)
    for i in range(7):
        ef_event(rng.choice(STAGES), region=REGIONS[i % len(REGIONS)],
                 date=DAY + dt.timedelta(days=rng.randint(-30, 200)))
    index_bytes(ef_project)
    made = []  # the dues sections made from nothing
    real = savefile._dues_section
    monkeypatch.setattr(savefile, "_dues_section", lambda kept: made.append(1) or real(kept))
    encoded = []  # the details and facts lines made
    encode = savefile._encode
    monkeypatch.setattr(savefile, "_encode", lambda value: encoded.append(1) or encode(value))
    for _ in range(4):  # only changes: the dues section is made again from the one read
        made.clear()
        ticked = rng.randint(1, 3)
        tick_some(ef_project, rng, run, ticked)
        encoded.clear()
        again = index_bytes(ef_project)
        assert not made
        assert len(encoded) <= 2 * ticked  # the lines of the others as read
        assert again == index_bytes(ef_project, from_nothing=True)
    ids = ef_project.event_ids()
    shutil.rmtree(ef_project.events_dir / rng.choice(ids))  # removed
    ef_event(rng.choice(STAGES), region="Kainuu")  # added
    tick_some(ef_project, rng, run, 2)
    assert index_bytes(ef_project) == index_bytes(ef_project, from_nothing=True)


def test_nothing_changed_keeps_the_file(ef_project: Any, ef_event: Any) -> None:
    for stage in STAGES[:3]:
        ef_event(stage)
    first = index_bytes(ef_project)
    path = ef_project.root / ".eventflow" / "index.txt"
    path.unlink()
    assert index_bytes(ef_project) == first


def test_the_dues_sort_as_the_tuples_do(ef_project: Any, ef_event: Any) -> None:
    rng = random.Random(5)
    for i in range(6):
        ef_event(STAGES[i % len(STAGES)], date=DAY + dt.timedelta(days=rng.randint(-30, 90)))
    kept = entries(Engine(ef_project), DAY)
    savefile._number_fixes(kept)
    made = savefile._dues_section(kept)
    assert made[0] and made == savefile._dues_sorted(kept)
    kept[0].table = [*kept[0].table, kept[0].table[0]]  # an id twice: sorted as tuples
    assert savefile._dues_section(kept) == made
