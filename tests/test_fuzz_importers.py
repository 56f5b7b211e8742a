"""Every file the app reads, fuzzed: applicant and product sheets, a partner body's
results sheet, sync files at HQ, acknowledgements and provisioning files at a center,
and backups. Malformed, truncated, huge, in the wrong encoding, with formula cells,
random bytes, valid files with a bit flipped or cut short, and — for the signed files
— valid signatures over damaged contents.

What holds for any file:
- the importer refuses it with its documented refusal (UserError and its kinds, or
  HQ's refused outcome), with a reason, or it reads it;
- a refused file changes nothing (every table compared before and after, the change
  log with them);
- a sheet that was read explains every row (accepted, or rejected with a reason), and
  what it says it accepted is exactly what the database gained.

Cases per test come from TAVANA_FUZZ_EXAMPLES (tests/helpers/fuzz.py); the cases run
per importer are printed in pytest's summary. One huge case per importer runs once,
not per example. Sheets, sync files at HQ, acknowledgements and set-up from a
provisioning file also run on PostgreSQL (--backend=postgres); backups are SQLite
files by nature. Defects found in modules this change does not touch are listed in
KNOWN_DEFECTS, each with an xfail test at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import sqlite3
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.models import Applicant, Center, ChangeLog, Enrollment, Product, Setting
from desktop.models.opening import open_database
from desktop.models.reference_data import HQ_CENTER_CODE
from desktop.services import (
    applicant_io,
    applicants,
    auth,
    backups,
    center_keys,
    center_sync,
    certificates,
    courses,
    enrollment,
    partner_results,
    reference,
    sync_keys,
)
from desktop.services.applicant_io import OK, REJECTED, Table
from desktop.services.courses import CourseInput
from desktop.services.hq import acks, imports
from desktop.services.hq import setup as hq_setup
from desktop.services.shops import product_import
from desktop.sync import envelope
from desktop.sync.replay import synced_models
from tests.helpers.cli import CONTRACT, init_database, numbered_code, sheet_xml, xlsx_with_sheet
from tests.helpers.courses import finished_course
from tests.helpers.fuzz import (
    CASES,
    FORMULA_STARTS,
    FUZZ,
    Damage,
    changed,
    csv_bytes,
    damage,
    damaged,
    damaged_json,
    junk,
    register_case_counts,
    rolled_back,
    sheet,
    sheet_files,
    snapshot,
    xlsx_bytes,
    zipped,
)
from tests.helpers.people import person
from tests.helpers.shop import open_shop
from tests.helpers.sync import PASSWORD as SYNC_PASSWORD
from tests.helpers.sync import Sites, headquarters, opened

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module", autouse=True)
def case_counts(pytestconfig: pytest.Config) -> None:
    register_case_counts(pytestconfig)


# Defects the fuzzing found in modules this change does not touch, reported with a
# reproduction each (the xfail tests at the end of this file): a crash of these types is
# counted as its known defect, and the database is still checked to be unchanged,
# rather than failing the run. Remove an entry when its defect is fixed.
KNOWN_DEFECTS: dict[str, tuple[type[Exception], ...]] = {
    # All fixed (center_sync.import_ack and read_provisioning check what a signed file
    # holds; backups check, inspect and read every row before a restore). A crash of a
    # type listed here would be counted rather than fail; none is listed.
    "sync ack-import": (),
    "init --provision": (),
    "restore": (),
    "backup inspect": (),
    "restored": (),
}


def refused(importer: str, error: UserError, before: dict, kind: str) -> None:
    """A refusal has a reason and changed nothing."""
    assert str(error).strip(), f"{importer}: a refusal without a reason: {error!r}"
    assert changed(before, snapshot()) == {}
    CASES.record(importer, f"{kind}: refused")


def each_row_explained(table: Table, results: list[Any]) -> dict[int, list[Any]]:
    """Every data row of the sheet has one verdict: one `ok` line, or `rejected`
    lines each with a reason."""
    by_row: dict[int, list[Any]] = defaultdict(list)
    for result in results:
        by_row[result.row].append(result)
    assert sorted(by_row) == list(range(table.first_line, table.first_line + len(table.rows)))
    for row, verdicts in by_row.items():
        statuses = {verdict.status for verdict in verdicts}
        assert statuses in ({OK}, {REJECTED}), (row, verdicts)
        if statuses == {OK}:
            assert len(verdicts) == 1, verdicts
        else:
            assert all(verdict.message.strip() for verdict in verdicts), verdicts
    return by_row


def outcome_of(results: list[Any]) -> str:
    statuses = {result.status for result in results}
    if not statuses:
        return "read, no rows"
    if statuses == {OK}:
        return "all rows accepted"
    return "rows rejected" if statuses == {REJECTED} else "some rows accepted"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- applicants import -------------------------------------------------------------------

APPLICANT_HEADERS = [*CONTRACT, "phone", "address", "education_level", "marital_status", "notes"]
FIRST_NAMES = ("زهرا", "مریم", "علی", "رضا", "فاطمه", "محمدرضا", "نرگس")
REGISTERED = (1, 2, 3)  # numbered codes registered before the import


def applicant_rows() -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda n, first, gender, district, category: [
            numbered_code(n),
            first,
            "احمدی",
            "علی",
            gender,
            "1370/05/12",
            f"0912{n:07d}",
            district,
            category,
            "",
            "تهران، خیابان آزادی",
            "diploma",
            "single",
            "",
        ],
        st.integers(1, 40),
        st.sampled_from(FIRST_NAMES),
        st.sampled_from(("female", "male", "زن", "مرد")),
        st.sampled_from(("5", "۷", "1")),
        st.sampled_from(("job_seeker", "job_seeker;investor", "کارجو")),
    )


VALID_APPLICANTS = [
    [numbered_code(50 + n), "زهرا", "احمدی", "علی", "female", "1370/05/12", f"0935{n:07d}", "5",
     "job_seeker", "", "", "", "", ""]
    for n in range(5)
]  # fmt: skip


@pytest.fixture
def registry(admin):  # type: ignore[no-untyped-def]
    """The center with three applicants already registered (their codes are drawn too)."""
    for n in REGISTERED:
        person(admin, "سارا", national=numbered_code(n))
    return admin


def import_applicants(session: Any, path: Path, dry_run: bool) -> tuple[Table, Any]:
    """What `applicants import` does: read, map the headers, import."""
    table = applicant_io.read_table(path)
    mapping = applicant_io.guess_mapping(table.headers)
    return table, applicant_io.import_rows(session, table, mapping, dry_run=dry_run)


def people_here() -> dict[str, tuple[str, str, str, str]]:
    return {
        row.file_number: (row.national_code, row.first_name, row.last_name, row.father_name)
        for row in Applicant.select()
    }


@FUZZ
@given(
    file=sheet_files(
        sheet(APPLICANT_HEADERS, applicant_rows()),
        csv_bytes(APPLICANT_HEADERS, VALID_APPLICANTS),
        xlsx_bytes(APPLICANT_HEADERS, VALID_APPLICANTS),
    ),
    dry_run=st.booleans(),
)
def test_applicants_import_refuses_or_explains_every_row(registry, tmp_path, file, dry_run):
    kind, suffix, data = file
    path = write(tmp_path, "people" + suffix, data)
    with rolled_back():
        before, people_before = snapshot(), people_here()
        last_seq = ChangeLog.last_seq(registry.center_code)
        try:
            table, summary = import_applicants(registry, path, dry_run)
        except UserError as error:  # UnreadableFile, MissingColumns
            refused("applicants import", error, before, kind)
            return
        by_row = each_row_explained(table, summary.results)
        accepted = [verdicts[0] for verdicts in by_row.values() if verdicts[0].status == OK]
        assert summary.accepted == len(accepted)
        if dry_run or not accepted:
            assert summary.created == 0
            assert changed(before, snapshot()) == {}
        else:
            # What it says it created is exactly what is here now: those people, with
            # the file numbers it gave, their names never a formula, and their log.
            assert summary.created == len(accepted)
            gained = {k: v for k, v in people_here().items() if k not in people_before}
            assert {(r.file_number, r.national_code) for r in accepted} == {
                (number, values[0]) for number, values in gained.items()
            }
            for _, first, last, father in gained.values():
                assert not any(name.startswith(FORMULA_STARTS) for name in (first, last, father))
            logged = ChangeLog.select().where(
                (ChangeLog.center_code == registry.center_code) & (ChangeLog.seq > last_seq)
            )
            assert sorted(entry.entity for entry in logged) == sorted(
                ["applicant", "status_change"] * len(accepted)
            )
            assert applicant_tables(set(changed(before, snapshot()))) <= APPLICANT_TABLES
    CASES.record("applicants import", f"{kind}: {outcome_of(summary.results)}")


APPLICANT_TABLES = {"applicant", "status_change", "change_log"}


def applicant_tables(tables: set[str]) -> set[str]:
    """The tables an import writes to, the search index's among them."""
    return {name for name in tables if not name.startswith("applicant_fts")}


