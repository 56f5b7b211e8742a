"""The till driven as shop staff: barcodes typed into the scan field as a scanner types
them (Enter after each), a quantity changed, cash paid and the change seen, the sale
committed and its receipt written; the held cart back after the till is closed and
opened again; recent sales: a void by a supervisor, refused to plain staff.

Tests that finish a sale or return items write a receipt through desktop/printing
(receipt.py): they need that module and are skipped without it.
"""

from __future__ import annotations

import pytest

from desktop.services.shops import cart, sales
from desktop.services.shops.sales import CartLine
from desktop.strings.shop_views import Recent, Till
from desktop.strings.shops import Sales as SaleMessages
from desktop.text.money import MoneyUnit, format_money
from desktop.views.shop.till import TillView
from tests.gui.conftest import pump
from tests.helpers.gui import key, make_context, rows, show, wait_until
from tests.helpers.keymap import type_text
from tests.helpers.shop import cash_sale, open_shop, shop_user


def needs_receipts() -> None:
    pytest.importorskip("desktop.printing.receipt")


def open_till(window, session) -> TillView:  # type: ignore[no-untyped-def]
    window.geometry("1280x720+0+0")
    return show(window, TillView(window, make_context(session, money_unit=MoneyUnit.RIAL)))


def scan(till: TillView, code: str) -> None:
    """Type a code into the scan field key by key as a scanner does, then Enter."""
    till.scan.focus_force()
    pump(till)
    type_text(till.scan, code)
    key(till.scan, "Return")


def test_scanned_codes_fill_the_cart_and_the_same_code_adds_one(
    window, admin, persian_keymap
) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    till = open_till(window, staff)
    assert till.focus_get() is till.scan
    scan(till, world.barcodes[0])
    scan(till, world.barcodes[1])
    scan(till, world.barcodes[0])
    names = [values[0] for values in rows(till.cart_table)]
    assert len(names) == 2
    assert [line.quantity for line in till.lines] == [2, 1]
    total = 2 * world.prices[0] + world.prices[1]
    assert till.payment.total_label.logical_text == format_money(total, MoneyUnit.RIAL)
    # Persian digits, as a scanner on a Persian layout types them.
    persian = world.barcodes[2].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    scan(till, persian)
    assert [line.product_id for line in till.lines][-1] == world.product_ids[2]
    scan(till, "0000000000000")
    assert till.scan_error.logical_text  # a Persian message by the field, no crash
    assert len(till.lines) == 3


def test_letters_search_by_name_and_arrows_pick(window, admin, persian_keymap) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    till = open_till(window, shop_user(admin, world, "seller"))
    till.scan.focus_force()
    type_text(till.scan, "عروسک")
    assert wait_until(till, lambda: bool(till.results))  # searched after the debounce
    assert till.result_table.winfo_ismapped()
    assert [product.id for product in till.results] == [world.product_ids[2], world.product_ids[5]]
    key(till.scan, "Down")
    key(till.scan, "Down")
    key(till.scan, "Return")
    assert [line.product_id for line in till.lines] == [world.product_ids[5]]
    assert not till.result_table.winfo_ismapped()
    assert till.scan.get() == ""


def test_quantity_change_and_cash_paid_show_the_change_then_the_sale_and_its_receipt(
    window, admin, shop_papers
) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    till = open_till(window, staff)
    scan(till, world.barcodes[0])
    scan(till, world.barcodes[1])
    key(till.scan, "Up")  # the first line
    key(till.scan, "F2")
    assert till.focus_get() is till.quantity
    till.quantity.set("²")  # a digit to isdigit() that int() refuses: it once crashed
    key(till.quantity, "Return")
    assert [line.quantity for line in till.lines] == [1, 1]
    assert till.line_error.logical_text == SaleMessages.QUANTITY_FORMAT
    till.quantity.set("3")
    key(till.quantity, "Return")
    assert [line.quantity for line in till.lines] == [3, 1]
    assert till.focus_get() is till.scan
    total = 3 * world.prices[0] + world.prices[1]
    key(till.scan, "F8")
    assert till.focus_get() is till.payment.cash
    till.payment.cash.set(str(total + 50_000))
    pump(till)
    assert till.payment.change_label.logical_text == Till.CHANGE.format(
        amount=format_money(50_000, MoneyUnit.RIAL)
    )
    till.payment.cash.set(str(total - 10))
    pump(till)
    assert till.payment.change_label.logical_text == Till.MISSING.format(
        amount=format_money(10, MoneyUnit.RIAL)
    )
    key(till.payment.cash, "F12")  # short: refused by the field, nothing sold
    assert till.payment.pay_error.logical_text
    assert sales.list_sales(staff, shop=world.shop_id) == []

    needs_receipts()
    till.payment.cash.set(str(total + 50_000))
    key(till.payment.cash, "F12")
    sold = sales.list_sales(staff, shop=world.shop_id)
    assert len(sold) == 1 and sold[0].total == total
    record = sales.get_sale(staff, sold[0].number)
    assert record.change == 50_000
    assert [line.quantity for line in record.lines] == [3, 1]
    assert till.payment.change_label.logical_text == Till.CHANGE.format(
        amount=format_money(50_000, MoneyUnit.RIAL)
    )
    receipt = shop_papers / "receipts" / f"{record.number}.pdf"
    assert receipt.is_file()
    assert till.path_label.logical_text == str(receipt)
    assert till.lines == [] and rows(till.cart_table) == []
    assert cart.held_cart(staff, world.shop_id) == []


