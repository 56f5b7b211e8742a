"""Installation settings (admin): how Persian is drawn, money unit, theme."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.app import AppContext
from desktop.errors import UserError
from desktop.services.settings import THEMES, save_settings
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.rtl import RButton, RLabel

DISPLAY_CHOICES = [
    ("auto", "خودکار (بر پایهٔ سیستم‌عامل)"),
    ("convert", "چسباندن و راست‌به‌چپ کردن در برنامه (لینوکس)"),
    ("native", "واگذاری به سیستم‌عامل (ویندوز و مک)"),
]
MONEY_CHOICES = [("rial", "ریال"), ("toman", "تومان")]
THEME_NAMES = {
    "bootstrap-light": "روشن",
    "sandstone-light": "شنی",
    "minty-light": "نعنایی",
    "pulse-light": "بنفش",
    "bootstrap-dark": "تیره",
}


class SettingsView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        self.context = context
        RLabel(self, text="تنظیمات", font="-size 16 -weight bold").pack(fill="x")
        self.form = Form(self, on_submit=self.submit, label_width=16)
        self.form.pack(anchor="e", pady=(12, 0))
        settings = context.settings
        self.form.add(
            "display_mode",
            "نمایش متن فارسی",
            lambda p: ChoiceBox(p, DISPLAY_CHOICES, width=44),
            hint="پس از اجرای دوبارهٔ برنامه اعمال می‌شود.",
        )
        self.form.add(
            "money_unit", "واحد پول در نمایش", lambda p: ChoiceBox(p, MONEY_CHOICES, width=44)
        )
        self.form.add(
            "theme",
            "پوسته",
            lambda p: ChoiceBox(
                p, [(name, THEME_NAMES.get(name, name)) for name in THEMES], width=44
            ),
            hint="پس از اجرای دوبارهٔ برنامه اعمال می‌شود.",
        )
        self._box("display_mode").set_key(settings.display_mode.value)
        self._box("money_unit").set_key(settings.money_unit.value)
        self._box("theme").set_key(settings.theme)
        self.form.add_widget(
            lambda p: RButton(p, text="ذخیره", bootstyle="primary", command=self.submit)
        )
        self.done = RLabel(self, text="", bootstyle="success")
        self.done.pack(fill="x", pady=(12, 0))

    def _box(self, name: str) -> ChoiceBox:
        return self.form.fields[name]  # type: ignore[return-value]

    def submit(self) -> None:
        assert self.context.session is not None
        self.form.clear_errors()
        try:
            settings = save_settings(
                self.context.session,
                {key: self._box(key).get_key() for key in ("display_mode", "money_unit", "theme")},
            )
        except UserError as error:
            self.form.show_errors({error.field or "display_mode": error.message})
            return
        self.context.settings = settings
        self.context.on_settings_changed(settings)
        self.done.set_text("تنظیمات ذخیره شد.")
