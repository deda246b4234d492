"""A day as the interface language writes it, for every layer: ``18.3.2027`` (fi, sv),
``2027-03-18`` (en: ISO, as the English interface always wrote them).

    >>> import datetime as dt
    >>> day(dt.date(2027, 3, 18), "fi"), day("2027-03-18", "sv"), day(dt.date(2027, 3, 18), "en")
    ('18.3.2027', '18.3.2027', '2027-03-18')

The checks' and the judge's reasons ("the invitation was sent 18.3.2027") are made below the
presentation layer, so the day is written here; :mod:`eventflow.present` (times, amounts,
tables) uses the same. The form is Babel's short date of the language (CLDR: ``d.M.y`` for
fi_FI and sv_FI), kept in :data:`SHORT` so that writing a day needs no Babel: importing
``babel.dates`` costs 27 ms (-X importtime, with zoneinfo), which every ``eventflow check`` in a
Finnish folder paid for the dates in the checks' reasons. tests/test_datetext.py holds
:data:`SHORT` equal to Babel's patterns and the days written equal to ``format_date``'s; a
language without a kept form is written by Babel. Files and JSON keep ISO dates; this is for
people.
"""

from __future__ import annotations

import datetime as dt

from .i18n import language

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}
#: Babel's short date pattern of each locale (``get_date_format("short", locale).pattern``),
#: as written by :func:`day` without Babel.
SHORT = {"fi": "d.M.y", "sv": "d.M.y"}


def day(value: dt.date | str, lang: str | None = None) -> str:
    """``value`` (a date, or a text holding an ISO date) as ``lang`` writes a day (default: the
    interface language). A text that is not an ISO date is returned as it is."""
    if isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return value
    elif isinstance(value, dt.datetime):
        date = value.date()
    else:
        date = value
    lang = language() if lang is None else lang
    if lang not in LOCALES or lang == "en":
        return date.isoformat()
    if SHORT.get(lang) == "d.M.y":
        return f"{date.day}.{date.month}.{date.year}"
    # lazy: babel.dates costs 27 ms (-X importtime, with zoneinfo); only a language whose
    # short form is not kept in SHORT needs it
    from babel.dates import format_date

    return format_date(date, "short", locale=LOCALES[lang])
