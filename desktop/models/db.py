"""The database: declared once as a proxy, opened once at start-up (`opening.py`).

SQLite is the embedded default (one file in the user's data directory, WAL, foreign keys
on); every transaction takes the write lock when it begins, and a writer that finds it
taken waits, says so, and gives up after a bounded time with a message a person can act
on (`ImmediateSqliteDatabase`). HQ points the same models at PostgreSQL with a database
URL (playhouse.db_url). Tests use ":memory:".

Only a command that sets a database up (`init`, `demo`, the app's first run) creates
one (`create=True`); everything else refuses a missing file rather than leave an empty
database and its folders behind a mistyped path. Whatever stops a database from being
used — a folder, a file that is not SQLite, a read-only or damaged file, a URL with an
unknown scheme or a driver that is not installed — is a `DatabaseProblem`: a UserError
with a Persian message for the app and a reason the command line words in English.
"""

from __future__ import annotations

import importlib.util
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import peewee
from peewee import Database, DatabaseError, DatabaseProxy, ImproperlyConfigured, SqliteDatabase
from playhouse import db_url

from desktop.config import create_private_dir, make_private
from desktop.errors import UserError
from desktop.strings.database import DatabaseMessages
from desktop.text.collation import persian_collate
from desktop.text.digits import format_number

log = logging.getLogger(__name__)

db = DatabaseProxy()

# ms: one attempt at the write lock. A writer still locked out after it tells the user
# it is waiting and tries again, up to write_lock_wait (ImmediateSqliteDatabase).
BUSY_TIMEOUT_MS = 1000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",  # safe with WAL: a power cut loses at most the last commit
    "cache_size": -32000,  # KiB
    "temp_store": "memory",
}
WRITE_LOCK_WAIT = 15.0  # s; the app's Tk thread waits this long at most, the CLI longer
SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
SERVER_SCHEMES = ("postgres", "postgresql", "postgresext", "postgresqlext")
# What installs PostgreSQL's driver (pyproject.toml), named when it is missing.
POSTGRES_EXTRA = "pip install -e '.[postgres]'"

T = TypeVar("T")


class DatabaseProblem(UserError):
    """The database cannot be used. `reason` names the message in DatabaseMessages
    (missing, directory, not_sqlite, damaged, cannot_open, read_only, full, busy,
    unknown_scheme, unsupported, driver_missing, cannot_connect, bad_url); `target` is
    the path, or the URL without its password; `detail` what the driver said, if anything;
    `seconds` how long a writer waited (in the Persian message with Persian digits, as
    every quantity a person reads: desktop/text/digits.py)."""

    def __init__(self, reason: str, target: str = "", detail: str = "", seconds: int = 0):
        template: str = getattr(DatabaseMessages, reason.upper())
        message = template.format(target=target, seconds=format_number(seconds))
        super().__init__(message, code=f"database_{reason}")
        self.reason = reason
        self.target = target
        self.detail = detail
        self.seconds = seconds


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF) that mean the
# database itself is the problem, not the statement.
_SQLITE_REASONS = {
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "cannot_open",  # SQLITE_CANTOPEN
    26: "not_sqlite",  # SQLITE_NOTADB
}


def problem_from(error: BaseException, target: str) -> DatabaseProblem | None:
    """The DatabaseProblem an SQLite error stands for, or None for any other error."""
    original: BaseException | None = error
    while original is not None and not isinstance(original, sqlite3.Error):
        # peewee raises its own exception while handling the driver's
        original = original.__cause__ or original.__context__
    code = getattr(original, "sqlite_errorcode", None)
    if code is None:
        return None
    reason = _SQLITE_REASONS.get(code & 0xFF)
    return DatabaseProblem(reason, target, str(original)) if reason else None


