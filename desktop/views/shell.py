"""What fills the root window: set-up on first run, then login, then the main window.

Set-up and login are small windows sized for their content (at least a width at
which their fields and wrapped hints read well) and centred on the screen's work
area; shrunk to it when it is smaller still, and their page scrolls then. The main
window is maximised and scrolls each of its parts itself (views/screen.py,
views/main_window.py).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services.session import Session
from desktop.services.setup import is_initialised
from desktop.views.screen import maximise, show_small
from desktop.views.widgets.scroll_area import ScrollArea

# Pixels: the narrowest each small window is given; its fields and its hints (which
# wrap to whatever width they get) would be cramped in the content's own width.
SETUP_WIDTH, LOGIN_WIDTH = 560, 420


class Shell(ttk.Frame):
    def __init__(self, root: tk.Tk, context: AppContext):
        super().__init__(root)
        self.root = root
        self.context = context
        self.page: tk.Widget | None = None
        self._holder: tk.Widget | None = None  # the page, or the scroll area around it
        self.unlock_dialog: tk.Toplevel | None = None  # the last one opened (tests answer it)
        context.on_logout = self.show_login
        self.show_setup() if not is_initialised() else self.show_login()

    def _replace(self, build: Callable[[tk.Misc], tk.Widget], *, min_width: int = 0) -> None:
        """Show the page `build(parent)` makes: in a small window sized for it, at
        least `min_width` wide (its page scrolling when the screen is smaller), or
        without a width, maximised (the main window)."""
        if self._holder is not None:
            self._holder.destroy()
        if not min_width:
            self.page = self._holder = build(self)
            self.page.pack(fill="both", expand=True)
            return
        area = ScrollArea(self, fill=True)
        self.page = build(area.inner)
        area.hold(self.page)
        area.pack(fill="both", expand=True)
        self._holder = area
        self.page.update_idletasks()
        wanted = (
            max(min_width, self.page.winfo_reqwidth() + area.bar.winfo_reqwidth()),
            self.page.winfo_reqheight(),
        )
        show_small(self.root, wanted)

    def show_setup(self) -> None:
        from desktop.views.setup_view import SetupView

        self._replace(
            lambda parent: SetupView(parent, self.context, on_done=self.show_login),
            min_width=SETUP_WIDTH,
        )

    def show_login(self) -> None:
        from desktop.views.login_view import LoginView

        self.context.session = None
        self._replace(
            lambda parent: LoginView(parent, self.context, on_login=self.show_main),
            min_width=LOGIN_WIDTH,
        )

    def show_main(self, session: Session) -> None:
        from desktop.views.main_window import MainWindow

        self.context.session = session
        self._replace(lambda parent: MainWindow(parent, self.context))
        maximise(self.root)  # the screen's work area, whatever its size (views/screen.py)
        self.ask_for_the_keys(session)

    def ask_for_the_keys(self, session: Session) -> None:
        """An administrator who logs in while the private keys are protected and locked
        is asked for their passphrase (views/unlock_keys.py); «Later» leaves them locked."""
        from desktop.services.key_protection import needs_unlock
        from desktop.views.unlock_keys import UnlockKeysDialog

        if needs_unlock(session) and self.page is not None:
            self.unlock_dialog = UnlockKeysDialog(
                self.page, self.context, wait=self.context.modal_dialogs
            )
