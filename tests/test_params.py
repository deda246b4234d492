"""Dates and amounts as people type them (params.py), and printed in the interface language
(present.py)."""

from __future__ import annotations

import datetime as dt

import click
import pytest
from click.testing import CliRunner

from eventflow.params import AMOUNT, DATE, Amount, parse_amount, parse_day
from eventflow.present import clock, day, euros, moment

MARCH_18 = dt.date(2027, 3, 18)


@pytest.mark.parametrize("text", ["2027-03-18", "18.3.2027", "18.03.2027", "18.3.27",
                                  " 18.3.2027 ", "18.3.2027.", "2027-3-18"])
def test_a_day_in_iso_or_the_finnish_form(text):
    assert parse_day(text) == MARCH_18


def test_a_two_digit_year_is_this_century():
    assert parse_day("1.1.30") == dt.date(2030, 1, 1)


@pytest.mark.parametrize("text", ["3/4/2027", "03/04/27", "2027/03/04"])
def test_a_day_with_slashes_is_refused_as_ambiguous_with_the_accepted_forms(text):
    with pytest.raises(ValueError) as info:
        parse_day(text)
    assert str(info.value) == (f"'{text}' is ambiguous (day/month or month/day?); write the "
                               "day as 2027-03-18, 18.3.2027 or 18.3.27")


@pytest.mark.parametrize("text", ["", "tomorrow", "18.3", "18.3.202", "2027-03", "18-3-2027"])
def test_what_is_not_a_day_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="is not a date; write it as 2027-03-18, 18.3.2027"):
        parse_day(text)


def test_a_day_not_in_the_calendar_says_which_numbers_are_wrong():
    with pytest.raises(ValueError, match=r"'31.2.2027' is not a day of the calendar \(day 31, "
                                         r"month 2, year 2027\)"):
        parse_day("31.2.2027")


@pytest.mark.parametrize("text, value", [
    ("2250.50", 2250.5), ("2 250,50", 2250.5), ("2\u00a0250,50", 2250.5),
    ("2\u202f250,50", 2250.5), ("2 250", 2250.0), ("0", 0.0), ("12,5 €", 12.5),
    ("1 000 000", 1_000_000.0), ("99EUR", 99.0), ("-5,25", -5.25)])
def test_an_amount_with_a_decimal_comma_and_spaces(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["2.250,50", "2,250.50"])
def test_an_amount_with_both_marks_is_refused(text):
    with pytest.raises(ValueError, match="both a decimal comma and a point"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["", "€", "kaksi", "1,2,3", "1..2", "12 e 5"])
def test_what_is_not_an_amount_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="is not an amount; write it as 2250.50, 2 250,50"):
        parse_amount(text)


def _command():
    @click.command()
    @click.option("--date", "date", type=DATE)
    @click.option("--amount", type=AMOUNT)
    @click.option("--share", type=Amount(minimum=None))
    def command(date, amount, share):
        click.echo(f"{date!r} {amount!r} {share!r}")

    return command


def test_the_click_types_convert_and_refuse_with_the_option_named():
    runner = CliRunner()
    ok = runner.invoke(_command(), ["--date", "18.3.27", "--amount", "2 250,50", "--share",
                                    "-1"])
    assert ok.exit_code == 0, ok.output
    assert ok.output == "datetime.date(2027, 3, 18) 2250.5 -1.0\n"
    bad = runner.invoke(_command(), ["--date", "3/4/2027"])
    assert bad.exit_code == 2
    assert "Invalid value for '--date': '3/4/2027' is ambiguous" in bad.output
    assert "2027-03-18, 18.3.2027 or 18.3.27" in bad.output
    negative = runner.invoke(_command(), ["--amount", "-1"])
    assert negative.exit_code == 2 and "-1 is less than 0" in negative.output
    helptext = runner.invoke(_command(), ["--help"]).output
    assert "--date DATE" in helptext and "--amount AMOUNT" in helptext


def test_the_cli_takes_the_finnish_date_for_a_new_event(run):
    result = run("new", "Koulutuspäivä", "--date", "18.3.2027", "--region", "Pirkanmaa",
                 "--json")
    assert result.exit_code == 0, result.output
    assert '"date": "2027-03-18"' in result.output
    refused = run("new", "Koulutuspäivä", "--date", "3/4/2027", "--region", "Pirkanmaa")
    assert refused.exit_code == 2 and "ambiguous" in refused.output


def test_dates_times_and_euros_in_each_language():
    at = dt.datetime(2027, 3, 18, 9, 15)
    assert [day(MARCH_18, lang) for lang in ("fi", "sv", "en")] == [
        "18.3.2027", "18.3.2027", "2027-03-18"]
    assert [clock(at, lang) for lang in ("fi", "sv", "en")] == ["klo 9.15", "kl. 9.15", "9.15"]
    assert moment(at, "fi") == "18.3.2027 klo 9.15"
    assert day(MARCH_18, "xx") == "2027-03-18"  # an unknown language: English
    assert day("2027-03-18", "fi") == "18.3.2027" and day("soon", "fi") == "soon"
    assert euros(2250.5, "fi") == "2\u00a0250,50\u00a0€"


def test_the_data_commands_take_amounts_and_dates_as_people_type_them(run, ef_event,
                                                                       ef_project):
    event = ef_event("partner_agreed")
    result = run("cost", "add", event.id, "--category", "venue", "--amount", "2\u00a0250,50")
    assert result.exit_code == 0, result.output
    assert [c.amount for c in ef_project.load(event.id).costs if c.category == "venue"][-1] \
        == 2250.5
    refused = run("cost", "add", event.id, "--category", "venue", "--amount", "2.250,50")
    assert refused.exit_code == 2 and "both a decimal comma and a point" in refused.output
    result = run("invitation", "set", event.id, "--deadline", "12.3.27")
    assert result.exit_code == 0, result.output
    assert ef_project.load(event.id).invitation.registration_deadline == dt.date(2027, 3, 12)
    refused = run("invitation", "set", event.id, "--deadline", "3/12/2027")
    assert refused.exit_code == 2 and "ambiguous" in refused.output
