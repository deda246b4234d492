"""What the status index keeps for `remind` (its dues and facts sections), read only when the
index vouches for every event file, gives what the engine gives on any day; the outbox keeps a
message file whose draft did not change, and every file parses back; dates are written in the
reader's language."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from remind_owners import OWNERS

from eventflow import cachekeys
from eventflow.engine import Engine
from eventflow.index import entries
from eventflow.index import refresh as index_refresh
from eventflow.index.cachefile import DAY_SAMPLES, read_dues

STAGES = ("partner_agreed", "venue", "costs_split", "speakers", "invitations", "done")


@pytest.fixture
def many(ef_event: Any, ef_engine: Engine, ef_project: Any,
         monkeypatch: pytest.MonkeyPatch) -> Any:
    """Events at random stages and dates, one with its own people, one cancelled."""
    settings = ef_project.root / "eventflow.toml"
    settings.write_text(settings.read_text("utf-8") + OWNERS, "utf-8")
    rng = random.Random(10)
    made = [ef_event(STAGES[n % len(STAGES)], title=f"Koulutus {n}",
                     date=dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 300)))
            for n in range(8)]
    ef_engine.cancel(made[1].id, "no venue")
    ef_engine.change(made[2].id, "owner.set", lambda ev: setattr(
        ev, "owners", {"organiser": ["Other Organiser <other@example.fi>"]}))
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # the files count as old: vouched for
    return ef_project


def days(n: int, seed: int) -> list[dt.date]:
    rng = random.Random(seed)
    return [dt.date(2026, 6, 1) + dt.timedelta(days=rng.randint(0, 700)) for _ in range(n)]


def test_the_kept_dues_are_the_engines_upcoming_on_any_day(many: Any,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    root = str(many.root)
    assert read_dues(root, 800_000) is None  # no index yet
    entries(Engine(many), dt.date(2026, 11, 27))

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an event was judged again")

    monkeypatch.setattr(index_refresh, "_summarize_file", refuse)
    seen = 0
    for day in days(10, seed=4):
        for horizon in (0, 14, 90, 3650):
            kept = read_dues(root, day.toordinal() + horizon)
            assert kept is not None
            rows, events = kept.upcoming(day)
            assert rows == Engine(many).upcoming(day, horizon), (day, horizon)
            seen += len(rows)
            for row in rows:
                title, date, owners, _, tickable = events[row["event"]]
                event = many.load(row["event"])
                assert (title, date, owners) == (event.title, event.date.isoformat(),
                                                 {k: list(v) for k, v in event.owners.items()})
                assert (row["item"] in tickable) == row["fix"].startswith("eventflow check")
    assert seen


def test_an_edited_event_file_is_not_vouched_for_until_the_index_is_fresh(many: Any) -> None:
    day = dt.date(2026, 11, 27)
    entries(Engine(many), day)
    root = str(many.root)
    assert read_dues(root, day.toordinal() + 30) is not None
    target = next(i for i in many.event_ids() if many.load(i).stage == "partner_agreed")
    Engine(many).reschedule(target, dt.date(2027, 12, 1), dry_run=False)
    assert read_dues(root, day.toordinal() + 30) is None  # the file changed: not vouched for
    entries(Engine(many), day)  # what status (or remind itself) does then
    kept = read_dues(root, day.toordinal() + 30)
    assert kept is not None and kept.upcoming(day)[0] == Engine(many).upcoming(day, 30)
    (many.root / "eventflow.toml").write_text(
        (many.root / "eventflow.toml").read_text("utf-8") + "\n", "utf-8")
    assert read_dues(root, day.toordinal() + 30) is None  # the settings changed


def test_remind_plans_the_same_from_the_kept_dues_entries_and_the_engine(many: Any) -> None:
    from eventflow.people import read_directory
    from eventflow.remind import plan

    engine = Engine(many)
    directory = read_directory(many)
    for day in days(4, seed=8):
        found = entries(engine, day)
        kept = read_dues(str(many.root), day.toordinal() + 21)
        assert kept is not None
        sent: dict[str, Any] = {}
        direct = plan(engine, directory, day, 21, sent)
        if direct.messages:  # one key sent before, one unknown: both leave them out
            keys = direct.messages[0].keys
            sent = {keys[0]: {"status": "sent"},
                    keys[-1]: {"status": "sending", "to": "x@example.fi", "message_id": "<m>",
                               "at": "2026-11-27T10:00:00+02:00"}}
            direct = plan(engine, directory, day, 21, sent)
        for other in (plan(engine, directory, day, 21, sent, entries=found),
                      plan(None, directory, day, 21, sent, kept=kept)):
            assert [(m.to, m.keys, m.message_id, m.subject, m.draft and m.draft.body)
                    for m in other.messages] == \
                [(m.to, m.keys, m.message_id, m.subject, m.draft and m.draft.body)
                 for m in direct.messages]
            assert (other.already_sent, other.unassigned, other.unknown) == \
                (direct.already_sent, direct.unassigned, direct.unknown)
            assert {k: [d.to_json() for d in v] for k, v in other.items.items()} == \
                {k: [d.to_json() for d in v] for k, v in direct.items.items()}


@pytest.mark.parametrize("lang", ["fi", "sv", "en", "se"])
def test_dates_are_written_as_the_language_writes_them_without_babel(lang: str) -> None:
    from eventflow.commands_remind import day_writer
    from eventflow.index.refresh import day_samples
    from eventflow.present import day

    writer = day_writer(day_samples()[lang])
    assert writer is not None
    for when in days(60, seed=2) + [dt.date(2030, 1, 1), dt.date(2029, 12, 31)]:
        assert writer(when.isoformat()) == day(when, lang)


def test_a_date_form_the_samples_do_not_show_plainly_is_left_to_babel() -> None:
    from eventflow.commands_remind import _dates, day_writer

    assert day_writer(["2 January 2033", "28 November 2027"]) is None
    assert day_writer(["1.2.2033", "11.28.2027"])("2027-03-08") == "3.8.2027"  # month first
    assert day_writer(["1.2.2033", "28.11.2027"]) is None  # not what the dates are
    assert day_writer("2.1.2033") is None
    assert _dates({"fi": ["x", "y"]})("2027-03-08", "fi") == "8.3.2027"


def test_remind_writes_dates_in_each_readers_language(many: Any, run: Any) -> None:
    from eventflow.remind import TEXTS

    data = json.loads(run("remind", "--days", "60", "--json").stdout)
    checked = set()
    for message in data["messages"]:
        body = message_from_bytes(Path(message["file"]).read_bytes(),
                                  policy=default_policy).get_content()
        lang = message["language"]
        for item in message["items"]:
            due = dt.date.fromisoformat(item["due"])
            written = due.isoformat() if lang == "en" else f"{due.day}.{due.month}.{due.year}"
            assert f"{item['label']}, {TEXTS[lang]['due'].format(due=written)}" in body
        checked.add(lang)
    assert checked == {"fi", "sv", "en"}


def test_the_outbox_keeps_a_file_whose_draft_did_not_change(many: Any, run: Any) -> None:
    assert run("status").exit_code == 0  # the index, fresh
    first = json.loads(run("remind", "--days", "60", "--json").stdout)
    files = {m["address"]: Path(m["file"]) for m in first["messages"]}
    stats = {a: os.stat(p) for a, p in files.items()}
    assert run("remind", "--days", "60").exit_code == 0
    for address, path in files.items():  # the same drafts: the files left as they were
        st = os.stat(path)
        assert (st.st_ino, st.st_mtime_ns) == (stats[address].st_ino, stats[address].st_mtime_ns)
    leena = files["leena.koski@example.fi"]
    leena.write_bytes(b"edited by hand")
    assert run("remind", "--days", "61").exit_code == 0  # other drafts (days), and an edit
    for address, path in files.items():
        assert os.stat(path).st_ino != stats[address].st_ino  # each written again
        msg = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert msg["Message-ID"] and msg.get_content().startswith(("Hei ", "Hej ", "Hello "))
        assert "61" in msg.get_content()


def test_remind_needs_no_engine_when_the_index_vouches(many: Any, run: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import eventflow.cli as cli_module

    assert run("status").exit_code == 0
    expected = run("remind", "--days", "30", "--json").stdout

    def refuse(ctx: Any) -> Any:
        raise AssertionError("the engine was made")

    monkeypatch.setattr(cli_module, "engine", refuse)
    monkeypatch.setattr("eventflow.commands_remind.engine", refuse)
    result = run("remind", "--days", "30", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["messages"] == json.loads(expected)["messages"]
    assert "written" in run("remind", "--days", "30").output


def test_day_samples_are_distinct_numbers() -> None:
    parts = [{d.year, d.month, d.day} for d in map(dt.date.fromisoformat, DAY_SAMPLES)]
    assert all(len(p) == 3 for p in parts)


def test_a_rerun_prints_the_last_runs_plan_only_while_nothing_it_depends_on_changed(
        many: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventflow.remind as remind_module

    assert run("status").exit_code == 0
    first = run("remind", "--days", "30")
    assert first.exit_code == 0 and "written" in first.output
    planned: list[int] = []
    real_plan = remind_module.plan

    def counting(*args: Any, **kwargs: Any) -> Any:
        planned.append(1)
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(remind_module, "plan", counting)
    again = run("remind", "--days", "30")
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr) and not planned
    outbox = many.root / ".eventflow" / "outbox"
    checks = [
        lambda: monkeypatch.setenv("EVENTFLOW_TODAY", "2026-12-03"),  # another day
        lambda: next(outbox.glob("remind-*.eml")).write_bytes(b"edited"),  # a file edited
        lambda: (many.root / "mail").mkdir() or (many.root / "mail" / "sent.jsonl").write_text(
            json.dumps({"status": "sent", "keys": [first_key()]}) + "\n"),  # the sent-log
        lambda: Engine(many).reschedule(
            next(i for i in many.event_ids() if many.load(i).stage == "partner_agreed"),
            dt.date(2027, 12, 1), dry_run=False),  # an event
    ]

    def first_key() -> str:
        data = json.loads(run("remind", "--days", "30", "--json").stdout)
        return str(data["messages"][0]["items"][0]["key"])

    for n, change in enumerate(checks):
        planned.clear()
        change()
        result = run("remind", "--days", "30")
        assert result.exit_code == 0, result.output
        assert planned, n
        # after an event changed, that run judged it (the engine made the index fresh) and
        # the next one plans from the index; from then on the plan is kept
        assert run("remind", "--days", "30").stdout == result.stdout
        planned.clear()
        assert run("remind", "--days", "30").stdout == result.stdout and not planned, n
        expected = json.loads(run("remind", "--days", "30", "--json").stdout)
        for message in expected["messages"]:
            items = message["items"]
            late = sum(1 for i in items if i["overdue"])
            assert f"{message['to']}: {len(items)} item(s), {late} overdue" in result.stdout
            body = message_from_bytes(Path(message["file"]).read_bytes(),
                                      policy=default_policy).get_content()
            assert all(i["command"] in body for i in items)
        assert len(expected["messages"]) == len(result.stdout.splitlines()) - 1


@pytest.mark.parametrize("record", [b"{not json", b"[]", b'{"key": 1}'])
def test_a_kept_record_that_does_not_read_as_written_is_planned_again(
        many: Any, run: Any, record: bytes) -> None:
    assert run("status").exit_code == 0
    first = run("remind", "--days", "30")
    path = many.root / ".eventflow" / "outbox" / ".remind.record.json"
    kept = json.loads(path.read_text("utf-8"))
    kept["summary"]["messages"][0][2] = "many"  # the right key, a wrong shape
    for text in (record, json.dumps(kept).encode()):
        path.write_bytes(text)
        again = run("remind", "--days", "30")
        assert again.exit_code == 0 and again.stdout == first.stdout


def test_a_front_door_prints_the_kept_record_as_the_cli_does(many: Any, run: Any) -> None:
    from eventflow.index.reminders import cached_reminders
    from eventflow.schedule import today

    root, day = str(many.root), today()  # (the walks of the events moved the clock)
    assert run("status").exit_code == 0
    assert cached_reminders(root, ["--days", "30"], day) is None  # nothing kept yet
    printed = run("remind", "--days", "30").stdout
    assert cached_reminders(root, ["--days", "30"], day) == printed
    assert cached_reminders(root, ["--days=30"], day) == printed
    for args in (["--days", "31"], ["--days", "x"], ["--days", "-1"], ["--send"],
                 ["--days", "30", "--json"], ["--days=99999"]):
        assert cached_reminders(root, args, day) is None, args
    assert cached_reminders(root, ["--days", "30"], day + dt.timedelta(days=1)) is None
    default = run("remind").stdout
    assert cached_reminders(root, [], day) == default


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_console_scripts_front_door_answers_remind_as_the_cli(
        many: Any, run: Any, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`eventflow remind` reaches quick.answer first: it prints the kept record as the CLI
    printed it, in the interface language, and leaves anything else to the CLI."""
    import io

    from eventflow import quick

    monkeypatch.setenv("EVENTFLOW_LANG", lang)
    monkeypatch.chdir(many.root)
    assert run("status").exit_code == 0
    out = io.StringIO()
    assert quick.answer(["remind"], out) is None and out.getvalue() == ""  # nothing kept yet
    printed = run("remind").stdout
    assert quick.answer(["remind"], out) == 0 and out.getvalue() == printed
    for args in (["remind", "--send"], ["remind", "--days", "2", "--json"], ["remind", "-h"]):
        quiet = io.StringIO()
        assert quick.answer(args, quiet) is None and quiet.getvalue() == "", args


