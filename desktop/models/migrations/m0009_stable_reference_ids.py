"""Districts and partner bodies take the identities HQ and every center share.

Until now set-up (and migration 0003) gave each district and partner body a random
UUIDv7, so the outcomes and courses of one center pointed at partner rows no other
center or HQ would ever hold. Their ids become the UUIDv5 of a stable code
(models/reference_data.py: a partner body is known by its name here, as 0003 seeded
it), their `center_code` HQ's and their timestamps `REFERENCE_SINCE`, as set-up seeds
them now: the rows are equal at every center. No column changes.

Everything that points at them moves with them, in the same transaction: `outcome.partner`
and `course.partner` (the only foreign keys to either table; a district is named by its
number), and the ids inside the change log's rows (`change_log.data` of outcomes and
courses, and any logged district or partner row with its `entity_id`), so that replaying
the log still gives the tables. A partner body not in HQ's list keeps its id.

Foreign keys are checked at every statement (SQLite with `foreign_keys` on, PostgreSQL),
so a partner row is moved by copying it to its new id under a stand-in name, pointing
the rows at the copy, deleting the old row and giving the copy its name back.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

from desktop.models.reference_data import (
    HQ_CENTER_CODE,
    PARTNER_BODIES,
    REFERENCE_SINCE,
    district_id,
    partner_id,
)

POINTERS = (("outcome", "partner_id"), ("course", "partner_id"))
PARTNER_COLUMNS = (
    "center_code",
    "created_at",
    "updated_at",
    "deleted",
    "short_name",
    "employment_commitment",
)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    sqlite = isinstance(database, SqliteDatabase)

    def key(value: uuid.UUID) -> Any:
        return value.hex if sqlite else value  # as each backend's UUIDField stores it

    mark = database.param
    moved: dict[uuid.UUID, uuid.UUID] = {}
    for old, city, number in list(database.execute_sql("SELECT id, city, number FROM district")):
        new = district_id(city, number)
        moved[_uuid(old)] = new
        database.execute_sql(
            f"UPDATE district SET id = {mark}, center_code = {mark}, created_at = {mark}, "
            f"updated_at = {mark} WHERE id = {mark}",
            (key(new), HQ_CENTER_CODE, REFERENCE_SINCE, REFERENCE_SINCE, key(_uuid(old))),
        )
    codes = {name: code for code, name, _ in PARTNER_BODIES}
    for old, name in list(database.execute_sql("SELECT id, name FROM partner")):
        code = codes.get(name)
        if code is None:
            continue
        before, after = _uuid(old), partner_id(code)
        moved[before] = after
        _move_partner(database, key(before), key(after), code, name)
    _rewrite_change_log(database, {old: new for old, new in moved.items() if old != new})


def _move_partner(database: Database, old: Any, new: Any, code: str, name: str) -> None:
    mark = database.param
    if old != new:
        columns = ", ".join(PARTNER_COLUMNS)
        database.execute_sql(
            f"INSERT INTO partner (id, name, {columns}) "
            f"SELECT {mark}, {mark}, {columns} FROM partner WHERE id = {mark}",
            (new, f"moving:{code}", old),
        )
        for table, column in POINTERS:
            database.execute_sql(
                f"UPDATE {table} SET {column} = {mark} WHERE {column} = {mark}", (new, old)
            )
        database.execute_sql(f"DELETE FROM partner WHERE id = {mark}", (old,))
    database.execute_sql(
        f"UPDATE partner SET name = {mark}, center_code = {mark}, created_at = {mark}, "
        f"updated_at = {mark} WHERE id = {mark}",
        (name, HQ_CENTER_CODE, REFERENCE_SINCE, REFERENCE_SINCE, new),
    )


def _rewrite_change_log(database: Database, moved: dict[uuid.UUID, uuid.UUID]) -> None:
    """Every logged value that is a moved id, in the form the log wrote it."""
    if not moved:
        return
    spelled = {form: str(new) for old, new in moved.items() for form in (str(old), old.hex)}
    mark = database.param
    rows = database.execute_sql(
        "SELECT id, entity_id, data FROM change_log WHERE entity IN "
        f"({mark}, {mark}, {mark}, {mark})",
        ("outcome", "course", "partner", "district"),
    ).fetchall()
    for log_id, entity_id, data in rows:
        row = json.loads(data)
        changed = {
            name: spelled[value]
            for name, value in row.items()
            if isinstance(value, str) and value in spelled
        }
        if not changed and entity_id not in spelled:
            continue
        row.update(changed)
        database.execute_sql(
            f"UPDATE change_log SET entity_id = {mark}, data = {mark} WHERE id = {mark}",
            (
                spelled.get(entity_id, entity_id),
                json.dumps(row, ensure_ascii=False, sort_keys=True),
                log_id,
            ),
        )


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
