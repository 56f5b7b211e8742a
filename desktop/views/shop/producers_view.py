"""Producers: the home businesses that sell through the shop. A new one is linked to an
applicant of the registry, found by national code; business name, IBAN (شبا), the
commission agreed, product categories and permit number; edited later (or made
inactive). «Their sales» shows their monthly sales (producers.producer_income)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.errors import UserError
from desktop.services.shops import people, producers
from desktop.services.shops.producers import ProducerRecord
from desktop.strings.shop_views import SHOP_NAV_TITLES
from desktop.strings.shop_views import Producers as Text
from desktop.text.digits import format_number
from desktop.text.jalali import MONTH_NAMES
from desktop.text.money import MoneyUnit
from desktop.views.shop.common import ShopPage
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import Form
from desktop.views.widgets.ltr_entry import IdentifierEntry, NumberEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RCheck, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("code", Text.CODE, 110, kind="identifier"),
    Column("business", Text.BUSINESS, 170, main=True),
    Column("owner", Text.OWNER, 140),
    Column("national_code", Text.NATIONAL_CODE, 100, kind="identifier"),
    Column("iban", Text.IBAN, 210, kind="identifier"),
    Column("commission", Text.COMMISSION, 80, kind="number"),
    Column("state", Text.STATE, 60),
]
FIELDS = ("national_code", "business_name", "iban", "commission", "categories", "permit_number")


class ProducersView(ShopPage):
    title = SHOP_NAV_TITLES["producers"]

    def build(self, body: ttk.Frame) -> None:
        self.records: list[ProducerRecord] = []
        bar = FlowRow(body, gap=6)
        bar.pack(fill="x")
        self.buttons = {
            key: bar.add(RButton(bar, text=label, bootstyle=style, command=command))
            for key, label, style, command in (
                ("new", f"+ {Text.NEW}", "primary", self.open_new),
                ("edit", Text.EDIT, "secondary-outline", self.open_edit),
                ("sales", Text.SALES, "info-outline", self.open_sales),
            )
        }
        self.count_label = bar.add(RLabel(bar, text="", font="-weight bold"))
        self.table = PagedTable(
            body, COLUMNS, None, height=10, on_activate=lambda _id: self.open_edit()
        )
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.reload()

    def focus_default(self) -> None:
        if self.shop is not None:
            self.table.tree.focus_set()

    def reload(self, select: str | None = None) -> None:
        self.close_panel()
        found = self.attempt(lambda: producers.list_producers(self.session, shop=self.shop_id))
        self.records = found or []
        rows = [
            (
                p.id,
                (
                    p.code,
                    p.business_name,
                    p.owner_name,
                    p.national_code,
                    p.iban,
                    p.commission_percent,
                    Text.ACTIVE if p.active else "",
                ),
            )
            for p in self.records
        ]
        self.table.source = ListSource([c.key for c in COLUMNS], rows)
        self.table.selected_id = select or self.table.selected_id
        self.table.refresh()
        self.count_label.set_text(Text.COUNT.format(count=format_number(len(rows))))

    def selected(self) -> ProducerRecord | None:
        found = next((p for p in self.records if p.id == self.table.selected_id), None)
        if found is None:
            self.say(Text.SELECT_FIRST, "warning")
        return found

    # -- the form ------------------------------------------------------------------------

    def open_new(self) -> None:
        self._open_form(None)

    def open_edit(self) -> None:
        record = self.selected()
        if record is not None:
            self._open_form(record)

    def _open_form(self, record: ProducerRecord | None) -> None:
        title = Text.EDIT_TITLE.format(name=record.business_name) if record else Text.NEW_TITLE
        panel = self.open_panel(title)
        form = self.form = Form(panel, on_submit=self.save, on_cancel=self.close_panel)
        form.pack(fill="x")
        self.editing = record
        if record is None:
            code = form.add(
                "national_code",
                Text.NATIONAL_CODE,
                lambda p: IdentifierEntry(p, allowed="code", max_length=10),
            )
            code.bind("<FocusOut>", lambda _e: self.find_person(), add="+")
        self.person = RLabel(panel, text="", bootstyle="info")
        form.add("business_name", Text.BUSINESS, lambda p: RtlEntry(p))
        form.add("iban", Text.IBAN, lambda p: IdentifierEntry(p, allowed="alnum", case="upper"))
        form.add(
            "commission", Text.COMMISSION, lambda p: NumberEntry(p, allowed="decimal", width=8)
        )
        form.add("categories", Text.CATEGORIES, lambda p: RtlEntry(p))
        form.add("permit_number", Text.PERMIT, lambda p: IdentifierEntry(p, allowed="code"))
        self.active = tk.BooleanVar(self, record.active if record else True)
        if record is not None:
            form.add_widget(lambda p: RCheck(p, text=Text.ACTIVE, variable=self.active))
            form.fill(
                {
                    "business_name": record.business_name,
                    "iban": record.iban,
                    "commission": record.commission_percent,
                    "categories": record.categories,
                    "permit_number": record.permit_number,
                }
            )
            self.person.set_text(f"{record.owner_name} · {record.national_code}")
        self.person.pack(fill="x", before=form)
        self.panel_buttons(
            panel,
            [(Text.SAVE, "primary", self.save), (Text.CANCEL, "secondary", self.close_panel)],
        )
        self.panel_ready(next(iter(form.fields.values())))

    def find_person(self) -> None:
        """The applicant the national code names, shown above the form."""
        code = self.form.value("national_code")
        if not code:
            return
        try:
            found = people.find_person(self.session, code)
        except UserError as error:
            self.form.show_errors({"national_code": error.message})
            self.person.set_text("")
            return
        self.person.set_text(Text.FOUND.format(name=found.full_name, file_number=found.file_number))

    def save(self) -> None:
        form = self.form
        form.clear_errors()
        values = {name: form.value(name) for name in FIELDS if name in form.fields}
        editing = self.editing

        def save() -> ProducerRecord:
            if editing is None:
                return producers.add_producer(
                    self.session,
                    national_code=values["national_code"],
                    business_name=values["business_name"],
                    iban=values["iban"],
                    commission=values["commission"],
                    shop=self.shop_id,
                    categories=values["categories"],
                    permit_number=values["permit_number"],
                )
            return producers.update_producer(
                self.session,
                editing.id,
                business_name=values["business_name"],
                iban=values["iban"],
                commission=values["commission"],
                categories=values["categories"],
                permit_number=values["permit_number"],
                active=self.active.get(),
            )

        record = self.submit(form, save)
        if record is None:
            return
        self.reload(select=record.id)
        self.say(Text.SAVED.format(name=record.business_name, code=record.code))

    # -- their sales ---------------------------------------------------------------------

    def open_sales(self) -> None:
        record = self.selected()
        if record is None:
            return
        months = self.attempt(lambda: producers.producer_income(self.session, record.applicant_id))
        if months is None:
            return
        panel = self.open_panel(Text.SALES_TITLE.format(name=record.business_name))
        table = income_table(
            panel, [(m.year, m.month, m.sales, m.lines) for m in months], self.unit
        )
        table.pack(fill="x")
        self.panel_buttons(panel, [(Text.CANCEL, "secondary", self.close_panel)])
        self.panel_ready(table.tree)


def income_table(
    master: tk.Misc, months: list[tuple[int, int, int, int]], unit: MoneyUnit
) -> PagedTable:
    """Monthly sales, newest first: month (Jalali), sales, lines."""
    columns = [
        Column("month", Text.MONTH, 130, sortable=False),
        Column("sales", Text.MONTH_SALES, 130, kind="money", sortable=False),
        Column("lines", Text.LINES, 80, kind="number", sortable=False),
    ]
    rows = [
        (f"{year}-{month}", (f"{MONTH_NAMES[month - 1]} {format_number(year)}", total, lines))
        for year, month, total, lines in months
    ]
    source = ListSource(["month", "sales", "lines"], rows)
    return PagedTable(master, columns, source, money_unit=unit, height=5)
