"""The merge driver merges event files as data: no change either side made is lost, values both
sides changed are recorded as conflicts that eventflow reads, shows and resolves."""

from __future__ import annotations

import copy
import datetime as dt
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventflow.event import from_data, to_data
from eventflow.merge import MISSING, format_path, merge_bytes, merge_data, parse_path
from eventflow.store import encode_data


@pytest.fixture
def base(ef_event: Any) -> dict[str, Any]:
    """A full event (partners, organisers, venue, costs, speakers, panel …) as data."""
    event = ef_event("invitations")
    data = to_data(event)
    data["ext"] = {"demo": {"colour": "blue", "seats": 3}}
    return data


def test_ticks_of_different_items_merge_clean(base: dict[str, Any]) -> None:
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["items"]["kickoff_meeting_x"] = {"checked": True, "by": "leena"}
    theirs["items"]["invitation_sent_y"] = {"checked": True, "by": "amir"}
    ours["revision"], theirs["revision"] = base["revision"] + 2, base["revision"] + 1
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert merged["items"]["kickoff_meeting_x"]["by"] == "leena"
    assert merged["items"]["invitation_sent_y"]["by"] == "amir"
    assert merged["revision"] == base["revision"] + 3


def test_records_merge_by_key_and_words_as_sets(base: dict[str, Any]) -> None:
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["partners"].append({"id": "p9", "name": "Kirkko", "type": "community"})
    theirs["partners"][0]["contact"] = "new contact"
    theirs["speakers"] = [s for s in theirs["speakers"] if s["id"] != "s2"]
    ours["venue"]["accessibility"].append("lift")
    theirs["venue"]["accessibility"].remove("step_free")
    ours["organisers"][0]["organisation"] = "Ry"
    theirs["ext"]["demo"]["seats"] = 4
    ours["ext"]["other"] = {"x": 1}
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == []
    assert [p["id"] for p in merged["partners"]] == ["p1", "p9"]
    assert merged["partners"][0]["contact"] == "new contact"
    assert "s2" not in [s["id"] for s in merged["speakers"]]
    assert merged["venue"]["accessibility"] == ["hearing_loop", "lift"]
    assert merged["organisers"][0]["organisation"] == "Ry"
    assert merged["ext"] == {"demo": {"colour": "blue", "seats": 4}, "other": {"x": 1}}
    from_data(merged)  # a valid event


def test_same_field_changed_both_ways_is_recorded_and_readable(base: dict[str, Any]) -> None:
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["venue"]["capacity"], theirs["venue"]["capacity"] = 80, 150
    ours["speakers"][0]["name"], theirs["speakers"][0]["name"] = "A", "B"
    text, conflicts = merge_bytes(encode_data(base), encode_data(ours), encode_data(theirs))
    assert {c["path"] for c in conflicts} == {"venue.capacity", "speakers[s1].name"}
    from eventflow.store import decode_event

    event = decode_event(Path("event.toml"), text)  # loadable, keeps ours, lists both
    assert event.venue.capacity == 80
    found = {c.path: (c.base, c.ours, c.theirs) for c in event.conflicts}
    assert found["venue.capacity"] == (120, 80, 150)
    assert found["speakers[s1].name"] == ("Laura Niemi", "A", "B")


def test_both_ticking_one_item_keeps_the_first_tick(base: dict[str, Any]) -> None:
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["items"]["new_item"] = {"checked": True, "by": "leena",
                                 "at": dt.datetime(2027, 1, 2, tzinfo=dt.UTC)}
    theirs["items"]["new_item"] = {"checked": True, "by": "amir",
                                   "at": dt.datetime(2027, 1, 1, tzinfo=dt.UTC)}
    merged, conflicts = merge_data(base, ours, theirs)
    assert conflicts == [] and merged["items"]["new_item"]["by"] == "amir"


