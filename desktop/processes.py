"""Which process owns a piece of unfinished work, and whether that process still runs.

Work that must survive being killed leaves a mark of its owner beside it: a bulk load
that dropped indexes (desktop/models/deferred_indexes.py), a PDF still being written
(desktop/partial_files.py), a print not yet counted. Whoever comes next repairs that
work only once its owner is gone — a second window opened during a demo load must not
rebuild the indexes the load is about to rebuild itself.

A process id alone can be reused by another program after the owner died; on Linux the
mark also keeps the process's start time (in clock ticks since boot, from /proc), so a
reused id reads as gone. Elsewhere the id alone decides: a reused id only postpones the
repair until that other program ends. A mark made on another machine (a database on a
shared folder) cannot be checked and reads as gone, so the work is repaired rather than
left undone.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259  # GetExitCodeProcess's "exit code" of a process that has not ended
ERROR_ACCESS_DENIED = 5


@dataclass(frozen=True)
class ProcessMark:
    pid: int
    host: str
    started: str = ""  # the start time on Linux, "" elsewhere

    def as_dict(self) -> dict[str, Any]:
        return {"pid": self.pid, "host": self.host, "started": self.started}

    @classmethod
    def from_dict(cls, data: Any) -> ProcessMark | None:
        """A mark read back from storage; None if it is not one."""
        if not isinstance(data, dict):
            return None
        pid, host, started = data.get("pid"), data.get("host"), data.get("started", "")
        if not isinstance(pid, int) or not isinstance(host, str) or not isinstance(started, str):
            return None
        return cls(pid, host, started)


def this_process() -> ProcessMark:
    pid = os.getpid()
    return ProcessMark(pid, socket.gethostname(), _start_time(pid) or "")


def is_running(mark: ProcessMark | None, platform: str = sys.platform) -> bool:
    """Whether the process that made `mark` still runs (False for a zombie: it ended
    and only waits for its parent to read its exit status). `platform` is sys.platform's
    value, which decides how to ask (a test passes another)."""
    if mark is None or mark.host != socket.gethostname():
        return False
    if mark.pid == os.getpid():
        return True
    if platform.startswith("linux"):
        stat = _proc_stat(mark.pid)
        if stat is None:
            return False
        state, started = stat
        return state != "Z" and (not mark.started or started == mark.started)
    if platform == "win32":
        return _windows_process_runs(mark.pid)
    try:
        os.kill(mark.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    return True


def _start_time(pid: int) -> str | None:
    stat = _proc_stat(pid) if sys.platform.startswith("linux") else None
    return stat[1] if stat else None


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a Linux process, from /proc/PID/stat; None if gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces or parentheses.
    fields = text[text.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]  # fields 3 and 22 of proc(5)


def _windows_process_runs(
    pid: int, kernel32: Any = None, last_error: Callable[[], int] | None = None
) -> bool:
    """Ask Windows: OpenProcess, then GetExitCodeProcess. `kernel32` and `last_error`
    (ctypes.get_last_error) are the system's unless a test passes its own."""
    import ctypes

    if kernel32 is None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    if last_error is None:
        last_error = ctypes.get_last_error  # type: ignore[attr-defined]
    kernel32.OpenProcess.argtypes = [ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32]
    kernel32.OpenProcess.restype = ctypes.c_void_p  # a HANDLE is pointer-sized
    kernel32.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong)]
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # ERROR_ACCESS_DENIED: it exists, owned by another user (or elevated).
        return bool(last_error() == ERROR_ACCESS_DENIED)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
