"""Dates, weekdays, times, numbers and money in the reader's language, from CLDR (Babel).

Documents are Finnish-regional, so each language uses its Finnish CLDR locale: ``fi_FI``,
``sv_FI`` (Finland Swedish: 18.3.2027, 9.15) and ``en_IE`` (day-month English with the euro:
Thursday 18 March 2027, 9:15–11:15 am). Nothing here is a hand-written table of month or
weekday names; the one word CLDR has no pattern for, the "at" before a time in Finnish and
Swedish running text (``klo``, ``kl.``), is in :data:`AT`.

>>> when(dt.date(2027, 3, 18), "09:15", "11:15", "fi")
'torstaina 18.3.2027 klo 9.15–11.15'
>>> when(dt.date(2027, 3, 18), "09:15", "", "sv")
'torsdag 18.3.2027 kl. 9.15'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from typing import Any, TypeVar

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_IE"}
AT = {"fi": "klo", "sv": "kl."}  # "klo 9.15": the word before a time in running text


_F = TypeVar("_F", bound=Callable[..., str])


def _memo(func: _F) -> _F:
    """Remember the texts of ``func`` by its arguments (one run of ``eventflow outputs``
    formats the same date, times and sums again in every document); arguments that cannot be
    hashed are formatted each time."""
    cached = lru_cache(maxsize=2048)(func)

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # unhashable: a template passed a list, say
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _locale(lang: str) -> Any:
    # lazy: babel.dates costs 19 ms (-X importtime, best of 7) after eventflow.outputs;
    # `eventflow feedback` (csv_cell) loads this package and formats nothing
    from babel import Locale

    return Locale.parse(locale_of(lang))


def to_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def to_time(value: Any) -> dt.time | None:
    """``"09:15"``, ``"9.15"`` or a :class:`datetime.time`; None when not a time."""
    if isinstance(value, dt.time):
        return value
    if not value:
        return None
    text = str(value).strip().replace(".", ":")
    try:
        hours, minutes = text.split(":")[:2]
        return dt.time(int(hours), int(minutes))
    except (ValueError, TypeError):
        return None


@_memo
def format_date(value: dt.date | str | None, lang: str, weekday: bool = False) -> str:
    """18.3.2027 (fi, sv) or 18 March 2027 (en); with ``weekday`` the day's name first, in the
    form running text uses (torstaina 18.3.2027, torsdag 18.3.2027, Thursday 18 March 2027)."""
    from babel.dates import format_date as babel_date  # lazy: 19 ms, see _locale

    day = to_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    loc = _locale(lang)
    if lang == "en":
        return babel_date(day, "full" if weekday else "long", locale=loc)
    text = babel_date(day, "short", locale=loc)
    if weekday:
        text = f"{babel_date(day, 'EEEE', locale=loc)} {text}"
    return text


@_memo
def format_time(value: Any, lang: str) -> str:
    """9.15 (fi, sv) or 9:15 am (en); a value that is no time comes back as it was."""
    # lazy: babel.dates costs 19 ms, see _locale
    from babel.dates import format_skeleton
    from babel.dates import format_time as babel_time

    moment = to_time(value)
    if moment is None:
        return "" if not value else str(value)
    if lang == "en":
        return format_skeleton("hm", moment, locale=_locale(lang))
    return babel_time(moment, "short", locale=_locale(lang))


@_memo
def format_time_range(start: Any, end: Any, lang: str) -> str:
    """9.15–11.15 (fi, sv) or 9:15 – 11:15 am (en); just the start when there is no end."""
    from babel.dates import format_interval  # lazy: 19 ms, see _locale

    first, last = to_time(start), to_time(end)
    if first is None:
        return ""
    if last is None:
        return format_time(first, lang)
    if lang == "en":
        return format_interval(first, last, "hm", locale=_locale(lang))
    # Finnish and Finland-Swedish CLDR write a single time without a leading zero (9.15) but
    # pad the hours of their interval skeletons (09.15–09.55): join the two short times with
    # the locale's own interval fallback pattern instead ({0}–{1})
    fallback = str(_locale(lang).interval_formats.get(None, "{0}–{1}"))
    return fallback.replace("{0}", format_time(first, lang)).replace("{1}", format_time(last,
                                                                                       lang))


@_memo
def when(day: Any, start: Any, end: Any, lang: str) -> str:
    """Weekday, date and times as running text: torstaina 18.3.2027 klo 9.15–11.15,
    torsdag 18.3.2027 kl. 9.15, Thursday 18 March 2027, 9:15 – 11:15 am."""
    date_text = format_date(day, lang, weekday=True)
    times = format_time_range(start, end, lang)
    if not times:
        return date_text
    if lang in AT:
        return f"{date_text} {AT[lang]} {times}"
    pattern = str(_locale(lang).datetime_formats["long"])
    return pattern.replace("{1}", date_text).replace("{0}", times)


@_memo
def format_percent(value: float, lang: str) -> str:
    """50 % / 33,3 % (fi, sv) or 33.3% (en)."""
    # lazy: decimal costs 2.1 ms (-X importtime, best of 7) after eventflow.outputs, babel.numbers
    # more (see _locale)
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    share = Decimal(str(round(float(value or 0), 1))) / 100
    return babel_percent(share, locale=_locale(lang), decimal_quantization=False)


@_memo
def format_money(amount: float, lang: str) -> str:
    """1 234,50 € (fi, sv) or €1,234.50 (en)."""
    from babel.numbers import format_currency  # lazy: babel, see _locale

    return format_currency(float(amount or 0), "EUR", locale=_locale(lang))


@_memo
def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """4,2 (fi, sv) or 4.2 (en): at most ``decimals`` decimals."""
    from babel.numbers import format_decimal  # lazy: babel, see _locale

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(float(value or 0), pattern, locale=_locale(lang))
