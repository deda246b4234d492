"""Every document of the demo events, read as a reader would (issue 11, points 2, 3, 4, 10).

The bundled demo (``eventflow.demo.build``, the folder ``make demo`` makes) is built with a
fixed "today", and every output of every stage of its events is rendered in fi, sv and en.
Each file is checked for what a reader would stumble on, and compared with its snapshot under
``tests/snapshots/demo/``: a wording change shows in review as a diff of those files.

Update the snapshots after an intended change with::

    EVENTFLOW_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_outputs_demo.py
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import re
from pathlib import Path

import icalendar
import pytest

from eventflow.engine import Engine
from eventflow.outputs import render_outputs
from eventflow.store import Project

TODAY = dt.date(2026, 11, 27)
LANGS = ("fi", "sv", "en")
SNAPSHOTS = Path(__file__).parent / "snapshots" / "demo"
UPDATE = os.environ.get("EVENTFLOW_UPDATE_SNAPSHOTS") == "1"

# English words of eventflow's own texts that must never reach a Finnish or Swedish document
ENGLISH = ["the", "and", "with", "of", "not", "recorded", "Programme", "Speaker", "Date",
           "Venue", "Time", "Registration", "Invitation", "Welcome", "Dear", "Kind regards",
           "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
           "January", "February", "March", "April", "June", "July", "August", "September",
           "October", "November", "December", "am", "pm", "MISSING", "TRANSLATION", "None",
           "Opening", "Coffee", "Closing", "contact person", "organiser"]
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
MARKDOWN_RE = re.compile(r"(\*\*|__|^#{1,6} |\]\(|^\|.*\||^ {0,3}[-*] )", re.M)
ISO_DATE_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
COLON_TIME_RE = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
DOT_TIME_RE = re.compile(r"(?<![€\d,.])\b\d{1,2}\.\d{2}\b(?![.\d])")
PADDED_DATE_RE = re.compile(r"\b0\d\.\d{1,2}\.\d{4}\b|\b\d{1,2}\.0\d\.\d{4}\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo folder, every output of every event and stage rendered in fi, sv, en."""
    from eventflow.demo import build

    folder = tmp_path_factory.mktemp("demo") / "planning"
    with pytest.MonkeyPatch.context() as mp:
        for name, value in (("EVENTFLOW_LOAD_PLUGINS", ""), ("EVENTFLOW_USER", "demo"),
                            ("EVENTFLOW_TODAY", TODAY.isoformat()),
                            ("EVENTFLOW_DIR", str(folder))):
            mp.setenv(name, value)
        build(folder, TODAY)
        engine = Engine(Project(folder))
        reports = {}
        for event_id in engine.project.event_ids():
            workflow = engine.workflow_for(engine.load(event_id))
            reports[event_id] = render_outputs(engine, event_id, stages=workflow.stage_ids,
                                               languages=list(LANGS))
    return folder, reports


