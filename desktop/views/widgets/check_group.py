"""A set of check boxes for (key, Persian label) choices, box on the right.

Tk has no multiple-choice widget. A form field that takes several keys (an
applicant's programme categories) wants check boxes laid out right to left in
columns, a `get()`/`set()` of keys as the services take them, and focus that a Form
can hand to the first box.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Sequence
from typing import Any

import ttkbootstrap as ttk

from desktop.views.widgets.rtl import RCheck


class CheckGroup(ttk.Frame):
    """Check boxes in two columns, right to left; get() and set() speak keys."""

    def __init__(self, master: tk.Misc, choices: Sequence[tuple[str, str]], **kwargs: Any):
        kwargs.setdefault("takefocus", 0)  # Tab goes to the boxes, not the bare frame
        super().__init__(master, **kwargs)
        self.vars: dict[str, tk.BooleanVar] = {}
        self.checks: dict[str, RCheck] = {}
        self.columnconfigure((0, 1), weight=1)
        for index, (key, label) in enumerate(choices):  # two columns, RTL
            var = self.vars[key] = tk.BooleanVar(self, value=False)
            check = self.checks[key] = RCheck(self, text=label, variable=var)
            check.grid(row=index // 2, column=1 - index % 2, sticky="e", pady=1, padx=(6, 0))

    def get(self) -> list[str]:
        return [key for key, var in self.vars.items() if var.get()]

    def set(self, keys: Sequence[str]) -> None:
        for key, var in self.vars.items():
            var.set(key in keys)

    def focus_set(self) -> None:
        next(iter(self.checks.values())).focus_set()
