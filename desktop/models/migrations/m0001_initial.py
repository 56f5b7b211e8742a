"""Centers, settings, users and the change log, as first shipped."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)
from playhouse.migrate import SchemaMigrator


class _Synced(Model):
    id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)


class Center(_Synced):
    code = CharField(max_length=16, unique=True)
    name = CharField(max_length=200)
    city = CharField(max_length=100, default="")
    is_local = BooleanField(default=False)

    class Meta:
        table_name = "center"


class Setting(Model):
    key = CharField(max_length=100, primary_key=True)
    value = TextField()

    class Meta:
        table_name = "setting"


class User(_Synced):
    username = CharField(max_length=64, unique=True)
    display_name = CharField(max_length=200)
    role = CharField(max_length=16)
    password_hash = CharField(max_length=255)
    active = BooleanField(default=True)

    class Meta:
        table_name = "user"


class ChangeLog(Model):
    center_code = CharField(max_length=16)
    seq = IntegerField()
    entity = CharField(max_length=64)
    entity_id = CharField(max_length=36)
    operation = CharField(max_length=16)
    data = TextField()
    changed_at = DateTimeField()
    changed_by = CharField(max_length=36, null=True)

    class Meta:
        table_name = "change_log"
        indexes = ((("center_code", "seq"), True),)


def apply(database: Database, migrator: SchemaMigrator) -> None:
    models = [Center, Setting, User, ChangeLog]
    with database.bind_ctx(models):
        database.create_tables(models)
