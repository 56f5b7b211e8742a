"""The shop's other pages driven with real widgets: products and stock, producers, the
daily close, settlements, shops; the roles (a shop user sees no registry, an admin of
two shops chooses one); a producer's sales on the applicant's file.

Stock notes, closes and labels write PDFs through desktop/printing (shop_papers.py,
labels.py): the tests that check a paper was written are skipped without them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.errors import PermissionDenied
from desktop.models import Applicant
from desktop.services import applicants
from desktop.services.shops import closing, producers, products, settlement, shops
from desktop.strings.shop_views import Close, Income, ShopBar
from desktop.strings.shop_views import Products as ProductTexts
from desktop.text.money import MoneyUnit
from desktop.views.applicant_file import ApplicantFile
from desktop.views.main_window import MainWindow
from desktop.views.shop.close_view import CloseView
from desktop.views.shop.producers_view import ProducersView
from desktop.views.shop.products_view import ProductsView
from desktop.views.shop.settlement_view import SettlementView
from desktop.views.shop.shops_view import ShopsView
from desktop.views.shop.till import TillView
from desktop.views.widgets.rtl import RButton, t
from tests.gui.conftest import pump
from tests.helpers.gui import key, make_context, rows, show
from tests.helpers.people import login_as, person
from tests.helpers.shop import IBANS, cash_sale, open_shop, shop_user


def descendants(widget):  # type: ignore[no-untyped-def]
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def page(window, view_class, session):  # type: ignore[no-untyped-def]
    window.geometry("1280x720+0+0")
    return show(window, view_class(window, make_context(session, money_unit=MoneyUnit.RIAL)))


def test_a_shop_user_sees_only_shop_pages_and_the_registry_refuses_them(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    window.geometry("1280x720+0+0")
    main = show(window, MainWindow(window, make_context(staff)))
    assert main.current_key == "sales"  # the till is the first page
    assert isinstance(main.current, TillView)
    assert "applicants" not in main.nav_buttons and "courses" not in main.nav_buttons
    with pytest.raises(PermissionDenied):
        applicants.get(staff, person(admin))


def test_a_shop_user_with_no_shop_is_told_so(window, admin) -> None:  # type: ignore[no-untyped-def]
    open_shop(admin)
    nobody = login_as(admin, "newcomer", "shop")
    till = page(window, TillView, nobody)
    assert till.shop is None
    assert ShopBar.NO_SHOP in [
        w.logical_text for w in till.winfo_children() if hasattr(w, "logical_text")
    ]


def test_an_admin_of_two_shops_chooses_one(window, admin) -> None:  # type: ignore[no-untyped-def]
    first = open_shop(admin, code="S1")
    second = open_shop(admin, code="S2")
    view = page(window, ProductsView, admin)
    assert view.chooser is not None
    view.chooser.set_key(first.shop_id)
    view.chooser.event_generate("<<ComboboxSelected>>")
    pump(window)
    assert {values[0] for values in rows(view.table)} <= set(first.barcodes)
    view.chooser.set_key(second.shop_id)
    view.chooser.event_generate("<<ComboboxSelected>>")
    pump(window)
    assert {values[0] for values in rows(view.table)} <= set(second.barcodes)
    assert view.context.current_shop == second.shop_id


def test_a_product_is_added_edited_and_its_stock_adjusted(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    view = page(window, ProductsView, staff)
    view.open_new()
    pump(window)
    form = view.form
    form.fill({"name": "", "unit": "عدد", "producer": world.producer_ids[0]})
    view.save()
    assert form.error_text("name") and form.error_text("price")
    form.fill({"name": "کلوچهٔ خانگی", "stock": "12"})
    form.fields["price"].set_rials(90_000)
    key(form.fields["name"], "Return")
    added = next(p for p in products.list_products(staff) if p.name == "کلوچهٔ خانگی")
    assert (added.price, added.stock, len(added.barcode)) == (90_000, 12, 13)
    assert view.table.selected_id == added.id
    view.open_edit()
    view.form.fields["price"].set_rials(95_000)
    view.save()
    assert [price for _, price in products.price_history(staff, added.id)] == [90_000, 95_000]
    view.open_adjust()
    view.adjust_form.fill({"change": "-2", "reason": "شکسته"})
    view.adjust(next(p for p in view.records if p.id == added.id))
    assert next(p for p in products.list_products(staff) if p.id == added.id).stock == 10


def test_goods_received_on_a_note(window, admin, shop_papers) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("desktop.printing.shop_papers")
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    view = page(window, ProductsView, staff)
    view.table.selected_id = world.product_ids[0]
    view.open_note(received=True)
    pump(window)
    note = view.panel.winfo_children()[0]
    assert note.producer.get_key() == world.producer_ids[0]
    note.product.set_key(world.product_ids[1])
    note.quantity.set("۱۰۰۰۰۱")  # past MAX_QUANTITY: said by the field, no line added
    key(note.quantity, "Return")
    assert note.lines == [] and "۱۰۰٬۰۰۰" in note.error.logical_text
    note.quantity.set("۵")
    key(note.quantity, "Return")
    assert note.lines == [(world.product_ids[1], 5)]
    note.save()
    stock = {p.id: p.stock for p in products.list_products(staff)}
    assert stock[world.product_ids[1]] == 25
    assert view.last_paper is not None and view.last_paper.is_file()
    # The labels panel now offers one label per item the note brought in.
    pytest.importorskip("desktop.printing.labels")
    assert view.last_receipt_note is not None
    view.open_labels()
    pump(window)
    offered = [b for b in descendants(view.panel) if isinstance(b, RButton)]
    offered = [b for b in offered if view.last_receipt_note in b.logical_text]
    assert len(offered) == 1
    offered[0].invoke()
    assert view.last_paper is not None and view.last_paper.name == f"{view.last_receipt_note}.pdf"
    assert view.message.logical_text.startswith(
        ProductTexts.LABELS_NOTE_WRITTEN.format(count="۵").split(":")[0]
    )


def test_a_producer_is_found_by_national_code_and_added(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    applicant_id = person(admin, "نرگس", categories=("entrepreneur",))
    code = Applicant.get_by_id(applicant_id).national_code
    view = page(window, ProducersView, staff)
    view.open_new()
    form = view.form
    form.fill({"national_code": code})
    view.find_person()
    assert "نرگس" in view.person.logical_text
    form.fill({"business_name": "شیرینی نرگس", "iban": IBANS[1][:-1] + "9", "commission": "۱۰"})
    view.save()
    assert form.error_text("iban")  # the mod-97 check, next to its field
    form.fill({"iban": IBANS[1]})
    view.save()
    added = [p for p in producers.list_producers(staff) if p.business_name == "شیرینی نرگس"]
    assert len(added) == 1 and added[0].commission_bp == 1000
    assert len(rows(view.table)) == 3


def test_the_daily_close_needs_a_note_when_the_cash_differs(window, admin, shop_papers) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    cash_sale(staff, world, (0, 2))
    view = page(window, CloseView, staff)
    expected = 2 * world.prices[0]
    assert view.period is not None and view.period.expected_cash == expected
    view.counted.set(str(expected - 1000))
    pump(window)
    assert view.difference.logical_text.startswith(Close.DIFFERENCE.split("{")[0])
    view.close()
    assert view.error.logical_text == Close.NOTE_REQUIRED
    assert closing.list_closes(staff) == []
    pytest.importorskip("desktop.printing.shop_papers")
    view.note.set("هزار ریال کم")
    view.close()
    closes = closing.list_closes(staff)
    assert len(closes) == 1 and closes[0].difference == -1000
    assert view.last_paper is not None and view.last_paper.is_file()


def test_settlement_shows_each_producer_and_the_admin_records_a_payment(
    window, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    cash_sale(staff, world, (0, 1), (3, 1))
    plain = page(window, SettlementView, staff)
    assert not hasattr(plain, "table")  # not a supervisor: told so
    plain.destroy()
    view = page(window, SettlementView, admin)
    today = dt.date.today()
    view.date_from.set(today)
    view.date_to.set(today)
    view.reload()
    assert [values[0] for values in rows(view.table)] == list(world.producer_codes)
    sheet = tmp_path / "تسویه.xlsx"
    view.ask_path = lambda _parent, _initial, extension: str(sheet) if extension == ".xlsx" else ""
    view.write(".xlsx")
    assert sheet.is_file() and view.last_paper == sheet
    statements = tmp_path / "صورت‌حساب.pdf"
    view.ask_path = lambda _parent, _initial, extension: str(statements)
    view.write(".pdf")  # through the runner (run inline here)
    assert statements.is_file() and view.last_paper == statements
    view.table.selected_id = world.producer_ids[0]
    view.open_payment()
    view.reference.set("123456")
    view.record(view.rows[0])
    # The period has not ended (today): refused with the service's message.
    assert view.pay_error.logical_text
    yesterday = today - dt.timedelta(days=1)
    view.date_from.set(yesterday - dt.timedelta(days=30))
    view.date_to.set(yesterday)
    view.reload()
    assert rows(view.table) == []
    assert settlement.settlement(admin, today, today)[0].paid_on is None


def test_shops_are_added_and_staff_assigned(window, admin) -> None:  # type: ignore[no-untyped-def]
    login_as(admin, "seller", "shop")
    view = page(window, ShopsView, admin)
    view.open_add()
    view.form.fill({"code": "s9", "name": "فروشگاه بازارچه"})
    view.add()
    assert [s.code for s in shops.list_shops(admin)] == ["S9"]
    view.staff_table.selected_id = next(m.user_id for m in view.staff if m.username == "seller")
    view.open_assign()
    view.shop_choice.set_key(shops.list_shops(admin)[0].id)
    view.supervisor.set(True)
    member = next(m for m in view.staff if m.username == "seller")
    view.assign(member)
    member = next(m for m in shops.shop_staff(admin) if m.username == "seller")
    assert member.shop_id == shops.list_shops(admin)[0].id and member.supervisor


def test_a_producers_sales_show_on_the_applicants_file_and_credit_an_outcome(window, admin) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin)
    staff = shop_user(admin, world, "seller")
    cash_sale(staff, world, (0, 2))
    producer = producers.get_producer(admin, world.producer_ids[0])
    window.geometry("1280x720+0+0")
    page_ = ApplicantFile(
        window,
        make_context(admin),
        producer.applicant_id,
        on_back=lambda: None,
        on_edit=lambda _r: None,
        on_changed=lambda *_a: None,
        on_deleted=lambda *_a: None,
    )
    page_.pack(fill="both", expand=True)
    pump(window)
    tabs = [page_.notebook.tab(tab_id, "text") for tab_id in page_.notebook.tabs()]
    assert t(Income.TAB) in tabs
    tab = next(w for w in page_.notebook.winfo_children() if type(w).__name__ == "IncomeTab")
    assert rows(tab.table)[0][0]  # this month's sales
    tab.buttons[0].invoke()
    assert tab.message.logical_text == Income.CREDITED.format(name=producer.business_name)


def test_low_stock_and_labels_of_the_products_shown(window, admin, shop_papers) -> None:  # type: ignore[no-untyped-def]
    world = open_shop(admin, stock=2)
    staff = shop_user(admin, world, "seller")
    products.add_product(
        staff, products.ProductFields("نان محلی", world.producer_codes[0], 50_000, "عدد"), stock=9
    )
    view = page(window, ProductsView, staff)
    assert len(rows(view.table)) == 7
    view.low_only.set(True)
    view.show_rows()
    assert len(rows(view.table)) == 6  # fewer than three in stock
    pytest.importorskip("desktop.printing.labels")
    view.open_labels()
    pump(window)
    view.write_labels(view.shown_ids, "labels", "2")
    assert view.last_paper is not None and view.last_paper.is_file()
