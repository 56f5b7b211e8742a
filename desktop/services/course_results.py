"""Who completed a course: attendance against the course's minimum and, when it is
assessed, a score against its passing score.

The attendance percentage is present ÷ (sessions counted − excused): the sessions
counted are those held so far (dated today or earlier), or all of them once the course
has finished; a session nobody marked for a person counts as an absence, and an
excused absence counts neither way (it leaves the session out of that person's
count), so an excuse never lowers or raises anyone's percentage. A person with only
excused sessions has no percentage yet. Completion compares exactly: present × 100 ≥
minimum × counted.

A person whose result came on a partner body's results sheet
(desktop/services/partner_results.py) is judged by the same rules over what the sheet
said instead of the center's marks: its attendance percent against the minimum (a
sheet that gives none leaves attendance to the body's verdict), the score against the
passing score, and a «failed» verdict fails them whatever the figures.

When the course finishes each seated person is settled as completed or failed;
changes to attendance or scores after that settle them again, except that a person
holding a valid certificate is never changed (their marks and score are locked until
it is revoked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from peewee import Case, fn

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Attendance,
    AttendanceMark,
    Course,
    CourseSession,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Status,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services.course_access import fk, refuse_closed, require_transaction, runnable_course
from desktop.services.course_programme import step_back, step_forward
from desktop.services.course_sessions import live_sessions
from desktop.services.enrollment_rows import (
    EnrollmentRecord,
    applicant_name,
    certified,
    enrollment_record,
    live_enrollment,
    seated_query,
    seated_rows,
)
from desktop.services.session import Session
from desktop.strings.courses import Completion as Reasons
from desktop.strings.courses import Enrollments as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_digits, normalize_text

# Attendance and scores can be corrected after a course finished, not once cancelled.
NO_RESULTS = (CourseStatus.CANCELLED,)
# A partner body's verdict on a person (Enrollment.reported_result).
REPORTED_PASSED = "passed"
REPORTED_FAILED = "failed"


@dataclass(frozen=True)
class Completion:
    """Attendance and result of one person; `reasons` say why they have not completed."""

    present: int
    absent: int  # including sessions nobody marked
    excused: int
    counted: int  # sessions counted (held so far, or all once the course finished)
    percent: int | None  # rounded down, so it never shows a pass that is not one
    completed: bool
    reasons: tuple[str, ...]


def evaluate(
    *,
    present: int,
    excused: int,
    counted: int,
    min_percent: int,
    passing_score: int | None,
    score: float | None,
    reported_result: str | None = None,
    reported_attendance: int | None = None,
) -> Completion:
    """Completed or not, and why not (see the module docstring for the rules).

    With a `reported_result` (a partner body's sheet) the marks are not read: the
    reported attendance percent, if any, is held to the minimum instead."""
    base = counted - excused
    reasons: list[str] = []
    percent: int | None = None
    if reported_result is not None:
        present = excused = counted = 0
        percent = reported_attendance
        if percent is not None and percent < min_percent:
            reasons.append(
                Reasons.ATTENDANCE_LOW.format(
                    percent=format_number(percent), minimum=format_number(min_percent)
                )
            )
    elif counted == 0:
        reasons.append(Reasons.NO_SESSIONS)
    elif base <= 0:
        reasons.append(Reasons.ALL_EXCUSED)
    else:
        percent = present * 100 // base
        if present * 100 < min_percent * base:
            reasons.append(
                Reasons.ATTENDANCE_LOW.format(
                    percent=format_number(percent), minimum=format_number(min_percent)
                )
            )
    if passing_score is not None:
        if score is None:
            reasons.append(Reasons.SCORE_MISSING)
        elif score < passing_score:
            reasons.append(
                Reasons.SCORE_LOW.format(
                    score=format_score(score), passing=format_number(passing_score)
                )
            )
    if reported_result == REPORTED_FAILED:
        reasons.append(Reasons.REPORTED_FAILED)
    return Completion(
        present=present,
        absent=max(counted - present - excused, 0),
        excused=excused,
        counted=counted,
        percent=percent,
        completed=not reasons,
        reasons=tuple(reasons),
    )


_SCORE = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,2})?$")


def parse_score(value: str | float | int | None) -> float | None:
    """'۸۷٫۵', '87/5', '87.5', 87 → 87.5; empty → None; ValidationError (field
    "score") otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a score is text as typed or a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = normalize_digits(normalize_text(value)).replace(" ", "")
        if not text:
            return None
        text = re.sub("[٫/,،]", ".", text)
        if not _SCORE.match(text):
            raise ValidationError({"score": Messages.SCORE_FORMAT})
        number = float(text)
    if not 0 <= number <= 100:
        raise ValidationError({"score": Messages.SCORE_RANGE})
    return round(number, 2)


def format_score(score: float | None) -> str:
    """87.0 → «۸۷», 87.5 → «۸۷٫۵», None → «»."""
    return "" if score is None else format_number(score)


# -- settling ----------------------------------------------------------------------------


def settle(session: Session, course: Course) -> int:
    """Bring each seated person's status in line with the course: completed or failed
    once it has finished, enrolled while it has not. Those who newly completed move to
    «trained»; those who newly failed move back out of «in training», and back into it
    if the course is reopened (desktop/services/course_programme.py). Inside the
    caller's transaction; how many rows changed."""
    require_transaction()
    rows = list(seated_query(course))
    if not rows:
        return 0
    targets = _targets(course, rows)
    changed = 0
    for row in rows:
        target = targets[str(row.id)]
        if row.status == target:
            continue
        was_failed = row.status == EnrollmentStatus.FAILED.value
        row.status = target
        writes.update(row, session)
        changed += 1
        _follow_programme(session, row, course, was_failed)
    return changed


def _targets(course: Course, rows: list[Enrollment]) -> dict[str, str]:
    """{enrollment id: the status the course gives it now}."""
    if course.status != CourseStatus.FINISHED.value:
        return {str(row.id): EnrollmentStatus.ENROLLED.value for row in rows}
    results = completions(course, rows)
    held = certified([row.id for row in rows])
    return {
        str(row.id): EnrollmentStatus.COMPLETED.value
        if str(row.id) in held or results[str(row.id)].completed
        else EnrollmentStatus.FAILED.value
        for row in rows
    }


def _follow_programme(session: Session, row: Enrollment, course: Course, was_failed: bool) -> None:
    """The programme step of a settled row: completed → «trained», failed → back out
    of training, failed before and now enrolled again (reopened) → back in training."""
    if row.status == EnrollmentStatus.COMPLETED.value:
        step_forward(session, row, course, Status.TRAINED, course.ends_on)
    elif row.status == EnrollmentStatus.FAILED.value:
        step_back(session, row, course, Messages.FAILED_NOTE, course.ends_on)
    elif was_failed:
        step_forward(session, row, course, Status.IN_TRAINING, dt.date.today())


def counted_sessions(course: Course, today: dt.date | None = None) -> list[Any]:
    """Ids of the sessions attendance is counted over (see the module docstring)."""
    query = live_sessions(course)
    if course.status != CourseStatus.FINISHED.value:
        query = query.where(CourseSession.held_on <= (today or dt.date.today()))
    return [sid for (sid,) in tuples(query.select(CourseSession.id))]


def completions(
    course: Course, rows: Iterable[Enrollment], today: dt.date | None = None
) -> dict[str, Completion]:
    """{enrollment id: Completion} of `rows` in `course`, as of `today`."""
    sessions = counted_sessions(course, today)
    counts: dict[str, tuple[int, int]] = {}
    if sessions:
        present = Case(None, [(Attendance.mark == AttendanceMark.PRESENT.value, 1)], 0)
        excused = Case(None, [(Attendance.mark == AttendanceMark.EXCUSED.value, 1)], 0)
        counts = {
            str(eid): (int(p or 0), int(e or 0))
            for eid, p, e in tuples(
                Attendance.select(Attendance.enrollment, fn.SUM(present), fn.SUM(excused))
                .where(
                    Attendance.session.in_(sessions) & (Attendance.deleted == False)  # noqa: E712
                )
                .group_by(Attendance.enrollment)
            )
        }
    results = {}
    for row in rows:
        present_count, excused_count = counts.get(str(row.id), (0, 0))
        results[str(row.id)] = evaluate(
            present=present_count,
            excused=excused_count,
            counted=len(sessions),
            min_percent=course.min_attendance_percent,
            passing_score=course.passing_score,
            score=row.score,
            reported_result=row.reported_result,
            reported_attendance=row.reported_attendance,
        )
    return results


# -- scores ------------------------------------------------------------------------------


def set_scores(
    session: Session, course_id: str, scores: Mapping[str, str | float | int | None]
) -> int:
    """Enter scores: {enrollment id: score as typed (empty clears it)}. Every score is
    checked first (ValidationError keyed by enrollment id); how many changed."""
    course = runnable_course(session, course_id)
    refuse_closed(course, NO_RESULTS)
    seated = seated_rows(course)
    clean = _clean_scores(seated, scores)
    with db.atomic():
        locked = certified(seated[key].id for key in clean)
        changed = 0
        for key, score in clean.items():
            row = Enrollment.get_by_id(seated[key].id)
            if row.score == score:
                continue
            if key in locked:
                raise UserError(
                    Messages.CERTIFIED.format(name=applicant_name(row)), code="certified"
                )
            row.score = score
            writes.update(row, session)
            changed += 1
        if changed and course.status == CourseStatus.FINISHED.value:
            settle(session, course)
    return changed


def _clean_scores(
    seated: dict[str, Enrollment], scores: Mapping[str, str | float | int | None]
) -> dict[str, float | None]:
    errors: dict[str, str] = {}
    clean: dict[str, float | None] = {}
    for key, value in scores.items():
        if str(key) not in seated:
            errors[str(key)] = Messages.NOT_ACTIVE
            continue
        try:
            clean[str(key)] = parse_score(value)
        except ValidationError as error:
            errors[str(key)] = error.message
    if errors:
        raise ValidationError(errors)
    return clean


def set_score(
    session: Session, enrollment_id: str, score: str | float | int | None
) -> EnrollmentRecord:
    row = live_enrollment(enrollment_id)
    try:
        set_scores(session, str(fk(row, "course")), {str(row.id): score})
    except ValidationError as error:
        raise ValidationError({"score": error.errors[str(row.id)]}) from None
    return enrollment_record(Enrollment.get_by_id(row.id))
