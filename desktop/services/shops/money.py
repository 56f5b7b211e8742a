"""Money rules of the shop: integer Rials, commission in basis points.

The commission rule (written down, tested in tests/test_shop_settlement.py): for a
producer and a statement period, the net amount is gross sales (after line
discounts) minus returns; the commission is computed on the net amount at each rate
the lines were sold at (a rate is kept on each sale line), rounded half up to a whole
Rial per rate — `commission(net, bp) = (net × bp + 5000) // 10000`, half away from zero
for a negative net; the amount due is the net minus the commission. So
Σ due + Σ commission = Σ gross − Σ returns holds exactly, per producer and in total.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.text.normalize import normalize_digits, whole_number

BASIS_POINTS = 10_000  # 100 %
# The largest amount typed or imported: a trillion Tomans, past any price, payment or
# till a center sees, and far inside the 64-bit integers money is stored in, so that
# sums of many never overflow (a file's 30-digit "price" did: the database refused it).
MAX_AMOUNT = 10**13
_PERCENT = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def commission(net: int, basis_points: int) -> int:
    """The shop's commission on `net` Rials at `basis_points`, half up to a Rial."""
    sign = -1 if net < 0 else 1
    return sign * ((abs(net) * basis_points + BASIS_POINTS // 2) // BASIS_POINTS)


def parse_percent(text: str | int) -> int | None:
    """'12.5' (Persian digits and ٫ too) → 1250 basis points; None if not 0–100 with at
    most two decimals."""
    cleaned = normalize_digits(str(text)).strip().replace("٫", ".").replace("%", "").strip()
    if not _PERCENT.fullmatch(cleaned):
        return None
    try:
        value = int(Decimal(cleaned) * 100)
    except InvalidOperation:
        return None
    return value if 0 <= value <= BASIS_POINTS else None


def percent_text(basis_points: int) -> str:
    """1250 → '12.5', 1500 → '15' (ASCII digits: the CLI's and files' form)."""
    whole, fraction = divmod(basis_points, 100)
    return str(whole) if not fraction else f"{whole}.{fraction:02d}".rstrip("0")


def parse_amount(text: str | int, *, allow_zero: bool = False) -> int | None:
    """An integer number of Rials as typed or given on the command line (Persian digits,
    thousands separators); None if it is not a whole amount (> 0 unless `allow_zero`,
    at most MAX_AMOUNT)."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        found = whole_number(re.sub(r"[\s,\u066c\u060c_]", "", str(text)))
        if found is None:
            return None
        value = found
    if value > MAX_AMOUNT:
        return None
    return value if value > 0 or (allow_zero and value == 0) else None
