"""Sales of the pilot shops in the period: per shop, producer, product category and
month; the top products; what producers earned and were paid; the returns rate.

- A sale counts on the local day it was rung up; voided sales do not count.
- Amounts are line totals after discounts (a sale's total is their sum).
- `sales` (per shop, center and month) counts sales; `lines` (per producer, category
  and product) counts the sale lines of their goods — a sale of two of a producer's
  products is one sale and two lines.
- Returns count on the day the goods came back (their refunds), under the returned
  goods' product; the returns rate is returns against sales of the same period.
- A producer's commission and earnings follow the settlement rule
  (services/shops/money.py): commission on the net (sales − returns) at each rate the
  lines were sold at, rounded half up per rate; earnings are the net less it. Paid is
  what settlements paid in the period.

How: the period's sale lines are read once, grouped by center, product, rate and
Jalali month (the "facts"); every table is a sum of those rows by the product's shop,
producer or category (a few thousand products, read once), so a million sales take
one pass, not one per table. Sales per shop and month come from the sales themselves.

A shop user sees their own shop's figures. Shops serve a whole center: a district is
refused here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.errors import UserError
from desktop.services.reports.core import (
    Chart,
    Column,
    Month,
    Report,
    Scope,
    Table,
    in_period,
    month_bucket,
    percent,
    run,
    uuid_param,
)
from desktop.services.reports.derived import fresh_sales
from desktop.services.shops.money import commission
from desktop.strings.reports import Reports
from desktop.text.collation import primary_key

TOP_PRODUCTS = 20


def sales(scope: Scope, *, hq: bool, today: dt.date, shop: str = "") -> Report:
    del today
    if scope.district is not None:
        raise UserError(Reports.NO_DISTRICT, code="no_district")
    facts = _Facts(scope, shop)
    tables = [_by_shop(facts)]
    if hq:
        tables.append(_by_center(facts))
    tables += [_by_producer(facts), _by_category(facts), _by_month(facts), _top_products(facts)]
    months = tables[-2].rows
    chart = Chart(
        "bars", Reports.SALES, [row["label"] for row in months], [row["amount"] for row in months]
    )
    return Report("sales", Reports.SALES, scope, tables, chart)


@dataclass
class _Sold:
    lines: int = 0
    quantity: int = 0
    amount: int = 0
    returns: int = 0

    def add(self, other: _Sold) -> None:
        self.lines += other.lines
        self.quantity += other.quantity
        self.amount += other.amount
        self.returns += other.returns


@dataclass(frozen=True)
class _Product:
    shop: str
    producer: str
    category: str
    barcode: str
    name: str


class _Facts:
    """The period's lines and returns summed by (center, product, rate) and by month, the
    sales counted by (center, shop, month), and the products, shops and producers."""

    def __init__(self, scope: Scope, shop: str, *, summaries: bool = True) -> None:
        self.scope = scope
        self.shop = _key(uuid_param(shop)) if shop else ""
        self.where, self.params = scope.filters("s")
        if shop:
            self.where += " AND s.shop_id = ?"
            self.params.append(uuid_param(shop))
        self.case, self.bounds, self.months = month_bucket("s.sold_at", scope, timestamps=True)
        # (center, product, rate) → the period's lines; month → the month's, all products.
        self.sold: dict[tuple[str, str, int], _Sold] = defaultdict(_Sold)
        self.monthly: dict[int, _Sold] = defaultdict(_Sold)
        self.sales: dict[tuple[str, str, int], int] = defaultdict(int)
        # Whole months from the monthly summaries (kept up to date first); the period's
        # partial months at either end from the lines themselves.
        whole = [m for m in self.months if scope.start <= m.first and m.last <= scope.end]
        if summaries and whole:
            fresh_sales()
            self._summed(whole)
            if scope.start < whole[0].first:
                self._read(scope.start, whole[0].first - dt.timedelta(days=1))
            if whole[-1].last < scope.end:
                self._read(whole[-1].last + dt.timedelta(days=1), scope.end)
        else:
            self._read(scope.start, scope.end)
        self.products = {
            _key(pid): _Product(_key(shop_id), _key(producer), category or "", barcode, name)
            for pid, shop_id, producer, category, barcode, name in run(
                "SELECT id, shop_id, producer_id, category, barcode, name FROM product"
            )
        }
        self.shops = {
            _key(sid): (code, name) for sid, code, name in run("SELECT id, code, name FROM shop")
        }
        self.producers = {
            _key(pid): (code, name)
            for pid, code, name in run("SELECT id, code, business_name FROM producer")
        }

    def _summed(self, whole: list[Month]) -> None:
        index = {month.key: n for n, month in enumerate(self.months)}
        keys = ", ".join(f"'{month.key}'" for month in whole)  # made here, not input
        where, params = self.scope.filters("r")
        shop_where, shop_params = where, list(params)
        if self.shop:
            where += " AND r.product_id IN (SELECT id FROM product WHERE shop_id = ?)"
            shop_where += " AND r.shop_id = ?"
            params.append(uuid_param(self.shop))
            shop_params.append(uuid_param(self.shop))
        sums = "SUM(lines), SUM(quantity), SUM(amount), SUM(refunds)"
        # Summed by the database: a row a product (not a product a month), and a row a month.
        for center, product, rate, lines, quantity, amount, refunds in run(
            f"SELECT center_code, CAST(product_id AS TEXT), commission_bp, {sums} FROM "
            f"report_sales r WHERE month IN ({keys}){where} "
            "GROUP BY center_code, product_id, commission_bp",
            params,
        ):
            key = (center, _key(product), int(rate))
            self.sold[key].add(_Sold(int(lines), int(quantity), int(amount), int(refunds)))
        for month, lines, quantity, amount, refunds in run(
            f"SELECT month, {sums} FROM report_sales r WHERE month IN ({keys}){where} "
            "GROUP BY month",
            params,
        ):
            self.monthly[index[month]].add(
                _Sold(int(lines), int(quantity), int(amount), int(refunds))
            )
        for month, center, shop_id, count in run(
            "SELECT month, center_code, CAST(shop_id AS TEXT), sales FROM report_shop_sales r "
            f"WHERE month IN ({keys}){shop_where}",
            shop_params,
        ):
            self.sales[center, _key(shop_id), index[month]] += int(count)

    def _read(self, first: dt.date, last: dt.date) -> None:
        """Add the lines, returns and sales of local days `first` … `last`."""
        days = Scope(first, last, self.scope.district, self.scope.center)
        case, bounds, where, params = self.case, self.bounds, self.where, self.params
        period, dates = in_period("s.sold_at", days, timestamps=True)
        for center, product, rate, month, lines, quantity, amount in run(
            f"SELECT center_code, product_id, commission_bp, m, COUNT(*), SUM(quantity), "
            f"SUM(line_total) FROM (SELECT s.center_code, l.product_id, l.commission_bp, "
            f"{case} AS m, l.quantity, l.line_total FROM sale_line l JOIN sale s ON "
            f"s.id = l.sale_id WHERE NOT l.deleted AND NOT s.deleted AND s.status = 'sold'"
            f"{period}{where}) x GROUP BY center_code, product_id, commission_bp, m",
            [*bounds, *dates, *params],
        ):
            sold = _Sold(int(lines), int(quantity or 0), int(amount or 0))
            self.sold[center, _key(product), int(rate)].add(sold)
            self.monthly[int(month)].add(sold)
        back_case, back_bounds, _ = month_bucket("t.returned_at", self.scope, timestamps=True)
        back_period, back_dates = in_period("t.returned_at", days, timestamps=True)
        for center, product, rate, month, refunds in run(
            f"SELECT center_code, product_id, commission_bp, m, SUM(refund) FROM (SELECT "
            f"t.center_code, l.product_id, l.commission_bp, {back_case} AS m, n.refund FROM "
            "return_line n JOIN sale_return t ON t.id = n.sale_return_id JOIN sale_line l ON "
            f"l.id = n.sale_line_id WHERE NOT n.deleted AND NOT t.deleted{back_period}"
            f"{where.replace('s.', 't.')}) x GROUP BY center_code, product_id, commission_bp, m",
            [*back_bounds, *back_dates, *params],
        ):
            self.sold[center, _key(product), int(rate)].returns += int(refunds or 0)
            self.monthly[int(month)].returns += int(refunds or 0)
        for center, shop_id, month, count in run(
            f"SELECT center_code, shop_id, m, COUNT(*) FROM (SELECT s.center_code, "
            f"s.shop_id, {case} AS m FROM sale s WHERE NOT s.deleted AND s.status = 'sold'"
            f"{period}{where}) x GROUP BY center_code, shop_id, m",
            [*bounds, *dates, *params],
        ):
            self.sales[center, _key(shop_id), int(month)] += int(count)

    def by(self, group: Callable[[str, _Product, int], Any]) -> dict[Any, _Sold]:
        """The period's lines summed by `group(center, product, rate)`."""
        found: dict[Any, _Sold] = defaultdict(_Sold)
        for (center, product, rate), sold in self.sold.items():
            found[group(center, self.products[product], rate)].add(sold)
        return found

    def sales_by(self, group: Callable[[str, str, int], Any]) -> dict[Any, int]:
        found: dict[Any, int] = defaultdict(int)
        for (center, shop, month), count in self.sales.items():
            found[group(center, shop, month)] += count
        return found


