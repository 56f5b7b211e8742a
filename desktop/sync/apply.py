"""Apply a file's changes at headquarters, set-based: the rows' JSON text is staged in a
temporary table, and per table one statement reads it and writes every row (`INSERT …
SELECT … ON CONFLICT (id) DO UPDATE … WHERE` the incoming row is newer) — the database
parses the JSON and converts the values, never one ORM call, nor one Python object,
per row.

The rule is replay's (desktop/sync/replay.py): the row a change carries replaces the
row with its id. Within one file only the last change of each row matters, so each
row is written once, as it stood at the file's end. A row HQ already holds with the
same or a later `updated_at` is left as it is (a re-sent range, or a file from a center
whose clock ran back): the report says so. Local-only columns get their defaults (they
never travel), or the values a `LocalValues` hook makes from the travelling ones (HQ
makes an applicant's search keys from the names: services/hq/imports.py).

Runs inside the caller's transaction (the import's, with its ledger row).

Why staged JSON and not Python rows: at 50,000 changes a file, parsing the lines into
dicts and converting each value took 2.3 s of a 5.7 s import on the development machine;
SQLite's `json_extract` and PostgreSQL's `jsonb_to_record` do the same in C.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import DateTimeField, ForeignKeyField, SqliteDatabase, UUIDField

from desktop.models import SyncedModel, db, writes
from desktop.models.db import copy_rows, execute_many
from desktop.models.distribution import primary_key
from desktop.sync.changes import Line
from desktop.sync.envelope import SyncFileError
from desktop.sync.replay import _empty, _local_defaults, synced_models


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

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped += count
            self.reasons[reason] = self.reasons.get(reason, 0) + count


SKIPPED_OLDER = "hq holds this row as changed later or at the same time"


@dataclass(frozen=True)
class LocalColumns:
    """How local-only columns of an entity are made from travelling ones: `make` is
    given {name: value} of `inputs` and returns {local column: value}."""

    inputs: tuple[str, ...]
    make: Callable[[dict[str, Any]], dict[str, Any]]


LocalValues = dict[str, LocalColumns]

STAGE = "sync_stage"  # (entity, id, row): the rows to write, one per id


def apply_changes(
    lines: Sequence[Line], center_code: str, local_values: LocalValues | None = None
) -> dict[str, EntityReport]:
    """Write `lines` (one center's, in sequence order); the report per entity."""
    models = synced_models()
    latest: dict[tuple[str, str], str] = {}
    for line in lines:
        if line.entity not in models:
            raise SyncFileError("damaged_payload", f"unknown entity {line.entity!r}")
        latest[line.entity, line.id] = line.row  # the last change of a row wins
    _stage((entity, key, row) for (entity, key), row in latest.items())
    _check_rows(center_code)
    entities = {entity for entity, _ in latest}
    reports: dict[str, EntityReport] = {}
    with writes.unlogged("rows that come from a center's sync file"):
        for entity, model in models.items():  # parents before children
            if entity in entities:
                reports[entity] = _write_staged(model, (local_values or {}).get(entity))
    _clear()
    return reports


def upsert_rows(
    model: type[SyncedModel], incoming: list[dict[str, Any]], local: LocalColumns | None = None
) -> EntityReport:
    """Write sync rows of `model` (ids distinct), each unless this database holds it as
    changed later; inside the caller's transaction and `writes.unlogged` (rows that came
    from elsewhere: HQ's reference data and other centers' keys at a center), or logged
    after by the caller (a center's own rows that HQ sends back). `local` makes the
    local-only columns, as at HQ's import."""
    if not incoming:
        return EntityReport()
    entity = model._meta.table_name
    _stage((entity, str(row["id"]), json.dumps(row, ensure_ascii=False)) for row in incoming)
    report = _write_staged(model, local)
    _clear()
    return report


# -- the stage ---------------------------------------------------------------------------


def _on_sqlite() -> bool:
    return isinstance(db.obj, SqliteDatabase)


def _stage(rows: Iterable[tuple[str, str, str]]) -> None:
    """Put (entity, id, row's JSON) into the stage, empty before. The id is kept as the
    table keeps it (32 hex digits on SQLite, as peewee stores a UUID)."""
    if _on_sqlite():
        # A rowid table filled in key order: each row is appended, to the table and to
        # its key's index alike (a WITHOUT ROWID table keeps the rows, of 600 bytes,
        # in the key's tree and took 0.15 s a file of 50,000 where this takes 0.09 s).
        db.execute_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (entity TEXT NOT NULL, id TEXT NOT NULL, "
            "row TEXT NOT NULL, PRIMARY KEY (entity, id))"
        )
        db.execute_sql(f"DELETE FROM temp.{STAGE}")
        execute_many(
            f"INSERT INTO temp.{STAGE} (entity, id, row) VALUES (?, ?, ?)",
            sorted((entity, key.replace("-", ""), row) for entity, key, row in rows),
        )
        return
    db.execute_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (entity text NOT NULL, id uuid NOT NULL, "
        "row json NOT NULL, PRIMARY KEY (entity, id))"
    )
    db.execute_sql(f"TRUNCATE {STAGE}")
    _guarded(lambda: copy_rows(f"COPY {STAGE} (entity, id, row) FROM STDIN", rows))
    db.execute_sql(f"ANALYZE {STAGE} (entity)")  # a temporary table has no statistics else


def _clear() -> None:
    db.execute_sql(f"DELETE FROM {'temp.' if _on_sqlite() else ''}{STAGE}")


def _check_rows(center_code: str) -> None:
    """Every staged row is the row its line names, of the file's center."""
    if _on_sqlite():
        sql = (
            f"SELECT entity, json_extract(row, '$.id') FROM temp.{STAGE} "
            "WHERE replace(json_extract(row, '$.id'), '-', '') IS NOT id "
            "OR json_extract(row, '$.center_code') IS NOT ? LIMIT 1"
        )
    else:
        sql = (
            f"SELECT entity, r.id FROM {STAGE}, json_to_record(row) AS r(id uuid, "
            f"center_code text) WHERE r.id IS DISTINCT FROM {STAGE}.id "
            "OR r.center_code IS DISTINCT FROM %s LIMIT 1"
        )
    wrong = _guarded(lambda: db.execute_sql(sql, (center_code,)).fetchone())
    if wrong is not None:
        raise SyncFileError(
            "damaged_payload",
            f"a {wrong[0]} row that is not its line's, or of another center than the file's",
        )


def _guarded(action: Callable[[], Any]) -> Any:
    """`action`, a row the database cannot read (not JSON, a value of the wrong type)
    refused as a damaged payload rather than raised as a database error."""
    try:
        return action()
    except Exception as error:  # the driver's and peewee's data errors differ by backend
        if _unreadable(error):
            detail = " ".join(str(error).split())[:300]
            raise SyncFileError("damaged_payload", detail) from None
        raise


def _unreadable(error: Exception) -> bool:
    name = type(error).__name__
    text = str(error).lower()
    return name in ("DataError", "InvalidTextRepresentation", "InvalidDatetimeFormat") or (
        "json" in text and ("malformed" in text or "invalid input" in text)
    )


# -- writing one table's staged rows -------------------------------------------------------


def _write_staged(model: type[SyncedModel], local: LocalColumns | None = None) -> EntityReport:
    entity = model._meta.table_name
    plan = _plan(model, local)
    if local is not None:
        _stage_local(entity, plan, local)
    stage = f"temp.{STAGE}" if _on_sqlite() else STAGE
    # How many staged rows are new here, and how many held as changed later (then left
    # as they are); the ids of the rows to be written.
    param = db.obj.param
    joined = f'FROM {stage} s LEFT JOIN "{entity}" t ON {plan.match} WHERE s.entity = {param}'
    older = f't."updated_at" >= {plan.incoming_updated_at}'
    # One pass: each staged id, whether HQ holds its row (1) and whether as changed later (2).
    state = f'CASE WHEN t."id" IS NULL THEN 0 WHEN {older} THEN 2 ELSE 1 END'
    found = _guarded(lambda: db.execute_sql(f"SELECT s.id, {state} {joined}", (entity,)).fetchall())
    kinds = Counter(kind for _, kind in found)
    report = EntityReport(created=kinds[0], updated=kinds[1])
    report.skip(SKIPPED_OLDER, kinds[2])
    report.written = [key for key, kind in found if kind != 2]
    cursor = _guarded(lambda: db.execute_sql(plan.sql, (*plan.params, entity)))
    if plan.checked:  # SQLite: the first column each written row holds wrongly, if any
        wrong = next((column for (column,) in cursor.fetchall() if column), None)
        if wrong is not None:
            detail = f"a {entity} row whose {wrong} is not a value its column holds"
            raise SyncFileError("damaged_payload", detail)
    return report


@dataclass(frozen=True)
class _Plan:
    sql: str  # INSERT … SELECT from the stage … ON CONFLICT … (its last parameter: entity)
    params: tuple[Any, ...]  # the local columns' defaults, before the entity
    incoming_updated_at: str  # the staged row's updated_at, comparable with the table's
    local_table: str  # where _stage_local puts the made local values
    match: str  # the join of a staged row (s) to the row it replaces (t)
    checked: bool = False  # SQLite: `sql` returns, per row, the column it holds wrongly


def _plan(model: type[SyncedModel], computed: LocalColumns | None) -> _Plan:
    """The statement that writes `model`'s staged rows. The first staged row's keys
    say which fields the file carries (one file, one schema): a field this schema lacks
    is refused by name, not guessed at; a field it has that the file lacks (a center a
    version behind) takes the field's default, as the center's own rows will when it
    migrates."""
    entity = model._meta.table_name
    on_sqlite = _on_sqlite()
    stage = f"temp.{STAGE}" if on_sqlite else STAGE
    first = db.execute_sql(
        f"SELECT row FROM {stage} WHERE entity = {db.obj.param} LIMIT 1", (entity,)
    ).fetchone()
    carried = set(json.loads(first[0]) if isinstance(first[0], str) else first[0])
    made = set(computed.make(dict.fromkeys(computed.inputs, ""))) if computed else set()
    local = {k: v for k, v in _local_defaults(model).items() if k not in made}
    travelling = [f for f in model._meta.sorted_fields if f.name not in model.local_only_fields]
    # A column that is local here may travel in a file written before it was (a
    # center's `is_local` did): it is this installation's to set, so it is dropped.
    unknown = carried - {f.name for f in travelling} - set(model.local_only_fields)
    if unknown:
        raise SyncFileError(
            "damaged_payload", f"{entity} rows with fields this schema lacks: {sorted(unknown)}"
        )
    missing = {f.name: _empty(f) for f in travelling if f.name not in carried}
    defaults = {**local, **missing}
    local_table = f"sync_local_{entity}"
    columns, values, params = [], [], []
    types = {} if on_sqlite else _column_types(entity)
    record = []
    for column in model._meta.sorted_fields:
        name, stored = column.name, column.column_name
        columns.append(f'"{stored}"')
        if name in made:
            values.append(f'l."{stored}"')
        elif name in defaults:
            values.append(db.obj.param)
            params.append(column.db_value(defaults[name]))
        elif on_sqlite:
            values.append(_sqlite_value(column, f"json_extract(s.row, '$.{name}')"))
        else:
            values.append(f'r."{name}"')
            record.append(f'"{name}" {types[stored]}')
    updates = ", ".join(
        f"{column} = excluded.{column}"
        for column, field_ in zip(columns, model._meta.sorted_fields, strict=True)
        if field_.name != "id" and field_.name not in defaults
    )
    source = f"{stage} s"
    if made:
        source += f" JOIN {'temp.' if on_sqlite else ''}{local_table} l ON l.id = s.id"
    if not on_sqlite:
        source += f", json_to_record(s.row) AS r({', '.join(record)})"
    param = db.obj.param
    key = ["id"] if on_sqlite else primary_key(entity)  # (center_code, id) at HQ: Citus
    q = '"'
    # How a staged row finds the row it replaces (by the whole key: the index's).
    match = 't."id" = s.id'
    if "center_code" in key:
        match = f"t.\"center_code\" = s.row->>'center_code' AND {match}"
    # Rows in key order: the table's primary key (a UUIDv7: time order) is then written
    # in order, not scattered.
    sql = (
        f'INSERT INTO "{entity}" ({", ".join(columns)}) SELECT {", ".join(values)} '
        f"FROM {source} WHERE s.entity = {param} ORDER BY s.id "
        f"ON CONFLICT ({', '.join(f'{q}{k}{q}' for k in key)}) DO UPDATE SET {updates} "
        f'WHERE excluded."updated_at" > "{entity}"."updated_at"'
    )
    if on_sqlite:
        incoming = "replace(json_extract(s.row, '$.updated_at'), 'T', ' ')"
    else:
        incoming = "(s.row->>'updated_at')::timestamp"
    checks = [
        f"WHEN {wrong} THEN '{f.name}'"
        for f in (travelling if on_sqlite else [])
        if f.name not in defaults and (wrong := _wrong_value(f))
    ]
    if checks:
        sql += f" RETURNING CASE {' '.join(checks)} END"
    return _Plan(sql, tuple(params), incoming, local_table, match, bool(checks))


# -- the values' types, on SQLite -------------------------------------------------------------
#
# PostgreSQL refuses a value its column cannot hold (text in an integer, a 13th month, a
# name past its length) and the file with it; SQLite would store it as it came. So on
# SQLite the write returns, for each row it wrote, the first column whose stored value
# is wrong — checked on the stored values, after SQLite's own conversions (text of
# digits in an integer column becomes the integer, as PostgreSQL reads it too), where
# they are cheap: 1.9 s over the bench merge's 1.1M rows measured apart (1.3 s of it
# the applicants), where the same checks on the staged JSON added 16 s to its 54 s. Text
# columns take any value as text here, so only their length is checked. A wrong value
# refuses the file (`damaged_payload`, the caller's transaction rolled back), by name
# of the column.


def _wrong_value(column: Any) -> str | None:
    """SQL, true when the row just written holds in `column` a value it cannot: of
    another type, or text that is not its date or time, not 32 characters for an id, or
    longer than the column."""
    field_ = column.rel_field if isinstance(column, ForeignKeyField) else column
    kind = "UUID" if isinstance(column, ForeignKeyField) else field_.field_type
    stored = f'"{column.column_name}"'
    wrong = {
        "BIGINT": f"typeof({stored}) <> 'integer'",
        "INT": f"typeof({stored}) <> 'integer'",
        "BOOL": f"{stored} NOT IN (0, 1)",
        "FLOAT": f"typeof({stored}) NOT IN ('integer', 'real')",
        "DATE": f"date({stored}) IS NOT {stored}",
        "DATETIME": (
            f"{stored} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
            f"OR datetime({stored}) IS NULL"
        ),
        # Its 32 characters, not which: testing each for a hex digit (GLOB) took 1.1 s a
        # million ids, and a row with a wrong one only fails to be found by its id.
        "UUID": f"typeof({stored}) <> 'text' OR length({stored}) <> 32",
    }.get(kind)
    if kind == "VARCHAR" and getattr(field_, "max_length", None):
        wrong = f"length({stored}) > {int(field_.max_length)}"  # text: any value is, here
    # typeof(), not IS NOT NULL: in this RETURNING, SQLite 3.40.1 found `"passing_score"
    # IS NOT NULL` true for a course written with none (not reproduced in a small table);
    # typeof() reads the value itself.
    if wrong is None:
        return None
    return f"typeof({stored}) <> 'null' AND ({wrong})" if column.null else f"({wrong})"


def _sqlite_value(column: Any, extracted: str) -> str:
    """A JSON value as SQLite stores the column (as peewee writes it): times with a
    space for the T, UUIDs as 32 hex digits, the rest as JSON gives them (true → 1)."""
    field_ = column.rel_field if isinstance(column, ForeignKeyField) else column
    if isinstance(field_, DateTimeField):
        return f"replace({extracted}, 'T', ' ')"
    if isinstance(field_, UUIDField):
        return f"replace({extracted}, '-', '')"
    return extracted


_TYPES: dict[str, dict[str, str]] = {}


def _column_types(table: str) -> dict[str, str]:
    """PostgreSQL's type of each column of `table` (as `jsonb_to_record` must be told)."""
    if table not in _TYPES:
        rows = db.execute_sql(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            (f'"{table}"',),
        ).fetchall()
        _TYPES[table] = dict(rows)
    return _TYPES[table]


def _stage_local(entity: str, plan: _Plan, local: LocalColumns) -> None:
    """Make the local columns of the staged rows of `entity` in Python (`local.make`),
    into a table the write joins."""
    on_sqlite = _on_sqlite()
    stage = f"temp.{STAGE}" if on_sqlite else STAGE
    if on_sqlite:
        reads = ", ".join(f"json_extract(row, '$.{name}')" for name in local.inputs)
        source = stage
    else:  # one parse of each row's JSON (`->>` parses it again for every field)
        reads = ", ".join(f'r."{name}"' for name in local.inputs)
        record = ", ".join(f'"{name}" text' for name in local.inputs)
        source = f"{stage}, json_to_record(row) AS r({record})"
    rows = db.execute_sql(
        f"SELECT id, {reads} FROM {source} WHERE entity = {db.obj.param}", (entity,)
    ).fetchall()
    made = [(row[0], local.make(dict(zip(local.inputs, row[1:], strict=True)))) for row in rows]
    names = sorted(made[0][1]) if made else []
    table = f"{'temp.' if on_sqlite else ''}{plan.local_table}"
    kind = "TEXT" if on_sqlite else "uuid"
    db.execute_sql(
        f"CREATE TEMP TABLE IF NOT EXISTS {plan.local_table} (id {kind} PRIMARY KEY, "
        + ", ".join(f'"{name}" text' for name in names)
        + ")"
    )
    db.execute_sql(f"DELETE FROM {table}")
    marks = ", ".join(db.obj.param for _ in range(len(names) + 1))
    execute_many(
        f"INSERT INTO {table} (id, {', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}) "
        f"VALUES ({marks})",
        [(key, *(values[name] for name in names)) for key, values in made],
    )
