"""The applicant registry: districts, partner bodies, applicants, status history,
follow-ups, ideas, outcomes, and the FTS5 trigram name index (SQLite only)."""

from __future__ import annotations

import datetime as dt

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)
from playhouse.migrate import SchemaMigrator
from uuid6 import uuid7

from desktop.models.backend import is_sqlite
from desktop.models.reference_data import DISTRICT_COUNT, PARTNERS, district_name


class _Synced(Model):
    id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)


class District(_Synced):
    city = CharField(max_length=100)
    number = IntegerField()
    name = CharField(max_length=100)

    class Meta:
        table_name = "district"
        indexes = ((("city", "number"), True),)


class Partner(_Synced):
    name = CharField(max_length=200, unique=True)
    short_name = CharField(max_length=50, default="")
    employment_commitment = IntegerField(default=0)

    class Meta:
        table_name = "partner"


class Applicant(_Synced):
    number = IntegerField()
    file_number = CharField(max_length=32, unique=True)
    national_code = CharField(max_length=10)
    first_name = CharField(max_length=100)
    last_name = CharField(max_length=100)
    father_name = CharField(max_length=100, default="")
    gender = CharField(max_length=8)
    birth_date = DateField(null=True)
    mobile = CharField(max_length=11, default="", index=True)
    phone = CharField(max_length=20, default="")
    address = TextField(default="")
    district = IntegerField(null=True)
    education_level = CharField(max_length=32, default="")
    education_field = CharField(max_length=100, default="")
    marital_status = CharField(max_length=16, default="")
    categories = CharField(max_length=200, default="")
    category_flags = IntegerField(default=0)
    skills = TextField(default="")
    notes = TextField(default="")
    status = CharField(max_length=24, default="registered")
    status_changed_on = DateField(null=True)
    registered_on = DateField(index=True)
    registered_by = CharField(max_length=36, null=True)
    deleted_reason = TextField(default="")
    sort_name = CharField(max_length=400, default="")
    name_keys = CharField(max_length=400, default="", index=True)
    search_rowid = IntegerField(null=True, unique=True)

    class Meta:
        table_name = "applicant"
        indexes = (
            (("center_code", "national_code"), True),
            (("center_code", "number"), True),
            (("national_code",), False),
            # Persian order, carrying the filter columns: a letter typed with a filter
            # chosen is counted and paged from the index alone.
            (("sort_name", "deleted", "category_flags", "district", "status"), False),
            (("district", "sort_name"), False),
            (("status", "sort_name"), False),
        )


class StatusChange(_Synced):
    applicant = ForeignKeyField(Applicant, index=True)
    status = CharField(max_length=24)
    changed_on = DateField()
    changed_by = CharField(max_length=36, null=True)
    note = TextField(default="")

    class Meta:
        table_name = "status_change"


class FollowUp(_Synced):
    applicant = ForeignKeyField(Applicant, index=True)
    kind = CharField(max_length=16)
    held_on = DateField()
    notes = TextField(default="")
    next_appointment = DateField(null=True, index=True)
    done = BooleanField(default=False)
    created_by = CharField(max_length=36, null=True)

    class Meta:
        table_name = "follow_up"
        indexes = ((("next_appointment", "done", "deleted", "created_by"), False),)


class Idea(_Synced):
    applicant = ForeignKeyField(Applicant, index=True)
    title = CharField(max_length=200)
    field = CharField(max_length=100, default="")
    description = TextField(default="")
    capital_rials = BigIntegerField(default=0)  # INTEGER on SQLite; BIGINT on PostgreSQL
    status = CharField(max_length=16, default="submitted")

    class Meta:
        table_name = "idea"


class Outcome(_Synced):
    applicant = ForeignKeyField(Applicant, index=True)
    kind = CharField(max_length=16)
    started_on = DateField()
    employer = CharField(max_length=200, default="")
    partner = ForeignKeyField(Partner, null=True)
    verified = BooleanField(default=False)
    notes = TextField(default="")

    class Meta:
        table_name = "outcome"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    models = [District, Partner, Applicant, StatusChange, FollowUp, Idea, Outcome]
    with database.bind_ctx(models):
        database.create_tables(models)
        if is_sqlite(database):
            database.execute_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS applicant_fts USING fts5(names, "
                "sort_key UNINDEXED, tokenize='trigram')"
            )
        # A center set up before this version gets its reference data now.
        center = database.execute_sql(
            f"SELECT code, city FROM center WHERE is_local = {database.param}", (True,)
        ).fetchone()
        if center is not None:
            seed_reference_data(database, center[0], center[1])


def seed_reference_data(database: Database, center_code: str, city: str) -> None:
    """Districts of `city` and the partner bodies, as rows of this schema version."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    common = {"center_code": center_code, "created_at": now, "updated_at": now}
    with database.bind_ctx([District, Partner]):
        District.insert_many(
            [
                {"id": uuid7(), "city": city, "number": n, "name": district_name(n), **common}
                for n in range(1, DISTRICT_COUNT.get(city, DISTRICT_COUNT[""]) + 1)
            ]
        ).on_conflict_ignore().execute()
        Partner.insert_many(
            [
                {"id": uuid7(), "name": name, "short_name": short, **common}
                for name, short in PARTNERS
            ]
        ).on_conflict_ignore().execute()
