"""Producers' settlements: the commission rule, the settlement identity for random
sales, returns and voids, and paid periods that never change."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import PermissionDenied, UserError
from desktop.models import Sale, SaleReturn, Settlement, writes
from desktop.services.shops import returns, sales, settlement
from desktop.services.shops.money import commission, parse_percent, percent_text
from desktop.services.shops.sales import CartLine, Payment
from tests.helpers.people import login_as
from tests.helpers.shop import cash_sale, open_shop

TODAY = dt.date.today()
_codes = itertools.count(1)


@pytest.mark.parametrize(
    ("net", "rate", "fee"),
    [
        (1_000_000, 1250, 125_000),
        (4, 1250, 1),  # 0.5 Rial: half up
        (3, 1250, 0),  # 0.375
        (5, 1000, 1),  # 0.5
        (-5, 1000, -1),  # a negative net (returns over sales): half away from zero
        (999_999, 0, 0),
        (777, 10_000, 777),
    ],
)
def test_the_commission_rule(net, rate, fee):
    assert commission(net, rate) == fee


@pytest.mark.parametrize(
    ("text", "bp"), [("12.5", 1250), ("۱۲٫۵", 1250), ("10", 1000), ("0", 0), ("100", 10_000),
                     ("12.345", None), ("101", None), ("-1", None), ("x", None)],
)  # fmt: skip
def test_percent_reading(text, bp):
    assert parse_percent(text) == bp
    if bp is not None:
        assert parse_percent(percent_text(bp)) == bp


operations = st.lists(
    st.one_of(
        st.tuples(st.just("sell"), st.integers(0, 5), st.integers(1, 3), st.integers(0, 100)),
        st.tuples(st.just("return"), st.integers(0, 30), st.integers(0, 5), st.integers(1, 3)),
        st.tuples(st.just("void"), st.integers(0, 30), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations)
def test_the_settlement_identity(admin, ops):
    """Σ due + Σ commission = Σ gross − Σ returns, per producer and in total; gross is
    what the producer's lines sold for in sales not voided, returns what was refunded."""
    world = open_shop(admin, code=f"X{next(_codes)}", producers_count=3, stock=50)
    made: list[str] = []
    expected_gross = dict.fromkeys(world.producer_ids, 0)
    expected_returns = dict.fromkeys(world.producer_ids, 0)
    line_producer: dict[str, str] = {}
    for kind, a, b, c in ops:
        if kind == "sell":
            product = world.product_ids[a]
            discount = c * 1000
            sale = sales.sell(
                admin, world.shop_id, [CartLine(product, b, discount)], [Payment("cash", 10**9)]
            )
            made.append(sale.number)
            expected_gross[world.producer_ids[a // 3]] += sale.total
            line_producer[sale.lines[0].barcode] = world.producer_ids[a // 3]
        elif made:
            number = made[a % len(made)]
            record = sales.get_sale(admin, number)
            try:
                if kind == "void":
                    returns.void_sale(admin, number, "اشتباه")
                    expected_gross[line_producer[record.lines[0].barcode]] -= record.total
                else:
                    done = returns.return_items(admin, number, [(record.lines[0].barcode, c)])
                    expected_returns[line_producer[record.lines[0].barcode]] += done.refund
            except UserError:
                pass  # voided, returned already, or more than is left
    rows = settlement.settlement(admin, TODAY, TODAY, shop=world.shop_code)
    by_producer = {row.producer_id: row for row in rows}
    for producer in world.producer_ids:
        row = by_producer.get(producer)
        gross, back = expected_gross[producer], expected_returns[producer]
        if row is None:
            assert gross == back == 0
            continue
        assert (row.gross, row.returns) == (gross, back)
        assert row.due + row.commission == row.gross - row.returns
        rate = 1250 if world.producer_ids.index(producer) % 2 == 0 else 1000
        assert row.commission == commission(gross - back, rate)
    assert sum(r.due + r.commission for r in rows) == sum(r.gross - r.returns for r in rows)


def test_commission_uses_each_lines_rate(admin):
    world = open_shop(admin, producers_count=2)
    cash_sale(admin, world, (0, 1), (3, 1))
    rows = {r.producer_id: r for r in settlement.settlement(admin, TODAY, TODAY)}
    first, second = rows[world.producer_ids[0]], rows[world.producer_ids[1]]
    assert first.commission == commission(first.gross, 1250)  # 12.5 %
    assert second.commission == commission(second.gross, 1000)  # 10 %


def test_a_paid_period_never_changes_and_a_later_return_carries_over(admin):
    world = open_shop(admin, producers_count=1)
    sale = cash_sale(admin, world, (0, 2))
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    with pytest.raises(UserError) as open_period:
        settlement.record_payment(
            admin, world.producer_codes[0], TODAY, TODAY, paid_on=TODAY, bank_reference="1"
        )
    assert open_period.value.code == "period_open"
    paid = settlement.record_payment(
        admin, world.producer_codes[0], TODAY, TODAY, paid_on=TODAY,
        bank_reference="ب-۷۷۸", today=tomorrow,
    )  # fmt: skip
    assert paid.paid_on == TODAY and paid.bank_reference == "ب-778"
    with pytest.raises(UserError) as twice:
        settlement.record_payment(
            admin, world.producer_codes[0], yesterday, TODAY, paid_on=TODAY,
            bank_reference="2", today=tomorrow,
        )  # fmt: skip
    assert twice.value.code == "already_paid"
    # A return the next day lands on the next statement; the paid one stays as paid.
    back = returns.return_items(admin, sale.number, [(world.barcodes[0], 1)])
    row = SaleReturn.get_by_id(back.id)
    with writes.unlogged("test: the return was made the next day"):
        SaleReturn.update(returned_at=row.returned_at + dt.timedelta(days=1)).execute()
    again = settlement.settlement(admin, TODAY, TODAY)[0]
    assert (again.gross, again.returns, again.due) == (paid.gross, paid.returns, paid.due)
    later = settlement.settlement(admin, tomorrow, tomorrow)[0]
    assert (later.gross, later.returns) == (0, back.refund)
    assert later.due == -(back.refund - commission(back.refund, 1250))  # deducted next time
    assert Settlement.select().count() == 1


def test_only_an_admin_records_a_payment(admin):
    world = open_shop(admin, producers_count=1)
    cash_sale(admin, world, (0, 1))
    clerk = login_as(admin, "clerk2", "clerk")
    with pytest.raises(PermissionDenied):
        settlement.record_payment(
            clerk, world.producer_codes[0], TODAY, TODAY, paid_on=TODAY, bank_reference="1",
            today=TODAY + dt.timedelta(days=1),
        )  # fmt: skip
    assert Sale.select().count() == 1
