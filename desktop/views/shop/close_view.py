"""The daily close (Z report): the open period's figures (a shop user's own; an admin's:
the whole shop), the cash counted in the drawer, the difference shown as it is typed,
a note — required when there is a difference — and the close, written as a PDF
(papers/closes/<number>.pdf). Past closes are listed under it."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.shops import closing, papers
from desktop.services.shops.closing import OpenPeriod
from desktop.strings.shop_views import SHOP_NAV_TITLES, Close
from desktop.strings.shops import Closing as ClosingMessages
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali_datetime
from desktop.views.shop.common import ShopPage, paper_failure, papers_folder
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import MoneyEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

PAST_COLUMNS = [
    Column("number", Close.NUMBER, 150, kind="identifier", main=True),
    Column("closed_at", Close.CLOSED_AT, 130, kind="identifier"),
    Column("sales_total", Close.SALES_TOTAL, 120, kind="money"),
    Column("expected", Close.EXPECTED, 120, kind="money"),
    Column("counted", Close.COUNTED_COLUMN, 120, kind="money"),
    Column("difference", Close.DIFFERENCE_COLUMN, 100, kind="money"),
]


class CloseView(ShopPage):
    title = SHOP_NAV_TITLES["daily_close"]
    papers = "closes"

    def build(self, body: ttk.Frame) -> None:
        self.period: OpenPeriod | None = None
        self.period_label = RLabel(body, text="", bootstyle="secondary")
        self.period_label.pack(fill="x")
        figures = ttk.Frame(body)
        figures.pack(fill="x", pady=(6, 0))
        self.figures: dict[str, RLabel] = {}
        names = (
            ("sales_count", Close.SALES),
            ("sales_total", Close.SALES_TOTAL),
            ("returns_count", Close.RETURNS),
            ("refunds", Close.REFUNDS),
            ("card_total", Close.CARD_TOTAL),
            ("expected_cash", Close.EXPECTED),
        )
        for index, (key, label) in enumerate(names):
            cell = ttk.Labelframe(figures, text=t(label), labelanchor="ne", padding=(10, 2))
            cell.grid(row=index // 3, column=2 - index % 3, sticky="nsew", padx=4, pady=4)
            self.figures[key] = RLabel(cell, text="", font="-size 14 -weight bold")
            self.figures[key].pack(fill="x")
        for column in range(3):
            figures.columnconfigure(column, weight=1, uniform="figures")
        grid = ttk.Frame(body)
        grid.pack(fill="x", pady=(10, 0))
        grid.columnconfigure(0, weight=1)
        self.counted_text = tk.StringVar(self)
        RLabel(grid, text=Close.COUNTED).grid(row=0, column=1, sticky="e", padx=(6, 0))
        self.counted = MoneyEntry(grid, unit=self.unit, width=18, textvariable=self.counted_text)
        self.counted.grid(row=0, column=0, sticky="e", pady=3)
        self.difference = RLabel(grid, text="", font="-size 12 -weight bold")
        self.difference.grid(row=1, column=0, columnspan=2, sticky="e")
        RLabel(grid, text=Close.NOTE).grid(row=2, column=1, sticky="e", padx=(6, 0))
        self.note = RtlEntry(grid, width=50)
        self.note.grid(row=2, column=0, sticky="ew", pady=3)
        self.error = RLabel(grid, text="", bootstyle="danger")
        self.error.grid(row=3, column=0, columnspan=2, sticky="e")
        self.close_button = RButton(body, text=Close.CLOSE, bootstyle="primary", command=self.close)
        self.close_button.pack(anchor="e", pady=(6, 0))
        RLabel(body, text=Close.PAST, font="-weight bold").pack(fill="x", pady=(12, 0))
        self.past = PagedTable(body, PAST_COLUMNS, None, money_unit=self.unit, height=5)
        self.past.pack(fill="both", expand=True)
        self.counted_text.trace_add("write", lambda *_a: self.show_difference())
        for field in (self.counted, self.note):
            field.bind("<Return>", then_break(self.close))
        self.reload()

    def focus_default(self) -> None:
        if self.shop is not None:
            self.counted.focus_set()

    def reload(self) -> None:
        self.period = self.attempt(lambda: closing.open_period(self.session, shop=self.shop_id))
        period = self.period
        for key, label in self.figures.items():
            value = getattr(period, key) if period else 0
            label.set_text(format_number(value) if key.endswith("count") else self.money(value))
        if period is None or not (period.sales_count or period.returns_count):
            self.period_label.set_text(Close.NOTHING)
        elif period.period_from is not None:
            moment = format_jalali_datetime(period.period_from)
            self.period_label.set_text(Close.PERIOD_FROM.format(moment=moment))
        closes = self.attempt(lambda: closing.list_closes(self.session, shop=self.shop_id)) or []
        rows = [
            (
                c.id,
                (
                    c.number,
                    format_jalali_datetime(c.closed_at),
                    c.sales_total,
                    c.expected_cash,
                    c.counted_cash,
                    c.difference,
                ),
            )
            for c in closes
        ]
        self.past.source = ListSource([c.key for c in PAST_COLUMNS], rows)
        self.past.refresh()
        self.show_difference()

    def _counted(self) -> int | None:
        try:
            return self.counted.get_rials()
        except ValueError:
            return None

    def show_difference(self) -> None:
        counted = self._counted()
        self.error.set_text("")
        if counted is None or self.period is None:
            self.difference.set_text("")
            return
        difference = counted - self.period.expected_cash
        if difference:
            self.difference.configure(bootstyle="danger")
            self.difference.set_text(Close.DIFFERENCE.format(amount=self.signed(difference)))
        else:
            self.difference.configure(bootstyle="success")
            self.difference.set_text(Close.NO_DIFFERENCE)

    def signed(self, rials: int) -> str:
        return ("+" if rials > 0 else "−") + self.money(abs(rials))

    def close(self) -> None:
        self.error.set_text("")
        try:
            counted = self.counted.get_rials()
        except ValueError as error:
            self.error.set_text(str(error))
            self.counted.focus_set()
            return
        if counted is None:
            self.error.set_text(ClosingMessages.COUNTED_FORMAT)
            self.counted.focus_set()
            return
        expected = self.period.expected_cash if self.period else 0
        if counted != expected and not self.note.get().strip():
            self.error.set_text(Close.NOTE_REQUIRED)
            self.note.focus_set()
            return
        try:
            record = closing.close_day(
                self.session, shop=self.shop_id, counted_cash=counted, note=self.note.get()
            )
        except UserError as error:
            self.error.set_text(error.message)
            return
        self.counted.set("")
        self.note.set("")
        self.reload()
        message = Close.CLOSED.format(number=record.number)
        path = papers_folder(self.papers) / f"{record.number}.pdf"
        try:
            papers.write_close(self.session, record.id, path)
        except (UserError, OSError) as error:
            self.say(Close.PAPER_FAILED.format(error=paper_failure(error)), "warning")
            return
        self.say(f"{message} {Close.WRITTEN}", path=path)
