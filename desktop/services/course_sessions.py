"""A course's sessions: generated from its dates and weekdays, then added, moved or
removed one by one.

Changing a course's dates or weekdays regenerates the sessions that have no
attendance yet; a session with attendance is kept, and must stay within the course's
dates. A finished or cancelled course's calendar is closed (reopen it to change it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import Case, fn

from desktop.errors import UserError
from desktop.models import Attendance, AttendanceMark, Course, CourseSession, db, writes
from desktop.models.base import tuples
from desktop.services.course_access import (
    RUNNERS,
    fk,
    readable_course,
    refuse_closed,
    require_transaction,
    runnable_course,
)
from desktop.services.course_calendar import read_date, session_dates
from desktop.services.records import live
from desktop.services.session import Session
from desktop.services.validation import Collector
from desktop.strings.courses import Courses as Messages
from desktop.text.jalali import format_jalali
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class CourseSessionRecord:
    id: str
    course_id: str
    held_on: dt.date
    note: str
    marked: int = 0  # people with a mark for this session
    present: int = 0


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


def generate_sessions(session: Session, course: Course) -> None:
    """The sessions of a new course, one per day of its calendar. Inside the caller's
    transaction."""
    require_transaction()
    for day in session_dates(course.starts_on, course.ends_on, course.weekday_list):
        _insert(session, course, day)


def regenerate_sessions(session: Session, course: Course) -> None:
    """Sessions without attendance follow the new calendar; marked ones stay. Inside
    the caller's transaction."""
    require_transaction()
    marked = marked_days(course)
    for row in live_sessions(course):
        if row.held_on not in marked:
            writes.delete(row, session)
    for day in session_dates(course.starts_on, course.ends_on, course.weekday_list):
        if day not in marked:
            _insert(session, course, day)


def _insert(session: Session, course: Course, day: dt.date, note: str = "") -> CourseSession:
    return writes.insert(CourseSession(course=course.id, held_on=day, note=note), session)


def course_sessions(session: Session, course_id: str) -> list[CourseSessionRecord]:
    """The course's sessions in date order, with how many were marked and present."""
    course = readable_course(session, course_id)
    present = fn.SUM(Case(None, [(Attendance.mark == AttendanceMark.PRESENT.value, 1)], 0))
    counts = {
        str(sid): (int(marked), int(present or 0))
        for sid, marked, present in tuples(
            Attendance.select(Attendance.session, fn.COUNT(Attendance.id), present)
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
        row = _insert(session, course, day, normalize_text(note))
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
        writes.update(row, session)
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
        writes.delete(row, session)


def session_by_id(session_id: str) -> CourseSession:
    return live(CourseSession, session_id, Messages.SESSION_NOT_FOUND)


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
    day = read_date(value, errors, "held_on")
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
