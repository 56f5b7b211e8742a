"""Who takes part in a course: enrolling, withdrawing and the waiting list — and one
name for the views, the CLI and the tests over the rest of a course's people:

- course_attendance.py: marking sessions, the attendance sheet;
- course_results.py: completion, scores and settling results;
- course_roster.py: the course page and the courses in a person's file;
- course_programme.py: the programme steps a course moves its people along;
- enrollment_rows.py: the records and rows the others share.

A course takes people up to its capacity; anyone after that goes on the waiting list,
in the order they asked, and moves up when a seat is set free (someone withdraws, or
the capacity grows). A person is in a course once: enrolling again after withdrawing
reuses their row. Enrolling moves the person forward to «in training»; withdrawing
moves them back (course_programme.py).

Roles: an admin everything; a trainer on their own courses; a clerk enrolls and
withdraws (attendance and scores are the trainer's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import fn

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    Course,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Role,
    Status,
    db,
    writes,
)
from desktop.services.course_access import (
    fk,
    load_course,
    readable_course,
    refuse_closed,
    require_transaction,
)
from desktop.services.course_attendance import (
    AttendanceSheet,
    SheetRow,
    attendance_sheet,
    mark_attendance,
)
from desktop.services.course_programme import (
    MOVES_TO_TRAINED,
    MOVES_TO_TRAINING,
    step_back,
    step_forward,
)
from desktop.services.course_results import (
    Completion,
    counted_sessions,
    evaluate,
    format_score,
    parse_score,
    set_score,
    set_scores,
    settle,
)
from desktop.services.course_roster import (
    ApplicantCourse,
    CourseDetail,
    Enrollee,
    applicant_enrollments,
    course_detail,
    get_enrollment,
)
from desktop.services.enrollment_rows import (
    EnrollmentRecord,
    enrollment_record,
    live_applicant,
    live_enrollment,
    seated_query,
)
from desktop.services.session import Session
from desktop.strings.courses import ENROLLMENT_STATUS_NAMES
from desktop.strings.courses import Enrollments as Messages
from desktop.text.normalize import normalize_text

__all__ = [
    "ENROLLERS",
    "MOVES_TO_TRAINED",
    "MOVES_TO_TRAINING",
    "ApplicantCourse",
    "AttendanceSheet",
    "Completion",
    "CourseDetail",
    "Enrollee",
    "EnrollmentRecord",
    "SheetRow",
    "applicant_enrollments",
    "attendance_sheet",
    "counted_sessions",
    "course_detail",
    "enroll",
    "evaluate",
    "fill_seats",
    "format_score",
    "get_enrollment",
    "mark_attendance",
    "parse_score",
    "set_score",
    "set_scores",
    "settle",
    "withdraw",
]

ENROLLERS = (Role.ADMIN, Role.CLERK, Role.TRAINER)
_NO_ENROLLING = (CourseStatus.FINISHED.value, CourseStatus.CANCELLED.value)


def enroll(
    session: Session, course_id: str, applicant_id: str, *, on: dt.date | None = None
) -> EnrollmentRecord:
    """Enroll an applicant, or put them on the waiting list when the course is full.

    Refused for a finished or cancelled course, and for a person already in the course
    (enrolled, waitlisted, completed or failed); someone who withdrew may enroll again.
    """
    session.require(*ENROLLERS)
    readable_course(session, course_id)
    day = on or dt.date.today()
    with db.atomic():
        course = load_course(course_id)
        refuse_closed(course)
        applicant = live_applicant(applicant_id)
        row = _enrollment_of(course, applicant)
        fill_seats(session, course)  # nobody may pass those already waiting
        seated = _seated(course) < course.capacity
        values: dict[str, Any] = {
            "status": (EnrollmentStatus.ENROLLED if seated else EnrollmentStatus.WAITLISTED).value,
            "waitlist_position": None if seated else _last_position(course) + 1,
            "enrolled_on": day,
            "withdrawn_on": None,
            "withdrawn_reason": "",
            "score": None,
        }
        if row is None:
            row = Enrollment(course=course.id, applicant=applicant.id, **values)
            writes.insert(row, session)
        else:
            for name, value in values.items():
                setattr(row, name, value)
            writes.update(row, session)
        if seated:
            step_forward(session, row, course, Status.IN_TRAINING, day)
    return enrollment_record(row)


def _enrollment_of(course: Course, applicant: Applicant) -> Enrollment | None:
    """The person's row in the course if they withdrew from it (to reuse), None if
    they never were in it; UserError if they are in it now."""
    row: Enrollment | None = Enrollment.get_or_none(
        (Enrollment.course == course.id) & (Enrollment.applicant == applicant.id)
    )
    if row is not None and row.status != EnrollmentStatus.WITHDRAWN.value:
        raise UserError(
            Messages.ALREADY_ENROLLED.format(status=ENROLLMENT_STATUS_NAMES[row.status]),
            code="already_enrolled",
        )
    return row


def withdraw(
    session: Session, enrollment_id: str, reason: str, *, on: dt.date | None = None
) -> EnrollmentRecord:
    """Withdraw someone enrolled or waiting, with a reason; a seat set free goes to
    the first on the waiting list."""
    session.require(*ENROLLERS)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": Messages.REASON_REQUIRED})
    with db.atomic():
        row = live_enrollment(enrollment_id)
        course = readable_course(session, str(fk(row, "course")))
        if row.status == EnrollmentStatus.WITHDRAWN.value:
            raise UserError(Messages.ALREADY_WITHDRAWN, code="already_withdrawn")
        if row.status not in (EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value):
            raise UserError(Messages.CANNOT_WITHDRAW, code="cannot_withdraw")
        row.status = EnrollmentStatus.WITHDRAWN.value
        row.waitlist_position = None
        row.withdrawn_on = on or dt.date.today()
        row.withdrawn_reason = reason
        writes.update(row, session)
        step_back(session, row, course, Messages.WITHDRAWN_NOTE, row.withdrawn_on)
        fill_seats(session, course)
    return enrollment_record(row)


def fill_seats(session: Session, course: Course) -> int:
    """Move people up from the waiting list into free seats, in order, and number
    the rest 1, 2, …; how many moved up. Inside the caller's transaction."""
    require_transaction()
    moved = 0
    waiting = list(
        Enrollment.select()
        .where(
            (Enrollment.course == course.id)
            & (Enrollment.status == EnrollmentStatus.WAITLISTED.value)
        )
        .order_by(Enrollment.waitlist_position, Enrollment.created_at, Enrollment.id)
    )
    if course.status not in _NO_ENROLLING:
        free = course.capacity - _seated(course)
        today = dt.date.today()
        while waiting and free > 0:
            row = waiting.pop(0)
            row.status = EnrollmentStatus.ENROLLED.value
            row.waitlist_position = None
            writes.update(row, session)
            step_forward(session, row, course, Status.IN_TRAINING, today)
            free -= 1
            moved += 1
    for position, row in enumerate(waiting, start=1):
        if row.waitlist_position != position:
            row.waitlist_position = position
            writes.update(row, session)
    return moved


def _seated(course: Course) -> int:
    return int(seated_query(course).count())


def _last_position(course: Course) -> int:
    value = (
        Enrollment.select(fn.MAX(Enrollment.waitlist_position))
        .where(
            (Enrollment.course == course.id)
            & (Enrollment.status == EnrollmentStatus.WAITLISTED.value)
        )
        .scalar()
    )
    return int(value or 0)
