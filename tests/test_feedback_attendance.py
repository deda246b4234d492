"""Attendance (participants attended, the attended column) and feedback import: aggregates
only, encodings and separators detected, bad files refused with file, line and fix."""

from __future__ import annotations

import json
import tomllib

import pytest

EVENT = "pirkanmaa-2027-03-18"

WEBROPOL_FI = (
    "Vastaaja;Sähköposti;Kokonaisarvio;Hyödyllisyys työssäsi;Puhujat;Vapaa palaute;Lempiväri\n"
    "1;maija@example.fi;5;4;5;Paneeli oli hyvä ja keskustelu avasi silmiä;sininen\n"
    "2;pekka@example.fi;4;4 – hyvä;3;Panelistit olivat hyviä, enemmän keskustelua;punainen\n"
    "3;;3;;4;Laura Niemi puhui hyvin, keskustelu oli parasta;vihreä\n"
)
FORMS_EN = (
    "ID,Start time,Completion time,Email,Name,Overall rating,What did you learn?\n"
    '1,3/18/27 9:00,3/18/27 9:05,anonymous,,5,"Networking with other organisations, '
    'networking matters"\n'
    '2,3/18/27 9:01,3/18/27 9:07,anonymous,,4,"More networking time please"\n'
)
GOOGLE_SV = (
    "Tidsstämpel,Helhetsbetyg,Kommentarer\n"
    "2027/03/18 10:00,5,Bra samtal om trygghet\n"
    "2027/03/18 10:01,4,Trygghet och samtal\n"
)


@pytest.fixture
def ev(run, folder):
    result = run("new", "Hyvät väestösuhteet – Pirkanmaa", "--date", "2027-03-18",
                 "--region", "Pirkanmaa", "--lang", "fi,sv", "--json")
    assert result.exit_code == 0, result.output
    ok(run("speaker", "add", EVENT, "Laura Niemi", "--slot", "expert_talk"))
    return json.loads(result.output)["id"]


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def event_data(folder):
    return tomllib.loads((folder / "events" / EVENT / "event.toml").read_text("utf-8"))


# feedback ---------------------------------------------------------------------------------
def test_webropol_export_in_finnish_keeps_aggregates_only(run, folder, ev, tmp_path):
    path = tmp_path / "palaute.csv"
    path.write_text(WEBROPOL_FI, "utf-8-sig")
    result = ok(run("feedback", "import", str(path), ev))
    assert "Lempiväri" in result.output  # not understood, said so
    fb = event_data(folder)["feedback"]
    assert fb["responses"] == 3 and fb["source"] == "palaute.csv"
    overall = fb["scales"][0]
    assert overall == {"key": "overall", "question": "Kokonaisarvio", "answers": 3,
                       "mean": 4.0, "distribution": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}}
    assert fb["scales"][1]["key"] == "usefulness" and fb["scales"][1]["answers"] == 2
    assert fb["scales"][2]["key"] == "speakers" and fb["scales"][2]["mean"] == 4.0
    themes = {t["theme"]: t["count"] for t in fb["free_texts"][0]["themes"]}
    assert themes["keskustelu"] == 3
    assert fb["ignored_columns"] == ["Lempiväri"]
    text = (folder / "events" / EVENT / "event.toml").read_text("utf-8")
    history = "".join(p.read_text("utf-8")
                      for p in (folder / "events" / EVENT).glob("history*.jsonl"))
    for secret in ("maija@example.fi", "pekka", "sininen", "avasi silmiä", "Niemi puhui"):
        assert secret not in text and secret not in history
    assert "laura" not in themes and "niemi" not in themes  # a person's name is no theme


