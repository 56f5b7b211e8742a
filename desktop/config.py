r"""Where things live on this machine: the database, the log file; and who may read them.

The database is one SQLite file in the user's data directory (platformdirs) unless
`--db` or the TAVANA_DB environment variable names a path or a database URL: on Linux
~/.local/share/tavana (the log in ~/.local/state/tavana/log), on Windows
%LOCALAPPDATA%\tavana (the log in its Logs folder) — the local, not the roaming, profile:
a database must not follow the user to another desk.

Everything the app writes holds people's records (or the center's signing key), so it
is private to the user who runs the app: the process starts with umask 077 (new files
0600, new folders 0700), and the folders and files the app owns that an older version
left readable by others (the data and log folders, the database and its -wal/-shm, the
log) are tightened when it opens them. Files of another owner are left alone. On
Windows the modes mean nothing: who reads a file is the ACL of the user's profile folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

APP_DIR_NAME = "tavana"
PRIVATE_UMASK = 0o077  # new files 0600, new folders 0700
PRIVATE_DIR = 0o700


@contextmanager
def private_umask() -> Iterator[None]:
    """Run the app or a command with files private to this user (and restore the umask
    after, so a test that calls the CLI in-process leaves its own umask alone)."""
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def make_private(path: Path, os_name: str = os.name) -> None:
    """Take the group and other bits off a file or folder this user owns, if it has any.

    POSIX only (`os_name` is os.name's value): on Windows a file's readers are set by its
    folder's ACL (the user's profile), and chmod there only toggles the read-only flag."""
    if os_name != "posix":
        return
    try:
        info = path.stat()
    except OSError:
        return
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid == os.geteuid() and mode & 0o077:
        path.chmod(mode & ~0o077)


def create_private_dir(path: Path) -> None:
    """Create a folder and its missing parents 0700; an existing folder is not changed
    (it may be the user's own Documents, named by --db)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)


def tighten_app_dirs() -> None:
    """Make the app's own folders private, if an older version left them 0755."""
    make_private(data_dir())
    make_private(_default_log_dir())


def data_dir(platform: str = sys.platform) -> Path:
    return Path(_app_dirs(platform).user_data_dir)


def default_database() -> str:
    return os.environ.get("TAVANA_DB") or str(data_dir() / "tavana.sqlite3")


def _default_log_dir(platform: str = sys.platform) -> Path:
    return Path(_app_dirs(platform).user_log_dir)


def _app_dirs(platform: str) -> PlatformDirsABC:
    """platformdirs' folders for the app on `platform` (a sys.platform value): this
    machine's own choice, or the class of another platform (a test of Windows' folders)."""
    if platform == sys.platform:
        return PlatformDirs(APP_DIR_NAME, appauthor=False)
    if platform.startswith("win"):
        from platformdirs.windows import Windows

        return Windows(APP_DIR_NAME, appauthor=False)
    if platform == "darwin":
        from platformdirs.macos import MacOS

        return MacOS(APP_DIR_NAME, appauthor=False)
    from platformdirs.unix import Unix

    return Unix(APP_DIR_NAME, appauthor=False)


def log_file() -> Path:
    return Path(os.environ.get("TAVANA_LOG") or _default_log_dir() / "tavana.log")


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file (for the center's IT support) and warnings to stderr."""
    path = log_file()
    create_private_dir(path.parent)
    make_private(path)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path
