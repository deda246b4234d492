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
    assert "Registration data" not in fi
    assert "Paikka: Kaupungintalo, Keskustori 1" in fi
    assert "asenteet\nturvallisuuden tunne\nvuorovaikutus\nosallisuus" in fi
    assert "Ilmoittaudu viimeistään 15.3.2027." in fi
    assert "9.15–9.55 | Asiantuntijapuheenvuoro | Laura Niemi, OM" in fi
    assert "11.00–11.45 | Paneelikeskustelu | Jari Virtanen, Sari Laine, Omar Ali" in fi
    assert "Välkommen till en utbildningsdag om goda relationer" in sv
    assert "attityder\ntrygghetskänsla\nväxelverkan\ndelaktighet" in sv
    assert "You are invited to a training day on good population relations" in en
    assert "Register by 15 March 2027." in en
    assert "09:15–09:55 | Expert talk | Laura Niemi, OM" in en
    assert "Step-free access, hearing loop." in text_of(folder / "invitation-fi.docx")  # fi
    assert "Questions about accessibility: Leena Koski." in en
    assert "Registration data is used only to organise the event and is deleted after it. " \
           "Controller: joint controllers (GDPR Article 26)." in en


def test_agreement_memo_lists_parties_and_the_six_topics(planned: Any) -> None:
    _, _, render = planned
    folder = render("partner_agreed")
    en = text_of(folder / "agreement-memo-en.docx")
    assert "Co-organising agreement memo" in en
    assert "Alueellinen ETNO | authority | Leena Koski, leena@example.fi" in en
    for topic in ("Date", "Venue", "Who sends the invitations",
                  "Who receives the registrations"):
        assert f"\n{topic} | agreed: " in en, topic
    # the prose topics were recorded in Finnish only: the English memo shows the marker
    for topic in ("Cost sharing", "Programme"):
        assert f"\n{topic} | [TRANSLATION MISSING]" in en, topic
    assert "The registration data is handled as agreed: joint controllers (GDPR Article 26)." \
        in en
    fi = text_of(folder / "agreement-memo-fi.docx")
    assert "Yhteistyömuistio" in fi and "Kustannusten jakaminen | agreed: cost_sharing" in fi


def test_a_letter_per_speaker_with_fee_or_ex_officio(planned: Any) -> None:
    _, _, render = planned
    folder = render("speakers")
    letters = sorted(p.name for p in folder.glob("speaker-letter-*.docx"))
    # the panel's slot gets no speaker letter: each panelist gets a panel letter
    assert letters == [f"speaker-letter-s{i}-{lang}.docx" for i in range(1, 4)
                       for lang in ("en", "fi", "sv")]
    expert = text_of(folder / "speaker-letter-s1-en.docx")
    assert "Dear Laura Niemi," in expert
    assert "Your slot: Expert talk, starting at 09:15, 40 minutes." in expert
    assert expert.splitlines()[0] == "20 January 2027"  # dated: the day it was made
    assert "You speak ex officio, so no fee is paid for the talk." in expert
    assert expert.rstrip().endswith("Tampereen kaupunki, hyvinvointi")
    comment = text_of(folder / "speaker-letter-s3-fi.docx")
    assert "Hyvä Amina Yusuf," in comment
    assert "Puheenvuorosta maksetaan palkkio 150,00\xa0€." in comment


def test_hostile_text_is_harmless(planned: Any) -> None:
    eng, event_id, render = planned

    def hostile(ev: Any) -> None:
        ev.speakers[0].name = "=HYPERLINK(\"http://x\")[31m<script>\u202e"  # (no ESC:
        # a name refuses control characters; bidi characters pass the model)
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


