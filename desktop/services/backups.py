"""Backups of a center's SQLite database, and restoring one.

A backup is a whole SQLite database written by SQLite's online backup API from one
read snapshot of the live file — never a copy of an open file, which can catch a
write half done — then checked before it gets its name: `PRAGMA integrity_check`, and
the rows of every table counted in the backup against the same snapshot. It is written
under a temporary name, fsynced and renamed (a backup cut off by a power loss is never
mistaken for one), switched out of WAL mode (one self-contained file), and private to
the user (0600, in a 0700 folder): it holds the center's casework.

A backup carries its own seal: the SHA-256 of its pages, in a line after the last page
(`_seal`), where SQLite — which reads as many pages as the file's header says — never
looks, so the file is still one ordinary SQLite database. A restore checks it first: a
flipped byte inside a value that SQLite's own checks accept (a digit of a national
code, a letter of a name) is refused, not put back. A backup written before seals has
none and is checked by SQLite alone.

Where and when: automatic backups go to `backups/` beside the database — one at the
first start of each day (`daily`), one when the app closes after changes (`quit`), one
of the current database before a restore (`before-restore`) — and are rotated: the
newest of each of the last 7 days, 4 weeks and 12 months is kept, the rest deleted. "Back
up now" writes one to a chosen folder (a USB stick: `manual`), never rotated.

The center's private keys are not in a backup (they live beside the database or in the
OS keyring: models/private_keys.py): a backup on a lost USB stick cannot sign
certificates. A center that loses its disk keeps its data from the backup and gets a
new signing key from HQ's provisioning.

PostgreSQL is backed up by its own tools (`pg_dump`; README «Backups»); these functions
refuse a server database with that pointer.

Restoring writes the backup into the live database through the same backup API (the
open connections see the restored data at their next transaction; nothing is copied
over an open file). If the backup is behind what the database had already sent to HQ,
the restored database is marked rewound and refuses to export (HQ would otherwise skip
the new changes that reuse the numbers it holds): `sync_rewound` below.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from desktop import partial_files
from desktop.config import make_private
from desktop.errors import UserError
from desktop.models import Center, ChangeLog, Role, Setting, changelog, db
from desktop.models.db import SqliteDatabase, close_database
from desktop.models.migrations import latest_version
from desktop.models.opening import open_database
from desktop.services.session import Session
from desktop.strings.backups import BackupMessages
from desktop.strings.desk import DeskMessages
from desktop.text.digits import persian_digits

log = logging.getLogger(__name__)

# The seal's line, 95 bytes after the last page (its length tells a sealed backup).
SEAL_LINE = re.compile(rb"\n-- tavana backup seal sha256 ([0-9a-f]{64})\n")
SEAL_LENGTH = 95

SUFFIX = ".sqlite3"
AUTOMATIC_FOLDER = "backups"
KINDS = ("daily", "quit", "manual", "before-restore")
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
STALE_DAYS = 7  # an admin's home page warns when the last backup is older
LAST_BACKUP_AT = "backup.last_at"  # Setting: when the last backup of any kind was written
LAST_CHANGE = "backup.last_change"  # Setting: the change log's last id in that backup
REWOUND = changelog.REWOUND  # Setting: JSON {"restored": N, "held": M} after such a restore
PAGES_A_STEP = 1024  # 4 MiB a step of the backup API: progress, and room for writers

Progress = Callable[[int, int], None]  # (pages done, pages in all)

# tavana-TEH05-20261204-184500-daily.sqlite3 (-2, -3 … after the time when a second
# backup is written within the same second).
_NAME = re.compile(
    r"^tavana-(?P<center>[A-Za-z0-9_-]+?)-(?P<at>\d{8}-\d{6})(?:-\d+)?-(?P<kind>[a-z-]+)"
    r"\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, read from the file itself."""

    path: Path
    center_code: str
    center_name: str
    taken_at: dt.datetime  # local time, from the name (the file's time when renamed)
    kind: str
    schema_version: int
    last_seq: int  # the change log's last number: how far its history goes
    last_exported: int  # the last number it had written to a sync file
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    size: int = 0

    @property
    def applicants(self) -> int:
        return self.counts.get("applicant", 0)


# -- writing a backup --------------------------------------------------------------------


