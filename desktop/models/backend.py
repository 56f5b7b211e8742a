"""Which engine the database runs on, and the few statements that differ between them.

Tavana runs the same models and services on SQLite (one desk, a file) and PostgreSQL
(several desks of a center, or HQ, on one server). Everything engine-specific is
decided here, once, by the class of the open database — never by scattered
`isinstance` checks or SQL dialects in services:

- what only SQLite has: PRAGMAs, `sqlite_master`, the `persian` collation callback, the
  FTS5 name index (its SQL lives with `ApplicantIndex`, behind `is_sqlite`);
- text comparison: SQLite compares text byte by byte (BINARY) unless told otherwise.
  PostgreSQL would compare by the server's locale, which differs from server to server
  and puts «ی» and «ک» where the locale's language wants them. So on PostgreSQL every
  text column is made `COLLATE "C"` (byte order, as on SQLite) when a migration creates
  it (`bytewise_text_columns`): an ORDER BY, a range or a unique index then means the
  same on both engines, and the btree indexes serve the prefix ranges of search;
- Persian alphabetical order comes from the stored sort keys (`Applicant.sort_name`:
  primary collation weights, desktop/text/collation.py) compared byte by byte — a
  plain `ORDER BY sort_name` on both engines, served by its btree index — never from
  a callback per comparison (SQLite's `persian` collation is for columns without one).

Parameters are `database.param` (`?` on SQLite, `%s` on PostgreSQL); SQL written by
hand in services uses it, or peewee expressions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from peewee import SQL, Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase

from desktop.models.db import db

__all__ = [
    "bytewise_text_columns",
    "erasing_freed_pages",
    "is_postgres",
    "is_sqlite",
    "read_snapshot",
    "sql_false",
    "upsert_sql",
]

BYTEWISE = "C"  # PostgreSQL's collation that compares bytes (UTF-8: code point order)


def _engine(database: Database | DatabaseProxy | None) -> Database | None:
    if database is None:
        database = db
    if isinstance(database, DatabaseProxy):
        return database.obj
    return database


def is_sqlite(database: Database | DatabaseProxy | None = None) -> bool:
    """Whether `database` (by default the open one) is SQLite."""
    return isinstance(_engine(database), SqliteDatabase)


def is_postgres(database: Database | DatabaseProxy | None = None) -> bool:
    """Whether `database` (by default the open one) is PostgreSQL."""
    return isinstance(_engine(database), PostgresqlDatabase)


def sql_false(database: Database) -> SQL:
    """False as a literal in DDL (a partial index's WHERE, where no parameter may go):
    0 on SQLite, whose booleans are integers, `false` on PostgreSQL (peewee writes 0)."""
    return SQL("0" if isinstance(database, SqliteDatabase) else "false")


def upsert_sql(database: Database, table: str, key: str, columns: tuple[str, ...]) -> str:
    """INSERT of (`key`, *`columns`) that replaces the row with the same `key`."""
    names = ", ".join((key, *columns))
    marks = ", ".join(database.param for _ in (key, *columns))
    if isinstance(database, SqliteDatabase):
        return f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})"
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns)
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


def bytewise_text_columns(database: Database) -> int:
    """On PostgreSQL, make every text column of the schema that does not compare byte
    by byte yet `COLLATE "C"` (run after each migration: only the columns it added
    change). How many changed; nothing on SQLite, whose text is BINARY already."""
    if not isinstance(database, PostgresqlDatabase):
        return 0
    rows = database.execute_sql(
        "SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length "
        "FROM information_schema.columns c "
        "JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
        "AND c.data_type IN ('character varying', 'text') "
        f"AND COALESCE(c.collation_name, '') <> '{BYTEWISE}'"
    ).fetchall()
    for table, column, data_type, length in rows:
        kind = f"VARCHAR({length})" if data_type == "character varying" and length else "TEXT"
        database.execute_sql(
            f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE {kind} COLLATE "{BYTEWISE}"'
        )
    return len(rows)


@contextlib.contextmanager
def erasing_freed_pages(database: Database) -> Iterator[None]:
    """Within the block, SQLite overwrites what it frees with zeros (`secure_delete`),
    so a dropped secret does not linger in the file's free pages; the setting is put
    back after. PostgreSQL keeps no such file a person copies around: nothing to do."""
    if not isinstance(database, SqliteDatabase):
        yield
        return
    (was_secure,) = database.execute_sql("PRAGMA secure_delete").fetchone()
    database.execute_sql("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA secure_delete = {int(was_secure)}")


@contextlib.contextmanager
def read_snapshot() -> Iterator[None]:
    """One consistent view of the database for a long read (an export, a backup's check)
    that never holds up writers.

    Every `db.atomic()` on SQLite begins IMMEDIATE and so takes the write lock: an export
    of a million rows inside one held every clerk's save for the minute it ran. A
    DEFERRED transaction that only reads takes no write lock, and in WAL mode it sees
    the database as of its first read while others commit. On PostgreSQL the same is a
    REPEATABLE READ, READ ONLY transaction.
    """
    if db.in_transaction():  # the caller's transaction is the snapshot
        yield
        return
    engine = _engine(db)
    if isinstance(engine, PostgresqlDatabase):
        with db.atomic():
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    with db.atomic("DEFERRED"):
        yield
