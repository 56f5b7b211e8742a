"""What fills the root window: set-up on first run, then login, then the main window."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.app import AppContext
from desktop.services.session import Session
from desktop.services.setup import is_initialised
from desktop.views.screen import maximise, restore


class Shell(ttk.Frame):
    def __init__(self, root: tk.Tk, context: AppContext):
        super().__init__(root)
        self.root = root
        self.context = context
        self.page: tk.Widget | None = None
        context.on_logout = self.show_login
        self.show_setup() if not is_initialised() else self.show_login()

    def _replace(self, page: tk.Widget, size: tuple[int, int] | None = None) -> None:
        if self.page is not None:
            self.page.destroy()
        self.page = page
        page.pack(fill="both", expand=True)
        if size:
            restore(self.root)
            width, height = size
            self.root.minsize(min(width, 900), min(height, 600))
            self.root.geometry(f"{width}x{height}")

    def show_setup(self) -> None:
        from desktop.views.setup_view import SetupView

        self._replace(SetupView(self, self.context, on_done=self.show_login), (560, 720))

    def show_login(self) -> None:
        from desktop.views.login_view import LoginView

        self.context.session = None
        self._replace(LoginView(self, self.context, on_login=self.show_main), (460, 520))

    def show_main(self, session: Session) -> None:
        from desktop.views.main_window import MainWindow

        self.context.session = session
        self._replace(MainWindow(self, self.context))
        maximise(self.root)  # the screen's work area, whatever its size (views/screen.py)
