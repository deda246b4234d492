"""How people read dates and history lines (present.py)."""

from __future__ import annotations

from eventflow.present import history_line


def test_history_line_is_in_helsinki_time_summer_and_winter() -> None:
    summer = {"rev": 3, "at": "2027-06-01T09:30:00+00:00", "by": "leena", "action": "reopen",
              "from": "speakers", "to": "venue", "reason": "Hall double-booked",
              "change_id": "abc123"}
    line = history_line(summer, "fi")
    assert line.startswith("r3 ") and "1.6.2027 klo 12.30" in line  # UTC+3 in summer
    assert "leena" in line and "speakers → venue" in line and "— Hall double-booked" in line
    assert "abc123" not in line and "change_id" not in line  # machine keys: history --json
    winter = dict(summer, at="2027-01-15T22:30:00+00:00")
    assert "16.1.2027 klo 0.30" in history_line(winter, "fi")  # UTC+2: the next day
    assert "2027-01-16 0.30" in history_line(winter, "en")


def test_history_line_keeps_what_it_cannot_read_and_marks_what_was_not_applied() -> None:
    line = history_line({"rev": 1, "at": "yesterday", "by": "x", "action": "check",
                         "item": "venue_recorded", "applied": False}, "en")
    assert "yesterday" in line and "venue_recorded" in line and line.endswith("(not applied)")
    hostile = history_line({"rev": 2, "at": "", "by": "\x1b[31mevil", "action": "edit"}, "en")
    assert "\x1b" not in hostile and "\\x1b" in hostile


def test_history_line_in_finnish_and_swedish(monkeypatch) -> None:
    from eventflow import i18n

    entry = {"rev": 4, "at": "2027-01-15T10:00:00+00:00", "by": "leena",
             "action": "reschedule", "from": "2027-03-18", "to": "2027-04-22", "changes": 3,
             "applied": False}
    for code, field, marked in (("fi", "muutoksia 3", "(ei toteutunut)"),
                                ("sv", "ändringar 3", "(inte genomförd)")):
        monkeypatch.setenv("EVENTFLOW_LANG", code)
        i18n.configure()
        line = history_line(entry, code)
        assert "18.3.2027 → 22.4.2027" in line and field in line and line.endswith(marked)
    monkeypatch.setenv("EVENTFLOW_LANG", "en")
    i18n.configure()
    line = history_line(entry, "en")
    assert "2027-03-18 → 2027-04-22" in line and "changes 3" in line
    i18n.configure()


def test_one_line_shows_line_breaks_and_escapes_control_characters() -> None:
    from eventflow.present import one_line

    assert one_line("ok\nr3 cancel") == "ok⏎r3 cancel"
    assert one_line("a\r\nb\rc\u2028d\u2029e\x0bf\x0cg\x85h") == "a⏎b⏎c⏎d⏎e⏎f⏎g⏎h"
    assert one_line("\x1b[31mred\x9b0m\x7f\x00\t") == "\\x1b[31mred\\x9b0m\\x7f\\x00\\x09"
    assert one_line("\u202eevil") == "\\u202eevil"  # a bidirectional override: not obeyed
    assert one_line("2\xa0250 € — Åbo") == "2\xa0250 € — Åbo"  # spaces and letters stay
    assert one_line(12) == "12"


FORGED = {"rev": 3, "at": "2026-11-30T11:05:00+00:00", "by": "tester", "action": "agree",
          "topic": "programme",
          "text": "ok\nr4   2026-11-30 13.05  leena   cancel   — fake\x1b[2J\x1b]0;t\x07"}


def test_a_forged_history_entry_is_one_line_with_no_escape_sequence() -> None:
    for lang in ("en", "fi"):
        line = history_line(FORGED, lang)
        assert "\n" not in line and "\x1b" not in line and "\x07" not in line
        assert "ok⏎r4" in line and "\\x1b[2J" in line
    entry = dict(FORGED, by="le\u2028ena", action="edit\r\x1b[1A", reason="a\x85b")
    line = history_line(entry, "en")
    assert line.isprintable() and "le⏎ena" in line and "edit⏎\\x1b[1A" in line
    assert line.endswith("— a⏎b")


