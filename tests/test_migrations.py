"""Schema versioning: a database made by an older version migrates with its data."""

from __future__ import annotations

import datetime as dt

from peewee import SqliteDatabase

from desktop.models import ALL_MODELS
from desktop.models.migrations import (
    SchemaVersion,
    current_version,
    latest_version,
    migrate_to_latest,
)


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
    assert applied == list(range(2, latest_version() + 1))
    row = database.execute_sql(
        'SELECT username, display_name, failed_logins, locked_until FROM "user"'
    ).fetchone()
    assert row == ("old", "کاربر قدیمی", 0, None)
    assert migrate_to_latest(database) == []  # idempotent
    with SchemaVersion.bind_ctx(database):
        assert [v.version for v in SchemaVersion.select()] == list(range(1, latest_version() + 1))


def test_fresh_database_has_the_models_indexes():
    database = SqliteDatabase(":memory:")
    migrate_to_latest(database)
    for model in ALL_MODELS:
        table = model._meta.table_name
        have = {tuple(index.columns) for index in database.get_indexes(table)}
        for fields, _unique in model._meta.indexes:
            columns = tuple(model._meta.fields[name].column_name for name in fields)
            assert columns in have, (table, columns)
        for field in model._meta.sorted_fields:
            if field.index or field.unique:
                assert (field.column_name,) in have, (table, field.name)


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
