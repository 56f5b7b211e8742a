"""The course form: what it gives (`CourseInput`: text as typed, Jalali dates, Persian
digits) checked field by field into clean `Course` values, with every field's
message raised together (ValidationError). Reads users and partner bodies to check
the trainer and the partner; writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.errors import ValidationError
from desktop.models import CourseStatus, Role, User
from desktop.models.base import tuples
from desktop.services import reference
from desktop.services.course_calendar import parse_weekdays, read_date, session_dates
from desktop.services.records import as_uuid
from desktop.services.session import Session
from desktop.services.settings import usernames
from desktop.services.users import name_or_username
from desktop.services.validation import Collector, clean_name
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.strings.courses import Courses as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_digits, normalize_line, normalize_text, whole_number

TRAINER_ROLES = (Role.TRAINER, Role.ADMIN)  # who can be a course's trainer
HOURS_RANGE = (1, 2000)
CAPACITY_RANGE = (1, 500)
MAX_SESSIONS = 400


@dataclass
class CourseInput:
    """What the course form gives: text as typed (dates Jalali), or plain values."""

    title: str = ""
    field: str = ""
    partner_id: str | None = ""
    trainer_id: str = ""  # empty: the acting trainer
    hours: str | int = ""
    capacity: str | int = ""
    starts_on: str | dt.date | None = ""
    ends_on: str | dt.date | None = ""
    weekdays: str | Sequence[int | str] = ""  # "0,2,4", "شنبه، دوشنبه" or [0, 2, 4]
    time_text: str = ""
    location: str = ""
    min_attendance_percent: str | int = 80
    passing_score: str | int | None = ""  # empty: not assessed
    status: str = CourseStatus.PLANNED.value


def validate(session: Session, data: CourseInput) -> dict[str, Any]:
    """Clean Course values, or ValidationError with every field's message.

    `status` is checked by the callers (it differs at creation).
    """
    errors = Collector()
    clean: dict[str, Any] = {}
    clean["title"] = clean_name(data.title, errors, "title", required=Messages.TITLE_REQUIRED)
    clean["field"] = normalize_line(data.field)
    partner = reference.chosen_partner(data.partner_id, errors, Messages.PARTNER_UNKNOWN)
    clean["partner"] = partner.id if partner else None
    clean["trainer"] = _clean_trainer(session, data.trainer_id, errors)
    clean["hours"] = _whole_number(data.hours, errors, "hours", *HOURS_RANGE, Messages.HOURS_RANGE)
    clean["capacity"] = _whole_number(
        data.capacity, errors, "capacity", *CAPACITY_RANGE, Messages.CAPACITY_RANGE
    )
    clean.update(_clean_calendar(data, errors))
    clean["time_text"] = normalize_line(data.time_text)
    clean["location"] = normalize_line(data.location)
    clean["min_attendance_percent"] = _whole_number(
        data.min_attendance_percent,
        errors,
        "min_attendance_percent",
        1,
        100,
        Messages.MIN_ATTENDANCE_RANGE,
    )
    clean["passing_score"] = _clean_passing_score(data.passing_score, errors)
    errors.raise_if_any()
    return clean


def _clean_calendar(data: CourseInput, errors: Collector) -> dict[str, Any]:
    """Start, end and weekdays: each valid, and together giving 1…MAX_SESSIONS sessions."""
    starts = read_date(data.starts_on, errors, "starts_on")
    ends = read_date(data.ends_on, errors, "ends_on")
    if starts is not None and ends is not None and ends < starts:
        errors.add("ends_on", Messages.END_BEFORE_START)
    try:
        weekdays = parse_weekdays(data.weekdays)
    except ValidationError as error:
        errors.update(error.errors)
        weekdays = []
    else:
        if not weekdays:
            errors.add("weekdays", Messages.WEEKDAYS_REQUIRED)
        elif starts is not None and ends is not None and starts <= ends:
            count = len(session_dates(starts, ends, weekdays))
            if count == 0:
                errors.add("weekdays", Messages.NO_SESSION_DAYS)
            elif count > MAX_SESSIONS:
                errors.add(
                    "ends_on", Messages.TOO_MANY_SESSIONS.format(limit=format_number(MAX_SESSIONS))
                )
    weekday_text = ",".join(str(day) for day in weekdays)
    return {"starts_on": starts, "ends_on": ends, "weekdays": weekday_text}


def _whole_number(
    value: str | int | None, errors: Collector, field: str, low: int, high: int, message: str
) -> int | None:
    if isinstance(value, bool):
        raise TypeError(f"{field} is text as typed or an int")
    if isinstance(value, int):
        number = value
    else:
        text = normalize_digits(normalize_text(value or "")).replace(" ", "")
        if not text:
            errors.add(field, Messages.REQUIRED)
            return None
        found = whole_number(text)
        if found is None:
            errors.add(field, Messages.WHOLE_NUMBER)
            return None
        number = found
    if not low <= number <= high:
        errors.add(field, message.format(low=format_number(low), high=format_number(high)))
        return None
    return number


def _clean_trainer(session: Session, value: str, errors: Collector) -> str | None:
    text = str(value or "").strip()
    if not text:
        if session.role is Role.TRAINER:
            return session.user_id
        errors.add("trainer_id", Messages.TRAINER_REQUIRED)
        return None
    key = as_uuid(text)
    if key is None or str(key) not in dict(trainer_choices()):
        errors.add("trainer_id", Messages.TRAINER_UNKNOWN)
        return None
    if session.role is Role.TRAINER and str(key) != session.user_id:
        errors.add("trainer_id", Messages.TRAINER_ONLY_SELF)
        return None
    return str(key)


def _clean_passing_score(value: str | int | None, errors: Collector) -> int | None:
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        return None
    if isinstance(value, bool):
        raise TypeError("passing_score is text as typed, an int or None")
    if isinstance(value, int):
        number = value
    else:
        text = normalize_digits(normalize_text(value)).replace(" ", "")
        found = whole_number(text)
        if found is None:
            errors.add("passing_score", Messages.PASSING_SCORE_RANGE)
            return None
        number = found
    if not 0 <= number <= 100:
        errors.add("passing_score", Messages.PASSING_SCORE_RANGE)
        return None
    return number


def clean_status(value: str, errors: Collector) -> CourseStatus | None:
    text = normalize_text(value).lower()
    by_name = {name: key for key, name in COURSE_STATUS_NAMES.items()}
    try:
        return CourseStatus(by_name.get(text, text))
    except ValueError:
        errors.add("status", Messages.STATUS_UNKNOWN)
        return None


def trainer_choices() -> list[tuple[str, str]]:
    """(id, name) of the active users who can train a course."""
    query = (
        User.select(User.id, User.display_name, User.username)
        .where(
            User.role.in_([role.value for role in TRAINER_ROLES])
            & (User.active == True)  # noqa: E712
            & (User.deleted == False)  # noqa: E712
        )
        .order_by(User.display_name)
    )
    known = usernames()
    return [
        (str(uid), name_or_username(name, username, known)) for uid, name, username in tuples(query)
    ]
