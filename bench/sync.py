"""Sync files: a center's export, HQ's merge of every center's files, a re-import, and
the consolidated search at HQ.

    python bench/sync.py [--centers 22] [--changes 50000] [--keep DIR] [--hq URL]

Sets up an HQ and provisions `--centers` centers; each is set up from its
provisioning file and registers demo people in bulk through the write path until its
change log holds `--changes` entries (an applicant and a status entry each). Prints:

- export: `sync export` of 100,000 changes (target < 1 s), compress+encrypt+sign split out;
- merge: HQ importing every center's file into one database (target ≥ 60,000
  changes/s on SQLite; the figure on PostgreSQL with --hq postgresql://…);
- re-import of an applied file (target < 0.1 s);
- the consolidated search at HQ: p50 / p95 of a keystroke over the merged registry.

Figures belong in the README's table, not here.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.models import ChangeLog, db
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicants, center_sync
from desktop.services.applicant_search import ApplicantSearch, Filters
from desktop.services.auth import login
from desktop.services.demo_people import PeopleGenerator
from desktop.services.hq import imports
from desktop.services.hq import setup as hq_setup
from desktop.sync import envelope

PASSWORD = "bench-password"
EXPORT_TARGET_S = 1.0
MERGE_TARGET = 60_000  # changes/s
REIMPORT_TARGET_S = 0.1
SEARCH_TARGET_MS = 30.0
QUERIES = ["م", "مح", "محم", "محمد", "محمد ر", "کریمی", "زهرا احمدی", "0912", "۰۰۴۰"]


def build_center(folder: Path, hq: str, code: str, people: int) -> str:
    """A center provisioned by `hq`, with `people` registered in bulk (logged)."""
    open_database(hq)
    try:
        session = login("hqadmin", PASSWORD)
        path = hq_setup.provision(session, code, f"مرکز {code}", "تهران", folder)
    finally:
        close_database()
    provisioning = center_sync.read_provisioning(path)
    target = str(folder / f"{code}.sqlite3")
    open_database(target)
    try:
        center_sync.set_up_from_provisioning(
            provisioning, admin_username="admin", admin_display_name="مدیر مرکز",
            password=PASSWORD,
        )  # fmt: skip
        admin = login("admin", PASSWORD)
        made = 0
        generator = PeopleGenerator(
            random.Random(code), count=people, districts=list(range(1, 23)), taken_codes=set()
        )
        while made < people:
            batch = generator.batch(made, min(10_000, people - made))
            with db.atomic():
                applicants.bulk_create(admin, batch.cleans)
            made += len(batch.cleans)
    finally:
        close_database()
    return target


def seconds(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench_export(center: str, out: Path) -> Path:
    open_database(center)
    try:
        admin = login("admin", PASSWORD)
        code = admin.center_code
        count = ChangeLog.select().where(ChangeLog.center_code == code).count()
        took, exported = seconds(lambda: center_sync.export_changes(admin, out, since=0))
        assert exported is not None
        read_s, batches = seconds(
            lambda: list(center_sync._batches(code, 0, count, Counter(), None))
        )
        payload = "".join(text for _, _, text in batches).encode("utf-8")
        key = center_sync.center_keys.signing_key(code)
        hq = center_sync.headquarters()
        seal_s, _ = seconds(
            lambda: envelope.seal("changes", {}, payload, signer=key, recipient=hq.reading_key)
        )
    finally:
        close_database()
    size = exported.path.stat().st_size
    verdict = "target" if took < EXPORT_TARGET_S else "MISSES the"
    print(f"  export of {count:,} changes: {took:.2f} s ({verdict} {EXPORT_TARGET_S:.0f} s); "
          f"reading the log as JSON lines {read_s:.2f} s, compress+encrypt+sign {seal_s:.2f} s; "
          f"{size / 1e6:.1f} MB ({len(payload) / size:.1f}× smaller than its JSON)")  # fmt: skip
    return exported.path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=22)
    parser.add_argument("--changes", type=int, default=50_000, help="per center")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the databases there")
    parser.add_argument("--hq", metavar="URL", help="HQ's database (default: an SQLite file)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each query")
    parser.add_argument(
        "--reuse", action="store_true",
        help="with --keep: merge the files an earlier run left there into its provisioned "
        "HQ again (no centers built, no export timed)",
    )  # fmt: skip
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    folder.mkdir(parents=True, exist_ok=True)
    run(folder, args)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> None:
    hq = args.hq or str(folder / "hq.sqlite3")
    files_dir = folder / "files"
    if args.reuse:
        files = sorted(files_dir.glob("*" + center_sync.SUFFIX))
        if not files:
            sys.exit(f"--reuse: no sync files in {files_dir}")
        print(f"== {len(files)} files of an earlier run, HQ at {hq} ==")
        restore_hq(hq, folder)
        merge(hq, files, args.repeat)
        return
    people = max(1, args.changes // 2)  # each person: an applicant and a status entry
    print(f"== {args.centers} centers × {args.changes:,} changes, HQ at {hq} ==")
    for made in (files_dir, folder / "centers"):  # every run builds afresh
        shutil.rmtree(made, ignore_errors=True)
        made.mkdir()
    fresh_hq(hq)
    centers = []
    for number in range(1, args.centers + 1):
        code = f"C{number:03d}"
        took, path = seconds(lambda code=code: build_center(folder / "centers", hq, code, people))
        centers.append(path)
        print(f"  built {code}: {took:.1f} s", flush=True)
    files = []
    for index, center in enumerate(centers):
        if index == 0:
            files.append(bench_export(center, files_dir))
        else:
            open_database(center)
            try:
                exported = center_sync.export_changes(login("admin", PASSWORD), files_dir)
                assert exported is not None
                files.append(exported.path)
            finally:
                close_database()
    snapshot_hq(hq, folder)
    merge(hq, files, args.repeat)


def merge(hq: str, files: list[Path], repeat: int) -> None:
    open_database(hq)
    try:
        session = login("hqadmin", PASSWORD)
        # As `hq import FILE...` does it: every file in one call (the next one read and
        # decrypted while this one is written).
        took, outcomes = seconds(lambda: imports.import_files(session, files))
        for outcome in outcomes:
            assert outcome.status == imports.IMPORTED, outcome.line
        total = sum(outcome.changes for outcome in outcomes)
        rate = total / took
        verdict = "target" if rate >= MERGE_TARGET else "MISSES the"
        print(f"  merge: {len(files)} files, {total:,} changes in {took:.1f} s: "
              f"{rate:,.0f} changes/s ({verdict} {MERGE_TARGET:,}/s)")  # fmt: skip
        again, outcome = seconds(lambda: imports.import_file(session, files[0]))
        assert outcome.status == imports.ALREADY
        print(f"  re-import of an applied file: {again * 1000:.1f} ms "
              f"(target {REIMPORT_TARGET_S * 1000:.0f} ms)")  # fmt: skip
        bench_search(session, repeat)
    finally:
        close_database()


# HQ as provisioned, before any file (--reuse starts from it): a copy of the SQLite file,
# or a PostgreSQL database made from HQ's as a template.
SNAPSHOT = "hq-provisioned"


def snapshot_hq(hq: str, folder: Path) -> None:
    if "://" in hq:
        base, name = hq.rsplit("/", 1)
        _admin(base, f'DROP DATABASE IF EXISTS "{name}_{SNAPSHOT}"',
               f'CREATE DATABASE "{name}_{SNAPSHOT}" TEMPLATE "{name}"')  # fmt: skip
        return
    for suffix in ("", ".keys"):
        if Path(hq + suffix).exists():
            shutil.copyfile(hq + suffix, folder / (SNAPSHOT + suffix))


def restore_hq(hq: str, folder: Path) -> None:
    if "://" in hq:
        base, name = hq.rsplit("/", 1)
        _admin(base, f'DROP DATABASE IF EXISTS "{name}"',
               f'CREATE DATABASE "{name}" TEMPLATE "{name}_{SNAPSHOT}"')  # fmt: skip
        return
    for suffix in ("", "-wal", "-shm", ".keys"):
        Path(hq + suffix).unlink(missing_ok=True)
    for suffix in ("", ".keys"):
        if (folder / (SNAPSHOT + suffix)).exists():
            shutil.copyfile(folder / (SNAPSHOT + suffix), hq + suffix)


def _admin(base: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def fresh_hq(hq: str) -> None:
    """An empty HQ at `hq`: the database of an earlier run dropped."""
    if "://" in hq:
        base, name = hq.rsplit("/", 1)
        _admin(base, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    else:
        for suffix in ("", "-wal", "-shm", ".keys"):
            Path(hq + suffix).unlink(missing_ok=True)
    open_database(hq)
    try:
        hq_setup.initialise_hq(
            name="ستاد", admin_username="hqadmin", admin_display_name="مدیر ستاد",
            password=PASSWORD,
        )  # fmt: skip
    finally:
        close_database()


def bench_search(session, repeat: int) -> None:  # type: ignore[no-untyped-def]
    samples = []
    for query in QUERIES:
        search = ApplicantSearch(session, query, Filters())
        search.count()
        for _ in range(repeat):
            started = time.perf_counter()
            search = ApplicantSearch(session, query, Filters())
            search.count()
            search.fetch(0, 40)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    verdict = "target" if p95 < SEARCH_TARGET_MS else "MISSES the"
    print(f"  consolidated search ({len(QUERIES)} queries × {repeat}): p50 {p50:.2f} ms, "
          f"p95 {p95:.2f} ms ({verdict} {SEARCH_TARGET_MS:.0f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
