"""Iranian identifiers: the national code's check digit and every spelling a clerk may
type (Persian, Arabic-Indic or ASCII digits, separators, the registry's short forms),
mobile numbers in every international form, and optional landlines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.services.identity import (
    clean_mobile,
    clean_national_code,
    clean_phone,
    national_code_check_digit,
)
from desktop.strings import Applicants as Messages

ASCII_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
SCRIPTS = (ASCII_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS)
SEPARATORS = ("", "", "", " ", "-", ".", " - ", "  ")


def _check_digit_by_hand(first_nine: str) -> int:
    """The civil registry's rule, written out independently of the module under test."""
    total = 0
    for index, digit in enumerate(first_nine):
        total += int(digit) * (10 - index)
    remainder = total % 11
    if remainder < 2:
        return remainder
    return 11 - remainder


@st.composite
def spelled(draw: st.DrawFn, digits: str, separators: bool = True) -> str:
    """`digits` as a person may type them: each digit in any script (one script for all,
    or mixed), separators between digits, spaces around."""
    mixed = draw(st.booleans())
    script = draw(st.sampled_from(SCRIPTS))
    parts = []
    for index, digit in enumerate(digits):
        if mixed:
            script = draw(st.sampled_from(SCRIPTS))
        if separators and index:
            parts.append(draw(st.sampled_from(SEPARATORS)))
        parts.append(script[int(digit)])
    padding = st.sampled_from(["", " ", "  "])
    return draw(padding) + "".join(parts) + draw(padding)


nine_digits = st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9)


@st.composite
def valid_codes(draw: st.DrawFn, leading_zeros: int = 0) -> str:
    """A national code built by the check-digit rule: 9 digits and their check digit
    (ten equal digits left out), starting with at least `leading_zeros` zeros."""
    first_nine = "0" * leading_zeros + draw(
        st.text(alphabet=ASCII_DIGITS, min_size=9 - leading_zeros, max_size=9 - leading_zeros)
    )
    code = first_nine + str(national_code_check_digit(first_nine))
    if len(set(code)) == 1:
        code = "0084575948"  # a known good code instead of the refused kind
    return code


# -- the check digit --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_nine", "check_digit"),
    [
        ("008457594", 8),  # sum 212, remainder 3 → 11 − 3
        ("010000001", 0),  # sum 11, remainder 0 → 0
        ("010000010", 1),  # sum 12, remainder 1 → 1
        ("010000100", 9),  # sum 13, remainder 2 → 11 − 2
        ("000000001", 9),  # sum 2
        ("100000000", 1),  # sum 10, remainder 10 → 11 − 10
    ],
)
def test_check_digit_worked_examples(first_nine, check_digit):
    assert national_code_check_digit(first_nine) == check_digit


@given(nine_digits)
def test_check_digit_follows_the_registry_rule(first_nine):
    check = national_code_check_digit(first_nine)
    assert 0 <= check <= 9
    assert check == _check_digit_by_hand(first_nine)


# -- national codes that must be accepted ----------------------------------------------


def test_the_documented_example():
    assert clean_national_code("۰۰۸۴-۵۷۵۹۴۸") == "0084575948"
    assert clean_national_code("0084575948") == "0084575948"


@given(valid_codes())
def test_valid_code_in_ascii_is_returned_as_is(code):
    assert clean_national_code(code) == code


@given(valid_codes().flatmap(lambda code: st.tuples(st.just(code), spelled(code))))
def test_valid_code_in_any_spelling_comes_back_canonical(code_and_typed):
    code, typed = code_and_typed
    result = clean_national_code(typed)
    assert result == code
    assert result.isascii() and result.isdigit() and len(result) == 10


@pytest.mark.parametrize("script", SCRIPTS, ids=["ascii", "persian", "arabic-indic"])
@given(code=valid_codes())
def test_valid_code_in_each_script_alone(script, code):
    typed = "".join(script[int(digit)] for digit in code)
    assert clean_national_code(typed) == code


@pytest.mark.parametrize("zeros", [1, 2])
@given(data=st.data())
def test_codes_starting_with_zeros_accept_the_registry_short_forms(zeros, data):
    """The civil registry drops leading zeros (8- and 9-digit cards); they come back."""
    code = data.draw(valid_codes(leading_zeros=zeros))
    for dropped in range(1, zeros + 1):
        short = code[dropped:]
        assert len(short) == 10 - dropped
        typed = data.draw(spelled(short))
        assert clean_national_code(typed) == code


# -- national codes that must be refused -----------------------------------------------


@given(valid_codes(), st.integers(min_value=1, max_value=9), st.data())
def test_a_wrong_check_digit_is_refused(code, shift, data):
    wrong = code[:9] + str((int(code[9]) + shift) % 10)
    typed = data.draw(spelled(wrong))
    with pytest.raises(ValidationError) as raised:
        clean_national_code(typed)
    assert str(raised.value) == Messages.NATIONAL_CODE_INVALID


@pytest.mark.parametrize("digit", ASCII_DIGITS)
def test_ten_equal_digits_are_refused_though_their_check_digit_agrees(digit):
    assert national_code_check_digit(digit * 9) == int(digit)
    for typed in (digit * 10, PERSIAN_DIGITS[int(digit)] * 10):
        with pytest.raises(ValidationError) as raised:
            clean_national_code(typed)
        assert str(raised.value) == Messages.NATIONAL_CODE_INVALID


