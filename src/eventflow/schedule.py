"""Due dates relative to the event day.

An offset is written ``-12w`` (weeks), ``-10d`` (calendar days) or ``-5bd`` (business days:
weekends and Finnish public holidays are skipped), with an optional sign; ``0d`` is the event day.
A due date is a working day: one that lands on a weekend, a Finnish public holiday, Christmas
Eve or Midsummer Eve moves to the working day before it (the ``holidays`` package lists both
eves as holidays in Finland). A planning folder may ask for calendar days instead
(``working_days = false`` under ``[eventflow]`` in ``eventflow.toml``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from typing import NamedTuple

from .i18n import _

_OFFSET = re.compile(r"^([+-]?)(\d{1,4})(w|d|bd)$")


class Offset(NamedTuple):
    """A due offset from the event day (:func:`parse_offset`): a signed amount and its unit,
    ``w`` (weeks), ``d`` (calendar days) or ``bd`` (business days); ``str()`` writes it back as
    ``-12w``."""

    amount: int  # signed
    unit: str  # "w", "d" or "bd"

    def __str__(self) -> str:
        sign = "+" if self.amount > 0 else "-" if self.amount < 0 else ""
        return f"{sign}{abs(self.amount)}{self.unit}"


def today() -> dt.date:
    """Today, or the day ``EVENTFLOW_TODAY`` (YYYY-MM-DD) names, for tests and rehearsals."""
    value = os.environ.get("EVENTFLOW_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def parse_offset(text: str) -> Offset:
    """Parse ``-12w`` / ``+1d`` / ``-5bd``; raises ValueError naming the accepted forms."""
    match = _OFFSET.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(_("'{text}' is not a due offset; write e.g. -12w (weeks), -10d (days) "
                           "or -5bd (business days), relative to the event day").format(
            text=text))
    sign, number, unit = match.groups()
    amount = -int(number) if sign == "-" else int(number)
    return Offset(amount, unit)


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> frozenset[dt.date]:
    # lazy: the holidays package costs 630 ms (-X importtime: it imports every country);
    # only a due date in business days or on a working day needs it
    from holidays.countries.finland import Finland

    return frozenset(Finland(years=year).keys())


def is_business_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day: Monday to Friday and not a Finnish public holiday
    (Christmas Eve and Midsummer Eve count as holidays)."""
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the last working day before it."""
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def due_date(event_day: dt.date, offset: Offset, *, working: bool = True) -> dt.date:
    """The date ``offset`` away from ``event_day``; with ``working``, moved back to a working
    day (the event day itself, ``0d``, never moves: the event is held on it)."""
    if offset.unit in ("w", "d"):
        days = offset.amount * 7 if offset.unit == "w" else offset.amount
        day = event_day + dt.timedelta(days=days)
        return previous_working_day(day) if working and days else day
    step = dt.timedelta(days=1 if offset.amount > 0 else -1)
    day = event_day
    remaining = abs(offset.amount)
    while remaining:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day
