"""Persian digits for display. Input digits are folded to ASCII in `normalize`."""

from __future__ import annotations

_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
PERSIAN_THOUSANDS_SEPARATOR = "٬"  # U+066C ARABIC THOUSANDS SEPARATOR
PERSIAN_DECIMAL_SEPARATOR = "٫"  # U+066B


def persian_digits(value: object) -> str:
    """Render a value with Persian digits (for people; never stored)."""
    return str(value).translate(_TO_PERSIAN)


def group_thousands(number: int) -> str:
    """12345678 → '۱۲٬۳۴۵٬۶۷۸' (minus sign kept in front)."""
    sign = "-" if number < 0 else ""
    grouped = f"{abs(number):,}".replace(",", PERSIAN_THOUSANDS_SEPARATOR)
    return sign + persian_digits(grouped)
