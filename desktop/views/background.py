"""Long work off the Tk thread, with a progress bar and Cancel (after Anki's operations).

`work(progress)` runs in a worker thread and must never touch a widget; it reports
through `Progress.step()` and stops with `Cancelled`. The Tk thread polls the progress
and the outcome with `after` and calls `on_done(result)` or `on_error(exception)` there.
Tests use `SyncRunner`, which runs the work inline.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.context import Done, Failed, Work
from desktop.services.progress import Cancelled, Progress
from desktop.strings.shell_views import ProgressText
from desktop.text.digits import format_number
from desktop.views.widgets.progress_bar import RtlProgressBar
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.windows import center_on, system_text

log = logging.getLogger(__name__)


POLL_MS = 50


class SyncRunner:
    """Runs the work inline on the calling thread: deterministic tests."""

    def run(
        self,
        parent: tk.Misc,
        title: str,
        work: Work,
        on_done: Done,
        on_error: Failed,
        *,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        try:
            result = work(Progress())
        except Cancelled:
            if on_cancelled:
                on_cancelled()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)


class ThreadRunner:
    """Runs the work in a daemon thread behind a modal progress dialog."""

    def run(
        self,
        parent: tk.Misc,
        title: str,
        work: Work,
        on_done: Done,
        on_error: Failed,
        *,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        ProgressDialog(parent, title, work, on_done, on_error, on_cancelled)


class ProgressDialog(ttk.Toplevel):
    def __init__(
        self,
        parent: tk.Misc,
        title: str,
        work: Work,
        on_done: Done,
        on_error: Failed,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        super().__init__(
            master=parent.winfo_toplevel(),
            title=system_text(title),  # the window manager lays the title out
            transient=parent.winfo_toplevel(),
            resizable=(False, False),
        )
        self._progress = Progress()
        self._outcome: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self._callbacks = (on_done, on_error, on_cancelled)
        self._after_id: str | None = None
        body = ttk.Frame(self, padding=20)
        body.pack(fill="both", expand=True)
        RLabel(body, text=title, font="-weight bold").pack(fill="x")
        self._message = RLabel(body, text="")
        self._message.pack(fill="x", pady=(8, 4))
        # It grows from the right, as a right-to-left reader reads (ttk's own bar
        # cannot be mirrored: widgets/progress_bar.py); the fraction is said in text too.
        self._bar = RtlProgressBar(body, length=360, bootstyle="success")
        self._bar.pack(fill="x")
        self._cancel = RButton(
            body, text=ProgressText.CANCEL, bootstyle="secondary", command=self.cancel
        )
        self._cancel.pack(side="left", pady=(12, 0))
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.bind("<Escape>", lambda _e: self.cancel())
        center_on(self, parent)
        self._bar.start(15)
        threading.Thread(target=self._work, args=(work,), daemon=True).start()
        self._after_id = self.after(POLL_MS, self._poll)
        self.grab_set()

    def _work(self, work: Work) -> None:
        try:
            self._outcome.put(("done", work(self._progress)))
        except Cancelled:
            self._outcome.put(("cancelled", None))
        except BaseException as exc:  # handed to the Tk thread, which logs and shows it
            self._outcome.put(("error", exc))

    def cancel(self) -> None:
        self._progress.cancel()
        self._cancel.set_text(ProgressText.CANCELLING)
        self._cancel.configure(state="disabled")

    def _poll(self) -> None:
        self._after_id = None
        state = self._progress.snapshot()
        if state.total:
            self._bar.set_fraction(state.done, state.total)
            fraction = ProgressText.FRACTION.format(
                done=format_number(state.done), total=format_number(state.total)
            )
            self._message.set_text(f"{state.message} — {fraction}" if state.message else fraction)
        elif state.message:
            self._message.set_text(state.message)
        try:
            kind, value = self._outcome.get_nowait()
        except queue.Empty:
            self._after_id = self.after(POLL_MS, self._poll)
            return
        on_done, on_error, on_cancelled = self._callbacks
        self.destroy()
        if kind == "done":
            on_done(value)
        elif kind == "error":
            on_error(value)
        elif on_cancelled:
            on_cancelled()

    def destroy(self) -> None:
        if self._after_id is not None:
            self.after_cancel(self._after_id)
            self._after_id = None
        self._bar.stop()
        super().destroy()
