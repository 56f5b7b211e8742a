"""Stock levels: a product's stock is the sum of its moves (models/shop.py)."""

from __future__ import annotations

from collections.abc import Iterable

from peewee import fn

from desktop.models import StockMove
from desktop.models.base import tuples


def stock_levels(product_ids: Iterable[object]) -> dict[str, int]:
    """{product id: current stock} (the sum of its moves)."""
    ids = list(product_ids)
    if not ids:
        return {}
    rows = tuples(
        StockMove.select(StockMove.product, fn.SUM(StockMove.quantity))
        .where(StockMove.product.in_(ids) & ~StockMove.deleted)
        .group_by(StockMove.product)
    )
    levels = {str(key): 0 for key in ids}
    levels.update({str(product): int(total or 0) for product, total in rows})
    return levels


def stock_of(product_id: object) -> int:
    return stock_levels([product_id])[str(product_id)]
