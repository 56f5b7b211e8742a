"""SQLite's errors reach people as one line, whichever way a write took (issue 8, item
21, found again by the reviewer): the bulk paths write with `executemany` on the
connection itself, around peewee's `execute_sql` and its translation; they now go
through `desktop.models.db.execute_many`, which translates as `execute_sql` does. A
read-only database file and a full disk, on the import path; and the command line's
catch-all words any SQLite error the translation knows, as a last resort.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import DatabaseError

from desktop.cli import main
from desktop.models import Applicant, db
from desktop.models.db import (
    SQLITE_PRAGMAS,
    DatabaseProblem,
    close_database,
    execute_many,
)
from desktop.models.opening import open_database
from tests.helpers.cli import (
    HEADER,
    as_a_user_without_privileges,
    init_database,
    line,
    probe_privileges,
)


@pytest.fixture
def center(tmp_path):
    path = Path(init_database(tmp_path))
    close_database()
    yield path
    close_database()


def people_file(tmp_path, count):
    path = tmp_path / "people.csv"
    path.write_text("\n".join([HEADER, *(line(n) for n in range(count))]) + "\n", encoding="utf-8")
    return path


def applicants_in(path):
    open_database(str(path))
    try:
        return Applicant.select().count()
    finally:
        close_database()


def test_an_import_into_a_read_only_database_says_so(center, tmp_path):
    probe_privileges(tmp_path)
    people = people_file(tmp_path, 3)
    center.chmod(0o444)
    try:
        done = as_a_user_without_privileges(
            ["applicants", "import", "--db", str(center), str(people)], tmp_path
        )
    finally:
        center.chmod(0o600)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"error: the database {center} is read-only"), done.stderr
    assert done.stderr.count("\n") == 1 and "unexpected" not in done.stderr
    assert applicants_in(center) == 0


def test_an_import_onto_a_full_disk_says_so_and_saves_nothing(
    center, tmp_path, capsys, monkeypatch
):
    """A disk that fills up mid-import: SQLite's max_page_count makes the file full at
    its present size, and the import's first bulk insert meets SQLITE_FULL."""
    people = people_file(tmp_path, 400)
    open_database(str(center))
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    close_database()
    monkeypatch.setitem(SQLITE_PRAGMAS, "max_page_count", pages)
    capsys.readouterr()
    code = main(["applicants", "import", "--db", str(center), str(people)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == f"error: the disk is full; nothing was saved to {center}\n"
    monkeypatch.delitem(SQLITE_PRAGMAS, "max_page_count")
    assert applicants_in(center) == 0


def test_execute_many_is_translated_and_all_or_nothing(tmp_path, monkeypatch):
    path = tmp_path / "full.sqlite3"
    database = open_database(str(path))
    database.execute_sql("CREATE TABLE t (x TEXT)")
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DatabaseProblem) as full:
        execute_many("INSERT INTO t VALUES (?)", [("x" * 1000,) for _ in range(50)])
    # The driver's error, as peewee words it for every statement (its own kept inside).
    assert full.value.reason == "full" and isinstance(full.value.__cause__, DatabaseError)
    assert isinstance(full.value.__cause__.__context__, sqlite3.Error)
    assert database.execute_sql("SELECT count(*) FROM t").fetchone()[0] == 0  # none


def test_the_command_lines_last_resort_words_a_known_sqlite_error(
    center, own_log, capsys, monkeypatch
):
    """An SQLite error that escaped every translation (a future raw write path) is still
    one line in the database's words, not «unexpected OperationalError»; the log keeps
    its traceback, as a bug's."""
    from desktop.services import users

    def escaped(*args, **kwargs):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = sqlite3.SQLITE_READONLY  # as the driver sets it
        raise error

    monkeypatch.setattr(users, "list_users", escaped)
    capsys.readouterr()
    assert main(["users", "list", "--db", str(center)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"error: the database {center} is read-only (attempt to write")
    assert "Traceback" in own_log.read_text(encoding="utf-8")
