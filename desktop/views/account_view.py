"""One's own account: one's full name, and one's password."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import ValidationError
from desktop.services import auth
from desktop.strings.account_views import Account as Text
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry


class AccountView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        self.context = context
        assert context.session is not None
        RLabel(self, text=Text.NAV_TITLE, font="-size 16 -weight bold").pack(fill="x")

        RLabel(self, text=Text.NAME_SECTION, font="-size 13 -weight bold").pack(
            fill="x", pady=(12, 0)
        )
        self.name_form = Form(self, on_submit=self.save_name, label_width=18)
        self.name_form.pack(anchor="e", pady=(6, 0))
        self.name_form.add(
            "display_name", Text.NAME, lambda p: RtlEntry(p, width=30), hint=Text.NAME_HINT
        )
        self.name_form.add_widget(
            lambda p: RButton(p, text=Text.SAVE_NAME, bootstyle="primary", command=self.save_name)
        )
        self.name_form.set_value("display_name", context.session.display_name)
        self.name_done = MessageLine(self, bootstyle="success", scope=self)
        self.name_done.pack(fill="x", pady=(8, 0))

        RLabel(self, text=Text.PASSWORD_SECTION, font="-size 13 -weight bold").pack(
            fill="x", pady=(18, 0)
        )
        self.form = Form(self, on_submit=self.submit, label_width=18)
        self.form.pack(anchor="e", pady=(6, 0))
        for name, label in (
            ("old_password", Text.OLD_PASSWORD),
            ("new_password", Text.NEW_PASSWORD),
            ("new_password_confirm", Text.NEW_PASSWORD_CONFIRM),
        ):
            self.form.add(name, label, lambda p: PasswordEntry(p, width=30))
        self.form.add_widget(
            lambda p: RButton(p, text=Text.SAVE_PASSWORD, bootstyle="primary", command=self.submit)
        )
        self.done = MessageLine(self, bootstyle="success", scope=self)
        self.done.pack(fill="x", pady=(12, 0))
        # A missing name is what this page is opened for (the home page sends people here).
        first = self.name_form if not context.session.display_name else self.form
        self.after_idle(first.focus_first)

    def save_name(self) -> None:
        assert self.context.session is not None
        self.name_form.clear_errors()
        self.name_done.set_text("")
        try:
            session = auth.change_display_name(
                self.context.session, self.name_form.value("display_name")
            )
        except ValidationError as error:
            self.name_form.show_errors(error.errors)
            return
        self.context.session = session
        self.name_form.set_value("display_name", session.display_name)
        self.context.on_settings_changed(self.context.settings)  # the header shows the name
        self.name_done.set_text(Text.NAME_SAVED)

    def submit(self) -> None:
        assert self.context.session is not None
        self.form.clear_errors()
        self.done.set_text("")
        try:
            auth.change_password(
                self.context.session,
                self.form.value("old_password"),
                self.form.value("new_password"),
                self.form.value("new_password_confirm"),
            )
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        self.form.clear()
        self.done.set_text(Text.PASSWORD_CHANGED)
