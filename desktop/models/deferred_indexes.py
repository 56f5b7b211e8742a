"""Indexes a bulk load leaves out while it writes, and puts back even if it is killed.

A large demo load (desktop/services/demo.py), and HQ's merge of a batch of sync files
as large as what it holds (desktop/services/hq/imports.py), drops the applicant indexes
whose keys arrive in random order and builds them once at the end: a batch of 20,000
random keys touches most pages of such an index, so every commit would rewrite all of
them. The load commits batch by batch, so a load killed half-way would leave the
registry without them — the unique national-code index among them.

So the drop is recorded in the same transaction that drops: the indexes' SQL and the
process that owns the load (desktop/processes.py), under one `setting` key. Every
opening of the database (`migrate_to_latest`) rebuilds what a load whose process is
gone left out; a load still running elsewhere keeps its indexes out, as it rebuilds
them itself when it ends.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from peewee import Database

from desktop.models.backend import is_sqlite, upsert_sql
from desktop.processes import ProcessMark, is_running, this_process

log = logging.getLogger(__name__)

# The key older versions used too, so a database one of them left half-loaded is repaired.
PENDING_KEY = "demo_pending_indexes"


def drop_indexes(
    database: Database, table: str, columns: frozenset[str], *, unique: bool = True
) -> bool:
    """Drop `table`'s indexes on any of `columns` (SQLite), recording them and this
    process as their owner in the same transaction. False, and nothing dropped, while
    another load still has indexes out (it rebuilds them; two loads would lose them).
    `unique=False` keeps the unique ones: a load that relies on them to refuse a
    clashing row (HQ's merge) leaves out only the indexes that are ways in."""
    if not is_sqlite(database):
        return False
    with database.atomic():
        if _pending(database) is not None:
            return False
        found = []
        for name, sql in database.execute_sql(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall():
            if not unique and sql.lstrip().upper().startswith("CREATE UNIQUE"):
                continue
            indexed = {row[2] for row in database.execute_sql(f'PRAGMA index_info("{name}")')}
            if indexed & columns:
                found.append((name, sql))
        record = {"owner": this_process().as_dict(), "indexes": [sql for _, sql in found]}
        _write(database, json.dumps(record))
        for name, _ in found:
            database.execute_sql(f'DROP INDEX "{name}"')
    return True


def restore_indexes(database: Database, *, owned: bool = False) -> int:
    """Build the indexes a load dropped and has not rebuilt; how many.

    By default only those of a load whose process is gone (what opening the database
    does); `owned=True` is the load's own call when it ends.
    """
    pending = _pending(database)
    if pending is None:
        return 0
    statements, owner = pending
    if not owned and is_running(owner):
        return 0
    with database.atomic():
        if _pending(database) is None:
            return 0  # another process rebuilt them meanwhile
        if not owned:
            log.warning("rebuilding %d indexes an interrupted bulk load left out", len(statements))
        for sql in statements:
            database.execute_sql(_if_not_exists(sql))
        database.execute_sql(f"DELETE FROM setting WHERE key = {database.param}", (PENDING_KEY,))
    return len(statements)


def has_pending(database: Database) -> bool:
    return _pending(database) is not None


def _if_not_exists(sql: str) -> str:
    return sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1).replace(
        "CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX IF NOT EXISTS", 1
    )


def _pending(database: Database) -> tuple[list[str], ProcessMark | None] | None:
    """(statements, owner) of the indexes left out, or None. The older form (a plain
    list of statements) has no owner: its load is gone."""
    if not database.table_exists("setting"):
        return None
    row = database.execute_sql(
        f"SELECT value FROM setting WHERE key = {database.param}", (PENDING_KEY,)
    ).fetchone()
    if row is None:
        return None
    data: Any = json.loads(row[0])
    if isinstance(data, list):
        return [str(sql) for sql in data], None
    return [str(sql) for sql in data["indexes"]], ProcessMark.from_dict(data.get("owner"))


def _write(database: Database, value: str) -> None:
    database.execute_sql(upsert_sql(database, "setting", "key", ("value",)), (PENDING_KEY, value))
