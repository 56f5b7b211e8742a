"""Who takes part in a course, who came, and who completed it.

Enrollment: a course takes people up to its capacity; anyone after that goes on the
waiting list, in the order they asked, and moves up when a seat is set free (someone
withdraws, or the capacity grows). A person is in a course once: enrolling again after
withdrawing reuses their row. Enrolling moves the person's programme status forward to
«in training», completing the course to «trained» (never backward), through
`applicants.move_status`, so the move is in their status history like any other.
Withdrawing, or not completing a finished course, moves someone still «in training»
back to the status they had before it (from their status history; «counselling» if
it does not say) — unless another course holds them in training: an enrollment, seated
or waiting, in a course that is planned, open or running. Anyone who has moved on
since («trained», «employed», …) is never moved back.

Attendance: one mark per person and session — present, absent or excused. The
attendance percentage is present ÷ (sessions counted − excused): the sessions counted
are those held so far (dated today or earlier), or all of them once the course has
finished; a session nobody marked for a person counts as an absence, and an excused
absence counts neither way (it leaves the session out of that person's count), so an
excuse never lowers or raises anyone's percentage. A person with only excused sessions
has no percentage yet.

Completion: attendance ≥ the course's minimum (compared exactly, present × 100 ≥
minimum × counted) and, when the course is assessed, a score ≥ the passing score. When
the course finishes each seated person is settled as completed or failed; changes to
attendance or scores after that settle them again, except that a person holding a
valid certificate is never changed (their marks and score are locked until it is
revoked).

Roles: an admin everything; a trainer on their own courses; a clerk enrolls and
withdraws (attendance and scores are the trainer's).
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
    Applicant,
    Attendance,
    AttendanceMark,
    Certificate,
    ChangeLog,
    Course,
    CourseSession,
    CourseStatus,
    Enrollment,
    EnrollmentStatus,
    Role,
    Status,
    StatusChange,
    db,
)
from desktop.models.base import tuples
from desktop.services import applicants, courses
from desktop.services.courses import SEATED, CourseRecord, CourseSessionRecord, fk
from desktop.services.session import Session
from desktop.strings.courses import ATTENDANCE_MARK_NAMES, ENROLLMENT_STATUS_NAMES
from desktop.strings.courses import Completion as Reasons
from desktop.strings.courses import Courses as CourseMessages
from desktop.strings.courses import Enrollments as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_digits, normalize_text

ENROLLERS = (Role.ADMIN, Role.CLERK, Role.TRAINER)
# Programme statuses that a course moves forward from.
MOVES_TO_TRAINING = (Status.REGISTERED.value, Status.COUNSELLING.value)
MOVES_TO_TRAINED = (*MOVES_TO_TRAINING, Status.IN_TRAINING.value)
# Attendance and scores can be corrected after a course finished, not once cancelled.
_NO_RESULTS = (CourseStatus.CANCELLED,)
_NO_ENROLLING = (CourseStatus.FINISHED.value, CourseStatus.CANCELLED.value)


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


@dataclass(frozen=True)
class ApplicantCourse:
    """A course in an applicant's file."""

    enrollment: EnrollmentRecord
    course_code: str
    course_title: str
    course_status: str


# -- completion (pure) -------------------------------------------------------------------


def evaluate(
    *,
    present: int,
    excused: int,
    counted: int,
    min_percent: int,
    passing_score: int | None,
    score: float | None,
) -> Completion:
    """Completed or not, and why not (see the module docstring for the rules)."""
    base = counted - excused
    reasons: list[str] = []
    percent: int | None = None
    if counted == 0:
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
    """'۸۷٫۵', '87/5', '87.5', 87 → 87.5; empty → None; ValueError (Persian) otherwise."""
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
            raise ValueError(Messages.SCORE_FORMAT)
        number = float(text)
    if not 0 <= number <= 100:
        raise ValueError(Messages.SCORE_RANGE)
    return round(number, 2)


def format_score(score: float | None) -> str:
    """87.0 → «۸۷», 87.5 → «۸۷٫۵», None → «»."""
    return "" if score is None else format_number(score)


# -- enrolling and withdrawing ---------------------------------------------------------


