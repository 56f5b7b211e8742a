"""End to end through the command line: HQ provisions two centers, they register people,
run a course, print a certificate and sell; their sync files merge at HQ, which lists
the person registered at both; a certificate revoked at one center reaches the other
with HQ's acknowledgement and verifies there as revoked (exit 3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.models import Applicant, Certificate
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services.certificate_records import qr_payload
from tests.helpers.cli import run
from tests.helpers.shop import valid_iban

PASSWORD = "s3cret-pass"
TODAY, DAY = dt.date.today(), dt.timedelta(days=1)
SHARED = "0012345679"


@pytest.fixture
def hq(tmp_path, capsys, postgres_databases):  # type: ignore[no-untyped-def]
    (tmp_path / "password.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    target = postgres_databases.url if postgres_databases else str(tmp_path / "hq.sqlite3")
    code, _, err = run(
        capsys, "hq", "init", "--db", target, "--name", "ستاد شهر", "--admin", "hqadmin",
        "--password-file", str(tmp_path / "password.txt"),
    )  # fmt: skip
    assert code == 0, err
    yield target
    close_database()
    if postgres_databases:
        postgres_databases.empty()


def center(tmp_path, capsys, hq, code: str) -> str:  # type: ignore[no-untyped-def]
    provision = tmp_path / f"{code}.tavana-sync"
    result = run(
        capsys, "hq", "provision", "--db", hq, "--center-code", code,
        "--center-name", f"مرکز {code}", "--city", "تهران", "--out", str(provision),
    )  # fmt: skip
    assert result[0] == 0 and result[1].strip() == str(provision), result
    path = str(tmp_path / f"{code}.sqlite3")
    code_, out, err = run(
        capsys, "init", "--db", path, "--provision", str(provision), "--admin", "admin",
        "--admin-name", "مدیر مرکز", "--password-file", str(tmp_path / "password.txt"),
    )  # fmt: skip
    assert code_ == 0, err
    assert f"initialised center {code}" in out and "fingerprint" in out
    return path


def register(capsys, path: str, tmp_path, national: str, district: str) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / f"people-{national}.csv"
    sheet.write_text(
        "national_code,first_name,last_name,father_name,gender,birth_date,mobile,district,"
        "categories\n"
        f"{national},زهرا,کریمی,حسن,female,1370/05/12,09121234567,{district},entrepreneur\n",
        encoding="utf-8",
    )
    assert run(capsys, "applicants", "import", "--db", path, str(sheet))[0] == 0


def test_provision_two_centers_merge_revoke_and_verify_everywhere(hq, tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    a = center(tmp_path, capsys, hq, "TEH05")
    b = center(tmp_path, capsys, hq, "TEH07")
    register(capsys, a, tmp_path, SHARED, "5")
    register(capsys, b, tmp_path, SHARED, "7")
    # A partner body's course at A, its results sheet, and the certificate printed.
    code, out, err = run(
        capsys, "courses", "add", "--db", a, "--title", "برق ساختمان", "--hours", "120",
        "--starts-on", (TODAY - 10 * DAY).isoformat(), "--ends-on", (TODAY - DAY).isoformat(),
        "--partner", "tvto", "--json",
    )  # fmt: skip
    assert code == 0, err
    course = json.loads(out)["code"]
    results = tmp_path / "results.csv"
    results.write_text(f"national_code,result\n{SHARED},passed\n", encoding="utf-8")
    code, _, err = run(
        capsys, "courses", "import-results", "--db", a, "--course", course, str(results)
    )
    assert code == 0, err
    code, out, err = run(
        capsys, "certificates", "print", "--db", a, "--course", course,
        "--out", str(tmp_path / "certificates.pdf"),
    )  # fmt: skip
    assert code == 0, err
    open_database(a)
    try:
        issued = Certificate.get()
        printed = qr_payload(issued.serial, issued.code, issued.signature)  # as on the paper
    finally:
        close_database()
    # A shop sale at A.
    assert run(capsys, "shops", "add", "--db", a, "--code", "S1", "--name", "فروشگاه")[0] == 0
    open_database(a)
    try:
        producer_code = Applicant.get(Applicant.national_code == SHARED).national_code
    finally:
        close_database()
    assert run(
        capsys, "producers", "add", "--db", a, "--national-code", producer_code,
        "--business-name", "کارگاه زهرا", "--iban", valid_iban(3), "--commission", "10",
        "--shop", "S1",
    )[0] == 0  # fmt: skip
    sheet = tmp_path / "products.csv"
    sheet.write_text(
        "name,producer_code,price,unit,category,barcode,stock\n"
        "مربای بالنگ,TEH05-P-0001,350000,عدد,خوراکی,6260100000018,5\n",
        encoding="utf-8",
    )
    assert run(capsys, "products", "import", "--db", a, str(sheet))[0] == 0
    sold = run(
        capsys, "sales", "add", "--db", a, "--shop", "S1", "--item", "6260100000018:2",
        "--pay", "cash:700000",
    )  # fmt: skip
    assert sold[0] == 0, sold

    files = []
    for path in (a, b):
        code, out, err = run(capsys, "sync", "export", "--db", path, "--out", str(usb))
        assert code == 0, err
        files.append(out.strip())
    code, out, _ = run(capsys, "sync", "export", "--db", a, "--out", str(usb))
    assert code == 0 and out.startswith("nothing to export")
    code, out, err = run(capsys, "hq", "import", "--db", hq, *files)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 and all(line.startswith("imported: ") for line in lines), lines
    code, out, err = run(capsys, "hq", "import", "--db", hq, files[0])
    assert code == 0 and out.strip() == f"already imported: {files[0].rsplit('/', 1)[1]}", (
        out,
        err,
    )

    code, out, _ = run(capsys, "hq", "duplicates", "--db", hq, "--json")
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    assert [(row["national_code"], row["centers"], row["status"]) for row in found] == [
        (SHARED, ["TEH05", "TEH07"], "open")
    ]
    code, out, _ = run(capsys, "hq", "centers", "--db", hq, "--json")
    listed = {row["code"]: row for row in map(json.loads, out.splitlines())}
    assert set(listed) == {"TEH05", "TEH07"}
    assert {"code", "name", "last_sequence", "files", "last_import_at", "applicants"} <= set(
        listed["TEH05"]
    )
    assert listed["TEH05"]["applicants"] == 1 and listed["TEH07"]["files"] == 1
    code, out, _ = run(capsys, "hq", "search", "--db", hq, "کریمی", "--json")
    hits = [json.loads(line) for line in out.splitlines()]
    assert {hit["center_code"] for hit in hits} >= {"TEH05", "TEH07"}

    # Revoked at A; the revocation travels A → HQ → B.
    code, _, err = run(
        capsys, "certificates", "revoke", "--db", a, issued.serial, "--reason", "نام نادرست"
    )
    assert code == 0, err
    code, out, _ = run(capsys, "sync", "export", "--db", a, "--out", str(usb))
    assert code == 0
    assert run(capsys, "hq", "import", "--db", hq, out.strip())[0] == 0
    code, out, err = run(capsys, "hq", "ack", "--db", hq, "--center", "TEH07", "--out", str(usb))
    assert code == 0, err
    ack = out.strip()
    assert run(capsys, "certificates", "verify", "--db", b, printed)[0] == 4
    code, out, err = run(capsys, "sync", "ack-import", "--db", b, ack)
    assert code == 0, err
    assert run(capsys, "certificates", "verify", "--db", b, printed)[0] == 3
    code, out, _ = run(capsys, "sync", "status", "--db", b, "--json")
    status = json.loads(out)
    assert set(status) == {
        "center_code", "last_exported_seq", "last_acknowledged_seq", "pending_changes",
        "last_ack_at",
    }  # fmt: skip
    assert status["last_acknowledged_seq"] == status["last_exported_seq"]
    assert status["last_ack_at"] is not None


def test_refusals_are_one_line_and_exit_1(hq, tmp_path, capsys):
    a = center(tmp_path, capsys, hq, "TEH05")
    usb = tmp_path / "usb"
    usb.mkdir()
    file = run(capsys, "sync", "export", "--db", a, "--out", str(usb))[1].strip()
    broken = usb / "broken.tavana-sync"
    broken.write_bytes(Path(file).read_bytes()[:-10])
    code, out, _ = run(capsys, "hq", "import", "--db", hq, str(broken), file)
    assert code == 1
    lines = sorted(out.splitlines())  # a center's files go in sequence order
    assert lines[0].startswith("imported: ")
    assert lines[1].startswith("refused: broken.tavana-sync: truncated")
    code, _, err = run(capsys, "sync", "ack-import", "--db", a, str(broken))
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "hq", "ack", "--db", hq, "--center", "ZZ9", "--out", str(usb))
    assert code == 1 and err.startswith("error: not found")


def test_hq_users_are_added_with_hq_roles_only(hq, tmp_path, capsys):
    password = str(tmp_path / "password.txt")
    code, _, err = run(
        capsys, "users", "add", "--db", hq, "--username", "analyst", "--name", "کارشناس ستاد",
        "--role", "hq_analyst", "--password-file", password,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        capsys, "users", "add", "--db", hq, "--username", "clerk9", "--name", "کارشناس",
        "--role", "clerk", "--password-file", password,
    )  # fmt: skip
    assert code == 1 and err.startswith("error: invalid role")
