"""What the casework tabs of an applicant's file share.

Each tab is a frame built as `Tab(master, context, applicant_id, on_open_applicant)`
with a `refresh()`: a table of what the file holds and, beside it on the right, a
keyboard-first form that adds to it (Enter saves, each error stands next to its
field). The services decide who may write; trainers read, so their tabs have no form,
and a refusal that still comes back is shown, not raised. `CaseworkTab` holds that
common frame so each tab's module is only its table, its form and its actions.

A write that may move the applicant's programme status (a first counselling, an
outcome) emits `CHANGED` (`<<CaseworkChanged>>`) on the tab, so the file page can
redraw its header.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any, TypeVar, cast

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.applicants import WRITERS
from desktop.strings.casework_views import Common
from desktop.views.widgets.form import Form
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import PagedTable
from desktop.views.widgets.rtl import RLabel
from desktop.views.widgets.scroll_area import ScrollArea

CHANGED = "<<CaseworkChanged>>"
ENTRY_WIDTH = 28
SIDE_WRAP = 320
OpenApplicant = Callable[[str], None]
_T = TypeVar("_T")
_W = TypeVar("_W", bound=tk.Widget)


def add_field(
    form: Form, name: str, label: str, factory: Callable[[tk.Misc], _W], *, hint: str = ""
) -> _W:
    """Form.add, keeping the field's own type for the caller."""
    return cast(_W, form.add(name, label, factory, hint=hint))


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


class CaseworkTab(ttk.Frame):
    """What the four tabs share: the session, the layout, a message line, error display."""

    message: RLabel  # a MessageLine under the form; the links tab's own plain line

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, padding=12)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.applicant_id = applicant_id
        self.on_open_applicant = on_open_applicant
        self.can_write = self.session.role in WRITERS
        self.form: Form | None = None
        # The form beside the table scrolls in a short window, so the tab asks for no
        # more height than its table and the file page fills the window.
        self.side_area = ScrollArea(self, fit_width=True)
        self.side_area.pack(side="right", fill="y")
        self.side = ttk.Frame(self.side_area.inner, padding=(16, 0, 0, 0))
        self.side.pack(fill="both", expand=True)
        self.main = ttk.Frame(self)
        self.main.pack(side="right", fill="both", expand=True)

    def build_form(self, title: str, on_cancel: Callable[[], None] | None = None) -> Form | None:
        """The side form for writers (None for readers, who get a note instead)."""
        if self.can_write:
            self.form_title = RLabel(self.side, text=title, font="-size 12 -weight bold")
            self.form_title.pack(fill="x")
            self.form = Form(self.side, on_submit=self.save, on_cancel=on_cancel, label_width=12)
            self.form.pack(fill="x")
            message = MessageLine(self.side, scope=self, wraplength=SIDE_WRAP)
            message.pack(fill="x", pady=(10, 0))
        else:  # nothing to add: the table takes the whole tab, under a note
            self.side_area.pack_forget()
            RLabel(self.main, text=Common.READ_ONLY, bootstyle="secondary").pack(fill="x")
            message = MessageLine(self.main, scope=self)
            message.pack(fill="x", pady=(4, 4))
        self.message = message
        if isinstance(self.master, ttk.Notebook):  # a tab of the applicant's file
            message.follow_tabs(self.master)
        return self.form

    def add_date(
        self, form: Form, name: str, label: str, *, hint: str = "", **options: Any
    ) -> DateField:
        """A date row whose inner entry also saves on Enter (after the field's own check)."""
        field = add_field(form, name, label, lambda p: DateField(p, **options), hint=hint)
        for sequence in ("<Return>", "<KP_Enter>"):
            field.entry.bind(sequence, then_break(self.save), add="+")
        return field

    def save(self) -> None:
        """Enter in the form: subclasses with a form save it."""

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a UserError goes next to its field or to the message line."""
        if self.form is not None:
            self.form.clear_errors()
        try:
            return action()
        except ValidationError as error:
            self.show_errors(error.errors)
        except UserError as error:
            self.show_errors({error.field or "": error.message})
        return None

    def show_errors(self, errors: dict[str, str]) -> None:
        fields = self.form.fields if self.form is not None else {}
        beside = {name: message for name, message in errors.items() if name in fields}
        others = [message for name, message in errors.items() if name not in fields]
        if beside and self.form is not None:
            self.form.show_errors(beside)
        self.say(" ".join(others), "danger")

    def load(self, read: Callable[[], list[_T]]) -> list[_T]:
        """Read the tab's rows; a file that cannot be read (deleted) says why."""
        try:
            return read()
        except UserError as error:
            self.say(error.message, "danger")
            return []

    def selected(self, table: PagedTable, rows: dict[str, _T]) -> _T | None:
        record = rows.get(table.selected_id or "")
        if record is None:
            self.say(Common.SELECT_FIRST, "warning")
        return record

    def changed(self) -> None:
        """The applicant's status may have moved: tell whoever shows it."""
        self.event_generate(CHANGED)
