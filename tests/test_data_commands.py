"""The data commands (eventflow.commands.*): record, edit and remove every record kind, texts
per language, one-line texts refused with control characters, older files still read."""

from __future__ import annotations

import json
import tomllib

import pytest

EVENT = "pirkanmaa-2027-03-18"


@pytest.fixture
def ev(run, folder):
    result = run("new", "Hyvät väestösuhteet – Pirkanmaa", "--date", "2027-03-18",
                 "--region", "Pirkanmaa", "--lang", "fi,sv", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["id"]


def data(folder, event_id=EVENT):
    return tomllib.loads((folder / "events" / event_id / "event.toml").read_text("utf-8"))


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def history_lines(folder, event_id=EVENT):
    return [p for p in (folder / "events" / event_id).glob("history*.jsonl")]


# one-line texts --------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("partner", "add", EVENT, "Evil\nr99 ATTENDEE:x", "--type", "ngo"),
    ("partner", "add", EVENT, "Evil\x1b[2J", "--type", "ngo"),
    ("partner", "add", EVENT, "Ok", "--type", "ngo", "--contact-name", "A\u2028B"),
    ("speaker", "add", EVENT, "Laura\rNiemi", "--slot", "expert_talk"),
    ("speaker", "add", EVENT, "Laura", "--slot", "expert_talk", "--title", "a\nb"),
    ("panel", "panelist", "add", EVENT, "Maria", "--role", "police\n"),
    ("panel", "panelist", EVENT, "Maria\t", "--role", "police"),
    ("organiser", "add", EVENT, "Amina\x00"),
    ("programme", "add", EVENT, "coffee", "--start", "10:00", "--minutes", "15",
     "--title", "Kahvi\x85"),
    ("contact", "set", EVENT, "--name", "Leena\nKoski"),
    ("cost", "add", EVENT, "--category", "venue", "--amount", "1", "--description", "x\ny"),
])
def test_one_line_texts_refuse_control_characters(run, folder, ev, args):
    before = (folder / "events" / ev / "event.toml").read_bytes()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "control character or line break" in result.output
    assert (folder / "events" / ev / "event.toml").read_bytes() == before


@pytest.mark.parametrize(("args", "field"), [
    (("Title\nx",), "the title"),
    (("Title", "--municipality", "Tam\tpere"), "the municipality"),
])
def test_new_refuses_a_title_or_municipality_on_two_lines(run, folder, args, field):
    result = run("new", *args, "--date", "2027-03-18", "--region", "Pirkanmaa")
    assert result.exit_code == 1, result.output
    assert f"{field} holds a control character or line break" in result.output
    assert "write it on one line" in result.output
    assert not (folder / "events").exists() or not list((folder / "events").iterdir())


def test_one_line_fields_of_older_files_load_as_one_line(run, folder, ev):
    path = folder / "events" / ev / "event.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('title = "Hyvät väestösuhteet – Pirkanmaa"',
                                 'title = "Hyvät\\nväestösuhteet"\nmunicipality = "Tam\\r\\npere"'),
                    "utf-8")
    before = path.read_bytes()
    shown = json.loads(ok(run("status", ev, "--json")).output)
    assert shown["title"] == "Hyvät väestösuhteet"
    assert path.read_bytes() == before  # read, never rewritten by a read
    ok(run("organiser", "add", ev, "Amina"))  # the next change saves the one-line texts
    assert data(folder)["title"] == "Hyvät väestösuhteet"
    assert data(folder)["municipality"] == "Tam pere"


@pytest.mark.parametrize("topic", ["invitations_sender", "registrations_receiver"])
def test_the_organisations_of_the_agreement_are_one_line(run, folder, ev, topic):
    path = folder / "events" / ev / "event.toml"
    before = path.read_bytes()
    result = run("partner", "agree", ev, topic, "Tampere\nr9 cancel reason=fake")
    assert result.exit_code == 1, result.output
    assert f"agreement.{topic}: holds a control character or line break; write it on one " \
           "line" in result.output
    assert "regex" not in result.output
    assert path.read_bytes() == before
    ok(run("partner", "agree", ev, topic, "Tampereen kaupunki"))
    text = path.read_text("utf-8")  # an older file, written before the field was one line
    path.write_text(text.replace('"Tampereen kaupunki"', '"Tampereen\\nkaupunki"'), "utf-8")
    ok(run("organiser", "add", ev, "Amina"))
    assert data(folder)["agreement"][topic] == "Tampereen kaupunki"


