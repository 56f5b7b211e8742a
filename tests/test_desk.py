"""The desk's start-up checks (services/desk.py) and the way back from a damaged file
(services/backups.py `replace_damaged`): a network share refused by the mount table or
the Windows drive, one copy of the app per database, the whole-file check, and a
backup put back by one of its own administrators — never by anyone else."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.models import Applicant
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import auth, backups, desk, users
from tests.helpers.cli import init_database
from tests.helpers.people import person

pytestmark = pytest.mark.sqlite_only("SQLite files at a desk")

MOUNTINFO = "\n".join(
    [
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        "40 22 0:35 / /home rw,relatime shared:20 - ext4 /dev/sda2 rw",
        "61 40 0:52 / /home/clerk/shared\\040docs rw,relatime - cifs //nas/docs rw,vers=3.0",
        "62 22 0:53 / /mnt/center rw,relatime - nfs4 nas:/export/center rw",
        "63 62 0:54 / /mnt/center/local rw - ext4 /dev/sdb1 rw",
        "64 22 0:55 / /media/usb rw - fuse.sshfs host:/srv rw",
    ]
)
DARWIN_MOUNT = "\n".join(
    [
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)",
        "//clerk@nas/docs on /Volumes/docs (smbfs, nodev, nosuid, mounted by clerk)",
    ]
)


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/home/clerk/tavana.sqlite3", None),
        ("/home/clerk/shared docs/tavana.sqlite3", "cifs"),
        ("/home/clerk/shared docs/sub/tavana.sqlite3", "cifs"),
        ("/home/clerk/shared docsx/tavana.sqlite3", None),  # a neighbour, not inside
        ("/mnt/center/tavana.sqlite3", "nfs4"),
        ("/mnt/center/local/tavana.sqlite3", None),  # the longest mount point decides
        ("/media/usb/t.sqlite3", "fuse.sshfs"),
    ],
)
def test_a_network_share_is_told_by_linuxs_mount_table(path, found):
    assert desk.network_share(path, platform="linux", mount_table=MOUNTINFO) == found


def test_a_network_share_on_macos_and_windows():
    assert desk.network_share("/Volumes/docs/t.sqlite3", platform="darwin",
                              mount_table=DARWIN_MOUNT) == "smbfs"  # fmt: skip
    assert (
        desk.network_share("/Users/c/t.sqlite3", platform="darwin", mount_table=DARWIN_MOUNT)
        is None
    )
    remote = {"Z:\\": desk.DRIVE_REMOTE, "C:\\": 3}  # 3: a fixed disk

    def drive_type(root: str) -> int:
        return remote[root]

    windows = {"platform": "win32", "drive_type": drive_type}
    assert desk.network_share(r"\\nas\docs\t.sqlite3", **windows) == "a network share"
    if os.name == "nt":  # splitdrive reads drive letters only on Windows
        assert desk.network_share(r"Z:\tavana\t.sqlite3", **windows) == "a network drive"
        assert desk.network_share(r"C:\tavana\t.sqlite3", **windows) is None


def test_the_refusal_names_the_share_and_a_url_is_never_refused(tmp_path):
    with pytest.raises(UserError) as refused:
        desk.refuse_network_share("/mnt/center/t.sqlite3", platform="linux", mount_table=MOUNTINFO)
    assert refused.value.code == "network_share" and "nfs4" in refused.value.message
    desk.refuse_network_share("postgresql://tavana@db/tavana", platform="linux",
                              mount_table=MOUNTINFO)  # fmt: skip
    desk.refuse_network_share(str(tmp_path / "t.sqlite3"))  # this machine's own disk


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_a_mount_point_reads_back_as_the_kernel_escaped_it(name):
    escaped = "".join(f"\\{ord(c):03o}" if c in " \t\n\\" else c for c in name)
    assert desk._unescape(escaped) == name


def test_a_second_copy_of_the_app_is_told_who_has_the_database(tmp_path):
    target = str(tmp_path / "t.sqlite3")
    first = desk.DeskLock.take(target)
    try:
        held = json.loads(Path(target + desk.LOCK_SUFFIX).read_text(encoding="utf-8"))
        assert held["pid"] == os.getpid()
        with pytest.raises(UserError) as refused:
            desk.DeskLock.take(target)
        assert refused.value.code == "already_open"
        assert held["user"] in refused.value.message
        assert Path(target + desk.LOCK_SUFFIX).read_text(encoding="utf-8")  # not emptied
    finally:
        first.release()
    second = desk.DeskLock.take(target)  # let go: the next copy opens it
    second.release()


def test_a_first_run_in_a_folder_not_made_yet_takes_the_lock(tmp_path):
    target = str(tmp_path / "new" / "folder" / "t.sqlite3")
    lock = desk.DeskLock.take(target)
    assert Path(target).parent.is_dir()
    lock.release()


def test_a_lock_file_left_by_a_killed_app_does_not_block(tmp_path):
    target = str(tmp_path / "t.sqlite3")
    stale = {"user": "x", "host": "elsewhere", "pid": 99999, "since": "2026-01-01T08:00:00"}
    Path(target + desk.LOCK_SUFFIX).write_text(json.dumps(stale), encoding="utf-8")
    lock = desk.DeskLock.take(target)  # the OS dropped the dead process's lock
    lock.release()


def test_the_windows_lock_takes_a_byte_past_the_text(tmp_path, monkeypatch):
    calls: list[tuple[str, int, int]] = []
    held: set[int] = set()

    def locking(fd: int, mode: int, count: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        calls.append(("lock" if mode == 2 else "unlock", position, count))
        if mode == 2:
            if position in held:
                raise OSError(36, "Resource deadlock avoided")
            held.add(position)
        else:
            held.discard(position)

    fake = types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    target = str(tmp_path / "t.sqlite3")
    lock = desk.DeskLock.take(target, platform="win32")
    with pytest.raises(UserError) as refused:
        desk.DeskLock.take(target, platform="win32")
    assert refused.value.code == "already_open"
    lock.release()
    assert calls[0] == ("lock", desk.DeskLock._REGION, 1)
    assert calls[-1] == ("unlock", desk.DeskLock._REGION, 1)


def _damage(path: Path) -> None:
    """Overwrite the head of every page after the first (the header and the schema stay:
    the file still opens; every table's pages are garbage)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:  # the log into the file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = 4096
    size = path.stat().st_size
    with open(path, "r+b") as stream:
        for offset in range(page, size, page):
            stream.seek(offset)
            stream.write(b"\xa5" * 64)


@pytest.fixture
def center(tmp_path, close_database_after):  # type: ignore[no-untyped-def]
    path = Path(init_database(tmp_path))
    open_database(str(path))
    admin = auth.login("admin", "s3cret-pass")
    person(admin, "مریم")
    users.add_user(
        admin, username="clerk1", display_name="سارا احمدی", role="clerk", password="clerk-pass-1"
    )
    taken = backups.back_up_now(admin, tmp_path)
    person(admin, "زهرا")
    db_file = backups.database_path()
    close_database()
    return db_file, taken


def test_the_quick_check_finds_a_damaged_file_and_leaves_word(center):
    path, _ = center
    assert desk.quick_check(str(path)) == "ok"
    _damage(path)
    check = desk.QuickCheck.start_for(str(path))
    assert check is not None
    found = check.wait(60)
    assert found is not None and found != "ok"
    assert desk.noted_damage(str(path)) == found
    assert "\n" not in desk.in_one_line(found)
    desk.clear_damage_note(str(path))
    assert desk.noted_damage(str(path)) is None
    assert desk.QuickCheck.start_for("postgresql://x@y/z") is None


def test_a_damaged_database_is_replaced_by_a_backup_its_admin_puts_back(center):
    path, taken = center
    _damage(path)
    damaged_bytes = path.read_bytes()
    for username, password in (("admin", "wrong-pass"), ("clerk1", "clerk-pass-1"), ("x", "y")):
        with pytest.raises(UserError) as refused:
            backups.replace_damaged(path, taken.path, username, password)
        assert refused.value.code == "not_an_admin"
        assert path.read_bytes() == damaged_bytes  # nothing changed
    kept = backups.replace_damaged(path, taken.path, "admin", "s3cret-pass")
    assert kept.read_bytes() == damaged_bytes and kept.name.startswith(path.name + ".damaged-")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with sqlite3.connect(path) as fresh:
        assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    open_database(str(path))
    try:
        names = sorted(a.first_name for a in Applicant.select())
        assert names == ["مریم"]  # زهرا came after the backup
    finally:
        close_database()


def test_a_backup_that_is_not_whole_is_not_put_back(center, tmp_path):
    path, taken = center
    _damage(path)
    damaged_bytes = path.read_bytes()
    half = tmp_path / "half.sqlite3"
    half.write_bytes(taken.path.read_bytes()[: taken.size // 2])
    with pytest.raises(UserError) as refused:
        backups.replace_damaged(path, half, "admin", "s3cret-pass")
    assert refused.value.code in {"damaged_backup", "check_failed"}
    assert path.read_bytes() == damaged_bytes
    assert not list(path.parent.glob(f".{path.name}.restoring-*"))


def test_the_command_line_refuses_a_network_share_too(tmp_path, monkeypatch, capsys):
    from desktop.cli import main

    monkeypatch.setattr(desk, "_read_mount_table", lambda platform: MOUNTINFO)
    assert main(["users", "list", "--db", "/mnt/center/t.sqlite3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the database is on a network share") and "nfs4" in err
    assert not Path("/mnt/center/t.sqlite3").exists()
