"""Demo courses: trainers, and courses at every stage, made from the demo applicants.

Two finished courses (sessions, attendance and scores, so that some people completed
and some did not — the first also has its certificates), one running, one open for
enrollment with a waiting list, one planned. Everything goes through the same services
as real work (validation, waiting list, programme statuses, signatures), in one
transaction.

Like demo applicants, demo courses never reach headquarters: they are training data,
written through the services inside `writes.unlogged`, which writes no change-log entry
(the log is not written and taken back: it never holds them), and the database is
flagged as holding demo data before anything is written. Since their history is not
in the log, they take only demo people — never anyone real work touched
(`_candidates`). The trainers are the demo users of desktop/services/demo_center.py
and the center's key is real: both are made before, and logged.

The same seed on the same database gives the same courses and the same people in
them; dates are relative to today.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from desktop.models import (
    Applicant,
    AttendanceMark,
    ChangeLog,
    CourseStatus,
    Enrollment,
    Role,
    Status,
    User,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services import center_keys, certificates, course_changes, courses, enrollment
from desktop.services.demo_center import DEMO_PASSWORD, DEMO_USERS, prepare_demo
from desktop.services.reference import partners
from desktop.services.session import Session

_MOST_CANDIDATES = 2000
DEMO_TRAINERS = tuple(name for name, _, role in DEMO_USERS if role is Role.TRAINER)


@dataclass(frozen=True)
class _Plan:
    title: str
    field: str
    hours: int
    capacity: int
    weekdays: str
    time_text: str
    location: str
    passing_score: int | None
    starts_in: int  # days from today (negative: in the past)
    weeks: int
    people: int  # how many ask to enroll
    stage: CourseStatus


PLANS = (
    _Plan("خیاطی مقدماتی", "پوشاک", 60, 15, "0,2", "۹ تا ۱۲", "کارگاه مرکز", 70,
          -120, 8, 14, CourseStatus.FINISHED),
    _Plan("آشپزی و شیرینی‌پزی خانگی", "غذا", 40, 12, "1,3", "۱۶ تا ۱۸", "آشپزخانهٔ آموزشی",
          None, -75, 6, 12, CourseStatus.FINISHED),
    _Plan("مهارت‌های فروش اینترنتی", "بازاریابی", 30, 20, "0,2,4", "۱۰ تا ۱۲", "سالن کامپیوتر",
          60, -21, 7, 16, CourseStatus.RUNNING),
    _Plan("صنایع دستی و گلیم‌بافی", "صنایع دستی", 50, 10, "1,3", "۹ تا ۱۲", "کارگاه مرکز",
          None, 14, 8, 13, CourseStatus.OPEN),
    _Plan("حسابداری کسب‌وکار خانگی", "مالی", 24, 18, "2", "۱۷ تا ۱۹", "کلاس ۲", 65,
          40, 8, 0, CourseStatus.PLANNED),
)  # fmt: skip


@dataclass(frozen=True)
class DemoCourses:
    courses: int
    sessions: int
    enrollments: int
    waitlisted: int
    attendance_marks: int
    completed: int
    failed: int
    certificates: int


def create_demo_courses(
    session: Session, *, seed: int = 0, password: str | None = None
) -> DemoCourses:
    """Make the demo courses from the demo people already here, taught by the demo
    trainers (the demo users that are missing are made first, with `password`, or the
    documented demo password). Admin only; refused (code "real_work") on a database
    holding real work, before anything is written. Run it once per database: a second
    run adds another set of courses."""
    session.require(Role.ADMIN)
    prepare_demo(session, password or DEMO_PASSWORD)
    trainer_ids = [
        str(uid)
        for (uid,) in tuples(
            User.select(User.id)
            .where(
                User.username.in_(DEMO_TRAINERS)
                & (User.role == Role.TRAINER.value)
                & User.active
                & (User.deleted == False)  # noqa: E712
            )
            .order_by(User.username)
        )
    ] or [session.user_id]  # the demo trainers' names taken by others: the admin teaches
    # The center's key is real (not demo data): made before the demo rows, kept logged.
    center_keys.signing_key(session.center_code, session.user_id)
    rng = random.Random(f"tavana-demo-courses:{seed}")
    people = _candidates(session.center_code)
    partner_ids = [pid for pid, _ in partners(session)]
    totals = {"sessions": 0, "marks": 0, "certificates": 0}
    made = []
    with db.atomic(), writes.unlogged("training data: a demo database never exports"):
        today = dt.date.today()
        for index, plan in enumerate(PLANS):
            course = _create(session, plan, trainer_ids[index % len(trainer_ids)], rng,
                             partner_ids, today)  # fmt: skip
            totals["sessions"] += course.sessions
            chosen = rng.sample(people, min(plan.people, len(people)))
            enrolled_on = min(course.starts_on, today) - dt.timedelta(days=7)
            for applicant_id in chosen:
                enrollment.enroll(session, course.id, applicant_id, on=enrolled_on)
            if plan.stage in (CourseStatus.FINISHED, CourseStatus.RUNNING):
                totals["marks"] += _attend(session, course.id, rng, today)
            if plan.stage is CourseStatus.FINISHED:
                if plan.passing_score is not None:
                    _score(session, course.id, rng)
                course_changes.set_course_status(session, course.id, CourseStatus.FINISHED.value)
                if index == 0:
                    totals["certificates"] += len(
                        certificates.issue_course_certificates(session, course.id, on=today)
                    )
            made.append(course.id)
    records = [courses.get_course(session, course_id) for course_id in made]
    return DemoCourses(
        courses=len(records),
        sessions=totals["sessions"],
        enrollments=sum(r.enrolled + r.waitlisted for r in records),
        waitlisted=sum(r.waitlisted for r in records),
        attendance_marks=totals["marks"],
        completed=sum(r.completed for r in records),
        failed=sum(r.failed for r in records),
        certificates=totals["certificates"],
    )


def _candidates(center_code: str) -> list[str]:
    """Demo people who could take a course, oldest first: made by the generator (so
    never in the change log — whatever a person does to an applicant is logged), in no
    course yet, not past training."""
    touched = {
        entity_id
        for (entity_id,) in tuples(
            ChangeLog.select(ChangeLog.entity_id).where(ChangeLog.entity == "applicant")
        )
    }
    query = (
        Applicant.select(Applicant.id)
        .where(
            (Applicant.center_code == center_code)
            & (Applicant.deleted == False)  # noqa: E712
            & Applicant.status.in_(
                [Status.REGISTERED.value, Status.COUNSELLING.value, Status.IN_TRAINING.value]
            )
            & Applicant.id.not_in(Enrollment.select(Enrollment.applicant))
        )
        .order_by(Applicant.number)
    )
    found: list[str] = []
    for (uid,) in query.tuples().iterator():
        if str(uid) not in touched:
            found.append(str(uid))
            if len(found) == _MOST_CANDIDATES:
                break
    return found


def _create(
    session: Session,
    plan: _Plan,
    trainer_id: str,
    rng: random.Random,
    partner_ids: list[str],
    today: dt.date,
) -> courses.CourseRecord:
    starts = today + dt.timedelta(days=plan.starts_in)
    ends = starts + dt.timedelta(weeks=plan.weeks) - dt.timedelta(days=1)
    stage = plan.stage if plan.stage in courses.STARTING else CourseStatus.RUNNING
    return courses.create_course(
        session,
        courses.CourseInput(
            title=plan.title,
            field=plan.field,
            partner_id=rng.choice(partner_ids) if partner_ids else "",
            trainer_id=trainer_id,
            hours=plan.hours,
            capacity=plan.capacity,
            starts_on=starts,
            ends_on=ends,
            weekdays=plan.weekdays,
            time_text=plan.time_text,
            location=plan.location,
            passing_score=plan.passing_score,
            status=stage.value,
        ),
    )


def _attend(session: Session, course_id: str, rng: random.Random, today: dt.date) -> int:
    """Marks for every session held so far: most people come nearly always, some
    often miss (those fall under the minimum), a few absences are excused."""
    detail = enrollment.course_detail(session, course_id)
    keen = {
        row.enrollment.id: rng.choice((0.97, 0.95, 0.92, 0.9, 0.88, 0.6))
        for row in detail.enrollees
    }
    marks = 0
    for meeting in detail.sessions:
        if meeting.held_on > today:
            continue
        sheet: dict[str, str | None] = {}
        for enrollment_id, rate in keen.items():
            draw = rng.random()
            if draw < rate:
                sheet[enrollment_id] = AttendanceMark.PRESENT.value
            elif draw < rate + 0.04:
                sheet[enrollment_id] = AttendanceMark.EXCUSED.value
            else:
                sheet[enrollment_id] = AttendanceMark.ABSENT.value
        marks += enrollment.mark_attendance(session, meeting.id, sheet)
    return marks


def _score(session: Session, course_id: str, rng: random.Random) -> None:
    detail = enrollment.course_detail(session, course_id)
    scores: dict[str, str | float | int | None] = {
        row.enrollment.id: min(100, max(30, round(rng.gauss(76, 14)))) for row in detail.enrollees
    }
    enrollment.set_scores(session, course_id, scores)
