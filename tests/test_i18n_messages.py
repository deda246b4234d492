"""What used to speak English whatever the language (issue 16): the outputs' refusals, the
merge's conflict warning, the history's and the outputs' dates. A command decides by the type
of an error or a warning, never by its (translated) words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventflow import i18n
from eventflow.datetext import day
from eventflow.mergeconflicts import ConflictWarning, conflict_warning


@pytest.fixture
def event(ef_event: Any) -> Any:
    return ef_event("partner_agreed")


def test_a_day_as_each_language_writes_it() -> None:
    assert day(dt.date(2027, 3, 18), "fi") == day("2027-03-18", "sv") == "18.3.2027"
    assert day(dt.date(2027, 3, 18), "en") == "2027-03-18"
    assert day("not a date", "fi") == "not a date"
    with i18n.speaking("sv"):
        assert day(dt.date(2027, 3, 5)) == "5.3.2027"  # the interface language by default


@pytest.mark.parametrize(("code", "stage_words", "lang_words"), [
    ("fi", "työnkulussa good-relations-training ei ole vaihetta nope", "kielillä de ei ole pohjia"),
    ("sv", "inget skede nope i arbetsflödet good-relations-training", "inga mallar på de"),
    ("en", "no stage nope in workflow good-relations-training", "no templates in de"),
])
def test_outputs_refusals_name_their_option_in_every_language(run, lang, event, code,
                                                             stage_words, lang_words):
    lang(code)
    refused = run("outputs", event.id, "--stage", "nope")
    assert refused.exit_code == 2 and "--stage" in refused.output
    assert stage_words in refused.output
    refused = run("outputs", event.id, "--lang", "de")
    assert refused.exit_code == 2 and "--lang" in refused.output
    assert lang_words in refused.output


def test_a_missing_contact_is_warned_of_in_finnish_with_the_real_event(run, lang, event):
    lang("fi")
    out = run("outputs", event.id).output
    assert (f"ei kirjattu: tilaisuuden yhteyshenkilö (eventflow contact set {event.id} …)"
            in out)
    assert "is not recorded" not in out


def _conflicted(folder: Path, event_id: str) -> None:
    path = folder / "events" / event_id / "event.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[conflicts]]\npath = '
                    '"venue.capacity"\nbase = 100\nours = 80\ntheirs = 120\nours_by = "amir"\n'
                    'theirs_by = "leena"\ntheirs_at = "2026-11-20T10:05:00+00:00"\n',
                    encoding="utf-8")


@pytest.mark.parametrize(("code", "head", "kept", "lists", "by"), [
    ("fi", "1 yhdistämisen ristiriitaista muutosta odottaa päätöstä",
     "venue.capacity: säilytettiin 80", "luettelee ne", "tekijä leena, 20.11.2026 klo 12.05"),
    ("sv", "1 motstridig(a) ändring(ar) från en sammanslagning väntar på beslut",
     "venue.capacity: behöll 80", "listar dem", "av leena, 20.11.2026 kl. 12.05"),
])
def test_the_conflict_warning_is_shown_in_the_language_and_left_out_by_its_type(
        run, lang, event, folder, code, head, kept, lists, by):
    # the library's words and the command lines the CLI adds (cli_terms.py), both translated
    _conflicted(folder, event.id)
    lang(code)
    why = run("why", event.id).output
    told = f"`eventflow conflicts {event.id}` {lists}, `eventflow resolve {event.id} FIELD"
    assert head in why and kept in why and told in why
    listed = run("conflicts").output
    assert told not in listed  # conflicts lists them itself: no warning about them
    assert by in listed  # who and when, on the team's clock (Helsinki), as the language writes


def test_the_conflict_warning_is_a_text_of_its_own_type() -> None:
    class Conflict:
        path, ours, theirs, ours_by, theirs_by = "venue.capacity", 80, 120, "amir", ""

    with i18n.speaking("fi"):
        warning = conflict_warning("pirkanmaa", [Conflict()] * 4)
    assert isinstance(warning, ConflictWarning) and isinstance(warning, str)
    assert "80 (tekijä amir)" in warning and "ja 1 muuta" in warning


def test_history_and_stale_outputs_print_dates_as_the_language_writes_them(run, lang, event):
    lang("fi")
    created = run("history", event.id).output.splitlines()[0]
    assert "päivä 18.3.2027" in created and "2027-03-18" not in created
    assert "otsikko Hyvät väestösuhteet" in created
    run("outputs", event.id)
    run("contact", "set", event.id, "--name", "Leena Koski", "--email", "leena@example.fi")
    stale = run("outputs", event.id, "--stale").output
    assert "tehty " in stale and " klo " in stale and "T" not in stale.split("tehty ")[1][:20]
    lang("sv")
    assert "datum 18.3.2027" in run("history", event.id).output


def test_a_sync_tools_copy_is_named_in_the_language(tmp_path: Path) -> None:
    """The store's refusal over a conflicted copy, and its recovery notice, speak the language
    (they were English in every language)."""
    from eventflow.store.conflicts import SharedFolderConflict, refuse_conflicts

    (tmp_path / "event.toml").write_text('id = "x"\nrevision = 2\ntitle = "A"\n')
    (tmp_path / "event (conflicted copy).toml").write_text('id = "x"\nrevision = 3\ntitle = "B"\n')
    for code, words in (("fi", ("mitään ei tallennettu", "ristiriitainen kopio", "korjaus:",
                                "eroavat kentät: title")),
                        ("sv", ("ingenting sparades", "konfliktkopia", "åtgärd:",
                                "de skiljer sig i: title")),
                        ("en", ("nothing was saved", "1 conflicted copy", "fix:",
                                "they differ in: title"))):
        with i18n.speaking(code), pytest.raises(SharedFolderConflict) as caught:
            refuse_conflicts(tmp_path)
        message = str(caught.value)
        assert all(w in message for w in words), (code, message)
