"""The documents of the eight stages, in every language: the sentences a reader looks for."""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import io
import os
import re
from pathlib import Path

import icalendar
import pytest

from eventflow.engine import Engine
from eventflow.outputs import read_manifest, render_outputs
from eventflow.store import Project, Settings
from eventflow.testing import walk_to
from eventflow.texts import DEFAULT_DEFINITION

LANGS = ("fi", "sv", "en")


@pytest.fixture(scope="module")
def done_event(tmp_path_factory):
    """An event walked through every stage with full data, its outputs rendered in fi, sv, en
    (made once for this module: the documents are only read)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVENTFLOW_LOAD_PLUGINS", "")
        mp.setenv("EVENTFLOW_USER", "tester")
        mp.setenv("EVENTFLOW_TODAY", "2026-11-27")
        mp.delenv("EVENTFLOW_DIR", raising=False)
        project = Project.init(tmp_path_factory.mktemp("outputs") / "planning",
                               Settings(organisation="Tampereen kaupunki",
                                        organisation_type="authority"))
        with open(project.root / "eventflow.toml", "a", encoding="utf-8") as fh:
            fh.write('\n[plugins.outputs]\norganizer_email = "kotoutuminen@tampere.example"\n'
                     'from = "Tampereen kaupunki <kotoutuminen@tampere.example>"\n')
        project = Project(project.root)
        engine = Engine(project)
        event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa",
                              list(LANGS))
        event = walk_to(engine, event.id, "done")
        report = render_outputs(engine, event.id)
    assert report.ok, [r.error for r in report.results if not r.ok]
    return event, project.event_dir(event.id) / "outputs"


def read(folder: Path, stage: str, name: str) -> str:
    return (folder / stage / name).read_text("utf-8")


def test_every_stage_has_its_documents(done_event):
    event, out = done_event
    expected = {
        "partner_agreed": ["agreement-memo-{l}.md"],
        "venue": ["venue-sheet-{l}.md", "event-{l}.ics"],
        "costs_split": ["budget-{l}.md", "budget-{l}.csv"],
        "speakers": ["programme-{l}.md", "letter-s1-laura-niemi-{l}.md"],
        "invitations": ["invitation-{l}.md", "distribution-list-{l}.md"],
        "panel_questions": ["panel-brief-1-jari-virtanen-{l}.md"],
        "delivery": ["run-sheet-{l}.md", "sign-in-{l}.csv", "sign-in-{l}.html"],
        "follow_up": ["feedback-survey-{l}.md", "impact-report-{l}.md"],
    }
    for stage, names in expected.items():
        for name in names:
            for lang in LANGS:
                assert (out / stage / name.format(l=lang)).is_file(), (stage, name, lang)
    manifest = read_manifest(out.parent)["outputs"]
    assert manifest["venue/calendar"]["plugin"] == "eventflow.default_plugins.outputs"
    assert manifest["venue/calendar"]["files"] == ["event-fi.ics", "event-sv.ics", "event-en.ics"]
    assert set(manifest["venue/calendar"]["inputs"]) >= {"venue", "date", "title"}
    assert manifest["partner_agreed/agreement_memo"]["version"]


@pytest.mark.parametrize("lang,heading,controller,topic", [
    ("fi", "# Yhteistyösopimus", "yhteisrekisterinpitäjiä", "Ilmoittautumisten vastaanottaja"),
    ("sv", "# Samarbetsavtal", "gemensamt personuppgiftsansvariga",
     "Vem som tar emot anmälningarna"),
    ("en", "# Co-organising agreement", "joint controllers", "Who receives the registrations"),
])
def test_agreement_memo(done_event, lang, heading, controller, topic):
    _, out = done_event
    text = read(out, "partner_agreed", f"agreement-memo-{lang}.md")
    assert text.startswith(heading)
    assert "Alueellinen ETNO" in text and "Leena Koski, leena@example.fi" in text
    assert "Tampereen kaupunki" in text
    # names as recorded; prose only in the language it was recorded in (the event's first, fi)
    for agreed in ("agreed: date", "agreed: venue", "agreed: invitations_sender",
                   "agreed: registrations_receiver"):
        assert agreed in text
    prose = ("agreed: cost_sharing", "agreed: programme")
    marker = {"fi": "", "sv": "[ÖVERSÄTTNING SAKNAS]", "en": "[TRANSLATION MISSING]"}[lang]
    assert all((p in text) == (lang == "fi") for p in prose) and marker in text
    assert controller in text and topic in text
    assert "Amir Haddad, Kotipesä ry" in text


@pytest.mark.parametrize("lang,words", [
    ("fi", ["Keskustori 1", "120", "induktiosilmukka", "esteetön kulku", "torstaina 18.3.2027"]),
    ("sv", ["Keskustori 1", "120", "hörslinga", "torsdag 18.3.2027"]),
    ("en", ["Keskustori 1", "120", "hearing loop", "step-free access",
            "Thursday 18 March 2027"]),
])
def test_venue_sheet(done_event, lang, words):
    _, out = done_event
    text = read(out, "venue", f"venue-sheet-{lang}.md")
    for word in words:
        assert word in text
    assert "Kaupungintalo" in text and "Leena Koski" in text


def test_calendar_parses_back_with_reminder(done_event):
    event, out = done_event
    for lang in LANGS:
        cal = icalendar.Calendar.from_ical((out / "venue" / f"event-{lang}.ics").read_bytes())
        (vevent,) = cal.walk("VEVENT")
        assert str(vevent["summary"]) == event.title
        assert str(vevent["location"]) == "Kaupungintalo, Keskustori 1"
        assert vevent["organizer"].params["CN"] == "Tampereen kaupunki"
        assert str(vevent["organizer"]) == "mailto:kotoutuminen@tampere.example"
        assert vevent["uid"] == f"{event.id}@eventflow" and vevent["sequence"] == 0
        start = vevent.decoded("dtstart")
        assert (start.date(), start.hour, start.minute) == (dt.date(2027, 3, 18), 9, 15)
        assert str(start.tzinfo) == "Europe/Helsinki"
        (alarm,) = vevent.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -dt.timedelta(days=1)
        region = {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"}[lang]
        assert f"({region})" in str(vevent["description"])
        assert "Keskustori 1" in str(vevent["description"])


@pytest.mark.parametrize("lang,ex_officio,total", [
    ("fi", "puhuu virkansa tai tehtävänsä puolesta, ei palkkiota (0 €)", "1\u00a0820,00\u00a0€"),
    ("sv", "talar i tjänsten eller som en del av sitt uppdrag, inget arvode (0 €)",
     "1\u00a0820,00\u00a0€"),
    ("en", "speaks as part of their office or duties – no fee (€0)", "€1,820.00"),
])
def test_budget_markdown(done_event, lang, ex_officio, total):
    _, out = done_event
    text = read(out, "costs_split", f"budget-{lang}.md")
    assert f"Laura Niemi (OM): {ex_officio}" in text
    assert f"Mikko Salo (Liitto): {ex_officio}" in text
    assert total in text
    share = "€910.00" if lang == "en" else "910,00\u00a0€"
    assert f"- Tampereen kaupunki: {share}" in text
    assert f"- Alueellinen ETNO: {share}" in text
    assert ("50%" if lang == "en" else "50\u00a0%") in text


def test_budget_csv_per_partner_totals(done_event):
    _, out = done_event
    raw = (out / "costs_split" / "budget-fi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Rivi", "Kululaji", "Kuvaus", "Summa (€)", "Tampereen kaupunki (€)",
                       "Alueellinen ETNO (€)"]
    assert rows[1][:2] == ["c1", "tila"]
    assert rows[-1] == ["Yhteensä", "", "", "1820,00", "910,00", "910,00"]
    en = list(csv.reader(io.StringIO((out / "costs_split" / "budget-en.csv")
                                     .read_text("utf-8-sig"))))
    assert en[-1] == ["Total", "", "", "1820.00", "910.00", "910.00"]


@pytest.mark.parametrize("lang,slot,fee", [
    ("fi", "Asiantuntijapuheenvuoro", "puhut virkasi tai tehtäväsi puolesta, joten palkkiota "
                                      "ei makseta"),
    ("sv", "Sakkunnigföredrag", "du talar i tjänsten eller som en del av ditt uppdrag, så inget "
                                "arvode betalas"),
    ("en", "Expert talk", "you speak as part of your office or duties, so no fee is paid"),
])
def test_programme_and_speaker_letters(done_event, lang, slot, fee):
    _, out = done_event
    text = read(out, "speakers", f"programme-{lang}.md")
    time = {"fi": "9.15–9.55", "sv": "9.15–9.55", "en": "9:15\u2009–\u20099:55\u202fam"}[lang]
    assert f"| {time} | {slot} | Laura Niemi, OM |" in text
    assert "Vahvistettuja" not in text and "Bekräftade" not in text and "onfirmed" not in text
    assert "Jari Virtanen" in text  # the panel row names the panelists
    letters = sorted(p.name for p in (out / "speakers").glob(f"letter-*-{lang}.md"))
    assert letters == [f"letter-s1-laura-niemi-{lang}.md", f"letter-s2-mikko-salo-{lang}.md",
                       f"letter-s3-amina-yusuf-{lang}.md"]
    letter = read(out, "speakers", f"letter-s1-laura-niemi-{lang}.md")
    assert "Laura Niemi" in letter and fee in letter and time in letter
    paid = read(out, "speakers", f"letter-s3-amina-yusuf-{lang}.md")
    assert ("€150.00" if lang == "en" else "150,00\u00a0€") in paid


@pytest.mark.parametrize("lang,words", [
    ("fi", ["Ilmoittaudu viimeistään **15.3.2027**", "tietosuojaseloste",
            "Lisätietoja esteettömyydestä antaa Leena Koski",
            "Ymmärrät, mistä väestösuhteissa on kysymys.", "9.15"]),
    ("sv", ["Anmäl dig senast **15.3.2027**", "dataskyddsbeskrivningen",
            "Mer information om tillgängligheten ger Leena Koski",
            "Du förstår vad relationer mellan befolkningsgrupper handlar om.", "9.15"]),
    ("en", ["Please register by **15 March 2027**", "privacy notice",
            "For more on accessibility, contact Leena Koski",
            "You will understand what population relations are about.", "9:15"]),
])
def test_invitation(done_event, lang, words):
    _, out = done_event
    text = read(out, "invitations", f"invitation-{lang}.md")
    assert DEFAULT_DEFINITION[lang] in text
    for word in words:
        assert word in text, word
    assert "Laura Niemi" in text and "Kaupungintalo, Keskustori 1" in text
    # the four dimensions are named once (in the definition), the gains are the reader's
    assert text.count(DEFAULT_DEFINITION[lang]) == 1 and "**Asenteet**" not in text


def test_distribution_list_and_drafts(done_event):
    event, out = done_event
    fi = read(out, "invitations", "distribution-list-fi.md")
    assert "## Alueelliset ETNO:t" in fi
    assert "Kutsu alueen ETNO: Pirkanmaan ja Keski-Suomen ETNO" in fi
    assert "Amir Haddad (Kotipesä ry)" in fi  # organiser from the NGO target group
    drafts = sorted(p.name for p in (out / "invitations").glob("*.eml"))
    groups = ["authority-local-regional", "ngo", "regional-etno", "religious"]
    assert drafts == sorted(f"invitation-{g}-{lang}.eml" for g in groups for lang in LANGS)
    bodies = set()
    for name in drafts:
        lang = name[-6:-4]
        msg = email.message_from_bytes((out / "invitations" / name).read_bytes(),
                                       policy=email.policy.default)
        assert msg["X-Unsent"] == "1" and msg["From"] == \
            "Tampereen kaupunki <kotoutuminen@tampere.example>"
        assert msg["Date"] and msg.get_content_type() == "multipart/mixed"
        subject = {"fi": "Kutsu:", "sv": "Inbjudan:", "en": "Invitation:"}[lang]
        assert msg["Subject"].startswith(f"{subject} {event.title}") and " / " not in \
            msg["Subject"]
        plain = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert DEFAULT_DEFINITION[lang] in plain and "<h2>" in html
        assert not any(mark in plain for mark in ("**", "# ", "](", "|---"))
        bodies.add(plain)
        (attachment,) = list(msg.iter_attachments())
        assert attachment.get_content_type() == "text/calendar"
        cal = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
        assert cal.walk("VALARM")
    assert len(bodies) == len(drafts)  # no two drafts alike


@pytest.mark.parametrize("lang,words", [
    ("fi", ["# Paneelin ennakkotiedot: Jari Virtanen", "Question on safety (osa-alue: "
            "turvallisuuden tunne)", "- Sari Laine, valtuutettu", "viimeistään 4.3.2027",
            "**Roolisi:** poliisi"]),
    ("sv", ["# Förhandsinformation till panelen: Jari Virtanen",
            "Question on safety (delområde: trygghetskänsla)", "- Sari Laine, "
            "fullmäktigeledamot", "senast 4.3.2027", "**Din roll:** polis"]),
    ("en", ["# Panel brief: Jari Virtanen", "Question on safety (dimension: sense of safety)",
            "- Sari Laine, councillor", "by 4 March 2027 at the latest", "**Your role:** police"]),
])
def test_panel_brief(done_event, lang, words):
    _, out = done_event
    text = read(out, "panel_questions", f"panel-brief-1-jari-virtanen-{lang}.md")
    for word in words:
        assert word in text, word
    assert "Jari Virtanen, " not in text.split("##")[-1]  # not listed among his co-panelists
    assert {"fi": "klo 11.00–11.45", "sv": "kl. 11.00–11.45",
            "en": "11:00\u2009–\u200911:45\u202fam"}[lang] in text
    assert re.search(r"^(\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2} [A-Z][a-z]+ \d{4})$", text, re.M)  # dated


@pytest.mark.parametrize("lang,feedback,head", [
    ("fi", "| 11.45–12.00 | Päätös | Jaa palautekysely",
     "Nimi;Organisaatio;Kohderyhmä (koodi);Allekirjoitus"),
    ("sv", "| 11.45–12.00 | Avslutning | Dela ut utvärderingsenkäten",
     "Namn;Organisation;Målgrupp (kod);Underskrift"),
    ("en", "| 11:45\u202fam\u2009–\u200912:00\u202fpm | Closing | Hand out the feedback survey",
     "Name,Organisation,Target group (code),Signature"),
])
def test_run_sheet_and_sign_in(done_event, lang, feedback, head):
    _, out = done_event
    text = read(out, "delivery", f"run-sheet-{lang}.md")
    assert feedback in text
    assert "Laura Niemi" in text
    sheet = (out / "delivery" / f"sign-in-{lang}.csv").read_text("utf-8-sig").splitlines()
    assert sheet[0] == head
    codes = read(out, "delivery", f"sign-in-codes-{lang}.txt")
    assert "1 = " in codes
    assert len(sheet) >= 22
    html = read(out, "delivery", f"sign-in-{lang}.html")
    assert f'<html lang="{lang}">' in html and html.count("<tr><td></td>") >= 20


@pytest.mark.parametrize("lang,items", [
    ("fi", ["1. Ymmärrän, mistä väestösuhteissa on kysymys.", "Kysely on nimetön."]),
    ("sv", ["1. Jag förstår vad relationer mellan befolkningsgrupper handlar om.",
            "Enkäten är anonym."]),
    ("en", ["1. I understand what population relations are about.",
            "The survey is anonymous."]),
])
def test_feedback_survey(done_event, lang, items):
    _, out = done_event
    text = read(out, "follow_up", f"feedback-survey-{lang}.md")
    for item in items:
        assert item in text
    assert "5. " in text and "1 ☐" in text


@pytest.mark.parametrize("lang,none,deleted", [
    ("fi", "Ilmoittautumisia ei ole kirjattu.", "Ilmoittautumistiedot poistettiin 10.6.2027."),
    ("sv", "Inga anmälningar har antecknats.", "Anmälningsuppgifterna raderades 10.6.2027."),
    ("en", "No registrations recorded.", "Registration data was deleted on 10 June 2027."),
])
def test_impact_report_without_registrations(done_event, lang, none, deleted):
    _, out = done_event
    text = read(out, "follow_up", f"impact-report-{lang}.md")
    assert none in text and deleted in text
    assert ("€910.00" if lang == "en" else "910,00\u00a0€") in text


def test_impact_report_counts_registrations_without_names(ef_engine, ef_event):
    event = ef_event("follow_up", languages=("fi", "en"))
    folder = ef_engine.project.event_dir(event.id)
    (folder / "participants.toml").write_text(
        '[[participants]]\nname = "Zyxwv Marker"\nemail = "zyxwv@example.org"\n'
        'organisation = "Kotipesä ry"\ntarget_group = "ngo"\nattended = true\n'
        '[[participants]]\nname = "Qqq Other"\norganisation = "Tampereen kaupunki"\n'
        'target_group = "authority_local_regional"\nattended = false\n'
        '[[participants]]\nname = "Third"\norganisation = "Kotipesä ry"\n'
        'target_group = "ngo"\nattended = 2027-03-18\n', "utf-8")
    report = render_outputs(ef_engine, event.id, stages=["follow_up"])
    assert report.ok
    text = (folder / "outputs" / "follow_up" / "impact-report-en.md").read_text("utf-8")
    assert "Registered 3, attended 2." in text
    assert "| NGO actors | 2 | 2 |" in text
    assert "| local and regional authorities | 1 | 0 |" in text
    assert "2 organisations were represented." in text
    assert "Target groups with no registrations: regional ETNO boards, religious communities" \
        in text
    for path in (folder / "outputs").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Zyxwv" not in data and b"zyxwv" not in data and b"Qqq" not in data, path
    fi = (folder / "outputs" / "follow_up" / "impact-report-fi.md").read_text("utf-8")
    assert "Ilmoittautuneita 3, paikalla 2." in fi


def test_default_stages_are_those_reached(ef_engine, ef_event):
    event = ef_event("venue")
    report = render_outputs(ef_engine, event.id)
    assert report.stages == ["partner_agreed", "venue"]
    assert {r.id for r in report.results} == {"agreement_memo", "venue_sheet", "calendar"}
    assert not (ef_engine.project.event_dir(event.id) / "outputs" / "speakers").exists()


def test_default_stages_of_a_cancelled_event_end_at_the_stage_it_was_cancelled_at(
        ef_engine, ef_event):
    from eventflow.outputs import default_stages

    event = ef_event("costs_split")
    ef_engine.cancel(event.id, "the venue burned down")
    cancelled = ef_engine.load(event.id)
    workflow = ef_engine.workflow_for(cancelled)
    assert cancelled.cancelled_from == "costs_split"
    assert default_stages(cancelled, workflow) == ["partner_agreed", "venue", "costs_split"]
    report = render_outputs(ef_engine, event.id)
    assert report.stages == ["partner_agreed", "venue", "costs_split"]
    assert not (ef_engine.project.event_dir(event.id) / "outputs" / "speakers").exists()
    # a file written before events kept cancelled_from: the history says where it stopped
    import msgspec

    old = msgspec.structs.replace(cancelled, cancelled_from="")
    assert default_stages(old, workflow, "venue") == ["partner_agreed", "venue"]


def test_sami_language_warns_and_renders_the_others(ef_engine, ef_event):
    event = ef_event("partner_agreed", region="Lappi", languages=("fi", "se"))
    report = render_outputs(ef_engine, event.id)
    assert report.languages == ["fi"]
    assert any("no templates in se" in w for w in report.warnings)


def test_municipality_names_come_from_the_list_with_its_source():
    from importlib.resources import files

    from eventflow.regions import find_municipality, municipality_name

    source = files("eventflow").joinpath("data/municipalities.csv").read_text("utf-8")
    assert "Source: Posti" in source
    pairs = {"Helsinki": "Helsingfors", "Turku": "Åbo", "Vaasa": "Vasa", "Espoo": "Esbo",
             "Vantaa": "Vanda", "Porvoo": "Borgå", "Tampere": "Tammerfors",
             "Kauniainen": "Grankulla", "Raasepori": "Raseborg", "Pietarsaari": "Jakobstad",
             "Oulu": "Uleåborg"}
    for fi, sv in pairs.items():
        assert municipality_name(fi, "sv") == sv
        assert municipality_name(sv, "fi") == fi   # recorded in Swedish, shown in Finnish
        assert municipality_name(fi, "en") == fi   # English: as recorded
    assert municipality_name("Ylöjärvi", "sv") == "Ylöjärvi"  # no Swedish name
    assert municipality_name("Atlantis", "sv") == "Atlantis"  # not a municipality: as is
    assert find_municipality("091").sv == "Helsingfors"
    codes = [line.split(";")[0] for line in source.splitlines()
             if line and not line.startswith(("#", "code;"))]
    assert len(codes) == len(set(codes)) == 309


def test_swedish_documents_use_the_swedish_municipality_name(ef_engine, ef_event):
    event = ef_event("partner_agreed", region="Pohjanmaa", municipality="Vaasa",
                     languages=("fi", "sv"))
    render_outputs(ef_engine, event.id, languages=["fi", "sv", "en"])
    folder = ef_engine.project.event_dir(event.id) / "outputs" / "partner_agreed"
    sv = (folder / "agreement-memo-sv.md").read_text("utf-8")
    fi = (folder / "agreement-memo-fi.md").read_text("utf-8")
    assert "Österbotten, Vasa" in sv and "Vaasa" not in sv
    assert "Pohjanmaa, Vaasa" in fi and "Vasa " not in fi


def test_an_unchanged_document_is_not_written_again(ef_engine, ef_event):
    event = ef_event("venue")
    render_outputs(ef_engine, event.id)
    folder = ef_engine.project.event_dir(event.id) / "outputs"
    memo, sheet = folder / "partner_agreed" / "agreement-memo-fi.md", \
        folder / "venue" / "venue-sheet-fi.md"
    os.utime(memo, ns=(1_000_000_000, 1_000_000_000))
    os.utime(sheet, ns=(1_000_000_000, 1_000_000_000))
    sheet.write_text(sheet.read_text("utf-8") + "edited by hand\n", "utf-8")
    os.utime(sheet, ns=(1_000_000_000, 1_000_000_000))
    report = render_outputs(ef_engine, event.id)
    assert report.ok and memo in next(r for r in report.results
                                       if r.id == "agreement_memo").files
    assert memo.stat().st_mtime_ns == 1_000_000_000          # same bytes: left as it was
    assert sheet.stat().st_mtime_ns != 1_000_000_000         # differed: written again
    assert "edited by hand" not in sheet.read_text("utf-8")


def test_missing_data_warnings_give_the_fix_with_the_real_event_id(ef_engine, ef_event):
    """A document with a missing fact says which command records it, for this event: never
    the placeholder ``EVENT``."""
    event = ef_event("invitations")
    report = render_outputs(ef_engine, event.id)
    missing = [w for w in report.warnings if "eventflow " in w]
    assert any(f"eventflow contact set {event.id}" in w for w in missing), report.warnings
    assert any(f"eventflow invitation set {event.id} --registration-url" in w
               for w in missing), report.warnings
    assert not [w for w in missing if " EVENT " in w], missing
