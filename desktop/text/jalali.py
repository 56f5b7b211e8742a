"""Solar Hijri (Jalali) dates: the only calendar a person sees. Stored dates are ISO.

jdatetime does the arithmetic; this module parses what people type (Persian or ASCII
digits, / - . separators) and formats with Persian digits.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from jalali_core import GregorianToJalali

from desktop.text.digits import persian_digits
from desktop.text.normalize import normalize_digits, normalize_text

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# Saturday first, as Iranian calendars print the week; Friday is the weekend.
WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
WEEKDAY_INITIALS = ("ش", "ی", "د", "س", "چ", "پ", "ج")

# ASCII digits only (after normalize_digits): a bare \d would also take Devanagari,
# Bengali… digits, which int() happily reads. Separators: / - . and the Arabic date
# separator ؍.
_DATE = re.compile(
    r"^\s*([0-9]{2,4})\s*[/\-.\u060d]\s*([0-9]{1,2})\s*[/\-.\u060d]\s*([0-9]{1,2})\s*$"
)
# Two-digit years reach this many years past the current one; the rest are taken as
# the century before (so «۵۰/۰۱/۰۱» typed in 1405 is a birth date in 1350).
TWO_DIGIT_YEAR_LOOKAHEAD = 20


# jdatetime.MAXYEAR (9377) converts to Gregorian 9998/9999; keep one year of margin so
# a Jalali date always has a Gregorian date (datetime.MAXYEAR is 9999).
_MAX_YEAR = jdatetime.MAXYEAR - 1


class JalaliDateError(ValueError):
    """What was typed is not a Jalali date; the message is Persian, for a person."""


def parse_jalali(text: str) -> dt.date:
    """'۱۴۰۵/۰۹/۰۱', '1405-9-1', '05/9/1' → datetime.date (Gregorian, for storage).

    A two-digit year is expanded by `expand_two_digit_year`. Bidi marks that come
    along when a date is pasted are ignored.
    """
    match = _DATE.match(normalize_digits(normalize_text(text)))
    if not match:
        raise JalaliDateError("تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید.")
    year_text, month_text, day_text = match.groups()
    year, month, day = int(year_text), int(month_text), int(day_text)
    if len(year_text) == 2:
        year = expand_two_digit_year(year, jdatetime.date.today().year)
    if not jdatetime.MINYEAR <= year <= _MAX_YEAR:
        raise JalaliDateError(
            f"سال باید از {persian_digits(jdatetime.MINYEAR)} تا {persian_digits(_MAX_YEAR)} باشد."
        )
    if not 1 <= month <= 12:
        raise JalaliDateError("ماه باید از ۱ تا ۱۲ باشد.")
    days_in_month = month_length(year, month)
    if not 1 <= day <= days_in_month:
        raise JalaliDateError(
            f"{MONTH_NAMES[month - 1]} سال {persian_digits(year)} "
            f"{persian_digits(days_in_month)} روز دارد."
        )
    return jdatetime.date(year, month, day).togregorian()


def expand_two_digit_year(two_digits: int, this_year: int) -> int:
    """05 → 1405 in 1405; 30 → 1330 (more than TWO_DIGIT_YEAR_LOOKAHEAD years ahead)."""
    # The one year ending in these digits in (this_year + lookahead − 100, this_year +
    # lookahead]; near a century's end that is in the next century (10 → 1510 in 1499).
    latest = this_year + TWO_DIGIT_YEAR_LOOKAHEAD
    return latest - (latest - two_digits) % 100


def format_jalali(value: dt.date | dt.datetime | None, *, long: bool = False) -> str:
    """date(2026, 11, 22) → '۱۴۰۵/۰۹/۰۱', or with long=True '۱ آذر ۱۴۰۵'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    j = jdatetime.date.fromgregorian(date=value)
    if long:
        return f"{persian_digits(j.day)} {MONTH_NAMES[j.month - 1]} {persian_digits(j.year)}"
    return persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def format_jalali_datetime(value: dt.datetime | None) -> str:
    """A UTC timestamp shown in local (Iran) time: '۱۴۰۵/۰۹/۰۱ ۱۴:۰۵'."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone()
    return f"{format_jalali(local.date())} {persian_digits(local.strftime('%H:%M'))}"


def local_time(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) timestamp in this machine's local time, naive."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().replace(tzinfo=None)


def utc_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Local days `first` … `last` as stored timestamps: [start, end) in naive UTC."""
    start = dt.datetime.combine(first, dt.time()).astimezone(dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time()).astimezone(dt.UTC)
    return start.replace(tzinfo=None), end.replace(tzinfo=None)


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def jalali_parts(value: dt.date) -> tuple[int, int, int]:
    # jdatetime's own arithmetic (jalali_core), without building a jdatetime.date: its
    # constructor looks the locale up each time, four fifths of the cost, and exports
    # convert tens of thousands of distinct dates.
    year, month, day = GregorianToJalali(value.year, value.month, value.day).getJalaliList()
    return year, month, day


def from_jalali(year: int, month: int, day: int) -> dt.date:
    return jdatetime.date(year, month, day).togregorian()


def weekday_index(value: dt.date) -> int:
    """0 for Saturday … 6 for Friday."""
    return (value.weekday() + 2) % 7
