"""Sales of the pilot shops in the period: per shop, producer, product category and
month; the top products; what producers earned and were paid; the returns rate.

- A sale counts on the local day it was rung up; voided sales do not count.
- Amounts are line totals after discounts (a sale's total is their sum).
- Returns count on the day the goods came back (their refunds); the returns rate is
  returns against sales of the same period.
- A producer's commission and earnings follow the settlement rule
  (services/shops/money.py): commission on the net (sales − returns) at each rate the
  lines were sold at, rounded half up per rate; earnings are the net less it. Paid is
  what settlements paid in the period.

A shop user sees their own shop's figures. Shops serve a whole center: a district is
refused here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from desktop.errors import UserError
from desktop.services.reports.core import (
    Chart,
    Column,
    Report,
    Scope,
    Table,
    in_period,
    month_bucket,
    percent,
    run,
    uuid_param,
)
from desktop.services.shops.money import commission
from desktop.strings.reports import Reports
from desktop.text.collation import primary_key

TOP_PRODUCTS = 20


def sales(scope: Scope, *, hq: bool, today: dt.date, shop: str = "") -> Report:
    del today
    if scope.district is not None:
        raise UserError(Reports.NO_DISTRICT, code="no_district")
    lines = _Lines(scope, shop)
    tables = [_by_shop(lines)]
    if hq:
        tables.append(_by_center(lines))
    tables += [_by_producer(lines), _by_category(lines), _by_month(lines), _top_products(lines)]
    months = tables[-2].rows
    chart = Chart(
        "bars", Reports.SALES, [row["label"] for row in months], [row["amount"] for row in months]
    )
    return Report("sales", Reports.SALES, scope, tables, chart)


class _Lines:
    """The period's sale lines and return lines, grouped by what a table asks."""

    def __init__(self, scope: Scope, shop: str) -> None:
        self.scope = scope
        self.shop = shop

    def _where(self, alias: str) -> tuple[str, list[Any]]:
        where, params = self.scope.filters(alias)
        if self.shop:
            where += f" AND {alias}.shop_id = ?"
            params.append(uuid_param(self.shop))
        return where, params

    def sold(self, group: str, extra: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """(group, sales, quantity, amount) of sale lines in the period."""
        where, params = self._where("s")
        period, dates = in_period("s.sold_at", self.scope, timestamps=True)
        return run(
            f"SELECT g, COUNT(DISTINCT sale_id), SUM(quantity), SUM(line_total) FROM ("
            f"SELECT {group} AS g, l.sale_id, l.quantity, l.line_total FROM sale_line l "
            "JOIN sale s ON s.id = l.sale_id JOIN product p ON p.id = l.product_id "
            "JOIN producer r ON r.id = l.producer_id JOIN shop h ON h.id = s.shop_id "
            f"WHERE NOT l.deleted AND NOT s.deleted AND s.status = 'sold'{period}{where}"
            ") x GROUP BY g",
            [*(extra or []), *dates, *params],
        )

    def returned(self, group: str, extra: list[Any] | None = None) -> dict[Any, int]:
        """{group: refunds} of return lines in the period."""
        where, params = self._where("t")
        period, dates = in_period("t.returned_at", self.scope, timestamps=True)
        rows = run(
            f"SELECT g, SUM(refund) FROM (SELECT {group} AS g, n.refund FROM return_line n "
            "JOIN sale_return t ON t.id = n.sale_return_id "
            "JOIN sale_line l ON l.id = n.sale_line_id JOIN sale s ON s.id = l.sale_id "
            "JOIN product p ON p.id = l.product_id JOIN producer r ON r.id = l.producer_id "
            "JOIN shop h ON h.id = t.shop_id "
            f"WHERE NOT n.deleted AND NOT t.deleted{period}{where}) x GROUP BY g",
            [*(extra or []), *dates, *params],
        )
        return {g: int(refunds or 0) for g, refunds in rows}


_MONEY = [
    Column("sales", Reports.SALES_COUNT),
    Column("quantity", Reports.QUANTITY),
    Column("amount", Reports.AMOUNT, "money"),
    Column("returns", Reports.RETURNS, "money"),
    Column("returns_rate", Reports.RETURNS_RATE, "percent"),
    Column("net", Reports.NET, "money"),
]


def _rows(
    lines: _Lines, group: str, key: str, label: Any, extra: list[Any] | None = None
) -> list[dict[str, Any]]:
    returns = lines.returned(group, extra)
    rows = []
    seen = set()
    for value, count, quantity, amount in lines.sold(group, extra):
        seen.add(value)
        back = returns.get(value, 0)
        rows.append(
            _money_row(
                key, value, label(value), int(count), int(quantity or 0), int(amount or 0), back
            )
        )
    for value, back in returns.items():  # returned in the period, sold before it
        if value not in seen:
            rows.append(_money_row(key, value, label(value), 0, 0, 0, back))
    return rows


def _money_row(
    key: str, value: Any, label: str, count: int, quantity: int, amount: int, back: int
) -> dict[str, Any]:
    return {
        key: value,
        "label": label,
        "sales": count,
        "quantity": quantity,
        "amount": amount,
        "returns": back,
        "returns_rate": percent(back, amount),
        "net": amount - back,
    }


def _by_shop(lines: _Lines) -> Table:
    names = {}
    for code, name in run("SELECT code, name FROM shop WHERE NOT deleted"):
        names[code] = f"{name} ({code})"
    rows = _rows(lines, "h.code", "shop", lambda code: names.get(code, str(code)))
    rows.sort(key=lambda row: row["shop"])
    return Table("by_shop", Reports.BY_SHOP, [Column("label", Reports.SHOP, "text"), *_MONEY], rows)


def _by_center(lines: _Lines) -> Table:
    rows = _rows(lines, "s.center_code", "center", str)
    rows.sort(key=lambda row: row["center"])
    return Table(
        "by_center", Reports.BY_CENTER, [Column("label", Reports.CENTER, "text"), *_MONEY], rows
    )


def _by_producer(lines: _Lines) -> Table:
    """Per producer: sales and returns, and the commission and earnings at each rate."""
    rated = "r.code || ' ' || CAST(l.commission_bp AS TEXT)"
    sold = {g: (int(c), int(q or 0), int(a or 0)) for g, c, q, a in lines.sold(rated)}
    back = lines.returned(rated)
    names = dict(run("SELECT code, business_name FROM producer WHERE NOT deleted"))
    paid = _paid(lines)
    figures: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key in sold.keys() | back.keys():
        code, rate = key.rsplit(" ", 1)
        count, quantity, amount = sold.get(key, (0, 0, 0))
        returned = back.get(key, 0)
        row = figures[code]
        row["sales"] += count  # a sale with lines at two rates counts twice: rare
        row["quantity"] += quantity
        row["amount"] += amount
        row["returns"] += returned
        row["commission"] += commission(amount - returned, int(rate))
    rows: list[dict[str, Any]] = []
    for code, row in figures.items():
        net = row["amount"] - row["returns"]
        rows.append(
            {
                "producer": code,
                "label": f"{names.get(code, '')} ({code})",
                **row,
                "returns_rate": percent(row["returns"], row["amount"]),
                "net": net,
                "earnings": net - row["commission"],
                "paid": paid.get(code, 0),
            }
        )
    rows.sort(key=lambda row: -int(row["amount"]))
    columns = [
        Column("label", Reports.PRODUCER, "text"),
        *_MONEY,
        Column("commission", Reports.COMMISSION, "money"),
        Column("earnings", Reports.EARNINGS, "money"),
        Column("paid", Reports.PAID, "money"),
    ]
    return Table("by_producer", Reports.BY_PRODUCER, columns, rows)


def _paid(lines: _Lines) -> dict[str, int]:
    """{producer code: what settlements paid in the period}."""
    where, params = lines.scope.filters("t")
    if lines.shop:
        where += " AND r.shop_id = ?"
        params.append(uuid_param(lines.shop))
    rows = run(
        "SELECT r.code, SUM(t.due) FROM settlement t JOIN producer r ON r.id = t.producer_id "
        f"WHERE NOT t.deleted AND t.paid_on >= ? AND t.paid_on <= ?{where} GROUP BY r.code",
        [lines.scope.start, lines.scope.end, *params],
    )
    return {code: int(due or 0) for code, due in rows}


def _by_category(lines: _Lines) -> Table:
    rows = _rows(lines, "p.category", "category", lambda value: value or Reports.UNKNOWN)
    rows.sort(key=lambda row: (-row["amount"], primary_key(row["label"])))
    columns = [Column("label", Reports.PRODUCT_CATEGORY, "text"), *_MONEY]
    return Table("by_category", Reports.BY_PRODUCT_CATEGORY, columns, rows)


def _by_month(lines: _Lines) -> Table:
    case, bounds, spans = month_bucket("s.sold_at", lines.scope, timestamps=True)
    sold = {int(i): (int(c), int(q or 0), int(a or 0)) for i, c, q, a in lines.sold(case, bounds)}
    back_case, back_bounds, _ = month_bucket("t.returned_at", lines.scope, timestamps=True)
    back = {int(i): r for i, r in lines.returned(back_case, back_bounds).items()}
    rows = []
    for index, month in enumerate(spans):
        count, quantity, amount = sold.get(index, (0, 0, 0))
        row = _money_row(
            "month", month.key, month.title, count, quantity, amount, back.get(index, 0)
        )
        rows.append(row)
    while rows and not (rows[-1]["sales"] or rows[-1]["returns"]):
        rows.pop()  # the months after the last sale: a long period shows no empty tail
    while rows and not (rows[0]["sales"] or rows[0]["returns"]):
        rows.pop(0)
    return Table(
        "by_month", Reports.BY_MONTH, [Column("label", Reports.MONTH, "text"), *_MONEY], rows
    )


def _top_products(lines: _Lines) -> Table:
    rows = [
        {
            "barcode": barcode,
            "label": name,
            "sales": int(count),
            "quantity": int(quantity or 0),
            "amount": int(amount or 0),
        }
        for (barcode, name), count, quantity, amount in (
            (tuple(g.split("\t", 1)), c, q, a)
            for g, c, q, a in lines.sold("p.barcode || '\t' || p.name")
        )
    ]
    rows.sort(key=lambda row: (-row["amount"], row["barcode"]))
    columns = [
        Column("barcode", Reports.BARCODE, "code"),
        Column("label", Reports.PRODUCT, "text"),
        Column("sales", Reports.SALES_COUNT),
        Column("quantity", Reports.QUANTITY),
        Column("amount", Reports.AMOUNT, "money"),
    ]
    return Table("top_products", Reports.TOP_PRODUCTS, columns, rows[:TOP_PRODUCTS])