def test_a_conflict_on_the_date_keeps_ours_due_dates(base: dict[str, Any]) -> None:
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["date"], theirs["date"] = dt.date(2027, 4, 1), dt.date(2027, 5, 1)
    theirs["due"] = {k: dt.date(2027, 5, 1) for k in theirs["due"]}
    merged, conflicts = merge_data(base, ours, theirs)
    assert [c["path"] for c in conflicts] == ["date"]
    assert merged["due"] == ours["due"]


def test_a_side_that_cannot_be_read_fails_the_driver_naming_it(tmp_path: Path,
                                                                base: dict[str, Any]) -> None:
    good = encode_data(base)
    broken = good.replace(b"revision = ", b"<<<<<<< HEAD\nrevision = ", 1)
    files = []
    for name, data in (("o", good), ("a", good), ("b", broken)):
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    done = subprocess.run([sys.executable, "-m", "eventflow.merge", *files,
                           "events/x/event.toml"], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "events/x/event.toml (their version)" in done.stderr
    assert "conflict marker" in done.stderr
    assert (tmp_path / "a").read_bytes() == good  # ours untouched


@pytest.mark.parametrize("parts", [["venue", "capacity"], ["speakers", "s1", "name"],
                                   ["organisers", "Amir H. [x]", "organisation"],
                                   ["ext", "my.plugin", "key"]])
def test_paths_round_trip(parts: list[str]) -> None:
    from eventflow.merge import RecordKey

    typed = [RecordKey(p) if i == 1 and parts[0] in ("speakers", "organisers") else p
             for i, p in enumerate(parts)]
    assert parse_path(format_path(typed)) == parts


# the random run ---------------------------------------------------------------------------------
KEYED = {("partners",): "id", ("costs",): "id", ("speakers",): "id", ("organisers",): "name",
         ("panel", "panelists"): "name", ("panel", "questions"): "text"}
SETS = {("languages",), ("venue", "accessibility"), ("invitation", "languages"),
        ("invitation", "target_groups"), ("invitation", "recording_notice"),
        ("speakers", "*", "dimensions"), ("panel", "questions", "*", "dimensions")}


def flatten(data: Any, schema: tuple[str, ...] = (), path: tuple[str, ...] = ()
            ) -> dict[tuple[str, ...], Any]:
    """Every fact of event data, one per key: records of lists by their key, words of a set
    one by one; the checker's own reading of the schema."""
    out: dict[tuple[str, ...], Any] = {}
    if isinstance(data, dict) and schema not in (("workflow",),) and \
            not (len(schema) == 3 and schema[0] == "costs" and schema[2] == "split"):
        if not data:
            out[path] = {}
        for key, value in data.items():
            child = schema + ("*",) if schema in (("items",), ("due",), ("ext",)) else \
                schema + (key,)
            out.update(flatten(value, child, path + (key,)))
    elif isinstance(data, list) and schema in KEYED:
        for record in data:
            out.update(flatten(record, schema + ("*",), path + (record[KEYED[schema]],)))
    elif isinstance(data, list) and schema in SETS:
        for word in data:
            out[path + ("∈", str(word))] = True
    else:
        out[path] = data
    return out


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    old, new = flatten(before), flatten(after)
    found = {p: new.get(p, MISSING) for p in old.keys() | new.keys()
             if p[:1] not in (("revision",), ("conflicts",)) and old.get(p, MISSING) !=
             new.get(p, MISSING)}
    return {p: v for p, v in found.items()}


def covered(path: tuple[str, ...], value: Any, side: str, merged: dict[str, Any],
            flat_merged: dict[tuple[str, ...], Any]) -> bool:
    """The change (path → value) a side made is in the merged data, or in a conflict."""
    if flat_merged.get(path, MISSING) == value:
        return True
    if path[0] == "items" and path[-1] in ("by", "at"):  # both ticked alike: first tick kept
        item = merged.get("items", {}).get(path[1], {})
        if item.get("checked") is not None or item.get("waived") is not None:
            return True
    for conflict in merged.get("conflicts", []):
        parts = tuple(parse_path(conflict["path"]))
        if path[: len(parts)] != parts:
            continue
        recorded = conflict.get(side, MISSING)
        schema = tuple("*" if i and parts[i - 1] in ("speakers", "partners", "costs",
                                                      "organisers", "panelists", "questions")
                       else p for i, p in enumerate(parts))
        wrapped = flatten(recorded, schema, parts) if recorded is not MISSING else {}
        if wrapped.get(path, MISSING) == value or (value is MISSING and path not in wrapped):
            return True
    return False


WORDS = ["step_free", "hearing_loop", "lift", "quiet_room", "accessible_toilet"]


def edit(data: dict[str, Any], rng: random.Random, who: str, n: int) -> None:
    """One random change of any kind of data an event holds."""
    kind = rng.randrange(16)
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(999))
    items = ["kickoff_meeting", "agreement_signed", "catering_arranged", "venue_technology",
             "showcase", "run_sheet", "panel_briefing"]
    if kind == 0:
        data["title"] = f"{who} title {n}"
    elif kind == 1:
        data["venue"]["capacity"] = rng.randrange(20, 300)
    elif kind == 2:
        data["agreement"][rng.choice(["venue", "programme", "cost_sharing"])] = f"{who} {n}"
    elif kind == 3:
        data["items"][rng.choice(items)] = {"checked": True, "by": who, "at": stamp}
    elif kind == 4:
        data["items"].pop(rng.choice(list(data["items"]) or ["x"]), None)
    elif kind == 5:
        data["items"][rng.choice(items)] = {"waived": True, "by": who, "at": stamp,
                                            "note": f"{who} {n}"}
    elif kind == 6:
        data["partners"].append({"id": f"{who}{n}", "name": f"Org {who}{n}", "type": "ngo"})
    elif kind == 7 and data["speakers"]:
        speaker = rng.choice(data["speakers"])
        field = rng.choice(["organisation", "title", "start"])
        speaker[field] = f"{rng.randrange(8, 17):02d}:{rng.choice(['00', '30'])}" \
            if field == "start" else f"{who} {n}"
    elif kind == 8 and data["costs"]:
        rng.choice(data["costs"])["amount"] = float(rng.randrange(10, 999))
    elif kind == 9 and data["speakers"]:
        data["speakers"].remove(rng.choice(data["speakers"]))
    elif kind == 10:
        word = rng.choice(WORDS)
        words = data["venue"].setdefault("accessibility", [])
        words.remove(word) if word in words else words.append(word)
    elif kind == 11:
        data["organisers"].append({"name": f"Person {who}{n}", "organisation": who})
    elif kind == 12:
        data["panel"]["panelists"][0]["role"] = f"{who} role {n}"
    elif kind == 13:
        table = data.setdefault("ext", {}).setdefault(rng.choice(["demo", who]), {})
        table[f"k{rng.randrange(3)}"] = n
    elif kind == 14:
        data["invitation"]["accessibility_info"] = f"{who} info {n}"
    else:
        data["venue"]["name"] = f"{who} hall {n}"


