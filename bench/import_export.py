"""Import and export of applicant lists (prints figures; asserts nothing).

    .venv/bin/python bench/import_export.py [--rows 10000] [--runs 5]

Writes a CSV of `--rows` valid applicants as Excel would save it (UTF-8 with BOM, the
import contract's columns), then, on a fresh center database each run: reads it,
checks every row (a dry run), imports it in one transaction, dry-runs it again (every
row now a duplicate), and exports the registry to CSV and XLSX. Prints the median and
best of each step. Target: 10k rows imported from CSV in under 2 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from desktop.models import db
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicant_io, auth
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.demo_people import (
    FEMALE_FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
)
from desktop.services.identity import national_code_check_digit
from desktop.services.setup import initialise_center

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tavana-io-"))
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
