"""datetext writes a day as Babel's short date form of the language, without importing Babel
on the way (27 ms that every `check` in a Finnish folder paid)."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

import pytest
from babel.dates import format_date, get_date_format

from eventflow import datetext


@pytest.mark.parametrize("lang", sorted(datetext.SHORT))
def test_the_kept_forms_are_babels(lang: str) -> None:
    locale = datetext.LOCALES[lang]
    assert get_date_format("short", locale=locale).pattern == datetext.SHORT[lang]
    rng = random.Random(lang)
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 3000)) for _ in range(300)]
    days += [dt.date(2027, 1, 1), dt.date(2027, 12, 31), dt.date(2030, 10, 9)]
    for d in days:
        assert datetext.day(d, lang) == format_date(d, "short", locale=locale), d
        assert datetext.day(d.isoformat(), lang) == datetext.day(d, lang)


def test_english_stays_iso_and_text_stays_text() -> None:
    assert datetext.day(dt.date(2027, 3, 5), "en") == "2027-03-05"
    assert datetext.day("not a date", "fi") == "not a date"
    assert datetext.day(dt.datetime(2027, 3, 5, 10, 15), "sv") == "5.3.2027"


def test_writing_a_finnish_day_imports_no_babel() -> None:
    code = ("import sys, datetime as dt; from eventflow.datetext import day; "
            "print(day(dt.date(2027, 3, 18), 'fi'), day(dt.date(2027, 3, 18), 'sv'), "
            "any(m.startswith('babel') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    assert out == ["18.3.2027", "18.3.2027", "False"]
