"""Import and export of applicant lists (prints figures; asserts nothing).

    .venv/bin/python bench/import_export.py [--rows 10000] [--runs 5] [--db URL]

Writes a CSV of `--rows` valid applicants as Excel would save it (UTF-8 with BOM, the
import contract's columns), then, on a fresh center database each run: reads it,
checks every row (a dry run), imports it in one transaction, dry-runs it again (every
row now a duplicate), and exports the registry to CSV and XLSX. Prints the median and
best of each step. Target: 10k rows imported from CSV in under 2 s.

More rows than an import file may hold (applicant_io.MAX_ROWS), or `--db`, measure the
export alone: a registry of `--rows` demo applicants (made by the demo generator in a
temp file, or the database `--db` names — a path or a postgresql:// URL — filled up to
`--rows` if it holds fewer) is exported whole to CSV and to XLSX (`--formats`), each
in a process of its own, which reports its time and its peak memory (resident set:
the process's high-water mark, and how far the export raised it). Targets at 1M: CSV under 30 s,
XLSX under 90 s, memory flat (the same at 100k as at 1M).
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from desktop.models import Applicant, db
from desktop.models.db import close_database, describe_target
from desktop.models.opening import open_database
from desktop.services import applicant_io, auth, demo
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.demo_people import (
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
)
from desktop.services.identity import national_code_check_digit
from desktop.services.setup import admin_session, initialise_center, is_initialised

PASSWORD = "bench-password"
CATEGORIES = ["job_seeker", "idea_holder", "entrepreneur", "skilled_no_capital", "investor"]


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    codes = rnd.sample(range(1_000_000, 999_999_999), rows)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(applicant_io.REQUIRED_FIELDS)
        for number in codes:
            nine = f"{number:09d}"
            female = rnd.random() < 0.55
            writer.writerow(
                {
                    "national_code": nine + str(national_code_check_digit(nine)),
                    "first_name": rnd.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES),
                    "last_name": rnd.choice(LAST_NAMES),
                    "father_name": rnd.choice(MALE_FIRST_NAMES),
                    "gender": "زن" if female else "مرد",
                    "birth_date": f"13{rnd.randint(45, 84)}/{rnd.randint(1, 12):02d}/"
                    f"{rnd.randint(1, 29):02d}",
                    "mobile": f"09{rnd.randint(10, 39)}{rnd.randrange(10**7):07d}",
                    "district": rnd.randint(1, 22),
                    "categories": ";".join(rnd.sample(CATEGORIES, rnd.randint(1, 2))),
                }[field]
                for field in applicant_io.REQUIRED_FIELDS
            )


@contextmanager
def timed(figures: dict[str, list[float]], name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    figures.setdefault(name, []).append(time.perf_counter() - started)


def _kib(value: int) -> str:
    return f"{value / 1024:,.0f} MiB"  # ru_maxrss is in KiB on Linux


def fill(target: str | Path, rows: int) -> None:
    """A center database at `target` holding at least `rows` applicants."""
    open_database(target)
    if not is_initialised():
        initialise_center(
            center_code="TEH05",
            center_name="مرکز سنجش",
            city="تهران",
            admin_username="admin",
            admin_display_name="مدیر",
            password=PASSWORD,
        )
    missing = rows - Applicant.select().count()
    if missing > 0:
        made = demo.create_demo_applicants(admin_session(), missing)
        print(f"generated {made.applicants:,} demo applicants in {made.seconds:.1f} s")
    close_database()


def export_in_a_process(target: str | Path, out: Path, reply: Connection) -> None:
    """Export the whole registry to `out`; reply (seconds, rows, peak KiB, before KiB)."""
    open_database(target, create=False)
    session = admin_session()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    count = applicant_io.export(session, ApplicantSearch(session), out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    close_database()
    reply.send((seconds, count, peak, before))


def export_only(target: str | Path, rows: int, workdir: Path, formats: list[str]) -> None:
    fill(target, rows)
    print(f"export of the whole registry at {describe_target(target)}:")
    for suffix in formats:
        receive, reply = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.get_context("spawn").Process(
            target=export_in_a_process, args=(target, workdir / f"out.{suffix}", reply)
        )
        process.start()
        seconds, count, peak, before = receive.recv()
        process.join()
        size = (workdir / f"out.{suffix}").stat().st_size / 2**20
        print(
            f"  export {suffix.upper():4} {count:>9,} rows  {seconds:7.1f} s  "
            f"({count / seconds:,.0f} rows/s, {size:,.0f} MiB)  peak memory {_kib(peak)} "
            f"(+{_kib(peak - before)} during the export)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", metavar="URL", help="export from this database (path or URL)")
    parser.add_argument("--formats", default="csv,xlsx", help="exports to time (export only)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tavana-io-"))
    if args.db or args.rows > applicant_io.MAX_ROWS:
        formats = [name.strip() for name in args.formats.split(",") if name.strip()]
        export_only(args.db or workdir / "registry.sqlite3", args.rows, workdir, formats)
        return 0
    source = workdir / "applicants.csv"
    write_csv(source, args.rows)
    figures: dict[str, list[float]] = {}
    for run in range(args.runs):
        open_database(workdir / f"center-{run}.sqlite3")
        initialise_center(
            center_code="TEH05",
            center_name="مرکز سنجش",
            city="تهران",
            admin_username="admin",
            admin_display_name="مدیر",
            password=PASSWORD,
        )
        session = auth.login("admin", PASSWORD)
        with timed(figures, "read CSV"):
            table = applicant_io.read_table(source)
        mapping = applicant_io.guess_mapping(table.headers)
        with timed(figures, "dry run"):
            applicant_io.dry_run(session, table, mapping)
        with timed(figures, "import (read + check + write, one transaction)"):
            summary = applicant_io.import_rows(session, applicant_io.read_table(source), mapping)
        with timed(figures, "dry run again (all duplicates)"):
            applicant_io.dry_run(session, table, mapping)
        for suffix in ("csv", "xlsx"):
            with timed(figures, f"export {suffix.upper()}"):
                applicant_io.export(session, ApplicantSearch(session), workdir / f"out.{suffix}")
        db.close()
        close_database()
    print(f"{args.rows:,} rows, {summary.created:,} created per run, {args.runs} runs")
    for name, values in figures.items():
        print(f"{name:48} median {statistics.median(values):6.2f} s   best {min(values):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
