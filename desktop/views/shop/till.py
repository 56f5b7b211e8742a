"""The till: scan or find products, a cart, payment, one key to finish the sale.

Keyboard first, for staff at a counter with a barcode scanner. The scan field has the
focus; a scanner types the code and Enter, which adds the product (the same product
again: one more of it). Letters typed there search the shop's products by name as
they are typed (debounced); ↓/↑ move in the results and Enter takes one. Otherwise ↓/↑
move in the cart, F2 and F3 edit the selected line's quantity and discount, Delete
removes it, F8 and F9 go to cash and card, and F12 (or Ctrl+Enter) finishes the sale
and writes its receipt (papers/receipts/<number>.pdf; the page says where). F6 shows
the recent sales (reprint, void, return).

The cart is the services' list of `CartLine`s; every change is priced by the service
(`price_cart`: today's price, the line's checks, stock) and held (`hold_cart`), so a
window closed mid-sale loses nothing: the till opens with the held cart. The payment
panel beside the cart is desktop/views/shop/payment.py.
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import replace

import ttkbootstrap as ttk

from desktop.errors import UserError, ValidationError
from desktop.services.shops import cart, papers, products, sales
from desktop.services.shops.levels import read_quantity
from desktop.services.shops.products import ProductRecord
from desktop.services.shops.sales import CartLine, PricedCart
from desktop.strings.shop_views import SHOP_NAV_TITLES, CartColumns, Till
from desktop.strings.shops import Sales as SaleMessages
from desktop.views.shop.common import ShopPage, paper_failure, papers_folder
from desktop.views.shop.payment import PaymentPanel
from desktop.views.shop.recent_sales import RecentSales
from desktop.views.widgets.keys import bind_keys, then_break
from desktop.views.widgets.ltr_entry import MoneyEntry, NumberEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry
from desktop.views.widgets.sources import ListSource

DEBOUNCE_MS = 150
CART_COLUMNS = [  # the money headings (with their unit) set those columns' widths
    Column("name", CartColumns.NAME, 140, main=True, sortable=False),
    Column("quantity", CartColumns.QUANTITY, 45, kind="number", sortable=False),
    Column("unit_price", CartColumns.UNIT_PRICE, 80, kind="money", sortable=False),
    Column("discount", CartColumns.DISCOUNT, 70, kind="money", sortable=False),
    Column("line_total", CartColumns.LINE_TOTAL, 90, kind="money", sortable=False),
]
RESULT_COLUMNS = [
    Column("name", CartColumns.NAME, 170, main=True, sortable=False),
    Column("barcode", CartColumns.BARCODE, 110, kind="identifier", sortable=False),
    Column("price", CartColumns.PRICE, 90, kind="money", sortable=False),
    Column("stock", CartColumns.STOCK, 60, kind="number", sortable=False),
]
FINISH_KEYS = ("<F12>", "<Control-Return>", "<Control-KP_Enter>")


def has_letters(text: str) -> bool:
    """Whether what was typed is a name to search for, not a code being scanned."""
    return any(ch.isalpha() for ch in text)


class TillView(ShopPage):
    title = SHOP_NAV_TITLES["sales"]
    papers = "receipts"

    def build(self, body: ttk.Frame) -> None:
        self.lines: list[CartLine] = []
        self.priced: PricedCart | None = None
        self.results: list[ProductRecord] = []
        self.results_active = False  # ↓ was pressed into the results
        self._search_after: str | None = None
        self.can_override = self.session.is_admin or self.session.supervisor
        self.till = ttk.Frame(body)
        self.till.pack(fill="both", expand=True)
        self.recent: tk.Widget | None = None
        RButton(
            self.top,
            text=f"{Till.RECENT} (F6)",
            bootstyle="secondary-outline",
            command=self.show_recent,
        ).pack(side="left")

        # The payment panel (left): total, payment, the key to finish.
        self.payment = PaymentPanel(
            self.till,
            unit=self.unit,
            money=self.money,
            on_finish=self.finish,
            on_new_sale=self.new_sale,
            on_escape=self.focus_default,
        )
        self.payment.pack(side="left", fill="y")
        self.payment.fix_width()
        # The scan row, its message, the search results, the cart, the line editor.
        main = ttk.Frame(self.till)
        main.pack(side="right", fill="both", expand=True)
        scan_row = ttk.Frame(main)
        scan_row.pack(fill="x")
        RLabel(scan_row, text=Till.SCAN, font="-size 11").pack(side="right", padx=(0, 6))
        self.scan = RtlEntry(scan_row, width=20, font="-size 13")
        self.scan.pack(side="right", fill="x", expand=True)
        RButton(scan_row, text=Till.ADD, bootstyle="primary", command=self.enter).pack(
            side="right", padx=(6, 0)
        )
        self.scan_error = RLabel(main, text="", bootstyle="danger")
        self.scan_error.pack(fill="x")
        self.result_table = PagedTable(
            main,
            RESULT_COLUMNS,
            None,
            money_unit=self.unit,
            height=3,
            on_activate=lambda row_id: self.take_result(row_id),
            empty_text=Till.SEARCH_EMPTY,
        )
        self.cart_table = PagedTable(
            main, CART_COLUMNS, None, money_unit=self.unit, height=5, empty_text=Till.CART_EMPTY
        )
        self.cart_table.pack(fill="both", expand=True, pady=(4, 0))
        self._line_editor(main)

        self.scan.bind(CHANGED, lambda _e: self._typed(), add="+")
        for sequence in ("<Return>", "<KP_Enter>"):
            self.scan.bind(sequence, then_break(self.enter))
        self.scan.bind("<Down>", then_break(lambda: self.step(1)))
        self.scan.bind("<Up>", then_break(lambda: self.step(-1)))
        self.scan.bind("<Delete>", self._delete_key)
        self.scan.bind("<Escape>", then_break(self.clear_scan))
        self.cart_table.tree.bind("<Delete>", then_break(self.remove_line))
        self.cart_table.tree.bind("<Escape>", then_break(self.focus_default))
        self._bind_page_keys()
        self._restore_held()
        self.scan.focus_set()

    def _line_editor(self, main: ttk.Frame) -> None:
        row = ttk.Frame(main)
        row.pack(fill="x", pady=(6, 0))
        RLabel(row, text=Till.QUANTITY).pack(side="right", padx=(0, 4))
        self.quantity = NumberEntry(row, allowed="digits", max_length=5, width=6)
        self.quantity.pack(side="right")
        RLabel(row, text=Till.DISCOUNT).pack(side="right", padx=(14, 4))
        self.discount = MoneyEntry(row, unit=self.unit, width=12)
        self.discount.pack(side="right")
        RButton(row, text=Till.APPLY, bootstyle="primary-outline", command=self.apply_line).pack(
            side="right", padx=(8, 0)
        )
        RButton(row, text=Till.REMOVE, bootstyle="danger-outline", command=self.remove_line).pack(
            side="right", padx=(6, 0)
        )
        # Under the row, not beside it: at 1024×700 the buttons leave the row no room and
        # a message beside them was cut to its last word.
        self.line_error = RLabel(main, text="", bootstyle="danger", wraplength=600)
        self.line_error.pack(fill="x")
        for field in (self.quantity, self.discount):
            for sequence in ("<Return>", "<KP_Enter>"):
                field.bind(sequence, then_break(self.apply_line))
            field.bind("<Escape>", then_break(self.focus_default))
        self.cart_table.tree.bind(
            "<<TreeviewSelect>>", lambda _e: self._fill_line_editor(), add="+"
        )

    def _bind_page_keys(self) -> None:
        keys = {
            ("<F2>",): lambda: self.edit_line(self.quantity),
            ("<F3>",): lambda: self.edit_line(self.discount),
            ("<F6>",): self.show_recent,
            ("<F8>",): lambda: PaymentPanel.focus_field(self.payment.cash),
            ("<F9>",): lambda: PaymentPanel.focus_field(self.payment.card),
            FINISH_KEYS: self.finish,
        }
        for sequences, handler in keys.items():
            bind_keys(self.till, sequences, handler)

    def focus_default(self) -> None:
        if self.shop is not None and self.recent is None:
            self.scan.focus_set()

    def shop_changed(self) -> None:
        self.lines = []
        self.hide_recent()
        self._restore_held()

    # -- the held cart -------------------------------------------------------------------

    def _restore_held(self) -> None:
        held = self.attempt(lambda: cart.held_cart(self.session, self.shop_id)) or []
        kept = [line for line in held if self._priceable([line])]
        self.lines = kept
        self._show_cart()
        if kept:
            self.say(Till.HELD_BACK if len(kept) == len(held) else Till.HELD_DROPPED, "info")
            if len(kept) != len(held):
                self._hold()

    def _priceable(self, lines: list[CartLine]) -> bool:
        try:
            sales.price_cart(self.session, self.shop_id, lines)
        except UserError:
            return False
        return True

    def _hold(self) -> None:
        try:
            cart.hold_cart(self.session, self.shop_id, self.lines)
        except UserError as error:
            self.say(error.message, "danger")

    # -- scanning and searching -----------------------------------------------------------

    def _typed(self) -> None:
        self.scan_error.set_text("")
        if self._search_after is not None:
            self.after_cancel(self._search_after)
            self._search_after = None
        if has_letters(self.scan.get()):
            self._search_after = self.after(DEBOUNCE_MS, self.search)
        else:
            self._hide_results()

    def search(self) -> None:
        self._search_after = None
        text = self.scan.get()
        if not has_letters(text):
            return
        try:
            self.results = products.search_products(self.session, self.shop_id, text)
        except UserError as error:
            self.scan_error.set_text(error.message)
            return
        rows = [(p.id, (p.name, p.barcode, p.price, p.stock)) for p in self.results]
        self.result_table.set_source(ListSource([c.key for c in RESULT_COLUMNS], rows))
        self.results_active = False
        if not self.result_table.winfo_ismapped():
            self.result_table.pack(fill="x", pady=(2, 4), before=self.cart_table)

    def _hide_results(self) -> None:
        self.results = []
        self.results_active = False
        self.result_table.pack_forget()

    def step(self, rows: int) -> None:
        """↓/↑ in the scan field: through the search results when shown, else the cart."""
        if self.results:
            if not self.results_active:
                self.results_active = True
                self.result_table.select_index(0 if rows > 0 else len(self.results) - 1)
            else:
                self.result_table.move_selection(rows)
        elif self.lines:
            self.cart_table.move_selection(rows)

    def enter(self) -> None:
        """Enter in the scan field: the result chosen, else the code scanned (a name that
        is no code: its first result)."""
        if self._search_after is not None:  # Enter came before the search: search now
            self.after_cancel(self._search_after)
            self.search()
        text = self.scan.get().strip()
        if self.results_active and self.result_table.selected_id:
            self.take_result(self.result_table.selected_id)
            return
        if not text:
            return
        try:
            product = products.product_by_barcode(self.session, self.shop_id, text)
        except UserError as error:
            if has_letters(text) and self.results:
                self.take_result(self.results[0].id)
            else:
                self.scan_error.set_text(error.message)
                self.scan.select_range(0, "end")
            return
        self.add_product(product.id)

    def take_result(self, product_id: str) -> None:
        self.add_product(product_id)

    def clear_scan(self) -> None:
        self.scan.set("")
        self._hide_results()
        self.scan_error.set_text("")

    # -- the cart -------------------------------------------------------------------------

    def add_product(self, product_id: str) -> None:
        index = next((i for i, x in enumerate(self.lines) if x.product_id == product_id), None)
        if index is None:
            changed = [*self.lines, CartLine(product_id)]
        else:
            changed = list(self.lines)
            changed[index] = replace(changed[index], quantity=changed[index].quantity + 1)
        if self._change_cart(changed, select=product_id, error_label=self.scan_error):
            self.clear_scan()
            self.scan.focus_set()

    def _change_cart(
        self, lines: list[CartLine], *, select: str | None, error_label: RLabel
    ) -> bool:
        """Price `lines`; shown and held if the service takes them, else the message."""
        try:
            priced = sales.price_cart(self.session, self.shop_id, lines) if lines else None
        except UserError as error:
            error_label.set_text(error.message)
            return False
        error_label.set_text("")
        self.lines, self.priced = lines, priced
        self._show_cart(select=select, priced=True)
        self._hold()
        return True

    def _show_cart(self, *, select: str | None = None, priced: bool = False) -> None:
        if not priced:
            self.priced = (
                sales.price_cart(self.session, self.shop_id, self.lines) if self.lines else None
            )
        lines = self.priced.lines if self.priced else ()
        rows = [
            (x.product_id, (x.name, x.quantity, x.unit_price, x.discount, x.line_total))
            for x in lines
        ]
        keep = select or self.cart_table.selected_id
        self.cart_table.source = ListSource([c.key for c in CART_COLUMNS], rows)
        ids = [row_id for row_id, _ in rows]
        self.cart_table.selected_id = keep if keep in ids else (ids[-1] if ids else None)
        if self.cart_table.selected_id in ids:
            self.cart_table.select_index(ids.index(self.cart_table.selected_id))
        self.cart_table.refresh()
        short = self.priced.short_of_stock if self.priced else ()
        if short:
            self.say(Till.SHORT_STOCK.format(name=short[0]), "warning")
        self.payment.show_total(
            self.priced.total if self.priced else 0,
            len(lines),
            sum(x.quantity for x in lines),
            override=bool(short) and self.can_override,
        )
        self._fill_line_editor()

    def selected_line(self) -> int | None:
        selected = self.cart_table.selected_id
        return next((i for i, x in enumerate(self.lines) if x.product_id == selected), None)

    def _fill_line_editor(self) -> None:
        index = self.selected_line()
        self.line_error.set_text("")
        if index is None:
            self.quantity.set("")
            self.discount.set("")
            return
        self.quantity.set(str(self.lines[index].quantity))
        self.discount.set_rials(self.lines[index].discount or None)

    def edit_line(self, field: tk.Widget) -> None:
        if self.selected_line() is None:
            self.say(Till.SELECT_LINE, "warning")
            return
        PaymentPanel.focus_field(field)

    def apply_line(self) -> None:
        index = self.selected_line()
        if index is None:
            self.say(Till.SELECT_LINE, "warning")
            return
        quantity_text = self.quantity.get()
        try:
            discount = self.discount.get_rials() or 0
        except ValueError as error:
            self.line_error.set_text(str(error))
            return
        quantity = read_quantity(quantity_text)
        if quantity is None:
            self.line_error.set_text(SaleMessages.QUANTITY_FORMAT)
            return
        changed = list(self.lines)
        changed[index] = replace(changed[index], quantity=quantity, discount=discount)
        if self._change_cart(
            changed, select=changed[index].product_id, error_label=self.line_error
        ):
            self.scan.focus_set()

    def remove_line(self) -> None:
        index = self.selected_line()
        if index is None:
            self.say(Till.SELECT_LINE, "warning")
            return
        changed = self.lines[:index] + self.lines[index + 1 :]
        neighbour = changed[min(index, len(changed) - 1)].product_id if changed else None
        self._change_cart(changed, select=neighbour, error_label=self.line_error)
        self.scan.focus_set()

    def _delete_key(self, _event: tk.Event) -> str | None:
        if self.scan.get():
            return None  # an ordinary Delete in the text
        self.remove_line()
        return "break"

    def new_sale(self) -> None:
        """Empty the cart and the payment (the held cart goes too)."""
        self._change_cart([], select=None, error_label=self.scan_error)
        self.payment.clear()
        self.scan.focus_set()

    # -- payment --------------------------------------------------------------------------

    def finish(self) -> None:
        """F12: sell the cart, write its receipt, and start the next sale."""
        self.payment.pay_error.set_text("")
        if not self.lines or self.priced is None:
            self.scan_error.set_text(Till.CART_EMPTY)
            self.scan.focus_set()
            return
        found = self.payment.payments(self.priced.total)
        if found is None:
            return
        try:
            sale = sales.sell(
                self.session,
                self.shop_id,
                self.lines,
                found,
                override_reason=self.payment.override_reason.get() if self.can_override else "",
            )
        except ValidationError as error:
            self.payment.error(next(iter(error.errors)), error.message)
            return
        except UserError as error:
            self.payment.error(error.field or "", error.message)
            return
        self.lines, self.priced = [], None
        self._show_cart()
        self.payment.show_sold(sale.change)
        message = Till.SOLD.format(
            number=sale.number, total=self.money(sale.total), change=self.money(sale.change)
        )
        self.say(message)
        self.write_receipt(sale.number, message)
        self.scan.focus_set()

    def write_receipt(self, number: str, message: str, *, copy: bool | None = None) -> None:
        path = papers_folder(self.papers) / f"{number}.pdf"
        try:
            papers.write_receipt(self.session, number, path, copy=copy)
        except (UserError, OSError) as error:
            self.say(Till.RECEIPT_FAILED.format(error=paper_failure(error)), "warning")
            return
        self.say(f"{message} {Till.RECEIPT_WRITTEN}", path=path)

    # -- recent sales ---------------------------------------------------------------------

    def show_recent(self) -> None:
        if self.recent is None:
            assert self.body is not None
            self.recent = RecentSales(self.body, self, on_back=self.hide_recent)
        self.till.pack_forget()
        self.recent.pack(fill="both", expand=True)
        self.recent.focus_default()  # type: ignore[attr-defined]

    def hide_recent(self) -> None:
        if self.recent is not None:
            self.recent.destroy()
            self.recent = None
        self.till.pack(fill="both", expand=True)
        self.focus_default()
