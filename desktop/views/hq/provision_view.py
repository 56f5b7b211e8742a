"""HQ provisions a new center: its code, name and city → the provisioning file the
center is set up from (services/hq/setup.py), and HQ's key fingerprint to read out to
the center's manager by phone."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.center_sync import SUFFIX, read_provisioning
from desktop.services.hq import setup
from desktop.strings.hq_views import Provision as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets import file_dialog
from desktop.views.widgets.form import Form
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton
from desktop.views.widgets.rtl_entry import RtlEntry

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path


class ProvisionView(ttk.Frame):
    def __init__(
        self, master: tk.Misc, context: AppContext, *, ask_save: Callable[..., Any] | None = None
    ):
        super().__init__(master)
        assert context.session is not None
        self.session = context.session
        self.ask_save = ask_save or ask_save_path
        self.written: Path | None = None
        page_heading(self, Text.TITLE, Text.INTRO)
        form = self.form = Form(self, on_submit=self.write, label_width=14)
        form.pack(anchor="e")
        form.add(
            "center_code",
            Text.CODE,
            lambda p: IdentifierEntry(p, allowed="alnum", case="upper", max_length=10, width=30),
            hint=Text.CODE_HINT,
        )
        form.add("center_name", Text.NAME, lambda p: RtlEntry(p, width=30))
        form.add("city", Text.CITY, lambda p: RtlEntry(p, width=30))
        form.add_widget(
            lambda p: RButton(p, text=Text.WRITE, bootstyle="primary", command=self.write)
        )
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(8, 0))
        self.path_label = PathLabel(self, width=60)
        self.path_label.pack(fill="x")
        self.after_idle(form.focus_first)

    def write(self) -> None:
        self.form.clear_errors()
        self.message.clear()
        values = self.form.values()
        code = str(values["center_code"]).strip().upper()
        chosen = self.ask_save(
            parent=self,
            title=Text.SAVE_TITLE,
            initialfile=f"{code}-provision{SUFFIX}",
            defaultextension=SUFFIX,
            filetypes=[(Text.FILETYPE, f"*{SUFFIX}")],
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        try:
            path = setup.provision(
                self.session, code, values["center_name"], values["city"], target
            )
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        except UserError as error:
            self.message.configure(bootstyle="danger")
            self.message.set_text(error.message)
            return
        self.written = path
        fingerprint = read_provisioning(path).fingerprint
        self.message.configure(bootstyle="success")
        self.message.set_text(
            Text.WRITTEN.format(code=ltr_in_rtl(code), name=ltr_in_rtl(path.name))
            + "\n"
            + Text.FINGERPRINT.format(fingerprint=ltr_in_rtl(fingerprint))
        )
        self.path_label.set_path(path)
        self.form.clear()
