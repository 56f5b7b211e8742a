"""The course catalogue: plan a course, find it, list them.

A course is created with its generated sessions (desktop/services/course_sessions.py)
in one transaction. Editing a course or changing its status moves its enrollments
too, so those two use cases live in course_changes.py, above enrollment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from desktop.errors import ValidationError
from desktop.models import (
    Course,
    CourseSession,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Partner,
    Role,
    User,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services.course_access import READERS, RUNNERS, fk, readable_course
from desktop.services.course_form import CourseInput, clean_status, trainer_choices, validate
from desktop.services.course_sessions import generate_sessions
from desktop.services.session import Session
from desktop.services.settings import usernames
from desktop.services.users import name_or_username
from desktop.services.validation import Collector
from desktop.strings.courses import Courses as Messages
from desktop.text.normalize import normalize_digits, normalize_text, search_key

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
        course = Course(
            number=number,
            code=course_code(session.center_code, number),
            status=status.value,
            **clean,
        )
        writes.insert(course, session)
        generate_sessions(session, course)
    return get_course(session, str(course.id))


def _next_number(center_code: str) -> int:
    value = Course.select(fn.MAX(Course.number)).where(Course.center_code == center_code).scalar()
    return int(value or 0) + 1


def course_code(center_code: str, number: int) -> str:
    """'TEH05-C-0001': the center's code and its own running number of courses."""
    return f"{center_code}-C-{number:04d}"


def trainers(session: Session) -> list[tuple[str, str]]:
    """(id, name) of the users who can train a course, for choices."""
    session.require(*READERS)
    return trainer_choices()


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
    """The courses as records, with their seats, waiting list, results and sessions
    counted (a few queries for them all)."""
    if not courses:
        return []
    ids = [course.id for course in courses]
    counts = _enrollment_counts(ids)
    sessions = _session_counts(ids)
    partners = {
        str(pid): str(name) for pid, name in tuples(Partner.select(Partner.id, Partner.name))
    }
    known = usernames()
    users = {
        str(uid): name_or_username(name, username, known)
        for uid, name, username in tuples(User.select(User.id, User.display_name, User.username))
    }
    return [_record(course, counts, sessions, partners, users) for course in courses]


def _enrollment_counts(ids: list[Any]) -> dict[tuple[str, str], int]:
    """{(course id, enrollment status): how many}."""
    return {
        (str(cid), str(status)): int(count)
        for cid, status, count in tuples(
            Enrollment.select(Enrollment.course, Enrollment.status, fn.COUNT(Enrollment.id))
            .where(Enrollment.course.in_(ids))
            .group_by(Enrollment.course, Enrollment.status)
        )
    }


def _session_counts(ids: list[Any]) -> dict[str, int]:
    """{course id: live sessions}."""
    return {
        str(cid): int(count)
        for cid, count in tuples(
            CourseSession.select(CourseSession.course, fn.COUNT(CourseSession.id))
            .where(CourseSession.course.in_(ids) & (CourseSession.deleted == False))  # noqa: E712
            .group_by(CourseSession.course)
        )
    }


def _record(
    course: Course,
    counts: dict[tuple[str, str], int],
    sessions: dict[str, int],
    partners: dict[str, str],
    users: dict[str, str],
) -> CourseRecord:
    cid = str(course.id)
    partner = fk(course, "partner")

    def count(status: EnrollmentStatus) -> int:
        return counts.get((cid, status.value), 0)

    completed, failed = count(EnrollmentStatus.COMPLETED), count(EnrollmentStatus.FAILED)
    return CourseRecord(
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
