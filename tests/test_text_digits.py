"""The digits rule (desktop/text/digits.py): quantities in Persian digits with Persian
separators, read back to the same number; identifiers never converted, not even by the
display step."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.text.digits import format_number, group_thousands, persian_digits
from desktop.text.display import Display, DisplayMode
from desktop.text.normalize import normalize_digits

PERSIAN = set("۰۱۲۳۴۵۶۷۸۹")


def read_back(text: str) -> Decimal:
    """What a person (or parse_score/parse_money) reads: separators out, ٫ a point."""
    return Decimal(normalize_digits(text).replace("٬", "").replace("٫", "."))


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_a_whole_quantity_is_persian_grouped_and_reads_back(number: int) -> None:
    text = format_number(number)
    assert not any(ch.isascii() and ch.isdigit() for ch in text)
    assert read_back(text) == number
    whole = text.lstrip("-")
    groups = whole.split("٬")
    assert all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3
    assert text == group_thousands(number)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_a_fraction_keeps_its_digits_without_trailing_zeros(number: Decimal) -> None:
    text = format_number(number)
    assert set(text) <= PERSIAN | {"٬", "٫", "-"}
    assert read_back(text) == number
    if "٫" in text:
        assert not text.endswith("۰")


@given(st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda f: round(f, 2)))
def test_a_score_as_a_float_or_as_typed_shows_the_same(score: float) -> None:
    shown = format_number(score)
    assert read_back(shown) == Decimal(str(score))
    assert format_number(str(score)) == shown  # «59.5» in a field shows as ۵۹٫۵
    assert format_number(persian_digits(str(score)).replace(".", "٫")) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (11000, "۱۱٬۰۰۰"),
        (15000, "۱۵٬۰۰۰"),
        (59.5, "۵۹٫۵"),
        ("59.5", "۵۹٫۵"),
        (87.0, "۸۷"),
        (Decimal("0.10"), "۰٫۱"),
        (-1250, "-۱٬۲۵۰"),
        ("۸۰٪", "۸۰٪"),  # a figure already composed: only its digits
        ("12 / 20", "۱۲ / ۲۰"),
    ],
)
def test_examples(value: object, shown: str) -> None:
    assert format_number(value) == shown  # type: ignore[arg-type]


def test_truth_values_are_not_quantities() -> None:
    with pytest.raises(TypeError):
        format_number(True)


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=20),
    st.sampled_from(["کاربر «{}» افزوده شد.", "پروندهٔ {} ذخیره شد.", "{}"]),
)
def test_the_display_step_never_converts_the_digits_of_an_identifier(
    identifier: str, sentence: str
) -> None:
    """Identifiers put into Persian sentences keep their Latin digits on screen: the
    display conversion reshapes and reorders, and leaves digits alone."""
    drawn = Display(DisplayMode.CONVERT)(sentence.format(identifier))
    assert sorted(ch for ch in drawn if ch.isdigit()) == sorted(
        ch for ch in identifier if ch.isdigit()
    )
    assert not set(drawn) & PERSIAN
