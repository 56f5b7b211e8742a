"""Lock-out after repeated failed logins, last login time, and the audit log."""

from __future__ import annotations

from peewee import AutoField, CharField, Database, DateTimeField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate


class AuditLog(Model):
    id = AutoField()
    at = DateTimeField(index=True)
    user_id = CharField(max_length=36, null=True)
    username = CharField(max_length=64, default="")
    action = CharField(max_length=64)
    detail = TextField(default="")

    class Meta:
        table_name = "audit_log"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(
        migrator.add_column("user", "failed_logins", IntegerField(default=0)),
        migrator.add_column("user", "locked_until", DateTimeField(null=True)),
        migrator.add_column("user", "last_login_at", DateTimeField(null=True)),
    )
    with database.bind_ctx([AuditLog]):
        database.create_tables([AuditLog])
