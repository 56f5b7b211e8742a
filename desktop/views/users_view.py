"""User administration (admin): the center's users, add, name, deactivate, reset a
password."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import users
from desktop.strings import ROLE_NAMES
from desktop.strings.users_views import UsersPage
from desktop.views.widgets.form import ChoiceBox, Form, PasswordEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import reveal
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("display_name", UsersPage.COLUMN_NAME, 200, main=True),
    Column("username", UsersPage.COLUMN_USERNAME, 140, kind="identifier"),
    Column("role", UsersPage.COLUMN_ROLE, 140),
    Column("state", UsersPage.COLUMN_STATE, 90),
    Column("last_login", UsersPage.COLUMN_LAST_LOGIN, 110, kind="date"),
]


class UsersView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        RLabel(self, text=UsersPage.TITLE, font="-size 16 -weight bold").pack(fill="x")

        side = ttk.Frame(self, padding=(16, 0, 0, 0))
        side.pack(side="right", fill="y")
        RLabel(side, text=UsersPage.ADD_SECTION, font="-size 12 -weight bold").pack(
            fill="x", pady=(8, 0)
        )
        form = self.form = Form(side, on_submit=self.add, label_width=12)
        form.pack(fill="x")
        form.add("display_name", UsersPage.FULL_NAME, lambda p: RtlEntry(p, width=26))
        form.add(
            "username",
            UsersPage.USERNAME,
            lambda p: IdentifierEntry(p, allowed="latin", case="lower", max_length=32, width=26),
        )
        # The roles this administrator may give: a center's, or HQ's at headquarters.
        roles = [(r.value, ROLE_NAMES[r.value]) for r in users.grantable_roles(self.session)]
        form.add("role", UsersPage.ROLE, lambda p: ChoiceBox(p, roles, width=24))
        form.add("password", UsersPage.PASSWORD, lambda p: PasswordEntry(p, width=26))
        form.add(
            "password_confirm", UsersPage.PASSWORD_CONFIRM, lambda p: PasswordEntry(p, width=26)
        )
        form.add_widget(
            lambda p: RButton(p, text=UsersPage.ADD, bootstyle="primary", command=self.add)
        )
        self.message = MessageLine(side, bootstyle="success", wraplength=300, scope=self)
        self.message.pack(fill="x", pady=(8, 0))

        main = ttk.Frame(self)
        main.pack(side="right", fill="both", expand=True, pady=(8, 0))
        self.source = ListSource([c.key for c in COLUMNS], [])
        self.table = PagedTable(main, COLUMNS, self.source, height=14)
        self.table.pack(fill="both", expand=True)
        actions = ttk.Frame(main)
        actions.pack(fill="x", pady=(8, 0))
        RButton(
            actions, text=UsersPage.TOGGLE_ACTIVE, bootstyle="secondary", command=self.toggle_active
        ).pack(side="right")
        RButton(
            actions, text=UsersPage.RESET_PASSWORD, bootstyle="secondary", command=self.open_reset
        ).pack(side="right", padx=(0, 8))
        RButton(
            actions, text=UsersPage.RENAME, bootstyle="secondary", command=self.open_rename
        ).pack(side="right", padx=(0, 8))
        self.reset_frame: ttk.Frame | None = None
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the users again; the table keeps (or moves to) the selected row."""
        self.rows = {row.id: row for row in users.list_users(self.session)}
        self.source.rows = [
            (
                row.id,
                (
                    UsersPage.NO_NAME if row.name_missing else row.display_name,
                    row.username,
                    ROLE_NAMES[row.role.value],
                    UsersPage.ACTIVE if row.active else UsersPage.INACTIVE,
                    row.last_login_at,
                ),
            )
            for row in self.rows.values()
        ]
        if select:
            self.table.selected_id = select
        self.table.refresh()

    def add(self) -> None:
        self.form.clear_errors()
        self.message.set_text("")
        try:
            row = users.add_user(self.session, **self.form.values())
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        self.form.clear()
        self.message.configure(bootstyle="success")
        self.message.set_text(
            UsersPage.ADDED.format(name=row.display_name, role=ROLE_NAMES[row.role.value])
        )
        self.reload(select=row.id)
        self.form.focus_first()

    def _selected(self) -> str | None:
        if self.table.selected_id is None:
            self._say(UsersPage.SELECT_FIRST, "warning")
        return self.table.selected_id

    def toggle_active(self) -> None:
        user_id = self._selected()
        if user_id is None:
            return
        try:
            row = users.set_active(self.session, user_id, not self.rows[user_id].active)
        except UserError as error:
            self._say(error.message, "danger")
            return
        done = UsersPage.NOW_ACTIVE if row.active else UsersPage.NOW_INACTIVE
        self._say(done.format(name=row.display_name), "success")
        self.reload(select=user_id)

    def open_reset(self) -> None:
        user_id = self._selected()
        if user_id is None:
            return
        form = self._panel(
            UsersPage.RESET_TITLE.format(name=self.rows[user_id].display_name),
            lambda form: self.reset(user_id, form),
        )
        form.add("password", UsersPage.PASSWORD, lambda p: PasswordEntry(p, width=26))
        form.add(
            "password_confirm", UsersPage.PASSWORD_CONFIRM, lambda p: PasswordEntry(p, width=26)
        )
        self._save_button(form, lambda: self.reset(user_id, form))

    def open_rename(self) -> None:
        """The selected user's full name (a script's user may have none yet)."""
        user_id = self._selected()
        if user_id is None:
            return
        row = self.rows[user_id]
        form = self._panel(
            UsersPage.RENAME_TITLE.format(username=row.username),
            lambda form: self.rename(user_id, form),
        )
        form.add("display_name", UsersPage.FULL_NAME, lambda p: RtlEntry(p, width=26))
        self._save_button(form, lambda: self.rename(user_id, form))
        if users.person_name(row.display_name):
            form.set_value("display_name", row.display_name)

    def _panel(self, title: str, save: Callable[[Form], None]) -> Form:
        """A form under the table for the selected user (one at a time)."""
        if self.reset_frame is not None:
            self.reset_frame.destroy()
        frame = self.reset_frame = ttk.Frame(self.table.master, padding=(0, 8))
        frame.pack(fill="x")
        RLabel(frame, text=title, font="-weight bold").pack(fill="x")
        form = Form(frame, on_submit=lambda: save(form), on_cancel=frame.destroy, label_width=12)
        form.pack(anchor="e")
        return form

    def _save_button(self, form: Form, save: Callable[[], None]) -> None:
        form.add_widget(
            lambda p: RButton(p, text=UsersPage.SAVE, bootstyle="primary", command=save)
        )
        form.focus_first()
        assert self.reset_frame is not None
        reveal(self.reset_frame)  # below the table: scrolled into view, its Save button too

    def rename(self, user_id: str, form: Form) -> None:
        try:
            row = users.set_display_name(self.session, user_id, form.value("display_name"))
        except ValidationError as error:
            form.show_errors(error.errors)
            return
        self._close_panel(UsersPage.RENAMED.format(name=row.display_name))
        self.reload(select=user_id)

    def _close_panel(self, done: str) -> None:
        """The form under the table did its work: it goes, and says so."""
        assert self.reset_frame is not None
        self.reset_frame.destroy()
        self.reset_frame = None
        self._say(done, "success")

    def reset(self, user_id: str, form: Form) -> None:
        try:
            users.reset_password(
                self.session, user_id, form.value("password"), form.value("password_confirm")
            )
        except ValidationError as error:
            form.show_errors(error.errors)
            return
        self._close_panel(UsersPage.PASSWORD_RESET)

    def _say(self, text: str, style: str) -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)
