"""Dates and amounts as people in Finland type them, for every date and amount option.

* :data:`DATE` (``type=DATE``) accepts ISO ``2027-03-18`` and the Finnish and Swedish day
  ``18.3.2027`` or ``18.3.27`` (a two-digit year is 20YY). A date with slashes (``3/4/2027``)
  is refused: it is the 3rd of April in Finland and March 4th in the United States.
* :data:`AMOUNT` (``type=AMOUNT``, or ``Amount(minimum=…)``) accepts a decimal comma or
  point and spaces between thousands: ``2 250,50``, ``2250.50``, ``2 250`` (also with the
  non-breaking spaces that word processors and spreadsheets put there), a trailing ``€``.

The parsing itself (:func:`parse_day`, :func:`parse_amount`) raises :class:`ValueError`
with a message that lists the accepted forms, so code outside the command line (importers,
plugins) reads the same forms the same way.

    @click.option("--date", "date", type=DATE, required=True, help="Event day.")
    @click.option("--amount", type=AMOUNT, required=True, help="Euros.")
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from .i18n import N_, _

DATE_FORMS = N_("2027-03-18, 18.3.2027 or 18.3.27")
AMOUNT_FORMS = N_("2250.50, 2 250,50 or 2250")

# patterns as text, compiled on first use (re caches them): importing this module is part of
# every start of the command line
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_DOTTED = r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})"
_SPACES = r"[\s\u00a0\u202f\u2009\u2007]+"
_NUMBER = r"\d+(?:[.,]\d+)?"


def split_list(value: str | None) -> list[str]:
    """The values of a comma-separated option (``--languages fi,sv``), stripped, empty ones
    left out; ``[]`` for ``None``."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_day(text: str) -> dt.date:
    """The day ``text`` names: ``2027-03-18``, ``18.3.2027`` or ``18.3.27``."""
    value = text.strip()
    if match := re.fullmatch(_ISO, value):
        year, month, day = (int(g) for g in match.groups())
    elif match := re.fullmatch(_DOTTED, value.rstrip(".") if value.count(".") == 3 else value):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif "/" in value:
        raise ValueError(_("'{text}' is ambiguous (day/month or month/day?); write the day as "
                           "{forms}").format(text=text, forms=_(DATE_FORMS)))
    else:
        raise ValueError(_("'{text}' is not a date; write it as {forms}").format(
            text=text, forms=_(DATE_FORMS)))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("'{text}' is not a day of the calendar (day {day}, month {month}, "
                           "year {year}); write it as {forms}").format(
            text=text, day=day, month=month, year=year, forms=_(DATE_FORMS))) from None


def parse_amount(text: str) -> float:
    """The amount of euros ``text`` names: ``2 250,50``, ``2250.50``, ``2 250``, ``12 €``."""
    value = re.sub(_SPACES, "", text.strip())
    for suffix in ("€", "EUR"):
        if value.endswith(suffix) and value[:-len(suffix)]:
            value = value[:-len(suffix)]
            break
    if "," in value and "." in value:
        raise ValueError(_("'{text}' has both a decimal comma and a point; write the amount as "
                           "{forms} (spaces between thousands, one decimal mark)").format(
            text=text, forms=_(AMOUNT_FORMS)))
    sign = -1.0 if value.startswith("-") else 1.0
    digits = value[1:] if value[:1] in "-+" else value
    if not re.fullmatch(_NUMBER, digits):
        raise ValueError(_("'{text}' is not an amount; write it as {forms}").format(
            text=text, forms=_(AMOUNT_FORMS)))
    return sign * float(digits.replace(",", "."))


class DateType(click.ParamType):
    """A click parameter type for a day (see the module's docstring)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        """The day ``value`` names (a :class:`datetime.date` as it is); a value that is not a day
        fails with the accepted forms (click's usage error, exit 2)."""
        if isinstance(value, dt.date):
            return value
        try:
            return parse_day(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """``DATE``, the placeholder in usage lines and help."""
        return "DATE"


class Amount(click.ParamType):
    """A click parameter type for an amount of euros, at least ``minimum`` when given."""

    name = "amount"

    def __init__(self, minimum: float | None = None) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        """The amount ``value`` names, in euros; fails (click's usage error) on a value that is
        not an amount or is below ``minimum``."""
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = parse_amount(str(value))
            except ValueError as exc:
                self.fail(str(exc), param, ctx)
        if self.minimum is not None and number < self.minimum:
            self.fail(_("{value} is less than {minimum}").format(
                value=value, minimum=f"{self.minimum:g}"), param, ctx)
        return number

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """``AMOUNT``, the placeholder in usage lines and help."""
        return "AMOUNT"


DATE = DateType()
AMOUNT = Amount(minimum=0)
