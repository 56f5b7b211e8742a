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
