"""The «کارنامه» tab: a partner body's results sheet brought into its course.

Choose the file → every row checked as the import would (nothing written) and shown
accepted or rejected with its reason → import the accepted rows, which enrolls who
was not in the course, records the results and finishes the course
(desktop/services/partner_results.py). Reading and checking, and the import, run off
the Tk thread through the app's runner (progress and Cancel). The page offers the
tab to those who may run the course, on a course a partner body runs; the service
still decides, and a refusal goes to the page's message line.

`ask_path` and `ask_confirm` are the file dialog and the confirmation, replaceable so
tests never open a modal window.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services import applicant_io, partner_results
from desktop.services.applicant_io import CSV_SUFFIXES, XLSX_SUFFIXES
from desktop.services.enrollment import CourseDetail
from desktop.services.partner_results import ResultsSummary
from desktop.services.progress import Progress
from desktop.strings.applicant_io_views import ImportText as FileText
from desktop.strings.partner_results import RESULT_HEADERS
from desktop.strings.partner_results_views import ResultsSheet as Text
from desktop.text.digits import group_thousands
from desktop.text.display import ltr_in_rtl
from desktop.views.applicant_import import COLUMNS as SHEET_COLUMNS
from desktop.views.applicant_import import import_question, result_rows
from desktop.views.widgets.dialogs import ask_yes_no
from desktop.views.widgets.file_dialog import ask_open_path
from desktop.views.widgets.paged_table import PagedTable
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost

TABLE_ROWS = 3  # at least; the table takes the tab's height
# The applicant import's columns: a row is someone already on file, and what it does.
_HEADINGS = {"file_number": Text.COLUMN_FILE_NUMBER, "message": Text.COLUMN_MESSAGE}
COLUMNS = [
    replace(column, heading=_HEADINGS.get(column.key, column.heading)) for column in SHEET_COLUMNS
]


class ResultsSheetTab(ttk.Frame):
    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.ask_path: Callable[..., Any] = ask_open_path
        self.ask_confirm: Callable[[tk.Misc, str, str], bool] = ask_yes_no
        self.path: Path | None = None
        self.table: applicant_io.Table | None = None
        self.mapping: dict[str, int] = {}
        self.summary: ResultsSummary | None = None
        self.imported = False  # the summary is what an import did, not a check

        # Short: the notebook is as tall as its tallest tab, and the course page must
        # not scroll as a whole on a small screen (its tables have their own scrollbars).
        intro = RLabel(self, text=Text.INTRO, bootstyle="secondary")
        intro.pack(fill="x")
        intro.follow_own_width()
        top = ttk.Frame(self)
        top.pack(fill="x", pady=(6, 0))
        self.choose_button = RButton(
            top, text=Text.CHOOSE, bootstyle="primary-outline", command=self.choose_file
        )
        self.choose_button.pack(side="right")
        self.import_button = RButton(
            top, text=Text.IMPORT.format(count=group_thousands(0)), bootstyle="primary",
            command=self.start_import, state="disabled",
        )  # fmt: skip
        self.import_button.pack(side="right", padx=(8, 0))
        self.path_label = PathLabel(top, bootstyle="default")  # left to right (path_field.py)
        self.path_label.pack(side="right", fill="x", expand=True, padx=(0, 8))
        self.summary_label = RLabel(self, text="", font="-weight bold")
        self.summary_label.pack(fill="x", pady=(4, 2))
        self.summary_label.follow_own_width()
        self.source = ListSource([column.key for column in COLUMNS], [])
        self.results_table = PagedTable(self, COLUMNS, self.source, height=TABLE_ROWS)
        self.results_table.pack(fill="both", expand=True)

    def show(self, detail: CourseDetail) -> None:
        """Nothing of the course is drawn here: the sheet and its rows stay as they were
        checked or imported while the page is drawn again."""

    def focus_default(self) -> None:
        self.choose_button.focus_set()

    # -- checking ----------------------------------------------------------------------

    def choose_file(self) -> None:
        tables = tuple(f"*{suffix}" for suffix in XLSX_SUFFIXES + CSV_SUFFIXES)
        chosen = self.ask_path(
            parent=self,
            title=Text.CHOOSE_TITLE,
            filetypes=[
                (FileText.FILETYPE_TABLES, tables + tuple(pattern.upper() for pattern in tables)),
                (FileText.FILETYPE_ALL, "*"),
            ],
        )
        if not chosen:
            return
        path = Path(chosen)
        self.path, self.table, self.summary, self.imported = path, None, None, False
        self.path_label.set_path(path)
        self._show_rows()
        session, course_id = self.page.session, self.page.course_id

        def work(progress: Progress) -> tuple[applicant_io.Table, dict[str, int], ResultsSummary]:
            table = applicant_io.read_table(path)
            mapping = partner_results.guess_columns(table.headers)
            summary = partner_results.import_results(
                session, course_id, table, mapping, dry_run=True, progress=progress.step
            )
            return table, mapping, summary

        self.page.context.runner.run(
            self,
            Text.CHECKING,
            work,
            self._checked,
            self._failed,
            on_cancelled=lambda: self.page.say(Text.CHECK_CANCELLED, "warning"),
        )

    def _checked(self, found: tuple[applicant_io.Table, dict[str, int], ResultsSummary]) -> None:
        if not self.winfo_exists():
            return
        self.table, self.mapping, self.summary = found
        self._show_rows()
        if not self.summary.accepted:
            self.page.say(Text.NOTHING_TO_IMPORT, "warning")

    # -- importing ---------------------------------------------------------------------

    def start_import(self) -> None:
        summary = self.summary
        if summary is None or self.imported or not summary.accepted:
            return
        assert self.table is not None and self.path is not None
        question = import_question(Text.CONFIRM, Text.CONFIRM_REJECTED, summary, self.path)
        if not self.ask_confirm(self, question, Text.CONFIRM_TITLE):
            return
        session, course_id = self.page.session, self.page.course_id
        table, mapping = self.table, dict(self.mapping)

        def work(progress: Progress) -> ResultsSummary:
            return partner_results.import_results(
                session, course_id, table, mapping, progress=progress.step
            )

        self.page.context.runner.run(
            self,
            Text.IMPORTING,
            work,
            self._imported,
            self._failed,
            on_cancelled=lambda: self.page.say(Text.IMPORT_CANCELLED, "warning"),
        )

    def _imported(self, summary: ResultsSummary) -> None:
        if not self.winfo_exists():
            return
        self.summary, self.imported = summary, True
        self.page.reload()  # enrollees, results and the course's status moved
        self._show_rows()
        self.page.say(Text.IMPORTED.format(count=group_thousands(summary.created)))

    # -- drawing -----------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        """A UserError goes to the page's message line; anything else is a bug."""
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists():
            self.page.say(error.message, "danger")

    def _show_rows(self) -> None:
        summary = self.summary
        self.source.rows = result_rows(summary.results, False, RESULT_HEADERS) if summary else []
        self.results_table.set_source(self.source)
        if summary is None or self.path is None:
            self.summary_label.set_text("")
            self.import_button.configure(state="disabled")
            return
        name = ltr_in_rtl(self.path.name)
        if self.imported:
            text = Text.DONE_SUMMARY.format(
                rows=group_thousands(summary.rows),
                name=name,
                recorded=group_thousands(summary.created),
                enrolled=group_thousands(summary.enrolled),
                rejected=group_thousands(summary.rejected),
            )
        else:
            text = Text.SUMMARY.format(
                rows=group_thousands(summary.rows),
                name=name,
                accepted=group_thousands(summary.accepted),
                rejected=group_thousands(summary.rejected),
            )
        self.summary_label.set_text(text)
        ready = not self.imported and summary.accepted > 0
        self.import_button.set_text(Text.IMPORT.format(count=group_thousands(summary.accepted)))
        self.import_button.configure(state="normal" if ready else "disabled")
