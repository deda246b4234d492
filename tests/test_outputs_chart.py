"""The impact report's chart (issue 11 point 6): drawn from the feedback aggregates and the
registrations, an SVG beside the report in each language, linked with a text alternative
from the Markdown and HTML reports, the same bytes for the same data; no chart and a clear
sentence without feedback; matplotlib loaded only when a chart is drawn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventflow.event import Feedback, FeedbackTheme, FreeTextQuestion, ScaleQuestion
from eventflow.outputs import render_outputs

PARTICIPANTS = (
    '[[participants]]\nname = "A"\norganisation = "Kotipesä ry"\ntarget_group = "ngo"\n'
    'attended = true\n'
    '[[participants]]\nname = "B"\norganisation = "Tampereen kaupunki"\n'
    'target_group = "authority_local_regional"\nattended = false\n'
    '[[participants]]\nname = "C"\norganisation = "Kotipesä ry"\ntarget_group = "ngo"\n'
    'attended = true\n')


def feedback() -> Feedback:
    return Feedback(source="palaute.csv", responses=2, scales=[
        ScaleQuestion(key="overall", question="Kokonaisarvio", answers=2, mean=4.5,
                      distribution={"4": 1, "5": 1}),
        ScaleQuestion(key="speakers", question="Puhujat", answers=2, mean=4.0),
        ScaleQuestion(key="what_relations", question="Ymmärrän…", answers=2, mean=3.5),
        ScaleQuestion(key="tila_lämpö", question="Tilan lämpötila", answers=2, mean=2.5),
    ], free_texts=[FreeTextQuestion(key="free", question="Vapaa palaute", answers=2,
                                    themes=[FeedbackTheme(theme="keskustelu", count=2)])])


@pytest.fixture
def followed_up(ef_engine, ef_event):
    event = ef_event("follow_up", languages=("fi", "sv"))
    folder = ef_engine.project.event_dir(event.id)
    (folder / "participants.toml").write_text(PARTICIPANTS, "utf-8")

    def record(ev):
        ev.feedback = feedback()

    ef_engine.change(event.id, "feedback.import", record, {})
    return event, folder / "outputs" / "follow_up"


def test_the_chart_beside_the_report_in_every_language(ef_engine, followed_up):
    event, out = followed_up
    report = render_outputs(ef_engine, event.id, stages=["follow_up"],
                            languages=["fi", "sv", "en"])
    assert report.ok, [r.error for r in report.results]
    impact = next(r for r in report.results if r.id == "impact_report")
    assert {p.name for p in impact.files} == {
        f"impact-report{part}-{lang}.{ext}" for lang in ("fi", "sv", "en")
        for part, ext in (("", "md"), ("", "html"), ("-chart", "svg"))}
    words = {"fi": ["Palautteen keskiarvot asteikolla 1–5", "Ilmoittautuneet", "Paikalla",
                    "Kokonaisarvio", "Puhujat", "järjestötoimijat", "4,5"],
             "sv": ["Responsens medelvärden på skalan 1–5", "Anmälda", "Närvarande",
                    "Helhetsbedömning", "Talarna", "4,5"],
             "en": ["Feedback means on the scale 1–5", "Registered", "Attended",
                    "Overall rating", "Speakers", "NGO actors", "4.5"]}
    for lang, expected in words.items():
        svg = (out / f"impact-report-chart-{lang}.svg").read_text("utf-8")
        assert svg.startswith("<?xml") and '<svg role="img"' in svg
        assert "<title>" in svg and "<desc>" in svg
        for word in expected:  # text stays text (svg.fonttype none): readable and searchable
            assert word in svg, (lang, word)
        assert "Matplotlib v" not in svg and "<dc:date>" not in svg
        markdown = (out / f"impact-report-{lang}.md").read_text("utf-8")
        assert f"](impact-report-chart-{lang}.svg)" in markdown
        alt = markdown.split("![", 1)[1].split("](", 1)[0]
        assert alt and alt in svg  # the image's alt text is the SVG's description
        html = (out / f"impact-report-{lang}.html").read_text("utf-8")
        assert f'<img src="impact-report-chart-{lang}.svg" alt="' in html
        assert f'<html lang="{lang}">' in html
    fi = (out / "impact-report-fi.md").read_text("utf-8")
    # every figure the chart shows is in the text too: the alt text says so
    assert "Kokonaisarvio 4,5/5." in fi
    assert "- Puhujat 4/5" in fi and "- Tilan lämpötila 2,5/5" in fi
    assert "- Ymmärrän, mistä väestösuhteissa on kysymys. 3,5/5" in fi
    assert "| järjestötoimijat | 2 | 2 |" in fi


def test_the_chart_is_the_same_bytes_for_the_same_data(ef_engine, followed_up):
    event, out = followed_up
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    first = {p.name: p.read_bytes() for p in out.glob("*.svg")}
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    assert first and first == {p.name: p.read_bytes() for p in out.glob("*.svg")}

    def better(ev):
        ev.feedback.scales[0].mean = 4.8

    ef_engine.change(event.id, "feedback.import", better, {})
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    assert (out / "impact-report-chart-fi.svg").read_bytes() != first["impact-report-chart-fi.svg"]


@pytest.mark.parametrize("lang,sentence", [
    ("fi", "Palautetta ei ole kirjattu, joten raportissa ei ole palautekaaviota."),
    ("sv", "Ingen respons har antecknats, så rapporten har inget diagram över responsen."),
    ("en", "No feedback recorded, so the report has no feedback chart."),
])
def test_no_feedback_no_chart_and_a_sentence_saying_so(ef_engine, ef_event, lang, sentence):
    event = ef_event("follow_up", languages=(lang,))
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    out = ef_engine.project.event_dir(event.id) / "outputs" / "follow_up"
    assert not list(out.glob("*.svg"))
    text = (out / f"impact-report-{lang}.md").read_text("utf-8")
    assert sentence in text and "![" not in text
    assert "<img" not in (out / f"impact-report-{lang}.html").read_text("utf-8")


def test_an_old_chart_goes_when_the_feedback_is_cleared(ef_engine, followed_up):
    event, out = followed_up
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    assert (out / "impact-report-chart-fi.svg").exists()

    def clear(ev):
        ev.feedback = Feedback()

    ef_engine.change(event.id, "feedback.clear", clear, {})
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    assert not list(out.glob("*.svg"))


PROBE = """
import sys
from eventflow.quick import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("MATPLOTLIB=" + str("matplotlib" in sys.modules) + "\\n")
"""


def loads_matplotlib(cwd: Path, *args: str) -> bool:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_TODAY="2027-06-10", EVENTFLOW_USER="t")
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    line = next(x for x in result.stderr.splitlines() if x.startswith("MATPLOTLIB="))
    return line.endswith("True")


def test_matplotlib_is_loaded_only_to_draw_a_chart(ef_engine, followed_up, ef_event):
    event, _ = followed_up
    other = ef_event("venue")
    root = Path(ef_engine.project.root)
    assert not loads_matplotlib(root, "--help")
    assert not loads_matplotlib(root, "status")
    assert not loads_matplotlib(root, "outputs", other.id)            # no impact report
    assert loads_matplotlib(root, "outputs", event.id, "--stage", "follow_up")
    manifest = json.loads((root / "events" / event.id / "outputs" / "manifest.json")
                          .read_text("utf-8"))
    assert "impact-report-chart-fi.svg" in manifest["outputs"]["follow_up/impact_report"]["files"]
