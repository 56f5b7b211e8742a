"""First run: the center's code and name and the first administrator — typed, or taken
from HQ's provisioning file (then only the administrator's fields are asked for; the
file's center and HQ's key fingerprint are shown, to compare with HQ by phone)."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterable
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import demo, users
from desktop.services.center_sync import (
    SUFFIX,
    Provisioning,
    read_provisioning,
    set_up_from_provisioning,
)
from desktop.services.setup import admin_session, initialise_center
from desktop.strings import APP_NAME, ROLE_NAMES
from desktop.strings.setup_views import SetupText
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets import file_dialog
from desktop.views.widgets.dialogs import show_info
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.rtl import RButton, RCheck, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry

ask_open_path: Callable[..., Any] = file_dialog.ask_open_path


class SetupView(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        on_done: Callable[[], None],
        *,
        ask_open: Callable[..., Any] | None = None,
    ):
        super().__init__(master, padding=24)
        self.context = context
        self.on_done = on_done
        self.ask_open = ask_open or ask_open_path
        self.provisioning: Provisioning | None = None  # HQ's file, once one is read
        RLabel(
            self,
            text=SetupText.TITLE.format(app=APP_NAME),
            font="-size 18 -weight bold",
            bootstyle="primary",
        ).pack(fill="x")
        self.intro = RLabel(self, text=SetupText.INTRO, wraplength=480)
        self.intro.pack(fill="x", pady=(6, 8))
        choice = ttk.Frame(self)
        choice.pack(fill="x")
        self.from_file_button = RButton(
            choice,
            text=SetupText.FROM_FILE,
            bootstyle="secondary-outline",
            command=self.choose_provisioning,
        )
        self.from_file_button.pack(side="right")
        self.typed_button = RButton(
            choice, text=SetupText.TYPED, bootstyle="link", command=self.forget_provisioning
        )
        self.file_message = MessageLine(self, bootstyle="danger", wraplength=480, scope=self)
        self.file_message.pack(fill="x")
        self.from_file = ttk.Frame(self, padding=(0, 4))  # what the file says, when read
        self.form: Form | None = None
        self._build_form()

    # -- HQ's provisioning file ------------------------------------------------------------

    def choose_provisioning(self) -> None:
        chosen = self.ask_open(
            parent=self,
            title=SetupText.FROM_FILE_TITLE,
            filetypes=[(SetupText.FILETYPE, f"*{SUFFIX}")],
        )
        if not chosen:
            return
        self.file_message.clear()
        try:
            self.provisioning = read_provisioning(chosen)
        except UserError as error:
            self.file_message.set_text(error.message)
            return
        self._build_form()

    def forget_provisioning(self) -> None:
        self.provisioning = None
        self.file_message.clear()
        self._build_form()

    def _show_provisioning(self, provisioning: Provisioning) -> None:
        for child in self.from_file.winfo_children():
            child.destroy()
        lines = [
            SetupText.FILE_CENTER.format(
                code=ltr_in_rtl(provisioning.center_code), name=provisioning.center_name
            ),
            SetupText.FILE_CITY.format(city=provisioning.city or "—"),
            SetupText.FILE_HQ.format(name=provisioning.hq_name),
        ]
        for line in lines:
            RLabel(self.from_file, text=line).pack(fill="x")
        RLabel(
            self.from_file,
            text=SetupText.FINGERPRINT.format(fingerprint=ltr_in_rtl(provisioning.fingerprint)),
            font="-weight bold",
        ).pack(fill="x", pady=(4, 0))
        RLabel(
            self.from_file, text=SetupText.FINGERPRINT_HINT, bootstyle="secondary", wraplength=480
        ).pack(fill="x")

    # -- the form --------------------------------------------------------------------------

    def _build_form(self) -> None:
        """The form for the way chosen: every field, or the administrator's only."""
        if self.form is not None:
            self.form.destroy()
        provisioning = self.provisioning
        if provisioning is None:
            self.from_file.pack_forget()
            self.typed_button.pack_forget()
            self.intro.set_text(SetupText.INTRO)
        else:
            self._show_provisioning(provisioning)
            self.from_file.pack(fill="x", after=self.file_message)
            self.typed_button.pack(side="right", padx=(8, 0))
            self.intro.set_text(SetupText.INTRO_FROM_FILE)
        form = self.form = Form(self, on_submit=self.submit, label_width=16)
        form.pack(fill="x", pady=(6, 0))
        if provisioning is None:
            form.add(
                "center_code",
                SetupText.CENTER_CODE,
                lambda p: IdentifierEntry(p, allowed="alnum", case="upper", max_length=10),
                hint=SetupText.CENTER_CODE_HINT,
            )
            form.add("center_name", SetupText.CENTER_NAME, lambda p: RtlEntry(p))
            form.add("city", SetupText.CITY, lambda p: RtlEntry(p))
        form.add(
            "admin_display_name",
            SetupText.ADMIN_NAME,
            lambda p: RtlEntry(p),
            hint=SetupText.ADMIN_NAME_HINT,
        )
        form.add(
            "admin_username",
            SetupText.ADMIN_USERNAME,
            lambda p: IdentifierEntry(p, allowed="latin", case="lower", max_length=32),
            hint=SetupText.ADMIN_USERNAME_HINT,
        )
        form.add(
            "password", SetupText.PASSWORD, lambda p: PasswordEntry(p), hint=SetupText.PASSWORD_HINT
        )
        form.add("password_confirm", SetupText.PASSWORD_CONFIRM, lambda p: PasswordEntry(p))
        # A center HQ provisioned sends its data to HQ: no training data in it.
        self.with_demo = tk.BooleanVar(value=provisioning is None)
        if provisioning is None:
            form.add_widget(
                lambda p: RCheck(
                    p,
                    variable=self.with_demo,
                    text=SetupText.WITH_DEMO,
                )
            )
        form.add_widget(
            lambda p: RButton(p, text=SetupText.SUBMIT, bootstyle="primary", command=self.submit)
        )
        self.after_idle(form.focus_first)

    def value(self, name: str) -> str:
        assert self.form is not None
        return str(self.form.value(name))

    def submit(self) -> None:
        assert self.form is not None
        self.form.clear_errors()
        password = self.value("password")
        try:
            if self.provisioning is not None:
                self._set_up_from_file(self.provisioning, password)
            else:
                initialise_center(
                    center_code=self.value("center_code"),
                    center_name=self.value("center_name"),
                    city=self.value("city"),
                    admin_username=self.value("admin_username"),
                    admin_display_name=self.value("admin_display_name"),
                    password=password,
                    password_confirm=self.value("password_confirm"),
                )
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        except UserError as error:
            self.file_message.set_text(error.message)
            return
        if self.with_demo.get():
            # Acting as the new administrator without logging in: a login here would
            # greet them at their real first login with "your previous login".
            session = admin_session()
            created = demo.create_demo_data(session, password)
            if created.usernames:
                roles = {row.username: row.role.value for row in users.list_users(session)}
                show_info(
                    self,
                    demo_users_text((roles.get(name, ""), name) for name in created.usernames),
                    wait=self.context.modal_dialogs,
                )
        self.on_done()

    def _set_up_from_file(self, provisioning: Provisioning, password: str) -> None:
        """The center as HQ's file names it."""
        set_up_from_provisioning(
            provisioning,
            admin_username=self.value("admin_username"),
            admin_display_name=self.value("admin_display_name"),
            password=password,
            password_confirm=self.value("password_confirm"),
        )


def demo_users_text(users_and_roles: Iterable[tuple[str, str]]) -> str:
    """The demo users, one per line with their role: a Latin user name is isolated from
    the Persian around it, so the names read in order (a comma-separated run of Latin
    names reads backwards in a right-to-left paragraph)."""
    lines = [
        SetupText.DEMO_USER_LINE.format(role=ROLE_NAMES.get(role, role), username=ltr_in_rtl(name))
        for role, name in users_and_roles
    ]
    return "\n".join([SetupText.DEMO_USERS, *lines])
