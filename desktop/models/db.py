"""The database: declared once as a proxy, opened once at start-up.

SQLite is the embedded default (one file in the user's data directory, WAL, foreign keys
on, a busy timeout so a second window or the CLI waits instead of failing). HQ points the
same models at PostgreSQL with a database URL (playhouse.db_url). Tests use ":memory:".
"""

from __future__ import annotations

import logging
from pathlib import Path

from peewee import Database, DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect

from desktop.text.collation import persian_collate

log = logging.getLogger(__name__)

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,  # ms
    "synchronous": "normal",  # safe with WAL: a power cut loses at most the last commit
    "cache_size": -32000,  # KiB
    "temp_store": "memory",
}


def database_for(target: str | Path) -> Database:
    """A peewee Database for a path, ':memory:', or a URL such as postgresql://…"""
    text = str(target)
    if "://" in text:
        return connect(text)
    if text != ":memory:":
        Path(text).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return SqliteDatabase(text, pragmas=SQLITE_PRAGMAS)


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Bind the proxy to `target`, connect, and bring the schema up to date."""
    database = database_for(target)
    if isinstance(database, SqliteDatabase):
        # Persian alphabetical order for ORDER BY … COLLATE persian.
        database.register_collation(persian_collate, "persian")
    db.initialize(database)
    database.connect(reuse_if_open=True)
    if migrate:
        from desktop.models.migrations import migrate_to_latest

        migrate_to_latest(database)
    return database


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()
