"""The outcomes tab: jobs and businesses an applicant started, for the programme's figures.

Each outcome may be credited to a partner body, and the center's manager (admin)
verifies it. Adding one may move the applicant's programme status (the tab says to what)
and emits CHANGED so the file page redraws its header.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import applicants, casework, reference
from desktop.services.casework import OutcomeRecord
from desktop.strings import OUTCOME_KIND_NAMES, STATUS_NAMES
from desktop.strings.casework import Casework
from desktop.strings.casework_views import DONE_MARK, Outcomes
from desktop.views.casework.base import (
    ENTRY_WIDTH,
    CaseworkTab,
    OpenApplicant,
    add_field,
)
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

OUTCOME_COLUMNS = [
    Column("kind", Outcomes.KIND, 115),
    Column("started_on", Outcomes.STARTED_ON, 90, kind="date"),
    Column("employer", Outcomes.EMPLOYER, 150),
    Column("partner", Outcomes.PARTNER, 160),
    Column("verified", Outcomes.VERIFIED, 65, sortable=False),
]


class OutcomesTab(CaseworkTab):
    """Jobs and businesses started, credited to a partner body; the manager verifies."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, OutcomeRecord] = {}
        form = self.build_form(Outcomes.ADD_TITLE)
        if form is not None:
            kinds = list(OUTCOME_KIND_NAMES.items())
            partners = [("", Casework.NO_PARTNER), *reference.partners(self.session)]
            self.kind = add_field(form, "kind", Outcomes.KIND, lambda p: ChoiceBox(p, kinds))
            self.started_on = self.add_date(
                form, "started_on", Outcomes.STARTED_ON, max_date=dt.date.today()
            )
            self.employer = add_field(
                form, "employer", Outcomes.EMPLOYER, lambda p: RtlEntry(p, width=ENTRY_WIDTH)
            )
            self.partner = add_field(
                form, "partner_id", Outcomes.PARTNER, lambda p: ChoiceBox(p, partners)
            )
            form.add_widget(
                lambda p: RButton(p, text=Outcomes.ADD, bootstyle="primary", command=self.save)
            )
            self.clear_form()

        self.source = ListSource([c.key for c in OUTCOME_COLUMNS], [])
        self.table = PagedTable(
            self.main, OUTCOME_COLUMNS, self.source, height=6, empty_text=Outcomes.EMPTY
        )
        self.table.pack(fill="both", expand=True)
        self.verify_button: RButton | None = None
        if self.session.is_admin:
            actions = ttk.Frame(self.main)
            actions.pack(fill="x", pady=(8, 0))
            self.verify_button = RButton(
                actions, text=Outcomes.VERIFY, bootstyle="success", command=self.verify_selected
            )
            self.verify_button.pack(side="right")
            self.table.tree.bind("<<TreeviewSelect>>", self._on_select, add="+")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.outcomes(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    OUTCOME_KIND_NAMES.get(record.kind, record.kind),
                    record.started_on,
                    record.employer,
                    record.partner_name,
                    DONE_MARK if record.verified else "",
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()
        self._on_select(None)

    def clear_form(self) -> None:
        assert self.form is not None
        self.kind.set_key("wage_job")
        self.started_on.max_date = dt.date.today()
        self.started_on.set_date(dt.date.today())
        self.employer.set("")
        self.partner.set_key("")
        self.form.clear_errors()

    def save(self) -> None:
        if self.form is None:
            return
        values = self.form.values()
        before = self._status()
        record = self.attempt(
            lambda: casework.add_outcome(
                self.session,
                self.applicant_id,
                kind=values["kind"],
                started_on=values["started_on"],
                employer=values["employer"],
                partner_id=values["partner_id"] or None,
            )
        )
        if record is None:
            return
        after = self._status()
        kind = OUTCOME_KIND_NAMES[record.kind]
        if after != before and after:
            self.say(Outcomes.ADDED_STATUS.format(kind=kind, status=STATUS_NAMES[after]))
        else:
            self.say(Outcomes.ADDED.format(kind=kind))
        self.clear_form()
        self.refresh(select=record.id)
        self.changed()

    def verify_selected(self) -> None:
        record = self.selected(self.table, self.records)
        if record is None:
            return
        verified = not record.verified
        updated = self.attempt(lambda: casework.verify_outcome(self.session, record.id, verified))
        if updated is None:
            return
        done = Outcomes.VERIFIED_DONE if updated.verified else Outcomes.UNVERIFIED_DONE
        self.say(done.format(kind=OUTCOME_KIND_NAMES[updated.kind]))
        self.refresh(select=updated.id)

    def _status(self) -> str:
        try:
            return applicants.get(self.session, self.applicant_id).status
        except UserError:
            return ""

    def _on_select(self, _event: tk.Event | None) -> None:
        if self.verify_button is None:
            return
        record = self.records.get(self.table.selected_id or "")
        verified = record is not None and record.verified
        self.verify_button.set_text(Outcomes.UNVERIFY if verified else Outcomes.VERIFY)
        self.verify_button.configure(bootstyle="secondary" if verified else "success")