def test_the_model_refuses_them_for_every_writer(ef_engine, ev):
    from eventflow.errors import InvalidInput

    def evil(event):
        from eventflow.event import Partner

        event.partners.append(Partner(id="p9", name="Evil\nr99", type="ngo"))

    with pytest.raises(InvalidInput, match="partners"):
        ef_engine.change(ev, "test", evil)

    def title(event):
        event.title = "Evil\nr99"

    with pytest.raises(InvalidInput, match="title"):
        ef_engine.change(ev, "test", title)


# partners and contacts -------------------------------------------------------------------
def test_partner_contact_edit_and_remove(run, folder, ev):
    ok(run("partner", "add", ev, "Pirkanmaan ETNO", "--type", "authority",
           "--contact", "Leena Koski, leena.koski@example.fi"))
    ok(run("partner", "add", ev, "Kotipesä ry", "--type", "ngo", "--contact-name",
           "Amir Haddad", "--contact-email", "amir@example.org"))
    partners = data(folder)["partners"]
    assert partners[0]["contact"] == {"name": "Leena Koski", "email": "leena.koski@example.fi"}
    assert partners[1]["contact"] == {"name": "Amir Haddad", "email": "amir@example.org"}
    ok(run("partner", "edit", ev, "p2", "--name", "Kotipesä ry (Tampere)", "--contact-phone",
           "040 123 4567", "--type", "community"))
    p2 = data(folder)["partners"][1]
    assert p2 == {"id": "p2", "name": "Kotipesä ry (Tampere)", "type": "community",
                  "role": "co-organiser",
                  "contact": {"name": "Amir Haddad", "email": "amir@example.org",
                              "phone": "040 123 4567"}}
    ok(run("partner", "edit", ev, "Kotipesä ry (Tampere)", "--contact-email", ""))
    assert "email" not in data(folder)["partners"][1]["contact"]
    listed = json.loads(ok(run("partner", "list", ev, "--json")).output)
    assert listed["partners"][0]["contact"]["email"] == "leena.koski@example.fi"
    bad = run("partner", "edit", ev, "p1", "--contact-email", "not an address")
    assert bad.exit_code == 2 and "--contact-email" in bad.output
    missing = run("partner", "edit", ev, "p9", "--role", "x")
    assert missing.exit_code == 1 and "no partner 'p9'" in missing.output and "p1" in missing.output
    assert run("partner", "edit", ev, "p1").exit_code == 2  # nothing to change
    ok(run("partner", "remove", ev, "p1"))
    assert [p["id"] for p in data(folder)["partners"]] == ["p2"]


def test_event_contact_person(run, folder, ev):
    ok(run("contact", "set", ev, "--name", "Leena Koski", "--email", "leena@example.fi"))
    ok(run("contact", "set", ev, "--phone", "+358 40 123 4567"))
    assert data(folder)["contact"] == {"name": "Leena Koski", "email": "leena@example.fi",
                                       "phone": "+358 40 123 4567"}
    shown = json.loads(ok(run("contact", "show", ev, "--json")).output)
    assert shown["contact"]["name"] == "Leena Koski"
    ok(run("contact", "clear", ev))
    assert "contact" not in data(folder)
    assert run("contact", "set", ev, "--email", "leena(at)example").exit_code == 2


