"""A certificate PDF never stands without its prints counted, nor a print counted
without its PDF, whenever the printing process dies; and no temporary file of ours
outlives its process.

`certificates print` runs in a real subprocess that SIGKILLs itself at a chosen point
(while drawing, after drawing, after recording the pending print, after renaming the
file but before the commit, after the commit). The next print then settles what the
killed one left: the file renamed means counted (so the next copy is a reprint), no
file means not counted; the killed one's temporary files are gone.
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

from desktop import partial_files
from desktop.models import AuditLog, Certificate, Setting, db
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.processes import this_process
from desktop.services import auth, certificate_prints, certificates
from desktop.services.setup import admin_session, initialise_center
from tests.helpers.courses import finished_course
from tests.helpers.people import login_as

ROOT = Path(__file__).resolve().parent.parent
ALL = "PPPPPPPPPP"

# Runs the real command after arranging for this process to SIGKILL itself at `point`.
DRIVER = """
import os, signal, sys
point, *words = sys.argv[1:]
from desktop.printing import certificate as pdf
from desktop.services import certificate_prints as prints

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(function, then):
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        then(*args)
        return result
    return wrapped

def before(function):
    def wrapped(*args, **kwargs):
        die()
    return wrapped

if point == "drawing":  # the first page drawn, the file half written
    pdf._draw_page = after(pdf._draw_page, lambda *args: die())
elif point == "drawn":  # the whole PDF under its temporary name
    prints._publish = before(prints._publish)
elif point == "recorded":  # the pending print committed, nothing counted yet
    prints._count = before(prints._count)
elif point == "renamed":  # the file renamed to its name, the count not committed
    target = os.path.abspath(words[words.index("--out") + 1])
    real_replace = os.replace
    def replace(source, destination):
        real_replace(source, destination)
        if os.path.abspath(destination) == target:
            die()
    prints.os.replace = replace
elif point == "committed":
    prints._publish = after(prints._publish, lambda *args: die())
