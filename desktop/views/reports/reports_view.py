"""«گزارش‌ها»: the programme's reports for a chosen Jalali period — the funnel, partner
bodies' commitments, ideas, courses and the shops' sales (each role sees its own).

The report is computed on the app's runner (progress, never a frozen window), then
shown as tabs: the first holds the report's chart beside its table — under it when
the page is too narrow for both (at 1024×700 the funnel's table showed three of its five
columns, its scroll bar below the fold) — the others its breakdowns (by district,
gender, month …). Excel and PDF write every table
(services/report_files.py). HQ's users choose one center or all.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.hq.setup import HQ_ROLES
from desktop.services.progress import Progress
from desktop.services.report_files import write_report
from desktop.services.reports import TITLES, Report, Table, build_report, kinds_for
from desktop.services.reports.cells import cell_text
from desktop.strings.report_views import ReportsPage as Text
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import from_jalali, jalali_parts
from desktop.views.widgets import file_dialog
from desktop.views.widgets.bar_chart import BarChart
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, rtl_notebook_style, t
from desktop.views.widgets.sources import ListSource

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path

FILE_TYPES = {".xlsx": Text.EXCEL_FILES, ".pdf": Text.PDF_FILES}
TABLE_ROWS = 12


class ReportsView(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        ask_save: Callable[..., Any] | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_save = ask_save or ask_save_path
        self.report: Report | None = None
        self.hq = self.session.role in HQ_ROLES
        today = today or dt.date.today()
        year, _, _ = jalali_parts(today)

        page_heading(self, Text.TITLE, Text.INTRO)
        # The fields side by side, wrapping onto another line in a narrow window.
        form = FlowRow(self, gap=14)
        form.pack(fill="x", pady=(4, 0))

        kinds = kinds_for(self.session)
        self.kind = ChoiceBox(form.field(Text.KIND), [(k, TITLES[k]) for k in kinds], width=26)
        self.kind.set_key(kinds[0])
        self.start = JalaliDateEntry(form.field(Text.FROM), value=from_jalali(year, 1, 1))
        self.end = JalaliDateEntry(form.field(Text.TO), value=today)
        self.district = NumberEntry(
            form.field(Text.DISTRICT), allowed="digits", max_length=2, width=5
        )
        widgets: list[tk.Widget] = [self.kind, self.start, self.end, self.district]
        self.center: ChoiceBox | None = None
        if self.hq:
            from desktop.services.hq.centers import list_centers

            codes = [row.code for row in list_centers(self.session)]
            choices = [("", Text.ALL_CENTERS), *((c, c) for c in codes)]
            self.center = ChoiceBox(form.field(Text.CENTER), choices, width=14)
            self.center.set_key("")
            widgets.append(self.center)
        for widget in widgets:
            widget.pack(side="right")
        self.kind.bind("<<ComboboxSelected>>", lambda _e: self._kind_chosen(), add="+")

        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        self.show_button = RButton(actions, text=Text.SHOW, bootstyle="primary", command=self.show)
        self.show_button.pack(side="right")
        self.excel_button = RButton(
            actions, text=Text.EXCEL, bootstyle="secondary", command=lambda: self.save(".xlsx")
        )
        self.pdf_button = RButton(
            actions, text=Text.PDF, bootstyle="secondary", command=lambda: self.save(".pdf")
        )
        for button in (self.excel_button, self.pdf_button):
            button.pack(side="right", padx=(8, 0))
            button.configure(state="disabled")
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(6, 0))

        self.notebook = ttk.Notebook(self, style=rtl_notebook_style())
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        self.tables: dict[str, PagedTable] = {}
        self.chart: BarChart | None = None
        self._kind_chosen()

    # -- choosing ----------------------------------------------------------------------------

    def _kind_chosen(self) -> None:
        """Courses and sales are a whole center's: no district to choose."""
        by_people = self.kind.get_key() in ("funnel", "commitments", "ideas")
        if not by_people:
            self.district.delete(0, "end")
        self.district.configure(state="normal" if by_people else "disabled")

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def _scope(self) -> tuple[dt.date, dt.date, int | None, str | None] | None:
        """The period and filters typed, or None (a message says what is wrong)."""
        dates = []
        for entry in (self.start, self.end):
            try:
                day = entry.get_date()
            except Exception:  # the field already shows its own message
                day = None
            if day is None:
                self._say(Text.DATES_REQUIRED, "danger")
                entry.focus_set()
                return None
            dates.append(day)
        district_text = self.district.get().strip()
        district = int(district_text) if district_text else None
        center = (self.center.get_key() or None) if self.center is not None else None
        return dates[0], dates[1], district, center

    # -- showing -----------------------------------------------------------------------------

    def show(self) -> None:
        self.message.clear()
        scope = self._scope()
        if scope is None:
            return
        start, end, district, center = scope
        kind, session = self.kind.get_key(), self.session

        def work(progress: Progress) -> Report:
            return build_report(session, kind, start, end, district=district, center=center)

        self.context.runner.run(self, Text.WORKING, work, self._shown, self._failed)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._say(error.message, "danger")
            return
        raise error

    def _shown(self, report: Report) -> None:
        self.report = report
        for tab in self.notebook.tabs():
            self.notebook.forget(tab)
            self.nametowidget(tab).destroy()
        self.tables = {}
        self.chart = None
        for index, table in enumerate(report.tables):
            frame = ttk.Frame(self.notebook, padding=6)
            self.notebook.add(frame, text=t(table.title))
            grid = self._table(frame, table)
            if index == 0 and report.chart is not None:
                self.chart = BarChart(frame, width=CHART_WIDTH)
                self.chart.show(report.chart)
                self._place_chart(frame, grid, self.chart, _columns_width(table))
            else:
                grid.pack(side="right", fill="both", expand=True)
        for button in (self.excel_button, self.pdf_button):
            button.configure(state="normal")
        self._say(Text.SHOWN.format(title=report.title), "info")

    def _place_chart(
        self, frame: ttk.Frame, grid: PagedTable, chart: BarChart, needed: int
    ) -> None:
        """The chart at the table's left while the tab has room for both, else under
        the table (the figures first); placed again as the tab's width changes."""
        placed: list[bool] = []

        def place(width: int) -> None:
            beside = width >= needed + CHART_WIDTH + 10
            if placed == [beside]:
                return
            placed[:] = [beside]
            grid.pack_forget()
            chart.pack_forget()
            if beside:
                chart.pack(side="left", padx=(0, 10), anchor="n")
                grid.pack(side="right", fill="both", expand=True)
            else:
                grid.pack(side="top", fill="both", expand=True)
                chart.pack(side="top", anchor="e", pady=(10, 0))

        place(frame.winfo_width() if frame.winfo_ismapped() else self.winfo_width())
        frame.bind("<Configure>", lambda event: place(event.width), add="+")

    def _table(self, master: tk.Misc, table: Table) -> PagedTable:
        columns = [
            Column(c.key, c.title, _column_width(c.kind), kind=_kind(c.kind), main=index == 0)
            for index, c in enumerate(table.columns)
        ]
        rows = [
            (str(number), tuple(_cell(row.get(c.key), c.kind) for c in table.columns))
            for number, row in enumerate(table.rows)
        ]
        source = ListSource([c.key for c in columns], rows)
        grid = PagedTable(master, columns, source, height=TABLE_ROWS, empty_text=Text.EMPTY)
        grid.refresh()
        self.tables[table.key] = grid
        return grid

    # -- saving ------------------------------------------------------------------------------

    def save(self, suffix: str) -> None:
        report = self.report
        if report is None:
            return
        scope = report.scope
        name = f"{report.kind}-{_day(scope.start)}-{_day(scope.end)}{suffix}"
        chosen = self.ask_save(
            parent=self,
            title=Text.SAVE_TITLE,
            initialfile=name,
            defaultextension=suffix,
            filetypes=[(FILE_TYPES[suffix], f"*{suffix}")],
        )
        if not chosen:
            return
        path, center_name = Path(chosen), self.session.center_name

        def work(progress: Progress) -> Path:
            return write_report(report, path, center_name=center_name)

        def done(written: Path) -> None:
            self._say(Text.SAVED.format(name=ltr_in_rtl(written.name)))

        self.context.runner.run(self, Text.SAVING, work, done, self._failed)


CHART_WIDTH = 360


def _column_width(kind: str) -> int:
    return 170 if kind == "text" else 90


def _columns_width(table: Table) -> int:
    """What the table's columns take, with its scroll bar, frame and room for a heading
    wider than its column (the ideas' «نسبت به دریافت‌شده» was cut at 1024×700)."""
    return sum(_column_width(c.kind) for c in table.columns) + 60


def _kind(kind: str) -> Any:
    """A report column's kind as the table shows it (figures already text)."""
    return "text" if kind == "text" else ("identifier" if kind == "code" else "number")


def _cell(value: Any, kind: str) -> Any:
    if kind in ("text", "code"):
        return "" if value is None else str(value)
    return cell_text(value, kind)


def _day(day: dt.date) -> str:
    year, month, date = jalali_parts(day)
    return f"{year:04d}{month:02d}{date:02d}"  # a file name: ASCII digits, as stored names
