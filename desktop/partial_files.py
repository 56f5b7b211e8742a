"""Files written under a temporary name beside their target, renamed once complete.

A PDF or an export appears under its own name only when it is whole: it is written to
`.NAME.tavana-HOST-PID-START-RANDOM.part` in the same folder (so the rename is atomic)
and renamed at the end; a failure or a cancel removes it. A process killed while
writing cannot remove its own, so the name says whose it is — this machine's (HOST, a
short hash of its name), the process id and (on Linux) its start time — and the next
writer into that folder removes the ones whose process is gone
(`remove_stale`). Only files of that exact pattern are touched, and never one of
another machine (a shared folder), whose process cannot be checked from here.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from pathlib import Path

from desktop.processes import ProcessMark, is_running, this_process

log = logging.getLogger(__name__)

_SUFFIX = ".part"
_PATTERN = re.compile(
    r"^\..+\.tavana-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-(?P<started>[0-9]*)-[0-9a-f]+\.part$"
)


def reserve(target: Path) -> Path:
    """Create the empty temporary file for `target` (private: 0600) and return its path."""
    mark = this_process()
    while True:
        name = (
            f".{target.name}.tavana-{_host_hash(mark.host)}-{mark.pid}-{mark.started}-"
            f"{secrets.token_hex(3)}{_SUFFIX}"
        )
        partial = target.with_name(name)
        try:
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return partial


def owner(path: Path) -> ProcessMark | None:
    """The process that writes (or wrote) a temporary file of ours; None if the name is
    not ours or was made on another machine."""
    match = _PATTERN.match(path.name)
    here = this_process().host
    if match is None or match["host"] != _host_hash(here):
        return None
    return ProcessMark(int(match["pid"]), here, match["started"])


def remove_stale(folder: Path) -> int:
    """Remove our temporary files in `folder` whose process is gone; how many. Never
    fails: a folder that cannot be read or a file that cannot be removed is left."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        # A temporary SQLite file (a backup being written) may have its journal beside it.
        base = entry.name.removesuffix("-journal").removesuffix("-wal").removesuffix("-shm")
        if not base.endswith(_SUFFIX):
            continue
        mark = owner(Path(entry.path).with_name(base))
        if mark is None or is_running(mark):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            log.warning("could not remove a stale temporary file %s", entry.path)
            continue
        removed += 1
    return removed


def _host_hash(host: str) -> str:
    return hashlib.sha256(host.encode()).hexdigest()[:8]


def write_whole(target: Path, data: bytes) -> Path:
    """Write `data` to `target` (0600) so that it is there whole or not at all, even
    across a power cut: written under a temporary name, flushed to the disk, renamed,
    and the folder's entry flushed too. Nothing of ours is left when it fails."""
    remove_stale(target.parent)
    partial = reserve(target)
    try:
        with open(partial, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(target.parent)
    return target


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows opens no folder: its rename is flushed with the file system
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
