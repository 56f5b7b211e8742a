"""SQLCipher (an encrypted database file) against plain SQLite on the same demo center
(prints figures; asserts nothing). The figures are docs/secrets-at-rest.md's.

    PYTHONPATH=/tmp/sqlcipher .venv/bin/python bench/sqlcipher.py [--applicants 100000]
        [--keep DIR] [--repeat 15]

sqlcipher3 is not a dependency of the app: install it aside first, for instance
`.venv/bin/pip install --target /tmp/sqlcipher sqlcipher3` (its wheels bundle SQLCipher 4
and its own OpenSSL). Builds a center of `--applicants` demo people (bench/search.py's
`prepare`; reused from DIR with --keep), copies it into an encrypted file with
`sqlcipher_export`, then times on each file:

- opening: connect, key, first read (SQLCipher derives the page key from the
  passphrase: PBKDF2-HMAC-SHA512, 256,000 rounds, at every connection);
- a cold scan: a new connection counting applicants by a LIKE on the name (every page
  read from the file and, for SQLCipher, decrypted);
- search-as-you-type through the app's own `ApplicantSearch` (warm cache), and
  registering applicants through `applicants.register` (one commit each) — on the
  app's ImmediateSqliteDatabase, given SQLCipher's driver for the encrypted file;
- `PRAGMA integrity_check`, and a copy by the backup API (same key on both ends);
- the file's size.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search import figures, new_people, prepare, query_classes, register_each, time_query
from desktop.models import Applicant, db
from desktop.models.db import ImmediateSqliteDatabase, close_database
from desktop.services.setup import admin_session
from desktop.text.collation import persian_collate

PASSPHRASE = "bench: a long passphrase for the database"


def driver() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        sys.exit("sqlcipher3 is not installed: see this script's docstring")
    return dbapi2


class CipherDatabase(ImmediateSqliteDatabase):
    """The app's SQLite class (IMMEDIATE transactions, its pragmas and retries) on
    SQLCipher's driver: the key is given first, before any other statement."""

    def _connect(self) -> Any:
        quoted = PASSPHRASE.replace("'", "''")
        conn = driver().connect(
            self.database, timeout=self._timeout, isolation_level=None, **self.connect_params
        )
        conn.execute(f"PRAGMA key = '{quoted}'")
        self._add_conn_hooks(conn)
        return conn


def seconds(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def connect(path: Path, encrypted: bool) -> Any:
    if not encrypted:
        return sqlite3.connect(path)
    conn = driver().connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    return conn


def encrypt(plain: Path, encrypted: Path) -> float:
    def export() -> None:
        conn = driver().connect(str(plain))  # no key: a plain SQLite file
        conn.execute(f"ATTACH DATABASE '{encrypted}' AS cipher KEY '{PASSPHRASE}'")
        conn.execute("SELECT sqlcipher_export('cipher')")
        conn.execute("DETACH DATABASE cipher")
        conn.close()

    return seconds(export)


def opening(path: Path, encrypted: bool) -> float:
    def first_read() -> None:
        conn = connect(path, encrypted)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    seconds(first_read)
    return statistics.median(seconds(first_read) for _ in range(5)) * 1000


def cold_scan(path: Path, encrypted: bool) -> float:
    conn = connect(path, encrypted)
    conn.execute("PRAGMA cache_size = -32000")
    took = seconds(
        lambda: conn.execute(
            "SELECT count(*) FROM applicant WHERE last_name LIKE '%کریمی%'"
        ).fetchone()
    )
    conn.close()
    return took


def integrity(path: Path, encrypted: bool) -> float:
    conn = connect(path, encrypted)
    took = seconds(lambda: conn.execute("PRAGMA integrity_check").fetchone())
    conn.close()
    return took


def backup(path: Path, encrypted: bool, folder: Path) -> float:
    target_path = folder / f"copy-{'cipher' if encrypted else 'plain'}.sqlite3"
    source, target = connect(path, encrypted), connect(target_path, encrypted)
    took = seconds(lambda: source.backup(target))
    source.close()
    target.close()
    check = connect(target_path, encrypted)
    assert check.execute("SELECT count(*) FROM applicant").fetchone()[0] > 0
    check.close()
    return took


def in_the_app(path: Path, encrypted: bool, repeat: int) -> None:
    database = CipherDatabase(str(path)) if encrypted else ImmediateSqliteDatabase(str(path))
    database.register_collation(persian_collate, "persian")
    db.initialize(database)
    database.connect()
    session = admin_session()
    sample = Applicant.select().order_by(Applicant.number.desc()).offset(1234).first()
    everything: list[float] = []
    for name, queries in query_classes(sample).items():
        samples = [s for query in queries for s in time_query(session, query, repeat)[0]]
        everything += samples
        print(f"    {name:<34} {figures(samples)}")
    print(f"    {'= every keystroke':<34} {figures(everything)}")
    people = new_people(session, 105)
    register_each(session, people[:5])
    print(f"    {'register one applicant (100)':<34} {figures(register_each(session, people[5:]))}")
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep (and reuse) the files")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of each query")
    args = parser.parse_args()
    dbapi = driver()
    cipher_version = dbapi.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
    print(f"SQLCipher {cipher_version} on SQLite {dbapi.sqlite_version}")
    print(f"plain SQLite {sqlite3.sqlite_version}")
    print(f"its errors are sqlite3's: {issubclass(dbapi.OperationalError, sqlite3.Error)}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-sqlcipher-"))
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / f"plain-{args.applicants}.sqlite3"
    encrypted = folder / f"cipher-{args.applicants}.sqlite3"
    prepare(plain, args.applicants)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    if not encrypted.exists():
        print(f"sqlcipher_export of the plain file: {encrypt(plain, encrypted):.1f} s")
    for name, path, is_encrypted in (
        ("plain SQLite", plain, False),
        ("SQLCipher", encrypted, True),
    ):
        print(f"== {name}: {path.stat().st_size / 2**20:,.0f} MiB ==")
        print(f"    open + key + first read            {opening(path, is_encrypted):7.1f} ms")
        print(f"    cold LIKE scan of applicant        {cold_scan(path, is_encrypted):7.2f} s")
        print(f"    integrity_check                    {integrity(path, is_encrypted):7.2f} s")
        print(f"    backup API copy                    {backup(path, is_encrypted, folder):7.2f} s")
        in_the_app(path, is_encrypted, args.repeat)


if __name__ == "__main__":
    main()
