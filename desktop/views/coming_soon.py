"""A feature page that is not built yet says so, and says what it will do."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.strings.shell_views import ComingSoon
from desktop.views.widgets.rtl import RLabel


class ComingSoonView(ttk.Frame):
    def __init__(self, master: tk.Misc, title: str, description: str):
        super().__init__(master)
        RLabel(self, text=title, font="-size 16 -weight bold").pack(fill="x")
        RLabel(
            self,
            text=ComingSoon.NOT_YET,
            bootstyle="warning",
            font="-size 11",
        ).pack(fill="x", pady=(10, 6))
        RLabel(self, text=description, wraplength=640, bootstyle="secondary").pack(fill="x")
