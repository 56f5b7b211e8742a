"""A revoked certificate can be replaced: at most one *current* certificate per enrollment.

Until 0004 `certificate.enrollment_id` was unique, so once a certificate was revoked
(a typo in the name, say) no corrected one could ever be issued. Now the column has a
plain index, and a partial unique index over the rows not revoked keeps the rule that
matters: one valid certificate per person and course, however many revoked ones stand
beside it. Existing rows satisfy both (they had one certificate per enrollment).
"""

from __future__ import annotations

from peewee import BooleanField, Database, Model, UUIDField
from playhouse.migrate import SchemaMigrator, migrate

from desktop.models.backend import sql_false

TABLE = "certificate"
OLD_UNIQUE = "certificate_enrollment_id"  # made by ForeignKeyField(unique=True) in 0004
CURRENT = "certificate_enrollment_current"


class _Certificate(Model):
    """Only the columns the new index names, as they are at this step."""

    id = UUIDField(primary_key=True)
    enrollment = UUIDField(column_name="enrollment_id")
    revoked = BooleanField(default=False)

    class Meta:
        table_name = TABLE


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(
        migrator.drop_index(TABLE, OLD_UNIQUE),
        migrator.add_index(TABLE, ("enrollment_id",), False),
    )
    _Certificate._meta.indexes = [
        _Certificate.index(_Certificate.enrollment, unique=True, name=CURRENT).where(
            _Certificate.revoked == sql_false(database)
        )
    ]
    with database.bind_ctx([_Certificate]):
        # Through the schema manager, as create_tables does: SQLite refuses a bound
        # parameter in a partial index's WHERE, and the manager writes a literal there.
        _Certificate._schema.create_indexes(safe=False)  # type: ignore[attr-defined]
