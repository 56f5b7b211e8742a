"""What every shop page shares: which shop it works in, money as the setting shows it,
the message line with the path of a paper written, and where papers go.

A shop user works in their own shop; an admin of a center with more than one shop
chooses it at the top of each page (remembered on the context while the app runs).
A page with no shop to work in says why and builds nothing else — a shop user not yet
given a shop by the admin, or a center with no shop yet.

Papers the till and the shop's pages write without asking (receipts, stock notes,
closes) go to the app's data folder, `papers/<kind>/`, named by their number; the
page says where, on a left-to-right line of its own, and offers to open it.
"""

from __future__ import annotations

import logging
import tkinter as tk
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import ttkbootstrap as ttk

from desktop.config import create_private_dir, data_dir
from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.shops import shops
from desktop.services.shops.shops import ShopRecord
from desktop.strings.shop_views import ShopBar
from desktop.text.money import format_money
from desktop.views.course.files import open_file, open_with_system
from desktop.views.widgets.button_row import pack_buttons
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.keys import bind_keys
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RLabel, t

log = logging.getLogger(__name__)
_T = TypeVar("_T")


def papers_folder(kind: str) -> Path:
    """The folder a kind of paper ("receipts", "notes", "closes", "labels") goes to."""
    folder = data_dir() / "papers" / kind
    create_private_dir(folder)
    return folder


def paper_failure(error: BaseException) -> str:
    """A paper not written: a UserError's message, or the file system's (logged).
    Anything else is a bug and is raised again."""
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, OSError):
        log.warning("could not write a shop paper", exc_info=error)
        return error.strerror or str(error)
    raise error