def _plan_facts(found: Any) -> Any:
    """Everything a plan says: messages (whom, keys, subject, body) with their items, and
    what it leaves out."""
    return ([(m.to, m.keys, m.message_id, m.subject, m.draft and m.draft.body,
              [d.to_json() for d in found.items[m.to]], found.people[m.to].language)
             for m in found.messages],
            found.already_sent, found.unassigned, found.unknown)


def test_after_random_changes_the_kept_rows_plan_what_a_full_plan_does(many: Any) -> None:
    """A seeded run of random changes (ticks, unticks, new dates, an event's own people),
    each followed by a fresh index: the rows remind reads straight from the kept dues are
    KeptDues.upcoming's, and the plan made from them equals the engine's full plan, for
    people who read fi, sv and en."""
    from eventflow.people import read_directory
    from eventflow.remind import kept_rows, plan

    rng = random.Random(13)
    ids = [i for i in many.event_ids() if many.load(i).stage not in ("cancelled", "done")]
    day = dt.date(2026, 11, 27)
    languages: set[str] = set()
    for step in range(12):
        engine = Engine(many)
        target = rng.choice(ids)
        choice = step % 4
        if choice in (0, 1):
            items = engine.tickable(many.load(target))
            if items:
                engine.tick(target, rng.choice(items), note="t", checked=choice == 0)
        elif choice == 2:
            engine.reschedule(target, dt.date(2027, 1, 1) + dt.timedelta(
                days=rng.randint(0, 300)), dry_run=False, force=True)
        else:
            person = rng.choice(["Anna Berg <anna.berg@example.fi>",
                                 "Jussi Mäki <jussi.maki@example.fi>", "uusi@example.fi"])
            engine.change(target, "owner.set", lambda ev, p=person: setattr(
                ev, "owners", {"organiser": [p]}))
        engine = Engine(many)
        directory = read_directory(many)
        for today, horizon in ((day, 14), (day + dt.timedelta(days=rng.randint(0, 200)), 60)):
            entries(engine, today)
            kept = read_dues(str(many.root), today.toordinal() + horizon)
            assert kept is not None
            rows, events = kept_rows(kept, today)
            expected, facts = kept.upcoming(today)
            assert rows == [(r["event"], r["item"], r["label"], r["stage"], r["owner"],
                             r["due"], r["overdue"], r["required"], r["fix"])
                            for r in expected]
            assert events == facts
            full = plan(engine, directory, today, horizon, {})
            fast = plan(None, directory, today, horizon, {}, kept=kept)
            assert _plan_facts(fast) == _plan_facts(full), (step, today)
            languages |= {m[6] for m in _plan_facts(full)[0]}
    assert languages == {"fi", "sv", "en"}


def test_the_front_door_hands_what_it_read_to_the_cli_once(many: Any, run: Any) -> None:
    """When the front door leaves `remind` to the CLI, the CLI takes what it read of the
    index (no second check of every event file), once, and only while the index is the
    file that was read."""
    from eventflow.index.reminders import cached_reminders, kept_summary
    from eventflow.schedule import today

    root, day = str(many.root), today()
    assert run("status").exit_code == 0
    assert cached_reminders(root, [], day) is None  # nothing kept yet: the CLI answers
    handed = kept_summary(root, day, 14)
    assert handed[0] is not None and kept_summary(root, day, 14)[0] is not handed[0]
    assert cached_reminders(root, [], day) is None
    engine = Engine(many)
    target = next(i for i in many.event_ids() if engine.tickable(many.load(i))
                  and many.load(i).stage not in ("done", "cancelled"))
    engine.tick(target, engine.tickable(many.load(target))[0], note="x")
    entries(Engine(many), day)  # a new index: what was read is not taken
    again = kept_summary(root, day, 14)
    assert again[0] is not None and again[0].stamp != handed[0].stamp
