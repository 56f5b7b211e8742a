"""What the app checks before a desk works on an SQLite database, and while it starts.

- **A network share is refused.** SQLite's locks are only as good as the file system's:
  over SMB or NFS two desks can both believe they hold the write lock, and the file is
  corrupted (sqlite.org, "How To Corrupt An SQLite Database File", §2; "Use over a
  network"). Several desks on one database is what PostgreSQL is for (README).
  `network_share` names the file system when the file is on one: Linux and macOS by
  the mount table, Windows by a UNC path or a drive that is a network drive.
- **A second copy of the app on the same database is told so.** Both would write, and a
  clerk's save would wait on, or be refused by, the other window's lock. `DeskLock`
  holds an OS lock (`flock`; `msvcrt.locking` on Windows) on `<database>.lock` while
  the app runs, with who holds it written in the file; the OS drops it when the process
  ends, however it ends, so a killed app never blocks the next start. The command line
  takes no such lock: its runs are short and SQLite's own lock serialises the writes.
- **The file is checked.** Opening reads SQLite's header (a file that is not a database,
  or a damaged one, is refused at once); `quick_check` reads every page — 14 s at a
  million applicants (2 GB), so it runs beside the app (desktop/app.py) and a damaged
  file found there is named in `<database>.damaged`, which the next start reads.
  The way out is a backup (services/backups.py `replace_damaged`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import logging
import os
import re
import socket
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop.config import create_private_dir
from desktop.errors import UserError
from desktop.strings.desk import DeskMessages
from desktop.text.display import ltr_in_rtl

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
DAMAGED_SUFFIX = ".damaged"  # beside the database: the check found it damaged (JSON)

# File systems whose locks SQLite cannot trust (Linux's names; macOS's in the second
# half). A FUSE file system names itself "fuse.<name>".
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda",
        "9p", "ceph", "glusterfs", "gpfs", "lustre", "ocfs2", "gfs2", "davfs",
        "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "fuse.glusterfs", "fuse.cephfs",
        "webdav", "afpfs", "nfs_macos",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive


def is_sqlite_path(target: str) -> bool:
    return "://" not in target and target != ":memory:"


# -- a network share -------------------------------------------------------------------------


def network_share(
    path: str | Path,
    *,
    platform: str = sys.platform,
    mount_table: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """The network file system `path` is on ("cifs", "nfs4", "a network drive" …), or
    None when it is local or cannot be told. `mount_table` and `drive_type` stand in
    for the system's in tests."""
    if platform.startswith("win"):
        return _windows_share(str(path), drive_type)
    where = Path(os.path.abspath(os.path.expanduser(str(path))))
    with contextlib.suppress(OSError):
        where = where.parent.resolve() / where.name  # a symlinked folder: where it is
    if mount_table is None:
        mount_table = _read_mount_table(platform)
    best, kind = "", ""
    for point, fstype in _mounts(mount_table, platform):
        inside = str(where) == point or str(where).startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fstype
    return kind if kind.lower() in NETWORK_FILESYSTEMS else None


def _windows_share(path: str, drive_type: Callable[[str], int] | None) -> str | None:
    if path.startswith(("\\\\", "//")):
        return "a network share"  # \\server\share\…
    drive = os.path.splitdrive(os.path.abspath(path))[0]
    if not drive:
        return None
    if drive_type is None:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    return "a network drive" if drive_type(drive + "\\") == DRIVE_REMOTE else None


def _read_mount_table(platform: str) -> str:
    if platform.startswith("linux"):
        with contextlib.suppress(OSError):
            return Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        return ""
    if platform == "darwin":
        import subprocess

        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5)
            return done.stdout
    return ""


def _mounts(table: str, platform: str) -> list[tuple[str, str]]:
    """(mount point, file system type) of each line of the system's mount table."""
    found = []
    for line in table.splitlines():
        if platform == "darwin":  # "//u@server/share on /Volumes/share (smbfs, nodev, …)"
            if " on " not in line or " (" not in line:
                continue
            point = line.split(" on ", 1)[1].rsplit(" (", 1)[0]
            fstype = line.rsplit(" (", 1)[1].split(",")[0].rstrip(")")
            found.append((point, fstype))
            continue
        # mountinfo: "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw"
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        after = fields[fields.index("-") + 1 :]
        if after:
            found.append((_unescape(fields[4]), after[0]))
    return found