def database_path() -> Path:
    """The open database's file; refused (with the pointer to pg_dump) on PostgreSQL."""
    database = db.obj
    if not isinstance(database, SqliteDatabase) or database.database == ":memory:":
        raise UserError(BackupMessages.POSTGRES, code="backup_postgres")
    return Path(database.database)


def apply_here() -> bool:
    """Whether the open database is one the app backs up (an SQLite file)."""
    database = db.obj
    return isinstance(database, SqliteDatabase) and database.database != ":memory:"


def back_up_now(
    session: Session, folder: str | Path, *, progress: Progress | None = None
) -> BackupInfo:
    """An admin's backup of the open database into `folder` (a USB stick)."""
    session.require(Role.ADMIN)
    return write_backup(database_path(), Path(folder), "manual", progress=progress)


def write_backup(
    source: Path, folder: Path, kind: str, *, progress: Progress | None = None
) -> BackupInfo:
    """Back up the SQLite file `source` into `folder` (made, 0700, if it is the
    automatic one); the backup checked, named, and its facts returned. Works on its
    own connections: safe on a thread of its own while the app goes on."""
    if not folder.is_dir():
        if folder.name != AUTOMATIC_FOLDER:
            raise UserError(
                BackupMessages.FOLDER_MISSING.format(folder=folder), code="folder_missing"
            )
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.name == AUTOMATIC_FOLDER:
        make_private(folder)
    now = dt.datetime.now()
    # Under a temporary name that says whose it is: a backup killed half-way (the app
    # closed by a shutdown) is removed by the next one (partial_files.remove_stale).
    partial_files.remove_stale(folder)
    try:
        partial = partial_files.reserve(folder / f"tavana-backup{SUFFIX}")
    except OSError as error:
        raise UserError(
            BackupMessages.CANNOT_WRITE.format(folder=folder, error=error.strerror or error),
            code="cannot_write",
        ) from error
    try:
        with contextlib.closing(sqlite3.connect(source, timeout=30)) as live:
            live.execute("BEGIN")  # one read snapshot: counted, then copied
            center = _center(live)
            expected = _counts(live)
            (last_change,) = live.execute("SELECT COALESCE(MAX(id), 0) FROM change_log").fetchone()
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                # No journal beside the copy: it is thrown away whole if anything fails.
                copy.execute("PRAGMA journal_mode = OFF")
                live.backup(copy, pages=PAGES_A_STEP, progress=_steps(progress))
                copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            live.rollback()
            os.chmod(partial, 0o600)
            _check(partial, expected)
            _seal(partial)
            _fsync(partial)
            stem = f"tavana-{center}-{now:%Y%m%d-%H%M%S}"
            target = _free_name(folder, stem, f"-{kind}{SUFFIX}")
            os.replace(partial, target)
            _fsync_folder(folder)
            _remember(live, now, last_change)
    except sqlite3.Error as error:
        raise UserError(
            BackupMessages.CANNOT_WRITE.format(folder=folder, error=error), code="cannot_write"
        ) from error
    except OSError as error:
        raise UserError(
            BackupMessages.CANNOT_WRITE.format(folder=folder, error=error.strerror or error),
            code="cannot_write",
        ) from error
    finally:  # refused, failed or cancelled (the progress callback's Cancelled): no trace
        partial.unlink(missing_ok=True)
    return inspect(target)


def _remember(live: sqlite3.Connection, at: dt.datetime, last_change: int) -> None:
    """Write into the backed-up database when its last backup was taken and how far its
    change log went then (the admin's home page shows the age; closing the app backs up
    again only after changes). Settings are local: no change-log entry."""
    live.execute("BEGIN IMMEDIATE")
    with live:  # committed, or rolled back on an error
        live.executemany(
            "INSERT INTO setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(LAST_BACKUP_AT, at.isoformat(timespec="seconds")), (LAST_CHANGE, str(last_change))],
        )


def _free_name(folder: Path, stem: str, ending: str) -> Path:
    """`stem + ending` in `folder`, or with -2, -3 … after the stem if that is taken."""
    target, number = folder / (stem + ending), 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}{ending}"
    return target


def _steps(progress: Progress | None) -> Callable[[int, int, int], None] | None:
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(total - remaining, total)


