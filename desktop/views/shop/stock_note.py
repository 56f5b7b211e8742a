"""A stock note being written: goods received from a producer (or given back), line by
line — a product of that producer and a quantity — then saved and printed for the
producer to sign (papers/notes/<number>.pdf)."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.shops import papers, stock
from desktop.services.shops.levels import read_quantity
from desktop.services.shops.products import ProductRecord
from desktop.strings.shop_views import CartColumns
from desktop.strings.shop_views import Products as Text
from desktop.views.shop.common import ShopPage, paper_failure, papers_folder
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("name", CartColumns.NAME, 240, main=True, sortable=False),
    Column("quantity", CartColumns.QUANTITY, 80, kind="number", sortable=False),
]


class StockNotePanel(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        page: ShopPage,
        *,
        received: bool,
        products: Sequence[ProductRecord],
        producers: list[tuple[str, str]],
        producer: str = "",
        on_saved: Callable[[str], None] | None = None,
    ):
        super().__init__(master)
        self.page = page
        self.on_saved = on_saved  # told the number of each note saved
        self.received = received
        self.products = list(products)
        self.lines: list[tuple[str, int]] = []  # (product id, quantity)
        grid = ttk.Frame(self)
        grid.pack(fill="x")
        grid.columnconfigure(0, weight=1)
        RLabel(grid, text=Text.NOTE_PRODUCER).grid(row=0, column=1, sticky="e", padx=(6, 0))
        self.producer = ChoiceBox(grid, producers, width=36)
        self.producer.grid(row=0, column=0, sticky="e", pady=2)
        self.producer.set_key(producer or (producers[0][0] if producers else ""))
        self.producer.bind("<<ComboboxSelected>>", lambda _e: self._producer_chosen(), add="+")
        RLabel(grid, text=Text.NOTE_PRODUCT).grid(row=1, column=1, sticky="e", padx=(6, 0))
        line = ttk.Frame(grid)
        line.grid(row=1, column=0, sticky="ew", pady=2)
        self.product = ChoiceBox(line, [], width=36)
        self.product.pack(side="right")
        RLabel(line, text=Text.NOTE_QUANTITY).pack(side="right", padx=(10, 4))
        self.quantity = NumberEntry(line, max_length=6, width=7)
        self.quantity.pack(side="right")
        RButton(
            line, text=Text.NOTE_ADD_LINE, bootstyle="primary-outline", command=self.add_line
        ).pack(side="right", padx=(8, 0))
        self.quantity.bind("<Return>", then_break(self.add_line))
        self.error = RLabel(self, text="", bootstyle="danger")
        self.error.pack(fill="x")
        self.table = PagedTable(self, COLUMNS, None, height=4)
        self.table.pack(fill="x", pady=(4, 0))
        self.table.tree.bind("<Delete>", then_break(self.remove_line))
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(4, 0))
        RLabel(row, text=Text.NOTE_TEXT).pack(side="right", padx=(0, 6))
        self.note = RtlEntry(row, width=40)
        self.note.pack(side="right", fill="x", expand=True)
        page.panel_buttons(
            self,
            [
                (Text.NOTE_SAVE, "primary", self.save),
                (Text.NOTE_REMOVE_LINE, "danger-outline", self.remove_line),
                (Text.CANCEL, "secondary", page.close_panel),
            ],
        )
        self._producer_chosen()

    def _producer_chosen(self) -> None:
        producer = self.producer.get_key()
        mine = [
            (p.id, f"{p.name} ({p.barcode})") for p in self.products if p.producer_id == producer
        ]
        self.product.set_choices(mine)
        self.product.set_key(mine[0][0] if mine else "")
        self.lines = []
        self._show_lines()

    def add_line(self) -> None:
        product, quantity = self.product.get_key(), read_quantity(self.quantity.get())
        if not product or quantity is None:
            self.error.set_text(Text.QUANTITY_FORMAT)
            self.quantity.focus_set()
            return
        self.error.set_text("")
        self.lines.append((product, quantity))
        self.quantity.set("")
        self._show_lines()
        self.product.focus_set()

    def remove_line(self) -> None:
        selected = self.table.selected_id
        if selected is not None and selected.isdigit() and int(selected) < len(self.lines):
            del self.lines[int(selected)]
            self._show_lines()

    def _show_lines(self) -> None:
        names = {p.id: p.name for p in self.products}
        rows = [(str(i), (names.get(pid, ""), q)) for i, (pid, q) in enumerate(self.lines)]
        self.table.set_source(ListSource(["name", "quantity"], rows))

    def save(self) -> None:
        if not self.lines:
            self.error.set_text(Text.NOTE_NO_LINES)
            return
        write = stock.receive_stock if self.received else stock.return_to_producer
        try:
            note = write(
                self.page.session, self.producer.get_key(), self.lines, note=self.note.get()
            )
        except UserError as error:
            self.error.set_text(error.message)
            return
        page = self.page
        if self.on_saved is not None:
            self.on_saved(note.number)
        page.reload()
        message = Text.NOTE_SAVED.format(number=note.number)
        path = papers_folder("notes") / f"{note.number}.pdf"
        try:
            papers.write_stock_note(page.session, note.id, path)
        except (UserError, OSError) as error:
            page.say(Text.PAPER_FAILED.format(error=paper_failure(error)), "warning")
            return
        page.say(message, path=path)
