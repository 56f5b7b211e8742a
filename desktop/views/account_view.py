"""Change one's own password."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.app import AppContext
from desktop.errors import ValidationError
from desktop.services import auth
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.rtl import RButton, RLabel


class AccountView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        self.context = context
        RLabel(self, text="تغییر گذرواژه", font="-size 16 -weight bold").pack(fill="x")
        self.form = Form(self, on_submit=self.submit, label_width=18)
        self.form.pack(anchor="e", pady=(12, 0))
        for name, label in (
            ("old_password", "گذرواژهٔ کنونی"),
            ("new_password", "گذرواژهٔ تازه"),
            ("new_password_confirm", "تکرار گذرواژهٔ تازه"),
        ):
            self.form.add(name, label, lambda p: PasswordEntry(p, width=30))
        self.form.add_widget(
            lambda p: RButton(p, text="ذخیره", bootstyle="primary", command=self.submit)
        )
        self.done = MessageLine(self, bootstyle="success", scope=self)
        self.done.pack(fill="x", pady=(12, 0))
        self.after_idle(self.form.focus_first)

    def _value(self, name: str) -> str:
        return str(self.form.fields[name].get())  # type: ignore[attr-defined]

    def submit(self) -> None:
        assert self.context.session is not None
        self.form.clear_errors()
        self.done.set_text("")
        try:
            auth.change_password(
                self.context.session,
                self._value("old_password"),
                self._value("new_password"),
                self._value("new_password_confirm"),
            )
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        for field in self.form.fields.values():
            field.set("")  # type: ignore[attr-defined]
        self.done.set_text("گذرواژه تغییر کرد.")
