"""The till's sales, voids and returns, stock and the daily close (services, no Tk)."""

from __future__ import annotations

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import ChangeLog, Sale, SaleLine, SalePayment, StockMove
from desktop.services.shops import closing, products, returns, sales, stock
from desktop.services.shops.returns import refund_share
from desktop.services.shops.sales import CartLine, Payment
from tests.helpers.people import login_as
from tests.helpers.shop import cash_sale, open_shop, shop_user


@pytest.fixture
def world(admin):
    return open_shop(admin)


@pytest.fixture
def clerk_at_till(admin, world):
    return shop_user(admin, world, "till1")


def test_a_sale_with_discounts_and_mixed_payment(clerk_at_till, world):
    """Totals in integer Rials: price × quantity − discount per line; card and cash
    together; the change is cash paid − (total − card)."""
    lines = [CartLine(world.product_ids[0], 3, 50_000), CartLine(world.product_ids[2], 1)]
    expected = 3 * world.prices[0] - 50_000 + world.prices[2]
    sale = sales.sell(
        clerk_at_till,
        world.shop_id,
        lines,
        [Payment("card", 1_000_000, "123456"), Payment("cash", expected - 1_000_000 + 70_000)],
    )
    assert sale.total == expected and isinstance(sale.total, int)
    assert (sale.paid_card, sale.change) == (1_000_000, 70_000)
    assert [line.line_total for line in sale.lines] == [
        3 * world.prices[0] - 50_000,
        world.prices[2],
    ]
    assert sale.number == "TEH05-S1-000001"
    assert products.stock_of(world.product_ids[0]) == 17


def test_sale_numbers_count_up_per_shop(admin, clerk_at_till, world):
    numbers = [cash_sale(clerk_at_till, world, (0, 1)).number for _ in range(3)]
    assert numbers == ["TEH05-S1-000001", "TEH05-S1-000002", "TEH05-S1-000003"]
    other = open_shop(admin, code="S2", producers_count=1)
    assert cash_sale(admin, other, (0, 1)).number == "TEH05-S2-000001"


@pytest.mark.parametrize(
    ("payments", "code"),
    [
        ([Payment("cash", 1)], "payment_short"),
        ([], "payment_short"),
        ([Payment("card", 10**9, "1")], "card_over_total"),
    ],
)
def test_payment_short_or_card_over_the_total_is_refused(clerk_at_till, world, payments, code):
    before = ChangeLog.select().count()
    with pytest.raises(UserError) as refused:
        sales.sell(clerk_at_till, world.shop_id, [CartLine(world.product_ids[0])], payments)
    assert refused.value.code == code
    assert Sale.select().count() == 0 and ChangeLog.select().count() == before


def test_a_card_needs_its_reference(clerk_at_till, world):
    with pytest.raises(ValidationError) as refused:
        sales.sell(
            clerk_at_till, world.shop_id, [CartLine(world.product_ids[0])],
            [Payment("card", world.prices[0], "")],
        )  # fmt: skip
    assert "card_reference" in refused.value.errors


@pytest.mark.parametrize(("quantity", "discount"), [(0, 0), (-1, 0), (1, -5), (1, 10**9)])
def test_bad_quantity_or_discount_is_refused(clerk_at_till, world, quantity, discount):
    with pytest.raises(UserError):
        sales.sell(
            clerk_at_till, world.shop_id, [CartLine(world.product_ids[0], quantity, discount)],
            [Payment("cash", 10**9)],
        )  # fmt: skip
    assert Sale.select().count() == 0


def test_stock_never_goes_below_zero_without_a_supervisors_override(admin, clerk_at_till, world):
    line = [CartLine(world.product_ids[1], 21)]
    pay = [Payment("cash", 21 * world.prices[1])]
    with pytest.raises(UserError) as refused:
        sales.sell(clerk_at_till, world.shop_id, line, pay)
    assert refused.value.code == "not_enough_stock"
    with pytest.raises(PermissionDenied):  # an override is a supervisor's
        sales.sell(clerk_at_till, world.shop_id, line, pay, override_reason="انبار نشمرده")
    supervisor = shop_user(admin, world, "boss", supervisor=True)
    sale = sales.sell(supervisor, world.shop_id, line, pay, override_reason="انبار نشمرده")
    assert products.stock_of(world.product_ids[1]) == -1
    assert Sale.get_by_id(sale.id).override_reason == "انبار نشمرده"