def test_a_seeded_random_run_of_concurrent_edits_loses_nothing(base: dict[str, Any],
                                                               capsys: Any) -> None:
    rng = random.Random(20261130)
    base_bytes = encode_data(base)
    pairs = clean = recorded = lost = same_field = listed = 0
    for n in range(240):
        ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
        for _ in range(rng.randrange(1, 4)):
            edit(ours, rng, "leena", n)
        for _ in range(rng.randrange(1, 4)):
            edit(theirs, rng, "amir", n)
        ours["revision"] = base["revision"] + rng.randrange(1, 4)
        theirs["revision"] = base["revision"] + rng.randrange(1, 4)
        ours, theirs = to_data(from_data(ours)), to_data(from_data(theirs))  # canonical
        text, conflicts = merge_bytes(base_bytes, encode_data(ours), encode_data(theirs))
        import tomli

        merged = tomli.loads(text.decode())
        canonical = encode_data(to_data(from_data(merged)))  # loadable …
        assert canonical.decode().splitlines() == text.decode().splitlines()  # … as written
        pairs += 1
        clean += not conflicts
        recorded += len(conflicts)
        assert merged["revision"] == max(ours["revision"], theirs["revision"]) + 1
        flat = flatten({k: v for k, v in merged.items() if k != "conflicts"})
        mine, other = changes(base, ours), changes(base, theirs)
        for side, made in (("ours", mine), ("theirs", other)):
            for path, value in made.items():
                if not covered(path, value, side, merged, flat):
                    lost += 1
                    print("LOST", n, side, path, value)
        for path in mine.keys() & other.keys():  # the same fact changed both ways
            if mine[path] != other[path] and not (path[0] == "items" and
                                                  path[-1] in ("by", "at")):
                same_field += 1
                listed += any(path[: len(parse_path(c["path"]))] ==
                              tuple(parse_path(c["path"])) for c in merged.get("conflicts", []))
    print(f"pairs {pairs}, merged clean {clean}, conflicts recorded {recorded}, "
          f"same-field edits {same_field} (listed {listed}), changes lost {lost}")
    assert pairs >= 200 and lost == 0
    assert same_field > 20 and listed == same_field
    assert clean > pairs // 4


