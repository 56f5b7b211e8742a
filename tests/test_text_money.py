"""Money: an int of Rials; Tomans only on screen, and never at the cost of a Rial."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.text.digits import persian_digits
from desktop.text.money import MoneyUnit, format_money, parse_money

amounts = st.integers(min_value=0, max_value=10**30)


@given(amounts, st.sampled_from(MoneyUnit), st.booleans())
def test_format_then_parse_gives_the_same_rials(rials: int, unit: MoneyUnit, label: bool) -> None:
    assert parse_money(format_money(rials, unit, with_unit=label), unit) == rials


@given(amounts)
def test_toman_formatting_never_hides_a_rial_remainder(rials: int) -> None:
    with_label = format_money(rials, MoneyUnit.TOMAN)
    without_label = format_money(rials, MoneyUnit.TOMAN, with_unit=False)
    if rials % 10:
        assert with_label.endswith("ریال")
        assert with_label.startswith(format_money(rials, with_unit=False))
        assert without_label.endswith("٫" + persian_digits(rials % 10))
    else:
        assert with_label.endswith("تومان")
    # However it is shown, and whichever unit the reader assumes, it means `rials`.
    for unit in MoneyUnit:
        assert parse_money(with_label, unit) == rials


@given(amounts, st.sampled_from(MoneyUnit))
def test_parse_accepts_ascii_digits_and_any_grouping(rials: int, unit: MoneyUnit) -> None:
    assert parse_money(f"{rials:,}", MoneyUnit.RIAL) == rials
    assert parse_money(f" {rials:_} ", MoneyUnit.RIAL) == rials
    assert parse_money(str(rials), MoneyUnit.TOMAN) == rials * 10


def test_examples() -> None:
    assert format_money(1_250_000) == "۱٬۲۵۰٬۰۰۰ ریال"
    assert format_money(1_250_000, MoneyUnit.TOMAN) == "۱۲۵٬۰۰۰ تومان"
    assert format_money(1_250_005, MoneyUnit.TOMAN) == "۱٬۲۵۰٬۰۰۵ ریال"
    assert format_money(1_250_005, MoneyUnit.TOMAN, with_unit=False) == "۱۲۵٬۰۰۰٫۵"
    assert format_money(0) == "۰ ریال"
    assert format_money(-5000) == "-۵٬۰۰۰ ریال"
    assert parse_money("۱٬۲۵۰٬۰۰۰ ريال") == 1_250_000  # Arabic yeh in the label
    assert parse_money("۱۰﷼") == 10
    assert parse_money("۱۲۵ تومان") == 1250  # the written unit wins over the default
    assert parse_money("۱۲۵۰ ریال", MoneyUnit.TOMAN) == 1250
    assert parse_money("۱۲۳/۵", MoneyUnit.TOMAN) == 1235


@pytest.mark.parametrize("value", [True, False, 1.0, 10.5, "100", None])
def test_format_rejects_what_is_not_an_int(value: object) -> None:
    with pytest.raises(TypeError):
        format_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["", " ", "ریال", "-5", "12.5", "۱۲٫۵ ریال", "1e3", "abc", "۱۲ دلار", "٫۵"]
)
def test_parse_rejects_what_is_not_a_whole_amount(text: str) -> None:
    with pytest.raises(ValueError, match="مبلغ"):
        parse_money(text)


def test_parse_rejects_decimals_in_rials_even_with_toman_default() -> None:
    with pytest.raises(ValueError):
        parse_money("۱۲٫۵ ریال", MoneyUnit.TOMAN)
    with pytest.raises(ValueError):
        parse_money("۱۲٫۵۵", MoneyUnit.TOMAN)


@pytest.mark.parametrize("value", [5, 5.0, True, None])
def test_parse_rejects_what_is_not_text(value: object) -> None:
    with pytest.raises(TypeError):
        parse_money(value)  # type: ignore[arg-type]


def test_unit_labels() -> None:
    assert MoneyUnit.RIAL.label == "ریال"
    assert MoneyUnit.TOMAN.label == "تومان"
    assert MoneyUnit("toman") is MoneyUnit.TOMAN


def test_thousands_of_digits_are_too_large_in_persian() -> None:
    """int() refuses past 4,300 digits, in English: the field says it in Persian."""
    with pytest.raises(ValueError, match="بیش از اندازه"):
        parse_money("9" * 5000)