class ImmediateSqliteDatabase(SqliteDatabase):
    """SQLite whose transactions begin IMMEDIATE, and whose writers wait for each other.

    Why IMMEDIATE: a deferred transaction that reads and then writes asks for the write
    lock in the middle; if another connection holds it, SQLite fails at once with
    "database is locked" — waiting there could deadlock, so the busy timeout is never
    used — and even after waiting, the other writer's commit makes the transaction's
    snapshot stale. A clerk saving in the app made an IT import fail 3 times of 3.
    Taking the write lock at BEGIN lets SQLite wait for it before anything is read.
    peewee 4 has this as `SqliteDatabase(lock_type="IMMEDIATE")`, used by every
    `db.atomic()` (nested ones are savepoints inside it). Reads outside a transaction
    are unaffected: in WAL mode readers never wait for a writer. A transaction that
    only reads takes the write lock too, for as long as it lasts — there are few, and
    they are short.

    Why the loop: the busy timeout is one attempt (SQLITE_PRAGMAS). When it runs out,
    `on_lock_wait` is called once (the CLI prints a line, a test can release the lock)
    and the attempt is repeated until `write_lock_wait` seconds have gone by; then a
    DatabaseProblem("busy") ends the work with nothing written. A statement outside a
    transaction that meets the lock is retried the same way (it changed nothing).
    """

    def __init__(
        self, database: str, *, write_lock_wait: float = WRITE_LOCK_WAIT, **kwargs: Any
    ) -> None:
        kwargs.setdefault("lock_type", "IMMEDIATE")
        kwargs.setdefault("pragmas", SQLITE_PRAGMAS)
        super().__init__(database, **kwargs)
        self.write_lock_wait = write_lock_wait
        self.on_lock_wait: Callable[[], None] = lambda: None

    def begin(self, lock_type: str | None = None) -> None:
        self._waiting_for_the_lock(lambda: SqliteDatabase.begin(self, lock_type))

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._ended_by_sqlite():
            return None
        return self._attempt(lambda: SqliteDatabase.execute_sql(self, sql, params))

    def rollback(self) -> None:
        if not self._ended_by_sqlite():
            super().rollback()

    def _ended_by_sqlite(self) -> bool:
        """Whether SQLite already ended the transaction: it rolls it back by itself on a
        full disk, an I/O error or a lack of memory. The atomic blocks that unwind
        then have nothing left to undo, and their ROLLBACK failing ("no transaction is
        active") would hide the error that matters under one that says nothing."""
        return not self.is_closed() and not self.connection().in_transaction

    def commit(self) -> None:
        """peewee commits on the connection, not through `execute_sql`: a COMMIT that
        fails (the disk filled up as the log was written) is translated here."""
        self._translated(lambda: SqliteDatabase.commit(self))

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows on the connection itself (the bulk paths: about
        ten times peewee's pace), translated as `execute_sql` is. All rows or none: in
        a transaction of its own unless in the caller's (whose BEGIN waited for the
        lock), since a retry after a row or two would write them twice."""
        with self.atomic():
            self._translated(lambda: _executemany(self, sql, rows))

    def _attempt(self, attempt: Callable[[], T]) -> T:
        if self.in_transaction():  # holds the write lock: nothing to wait for
            return self._translated(attempt)
        return self._waiting_for_the_lock(attempt)

    def _translated(self, attempt: Callable[[], T]) -> T:
        try:
            return attempt()
        except (DatabaseError, sqlite3.Error) as error:  # peewee's, or the driver's own
            problem = problem_from(error, self.database)
            if problem is None:
                raise
            raise problem from error

    def _waiting_for_the_lock(self, attempt: Callable[[], T]) -> T:
        started: float | None = None
        while True:
            try:
                return self._translated(attempt)
            except DatabaseProblem as problem:
                if problem.reason != "busy":
                    raise
                now = time.monotonic()
                if started is None:
                    started = now
                    log.info("waiting for the write lock of %s", self.database)
                    self.on_lock_wait()
                elif now - started >= self.write_lock_wait:
                    waited = round(now - started + BUSY_TIMEOUT_MS / 1000)
                    raise DatabaseProblem("busy", self.database, seconds=waited) from problem


def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """`ImmediateSqliteDatabase.execute_many` on the open database. Every write that
    bypasses peewee's `execute_sql` goes through here, never `db.connection()` itself:
    the driver's errors (read-only, disk full, locked…) then reach people as a
    DatabaseProblem, not as a raw sqlite3 error."""
    database = db.obj
    if isinstance(database, ImmediateSqliteDatabase):
        database.execute_many(sql, rows)
        return
    try:
        _executemany(database, sql, rows)
    except (DatabaseError, sqlite3.Error) as error:
        problem = problem_of(error)
        if problem is None:
            raise
        raise problem from error


def copy_rows(sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's COPY … FROM STDIN of `rows` on the open database's connection (the
    bulk path for staging thousands of rows: one stream, not a statement a row), its
    errors translated as `execute_many`'s are."""
    database = db.obj
    try:
        wrapper = peewee.__exception_wrapper__  # type: ignore[attr-defined]  # not in the stubs
        with wrapper, database.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except DatabaseError as error:
        problem = problem_of(error)
        if problem is None:
            raise
        raise problem from error


