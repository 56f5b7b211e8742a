"""Schema versioning: a database made by an older version migrates with its data."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from peewee import IntegrityError, ModelIndex, SqliteDatabase
from playhouse.migrate import SqliteMigrator

from desktop.models import ALL_MODELS, ApplicantIndex, Category, Certificate, db, writes
from desktop.models.db import close_database
from desktop.models.migrations import (
    SchemaVersion,
    current_version,
    latest_version,
    load,
    migrate_to_latest,
    numbered,
)
from desktop.models.opening import open_database
from desktop.services import applicants, auth, certificates, setup
from desktop.services.applicant_search import ApplicantSearch, Filters
from desktop.services.certificates import VerifyStatus
from desktop.services.setup import initialise_center
from tests.helpers.courses import finished_course
from tests.helpers.people import person
from tests.helpers.schema import models_as_of

pytestmark = pytest.mark.sqlite_only("SQLite files made by older versions")


def _columns(database, table):
    return {column.name for column in database.get_columns(table)}


def test_fresh_database_matches_the_models():
    database = SqliteDatabase(":memory:")
    migrate_to_latest(database)
    assert current_version(database) == latest_version()
    for model in ALL_MODELS:
        table = model._meta.table_name
        assert _columns(database, table) == {f.column_name for f in model._meta.sorted_fields}, (
            table
        )


def test_version_1_database_with_data_migrates(tmp_path):
    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))
    migrate_to_latest(database, target=1)
    assert current_version(database) == 1
    assert "failed_logins" not in _columns(database, "user")
    now = dt.datetime(2025, 3, 1, 8, 30)
    database.execute_sql(
        'INSERT INTO "user" (id, center_code, created_at, updated_at, deleted, username, '
        "display_name, role, password_hash, active) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ("01a2", "TEH05", now, now, 0, "old", "کاربر قدیمی", "clerk", "$argon2id$x", 1),
    )
    applied = migrate_to_latest(database)
    assert applied == [number for number, _ in numbered() if number >= 2]
    row = database.execute_sql(
        'SELECT username, display_name, failed_logins, locked_until FROM "user"'
    ).fetchone()
    assert row == ("old", "کاربر قدیمی", 0, None)
    assert migrate_to_latest(database) == []  # idempotent
    with SchemaVersion.bind_ctx(database):
        assert [v.version for v in SchemaVersion.select()] == [number for number, _ in numbered()]


def test_fresh_database_has_the_models_indexes():
    database = SqliteDatabase(":memory:")
    migrate_to_latest(database)
    for model in ALL_MODELS:
        table = model._meta.table_name
        have = {tuple(index.columns) for index in database.get_indexes(table)}
        for entry in model._meta.indexes:
            if isinstance(entry, ModelIndex):  # e.g. a partial index (checked below)
                columns = tuple(field.column_name for field in entry._expressions)
            else:
                fields, _unique = entry
                columns = tuple(model._meta.fields[name].column_name for name in fields)
            assert columns in have, (table, columns)
        for field in model._meta.sorted_fields:
            if field.index or field.unique:
                assert (field.column_name,) in have, (table, field.name)


def _index_shapes(database, table):
    """Each index as (columns, unique, WHERE clause of a partial index); names aside,
    as the older migrations named some indexes the older way."""
    return {
        (tuple(index.columns), index.unique, (index.sql or "").partition(" WHERE ")[2])
        for index in database.get_indexes(table)
    }


def test_migrated_indexes_are_those_the_models_would_create():
    migrated = SqliteDatabase(":memory:")
    migrate_to_latest(migrated)
    created = SqliteDatabase(":memory:")
    with created.bind_ctx(ALL_MODELS):
        created.create_tables(ALL_MODELS)
    for model in ALL_MODELS:
        table = model._meta.table_name
        assert _index_shapes(migrated, table) == _index_shapes(created, table), table
    # The rule of one current certificate per enrollment is a partial unique index.
    assert (("enrollment_id",), True, '("revoked" = 0)') in _index_shapes(migrated, "certificate")
    assert (("enrollment_id",), False, "") in _index_shapes(migrated, "certificate")


def test_center_set_up_before_the_registry_gets_its_districts_and_partners(tmp_path):
    database = SqliteDatabase(str(tmp_path / "v2.sqlite3"))
    migrate_to_latest(database, target=2)
    now = dt.datetime(2025, 3, 1, 8, 30)
    database.execute_sql(
        "INSERT INTO center (id, center_code, created_at, updated_at, deleted, code, name, "
        "city, is_local) VALUES (?,?,?,?,?,?,?,?,?)",
        ("01a3", "TEH05", now, now, 0, "TEH05", "مرکز منطقهٔ ۵", "تهران", 1),
    )
    migrate_to_latest(database)
    districts = database.execute_sql(
        "SELECT number, name FROM district WHERE city = ? ORDER BY number", ("تهران",)
    ).fetchall()
    assert len(districts) == 22 and districts[4] == (5, "منطقهٔ ۵")
    assert database.execute_sql("SELECT count(*) FROM partner").fetchone()[0] >= 6
    # The name index exists and answers queries.
    assert database.execute_sql(
        "SELECT count(*) FROM applicant_fts WHERE names MATCH ?", ('"محمد"',)
    ).fetchone() == (0,)


def test_version_4_database_with_certificates_migrates_and_can_replace_a_revoked_one(
    tmp_path, monkeypatch
):
    """Certificates issued under 0004 (one per enrollment, a unique column) keep their
    rows, serials and signatures; after 0005 a revoked one can be replaced, and two
    current certificates for one enrollment are still refused by the database."""
    path = tmp_path / "v4.sqlite3"
    stack = contextlib.ExitStack()
    open_database(path, migrate=False)
    # Set-up of the day seeded reference rows of the day's schema.
    m0003 = load(3, "applicant_registry")
    monkeypatch.setattr(
        setup, "seed_reference_data", lambda city: m0003.seed_reference_data(db.obj, "TEH05", city)
    )
    try:
        migrate_to_latest(db.obj, target=4)
        stack.enter_context(models_as_of(4))
        initialise_center(
            center_code="TEH05",
            center_name="مرکز منطقهٔ ۵",
            admin_username="admin",
            admin_display_name="مدیر مرکز",
            password="admin-pass-1",
        )
        admin = auth.login("admin", "admin-pass-1")
        _, ids = finished_course(admin, admin.user_id, ["P" * 10, "P" * 10])
        typo = certificates.issue_certificate(admin, ids[0])
        kept = certificates.issue_certificate(admin, ids[1])
        certificates.revoke_certificate(admin, typo.id, "نام نادرست")
        with pytest.raises(IntegrityError):  # the old dead end: a unique enrollment column
            certificates.issue_certificate(admin, ids[0])
        assert Certificate.select().count() == 2
    finally:
        stack.close()
        close_database()

    open_database(path)
    try:
        assert current_version(db.obj) == latest_version()
        rows = {row.serial: row for row in Certificate.select()}
        assert set(rows) == {typo.serial, kept.serial}
        assert rows[typo.serial].revoked and not rows[kept.serial].revoked
        admin = auth.login("admin", "admin-pass-1")
        assert certificates.verify(admin, typo.qr_payload).status is VerifyStatus.REVOKED
        assert certificates.verify(admin, kept.qr_payload).status is VerifyStatus.VALID
        again = certificates.issue_certificate(admin, ids[0])
        assert again.serial not in rows and again.code != typo.code
        assert certificates.verify(admin, again.serial).status is VerifyStatus.VALID
        with pytest.raises(IntegrityError), db.atomic(), writes.unlogged("a hand edit"):
            # a second current one
            Certificate.update(revoked=False).where(Certificate.serial == typo.serial).execute()
    finally:
        close_database()


def _old_tags(name_keys, district, status, flags):
    """The index text as migrations 0003–0010 wrote it: `~d14~ ~s2~ ~c5~`."""
    codes = {"registered": 0, "counselling": 1, "in_training": 2, "trained": 3}
    tags = [name_keys, f"~d{district}~", f"~s{codes[status]}~"]
    return " ".join(tags + [f"~c{n}~" for n in range(6) if flags & (1 << n)])


def test_version_10_search_index_gets_one_trigram_tags(tmp_path):
    """0011 rewrites every live row's index text from the applicant rows; a name with a
    district and a category finds exactly the people it should afterwards."""
    path = tmp_path / "v10.sqlite3"
    open_database(path)
    try:
        initialise_center(
            center_code="TEH05",
            center_name="مرکز منطقهٔ ۵",
            city="تهران",
            admin_username="admin",
            admin_display_name="مدیر مرکز",
            password="admin-pass-1",
        )
        admin = auth.login("admin", "admin-pass-1")
        wanted = person(admin, "کریم", district=14, categories=("seasonal_worker",))
        person(admin, "کریم", district=4, categories=("seasonal_worker",))
        person(admin, "کریم", district=14, categories=("investor",))
        gone = person(admin, "کریم", district=14, categories=("seasonal_worker",))
        applicants.delete(admin, gone, "پروندهٔ تکراری")
        # The index as 0010 left it; then 0011 alone.
        rows = db.execute_sql(
            "SELECT search_rowid, name_keys, district, status, category_flags FROM applicant "
            "WHERE deleted = 0"
        ).fetchall()
        with db.atomic():
            for rowid, *values in rows:
                db.execute_sql(
                    "UPDATE applicant_fts SET names = ? WHERE rowid = ?",
                    (_old_tags(*values), rowid),
                )
            load(11, "one_trigram_search_tags").apply(db.obj, SqliteMigrator(db.obj))
    finally:
        close_database()

    open_database(path)
    try:
        assert current_version(db.obj) == latest_version()
        stale = db.execute_sql(
            "SELECT count(*) FROM applicant a JOIN applicant_fts f ON f.rowid = a.search_rowid "
            f"WHERE f.names != {ApplicantIndex.text_sql()}"
        ).fetchone()[0]
        assert stale == 0
        assert db.execute_sql("SELECT count(*) FROM applicant_fts").fetchone()[0] == 3
        admin = auth.login("admin", "admin-pass-1")
        filters = Filters(district=14, category=Category.SEASONAL_WORKER)
        found = ApplicantSearch(admin, "کریم", filters)
        assert [row_id for row_id, _ in found.fetch(0, 10)] == [wanted]
    finally:
        close_database()


def test_version_18_hq_keeps_only_its_own_center_local(tmp_path):
    """HQ once took `is_local` from the centers' files: version 19 leaves HQ's row the
    only local one there, and a center's own row local at the center."""
    now = dt.datetime(2026, 11, 1, 8, 30)
    for name, codes, local_after in (
        ("hq", ("HQ", "TEH05", "TEH07"), ["HQ"]),
        ("center", ("TEH05",), ["TEH05"]),
    ):
        database = SqliteDatabase(str(tmp_path / f"{name}.sqlite3"))
        migrate_to_latest(database, target=18)
        for number, code in enumerate(codes):
            database.execute_sql(
                "INSERT INTO center (id, center_code, created_at, updated_at, deleted, code, "
                "name, city, is_local) VALUES (?,?,?,?,?,?,?,?,?)",
                (f"0{number}", code, now, now, 0, code, code, "", 1),
            )
        migrate_to_latest(database)
        rows = database.execute_sql("SELECT code FROM center WHERE is_local ORDER BY code")
        assert [code for (code,) in rows] == local_after
