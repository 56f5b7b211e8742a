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
from typing import Any, ClassVar

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop.models.base import BaseModel, SyncedModel
from desktop.models.db import db, execute_many
from desktop.models.writes import update_local


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
        """The member's bit in `Applicant.category_flags` (stored: never renumber)."""
        return CATEGORY_BITS[self]

    @property
    def code(self) -> int:
        """The member's number in the search index's tag (`~c1~`): its bit's position."""
        return CATEGORY_BITS[self].bit_length() - 1


# Stored codes are written out, never taken from the members' order: reordering or
# inserting a member must not change a value already in a database
# (tests/test_enum_codes.py pins them all).
CATEGORY_BITS: dict[Category, int] = {
    Category.JOB_SEEKER: 1 << 0,
    Category.IDEA_HOLDER: 1 << 1,
    Category.ENTREPRENEUR: 1 << 2,
    Category.SKILLED_NO_CAPITAL: 1 << 3,
    Category.INVESTOR: 1 << 4,
    Category.SEASONAL_WORKER: 1 << 5,
}


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

    @property
    def code(self) -> int:
        """The member's number in the search index's tag (`~s2~`; stored: never renumber)."""
        return STATUS_CODES[self]


STATUS_CODES: dict[Status, int] = {
    Status.REGISTERED: 0,
    Status.COUNSELLING: 1,
    Status.IN_TRAINING: 2,
    Status.TRAINED: 3,
    Status.EMPLOYED: 4,
    Status.SELF_EMPLOYED: 5,
    Status.HOME_BUSINESS: 6,
    Status.EMPOWERED: 7,
}


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
    """A district (منطقه) of the center's city: reference data, its id made of the city
    and the number (models/reference_data.py)."""

    city = CharField(max_length=100)
    number = IntegerField()
    name = CharField(max_length=100)

    class Meta:
        indexes = ((("city", "number"), True),)


class Partner(SyncedModel):
    """A partner body credited with training and employment (reference data), its id
    made of its stable code (models/reference_data.py)."""

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
    mobile = CharField(max_length=11, default="")
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
    sort_name = CharField(max_length=400, default="")
    name_keys = CharField(max_length=400, default="", index=True)
    search_rowid = IntegerField(null=True, unique=True)

    local_only_fields: ClassVar[tuple[str, ...]] = ("sort_name", "name_keys", "search_rowid")

    class Meta:
        indexes = (
            (("center_code", "national_code"), True),
            (("center_code", "number"), True),
            # Digits typed with a filter chosen are counted and filtered in these alone
            # (migration 0006).
            (("national_code", "deleted", "category_flags", "district", "status"), False),
            (("mobile", "deleted", "category_flags", "district", "status"), False),
            # Persian order, carrying the filter columns: a letter typed with a filter
            # chosen is counted and paged from the index alone.
            (("sort_name", "deleted", "category_flags", "district", "status"), False),
            # Filtered lists page in Persian order straight off these.
            (("district", "sort_name"), False),
            (("status", "sort_name"), False),
        )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

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

    class Meta:
        # The due list, counted from the index alone (tens of thousands at a big center).
        indexes = ((("next_appointment", "done", "deleted", "created_by"), False),)


class Idea(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="ideas", index=True)
    title = CharField(max_length=200)
    field = CharField(max_length=100, default="")
    description = TextField(default="")
    capital_rials = BigIntegerField(default=0)  # up to 10^15: past PostgreSQL's INTEGER
    status = CharField(max_length=16, default=IdeaStatus.SUBMITTED.value)

    class Meta:
        # The ideas report reads the ideas recorded in a period.
        indexes = ((("created_at",), False),)


class Outcome(SyncedModel):
    applicant = ForeignKeyField(Applicant, backref="outcomes", index=True)
    kind = CharField(max_length=16)
    started_on = DateField()
    employer = CharField(max_length=200, default="")
    partner = ForeignKeyField(Partner, null=True, backref="outcomes")
    verified = BooleanField(default=False)
    notes = TextField(default="")


# The first of the characters that stand for numbers in the index's filter tags (Unicode's
# private use area, above the sort keys' letters: text/collation.py).
TAG_BASE = 0xE400


