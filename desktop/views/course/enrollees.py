"""The «شرکت‌کنندگان» tab: who is in the course and who waits, enrolling from the
registry, withdrawing with a reason, and (below) who withdrew, when and why."""

from __future__ import annotations

import tkinter as tk
from typing import TYPE_CHECKING, Any, ClassVar

import ttkbootstrap as ttk

from desktop.services import enrollment
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.enrollment import CourseDetail, format_score
from desktop.strings.course_views import Columns, Enroll, Page, Withdrawn
from desktop.strings.courses import ENROLLMENT_STATUS_NAMES
from desktop.text.digits import format_number
from desktop.views.course.common import percent_text, result_text
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost


class EnrolleesTab(ttk.Frame):
    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 170, main=True),
        Column("national_code", Columns.NATIONAL_CODE, 100, kind="identifier"),
        Column("status", Columns.STATUS, 120),
        Column("attendance", Columns.ATTENDANCE, 60, kind="number"),
        Column("score", Columns.SCORE, 60, kind="number"),
        Column("result", Columns.RESULT, 360),
    ]
    FOUND: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 200, main=True),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("file_number", Columns.FILE_NUMBER, 120, kind="identifier"),
    ]
    WITHDRAWN: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 170, main=True),
        Column("national_code", Columns.NATIONAL_CODE, 100, kind="identifier"),
        Column("withdrawn_on", Withdrawn.WITHDRAWN_ON, 90, kind="date"),
        Column("reason", Withdrawn.REASON, 420),
    ]

    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.names: dict[str, str] = {}
        self.found_ids: list[str] = []
        self.can_enroll = page.rights.enroll
        # A grid, so that on a short screen the seated table keeps most of the height
        # (weights 3 to 1) and the search results take room only while there are some.
        self.columnconfigure(0, weight=1)
        self.rowconfigure(2, weight=3)
        self.rowconfigure(4, weight=1)
        self.table = PagedTable(self, self.COLUMNS, None, height=6)
        self.table.grid(row=2, column=0, sticky="nsew")
        if self.can_enroll:
            self._build_enrolling()
        self.withdrawn_box = ttk.Frame(self)
        self.withdrawn_title = RLabel(self.withdrawn_box, text="", font="-weight bold")
        self.withdrawn_title.pack(fill="x", pady=(8, 2))
        self.withdrawn = PagedTable(self.withdrawn_box, self.WITHDRAWN, None, height=3)
        self.withdrawn.pack(fill="both", expand=True)

    def _build_enrolling(self) -> None:
        row = ttk.Frame(self)
        row.grid(row=0, column=0, sticky="ew")
        RLabel(row, text=Enroll.FIND).pack(side="right")
        self.find = RtlEntry(row, width=28)
        self.find.pack(side="right", padx=(0, 6))
        RButton(row, text=Enroll.SEARCH, bootstyle="secondary-outline", command=self.search).pack(
            side="right", padx=(0, 6)
        )
        RButton(row, text=Enroll.ENROLL, bootstyle="primary", command=self.enroll_selected).pack(
            side="right", padx=(0, 6)
        )
        for sequence in ("<Return>", "<KP_Enter>"):
            self.find.bind(sequence, then_break(self.search))
        self.found = PagedTable(self, self.FOUND, None, on_activate=self.enroll, height=3)
        self.found.grid(row=1, column=0, sticky="ew", pady=(4, 8))
        self.found.grid_remove()  # until a search finds someone
        bottom = ttk.Frame(self)
        bottom.grid(row=3, column=0, sticky="ew", pady=(6, 0))
        RLabel(bottom, text=Enroll.REASON).pack(side="right")
        self.reason = RtlEntry(bottom, width=40)
        self.reason.pack(side="right", padx=(0, 6))
        RButton(
            bottom, text=Enroll.WITHDRAW, bootstyle="danger-outline", command=self.withdraw
        ).pack(side="right", padx=(0, 6))

    def focus_default(self) -> None:
        (self.find if self.can_enroll else self.table.tree).focus_set()

    def show(self, detail: CourseDetail) -> None:
        rows: list[tuple[str, tuple[Any, ...]]] = []
        for enrollee in detail.enrollees:
            record = enrollee.enrollment
            values = (
                record.full_name,
                record.national_code,
                ENROLLMENT_STATUS_NAMES.get(record.status, record.status),
                percent_text(enrollee.completion.percent),
                format_score(record.score),
                result_text(enrollee),
            )
            rows.append((record.id, values))
        for record in detail.waitlist:
            position = format_number(record.waitlist_position or 0)
            waiting = Enroll.WAITING.format(position=position)
            rows.append((record.id, (record.full_name, record.national_code, waiting, "", "", "")))
        self.names = {row_id: values[0] for row_id, values in rows}
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        self.table.refresh()
        self.show_withdrawn(detail)

    def show_withdrawn(self, detail: CourseDetail) -> None:
        rows = [
            (
                record.id,
                (
                    record.full_name,
                    record.national_code,
                    record.withdrawn_on,
                    record.withdrawn_reason,
                ),
            )
            for record in detail.withdrawn
        ]
        self.withdrawn_title.set_text(Withdrawn.TITLE.format(count=format_number(len(rows))))
        self.withdrawn.source = ListSource([c.key for c in self.WITHDRAWN], rows)
        self.withdrawn.refresh()
        if rows:
            self.withdrawn_box.grid(row=4, column=0, sticky="nsew")
        else:
            self.withdrawn_box.grid_remove()

    def search(self) -> None:
        text = self.find.get().strip()
        if not text:
            return
        search = ApplicantSearch(self.page.session, text)
        keys = list(ApplicantSearch.keys)
        rows = []
        for row_id, values in search.fetch(0, 20, None, False):
            value = dict(zip(keys, values, strict=True))
            name = f"{value['first_name']} {value['last_name']}"
            rows.append((row_id, (name, value["national_code"], value["file_number"])))
        self.found_ids = [row_id for row_id, _values in rows]
        self.found.set_source(ListSource([c.key for c in self.FOUND], rows))
        if not rows:
            self.found.grid_remove()
            self.page.say(Enroll.NO_MATCH, "warning")
            return
        self.found.grid()
        self.found.select_index(0)
        self.found.tree.focus_set()

    def enroll_selected(self) -> None:
        """The button: the chosen search result, or the only one (searching first)."""
        if self.found.selected_id is None and not self.found_ids:
            self.search()
        chosen = self.found.selected_id
        if chosen is None and len(self.found_ids) == 1:
            chosen = self.found_ids[0]
        if chosen is None:
            if self.found_ids:
                self.page.say(Page.SELECT_FIRST, "warning")
            return
        self.enroll(chosen)

    def enroll(self, applicant_id: str) -> None:
        page = self.page
        record = page.attempt(lambda: enrollment.enroll(page.session, page.course_id, applicant_id))
        if record is None:
            return
        self.found.set_source(None)
        self.found.grid_remove()
        self.found_ids = []
        self.find.set("")
        page.reload()
        if record.status == "waitlisted":
            position = format_number(record.waitlist_position or 0)
            page.say(Enroll.WAITLISTED.format(name=record.full_name, position=position), "warning")
        else:
            page.say(Enroll.ENROLLED.format(name=record.full_name))
        self.find.focus_set()

    def withdraw(self) -> None:
        page = self.page
        enrollment_id = self.table.selected_id
        if enrollment_id is None:
            page.say(Page.SELECT_FIRST, "warning")
            return
        reason = self.reason.get()
        record = page.attempt(lambda: enrollment.withdraw(page.session, enrollment_id, reason))
        if record is not None:
            self.reason.set("")
            page.reload()
            page.say(Enroll.WITHDRAWN.format(name=record.full_name))
