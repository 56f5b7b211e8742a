"""Attendance: one mark per person and session — present, absent or excused — marked
by the course's trainer (or an admin) for a session that has been held.

A person holding a valid certificate keeps their marks until it is revoked; marks
changed after the course finished settle its results again
(desktop/services/course_results.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    Attendance,
    AttendanceMark,
    CourseSession,
    CourseStatus,
    Enrollment,
    db,
    writes,
)
from desktop.services.course_access import (
    READERS,
    SEATED,
    can_run,
    fk,
    readable_course,
    refuse_closed,
)
from desktop.services.course_catalogue import CourseRecord, records_of
from desktop.services.course_results import NO_RESULTS, completions, settle
from desktop.services.course_sessions import (
    CourseSessionRecord,
    course_sessions,
    session_by_id,
    session_row,
)
from desktop.services.enrollment_rows import applicant_name, certified, seated_rows
from desktop.services.session import Session
from desktop.strings.courses import ATTENDANCE_MARK_NAMES
from desktop.strings.courses import Courses as CourseMessages
from desktop.strings.courses import Enrollments as Messages
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class SheetRow:
    enrollment_id: str
    file_number: str
    full_name: str
    national_code: str
    mark: str | None
    percent: int | None


@dataclass(frozen=True)
class AttendanceSheet:
    course: CourseRecord
    session: CourseSessionRecord
    rows: list[SheetRow]
    editable: bool  # this user may mark it, and the session has been held


def mark_attendance(
    session: Session, course_session_id: str, marks: Mapping[str, str | None]
) -> int:
    """Mark a session for many people at once: {enrollment id: "present" | "absent" |
    "excused" | None (clear)}. Every mark is checked first (ValidationError keyed by
    enrollment id); returns how many marks changed."""
    row, course = session_row(session, course_session_id)
    refuse_closed(course, NO_RESULTS)
    if row.held_on > dt.date.today():
        raise UserError(CourseMessages.SESSION_IN_FUTURE, code="session_in_future")
    seated = seated_rows(course)
    clean = _clean_marks(seated, marks)
    with db.atomic():
        changed = _write_marks(session, row, seated, clean)
        if changed and course.status == CourseStatus.FINISHED.value:
            settle(session, course)
    return changed


def _clean_marks(
    seated: dict[str, Enrollment], marks: Mapping[str, str | None]
) -> dict[str, str | None]:
    """{enrollment id: mark value or None}, or ValidationError keyed by enrollment id."""
    by_name = {name: mark for mark, name in ATTENDANCE_MARK_NAMES.items()}
    known = {mark.value for mark in AttendanceMark}
    errors: dict[str, str] = {}
    clean: dict[str, str | None] = {}
    for key, value in marks.items():
        text = normalize_text(value or "").lower()
        text = by_name.get(text, text)
        if str(key) not in seated:
            errors[str(key)] = Messages.NOT_ACTIVE
        elif text and text not in known:
            errors[str(key)] = Messages.MARK_UNKNOWN
        else:
            clean[str(key)] = text or None
    if errors:
        raise ValidationError(errors)
    return clean


def _write_marks(
    session: Session,
    row: CourseSession,
    seated: dict[str, Enrollment],
    clean: dict[str, str | None],
) -> int:
    """Insert, change or clear each mark that differs; how many did. Inside the
    caller's transaction."""
    existing = {
        str(fk(mark, "enrollment")): mark
        for mark in Attendance.select().where(Attendance.session == row.id)
    }
    locked = certified(seated[key].id for key in clean)
    changed = 0
    for key, mark in clean.items():
        current = existing.get(key)
        now = None if current is None or current.deleted else current.mark
        if now == mark:
            continue
        if key in locked:
            name = applicant_name(seated[key])
            raise UserError(Messages.CERTIFIED.format(name=name), code="certified")
        if current is None:
            assert mark is not None
            writes.insert(Attendance(session=row.id, enrollment=seated[key].id, mark=mark), session)
        elif mark is None:
            writes.delete(current, session)
        else:
            current.mark = mark
            current.deleted = False
            writes.update(current, session)
        changed += 1
    return changed


def attendance_sheet(session: Session, course_session_id: str) -> AttendanceSheet:
    """One session's marks for everyone seated, with each person's percentage."""
    session.require(*READERS)
    row = session_by_id(course_session_id)
    course = readable_course(session, str(fk(row, "course")))
    (record,) = records_of([course])
    seated = list(
        Enrollment.select(Enrollment, Applicant)
        .join(Applicant, on=(Enrollment.applicant == Applicant.id))
        .where((Enrollment.course == course.id) & Enrollment.status.in_(list(SEATED)))
        .order_by(Applicant.sort_name, Enrollment.id)
    )
    marks = {
        str(fk(mark, "enrollment")): mark.mark
        for mark in Attendance.select().where(
            (Attendance.session == row.id) & (Attendance.deleted == False)  # noqa: E712
        )
    }
    results = completions(course, seated)
    sessions = {s.id: s for s in course_sessions(session, str(course.id))}
    return AttendanceSheet(
        course=record,
        session=sessions[str(row.id)],
        rows=[
            SheetRow(
                enrollment_id=str(enrollment.id),
                file_number=enrollment.applicant.file_number,
                full_name=enrollment.applicant.full_name,
                national_code=enrollment.applicant.national_code,
                mark=marks.get(str(enrollment.id)),
                percent=results[str(enrollment.id)].percent,
            )
            for enrollment in seated
        ],
        editable=can_run(session, course)
        and CourseStatus(course.status) not in NO_RESULTS
        and row.held_on <= dt.date.today(),
    )
