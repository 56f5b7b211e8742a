"""Backups at a center's scale: a checked backup, what a backup holds, and a restore
(prints figures; asserts nothing).

    .venv/bin/python bench/backup.py [--applicants 1000000] [--keep DIR] [--db PATH]

Builds a center of `--applicants` demo people with their history (bench/search.py's
`prepare`; reused from DIR/backup-N.sqlite3 with --keep), or reads the SQLite file
--db names. Prints:

- the backup (services/backups.py `write_backup`): SQLite's backup API from one
  snapshot, then the check — `integrity_check` and every table's rows counted against
  the snapshot — and the seal (SHA-256 of the pages) split out;
- reading a backup's facts (`inspect`, as the restore dialog shows them);
- a restore into a scratch copy of the database (the safety backup first, as always).

Figures belong in the README's table, not here.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search import prepare
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import backups
from desktop.services.setup import admin_session


def seconds(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the database there")
    parser.add_argument("--db", type=Path, metavar="PATH", help="back up this SQLite file")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    try:
        if args.db is not None:
            source = args.db
        else:
            folder = args.keep or scratch
            folder.mkdir(parents=True, exist_ok=True)
            source = folder / f"backup-{args.applicants}.sqlite3"
            prepare(source, args.applicants)
            close_database()
        run(source, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(source: Path, scratch: Path) -> None:
    size = source.stat().st_size
    out = scratch / "out"
    out.mkdir()
    with contextlib.closing(sqlite3.connect(source)) as live:
        (people,) = live.execute("SELECT COUNT(*) FROM applicant").fetchone()
    print(f"== {source}: {people:,} applicants, {size / 2**20:,.0f} MiB ==")
    took, info = seconds(lambda: backups.write_backup(source, out, "manual"))
    print(f"  backup, checked: {took:.1f} s ({size / 2**20 / took:,.0f} MiB/s)")
    check_s, _ = seconds(lambda: backups._check(info.path, info.counts))
    print(f"    of it the check (integrity_check + row counts): {check_s:.1f} s")
    seal_s, _ = seconds(lambda: backups.sealed(info.path))
    print(f"    its seal (SHA-256 of the pages) checked, as a restore does first: {seal_s:.2f} s")
    inspect_s, _ = seconds(lambda: backups.inspect(info.path))
    print(f"  what a backup holds (inspect, with row counts): {inspect_s:.2f} s")
    target = scratch / "restored.sqlite3"
    shutil.copyfile(source, target)
    open_database(str(target))
    try:
        took, restored = seconds(lambda: backups.restore(admin_session(), info.path))
        print(
            f"  restore into a copy: {took:.1f} s, the safety backup of the database it "
            f"replaced included ({restored.safety.size / 2**20:,.0f} MiB)"
        )
    finally:
        close_database()


if __name__ == "__main__":
    main()
