"""The demo shops (desktop/services/demo_shop.py): made through the shop services,
dated in the past with every invariant kept, never in the change log, and ready for
the demo shop user to sell at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from desktop.models import (
    Applicant,
    Category,
    ChangeLog,
    DailyClose,
    Producer,
    Product,
    Sale,
    SalePayment,
    SaleReturn,
    Settlement,
    Shop,
    User,
    db,
)
from desktop.models.base import tuples
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.models.shop import SHOP_MODELS
from desktop.services import auth, demo
from desktop.services.demo_shop import DEMO_SELLER, DemoShops, create_demo_shops
from desktop.services.session import Session
from desktop.services.setup import admin_session, initialise_center
from desktop.services.shops import closing, products, sales, settlement
from desktop.services.shops.identifiers import clean_iban
from desktop.services.shops.levels import stock_levels
from desktop.services.shops.sales import CartLine, Payment
from desktop.text.jalali import local_time

PASSWORD = "demo-pass-1"


def demo_center(applicants: int) -> Session:
    open_database(":memory:")
    initialise_center(
        center_code="DEMO01", center_name="مرکز نمونه", admin_username="admin",
        admin_display_name="مدیر", password=PASSWORD, city="تهران",
    )  # fmt: skip
    session = admin_session()
    demo.create_demo_applicants(session, applicants, seed=0)
    return session


@pytest.fixture(scope="module")
def made() -> Iterator[tuple[DemoShops, int]]:
    """One demo center with its shops for the module (a few seconds to make): the tests
    read it; the one that sells comes last."""
    session = demo_center(150)
    logged_before = ChangeLog.last_seq(session.center_code)
    try:
        yield create_demo_shops(session, password=PASSWORD), logged_before
    finally:
        close_database()


@pytest.fixture
def admin(made: tuple[DemoShops, int]) -> Session:
    return admin_session()


# Before the module's demo center is made: it opens databases of its own.
def test_same_seed_same_demo_shops():
    def build(seed: int) -> list[object]:
        session = demo_center(60)
        try:
            create_demo_shops(session, seed=seed, password=PASSWORD)
            producers = tuples(
                Producer.select(Producer.code, Producer.iban, Applicant.national_code)
                .join(Applicant)
                .order_by(Producer.number)
            )
            sold = tuples(Sale.select(Sale.number, Sale.total, Sale.status).order_by(Sale.number))
            return [producers, sold, sorted(tuples(Product.select(Product.barcode)))]
        finally:
            close_database()

    first = build(0)
    assert first == build(0)
    assert len(first[1]) >= 150  # the sales, numbers and totals


def test_demo_makes_shops_producers_products_and_weeks_of_trade(admin, made):
    shops, _ = made
    assert shops.shops == ("S1", "S2")
    for shop in Shop.select():
        assert shop.name and shop.address and shop.receipt_footer
    assert 8 <= shops.producers == Producer.select().count() <= 15
    assert 40 <= shops.products == Product.select().count() <= 80
    # Producers are demo people who run (or could run) a home business, paid by IBAN.
    wanted = Category.ENTREPRENEUR.bit | Category.SKILLED_NO_CAPITAL.bit
    for producer in Producer.select():
        assert Applicant.get_by_id(producer.applicant_id).category_flags & wanted
        assert clean_iban(producer.iban) == (producer.iban, None)
    barcodes = [barcode for (barcode,) in tuples(Product.select(Product.barcode))]
    makers = [code for code in barcodes if code.startswith("626")]
    assert 0 < len(makers) < len(barcodes) / 2  # most codes are the center's own
    assert all(value >= 0 for value in stock_levels(Product.select(Product.id)).values())
    # Weeks of past trade: cash, card and both; discounts; voids and returns.
    today = dt.datetime.combine(dt.date.today(), dt.time()).astimezone(dt.UTC)
    moments = [moment for (moment,) in tuples(Sale.select(Sale.sold_at))]
    assert len(moments) == shops.sales >= 150
    assert max(moments) < today.replace(tzinfo=None)
    assert len({moment.date() for moment in moments}) >= 18
    methods = {}
    for sale_id, method in tuples(SalePayment.select(SalePayment.sale, SalePayment.method)):
        methods.setdefault(sale_id, set()).add(method)
    assert {frozenset(found) for found in methods.values()} == {
        frozenset({"cash"}), frozenset({"card"}), frozenset({"cash", "card"}),
    }  # fmt: skip
    assert db.execute_sql("SELECT count(*) FROM sale_line WHERE discount > 0").fetchone()[0]
    assert Sale.select().where(Sale.status == "voided").count() == shops.voided >= 1
    assert SaleReturn.select().count() == shops.returns >= 3


def test_each_demo_close_counts_only_what_came_before_it(made):
    shops, _ = made
    closes = list(DailyClose.select())
    assert len(closes) == shops.closes >= 30
    today = dt.datetime.combine(dt.date.today(), dt.time()).astimezone(dt.UTC)
    before_today = Sale.sold_at < today.replace(tzinfo=None)
    unclosed = Sale.select().where(before_today & (Sale.day_close == ""))
    assert unclosed.count() == 0  # every past day closed
    for close in closes:
        counted = list(Sale.select().where(Sale.day_close == str(close.id)))
        back = list(SaleReturn.select().where(SaleReturn.day_close == str(close.id)))
        assert all(sale.sold_at < close.closed_at for sale in counted)
        assert all(row.returned_at < close.closed_at for row in back)
        # A close is one evening's: everything it counts is of that day.
        evening = local_time(close.closed_at).date()
        assert {local_time(sale.sold_at).date() for sale in counted} <= {evening}
        sold = [sale for sale in counted if sale.status == "sold"]
        assert close.sales_total == sum(sale.total for sale in sold)
        assert close.expected_cash == sum(s.paid_cash - s.change for s in sold) - sum(
            row.refund for row in back
        )
    for row in SaleReturn.select():
        assert row.sale.sold_at < row.returned_at


def test_the_settlement_identity_holds_on_demo_data(admin, made):
    shops, _ = made
    paid = list(Settlement.select())
    assert len(paid) == shops.settlements >= 8
    assert {(row.period_from, row.period_to) for row in paid} == {(shops.paid_from, shops.paid_to)}
    assert all(row.period_to < row.paid_on < dt.date.today() for row in paid)
    assert shops.paid_to is not None and shops.paid_from is not None
    periods = [
        (shops.paid_from, shops.paid_to),  # paid: the figures as paid
        (shops.paid_to + dt.timedelta(days=1), dt.date.today()),  # open, carry-overs in it
        (shops.paid_from, dt.date.today()),
    ]
    for date_from, date_to in periods:
        rows = settlement.settlement(admin, date_from, date_to)
        assert rows
        for row in rows:
            assert row.due + row.commission == row.gross - row.returns
        assert sum(r.due + r.commission for r in rows) == sum(r.gross - r.returns for r in rows)
    paid_rows = settlement.settlement(admin, shops.paid_from, shops.paid_to)
    assert all(row.paid_on and row.bank_reference for row in paid_rows)


def test_nothing_of_the_demo_shops_is_in_the_change_log(made):
    _, logged_before = made
    shop_tables = [model._meta.table_name for model in SHOP_MODELS]
    assert ChangeLog.select().where(ChangeLog.entity.in_(shop_tables)).count() == 0
    # Only the demo users were logged (accounts are not demo data); their shop was not.
    since = ChangeLog.select().where(ChangeLog.seq > logged_before)
    assert {row.entity for row in since} <= {"user"}
    seller = User.get(User.username == DEMO_SELLER)
    assert all(str(seller.shop) not in row.data for row in since)


def test_the_demo_shop_user_logs_in_and_sells_at_once(made):
    shops, _ = made
    assert shops.seller == DEMO_SELLER
    till = auth.login(DEMO_SELLER, PASSWORD)
    first = Shop.get(Shop.code == "S1")
    assert (till.shop_id, till.supervisor) == (str(first.id), True)
    on_shelf = [p for p in products.list_products(till) if p.stock > 0 and p.active]
    assert len(on_shelf) >= 30 and {p.shop_id for p in on_shelf} == {str(first.id)}
    found = products.product_by_barcode(till, till.shop_id, on_shelf[0].barcode)
    cart = [CartLine(found.id, 1)]
    total = sales.price_cart(till, till.shop_id, cart).total
    logged = ChangeLog.select().count()
    sale = sales.sell(till, till.shop_id, cart, [Payment("cash", total + 50_000)])
    assert sale.change == 50_000
    assert sale.number.endswith(f"-S1-{Sale.select().where(Sale.shop == first.id).count():06d}")
    assert ChangeLog.select().count() > logged  # work in a training database is logged
    assert closing.open_period(till).sales_count == 1  # today's period is the new sale's
