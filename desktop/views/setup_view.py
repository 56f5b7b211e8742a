"""First run: the center's code and name and the first administrator."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import ValidationError
from desktop.services import demo, users
from desktop.services.setup import admin_session, initialise_center
from desktop.strings import APP_NAME, ROLE_NAMES
from desktop.strings.setup_views import SetupText
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.dialogs import show_info
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.rtl import RButton, RCheck, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry

INTRO = (
    "به توانا خوش آمدید. این نخستین اجرای برنامه روی این رایانه است. "
    "کد و نام مرکز و حساب مدیر مرکز را وارد کنید."
)


class SetupView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext, on_done: Callable[[], None]):
        super().__init__(master, padding=24)
        self.context = context
        self.on_done = on_done
        RLabel(
            self, text=f"راه‌اندازی {APP_NAME}", font="-size 18 -weight bold", bootstyle="primary"
        ).pack(fill="x")
        RLabel(self, text=INTRO, wraplength=480).pack(fill="x", pady=(6, 14))
        form = self.form = Form(self, on_submit=self.submit, label_width=16)
        form.pack(fill="x")
        form.add(
            "center_code",
            "کد مرکز",
            lambda p: IdentifierEntry(p, allowed="alnum", case="upper", max_length=10),
            hint="مثل TEH05؛ در شمارهٔ پرونده‌ها و گواهینامه‌ها می‌آید.",
        )
        form.add("center_name", "نام مرکز", lambda p: RtlEntry(p))
        form.add("city", "شهر", lambda p: RtlEntry(p))
        form.add(
            "admin_display_name",
            SetupText.ADMIN_NAME,
            lambda p: RtlEntry(p),
            hint=SetupText.ADMIN_NAME_HINT,
        )
        form.add(
            "admin_username",
            "نام کاربری مدیر",
            lambda p: IdentifierEntry(p, allowed="latin", case="lower", max_length=32),
            hint="حروف لاتین کوچک و رقم، مثل admin",
        )
        form.add("password", "گذرواژه", lambda p: PasswordEntry(p), hint="دست‌کم ۸ نویسه")
        form.add("password_confirm", "تکرار گذرواژه", lambda p: PasswordEntry(p))
        self.with_demo = tk.BooleanVar(value=True)
        form.add_widget(
            lambda p: RCheck(
                p,
                variable=self.with_demo,
                text="دادهٔ نمونه هم ساخته شود (یک کاربر برای هر نقش، با همین گذرواژه)",
            )
        )
        form.add_widget(
            lambda p: RButton(p, text="راه‌اندازی", bootstyle="primary", command=self.submit)
        )
        self.after_idle(form.focus_first)

    def value(self, name: str) -> str:
        return str(self.form.value(name))

    def submit(self) -> None:
        self.form.clear_errors()
        password = self.value("password")
        try:
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


def demo_users_text(users_and_roles: Iterable[tuple[str, str]]) -> str:
    """The demo users, one per line with their role: a Latin user name is isolated from
    the Persian around it, so the names read in order (a comma-separated run of Latin
    names reads backwards in a right-to-left paragraph)."""
    lines = [
        SetupText.DEMO_USER_LINE.format(role=ROLE_NAMES.get(role, role), username=ltr_in_rtl(name))
        for role, name in users_and_roles
    ]
    return "\n".join([SetupText.DEMO_USERS, *lines])