def test_a_sale_keeps_the_price_it_was_sold_at(admin, clerk_at_till, world):
    sale = cash_sale(clerk_at_till, world, (0, 1))
    product = products.list_products(admin, shop=world.shop_code)[0]
    record = next(p for p in products.list_products(admin) if p.id == world.product_ids[0])
    products.update_product(
        admin,
        record.id,
        products.ProductFields(record.name, record.producer_code, 999_000, record.unit),
    )
    assert sales.get_sale(admin, sale.number).lines[0].unit_price == world.prices[0]
    history = products.price_history(admin, record.id)
    assert [price for _, price in history] == [world.prices[0], 999_000]
    assert product.price > 0


def test_void_is_a_supervisors_with_a_reason_and_puts_goods_back(admin, clerk_at_till, world):
    sale = cash_sale(clerk_at_till, world, (0, 2))
    with pytest.raises(PermissionDenied):
        returns.void_sale(clerk_at_till, sale.number, "اشتباه")
    supervisor = shop_user(admin, world, "boss", supervisor=True)
    with pytest.raises(UserError):
        returns.void_sale(supervisor, sale.number, "  ")
    voided = returns.void_sale(supervisor, sale.number, "اشتباه در ثبت")
    assert voided.status == "voided" and products.stock_of(world.product_ids[0]) == 20
    with pytest.raises(UserError) as again:
        returns.void_sale(admin, sale.number, "دوباره")
    assert again.value.code == "already_voided"


def test_returns_refund_their_share_and_restock(clerk_at_till, world):
    sale = sales.sell(
        clerk_at_till, world.shop_id, [CartLine(world.product_ids[0], 3, 100)],
        [Payment("cash", 3 * world.prices[0])],
    )  # fmt: skip
    line_total = 3 * world.prices[0] - 100
    first = returns.return_items(clerk_at_till, sale.number, [(world.barcodes[0], 1)])
    second = returns.return_items(clerk_at_till, sale.number, [(world.barcodes[0], 2)])
    assert first.refund + second.refund == line_total  # never a Rial more or less
    assert first.number == "TEH05-S1-R-000001"
    assert products.stock_of(world.product_ids[0]) == 20
    with pytest.raises(UserError) as too_many:
        returns.return_items(clerk_at_till, sale.number, [(world.barcodes[0], 1)])
    assert too_many.value.code == "too_many"
    with pytest.raises(UserError) as not_in_sale:
        returns.return_items(clerk_at_till, sale.number, [(world.barcodes[1], 1)])
    assert not_in_sale.value.code == "not_in_sale"


def test_a_returned_sale_cannot_be_voided(admin, clerk_at_till, world):
    sale = cash_sale(clerk_at_till, world, (0, 2))
    returns.return_items(clerk_at_till, sale.number, [(world.barcodes[0], 1)])
    with pytest.raises(UserError) as refused:
        returns.void_sale(admin, sale.number, "اشتباه")
    assert refused.value.code == "returned"


@pytest.mark.parametrize(
    ("total", "quantity", "parts"), [(100, 3, [1, 1, 1]), (1_000_001, 7, [2, 3, 2]), (5, 2, [2])]
)
def test_refund_shares_add_up_to_the_line_total(total, quantity, parts):
    before, refunds = 0, []
    for part in parts:
        refunds.append(refund_share(total, quantity, before, part))
        before += part
    assert sum(refunds) == total and all(r >= 0 for r in refunds)


def test_the_daily_close_counts_cash_card_and_refunds(admin, clerk_at_till, world):
    cash = cash_sale(clerk_at_till, world, (0, 1))
    sales.sell(
        clerk_at_till, world.shop_id, [CartLine(world.product_ids[1], 2)],
        [Payment("card", 2 * world.prices[1], "778899")],
    )  # fmt: skip
    returns.return_items(clerk_at_till, cash.number, [(world.barcodes[0], 1)])
    period = closing.open_period(clerk_at_till)
    assert period.expected_cash == 0 and period.card_total == 2 * world.prices[1]
    close = closing.close_day(clerk_at_till, counted_cash=5_000, note="اضافه در صندوق")
    assert (close.sales_count, close.returns_count, close.difference) == (2, 1, 5_000)
    assert close.number == "TEH05-S1-Z-000001"
    with pytest.raises(UserError) as nothing:
        closing.close_day(clerk_at_till, counted_cash=0)
    assert nothing.value.code == "nothing_to_close"
    # After the close, a void is refused (it would change a closed period) …
    with pytest.raises(UserError) as closed:
        returns.void_sale(admin, cash.number, "دیر")
    assert closed.value.code == "closed"
    # … and a sale after it belongs to the next period.
    cash_sale(clerk_at_till, world, (2, 1))
    assert closing.open_period(clerk_at_till).sales_count == 1