# texts per language ----------------------------------------------------------------------
def test_texts_per_language_and_the_lang_option(run, folder, ev):
    ok(run("invitation", "set", ev, "--accessibility-info", "Tila on esteetön."))
    ok(run("invitation", "set", ev, "--accessibility-info", "Lokalen är tillgänglig.",
           "--lang", "sv"))
    assert data(folder)["invitation"]["accessibility_info"] == {
        "fi": "Tila on esteetön.", "sv": "Lokalen är tillgänglig."}
    refused = run("invitation", "set", ev, "--accessibility-info", "x", "--lang", "en")
    assert refused.exit_code == 1 and "not 'en'" in refused.output
    # the refusal names the way to English texts (what `outputs --lang en` asks for), and it works
    way = f"eventflow invitation set {ev} --languages fi,sv,en"
    assert way in " ".join(refused.output.split()), refused.output
    assert "accessibility_info" not in data(folder)["invitation"] or \
        "en" not in data(folder)["invitation"]["accessibility_info"]
    ok(run(*way.split()[1:]))
    ok(run("invitation", "set", ev, "--accessibility-info", "Accessible.", "--lang", "en"))
    ok(run("invitation", "set", ev, "--accessibility-info", "", "--lang", "en"))
    ok(run("invitation", "set", ev, "--accessibility-info", "", "--lang", "sv"))
    assert data(folder)["invitation"]["accessibility_info"] == {"fi": "Tila on esteetön."}

    ok(run("panel", "panelist", ev, "Maria Virtanen", "--role", "police"))  # older form
    ok(run("panel", "panelist", "add", ev, "Anna Berg", "--role", "församlingens diakon",
           "--lang", "sv"))
    ok(run("panel", "panelist", "edit", ev, "pl2", "--role", "seurakunnan diakoni",
           "--lang", "fi"))
    panelists = data(folder)["panel"]["panelists"]
    assert panelists[0] == {"id": "pl1", "name": "Maria Virtanen", "role": {"fi": "police"}}
    assert panelists[1]["role"] == {"sv": "församlingens diakon", "fi": "seurakunnan diakoni"}
    ok(run("panel", "panelist", "remove", ev, "Maria Virtanen"))
    assert [p["id"] for p in data(folder)["panel"]["panelists"]] == ["pl2"]


def test_speaker_edit_terms_languages_and_titles(run, folder, ev):
    ok(run("speaker", "add", ev, "Laura Niemi", "--slot", "expert_talk", "--start", "9:15",
           "--minutes", "40", "--title", "Väestösuhteet Suomessa", "--languages", "fi,sv"))
    ok(run("speaker", "edit", ev, "s1", "--title", "Befolkningsrelationer i Finland",
           "--lang", "sv", "--travel", "Arrangören betalar tågbiljetterna.", "--invoicing",
           "Faktura till Tammerfors stad, referens 1234.", "--fee", "300", "--email",
           "laura@example.fi", "--confirmed"))
    sp = data(folder)["speakers"][0]
    assert sp["start"] == "09:15" and sp["fee"] == 300 and sp["confirmed"] is True
    assert sp["title"] == {"fi": "Väestösuhteet Suomessa",
                           "sv": "Befolkningsrelationer i Finland"}
    assert sp["languages"] == ["fi", "sv"] and sp["email"] == "laura@example.fi"
    assert sp["travel"] == {"sv": "Arrangören betalar tågbiljetterna."}  # all in --lang
    assert sp["invoicing"] == {"sv": "Faktura till Tammerfors stad, referens 1234."}
    ok(run("speaker", "edit", ev, "Laura Niemi", "--not-confirmed", "--slot", "region_talk"))
    sp = data(folder)["speakers"][0]
    assert "confirmed" not in sp and sp["slot"] == "region_talk"
    assert run("speaker", "edit", ev, "s1", "--start", "25:00").exit_code == 2
    assert run("speaker", "edit", ev, "s1", "--languages", "fi,xx").exit_code == 2
    ok(run("speaker", "remove", ev, "s1"))
    assert "speakers" not in data(folder)


# budget, organisers, questions ------------------------------------------------------------
def test_cost_edit_remove(run, folder, ev):
    ok(run("cost", "add", ev, "--category", "venue", "--amount", "800", "--split", "host=100"))
    ok(run("cost", "edit", ev, "c1", "--amount", "950", "--description", "Sali B",
           "--split", "host=50,p1=50"))
    assert data(folder)["costs"] == [{"id": "c1", "category": "venue", "amount": 950.0,
                                      "description": "Sali B",
                                      "split": {"host": 50.0, "p1": 50.0}}]
    assert run("cost", "edit", ev, "c1", "--split", "host").exit_code == 2
    assert "c1" in ok(run("cost", "list", ev)).output
    ok(run("cost", "remove", ev, "c1"))
    assert "costs" not in data(folder)