def enroll(
    session: Session, course_id: str, applicant_id: str, *, on: dt.date | None = None
) -> EnrollmentRecord:
    """Enroll an applicant, or put them on the waiting list when the course is full.

    Refused for a finished or cancelled course, and for a person already in the course
    (enrolled, waitlisted, completed or failed); someone who withdrew may enroll again.
    """
    session.require(*ENROLLERS)
    courses.readable_course(session, course_id)
    day = on or dt.date.today()
    with db.atomic():
        course = courses.load_course(course_id)
        courses.refuse_closed(course)
        applicant = _applicant(applicant_id)
        row = Enrollment.get_or_none(
            (Enrollment.course == course.id) & (Enrollment.applicant == applicant.id)
        )
        if row is not None and row.status != EnrollmentStatus.WITHDRAWN.value:
            raise UserError(
                Messages.ALREADY_ENROLLED.format(status=ENROLLMENT_STATUS_NAMES[row.status]),
                code="already_enrolled",
            )
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
            row = Enrollment.create(
                center_code=session.center_code,
                course=course.id,
                applicant=applicant.id,
                **values,
            )
            ChangeLog.record(row, "create", session.user_id)
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            ChangeLog.record(row, "update", session.user_id)
        if seated:
            _programme_step(session, applicant, course, Status.IN_TRAINING, day)
    return _record(row)


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
        row = _enrollment(enrollment_id)
        course = courses.readable_course(session, str(fk(row, "course")))
        if row.status == EnrollmentStatus.WITHDRAWN.value:
            raise UserError(Messages.ALREADY_WITHDRAWN, code="already_withdrawn")
        if row.status not in (EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value):
            raise UserError(Messages.CANNOT_WITHDRAW, code="cannot_withdraw")
        row.status = EnrollmentStatus.WITHDRAWN.value
        row.waitlist_position = None
        row.withdrawn_on = on or dt.date.today()
        row.withdrawn_reason = reason
        row.save()
        ChangeLog.record(row, "update", session.user_id)
        _programme_step_back(session, row, course, Messages.WITHDRAWN_NOTE, row.withdrawn_on)
        fill_seats(session, course)
    return _record(row)


def fill_seats(session: Session, course: Course) -> int:
    """Move people up from the waiting list into free seats, in order, and number
    the rest 1, 2, …; how many moved up. Inside the caller's transaction."""
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
            row.save()
            ChangeLog.record(row, "update", session.user_id)
            applicant = _applicant(str(fk(row, "applicant")), allow_deleted=True)
            _programme_step(session, applicant, course, Status.IN_TRAINING, today)
            free -= 1
            moved += 1
    for position, row in enumerate(waiting, start=1):
        if row.waitlist_position != position:
            row.waitlist_position = position
            row.save()
            ChangeLog.record(row, "update", session.user_id)
    return moved


def _seated(course: Course) -> int:
    return int(
        Enrollment.select()
        .where((Enrollment.course == course.id) & Enrollment.status.in_(list(SEATED)))
        .count()
    )


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


def _programme_step(
    session: Session, applicant: Applicant, course: Course, target: Status, on: dt.date
) -> None:
    """Move the person's programme status forward to `target` (never backward).

    `applicants.change_status` is the clerk's and admin's; a trainer reaches this only
    through a course of theirs (checked by the caller), so it uses `move_status`, which
    leaves the role check to its caller; the change is recorded in the trainer's name.
    """
    applicant = Applicant.get_by_id(applicant.id)  # its status as of now
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


# Courses that hold their enrollees (seated or waiting) in training.
_CURRENT_COURSES = (CourseStatus.PLANNED.value, CourseStatus.OPEN.value, CourseStatus.RUNNING.value)
_CURRENT_ENROLLMENTS = (EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value)


def _programme_step_back(
    session: Session, left: Enrollment, course: Course, template: str, on: dt.date
) -> None:
    """`left` no longer holds its person in training (withdrawn, or failed a finished
    course): move them back from «in training» to the status they had before it, dated
    `on`, unless they have moved on or another course still holds them."""
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


# -- settling results ------------------------------------------------------------------


def settle(session: Session, course: Course) -> int:
    """Bring each seated person's status in line with the course: completed or failed
    once it has finished, enrolled while it has not. Those who newly completed move to
    «trained»; those who newly failed move back out of «in training» (see the module
    docstring), and back into it if the course is reopened. Inside the caller's
    transaction; how many rows changed."""
    rows = list(
        Enrollment.select().where(
            (Enrollment.course == course.id) & Enrollment.status.in_(list(SEATED))
        )
    )
    if not rows:
        return 0
    finished = course.status == CourseStatus.FINISHED.value
    results = _completions(course, rows) if finished else {}
    certified = _certified([row.id for row in rows])
    changed = 0
    for row in rows:
        if not finished:
            target = EnrollmentStatus.ENROLLED.value
        elif str(row.id) in certified or results[str(row.id)].completed:
            target = EnrollmentStatus.COMPLETED.value
        else:
            target = EnrollmentStatus.FAILED.value
        if row.status == target:
            continue
        was_failed = row.status == EnrollmentStatus.FAILED.value
        row.status = target
        row.save()
        ChangeLog.record(row, "update", session.user_id)
        changed += 1
        if target == EnrollmentStatus.COMPLETED.value:
            applicant = _applicant(str(fk(row, "applicant")), allow_deleted=True)
            _programme_step(session, applicant, course, Status.TRAINED, course.ends_on)
        elif target == EnrollmentStatus.FAILED.value:
            _programme_step_back(session, row, course, Messages.FAILED_NOTE, course.ends_on)
        elif was_failed:  # the course was reopened: back in training
            applicant = _applicant(str(fk(row, "applicant")), allow_deleted=True)
            _programme_step(session, applicant, course, Status.IN_TRAINING, dt.date.today())
    return changed


