"""Two writers at once: every transaction takes the write lock at BEGIN (IMMEDIATE), a
writer that finds it taken waits and says so, and one that waits too long stops with
one line (a Persian UserError in the app), never a traceback. The other writer is a
real second process holding `BEGIN IMMEDIATE` on the same file."""

from __future__ import annotations

import threading

import pytest

from desktop import cli
from desktop.cli import main
from desktop.models import Applicant, db
from desktop.models.db import SQLITE_PRAGMAS, DatabaseProblem, close_database
from desktop.models.opening import open_database
from desktop.services import applicants, auth
from tests.factories import applicant_input, set_up_center
from tests.helpers.cli import HEADER, WriteLockHolder, line

pytestmark = pytest.mark.sqlite_only("SQLite's write lock")


@pytest.fixture
def center(tmp_path, monkeypatch):
    """A set-up center in a file; each attempt at the lock waits 0.1 s, not 1 s."""
    monkeypatch.setitem(SQLITE_PRAGMAS, "busy_timeout", 100)
    path = tmp_path / "center.sqlite3"
    open_database(path)
    set_up_center()
    close_database()
    holders = []
    yield path, holders
    for holder in holders:
        holder.release()
    close_database()


def _hold(center):
    path, holders = center
    holder = WriteLockHolder(path)
    holders.append(holder)
    return holder


def test_every_transaction_begins_immediate(admin):
    statements: list[str] = []
    db.connection().set_trace_callback(statements.append)
    with db.atomic(), db.atomic():
        pass
    db.connection().set_trace_callback(None)
    assert statements[0] == "BEGIN IMMEDIATE" and statements[1].startswith("SAVEPOINT")


def test_a_read_then_write_waits_for_the_other_writer(center):
    """The clerk registering someone while IT's import is writing: before, SQLite failed
    the deferred transaction's upgrade at once ("database is locked")."""
    path, _ = center
    open_database(path)
    admin = auth.login("admin", "admin-pass-1")
    holder = _hold(center)
    release = threading.Timer(0.3, holder.release)
    release.start()
    try:
        record = applicants.register(admin, applicant_input())
    finally:
        release.cancel()
        holder.release()
    assert Applicant.get_by_id(record.id).first_name == "زهرا"


def test_the_app_waits_a_bounded_time_then_says_so_in_persian(center):
    path, _ = center
    database = open_database(path)
    database.write_lock_wait = 0.3
    admin = auth.login("admin", "admin-pass-1")
    before = Applicant.select().count()
    _hold(center)
    with pytest.raises(DatabaseProblem) as busy:
        applicants.register(admin, applicant_input())
    assert busy.value.code == "database_busy" and "دوباره امتحان کنید" in busy.value.message
    assert Applicant.select().count() == before


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("\n".join([HEADER, line(1), line(2)]) + "\n", encoding="utf-8")
    return path


def test_an_import_waits_says_so_once_then_imports(center, people, capsys, monkeypatch):
    path, _ = center
    holder = _hold(center)
    told = []
    say_waiting = cli._say_waiting

    def waiting():
        told.append(True)
        say_waiting()
        holder.release()  # the other program finishes while we wait

    monkeypatch.setattr(cli, "_say_waiting", waiting)
    code = main(["applicants", "import", "--db", str(path), str(people)])
    out, err = capsys.readouterr()
    assert (code, told) == (0, [True])
    assert err == "waiting for the database (another program is writing)…\n"
    assert "created 2" in out


def test_an_import_that_waits_too_long_fails_with_one_line(center, people, capsys, monkeypatch):
    path, _ = center
    monkeypatch.setattr(cli, "CLI_WRITE_LOCK_WAIT", 0.3)
    holder = _hold(center)
    code = main(["applicants", "import", "--db", str(path), str(people)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    waiting, failed = err.splitlines()
    assert waiting == "waiting for the database (another program is writing)…"
    assert failed.startswith(f"error: the database {path} is busy: another program kept ")
    assert "Traceback" not in err
    holder.release()
    assert main(["applicants", "search", "--db", str(path), "زهرا"]) == 0
    assert capsys.readouterr().out == ""  # nothing was imported


def test_reads_do_not_wait_for_a_writer(center, capsys):
    path, _ = center
    _hold(center)
    assert main(["users", "list", "--db", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("admin\tadmin") and err == ""
