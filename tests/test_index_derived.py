"""The status index's derived verdict data (open items with stage, owner, due date, required
or advice, whether their stage was left, the fix) answers `next`, `remind` and the dashboard
exactly as the engine's own verdict does, on any day, after edits and when only the date
moves."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from eventflow import cachekeys
from eventflow.dashboard import data as dashboard_data
from eventflow.dashboard import site as dashboard_site
from eventflow.engine import Engine
from eventflow.index import entries, state_on, upcoming
from eventflow.index import refresh as index_refresh
from eventflow.index.entry import O_FIX, O_ITEM, O_LABEL, O_OWNER, O_REGRESSION, O_STAGE
from eventflow.judge import ADVICE, BROKEN, NOT_DUE

STAGES = ("partner_agreed", "partner_agreed", "venue", "costs_split", "speakers",
          "invitations", "done")
REGIONS = ("Pirkanmaa", "Uusimaa", "Lappi", "Satakunta", "Kainuu")


@pytest.fixture
def mixed(ef_event: Any, ef_engine: Any, ef_project: Any, monkeypatch: pytest.MonkeyPatch
          ) -> Any:
    """A folder of events at random stages and dates, some items ticked, one cancelled."""
    rng = random.Random(13)
    made = []
    for n in range(9):
        stage = STAGES[n % len(STAGES)]
        date = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        made.append(ef_event(stage, region=REGIONS[n % len(REGIONS)], date=date,
                             title=f"Koulutus {n}"))
    monkeypatch.setenv("EVENTFLOW_TODAY", "2026-11-27")
    ef_engine.tick(made[0].id, "kickoff_meeting", note="met")
    ef_engine.cancel(made[1].id, "no venue")
    # a regression: a stage left, then its data removed
    later = next(e for e in made if e.stage == "costs_split")
    ef_engine.change(later.id, "test.unagree", lambda ev: setattr(ev, "partners", []))
    monkeypatch.setattr(cachekeys, "RACY_NS", -10**12)  # the files count as old: cached
    return ef_project


def days(n: int, seed: int = 5) -> list[dt.date]:
    rng = random.Random(seed)
    return [dt.date(2026, 6, 1) + dt.timedelta(days=rng.randint(0, 700)) for _ in range(n)]


def no_judging(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, an entry made again from its event file fails the test."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an event was judged again: the index was not used")

    monkeypatch.setattr(index_refresh, "_summarize_file", refuse)


def test_next_from_the_index_equals_the_engine_on_any_day(mixed: Any,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    entries(Engine(mixed), dt.date(2026, 11, 27))  # built once
    no_judging(monkeypatch)
    for day in days(12):
        found = entries(Engine(mixed), day)
        for horizon in (0, 14, 60, 400):
            direct = Engine(mixed).upcoming(day, horizon)
            assert upcoming(found, day, horizon) == direct, (day, horizon)
    assert any(r["regression"] for r in direct) and any(not r["required"] for r in direct)


def test_each_open_item_has_the_verdicts_state_fix_and_label(mixed: Any) -> None:
    engine = Engine(mixed)
    found = {e.id: e for e in entries(engine, dt.date(2026, 11, 27))}
    seen: set[str] = set()
    for day in days(10, seed=7):
        for event_id in mixed.event_ids():
            verdict = engine.judge(mixed.load(event_id), day, vetoes=False)
            open_reqs = [r for r in verdict.requirements if not r.met] \
                if verdict.status == "active" else []
            items = found[event_id].open_items()
            assert [o[O_ITEM] for o in items] == [r.item.id for r in open_reqs]
            for o, r in zip(items, open_reqs, strict=True):
                state = state_on(o, day.toordinal())
                seen.add(state)
                assert state == r.state, (event_id, r.item.id, day)
                assert (o[O_STAGE], o[O_OWNER], o[O_FIX], o[O_LABEL]) == \
                    (r.item.stage, r.item.owner, r.fix, r.item.text(engine.lang))
                assert bool(o[O_REGRESSION]) == r.regression
    assert seen == {NOT_DUE, BROKEN, ADVICE}


def test_an_edit_is_seen_and_only_that_event_is_judged_again(mixed: Any,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    day = dt.date(2026, 11, 27)
    entries(Engine(mixed), day)
    engine = Engine(mixed)
    target = next(i for i in mixed.event_ids() if mixed.load(i).stage == "partner_agreed")
    engine.tick(target, "kickoff_meeting", note="met")
    engine.reschedule(target, dt.date(2027, 12, 1), dry_run=False)
    judged: list[str] = []
    real = index_refresh._summarize_file

    def counting(engine: Any, event_id: str, *args: Any) -> Any:
        judged.append(event_id)
        return real(engine, event_id, *args)

    monkeypatch.setattr(index_refresh, "_summarize_file", counting)
    for later in (day, dt.date(2027, 11, 20)):
        assert upcoming(entries(Engine(mixed), later), later, 30) == \
            Engine(mixed).upcoming(later, 30)
    assert judged == [target]


def test_remind_plans_the_same_messages_from_the_index(mixed: Any) -> None:
    from eventflow.people import read_directory
    from eventflow.remind import plan

    settings = mixed.root / "eventflow.toml"
    settings.write_text(settings.read_text("utf-8") + """