# -- products import ---------------------------------------------------------------------

PRODUCT_HEADERS = ["name", "producer_code", "price", "unit", "category", "barcode", "stock"]


PRODUCERS = ("TEH05-P-0001", "TEH05-P-0002")  # the shop's, as open_shop numbers them
VALID_PRODUCTS = [["شال بافتنی", PRODUCERS[0], "990000", "عدد", "پوشاک", "", "3"]]


@pytest.fixture
def shop(admin):  # type: ignore[no-untyped-def]
    """A shop with two producers and their products."""
    world = open_shop(admin)
    assert world.producer_codes == PRODUCERS
    return admin


def product_rows(producer_codes: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda name, n, code, price, unit, barcode, stock: [
            f"{name} {n}",
            code,
            price,
            unit,
            "خوراکی",
            barcode,
            stock,
        ],
        st.sampled_from(("مربای هویج", "ترشی بادمجان", "کیف چرمی", "شال بافتنی")),
        st.integers(1, 99),
        st.sampled_from(producer_codes),
        st.sampled_from(("350000", "۱۲۰٬۰۰۰", "1,250,000")),
        st.sampled_from(("عدد", "بسته")),
        st.sampled_from(("", "6260000000017", "5901234123457")),
        st.sampled_from(("", "0", "5", "۱۲")),
    )


def shop_products() -> dict[str, tuple[str, str, int]]:
    return {str(row.id): (row.name, row.barcode, row.price) for row in Product.select()}


@FUZZ
@given(
    file=sheet_files(
        sheet(PRODUCT_HEADERS, product_rows(PRODUCERS)),
        csv_bytes(PRODUCT_HEADERS, VALID_PRODUCTS),
        xlsx_bytes(PRODUCT_HEADERS, VALID_PRODUCTS),
    ),
    dry_run=st.booleans(),
)
def test_products_import_refuses_or_explains_every_row(shop, tmp_path, file, dry_run):
    admin = shop
    kind, suffix, content = file
    path = write(tmp_path, "products" + suffix, content)
    with rolled_back():
        before, products_before = snapshot(), shop_products()
        try:
            summary = product_import.import_products(admin, path, dry_run=dry_run)
        except UserError as error:  # UnreadableFile, missing columns
            refused("products import", error, before, kind)
            return
        table = applicant_io.read_table(path)
        by_row = each_row_explained(table, list(summary.results))
        accepted = [verdicts[0] for verdicts in by_row.values() if verdicts[0].status == OK]
        assert (summary.rows, summary.accepted) == (len(table.rows), len(accepted))
        assert summary.rejected == len(by_row) - len(accepted)
        if dry_run or not accepted:
            assert summary.created == 0
            assert changed(before, snapshot()) == {}
        else:
            assert summary.created == len(accepted)
            gained = [v for k, v in shop_products().items() if k not in products_before]
            assert sorted(name for name, _, _ in gained) == sorted(r.name for r in accepted)
            assert all(
                price > 0 and not name.startswith(FORMULA_STARTS) for name, _, price in gained
            )
            assert set(changed(before, snapshot())) <= PRODUCT_TABLES
    CASES.record("products import", f"{kind}: {outcome_of(list(summary.results))}")


PRODUCT_TABLES = {"product", "price_change", "stock_note", "stock_move", "change_log", "audit_log"}


# -- a partner body's results sheet ------------------------------------------------------

RESULT_HEADERS = ["national_code", "result", "score", "attendance_percent"]
SHEET_CODES = [numbered_code(60 + n) for n in range(5)]  # the center's people
VALID_RESULTS = [[SHEET_CODES[0], "passed", "95", "100"], [SHEET_CODES[1], "failed", "", ""]]


@pytest.fixture
def partner_course(admin):  # type: ignore[no-untyped-def]
    """A running course of the TVTO, assessed, and five applicants of the center (the
    sheets name them, and one who is not), the first of them enrolled."""
    tvto = reference.find_partner(admin, "tvto")
    assert tvto is not None
    course = courses.create_course(
        admin,
        CourseInput(
            title="برق ساختمان", partner_id=tvto[0], trainer_id=admin.user_id, hours=120,
            capacity=3, starts_on=TODAY - 3 * DAY, ends_on=TODAY - DAY, weekdays=list(range(7)),
            passing_score="50", status="running",
        ),
    )  # fmt: skip
    ids = [person(admin, "نرگس", national=code) for code in SHEET_CODES]
    enrollment.enroll(admin, course.id, ids[0])
    return admin, course


def result_rows(codes: list[str]) -> st.SearchStrategy[list[str]]:
    return st.builds(
        lambda code, result, score, percent: [code, result, score, percent],
        st.sampled_from([*codes, numbered_code(99)]),
        st.sampled_from(("passed", "failed", "قبول", "مردود")),
        st.sampled_from(("", "87.5", "۹۰", "40")),
        st.sampled_from(("", "85", "۸۵٪", "100", "30")),
    )


