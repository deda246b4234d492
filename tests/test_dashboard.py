"""`eventflow dashboard --html DIR`: the site's content, its safety and its folder rules
(the pages in a real browser: tests/test_dashboard_browser.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from eventflow.dashboard import MARKER
from eventflow.dashboard.templates import PAIRS, PALETTE

HOSTILE = "<script>alert('x')</script> Ilta \u202eevil\u202c & <b>bold</b>"


@pytest.fixture
def planning(run: Any, ef_event: Any, ef_engine: Any) -> dict[str, Any]:
    """Three events: one hostile title, one further on, one cancelled."""
    a = ef_event(title=HOSTILE)
    b = ef_event("speakers", date=dt.date(2027, 2, 10), region="Uusimaa",
                 title="Hyvät väestösuhteet – Uusimaa")
    c = ef_event(date=dt.date(2027, 4, 1), region="Lappi", title="Lappi")
    assert run("cancel", c.id, "--reason", "no venue").exit_code == 0
    return {"ids": [a.id, b.id, c.id], "hostile": a.id, "later": b.id, "cancelled": c.id}


def test_the_site_has_every_event_its_counts_and_the_pages(run: Any, planning: dict[str, Any],
                                                            tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("dashboard", "--html", str(site), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "3 events" in result.output
    index = (site / "index.html").read_text("utf-8")
    for event_id in planning["ids"]:
        assert f'id="ev-{event_id}"' in index
        assert (site / "events" / f"{event_id}.html").is_file()
    assert re.search(r'id="count-events">3<', index)
    assert '<html lang="en">' in index
    assert (site / "next30.html").is_file() and (site / "workflow.html").is_file()
    page = (site / "events" / f"{planning['later']}.html").read_text("utf-8")
    assert "<svg" in page and 'class="stage current" data-stage="speakers"' in page
    for state in ("kept", "not yet due"):
        assert f"st-{state.replace(' ', '-')}" in page
    assert "History" in page and "Policy" in page
    assert "http://" not in index.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in index


def test_hostile_titles_are_text(run: Any, planning: dict[str, Any], tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("dashboard", "--html", str(site)).exit_code == 0
    for path in (site / "index.html", site / "events" / f"{planning['hostile']}.html"):
        html = path.read_text("utf-8")
        assert "<script>alert" not in html and "<b>bold" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert "\u202e" not in html and "\\u202e" in html


def test_a_folder_with_other_files_is_refused_unless_forced(run: Any, planning: dict[str, Any],
                                                           tmp_path: Path) -> None:
    site = tmp_path / "mine"
    site.mkdir()
    (site / "notes.txt").write_text("keep me")
    result = run("dashboard", "--html", str(site))
    assert result.exit_code == 1
    # the folder speaks Finnish: so does the refusal
    assert "on jo muita tiedostoja (notes.txt)" in result.output and "--force" in result.output
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt"]
    assert run("dashboard", "--html", str(site), "--force").exit_code == 0
    assert (site / "notes.txt").read_text() == "keep me" and (site / "index.html").is_file()
    assert (site / MARKER).is_file()
    # a previous dashboard is simply written again
    assert run("dashboard", "--html", str(site)).exit_code == 0
    file = tmp_path / "file"
    file.write_text("x")
    assert "is a file" in run("dashboard", "--html", str(file)).output


def test_a_failed_build_leaves_the_previous_site(run: Any, planning: dict[str, Any],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert run("dashboard", "--html", str(site)).exit_code == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    from eventflow.dashboard import site as site_module

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(site_module, "_site_pages", broken)
    with pytest.raises(RuntimeError):
        run("dashboard", "--html", str(site))
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_unchanged_events_keep_their_page_and_a_change_is_shown(run: Any,
                                                               planning: dict[str, Any],
                                                               tmp_path: Path) -> None:
    import os
    import time

    from eventflow.dashboard import site as site_module

    site = tmp_path / "site"
    # the event files were written just now: back-date them past the cache's racy window
    old = time.time() - 60
    for path in Path(run("where").output.strip()).rglob("*"):
        os.utime(path, (old, old))
    assert "3 pages made" in run("dashboard", "--html", str(site)).output
    marker = (site / MARKER).read_text("utf-8")
    marker = re.sub(r'"written_ns":\d+', f'"written_ns":{time.time_ns()}', marker)
    (site / MARKER).write_text(marker, "utf-8")
    assert "0 pages made, 3 unchanged" in run("dashboard", "--html", str(site)).output
    assert run("check", planning["later"], "kickoff_meeting").exit_code == 0
    out = run("dashboard", "--html", str(site)).output
    assert "1 page made, 2 unchanged" in out
    assert site_module.FORMAT == 1


@pytest.mark.parametrize("lang,word", [("fi", "Yleiskuva"), ("sv", "Översikt"),
                                       ("en", "Overview")])
def test_pages_are_in_the_language_asked(run: Any, planning: dict[str, Any], tmp_path: Path,
                                         lang: str, word: str) -> None:
    site = tmp_path / lang
    assert run("dashboard", "--html", str(site), "--lang", lang).exit_code == 0
    index = (site / "index.html").read_text("utf-8")
    assert f'<html lang="{lang}">' in index and word in index
    if lang == "fi":
        assert "10.2.2027" in index  # Babel's Finnish date
    if lang == "sv":
        assert "10 feb. 2027" in index


def test_the_diagram_names_every_stage_and_its_guards(ef_engine: Any) -> None:
    from eventflow.dashboard.svg import workflow_svg

    wf = ef_engine.workflow("good-relations-training")
    svg = workflow_svg(wf, "en", current="venue")
    assert svg.startswith("<svg") and "<title" in svg and "<desc" in svg
    for stage in wf.stages:
        assert f'data-stage="{stage.id}"' in svg
        for item in stage.items:
            if item.required:
                assert item.id in svg
    assert svg.count('class="stage current"') == 1
    assert "current stage" in svg


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_every_text_colour_has_aa_contrast() -> None:
    from eventflow.dashboard.svg import BORDER, CURRENT_FILL, CURRENT_INK, INK, MUTED

    pairs = [(PALETTE[a], PALETTE[b]) for a, b in PAIRS]
    pairs += [(CURRENT_INK, CURRENT_FILL), (INK, "#f4f6f9"), (MUTED, "#f4f6f9"),
              (MUTED, "#ffffff"), (BORDER, "#ffffff")]
    for fg, bg in pairs:
        hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (fg, bg)
    from eventflow.dashboard.templates import STYLE

    for colour in set(re.findall(r"color:(#[0-9a-f]{6})", STYLE)):
        hi, lo = sorted((_luminance(colour), _luminance("#ffffff")), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, colour


def test_the_adapter_gives_every_requirement_a_state(ef_engine: Any, ef_event: Any) -> None:
    from eventflow.dashboard.data import judgement

    event = ef_event("venue")
    early = judgement(ef_engine, event, dt.date(2026, 11, 27))
    late = judgement(ef_engine, event, dt.date(2027, 3, 17))
    states = {"kept", "waived", "not yet due", "broken", "advice not followed"}
    assert {r["state"] for r in early["requirements"]} <= states
    assert early["stage"] == "venue" and early["status"] == "active"
    venue_items = [r for r in late["requirements"] if r["stage"] == "venue" and r["required"]]
    assert any(r["state"] == "broken" and r["fix"] for r in venue_items)


def test_watch_rebuilds_when_a_file_changes(tmp_path: Path) -> None:
    import threading
    import time

    from eventflow.dashboard.watch import watch_folder

    root = tmp_path / "planning"
    (root / "events").mkdir(parents=True)
    calls: list[int] = []
    thread = threading.Thread(target=watch_folder,
                              args=(root, tmp_path / "site", lambda: calls.append(1)),
                              kwargs={"interval": 0.05, "rounds": 8})
    thread.start()
    time.sleep(0.12)
    (root / "events" / "new.toml").write_text("x")
    thread.join()
    assert calls == [1]


def test_help_has_an_example(run: Any) -> None:
    result = run("dashboard", "--help")
    assert result.exit_code == 0 and "eventflow dashboard --html site/" in result.output


def test_policy_report_in_swedish_with_an_event_beside_each_rule(run: Any, ef_event: Any,
                                                                tmp_path: Path) -> None:
    event = ef_event("venue")
    page = tmp_path / "policy.html"
    result = run("policy", "report", "--html", str(page), "--lang", "sv", "--event", event.id)
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    assert '<html lang="sv">' in html and "Sammanfattning" in html and "Innehåll" in html
    assert f"Bedömning av {event.id}" in html
    assert f"{event.id}: uppfyllt" in html  # R1 (a partner) is kept at the venue stage
    assert 'class="stage current" data-stage="venue"' in html
    assert "regler overifierade" in html
    missing = run("policy", "report", "--html", str(page), "--event", "nosuch")
    assert missing.exit_code == 1 and "nosuch" in missing.output


def test_event_page_links_its_outputs_and_shows_an_unreadable_history_line(
        run: Any, planning: dict[str, Any], tmp_path: Path) -> None:
    folder = Path(run("where").output.strip())
    event_dir = folder / "events" / planning["later"]
    (event_dir / "outputs" / "venue").mkdir(parents=True)
    (event_dir / "outputs" / "venue" / "venue_sheet.md").write_text("# venue")
    with open(event_dir / "history.jsonl", "a", encoding="utf-8") as fh:
        fh.write("<<<<<<< HEAD\n")
    site = tmp_path / "site"
    result = run("dashboard", "--html", str(site), "--lang", "en")
    assert result.exit_code == 0, result.output
    page = (site / "events" / f"{planning['later']}.html").read_text("utf-8")
    href = re.search(r'<a href="([^"]+venue_sheet\.md)">', page)
    assert href, page
    assert (site / "events" / href.group(1)).resolve() == \
        (event_dir / "outputs" / "venue" / "venue_sheet.md").resolve()
    assert "unreadable" in page and "merge conflict marker" in page


def test_print_and_phone_styles_are_there() -> None:
    from eventflow.dashboard.templates import STYLE

    assert "@media print" in STYLE and "size:A4" in STYLE
    assert "@media (max-width:700px)" in STYLE


@pytest.mark.parametrize("lang,one,many", [
    ("en", "wrote s/index.html (1 event; 1 page made, 1 unchanged)",
     "wrote s/index.html (12 events; 2 pages made, 10 unchanged)"),
    ("fi", "kirjoitettu s/index.html (1 tilaisuus; 1 sivu tehty, 1 ennallaan)",
     "kirjoitettu s/index.html (12 tilaisuutta; 2 sivua tehty, 10 ennallaan)"),
    ("sv", "skrev s/index.html (1 tillställning; 1 sida gjord, 1 oförändrad)",
     "skrev s/index.html (12 tillställningar; 2 sidor gjorda, 10 oförändrade)"),
])
def test_the_build_counts_in_the_right_number(lang: str, one: str, many: str) -> None:
    from eventflow.commands_dashboard import wrote
    from eventflow.i18n import speaking

    with speaking(lang):
        assert wrote(Path("s"), {"events": 1, "rendered": 1, "kept": 1}) == one
        assert wrote(Path("s"), {"events": 12, "rendered": 2, "kept": 10}) == many
