"""Jalali dates: what people type parses, what we print parses back, errors are Persian."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from desktop.text import jalali
from desktop.text.digits import persian_digits
from desktop.text.jalali import (
    JalaliDateError,
    expand_two_digit_year,
    format_jalali,
    format_jalali_datetime,
    from_jalali,
    jalali_parts,
    month_length,
    parse_jalali,
    weekday_index,
)
from desktop.text.normalize import normalize_digits

PERSIAN_MESSAGE = re.compile("[\u0600-\u06ff]")


def every_day(first_year: int, last_year: int) -> list[dt.date]:
    start = from_jalali(first_year, 1, 1)
    end = from_jalali(last_year, 12, month_length(last_year, 12))
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def test_every_day_from_1300_to_1500_round_trips() -> None:
    days = every_day(1300, 1500)
    assert len(days) == 73414  # 201 years of 365 or 366 days
    previous: tuple[int, int, int] | None = None
    for day in days:
        year, month, day_of_month = jalali_parts(day)
        assert from_jalali(year, month, day_of_month) == day
        shown = format_jalali(day)
        assert parse_jalali(shown) == day
        ascii_digits = normalize_digits(shown)
        assert ascii_digits == f"{year:04d}/{month:02d}/{day_of_month:02d}"
        assert parse_jalali(ascii_digits.replace("/", "-")) == day
        assert parse_jalali(f"{year}.{month}.{day_of_month}") == day
        if previous is not None:  # consecutive days, with months of the right length
            assert (year, month, day_of_month) > previous
        previous = (year, month, day_of_month)


def test_month_lengths_and_leap_years() -> None:
    assert [month_length(1403, m) for m in range(1, 13)] == [31] * 6 + [30] * 5 + [30]
    assert month_length(1404, 12) == 29
    leap_years = [y for y in range(1300, 1501) if month_length(y, 12) == 30]
    assert 1399 in leap_years and 1403 in leap_years and 1404 not in leap_years
    # 8 leap years in 33, give or take the 2820-year corrections: roughly 49 in 201.
    assert 47 <= len(leap_years) <= 50


def test_known_dates() -> None:
    assert parse_jalali("۱۴۰۵/۰۹/۰۱") == dt.date(2026, 11, 22)
    assert parse_jalali("١٤٠٥/٠٩/٠١") == dt.date(2026, 11, 22)
    assert parse_jalali(" 1405 / 9 / 1 ") == dt.date(2026, 11, 22)
    assert parse_jalali("\u200f۱۴۰۵/۰۹/۰۱\u200e") == dt.date(2026, 11, 22)  # pasted
    assert parse_jalali("1403/01/01") == dt.date(2024, 3, 20)  # Nowruz
    assert format_jalali(dt.date(2026, 11, 22)) == "۱۴۰۵/۰۹/۰۱"
    assert format_jalali(dt.datetime(2026, 11, 22, 23, 59)) == "۱۴۰۵/۰۹/۰۱"
    assert format_jalali(dt.date(2026, 11, 22), long=True) == "۱ آذر ۱۴۰۵"
    assert format_jalali(None) == ""


def test_weekday_index() -> None:
    saturday = dt.date(2026, 11, 21)
    assert saturday.strftime("%A") == "Saturday"
    assert weekday_index(saturday) == 0
    assert [weekday_index(saturday + dt.timedelta(n)) for n in range(7)] == list(range(7))
    assert jalali.WEEKDAY_NAMES[weekday_index(dt.date(2026, 11, 27))] == "جمعه"


@pytest.mark.parametrize(
    "text",
    [
        "1405/13/01",  # month 13
        "1405/00/10",
        "1405/01/32",  # day 32
        "1405/07/31",  # Mehr has 30 days
        "1404/12/30",  # Esfand 30 in a non-leap year
        "۱۴۰۴/۱۲/۳۰",
        "1405/01/00",
        "0000/01/01",  # no year 0
        "9999/01/01",  # beyond what jdatetime (and datetime) can hold
        "fnord",
        "1405/01",
        "1405//01/01",
        "1405/001/01",
        "14050/01/01",
        "१४०५/०९/०१",  # Devanagari digits are digits to int(), not to a person here
        "",
        "   ",
    ],
)
def test_invalid_dates_raise_a_persian_message(text: str) -> None:
    with pytest.raises(JalaliDateError) as error:
        parse_jalali(text)
    assert PERSIAN_MESSAGE.search(str(error.value))


def test_none_is_not_a_date() -> None:
    with pytest.raises(JalaliDateError):
        parse_jalali(None)  # type: ignore[arg-type]


def test_error_message_names_the_month_and_its_length() -> None:
    with pytest.raises(JalaliDateError, match="اسفند سال ۱۴۰۴ ۲۹ روز دارد"):
        parse_jalali("1404/12/30")


def test_two_digit_years() -> None:
    assert expand_two_digit_year(5, this_year=1405) == 1405
    assert expand_two_digit_year(25, this_year=1405) == 1425  # up to 20 years ahead
    assert expand_two_digit_year(26, this_year=1405) == 1326
    assert expand_two_digit_year(99, this_year=1405) == 1399
    assert expand_two_digit_year(0, this_year=1405) == 1400
    assert expand_two_digit_year(85, this_year=1499) == 1485
    assert expand_two_digit_year(10, this_year=1499) == 1510


def test_two_digit_year_is_parsed_relative_to_today() -> None:
    this_year = jalali_parts(dt.date.today())[0]
    yy = this_year % 100
    assert jalali_parts(parse_jalali(f"{yy:02d}/01/01"))[0] == this_year
    assert jalali_parts(parse_jalali(f"{(yy + 50) % 100:02d}/01/01"))[0] == expand_two_digit_year(
        (yy + 50) % 100, this_year
    )


def test_four_digit_year_is_never_expanded() -> None:
    # '0005' is a four-digit year (it used to be read as '05', i.e. 1405).
    assert jalali_parts(parse_jalali("0005/01/01")) == (5, 1, 1)
    assert jalali_parts(parse_jalali("0405/01/01")) == (405, 1, 1)


def test_format_jalali_datetime_shows_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    time = pytest.importorskip("time")
    monkeypatch.setenv("TZ", "Asia/Tehran")
    time.tzset()
    try:
        utc = dt.datetime(2026, 11, 22, 20, 35, tzinfo=dt.UTC)  # 00:05 the next day in Tehran
        assert format_jalali_datetime(utc) == "۱۴۰۵/۰۹/۰۲ ۰۰:۰۵"
        naive_utc = dt.datetime(2026, 11, 22, 20, 35)
        assert format_jalali_datetime(naive_utc) == "۱۴۰۵/۰۹/۰۲ ۰۰:۰۵"
        assert format_jalali_datetime(None) == ""
    finally:
        monkeypatch.undo()
        time.tzset()


def test_month_names_are_persian() -> None:
    assert len(jalali.MONTH_NAMES) == 12
    assert jalali.MONTH_NAMES[8] == "آذر"
    assert persian_digits(12) == "۱۲"
