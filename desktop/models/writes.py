"""The one write path for synced records: every insert, update and (soft) delete of a
`SyncedModel` goes through these functions, which write the change-log row in the same
transaction, holding the row as it is after the change.

Why functions and not peewee hooks: a hook on `save()` cannot see bulk queries
(`insert_many`, `update()`, `delete()`), cannot tell who acted, and would log the
writes that must not be logged (a sync file applied at HQ, a replay). So the rule is
the other way round: `SyncedModel` refuses every write that does not come through here
(`UnloggedWrite`, raised by the model itself at the call, in tests and in use), and
`tests/test_write_path.py` parses the services and fails on a direct write call. The
few writes that are rightly not logged — rows every center and HQ already hold
(reference data seeded with the same identities), training data that never leaves the
machine, a change log being replayed — say so in `unlogged(reason)`.

Local-only columns (`SyncedModel.local_only_fields`: password hashes, login counters,
search keys) never travel: `update` of nothing but them writes no change-log row and
leaves `updated_at` alone, since no synced value changed; `update_local` says so
outright.

Every function here runs inside the caller's transaction (the change and its log row
commit together or not at all) and refuses to run outside one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from peewee import CharField, IntegerField, PostgresqlDatabase, TextField

from desktop.errors import UserError
from desktop.models.base import SyncedModel, sync_row_of, utcnow, write_permit
from desktop.models.chain import CHANGE_FIELDS, GENESIS, chained
from desktop.models.changelog import ChangeLog
from desktop.models.db import db, execute_many
from desktop.strings.backups import BackupMessages

__all__ = [
    "Author",
    "OutsideTransaction",
    "author",
    "delete",
    "insert",
    "insert_many",
    "unlogged",
    "update",
    "update_local",
]

Row = TypeVar("Row", bound=SyncedModel)

CREATE, UPDATE, DELETE = "create", "update", "delete"


class Author(Protocol):
    """Who writes: a services `Session` is one. The change log's sequence counts per
    center, and the entry names the user."""

    @property
    def center_code(self) -> str: ...

    @property
    def user_id(self) -> str | None: ...


@dataclass(frozen=True)
class _Author:
    center_code: str
    user_id: str | None = None


def author(center_code: str, user_id: str | None = None) -> Author:
    """An author without a session: the set-up that creates the first admin."""
    return _Author(center_code, user_id)


class OutsideTransaction(RuntimeError):
    """A write-path call outside a transaction: a bug in the caller, never a person's."""


def insert(row: Row, by: Author) -> Row:
    """Insert `row` (its center defaults to the author's) and log it as created."""
    _check_transaction()
    if not row.center_code:
        row.center_code = by.center_code
    now = utcnow()
    row.created_at = row.created_at or now
    row.updated_at = now
    _insert_one(type(row), row.__data__)
    row._dirty.clear()  # type: ignore[attr-defined]  # as save() leaves it: stored, nothing pending
    _append(by, [(type(row), row.__data__, CREATE)])
    return row


def update(row: Row, by: Author) -> Row:
    """Save what changed on `row`; log it unless only local-only columns changed.

    Nothing changed, nothing is written: a form saved as it was adds no log entry.
    """
    _check_transaction()
    changed = {field.name for field in row.dirty_fields}
    if not changed:
        return row
    synced = changed - set(row.local_only_fields)
    if synced:
        row.updated_at = utcnow()
    with write_permit():
        row.save(only=row.dirty_fields)
    if synced:
        _append(by, [(type(row), row.__data__, UPDATE)])
    return row


def delete(row: Row, by: Author) -> Row:
    """Soft-delete `row` (set `deleted`, plus whatever else the caller changed on it,
    such as a reason) and log it as deleted. Synced rows are never removed: the delete
    must reach HQ too."""
    _check_transaction()
    row.deleted = True
    row.updated_at = utcnow()
    with write_permit():
        row.save(only=row.dirty_fields)
    _append(by, [(type(row), row.__data__, DELETE)])
    return row


def update_local(row: SyncedModel, **values: Any) -> None:
    """Set local-only columns of `row` (login counters, search keys) in the database and
    on the instance: nothing that travels, so no change-log row and no `updated_at`."""
    _check_transaction()
    model = type(row)
    stray = set(values) - set(model.local_only_fields)
    if stray:
        raise ValueError(f"not local-only on {model.__name__}: {sorted(stray)}")
    with write_permit():
        model.update(**values).where(model.id == row.id).execute()
    for name, value in values.items():
        setattr(row, name, value)
    cast(Any, row)._dirty -= set(values)