# settling conflicts -----------------------------------------------------------------------------
def test_resolve_brings_back_a_record_one_side_removed(ef_event: Any, ef_engine: Any) -> None:
    from eventflow.conflicts import listing, resolve
    from eventflow.event import Conflict

    event = ef_event("invitations")
    removed = next(s for s in to_data(event)["speakers"] if s["id"] == "s2")

    def merged(ev: Any) -> None:  # as the driver leaves it: ours removed s2, theirs edited it
        ev.speakers = [s for s in ev.speakers if s.id != "s2"]
        ev.conflicts = [Conflict(path="speakers[s2]", base=removed, ours=None,
                                 theirs={**removed, "organisation": "Yliopisto"},
                                 theirs_by="amir")]

    ef_engine.change(event.id, "test.merge", merged)
    rows = listing(ef_engine)
    assert [(r["path"], r["ours"], r["theirs"]["organisation"], r["theirs_by"])
            for r in rows] == [("speakers[s2]", None, "Yliopisto", "amir")]
    assert any("1 conflicting change(s)" in w for w in ef_engine.warnings)
    outcome = resolve(ef_engine, event.id, "speakers[s2]", "theirs")
    assert [s.id for s in outcome.event.speakers] == ["s1", "s3", "s4", "s2"]
    assert outcome.event.speakers[-1].organisation == "Yliopisto"
    assert outcome.event.conflicts == []
    entry = ef_engine.project.history(event.id)[-1]
    assert (entry["action"], entry["field"], entry["take"]) == ("resolve", "speakers[s2]",
                                                                "theirs")


def test_resolving_the_date_moves_the_due_dates(ef_event: Any, ef_engine: Any) -> None:
    from eventflow.conflicts import resolve
    from eventflow.event import Conflict

    event = ef_event("partner_agreed")
    ef_engine.change(event.id, "test.merge", lambda ev: setattr(ev, "conflicts", [
        Conflict(path="date", base=event.date, ours=event.date, theirs=dt.date(2027, 4, 15))]))
    outcome = resolve(ef_engine, event.id, "date", "theirs")
    assert outcome.event.date == dt.date(2027, 4, 15)
    assert outcome.event.due["kickoff_meeting"] > event.due["kickoff_meeting"]
    assert outcome.event.conflicts == []


def test_merge_file_command(tmp_path: Path, base: dict[str, Any]) -> None:
    from click.testing import CliRunner

    from eventflow.cli import cli

    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours["title"], theirs["venue"]["capacity"] = "Uusi nimi", 99
    for name, data in (("o", base), ("a", ours), ("b", theirs)):
        (tmp_path / name).write_bytes(encode_data(data))
    result = CliRunner().invoke(cli, ["merge-file", *(str(tmp_path / n) for n in "oab")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "a").read_text()
    assert 'title = "Uusi nimi"' in text and "capacity = 99" in text