@pytest.mark.parametrize("content, encoding", [
    (FORMS_EN, "utf-8"),
    (GOOGLE_SV, "cp1252"),
    (WEBROPOL_FI, "cp1252"),
    ("".join(f'"{line}"\n'.replace(";", '","') for line in WEBROPOL_FI.splitlines()),
     "utf-8"),
    (WEBROPOL_FI, "utf-16"),
])
def test_encodings_and_separators_are_detected(run, folder, ev, tmp_path, content, encoding):
    path = tmp_path / "feedback.csv"
    path.write_bytes(content.encode(encoding))
    result = ok(run("feedback", "import", str(path), ev, "--json"))
    report = json.loads(result.output)
    assert report["responses"] >= 2
    assert report["scales"][0] in ("Kokonaisarvio", "Overall rating", "Helhetsbetyg")
    if content is FORMS_EN:
        assert {"ID", "Email", "Name", "Start time"} <= set(report["left_out_personal"])
        fb = event_data(folder)["feedback"]
        assert {"theme": "networking", "count": 2} in fb["free_texts"][0]["themes"]


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"Kokonaisarvio;Vapaa palaute\n", "no answers"),
    (b"5;Hyva\n4;Ok\n", "holds answers, not the questions"),
    (b"Kokonaisarvio;Vapaa palaute\n5;hyva\n4;ok;extra\n", "line 3"),
    (b"Kokonaisarvio\n5\nseitseman\n", "not on the scale 1"),
    (b"Kokonaisarvio\n5\n9\n", "not on the scale 1"),
    (b"Lempivari;Kengannumero\nsininen;42\npunainen;38\n", "no column was understood"),
    (b"PK\x03\x04\x00\x00binary", "NUL"),
    (b"Kokonaisarvio;Palaute\n5;\x81\x8d\x8f\n", "neither UTF-8"),
    (b'Kokonaisarvio;Palaute\n5;"open quote\n', "line"),
])
def test_bad_files_are_refused_with_file_line_and_fix(run, folder, ev, tmp_path, content,
                                                      needle):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = (folder / "events" / EVENT / "event.toml").read_bytes()
    result = run("feedback", "import", str(path), ev)
    assert result.exit_code == 1, result.output
    assert needle in result.output and str(path) in result.output
    assert "fix:" in result.output or "not found" in result.output
    assert (folder / "events" / EVENT / "event.toml").read_bytes() == before


def test_feedback_show_csv_guards_formulas_and_event_is_found(run, folder, ev, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('=HYPERLINK("http://evil.example");Vapaa palaute\n5;hyvä\n4;hyvä\n',
                    "utf-8")
    ok(run("feedback", "import", str(path), ev))
    shown = ok(run("feedback", "show", ev, "--csv")).output
    assert "\n'=HYPERLINK" in shown or shown.startswith("'=") or ";'=HYPERLINK" in shown \
        or "'=HYPERLINK" in shown
    for line in shown.splitlines():
        for cell in line.split(";"):
            assert not cell.startswith(("=", "+", "-", "@")), cell
    data = json.loads(ok(run("feedback", "show", ev, "--json")).output)
    assert data["responses"] == 2
    ok(run("feedback", "clear", ev))
    assert "feedback" not in event_data(folder)


def test_feedback_import_without_event_names_the_candidates(run, ev, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(GOOGLE_SV, "utf-8")
    result = run("feedback", "import", str(path))
    assert result.exit_code == 1 and "name the event" in result.output


# attendance -------------------------------------------------------------------------------
REGISTRATIONS = (
    "name,email,organisation,target_group,attended\n"
    "Maria Virtanen,maria@example.fi,Tampereen kaupunki,authority_local_regional,yes\n"
    "Amir Haddad,amir@example.org,Kotipesä ry,ngo,0\n"
    "Anna Berg,anna@example.fi,Församlingen,religious,x\n"
    "Pekka Aalto,pekka@example.fi,Yle,media,\n"
)


@pytest.fixture
def privacy_ok(run, ev):
    ok(run("check", ev, "privacy_notice_published", "--note", "on the web site"))


def test_attended_column_and_marking(run, ev, privacy_ok, tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text(REGISTRATIONS, "utf-8")
    ok(run("participants", "import", ev, str(path)))
    summary = json.loads(ok(run("participants", "summary", ev, "--json")).output)
    assert summary["attended"] == 2
    assert summary["attended_by_target_group"] == {"authority_local_regional": 1,
                                                   "religious": 1}
    ok(run("participants", "attended", ev, "amir@example.org"))
    assert json.loads(run("participants", "summary", ev, "--json").output)["attended"] == 3
    ok(run("participants", "attended", ev, "maria@example.fi", "--absent"))
    assert json.loads(run("participants", "summary", ev, "--json").output)["attended"] == 2
    missing = run("participants", "attended", ev, "nobody@example.fi", "amir@example.org")
    assert missing.exit_code == 1 and "nothing was marked" in missing.output
    assert json.loads(run("participants", "summary", ev, "--json").output)["attended"] == 2
    assert run("participants", "attended", ev).exit_code == 2
    assert run("participants", "attended", ev, "x@example.fi", "--all").exit_code == 2
    result = ok(run("participants", "attended", ev, "--all"))
    assert "2 registration(s) marked attended" in result.output
    assert json.loads(run("participants", "summary", ev, "--json").output)["attended"] == 4


def test_attended_column_refuses_other_words(run, ev, privacy_ok, tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text(REGISTRATIONS.replace(",yes\n", ",maybe\n"), "utf-8")
    result = run("participants", "import", ev, str(path))
    assert result.exit_code == 1 and "'attended' is 'maybe'" in result.output
