"""Running numbers a person reads: per center and shop, never repeated.

`TEH05-S1-000123` (a sale), `TEH05-S1-R-000004` (a return), `TEH05-S1-N-000012` (a
stock note), `TEH05-S1-Z-000031` (a daily close). The next number is read and used in
the caller's write transaction: SQLite serialises writers (IMMEDIATE); on PostgreSQL a
transaction-scoped advisory lock per center, shop and kind does, and the unique
(center, shop, sequence) index refuses a race either way.
"""

from __future__ import annotations

from typing import Any

from peewee import fn

from desktop.models import Shop, db
from desktop.models.backend import is_postgres

KIND_MARKS = {"sale": "", "sale_return": "R-", "stock_note": "N-", "daily_close": "Z-"}


def next_number(model: Any, kind: str, center_code: str, shop: Shop) -> tuple[int, str]:
    """(sequence, number) for the next row of `model` at this center and shop."""
    if is_postgres():
        key = f"number:{model._meta.table_name}:{center_code}:{shop.id}"
        db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (key,))
    last = (
        model.select(fn.MAX(model.sequence))
        .where((model.center_code == center_code) & (model.shop == shop.id))
        .scalar()
    )
    sequence = (last or 0) + 1
    return sequence, f"{center_code}-{shop.code}-{KIND_MARKS[kind]}{sequence:06d}"
