"""Producers' settlement for a period (Jalali from/to): per producer the gross sales,
returns, the shop's commission, what is due and whether it was paid; statements as
PDF (a page or more per producer) or the sheet of all as XLSX; and, for the admin, a
payment recorded for the selected producer (date, bank reference).

The admin's page; a supervisor may look (the services decide what each may do). A
shop user who is not a supervisor is told so.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from pathlib import Path

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.progress import Progress
from desktop.services.shops import papers, settlement
from desktop.services.shops.settlement import SettlementRow
from desktop.strings.shop_views import SHOP_NAV_TITLES, ShopBar
from desktop.strings.shop_views import Settlement as Text
from desktop.text.jalali import format_jalali, from_jalali, jalali_parts, parse_jalali
from desktop.views.shop.common import ShopPage, paper_failure
from desktop.views.widgets.file_dialog import ask_save_path
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("code", Text.CODE, 110, kind="identifier"),
    Column("business", Text.BUSINESS, 160, main=True),
    Column("gross", Text.GROSS, 110, kind="money"),
    Column("returns", Text.RETURNS, 100, kind="money"),
    Column("commission", Text.COMMISSION, 100, kind="money"),
    Column("due", Text.DUE, 110, kind="money"),
    Column("paid", Text.PAID, 100),
]
AskPath = Callable[[tk.Misc, str, str], str]


def ask_path(parent: tk.Misc, initial: str, extension: str) -> str:
    kind = "PDF" if extension == ".pdf" else "Excel"
    return ask_save_path(
        parent=parent,
        title=Text.SAVE_TITLE,
        initialfile=initial,
        defaultextension=extension,
        filetypes=[(kind, f"*{extension}")],
    )


class SettlementView(ShopPage):
    title = SHOP_NAV_TITLES["settlements"]

    def build(self, body: ttk.Frame) -> None:
        self.rows: list[SettlementRow] = []
        self.ask_path: AskPath = ask_path
        if not (self.session.is_admin or self.session.supervisor):
            RLabel(body, text=ShopBar.SUPERVISOR_ONLY, bootstyle="warning").pack(fill="x")
            return
        bar = FlowRow(body, gap=10)
        bar.pack(fill="x")
        today = dt.date.today()
        year, month, _ = jalali_parts(today)
        self.date_from = self._date(bar, Text.FROM, from_jalali(year, month, 1))
        self.date_to = self._date(bar, Text.TO, today)
        bar.add(RButton(bar, text=Text.SHOW, bootstyle="primary", command=self.reload))
        actions = FlowRow(body, gap=6)
        actions.pack(fill="x", pady=(6, 0))
        self.buttons = {
            key: actions.add(RButton(actions, text=label, bootstyle=style, command=command))
            for key, label, style, command in (
                ("pdf", Text.PDF, "secondary-outline", lambda: self.write(".pdf")),
                ("xlsx", Text.XLSX, "secondary-outline", lambda: self.write(".xlsx")),
                ("pay", Text.PAY, "success-outline", self.open_payment),
            )
        }
        if not self.session.is_admin:
            self.buttons["pay"].configure(state="disabled")
        self.error = RLabel(body, text="", bootstyle="danger")
        self.error.pack(fill="x")
        self.table = PagedTable(body, COLUMNS, None, money_unit=self.unit, height=10)
        self.table.pack(fill="both", expand=True, pady=(4, 0))
        self.totals = RLabel(body, text="", font="-weight bold", wraplength=600)
        self.totals.pack(fill="x", pady=(4, 0))
        self.reload()

    @staticmethod
    def _date(bar: FlowRow, label: str, value: dt.date) -> DateField:
        group = bar.add(ttk.Frame(bar))
        RLabel(group, text=label).pack(side="right", padx=(0, 4))
        field = DateField(group)
        field.set(value)
        field.pack(side="right")
        return field

    def period(self) -> tuple[dt.date, dt.date] | None:
        try:
            return parse_jalali(self.date_from.text()), parse_jalali(self.date_to.text())
        except ValueError as error:
            self.error.set_text(str(error))
            return None

    def reload(self) -> None:
        if not hasattr(self, "table"):
            return
        self.close_panel()
        self.error.set_text("")
        period = self.period()
        if period is None:
            return
        try:
            self.rows = settlement.settlement(self.session, *period, shop=self.shop_id)
        except UserError as error:
            self.error.set_text(error.message)
            self.rows = []
        rows = [
            (
                r.producer_id,
                (
                    r.producer_code,
                    r.business_name,
                    r.gross,
                    r.returns,
                    r.commission,
                    r.due,
                    format_jalali(r.paid_on) if r.paid_on else Text.UNPAID,
                ),
            )
            for r in self.rows
        ]
        self.table.source = ListSource([c.key for c in COLUMNS], rows)
        self.table.refresh()
        self.totals.set_text(
            Text.TOTALS.format(
                gross=self.money(sum(r.gross for r in self.rows)),
                returns=self.money(sum(r.returns for r in self.rows)),
                commission=self.money(sum(r.commission for r in self.rows)),
                due=self.money(sum(r.due for r in self.rows)),
            )
        )

    def write(self, extension: str) -> None:
        period = self.period()
        if period is None:
            return
        start, end = (format_jalali(day).replace("/", "-") for day in period)
        chosen = self.ask_path(self, f"{start}_{end}{extension}", extension)
        if not chosen:
            return
        path = Path(chosen)
        session, shop = self.session, self.shop_id

        def work(progress: Progress) -> None:
            papers.write_settlement(
                session,
                *period,
                path,
                shop=shop,
                progress=lambda done, total: progress.step(done, total),
            )

        def done(_result: object) -> None:
            if self.winfo_exists():
                self.say(Text.WRITTEN, path=path)

        def failed(error: BaseException) -> None:
            if not isinstance(error, (UserError, OSError)):
                raise error
            if self.winfo_exists():
                self.say(paper_failure(error), "danger")

        # Statements for 200 producers take seconds: off the Tk thread, with progress.
        self.context.runner.run(self, Text.WRITING, work, done, failed)

    def selected(self) -> SettlementRow | None:
        found = next((r for r in self.rows if r.producer_id == self.table.selected_id), None)
        if found is None:
            self.say(Text.SELECT_FIRST, "warning")
        return found

    def open_payment(self) -> None:
        if not self.session.is_admin:
            self.say(Text.ADMIN_ONLY, "danger")
            return
        row = self.selected()
        if row is None:
            return
        panel = self.open_panel(f"{Text.PAY}: {row.business_name} · {self.money(row.due)}")
        grid = ttk.Frame(panel)
        grid.pack(fill="x")
        grid.columnconfigure(0, weight=1)
        RLabel(grid, text=Text.PAID_ON).grid(row=0, column=1, sticky="e", padx=(6, 0))
        self.paid_on = DateField(grid)
        self.paid_on.set(dt.date.today())
        self.paid_on.grid(row=0, column=0, sticky="e", pady=3)
        RLabel(grid, text=Text.REFERENCE).grid(row=1, column=1, sticky="e", padx=(6, 0))
        self.reference = IdentifierEntry(grid, allowed="code", max_length=30, width=24)
        self.reference.grid(row=1, column=0, sticky="e", pady=3)
        self.pay_error = RLabel(panel, text="", bootstyle="danger")
        self.pay_error.pack(fill="x")
        self.panel_buttons(
            panel,
            [
                (Text.SAVE, "primary", lambda: self.record(row)),
                (Text.CANCEL, "secondary", self.close_panel),
            ],
        )
        self.panel_ready(self.reference)

    def record(self, row: SettlementRow) -> None:
        period = self.period()
        if period is None:
            return
        try:
            paid_on = parse_jalali(self.paid_on.text())
            settlement.record_payment(
                self.session,
                row.producer_id,
                *period,
                paid_on=paid_on,
                bank_reference=self.reference.get(),
            )
        except ValueError as error:
            self.pay_error.set_text(str(error))
            return
        except UserError as error:
            self.pay_error.set_text(error.message)
            return
        self.reload()
        self.say(Text.RECORDED.format(name=row.business_name))