class ShopPage(ttk.Frame):
    """A shop page: a title row (with the shop chooser for an admin of several shops),
    the message line and the path of the last paper written, then `build()`'s body."""

    title = ""
    papers = "receipts"  # the folder this page's papers go to

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master, padding=4)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.unit = context.settings.money_unit
        self.open_pdf: Callable[[Path], None] = open_with_system
        self.last_paper: Path | None = None
        self.shop: ShopRecord | None = None
        self.panel: ttk.Labelframe | None = None
        self.top = ttk.Frame(self)
        self.top.pack(fill="x")
        RLabel(self.top, text=self.title, font="-size 16 -weight bold").pack(side="right")
        self.chooser: ChoiceBox | None = None
        try:
            self.shops = shops.list_shops(self.session)
        except UserError:
            self.shops = []
        if not self.shops:
            text = ShopBar.NO_SHOPS_ADMIN if self.session.is_admin else ShopBar.NO_SHOP
            RLabel(self, text=text, bootstyle="warning", wraplength=600).pack(fill="x", pady=12)
            self.body: ttk.Frame | None = None
            return
        self.shop = self._initial_shop()
        if len(self.shops) > 1:
            chosen = ttk.Frame(self.top)
            chosen.pack(side="right", padx=(24, 0))
            RLabel(chosen, text=ShopBar.SHOP).pack(side="right", padx=(0, 6))
            self.chooser = ChoiceBox(
                chosen, [(s.id, f"{s.name} ({s.code})") for s in self.shops], width=28
            )
            self.chooser.pack(side="right")
            self.chooser.set_key(self.shop.id)
            self.chooser.bind("<<ComboboxSelected>>", lambda _e: self._shop_chosen(), add="+")
        # The message line stands in the title row, left of the title (packed once the
        # page's own buttons are there, so it takes the room between them).
        self.message = MessageLine(self.top, scope=self)
        self.path_row = ttk.Frame(self)
        self.path_label = PathLabel(self.path_row, width=60)
        self.open_button = RButton(
            self.path_row,
            text=ShopBar.OPEN,
            bootstyle="secondary-outline",
            command=self.open_last_paper,
        )
        self.open_button.pack(side="left")
        self.path_label.pack(side="left", fill="x", expand=True, padx=(8, 0))
        self.body = ttk.Frame(self)
        self.body.pack(fill="both", expand=True, pady=(6, 0))
        self.build(self.body)
        self.message.pack(side="right", fill="x", expand=True, padx=(24, 12))

    # -- what a page fills in ----------------------------------------------------------

    def build(self, body: ttk.Frame) -> None:
        """Lay the page out in `body` (the shop is known)."""

    def reload(self) -> None:
        """Read the page's figures again (another shop was chosen, something changed)."""

    def focus_default(self) -> None:
        self.focus_set()

    # -- shop --------------------------------------------------------------------------

    @property
    def shop_id(self) -> str:
        assert self.shop is not None
        return self.shop.id

    def _initial_shop(self) -> ShopRecord:
        wanted = self.context.current_shop or self.session.shop_id
        return next((s for s in self.shops if s.id == wanted), self.shops[0])

    def _shop_chosen(self) -> None:
        assert self.chooser is not None
        key = self.chooser.get_key()
        self.shop = next((s for s in self.shops if s.id == key), self.shop)
        self.context.current_shop = self.shop_id
        self.shop_changed()

    def shop_changed(self) -> None:
        self.reload()

    # -- money, messages, papers -------------------------------------------------------

    def money(self, rials: int) -> str:
        return format_money(rials, self.unit)

    def say(self, text: str, style: str = "success", *, path: Path | None = None) -> None:
        self.message.say(text, style)
        self.show_paper(path)

    def show_paper(self, path: Path | None) -> None:
        self.last_paper = path
        self.path_label.set_path(path)
        if path is None:
            self.path_row.pack_forget()
        else:
            self.path_row.pack(fill="x", after=self.top)

    def open_last_paper(self) -> None:
        if self.last_paper is not None and not open_file(self.open_pdf, self.last_paper):
            self.message.say(ShopBar.OPEN_FAILED, "warning")

    # -- a panel under the page's table (a form, a note, a question) -------------------

    def open_panel(self, title: str) -> ttk.Labelframe:
        """A titled frame at the bottom of the page (one at a time); Escape in any of
        its fields closes it."""
        self.close_panel()
        assert self.body is not None
        self.panel = ttk.Labelframe(self.body, text=t(title), labelanchor="ne", padding=10)
        self.panel.pack(fill="x", pady=(8, 0))
        return self.panel

    def panel_ready(self, first: tk.Widget | None = None) -> None:
        """Once a panel's fields are made: Escape closes it, `first` takes the focus."""
        if self.panel is not None:
            bind_keys(self.panel, ("<Escape>",), self.close_panel)
        if first is not None:
            first.focus_set()

    def close_panel(self) -> None:
        panel = getattr(self, "panel", None)
        if panel is not None:
            panel.destroy()
        self.panel = None

    def panel_buttons(
        self, panel: tk.Misc, buttons: Sequence[tuple[str, str, Callable[[], object]]]
    ) -> list[RButton]:
        """A row of (label, style, command) buttons under a panel's fields, from the right."""
        row = ttk.Frame(panel)
        row.pack(fill="x", pady=(8, 0))
        made = [
            RButton(row, text=text, bootstyle=style, command=cmd) for text, style, cmd in buttons
        ]
        pack_buttons(made)
        return made

    def submit(
        self, form: Form, action: Callable[[], _T], *, field: str | None = None
    ) -> _T | None:
        """Run a form's service call; a refusal goes next to its field (`field` for one
        that names none of the form's), else to the message line. None if refused."""
        form.clear_errors()
        try:
            return action()
        except ValidationError as error:
            form.show_errors(error.errors)
        except UserError as error:
            named = error.field if error.field in form.fields else field
            if named:
                form.show_errors({named: error.message})
            else:
                self.say(error.message, "danger")
        return None

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a refusal goes to the message line (None returned)."""
        try:
            return action()
        except UserError as error:
            self.say(error.message, "danger")
            return None
