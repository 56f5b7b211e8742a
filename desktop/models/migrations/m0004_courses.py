"""Courses, sessions, enrollments, attendance, certificates and the center's signing key."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)
from playhouse.migrate import SchemaMigrator


class _Synced(Model):
    id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)

    class Meta:
        # Index names from the table name, as the live models make them.
        legacy_table_names = False


class _Partner(Model):
    """Only the key: a target for foreign keys (the table exists since 0003)."""

    id = UUIDField(primary_key=True)

    class Meta:
        table_name = "partner"


class _Applicant(Model):
    id = UUIDField(primary_key=True)

    class Meta:
        table_name = "applicant"


class Course(_Synced):
    number = IntegerField()
    code = CharField(max_length=32, unique=True)
    title = CharField(max_length=200)
    field = CharField(max_length=100, default="")
    partner = ForeignKeyField(_Partner, null=True)
    trainer = CharField(max_length=36, index=True)
    hours = IntegerField()
    capacity = IntegerField()
    starts_on = DateField()
    ends_on = DateField()
    weekdays = CharField(max_length=20)
    time_text = CharField(max_length=100, default="")
    location = CharField(max_length=200, default="")
    min_attendance_percent = IntegerField(default=80)
    passing_score = IntegerField(null=True)
    status = CharField(max_length=16, default="planned")

    class Meta:
        table_name = "course"
        indexes = (
            (("center_code", "number"), True),
            (("status", "starts_on"), False),
        )


class CourseSession(_Synced):
    course = ForeignKeyField(Course)
    held_on = DateField()
    note = TextField(default="")

    class Meta:
        table_name = "course_session"
        indexes = ((("course", "held_on"), False),)


class Enrollment(_Synced):
    course = ForeignKeyField(Course)
    applicant = ForeignKeyField(_Applicant, index=True)
    status = CharField(max_length=16)
    waitlist_position = IntegerField(null=True)
    enrolled_on = DateField()
    withdrawn_on = DateField(null=True)
    withdrawn_reason = TextField(default="")
    score = FloatField(null=True)

    class Meta:
        table_name = "enrollment"
        indexes = ((("course", "applicant"), True),)


class Attendance(_Synced):
    session = ForeignKeyField(CourseSession)
    enrollment = ForeignKeyField(Enrollment, index=True)
    mark = CharField(max_length=8)

    class Meta:
        table_name = "attendance"
        indexes = ((("session", "enrollment"), True),)


class Certificate(_Synced):
    enrollment = ForeignKeyField(Enrollment, unique=True)
    course = ForeignKeyField(Course)
    year = IntegerField()
    number = IntegerField()
    serial = CharField(max_length=40, unique=True)
    code = CharField(max_length=8, unique=True)
    issued_on = DateField()
    issued_by = CharField(max_length=36, null=True)
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
    signature = CharField(max_length=128)
    revoked = BooleanField(default=False)
    revoked_reason = TextField(default="")
    revoked_at = DateTimeField(null=True)
    revoked_by = CharField(max_length=36, null=True)
    print_count = IntegerField(default=0)

    class Meta:
        table_name = "certificate"
        indexes = ((("center_code", "year", "number"), True),)


class CenterKey(_Synced):
    center_code = CharField(max_length=16, unique=True)
    public_key = CharField(max_length=64)
    private_key = CharField(max_length=64, null=True)

    class Meta:
        table_name = "center_key"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    models = [Course, CourseSession, Enrollment, Attendance, Certificate, CenterKey]
    with database.bind_ctx([_Partner, _Applicant, *models]):
        database.create_tables(models)
