"""HQ's PostgreSQL schema keyed by center, so that Citus can distribute it by
`center_code` (docs/hq-scale.md) when one server is no longer enough.

Citus requires every primary and unique key of a distributed table to contain the
distribution column, and a foreign key between two distributed tables to join on it.
`key_by_center` rewrites the schema the migrations made, from PostgreSQL's catalogue
(not from a list kept by hand, so a table a later migration adds is keyed the same
way when HQ's schema is keyed again):

- every synced table but the reference data HQ owns (`REFERENCE_TABLES`) gets the
  primary key `(center_code, id)`;
- each of its unique indexes without `center_code` gets it as its first column
  (`certificate.serial` → `(center_code, serial)`): the numbers carry the center's code
  already, so the wider key refuses what the narrow one did;
- each foreign key from one such table to another becomes `(center_code, x_id) →
  (center_code, id)`: a row and its parent belong to the same center, and would sit on
  the same Citus worker. Foreign keys to the reference tables stay as they are (a
  reference table is copied to every worker).

Run once by `hq init` on PostgreSQL (services/hq/setup.py), in its transaction; HQ's
import then upserts on `(center_code, id)` (desktop/sync/apply.py reads the key from
the catalogue). Centers, and HQ on SQLite (a trial), keep the keys the migrations made.
"""

from __future__ import annotations

from desktop.models import SYNCED_MODELS, db
from desktop.models.backend import is_postgres

REFERENCE_TABLES = ("district", "partner")  # HQ's own: Citus reference tables
DISTRIBUTION_COLUMN = "center_code"


def distributed_tables() -> list[str]:
    return [
        model._meta.table_name
        for model in SYNCED_MODELS
        if model._meta.table_name not in REFERENCE_TABLES
    ]


def primary_key(table: str) -> list[str]:
    """The columns of `table`'s primary key, in order (PostgreSQL's catalogue)."""
    rows = db.execute_sql(
        "SELECT a.attname FROM pg_index x CROSS JOIN LATERAL unnest(x.indkey) "
        "WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a "
        "ON a.attrelid = x.indrelid AND a.attnum = k.attnum "
        "WHERE x.indrelid = %s::regclass AND x.indisprimary ORDER BY k.n",
        (f'"{table}"',),
    ).fetchall()
    return [name for (name,) in rows]


def keyed_by_center() -> bool:
    """Whether this database's schema is keyed by center (HQ on PostgreSQL)."""
    return is_postgres(db.obj) and primary_key("applicant")[:1] == [DISTRIBUTION_COLUMN]


def key_by_center() -> None:
    """Key the distributed tables by center (see the module's docstring); on
    PostgreSQL only, inside the caller's transaction."""
    if not is_postgres(db.obj) or keyed_by_center():
        return
    tables = distributed_tables()
    names = ", ".join(f"'{table}'" for table in tables)
    foreign = db.execute_sql(
        "SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text, "
        "a.attname, c.confdeltype FROM pg_constraint c JOIN pg_attribute a "
        "ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        f"WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ({_quoted(tables)}) "
        f"AND trim(both '\"' from c.confrelid::regclass::text) IN ({names})"
    ).fetchall()
    for name, table, _, _, _ in foreign:
        db.execute_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for table in tables:
        _key_table(table)
    for name, table, parent, column, on_delete in foreign:
        action = {"c": " ON DELETE CASCADE", "n": " ON DELETE SET NULL"}.get(on_delete, "")
        db.execute_sql(
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" FOREIGN KEY '
            f'("{DISTRIBUTION_COLUMN}", "{column}") REFERENCES {parent} '
            f'("{DISTRIBUTION_COLUMN}", "id"){action}'
        )


def _quoted(tables: list[str]) -> str:
    """Table names as `regclass::text` gives them (quoted where a keyword: "user")."""
    return ", ".join(f"'{table}'" if table != "user" else "'\"user\"'" for table in tables)


def _key_table(table: str) -> None:
    constraint = db.execute_sql(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'",
        (f'"{table}"',),
    ).fetchone()
    if constraint is not None:
        db.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint[0]}"')
    db.execute_sql(f'ALTER TABLE "{table}" ADD PRIMARY KEY ("{DISTRIBUTION_COLUMN}", "id")')
    # Rows are still looked up by id alone (a page of search results, a duplicate case).
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{table}_id" ON "{table}" ("id")')
    unique = db.execute_sql(
        "SELECT i.relname, pg_get_indexdef(x.indexrelid), "
        "(SELECT array_agg(a.attname::text) FROM pg_attribute a "
        " WHERE a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)) "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND x.indisunique AND NOT x.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        (f'"{table}"',),
    ).fetchall()
    for name, definition, columns in unique:
        if DISTRIBUTION_COLUMN in (columns or []):
            continue
        head, sep, rest = definition.partition(" USING btree (")
        if not sep:  # not a plain b-tree index: nothing the app makes
            raise RuntimeError(f"cannot key {name} by center: {definition}")
        db.execute_sql(f'DROP INDEX "{name}"')
        db.execute_sql(f'{head}{sep}"{DISTRIBUTION_COLUMN}", {rest}')