def _executemany(database: Database, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """The driver's executemany, its errors as peewee's (IntegrityError whether the
    driver is sqlite3 or psycopg), as for every statement peewee runs itself."""
    with peewee.__exception_wrapper__:  # type: ignore[attr-defined]  # not in the stubs
        database.cursor().executemany(sql, rows)


def problem_of(error: BaseException) -> DatabaseProblem | None:
    """`problem_from` for the database the proxy is bound to (its path or URL named):
    a catch-all's last resort, for an error that escaped every translation."""
    if isinstance(error, DatabaseProblem):
        return error
    database = db.obj
    target = describe_target(database.database) if database is not None else ""
    return problem_from(error, target)


def describe_target(target: str | Path) -> str:
    """The database as a person may see it: a path, or a URL without its password."""
    text = str(target)
    if "://" not in text:
        return text
    parsed = urlparse(text)
    if parsed.password is None:
        return text
    return parsed._replace(netloc=parsed.netloc.replace(f":{parsed.password}@", ":***@")).geturl()


def postgres_driver_installed() -> bool:
    """Whether psycopg 3, PostgreSQL's driver (the optional extra `postgres`), is here."""
    return importlib.util.find_spec("psycopg") is not None


def database_for(target: str | Path, *, create: bool = True) -> Database:
    """A peewee Database for a path, ':memory:', or a URL such as postgresql://…

    With `create`, a missing SQLite file will be made (its missing folders 0700);
    without it, a path that is not an existing SQLite database is a DatabaseProblem.
    """
    text = str(target)
    if "://" in text:
        scheme = urlparse(text).scheme
        if scheme == "sqlite":  # sqlite:///relative or sqlite:////absolute: our own pragmas
            return database_for(db_url.parse(text)["database"], create=create)
        if scheme not in SERVER_SCHEMES:
            reason = "unsupported" if scheme in db_url.schemes else "unknown_scheme"
            raise DatabaseProblem(reason, describe_target(text))
        try:
            # psycopg 3 (the `postgres` extra), even where psycopg2 is installed too.
            database = db_url.connect(
                text, unquote_password=True, unquote_user=True, prefer_psycopg3=True
            )
        except ValueError as error:  # "has no database name"
            raise DatabaseProblem("bad_url", describe_target(text), str(error)) from None
        if not postgres_driver_installed():
            raise DatabaseProblem("driver_missing", describe_target(text), POSTGRES_EXTRA)
        return database
    if text == ":memory:":
        return ImmediateSqliteDatabase(text)
    path = Path(text).expanduser()
    _check_sqlite_file(path, create=create)
    if create:
        create_private_dir(path.parent)
    return ImmediateSqliteDatabase(str(path))


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise DatabaseProblem("directory", str(path))
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        if create:
            return
        raise DatabaseProblem("missing", str(path)) from None
    except OSError as error:
        raise DatabaseProblem("cannot_open", str(path), error.strerror or "") from None
    if not header and create:  # an empty file is a database not made yet
        return
    if header != SQLITE_HEADER:
        raise DatabaseProblem("missing" if not header else "not_sqlite", str(path))


def connect_database(target: str | Path, *, create: bool = True) -> Database:
    """Bind the proxy to `target` and connect; `desktop.models.opening.open_database`
    also brings the schema up to date, and is what callers use.

    `create=False` refuses a missing (or empty) SQLite file instead of making one.
    The database file and its -wal/-shm are made private to this user (0600) if an
    older version left them readable by others.
    """
    database = database_for(target, create=create)
    if isinstance(database, SqliteDatabase):
        # Persian alphabetical order for ORDER BY … COLLATE persian.
        database.register_collation(persian_collate, "persian")
    db.initialize(database)
    shown = describe_target(target)
    try:
        database.connect(reuse_if_open=True)
    except ImproperlyConfigured:  # peewee: "… driver not installed/found"
        raise DatabaseProblem("driver_missing", shown, POSTGRES_EXTRA) from None
    except DatabaseError as error:
        problem = problem_from(error, shown)
        if problem is None and not isinstance(database, SqliteDatabase):
            problem = DatabaseProblem("cannot_connect", shown, str(error).strip())
        if problem is None:
            raise
        raise problem from error
    if isinstance(database, SqliteDatabase) and database.database != ":memory:":
        for suffix in ("", *SQLITE_SIDECARS):
            make_private(Path(database.database + suffix))
    return database


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


class Checkpointer:
    """Copies SQLite's write-ahead log into the database on a thread of its own.

    SQLite checkpoints by itself inside the commit that takes the log past 1,000 pages:
    at a million applicants that adds about 12 ms to one registration in fifteen
    (bench/search.py: p50 2.6 ms, p95 14 ms). The app turns that off on its connection
    and runs PASSIVE checkpoints here instead — they never wait for, nor block, a reader
    or a writer — so a save costs only its own statements. The command line keeps
    SQLite's own checkpoints: its runs are short and nothing waits on a keystroke.

    If this thread stopped, the log would only grow (nothing is lost); `stop()` puts
    the connection back on automatic checkpoints and checkpoints once more.
    """

    AUTOMATIC_PAGES = 1000  # SQLite's default wal_autocheckpoint

    def __init__(self, path: str | Path, *, interval: float = 1.0):
        self.path = str(path)
        self.interval = interval
        self.checkpointed_frames = 0  # frames moved into the database so far (for tests)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def start_for(cls, database: Database, **options: float) -> Checkpointer | None:
        """Start one for a SQLite file database (None for :memory: or PostgreSQL)."""
        if not isinstance(database, SqliteDatabase) or database.database == ":memory:":
            return None
        checkpointer = cls(database.database, **options)
        database.execute_sql("PRAGMA wal_autocheckpoint = 0")
        checkpointer._thread = threading.Thread(
            target=checkpointer._run, name="sqlite-checkpoint", daemon=True
        )
        checkpointer._thread.start()
        return checkpointer

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
        except sqlite3.Error:
            log.exception("background checkpoints could not start")
            return
        try:
            while not self._stopping.wait(self.interval):
                self.checkpoint(connection)
        finally:
            connection.close()

    def checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            _busy, _log_frames, moved = connection.execute(
                "PRAGMA wal_checkpoint(PASSIVE)"
            ).fetchone()
        except sqlite3.Error:
            log.warning("background checkpoint failed", exc_info=True)
            return
        self.checkpointed_frames += max(moved, 0)

    def stop(self, database: Database) -> None:
        """End the thread, put `database` back on automatic checkpoints, checkpoint."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
        if not database.is_closed():
            database.execute_sql(f"PRAGMA wal_autocheckpoint = {self.AUTOMATIC_PAGES}")
            database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")


LOAD_CACHE_KIB = 262_144  # SQLite's page cache while loading in bulk


@contextmanager
def larger_cache() -> Iterator[None]:
    """A larger SQLite page cache while loading in bulk (a demo registry, HQ's merge of
    sync files: the indexes of a million rows outgrow the usual 32 MB and every insert
    would read their pages again), the previous size restored after. Nothing on
    PostgreSQL, whose server keeps its own."""
    database = db.obj
    if not isinstance(database, SqliteDatabase):
        yield
        return
    previous = int(database.execute_sql("PRAGMA cache_size").fetchone()[0])
    if previous > -LOAD_CACHE_KIB:
        database.execute_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {previous}")
