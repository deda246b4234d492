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
