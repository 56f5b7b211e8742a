"""Background checkpoints: the app's connection stops checkpointing inside commits, and
a thread of its own moves the write-ahead log into the database instead."""

from __future__ import annotations

import threading

import pytest
from peewee import SqliteDatabase

from desktop.models.db import SQLITE_PRAGMAS, Checkpointer

pytestmark = pytest.mark.sqlite_only("SQLite's write-ahead log")


def autocheckpoint(database: SqliteDatabase) -> int:
    return int(database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0])


def test_commits_leave_checkpoints_to_the_thread_which_stop_ends(tmp_path):
    database = SqliteDatabase(str(tmp_path / "t.sqlite3"), pragmas=SQLITE_PRAGMAS)
    database.connect()
    database.execute_sql("CREATE TABLE t (x TEXT)")
    moved = threading.Event()

    class Watched(Checkpointer):
        def checkpoint(self, connection):  # type: ignore[no-untyped-def]
            super().checkpoint(connection)
            if self.checkpointed_frames:
                moved.set()

    checkpointer = Watched.start_for(database, interval=0.01)
    assert checkpointer is not None
    assert autocheckpoint(database) == 0  # no commit pays for a checkpoint
    for n in range(2000):  # ~ 2,000 log frames: past SQLite's own threshold
        with database.atomic():
            database.execute_sql("INSERT INTO t VALUES (?)", ("x" * 2000 + str(n),))
    assert moved.wait(timeout=30), "the background thread never checkpointed"
    checkpointer.stop(database)
    assert not checkpointer._thread.is_alive()
    assert autocheckpoint(database) == Checkpointer.AUTOMATIC_PAGES
    assert database.execute_sql("SELECT count(*) FROM t").fetchone()[0] == 2000
    database.close()


def test_no_thread_for_memory_databases():
    database = SqliteDatabase(":memory:")
    database.connect()
    assert Checkpointer.start_for(database) is None
    assert autocheckpoint(database) == Checkpointer.AUTOMATIC_PAGES