def test_organiser_and_question_edit_remove(run, folder, ev):
    ok(run("organiser", "add", ev, "Amina Yusuf", "--target-group", "ngo"))
    ok(run("organiser", "add", ev, "Pekka Aalto"))
    ok(run("organiser", "edit", ev, "1", "--organisation", "Moniheli ry",
           "--target-group", "none"))
    assert data(folder)["organisers"][0] == {"name": "Amina Yusuf",
                                             "organisation": "Moniheli ry"}
    ok(run("organiser", "remove", ev, "Pekka Aalto"))
    assert len(data(folder)["organisers"]) == 1

    ok(run("panel", "question", ev, "Missä ryhmät kohtaavat?", "--dimension", "interaction"))
    ok(run("panel", "question", "add", ev, "Onko turvallista?"))
    ok(run("panel", "question", "edit", ev, "2", "--dimension", "safety"))
    assert data(folder)["panel"]["questions"][1] == {"text": "Onko turvallista?",
                                                     "dimensions": ["safety"]}
    ok(run("panel", "question", "remove", ev, "1"))
    assert len(data(folder)["panel"]["questions"]) == 1
    assert run("panel", "question", "remove", ev, "7").exit_code == 1


# programme, registration ------------------------------------------------------------------
def test_programme_items(run, folder, ev):
    ok(run("speaker", "add", ev, "Laura Niemi", "--slot", "expert_talk", "--start", "09:15",
           "--minutes", "40"))
    ok(run("programme", "add", ev, "opening", "--start", "09:00", "--minutes", "15",
           "--title", "Avaus", "--lang", "fi"))
    warned = ok(run("programme", "add", ev, "coffee", "--start", "09:30", "--minutes", "15"))
    assert "overlap" in warned.output
    ok(run("programme", "edit", ev, "pr2", "--start", "09:55", "--title", "Kaffe",
           "--lang", "sv"))
    items = data(folder)["programme"]
    assert items == [{"id": "pr1", "kind": "opening", "start": "09:00", "minutes": 15,
                      "title": {"fi": "Avaus"}},
                     {"id": "pr2", "kind": "coffee", "start": "09:55", "minutes": 15,
                      "title": {"sv": "Kaffe"}}]
    listed = json.loads(ok(run("programme", "list", ev, "--json")).output)
    assert [r["id"] for r in listed["programme"]] == ["pr1", "s1", "pr2"]
    assert listed["overlaps"] == []
    assert run("programme", "add", ev, "lunch", "--start", "noon", "--minutes", "30"
               ).exit_code == 2
    assert run("programme", "add", ev, "party", "--start", "12:00", "--minutes", "30"
               ).exit_code == 2
    ok(run("programme", "remove", ev, "pr1"))
    assert [i["id"] for i in data(folder)["programme"]] == ["pr2"]


def test_registration_and_privacy_links(run, folder, ev):
    ok(run("invitation", "set", ev, "--registration-url", "https://example.fi/ilmoittaudu",
           "--registration-email", "ilmoittautumiset@example.fi", "--privacy-url",
           "https://example.fi/tietosuoja", "--deadline", "2027-03-10"))
    inv = data(folder)["invitation"]
    assert inv["registration_url"] == "https://example.fi/ilmoittaudu"
    assert inv["registration_email"] == "ilmoittautumiset@example.fi"
    assert inv["privacy_url"] == "https://example.fi/tietosuoja"
    for option, value in (("--registration-url", "javascript:alert(1)"),
                          ("--privacy-url", "example.fi"),
                          ("--registration-email", "no-at-sign")):
        result = run("invitation", "set", ev, option, value)
        assert result.exit_code == 2 and option in result.output


def test_every_command_has_an_example_in_its_help(run):
    from eventflow.cli import LAZY_COMMANDS

    groups = ["contact", "cost", "feedback", "invitation", "organiser", "panel", "partner",
              "programme", "speaker", "venue"]
    assert set(groups) <= set(LAZY_COMMANDS)
    import importlib

    import click

    def walk(command, path):
        yield path, command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])

    for name in groups:
        module = importlib.import_module(f"eventflow.{LAZY_COMMANDS[name][0]}")
        group = click.Group()
        module.attach(group)
        for path, command in walk(group.commands[name], [name]):
            assert "Example:" in (command.help or ""), path
            assert f"eventflow {' '.join(path)}" in command.help or \
                isinstance(command, click.Group), path


