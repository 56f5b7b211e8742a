"""The applicant search's indexes on PostgreSQL (nothing to do on SQLite).

SQLite finds names through its FTS5 trigram table (migration 0003). On PostgreSQL the
same normalised `name_keys` get a `pg_trgm` GIN index, which answers
`name_keys LIKE '%word%'` (desktop/services/search/postgres.py).

Identifiers and the stored sort keys must compare by their bytes: digits by prefix
ranges, Persian order from `sort_name` (collation weights), whatever collation the
server was set up with (en_US.UTF-8 would ignore the underscores of status keys and
order the weights its own way). So these columns take the "C" collation, and the
btree indexes already over them (the models' `Meta.indexes`: sort_name with the
filter columns, district and status with sort_name, national code and mobile with the
filters, file number, center and number) are rebuilt with it and serve the search's
`COLLATE "C"` ranges and orders as they are.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

TABLE = "applicant"
# (column, its type as created by 0003): compared and sorted by their bytes.
BYTEWISE = (
    ("center_code", "VARCHAR(16)"),
    ("file_number", "VARCHAR(32)"),
    ("national_code", "VARCHAR(10)"),
    ("mobile", "VARCHAR(11)"),
    ("status", "VARCHAR(24)"),
    ("sort_name", "VARCHAR(400)"),
)
TRIGRAM_INDEX = "applicant_name_keys_trgm"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    if isinstance(database, SqliteDatabase):
        return
    # pg_trgm is a trusted extension: a database owner may create it.
    database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    columns = ", ".join(
        f'ALTER COLUMN "{column}" TYPE {kind} COLLATE "C"' for column, kind in BYTEWISE
    )
    database.execute_sql(f'ALTER TABLE "{TABLE}" {columns}')
    database.execute_sql(
        f'CREATE INDEX IF NOT EXISTS "{TRIGRAM_INDEX}" ON "{TABLE}" '
        "USING gin (name_keys gin_trgm_ops)"
    )
