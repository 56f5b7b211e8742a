"""A report's value as a person reads it — on the report page and in its PDF: counts
and money in Persian digits with separators, percents and days to one decimal, codes
exactly as stored, a missing figure as a dash (the spreadsheet keeps the numbers)."""

from __future__ import annotations

from typing import Any

from desktop.text.digits import format_number, group_thousands

MISSING = "—"


def cell_text(value: Any, kind: str) -> str:
    if value is None:
        return MISSING
    if kind in ("text", "code"):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if kind in ("count", "money") and isinstance(value, int):
        return group_thousands(value)
    return format_number(value, decimals=1)
