"""What every casework form has in common: a choice given by its key or its Persian
name, a Jalali date as typed, the applicant whose file it is, and the raw value of a
foreign key. Each cleaner puts what is wrong into the form's `Collector` (one message
per field) and returns the clean value or None.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from desktop.models import Applicant
from desktop.services.records import live
from desktop.services.validation import Collector
from desktop.strings.casework import Casework
from desktop.text.jalali import JalaliDateError, parse_jalali
from desktop.text.normalize import normalize_text

Choice = TypeVar("Choice", bound=StrEnum)


def clean_choice(
    value: str,
    choices: type[Choice],
    names: dict[str, str],
    errors: Collector,
    field: str,
    message: str,
) -> Choice | None:
    """A choice by its key or by its Persian name (as a CSV row may give it)."""
    text = normalize_text(str(value or ""))
    by_name = {normalize_text(name): key for key, name in names.items()}
    key = by_name.get(text, text.lower())
    try:
        return choices(key)
    except ValueError:
        errors.add(field, message)
        return None


def clean_date(
    value: str | dt.date | None,
    errors: Collector,
    field: str,
    *,
    required: bool = True,
    not_future: bool = True,
) -> dt.date | None:
    """A date given as a date or as typed in Jalali; by default required and not later
    than today (what happened cannot have happened tomorrow)."""
    if isinstance(value, dt.datetime):
        day: dt.date = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif not value or not normalize_text(value):
        if required:
            errors.add(field, Casework.REQUIRED)
        return None
    else:
        try:
            day = parse_jalali(value)
        except JalaliDateError as error:
            errors.add(field, str(error))
            return None
    if not_future and day > dt.date.today():
        errors.add(field, Casework.DATE_IN_FUTURE)
    return day


def live_applicant(applicant_id: object) -> Applicant:
    """The applicant's file, not deleted; else the person's "not found"."""
    return live(Applicant, applicant_id, Casework.APPLICANT_NOT_FOUND)


def foreign_key(instance: Any, name: str) -> Any:
    """The raw value of a foreign key (peewee's `<name>_id` is invisible to mypy)."""
    return instance.__data__.get(name)
