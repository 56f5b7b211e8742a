"""What the window shows while a save waits for another program's write lock.

A write in the app runs on the Tk thread; when another program (an IT import, a second
copy of the app) holds SQLite's write lock, the database layer retries for up to
`write_lock_wait` seconds and calls `on_lock_wait` once when the wait begins
(`ImmediateSqliteDatabase`). The Tk thread is busy for that time, so nothing here may
run the event loop (`update()` would let a second click start a second save inside the
first): the notice is a band placed over the bottom of the root window — a widget that
already exists, so placing and drawing it are idle work that `update_idletasks()` does
at once — with a busy cursor. While it stands it holds the grab and the focus, so a
click or a key pressed during the wait (queued, and handled only once the save is over)
lands on the band and does nothing: no second save, no other page wiping the "not
saved" message.
It goes shortly after the wait, once those queued events are drained, whether the save
then went through or ended in the Persian "busy" message.

A write on a background thread (a batch of certificates) never touches Tk: its
progress dialog is already showing.
"""

from __future__ import annotations

import logging
import threading
import tkinter as tk

from desktop.strings.database import DatabaseMessages
from desktop.views.widgets.rtl import RLabel

log = logging.getLogger(__name__)
DRAIN_MS = 150  # ms after the save: input queued during the wait is drained by then


class LockWaitNotice:
    """`database.on_lock_wait = LockWaitNotice(root)`. `shown` says whether the band is
    up now, `waits` how many waits it has shown (for tests)."""

    def __init__(self, root: tk.Tk):
        self.root = root
        self._band: RLabel | None = None  # made at the first wait: start-up pays nothing
        self._focus_before: tk.Misc | None = None
        self.shown = False
        self.waits = 0

    @property
    def band(self) -> RLabel:
        if self._band is None:
            self._band = RLabel(
                self.root, text=DatabaseMessages.WAITING, bootstyle="@warning", padding=(16, 8)
            )
            # Keys pressed during the wait come to the band, which does nothing with
            # them: not even the window's or the app's own bindings (bindtags: itself).
            self._band.bindtags((str(self._band),))
        return self._band

    def __call__(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if not self.root.winfo_exists():
            return
        self.band.place(relx=0, rely=1, relwidth=1, anchor="sw")
        self.band.lift()
        self.root.configure(cursor="watch")
        self.shown = True
        self.waits += 1
        self.root.update_idletasks()  # draws the band; runs no event handler
        self._focus_before = self.root.focus_get()
        self.band.focus_set()
        try:
            self.band.grab_set()
        except tk.TclError:  # another window holds the grab (a modal dialog): keep it
            log.info("the write-lock notice could not take the grab", exc_info=True)
        # Idle comes once the save is over; the queued input is drained before the timer.
        self.root.after_idle(lambda: self.root.after(DRAIN_MS, self.hide))

    def hide(self) -> None:
        if self.root.winfo_exists():
            if self._band is not None:
                self._band.grab_release()
                self._band.place_forget()
            self.root.configure(cursor="")
            before = self._focus_before
            if before is not None and before.winfo_exists():
                before.focus_set()
        self._focus_before = None
        self.shown = False
