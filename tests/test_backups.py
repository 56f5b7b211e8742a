"""Backups and restoring (services/backups.py, `backup` and `restore`): a checked copy
of a center's SQLite file, the rotation of automatic ones, a restore that backs the
database up first, and a restored center that is behind what it sent HQ refused at
export. On files (a backup is of a file): run under either backend option."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.models import Applicant, SyncExport, db
from desktop.models.db import SqliteDatabase, close_database
from desktop.models.opening import open_database
from desktop.services import auth, backups, center_sync
from desktop.services.progress import Cancelled
from tests.helpers.cli import init_database, run
from tests.helpers.people import person

PASSWORD = "s3cret-pass"  # init_database's


@pytest.fixture
def center(tmp_path, close_database_after):
    """A center's database file (TEH05) with two applicants, open, and its admin."""
    path = Path(init_database(tmp_path))
    open_database(str(path))
    admin = auth.login("admin", PASSWORD)
    person(admin, "مریم")
    person(admin, "زهرا")
    return path, admin


def names() -> list[str]:
    return sorted(a.first_name for a in Applicant.select())


def test_a_backup_is_a_checked_private_copy_of_every_row(center, tmp_path):
    path, admin = center
    out = tmp_path / "usb"
    out.mkdir()
    with sqlite3.connect(path) as live:
        tables = [r[0] for r in live.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE "
                                             "'CREATE VIRTUAL%'")]  # fmt: skip
        counts = {t: live.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    info = backups.back_up_now(admin, out)
    assert info.path.parent == out and info.kind == "manual"
    assert info.path.name.startswith("tavana-TEH05-") and info.path.name.endswith("-manual.sqlite3")
    assert os.stat(info.path).st_mode & 0o777 == 0o600
    assert not list(out.glob("*.partial")) and not list(out.glob("*-wal"))
    assert info.center_code == "TEH05" and info.applicants == 2
    assert info.counts == counts
    with sqlite3.connect(path) as live:
        assert info.last_seq == live.execute("SELECT MAX(seq) FROM change_log").fetchone()[0]
    with sqlite3.connect(info.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    # Sealed: its pages, then one line with their SHA-256 (SQLite reads the pages alone).
    data = info.path.read_bytes()
    pages = backups._pages_length(info.path)
    assert len(data) == pages + backups.SEAL_LENGTH and backups.sealed(info.path) is True
    assert data[pages:] == b"\n-- tavana backup seal sha256 %s\n" % (
        hashlib.sha256(data[:pages]).hexdigest().encode()
    )
    assert backups.last_backup_at() == info.taken_at
    assert not backups.changed_since_backup()
    person(admin, "نرگس")
    assert backups.changed_since_backup()


def test_a_cancelled_backup_leaves_nothing(center, tmp_path):
    path, _ = center

    def cancel(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        backups.write_backup(path, tmp_path, "manual", progress=cancel)
    assert not list(tmp_path.glob(".tavana-backup-*")) and not list(tmp_path.glob("tavana-*"))


def test_a_backup_in_a_missing_folder_is_refused_and_writes_nothing(center, tmp_path):
    _, admin = center
    with pytest.raises(UserError) as refused:
        backups.back_up_now(admin, tmp_path / "no-such")
    assert refused.value.code == "folder_missing"
    assert not (tmp_path / "no-such").exists()


def test_a_backup_that_does_not_check_out_is_deleted(center, tmp_path, monkeypatch):
    path, _ = center
    monkeypatch.setattr(backups, "_counts", lambda connection: {"applicant": id(connection)})
    with pytest.raises(UserError) as refused:
        backups.write_backup(path, tmp_path, "manual")
    assert refused.value.code == "check_failed"
    assert not list(tmp_path.glob("tavana-*")) and not list(tmp_path.glob(".tavana-backup-*"))


def test_the_backup_is_one_snapshot_while_another_program_writes(center, tmp_path, monkeypatch):
    """Rows written by another connection between the backup's steps (a page a step):
    the backup is the snapshot it started from, whole (its counts checked against that
    snapshot)."""
    path, _ = center
    writer = sqlite3.connect(path, isolation_level=None)
    steps = []

    def progress(done: int, total: int) -> None:
        steps.append(done)
        writer.execute("INSERT INTO setting (key, value) VALUES (?, 'x')", (f"k{done}",))

    backups.write_backup(path, tmp_path, "manual")
    (before,) = writer.execute("SELECT COUNT(*) FROM setting").fetchone()
    monkeypatch.setattr(backups, "PAGES_A_STEP", 1)
    info = backups.write_backup(path, tmp_path, "quit", progress=progress)
    writer.close()
    assert len(steps) > 100  # written between many steps
    assert info.counts["setting"] == before


def test_restore_puts_the_backup_back_after_backing_the_database_up(center, tmp_path):
    path, admin = center
    taken = backups.back_up_now(admin, tmp_path)
    person(admin, "نرگس")
    restored = backups.restore(admin, taken.path)
    assert names() == ["زهرا", "مریم"]  # نرگس came after the backup
    assert restored.rewound is None
    assert restored.safety.path.parent == path.parent / "backups"
    assert restored.safety.kind == "before-restore" and restored.safety.applicants == 3
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the safety copy brings نرگس back
    backups.restore(auth.login("admin", PASSWORD), restored.safety.path)
    assert names() == ["زهرا", "مریم", "نرگس"]


def test_a_restored_center_behind_what_it_sent_cannot_export(center, tmp_path):
    path, admin = center
    taken = backups.back_up_now(admin, tmp_path)
    person(admin, "نرگس")
    sent = backups.inspect(path, counted=False).last_seq
    with db.atomic():  # a sync file of everything was written after the backup
        SyncExport.create(seq_from=1, seq_to=sent, file_name="f", sha256="0" * 64, changes=sent)
    restored = backups.restore(admin, taken.path)
    assert restored.rewound == (taken.last_seq, sent)
    assert backups.rewound() == (taken.last_seq, sent)
    with pytest.raises(UserError) as refused:
        center_sync.export_changes(auth.login("admin", PASSWORD), tmp_path)
    assert refused.value.code == "rewound"


@pytest.mark.parametrize("damage", ["text", "truncated", "other_center", "newer_schema"])
def test_restore_refuses_what_is_not_this_centers_backup(center, tmp_path, damage):
    path, admin = center
    taken = backups.back_up_now(admin, tmp_path).path
    bad = tmp_path / "bad.sqlite3"
    if damage == "text":
        bad.write_text("national_code,first_name\n", encoding="utf-8")
    elif damage == "truncated":
        bad.write_bytes(taken.read_bytes()[: taken.stat().st_size // 2])
    else:
        bad.write_bytes(taken.read_bytes()[: backups._pages_length(taken)])
        with sqlite3.connect(bad) as copy:
            if damage == "other_center":
                copy.execute("UPDATE center SET code = 'SHZ01' WHERE is_local = 1")
            else:
                copy.execute("INSERT INTO schema_version (version, name, applied_at) "
                             "VALUES (999, 'future', '2030-01-01')")  # fmt: skip
        copy.close()
        backups._seal(bad)  # sealed, as another center's or a later version's would be
    before = path.read_bytes()
    with pytest.raises(UserError) as refused:
        backups.restore(admin, bad)
    assert (
        refused.value.code
        in {
            "text": {"not_a_backup"},
            "truncated": {"damaged_backup", "check_failed"},
            "other_center": {"backup_other_center"},
            "newer_schema": {"backup_newer_schema"},
        }[damage]
    )
    assert names() == ["زهرا", "مریم"]
    assert not (path.parent / "backups").exists()  # refused before anything was written
    del before


def _damage_sqlite_accepts(backup: Path, tmp_path: Path) -> tuple[bytes, list[str]]:
    """The backup's bytes with «زهرا» spelled «نرگس» where SQLite's checks still pass
    on the pages and the applicant comes back renamed; and the names it would bring."""
    data, word = backup.read_bytes(), "زهرا".encode()
    pages = backups._pages_length(backup)
    probe = tmp_path / "probe.sqlite3"
    start = 0
    while (at := data.find(word, start, pages)) >= 0:
        start = at + 1
        damaged = data[:at] + "نرگس".encode() + data[at + len(word) :]
        probe.write_bytes(damaged[:pages])
        with contextlib.closing(sqlite3.connect(probe)) as copy:
            ok = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            brought = sorted(n for (n,) in copy.execute("SELECT first_name FROM applicant"))
        if ok and "نرگس" in brought:
            return damaged, brought
    raise AssertionError("no such place in the backup")


def test_a_byte_changed_inside_a_value_sqlite_accepts_is_refused_by_the_seal(center, tmp_path):
    """SQLite's checks read pages and indexes, not what a value should be: a name changed
    in place passes them (954 of 2,000 randomly damaged backups did). The seal does not."""
    path, admin = center
    out = tmp_path / "usb"
    out.mkdir()
    taken = backups.back_up_now(admin, out).path
    damaged, brought = _damage_sqlite_accepts(taken, tmp_path)
    assert brought == ["مریم", "نرگس"]  # what a restore without the seal put back
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(damaged)
    with pytest.raises(UserError) as refused:
        backups.restore(admin, bad)
    assert refused.value.code == "damaged_backup" and "seal" in str(refused.value)
    assert names() == ["زهرا", "مریم"] and not (path.parent / "backups").exists()
    # Bytes after the pages that are not a seal: refused too.
    bad.write_bytes(taken.read_bytes() + b"\x00" * 4096)
    with pytest.raises(UserError) as refused:
        backups.restore(admin, bad)
    assert refused.value.code == "damaged_backup"
    # A backup of a version before seals has none: SQLite's checks alone, and it restores.
    older = tmp_path / "older.sqlite3"
    older.write_bytes(taken.read_bytes()[: backups._pages_length(taken)])
    assert backups.sealed(older) is None
    person(admin, "نرگس")
    backups.restore(admin, older)
    assert names() == ["زهرا", "مریم"]


def _info(at: dt.datetime) -> backups.BackupInfo:
    return backups.BackupInfo(Path(f"{at:%Y%m%d-%H%M%S}"), "TEH05", "", at, "daily", 17, 0, 0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=800 * 24), min_size=1, max_size=120, unique=True)
)
def test_rotation_keeps_the_newest_of_each_recent_day_week_and_month(hours):
    start = dt.datetime(2026, 1, 1)
    taken = [_info(start + dt.timedelta(hours=h)) for h in hours]
    kept = backups.to_keep(taken)
    newest = max(taken, key=lambda i: i.taken_at)
    assert newest.path in kept
    assert len(kept) <= backups.KEEP_DAYS + backups.KEEP_WEEKS + backups.KEEP_MONTHS
    days = sorted({i.taken_at.date() for i in taken}, reverse=True)[: backups.KEEP_DAYS]
    for day in days:  # the newest of each of the last 7 days that have one
        of_day = max((i for i in taken if i.taken_at.date() == day), key=lambda i: i.taken_at)
        assert of_day.path in kept
    for info in taken:  # nothing kept that is not the newest of its day
        if info.path in kept:
            same_day = [i for i in taken if i.taken_at.date() == info.taken_at.date()]
            assert info.taken_at == max(i.taken_at for i in same_day)


def test_automatic_backups_go_beside_the_database_and_are_rotated(center):
    path, _ = center
    assert backups.daily_due(path)
    first = backups.automatic_backup(path, "daily")
    folder = path.parent / "backups"
    assert first.path.parent == folder
    assert os.stat(folder).st_mode & 0o777 == 0o700
    assert not backups.daily_due(path)
    # 60 days of daily backups before it (restic's rule: the newest of each of the
    # last 7 days, 4 weeks and 12 months that have one).
    for days in range(1, 61):
        day = dt.datetime.now() - dt.timedelta(days=days)
        (folder / f"tavana-TEH05-{day:%Y%m%d}-090000-daily.sqlite3").write_bytes(
            first.path.read_bytes()
        )
    before = {info.path for info in backups.automatic_backups(path)}
    keep = backups.to_keep(backups.automatic_backups(path))
    gone = backups.rotate(path)
    assert set(gone) == before - keep and len(gone) > 40
    assert {info.path for info in backups.automatic_backups(path)} == keep
    assert first.path in keep


def test_the_command_line_backs_up_and_restores(center, tmp_path, capsys):
    path, _ = center
    out = tmp_path / "out"
    out.mkdir()
    close_database()
    code, printed, err = run(capsys, "backup", "--db", str(path), "--out", str(out))
    assert code == 0, err
    backup = Path(printed.strip())
    assert backup.parent == out and backup.exists()
    code, printed, err = run(capsys, "restore", "--db", str(path), str(backup))
    assert code == 1 and "add --yes" in err and len(err.strip().splitlines()) == 1
    code, printed, err = run(capsys, "restore", "--db", str(path), str(backup), "--yes")
    assert code == 0, err
    assert "backup of TEH05" in printed and "2 applicants" in printed
    assert "restored: " in printed
    code, printed, err = run(capsys, "restore", "--db", str(path), str(tmp_path / "none"), "--yes")
    assert code == 1 and err.startswith("error: not a Tavana backup")


def test_a_postgresql_database_is_pointed_to_pg_dump(admin, tmp_path):
    if isinstance(db.obj, SqliteDatabase):
        pytest.skip("PostgreSQL only (--backend=postgres)")
    with pytest.raises(UserError) as refused:
        backups.back_up_now(admin, tmp_path)
    assert refused.value.code == "backup_postgres" and "pg_dump" in refused.value.message
