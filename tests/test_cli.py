"""The command line IT staff script against: exact options, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.models.db import close_database
from desktop.models.opening import open_database


@pytest.fixture
def db_path(tmp_path):
    yield str(tmp_path / "center.sqlite3")
    close_database()


def _init(db_path, password_file, code="TEH05"):
    return main(
        [
            "init",
            "--db",
            db_path,
            "--center-code",
            code,
            "--center-name",
            "مرکز خدمات اجتماعی منطقهٔ ۵",
            "--admin",
            "admin",
            "--password-file",
            password_file,
        ]
    )


def test_init_then_users(db_path, password_file, capsys):
    assert _init(db_path, password_file) == 0
    assert "initialised center TEH05" in capsys.readouterr().out
    assert (
        main(
            [
                "users",
                "add",
                "--db",
                db_path,
                "--username",
                "clerk1",
                "--name",
                "زهرا",
                "--role",
                "clerk",
                "--password-file",
                password_file,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["users", "list", "--db", db_path, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["username"], r["role"], r["active"]) for r in rows] == [
        ("admin", "admin", True),
        ("clerk1", "clerk", True),
    ]
    assert rows[1]["display_name"] == "زهرا"


def test_init_twice_fails_with_one_line(db_path, password_file, capsys):
    assert _init(db_path, password_file) == 0
    capsys.readouterr()
    assert _init(db_path, password_file, code="TEH06") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_bad_input_exit_code_and_message(db_path, password_file, capsys):
    assert _init(db_path, password_file, code="!") == 1
    assert capsys.readouterr().err.startswith("error: invalid center_code (")


def test_missing_password_file(db_path, capsys):
    assert (
        main(
            [
                "init",
                "--db",
                db_path,
                "--center-code",
                "TEH05",
                "--center-name",
                "مرکز",
                "--admin",
                "admin",
                "--password-file",
                "/nonexistent",
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.startswith("error: ")


def test_users_before_init_fails(db_path, capsys):
    open_database(db_path)  # a database whose set-up never ran
    close_database()
    assert main(["users", "list", "--db", db_path]) == 1
    assert "not set up yet" in capsys.readouterr().err


def test_version_and_help_via_python_m():
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == f"tavana {__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "init" in done.stdout and "users" in done.stdout


def test_unknown_role_is_a_usage_error(db_path, password_file):
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "users",
                "add",
                "--db",
                db_path,
                "--username",
                "x1",
                "--role",
                "boss",
                "--password-file",
                password_file,
            ]
        )
    assert exited.value.code == 2


def test_users_add_without_name_leaves_it_missing_not_the_user_name(db_path, password_file, capsys):
    """`--name` stays optional (scripts depend on it); a user name never stands in."""
    assert _init(db_path, password_file) == 0
    capsys.readouterr()
    args = ["users", "add", "--db", db_path, "--username", "trainer7", "--role", "trainer"]
    assert main([*args, "--password-file", password_file]) == 0
    assert "no --name" in capsys.readouterr().out
    assert main(["users", "list", "--db", db_path, "--json"]) == 0
    rows = {r["username"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["trainer7"]["display_name"] == ""