class Commitment(SyncedModel):
    """A partner body's employment commitment to this center for a Jalali year, as the
    center's administrator entered it; where a center has none, the partner body's own
    (HQ's) figure stands (services/reports/commitments.py)."""

    partner = ForeignKeyField(Partner, backref="commitments", index=True)
    year = IntegerField()  # Jalali
    jobs = IntegerField()

    class Meta:
        indexes = ((("center_code", "partner", "year"), True),)


class ApplicantIndex:
    """The FTS5 trigram index over applicants' names (SQLite only).

    It holds the applicants that are not deleted. Each row's text is the applicant's
    `name_keys` followed by filter tags — `~d` and a character standing for district 5,
    `~s` for `Status.code` 2, `~c` for `Category.code` 1 (the characters are
    `TAG_BASE` + the number, from Unicode's private use area, which no name holds) — so
    a name query with filters is one intersection inside the index, however common the
    name. A tag is three characters, one trigram: matching it reads one list of rows,
    where a longer tag (`~d14~`, migration 0011 replaced them) was a phrase of trigrams
    whose positions were compared row by row — «کریمی» with a district and a category
    took 26 ms at 1M, 11 ms with one-trigram tags. And a copy of the sort key,
    so a page is sorted without reading applicant rows. Trigram matches substrings,
    so «رضا» finds «محمدرضا»; words of fewer than three letters never reach it (SQLite
    3.40 returns nothing for short non-ASCII trigram patterns). Kept by the services in
    the same transaction as the applicant row.
    """

    TABLE = "applicant_fts"
    CREATE = (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(names, sort_key UNINDEXED, "
        "tokenize='trigram')"
    )

    @staticmethod
    def available() -> bool:
        from peewee import SqliteDatabase

        return isinstance(db.obj, SqliteDatabase)

    # -- the indexed text --------------------------------------------------------------

    @staticmethod
    def district_tag(district: int) -> str:
        return f"~d{chr(TAG_BASE + district)}"

    @staticmethod
    def status_tag(status: Status) -> str:
        return f"~s{chr(TAG_BASE + status.code)}"

    @staticmethod
    def category_tag(category: Category) -> str:
        return f"~c{chr(TAG_BASE + category.code)}"

    @classmethod
    def text(cls, name_keys: str, district: int | None, status: str, flags: int) -> str:
        tags = [name_keys]
        if district is not None:
            tags.append(cls.district_tag(district))
        tags.append(cls.status_tag(Status(status)))
        tags += [cls.category_tag(c) for c in Category if flags & c.bit]
        return " ".join(tags)

    @classmethod
    def text_sql(cls) -> str:
        """`text` as an SQL expression over an applicant row (bulk re-indexing)."""
        status = " ".join(
            f"WHEN '{status.value}' THEN ' {cls.status_tag(status)}'" for status in Status
        )
        categories = " || ".join(
            f"(CASE WHEN category_flags & {c.bit} THEN ' {cls.category_tag(c)}' ELSE '' END)"
            for c in Category
        )
        return (
            "name_keys || (CASE WHEN district IS NULL THEN '' "
            f"ELSE ' ~d' || char({TAG_BASE} + district) END) || "
            f"(CASE status {status} ELSE '' END) || {categories}"
        )

    @classmethod
    def values(cls, row: Applicant | dict[str, Any]) -> tuple[str, str]:
        """(text, sort key) of an applicant row or of the dict a bulk path inserts."""
        data: dict[str, Any] = row if isinstance(row, dict) else row.__data__
        text = cls.text(
            data["name_keys"], data.get("district"), data["status"], data["category_flags"]
        )
        return text, data["sort_name"]

    # -- keeping it in step --------------------------------------------------------------

    @classmethod
    def insert_sql(cls) -> str:
        return f"INSERT INTO {cls.TABLE}(rowid, names, sort_key) VALUES (?, ?, ?)"

    @classmethod
    def next_rowid(cls) -> int:
        value = db.execute_sql(
            f"SELECT max(coalesce((SELECT MAX(rowid) FROM {cls.TABLE}), 0), "
            "coalesce((SELECT MAX(search_rowid) FROM applicant), 0))"
        ).fetchone()[0]
        return int(value or 0) + 1

    @classmethod
    def place(cls, applicant: Applicant) -> None:
        """Give a row about to be inserted its place in the index (then `add` it once
        inserted): set before the insert, the row needs no second write."""
        if cls.available():
            applicant.search_rowid = cls.next_rowid()

    @classmethod
    def add(cls, applicant: Applicant) -> None:
        """Index a live row: at the place `place` gave it, else at a new one."""
        if not cls.available():
            return
        if applicant.search_rowid is None:
            update_local(applicant, search_rowid=cls.next_rowid())
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
    def optimize(cls) -> None:
        """Merge the index into one segment (FTS5's `optimize`), after a bulk load.

        Rows added in bulk leave the index in many segments, and a query reads each
        term's rows from every one: at 1M applicants «کریمی» with a district and a
        category matched in 14 ms after the migration that rebuilt the index, 8 ms
        after this, which took 2.4 s. Rows added one at a time are merged as they come
        (FTS5's automerge) and need nothing. It holds the write lock while it merges.
        """
        if cls.available():
            db.execute_sql(f"INSERT INTO {cls.TABLE}({cls.TABLE}) VALUES ('optimize')")

    @classmethod
    def reindex(cls, stored_ids: list[Any]) -> None:
        """Bring the index in line with rows written around the services (HQ's import
        of a sync file): each live row indexed anew, at its place or a new one. Set-based,
        through a temporary table of the ids (a row at a time took a third of an import)."""
        if not cls.available() or not stored_ids:
            return
        db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS reindexed (id TEXT PRIMARY KEY)")
        db.execute_sql("DELETE FROM temp.reindexed")
        execute_many(
            "INSERT OR IGNORE INTO temp.reindexed (id) VALUES (?)", [(i,) for i in stored_ids]
        )
        # The places of rows indexed before, removed one by one: FTS5 reads `rowid IN
        # (SELECT …)` by scanning its whole index (0.25 s a file at 500,000 applicants,
        # with nothing to remove).
        placed = db.execute_sql(
            "SELECT a.search_rowid FROM temp.reindexed r JOIN applicant a ON a.id = r.id "
            "WHERE a.search_rowid IS NOT NULL"
        ).fetchall()
        execute_many(f"DELETE FROM {cls.TABLE} WHERE rowid = ?", placed)
        first = cls.next_rowid()
        db.execute_sql(
            "UPDATE applicant SET search_rowid = n.place FROM (SELECT a.id, "
            f"{first - 1} + ROW_NUMBER() OVER (ORDER BY a.id) AS place FROM applicant a "
            "JOIN temp.reindexed r ON r.id = a.id WHERE a.search_rowid IS NULL) AS n "
            "WHERE applicant.id = n.id"
        )
        db.execute_sql(
            f"INSERT INTO {cls.TABLE}(rowid, names, sort_key) "
            f"SELECT a.search_rowid, {cls.text_sql()}, "
            "a.sort_name FROM applicant a JOIN temp.reindexed r ON r.id = a.id "
            "WHERE a.deleted = 0"
        )
        db.execute_sql("DELETE FROM temp.reindexed")

    @classmethod
    def add_many(cls, applicant_ids: list[str]) -> None:
        """Index rows a bulk path wrote with `index=False` (their search_rowid is set)."""
        if not cls.available() or not applicant_ids:
            return
        execute_many(
            f"INSERT INTO {cls.TABLE}(rowid, names, sort_key) "
            f"SELECT search_rowid, {cls.text_sql()}, sort_name FROM applicant "
            "WHERE id = ? AND deleted = 0 AND search_rowid IS NOT NULL",
            [(Applicant.id.db_value(key),) for key in applicant_ids],
        )


REFERENCE_MODELS: list[type[BaseModel]] = [District, Partner]
APPLICANT_MODELS: list[type[BaseModel]] = [
    Applicant,
    StatusChange,
    FollowUp,
    Idea,
    Outcome,
    Commitment,
]
