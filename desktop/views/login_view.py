"""The login window: user name, password, Enter."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import auth
from desktop.services.session import Session
from desktop.services.setup import local_center
from desktop.strings import APP_NAME, APP_SUBTITLE, Errors
from desktop.strings.shell_views import Login
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.rtl import RButton, RLabel


class LoginView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext, on_login: Callable[[Session], None]):
        super().__init__(master, padding=30)
        self.context = context
        self.on_login = on_login
        center = local_center()
        RLabel(
            self, text=APP_NAME, font="-size 26 -weight bold", bootstyle="primary", anchor="center"
        ).pack(fill="x")
        RLabel(self, text=APP_SUBTITLE, anchor="center", bootstyle="secondary").pack(fill="x")
        RLabel(self, text=center.name, anchor="center", font="-size 12").pack(
            fill="x", pady=(12, 18)
        )
        self.form = Form(self, on_submit=self.submit, label_width=10)
        self.form.pack(fill="x")
        self.username: IdentifierEntry = self.form.add(  # type: ignore[assignment]
            "username",
            Login.USERNAME,
            lambda p: IdentifierEntry(p, allowed="latin", case="lower", max_length=32),
        )
        self.password: PasswordEntry = self.form.add(  # type: ignore[assignment]
            "password", Login.PASSWORD, lambda p: PasswordEntry(p)
        )
        self.submit_button = self.form.add_widget(
            lambda p: RButton(p, text=Login.SUBMIT, bootstyle="primary", command=self.submit)
        )
        if context.font_problems:
            RLabel(self, text=Errors.FONT_MISSING, bootstyle="warning", wraplength=380).pack(
                fill="x", pady=(16, 0)
            )
        self.after_idle(self.username.focus_set)

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            session = auth.login(self.username.get(), self.password.get())
        except UserError as error:
            self.password.delete(0, "end")
            self.form.show_errors({error.field or "password": error.message})
            return
        self.on_login(session)