def _unescape(point: str) -> str:
    """A mount point as the kernel writes it: space, tab, newline and backslash as
    octal escapes (\\040 …); other characters as they are."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), point)


def refuse_network_share(target: str, **switches: Any) -> None:
    """Raise the refusal (code "network_share") when `target` is an SQLite file on a
    network file system."""
    if not is_sqlite_path(target):
        return
    kind = network_share(target, **switches)
    if kind is not None:
        message = DeskMessages.NETWORK_SHARE.format(target=ltr_in_rtl(target), kind=kind)
        raise UserError(message, code="network_share")


# -- one copy of the app per database -------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """Who holds a database open in the app (as the lock file says)."""

    user: str = ""
    host: str = ""
    pid: int = 0
    since: str = ""  # ISO, local time

    @classmethod
    def read(cls, text: str) -> Holder:
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except (ValueError, KeyError, TypeError):
            return cls()


class DeskLock:
    """The app's hold on one SQLite database (see the module's docstring). `take`
    raises UserError("already_open") naming who holds it; `release` lets go."""

    _REGION = 1 << 20  # Windows locks a byte range: one far past the text, left readable

    def __init__(self, path: Path, stream: IO[str], platform: str):
        self.path, self._stream, self._platform = path, stream, platform

    @classmethod
    def take(cls, target: str, *, platform: str = sys.platform) -> DeskLock:
        path = Path(target + LOCK_SUFFIX)
        # A first run: the database's folder is made here, as opening would make it.
        create_private_dir(path.parent)
        # Never truncated before it is held; kept open while the app runs.
        stream = open(path, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            _lock(stream, platform, cls._REGION)
        except OSError:
            stream.seek(0)
            holder = Holder.read(stream.read())
            stream.close()
            raise UserError(_already_open(holder), code="already_open") from None
        stream.seek(0)
        stream.truncate()
        me = {
            "user": getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        stream.write(json.dumps(me, ensure_ascii=False))
        stream.flush()
        return cls(path, stream, platform)

    def release(self) -> None:
        if self._stream.closed:
            return
        with contextlib.suppress(OSError):
            _unlock(self._stream, self._platform, self._REGION)
        self._stream.close()


def _lock(stream: IO[str], platform: str, region: int) -> None:
    if platform.startswith("win"):
        import msvcrt

        stream.seek(region)
        msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(stream: IO[str], platform: str, region: int) -> None:
    if platform.startswith("win"):
        import msvcrt

        stream.seek(region)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


def _already_open(holder: Holder) -> str:
    from desktop.text.jalali import format_jalali_datetime

    if not holder.pid:
        return DeskMessages.ALREADY_OPEN_SOMEONE
    try:
        since = format_jalali_datetime(dt.datetime.fromisoformat(holder.since))
    except ValueError:
        since = holder.since
    here = holder.host == socket.gethostname()
    template = DeskMessages.ALREADY_OPEN_HERE if here else DeskMessages.ALREADY_OPEN_THERE
    return template.format(user=ltr_in_rtl(holder.user), host=ltr_in_rtl(holder.host), since=since)


# -- is the file whole -----------------------------------------------------------------------


def quick_check(target: str) -> str:
    """SQLite's `quick_check` of the file, on a read-only connection of its own: "ok",
    or the first problem it names. Reads every page (seconds at a million people)."""
    try:
        with contextlib.closing(
            sqlite3.connect(f"file:{Path(target).as_posix()}?mode=ro", uri=True, timeout=30)
        ) as connection:
            return str(connection.execute("PRAGMA quick_check(1)").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return str(error)


def in_one_line(problem: str, limit: int = 140) -> str:
    """SQLite's words for a damaged file (several lines) as one line a window can show."""
    line = " ".join(problem.replace("***", "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def note_damaged(target: str, problem: str) -> None:
    """Leave word beside the database that the check found it damaged: the next start
    shows the way out before anyone works on it."""
    found = {"at": dt.datetime.now().isoformat(timespec="seconds"), "problem": problem}
    Path(target + DAMAGED_SUFFIX).write_text(json.dumps(found, ensure_ascii=False), "utf-8")


def noted_damage(target: str) -> str | None:
    """What the last check found wrong with the database, if it found anything."""
    try:
        text = Path(target + DAMAGED_SUFFIX).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        return str(json.loads(text)["problem"])
    except (ValueError, KeyError, TypeError):
        return text.strip() or "damaged"


def clear_damage_note(target: str) -> None:
    Path(target + DAMAGED_SUFFIX).unlink(missing_ok=True)


class QuickCheck:
    """`quick_check` on a thread of its own while the app starts and people work;
    `result` is None until it is done, then "ok" or the problem it found (and then the
    note beside the database is written: the next start offers the way out)."""

    def __init__(self, target: str):
        self.target = target
        self.result: str | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)

    @classmethod
    def start_for(cls, target: str) -> QuickCheck | None:
        if not is_sqlite_path(target):
            return None  # PostgreSQL checks its own pages (data checksums, amcheck)
        check = cls(target)
        check._thread.start()
        return check

    def _run(self) -> None:
        started = time.perf_counter()
        found = quick_check(self.target)
        seconds = time.perf_counter() - started
        log.info("quick check of %s: %s (%.1f s)", self.target, found, seconds)
        if found != "ok":
            with contextlib.suppress(OSError):
                note_damaged(self.target, found)
        self.result = found

    def wait(self, timeout: float | None = None) -> str | None:
        self._thread.join(timeout)
        return self.result
