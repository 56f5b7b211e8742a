"""Who may see and run a course, and the live course of an id.

An admin reads and runs every course; a trainer only the courses they train; a clerk
reads courses (and enrolls people, desktop/services/enrollment.py); shop staff nothing.
Every course use case starts here, so the rule is written once.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.errors import PermissionDenied, UserError
from desktop.models import Course, CourseStatus, EnrollmentStatus, Role, db
from desktop.models.writes import OutsideTransaction
from desktop.services.records import fk, live  # noqa: F401  (fk: imported from here too)
from desktop.services.session import Session
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.strings.courses import Courses as Messages

READERS = (Role.ADMIN, Role.CLERK, Role.TRAINER)
RUNNERS = (Role.ADMIN, Role.TRAINER)  # plan and run a course (a trainer: their own)
# Seats are taken by these; the waiting list moves up into the ones set free.
SEATED = (
    EnrollmentStatus.ENROLLED.value,
    EnrollmentStatus.COMPLETED.value,
    EnrollmentStatus.FAILED.value,
)
# A finished course's calendar is its history: reopen the course to change it.
CALENDAR_CLOSED = (CourseStatus.FINISHED, CourseStatus.CANCELLED)


def require_transaction() -> None:
    """For the steps that other use cases call inside their own transaction (settling
    results, filling seats, regenerating sessions): called outside one is a bug."""
    if not db.in_transaction():
        raise OutsideTransaction("this step runs inside the caller's transaction")


def can_read(session: Session, course: Course) -> bool:
    return session.role in (Role.ADMIN, Role.CLERK) or (
        session.role is Role.TRAINER and course.trainer == session.user_id
    )


def can_run(session: Session, course: Course) -> bool:
    return session.role is Role.ADMIN or (
        session.role is Role.TRAINER and course.trainer == session.user_id
    )


def load_course(course_id: str) -> Course:
    """The live course of `course_id`, or UserError «this course was not found»."""
    return live(Course, course_id, Messages.NOT_FOUND)


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
