"""Opening the database: bind the proxy, connect, and bring the schema up to date.

Above both `db` (the proxy, the database classes, their problems) and `migrations`
(which use the models, which use the proxy), so the imports run one way.
"""

from __future__ import annotations

from pathlib import Path

from peewee import Database

from desktop.models.db import connect_database
from desktop.models.migrations import migrate_to_latest


def open_database(target: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Bind the proxy to `target`, connect, and (unless `migrate=False`) migrate.

    `create=False` refuses a missing (or empty) SQLite file instead of making one;
    see `db.connect_database` for what else opening checks.
    """
    database = connect_database(target, create=create)
    if migrate:
        migrate_to_latest(database)
    return database
