"""Shops (the admin's): the center's shops and a form to add one; the shop users and
the shop each works in, as a supervisor or not."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services.shops import shops
from desktop.services.shops.shops import ShopRecord, StaffMember
from desktop.services.users import person_name
from desktop.strings.shop_views import SHOP_NAV_TITLES, ShopsPage
from desktop.views.widgets.button_row import pack_buttons
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RCheck, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

SHOP_COLUMNS = [
    Column("code", ShopsPage.CODE, 70, kind="identifier"),
    Column("name", ShopsPage.NAME, 200, main=True),
    Column("address", ShopsPage.ADDRESS, 220),
    Column("footer", ShopsPage.FOOTER, 160),
]
STAFF_COLUMNS = [
    Column("username", ShopsPage.USER, 110, kind="identifier"),
    Column("name", ShopsPage.NAME, 160, main=True),
    Column("shop", ShopsPage.SHOP, 180),
    Column("supervisor", ShopsPage.SUPERVISOR, 70),
]


class ShopsView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master, padding=4)
        assert context.session is not None
        self.session = context.session
        self.shops: list[ShopRecord] = []
        self.staff: list[StaffMember] = []
        self.panel: ttk.Labelframe | None = None
        RLabel(self, text=SHOP_NAV_TITLES["shops"], font="-size 16 -weight bold").pack(fill="x")
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x")
        top = ttk.Frame(self)
        top.pack(fill="x", pady=(6, 0))
        RButton(top, text=f"+ {ShopsPage.ADD}", bootstyle="primary", command=self.open_add).pack(
            side="right"
        )
        self.shop_table = PagedTable(self, SHOP_COLUMNS, None, height=4)
        self.shop_table.pack(fill="x", pady=(4, 0))
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(12, 0))
        RLabel(bar, text=ShopsPage.STAFF, font="-weight bold").pack(side="right")
        RButton(
            bar, text=ShopsPage.ASSIGN, bootstyle="secondary-outline", command=self.open_assign
        ).pack(side="left")
        self.staff_table = PagedTable(
            self, STAFF_COLUMNS, None, height=6, on_activate=lambda _id: self.open_assign()
        )
        self.staff_table.pack(fill="both", expand=True, pady=(4, 0))
        self.panel_area = ttk.Frame(self)
        self.panel_area.pack(fill="x")
        self.reload()

    def focus_default(self) -> None:
        self.staff_table.tree.focus_set()

    def reload(self) -> None:
        try:
            self.shops = shops.list_shops(self.session)
            self.staff = shops.shop_staff(self.session)
        except UserError as error:
            self.message.say(error.message, "danger")
            return
        names = {s.id: s.name for s in self.shops}
        self.shop_table.source = ListSource(
            [c.key for c in SHOP_COLUMNS],
            [(s.id, (s.code, s.name, s.address, s.receipt_footer)) for s in self.shops],
        )
        self.shop_table.refresh()
        self.staff_table.source = ListSource(
            [c.key for c in STAFF_COLUMNS],
            [
                (
                    m.user_id,
                    (
                        m.username,
                        person_name(m.display_name),
                        names.get(m.shop_id, ShopsPage.NONE),
                        ShopsPage.YES if m.supervisor else "",
                    ),
                )
                for m in self.staff
            ],
        )
        self.staff_table.refresh()

    def _open_panel(self, title: str) -> ttk.Labelframe:
        self.close_panel()
        self.panel = ttk.Labelframe(self.panel_area, text=t(title), labelanchor="ne", padding=10)
        self.panel.pack(fill="x", pady=(8, 0))
        return self.panel

    def close_panel(self) -> None:
        if self.panel is not None:
            self.panel.destroy()
            self.panel = None

    def _buttons(self, panel: tk.Misc, save: str, command: Callable[[], object]) -> None:
        row = ttk.Frame(panel)
        row.pack(fill="x", pady=(8, 0))
        pack_buttons(
            [
                RButton(row, text=save, bootstyle="primary", command=command),
                RButton(
                    row, text=ShopsPage.CANCEL, bootstyle="secondary", command=self.close_panel
                ),
            ]
        )

    def open_add(self) -> None:
        panel = self._open_panel(ShopsPage.ADD)
        form = self.form = Form(panel, on_submit=self.add, on_cancel=self.close_panel)
        form.pack(fill="x")
        form.add(
            "code",
            ShopsPage.CODE,
            lambda p: IdentifierEntry(p, allowed="alnum", case="upper", max_length=6),
        )
        form.add("name", ShopsPage.NAME, lambda p: RtlEntry(p))
        form.add("address", ShopsPage.ADDRESS, lambda p: RtlEntry(p))
        form.add("receipt_footer", ShopsPage.FOOTER, lambda p: RtlEntry(p))
        self._buttons(panel, ShopsPage.ADD, self.add)
        form.focus_first()

    def add(self) -> None:
        form = self.form
        form.clear_errors()
        try:
            record = shops.add_shop(
                self.session,
                form.value("code"),
                form.value("name"),
                address=form.value("address"),
                receipt_footer=form.value("receipt_footer"),
            )
        except ValidationError as error:
            form.show_errors(error.errors)
            return
        except UserError as error:
            form.show_errors({error.field or "code": error.message})
            return
        self.close_panel()
        self.reload()
        self.message.say(ShopsPage.ADDED.format(name=record.name))

    def open_assign(self) -> None:
        member = next((m for m in self.staff if m.user_id == self.staff_table.selected_id), None)
        if member is None:
            self.message.say(ShopsPage.SELECT_FIRST, "warning")
            return
        panel = self._open_panel(
            f"{ShopsPage.ASSIGN}: {person_name(member.display_name) or member.username}"
        )
        row = ttk.Frame(panel)
        row.pack(fill="x")
        RLabel(row, text=ShopsPage.SHOP).pack(side="right", padx=(0, 6))
        choices = [("", ShopsPage.NONE), *((s.id, f"{s.name} ({s.code})") for s in self.shops)]
        self.shop_choice = ChoiceBox(row, choices, width=30)
        self.shop_choice.set_key(member.shop_id)
        self.shop_choice.pack(side="right")
        self.supervisor = tk.BooleanVar(self, member.supervisor)
        RCheck(row, text=ShopsPage.IS_SUPERVISOR, variable=self.supervisor).pack(
            side="right", padx=(14, 0)
        )
        self.assign_error = RLabel(panel, text="", bootstyle="danger")
        self.assign_error.pack(fill="x")
        self._buttons(panel, ShopsPage.ASSIGN, lambda: self.assign(member))
        self.shop_choice.focus_set()

    def assign(self, member: StaffMember) -> None:
        try:
            shops.assign_staff(
                self.session,
                member.user_id,
                self.shop_choice.get_key() or None,
                supervisor=self.supervisor.get(),
            )
        except UserError as error:
            self.assign_error.set_text(error.message)
            return
        self.close_panel()
        self.reload()
        self.message.say(
            ShopsPage.ASSIGNED.format(user=person_name(member.display_name) or member.username)
        )
