"""The till's payment panel (left of the cart): the total, cash and card, the change,
the override reason a supervisor gives for selling past the stock, and the key to finish.

It knows the cart's total (`show_total`) and what was typed; the till decides when to
sell. Payment left empty is exact cash; change is shown as the cash is typed.
"""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.services.shops.sales import Payment
from desktop.strings.shop_views import Till
from desktop.text.digits import format_number
from desktop.text.money import MoneyUnit
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import IdentifierEntry, MoneyEntry
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry

SIDE_WRAP = 230  # pixels: the panel's labels wrap here
SIDE_PADDING = 12  # pixels between the panel and the cart
TYPICAL_TOTAL = 99_999_999  # Rials: the panel starts with room for a total this long


def side_label(master: tk.Misc, text: str = "", **options: str) -> RLabel:
    """A label of the panel, wrapped at the panel's width. The panel's width is fixed
    (`PaymentPanel.fix_width`), so the label must not follow it (RLabel's own
    `wraplength` would): each would resize the other, forever."""
    label = RLabel(master, text=text, **options)
    label.set_wraplength(SIDE_WRAP)
    return label


class PaymentPanel(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        *,
        unit: MoneyUnit,
        money: Callable[[int], str],
        on_finish: Callable[[], None],
        on_new_sale: Callable[[], None],
        on_escape: Callable[[], None],
    ):
        super().__init__(master, padding=(SIDE_PADDING, 0, 0, 0))
        self.money = money
        self.total = 0
        RLabel(self, text=Till.TOTAL, font="-size 12").pack(fill="x")
        self.total_label = RLabel(self, text="", font="-size 22 -weight bold", bootstyle="primary")
        self.total_label.pack(fill="x")
        self.count_label = RLabel(self, text="", bootstyle="secondary")
        self.count_label.pack(fill="x", pady=(0, 8))
        grid = ttk.Frame(self)
        grid.pack(fill="x")
        grid.columnconfigure(0, weight=1)
        self.cash_text, self.card_text = tk.StringVar(self), tk.StringVar(self)
        self.cash = MoneyEntry(grid, unit=unit, width=13, textvariable=self.cash_text)
        self.card = MoneyEntry(grid, unit=unit, width=13, textvariable=self.card_text)
        self.card_reference = IdentifierEntry(grid, allowed="code", max_length=20, width=13)
        for row, (label, field) in enumerate(
            (
                (Till.CASH, self.cash),
                (Till.CARD, self.card),
                (Till.CARD_REFERENCE, self.card_reference),
            )
        ):
            RLabel(grid, text=label).grid(row=row, column=1, sticky="e", padx=(6, 0), pady=3)
            field.grid(row=row, column=0, sticky="ew", pady=3)
        self.override_row = ttk.Frame(self)
        RLabel(self.override_row, text=Till.OVERRIDE_REASON, bootstyle="warning").pack(fill="x")
        self.override_reason = RtlEntry(self.override_row, width=24)
        self.override_reason.pack(fill="x")
        self.change_label = side_label(self, font="-size 13 -weight bold")
        self.change_label.pack(fill="x", pady=(10, 0))
        self.pay_error = side_label(self, bootstyle="danger")
        self.pay_error.pack(fill="x")
        self.pay_button = RButton(self, text=Till.PAY, bootstyle="success", command=on_finish)
        self.pay_button.pack(fill="x", pady=(10, 0), ipady=6)
        RButton(self, text=Till.NEW_SALE, bootstyle="secondary-outline", command=on_new_sale).pack(
            fill="x", pady=(6, 0)
        )
        side_label(self, text=Till.KEYS, bootstyle="secondary", font="-size 9").pack(
            fill="x", pady=(10, 0)
        )
        for variable in (self.cash_text, self.card_text):
            variable.trace_add("write", lambda *_a: self.show_change())
        fields: tuple[ttk.Entry, ...] = (
            self.cash,
            self.card,
            self.card_reference,
            self.override_reason,
        )
        for entry in fields:
            for sequence in ("<Return>", "<KP_Enter>"):
                entry.bind(sequence, then_break(on_finish))
            entry.bind("<Escape>", then_break(on_escape))

    def fix_width(self) -> None:
        """Keep the panel one width, with room for a total of `TYPICAL_TOTAL`, widened
        only when a longer total needs it (`_make_room`): a total drawn wider than the
        one before would otherwise resize the cart beside it and lay the page out again
        on every scan (p95 of a scan drawn: 18 ms, 10 ms with the width kept). A strut
        holds the width; the height still follows the content (the page scrolls when
        the window is short). Call once packed, with the total still empty."""
        self.update_idletasks()
        font = tkfont.Font(root=self, font=self.total_label.cget("font"))
        padding = self.total_label.winfo_reqwidth()  # the empty label's own
        typical = font.measure(t(self.money(TYPICAL_TOTAL))) + padding
        self._strut = ttk.Frame(
            self, width=max(self.winfo_reqwidth() - SIDE_PADDING, typical), height=0
        )
        self._strut.pack(side="bottom")

    def _make_room(self) -> None:
        """Widen the strut (never narrow it) when the total drawn needs more room."""
        strut = getattr(self, "_strut", None)
        if strut is not None and self.total_label.winfo_reqwidth() > int(strut.cget("width")):
            strut.configure(width=self.total_label.winfo_reqwidth())

    def show_total(self, total: int, lines: int, quantity: int, *, override: bool) -> None:
        """The cart's total and counts; the override reason asked for or not."""
        self.total = total
        self.total_label.set_text(self.money(total))
        self._make_room()
        self.count_label.set_text(
            Till.ITEMS.format(count=format_number(lines), quantity=format_number(quantity))
        )
        if override:
            self.override_row.pack(fill="x", pady=(8, 0), before=self.change_label)
        else:
            self.override_row.pack_forget()
        self.show_change()

    def clear(self) -> None:
        for field in (self.cash, self.card, self.card_reference):
            field.set("")
        self.override_reason.set("")
        self.pay_error.set_text("")

    @staticmethod
    def _amount(field: MoneyEntry) -> int:
        try:
            return field.get_rials() or 0
        except ValueError:
            return 0

    def show_change(self) -> None:
        total = self.total
        cash, card = self._amount(self.cash), self._amount(self.card)
        self.pay_error.set_text("")
        if not total or not (cash or card):
            self.change_label.set_text("")
            return
        paid = cash + card
        if paid < total:
            self.change_label.configure(bootstyle="danger")
            self.change_label.set_text(Till.MISSING.format(amount=self.money(total - paid)))
        elif paid == total:
            self.change_label.configure(bootstyle="secondary")
            self.change_label.set_text(Till.EXACT)
        else:
            self.change_label.configure(bootstyle="success")
            self.change_label.set_text(Till.CHANGE.format(amount=self.money(paid - total)))

    def show_sold(self, change: int) -> None:
        """After a sale: the fields emptied, the change to hand back still shown."""
        self.clear()
        self.change_label.configure(bootstyle="success")
        self.change_label.set_text(Till.CHANGE.format(amount=self.money(change)))

    def payments(self, total: int) -> list[Payment] | None:
        """The payments typed (none typed: exact cash); None after saying what is wrong."""
        try:
            cash = self.cash.get_rials() or 0
            card = self.card.get_rials() or 0
        except ValueError as error:
            self.pay_error.set_text(str(error))
            return None
        if not cash and not card:
            return [Payment("cash", total)] if total else []
        found = [Payment("cash", cash)] if cash else []
        if card:
            found.append(Payment("card", card, self.card_reference.get()))
        if cash + card < total:
            self.pay_error.set_text(Till.MISSING.format(amount=self.money(total - cash - card)))
            self.focus_field(self.cash)
            return None
        return found

    def error(self, field: str, message: str) -> None:
        """The service's refusal, by the field it names (cash unless another)."""
        self.pay_error.set_text(message)
        target = {"card_reference": self.card_reference, "card": self.card}.get(field, self.cash)
        self.focus_field(target)

    @staticmethod
    def focus_field(field: tk.Widget) -> None:
        field.focus_set()
        if isinstance(field, ttk.Entry):
            field.select_range(0, "end")
