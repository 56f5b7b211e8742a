"""A course's calendar as people say it: weekdays (Saturday is 0, as an Iranian week
starts) typed as numbers or names, Jalali dates, and the session dates they give.

Pure functions, no database: the course form, the session editor and the CLI read
weekdays and dates the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from desktop.errors import ValidationError
from desktop.services.validation import Collector
from desktop.strings.courses import WEEKDAY_SEPARATOR
from desktop.strings.courses import Courses as Messages
from desktop.text.jalali import WEEKDAY_NAMES, JalaliDateError, parse_jalali
from desktop.text.normalize import normalize_digits, normalize_text, search_key, whole_number


def persian_weekday(day: dt.date) -> int:
    """0 for Saturday … 6 for Friday."""
    return (day.weekday() + 2) % 7


def session_dates(starts_on: dt.date, ends_on: dt.date, weekdays: Iterable[int]) -> list[dt.date]:
    """Every date from start to end (both included) that falls on one of `weekdays`."""
    wanted = set(weekdays)
    days = (ends_on - starts_on).days + 1
    every = (starts_on + dt.timedelta(days=n) for n in range(max(days, 0)))
    return [day for day in every if persian_weekday(day) in wanted]


def weekday_names(weekdays: Iterable[int]) -> str:
    """(0, 2, 4) → «شنبه، دوشنبه، چهارشنبه»."""
    return WEEKDAY_SEPARATOR.join(WEEKDAY_NAMES[day] for day in sorted(set(weekdays)))


_WEEKDAY_KEYS = {
    search_key(name).replace(" ", ""): index for index, name in enumerate(WEEKDAY_NAMES)
}
_WEEKDAY_SPLIT = re.compile(r"[,،;؛\s]+")
# «سه شنبه» typed with a space is one day, as «سه‌شنبه» and «سهشنبه» are.
_SPLIT_DAY_NAME = re.compile(r"(یک|دو|سه|چهار|پنج)\s+(شنبه)")


def parse_weekdays(value: str | Sequence[int | str]) -> list[int]:
    """ "0,2,4", «۰، ۲، ۴», «شنبه، دوشنبه» or [0, 2, 4] → sorted day numbers.

    Raises ValidationError (field "weekdays") for a day it does not know.
    """
    if isinstance(value, str):
        text = _SPLIT_DAY_NAME.sub("\\1\u200c\\2", normalize_text(value))
        parts: list[int | str] = [p for p in _WEEKDAY_SPLIT.split(text) if p]
    else:
        parts = list(value)
    days: set[int] = set()
    for part in parts:
        number = _weekday(part)
        if number is None:
            raise ValidationError({"weekdays": Messages.WEEKDAY_UNKNOWN.format(text=part)})
        days.add(number)
    return sorted(days)


def _weekday(part: int | str) -> int | None:
    if isinstance(part, bool):
        raise TypeError("weekdays are numbers or names")
    if isinstance(part, int):
        return part if 0 <= part <= 6 else None
    text = normalize_digits(normalize_text(part))
    if (number := whole_number(text)) is not None:
        return number if number <= 6 else None
    return _WEEKDAY_KEYS.get(search_key(text).replace(" ", ""))


def read_date(value: str | dt.date | None, errors: Collector, field: str) -> dt.date | None:
    """A date as typed (Jalali) or given; None, with the field's message in `errors`,
    when it is missing or not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value or not normalize_text(value):
        errors.add(field, Messages.REQUIRED)
        return None
    try:
        return parse_jalali(value)
    except JalaliDateError as error:
        errors.add(field, str(error))
        return None
