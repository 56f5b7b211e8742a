"""What fills the root window: set-up on first run, then login, then the main window.

Set-up and login are small windows, shrunk to the screen's work area when it is
smaller still, and their page scrolls then; the main window is maximised and scrolls
each of its parts itself (views/screen.py, views/main_window.py).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services.session import Session
from desktop.services.setup import is_initialised
from desktop.views.screen import fit_to_screen, maximise, restore
from desktop.views.widgets.scroll_area import ScrollArea


class Shell(ttk.Frame):
    def __init__(self, root: tk.Tk, context: AppContext):
        super().__init__(root)
        self.root = root
        self.context = context
        self.page: tk.Widget | None = None
        self._holder: tk.Widget | None = None  # the page, or the scroll area around it
        context.on_logout = self.show_login
        self.show_setup() if not is_initialised() else self.show_login()

    def _replace(
        self, build: Callable[[tk.Misc], tk.Widget], size: tuple[int, int] | None = None
    ) -> None:
        """Show the page `build(parent)` makes: in a window of `size` (scrolling when
        the screen is smaller), or, without a size, maximised (the main window)."""
        if self._holder is not None:
            self._holder.destroy()
        if size is None:
            self.page = self._holder = build(self)
            self.page.pack(fill="both", expand=True)
            return
        area = ScrollArea(self, fill=True)
        self.page = build(area.inner)
        area.hold(self.page)
        area.pack(fill="both", expand=True)
        self._holder = area
        restore(self.root)
        width, height = fit_to_screen(self.root, size)
        self.root.minsize(min(width, 900), min(height, 600))
        self.root.geometry(f"{width}x{height}")

    def show_setup(self) -> None:
        from desktop.views.setup_view import SetupView

        self._replace(
            lambda parent: SetupView(parent, self.context, on_done=self.show_login), (560, 720)
        )

    def show_login(self) -> None:
        from desktop.views.login_view import LoginView

        self.context.session = None
        self._replace(
            lambda parent: LoginView(parent, self.context, on_login=self.show_main), (460, 520)
        )

    def show_main(self, session: Session) -> None:
        from desktop.views.main_window import MainWindow

        self.context.session = session
        self._replace(lambda parent: MainWindow(parent, self.context))
        maximise(self.root)  # the screen's work area, whatever its size (views/screen.py)
