"""Money is an integer number of Rials everywhere; Tomans exist only on screen and paper."""

from __future__ import annotations

import re
from enum import StrEnum

from desktop.text.digits import PERSIAN_DECIMAL_SEPARATOR, group_thousands, persian_digits
from desktop.text.normalize import normalize_digits, normalize_text

RIALS_PER_TOMAN = 10
# White space (ZWNJ too) and the thousands separators people type or paste.
_GROUPING = re.compile(r"[\s\u200c,\u066c\u060c_'\u2019]")
# Tomans may carry one decimal digit: the Rial remainder (۱۲۳٫۵ تومان = 1235 Rials).
_TOMAN_DECIMAL = re.compile(r"([0-9]+)[.\u066b/]([0-9])")


class MoneyUnit(StrEnum):
    RIAL = "rial"
    TOMAN = "toman"

    @property
    def label(self) -> str:
        return "ریال" if self is MoneyUnit.RIAL else "تومان"


def format_money(rials: int, unit: MoneyUnit = MoneyUnit.RIAL, *, with_unit: bool = True) -> str:
    """1250000 → '۱٬۲۵۰٬۰۰۰ ریال' or, in Tomans, '۱۲۵٬۰۰۰ تومان'.

    A Rial remainder is never hidden by rounding (it would make a producer's payout
    look wrong): in Tomans an amount that does not divide evenly is shown in Rials with
    the Rial label, or — when there is no label to say so — as Tomans with one decimal
    digit ('۱۲۳٫۵'). parse_money reads all of these back.
    """
    if not isinstance(rials, int) or isinstance(rials, bool):
        raise TypeError("money is an int number of Rials")
    if unit is MoneyUnit.TOMAN and rials % RIALS_PER_TOMAN == 0:
        amount, label = rials // RIALS_PER_TOMAN, MoneyUnit.TOMAN.label
    elif unit is MoneyUnit.TOMAN and not with_unit:
        tomans, remainder = divmod(abs(rials), RIALS_PER_TOMAN)
        sign = "-" if rials < 0 else ""
        return (
            f"{sign}{group_thousands(tomans)}{PERSIAN_DECIMAL_SEPARATOR}{persian_digits(remainder)}"
        )
    else:
        amount, label = rials, MoneyUnit.RIAL.label
    text = group_thousands(amount)
    return f"{text} {label}" if with_unit else text


def parse_money(text: str, unit: MoneyUnit = MoneyUnit.RIAL) -> int:
    """Parse what a person typed (Persian/ASCII digits, separators) into Rials.

    `unit` is what a bare number means; a unit written after the number wins, so
    whatever format_money printed — including a Toman amount shown in Rials because it
    had a Rial remainder — parses back to the same number of Rials.
    Raises ValueError (Persian message) on anything that is not a whole non-negative
    amount.
    """
    if not isinstance(text, str):
        raise TypeError("parse_money takes the text a person typed")
    # normalize_text folds ﷼ to ریال and Arabic ي to ی; then drop grouping marks.
    cleaned = _GROUPING.sub("", normalize_digits(normalize_text(text)))
    for written_unit in MoneyUnit:
        if cleaned.endswith(written_unit.label):
            cleaned, unit = cleaned.removesuffix(written_unit.label), written_unit
            break
    decimal = _TOMAN_DECIMAL.fullmatch(cleaned) if unit is MoneyUnit.TOMAN else None
    if decimal:
        cleaned = decimal.group(1)
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueError("مبلغ را فقط با رقم بنویسید (بی اعشار و بی علامت منفی).")
    if len(cleaned) > 100:  # int() refuses past 4,300 digits with an English message
        raise ValueError("این مبلغ بیش از اندازه است.")
    if decimal:
        return int(cleaned) * RIALS_PER_TOMAN + int(decimal.group(2))
    amount = int(cleaned)
    return amount * RIALS_PER_TOMAN if unit is MoneyUnit.TOMAN else amount