def documents(folder: Path) -> dict[str, str]:
    """Every rendered file as the text a reader sees: an .eml as its plain-text and HTML
    parts, a calendar file as its description. Keyed by path under events/."""
    found: dict[str, str] = {}
    for path in sorted((folder / "events").glob("*/outputs/*/*")):
        if path.name == "manifest.json":
            continue
        key = str(path.relative_to(folder / "events"))
        if path.suffix == ".eml":
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            found[key + ".txt"] = "\n".join([
                f"From: {msg['From'] or '-'}", f"Subject: {msg['Subject']}", "",
                msg.get_body(("plain",)).get_content()])
            found[key + ".html"] = msg.get_body(("html",)).get_content()
        elif path.suffix == ".ics":
            (vevent,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            found[key + ".txt"] = "\n".join(
                f"{name}: {vevent.get(name)}" for name in
                ("summary", "location", "organizer", "uid", "sequence", "description")
                if vevent.get(name) is not None)
        elif path.suffix == ".svg":  # a chart: the words a reader sees (title, desc, labels)
            import xml.etree.ElementTree as ET

            root = ET.fromstring(path.read_bytes())
            found[key + ".txt"] = "\n".join(
                " ".join(node.itertext()).strip() for node in root.iter()
                if node.tag.rsplit("}", 1)[-1] in ("title", "desc", "text")
                and "".join(node.itertext()).strip())
        else:
            found[key] = path.read_bytes().decode("utf-8-sig")
    return found


def lang_of(key: str) -> str:
    match = re.search(r"-(fi|sv|en)\.[a-z]+(\.[a-z]+)?$", key)
    assert match, key
    return match.group(1)


def test_every_output_of_every_stage_is_made(demo):
    _, reports = demo
    for event_id, report in reports.items():
        for result in report.results:
            assert result.ok, (event_id, result.error)
            if result.nothing is None:
                assert result.files, (event_id, result.id)


def test_documents_read_as_finished_text(demo):
    folder, _ = demo
    problems = []
    for key, text in documents(folder).items():
        lang = lang_of(key)

        def problem(what: str, key: str = key) -> None:
            problems.append(f"{key}: {what}")

        if not text.strip():
            problem("empty")
        for bad in ("None", "{{", "}}", "{%", "%}"):
            if bad in text:
                problem(f"contains {bad!r}")
        if lang in ("fi", "sv"):
            for match in ENGLISH_RE.finditer(text):
                problem(f"English word {match.group()!r} in a {lang} document")
        if key.endswith(".eml.txt"):
            for match in MARKDOWN_RE.finditer(text):
                problem(f"Markdown {match.group()!r} in the plain-text part")
        if key.endswith((".ics.txt",)):
            continue
        for match in ISO_DATE_RE.finditer(text):
            if not re.search(r"[\w-]" + re.escape(match.group()), text):  # not in a name
                problem(f"ISO date {match.group()} in running text")
        if lang in ("fi", "sv"):
            for match in COLON_TIME_RE.finditer(text):
                problem(f"time {match.group()!r} not in the {lang} format (9.15)")
            for match in PADDED_DATE_RE.finditer(text):
                problem(f"date {match.group()!r} not in the {lang} format (18.3.2027)")
        else:
            for match in DOT_TIME_RE.finditer(text):
                problem(f"time {match.group()!r} not in the English format (9:15 am)")
    assert not problems, "\n".join(problems[:40])


def test_texts_stay_in_their_language(demo):
    folder, _ = demo
    docs = documents(folder)
    fi_only, sv_only = "Tampere-talolle pääsee", "Tammerforshuset har"
    for key, text in docs.items():
        lang = lang_of(key)
        assert (fi_only in text) <= (lang == "fi"), key
        assert (sv_only in text) <= (lang == "sv"), key
    invitation = next(t for k, t in docs.items() if k.endswith("invitation-en.md")
                      and k.startswith("pirkanmaa"))
    assert "[TRANSLATION MISSING]" in invitation  # the event has no English accessibility text
    assert "Birkaland" in next(t for k, t in docs.items() if k.endswith("invitation-sv.md")
                               and k.startswith("pirkanmaa"))


def test_missing_translation_is_warned(demo):
    _, reports = demo
    warnings = [w for report in reports.values() for w in report.warnings]
    assert any("accessibility_info has no English text" in w for w in warnings), warnings


def test_snapshots(demo):
    folder, _ = demo
    docs = documents(folder)
    if UPDATE:
        if SNAPSHOTS.exists():
            for old in sorted(SNAPSHOTS.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        for key, text in docs.items():
            target = SNAPSHOTS / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        return
    stored = {str(p.relative_to(SNAPSHOTS)) for p in SNAPSHOTS.rglob("*") if p.is_file()}
    assert stored == set(docs), ("documents added or gone; review and update with "
                                 "EVENTFLOW_UPDATE_SNAPSHOTS=1", sorted(stored ^ set(docs)))
    changed = [key for key, text in docs.items()
               if (SNAPSHOTS / key).read_bytes().decode("utf-8") != text]
    assert not changed, ("wording changed; review the diff and update with "
                         "EVENTFLOW_UPDATE_SNAPSHOTS=1", changed)
