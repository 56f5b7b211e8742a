"""How numbers are written for people: the app's one rule for digits.

- **Identifiers** a person copies into another system — user names, center and course
  codes, applicant file numbers, certificate serials and verification codes, national
  codes, mobile and phone numbers, IBANs — are shown exactly as stored, with Latin
  (ASCII) digits: «clerk2», «TEH05-000046», «0084575948». They never go through this
  module.
- **Quantities, dates and money** — counts, «n از m», page and row numbers, hours,
  capacities, percentages, scores, amounts — are written with Persian digits and Persian
  separators: ٬ between thousands, ٫ before decimals («۱۱٬۰۰۰ از ۱۵٬۰۰۰», «۵۹٫۵»).

Digits are converted here, when a number is formatted, and nowhere else: the display
step (`t()`, text/display.py) reshapes and reorders text but leaves every digit as it
is. So an identifier put into a Persian sentence keeps its Latin digits while the
quantities beside it are already Persian, and no span needs marking. Input goes the
other way: `normalize_digits` folds whatever digits people type to ASCII, for storing.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
PERSIAN_THOUSANDS_SEPARATOR = "٬"  # U+066C ARABIC THOUSANDS SEPARATOR
PERSIAN_DECIMAL_SEPARATOR = "٫"  # U+066B
# A number written as text: digits of any script, at most one decimal point.
_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:[.\u066b][0-9]+)?")


def persian_digits(value: object) -> str:
    """Render a value with Persian digits (for people; never stored)."""
    return str(value).translate(_TO_PERSIAN)


def group_thousands(number: int) -> str:
    """12345678 → '۱۲٬۳۴۵٬۶۷۸' (minus sign kept in front)."""
    sign = "-" if number < 0 else ""
    grouped = f"{abs(number):,}".replace(",", PERSIAN_THOUSANDS_SEPARATOR)
    return sign + persian_digits(grouped)


def format_number(value: int | float | Decimal | str, *, decimals: int = 2) -> str:
    """A quantity as a Persian reader expects it: 11000 → '۱۱٬۰۰۰', 59.5 → '۵۹٫۵',
    87.0 → '۸۷', '59.5' → '۵۹٫۵'.

    Fractions keep at most `decimals` digits, without trailing zeros. Text that is not
    one plain number (a figure already composed, such as '۸۰٪' or '12 / 20') only has
    its digits made Persian.
    """
    if isinstance(value, bool):
        raise TypeError("a quantity is a number, not a truth value")
    if isinstance(value, int):
        return group_thousands(value)
    if isinstance(value, str):
        text = value.strip().translate(_TO_ASCII)
        if not _NUMBER_TEXT.fullmatch(text):
            return persian_digits(value)
        value = Decimal(text.replace(PERSIAN_DECIMAL_SEPARATOR, "."))
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"not a quantity: {value!r}")
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals))
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if rounded < 0 and (int(whole) or fraction) else ""
    text = sign + group_thousands(int(whole))
    return f"{text}{PERSIAN_DECIMAL_SEPARATOR}{persian_digits(fraction)}" if fraction else text
