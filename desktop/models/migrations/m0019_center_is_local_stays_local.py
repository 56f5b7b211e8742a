"""Whether a center row is this installation's own (`center.is_local`) no longer travels
in sync files: HQ took it from every center's file, held several "local" centers, and on
PostgreSQL `Center.local()` could name a center instead of HQ (the command line then
acted as that center's administrator and was refused). Here HQ's own row stays local
and the merged centers' rows are marked as not."""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator

HQ_CENTER_CODE = "HQ"  # models/reference_data.py, as of this migration


def apply(database: Database, migrator: SchemaMigrator) -> None:
    p = database.param
    database.execute_sql(
        f"UPDATE center SET is_local = {p} WHERE code <> {p} AND EXISTS "
        f"(SELECT 1 FROM center hq WHERE hq.code = {p} AND hq.is_local = {p})",
        (False, HQ_CENTER_CODE, HQ_CENTER_CODE, True),
    )
