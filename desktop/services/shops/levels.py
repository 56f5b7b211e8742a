"""Stock levels: a product's stock is the sum of its moves (models/shop.py), kept as it
goes in `Product.stock` — a local column added to in the transaction of each move — so
the till reads one row, not a best seller's tens of thousands of moves. HQ, which gets
the moves, sums them; `Product.rebuild_stock` puts the levels back from the moves after
a bulk load.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from uuid6 import uuid7

from desktop.models import Product, StockMove, writes
from desktop.models.backend import is_postgres
from desktop.models.base import tuples
from desktop.services.session import Session
from desktop.text.normalize import whole_number

# A line's quantity — sold, received, given back, corrected — is at most this. A pilot
# shop's shelf holds hundreds of an item; more is a slip of the keyboard, and the bound
# keeps every sum of quantities and every price × quantity inside a 64-bit column (a
# receipt of 10^19 once stopped the app with an OverflowError, nothing said).
MAX_QUANTITY = 100_000


def read_quantity(value: object, *, signed: bool = False) -> int | None:
    """A quantity as given — an int, or text typed with any digits — if it is whole and
    1…MAX_QUANTITY (with `signed`, a correction: ±1…±MAX_QUANTITY); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number: int | None = value
    else:
        text = str(value).strip()
        negative = signed and text.startswith("-")
        number = whole_number(text[1:] if negative else text)
        if number is not None and negative:
            number = -number
    if number is None or number == 0 or abs(number) > MAX_QUANTITY:
        return None
    return number if number > 0 or signed else None


def stock_levels(product_ids: Iterable[object]) -> dict[str, int]:
    """{product id: current stock}."""
    ids = list(product_ids)
    if not ids:
        return {}
    levels = {str(key): 0 for key in ids}
    rows = tuples(Product.select(Product.id, Product.stock).where(Product.id.in_(ids)))
    levels.update({str(product): int(stock) for product, stock in rows})
    return levels


def stock_of(product_id: object) -> int:
    return stock_levels([product_id])[str(product_id)]


def move_stock(session: Session, moves: Sequence[dict[str, Any]]) -> None:
    """Write stock moves (dicts of StockMove fields: product, kind, quantity and what
    caused it) and add them to their products' levels, in the caller's transaction."""
    rows = [{"id": uuid7(), "moved_by": session.user_id, **move} for move in moves]
    writes.insert_many(StockMove, rows, session)
    totals: dict[Any, int] = {}
    for row in rows:
        totals[row["product"]] = totals.get(row["product"], 0) + row["quantity"]
    writes.add_local(Product, totals, "stock")


def lock_levels(product_ids: Iterable[object]) -> None:
    """In a write transaction about to check and move stock: on PostgreSQL, hold the
    products' rows until it ends, so two tills never both sell the last one (SQLite's
    IMMEDIATE transactions already take turns)."""
    ids = list(product_ids)
    if ids and is_postgres():
        list(Product.select(Product.id).where(Product.id.in_(ids)).for_update())