def add_local(model: type[SyncedModel], changes: dict[Any, int], column: str) -> None:
    """Add to a local-only counter of rows of `model` ({id: amount}), in the database
    only: a running level kept beside the synced rows it sums (a product's stock)."""
    _check_transaction()
    if column not in model.local_only_fields:
        raise ValueError(f"not local-only on {model.__name__}: {column}")
    field = model._meta.fields[column]
    table, name = model._meta.table_name, field.column_name
    param = db.obj.param
    sql = f'UPDATE "{table}" SET "{name}" = "{name}" + {param} WHERE "id" = {param}'
    id_value = model._meta.fields["id"].db_value
    with write_permit():
        for key, amount in changes.items():
            if amount:
                db.execute_sql(sql, (amount, id_value(key)))


def insert_many(
    model: type[SyncedModel], rows: Sequence[dict[str, Any]], by: Author, *, log: bool = True
) -> None:
    """Insert many rows (dicts of field values, each with its `id`) at executemany speed
    — the import and demo paths — and log each as created, in order.

    Missing `center_code`, `created_at` and `updated_at` are filled in; defaults apply
    as peewee would apply them. `log=False` is for training data only (see `unlogged`).
    """
    _check_transaction()
    if not rows:
        return
    now = utcnow()
    common = {"center_code": by.center_code, "created_at": now, "updated_at": now}
    full = [{**common, **row} for row in rows]
    with write_permit():
        _execute_rows(model, full)
    if log:
        _append(by, [(model, row, CREATE) for row in full])


@contextmanager
def unlogged(reason: str) -> Iterator[None]:
    """Let the writes inside go to synced tables without change-log rows.

    `reason` is required and read by no code: it is there for the reader. The only
    rightful reasons: rows every center and HQ hold with the same identities (seeded
    reference data), training data that never leaves the machine (a demo database
    refuses to export), and rows that come from a change log (a replay, a sync file
    applied at HQ).

    The functions of this module called inside write no change-log row either, so
    training data can be made through the same services as real work (demo courses).
    """
    if not reason:
        raise ValueError("say why these writes are not logged")
    token = _unlogged.set(True)
    try:
        with write_permit():
            yield
    finally:
        _unlogged.reset(token)


_unlogged: ContextVar[bool] = ContextVar("unlogged", default=False)


def _check_transaction() -> None:
    if not db.in_transaction():
        raise OutsideTransaction("a synced write must run inside the caller's transaction")


def _append(by: Author, changes: Sequence[tuple[type[SyncedModel], dict[str, Any], str]]) -> None:
    """The change-log rows of `changes`, numbered on from the center's last sequence.

    The sequence is read and written in the same transaction. SQLite serialises writers
    (transactions begin IMMEDIATE); on PostgreSQL, where several desks write at once, a
    transaction-scoped advisory lock per center does the same for the log alone, and
    the unique (center_code, seq) index refuses any race either way.
    """
    if _unlogged.get():
        return
    center = by.center_code
    if isinstance(db.obj, PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"change_log:{center}",))
    seq, previous, held_back = ChangeLog.write_state(center)
    if held_back:  # the caller's transaction ends: nothing of the change is written
        raise UserError(BackupMessages.HELD_BACK, code="rewound")
    now = utcnow()
    entries = []
    for model, data, operation in changes:
        seq += 1
        row = sync_row_of(model, data)
        entries.append(
            {
                "center_code": center,
                "seq": seq,
                "entity": model._meta.table_name,
                "entity_id": str(data["id"]),
                "operation": operation,
                "data": json.dumps(row, ensure_ascii=False, sort_keys=True),
                "changed_at": now,
                "changed_by": by.user_id,
            }
        )
    chained(previous, entries, CHANGE_FIELDS)  # the audit trail's chain, on from the last
    if len(entries) == 1:
        _insert_one(ChangeLog, entries[0])
        return
    _execute_rows(ChangeLog, entries)


_BATCH = 2000
_PLAIN = (CharField, TextField, IntegerField)