def _check(path: Path, expected: dict[str, int]) -> None:
    """The backup reads as whole and holds the rows the snapshot had."""
    try:
        with contextlib.closing(sqlite3.connect(_read_only(path), uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            found = _counts(copy) if verdict == "ok" else {}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # too damaged to check
        verdict = str(error)
    if verdict != "ok":
        raise UserError(BackupMessages.CHECK_FAILED.format(detail=verdict), code="check_failed")
    if found != expected:
        wrong = sorted(t for t in expected if found.get(t) != expected[t])
        detail = f"row counts differ: {', '.join(wrong)}"
        raise UserError(BackupMessages.CHECK_FAILED.format(detail=detail), code="check_failed")


def _seal(path: Path) -> None:
    """Append the seal of a checked backup: the SHA-256 of every byte before it."""
    with open(path, "rb+") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
        stream.seek(0, os.SEEK_END)
        stream.write(b"\n-- tavana backup seal sha256 %s\n" % digest.encode("ascii"))


def _pages_length(path: Path) -> int:
    """How many bytes of `path` are SQLite's pages, by its header (page size × count)."""
    with open(path, "rb") as stream:
        head = stream.read(100)
    size = int.from_bytes(head[16:18], "big")
    return (65536 if size == 1 else size) * int.from_bytes(head[28:32], "big")


def sealed(path: str | Path) -> bool | None:
    """True when `path` carries a seal that holds, None when it has none (a backup of a
    version before seals, or a copy made by hand); raises `damaged_backup` when its
    bytes are not what was sealed, or past its pages are bytes that are not a seal."""
    path = Path(path)
    try:
        pages, size = _pages_length(path), path.stat().st_size
        if size == pages:
            return None
        with open(path, "rb") as stream:
            stream.seek(pages)
            line = stream.read(SEAL_LENGTH + 1)
            found = SEAL_LINE.fullmatch(line) if size == pages + SEAL_LENGTH else None
            if found is None:
                detail = "bytes past its last page that are not its seal"
            else:
                stream.seek(0)
                digest = hashlib.sha256()
                left = pages
                while left and (chunk := stream.read(min(left, 1 << 20))):
                    digest.update(chunk)
                    left -= len(chunk)
                if hmac.compare_digest(digest.hexdigest().encode("ascii"), found[1]):
                    return True
                detail = "its bytes differ from the seal written with it"
    except OSError as error:
        detail = error.strerror or str(error)
    raise UserError(BackupMessages.DAMAGED.format(detail=detail), code="damaged_backup")


def _readable(path: Path) -> None:
    """Every row of the backup reads as text the app can use: `integrity_check` reads the
    pages, not what they hold, and a flipped byte inside a name would put back a
    database the app cannot read. Before a restore only (a backup written here was
    copied from a database that read)."""
    try:
        with contextlib.closing(sqlite3.connect(_read_only(path), uri=True)) as copy:
            tables = [
                t for (t,) in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                rows = copy.execute(f'SELECT * FROM "{table}"')
                while rows.fetchmany(10_000):
                    pass
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise UserError(
            BackupMessages.DAMAGED.format(detail=error), code="damaged_backup"
        ) from error


def _read_only(path: Path) -> str:
    """An SQLite URI opening `path` read-only (its characters escaped: a folder named
    with a space or a '#')."""
    return path.resolve().as_uri() + "?mode=ro"


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _center(connection: sqlite3.Connection) -> str:
    row = connection.execute("SELECT code FROM center WHERE is_local = 1").fetchone()
    return str(row[0]) if row else "new"


def _fsync(path: Path) -> None:
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # Windows cannot open a folder to flush it
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def last_backup_at() -> dt.datetime | None:
    """When the last backup of this database was written (local time), if ever."""
    value = Setting.read(LAST_BACKUP_AT)
    return dt.datetime.fromisoformat(value) if value else None


def changed_since_backup() -> bool:
    """Whether anything was saved since the last backup (closing the app backs up then)."""
    last = ChangeLog.select(fn.MAX(ChangeLog._meta.primary_key)).scalar() or 0
    return last > int(Setting.read(LAST_CHANGE) or 0)


# -- automatic backups and their rotation --------------------------------------------------


def automatic_folder(source: Path) -> Path:
    return source.parent / AUTOMATIC_FOLDER


def automatic_backups(source: Path) -> list[BackupInfo]:
    """The automatic folder's backups of this database's center, newest first (files
    that do not read as backups are left out, not deleted)."""
    found = []
    folder = automatic_folder(source)
    for path in folder.glob(f"tavana-*{SUFFIX}") if folder.is_dir() else []:
        with contextlib.suppress(UserError):
            found.append(inspect(path, counted=False))
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def daily_due(source: Path, today: dt.date | None = None) -> bool:
    """No automatic backup of today yet (the first start of the day takes one): read
    from the names alone, no backup opened."""
    today = today or dt.date.today()
    folder = automatic_folder(source)
    names = folder.glob(f"tavana-*{SUFFIX}") if folder.is_dir() else []
    return not any(_named(path)[0].date() == today for path in names)


def _named(path: Path) -> tuple[dt.datetime, str]:
    """When a backup was taken and its kind, from its name (a file renamed by hand:
    its modification time, and "manual")."""
    found = _NAME.match(path.name)
    if found:
        return dt.datetime.strptime(found["at"], "%Y%m%d-%H%M%S"), found["kind"]
    return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0), "manual"


def to_keep(backups: list[BackupInfo]) -> set[Path]:
    """Of automatic backups, the ones rotation keeps: the newest of each of the last
    KEEP_DAYS days, KEEP_WEEKS weeks (ISO) and KEEP_MONTHS months that have one."""
    kept: set[Path] = set()
    for span, keep in (
        (lambda d: d.date(), KEEP_DAYS),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKS),
        (lambda d: (d.year, d.month), KEEP_MONTHS),
    ):
        newest: dict[object, BackupInfo] = {}
        for info in sorted(backups, key=lambda i: i.taken_at, reverse=True):
            newest.setdefault(span(info.taken_at), info)
        kept |= {info.path for info in list(newest.values())[:keep]}
    return kept


def rotate(source: Path) -> list[Path]:
    """Delete the automatic backups rotation does not keep; the deleted paths."""
    backups = automatic_backups(source)
    keep = to_keep(backups)
    gone = [info.path for info in backups if info.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def automatic_backup(source: Path, kind: str, *, progress: Progress | None = None) -> BackupInfo:
    """A `daily` or `quit` backup into the automatic folder, then the rotation."""
    info = write_backup(source, automatic_folder(source), kind, progress=progress)
    rotate(source)
    return info


class AutomaticBackups:
    """The app's own backups of an SQLite file: the day's first on a thread of its own at
    start-up (the login does not wait for it), and one when the app closes after
    changes. A failure is logged, not shown: the admin's home page shows the age of
    the last backup that worked, and warns when it is old."""

    def __init__(self, source: Path):
        self.source = source
        self._thread: threading.Thread | None = None

    @classmethod
    def start_for(cls, database: object) -> AutomaticBackups | None:
        """Start them for a set-up SQLite file database (None for :memory: or PostgreSQL)."""
        if not isinstance(database, SqliteDatabase) or database.database == ":memory:":
            return None
        automatic = cls(Path(database.database))
        if Center.local() is not None and daily_due(automatic.source):
            automatic._thread = threading.Thread(
                target=automatic._run, args=("daily",), name="daily-backup", daemon=True
            )
            automatic._thread.start()
        return automatic

    def _run(self, kind: str) -> None:
        try:
            automatic_backup(self.source, kind)
        except Exception:
            log.exception("the %s backup failed", kind)

    def at_quit(self) -> None:
        """After the window closed: wait for the day's backup, then back up if anything
        was saved since the last one."""
        if self._thread is not None:
            self._thread.join()
        if Center.local() is not None and changed_since_backup():
            self._run("quit")


# -- what a backup holds -------------------------------------------------------------------


def inspect(path: str | Path, *, counted: bool = True) -> BackupInfo:
    """Read a backup's facts (center, when, how far its history goes, rows per table);
    anything that is not a readable Tavana database is refused with the reason."""
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            if stream.read(16) != b"SQLite format 3\x00":
                raise UserError(
                    BackupMessages.NOT_A_BACKUP.format(detail="not SQLite"), code="not_a_backup"
                )
        with contextlib.closing(sqlite3.connect(_read_only(path), uri=True)) as copy:
            names = {
                n for (n,) in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"schema_version", "center", "change_log", "setting"} <= names:
                detail = "no Tavana tables"
                raise UserError(
                    BackupMessages.NOT_A_BACKUP.format(detail=detail), code="not_a_backup"
                )
            version = copy.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            row = copy.execute("SELECT code, name FROM center WHERE is_local = 1").fetchone()
            code, name = (str(row[0]), str(row[1])) if row else ("", "")
            last_seq = copy.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE center_code = ?", (code,)
            ).fetchone()[0]
            last_exported = 0
            if "sync_export" in names:
                last_exported = copy.execute(
                    "SELECT COALESCE(MAX(seq_to), 0) FROM sync_export"
                ).fetchone()[0]
            # A file an export wrote but could not count (center_sync.settle_export) may
            # have left the machine all the same.
            pending = copy.execute(
                "SELECT value FROM setting WHERE key = 'sync.pending_export'"
            ).fetchone()
            with contextlib.suppress(ValueError, KeyError, TypeError):
                last_exported = max(last_exported, int(json.loads(pending[0])["seq_to"]))
            counts = _counts(copy) if counted else {}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise UserError(
            BackupMessages.DAMAGED.format(detail=error), code="damaged_backup"
        ) from error
    except OSError as error:
        detail = error.strerror or str(error)
        raise UserError(
            BackupMessages.NOT_A_BACKUP.format(detail=detail), code="not_a_backup"
        ) from error
    taken_at, kind = _named(path)
    return BackupInfo(
        path, code, name, taken_at, kind, int(version), int(last_seq), int(last_exported),
        counts, path.stat().st_size,
    )  # fmt: skip


# -- restoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    backup: BackupInfo
    safety: BackupInfo  # the database as it was, backed up first
    rewound: tuple[int, int] | None  # (restored to, held by HQ) when behind what was sent


def restore(session: Session, backup: str | Path, *, progress: Progress | None = None) -> Restored:
    """Put a backup in place of the open database (`restore_file`), then open it again
    (`reopen`): the command line's whole restore."""
    restored = restore_file(session, backup, progress=progress)
    reopen()
    return restored


def restore_file(
    session: Session, backup: str | Path, *, progress: Progress | None = None
) -> Restored:
    """Put a backup in place of the open database's file, after backing the file up.

    Refused, with nothing written: a file that is not a whole Tavana backup, one of a
    newer schema, one of another center, the database itself. Works on connections of
    its own (a worker thread may run it); the app's own is opened again by `reopen`
    after, on its thread, and people log in afresh: the users are the backup's."""
    session.require(Role.ADMIN)
    target = database_path()
    info = inspect(backup)
    sealed(info.path)
    _check(info.path, info.counts)
    _readable(info.path)
    if info.schema_version > latest_version():
        message = BackupMessages.NEWER_SCHEMA.format(
            found=info.schema_version, known=latest_version()
        )
        raise UserError(message, code="backup_newer_schema")
    if Path(info.path).resolve() == target.resolve():
        raise UserError(BackupMessages.SAME_FILE, code="backup_same_file")
    current = inspect(target, counted=False)
    if current.center_code and info.center_code and current.center_code != info.center_code:
        message = BackupMessages.OTHER_CENTER.format(
            found=info.center_code, current=current.center_code
        )
        raise UserError(message, code="backup_other_center")
    sent = current.last_exported  # what HQ may hold of this center (no more than it was sent)
    safety = write_backup(target, automatic_folder(target), "before-restore")
    rewound = (info.last_seq, sent) if sent > info.last_seq else None
    try:
        with (
            contextlib.closing(sqlite3.connect(_read_only(info.path), uri=True)) as source,
            contextlib.closing(sqlite3.connect(target, timeout=30)) as live,
        ):
            # Written through SQLite (its lock, its journal): the app's idle connection
            # sees the restored pages at its next read.
            source.backup(live, pages=PAGES_A_STEP, progress=_steps(progress))
            if rewound is not None:
                held = json.dumps({"restored": rewound[0], "held": rewound[1]})
                live.execute("BEGIN IMMEDIATE")
                with live:
                    live.execute(
                        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET value = excluded.value",
                        (REWOUND, held),
                    )
    except sqlite3.Error as error:
        raise UserError(
            BackupMessages.CANNOT_WRITE.format(folder=target.parent, error=error),
            code="cannot_write",
        ) from error
    return Restored(info, safety, rewound)


def replace_damaged(target: str | Path, backup: str | Path, username: str, password: str) -> Path:
    """Put `backup` in place of the damaged database `target`, which nobody can log in
    to: one of the backup's own administrators says who they are (their user name and
    password as the backup holds them). The damaged file is kept beside it, renamed
    (`.damaged-YYYYMMDD-HHMMSS`, with its -wal), for whoever looks into the damage; its
    path is returned. Refused as `restore_file` refuses, and for anyone else."""
    from desktop.services.passwords import dummy_hash, verify_password

    target = Path(target)
    info = inspect(backup)
    sealed(info.path)
    _check(info.path, info.counts)
    _readable(info.path)
    if info.schema_version > latest_version():
        message = BackupMessages.NEWER_SCHEMA.format(
            found=info.schema_version, known=latest_version()
        )
        raise UserError(message, code="backup_newer_schema")
    with contextlib.closing(sqlite3.connect(_read_only(info.path), uri=True)) as copy:
        row = copy.execute(
            'SELECT password_hash FROM "user" WHERE username = ? AND role IN (?, ?) '
            "AND active = 1 AND deleted = 0",
            (username.strip(), Role.ADMIN.value, Role.HQ_ADMIN.value),
        ).fetchone()
    if not verify_password(row[0] if row else dummy_hash(), password) or row is None:
        raise UserError(DeskMessages.NOT_AN_ADMIN, code="not_an_admin")
    try:  # what HQ may hold, if the damaged file still says
        sent = inspect(target, counted=False).last_exported
    except UserError:
        sent = 0
    kept = target.with_name(f"{target.name}.damaged-{dt.datetime.now():%Y%m%d-%H%M%S}")
    partial_files.remove_stale(target.parent)
    partial = partial_files.reserve(target)
    try:
        with (
            contextlib.closing(sqlite3.connect(_read_only(info.path), uri=True)) as source,
            contextlib.closing(sqlite3.connect(partial)) as fresh,
        ):
            fresh.execute("PRAGMA journal_mode = OFF")
            source.backup(fresh, pages=PAGES_A_STEP)
        os.chmod(partial, 0o600)
        _check(partial, info.counts)
        _fsync(partial)
        if sent > info.last_seq:  # as `restore_file` marks it: no export until resolved
            with contextlib.closing(sqlite3.connect(partial)) as fresh, fresh:
                fresh.execute(
                    "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value",
                    (REWOUND, json.dumps({"restored": info.last_seq, "held": sent})),
                )
        for suffix in ("-wal", "-journal", ""):
            if Path(f"{target}{suffix}").exists():
                os.replace(f"{target}{suffix}", f"{kept}{suffix}")
        Path(f"{target}-shm").unlink(missing_ok=True)  # the index of the log moved away
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except (sqlite3.Error, OSError) as error:
        detail = getattr(error, "strerror", None) or error
        raise UserError(
            BackupMessages.CANNOT_WRITE.format(folder=target.parent, error=detail),
            code="cannot_write",
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    log.warning("damaged database %s replaced by backup %s; kept as %s", target, backup, kept)
    return kept


def reopen() -> None:
    """Close the app's connection and open the restored file again, migrated to this
    version of the app (a backup may be of an older schema)."""
    target = database_path()
    close_database()
    open_database(str(target))


def rewound_message(behind: tuple[int, int]) -> str:
    """What a person is told of a database restored behind what it sent HQ."""
    restored, held = (persian_digits(n) for n in behind)
    return BackupMessages.REWOUND.format(restored=restored, held=held)


def mark_rewound(restored: int, held: int) -> None:
    """Remember that this database's history ends at `restored` while HQ holds (or was
    sent) up to `held`: exports are refused until `center_sync.resume`."""
    Setting.write(REWOUND, json.dumps({"restored": restored, "held": held}))


def rewound() -> tuple[int, int] | None:
    """(restored to, held by HQ) when this database was restored behind what it sent."""
    value = Setting.read(REWOUND)
    if not value:
        return None
    found = json.loads(value)
    return int(found["restored"]), int(found["held"])
