"""Courses and certificates: a course, its sessions, who enrolled, who came, who passed.

A `Course` is numbered per center (`TEH05-C-0001`). Its `CourseSession`s are generated
from its dates and weekdays and then edited by hand; an `Enrollment` ties an applicant
to a course (on the waiting list when the course is full); an `Attendance` row is one
person's mark for one session. A `Certificate` keeps a copy of every field printed on
it, signed with the center's Ed25519 key (`CenterKey`), so a later edit of the
applicant's file never changes — or silently invalidates — a certificate handed out.
An enrollment holds at most one certificate that is not revoked (a partial unique
index); revoked ones stay beside it, so a corrected certificate can replace one.

Nothing synced is physically removed: a removed session, a cleared mark or a
withdrawn enrollment stays as a row with its flag or status.

A course run by a partner body (its `partner`) may be settled by the body's results
sheet: each person's result and attendance percent as the sheet gave them are kept on
the enrollment (`reported_result`, `reported_attendance`) and judged by the course's
usual rules in place of the center's own attendance marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.applicant import Applicant, Partner
from desktop.models.base import BaseModel, SyncedModel


class CourseStatus(StrEnum):
    PLANNED = "planned"
    OPEN = "open"  # open for enrollment
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class EnrollmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"
    FAILED = "failed"


class AttendanceMark(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class Course(SyncedModel):
    number = IntegerField()  # per center, counts up; in `code`
    code = CharField(max_length=32, unique=True)  # "TEH05-C-0001"
    title = CharField(max_length=200)
    field = CharField(max_length=100, default="")
    partner = ForeignKeyField(Partner, null=True, backref="courses")
    trainer = CharField(max_length=36, index=True)  # user id
    hours = IntegerField()
    capacity = IntegerField()
    starts_on = DateField()
    ends_on = DateField()
    weekdays = CharField(max_length=20)  # "0,2,4": Saturday is 0
    time_text = CharField(max_length=100, default="")  # "۱۶ تا ۱۸"
    location = CharField(max_length=200, default="")
    min_attendance_percent = IntegerField(default=80)
    passing_score = IntegerField(null=True)  # None: the course is not assessed
    status = CharField(max_length=16, default=CourseStatus.PLANNED.value)

    class Meta:
        indexes = (
            (("center_code", "number"), True),
            (("status", "starts_on"), False),
        )

    @property
    def weekday_list(self) -> list[int]:
        return [int(day) for day in self.weekdays.split(",") if day]


class CourseSession(SyncedModel):
    course = ForeignKeyField(Course, backref="sessions")
    held_on = DateField()
    note = TextField(default="")

    class Meta:
        indexes = ((("course", "held_on"), False),)


class Enrollment(SyncedModel):
    course = ForeignKeyField(Course, backref="enrollments")
    applicant = ForeignKeyField(Applicant, backref="enrollments", index=True)
    status = CharField(max_length=16)
    waitlist_position = IntegerField(null=True)  # 1, 2, … while waitlisted
    enrolled_on = DateField()
    withdrawn_on = DateField(null=True)
    withdrawn_reason = TextField(default="")
    score = FloatField(null=True)
    # What a partner body's results sheet said (desktop/services/partner_results.py):
    # "passed" or "failed", and the attendance percent it gave (None: not given). A
    # reported result takes the place of the center's own marks in completion.
    reported_result = CharField(max_length=8, null=True)
    reported_attendance = IntegerField(null=True)

    class Meta:
        # One row per person and course: withdrawing and enrolling again reuses it.
        indexes = ((("course", "applicant"), True),)


class Attendance(SyncedModel):
    session = ForeignKeyField(CourseSession, backref="attendance")
    enrollment = ForeignKeyField(Enrollment, backref="attendance", index=True)
    mark = CharField(max_length=8)

    class Meta:
        indexes = ((("session", "enrollment"), True),)


class Certificate(SyncedModel):
    """An issued certificate and a copy of every field printed on it (signed)."""

    # Many per enrollment (a revoked one stays beside its replacement); at most one not
    # revoked, which the partial unique index below enforces.
    enrollment = ForeignKeyField(Enrollment, backref="certificates")
    course = ForeignKeyField(Course, backref="certificates")
    year = IntegerField()  # Jalali year of issue, in the serial
    number = IntegerField()  # per center and year, in the serial
    serial = CharField(max_length=40, unique=True)  # "TEH05-1405-000123"
    code = CharField(max_length=8, unique=True)  # "K7M29QXD", printed as "K7M2-9QXD"
    issued_on = DateField()
    issued_by = CharField(max_length=36, null=True)
    # The printed fields, as signed.
    full_name = CharField(max_length=200)
    father_name = CharField(max_length=100, default="")
    national_code = CharField(max_length=10)
    course_title = CharField(max_length=200)
    hours = IntegerField()
    starts_on = DateField()
    ends_on = DateField()
    partner_name = CharField(max_length=200, default="")
    center_name = CharField(max_length=200)
    city = CharField(max_length=100, default="")
    trainer_name = CharField(max_length=200, default="")
    manager_name = CharField(max_length=200, default="")
    signature = CharField(max_length=128)  # base32 Ed25519 signature, no padding
    revoked = BooleanField(default=False)
    revoked_reason = TextField(default="")
    revoked_at = DateTimeField(null=True)
    revoked_by = CharField(max_length=36, null=True)
    print_count = IntegerField(default=0)

    class Meta:
        indexes = ((("center_code", "year", "number"), True),)

    @classmethod
    def shown_by_enrollment(cls, enrollment_ids: Iterable[Any]) -> dict[str, Certificate]:
        """Per enrollment (by id as text), the certificate that stands for it: the one
        not revoked, or else the latest revoked one. Enrollments without any are absent."""
        ids = list(enrollment_ids)
        shown: dict[str, Certificate] = {}
        if not ids:
            return shown
        query = (
            cls.select()
            .where(cls.enrollment.in_(ids) & (cls.deleted == False))  # noqa: E712
            .order_by(cls.created_at, cls.id)
        )
        for row in query:
            key = str(row.__data__["enrollment"])
            held = shown.get(key)
            if held is None or held.revoked:  # later rows win, a current one stays
                shown[key] = row
        return shown


CURRENT_CERTIFICATE_INDEX = "certificate_enrollment_current"
Certificate.add_index(
    Certificate.index(Certificate.enrollment, unique=True, name=CURRENT_CERTIFICATE_INDEX).where(
        Certificate.revoked == False  # noqa: E712
    )
)


class CenterKey(SyncedModel):
    """A center's Ed25519 public key; it travels to HQ and to every other center. The
    private half is not in the database at all (desktop/models/private_keys.py)."""

    # One key per center: the center that made the key is the one it belongs to.
    center_code = CharField(max_length=16, unique=True)
    public_key = CharField(max_length=64)  # raw 32 bytes, base64url


COURSE_MODELS: list[type[BaseModel]] = [
    Course,
    CourseSession,
    Enrollment,
    Attendance,
    Certificate,
    CenterKey,
]
