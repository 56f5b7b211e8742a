"""A page's heading: its title, and a line or two on what the page is for (wrapped
within the page's width)."""

from __future__ import annotations

import tkinter as tk

from desktop.views.widgets.rtl import RLabel


def page_heading(master: tk.Misc, title: str, intro: str = "") -> None:
    RLabel(master, text=title, font="-size 16 -weight bold").pack(fill="x")
    if intro:
        RLabel(master, text=intro, bootstyle="secondary", wraplength=600).pack(
            fill="x", pady=(4, 8)
        )
