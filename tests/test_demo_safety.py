"""A demo load survives being killed, and demo data never mixes with real work.

A killed `python -m desktop demo` must leave, at the next opening of the database,
every index a fresh database has (a large load drops the scattered applicant indexes
while it writes) and the training mark (set before the first demo row). The kills are
real: a subprocess running the command gets SIGKILL after it reported some batches
written (its progress lines on stderr decide when, never a clock).

A database that is not a training one and holds real work is refused before anything
is written; demo courses take only demo people (never anyone real work touched).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from desktop.cli import main
from desktop.errors import UserError
from desktop.models import (
    Applicant,
    ChangeLog,
    Course,
    Enrollment,
    Setting,
    StatusChange,
    db,
    deferred_indexes,
)
from desktop.models.db import close_database
from desktop.models.migrations import migrate_to_latest
from desktop.models.opening import open_database
from desktop.processes import ProcessMark, is_running, this_process
from desktop.services import applicants, demo, demo_center
from desktop.services.demo_courses import create_demo_courses
from desktop.services.setup import admin_session
from tests.factories import register

ROOT = Path(__file__).resolve().parent.parent
# The real command, with batches small enough that a kill lands among many of them.
SMALL_BATCHES = (
    "import sys; import desktop.services.demo as d; d.LARGE_LOAD = 4000; "
    "d.BATCH_SIZE = 1000; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"
)


def fresh_indexes() -> list[tuple[str, str, str]]:
    database = SqliteDatabase(":memory:")
    migrate_to_latest(database)
    return _indexes(database.connection())


def _indexes(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted(
        connection.execute(
            "SELECT name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"
        ).fetchall()
    )


def start_demo(path: Path, applicants: int, *, small_batches: bool) -> subprocess.Popen[str]:
    prefix = ["-c", SMALL_BATCHES] if small_batches else ["-m", "desktop"]
    return subprocess.Popen(
        [sys.executable, *prefix, "demo", "--db", str(path), "--applicants", str(applicants)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def kill_after(process: subprocess.Popen[str], *, batches: int) -> None:
    """SIGKILL once the center is set up (batches=0) or `batches` batches are written."""
    assert process.stdout is not None and process.stderr is not None
    if batches == 0:
        line = process.stdout.readline()
        assert line.startswith("set up demo center"), line + process.stderr.read()
    else:
        for _ in range(batches):
            line = process.stderr.readline()
            assert line.startswith("written "), line + process.stderr.read()
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()


def processes_using(path: Path) -> list[int]:
    """Processes whose command line names `path` (a demo's generator worker too)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(path).encode() in command and is_running(
                ProcessMark(int(entry.name), this_process().host)
            ):
                found.append(int(entry.name))
    return found


def wait_until_gone(path: Path) -> list[int]:
    """The processes still using `path` once they stopped, or after 60 s of waiting."""
    import time

    for _ in range(600):
        left = processes_using(path)
        if not left:
            return []
        time.sleep(0.1)
    return processes_using(path)


def check_repaired_on_opening(path: Path, expected: list[tuple[str, str, str]]) -> bool:
    """Open the database as the app and the commands do, and check that it has every
    index of a fresh database and the training mark; whether indexes were out before."""
    raw = sqlite3.connect(path)
    try:
        left_out = raw.execute(
            "SELECT value FROM setting WHERE key = ?", (deferred_indexes.PENDING_KEY,)
        ).fetchone()
    finally:
        raw.close()
    open_database(str(path))
    try:
        assert _indexes(db.connection()) == expected
        assert Setting.read(deferred_indexes.PENDING_KEY) is None
        assert Setting.read(demo_center.DEMO_FLAG) == "1"  # a training database, as it looks
        assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        close_database()
    return left_out is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("batches", [0, 1, 2, 3])
def test_killed_demo_leaves_every_index_and_the_training_mark(tmp_path, batches):
    path = tmp_path / "killed.sqlite3"
    process = start_demo(path, 24_000, small_batches=True)
    kill_after(process, batches=batches)
    assert process.returncode == -signal.SIGKILL
    assert wait_until_gone(path) == []  # the generator worker ended with it
    indexes_were_out = check_repaired_on_opening(path, fresh_indexes())
    if batches:
        assert indexes_were_out  # it was killed while loading, its indexes out

    # And the next demo adds to it as usual: no national code twice.
    assert main(["demo", "--db", str(path), "--applicants", "500"]) == 0
    try:
        codes = [code for (code,) in Applicant.select(Applicant.national_code).tuples()]
        assert len(codes) == len(set(codes)) >= 500
    finally:
        close_database()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("batches", [0, 1])