# older files ------------------------------------------------------------------------------
def test_an_older_event_file_is_read_and_written_in_the_new_form(run, folder, ev):
    path = folder / "events" / ev / "event.toml"
    text = path.read_text("utf-8")
    text += ('\n[[partners]]\nid = "p1"\nname = "ETNO"\ntype = "authority"\n'
             'contact = "Leena Koski, leena.koski@example.fi"\n'
             '\n[[speakers]]\nid = "s1"\nname = "Laura"\nslot = "expert_talk"\n'
             'title = "Väestösuhteet"\n'
             '\n[[panel.panelists]]\nname = "Maria Virtanen"\nrole = "police"\n')
    text = text.replace("[invitation]\n", '[invitation]\naccessibility_info = "Esteetön"\n')
    path.write_text(text, "utf-8")
    ok(run("venue", "set", ev, "--capacity", "100"))
    new = data(folder)
    assert new["partners"][0]["contact"] == {"name": "Leena Koski",
                                             "email": "leena.koski@example.fi"}
    assert new["speakers"][0]["title"] == {"fi": "Väestösuhteet"}
    assert new["panel"]["panelists"][0] == {"id": "pl1", "name": "Maria Virtanen",
                                            "role": {"fi": "police"}}
    assert new["invitation"]["accessibility_info"] == {"fi": "Esteetön"}


def test_a_speaker_overlapping_the_programme_is_saved_with_a_warning(run, folder, ev):
    ok(run("programme", "add", ev, "opening", "--start", "09:00", "--minutes", "15"))
    result = ok(run("speaker", "add", ev, "Laura Niemi", "--slot", "expert_talk",
                    "--start", "09:10", "--minutes", "30"))
    assert "pr1 and s1 overlap in the programme" in result.output
    result = ok(run("speaker", "edit", ev, "s1", "--start", "09:15"))
    assert "overlap" not in result.output


def test_the_agreement_prose_per_language(run, folder, ev, ef_engine):
    ok(run("partner", "agree", ev, "cost_sharing", "Kulut jaetaan puoliksi."))
    ok(run("partner", "agree", ev, "cost_sharing", "Kostnaderna delas lika.", "--lang", "sv"))
    ok(run("partner", "agree", ev, "programme", "Neljä puheenvuoroa ja paneeli."))
    ok(run("partner", "agree", ev, "venue", "Tampere-talo"))
    agreement = data(folder)["agreement"]
    assert agreement["cost_sharing"] == {"fi": "Kulut jaetaan puoliksi.",
                                         "sv": "Kostnaderna delas lika."}
    assert agreement["programme"] == {"fi": "Neljä puheenvuoroa ja paneeli."}
    assert agreement["venue"] == "Tampere-talo"
    # a name or a date is the same in every language: --lang is refused, nothing written
    before = (folder / "events" / ev / "event.toml").read_bytes()
    refused = run("partner", "agree", ev, "venue", "Tammerforshuset", "--lang", "sv")
    assert refused.exit_code == 1 and "without --lang" in refused.output
    assert (folder / "events" / ev / "event.toml").read_bytes() == before
    listed = ok(run("partner", "list", ev)).output
    assert "fi: Kulut jaetaan puoliksi.; sv: Kostnaderna delas lika." in listed
    # each language's memo in its own language; the missing one marked, with a warning
    result = ok(run("outputs", ev, "--stage", "partner_agreed"))
    memos = folder / "events" / ev / "outputs" / "partner_agreed"
    fi = (memos / "agreement-memo-fi.md").read_text("utf-8")
    sv = (memos / "agreement-memo-sv.md").read_text("utf-8")
    assert "Kulut jaetaan puoliksi." in fi and "Kostnaderna" not in fi
    assert "Kostnaderna delas lika." in sv and "Kulut" not in sv
    assert "Neljä" not in sv and "[ÖVERSÄTTNING SAKNAS]" in sv
    assert "agreement programme has no Swedish text" in result.output
    # an older file's one text is read as the event's first language
    path = folder / "events" / ev / "event.toml"
    text = path.read_text("utf-8")
    start = text.index("[agreement.cost_sharing]")
    end = text.index("\n[", start + 1)
    text = text[:start] + text[end + 1:]
    text = text.replace("[agreement]\n", '[agreement]\ncost_sharing = "Puoliksi"\n', 1)
    path.write_text(text, "utf-8")
    assert ef_engine.load(ev).agreement.cost_sharing == {"fi": "Puoliksi"}
