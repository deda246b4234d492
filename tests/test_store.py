"""The store: hand edits are read, broken files are never overwritten, stale writers refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventflow.errors import FileFormatError, StaleWrite


def make(ef_engine):
    return ef_engine.create("Hyvät väestösuhteet", __import__("datetime").date(2027, 3, 18),
                            "Pirkanmaa", ["fi"])


def test_hand_edited_file_is_read(run, ef_engine, folder):
    event = make(ef_engine)
    path = folder / "events" / event.id / "event.toml"
    text = path.read_text("utf-8").replace('title = "Hyvät väestösuhteet"',
                                           'title = "Käsin muokattu"')
    path.write_text(text, "utf-8")
    data = json.loads(run("status", event.id, "--json").output)
    assert data["title"] == "Käsin muokattu"


def test_file_is_stable_and_diffs_well(ef_engine, folder):
    event = make(ef_engine)
    ef_engine.change(event.id, "partner.add", lambda ev: ev.partners.append(
        __import__("eventflow.event", fromlist=["Partner"]).Partner(
            id="p1", name="ETNO", type="authority")))
    path = folder / "events" / event.id / "event.toml"
    first = path.read_text("utf-8")
    assert first.index("schema =") < first.index("id =") < first.index("revision =") \
        < first.index("title =") < first.index("[workflow]")
    # tomli-w's own layout: a short list of tables is an array of inline tables, one per line
    # (a longer one is written as [[partners]] tables); never several partners on one line
    partner_lines = [line for line in first.splitlines() if 'name = "ETNO"' in line]
    assert len(partner_lines) == 1 and "partners = [" in first
    ef_engine.tick(event.id, "kickoff_meeting", note="n")
    second = path.read_text("utf-8")
    changed = [line for line in second.splitlines() if line not in first.splitlines()]
    # one revision line plus the new item table; nothing else moves
    assert any(line.startswith("revision = 3") for line in changed)
    assert all("partners" not in line for line in changed)


@pytest.mark.parametrize("damage,expect", [
    (lambda t: "<<<<<<< HEAD\n" + t + "=======\ntitle = \"x\"\n>>>>>>> other\n",
     "merge conflict marker"),
    (lambda t: t.replace("date = 2027-03-18", "date = 2027-13-45"), "not valid TOML"),
    (lambda t: t[: len(t) // 2] + "\n[broken", "not valid TOML"),
    (lambda t: t.replace("revision = 1", 'revision = "one"'), "Expected `int`"),
    (lambda t: "unknown_key = 1\n" + t, "unknown field"),
])
def test_broken_file_named_with_line_and_never_overwritten(run, ef_engine, folder, damage,
                                                            expect):
    event = make(ef_engine)
    path = folder / "events" / event.id / "event.toml"
    broken = damage(path.read_text("utf-8"))
    path.write_text(broken, "utf-8")
    result = run("check", event.id, "kickoff_meeting")
    assert result.exit_code == 1
    assert str(path) in result.output and expect in result.output
    assert "line" in result.output
    assert path.read_text("utf-8") == broken


def test_merge_conflict_message_says_what_to_do(ef_engine, folder):
    event = make(ef_engine)
    path = folder / "events" / event.id / "event.toml"
    path.write_text("<<<<<<< ours\n" + path.read_text("utf-8"), "utf-8")
    with pytest.raises(FileFormatError) as info:
        ef_engine.load(event.id)
    assert info.value.line == 1 and "resolve the conflict" in str(info.value)


def test_stale_writer_is_refused_and_nothing_is_lost(ef_engine, folder):
    event = make(ef_engine)
    stale = ef_engine.load(event.id)
    ef_engine.tick(event.id, "kickoff_meeting", note="first writer")
    stale.title = "second writer's title"
    with pytest.raises(StaleWrite, match="nothing was saved"):
        ef_engine.project.save(stale, "edit")
    fresh = ef_engine.load(event.id)
    assert fresh.item_state("kickoff_meeting").note == "first writer"
    assert fresh.title == "Hyvät väestösuhteet" and fresh.revision == 2


def test_history_is_appended_not_rewritten(ef_engine, folder):
    event = make(ef_engine)
    history = folder / "events" / event.id / "history.jsonl"
    first = history.read_bytes()
    ef_engine.tick(event.id, "kickoff_meeting")
    assert history.read_bytes().startswith(first)
    assert len(history.read_text().splitlines()) == 2
    assert "history" not in (folder / "events" / event.id / "event.toml").read_text()


@pytest.mark.parametrize("text", [
    'title = "x"\nagreement = {date = "2027-03-18",\n  venue = "Tampere"}\n',  # newline inline
    'title = "x"\nagreement = {date = "2027-03-18", venue = "Tampere",}\n',  # trailing comma
    'title = "\\e[31m"\n',  # \e escape
    'title = "x"\ncreated = 2026-11-27T10:20\n',  # time without seconds
])
def test_event_files_are_toml_1_0_on_every_install(text: str, tmp_path: Path) -> None:
    """The parser (tomli, pinned below 2.4) reads TOML 1.0 only, as tomllib in Python 3.11:
    a file one teammate's eventflow accepts, every teammate's does. TOML 1.1 is refused."""
    from eventflow.errors import FileFormatError
    from eventflow.store import parse_bounded

    with pytest.raises(FileFormatError, match="is not valid TOML"):
        parse_bounded(tmp_path / "event.toml", text.encode())


def test_an_event_is_named_by_its_id_or_the_one_id_it_begins(ef_engine, ef_event, folder):
    """`resolve`: a whole id is found without listing the folder; a prefix, a hidden or nested
    folder and a folder without an event file are looked up among the events as before."""
    import datetime as dt

    from eventflow.errors import AmbiguousEvent, EventNotFound

    first = ef_event(region="Pirkanmaa", date=dt.date(2027, 3, 18))
    second = ef_event(region="Pirkanmaa", date=dt.date(2027, 4, 15))
    project = ef_engine.project
    assert project.resolve(first.id) == first.id
    assert project.resolve(second.id[:-3]) == second.id  # the one id it begins
    with pytest.raises(AmbiguousEvent):
        project.resolve("pirkanmaa")
    (folder / "events" / "no-event-file").mkdir()
    hidden = folder / "events" / ".hidden"
    hidden.mkdir()
    (hidden / "event.toml").write_bytes((folder / "events" / first.id / "event.toml").read_bytes())
    for name in ("no-event-file", ".hidden", f"{first.id}/..", f"../events/{first.id}", "x\0y"):
        with pytest.raises(EventNotFound):
            project.resolve(name)
