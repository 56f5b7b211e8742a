"""What the window shows while a save waits for another program's write lock.

A write in the app runs on the Tk thread; when another program (an IT import, a second
copy of the app) holds SQLite's write lock, the database layer retries for up to
`write_lock_wait` seconds and calls `on_lock_wait` once when the wait begins
(`ImmediateSqliteDatabase`). The Tk thread is busy for that time, so nothing here may
run the event loop (`update()` would let a second click start a second save inside the
first): the notice is a band placed over the bottom of the root window — a widget that
already exists, so placing and drawing it are idle work that `update_idletasks()` does
at once — with a busy cursor. It goes at the first idle moment after the wait, whether
the save then went through or ended in the Persian "busy" message.

A write on a background thread (a batch of certificates) never touches Tk: its
progress dialog is already showing.
"""

from __future__ import annotations

import threading
import tkinter as tk

from desktop.strings.database import DatabaseMessages
from desktop.views.widgets.rtl import RLabel


class LockWaitNotice:
    """`database.on_lock_wait = LockWaitNotice(root)`. `shown` says whether the band is
    up now, `waits` how many waits it has shown (for tests)."""

    def __init__(self, root: tk.Misc):
        self.root = root
        self.band = RLabel(
            root, text=DatabaseMessages.WAITING, bootstyle="@warning", padding=(16, 8)
        )
        self.shown = False
        self.waits = 0

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
        self.root.after_idle(self.hide)

    def hide(self) -> None:
        if self.root.winfo_exists():
            self.band.place_forget()
            self.root.configure(cursor="")
        self.shown = False
