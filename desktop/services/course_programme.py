"""A course moves its people along their programme: enrolling moves someone forward
to «in training», completing the course to «trained» (never backward), through
`applicants.move_status`, so the move is in their status history like any other.

Withdrawing, or not completing a finished course, moves someone still «in training»
back to the status they had before it (from their status history; «counselling» if it
does not say) — unless another course holds them in training: an enrollment, seated
or waiting, in a course that is planned, open or running. Anyone who has moved on
since («trained», «employed», …) is never moved back.

`applicants.change_status` is the clerk's and admin's; a trainer reaches these steps
only through a course of theirs (checked by the caller), so they use `move_status`,
which leaves the role check to its caller; the change is recorded in the trainer's
name. Both run inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt

from desktop.models import (
    Applicant,
    Course,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Status,
    StatusChange,
)
from desktop.models.base import tuples
from desktop.services import applicants
from desktop.services.course_access import fk, require_transaction
from desktop.services.session import Session
from desktop.strings.courses import Enrollments as Messages

# Programme statuses that a course moves forward from.
MOVES_TO_TRAINING = (Status.REGISTERED.value, Status.COUNSELLING.value)
MOVES_TO_TRAINED = (*MOVES_TO_TRAINING, Status.IN_TRAINING.value)
# Courses that hold their enrollees (seated or waiting) in training.
_CURRENT_COURSES = (CourseStatus.PLANNED.value, CourseStatus.OPEN.value, CourseStatus.RUNNING.value)
_CURRENT_ENROLLMENTS = (EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value)


def step_forward(
    session: Session, row: Enrollment, course: Course, target: Status, on: dt.date
) -> None:
    """Move the person of `row` forward to `target` («in training» or «trained»),
    never backward."""
    require_transaction()
    applicant = Applicant.get_by_id(fk(row, "applicant"))  # its status as of now
    allowed = MOVES_TO_TRAINING if target is Status.IN_TRAINING else MOVES_TO_TRAINED
    if applicant.deleted or applicant.status not in allowed:
        return
    template = Messages.ENROLLED_NOTE if target is Status.IN_TRAINING else Messages.COMPLETED_NOTE
    applicants.move_status(
        session,
        str(applicant.id),
        target.value,
        on=min(on, dt.date.today()),
        note=template.format(code=course.code, title=course.title),
    )


def step_back(
    session: Session, left: Enrollment, course: Course, template: str, on: dt.date
) -> None:
    """`left` no longer holds its person in training (withdrawn, or failed a finished
    course): move them back from «in training» to the status they had before it, dated
    `on`, unless they have moved on or another course still holds them."""
    require_transaction()
    applicant = Applicant.get_or_none(Applicant.id == fk(left, "applicant"))
    if applicant is None or applicant.deleted:
        return
    if applicant.status != Status.IN_TRAINING.value or _held_elsewhere(left):
        return
    applicants.move_status(
        session,
        str(applicant.id),
        _status_before_training(applicant),
        on=min(on, dt.date.today()),
        note=template.format(code=course.code, title=course.title),
    )


def _held_elsewhere(left: Enrollment) -> bool:
    """Whether the person is enrolled or waiting in another current course."""
    return bool(
        Enrollment.select()
        .join(Course, on=(Enrollment.course == Course.id))
        .where(
            (Enrollment.applicant == fk(left, "applicant"))
            & (Enrollment.id != left.id)
            & (Enrollment.deleted == False)  # noqa: E712
            & Enrollment.status.in_(list(_CURRENT_ENROLLMENTS))
            & (Course.deleted == False)  # noqa: E712
            & Course.status.in_(list(_CURRENT_COURSES))
        )
        .exists()
    )


def _status_before_training(applicant: Applicant) -> str:
    """The status recorded just before the person's latest move to «in training», in
    the order the moves were made; «counselling» if the history does not say."""
    history = [
        status
        for (status,) in tuples(
            StatusChange.select(StatusChange.status)
            .where(
                (StatusChange.applicant == applicant.id) & (StatusChange.deleted == False)  # noqa: E712
            )
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    ]
    training = Status.IN_TRAINING.value
    if training in history:
        last = len(history) - 1 - history[::-1].index(training)
        for status in reversed(history[:last]):
            if status != training:
                return str(status)
    return Status.COUNSELLING.value
