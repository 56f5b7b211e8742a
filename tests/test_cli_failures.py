"""Every command's failure is one line on stderr and a non-zero exit, never a traceback:
a --db that is a folder, not SQLite, missing, read-only, or a URL the app cannot use; a
password file that is not UTF-8; a bug. And only `init`, `demo` and the app create a
database: any other command on a mistyped path leaves no file and no folder behind."""

from __future__ import annotations

import importlib.util
import logging
import sys

import pytest

from desktop.cli import main
from desktop.models.db import close_database
from tests.helpers.cli import as_a_user_without_privileges, probe_privileges

# Whatever a command left open is closed after each test.
pytestmark = pytest.mark.usefixtures("close_database_after")


def _init(path, password_file):
    init = ["init", "--db", str(path), "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    assert main([*init, "--admin", "admin", "--password-file", password_file]) == 0
    close_database()


def one_line_failure(capsys, argv, *, code=1):
    """Run the CLI; it must fail with `code` and exactly one `error: …` line."""
    capsys.readouterr()
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("error: ").rstrip("\n")


# -- item 23: a read command on a missing database -------------------------------------

READ_AND_WRITE_COMMANDS = [
    ["users", "list"],
    ["users", "add", "--username", "clerk1", "--role", "clerk", "--password-file", "PW"],
    ["applicants", "search", "زهرا"],
    ["applicants", "export", "--out", "OUT/x.csv"],
    ["applicants", "import", "PEOPLE"],
    ["courses", "list"],
    ["certificates", "verify", "TEH05-1405-000001"],
    ["certificates", "print", "--course", "C1", "--out", "OUT/c.pdf"],
]


@pytest.mark.parametrize("command", READ_AND_WRITE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_db_creates_nothing(command, tmp_path, password_file, capsys):
    people = tmp_path / "people.csv"
    people.write_text("national_code\n", encoding="utf-8")
    (tmp_path / "OUT").mkdir()
    replace = {"PW": password_file, "PEOPLE": str(people)}
    argv = [replace.get(word, word.replace("OUT", str(tmp_path / "OUT"))) for word in command]
    typo = tmp_path / "typo" / "centre.sqlite3"
    line = one_line_failure(capsys, [*argv, "--db", str(typo)])
    assert line == f"there is no database at {typo} (check --db, or create one with `init`)"
    assert not typo.parent.exists()
    assert list((tmp_path / "OUT").iterdir()) == []


def test_an_empty_file_is_no_database_for_a_read_command(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    line = one_line_failure(capsys, ["users", "list", "--db", str(empty)])
    assert line.startswith(f"there is no database at {empty}")
    assert empty.stat().st_size == 0


def test_init_and_demo_create_the_database_and_its_folders(tmp_path, password_file, capsys):
    made = tmp_path / "new" / "deeper" / "center.sqlite3"
    _init(made, password_file)
    assert made.is_file()
    demo = tmp_path / "demo" / "demo.sqlite3"
    assert main(["demo", "--db", str(demo), "--applicants", "0"]) == 0
    assert demo.is_file()


# -- item 21: one line for whatever stops the command ----------------------------------


def test_db_is_a_folder(tmp_path, capsys):
    line = one_line_failure(capsys, ["users", "list", "--db", str(tmp_path)])
    assert line == f"{tmp_path} is a folder, not a database file"


@pytest.mark.parametrize(
    "content", [b"name,mobile\n", b"SQLite format 3\x00" + b"\xff" * 200], ids=["text", "bad"]
)
def test_db_is_not_a_sqlite_database(tmp_path, capsys, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    line = one_line_failure(capsys, ["users", "list", "--db", str(path)])
    assert str(path) in line
    assert path.read_bytes() == content  # nothing was written to it


def test_init_refuses_a_file_that_is_not_sqlite(tmp_path, password_file, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("not a database", encoding="utf-8")
    init = ["init", "--db", str(path), "--center-code", "TEH05", "--center-name", "مرکز پنج"]
    line = one_line_failure(capsys, [*init, "--admin", "admin", "--password-file", password_file])
    assert line == f"{path} is not a Tavana database (not an SQLite file)"


def test_postgresql_url_without_its_driver(capsys):
    url = "postgresql://tavana:secret@localhost:5999/center"
    line = one_line_failure(capsys, ["users", "list", "--db", url])
    assert "secret" not in line and "postgresql://tavana:***@localhost:5999/center" in line
    if importlib.util.find_spec("psycopg") is None:  # psycopg 3, the extra `postgres`
        assert line.startswith("cannot open postgresql://tavana:***@localhost:5999/center: ")
        assert "driver is not installed" in line
    else:  # a driver, but no server on that port
        assert line.startswith("cannot connect to postgresql://tavana:***@localhost:5999/")


def test_mysql_and_unknown_schemes(capsys):
    line = one_line_failure(capsys, ["users", "list", "--db", "mysql://u@localhost/center"])
    assert line == "Tavana runs on SQLite files and PostgreSQL, not mysql://u@localhost/center"
    line = one_line_failure(capsys, ["courses", "list", "--db", "foo://x"])
    assert line.startswith("unknown kind of database URL: foo://x")
    line = one_line_failure(capsys, ["courses", "list", "--db", "postgresql://localhost"])
    assert line.startswith("postgresql://localhost names no database")


def test_a_sqlite_url_is_the_same_file(tmp_path, password_file, capsys):
    path = tmp_path / "center.sqlite3"
    _init(path, password_file)
    capsys.readouterr()
    assert main(["users", "list", "--db", f"sqlite:///{path}"]) == 0
    assert capsys.readouterr().out.startswith("admin\t")


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_a_password_that_is_not_utf8(tmp_path, capsys, monkeypatch, where):
    bad = tmp_path / "password.txt"
    bad.write_bytes(b"\xff\xfepass\x00word\n")
    source = str(bad)
    if where == "stdin":
        monkeypatch.setattr(sys, "stdin", bad.open(encoding="utf-8"))
        source = "-"
    init = ["init", "--db", str(tmp_path / "c.sqlite3"), "--center-code", "TEH05"]
    argv = [*init, "--center-name", "مرکز پنج", "--admin", "admin", "--password-file", source]
    line = one_line_failure(capsys, argv)
    shown = "standard input" if where == "stdin" else f"the password file {bad}"
    assert line == f"{shown} is not UTF-8 text"


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(
    tmp_path, password_file, capsys, monkeypatch
):
    from desktop.services import users

    path = tmp_path / "center.sqlite3"
    _init(path, password_file)
    log_file = tmp_path / "logs" / "tavana.log"
    monkeypatch.setenv("TAVANA_LOG", str(log_file))

    def broken(session):
        raise KeyError("display_name")

    monkeypatch.setattr(users, "list_users", broken)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        line = one_line_failure(capsys, ["users", "list", "--db", str(path)])
    finally:
        for handler in root.handlers[len(handlers) :]:
            root.removeHandler(handler)
            handler.close()
    assert line == f"unexpected KeyError: 'display_name' (details in {log_file})"
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "list_users" not in line and "broken" in logged


# -- a read-only database, as a user who is not root ------------------------------------


@pytest.mark.parametrize("folder_read_only", [False, True], ids=["file", "file-and-folder"])
def test_a_read_only_database(tmp_path, password_file, folder_read_only):
    probe_privileges(tmp_path)
    folder = tmp_path / "center"
    path = folder / "center.sqlite3"
    _init(path, password_file)
    path.chmod(0o444)
    if folder_read_only:
        folder.chmod(0o555)
    try:
        listed = as_a_user_without_privileges(["users", "list", "--db", str(path)], tmp_path)
        added = as_a_user_without_privileges(
            ["users", "add", "--db", str(path), "--username", "clerk1", "--role", "clerk",
             "--password-file", password_file],
            tmp_path,
        )  # fmt: skip
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)
    for done in (added, listed) if folder_read_only else (added,):
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == (
            f"error: the database {path} is read-only (attempt to write a readonly database);"
            " nothing was changed\n"
        )
    if not folder_read_only:  # reading a read-only file in a writable folder still works
        assert listed.returncode == 0 and listed.stdout.startswith("admin\t")