def test_stock_notes_and_adjustments(admin, clerk_at_till, world):
    note = stock.receive_stock(clerk_at_till, world.producer_ids[0], [(world.product_ids[0], 5)])
    assert note.number == "TEH05-S1-N-000007"  # six received with the products first
    assert products.stock_of(world.product_ids[0]) == 25
    stock.return_to_producer(clerk_at_till, world.producer_ids[0], [(world.product_ids[0], 25)])
    assert products.stock_of(world.product_ids[0]) == 0
    with pytest.raises(UserError):
        stock.return_to_producer(clerk_at_till, world.producer_ids[0], [(world.product_ids[0], 1)])
    with pytest.raises(UserError):  # another producer's product on this producer's note
        stock.receive_stock(clerk_at_till, world.producer_ids[0], [(world.product_ids[3], 1)])
    with pytest.raises(ValidationError):
        stock.adjust_stock(clerk_at_till, world.product_ids[1], -2, "")
    assert stock.adjust_stock(clerk_at_till, world.product_ids[1], -2, "شکسته") == 18
    kinds = [move.kind for move in stock.stock_moves(clerk_at_till, world.product_ids[1])]
    assert kinds == ["adjusted", "received"]
    low = products.low_stock(admin, shop=world.shop_code, below=1)
    assert [p.id for p in low] == [world.product_ids[0]]


def test_shop_users_see_only_their_shop(admin, world):
    other = open_shop(admin, code="S2", producers_count=1)
    till = shop_user(admin, world, "till1")
    with pytest.raises(PermissionDenied):
        cash_sale(till, other, (0, 1))
    with pytest.raises(PermissionDenied):
        products.list_products(till, shop=other.shop_code)
    assert {p.shop_id for p in products.list_products(till)} == {world.shop_id}
    sale = cash_sale(admin, other, (0, 1))
    with pytest.raises(PermissionDenied):
        sales.get_sale(till, sale.number)
    assert [s.number for s in sales.list_sales(till)] == []


def test_clerks_and_trainers_have_no_shop(admin, world):
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        products.list_products(clerk)
    with pytest.raises(PermissionDenied):
        cash_sale(clerk, world, (0, 1))


def test_barcodes_typed_on_a_persian_layout_are_read_as_meant(clerk_at_till, world):
    persian = world.barcodes[0].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    found = products.product_by_barcode(clerk_at_till, world.shop_id, persian)
    assert found.id == world.product_ids[0]
    with pytest.raises(UserError) as unknown:
        products.product_by_barcode(clerk_at_till, world.shop_id, "0000000000000")
    assert unknown.value.code == "unknown_barcode"


def test_product_search_is_persian_normalised(clerk_at_till, world):
    found = products.search_products(clerk_at_till, world.shop_id, "مرباي")  # Arabic ي
    assert {p.name for p in found} == {"مربای بالنگ 1", "مربای بالنگ 2"}


def test_every_write_of_a_sale_is_in_the_change_log(clerk_at_till, world):
    """The sale, its lines, payments and stock moves: each row logged as written."""
    sale = cash_sale(clerk_at_till, world, (0, 1), (1, 2))
    logged = {
        (entity, entity_id)
        for entity, entity_id in ChangeLog.select(ChangeLog.entity, ChangeLog.entity_id).tuples()
    }
    written = [("sale", sale.id)]
    written += [("sale_line", str(x.id)) for x in SaleLine.select().where(SaleLine.sale == sale.id)]
    written += [
        ("sale_payment", str(x.id)) for x in SalePayment.select().where(SalePayment.sale == sale.id)
    ]
    written += [
        ("stock_move", str(x.id)) for x in StockMove.select().where(StockMove.sale == sale.id)
    ]
    assert len(written) == 1 + 2 + 1 + 2
    assert set(written) <= logged


def test_a_held_cart_survives_until_the_sale(clerk_at_till, world):
    from desktop.services.shops import cart

    lines = [CartLine(world.product_ids[0], 2, 1000), CartLine(world.product_ids[1])]
    cart.hold_cart(clerk_at_till, world.shop_id, lines)
    assert cart.held_cart(clerk_at_till, world.shop_id) == lines
    sales.sell(clerk_at_till, world.shop_id, lines, [Payment("cash", 10**8)])
    assert cart.held_cart(clerk_at_till, world.shop_id) == []