# letterhead, dates, contacts, signatures, panel letters, tables ---------------------------------
def _png() -> bytes:
    """A real 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


PNG_1PX = _png()


def letterheaded(planned: Any, logo: bytes | None = PNG_1PX) -> Any:
    eng, event_id, render = planned
    root = eng.project.root
    table = '\n[letterhead]\nname = "Tampereen kaupunki"\naddress = "PL 487\\n33101 Tampere"\n'
    if logo is not None:
        (root / "logo.png").write_bytes(logo)
        table += 'logo = "logo.png"\n'
    path = root / "eventflow.toml"
    path.write_text(path.read_text("utf-8") + table, "utf-8")
    return eng, event_id, render


def header_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)


def test_letterhead_date_contact_and_signature_lines(planned: Any) -> None:
    eng, event_id, render = letterheaded(planned)
    CliRunner().invoke(cli, ["--dir", str(eng.project.root), "contact", "set", event_id,
                             "--name", "Leena Koski", "--email", "leena@example.fi"],
                       catch_exceptions=False)
    folder = render("partner_agreed")
    memo = folder / "agreement-memo-fi.docx"
    assert header_text(memo) == "\nTampereen kaupunki\nPL 487\n33101 Tampere"  # logo first
    document = docx.Document(str(memo))
    rels = document.sections[0].header.part.rels.values()
    assert sum(1 for rel in rels if rel.reltype.endswith("/image")) == 1  # the logo
    text = text_of(memo)
    assert text.splitlines()[0] == "20.1.2027"
    assert "Leena Koski, leena@example.fi" in text  # the host's contact in the parties table
    assert "Allekirjoitukset" in text
    assert text.count("Allekirjoitus\n") >= 2 and text.count("Nimenselvennys") == 2
    assert text.count("_" * 40) == 6  # place/date, signature, name: host and one partner
    sv = text_of(folder / "agreement-memo-sv.docx")
    assert "Birkaland" in sv and "Pirkanmaa" not in sv.replace("Hyvät väestösuhteet – "
                                                               "Pirkanmaa", "")
    letters = render("speakers")
    letter = text_of(letters / "speaker-letter-s3-en.docx")
    assert "For more information, contact Leena Koski, leena@example.fi." in letter


def test_svg_logo_leaves_the_name_only(planned: Any) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
    eng, _, render = letterheaded(planned, logo=None)
    (eng.project.root / "logo.svg").write_bytes(svg)
    path = eng.project.root / "eventflow.toml"
    path.write_text(path.read_text("utf-8") + 'logo = "logo.svg"\n', "utf-8")
    folder = render("partner_agreed")
    assert header_text(folder / "agreement-memo-en.docx").startswith("Tampereen kaupunki")


def test_a_panel_letter_to_each_panelist_by_name(planned: Any) -> None:
    eng, event_id, render = planned
    root = str(eng.project.root)
    for args in (["panel", "panelist", "edit", event_id, "pl3", "--role",
                  "järjestötyöntekijä, Monikulttuurinen yhdistys", "--lang", "fi"],
                 ["panel", "question", "add", event_id, "Question on safety"],
                 ["panel", "set", event_id, "--moderator", "Mari Lahti"]):
        result = CliRunner().invoke(cli, ["--dir", root, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    folder = render("panel_questions")
    letters = sorted(p.name for p in folder.glob("panel-letter-*.docx"))
    assert letters == [f"panel-letter-pl{i}-{lang}.docx" for i in range(1, 4)
                       for lang in ("en", "fi", "sv")]
    fi = text_of(folder / "panel-letter-pl1-fi.docx")
    assert "Hyvä Jari Virtanen," in fi and "Paneeli," not in fi and "Hyvä Panel" not in fi
    assert "Osallistut paneeliin roolissa: poliisi." in fi
    assert "Paneeli alkaa klo 11.00 ja kestää 45 min." in fi
    assert "Question on safety" in fi
    assert "Keskustelun puheenjohtajana toimii Mari Lahti." in fi
    assert "Sari Laine, valtuutettu" in fi
    sv = text_of(folder / "panel-letter-pl2-sv.docx")
    assert "Bästa Sari Laine," in sv and "(Birkaland)" in sv and "kl. 11.00" in sv
    # a role written in Finnish only is not shown in the Swedish letter
    omar_sv = text_of(folder / "panel-letter-pl3-sv.docx")
    assert "järjestötyöntekijä" not in omar_sv and "Omar Ali" in omar_sv
    assert "järjestötyöntekijä, Monikulttuurinen yhdistys" in text_of(
        folder / "panel-letter-pl3-fi.docx")


def test_programme_items_terms_and_registration_in_the_documents(planned: Any) -> None:
    eng, event_id, render = planned
    root = str(eng.project.root)

    def run(*args: str) -> None:
        result = CliRunner().invoke(cli, ["--dir", root, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output

    run("programme", "add", event_id, "opening", "--start", "09:00", "--minutes", "15")
    run("programme", "add", event_id, "coffee", "--start", "09:55", "--minutes", "5",
        "--title", "Kaffe och bulle", "--lang", "sv")
    run("invitation", "set", event_id, "--registration-url", "https://example.fi/ilmo",
        "--privacy-url", "https://example.fi/tietosuoja")
    run("speaker", "edit", event_id, "s3", "--travel", "Järjestäjä korvaa junaliput.",
        "--invoicing", "Lasku Tampereen kaupungille, viite 1234.", "--languages", "fi,en",
        "--lang", "fi")
    folder = render("invitations")
    fi = text_of(folder / "invitation-fi.docx")
    assert "9.00–9.15 | Avaus |" in fi
    assert "9.55–10.00 | Kahvitauko |" in fi and "Kaffe och bulle" not in fi
    assert "9.55–10.00 | Kaffe och bulle |" in text_of(folder / "invitation-sv.docx")
    assert "Ilmoittaudu: https://example.fi/ilmo." in fi
    assert "Tietosuojaseloste: https://example.fi/tietosuoja" in fi
    letters = render("speakers")
    letter = text_of(letters / "speaker-letter-s3-fi.docx")
    assert "Matkat\nJärjestäjä korvaa junaliput." in letter
    assert "Laskutus\nLasku Tampereen kaupungille, viite 1234." in letter
    assert "Puheenvuoron kieli: suomi, englanti." in letter
    assert "junaliput" not in text_of(letters / "speaker-letter-s3-sv.docx")


def test_table_columns_fit_their_longest_word() -> None:
    from eventflow_docx.documents import CHAR_EMU, PADDING_EMU, _table

    document = docx.Document()
    rows = [["9.15–9.55", ("Asiantuntijapuheenvuoro: Väestösuhteet ja yhdenvertaisuus "
                           "Pirkanmaalla"), "Laura Niemi, Oikeusministeriö"],
            ["11.00–11.45", "Paneelikeskustelu", ("Jari Virtanen, Sari Laine, Omar Ali, "
                                                  "Monikulttuurinen yhdistys Kotipesä ry")]]
    table = _table(document, ["Aika", "Ohjelmanumero", "Puhuja"], rows)
    section = document.sections[0]
    available = section.page_width - section.left_margin - section.right_margin
    widths = [column.width for column in table.columns]
    assert abs(sum(widths) - available) < 10_000  # the page's width is used
    for i, width in enumerate(widths):
        longest = max(len(w) for row in [["Aika", "Ohjelmanumero", "Puhuja"], *rows]
                      for w in row[i].split())
        assert width >= longest * CHAR_EMU + PADDING_EMU, (i, width)
    assert widths[0] < widths[1]  # the time column does not take a third of the page
    for row in table.rows:
        assert [cell.width for cell in row.cells] == widths
