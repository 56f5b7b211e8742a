"""The database: declared once as a proxy, opened once at start-up.

SQLite is the embedded default (one file in the user's data directory, WAL, foreign keys
on, a busy timeout so a second window or the CLI waits instead of failing). HQ points the
same models at PostgreSQL with a database URL (playhouse.db_url). Tests use ":memory:".
"""

from __future__ import annotations

import logging
import sqlite3
import threading
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


class Checkpointer:
    """Copies SQLite's write-ahead log into the database on a thread of its own.

    SQLite checkpoints by itself inside the commit that takes the log past 1,000 pages:
    at a million applicants that adds about 12 ms to one registration in fifteen
    (bench/search.py: p50 2.6 ms, p95 14 ms). The app turns that off on its connection
    and runs PASSIVE checkpoints here instead — they never wait for, nor block, a reader
    or a writer — so a save costs only its own statements. The command line keeps
    SQLite's own checkpoints: its runs are short and nothing waits on a keystroke.

    If this thread stopped, the log would only grow (nothing is lost); `stop()` puts
    the connection back on automatic checkpoints and checkpoints once more.
    """

    AUTOMATIC_PAGES = 1000  # SQLite's default wal_autocheckpoint

    def __init__(self, path: str | Path, *, interval: float = 1.0):
        self.path = str(path)
        self.interval = interval
        self.checkpointed_frames = 0  # frames moved into the database so far (for tests)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def start_for(cls, database: Database, **options: float) -> Checkpointer | None:
        """Start one for a SQLite file database (None for :memory: or PostgreSQL)."""
        if not isinstance(database, SqliteDatabase) or database.database == ":memory:":
            return None
        checkpointer = cls(database.database, **options)
        database.execute_sql("PRAGMA wal_autocheckpoint = 0")
        checkpointer._thread = threading.Thread(
            target=checkpointer._run, name="sqlite-checkpoint", daemon=True
        )
        checkpointer._thread.start()
        return checkpointer

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
        except sqlite3.Error:
            log.exception("background checkpoints could not start")
            return
        try:
            while not self._stopping.wait(self.interval):
                self.checkpoint(connection)
        finally:
            connection.close()

    def checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            _busy, _log_frames, moved = connection.execute(
                "PRAGMA wal_checkpoint(PASSIVE)"
            ).fetchone()
        except sqlite3.Error:
            log.warning("background checkpoint failed", exc_info=True)
            return
        self.checkpointed_frames += max(moved, 0)

    def stop(self, database: Database) -> None:
        """End the thread, put `database` back on automatic checkpoints, checkpoint."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
        if not database.is_closed():
            database.execute_sql(f"PRAGMA wal_autocheckpoint = {self.AUTOMATIC_PAGES}")
            database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