def counted_sessions(course: Course, today: dt.date | None = None) -> list[Any]:
    """Ids of the sessions attendance is counted over (see the module docstring)."""
    query = courses.live_sessions(course)
    if course.status != CourseStatus.FINISHED.value:
        query = query.where(CourseSession.held_on <= (today or dt.date.today()))
    return [sid for (sid,) in tuples(query.select(CourseSession.id))]


def _completions(
    course: Course, rows: Iterable[Enrollment], today: dt.date | None = None
) -> dict[str, Completion]:
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
        )
    return results


def _certified(enrollment_ids: Iterable[Any]) -> set[str]:
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


# -- attendance and scores -------------------------------------------------------------


def mark_attendance(
    session: Session, course_session_id: str, marks: Mapping[str, str | None]
) -> int:
    """Mark a session for many people at once: {enrollment id: "present" | "absent" |
    "excused" | None (clear)}. Every mark is checked first (ValidationError keyed by
    enrollment id); returns how many marks changed."""
    row, course = courses.session_row(session, course_session_id)
    courses.refuse_closed(course, _NO_RESULTS)
    if row.held_on > dt.date.today():
        raise UserError(CourseMessages.SESSION_IN_FUTURE, code="session_in_future")
    seated = _seated_rows(course)
    errors: dict[str, str] = {}
    clean: dict[str, str | None] = {}
    for key, value in marks.items():
        text = normalize_text(value or "").lower()
        by_name = {name: mark for mark, name in ATTENDANCE_MARK_NAMES.items()}
        text = by_name.get(text, text)
        if str(key) not in seated:
            errors[str(key)] = Messages.NOT_ACTIVE
        elif text and text not in {mark.value for mark in AttendanceMark}:
            errors[str(key)] = Messages.MARK_UNKNOWN
        else:
            clean[str(key)] = text or None
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        existing = {
            str(fk(mark, "enrollment")): mark
            for mark in Attendance.select().where(Attendance.session == row.id)
        }
        certified = _certified(seated[key].id for key in clean)
        changed = 0
        for key, mark in clean.items():
            current = existing.get(key)
            now = None if current is None or current.deleted else current.mark
            if now == mark:
                continue
            if key in certified:
                raise UserError(
                    Messages.CERTIFIED.format(name=_name(seated[key])), code="certified"
                )
            if current is None:
                assert mark is not None
                current = Attendance.create(
                    center_code=session.center_code,
                    session=row.id,
                    enrollment=seated[key].id,
                    mark=mark,
                )
                ChangeLog.record(current, "create", session.user_id)
            elif mark is None:
                current.deleted = True
                current.save()
                ChangeLog.record(current, "delete", session.user_id)
            else:
                current.mark = mark
                current.deleted = False
                current.save()
                ChangeLog.record(current, "update", session.user_id)
            changed += 1
        if changed and course.status == CourseStatus.FINISHED.value:
            settle(session, course)
    return changed


def set_scores(
    session: Session, course_id: str, scores: Mapping[str, str | float | int | None]
) -> int:
    """Enter scores: {enrollment id: score as typed (empty clears it)}. Every score is
    checked first (ValidationError keyed by enrollment id); how many changed."""
    course = courses.runnable_course(session, course_id)
    courses.refuse_closed(course, _NO_RESULTS)
    seated = _seated_rows(course)
    errors: dict[str, str] = {}
    clean: dict[str, float | None] = {}
    for key, value in scores.items():
        if str(key) not in seated:
            errors[str(key)] = Messages.NOT_ACTIVE
            continue
        try:
            clean[str(key)] = parse_score(value)
        except ValueError as error:
            errors[str(key)] = str(error)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        certified = _certified(seated[key].id for key in clean)
        changed = 0
        for key, score in clean.items():
            row = Enrollment.get_by_id(seated[key].id)
            if row.score == score:
                continue
            if key in certified:
                raise UserError(Messages.CERTIFIED.format(name=_name(row)), code="certified")
            row.score = score
            row.save()
            ChangeLog.record(row, "update", session.user_id)
            changed += 1
        if changed and course.status == CourseStatus.FINISHED.value:
            settle(session, course)
    return changed