def test_history_lines_fit_a_width_keeping_who_and_what_whole() -> None:
    from eventflow import i18n
    from eventflow.present import history_lines

    entries = [
        {"rev": 1, "at": "2026-11-30T11:05:00+00:00", "by": "leena.koski", "action": "created",
         "title": "Hyvät väestösuhteet – Pirkanmaa", "date": "2027-03-18"},
        {"rev": 12, "at": "2026-12-01T08:00:00+00:00", "by": "amir", "action": "reschedule",
         "from": "2027-03-18", "to": "2027-04-22", "reason": "The hall is double-booked",
         "applied": False},
        dict(FORGED, rev=13)]
    for lang, when in (("en", "2026-11-30 13.05"), ("fi", "30.11.2026 klo 13.05")):
        with i18n.speaking(lang):
            full = history_lines(entries, lang)
            assert full == history_lines(entries, lang, None) and "…" not in "".join(full)
            narrow = {width: history_lines(entries, lang, width) for width in range(60, 131, 7)}
        starts = {line.index(by) for line, by in zip(full, ("leena", "amir", "tester"),
                                                     strict=True)}
        assert len(starts) == 1  # the columns aligned
        assert ("title " if lang == "en" else "otsikko ") in full[0]
        for width, lines in narrow.items():
            assert len(lines) == 3 and all(len(line) <= width for line in lines), lines
            assert lines[0].startswith(f"r1  {when} leena.koski created    ")
            assert "r12 " in lines[1] and " amir " in lines[1] and " reschedule " in lines[1]
            if width >= 80:
                assert lines[1].endswith(_not_applied(lang))  # kept whole when it fits
            for line, whole in zip(lines, full, strict=True):
                assert line == whole or (line.endswith("…") or _not_applied(lang) in line)
                assert set(_dates(line)) <= set(_dates(whole))  # a date whole or not at all


def test_history_lines_on_a_narrow_terminal_cut_names_not_times() -> None:
    """Narrower than the four columns: names are cut with "…" (to four characters), so the
    lines still end at the terminal's edge with revision, local time and action whole."""
    from eventflow import i18n
    from eventflow.present import history_lines

    entries = [
        {"rev": 1, "at": "2026-11-30T11:05:00+00:00", "by": "leena.koski", "action": "created",
         "title": "Hyvät väestösuhteet – Pirkanmaa"},
        {"rev": 12, "at": "2026-12-01T08:00:00+00:00", "by": "amir", "action": "reschedule",
         "from": "2027-03-18", "to": "2027-04-22", "applied": False}]
    for lang, when, narrowest in (("en", "2026-11-30 13.05", 38),
                                  ("fi", "30.11.2026 klo 13.05", 42)):
        with i18n.speaking(lang):
            for width in range(narrowest, 60):
                lines = history_lines(entries, lang, width)
                assert all(len(line) <= width for line in lines), (width, lines)
                assert lines[0].startswith(f"r1  {when} lee")
                assert " created " in lines[0] and " reschedule " in lines[1]
                assert all("…" in line for line in lines)  # what changed, cut
            assert " lee… created " in history_lines(entries, lang, narrowest)[0]
            assert " leena.koski " in history_lines(entries, lang, 60)[0]


def _not_applied(lang: str) -> str:
    return {"en": "(not applied)", "fi": "(ei toteutunut)"}[lang]


def _dates(text: str) -> list[str]:
    import re

    return re.findall(r"\d+[-.]\d+[-.]\d+", text)


def test_cut_whole_never_cuts_inside_a_date_or_a_number() -> None:
    from eventflow.present import cut_whole

    text = "päivä 18.3.2027 → 22.4.2027; muutoksia 12"
    for width in range(1, len(text) + 2):
        cut = cut_whole(text, width)
        assert len(cut) <= width
        assert set(_dates(cut)) <= {"18.3.2027", "22.4.2027"}, cut
        assert cut == text or cut.endswith("…")
    assert cut_whole("päivä 18.3.2027 → 22.4.2027", 22) == "päivä 18.3.2027 →…"
    assert cut_whole("agreement_signed", 10) == "agreement…"  # a word may be cut, with "…"
    assert cut_whole(text, None) == text
