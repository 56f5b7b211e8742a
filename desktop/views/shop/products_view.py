"""Products and stock: the shop's catalogue with its stock, a product's form and price
history, stock received from or given back to a producer on a note (printed for them to
sign), an adjustment with a reason, the low-stock list, and barcode labels.

A shop holds hundreds of products, not millions: the list is read whole and filtered
here as the search is typed (name or barcode). Every action opens a panel under the
table; what it wrote is read back and selected.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.shops import papers, producers, products, stock
from desktop.services.shops.products import ProductFields, ProductRecord
from desktop.strings.shop_views import SHOP_NAV_TITLES
from desktop.strings.shop_views import Products as Text
from desktop.text.collation import persian_sort_key
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali_datetime
from desktop.text.normalize import normalize_digits, search_key, whole_number
from desktop.views.shop.common import ShopPage, paper_failure, papers_folder
from desktop.views.shop.stock_note import StockNotePanel
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import IdentifierEntry, MoneyEntry, NumberEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RCheck, RLabel
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("barcode", Text.BARCODE, 120, kind="identifier"),
    Column("name", Text.NAME, 200, main=True),
    Column("producer", Text.PRODUCER, 110, kind="identifier"),
    Column("category", Text.CATEGORY, 90),
    Column("unit", Text.UNIT, 60),
    Column("price", Text.PRICE, 100, kind="money"),
    Column("stock", Text.STOCK, 70, kind="number"),
    Column("state", Text.STATE, 70),
]
LOW_STOCK_BELOW = 3


class ProductsView(ShopPage):
    title = SHOP_NAV_TITLES["shop_products"]
    papers = "notes"

    def build(self, body: ttk.Frame) -> None:
        self.records: list[ProductRecord] = []
        self.last_receipt_note: str | None = None  # set when a receipt note is saved here
        bar = FlowRow(body, gap=14, spread=True)
        bar.pack(fill="x")
        search = bar.add(ttk.Frame(bar))
        RLabel(search, text=Text.SEARCH).pack(side="right", padx=(0, 6))
        self.search = RtlEntry(search, width=24)
        self.search.pack(side="right")
        self.low_only = tk.BooleanVar(self, False)
        bar.add(RCheck(bar, text=Text.LOW_STOCK, variable=self.low_only, command=self.show_rows))
        self.count_label = bar.add(RLabel(bar, text="", font="-weight bold"))
        actions = FlowRow(body, gap=6)
        actions.pack(fill="x", pady=(6, 0))
        self.buttons: dict[str, RButton] = {}
        for key, label, style, command in (
            ("new", f"+ {Text.NEW}", "primary", self.open_new),
            ("edit", Text.EDIT, "secondary-outline", self.open_edit),
            ("history", Text.HISTORY, "secondary-outline", self.open_history),
            ("receive", Text.RECEIVE, "success-outline", lambda: self.open_note(received=True)),
            (
                "give_back",
                Text.GIVE_BACK,
                "warning-outline",
                lambda: self.open_note(received=False),
            ),
            ("adjust", Text.ADJUST, "secondary-outline", self.open_adjust),
            ("labels", Text.LABELS, "info-outline", self.open_labels),
        ):
            self.buttons[key] = actions.add(
                RButton(actions, text=label, bootstyle=style, command=command)
            )
        self.table = PagedTable(
            body,
            COLUMNS,
            None,
            money_unit=self.unit,
            height=10,
            on_activate=lambda _id: self.open_edit(),
        )
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.search.bind(CHANGED, lambda _e: self.show_rows(), add="+")
        self.search.bind("<Down>", then_break(self.table.tree.focus_set))
        self.reload()

    def focus_default(self) -> None:
        if self.shop is not None:
            self.search.focus_set()

    def reload(self, select: str | None = None) -> None:
        self.close_panel()
        found = self.attempt(lambda: products.list_products(self.session, shop=self.shop_id))
        self.records = sorted(found or [], key=lambda p: persian_sort_key(p.name))
        self.show_rows(select)

    def show_rows(self, select: str | None = None) -> None:
        key = search_key(self.search.get()).strip()
        shown = [
            p
            for p in self.records
            if (not key or key in search_key(p.name) or p.barcode.startswith(key))
            and (not self.low_only.get() or (p.active and p.stock < LOW_STOCK_BELOW))
        ]
        if self.low_only.get():
            shown.sort(key=lambda p: p.stock)
        rows = [
            (
                p.id,
                (
                    p.barcode,
                    p.name,
                    p.producer_code,
                    p.category,
                    p.unit,
                    p.price,
                    p.stock,
                    Text.ACTIVE if p.active else Text.INACTIVE,
                ),
            )
            for p in shown
        ]
        keep = select or self.table.selected_id
        self.shown_ids = [p.id for p in shown]
        self.table.source = ListSource([c.key for c in COLUMNS], rows)
        self.table.selected_id = keep
        self.table.refresh()
        self.count_label.set_text(Text.COUNT.format(count=format_number(len(shown))))

    def selected(self) -> ProductRecord | None:
        found = next((p for p in self.records if p.id == self.table.selected_id), None)
        if found is None:
            self.say(Text.SELECT_FIRST, "warning")
        return found

    def producer_choices(self) -> list[tuple[str, str]]:
        found = self.attempt(lambda: producers.list_producers(self.session, shop=self.shop_id))
        return [(p.id, f"{p.business_name} ({p.code})") for p in found or []]

    # -- the product form ------------------------------------------------------------------

    def open_new(self) -> None:
        self._open_form(None)

    def open_edit(self) -> None:
        record = self.selected()
        if record is not None:
            self._open_form(record)

    def _open_form(self, record: ProductRecord | None) -> None:
        title = Text.EDIT_TITLE.format(name=record.name) if record else Text.NEW_TITLE
        panel = self.open_panel(title)
        form = self.form = Form(panel, on_submit=self.save, on_cancel=self.close_panel)
        form.pack(fill="x")
        choices = self.producer_choices()
        form.add("name", Text.NAME, lambda p: RtlEntry(p))
        form.add("producer", Text.PRODUCER, lambda p: ChoiceBox(p, choices))
        form.add("price", Text.PRICE, lambda p: MoneyEntry(p, unit=self.unit))
        form.add("unit", Text.UNIT, lambda p: RtlEntry(p))
        form.add("category", Text.CATEGORY, lambda p: RtlEntry(p))
        form.add(
            "barcode",
            Text.BARCODE,
            lambda p: IdentifierEntry(p, allowed="scan", max_length=32),
            hint=Text.BARCODE_HINT,
        )
        self.active = tk.BooleanVar(self, record.active if record else True)
        if record is None:
            form.add("stock", Text.FIRST_STOCK, lambda p: NumberEntry(p, max_length=6))
        else:
            form.add_widget(lambda p: RCheck(p, text=Text.ACTIVE, variable=self.active))
            form.fill(
                {
                    "name": record.name,
                    "producer": record.producer_id,
                    "unit": record.unit,
                    "category": record.category,
                    "barcode": record.barcode,
                }
            )
            price = form.fields["price"]
            assert isinstance(price, MoneyEntry)
            price.set_rials(record.price)
        self.editing = record
        self.panel_buttons(
            panel,
            [(Text.SAVE, "primary", self.save), (Text.CANCEL, "secondary", self.close_panel)],
        )
        self.panel_ready(form.fields["name"])

    def save(self) -> None:
        form = self.form
        form.clear_errors()
        price_field = form.fields["price"]
        assert isinstance(price_field, MoneyEntry)
        try:
            price: int | str = price_field.get_rials() or ""
        except ValueError as error:
            form.show_errors({"price": str(error)})
            return
        fields = ProductFields(
            name=form.value("name"),
            producer=form.value("producer"),
            price=price,
            unit=form.value("unit"),
            category=form.value("category"),
            barcode=form.value("barcode"),
        )
        editing = self.editing
        stock_text = form.value("stock") if editing is None else ""

        def save() -> ProductRecord:
            if editing is None:
                return products.add_product(
                    self.session, fields, stock=int(stock_text) if stock_text else 0
                )
            return products.update_product(
                self.session, editing.id, fields, active=self.active.get()
            )

        record = self.submit(form, save)
        if record is None:
            return
        self.reload(select=record.id)
        self.say(Text.SAVED.format(name=record.name, barcode=record.barcode))

    # -- price history, adjustment, labels ---------------------------------------------------

    def open_history(self) -> None:
        record = self.selected()
        if record is None:
            return
        history = self.attempt(lambda: products.price_history(self.session, record.id))
        if history is None:
            return
        panel = self.open_panel(Text.HISTORY_TITLE.format(name=record.name))
        columns = [
            Column("at", Text.CHANGED_AT, 150, kind="identifier"),
            Column("price", Text.PRICE, 120, kind="money"),
        ]
        rows = [
            (str(index), (format_jalali_datetime(dt.datetime.fromisoformat(at)), price))
            for index, (at, price) in enumerate(reversed(history))
        ]
        table = PagedTable(
            panel, columns, ListSource(["at", "price"], rows), money_unit=self.unit, height=5
        )
        table.pack(fill="x")
        self.panel_buttons(panel, [(Text.CLOSE, "secondary", self.close_panel)])
        self.panel_ready(table.tree)

    def open_adjust(self) -> None:
        record = self.selected()
        if record is None:
            return
        panel = self.open_panel(f"{Text.ADJUST}: {record.name}")
        form = self.adjust_form = Form(
            panel, on_submit=lambda: self.adjust(record), on_cancel=self.close_panel
        )
        form.pack(fill="x")
        form.add("change", Text.ADJUST_CHANGE, lambda p: NumberEntry(p, allowed="signed", width=8))
        form.add("reason", Text.ADJUST_REASON, lambda p: RtlEntry(p))
        self.panel_buttons(
            panel,
            [
                (Text.SAVE, "primary", lambda: self.adjust(record)),
                (Text.CANCEL, "secondary", self.close_panel),
            ],
        )
        self.panel_ready(form.fields["change"])

    def adjust(self, record: ProductRecord) -> None:
        form = self.adjust_form
        change, reason = self._signed(form.fields["change"]), form.value("reason")
        level = self.submit(
            form,
            lambda: stock.adjust_stock(self.session, record.id, change, reason),
            field="change",
        )
        if level is None:
            return
        self.reload(select=record.id)
        self.say(Text.ADJUSTED.format(name=record.name, stock=format_number(level)))

    @staticmethod
    def _signed(field: tk.Widget) -> str:
        """The change typed, its sign kept ('−۲' → '-2'); a NumberEntry's get() drops it."""
        assert isinstance(field, NumberEntry)
        return normalize_digits(field.displayed()).replace("+", "").strip() or "0"

    def open_labels(self) -> None:
        """Labels of the selected product, or of every product the list shows."""
        record = next((p for p in self.records if p.id == self.table.selected_id), None)
        shown = list(self.shown_ids)
        panel = self.open_panel(Text.LABELS)
        row = ttk.Frame(panel)
        row.pack(fill="x")
        RLabel(row, text=Text.LABEL_COPIES).pack(side="right", padx=(0, 6))
        copies = NumberEntry(row, max_length=3, width=6)
        copies.set("1")
        copies.pack(side="right")
        buttons = []
        if record is not None:
            buttons.append(
                (
                    Text.LABELS_ONE.format(name=record.name),
                    "primary",
                    lambda: self.write_labels([record.id], record.barcode, copies.get()),
                )
            )
        buttons.append(
            (
                Text.LABELS_SHOWN.format(count=format_number(len(shown))),
                "primary-outline",
                lambda: self.write_labels(shown, "labels", copies.get()),
            )
        )
        note = self.last_receipt_note
        if note is not None:  # one label per item the last receipt note brought in
            buttons.append(
                (
                    Text.LABELS_NOTE.format(number=note),
                    "primary-outline",
                    lambda: self.write_note_labels(note),
                )
            )
        buttons.append((Text.CANCEL, "secondary", self.close_panel))
        self.panel_buttons(panel, buttons)
        copies.bind("<Return>", then_break(buttons[0][2]))
        self.panel_ready(copies)

    def write_labels(self, product_ids: list[str], name: str, copies: str) -> None:
        if not product_ids:
            self.say(Text.SELECT_FIRST, "warning")
            return
        count = whole_number(copies) or 1  # its entry takes 3 digits
        path = papers_folder("labels") / f"{name}.pdf"
        try:
            papers.write_labels(self.session, product_ids, path, copies=count)
        except (UserError, OSError) as error:
            self.say(paper_failure(error), "danger")
            return
        self.close_panel()
        self.say(Text.LABELS_WRITTEN, path=path)

    def _note_saved(self, number: str) -> None:
        """A receipt note saved: the labels panel offers labels for what came in."""
        self.last_receipt_note = number

    def write_note_labels(self, number: str) -> None:
        path = papers_folder("labels") / f"{number}.pdf"
        try:
            count = papers.write_note_labels(self.session, number, path)
        except (UserError, OSError) as error:
            self.say(paper_failure(error), "danger")
            return
        self.close_panel()
        self.say(Text.LABELS_NOTE_WRITTEN.format(count=format_number(count)), path=path)

    # -- stock notes ---------------------------------------------------------------------------

    def open_note(self, *, received: bool) -> None:
        title = Text.NOTE_TITLE_IN if received else Text.NOTE_TITLE_OUT
        panel = self.open_panel(title)
        selected = next((p for p in self.records if p.id == self.table.selected_id), None)
        note = StockNotePanel(
            panel,
            self,
            received=received,
            products=self.records,
            producers=self.producer_choices(),
            producer=selected.producer_id if selected else "",
            on_saved=self._note_saved if received else None,
        )
        note.pack(fill="x")
        self.panel_ready(note.producer)
