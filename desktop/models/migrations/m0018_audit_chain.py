"""The audit trail's hash chains (models/chain.py): `entry_hash` on the change log and
the audit log, filled in for the entries already there (a center's change log in
sequence order, the audit log in order of writing), in batches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peewee import CharField, Database
from playhouse.migrate import SchemaMigrator, migrate

from desktop.models.chain import AUDIT_FIELDS, CHANGE_FIELDS, GENESIS, entry_hash

BATCH = 5_000


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(
        migrator.add_column("change_log", "entry_hash", CharField(max_length=64, null=True)),
        migrator.add_column("audit_log", "entry_hash", CharField(max_length=64, null=True)),
    )
    param = database.param
    centers = [c for (c,) in database.execute_sql("SELECT DISTINCT center_code FROM change_log")]
    for center in centers:
        _fill(
            database,
            f"SELECT id, {', '.join(CHANGE_FIELDS)} FROM change_log WHERE center_code = {param} "
            f"AND seq > {param} ORDER BY seq LIMIT {BATCH}",
            "change_log",
            _after_seq,  # the next batch: the same center, after this seq
            (center, 0),
        )
    _fill(
        database,
        f"SELECT id, {', '.join(AUDIT_FIELDS)} FROM audit_log WHERE id > {param} "
        f"ORDER BY id LIMIT {BATCH}",
        "audit_log",
        lambda row: (row[0],),
        (0,),
    )


def _after_seq(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return (row[1], row[2])  # (center_code, seq) of the batch's last entry


def _fill(
    database: Database,
    select: str,
    table: str,
    after: Callable[[tuple[Any, ...]], tuple[Any, ...]],
    start: tuple[Any, ...],
) -> None:
    previous, params = GENESIS, start
    while True:
        rows = database.execute_sql(select, params).fetchall()
        if not rows:
            return
        updates = []
        for row in rows:
            previous = entry_hash(previous, row[1:])
            updates.append((previous, row[0]))
        database.cursor().executemany(
            f"UPDATE {table} SET entry_hash = {database.param} WHERE id = {database.param}",
            updates,
        )
        params = after(rows[-1])
