"""Enrollments as the course use cases read them: the live row of an id, the seated
rows of a course, who holds a certificate, and the record handed to views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.models import Applicant, Certificate, Course, Enrollment
from desktop.models.base import tuples
from desktop.services.course_access import SEATED, fk
from desktop.services.records import live
from desktop.strings.courses import Enrollments as Messages


@dataclass(frozen=True)
class EnrollmentRecord:
    id: str
    course_id: str
    applicant_id: str
    file_number: str
    full_name: str
    national_code: str
    status: str
    waitlist_position: int | None
    enrolled_on: dt.date
    withdrawn_on: dt.date | None
    withdrawn_reason: str
    score: float | None


def live_enrollment(enrollment_id: object) -> Enrollment:
    return live(Enrollment, enrollment_id, Messages.NOT_FOUND)


def live_applicant(applicant_id: object, *, include_deleted: bool = False) -> Applicant:
    return live(
        Applicant, applicant_id, Messages.APPLICANT_NOT_FOUND, include_deleted=include_deleted
    )


def seated_query(course: Course) -> Any:
    """The course's enrollments that take a seat (enrolled, completed or failed)."""
    return Enrollment.select().where(
        (Enrollment.course == course.id) & Enrollment.status.in_(list(SEATED))
    )


def seated_rows(course: Course) -> dict[str, Enrollment]:
    """{enrollment id: row} of those seated in the course."""
    return {str(row.id): row for row in seated_query(course)}


def certified(enrollment_ids: Iterable[Any]) -> set[str]:
    """Enrollments holding a certificate that is not revoked."""
    ids = list(enrollment_ids)
    if not ids:
        return set()
    return {
        str(eid)
        for (eid,) in tuples(
            Certificate.select(Certificate.enrollment).where(
                Certificate.enrollment.in_(ids) & (Certificate.revoked == False)  # noqa: E712
            )
        )
    }


def applicant_name(row: Enrollment) -> str:
    return str(Applicant.get_by_id(fk(row, "applicant")).full_name)


def enrollment_record(row: Enrollment, applicant: Applicant | None = None) -> EnrollmentRecord:
    person = applicant or row.__rel__.get("applicant") or Applicant.get_by_id(fk(row, "applicant"))
    return EnrollmentRecord(
        id=str(row.id),
        course_id=str(fk(row, "course")),
        applicant_id=str(person.id),
        file_number=person.file_number,
        full_name=person.full_name,
        national_code=person.national_code,
        status=row.status,
        waitlist_position=row.waitlist_position,
        enrolled_on=row.enrolled_on,
        withdrawn_on=row.withdrawn_on,
        withdrawn_reason=row.withdrawn_reason,
        score=row.score,
    )
