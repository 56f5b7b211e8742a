"""Apply a file's changes at headquarters, set-based: per table, one upsert statement run
over all the file's rows (`INSERT … ON CONFLICT (id) DO UPDATE … WHERE` the incoming
row is newer), never one ORM call per row.

The rule is replay's (desktop/sync/replay.py): the row a change carries replaces the
row with its id. Within one file only the last change of each row matters, so each
row is written once, as it stood at the file's end. A row HQ already holds with the
same or a later `updated_at` is left as it is (a re-sent range, or a file from a center
whose clock ran back): the report says so. Local-only columns get their defaults (they
never travel); at HQ on SQLite the applicants' name index is brought in line with the
rows written: the caller makes the applicants' search keys (local-only: they never
travel) with `applicants.refresh_search_keys` for the ids the report lists.

Runs inside the caller's transaction (the import's, with its ledger row).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import DateField, DateTimeField, ForeignKeyField, SqliteDatabase, UUIDField

from desktop.models import SyncedModel, db, writes
from desktop.models.db import execute_many
from desktop.sync.changes import Change
from desktop.sync.envelope import SyncFileError
from desktop.sync.replay import _local_defaults, synced_models

# Ids per lookup of what HQ holds (SQLite's limit on parameters is 32,766 since 3.32).
_LOOKUP = 500


@dataclass
class EntityReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # why rows were skipped
    written: list[Any] = field(default_factory=list, repr=False)  # stored ids written

    def summary(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "skipped": self.skipped,
                "reasons": self.reasons}  # fmt: skip

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


SKIPPED_OLDER = "hq holds this row as changed later or at the same time"


# Per entity, what makes a row's local-only columns from its travelling ones (HQ makes
# an applicant's search keys from the names: services/hq/imports.py).
LocalValues = dict[str, Callable[[dict[str, Any]], dict[str, Any]]]


def apply_changes(
    changes: Sequence[Change], center_code: str, local_values: LocalValues | None = None
) -> dict[str, EntityReport]:
    """Write `changes` (one center's, in sequence order); the report per entity."""
    models = synced_models()
    latest: dict[str, dict[str, Change]] = defaultdict(dict)
    for change in changes:
        model = models.get(change.entity)
        if model is None:
            raise SyncFileError("damaged_payload", f"unknown entity {change.entity!r}")
        if change.row.get("center_code") != center_code:
            raise SyncFileError(
                "damaged_payload",
                f"a {change.entity} row of another center in {center_code}'s file",
            )
        latest[change.entity][change.id] = change  # the last change of a row wins
    reports: dict[str, EntityReport] = {}
    with writes.unlogged("rows that come from a center's sync file"):
        for entity, model in models.items():  # parents before children
            if entity in latest:
                rows = [change.row for change in latest[entity].values()]
                make = (local_values or {}).get(entity)
                reports[entity] = upsert_rows(model, rows, make)
    return reports


def upsert_rows(
    model: type[SyncedModel],
    incoming: list[dict[str, Any]],
    local_values: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> EntityReport:
    """Write sync rows of `model` (ids distinct), each unless HQ holds it as changed
    later; inside the caller's transaction and `writes.unlogged` (rows that came from
    elsewhere: a center's file at HQ, HQ's reference data at a center)."""
    report = EntityReport()
    computed = tuple(sorted(local_values(incoming[0]))) if local_values and incoming else ()
    plan = _plan(model, computed)
    held = _held(model, [row["id"] for row in incoming])
    rows = []
    for row in incoming:
        try:
            values = plan.values({**row, **local_values(row)} if local_values else row)
        except (ValueError, TypeError, KeyError) as error:
            detail = f"a {model._meta.table_name} row: {error}"
            raise SyncFileError("damaged_payload", detail) from None
        known = held.get(values[plan.id_index])
        if known is None:
            report.created += 1
        elif _stamp(known) >= _stamp(values[plan.updated_at]):
            report.skip(SKIPPED_OLDER)
            continue
        else:
            report.updated += 1
        rows.append(values)
    # New rows (most of a first import) by a plain INSERT, the rest by the upsert.
    new = [row for row in rows if row[plan.id_index] not in held]
    old = [row for row in rows if row[plan.id_index] in held]
    for sql, chunk in ((plan.insert, new), (plan.sql, old)):
        for start in range(0, len(chunk), 5_000):
            execute_many(sql, chunk[start : start + 5_000])
    report.written = [row[plan.id_index] for row in rows]
    return report


def _stamp(value: Any) -> str:
    """A stored `updated_at` as comparable text (SQLite keeps text, PostgreSQL a time)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).replace("T", " ", 1)


def _held(model: type[SyncedModel], ids: list[str]) -> dict[Any, Any]:
    """{id as 32 hex digits (as peewee stores a UUID, and as a plan's rows carry it):
    updated_at} of the rows HQ already holds among `ids`."""
    table, key = model._meta.table_name, model._meta.fields["id"]
    param = db.obj.param
    held: dict[Any, Any] = {}
    for start in range(0, len(ids), _LOOKUP):
        chunk = [key.db_value(uuid.UUID(value)) for value in ids[start : start + _LOOKUP]]
        marks = ", ".join(param for _ in chunk)
        cursor = db.execute_sql(
            f'SELECT "id", "updated_at" FROM "{table}" WHERE "id" IN ({marks})', chunk
        )
        held.update((uuid.UUID(str(row_id)).hex, stamp) for row_id, stamp in cursor.fetchall())
    return held


@dataclass(frozen=True)
class _Plan:
    sql: str  # the upsert
    insert: str  # the plain INSERT, for rows HQ does not hold
    converters: list[tuple[str, Callable[[Any], Any], Any]]  # (name, convert, default)
    updated_at: int  # position of updated_at in a row's values
    id_index: int

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            convert(row[name]) if name in row else default
            for name, convert, default in self.converters
        )


_PLANS: dict[tuple[Any, ...], _Plan] = {}


def _plan(model: type[SyncedModel], computed: tuple[str, ...] = ()) -> _Plan:
    cache_key = (model, tuple(model._meta.sorted_field_names), db.obj.param, computed)
    plan = _PLANS.get(cache_key)
    if plan is None:
        plan = _PLANS[cache_key] = _make_plan(model, computed)
    return plan


def _make_plan(model: type[SyncedModel], computed: tuple[str, ...]) -> _Plan:
    local = {k: v for k, v in _local_defaults(model).items() if k not in computed}
    on_sqlite = isinstance(db.obj, SqliteDatabase)
    converters = []
    for column in model._meta.sorted_fields:
        name = column.name
        default = column.db_value(local[name]) if name in local else None
        convert = _text_converter(column) if on_sqlite else _converter(column)
        converters.append((name, convert, default))
    names = [name for name, _, _ in converters]
    table = model._meta.table_name
    column_of = {name: model._meta.fields[name].column_name for name in names}
    columns = ", ".join(f'"{column_of[name]}"' for name in names)
    marks = ", ".join(db.obj.param for _ in names)
    # Local-only columns keep what HQ set (a search place), like replay's defaults do
    # for a new row; every travelling column takes the incoming value.
    updates = ", ".join(
        f'"{column_of[name]}" = excluded."{column_of[name]}"'
        for name in names
        if name != "id" and name not in local
    )
    insert = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'
    sql = (
        f'{insert} ON CONFLICT ("id") DO UPDATE '
        f'SET {updates} WHERE excluded."updated_at" > "{table}"."updated_at"'
    )
    return _Plan(sql, insert, converters, names.index("updated_at"), names.index("id"))


def _identity(value: Any) -> Any:
    return value


def _text_converter(column: Any) -> Callable[[Any], Any]:
    """JSON value → what SQLite stores, by string work alone (about ten times the pace
    of parsing each time and date): peewee keeps times as ISO 8601 with a space for
    the T, dates as ISO 8601, UUIDs as 32 hex digits; the rest as JSON gave them."""
    field = column.rel_field if isinstance(column, ForeignKeyField) else column
    if isinstance(field, DateTimeField):
        return lambda v: None if v is None else v.replace("T", " ", 1)
    if isinstance(field, UUIDField):
        return lambda v: None if v is None else _hex(v)
    if isinstance(field, DateField):
        return _identity
    return column.db_value if type(field).__name__ == "DecimalField" else _identity


def _hex(value: str) -> str:
    digits = value.replace("-", "")
    if len(digits) != 32:
        raise ValueError(f"not a UUID: {value!r}")
    return digits


def _converter(column: Any) -> Callable[[Any], Any]:
    """JSON value → what the driver stores, as peewee's `db_value` would make it."""
    field = column.rel_field if isinstance(column, ForeignKeyField) else column
    store = column.db_value
    if isinstance(field, DateTimeField):
        return lambda v: None if v is None else store(dt.datetime.fromisoformat(v))
    if isinstance(field, DateField):
        return lambda v: None if v is None else store(dt.date.fromisoformat(v))
    if isinstance(field, UUIDField):
        return lambda v: None if v is None else store(uuid.UUID(v))
    return store
