"""Who is in a course, as its page and a person's file show it: the seated with their
attendance, completion and certificate, the waiting list in order, who withdrew.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models import Applicant, Certificate, Course, Enrollment, EnrollmentStatus, Role
from desktop.services.course_access import READERS, SEATED, fk, readable_course
from desktop.services.course_catalogue import CourseRecord, records_of
from desktop.services.course_results import Completion, completions, counted_sessions
from desktop.services.course_sessions import CourseSessionRecord, course_sessions
from desktop.services.enrollment_rows import (
    EnrollmentRecord,
    enrollment_record,
    live_applicant,
    live_enrollment,
)
from desktop.services.session import Session


@dataclass(frozen=True)
class Enrollee:
    enrollment: EnrollmentRecord
    completion: Completion
    certificate_id: str | None = None
    certificate_serial: str = ""
    certificate_revoked: bool = False


@dataclass(frozen=True)
class CourseDetail:
    course: CourseRecord
    enrollees: list[Enrollee]  # seated: enrolled, completed or failed; by name
    waitlist: list[EnrollmentRecord]  # in order
    withdrawn: list[EnrollmentRecord]
    sessions: list[CourseSessionRecord]
    counted_sessions: int


@dataclass(frozen=True)
class ApplicantCourse:
    """A course in an applicant's file."""

    enrollment: EnrollmentRecord
    course_code: str
    course_title: str
    course_status: str


def course_detail(
    session: Session, course_id: str, *, today: dt.date | None = None
) -> CourseDetail:
    """The course page: its enrollees with attendance and completion (and why not),
    its waiting list in order, who withdrew, and its sessions."""
    course = readable_course(session, course_id)
    (record,) = records_of([course])
    rows = list(
        Enrollment.select(Enrollment, Applicant)
        .join(Applicant, on=(Enrollment.applicant == Applicant.id))
        .where(Enrollment.course == course.id)
        .order_by(Applicant.sort_name, Enrollment.id)
    )
    waiting = sorted(
        (row for row in rows if row.status == EnrollmentStatus.WAITLISTED.value),
        key=lambda row: row.waitlist_position or 0,
    )
    withdrawn = [row for row in rows if row.status == EnrollmentStatus.WITHDRAWN.value]
    return CourseDetail(
        course=record,
        enrollees=_enrollees(course, [row for row in rows if row.status in SEATED], today),
        waitlist=[enrollment_record(row) for row in waiting],
        withdrawn=[enrollment_record(row) for row in withdrawn],
        sessions=course_sessions(session, course_id),
        counted_sessions=len(counted_sessions(course, today)),
    )


def _enrollees(course: Course, seated: list[Enrollment], today: dt.date | None) -> list[Enrollee]:
    """The seated with their completion and the certificate that stands for each (the
    current one, or the latest revoked one)."""
    results = completions(course, seated, today)
    certificates = Certificate.shown_by_enrollment(row.id for row in seated)
    enrollees = []
    for row in seated:
        cert = certificates.get(str(row.id))
        enrollees.append(
            Enrollee(
                enrollment=enrollment_record(row),
                completion=results[str(row.id)],
                certificate_id=str(cert.id) if cert else None,
                certificate_serial=cert.serial if cert else "",
                certificate_revoked=bool(cert.revoked) if cert else False,
            )
        )
    return enrollees


def applicant_enrollments(session: Session, applicant_id: str) -> list[ApplicantCourse]:
    """The courses in a person's file (a trainer sees only their own courses)."""
    session.require(*READERS)
    applicant = live_applicant(applicant_id, include_deleted=True)
    query = (
        Enrollment.select(Enrollment, Course)
        .join(Course, on=(Enrollment.course == Course.id))
        .where(Enrollment.applicant == applicant.id)
        .order_by(Course.starts_on.desc())
    )
    if session.role is Role.TRAINER:
        query = query.where(Course.trainer == session.user_id)
    return [
        ApplicantCourse(
            enrollment_record(row, applicant), row.course.code, row.course.title, row.course.status
        )
        for row in query
    ]


def get_enrollment(session: Session, enrollment_id: str) -> EnrollmentRecord:
    row = live_enrollment(enrollment_id)
    readable_course(session, str(fk(row, "course")))
    return enrollment_record(row)
