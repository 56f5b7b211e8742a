"""The ideas tab: an applicant's business ideas and how far each has come.

Ideas are edited in place (Enter on a row loads it into the side form) rather than
deleted and retyped, and their status moves along from the row's actions; the
capital is typed in the unit the center chose and stored in Rials.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services import casework
from desktop.services.casework import IdeaRecord
from desktop.strings import IDEA_STATUS_NAMES
from desktop.strings.casework_views import Common, Ideas
from desktop.views.casework.base import ENTRY_WIDTH, CaseworkTab, OpenApplicant, add_field
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.ltr_entry import MoneyEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

IDEA_COLUMNS = [
    Column("title", Ideas.TITLE, 200, main=True),
    Column("field", Ideas.FIELD, 120),
    Column("capital", Ideas.CAPITAL, 130, kind="money"),
    Column("status", Ideas.STATUS, 110),
]


class IdeasTab(CaseworkTab):
    """Business ideas: add, edit (Enter on a row), move along their status."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, IdeaRecord] = {}
        self.editing: IdeaRecord | None = None
        unit = context.settings.money_unit
        form = self.build_form(Ideas.ADD_TITLE, on_cancel=self.cancel_edit)
        if form is not None:
            self.texts = {
                name: add_field(form, name, label, lambda p: RtlEntry(p, width=ENTRY_WIDTH))
                for name, label in (
                    ("title", Ideas.TITLE),
                    ("field", Ideas.FIELD),
                    ("description", Ideas.DESCRIPTION),
                )
            }
            self.capital = add_field(
                form,
                "capital",
                Ideas.CAPITAL_IN.format(unit=unit.label),
                lambda p: MoneyEntry(p, unit=unit, width=ENTRY_WIDTH),
            )
            buttons = form.add_widget(ttk.Frame)
            self.save_button = RButton(
                buttons, text=Ideas.ADD, bootstyle="primary", command=self.save
            )
            self.save_button.pack(side="right")
            self.cancel_button = RButton(
                buttons, text=Common.CANCEL, bootstyle="secondary", command=self.cancel_edit
            )

        self.source = ListSource([c.key for c in IDEA_COLUMNS], [])
        self.table = PagedTable(
            self.main,
            IDEA_COLUMNS,
            self.source,
            height=6,
            money_unit=unit,
            empty_text=Ideas.EMPTY,
            on_activate=self.start_edit if self.can_write else None,
        )
        self.table.pack(fill="both", expand=True)
        if self.can_write:
            actions = FlowRow(self.main, gap=6)  # the buttons wrap when narrow
            actions.pack(fill="x", pady=(8, 0))
            status = actions.add(ttk.Frame(actions))
            RLabel(status, text=Ideas.STATUS).pack(side="right")
            self.status_choice = ChoiceBox(status, list(IDEA_STATUS_NAMES.items()), width=18)
            self.status_choice.pack(side="right", padx=(0, 6))
            actions.add(
                RButton(
                    actions, text=Ideas.SET_STATUS, bootstyle="secondary", command=self.set_status
                )
            )
            actions.add(
                RButton(
                    actions,
                    text=Ideas.EDIT,
                    bootstyle="secondary-outline",
                    command=lambda: self.start_edit(self.table.selected_id or ""),
                )
            )
            self.table.tree.bind("<<TreeviewSelect>>", self._on_select, add="+")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.ideas(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    record.title,
                    record.field,
                    record.capital_rials or None,  # none stated: an empty cell
                    IDEA_STATUS_NAMES.get(record.status, record.status),
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def save(self) -> None:
        if self.form is None:
            return
        try:
            capital = self.capital.get_rials() or 0
        except ValueError as error:
            self.form.show_errors({"capital": str(error)})
            return
        values = {name: entry.get() for name, entry in self.texts.items()}
        editing = self.editing
        if editing is None:
            record = self.attempt(
                lambda: casework.add_idea(
                    self.session, self.applicant_id, capital=capital, **values
                )
            )
            done = Ideas.ADDED
        else:
            record = self.attempt(
                lambda: casework.update_idea(
                    self.session, editing.id, capital=capital, status=editing.status, **values
                )
            )
            done = Ideas.UPDATED
        if record is None:
            return
        self.cancel_edit()
        self.say(done.format(title=record.title))
        self.refresh(select=record.id)

    def start_edit(self, idea_id: str) -> None:
        """Load the idea into the form; saving it updates it (Escape leaves edit mode)."""
        record = self.records.get(idea_id)
        if self.form is None or record is None:
            self.say(Common.SELECT_FIRST, "warning")
            return
        self.editing = record
        for name, entry in self.texts.items():
            entry.set(getattr(record, name))
        self.capital.set_rials(record.capital_rials or None)
        self.form.clear_errors()
        self.table.selected_id = record.id
        self.table.refresh()
        self.form_title.set_text(Ideas.EDIT_TITLE)
        self.save_button.set_text(Ideas.SAVE)
        self.cancel_button.pack(side="right", padx=(0, 6))
        self.say("")
        self.form.focus_first()

    def cancel_edit(self) -> None:
        """Back to adding a new idea, with an empty form."""
        if self.form is None:
            return
        self.editing = None
        for entry in self.texts.values():
            entry.set("")
        self.capital.set("")
        self.form.clear_errors()
        self.form_title.set_text(Ideas.ADD_TITLE)
        self.save_button.set_text(Ideas.ADD)
        self.cancel_button.pack_forget()

    def set_status(self) -> None:
        record = self.selected(self.table, self.records)
        status = self.status_choice.get_key()
        if record is None or not status:
            return
        updated = self.attempt(lambda: casework.set_idea_status(self.session, record.id, status))
        if updated is None:
            return
        self.say(
            Ideas.STATUS_SET.format(title=updated.title, status=IDEA_STATUS_NAMES[updated.status])
        )
        self.refresh(select=updated.id)

    def _on_select(self, _event: tk.Event) -> None:
        record = self.records.get(self.table.selected_id or "")
        if record is not None:
            self.status_choice.set_key(record.status)
