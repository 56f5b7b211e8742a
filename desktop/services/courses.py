"""Courses: plan one, list them, and keep its sessions.

Input comes as typed (`CourseInput`: strings, Jalali dates, Persian digits); every
field is checked first and all errors are raised together (ValidationError, Persian
messages), then the write runs in one transaction with its change-log entries.

Who may do what: an admin everything; a trainer only on the courses they train (and
creates courses only for themselves); a clerk reads courses and enrolls people
(desktop/services/enrollment.py); shop staff nothing.

A course's sessions are generated from its dates and weekdays (Saturday is 0, as an
Iranian week starts) and can then be added, moved or removed one by one. Changing the
dates or weekdays regenerates the sessions that have no attendance yet; a session with
attendance is kept, and must stay within the course's dates.

Editing a course or changing its status moves its enrollments too, so those two use
cases live above this module and enrollment.py, in course_changes.py.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Case, fn

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    Attendance,
    AttendanceMark,
    ChangeLog,
    Course,
    CourseSession,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Partner,
    Role,
    User,
    db,
)
from desktop.models.base import tuples
from desktop.services.session import Session
from desktop.services.settings import usernames
from desktop.services.users import name_or_username
from desktop.services.validation import Collector, clean_name
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.strings.courses import Courses as Messages
from desktop.text.digits import format_number
from desktop.text.jalali import WEEKDAY_NAMES, JalaliDateError, format_jalali, parse_jalali
from desktop.text.normalize import normalize_digits, normalize_line, normalize_text, search_key

READERS = (Role.ADMIN, Role.CLERK, Role.TRAINER)
RUNNERS = (Role.ADMIN, Role.TRAINER)  # plan and run a course (a trainer: their own)
TRAINER_ROLES = (Role.TRAINER, Role.ADMIN)  # who can be a course's trainer

HOURS_RANGE = (1, 2000)
CAPACITY_RANGE = (1, 500)
MAX_SESSIONS = 400
# Seats are taken by these; the waiting list moves up into the ones set free.
SEATED = (
    EnrollmentStatus.ENROLLED.value,
    EnrollmentStatus.COMPLETED.value,
    EnrollmentStatus.FAILED.value,
)
# Where a course may go from each status. Finishing settles who completed; going back
# from finished (to correct a result) is refused once certificates are out.
MOVES = {
    CourseStatus.PLANNED: (CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.CANCELLED),
    CourseStatus.OPEN: (CourseStatus.PLANNED, CourseStatus.RUNNING, CourseStatus.CANCELLED),
    CourseStatus.RUNNING: (CourseStatus.FINISHED, CourseStatus.CANCELLED),
    CourseStatus.FINISHED: (CourseStatus.RUNNING,),
    CourseStatus.CANCELLED: (CourseStatus.PLANNED,),
}
STARTING = (CourseStatus.PLANNED, CourseStatus.OPEN, CourseStatus.RUNNING)
# A finished course's calendar is its history: reopen the course to change it.
CALENDAR_CLOSED = (CourseStatus.FINISHED, CourseStatus.CANCELLED)


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


@dataclass(frozen=True)
class CourseRecord:
    id: str
    code: str
    title: str
    field: str
    partner_id: str | None
    partner_name: str
    trainer_id: str
    trainer_name: str
    hours: int
    capacity: int
    starts_on: dt.date
    ends_on: dt.date
    weekdays: tuple[int, ...]
    time_text: str
    location: str
    min_attendance_percent: int
    passing_score: int | None
    status: str
    enrolled: int = 0  # seats taken (enrolled, completed or failed)
    waitlisted: int = 0
    completed: int = 0
    failed: int = 0
    sessions: int = 0

    @property
    def assessed(self) -> bool:
        return self.passing_score is not None

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.enrolled, 0)


@dataclass(frozen=True)
class CourseSessionRecord:
    id: str
    course_id: str
    held_on: dt.date
    note: str
    marked: int = 0  # people with a mark for this session
    present: int = 0


# -- pure helpers ----------------------------------------------------------------------


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
    return "، ".join(WEEKDAY_NAMES[day] for day in sorted(set(weekdays)))


_WEEKDAY_KEYS = {
    search_key(name).replace(" ", ""): index for index, name in enumerate(WEEKDAY_NAMES)
}
_WEEKDAY_SPLIT = re.compile(r"[,،;؛\s]+")
# «سه شنبه» typed with a space is one day, as «سه‌شنبه» and «سهشنبه» are.
_SPLIT_DAY_NAME = re.compile(r"(یک|دو|سه|چهار|پنج)\s+(شنبه)")


def parse_weekdays(value: str | Sequence[int | str]) -> list[int]:
    """ "0,2,4", «۰، ۲، ۴», «شنبه، دوشنبه» or [0, 2, 4] → sorted day numbers.

    Raises ValueError with a Persian message for a day it does not know.
    """
    if isinstance(value, str):
        text = _SPLIT_DAY_NAME.sub("\\1\u200c\\2", normalize_text(value))
        parts: list[int | str] = [p for p in _WEEKDAY_SPLIT.split(text) if p]
    else:
        parts = list(value)
    days: set[int] = set()
    for part in parts:
        if isinstance(part, bool):
            raise TypeError("weekdays are numbers or names")
        if isinstance(part, int):
            number: int | None = part if 0 <= part <= 6 else None
        else:
            text = normalize_digits(normalize_text(part))
            if text.isdigit():
                number = int(text) if 0 <= int(text) <= 6 else None
            else:
                number = _WEEKDAY_KEYS.get(search_key(text).replace(" ", ""))
        if number is None:
            raise ValueError(Messages.WEEKDAY_UNKNOWN.format(text=part))
        days.add(number)
    return sorted(days)


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
        if not text.isdigit():
            errors.add(field, Messages.WHOLE_NUMBER)
            return None
        number = int(text)
    if not low <= number <= high:
        errors.add(field, message.format(low=format_number(low), high=format_number(high)))
        return None
    return number


def _date(value: str | dt.date | None, errors: Collector, field: str) -> dt.date | None:
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


def as_uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip())
    except ValueError:
        return None


def fk(instance: Any, name: str) -> Any:
    """The raw value of a foreign key (peewee's `<name>_id` is invisible to mypy)."""
    return instance.__data__.get(name)


# -- validation ------------------------------------------------------------------------


def validate(session: Session, data: CourseInput) -> dict[str, Any]:
    """Clean Course values, or ValidationError with every field's message.

    Reads the users and partner bodies (to check the trainer and the partner); writes
    nothing. `status` is checked by the callers (it differs at creation).
    """
    errors = Collector()
    clean: dict[str, Any] = {}
    clean["title"] = clean_name(data.title, errors, "title", required=Messages.TITLE_REQUIRED)
    clean["field"] = normalize_line(data.field)
    clean["partner"] = _clean_partner(data.partner_id, errors)
    clean["trainer"] = _clean_trainer(session, data.trainer_id, errors)
    clean["hours"] = _whole_number(data.hours, errors, "hours", *HOURS_RANGE, Messages.HOURS_RANGE)
    clean["capacity"] = _whole_number(
        data.capacity, errors, "capacity", *CAPACITY_RANGE, Messages.CAPACITY_RANGE
    )
    starts = _date(data.starts_on, errors, "starts_on")
    ends = _date(data.ends_on, errors, "ends_on")
    if starts is not None and ends is not None and ends < starts:
        errors.add("ends_on", Messages.END_BEFORE_START)
    clean["starts_on"], clean["ends_on"] = starts, ends
    try:
        weekdays = parse_weekdays(data.weekdays)
    except ValueError as error:
        errors.add("weekdays", str(error))
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
    clean["weekdays"] = ",".join(str(day) for day in weekdays)
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


def _clean_partner(value: str | None, errors: Collector) -> uuid.UUID | None:
    if value is None or not str(value).strip():
        return None
    key = as_uuid(value)
    partner = Partner.get_or_none(Partner.id == key) if key else None
    if partner is None or partner.deleted:
        errors.add("partner_id", Messages.PARTNER_UNKNOWN)
        return None
    return key


def _clean_trainer(session: Session, value: str, errors: Collector) -> str | None:
    text = str(value or "").strip()
    if not text:
        if session.role is Role.TRAINER:
            return session.user_id
        errors.add("trainer_id", Messages.TRAINER_REQUIRED)
        return None
    key = as_uuid(text)
    if key is None or str(key) not in dict(_trainer_choices()):
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
        if not text.isdigit():
            errors.add("passing_score", Messages.PASSING_SCORE_RANGE)
            return None
        number = int(text)
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


# -- access ------------------------------------------------------------------------------


def can_read(session: Session, course: Course) -> bool:
    return session.role in (Role.ADMIN, Role.CLERK) or (
        session.role is Role.TRAINER and course.trainer == session.user_id
    )


def can_run(session: Session, course: Course) -> bool:
    return session.role is Role.ADMIN or (
        session.role is Role.TRAINER and course.trainer == session.user_id
    )


def load_course(course_id: str) -> Course:
    key = as_uuid(course_id)
    course = Course.get_or_none(Course.id == key) if key else None
    if course is None or course.deleted:
        raise UserError(Messages.NOT_FOUND, code="not_found")
    return course


def readable_course(session: Session, course_id: str) -> Course:
    """The course, if this session may see it (a trainer: only their own)."""
    session.require(*READERS)
    course = load_course(course_id)
    if not can_read(session, course):
        raise PermissionDenied(Messages.NOT_YOURS)
    return course


def runnable_course(session: Session, course_id: str) -> Course:
    """The course, if this session may run it: sessions, attendance, results, status."""
    session.require(*RUNNERS)
    course = load_course(course_id)
    if not can_run(session, course):
        raise PermissionDenied(Messages.NOT_YOURS)
    return course


def refuse_closed(course: Course, closed: Sequence[CourseStatus] = CALENDAR_CLOSED) -> None:
    """UserError «this course is finished/cancelled…» when its status is in `closed`."""
    if CourseStatus(course.status) in closed:
        name = COURSE_STATUS_NAMES[course.status]
        raise UserError(Messages.COURSE_CLOSED.format(status=name), code="course_closed")


# -- writes ----------------------------------------------------------------------------


def create_course(session: Session, data: CourseInput) -> CourseRecord:
    """Validate, then create the course and its generated sessions in one transaction."""
    session.require(*RUNNERS)
    errors = Collector()
    status = clean_status(data.status, errors)
    if status is not None and status not in STARTING:
        errors.add("status", Messages.STATUS_NOT_AT_START)
    try:
        clean = validate(session, data)
    except ValidationError as error:
        errors.update(error.errors)
    errors.raise_if_any()
    assert status is not None
    with db.atomic():
        number = _next_number(session.center_code)
        course = Course.create(
            center_code=session.center_code,
            number=number,
            code=course_code(session.center_code, number),
            status=status.value,
            **clean,
        )
        ChangeLog.record(course, "create", session.user_id)
        for day in session_dates(course.starts_on, course.ends_on, course.weekday_list):
            _add_session(session, course, day)
    return get_course(session, str(course.id))


def _next_number(center_code: str) -> int:
    value = Course.select(fn.MAX(Course.number)).where(Course.center_code == center_code).scalar()
    return int(value or 0) + 1


def course_code(center_code: str, number: int) -> str:
    """'TEH05-C-0001': the center's code and its own running number of courses."""
    return f"{center_code}-C-{number:04d}"


def live_sessions(course: Course) -> Any:
    return CourseSession.select().where(
        (CourseSession.course == course.id) & (CourseSession.deleted == False)  # noqa: E712
    )


def marked_days(course: Course) -> set[dt.date]:
    query = (
        CourseSession.select(CourseSession.held_on)
        .join(Attendance, on=(Attendance.session == CourseSession.id))
        .where(
            (CourseSession.course == course.id)
            & (CourseSession.deleted == False)  # noqa: E712
            & (Attendance.deleted == False)  # noqa: E712
        )
        .distinct()
    )
    return {day for (day,) in tuples(query)}


def regenerate_sessions(session: Session, course: Course) -> None:
    """Sessions without attendance follow the new calendar; marked ones stay."""
    marked = marked_days(course)
    for row in live_sessions(course):
        if row.held_on not in marked:
            row.deleted = True
            row.save()
            ChangeLog.record(row, "delete", session.user_id)
    for day in session_dates(course.starts_on, course.ends_on, course.weekday_list):
        if day not in marked:
            _add_session(session, course, day)


def _add_session(session: Session, course: Course, day: dt.date, note: str = "") -> CourseSession:
    row = CourseSession.create(
        center_code=session.center_code, course=course.id, held_on=day, note=note
    )
    ChangeLog.record(row, "create", session.user_id)
    return row


# -- sessions ----------------------------------------------------------------------------


def course_sessions(session: Session, course_id: str) -> list[CourseSessionRecord]:
    """The course's sessions in date order, with how many were marked and present."""
    course = readable_course(session, course_id)
    counts = {
        str(sid): (int(marked), int(present or 0))
        for sid, marked, present in tuples(
            Attendance.select(
                Attendance.session,
                fn.COUNT(Attendance.id),
                fn.SUM(Case(None, [(Attendance.mark == AttendanceMark.PRESENT.value, 1)], 0)),
            )
            .join(CourseSession, on=(Attendance.session == CourseSession.id))
            .where((CourseSession.course == course.id) & (Attendance.deleted == False))  # noqa: E712
            .group_by(Attendance.session)
        )
    }
    return [
        CourseSessionRecord(
            str(row.id), str(course.id), row.held_on, row.note, *counts.get(str(row.id), (0, 0))
        )
        for row in live_sessions(course).order_by(CourseSession.held_on, CourseSession.id)
    ]


def add_course_session(
    session: Session, course_id: str, held_on: str | dt.date, note: str = ""
) -> CourseSessionRecord:
    """An extra session (a make-up class) within the course's dates."""
    course = runnable_course(session, course_id)
    refuse_closed(course)
    day = _session_day(course, held_on)
    with db.atomic():
        row = _add_session(session, course, day, normalize_text(note))
    return CourseSessionRecord(str(row.id), str(course.id), row.held_on, row.note)


def move_course_session(
    session: Session, session_id: str, held_on: str | dt.date, note: str | None = None
) -> CourseSessionRecord:
    """Move a session to another day (its attendance moves with it: a session with
    marks cannot move past today)."""
    row, course = session_row(session, session_id)
    refuse_closed(course)
    day = _session_day(course, held_on, exclude=row)
    with db.atomic():
        if day > dt.date.today() and row.held_on in marked_days(course):
            raise UserError(
                Messages.MARKED_SESSION_TO_FUTURE, code="session_in_future", field="held_on"
            )
        row.held_on = day
        if note is not None:
            row.note = normalize_text(note)
        row.save()
        ChangeLog.record(row, "update", session.user_id)
    return CourseSessionRecord(str(row.id), str(course.id), row.held_on, row.note)


def remove_course_session(session: Session, session_id: str) -> None:
    """Remove a session that has no attendance (clear its marks first)."""
    row, course = session_row(session, session_id)
    refuse_closed(course)
    with db.atomic():
        marked = (
            Attendance.select()
            .where((Attendance.session == row.id) & (Attendance.deleted == False))  # noqa: E712
            .exists()
        )
        if marked:
            raise UserError(Messages.SESSION_HAS_MARKS, code="session_marked")
        row.deleted = True
        row.save()
        ChangeLog.record(row, "delete", session.user_id)


def session_by_id(session_id: str) -> CourseSession:
    key = as_uuid(session_id)
    row = CourseSession.get_or_none(CourseSession.id == key) if key else None
    if row is None or row.deleted:
        raise UserError(Messages.SESSION_NOT_FOUND, code="not_found")
    return row


def session_row(session: Session, session_id: str) -> tuple[CourseSession, Course]:
    """A session and its course, if this session may run the course."""
    session.require(*RUNNERS)
    row = session_by_id(session_id)
    course = runnable_course(session, str(fk(row, "course")))
    return row, course


def _session_day(
    course: Course, value: str | dt.date, *, exclude: CourseSession | None = None
) -> dt.date:
    errors = Collector()
    day = _date(value, errors, "held_on")
    errors.raise_if_any()
    assert day is not None
    if not course.starts_on <= day <= course.ends_on:
        raise UserError(
            Messages.SESSION_OUTSIDE.format(
                start=format_jalali(course.starts_on), end=format_jalali(course.ends_on)
            ),
            field="held_on",
        )
    same_day = live_sessions(course).where(CourseSession.held_on == day)
    if exclude is not None:
        same_day = same_day.where(CourseSession.id != exclude.id)
    if same_day.exists():
        raise UserError(Messages.SESSION_DUPLICATE, code="session_duplicate", field="held_on")
    return day


# -- reads -----------------------------------------------------------------------------


def trainers(session: Session) -> list[tuple[str, str]]:
    """(id, name) of the users who can train a course, for choices."""
    session.require(*READERS)
    return _trainer_choices()


def _trainer_choices() -> list[tuple[str, str]]:
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


def get_course(session: Session, course_id: str) -> CourseRecord:
    course = readable_course(session, course_id)
    return records_of([course])[0]


def find_course(session: Session, text: str) -> CourseRecord:
    """A course by its id or its code («TEH05-C-0001», digits in any script)."""
    session.require(*READERS)
    value = normalize_digits(normalize_text(text)).strip()
    course = Course.get_or_none(Course.code == value.upper()) if value else None
    if course is None:
        return get_course(session, value)
    return get_course(session, str(course.id))


def list_courses(
    session: Session,
    *,
    status: str | None = None,
    trainer_id: str | None = None,
    partner_id: str | None = None,
    text: str = "",
) -> list[CourseRecord]:
    """Courses, newest start first; a trainer sees only the courses they train.
    `partner_id` keeps those co-run with one partner body.

    `text` matches the code, title or field (in search form, so spellings meet).
    A center runs a few hundred courses a year: filtered here, not indexed.
    """
    session.require(*READERS)
    query = Course.select().where(Course.deleted == False)  # noqa: E712
    if session.role is Role.TRAINER:
        query = query.where(Course.trainer == session.user_id)
    if status:
        query = query.where(Course.status == CourseStatus(status).value)
    if trainer_id:
        query = query.where(Course.trainer == str(trainer_id))
    if partner_id:
        query = query.where(Course.partner == partner_id)
    courses = list(query.order_by(Course.starts_on.desc(), Course.number.desc()))
    words = search_key(text).split()
    if words:
        courses = [
            course
            for course in courses
            if all(
                word in search_key(f"{course.code} {course.title} {course.field}") for word in words
            )
        ]
    return records_of(courses)


def records_of(courses: list[Course]) -> list[CourseRecord]:
    if not courses:
        return []
    ids = [course.id for course in courses]
    counts: dict[tuple[str, str], int] = {
        (str(cid), str(status)): int(count)
        for cid, status, count in tuples(
            Enrollment.select(Enrollment.course, Enrollment.status, fn.COUNT(Enrollment.id))
            .where(Enrollment.course.in_(ids))
            .group_by(Enrollment.course, Enrollment.status)
        )
    }
    sessions = {
        str(cid): int(count)
        for cid, count in tuples(
            CourseSession.select(CourseSession.course, fn.COUNT(CourseSession.id))
            .where(CourseSession.course.in_(ids) & (CourseSession.deleted == False))  # noqa: E712
            .group_by(CourseSession.course)
        )
    }
    partners = {
        str(pid): str(name) for pid, name in tuples(Partner.select(Partner.id, Partner.name))
    }
    known = usernames()
    users = {
        str(uid): name_or_username(name, username, known)
        for uid, name, username in tuples(User.select(User.id, User.display_name, User.username))
    }
    records = []
    for course in courses:
        cid = str(course.id)
        partner = fk(course, "partner")

        def count(status: EnrollmentStatus, cid: str = cid) -> int:
            return counts.get((cid, status.value), 0)

        completed, failed = count(EnrollmentStatus.COMPLETED), count(EnrollmentStatus.FAILED)
        records.append(
            CourseRecord(
                id=cid,
                code=course.code,
                title=course.title,
                field=course.field,
                partner_id=str(partner) if partner else None,
                partner_name=partners.get(str(partner), "") if partner else "",
                trainer_id=course.trainer,
                trainer_name=users.get(course.trainer, ""),
                hours=course.hours,
                capacity=course.capacity,
                starts_on=course.starts_on,
                ends_on=course.ends_on,
                weekdays=tuple(course.weekday_list),
                time_text=course.time_text,
                location=course.location,
                min_attendance_percent=course.min_attendance_percent,
                passing_score=course.passing_score,
                status=course.status,
                enrolled=count(EnrollmentStatus.ENROLLED) + completed + failed,
                waitlisted=count(EnrollmentStatus.WAITLISTED),
                completed=completed,
                failed=failed,
                sessions=sessions.get(cid, 0),
            )
        )
    return records


def to_input(record: CourseRecord) -> CourseInput:
    """An existing course as form input (for editing)."""
    return CourseInput(
        title=record.title,
        field=record.field,
        partner_id=record.partner_id or "",
        trainer_id=record.trainer_id,
        hours=record.hours,
        capacity=record.capacity,
        starts_on=record.starts_on,
        ends_on=record.ends_on,
        weekdays=list(record.weekdays),
        time_text=record.time_text,
        location=record.location,
        min_attendance_percent=record.min_attendance_percent,
        passing_score=record.passing_score,
        status=record.status,
    )
