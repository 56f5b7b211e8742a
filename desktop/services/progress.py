"""Progress and cancellation for long work, shared by services and the GUI runner.

A service that can take long accepts a `Progress`; it calls `step()` as it goes and
stops with `Cancelled` when asked to. No tkinter: the GUI polls `snapshot()` with after().
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


class Cancelled(Exception):
    """The person pressed Cancel; the work undid itself (its transaction rolled back)."""


@dataclass(frozen=True)
class ProgressState:
    done: int
    total: int | None
    message: str


class Progress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = ProgressState(0, None, "")
        self._cancel = threading.Event()

    def step(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Report progress; raises Cancelled if cancellation was requested."""
        with self._lock:
            self._state = ProgressState(
                done, total, self._state.message if message is None else message
            )
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    def snapshot(self) -> ProgressState:
        with self._lock:
            return self._state
