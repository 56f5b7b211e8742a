"""The till's recent sales: find a sale by its number, reprint its receipt (a copy),
void it (a supervisor or an admin, with a reason) or return some of its items.

Shown in place of the till (F6 there; Escape or the button comes back). The void and
return panels open under the list; the return panel lists the sale's lines with what
is left to return and a quantity field for each. A return writes its slip next to the
receipts.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.shops import papers, returns, sales
from desktop.services.shops.sales import SaleRecord
from desktop.strings.shop_views import SALE_STATUS_NAMES, CartColumns, Recent
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali_datetime
from desktop.views.shop.common import ShopPage, paper_failure, papers_folder
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.keys import bind_keys, then_break
from desktop.views.widgets.ltr_entry import IdentifierEntry, NumberEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

RECENT_LIMIT = 200
COLUMNS = [
    Column("number", Recent.NUMBER, 150, kind="identifier", main=True),
    Column("sold_at", Recent.SOLD_AT, 130, kind="identifier"),
    Column("total", Recent.TOTAL, 120, kind="money"),
    Column("items", Recent.ITEMS, 80, kind="number"),
    Column("status", Recent.STATUS, 90),
]


class RecentSales(ttk.Frame):
    def __init__(self, master: tk.Misc, till: ShopPage, *, on_back: Callable[[], None]):
        super().__init__(master)
        self.till = till
        self.session = till.session
        self.on_back = on_back
        self.panel: ttk.Labelframe | None = None
        self.return_fields: dict[str, NumberEntry] = {}
        top = FlowRow(self, gap=12)  # more lines when narrow
        top.pack(fill="x")
        find = top.add(ttk.Frame(top))
        RLabel(find, text=Recent.FIND).pack(side="right", padx=(0, 6))
        self.find = IdentifierEntry(find, allowed="scan", case="upper", width=22)
        self.find.pack(side="right")
        self.find.bind("<Return>", then_break(self.find_sale))
        self.find.bind("<KP_Enter>", then_break(self.find_sale))
        RButton(find, text=Recent.FIND_BUTTON, command=self.find_sale).pack(
            side="right", padx=(6, 0)
        )
        self.buttons = {
            key: top.add(RButton(top, text=label, bootstyle=style, command=command))
            for key, label, style, command in (
                ("reprint", Recent.REPRINT, "primary-outline", self.reprint),
                ("void", Recent.VOID, "danger-outline", self.open_void),
                ("return", Recent.RETURN, "warning-outline", self.open_return),
                ("back", f"→ {Recent.BACK}", "secondary", on_back),
            )
        }
        if not (self.session.is_admin or self.session.supervisor):
            self.buttons["void"].configure(state="disabled")
        self.table = PagedTable(
            self,
            COLUMNS,
            None,
            money_unit=till.unit,
            height=10,
            on_activate=lambda _id: self.reprint(),
        )
        self.table.pack(fill="both", expand=True, pady=(8, 0))
        self.panel_area = ttk.Frame(self)
        self.panel_area.pack(fill="x")
        bind_keys(self, ("<Escape>",), self._escape)
        self.refresh()

    def focus_default(self) -> None:
        self.table.tree.focus_set()
        if self.table.total and self.table.selected_id is None:
            self.table.select_index(0)

    def _escape(self) -> None:
        if self.panel is not None:
            self.close_panel()
        else:
            self.on_back()

    def refresh(self, select: str | None = None) -> None:
        try:
            found = sales.list_sales(self.session, shop=self.till.shop_id, limit=RECENT_LIMIT)
        except UserError as error:
            self.till.say(error.message, "danger")
            found = []
        rows = [
            (
                s.number,
                (
                    s.number,
                    format_jalali_datetime(s.sold_at),
                    s.total,
                    s.items,
                    SALE_STATUS_NAMES.get(s.status, s.status),
                ),
            )
            for s in found
        ]
        self.table.source = ListSource([c.key for c in COLUMNS], rows)
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def selected(self) -> str | None:
        if self.table.selected_id is None:
            self.till.say(Recent.SELECT_FIRST, "warning")
        return self.table.selected_id

    def find_sale(self) -> None:
        number = self.find.get()
        if not number:
            return
        record = self.till.attempt(lambda: sales.get_sale(self.session, number))
        if record is None:
            return
        self.refresh(select=record.number)
        self.till.say(
            f"{record.number} · {self.till.money(record.total)} · "
            f"{SALE_STATUS_NAMES.get(record.status, record.status)}",
            "info",
        )

    # -- reprint -----------------------------------------------------------------------

    def reprint(self) -> None:
        number = self.selected()
        if number is None:
            return
        path = papers_folder("receipts") / f"{number}-copy.pdf"
        try:
            papers.write_receipt(self.session, number, path, copy=True)
        except (UserError, OSError) as error:
            self.till.say(paper_failure(error), "danger")
            return
        self.till.say(Recent.REPRINTED.format(number=number), path=path)

    # -- panels -------------------------------------------------------------------------

    def _open_panel(self, title: str) -> ttk.Labelframe:
        self.close_panel()
        panel = ttk.Labelframe(self.panel_area, text=t(title), labelanchor="ne", padding=10)
        panel.pack(fill="x", pady=(8, 0))
        self.panel = panel
        return panel

    def close_panel(self) -> None:
        if self.panel is not None:
            self.panel.destroy()
            self.panel = None
            self.return_fields = {}
        self.table.tree.focus_set()

    def open_void(self) -> None:
        if not (self.session.is_admin or self.session.supervisor):
            self.till.say(Recent.SUPERVISOR_ONLY, "danger")
            return
        number = self.selected()
        if number is None:
            return
        panel = self._open_panel(f"{Recent.VOID_CONFIRM} {number}")
        row = ttk.Frame(panel)
        row.pack(fill="x")
        RLabel(row, text=Recent.VOID_REASON).pack(side="right", padx=(0, 6))
        self.void_reason = RtlEntry(row, width=40)
        self.void_reason.pack(side="right", fill="x", expand=True)
        self.void_error = RLabel(panel, text="", bootstyle="danger")
        self.void_error.pack(fill="x")
        self.till.panel_buttons(
            panel,
            [
                (Recent.VOID_CONFIRM, "danger", lambda: self.void(number)),
                (Recent.CANCEL, "secondary", self.close_panel),
            ],
        )
        self.void_reason.bind("<Return>", then_break(lambda: self.void(number)))
        self.void_reason.bind("<Escape>", then_break(self.close_panel))
        self.void_reason.focus_set()

    def void(self, number: str) -> None:
        try:
            record = returns.void_sale(self.session, number, self.void_reason.get())
        except UserError as error:
            self.void_error.set_text(error.message)
            self.void_reason.focus_set()
            return
        self.close_panel()
        self.refresh(select=record.number)
        self.till.say(Recent.VOIDED.format(number=record.number))

    def open_return(self) -> None:
        number = self.selected()
        if number is None:
            return
        record = self.till.attempt(lambda: sales.get_sale(self.session, number))
        if record is None:
            return
        panel = self._open_panel(Recent.RETURN_TITLE.format(number=number))
        grid = ttk.Frame(panel)
        grid.pack(fill="x")
        grid.columnconfigure(0, weight=1)
        headings = (CartColumns.NAME, Recent.RETURN_LEFT, Recent.RETURN_QUANTITY)
        for column, heading in enumerate(headings):
            RLabel(grid, text=heading, font="-weight bold").grid(
                row=0, column=2 - column, sticky="e", padx=6
            )
        self.return_fields = {}
        self.return_left: dict[str, int] = {}
        for row, line in enumerate(_returnable(record), start=1):
            barcode, name, left = line
            RLabel(grid, text=name).grid(row=row, column=2, sticky="e", padx=6)
            RLabel(grid, text=format_number(left)).grid(row=row, column=1, sticky="e", padx=6)
            field = NumberEntry(grid, allowed="digits", max_length=5, width=6)
            field.grid(row=row, column=0, sticky="e", padx=6, pady=2)
            field.bind("<Return>", then_break(lambda: self.return_items(number)))
            self.return_fields[barcode] = field
            self.return_left[barcode] = left
        row_frame = ttk.Frame(panel)
        row_frame.pack(fill="x", pady=(6, 0))
        RLabel(row_frame, text=Recent.RETURN_REASON).pack(side="right", padx=(0, 6))
        self.return_reason = RtlEntry(row_frame, width=40)
        self.return_reason.pack(side="right", fill="x", expand=True)
        self.return_error = RLabel(panel, text="", bootstyle="danger")
        self.return_error.pack(fill="x")
        self.till.panel_buttons(
            panel,
            [
                (Recent.RETURN_CONFIRM, "warning", lambda: self.return_items(number)),
                (Recent.CANCEL, "secondary", self.close_panel),
            ],
        )
        first = next(iter(self.return_fields.values()), None)
        if first is not None:
            first.focus_set()

    def return_items(self, number: str) -> None:
        items = []
        for barcode, field in self.return_fields.items():
            text = field.get()
            if not text or int(text) == 0:
                continue
            if int(text) > self.return_left[barcode]:
                self.return_error.set_text(Recent.RETURN_TOO_MANY)
                field.focus_set()
                return
            items.append((barcode, int(text)))
        if not items:
            self.return_error.set_text(Recent.RETURN_NONE)
            return
        try:
            record = returns.return_items(
                self.session, number, items, reason=self.return_reason.get()
            )
        except UserError as error:
            self.return_error.set_text(error.message)
            return
        self.close_panel()
        self.refresh(select=number)
        message = Recent.RETURNED.format(
            number=record.number, refund=self.till.money(record.refund)
        )
        path = papers_folder("receipts") / f"{record.number}.pdf"
        try:
            papers.write_return_slip(self.session, record, path)
        except (UserError, OSError) as error:
            self.till.say(f"{message} {paper_failure(error)}", "warning")
            return
        self.till.say(message, path=path)


def _returnable(record: SaleRecord) -> list[tuple[str, str, int]]:
    """(barcode, name, quantity left to return) of each product of the sale."""
    names: dict[str, str] = {}
    left: dict[str, int] = {}
    for line in record.lines:
        names.setdefault(line.barcode, line.name)
        left[line.barcode] = left.get(line.barcode, 0) + line.quantity - line.returned
    return [(barcode, names[barcode], count) for barcode, count in left.items()]
