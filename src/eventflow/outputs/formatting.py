"""Dates, numbers and money in the reader's language."""

from __future__ import annotations

import datetime as dt

_WEEKDAYS = {
    "fi": ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")



def format_date(value: dt.date | str | None, lang: str, weekday: bool = False) -> str:
    """18.3.2027 (fi, sv) or 18 March 2027 (en); with ``weekday`` the day's name first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value.date() if isinstance(value, dt.datetime) else value
    value = day
    text = (f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}" if lang == "en"
            else f"{value.day}.{value.month}.{value.year}")
    if weekday:
        name = _WEEKDAYS.get(lang, _WEEKDAYS["en"])[value.weekday()]
        text = f"{name} {text}"
    return text


def format_percent(value: float, lang: str) -> str:
    """50 % / 33,3 % (fi, sv) or 33.3 % (en)."""
    text = f"{float(value or 0):.1f}".removesuffix(".0")
    return (text if lang == "en" else text.replace(".", ",")) + "\u00a0%"


def format_money(amount: float, lang: str) -> str:
    """1 234,50 € (fi, sv) or €1,234.50 (en)."""
    text = f"{amount:,.2f}"
    if lang == "en":
        return f"€{text}"
    return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0€"