def test_sale_numbers_stay_unique_under_two_tills_at_once(postgres_databases, tmp_path):
    """Two processes selling at once from one shop: every number once, none skipped."""
    import subprocess
    import sys

    from desktop.models.db import close_database
    from desktop.models.opening import open_database
    from tests.factories import set_up_center

    target = postgres_databases.url if postgres_databases else str(tmp_path / "tills.sqlite3")
    open_database(target)
    try:
        admin = set_up_center("admin-pass-1")
        world = open_shop(admin, producers_count=1, stock=100)
    finally:
        close_database()
    command = [sys.executable, "-m", "tests.helpers.till_worker", target, world.shop_id,
               world.product_ids[0], "15", "admin-pass-1"]  # fmt: skip
    tills = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    numbers = [line for till in tills for line in till.communicate(timeout=300)[0].split()]
    assert [till.returncode for till in tills] == [0, 0]
    assert sorted(numbers) == [f"TEH05-S1-{n:06d}" for n in range(1, 31)]
    if postgres_databases:
        postgres_databases.empty()


def test_amounts_past_32_bits_are_kept_whole(admin, clerk_at_till, world):
    """A carpet at 3,000,000,000 Rials: past PostgreSQL's 32-bit INTEGER (migration 0012
    made the money columns 64-bit), on every backend the sale, its close and the
    producer's settlement keep the exact amount."""
    carpet = products.add_product(
        admin,
        products.ProductFields("قالی دستباف", world.producer_codes[0], 3_000_000_000, "عدد"),
        stock=2,
    )
    sale = sales.sell(
        clerk_at_till,
        world.shop_id,
        [CartLine(carpet.id, 2, 1_000)],
        [Payment("card", 2_000_000_000, "556677"), Payment("cash", 4_000_000_000)],
    )
    assert (sale.total, sale.change) == (5_999_999_000, 1_000)
    close = closing.close_day(clerk_at_till, counted_cash=3_999_999_000)
    assert (close.card_total, close.expected_cash, close.difference) == (
        2_000_000_000,
        3_999_999_000,
        0,
    )
    assert Sale.get(Sale.number == sale.number).total == 5_999_999_000


@pytest.mark.parametrize("quantity", [10**19, stock.MAX_QUANTITY + 1, "²", "9" * 5000, True])
def test_a_quantity_past_the_bound_or_not_a_number_is_refused_with_nothing_written(
    admin, clerk_at_till, world, quantity
):
    """A receipt of 10^19 once stopped the app with an OverflowError: every way a
    quantity comes in says it in Persian and writes nothing."""
    supervisor = shop_user(admin, world, "boss", supervisor=True)
    before = ChangeLog.select().count()
    product, producer = world.product_ids[0], world.producer_ids[0]
    with pytest.raises(UserError) as received:
        stock.receive_stock(clerk_at_till, producer, [(product, quantity)])
    with pytest.raises(ValidationError) as adjusted:
        stock.adjust_stock(clerk_at_till, product, quantity, "شمارش")
    with pytest.raises(UserError) as sold:
        sales.sell(supervisor, world.shop_id, [CartLine(product, quantity)],
                   [Payment("cash", 10**9)], override_reason="انبار نشمرده")  # fmt: skip
    assert received.value.code == sold.value.code == "quantity"
    assert "change" in adjusted.value.errors
    assert "۱۰۰٬۰۰۰" in str(received.value) and "۱۰۰٬۰۰۰" in adjusted.value.errors["change"]
    assert ChangeLog.select().count() == before


def test_quantities_up_to_the_bound_in_any_digits(clerk_at_till, world):
    product, producer = world.product_ids[0], world.producer_ids[0]
    start = products.stock_of(product)
    stock.receive_stock(clerk_at_till, producer, [(product, "۱۲")])
    stock.receive_stock(clerk_at_till, producer, [(product, stock.MAX_QUANTITY)])
    assert (
        stock.adjust_stock(clerk_at_till, product, "-۲", "شکسته")
        == start + 12 + stock.MAX_QUANTITY - 2
    )
    # One product on two lines of a note counts as one quantity.
    with pytest.raises(UserError):
        stock.receive_stock(clerk_at_till, producer, [(product, stock.MAX_QUANTITY), (product, 1)])
    with pytest.raises(ValidationError):
        sales.sell(clerk_at_till, world.shop_id, [CartLine(product, 1)], [Payment("cash", 10**30)])