def enrollments_of(course_id: str) -> dict[str, tuple[Any, ...]]:
    codes = {str(a.id): a.national_code for a in Applicant.select()}
    return {
        codes[str(row.applicant_id)]: (row.reported_result, row.reported_attendance, row.score)
        for row in Enrollment.select().where(Enrollment.course == course_id)
    }


@FUZZ
@given(
    file=sheet_files(
        sheet(RESULT_HEADERS, result_rows(SHEET_CODES)),
        csv_bytes(RESULT_HEADERS, VALID_RESULTS),
        xlsx_bytes(RESULT_HEADERS, VALID_RESULTS),
    ),
    dry_run=st.booleans(),
)
def test_a_results_sheet_is_refused_or_explained_row_by_row(
    partner_course, tmp_path, file, dry_run
):
    admin, course = partner_course
    kind, suffix, content = file
    path = write(tmp_path, "results" + suffix, content)
    with rolled_back():
        before, held_before = snapshot(), enrollments_of(course.id)
        try:
            table = applicant_io.read_table(path)
            mapping = partner_results.guess_columns(table.headers)
            summary = partner_results.import_results(
                admin, course.id, table, mapping, dry_run=dry_run
            )
        except UserError as error:  # UnreadableFile, MissingColumns
            refused("courses import-results", error, before, kind)
            return
        by_row = each_row_explained(table, summary.results)
        accepted = [verdicts[0] for verdicts in by_row.values() if verdicts[0].status == OK]
        if dry_run or not accepted:
            assert summary.created == 0 and not summary.finished
            assert changed(before, snapshot()) == {}
        else:
            # The sheet's word is kept for exactly the people it accepted.
            held = enrollments_of(course.id)
            reported = {code for code, values in held.items() if values[0] is not None}
            assert reported == {r.national_code for r in accepted}
            moved = {code for code in held if held[code] != held_before.get(code)}
            assert moved <= reported
            assert summary.created <= len(accepted)
    CASES.record("courses import-results", f"{kind}: {outcome_of(summary.results)}")


# -- huge sheets: one case each ----------------------------------------------------------


