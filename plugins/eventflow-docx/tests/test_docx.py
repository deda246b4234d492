"""The Word documents, opened with python-docx and read the way an office reader would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from eventflow.cli import cli
from eventflow.testing import walk_to


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def planned(ef_project: Any, ef_activate: Any) -> Any:
    from eventflow import Engine, Project

    ef_activate("docx", settings={"docx": {"signature": "Tampereen kaupunki, hyvinvointi"}})
    eng = Engine(Project(ef_project.root))
    event = eng.create("Hyvät väestösuhteet – Pirkanmaa", dt.date(2027, 3, 18), "Pirkanmaa",
                       ["fi", "sv", "en"])
    walk_to(eng, event.id, "panel_questions")

    def render(stage: str, *, all_ok: bool = True) -> Path:
        result = CliRunner().invoke(cli, ["--dir", str(ef_project.root), "outputs", event.id,
                                          "--stage", stage], catch_exceptions=False)
        if all_ok:
            assert result.exit_code == 0, result.output
        assert "✗" not in "".join(line for line in result.output.splitlines()
                                  if "docx" in line), result.output
        return eng.project.event_dir(event.id) / "outputs" / stage

    return eng, event.id, render


def test_invitation_in_every_language(planned: Any) -> None:
    _, _, render = planned
    folder = render("invitations")
    fi = text_of(folder / "invitation-fi.docx")
    sv = text_of(folder / "invitation-sv.docx")
    en = text_of(folder / "invitation-en.docx")
    assert "Tervetuloa koulutuspäivään hyvistä väestösuhteista" in fi
    assert "Aika: 18.3.2027" in fi
    assert "Paikka: Kaupungintalo, Keskustori 1" in fi
    assert "asenteet\nturvallisuuden tunne\nvuorovaikutus\nosallisuus" in fi
    assert "Ilmoittaudu viimeistään 15.3.2027." in fi
    assert "09:15 | Asiantuntijapuheenvuoro | Laura Niemi, OM" in fi
    assert "Välkommen till en utbildningsdag om goda relationer" in sv
    assert "attityder\ntrygghetskänsla\nväxelverkan\ndelaktighet" in sv
    assert "You are invited to a training day on good population relations" in en
    assert "Register by 2027-03-15." in en
    assert "Step-free access, hearing loop." in en
    assert "Questions about accessibility: Leena Koski." in en
    assert "Registration data is used only to organise the event and is deleted after it. " \
           "Controller: joint controllers (GDPR Article 26)." in en


def test_agreement_memo_lists_parties_and_the_six_topics(planned: Any) -> None:
    _, _, render = planned
    folder = render("partner_agreed")
    en = text_of(folder / "agreement-memo-en.docx")
    assert "Co-organising agreement memo" in en
    assert "Alueellinen ETNO | authority | Leena Koski, leena@example.fi" in en
    for topic in ("Date", "Venue", "Cost sharing", "Programme", "Who sends the invitations",
                  "Who receives the registrations"):
        assert f"\n{topic} | agreed: " in en, topic
    assert "The registration data is handled as agreed: joint controllers (GDPR Article 26)." \
        in en
    fi = text_of(folder / "agreement-memo-fi.docx")
    assert "Yhteistyömuistio" in fi and "Kustannusten jakaminen | agreed: cost_sharing" in fi


def test_a_letter_per_speaker_with_fee_or_ex_officio(planned: Any) -> None:
    _, _, render = planned
    folder = render("speakers")
    letters = sorted(p.name for p in folder.glob("speaker-letter-*.docx"))
    assert letters == [f"speaker-letter-s{i}-{lang}.docx" for i in range(1, 5)
                       for lang in ("en", "fi", "sv")]
    expert = text_of(folder / "speaker-letter-s1-en.docx")
    assert "Dear Laura Niemi," in expert
    assert "Your slot: Expert talk, starting at 09:15, 40 minutes." in expert
    assert "You speak ex officio, so no fee is paid for the talk." in expert
    assert expert.rstrip().endswith("Tampereen kaupunki, hyvinvointi")
    comment = text_of(folder / "speaker-letter-s3-fi.docx")
    assert "Hyvä Amina Yusuf," in comment
    assert "Puheenvuorosta maksetaan palkkio 150,00 €." in comment


def test_hostile_text_is_harmless(planned: Any) -> None:
    eng, event_id, render = planned

    def hostile(ev: Any) -> None:
        ev.speakers[0].name = "=HYPERLINK(\"http://x\")\x1b[31m<script>\u202e"
        ev.speakers[0].id = "../../etc/x"

    eng.change(event_id, "hostile", hostile)
    folder = render("speakers", all_ok=False)  # eventflow's own letters may refuse the id
    assert not (folder.parent / "etc").exists()
    letter = next(folder.glob("speaker-letter-etc-x-en.docx"))
    text = text_of(letter)
    assert "Dear =HYPERLINK(\"http://x\")[31m<script>," in text
    assert "\x1b" not in text and "\u202e" not in text


def test_nothing_rendered_when_the_folder_does_not_activate_docx(ef_project: Any,
                                                                 monkeypatch: Any) -> None:
    from eventflow import Engine

    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "docx")
    eng = Engine(ef_project)
    event = eng.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    walk_to(eng, event.id, "costs_split")
    result = CliRunner().invoke(cli, ["--dir", str(ef_project.root), "outputs", event.id,
                                      "--stage", "partner_agreed"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    folder = eng.project.event_dir(event.id) / "outputs" / "partner_agreed"
    assert not list(folder.glob("*.docx"))
