"""The applicant registry: people a center serves, and what happens to them.

An `Applicant` row carries, besides what the clerk typed, three derived local-only
columns that make search instant at a million rows and never travel in sync files:

- `sort_name`: the Persian primary collation weights of "last first father", so a
  plain binary index gives Persian alphabetical order (no Python collation callback
  per comparison);
- `name_keys`: each name field in search form with spaces and ZWNJ removed, joined by
  single spaces — the text of the FTS5 trigram index and of short-prefix matching;
- `search_rowid`: the row's key in `applicant_fts`. The applicant's own key is a UUID,
  and SQLite may renumber the implicit rowid of such a table on VACUUM, so the index
  link is an explicit column.

Reference data (districts, partner bodies) is owned by HQ and seeded at set-up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from peewee import (
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from desktop.models.base import BaseModel, SyncedModel
from desktop.models.db import db


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Category(StrEnum):
    """Programme categories; the CSV contract uses these keys."""

    JOB_SEEKER = "job_seeker"
    IDEA_HOLDER = "idea_holder"
    ENTREPRENEUR = "entrepreneur"
    SKILLED_NO_CAPITAL = "skilled_no_capital"
    INVESTOR = "investor"
    SEASONAL_WORKER = "seasonal_worker"

    @property
    def bit(self) -> int:
        return 1 << list(Category).index(self)


def category_flags(categories: list[Category]) -> int:
    flags = 0
    for category in categories:
        flags |= category.bit
    return flags


class Status(StrEnum):
    """Where a person is in the programme, in order."""

    REGISTERED = "registered"
    COUNSELLING = "counselling"
    IN_TRAINING = "in_training"
    TRAINED = "trained"
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    HOME_BUSINESS = "home_business"
    EMPOWERED = "empowered"


class FollowUpKind(StrEnum):
    COUNSELLING = "counselling"
    PHONE_CALL = "phone_call"
    VISIT = "visit"
    REFERRAL = "referral"


class IdeaStatus(StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    FUNDED = "funded"
    LAUNCHED = "launched"


class OutcomeKind(StrEnum):
    WAGE_JOB = "wage_job"
    SELF_EMPLOYMENT = "self_employment"
    HOME_BUSINESS = "home_business"
    COOPERATIVE = "cooperative"


class District(SyncedModel):
    """A district (منطقه) of the center's city: reference data."""

    city = CharField(max_length=100)
    number = IntegerField()
    name = CharField(max_length=100)

    class Meta:
        indexes = ((("city", "number"), True),)


class Partner(SyncedModel):
    """A partner body credited with training and employment (reference data)."""

    name = CharField(max_length=200, unique=True)
    short_name = CharField(max_length=50, default="")
    employment_commitment = IntegerField(default=0)  # jobs promised for the year


class Applicant(SyncedModel):
    number = IntegerField()  # per center, counts up; in file_number
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
    categories = CharField(max_length=200, default="")  # ";"-joined Category keys
    category_flags = IntegerField(default=0)
    skills = TextField(default="")  # ";"-joined tags, normalised
    notes = TextField(default="")
    status = CharField(max_length=24, default=Status.REGISTERED.value)
    status_changed_on = DateField(null=True)
    registered_on = DateField(index=True)
    registered_by = CharField(max_length=36, null=True)
    deleted_reason = TextField(default="")
    # Local-only derived columns (see the module docstring).
    sort_name = CharField(max_length=400, default="", index=True)
    name_keys = CharField(max_length=400, default="", index=True)
    search_rowid = IntegerField(null=True, unique=True)

    local_only_fields: ClassVar[tuple[str, ...]] = ("sort_name", "name_keys", "search_rowid")

    class Meta:
        indexes = (
            (("center_code", "national_code"), True),
            (("center_code", "number"), True),
            (("national_code",), False),
            # Filtered lists page in Persian order straight off these.
            (("district", "sort_name"), False),
            (("status", "sort_name"), False),
        )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def category_list(self) -> list[Category]:
        return [Category(key) for key in self.categories.split(";") if key]

    @property
    def skill_list(self) -> list[str]:
        return [skill for skill in self.skills.split(";") if skill]


class StatusChange(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="status_changes", index=True)
    status = CharField(max_length=24)
    changed_on = DateField()
    changed_by = CharField(max_length=36, null=True)
    note = TextField(default="")