from desktop.cli import main
sys.exit(main(words))
"""
POINTS = {  # point: whether the PDF exists afterwards
    "drawing": False,
    "drawn": False,
    "recorded": False,
    "renamed": True,
    "committed": True,
}


@pytest.fixture
def center(tmp_path):
    """A database file with a finished course of three who completed; its code."""
    path = tmp_path / "center.sqlite3"
    open_database(str(path))
    try:
        initialise_center(center_code="TEH05", center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
                          admin_username="admin", admin_display_name="مدیر مرکز",
                          password="admin-pass-1")  # fmt: skip
        admin = auth.login("admin", "admin-pass-1")
        certificates.save_certificate_settings(admin, manager_name="پروین اعتمادی", logo_path="")
        trainer = login_as(admin, "trainer1", "trainer", "علی رضایی")
        record, _ = finished_course(admin, trainer.user_id, [ALL, ALL, ALL])
        certificates.issue_course_certificates(admin, record.id)
    finally:
        close_database()
    return path, record.code


def our_temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def counts(path: Path) -> list[int]:
    with sqlite3.connect(path) as raw:
        return [n for (n,) in raw.execute("SELECT print_count FROM certificate ORDER BY serial")]


@pytest.mark.parametrize("point", list(POINTS))
def test_a_killed_print_is_settled_by_the_next(center, tmp_path, point):
    path, code = center
    out = tmp_path / "out" / "گواهی‌ها.pdf"
    out.parent.mkdir()
    words = ["certificates", "print", "--db", str(path), "--course", code, "--out", str(out)]
    killed = subprocess.run(
        [sys.executable, "-c", DRIVER, point, *words], cwd=ROOT, capture_output=True, text=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert out.exists() is POINTS[point]
    if POINTS[point]:
        assert out.stat().st_size > 1000  # a whole PDF, not a stub

    # The next print (into the same folder) settles the killed one first.
    again = out.with_name("again.pdf")
    open_database(str(path))
    try:
        certificates.print_course(admin_session(), code, again)
        assert (
            Setting.select()
            .where(Setting.key.startswith(certificate_prints.PENDING_PREFIX))
            .count()
            == 0
        )
        reprints = AuditLog.select().where(AuditLog.action == "reprint").count()
    finally:
        close_database()
    first = 1 if POINTS[point] else 0
    assert counts(path) == [first + 1] * 3
    assert reprints == 3 * first  # the second copy is marked and audited as a reprint
    assert our_temporary_files(out.parent) == []


def test_a_failed_commit_after_the_rename_leaves_no_file_and_no_count(admin, tmp_path, monkeypatch):
    trainer = login_as(admin, "trainer1", "trainer", "علی رضایی")
    record, _ = finished_course(admin, trainer.user_id, [ALL, ALL])
    certificates.save_certificate_settings(admin, manager_name="پروین اعتمادی", logo_path="")
    out = tmp_path / "course.pdf"
    real_replace, real_commit = os.replace, db.obj.commit
    failing = []
    failed = []

    def replace(source, destination):
        real_replace(source, destination)
        if Path(destination) == out:
            failing.append(True)
            failed.append(True)

    def commit():
        if failing:  # once: the commit that follows the rename
            failing.clear()
            raise sqlite3.OperationalError("disk I/O error")
        return real_commit()

    monkeypatch.setattr(certificate_prints.os, "replace", replace)
    monkeypatch.setattr(db.obj, "commit", commit)
    with pytest.raises(sqlite3.OperationalError):
        certificates.print_course(admin, record.code, out)
    assert failed  # it failed after the rename, at the commit
    assert not out.exists() and our_temporary_files(tmp_path) == []
    assert [c.print_count for c in Certificate.select()] == [0, 0]
    assert (
        Setting.select().where(Setting.key.startswith(certificate_prints.PENDING_PREFIX)).count()
        == 0
    )
    assert AuditLog.select().where(AuditLog.action == "reprint").count() == 0

    # Nothing half-done stays in the way: printing again works and counts once.
    monkeypatch.setattr(certificate_prints.os, "replace", real_replace)
    certificates.print_course(admin, record.code, out)
    assert out.exists() and [c.print_count for c in Certificate.select()] == [1, 1]


def test_a_rename_that_fails_counts_nothing(admin, tmp_path):
    """A folder in the way of the file (or, on Windows, the PDF open in a viewer)."""
    trainer = login_as(admin, "trainer1", "trainer", "علی رضایی")
    record, _ = finished_course(admin, trainer.user_id, [ALL])
    certificates.save_certificate_settings(admin, manager_name="پروین اعتمادی", logo_path="")
    out = tmp_path / "course.pdf"
    out.mkdir()
    with pytest.raises(OSError):
        certificates.print_course(admin, record.code, out)
    assert Certificate.get().print_count == 0 and our_temporary_files(tmp_path) == []


# -- settling and cleaning: whose is it ---------------------------------------------------


def ended_process_id() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_only_our_temporary_files_of_ended_processes_are_removed(tmp_path):
    ours_alive = partial_files.reserve(tmp_path / "a.pdf")
    dead = ended_process_id()
    host = ours_alive.name.split(".tavana-")[1].split("-")[0]
    ours_dead = tmp_path / f".a.pdf.tavana-{host}-{dead}-{this_process().started}-abc123.part"
    other_machine = tmp_path / f".a.pdf.tavana-00000000-{dead}--abc123.part"
    not_ours = [tmp_path / ".a.pdf.part", tmp_path / "notes.part", tmp_path / "a.pdf"]
    for path in (ours_dead, other_machine, *not_ours):
        path.write_bytes(b"x")
    assert partial_files.remove_stale(tmp_path) == 1
    assert not ours_dead.exists()
    assert all(p.exists() for p in (ours_alive, other_machine, *not_ours))
    assert oct(ours_alive.stat().st_mode & 0o777) == oct(0o600)


def test_settling_a_pending_print_of_an_ended_process(admin, tmp_path):
    trainer = login_as(admin, "trainer1", "trainer", "علی رضایی")
    record, _ = finished_course(admin, trainer.user_id, [ALL, ALL])
    issued = certificates.issue_course_certificates(admin, record.id)
    renamed, never = tmp_path / "gone.part", tmp_path / "left.part"
    never.write_bytes(b"%PDF")
    owner = {**this_process().as_dict(), "pid": ended_process_id()}

    def pending(key, partial, certificate, process=owner):
        Setting.write(
            certificate_prints.PENDING_PREFIX + key,
            json.dumps({"owner": process, "partial": str(partial), "target": "x.pdf",
                        "certificates": [certificate.id], "user_id": admin.user_id,
                        "username": admin.username}),
        )  # fmt: skip

    pending("a", renamed, issued[0])  # renamed before it was killed: counted
    pending("b", never, issued[1])  # never renamed: not counted, its file removed
    pending("c", renamed, issued[1], {**owner, "host": "another-machine"})  # left for it
    pending("d", renamed, issued[1], this_process().as_dict())  # still running: left
    assert certificate_prints.settle_interrupted() == 2
    assert [Certificate.get_by_id(c.id).print_count for c in issued] == [1, 0]
    assert not never.exists()
    left = Setting.select(Setting.key).where(
        Setting.key.startswith(certificate_prints.PENDING_PREFIX)
    )
    assert sorted(key for (key,) in left.tuples()) == [
        certificate_prints.PENDING_PREFIX + "c",
        certificate_prints.PENDING_PREFIX + "d",
    ]