def _key(value: Any) -> str:
    """An id as one string on both backends (SQLite keeps 32 hex digits)."""
    return "" if value is None else str(value).replace("-", "")


_MONEY = [
    Column("quantity", Reports.QUANTITY),
    Column("amount", Reports.AMOUNT, "money"),
    Column("returns", Reports.RETURNS, "money"),
    Column("returns_rate", Reports.RETURNS_RATE, "percent"),
    Column("net", Reports.NET, "money"),
]
_SALES = Column("sales", Reports.SALES_COUNT)
_LINES = Column("lines", Reports.LINES)


def _money(sold: _Sold) -> dict[str, Any]:
    return {
        "quantity": sold.quantity,
        "amount": sold.amount,
        "returns": sold.returns,
        "returns_rate": percent(sold.returns, sold.amount),
        "net": sold.amount - sold.returns,
    }


def _by_shop(facts: _Facts) -> Table:
    sold = facts.by(lambda _c, product, _r: product.shop)
    counts = facts.sales_by(lambda _c, shop, _m: shop)
    rows = []
    for shop in sorted(sold.keys() | counts.keys(), key=lambda s: facts.shops.get(s, ("", ""))[0]):
        code, name = facts.shops.get(shop, ("", ""))
        rows.append(
            {
                "shop": code,
                "label": f"{name} ({code})",
                "sales": counts.get(shop, 0),
                **_money(sold.get(shop, _Sold())),
            }
        )
    return Table(
        "by_shop", Reports.BY_SHOP, [Column("label", Reports.SHOP, "text"), _SALES, *_MONEY], rows
    )