def test_killed_full_size_demo_is_repaired_on_opening(tmp_path, batches):
    """The command as a person runs it: 100,000 applicants, batches of 20,000."""
    path = tmp_path / "killed.sqlite3"
    process = start_demo(path, demo.LARGE_LOAD, small_batches=False)
    kill_after(process, batches=batches)
    assert wait_until_gone(path) == []
    check_repaired_on_opening(path, fresh_indexes())


# -- whose load is it: a running load keeps its indexes out -------------------------------


@pytest.mark.sqlite_only("a bulk load drops SQLite's indexes")
def test_a_running_load_keeps_its_indexes_out_a_dead_one_gets_them_back(admin):
    expected = _indexes(db.connection())
    assert deferred_indexes.drop_indexes(db.obj, "applicant", frozenset({"national_code"}))
    assert len(_indexes(db.connection())) < len(expected)
    # A second load meanwhile drops nothing (the first one rebuilds what it dropped).
    assert not deferred_indexes.drop_indexes(db.obj, "applicant", frozenset({"mobile"}))
    # Opening the database while this process (the load's owner) runs: left as it is.
    assert deferred_indexes.restore_indexes(db.obj) == 0
    # The owner gone (a process that has ended): the next opening rebuilds them.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    record = json.loads(Setting.read(deferred_indexes.PENDING_KEY))
    record["owner"]["pid"] = int(ended.stdout)
    Setting.write(deferred_indexes.PENDING_KEY, json.dumps(record))
    assert deferred_indexes.restore_indexes(db.obj) == 2
    assert _indexes(db.connection()) == expected


@pytest.mark.sqlite_only("a bulk load drops SQLite's indexes")
def test_a_load_that_keeps_unique_indexes_drops_only_the_ways_in(admin):
    """HQ's merge relies on the unique keys to refuse a clashing row: `unique=False`
    leaves out only the indexes that are ways in, and puts back exactly those."""
    expected = _indexes(db.connection())
    unique = {name for name, _, sql in expected if sql.upper().startswith("CREATE UNIQUE")}
    assert unique
    assert deferred_indexes.drop_indexes(
        db.obj, "applicant", frozenset({"national_code", "mobile"}), unique=False
    )
    left = {name for name, _, _ in _indexes(db.connection())}
    dropped = {name for name, _, _ in expected} - left
    assert dropped and unique <= left
    record = json.loads(Setting.read(deferred_indexes.PENDING_KEY))
    assert sorted(record["indexes"]) == sorted(sql for name, _, sql in expected if name in dropped)
    assert deferred_indexes.restore_indexes(db.obj, owned=True) == len(dropped)
    assert _indexes(db.connection()) == expected


def test_an_older_version_s_record_is_repaired_on_opening(tmp_path):
    """Older versions recorded the dropped indexes as a plain list, without owner."""
    path = tmp_path / "old.sqlite3"
    open_database(str(path))
    expected = _indexes(db.connection())
    name, sql = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE ?",
        ("%applicant%national_code%",),
    ).fetchone()
    db.execute_sql(f'DROP INDEX "{name}"')
    Setting.write(deferred_indexes.PENDING_KEY, json.dumps([sql]))
    close_database()
    open_database(str(path))
    try:
        assert _indexes(db.connection()) == expected
    finally:
        close_database()


def test_process_marks():
    here = this_process()
    assert is_running(here)
    assert ProcessMark.from_dict(here.as_dict()) == here
    assert ProcessMark.from_dict({"pid": "1"}) is None
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mark = ProcessMark(process.pid, here.host, started=here.started and "0")
        assert is_running(ProcessMark(process.pid, here.host))
        assert not is_running(ProcessMark(process.pid, "another-machine"))
        if sys.platform.startswith("linux"):
            # The same id with another start time is another program (the id reused).
            assert not is_running(mark)
            process.kill()
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended, not reaped
            assert not is_running(ProcessMark(process.pid, here.host))  # a zombie is gone
    finally:
        process.kill()
        process.wait()
    assert not is_running(ProcessMark(process.pid, here.host))


