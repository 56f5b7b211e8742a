"""The center's private signing key leaves the database.

Until now `center_key.private_key` held it, so whoever could read the database file (a
backup, a copy sent to IT) could forge the center's certificates. Each private key is
written to the key store of this database first (desktop/models/private_keys.py: the OS
keyring, or `<database>.keys`, 0600, next to the file), then the column is dropped.

SQLite would leave the dropped bytes in the file's free pages: `secure_delete` makes it
overwrite them with zeros while the column goes, and is put back as it was after
(backend.erasing_freed_pages).
If the migration fails after the keys were saved, they are in both places, and the next
start saves the same keys again (saving a key twice changes nothing).
"""

from __future__ import annotations

from peewee import Database
from playhouse.migrate import SchemaMigrator, migrate

from desktop.models.backend import erasing_freed_pages
from desktop.models.private_keys import store_for

TABLE = "center_key"
COLUMN = "private_key"


def apply(database: Database, migrator: SchemaMigrator) -> None:
    store = store_for(database)
    rows = database.execute_sql(
        f"SELECT public_key, {COLUMN} FROM {TABLE} WHERE {COLUMN} IS NOT NULL AND {COLUMN} != ''"
    ).fetchall()
    for public_key, private_key in rows:
        store.save(public_key, private_key)
    with erasing_freed_pages(database):
        database.execute_sql(f"UPDATE {TABLE} SET {COLUMN} = NULL")
        migrate(migrator.drop_column(TABLE, COLUMN))
