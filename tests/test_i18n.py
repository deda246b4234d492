"""The interface in Finnish, Swedish and English (i18n.py): every message has its Finnish and
Swedish translation with the same placeholders, the committed catalogues are compiled from
the .po files, the language is chosen in the documented order, and a broken catalogue gives
English with one warning."""

from __future__ import annotations

import gettext
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from eventflow import i18n

REPO = Path(__file__).resolve().parent.parent
LOCALE = Path(i18n.LOCALE_DIR)


def _po(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "eventflow.po", "rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def source_messages() -> dict[str, str]:
    """Every message of the source, extracted as `make messages` does (babel.cfg)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options_map):
        for text in (message if isinstance(message, tuple) else (message,)):
            if text:
                found.setdefault(text, filename)
    return found


def _placeholders(text: str) -> set[str]:
    fields = {f"{{{name}{'!' + conv if conv else ''}}}"
              for _lit, name, _spec, conv in string.Formatter().parse(text) if name is not None}
    return fields | set(re.findall(r"%\(\w+\)[sdr]", text))


def test_there_is_something_to_translate(source_messages):
    assert "warning: {message}" in source_messages  # a _() call of cli.py
    assert "Show every event, or every stage and item of one event.\n\n\b\nExample:\n" \
           "    eventflow status\n    eventflow status pirkanmaa --json" in source_messages
    assert "How far ahead to look." in source_messages  # an option's help
    assert "Usage:" in source_messages  # click's own word
    assert ", line {line}" in source_messages  # errors.py


def _translations(lang: str) -> dict[str, list[str]]:
    """Each msgid (a singular and its plural each, every context) → the translations given for
    it (each plural form; one per context); a missing or fuzzy translation gives ""."""
    found: dict[str, list[str]] = {}
    for m in _po(lang):
        if not m.id:
            continue
        forms = list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]
        forms = ["" if m.fuzzy else f for f in forms]
        for msgid in (m.id if isinstance(m.id, tuple) else (m.id,)):
            found.setdefault(msgid, []).extend(forms)
    return found


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_has_a_translation_with_the_same_placeholders(lang, source_messages):
    catalogue = _translations(lang)
    untranslated = [f"{where}: {text!r}" for text, where in source_messages.items()
                    if not catalogue.get(text) or not all(catalogue[text])]
    assert untranslated == [], (f"messages without a {lang} translation (run `make messages` "
                                f"and translate them in the {lang} .po file)")
    changed = [f"{text!r} → {t!r}" for text in source_messages for t in catalogue[text]
               if _placeholders(text) != _placeholders(t)]
    assert changed == [], f"{lang} translations that drop or change a placeholder"
    kept_blocks = [text for text in source_messages for t in catalogue[text]
                   if text.count("\b") != t.count("\b")]
    assert kept_blocks == [], "a translation lost click's \\b (no-rewrap) mark"


def test_the_placeholder_check_can_fail():
    assert _placeholders("{event}: waived {item}") != _placeholders("{event}: ohitettu {kohta}")
    assert _placeholders("No such option {name!r}.") != _placeholders("Valitsinta {name} ei ole")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_committed_catalogue_is_compiled_from_the_po_file(lang):
    compiled = io.BytesIO()
    write_mo(compiled, _po(lang))
    compiled.seek(0)
    expected = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    with open(LOCALE / lang / "LC_MESSAGES" / "eventflow.mo", "rb") as fh:
        committed = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    assert committed == expected, f"run `make messages`: the {lang} .mo is out of date"


def test_the_catalogues_are_package_data():
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["eventflow"]
    assert "locale/*/LC_MESSAGES/*.mo" in patterns


# the language ------------------------------------------------------------------------------------
@pytest.fixture
def fresh(monkeypatch):
    for name in ("EVENTFLOW_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.configure()
    yield monkeypatch
    i18n.configure()
    i18n._state["warned"] = False


def _folder(tmp_path: Path, language: str) -> Path:
    folder = tmp_path / f"planning-{language}"
    folder.mkdir()
    (folder / "eventflow.toml").write_text(f'[eventflow]\nlanguage = "{language}"\n',
                                           encoding="utf-8")
    return folder


def test_the_language_comes_from_lang_then_env_then_folder_then_locale(fresh, tmp_path):
    folder = str(_folder(tmp_path, "sv"))
    fresh.setenv("LANG", "fi_FI.UTF-8")
    i18n.configure(None, str(tmp_path))  # no planning folder there: the system locale
    assert i18n.language() == "fi"
    i18n.configure(None, folder)
    assert i18n.language() == "sv"
    fresh.setenv("EVENTFLOW_LANG", "en")
    i18n.configure(None, folder)
    assert i18n.language() == "en"
    i18n.configure("fi", folder)
    assert i18n.language() == "fi"
    fresh.delenv("LANG")
    fresh.delenv("EVENTFLOW_LANG")
    i18n.configure(None, str(tmp_path))
    assert i18n.language() == "en"


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "sv_FI.UTF-8"}, "sv"), ({"LC_ALL": "fi_FI", "LANG": "sv_FI"}, "fi"),
    ({"LANGUAGE": "de:sv", "LANG": "fi_FI"}, "sv"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "de_DE", "LANG": "fi_FI"}, "en")])
def test_the_system_locale(fresh, env, expected):
    for name, value in env.items():
        fresh.setenv(name, value)
    assert i18n.system_language() == expected


def test_a_broken_catalogue_gives_english_with_one_warning(fresh, tmp_path, capsys):
    broken = tmp_path / "locale" / "fi" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "eventflow.mo").write_bytes(b"not a catalogue at all")
    fresh.setattr(i18n, "LOCALE_DIR", str(tmp_path / "locale"))
    i18n.configure("fi")
    assert i18n._("warning: {message}") == "warning: {message}"
    assert i18n._("Usage:") == "Usage:"
    err = capsys.readouterr().err
    assert err.count("warning:") == 1
    assert "the fi catalogue" in err and "eventflow speaks English" in err


def test_a_missing_catalogue_gives_english_with_one_warning(fresh, tmp_path, capsys):
    fresh.setattr(i18n, "LOCALE_DIR", str(tmp_path / "nowhere"))
    i18n.configure("sv")
    assert i18n._("Usage:") == "Usage:"
    assert i18n._("Options") == "Options"
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "the sv catalogue" in err


def test_an_unknown_eventflow_lang_is_said_and_ignored(fresh, tmp_path, capsys):
    fresh.setenv("EVENTFLOW_LANG", "de")
    i18n.configure(None, str(tmp_path))
    assert i18n.language() == "en"
    assert "EVENTFLOW_LANG=de is not a language of eventflow" in capsys.readouterr().err


# the command line -------------------------------------------------------------------------------
def test_help_and_messages_in_finnish_and_swedish(run, fresh, ef_event):
    event = ef_event("partner_agreed")
    out = run("--lang", "fi", "--help").output
    assert "Käyttö: " in out and "Valitsimet:" in out and "Komennot:" in out
    assert "Suunnittele hyvien väestösuhteiden koulutuspäiviä vaihe vaiheelta." in out
    assert "Näytä tämä ohje ja lopeta." in out
    assert "Tulosta komentotulkin täydennysskripti" in out  # a lazy command's summary
    out = run("--lang", "sv", "next", "--help").output
    assert "Hur långt framåt man tittar." in out and "Användning:" in out
    out = run("--lang", "fi", "why", event.id).output
    assert f"{event.id} ei voi vielä siirtyä pois vaiheesta 'partner_agreed'" in out
    assert re.search(r"vastuussa organiser, määräpäivä \d{1,2}\.\d{1,2}\.20\d\d; lähde R1", out)
    out = run("--lang", "sv", "statsu").output
    assert "Fel: kommandot 'statsu' finns inte; menade du status?" in out
    out = run("--lang", "fi", "new", "X", "--date", "3/4/2027", "--region", "Pirkanmaa").output
    assert "Virheellinen arvo kohteelle '--date': '3/4/2027' on monitulkintainen" in out
    assert "2027-03-18, 18.3.2027 tai 18.3.27" in out


def test_the_folder_language_speaks_without_lang(run, fresh, ef_project):
    settings = Path(ef_project.root) / "eventflow.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r'language = "\w+"', 'language = "sv"', text), encoding="utf-8")
    assert "inga tillställningar ännu" in run("status").output
    fresh.setenv("EVENTFLOW_LANG", "fi")
    assert "ei vielä tilaisuuksia" in run("status").output
    assert "no events yet" in run("--lang", "en", "status").output


def test_english_needs_no_catalogue(fresh, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path / "nowhere"))
    i18n.configure("en")
    assert i18n._("Usage:") == "Usage:"
    assert i18n._state["catalogue"] is None