def test_eight_zeros_pad_to_ten_equal_digits_and_are_refused():
    with pytest.raises(ValidationError) as raised:
        clean_national_code("00000000")
    assert str(raised.value) == Messages.NATIONAL_CODE_INVALID
    assert raised.value.errors == {"national_code": Messages.NATIONAL_CODE_INVALID}


def test_a_refusal_names_the_field_as_the_form_names_it():
    with pytest.raises(ValidationError) as raised:
        clean_mobile("12", field="contact_mobile")
    assert raised.value.errors == {"contact_mobile": Messages.MOBILE_FORMAT}


@given(
    st.one_of(
        st.text(alphabet=ASCII_DIGITS, min_size=1, max_size=7),
        st.text(alphabet=ASCII_DIGITS, min_size=11, max_size=20),
    ).flatmap(spelled)
)
def test_wrong_lengths_are_refused_with_the_format_message(typed):
    with pytest.raises(ValidationError) as raised:
        clean_national_code(typed)
    assert str(raised.value) == Messages.NATIONAL_CODE_FORMAT


@pytest.mark.parametrize(
    "typed",
    ["008457594a", "۰۰۸۴۵۷۵۹۴x", "٠٠٨٤٥٧٥٩٤٨٠", "1234567", "۱۲۳", "+0084575948", "008457594 8 1"],
)
def test_letters_signs_and_wrong_lengths_get_the_format_message(typed):
    with pytest.raises(ValidationError) as raised:
        clean_national_code(typed)
    assert str(raised.value) == Messages.NATIONAL_CODE_FORMAT


@pytest.mark.parametrize("typed", ["", "   ", " - ", "\u200c"])
def test_an_empty_code_is_required(typed):
    with pytest.raises(ValidationError) as raised:
        clean_national_code(typed)
    assert str(raised.value) == Messages.REQUIRED


def test_the_messages_are_the_catalogue_sentences():
    """The exact Persian a clerk reads (desktop/strings, class Applicants)."""
    assert Messages.NATIONAL_CODE_FORMAT == "کد ملی باید ۱۰ رقم باشد."
    assert Messages.NATIONAL_CODE_INVALID == "این کد ملی معتبر نیست؛ رقم‌ها را دوباره بررسی کنید."
    assert Messages.MOBILE_FORMAT == "شمارهٔ همراه را به شکل 09123456789 بنویسید."
    assert Messages.PHONE_FORMAT == "شمارهٔ تلفن باید ۵ تا ۱۵ رقم باشد."


# -- mobile numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "09123456789",
        "+989123456789",
        "989123456789",
        "00989123456789",
        "9123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "+۹۸۹۱۲۳۴۵۶۷۸۹",
        "0912 345 6789",
        "+98 912 345 6789",
        "0912-345-6789",
        "(0912) 345 67 89",
        "+98 (912) 345-6789",
        "  ۰۹۱۲ ۳۴۵ ۶۷۸۹  ",
        "۰۰۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
        "۹۱۲۳۴۵۶۷۸۹",
    ],
)
def test_mobile_forms_become_canonical(typed):
    assert clean_mobile(typed) == "09123456789"


subscriber = st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9).map(lambda s: "9" + s)


@given(
    subscriber,
    st.sampled_from(["0", "+98", "98", "0098", "", "+98 ", "0098 "]),
    st.data(),
)
def test_any_mobile_in_any_form_and_script_becomes_canonical(number, prefix, data):
    typed = prefix + data.draw(spelled(number, separators=True))
    assert clean_mobile(typed) == "0" + number


@pytest.mark.parametrize(
    "typed",
    [
        "02188776655",  # a Tehran landline
        "+982188776655",  # the same, international
        "982188776655",
        "88776655",  # a landline without area code
        "0912345678",  # ten digits
        "912345678",  # nine digits
        "091234567890",  # twelve digits
        "+98912345678",  # one digit short
        "9891234567890",  # one digit long
        "19123456789",
        "0912345678a",
        "",
        "   ",
    ],
)
def test_landlines_short_long_and_empty_mobiles_are_refused(typed):
    with pytest.raises(ValidationError) as raised:
        clean_mobile(typed)
    assert str(raised.value) == Messages.MOBILE_FORMAT


@given(st.text(alphabet=ASCII_DIGITS, min_size=1, max_size=9).flatmap(spelled))
def test_mobiles_too_short_are_refused(typed):
    with pytest.raises(ValidationError) as raised:
        clean_mobile(typed)
    assert str(raised.value) == Messages.MOBILE_FORMAT


# -- other phone numbers (optional) ----------------------------------------------------


@pytest.mark.parametrize("typed", ["", "  ", "-"])
def test_phone_is_optional(typed):
    assert clean_phone(typed) == ""


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("021-88776655", "02188776655"),
        ("۰۲۱ ۸۸۷۷ ۶۶۵۵", "02188776655"),
        ("+98 21 8877 6655", "982188776655"),
        ("(021) 88776655", "02188776655"),
        ("12345", "12345"),
        ("123456789012345", "123456789012345"),
    ],
)
def test_phone_numbers_keep_their_digits(typed, canonical):
    assert clean_phone(typed) == canonical


@pytest.mark.parametrize("typed", ["1234", "1234567890123456", "021-8877-66x5", "تلفن"])
def test_bad_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as raised:
        clean_phone(typed)
    assert str(raised.value) == Messages.PHONE_FORMAT
