"""The shop's money columns become 64-bit on PostgreSQL (nothing to do on SQLite).

Migration 0010 made them INTEGER: 32 bits on PostgreSQL, at most 2,147,483,647 Rials
(about 215 million Tomans). A daily close's takings, a month's settlement for a
producer or one dear carpet pass that; SQLite's INTEGER is 64 bits, so only
PostgreSQL refused them (`bench/till.py` on PostgreSQL stopped at its first busy close).
The columns are those the models now declare `BigIntegerField` in models/shop.py.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase
from playhouse.migrate import SchemaMigrator

MONEY = {
    "product": ("price",),
    "price_change": ("price",),
    "sale": ("total", "paid_cash", "paid_card", "change"),
    "sale_line": ("unit_price", "discount", "line_total"),
    "sale_payment": ("amount",),
    "sale_return": ("refund",),
    "return_line": ("refund",),
    "daily_close": (
        "sales_total",
        "refunds",
        "card_total",
        "expected_cash",
        "counted_cash",
        "difference",
    ),
    "settlement": ("gross", "returns", "commission", "due"),
}


def apply(database: Database, migrator: SchemaMigrator) -> None:
    if isinstance(database, SqliteDatabase):
        return
    for table, columns in MONEY.items():
        changes = ", ".join(f'ALTER COLUMN "{column}" TYPE BIGINT' for column in columns)
        database.execute_sql(f'ALTER TABLE "{table}" {changes}')
