"""`python -m desktop courses list` and `certificates print|verify`: the exact output
contracts and exit codes, against a real database file set up with `init`."""

from __future__ import annotations

import json
import re

import pytest

from desktop.cli import main
from desktop.models.db import close_database
from desktop.services import certificate_printing, certificates, users
from desktop.services.setup import admin_session
from tests.test_courses import finished_course, make_course

ALL = "PPPPPPPPPP"
SOME = "PPPPPAAAAA"
JALALI = re.compile(r"^1[34][0-9]{2}/[01][0-9]/[0-3][0-9]$")


@pytest.fixture
def db_path(tmp_path):
    path = init_database(tmp_path, "--admin-name", "مریم کریمی")
    yield path
    close_database()


def init_database(tmp_path, *extra):
    password = tmp_path / "password.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    path = str(tmp_path / "center.sqlite3")
    init = ["init", "--db", path, "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    assert main([*init, "--admin", "admin", "--password-file", str(password), *extra]) == 0
    return path


@pytest.fixture
def center(db_path):
    """A finished course (two completed, one failed) and a running one."""
    admin = admin_session()
    trainer = users.add_user(
        admin, username="trainer1", display_name="علی رضایی", role="trainer", password="12345678"
    )
    finished, ids = finished_course(admin, trainer.id, [ALL, SOME, ALL], title="خیاطی")
    running = make_course(admin, trainer.id, title="آشپزی")
    return db_path, finished, running, ids


@pytest.fixture
def renderer(monkeypatch):
    calls = []
    monkeypatch.setattr(
        certificate_printing,
        "_renderer",
        lambda: lambda datas, path, progress=None: calls.append(datas),
    )
    return calls


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_courses_list_json_lines_and_text(center, capsys):
    path, finished, running, _ = center
    code, out, err = run(capsys, "courses", "list", "--db", path, "--json")
    assert (code, err) == (0, "")
    rows = {row["code"]: row for row in map(json.loads, out.splitlines())}
    assert set(rows) == {finished.code, running.code}
    assert {
        key: rows[finished.code][key]
        for key in ("id", "code", "title", "status", "enrolled", "completed")
    } == {
        "id": finished.id,
        "code": finished.code,
        "title": "خیاطی",
        "status": "finished",
        "enrolled": 3,
        "completed": 2,
    }
    assert (rows[running.code]["status"], rows[running.code]["enrolled"]) == ("running", 0)
    code, out, _ = run(capsys, "courses", "list", "--db", path, "--status", "running")
    assert (code, out) == (0, f"{running.code}\trunning\t0/3\t0\tآشپزی\n")


def test_certificates_print_issues_then_writes(center, renderer, capsys, tmp_path):
    path, finished, _, _ = center
    out_file = tmp_path / "out.pdf"
    code, out, err = run(
        capsys, "certificates", "print", "--db", path, "--course", finished.code,
        "--out", str(out_file),
    )  # fmt: skip
    assert (code, out, err) == (0, f"issued 2 new; wrote 2 certificates to {out_file}\n", "")
    assert [len(datas) for datas in renderer] == [2]
    code, out, _ = run(
        capsys, "certificates", "print", "--db", path, "--course", finished.id,
        "--out", str(out_file),
    )  # fmt: skip
    assert (code, out) == (0, f"issued 0 new; wrote 2 certificates to {out_file}\n")
    assert renderer[1][0].reprint


def test_certificates_print_refusals(center, renderer, capsys, tmp_path):
    path, _, running, _ = center
    out_file = str(tmp_path / "out.pdf")
    code, out, err = run(
        capsys, "certificates", "print", "--db", path, "--course", running.code, "--out", out_file
    )
    assert (code, out) == (1, "")
    assert err.startswith("error: the course has not finished yet (") and err.count("\n") == 1
    code, _, err = run(
        capsys, "certificates", "print", "--db", path, "--course", "TEH05-C-0404", "--out", out_file
    )
    assert code == 1 and err.startswith("error: no course with that id or code (")
    assert renderer == []


def test_certificates_print_stops_without_the_managers_name_and_says_which_setting(
    tmp_path, renderer, capsys
):
    """`init` without --admin-name leaves the manager's name empty: printing stops with
    one line naming the setting; `settings set` fills it, and printing goes on."""
    path = init_database(tmp_path)
    try:
        admin = admin_session()
        trainer = users.add_user(
            admin,
            username="trainer1",
            display_name="علی رضایی",
            role="trainer",
            password="12345678",
        )
        finished, _ids = finished_course(admin, trainer.id, [ALL], title="خیاطی")
        out_file = str(tmp_path / "out.pdf")
        code, out, err = run(
            capsys, "certificates", "print", "--db", path, "--course", finished.code,
            "--out", out_file,
        )  # fmt: skip
        assert (code, out) == (1, "")
        assert err.startswith("error: the center manager's name is not set; set it with ")
        assert "certificate_manager_name" in err and err.count("\n") == 1
        assert renderer == [] and certificates.course_certificates(admin, finished.id) == []

        code, _, err = run(
            capsys, "settings", "set", "--db", path, "certificate_manager_name", "admin"
        )
        assert code == 1 and err.startswith("error: bad value for certificate_manager_name")
        code, _, _ = run(
            capsys, "settings", "set", "--db", path, "certificate_manager_name", "مریم کریمی"
        )
        assert code == 0
        code, out, _ = run(
            capsys, "certificates", "print", "--db", path, "--course", finished.code,
            "--out", out_file,
        )  # fmt: skip
        assert code == 0 and [data.manager_name for data in renderer[0]] == ["مریم کریمی"]
    finally:
        close_database()


def test_certificates_verify_exit_codes_and_json(center, capsys):
    path, _, _, ids = center
    admin = admin_session()
    issued = certificates.issue_certificate(admin, ids[0])

    code, out, err = run(capsys, "certificates", "verify", "--db", path, issued.serial)
    assert (code, err) == (0, "")
    assert out.startswith(f"valid: certificate {issued.serial} (code {issued.code}) of ")
    assert out.count("\n") == 1 and "خیاطی" in out

    code, out, _ = run(capsys, "certificates", "verify", "--db", path, issued.qr_payload, "--json")
    assert code == 0
    data = json.loads(out)
    assert {
        key: data[key]
        for key in ("serial", "code", "status", "full_name", "national_code", "course_title")
    } == {
        "serial": issued.serial,
        "code": issued.code,
        "status": "valid",
        "full_name": issued.full_name,
        "national_code": issued.national_code,
        "course_title": "خیاطی",
    }
    assert data["hours"] == 40 and JALALI.match(data["issued_on"])
    assert data["issued_on"] == issued.serial[6:10] + data["issued_on"][4:]

    # Persian digits, as a scanner on the Persian layout types them.
    persian = issued.serial.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert run(capsys, "certificates", "verify", "--db", path, persian)[0] == 0

    prefix, serial, short, signature = issued.qr_payload.split(":")
    tampered = ":".join((prefix, serial, short, signature[::-1]))
    code, out, _ = run(capsys, "certificates", "verify", "--db", path, tampered)
    assert (code, out.split(":")[0]) == (4, "bad signature")
    code, out, _ = run(capsys, "certificates", "verify", "--db", path, tampered, "--json")
    assert (code, json.loads(out)["status"]) == (4, "bad_signature")

    code, out, _ = run(capsys, "certificates", "verify", "--db", path, "TEH05-1300-000009")
    assert (code, out) == (4, "unknown: no certificate here matches 'TEH05-1300-000009'\n")
    code, out, _ = run(capsys, "certificates", "verify", "--db", path, "ZZZZ-ZZZZ", "--json")
    data = json.loads(out)
    assert code == 4 and data["status"] == "unknown" and data["serial"] is None
    assert {"serial", "code", "full_name", "national_code", "course_title", "hours"} <= set(data)

    certificates.revoke_certificate(admin, issued.id, "مدارک جعلی")
    code, out, _ = run(capsys, "certificates", "verify", "--db", path, issued.code)
    assert code == 3 and out.startswith("revoked: ") and out.rstrip().endswith("مدارک جعلی")
    code, out, _ = run(capsys, "certificates", "verify", "--db", path, issued.code, "--json")
    data = json.loads(out)
    assert (code, data["status"], data["revoked_reason"]) == (3, "revoked", "مدارک جعلی")
    assert JALALI.match(data["revoked_on"])


def test_certificates_print_with_the_real_renderer(center, capsys, tmp_path):
    pytest.importorskip("desktop.printing.certificate")
    path, finished, _, _ = center
    out_file = tmp_path / "course.pdf"
    code, out, _ = run(
        capsys, "certificates", "print", "--db", path, "--course", finished.code,
        "--out", str(out_file),
    )  # fmt: skip
    assert (code, out) == (0, f"issued 2 new; wrote 2 certificates to {out_file}\n")
    assert out_file.read_bytes().startswith(b"%PDF")
