"""Numbered schema migrations (playhouse.migrate) and the schema-version table.

Each migration is a module `mNNNN_name.py` with `apply(database, migrator)`. A migration
describes the schema *as it was at that step* (frozen model classes or migrator
operations), never the current models, so an old database always walks the same path a
fresh one did. `tests/test_migrations.py` checks that the result equals the models.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from types import ModuleType

from peewee import CharField, Database, DateTimeField, IntegerField, Model
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator

from desktop.models.backend import bytewise_text_columns, is_sqlite
from desktop.models.base import utcnow
from desktop.models.deferred_indexes import restore_indexes

log = logging.getLogger(__name__)


class SchemaVersion(Model):
    version = IntegerField(primary_key=True)
    name = CharField(max_length=100)
    applied_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "schema_version"


def numbered() -> list[tuple[int, str]]:
    """(number, name) of every migration in this package, in order, none imported: a
    database already at the latest version loads no migration at start-up."""
    found = [
        (int(info.name[1:5]), info.name[6:])
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m") and info.name[1:5].isdigit()
    ]
    return sorted(found)


def load(number: int, name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.m{number:04d}_{name}")


def latest_version() -> int:
    return numbered()[-1][0]


def current_version(database: Database) -> int:
    with SchemaVersion.bind_ctx(database):
        if not SchemaVersion.table_exists():
            return 0
        value = (
            SchemaVersion.select(SchemaVersion.version)
            .order_by(SchemaVersion.version.desc())
            .scalar()
        )
        return int(value or 0)


def migrator_for(database: Database) -> SchemaMigrator:
    if is_sqlite(database):
        return SqliteMigrator(database)
    return PostgresqlMigrator(database)


def migrate_to_latest(database: Database, target: int | None = None) -> list[int]:
    """Apply every migration above the database's version (up to `target`).

    Each migration runs in its own transaction together with its version row, so a
    failure leaves the database at the previous version, never in between. On
    PostgreSQL the text columns a migration adds are made to compare byte by byte, as
    on SQLite (desktop/models/backend.py). Then it
    puts back the indexes an interrupted bulk load left out (see deferred_indexes.py):
    this runs at every opening of the database.
    """
    applied: list[int] = []
    with SchemaVersion.bind_ctx(database):
        database.create_tables([SchemaVersion], safe=True)
        have = current_version(database)
        migrator = migrator_for(database)
        for number, name in numbered():
            if number <= have or (target is not None and number > target):
                continue
            log.info("applying migration %04d %s", number, name)
            with database.atomic():
                load(number, name).apply(database, migrator)
                bytewise_text_columns(database)  # PostgreSQL: text compares as on SQLite
                SchemaVersion.create(version=number, name=name)
            applied.append(number)
    restore_indexes(database)
    return applied