@pytest.fixture(scope="module")
def huge_sheets(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A CSV of 200,000 rows, a CSV with a 50 MB line, and an XLSX of 250,000 rows
    (the limits are checked before the headers are looked at: one set for every
    sheet importer)."""
    folder = tmp_path_factory.mktemp("huge")
    many = folder / "many.csv"
    with open(many, "w", encoding="utf-8") as out:
        out.write(",".join(CONTRACT) + "\n")
        line = ",".join(VALID_APPLICANTS[0][: len(CONTRACT)]) + "\n"
        out.writelines(line for _ in range(200_000))
    long_line = folder / "long.csv"
    with open(long_line, "w", encoding="utf-8") as out:
        out.write(",".join(CONTRACT) + "\n")
        out.write("x" * 50 * 2**20 + "\n")
    cells = (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
        for n in range(1, 250_002)
    )
    # Past twice the row limit: refused from the zip's XML before openpyxl reads a
    # row (a sheet of up to 200,001 rows is read, and refused at row 100,002).
    wide = xlsx_with_sheet(folder / "many.xlsx", sheet_xml(cells))
    yield [many, long_line, wide]
    for path in (many, long_line, wide):
        path.unlink()


@pytest.mark.slow
def test_huge_sheets_are_refused_by_every_sheet_importer(admin, huge_sheets):
    open_shop(admin, producers_count=1)
    tvto = reference.find_partner(admin, "tvto")
    assert tvto is not None
    course = courses.create_course(
        admin,
        CourseInput(
            title="برق", partner_id=tvto[0], trainer_id=admin.user_id, hours=10, capacity=3,
            starts_on=TODAY - DAY, ends_on=TODAY, weekdays=list(range(7)), status="running",
        ),
    )  # fmt: skip

    def results(path: Path) -> Any:
        table = applicant_io.read_table(path)
        mapping = partner_results.guess_columns(table.headers)
        return partner_results.import_results(admin, course.id, table, mapping)

    importers = {
        "applicants import": lambda path: import_applicants(admin, path, False),
        "products import": lambda path: product_import.import_products(admin, path),
        "courses import-results": results,
    }
    for importer, run in importers.items():
        for path in huge_sheets:
            before = snapshot()
            with pytest.raises(applicant_io.UnreadableFile) as refusal:
                run(path)
            assert refusal.value.reason in {"too_many_rows", "cell_too_long"}, path
            refused(importer, refusal.value, before, "huge")


# -- sync files, acknowledgements and provisioning files ----------------------------------


@dataclass
class SyncWorld:
    """HQ and center TEH05, each on its own database: the center's first file imported
    at HQ, its second one (`pending`) not yet, HQ's acknowledgement of the first, and a
    provisioning file for another center. With the keys to sign and seal files again
    over damaged contents: the center's signing key and HQ's reading key, HQ's signing
    key and the center's reading key."""

    sites: Sites
    pending: bytes
    pending_header: dict[str, Any]
    pending_lines: list[dict[str, Any]]  # its changes, each line's JSON
    center_signer: Ed25519PrivateKey
    hq_reader: X25519PublicKey
    ack: bytes
    ack_header: dict[str, Any]
    ack_body: dict[str, Any]
    hq_signer: Ed25519PrivateKey
    center_reader: X25519PublicKey
    provisioning: bytes
    hq_holds: int  # the center's last change HQ holds (its first file's last)


def add_center_at(sites: Sites, code: str, target: str) -> None:
    """Sites.add_center, the center's database at `target` (a file, or PostgreSQL)."""
    with sites.at_hq() as hq:
        path = hq_setup.provision(hq, code, "مرکز منطقهٔ ۵", "تهران", sites.folder)
    provisioning = center_sync.read_provisioning(path)
    sites.centers[code] = target
    with opened(target):
        center_sync.set_up_from_provisioning(
            provisioning, admin_username="admin", admin_display_name="مدیر مرکز",
            password=SYNC_PASSWORD,
        )  # fmt: skip


def sync_world(folder: Path, hq_target: str | None, center_target: str) -> SyncWorld:
    """Built through the services, as two sites would (a few seconds)."""
    folder.mkdir(parents=True)
    sites = headquarters(folder, hq_target)
    add_center_at(sites, "TEH05", center_target)
    out = folder / "usb"
    out.mkdir()
    with sites.at("TEH05") as admin:
        people = [person(admin, name) for name in ("زهرا", "مریم", "علی")]
        applicants.change_status(admin, people[0], "counselling")
        open_shop(admin, producers_count=1)
        _, enrolled = finished_course(admin, admin.user_id, ["P" * 10])
        certificates.issue_certificate(admin, enrolled[0])
        first = center_sync.export_changes(admin, out)
    assert first is not None
    with sites.at_hq() as hq:
        assert imports.import_file(hq, first.path).status == imports.IMPORTED
        ack_path = acks.write_ack(hq, "TEH05", out)
        hq_signer = center_keys.signing_key(HQ_CENTER_CODE)
        hq_reading = sync_keys.reading_key()
        provisioning = hq_setup.provision(hq, "TEH09", "مرکز منطقهٔ ۹", "تهران", out)
    with sites.at("TEH05") as admin:
        person(admin, "نرگس")
        applicants.change_status(admin, people[1], "counselling")
        applicants.delete(admin, people[2], "تکراری")
        second = center_sync.export_changes(admin, out)
        assert second is not None
        center_signer = center_keys.signing_key("TEH05")
        center_reading = sync_keys.reading_key()
        hq_reader = sync_keys.headquarters().reading_key
    pending = second.path.read_bytes()
    header, payload = envelope.open_sealed(
        pending, kind=center_sync.CHANGES, signer=center_signer.public_key(),
        recipient=hq_reading,
    )  # fmt: skip
    ack = ack_path.read_bytes()
    ack_header, ack_payload = envelope.open_sealed(
        ack, kind=center_sync.ACK, signer=hq_signer.public_key(), recipient=center_reading
    )
    return SyncWorld(
        sites, pending, header, [json.loads(line) for line in payload.decode().splitlines()],
        center_signer, hq_reader, ack, ack_header, json.loads(ack_payload), hq_signer,
        center_reading.public_key(), provisioning.read_bytes(), first.seq_to,
    )  # fmt: skip


@pytest.fixture
def at_hq(tmp_path, postgres_databases):  # type: ignore[no-untyped-def]
    """HQ on the backend under test (the center on an SQLite file), open at HQ."""
    target = postgres_databases.url if postgres_databases else None
    world = sync_world(tmp_path / "sites", target, str(tmp_path / "sites" / "TEH05.sqlite3"))
    try:
        with world.sites.at_hq() as hq:
            yield world, hq
    finally:
        if postgres_databases:
            postgres_databases.empty()


@pytest.fixture
def at_center(tmp_path, postgres_databases):  # type: ignore[no-untyped-def]
    """The center on the backend under test (HQ on an SQLite file), open at the center."""
    target = postgres_databases.url if postgres_databases else str(tmp_path / "TEH05.sqlite3")
    world = sync_world(tmp_path / "sites", None, target)
    try:
        with world.sites.at("TEH05") as admin:
            yield world, admin
    finally:
        if postgres_databases:
            postgres_databases.empty()


SYNC_MAGIC = envelope.MAGIC + b"1\n"
# HQ's tables an import writes besides the merged rows: its ledger, the center's last
# number and keys, duplicate cases; and the search index of the applicants it wrote.
HQ_LEDGER_TABLES = {"hq_import", "hq_center", "hq_duplicate"}


def hq_refused(outcome: imports.ImportOutcome, before: dict) -> None:
    """A refused file: a reason, one row in the inbox of refused files, nothing else."""
    assert outcome.status == imports.REFUSED, outcome
    assert outcome.reason.strip(), outcome
    gone_or_come = changed(before, snapshot())
    assert set(gone_or_come) == {"hq_refusal"}, sorted(gone_or_come)
    assert (len(gone_or_come["hq_refusal"][0]), len(gone_or_come["hq_refusal"][1])) == (0, 1)


@FUZZ
@given(data=st.data())
def test_hq_refuses_any_damaged_sync_file_and_changes_nothing(at_hq, tmp_path, data):
    world, hq = at_hq
    kind, content = data.draw(
        st.one_of(
            st.tuples(st.just("damaged"), damaged(world.pending)),
            st.tuples(st.just("random bytes"), junk(SYNC_MAGIC, envelope.MAGIC)),
            st.tuples(st.just("another kind"), st.sampled_from((world.ack, world.provisioning))),
            st.tuples(st.just("damaged header"), damaged_header(world.pending)),
        )
    )
    path = write(tmp_path, "TEH05-file.tavana-sync", content)
    with rolled_back():
        before = snapshot()
        hq_refused(imports.import_file(hq, path), before)
    CASES.record("hq import", f"{kind}: refused")


def damaged_header(valid: bytes) -> st.SearchStrategy[bytes]:
    """A file whose readable header was changed (its signature no longer holds)."""
    first_end = valid.index(b"\n")
    second_end = valid.index(b"\n", first_end + 1)
    header = json.loads(valid[first_end + 1 : second_end])
    return damaged_json(header).map(
        lambda changed_header: (
            valid[: first_end + 1]
            + json.dumps(changed_header, ensure_ascii=False).encode()
            + valid[second_end:]
        )
    )


def line_text(line: dict[str, Any]) -> str:
    """A change's line as LINE_SQL writes it (the keys in its order, no spaces)."""
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


@st.composite
def damaged_changes(draw: st.DrawFn, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes with one of them damaged (mostly inside its row, where the shape
    check lets it through to the database), dropped, repeated or moved."""
    changed_lines = list(lines)
    at = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(("row", "row", "row", "row", "line", "drop", "repeat", "move")))
    if how == "row":
        changed_lines[at] = {**lines[at], "row": draw(damaged_json(lines[at]["row"]))}
    elif how == "line":
        changed_lines[at] = draw(damaged_json(lines[at]))
    elif how == "drop":
        del changed_lines[at]
    elif how == "repeat":
        changed_lines.insert(at, lines[at])
    else:
        changed_lines.insert(draw(st.integers(0, len(lines) - 1)), changed_lines.pop(at))
    return changed_lines


def sealed_changes(world: SyncWorld, lines: list[Any], header: dict[str, Any]) -> bytes:
    """The center's file of `lines`, signed by the center and sealed to HQ as an
    export seals it: the signature holds, whatever the lines say."""
    seqs = [line.get("seq") for line in lines if isinstance(line, dict)]
    if seqs and all(isinstance(seq, int) for seq in seqs):  # the range its lines name
        header = {**header, "seq_from": min(seqs), "seq_to": max(seqs)}
    payload = "\n".join(line_text(line) for line in lines).encode()
    return envelope.seal(
        center_sync.CHANGES, header, payload, signer=world.center_signer, recipient=world.hq_reader
    )


@FUZZ
@given(data=st.data())
def test_hq_applies_a_signed_file_of_damaged_changes_whole_or_refuses_it(at_hq, tmp_path, data):
    """A center's software that wrote something else signs it all the same: HQ takes
    all of the file or none of it, and says why."""
    world, hq = at_hq
    lines = data.draw(damaged_changes(world.pending_lines))
    header = dict(world.pending_header)
    if data.draw(st.integers(0, 9)) == 0:
        header = data.draw(damaged_json(header))
        header = header if isinstance(header, dict) else {"value": header}
    path = write(tmp_path, "TEH05-signed.tavana-sync", sealed_changes(world, lines, header))
    with rolled_back():
        before = snapshot()
        outcome = imports.import_file(hq, path)
        if outcome.status == imports.REFUSED:
            hq_refused(outcome, before)
            CASES.record("hq import", f"signed, damaged changes: refused ({outcome.reason})")
            return
        gone_or_come = changed(before, snapshot())
        if outcome.status == imports.ALREADY:
            assert gone_or_come == {}
        else:
            # The whole file: its ledger row, and every row it names is here; nothing
            # else was written (HQ logs nothing of its own for what it merged).
            assert {"hq_import", "hq_center"} <= set(gone_or_come)
            synced = {model._meta.table_name for model in synced_models().values()}
            assert applicant_tables(set(gone_or_come)) <= synced | HQ_LEDGER_TABLES
            assert outcome.changes == sum(1 for line in lines if line["seq"] > world.hq_holds)
            for line in lines:
                model = synced_models()[line["entity"]]
                assert model.get_or_none(model.id == line["id"]) is not None, line
    CASES.record("hq import", f"signed, damaged changes: {outcome.status}")


@pytest.mark.slow
def test_hq_refuses_huge_sync_files(at_hq, tmp_path):
    """Once each: 50 MB of a header that never ends, and a signed file of 200,000
    changes whose rows are another center's."""
    world, hq = at_hq
    endless = write(tmp_path, "endless.tavana-sync", SYNC_MAGIC + b'{"kind":"' + b"x" * 50 * 2**20)
    template = next(line for line in world.pending_lines if line["entity"] == "applicant")
    many = [
        {**template, "seq": world.hq_holds + n, "id": str(uuid.UUID(int=n)),
         "row": {**template["row"], "id": str(uuid.UUID(int=n)), "center_code": "TEH07"}}
        for n in range(1, 200_001)
    ]  # fmt: skip
    signed = write(tmp_path, "many.tavana-sync", sealed_changes(world, many, world.pending_header))
    for path in (endless, signed):
        with rolled_back():
            before = snapshot()
            hq_refused(imports.import_file(hq, path), before)
        CASES.record("hq import", "huge: refused")


ACK_TABLES = {"setting", "district", "partner", "center_key", "foreign_certificate", "sync_notice"}


@FUZZ
@given(data=st.data())
def test_a_center_refuses_any_damaged_acknowledgement(at_center, tmp_path, data):
    world, admin = at_center
    kind, content = data.draw(
        st.one_of(
            st.tuples(st.just("damaged"), damaged(world.ack)),
            st.tuples(st.just("random bytes"), junk(SYNC_MAGIC, envelope.MAGIC)),
            st.tuples(
                st.just("another kind"), st.sampled_from((world.pending, world.provisioning))
            ),
            st.tuples(st.just("damaged header"), damaged_header(world.ack)),
        )
    )
    path = write(tmp_path, "TEH05-ack.tavana-sync", content)
    with rolled_back():
        before = snapshot()
        with pytest.raises(UserError) as refusal:
            center_sync.import_ack(admin, path)
        refused("sync ack-import", refusal.value, before, kind)


@FUZZ
@given(data=st.data())
def test_a_center_takes_a_signed_acknowledgement_of_damaged_contents_whole_or_not(
    at_center, tmp_path, data
):
    """HQ's software that wrote something else signs it all the same: the center keeps
    all of it or none of it, and says why."""
    world, admin = at_center
    body, header = world.ack_body, world.ack_header
    if data.draw(st.integers(0, 4)) == 0:
        header = data.draw(damaged_json(header))
        header = header if isinstance(header, dict) else {"value": header}
    else:
        body = data.draw(damaged_json(body))
    content = envelope.seal(
        center_sync.ACK, header, json.dumps(body, ensure_ascii=False).encode(),
        signer=world.hq_signer, recipient=world.center_reader,
    )  # fmt: skip
    path = write(tmp_path, "TEH05-ack.tavana-sync", content)
    with rolled_back():
        before = snapshot()
        try:
            read = center_sync.import_ack(admin, path)
        except UserError as error:
            refused("sync ack-import", error, before, "signed, damaged contents")
            return
        except KNOWN_DEFECTS["sync ack-import"] as error:
            assert changed(before, snapshot()) == {}
            crash = f"crashed, known defect ({type(error).__name__})"
            CASES.record("sync ack-import", f"signed, damaged contents: {crash}")
            return
        assert set(changed(before, snapshot())) <= ACK_TABLES
        assert read.last_sequence == int(Setting.read(center_sync.LAST_ACK_SEQUENCE) or -1)
    CASES.record("sync ack-import", "signed, damaged contents: read")


@pytest.mark.slow
def test_a_center_refuses_a_huge_acknowledgement(at_center, tmp_path):
    """Once: a real acknowledgement's header followed by 50 MB."""
    world, admin = at_center
    header_end = world.ack.index(b"\n", world.ack.index(b"\n") + 1) + 1
    path = write(tmp_path, "huge.tavana-sync", world.ack[:header_end] + b"\x00" * 50 * 2**20)
    with rolled_back():
        before = snapshot()
        with pytest.raises(UserError) as refusal:
            center_sync.import_ack(admin, path)
        refused("sync ack-import", refusal.value, before, "huge")


@pytest.fixture(scope="module")
def provisioning_file(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A provisioning file HQ (an SQLite file) wrote for center TEH09."""
    folder = tmp_path_factory.mktemp("provisioning")
    sites = headquarters(folder)
    with sites.at_hq() as hq:
        path = hq_setup.provision(hq, "TEH09", "مرکز منطقهٔ ۹", "تهران", folder)
    return path.read_bytes()


@FUZZ
@given(data=st.data())
def test_a_damaged_provisioning_file_is_refused(provisioning_file, tmp_path, data):
    kind, content = data.draw(
        st.one_of(
            st.tuples(st.just("damaged"), damaged(provisioning_file)),
            st.tuples(st.just("random bytes"), junk(SYNC_MAGIC, envelope.MAGIC)),
            st.tuples(st.just("damaged header"), damaged_header(provisioning_file)),
        )
    )
    path = write(tmp_path, "TEH09-provision.tavana-sync", content)
    with pytest.raises(UserError) as refusal:
        center_sync.read_provisioning(path)
    assert str(refusal.value).strip()
    CASES.record("init --provision", f"{kind}: refused")


@FUZZ
@given(data=st.data())
def test_a_provisioning_file_signed_over_damaged_contents_sets_up_whole_or_not(
    database, provisioning_file, tmp_path, data
):
    """Whoever holds a provisioning file can sign another (the fingerprint, compared by
    phone, is what tells HQ's): its contents are checked as HQ's would be, and a
    center is set up from it whole, or not at all."""
    header, body = provisioning_contents(provisioning_file)
    document = data.draw(damaged_json({"header": header, "body": body}))
    if isinstance(document, dict) and isinstance(document.get("header"), dict):
        header = document["header"]
    body = document.get("body") if isinstance(document, dict) else document
    signer = Ed25519PrivateKey.generate()
    if header.get("hq_signing_key") == envelope.public_text(HQ_PLACEHOLDER):
        header = {**header, "hq_signing_key": envelope.public_text(signer)}
    content = envelope.seal(
        center_sync.PROVISION, header, json.dumps(body, ensure_ascii=False).encode(),
        signer=signer, recipient=None,
    )  # fmt: skip
    path = write(tmp_path, "TEH09-provision.tavana-sync", content)
    with rolled_back():
        before = snapshot()
        try:
            provisioning = center_sync.read_provisioning(path)
            center_sync.set_up_from_provisioning(
                provisioning, admin_username="admin", admin_display_name="مدیر مرکز",
                password=SYNC_PASSWORD, admin_name_required=False,
            )  # fmt: skip
        except UserError as error:
            refused("init --provision", error, before, "signed, damaged contents")
            return
        except KNOWN_DEFECTS["init --provision"] as error:
            assert changed(before, snapshot()) == {}
            crash = f"crashed, known defect ({type(error).__name__})"
            CASES.record("init --provision", f"signed, damaged contents: {crash}")
            return
        assert Center.local() is not None
    CASES.record("init --provision", "signed, damaged contents: set up")


HQ_PLACEHOLDER = Ed25519PrivateKey.from_private_bytes(bytes(32))


def provisioning_contents(data: bytes) -> tuple[dict[str, Any], Any]:
    """The file's header (its HQ key a placeholder, to be signed again) and body."""
    header = envelope.read_header(data)
    signer = envelope.ed25519_public(header["hq_signing_key"])
    _, payload = envelope.open_sealed(
        data, kind=center_sync.PROVISION, signer=signer, recipient=None
    )
    kept = {k: v for k, v in header.items() if k not in ("kind", "payload_bytes")}
    return {**kept, "hq_signing_key": envelope.public_text(HQ_PLACEHOLDER)}, json.loads(payload)


@pytest.mark.slow
def test_a_huge_provisioning_file_is_refused(provisioning_file, tmp_path):
    """Once: a provisioning file with 50 MB more after its signature."""
    path = write(tmp_path, "huge.tavana-sync", provisioning_file + b"\x00" * 50 * 2**20)
    with pytest.raises(UserError) as refusal:
        center_sync.read_provisioning(path)
    assert str(refusal.value).strip()
    CASES.record("init --provision", "huge: refused")


# -- backups -------------------------------------------------------------------------------


@dataclass
class BackupWorld:
    path: Path  # the open database's file
    admin: Any
    backup: bytes  # a whole backup of it
    pristine: Path  # that backup, to put the database back after a restore


@pytest.fixture
def backed_up(tmp_path, close_database_after):  # type: ignore[no-untyped-def]
    """A center's database file (TEH05) with applicants, open, and a backup of it."""
    path = Path(init_database(tmp_path))
    open_database(str(path))
    admin = auth.login("admin", INIT_PASSWORD)
    for name in ("مریم", "زهرا", "نرگس"):
        person(admin, name)
    out = tmp_path / "usb"
    out.mkdir()
    taken = backups.back_up_now(admin, out).path
    return BackupWorld(path, admin, taken.read_bytes(), taken)


def live_rows(path: Path) -> dict[str, list[str]]:
    """Every table's rows of an SQLite file, read on a connection of its own (text as
    bytes: a damaged page may hold text that is not UTF-8)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        connection.text_factory = bytes
        return {t: sorted(map(repr, connection.execute(f'SELECT * FROM "{t}"'))) for t in tables}


SQLITE_MAGIC = b"SQLite format 3\x00"
INIT_PASSWORD = "s3cret-pass"  # init_database's


@pytest.mark.sqlite_only("backups are SQLite files")
@FUZZ
@given(data=st.data())
def test_a_damaged_backup_is_refused_or_restored_whole(backed_up, tmp_path, data):
    """`inspect` reads a backup's facts or refuses it; `restore_file` refuses a damaged
    one (its seal) and writes nothing, and puts all of a whole one in place."""
    world = backed_up
    kind, recipe = data.draw(
        st.one_of(
            st.tuples(st.just("damaged"), damage(len(world.backup))),
            st.tuples(st.just("damaged page"), page_damage(world.backup)),
            st.tuples(st.just("random bytes"), junk(SQLITE_MAGIC)),
        )
    )
    content = recipe.applied(world.backup) if isinstance(recipe, Damage) else recipe
    if content == world.backup:  # the bytes written were those already there
        kind = f"{kind}, unchanged"
    path = write(tmp_path, "tavana-TEH05-20261204-184500-manual.sqlite3", content)
    try:
        backups.inspect(path)
    except UserError as error:
        assert str(error).strip()
        CASES.record("backup inspect", f"{kind}: refused")
    except KNOWN_DEFECTS["backup inspect"] as error:
        CASES.record("backup inspect", f"{kind}: crashed, known defect ({type(error).__name__})")
    else:
        CASES.record("backup inspect", f"{kind}: read")
    before = live_rows(world.path)
    safety = world.path.parent / backups.AUTOMATIC_FOLDER
    kept = set(safety.glob("*")) if safety.is_dir() else set()
    try:
        backups.restore_file(world.admin, path)
    except (UserError, *KNOWN_DEFECTS["restore"]) as error:
        assert str(error).strip()
        assert live_rows(world.path) == before
        assert (set(safety.glob("*")) if safety.is_dir() else set()) == kept
        known = "" if isinstance(error, UserError) else f", known defect ({type(error).__name__})"
        CASES.record("restore", f"{kind}: refused{known}")
        return
    # Only the backup as it was written (its seal holds), and all of it.
    assert content == world.backup, "a damaged backup was restored"
    assert live_rows(world.path) == live_rows(path)
    try:
        snapshot()  # and the app reads every row of it
    except KNOWN_DEFECTS["restored"] as error:
        crash = f"known defect ({type(error).__name__})"
        CASES.record("restore", f"{kind}: restored, unreadable, {crash}")
    else:
        CASES.record("restore", f"{kind}: restored")
    backups.restore_file(world.admin, world.pristine)  # put back for the next example


@st.composite
def page_damage(draw: st.DrawFn, valid: bytes) -> Damage:
    """A run of bytes inside one page overwritten: past the file's header, where
    SQLite reads the schema and the rows."""
    page_size = int.from_bytes(valid[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page = draw(st.integers(0, len(valid) // page_size - 1))
    start = page * page_size + draw(st.integers(100 if page == 0 else 0, page_size - 17))
    garbage = draw(st.binary(min_size=1, max_size=16))
    return Damage(start, len(garbage), garbage)


@pytest.mark.sqlite_only("backups are SQLite files")
@pytest.mark.slow
def test_a_huge_backup_is_refused_or_restored_whole(backed_up, tmp_path):
    """Once: a whole backup followed by 50 MB that are not SQLite pages."""
    world = backed_up
    path = write(tmp_path, "huge.sqlite3", world.backup + b"\x5a" * 50 * 2**20)
    before = live_rows(world.path)
    try:
        backups.inspect(path)
        backups.restore_file(world.admin, path)
    except UserError as error:
        assert str(error).strip()
        assert live_rows(world.path) == before
        CASES.record("restore", "huge: refused")
        return
    assert live_rows(world.path) == live_rows(path)
    CASES.record("restore", "huge: restored")


# -- what the fuzzing found, kept as plain tests -------------------------------------------


def rezipped(valid: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    return zipped({**parts, name: change(parts[name])})


def entry_changed(valid: bytes, name: str, field: str, value: int) -> bytes:
    """The zip with a part's `flags` or compression `method` set to `value`, in its
    local header and in the central directory alike."""
    offsets = {"flags": (6, 8), "method": (8, 10)}[field]  # (local, central)
    changed_bytes = bytearray(valid)
    for signature, offset in zip((b"PK\x03\x04", b"PK\x01\x02"), offsets, strict=True):
        named = 30 if signature == b"PK\x03\x04" else 46
        at = valid.index(signature)
        while valid[at + named : at + named + len(name)] != name.encode():
            at = valid.index(signature, at + 1)
        changed_bytes[at + offset : at + offset + 2] = value.to_bytes(2, "little")
    return bytes(changed_bytes)


def deflate_damaged(valid: bytes, name: str) -> bytes:
    """The zip with the first byte of a part's compressed data changed."""
    at = valid.index(b"PK\x03\x04")
    while valid[at + 30 : at + 30 + len(name)] != name.encode():
        at = valid.index(b"PK\x03\x04", at + 1)
    extra = int.from_bytes(valid[at + 28 : at + 30], "little")
    changed_bytes = bytearray(valid)
    changed_bytes[at + 30 + len(name) + extra] ^= 0xFF
    return bytes(changed_bytes)


VALID_SHEET = xlsx_bytes(APPLICANT_HEADERS, VALID_APPLICANTS)
SHEET_PART = "xl/worksheets/sheet1.xml"


DAMAGED_WORKBOOKS = {
    # the XML parser: ParseError (a SyntaxError)
    "not xml": rezipped(VALID_SHEET, "[Content_Types].xml", lambda xml: b"=" + xml[1:]),
    "xml cut short": rezipped(VALID_SHEET, SHEET_PART, lambda xml: xml[: len(xml) // 2]),
    # openpyxl's readers: an attribute they do not know (TypeError), no sheet (IndexError)
    "unknown attribute": rezipped(
        VALID_SHEET, "[Content_Types].xml", lambda xml: xml.replace(b"ContentType=", b"Ct=", 1)
    ),
    "no sheet": rezipped(
        VALID_SHEET, "xl/workbook.xml", lambda xml: re.sub(rb"<sheets>.*</sheets>", b"", xml)
    ),
    # the zip: a deflate stream changed (zlib.error), a compression method it does not
    # read (NotImplementedError), a part marked encrypted (RuntimeError)
    "deflate damaged": deflate_damaged(VALID_SHEET, SHEET_PART),
    "unknown compression": entry_changed(VALID_SHEET, "[Content_Types].xml", "method", 99),
    "encrypted": entry_changed(VALID_SHEET, "[Content_Types].xml", "flags", 1),
}


@pytest.mark.parametrize("workbook", DAMAGED_WORKBOOKS.values(), ids=DAMAGED_WORKBOOKS.keys())
def test_a_damaged_workbook_is_refused_as_damaged(tmp_path, workbook):
    with pytest.raises(applicant_io.UnreadableFile) as refusal:
        applicant_io.read_table(write(tmp_path, "people.xlsx", workbook))
    assert refusal.value.reason == "corrupt"


@pytest.mark.parametrize(("column", "text"), [(7, "²"), (1, "ب" * 101), (3, "ب" * 101)])
def test_an_applicant_row_the_import_crashed_on_is_rejected(registry, tmp_path, column, text):
    """A district «²» (a digit to isdigit(), not to int()) crashed the import; a name
    longer than its column crashed it on PostgreSQL (the registration form too)."""
    row = list(VALID_APPLICANTS[0])
    row[column] = text
    path = write(tmp_path, "people.csv", csv_bytes(APPLICANT_HEADERS, [row]))
    before = snapshot()
    _, summary = import_applicants(registry, path, False)
    assert [(r.status, r.field) for r in summary.results] == [(REJECTED, APPLICANT_HEADERS[column])]
    assert changed(before, snapshot()) == {}


@pytest.mark.parametrize(
    ("price", "stock", "field"),
    [("9" * 30, "", "price"), ("1000", "²", "stock"), ("1000", "9" * 30, "stock"),
     ("1000", "", "unit")],
)  # fmt: skip
def test_a_product_row_past_the_numbers_a_shop_keeps_is_rejected(
    shop, tmp_path, price, stock, field
):
    """A 30-digit price or stock overflowed the database, a unit past its column's 30
    characters overflowed it on PostgreSQL; a superscript two is a digit to isdigit()
    and not to int(). Rejected with the field's reason, nothing written."""
    unit = "ب" * 31 if field == "unit" else "عدد"
    row = ["شال", PRODUCERS[0], price, unit, "", "", stock]
    path = write(tmp_path, "products.csv", csv_bytes(PRODUCT_HEADERS, [row]))
    before = snapshot()
    summary = product_import.import_products(shop, path)
    assert [(r.status, r.field) for r in summary.results] == [(REJECTED, field)]
    assert summary.results[0].message.strip()
    assert changed(before, snapshot()) == {}


@pytest.mark.parametrize("field", ["producer", "barcode"])
def test_a_product_row_holding_a_nul_is_rejected(shop, tmp_path, field):
    """PostgreSQL refused the text in the lookup of the producer or the barcode: the
    import crashed."""
    row = ["شال", PRODUCERS[0], "1000", "عدد", "", "", ""]
    row[1 if field == "producer" else 5] = "12\x00"
    path = write(tmp_path, "products.csv", csv_bytes(PRODUCT_HEADERS, [row]))
    before = snapshot()
    summary = product_import.import_products(shop, path)
    assert [(r.status, r.field) for r in summary.results] == [(REJECTED, field)]
    assert changed(before, snapshot()) == {}


def test_a_results_sheet_with_no_row_accepted_changes_nothing(partner_course):
    """It used to finish the course all the same, settling everyone by the center's
    own marks (none here: all failed)."""
    admin, course = partner_course
    table = Table(RESULT_HEADERS, [[numbered_code(99), "passed", "", ""], ["", "", "", ""]])
    before = snapshot()
    summary = partner_results.import_results(
        admin, course.id, table, partner_results.guess_columns(table.headers)
    )
    assert (summary.rejected, summary.created, summary.finished) == (2, 0, False)
    assert courses.get_course(admin, course.id).status == "running"
    assert changed(before, snapshot()) == {}


@pytest.mark.parametrize(
    "damage_to",
    ["names not text", "updated_at not a time", "reading key not a key", "center code long",
     "file name long", "a number in words", "a 13th month", "a truth value in words",
     "a name past its column", "a day in words"],
)  # fmt: skip
def test_hq_refuses_what_a_signed_file_should_not_say(at_hq, tmp_path, damage_to):
    """Each crashed the import (on PostgreSQL, or on both) before it was refused; SQLite
    stored a time that is not one until its rows' values were checked (sync/apply.py)."""
    world, hq = at_hq
    lines, header = [dict(line) for line in world.pending_lines], dict(world.pending_header)
    name = "TEH05-signed.tavana-sync"
    at = next(i for i, line in enumerate(lines) if line["entity"] == "applicant")
    if damage_to == "names not text":
        lines[at] = {**lines[at], "row": {**lines[at]["row"], "first_name": None}}
    elif damage_to == "updated_at not a time":
        lines[at] = {**lines[at], "row": {**lines[at]["row"], "updated_at": "دیروز"}}
    elif damage_to in WRONG_VALUES:
        column, value = WRONG_VALUES[damage_to]
        lines[at] = {**lines[at], "row": {**lines[at]["row"], column: value}}
    elif damage_to == "reading key not a key":
        header["reading_key"] = {"not": "a key"}
    elif damage_to == "center code long":
        header["center_code"] = "TEH05" * 10
    else:
        name = "x" * 230 + ".tavana-sync"  # past the ledger's 200 characters
    path = write(tmp_path, name, sealed_changes(world, lines, header))
    with rolled_back():
        before = snapshot()
        outcome = imports.import_file(hq, path)
        if damage_to == "file name long":  # a good file, whatever its name
            assert outcome.status == imports.IMPORTED
            return
        hq_refused(outcome, before)
    assert (
        outcome.reason
        == {
            "names not text": "damaged_payload",
            "updated_at not a time": "damaged_payload",
            **dict.fromkeys(WRONG_VALUES, "damaged_payload"),
            "reading key not a key": "bad_header",
            "center code long": "unknown_center",
        }[damage_to]
    )


# Values an applicant's columns cannot hold: PostgreSQL refuses each, and SQLite once
# stored it as it came.
WRONG_VALUES = {
    "a number in words": ("number", "twelve"),
    "a 13th month": ("birth_date", "1990-13-01"),
    "a truth value in words": ("deleted", "perhaps"),
    "a name past its column": ("first_name", "م" * 101),
    "a day in words": ("registered_on", "دیروز"),
}


# -- defects reported in modules this change does not touch (KNOWN_DEFECTS) ----------------
# Each test says what should happen; xfail until the module's owner fixes it (strict: a
# fix makes it pass, and then its mark and its KNOWN_DEFECTS entry go).


def ack_damages(world: SyncWorld) -> dict[str, tuple[dict[str, Any], Any]]:
    """(header, body) of acknowledgements HQ signed whose contents are not what
    import_ack reads, by what is wrong with them."""
    header, body = world.ack_header, world.ack_body
    district = body["reference"]["district"][0]
    return {
        "body is a list": (header, []),
        "no created_at": ({k: v for k, v in header.items() if k != "created_at"}, body),
        "last_sequence null": (header, {**body, "last_sequence": None}),
        "notice without key": (header, {**body, "notices": [{"message": "x"}]}),
        "certificate without fields": (header, {**body, "certificates": [{}]}),
        "center not an object": (header, {**body, "centers": [[]]}),
        "district without id": (
            header,
            {**body, "reference": {"district": [{"number": 5}], "partner": []}},
        ),
        "district clashing": (
            header,
            {**body, "reference": {"district": [{**district, "id": str(uuid.uuid4())}]}},
        ),
    }


def test_reported_an_acknowledgement_of_another_shape_is_refused(at_center, tmp_path):
    world, admin = at_center
    crashed = {}
    for what, (header, body) in ack_damages(world).items():
        content = envelope.seal(
            center_sync.ACK, header, json.dumps(body, ensure_ascii=False).encode(),
            signer=world.hq_signer, recipient=world.center_reader,
        )  # fmt: skip
        path = write(tmp_path, "TEH05-ack.tavana-sync", content)
        with rolled_back():
            before = snapshot()
            try:
                center_sync.import_ack(admin, path)
            except UserError:
                pass
            except Exception as error:  # the defect, named in the report
                crashed[what] = f"{type(error).__name__}: {error}"
            assert changed(before, snapshot()) == {}
    assert crashed == {}


def provisioning_damages(header: dict[str, Any], body: Any) -> dict[str, Any]:
    district = body["reference"]["district"][0]
    return {
        "reading key not a key": {**body, "hq": {**body["hq"], "reading_key": "not-a-key"}},
        "district without id": {**body, "reference": {"district": [{"number": 5}], "partner": []}},
        "a new district, updated_at null": {
            **body,
            "reference": {
                "district": [
                    district | {"id": str(uuid.uuid4()), "number": 99, "updated_at": None}
                ],
                "partner": [],
            },
        },
        "enrolment secret not hex": {**body, "enrolment_secret": "not hex"},
    }


def test_reported_a_provisioning_file_of_another_shape_is_refused(
    database, provisioning_file, tmp_path
):
    header, body = provisioning_contents(provisioning_file)
    signer = Ed25519PrivateKey.generate()
    header = {**header, "hq_signing_key": envelope.public_text(signer)}
    crashed = {}
    for what, damaged_body in provisioning_damages(header, body).items():
        content = envelope.seal(
            center_sync.PROVISION, header, json.dumps(damaged_body).encode(), signer=signer,
            recipient=None,
        )  # fmt: skip
        path = write(tmp_path, "TEH09-provision.tavana-sync", content)
        with rolled_back():
            before = snapshot()
            try:
                provisioning = center_sync.read_provisioning(path)
                center_sync.set_up_from_provisioning(
                    provisioning, admin_username="admin", admin_display_name="مدیر مرکز",
                    password=SYNC_PASSWORD, admin_name_required=False,
                )  # fmt: skip
                # Set up: then its first sync file must be written.
                admin = auth.login("admin", SYNC_PASSWORD)
                person(admin, "زهرا")
                center_sync.export_changes(admin, tmp_path)
            except UserError:
                assert changed(before, snapshot()) == {}
            except Exception as error:  # the defect, named in the report
                crashed[what] = f"{type(error).__name__}: {error}"
    assert crashed == {}


def backup_damages(valid: bytes) -> dict[str, bytes]:
    """Backups damaged where SQLite's checks do not look, or raise past restore's."""
    page_size = int.from_bytes(valid[16:18], "big")
    page_four = bytearray(valid)
    page_four[3 * page_size] = 0  # the b-tree page's type
    index = re.search(rb'CREATE INDEX "([a-z_]+)"', valid)
    assert index is not None
    name_at = valid.rindex(index.group(1), 0, index.start()) + 2  # its row in sqlite_master
    schema_name = bytearray(valid)
    schema_name[name_at] = 0xBA
    name_text = bytearray(valid)
    name_text[valid.index("مریم".encode())] = 0xFF
    return {
        "integrity_check raises": bytes(page_four),
        "a schema name not UTF-8": bytes(schema_name),
        "a name not UTF-8": bytes(name_text),
    }


@pytest.mark.sqlite_only("backups are SQLite files")
@pytest.mark.parametrize(
    "what", ["integrity_check raises", "a schema name not UTF-8", "a name not UTF-8"]
)
def test_reported_a_damaged_backup_is_refused_with_a_reason(backed_up, tmp_path, what):
    world = backed_up
    path = write(tmp_path, "tavana-TEH05-20261204-184500-manual.sqlite3",
                 backup_damages(world.backup)[what])  # fmt: skip
    before = live_rows(world.path)
    with contextlib.suppress(UserError):
        backups.inspect(path)
    with pytest.raises(UserError):
        backups.restore_file(world.admin, path)
    assert live_rows(world.path) == before