def test_the_held_cart_comes_back_when_the_till_opens_again(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    till = open_till(window, staff)
    scan(till, world.barcodes[3])
    scan(till, world.barcodes[3])
    scan(till, world.barcodes[4])
    till.destroy()  # the window closed mid-sale
    pump(window)
    again = open_till(window, staff)
    assert again.lines == [CartLine(world.product_ids[3], 2), CartLine(world.product_ids[4], 1)]
    assert len(rows(again.cart_table)) == 2
    assert again.message.logical_text == Till.HELD_BACK


def test_a_supervisor_voids_a_sale_with_a_reason_and_plain_staff_cannot(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    sale = cash_sale(staff, world, (0, 1), (1, 2))
    till = open_till(window, staff)
    key(till.scan, "F6")
    recent = till.recent
    assert recent is not None
    assert [values[0] for values in rows(recent.table)] == [sale.number]
    assert str(recent.buttons["void"].cget("state")) == "disabled"
    recent.open_void()
    assert till.message.logical_text == Recent.SUPERVISOR_ONLY
    till.destroy()

    boss = shop_user(admin, world, "boss", supervisor=True)
    till = open_till(window, boss)
    till.show_recent()
    recent = till.recent
    assert recent is not None
    recent.table.select_index(0)
    pump(till)
    recent.buttons["void"].invoke()
    pump(till)
    key(recent.void_reason, "Return")  # no reason: refused by the field
    assert recent.void_error.logical_text
    recent.void_reason.set("اشتباه در ثبت")
    key(recent.void_reason, "Return")
    assert sales.get_sale(boss, sale.number).status == "voided"
    assert till.message.logical_text == Recent.VOIDED.format(number=sale.number)


def test_return_of_some_items_by_sale_number(window, admin, shop_papers) -> None:  # type: ignore[no-untyped-def]
    needs_receipts()
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    sale = cash_sale(staff, world, (0, 1), (1, 2))
    till = open_till(window, staff)
    till.show_recent()
    recent = till.recent
    assert recent is not None
    recent.find.set(sale.number.lower())
    key(recent.find, "Return")
    assert recent.table.selected_id == sale.number
    recent.open_return()
    pump(till)
    field = recent.return_fields[world.barcodes[1]]
    field.set("5")
    recent.return_items(sale.number)
    assert recent.return_error.logical_text == Recent.RETURN_TOO_MANY
    field.set("1")
    recent.return_items(sale.number)
    record = sales.get_sale(staff, sale.number)
    assert [line.returned for line in record.lines] == [0, 1]
    assert till.last_paper is not None and till.last_paper.is_file()


def test_the_payment_panel_keeps_its_width_and_widens_for_a_long_total(window, admin) -> None:  # type: ignore[no-untyped-def]
    """A total drawn wider than the panel widens it (never narrower again); shorter
    totals leave its width alone, so a scan never lays the page out anew."""
    world = open_shop(admin)
    till = open_till(window, shop_user(admin, world, "seller"))
    panel = till.payment
    pump(window)
    start = panel.winfo_reqwidth()
    panel.show_total(world.prices[0], 1, 1, override=False)
    pump(window)
    assert panel.winfo_reqwidth() == start
    panel.show_total(987_654_321_098, 1, 1, override=False)  # a carpet shop's day
    pump(window)
    wide = panel.winfo_reqwidth()
    assert wide > start and panel.total_label.winfo_width() >= panel.total_label.winfo_reqwidth()
    panel.show_total(world.prices[1], 1, 1, override=False)
    pump(window)
    assert panel.winfo_reqwidth() == wide