# -- real work is refused, demo work touches only demo people ----------------------------


def _real_applicant(session) -> str:
    """Someone registered through the service (logged, as all real work is); their id."""
    return register(session)


def _database_state():
    tables = [name for name in db.get_tables() if "fts" not in name]
    return {
        table: db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
    }


def test_demo_refuses_a_database_with_real_work_before_writing(admin):
    _real_applicant(admin)
    before = _database_state()
    settings = sorted(Setting.select().tuples())
    for attempt in (
        lambda: demo.create_demo_data(admin, "demo-pass-1"),
        lambda: demo.create_demo_applicants(admin, 50),
        lambda: create_demo_courses(admin),
        lambda: demo_center.prepare_demo(admin, "demo-pass-1"),
    ):
        with pytest.raises(UserError) as refused:
            attempt()
        assert refused.value.code == "real_work"
        assert "۱ متقاضی" in refused.value.message
    assert _database_state() == before
    assert sorted(Setting.select().tuples()) == settings
    assert not demo_center.has_demo_data()


def test_real_work_is_any_applicant_course_or_logged_change_beyond_set_up(admin):
    assert not demo_center.real_work()  # set up only: a demo may make it a training one
    from desktop.services import users

    users.add_user(admin, username="clerk9", display_name="کارمند", role="clerk",
                   password="clerk-pass-1")  # fmt: skip
    assert not demo_center.real_work()  # accounts are not work on people
    person = _real_applicant(admin)
    found = demo_center.real_work()
    assert (found.applicants, found.courses) == (1, 0) and found.logged_changes >= 1
    applicants.delete(admin, person, "اشتباه")
    assert demo_center.real_work().applicants == 1  # a deleted applicant was still real work


def test_cli_refuses_real_work_with_one_line(tmp_path, capsys):
    path = str(tmp_path / "real.sqlite3")
    password = tmp_path / "password.txt"
    password.write_text("admin-pass-1\n", encoding="utf-8")
    assert main(["init", "--db", path, "--center-code", "TEH05", "--center-name", "مرکز",
                 "--admin", "boss", "--admin-name", "مدیر مرکز",
                 "--password-file", str(password)]) == 0  # fmt: skip
    _real_applicant(admin_session())
    close_database()
    capsys.readouterr()
    assert main(["demo", "--db", path, "--applicants", "10"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: the database holds real work")
    assert captured.err.count("\n") == 1
    try:
        assert Applicant.select().count() == 1
        assert Setting.read(demo_center.DEMO_FLAG) is None
    finally:
        close_database()


def test_demo_courses_take_only_demo_people(admin):
    """In a training database, someone a trainee registered (logged, as all real work
    is) is never put into a demo course, nor has their status changed by one."""
    demo.create_demo_applicants(admin, 12, seed=3)  # few: a course would take everyone
    trainee_made = _real_applicant(admin)
    # A demo person a trainee worked on is no longer the generator's alone either.
    touched = str(
        Applicant.select()
        .where((Applicant.status == "registered") & (Applicant.id != trainee_made))
        .order_by(Applicant.number)
        .get()
        .id
    )
    applicants.change_status(admin, touched, "counselling")
    real = [trainee_made, touched]
    statuses = {person: Applicant.get_by_id(person).status for person in real}
    history = StatusChange.select().where(StatusChange.applicant.in_(real)).count()
    logged = ChangeLog.select().count()

    create_demo_courses(admin, password="demo-pass-1")
    enrolled = {str(row.applicant_id) for row in Enrollment.select()}
    assert len(enrolled) >= 5 and not enrolled & set(real)
    assert {person: Applicant.get_by_id(person).status for person in real} == statuses
    assert StatusChange.select().where(StatusChange.applicant.in_(real)).count() == history
    # Real work stays in the log as it was (the demo users added entries after it).
    assert ChangeLog.select().where(ChangeLog.seq <= logged).count() == logged
    assert Course.select().count() == 5
