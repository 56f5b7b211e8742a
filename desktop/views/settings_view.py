"""Installation settings (admin): how Persian is drawn, money unit, theme, what
certificates print (the manager's name, the center's logo), and where the private keys
are (views/unlock_keys.py: protect them with a passphrase, unlock them)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.settings import THEMES, save_settings
from desktop.strings.file_dialog_views import FileDialogText
from desktop.strings.settings_views import (
    DISPLAY_MODE_NAMES,
    MONEY_UNIT_NAMES,
    THEME_NAMES,
)
from desktop.strings.settings_views import SettingsView as Text
from desktop.views.unlock_keys import KeysSection
from desktop.views.widgets.file_dialog import ask_open_path
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.path_field import PathField
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry

DISPLAY_CHOICES = list(DISPLAY_MODE_NAMES.items())
MONEY_CHOICES = list(MONEY_UNIT_NAMES.items())


class SettingsView(ttk.Frame):
    # The file dialog, replaceable in tests (as idlelib's dialogs are).
    ask_logo_path = staticmethod(ask_open_path)

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        self.context = context
        RLabel(self, text=Text.TITLE, font="-size 16 -weight bold").pack(fill="x")
        self.form = Form(self, on_submit=self.submit, label_width=16)
        self.form.pack(anchor="e", pady=(12, 0))
        settings = context.settings
        self.form.add(
            "display_mode",
            Text.DISPLAY_MODE,
            lambda p: ChoiceBox(p, DISPLAY_CHOICES, width=44),
            hint=Text.AFTER_RESTART,
        )
        self.form.add(
            "money_unit", Text.MONEY_UNIT, lambda p: ChoiceBox(p, MONEY_CHOICES, width=44)
        )
        self.form.add(
            "theme",
            Text.THEME,
            lambda p: ChoiceBox(
                p, [(name, THEME_NAMES.get(name, name)) for name in THEMES], width=44
            ),
            hint=Text.AFTER_RESTART,
        )
        self._box("display_mode").set_key(settings.display_mode.value)
        self._box("money_unit").set_key(settings.money_unit.value)
        self._box("theme").set_key(settings.theme)
        self.form.add_widget(
            lambda p: RButton(p, text=Text.SAVE, bootstyle="primary", command=self.submit)
        )
        self.done = MessageLine(self, bootstyle="success", scope=self)
        self.done.pack(fill="x", pady=(12, 0))
        self._center_section()
        self._certificate_section()
        self.keys_section = KeysSection(self, context)  # where the private keys are
        self.keys_section.pack(fill="x", pady=(18, 0))

    # -- the center's name ------------------------------------------------------------

    def _center_section(self) -> None:
        assert self.context.session is not None
        RLabel(self, text=Text.CENTER_SECTION, font="-size 13 -weight bold").pack(
            fill="x", pady=(18, 0)
        )
        form = self.center_form = Form(self, on_submit=self.save_center, label_width=16)
        form.pack(anchor="e", pady=(6, 0))
        form.add(
            "center_name",
            Text.CENTER_NAME,
            lambda p: RtlEntry(p, width=44),
            hint=Text.CENTER_NAME_HINT,
        )
        form.add_widget(
            lambda p: RButton(
                p, text=Text.SAVE_CENTER, bootstyle="primary", command=self.save_center
            )
        )
        form.fields["center_name"].set(self.context.session.center_name)  # type: ignore[attr-defined]
        self.center_done = MessageLine(self, bootstyle="success", scope=self)
        self.center_done.pack(fill="x", pady=(8, 0))

    def save_center(self) -> None:
        from desktop.services.setup import rename_center

        assert self.context.session is not None
        form = self.center_form
        form.clear_errors()
        try:
            session = rename_center(
                self.context.session,
                form.fields["center_name"].get(),  # type: ignore[attr-defined]
            )
        except ValidationError as error:
            form.show_errors(error.errors)
            return
        self.context.session = session
        self.context.on_settings_changed(self.context.settings)  # the header shows the name
        self.center_done.set_text(Text.CENTER_SAVED)

    # -- what certificates print ---------------------------------------------------------

    def _certificate_section(self) -> None:
        from desktop.services import certificates

        RLabel(self, text=Text.CERTIFICATE_SECTION, font="-size 13 -weight bold").pack(
            fill="x", pady=(18, 0)
        )
        # A missing manager's name stops every certificate: say so before anyone prints.
        self.manager_warning = RLabel(self, text="", bootstyle="warning", wraplength=640)
        self.manager_warning.pack(fill="x")
        form = self.certificate_form = Form(self, on_submit=self.save_certificates, label_width=16)
        form.pack(anchor="e", pady=(6, 0))
        form.add(
            "manager_name",
            Text.MANAGER_NAME,
            lambda p: RtlEntry(p, width=44),
            hint=Text.MANAGER_NAME_HINT,
        )
        # Chosen, never typed: a path drawn left to right with its Persian names joined.
        form.add(
            "logo_path",
            Text.LOGO,
            lambda p: PathField(p, self._ask_logo, empty_text=Text.NO_LOGO),
            hint=Text.LOGO_HINT,
        )
        form.add_widget(
            lambda p: RButton(
                p, text=Text.SAVE_CERTIFICATES, bootstyle="primary",
                command=self.save_certificates,
            )
        )  # fmt: skip
        current = certificates.certificate_settings()
        form.fields["manager_name"].set(current.manager_name)  # type: ignore[attr-defined]
        form.set_value("logo_path", current.logo_path)
        self.certificate_done = MessageLine(self, bootstyle="success", scope=self)
        self.certificate_done.pack(fill="x", pady=(8, 0))
        self._check_manager_name()

    def _check_manager_name(self) -> None:
        from desktop.services import certificates

        try:
            certificates.manager_name()
        except UserError as problem:
            self.manager_warning.set_text(problem.message)
        else:
            self.manager_warning.set_text("")

    def pick_logo(self) -> None:
        """«انتخاب…» of the logo field: the file dialog, then the chosen path."""
        self.certificate_form.fields["logo_path"].choose()  # type: ignore[attr-defined]

    def _ask_logo(self) -> str:
        return str(
            self.ask_logo_path(
                parent=self,
                title=FileDialogText.LOGO_TITLE,
                filetypes=[
                    (FileDialogText.FILETYPE_IMAGES, "*.png *.jpg *.jpeg"),
                    (FileDialogText.FILETYPE_ALL, "*"),
                ],
            )
            or ""
        )

    def save_certificates(self) -> None:
        from desktop.services import certificates

        assert self.context.session is not None
        form = self.certificate_form
        form.clear_errors()
        try:
            certificates.save_certificate_settings(
                self.context.session,
                manager_name=form.fields["manager_name"].get(),  # type: ignore[attr-defined]
                logo_path=form.value("logo_path"),
            )
        except ValidationError as error:
            form.show_errors(error.errors)
            return
        except UserError as error:
            form.show_errors({error.field or "manager_name": error.message})
            return
        self.certificate_done.set_text(Text.CERTIFICATES_SAVED)
        self._check_manager_name()

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
        self.done.set_text(Text.SAVED)