class FollowUp(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="follow_ups", index=True)
    kind = CharField(max_length=16)
    held_on = DateField()
    notes = TextField(default="")
    next_appointment = DateField(null=True, index=True)
    done = BooleanField(default=False)  # the next appointment was kept or closed
    created_by = CharField(max_length=36, null=True)


class Idea(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="ideas", index=True)
    title = CharField(max_length=200)
    field = CharField(max_length=100, default="")
    description = TextField(default="")
    capital_rials = IntegerField(default=0)
    status = CharField(max_length=16, default=IdeaStatus.SUBMITTED.value)


class Outcome(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="outcomes", index=True)
    kind = CharField(max_length=16)
    started_on = DateField()
    employer = CharField(max_length=200, default="")
    partner = ForeignKeyField(Partner, null=True, backref="outcomes")
    verified = BooleanField(default=False)
    notes = TextField(default="")


class ApplicantIndex:
    """The FTS5 trigram index over `Applicant.name_keys` (SQLite only).

    It holds the applicants that are not deleted, with copies of the columns a search
    filters and sorts on (sort key, district, status, category flags) so that a query
    is answered inside the index, reading applicant rows only for the page shown.
    Kept by the services in the same transaction as the applicant row. Trigram matches
    substrings, so «رضا» finds «محمدرضا»; words of fewer than three letters never reach
    it (SQLite 3.40 returns nothing for short non-ASCII trigram patterns).
    """

    TABLE = "applicant_fts"
    COLUMNS = ("names", "sort_key", "district", "status", "flags")
    CREATE = (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(names, sort_key UNINDEXED, "
        "district UNINDEXED, status UNINDEXED, flags UNINDEXED, tokenize='trigram')"
    )

    @staticmethod
    def available() -> bool:
        from peewee import SqliteDatabase

        return isinstance(db.obj, SqliteDatabase)

    @staticmethod
    def values(row: Applicant | dict[str, object]) -> tuple[object, ...]:
        get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
        return (
            get("name_keys"),
            get("sort_name"),
            get("district"),
            get("status"),
            get("category_flags"),
        )

    @classmethod
    def insert_sql(cls) -> str:
        return f"INSERT INTO {cls.TABLE}(rowid, {', '.join(cls.COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"

    @classmethod
    def next_rowid(cls) -> int:
        value = db.execute_sql(f"SELECT MAX(rowid) FROM {cls.TABLE}").fetchone()[0]
        known = Applicant.select(fn.MAX(Applicant.search_rowid)).scalar()
        return max(int(value or 0), int(known or 0)) + 1

    @classmethod
    def add(cls, applicant: Applicant) -> None:
        if not cls.available():
            return
        applicant.search_rowid = cls.next_rowid()
        Applicant.update(search_rowid=applicant.search_rowid).where(
            Applicant.id == applicant.id
        ).execute()
        db.execute_sql(cls.insert_sql(), (applicant.search_rowid, *cls.values(applicant)))

    @classmethod
    def replace(cls, applicant: Applicant) -> None:
        """Bring the index in line with the row: re-index, or drop it once deleted."""
        if not cls.available():
            return
        if applicant.search_rowid is None:
            if not applicant.deleted:
                cls.add(applicant)
            return
        db.execute_sql(f"DELETE FROM {cls.TABLE} WHERE rowid = ?", (applicant.search_rowid,))
        if not applicant.deleted:
            db.execute_sql(cls.insert_sql(), (applicant.search_rowid, *cls.values(applicant)))

    @classmethod
    def rebuild(cls) -> int:
        """Re-index every applicant (after a bulk load that bypassed `add`)."""
        if not cls.available():
            return 0
        with db.atomic():
            db.execute_sql(f"DELETE FROM {cls.TABLE}")
            db.execute_sql("UPDATE applicant SET search_rowid = NULL")
            db.execute_sql("UPDATE applicant SET search_rowid = rowid")
            db.execute_sql(
                f"INSERT INTO {cls.TABLE}(rowid, {', '.join(cls.COLUMNS)}) "
                "SELECT search_rowid, name_keys, sort_name, district, status, category_flags "
                "FROM applicant WHERE deleted = 0"
            )
        return int(Applicant.select().where(Applicant.deleted == False).count())  # noqa: E712


REFERENCE_MODELS: list[type[BaseModel]] = [District, Partner]
APPLICANT_MODELS: list[type[BaseModel]] = [
    Applicant,
    StatusChange,
    FollowUp,
    Idea,
    Outcome,
]
