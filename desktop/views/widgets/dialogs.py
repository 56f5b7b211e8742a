"""Persian message dialogs: right-aligned, converted text, keyboard-driven.

ttkbootstrap's Messagebox lays buttons out left to right and draws its text as given;
these dialogs are laid out for RTL. Like idlelib's query dialogs, `wait=False` skips
`wait_window()` so tests can drive a dialog without hanging; `ask` then reports the
answer through a callback instead of a return value.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from typing import Any

import ttkbootstrap as ttk

from desktop.strings.widget_views import DialogText
from desktop.views.widgets.button_row import pack_buttons
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.windows import center_on, set_title


class MessageDialog(ttk.Toplevel):
    """A modal message with buttons; `result` is the key of the button pressed (or None)."""

    def __init__(
        self,
        parent: tk.Misc,
        title: str,
        message: str,
        buttons: Sequence[tuple[str, str, str]] = (("ok", DialogText.OK, "primary"),),
        *,
        default: str | None = None,
        icon_style: str = "info",
        wait: bool = True,
    ):
        super().__init__(
            master=parent.winfo_toplevel(),
            transient=parent.winfo_toplevel(),
            resizable=(False, False),
        )
        set_title(self, title)
        self.result: str | None = None
        body = ttk.Frame(self, padding=20)
        body.pack(fill="both", expand=True)
        RLabel(body, text=title, font="-size 12 -weight bold", bootstyle=icon_style).pack(
            fill="x", anchor="e"
        )
        lines = message.split("\n")
        wrapped = "\n".join(_wrap(line, 60) for line in lines)
        RLabel(body, text=wrapped, padding=(0, 10)).pack(fill="x", anchor="e")
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(10, 0))
        self.buttons: dict[str, RButton] = {
            key: RButton(row, text=label, bootstyle=style, command=lambda k=key: self.close(k))
            for key, label, style in buttons
        }
        pack_buttons(list(self.buttons.values()))  # the first rightmost; Tab goes leftwards
        default = default or buttons[0][0]
        self.bind("<Return>", lambda _e: self.close(default))
        self.bind("<KP_Enter>", lambda _e: self.close(default))
        self.bind("<Escape>", lambda _e: self.close(None))
        self.protocol("WM_DELETE_WINDOW", lambda: self.close(None))
        center_on(self, parent)
        self.buttons[default].focus_set()
        if wait:
            self.grab_set()
            self.wait_window()

    def close(self, key: str | None) -> None:
        self.result = key
        self.destroy()


class Question(MessageDialog):
    """A MessageDialog that reports its answer to `on_answer` once it has closed."""

    def __init__(self, *args: Any, on_answer: Callable[[str | None], None], **kwargs: Any):
        self._on_answer = on_answer
        super().__init__(*args, **kwargs)

    def close(self, key: str | None) -> None:
        super().close(key)
        self._on_answer(key)


def ask(
    parent: tk.Misc,
    title: str,
    message: str,
    buttons: Sequence[tuple[str, str, str]],
    on_answer: Callable[[str | None], None],
    *,
    default: str | None = None,
    wait: bool = True,
) -> Question:
    """Ask with Persian buttons (key, label, style); `on_answer(key)` gets the choice
    (None for Escape). With wait=False (tests) the dialog stays open to be answered."""
    return Question(
        parent,
        title,
        message,
        buttons,
        default=default,
        icon_style="warning",
        wait=wait,
        on_answer=on_answer,
    )


def _wrap(line: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(line, width)) or line


def show_error(
    parent: tk.Misc, message: str, title: str = DialogText.ERROR_TITLE, *, wait: bool = True
) -> None:
    MessageDialog(parent, title, message, icon_style="danger", wait=wait)


def show_info(
    parent: tk.Misc, message: str, title: str = DialogText.INFO_TITLE, *, wait: bool = True
) -> None:
    MessageDialog(parent, title, message, wait=wait)


def ask_yes_no(parent: tk.Misc, message: str, title: str = DialogText.QUESTION_TITLE) -> bool:
    dialog = MessageDialog(
        parent,
        title,
        message,
        (("yes", DialogText.YES, "primary"), ("no", DialogText.NO, "secondary")),
        default="no",
        icon_style="warning",
    )
    return dialog.result == "yes"
