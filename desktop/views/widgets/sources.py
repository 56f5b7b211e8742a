"""Page sources over data already in memory (short lists: users, partner bodies…).

Large results come from services that page in SQL; a list of a few hundred rows is
simply sorted here, Persian text in Persian alphabetical order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.text.collation import persian_sort_key

Row = tuple[str, tuple[Any, ...]]


class ListSource:
    def __init__(self, keys: Sequence[str], rows: Sequence[Row]):
        self.keys = list(keys)
        self.rows = list(rows)

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset: int, limit: int, sort: str | None, descending: bool) -> list[Row]:
        rows = self.rows
        if sort is not None:
            index = self.keys.index(sort)
            rows = sorted(rows, key=lambda row: _sort_value(row[1][index]), reverse=descending)
        return rows[offset : offset + limit]


def _sort_value(value: Any) -> tuple[int, Any]:
    """None last; text by Persian collation; everything else by its own order."""
    if value is None:
        return (2, "")
    if isinstance(value, str):
        return (1, persian_sort_key(value))
    return (0, value)