[owners]
organiser = "Leena Koski <leena.koski@example.fi>"
partner = ["Leena Koski <leena.koski@example.fi>", "Anna Berg <anna.berg@example.fi>"]
venue_lead = "Jussi Mäki <jussi.maki@example.fi>"

[people."anna.berg@example.fi"]
language = "sv"
""", "utf-8")
    event_id = mixed.event_ids()[0]
    Engine(mixed).change(event_id, "owner.set", lambda ev: setattr(
        ev, "owners", {"organiser": ["Anna Berg <anna.berg@example.fi>"]}))
    engine = Engine(mixed)
    directory = read_directory(mixed)
    for day in days(4, seed=11):
        sent = {}
        direct = plan(engine, directory, day, 21, sent)
        if direct.messages:  # one key sent before: skipped by both
            sent = {direct.messages[0].keys[0]: {"status": "sent"}}
            direct = plan(engine, directory, day, 21, sent)
        indexed = plan(engine, directory, day, 21, sent, entries=entries(engine, day))
        assert [(m.to, m.keys, m.message.get_content()) for m in indexed.messages] == \
            [(m.to, m.keys, m.message.get_content()) for m in direct.messages]
        assert (indexed.already_sent, indexed.unassigned, indexed.unknown) == \
            (direct.already_sent, direct.unassigned, direct.unknown)
        assert {k: [d.to_json() for d in v] for k, v in indexed.items.items()} == \
            {k: [d.to_json() for d in v] for k, v in direct.items.items()}
    assert any("Koulutus" in m.message.get_content() for m in indexed.messages)
    assert any(p.language == "sv" for p in indexed.people.values())


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_dashboard_rows_from_the_index_equal_the_engines(mixed: Any, lang: str) -> None:
    engine = Engine(mixed)
    for day in days(5, seed=3):
        horizon = day + dt.timedelta(days=30)
        found = entries(engine, day)
        labels = dashboard_site._labels(engine, found, lang)
        for entry in found:
            event = mixed.load(entry.id)
            direct = dashboard_data.event_row(
                event, dashboard_data.judgement(engine, event, day, lang), day, horizon)
            assert dashboard_data.index_row(entry, day, horizon,
                                            labels.get(entry.field("pin")[2])) == direct


def test_the_rows_written_in_python_are_the_templates(mixed: Any) -> None:
    from markupsafe import Markup

    engine = Engine(mixed)
    day = dt.date(2027, 2, 1)
    horizon = day + dt.timedelta(days=30)
    for lang in ("fi", "sv", "en"):
        env = dashboard_site.environment(lang)
        t = dashboard_site.texts(lang)
        rows = []
        for n, entry in enumerate(entries(engine, day)):
            row = dashboard_data.index_row(entry, day, horizon)
            row.update(stage_label="Vaihe <1>", href=f"{entry.id}.html", progress=n * 7)
            if n == 0:  # hostile text is shown as text
                row.update(title='<script>alert(1)</script>\u202e"&', organisation="A & B",
                           organisations=["<b>", "x\u200fy"], owners=["o&o"])
            rows.append(row)
        expected = env.get_template("overview_rows").render(rows=dashboard_site.wrap(rows))
        assert dashboard_site.overview_rows(rows, t, env.globals["day"]) == expected
        items = [{**i, "href": "a&b.html"} for r in rows for i in r["upcoming"]]
        items[0]["label"] = "<i>\u202e"
        expected = env.get_template("next30_rows").render(items=dashboard_site.wrap(items))
        assert dashboard_site.next30_rows(items, t, env.globals["day"]) == expected
        assert "<script>" not in str(Markup(dashboard_site.overview_rows(rows, t, str)))


def test_plan_key_sends_new_and_refused_skips_sent_and_holds_unknown() -> None:
    from eventflow.mail import HOLD, SEND, SKIP, plan_key

    states = {"a": {"status": "sent"}, "b": {"status": "sending", "to": "x@y.fi",
                                             "message_id": "<m>", "at": "2026-11-27"},
              "c": {"status": "failed"}}
    assert plan_key(states, "a") == (SKIP, {})
    assert plan_key(states, "a", retry_unknown=True) == (SKIP, {})
    assert plan_key(states, "b") == (HOLD, {"key": "b", "to": "x@y.fi", "message_id": "<m>",
                                            "at": "2026-11-27"})
    assert plan_key(states, "b", retry_unknown=True) == (SEND, {})
    assert plan_key(states, "c") == (SEND, {})
    assert plan_key(states, "new") == (SEND, {})