def _by_center(facts: _Facts) -> Table:
    sold = facts.by(lambda center, _p, _r: center)
    counts = facts.sales_by(lambda center, _s, _m: center)
    rows = [
        {
            "center": center,
            "label": center,
            "sales": counts.get(center, 0),
            **_money(sold.get(center, _Sold())),
        }
        for center in sorted(sold.keys() | counts.keys())
    ]
    return Table(
        "by_center",
        Reports.BY_CENTER,
        [Column("label", Reports.CENTER, "text"), _SALES, *_MONEY],
        rows,
    )


def _by_producer(facts: _Facts) -> Table:
    """Per producer: sales and returns, and the commission and earnings at each rate."""
    by_rate = facts.by(lambda _c, product, rate: (product.producer, rate))
    paid = _paid(facts)
    totals: dict[str, _Sold] = defaultdict(_Sold)
    fees: dict[str, int] = defaultdict(int)
    for (producer, rate), sold in by_rate.items():
        totals[producer].add(sold)
        fees[producer] += commission(sold.amount - sold.returns, rate)
    rows = []
    for producer, sold in totals.items():
        code, name = facts.producers.get(producer, ("", ""))
        money = _money(sold)
        rows.append(
            {
                "producer": code,
                "label": f"{name} ({code})",
                "lines": sold.lines,
                **money,
                "commission": fees[producer],
                "earnings": money["net"] - fees[producer],
                "paid": paid.get(code, 0),
            }
        )
    rows.sort(key=lambda row: (-int(row["amount"]), row["producer"]))
    columns = [
        Column("label", Reports.PRODUCER, "text"),
        _LINES,
        *_MONEY,
        Column("commission", Reports.COMMISSION, "money"),
        Column("earnings", Reports.EARNINGS, "money"),
        Column("paid", Reports.PAID, "money"),
    ]
    return Table("by_producer", Reports.BY_PRODUCER, columns, rows)