def _insert_one(model: Any, data: dict[str, Any]) -> None:
    """One row, by an INSERT statement made once per model and database kind: peewee
    builds each query anew, half the time of a sale's or a registration's fifteen
    statements (profiled at 1M applicants)."""
    sql, layout = _plan_for(model, data)
    db.execute_sql(sql, _values(layout, data))


def _plan_for(model: Any, first: dict[str, Any]) -> tuple[str, list[tuple[str, Any, bool, Any]]]:
    """The INSERT of `model`'s rows shaped like `first` (with or without their id)."""
    # The key names the fields too: a test may take a column off a model for a while.
    key = (model, tuple(model._meta.sorted_field_names), "id" in first, db.obj.param)
    plan = _INSERTS.get(key)
    if plan is None:
        plan = _INSERTS[key] = _insert_plan(model, with_id="id" in first)
    return plan


def _values(layout: list[tuple[str, Any, bool, Any]], row: dict[str, Any]) -> tuple[Any, ...]:
    """A row's values as peewee would store them: defaults filled in, `db_value` per field
    (text and integer columns need no conversion, and a million rows notice the calls)."""
    values = []
    for name, default, dynamic, convert in layout:
        value = row[name] if name in row else (default() if dynamic else default)
        values.append(value if convert is None else convert(value))
    return tuple(values)


_INSERTS: dict[tuple[Any, ...], tuple[str, list[tuple[str, Any, bool, Any]]]] = {}


def _insert_plan(model: Any, *, with_id: bool) -> tuple[str, list[tuple[str, Any, bool, Any]]]:
    layout = []
    for field in model._meta.sorted_fields:
        if field.name == "id" and not with_id:
            continue  # an auto-increment key (the change log's own)
        default = field.default
        convert = None if type(field) in _PLAIN else field.db_value
        layout.append((field.name, default, callable(default), convert))
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name, *_ in layout)
    marks = ", ".join(db.obj.param for _ in layout)
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})', layout


def _execute_rows(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """executemany of dict rows as peewee would store them, by the statement
    `_insert_one` uses. About ten times the pace of peewee's `insert_many`."""
    sql, layout = _plan_for(model, rows[0])
    values = [_values(layout, row) for row in rows]
    for start in range(0, len(values), _BATCH):
        execute_many(sql, values[start : start + _BATCH])


def renumber_after(center_code: str, after: int, shift: int) -> int:
    """Move the center's change-log entries numbered above `after` up by `shift` and
    chain them again from entry `after`: the changes a database restored behind HQ
    made under numbers HQ already holds go on after HQ's (services/center_sync.py
    `resume`). Inside the caller's transaction; how many entries moved."""
    if shift <= 0:
        return 0
    param = db.obj.param
    table = ChangeLog._meta.table_name
    # Through negative numbers: the unique (center_code, seq) index holds at every row.
    db.execute_sql(
        f'UPDATE "{table}" SET seq = -(seq + {param}) '
        f"WHERE center_code = {param} AND seq > {param}",
        (shift, center_code, after),
    )
    moved = db.execute_sql(
        f'UPDATE "{table}" SET seq = -seq WHERE center_code = {param} AND seq < 0', (center_code,)
    ).rowcount
    row = db.execute_sql(
        f'SELECT entry_hash FROM "{table}" WHERE center_code = {param} AND seq = {param}',
        (center_code, after),
    ).fetchone()
    previous = str(row[0]) if row and row[0] else GENESIS
    entries = [
        dict(zip(("id", *CHANGE_FIELDS), values, strict=True))
        for values in db.execute_sql(
            f'SELECT id, {", ".join(CHANGE_FIELDS)} FROM "{table}" '
            f"WHERE center_code = {param} AND seq > {param} ORDER BY seq",
            (center_code, after),
        )
    ]
    chained(previous, entries, CHANGE_FIELDS)
    execute_many(
        f'UPDATE "{table}" SET entry_hash = {param} WHERE id = {param}',
        [(entry["entry_hash"], entry["id"]) for entry in entries],
    )
    return int(moved)


def log_rows(model: type[SyncedModel], rows: Sequence[dict[str, Any]], by: Author) -> None:
    """Log rows written around the functions above as they are now: a center's own rows
    that HQ sent back after the center was restored behind it (services/center_sync.py
    `take_back`), each with HQ's values and times. Inside the caller's transaction."""
    _check_transaction()
    if rows:
        _append(by, [(model, row, DELETE if row.get("deleted") else UPDATE) for row in rows])