def set_score(
    session: Session, enrollment_id: str, score: str | float | int | None
) -> EnrollmentRecord:
    row = _enrollment(enrollment_id)
    try:
        set_scores(session, str(fk(row, "course")), {str(row.id): score})
    except ValidationError as error:
        raise ValidationError({"score": error.errors[str(row.id)]}) from None
    return _record(Enrollment.get_by_id(row.id))


def _seated_rows(course: Course) -> dict[str, Enrollment]:
    return {
        str(row.id): row
        for row in Enrollment.select().where(
            (Enrollment.course == course.id) & Enrollment.status.in_(list(SEATED))
        )
    }


# -- reads -------------------------------------------------------------------------------


def course_detail(
    session: Session, course_id: str, *, today: dt.date | None = None
) -> CourseDetail:
    """The course page: its enrollees with attendance and completion (and why not),
    its waiting list in order, who withdrew, and its sessions."""
    course = courses.readable_course(session, course_id)
    (record,) = courses.records_of([course])
    rows = list(
        Enrollment.select(Enrollment, Applicant)
        .join(Applicant, on=(Enrollment.applicant == Applicant.id))
        .where(Enrollment.course == course.id)
        .order_by(Applicant.sort_name, Enrollment.id)
    )
    seated = [row for row in rows if row.status in SEATED]
    results = _completions(course, seated, today)
    # The current certificate of each, or the latest revoked one.
    certificates = Certificate.shown_by_enrollment(row.id for row in seated)
    enrollees = []
    for row in seated:
        cert = certificates.get(str(row.id))
        enrollees.append(
            Enrollee(
                enrollment=_record(row),
                completion=results[str(row.id)],
                certificate_id=str(cert.id) if cert else None,
                certificate_serial=cert.serial if cert else "",
                certificate_revoked=bool(cert.revoked) if cert else False,
            )
        )
    waiting = sorted(
        (row for row in rows if row.status == EnrollmentStatus.WAITLISTED.value),
        key=lambda row: row.waitlist_position or 0,
    )
    withdrawn = [row for row in rows if row.status == EnrollmentStatus.WITHDRAWN.value]
    return CourseDetail(
        course=record,
        enrollees=enrollees,
        waitlist=[_record(row) for row in waiting],
        withdrawn=[_record(row) for row in withdrawn],
        sessions=courses.course_sessions(session, course_id),
        counted_sessions=len(counted_sessions(course, today)),
    )


def attendance_sheet(session: Session, course_session_id: str) -> AttendanceSheet:
    """One session's marks for everyone seated, with each person's percentage."""
    session.require(*courses.READERS)
    row = courses.session_by_id(course_session_id)
    course = courses.readable_course(session, str(fk(row, "course")))
    (record,) = courses.records_of([course])
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
    results = _completions(course, seated)
    sessions = {s.id: s for s in courses.course_sessions(session, str(course.id))}
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
        editable=courses.can_run(session, course)
        and CourseStatus(course.status) not in _NO_RESULTS
        and row.held_on <= dt.date.today(),
    )


def applicant_enrollments(session: Session, applicant_id: str) -> list[ApplicantCourse]:
    """The courses in a person's file (a trainer sees only their own courses)."""
    session.require(*courses.READERS)
    applicant = _applicant(applicant_id, allow_deleted=True)
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
            _record(row, applicant), row.course.code, row.course.title, row.course.status
        )
        for row in query
    ]


def get_enrollment(session: Session, enrollment_id: str) -> EnrollmentRecord:
    row = _enrollment(enrollment_id)
    courses.readable_course(session, str(fk(row, "course")))
    return _record(row)


# -- helpers -----------------------------------------------------------------------------


def _applicant(applicant_id: str, *, allow_deleted: bool = False) -> Applicant:
    key = courses.as_uuid(applicant_id)
    applicant = Applicant.get_or_none(Applicant.id == key) if key else None
    if applicant is None or (applicant.deleted and not allow_deleted):
        raise UserError(Messages.APPLICANT_NOT_FOUND, code="not_found")
    return applicant


def _enrollment(enrollment_id: str) -> Enrollment:
    key = courses.as_uuid(enrollment_id)
    row = Enrollment.get_or_none(Enrollment.id == key) if key else None
    if row is None or row.deleted:
        raise UserError(Messages.NOT_FOUND, code="not_found")
    return row


def _name(row: Enrollment) -> str:
    return str(Applicant.get_by_id(fk(row, "applicant")).full_name)


def _record(row: Enrollment, applicant: Applicant | None = None) -> EnrollmentRecord:
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
