"""The main window: header, navigation on the right, the current view, a status bar.

Every view is shown inside a `ScrollArea` (fill): a page shorter than the window is
stretched to its height (a table page fills the window and pages its rows), a taller
one scrolls — whatever the screen, nothing lies out of reach. The status bar is packed
before the content, so a short window takes its room from the page, never from it.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext, ViewSpec
from desktop.services.session import Session
from desktop.services.users import person_name
from desktop.strings import APP_NAME, ROLE_NAMES
from desktop.strings.shell_views import MainWindowText
from desktop.text.jalali import format_jalali
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.scroll_area import ScrollArea


class MainWindow(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        context.open_applicant = self.open_applicant
        session = context.session
        self.views = context.registry.for_role(session.role)
        self.current: tk.Widget | None = None
        self.area: ScrollArea | None = None  # the current view's scrolling page
        self.current_key = ""

        header = ttk.Frame(self, padding=(16, 10), bootstyle="primary")
        header.pack(fill="x")
        RLabel(header, text=APP_NAME, font="-size 16 -weight bold", bootstyle="@primary").pack(
            side="right"
        )
        self.center_label = RLabel(
            header, text=session.center_name, font="-size 12", bootstyle="@primary"
        )
        self.center_label.pack(side="right", padx=(0, 18))
        context.on_settings_changed = self._settings_changed
        self.logout_button = RButton(
            header, text=MainWindowText.LOG_OUT, bootstyle="light", command=context.on_logout
        )
        self.logout_button.pack(side="left")
        self.user_label = RLabel(header, text=_who(session), bootstyle="@primary")
        self.user_label.pack(side="left", padx=(12, 0))

        status = ttk.Frame(self, padding=(12, 4))
        status.pack(side="bottom", fill="x")
        today = format_jalali(dt.date.today(), long=True)
        RLabel(status, text=MainWindowText.TODAY.format(date=today), bootstyle="secondary").pack(
            side="right"
        )
        RLabel(
            status,
            text=MainWindowText.CENTER_CODE.format(code=session.center_code),
            bootstyle="secondary",
        ).pack(side="right", padx=(0, 24))
        if context.font_problems:
            from desktop.strings import Errors

            RLabel(status, text=Errors.FONT_MISSING, bootstyle="warning").pack(side="left")

        nav_area = ScrollArea(self, fit_width=True, bootstyle="light")  # a short window
        nav_area.pack(side="right", fill="y")
        self.nav = ttk.Frame(nav_area.inner, padding=(8, 12), bootstyle="light")
        self.nav.pack(fill="both", expand=True)
        ttk.Separator(self, orient="vertical").pack(side="right", fill="y")
        self.content = ttk.Frame(self, padding=16)
        self.content.pack(side="right", fill="both", expand=True)
        self.nav_buttons: dict[str, RButton] = {}
        group = None
        for spec in self.views:
            if spec.group != group and group is not None:
                ttk.Separator(self.nav).pack(fill="x", pady=6)
            group = spec.group
            button = RButton(
                self.nav,
                text=spec.title,
                bootstyle="secondary-link",
                width=20,
                command=lambda key=spec.key: self.show(key),
            )
            button.pack(fill="x", pady=1)
            self.nav_buttons[spec.key] = button
        if self.views:
            self.show(self.views[0].key)

    def _settings_changed(self, _settings: object) -> None:
        """Settings saved: the header follows the center's name (the rest applies on
        the next start)."""
        if self.context.session is not None and self.center_label.winfo_exists():
            self.center_label.set_text(self.context.session.center_name)
            self.user_label.set_text(_who(self.context.session))

    def spec(self, key: str) -> ViewSpec:
        return next(v for v in self.views if v.key == key)

    def open_applicant(self, applicant_id: str) -> None:
        """Show an applicant's file (from the due list, a link suggestion …)."""
        if any(spec.key == "applicants" for spec in self.views):
            view = self.show("applicants")
            view.open_file(applicant_id)  # type: ignore[attr-defined]

    def show(self, key: str) -> tk.Widget:
        spec = self.spec(key)
        if self.area is not None:
            self.area.destroy()
        for name, button in self.nav_buttons.items():
            button.configure(bootstyle="primary" if name == key else "secondary-link")
        self.area = ScrollArea(self.content, fill=True)
        self.current = spec.factory(self.area.inner, self.context)
        self.area.hold(self.current)
        self.area.pack(fill="both", expand=True)
        self.current_key = key
        return self.current


def _who(session: Session) -> str:
    """The header's «name (role)»; the role alone while the name is missing — or is a
    user name, as an upgraded database may hold (the home page says so too)."""
    role = ROLE_NAMES[session.role.value]
    name = person_name(session.display_name)
    return f"{name} ({role})" if name else role
