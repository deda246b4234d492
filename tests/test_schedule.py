import datetime as dt

import pytest

from eventflow.schedule import due_date, is_business_day, parse_offset


@pytest.mark.parametrize("text,amount,unit", [("-12w", -12, "w"), ("+2w", 2, "w"),
                                              ("0d", 0, "d"), ("-5bd", -5, "bd"),
                                              ("10d", 10, "d")])
def test_parse_offset(text, amount, unit):
    assert parse_offset(text) == (amount, unit)


@pytest.mark.parametrize("bad", ["", "12", "-w", "3 weeks", "-1.5w", "+-2d", "-2x"])
def test_malformed_offset_says_what_is_accepted(bad):
    with pytest.raises(ValueError, match="-12w"):
        parse_offset(bad)


def test_weeks_and_days():
    day = dt.date(2027, 3, 18)
    # twelve weeks before is Christmas Eve: due on the working day before it
    assert due_date(day, parse_offset("-12w")) == dt.date(2026, 12, 23)
    assert due_date(day, parse_offset("-12w"), working=False) == dt.date(2026, 12, 24)
    assert due_date(day, parse_offset("+1d")) == dt.date(2027, 3, 19)
    assert due_date(day, parse_offset("0d")) == day  # the event day never moves


def test_due_dates_move_back_to_working_days():
    # Midsummer Eve 2027 is Friday 25.6.; a due date on it or on the weekend after moves to 24.6.
    assert due_date(dt.date(2027, 7, 2), parse_offset("-1w")) == dt.date(2027, 6, 24)
    assert due_date(dt.date(2027, 6, 27), parse_offset("-1d")) == dt.date(2027, 6, 24)
    # Christmas Day 2026 and the Second Day of Christmas: back to Wednesday 23.12.
    assert due_date(dt.date(2027, 1, 1), parse_offset("-1w")) == dt.date(2026, 12, 23)
    # a follow-up due on a Saturday moves to the Friday before
    assert due_date(dt.date(2027, 3, 18), parse_offset("+2d")) == dt.date(2027, 3, 19)


def test_business_days_skip_weekend_and_epiphany_and_new_year():
    # Friday 8.1.2027; Epiphany is Wednesday 6.1., New Year's Day Friday 1.1.
    assert due_date(dt.date(2027, 1, 8), parse_offset("-5bd")) == dt.date(2026, 12, 30)


def test_business_days_skip_easter():
    # Easter 2027: Good Friday 26.3., Easter Monday 29.3.
    assert not is_business_day(dt.date(2027, 3, 26))
    assert not is_business_day(dt.date(2027, 3, 29))
    assert due_date(dt.date(2027, 3, 31), parse_offset("-3bd")) == dt.date(2027, 3, 24)
    assert due_date(dt.date(2027, 3, 25), parse_offset("+1bd")) == dt.date(2027, 3, 30)


def test_midsummer_eve_is_not_a_business_day():
    assert not is_business_day(dt.date(2027, 6, 25))  # Juhannusaatto (Friday)
