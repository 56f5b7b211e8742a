"""Opening the database: bind the proxy, connect, and bring the schema up to date.

Above both `db` (the proxy, the database classes, their problems) and `migrations`
(which use the models, which use the proxy), so the imports run one way.

A command that creates a database (`init`, `demo`) and then fails to set it up leaves
nothing behind (`removed_if_unfinished`): an empty, migrated file left at a mistyped
path would look like a database to every later command and to the app.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from peewee import Database

from desktop.models.db import SQLITE_SIDECARS, close_database, connect_database
from desktop.models.migrations import migrate_to_latest
from desktop.models.private_keys import KEY_FILE_SUFFIX

log = logging.getLogger(__name__)


def open_database(target: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Bind the proxy to `target`, connect, and (unless `migrate=False`) migrate.

    `create=False` refuses a missing (or empty) SQLite file instead of making one;
    see `db.connect_database` for what else opening checks.
    """
    database = connect_database(target, create=create)
    if migrate:
        migrate_to_latest(database)
    return database


@contextlib.contextmanager
def removed_if_unfinished(target: str | Path) -> Iterator[None]:
    """Around creating and setting up a new SQLite database: if the block raises, the
    database is closed and what this run created is removed — the file, its -wal,
    -shm and -journal, its key file, and the folders made for it — and the error goes
    on. A database that was there before is left as it is (with its -wal: removing
    that would lose commits), and so is every other file or folder that was there;
    an empty file someone made ready for the database is emptied again. A URL or
    :memory: is left to its server."""
    text = str(target)
    path = Path(text).expanduser().absolute()
    made_ready = path.is_file() and path.stat().st_size == 0
    if "://" in text or text == ":memory:" or (path.exists() and not made_ready):
        yield
        return
    files = [path.with_name(path.name + suffix) for suffix in ("", *SQLITE_SIDECARS)]
    files.append(path.with_name(path.name + KEY_FILE_SUFFIX))
    new_files = [file for file in files if not file.exists() and not file.is_symlink()]
    new_folders = []  # the folders to be made, deepest first
    folder = path.parent
    while not folder.exists():
        new_folders.append(folder)
        folder = folder.parent
    try:
        yield
    except BaseException:
        close_database()
        for file in new_files:
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
        if made_ready:
            path.write_bytes(b"")
        for folder in new_folders:
            try:
                folder.rmdir()
            except OSError:  # something else was put there meanwhile: it stays
                log.warning("kept %s: not empty", folder)
                break
        raise