def _paid(facts: _Facts) -> dict[str, int]:
    """{producer code: what settlements paid in the period}."""
    where, params = facts.scope.filters("t")
    if facts.shop:
        where += " AND r.shop_id = ?"
        params.append(uuid_param(facts.shop))
    rows = run(
        "SELECT r.code, SUM(t.due) FROM settlement t JOIN producer r ON r.id = t.producer_id "
        f"WHERE NOT t.deleted AND t.paid_on >= ? AND t.paid_on <= ?{where} GROUP BY r.code",
        [facts.scope.start, facts.scope.end, *params],
    )
    return {code: int(due or 0) for code, due in rows}


def _by_category(facts: _Facts) -> Table:
    sold = facts.by(lambda _c, product, _r: product.category)
    rows = [
        {"category": category, "label": category or Reports.UNKNOWN, "lines": s.lines, **_money(s)}
        for category, s in sold.items()
    ]
    rows.sort(key=lambda row: (-int(row["amount"]), primary_key(row["label"])))
    columns = [Column("label", Reports.PRODUCT_CATEGORY, "text"), _LINES, *_MONEY]
    return Table("by_category", Reports.BY_PRODUCT_CATEGORY, columns, rows)


def _by_month(facts: _Facts) -> Table:
    sold = facts.monthly
    counts = facts.sales_by(lambda _c, _s, month: month)
    rows = [
        _month_row(month, counts.get(index, 0), sold.get(index, _Sold()))
        for index, month in enumerate(facts.months)
    ]
    while rows and not (rows[-1]["sales"] or rows[-1]["returns"]):
        rows.pop()  # the months after the last sale: a long period shows no empty tail
    while rows and not (rows[0]["sales"] or rows[0]["returns"]):
        rows.pop(0)
    columns = [Column("label", Reports.MONTH, "text"), _SALES, *_MONEY]
    return Table("by_month", Reports.BY_MONTH, columns, rows)


def _month_row(month: Month, count: int, sold: _Sold) -> dict[str, Any]:
    return {"month": month.key, "label": month.title, "sales": count, **_money(sold)}


def _top_products(facts: _Facts) -> Table:
    sold = facts.by(lambda _c, product, _r: (product.barcode, product.name))
    rows = [
        {
            "barcode": barcode,
            "label": name,
            "lines": s.lines,
            "quantity": s.quantity,
            "amount": s.amount,
        }
        for (barcode, name), s in sold.items()
        if s.lines
    ]
    rows.sort(key=lambda row: (-row["amount"], row["barcode"]))
    columns = [
        Column("barcode", Reports.BARCODE, "code"),
        Column("label", Reports.PRODUCT, "text"),
        _LINES,
        Column("quantity", Reports.QUANTITY),
        Column("amount", Reports.AMOUNT, "money"),
    ]
    return Table("top_products", Reports.TOP_PRODUCTS, columns, rows[:TOP_PRODUCTS])
