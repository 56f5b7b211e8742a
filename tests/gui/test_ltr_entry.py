"""IdentifierEntry, NumberEntry and MoneyEntry: digits typed in any script; identifiers
shown with Latin digits as stored, quantities with Persian ones; `get()` ASCII."""

from __future__ import annotations

import pytest

from desktop.strings.field_views import FieldNotice
from desktop.text.money import MoneyUnit
from desktop.views.widgets.ltr_entry import IdentifierEntry, MoneyEntry, NumberEntry
from tests.gui.conftest import pump
from tests.helpers.gui import focused, latin_field, press_keys, type_with_xdotool


@pytest.fixture
def entry(window):  # type: ignore[no-untyped-def]
    return focused(IdentifierEntry(window, allowed="digits", max_length=10))


@pytest.fixture
def number(window):  # type: ignore[no-untyped-def]
    return focused(NumberEntry(window, allowed="digits", max_length=10))


def test_an_identifier_shows_latin_digits_as_stored(entry) -> None:  # type: ignore[no-untyped-def]
    press_keys(entry, "0", "0", "1", "2")
    assert entry.displayed() == "0012"
    assert entry.get() == "0012"
    assert entry.cget("justify") == "left"


def test_a_quantity_shows_persian_digits_and_gets_ascii(number) -> None:  # type: ignore[no-untyped-def]
    press_keys(number, "0", "0", "1", "2")
    assert number.displayed() == "۰۰۱۲"
    assert number.get() == "0012"


def test_persian_and_arabic_indic_keys_typed_for_real(entry, number) -> None:  # type: ignore[no-untyped-def]
    type_with_xdotool(entry, "۰۹1٢")
    assert entry.displayed() == "0912"  # an identifier: as it will be stored
    assert entry.get() == "0912"
    type_with_xdotool(number, "۰۹1٢")
    assert number.displayed() == "۰۹۱۲"
    assert number.get() == "0912"


def test_conversion_keeps_the_caret_where_it_was(number) -> None:  # type: ignore[no-untyped-def]
    number.set("1234")
    number.icursor(2)
    press_keys(number, "9")
    assert number.displayed() == "۱۲۹۳۴"
    assert number.index("insert") == 3


def test_paste_of_arabic_indic_digits_is_converted(entry, number) -> None:  # type: ignore[no-untyped-def]
    for field, shown in ((entry, "0123"), (number, "۰۱۲۳")):
        field.clipboard_clear()
        field.clipboard_append("٠١٢٣")
        field.event_generate("<<Paste>>")
        pump(field)
        assert field.displayed() == shown
        assert field.get() == "0123"


def test_digits_only_refuses_letters_and_respects_max_length(entry) -> None:  # type: ignore[no-untyped-def]
    press_keys(entry, "a", "minus", "1")
    assert entry.get() == "1"
    press_keys(entry, *"234567890")
    press_keys(entry, "5")  # the eleventh digit
    assert entry.get() == "1234567890"


def test_signed_field_takes_plus_and_minus(window) -> None:  # type: ignore[no-untyped-def]
    field = NumberEntry(window, allowed="signed")
    field.pack()
    field.focus_force()
    pump(window)
    press_keys(field, "plus", "9", "8", "minus", "9", "a")
    assert field.displayed() == "+۹۸-۹"
    assert field.get() == "+989"  # normalize_identifier drops the separator '-'


def paste(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clipboard_clear()
    widget.clipboard_append(text)
    widget.event_generate("<<Paste>>")
    pump(widget)


@pytest.mark.parametrize(
    ("allowed", "max_length", "pasted", "stored"),
    [
        ("code", 10, "۰۰۸۴-۵۷۵۹۴۸", "0084575948"),
        ("code", 10, "008 457 5948", "0084575948"),
        ("phone", 14, "+989121234567", "+989121234567"),
        ("phone", 14, "0912 123 4567", "09121234567"),
        ("phone", 14, "۰۰۹۸-۹۱۲-۱۲۳-۴۵۶۷", "00989121234567"),
        ("phone", 15, "(021) 5512-3456", "(021)55123456"),
    ],
)
def test_codes_and_phones_take_the_separators_people_paste(
    window, allowed, max_length, pasted, stored
) -> None:  # type: ignore[no-untyped-def]
    field = IdentifierEntry(window, allowed=allowed, max_length=max_length)
    field.pack()
    field.focus_force()
    pump(window)
    paste(field, pasted)
    assert field.get() == stored  # the service (identity.clean_*) reads the rest


def test_separators_do_not_count_toward_the_length(window) -> None:  # type: ignore[no-untyped-def]
    field = IdentifierEntry(window, allowed="code", max_length=10)
    field.pack()
    field.focus_force()
    pump(window)
    press_keys(field, *"008", "minus", *"4575948")
    press_keys(field, "1", "a")  # an eleventh digit and a letter are refused
    assert field.displayed() == "008-4575948"
    assert field.get() == "0084575948"


def test_set_and_get_round_trip(window) -> None:  # type: ignore[no-untyped-def]
    field = IdentifierEntry(window)
    field.set("۰۰۱۲۳۴۵۶۷۸")
    assert field.get() == "0012345678"
    field.set(None)
    assert field.get() == ""


@pytest.fixture
def money(window):  # type: ignore[no-untyped-def]
    field = MoneyEntry(window)
    field.pack()
    field.focus_force()
    pump(window)
    return field


def test_money_is_grouped_as_it_is_typed(money) -> None:  # type: ignore[no-untyped-def]
    press_keys(money, *"1250000")
    assert money.displayed() == "۱٬۲۵۰٬۰۰۰"
    assert money.index("insert") == len("۱٬۲۵۰٬۰۰۰")
    assert money.get_rials() == 1_250_000
    assert money.get() == "1250000"


def test_money_caret_follows_its_digit_when_separators_move(money) -> None:  # type: ignore[no-untyped-def]
    money.set_rials(234567)  # ۲۳۴٬۵۶۷
    money.icursor(1)  # after ۲
    press_keys(money, "9")
    assert money.displayed() == "۲٬۹۳۴٬۵۶۷"
    assert money.index("insert") == 3  # after ۹
    press_keys(money, "BackSpace")
    assert money.displayed() == "۲۳۴٬۵۶۷"
    assert money.index("insert") == 1


def test_money_empty_bad_and_toman(window, money) -> None:  # type: ignore[no-untyped-def]
    assert money.get_rials() is None
    press_keys(money, "x", "minus")
    assert money.get_rials() is None
    money.set("12a")  # only code can put a letter there
    with pytest.raises(ValueError, match="رقم"):
        money.get_rials()
    tomans = MoneyEntry(window, unit=MoneyUnit.TOMAN)
    tomans.set("125000")
    assert tomans.get_rials() == 1_250_000
    tomans.set_rials(1_250_000)
    assert tomans.displayed() == "۱۲۵٬۰۰۰"


def test_money_digit_limit_ignores_separators(window) -> None:  # type: ignore[no-untyped-def]
    field = MoneyEntry(window, max_length=4)
    field.pack()
    field.focus_force()
    pump(window)
    press_keys(field, *"12345")
    assert field.displayed() == "۱٬۲۳۴"


# -- Latin-only fields: Persian typed on the wrong layout is read as the Latin keys ------


def test_a_user_name_typed_on_the_persian_layout_is_the_latin_keys(window) -> None:  # type: ignore[no-untyped-def]
    field, notices = latin_field(window, allowed="latin", case="lower", max_length=32)
    # The keys a, d, m, i, n with the Persian layout on.
    type_with_xdotool(field, "شیپهد", until=lambda: field.get() == "admin")
    assert field.displayed() == "admin"
    assert field.get() == "admin"
    assert notices and set(notices) == {FieldNotice.LAYOUT_SWITCHED}
    # Persian digits and the tatweel of Shift+minus: what the keys mean in a user name.
    type_with_xdotool(field, "ـ۲", until=lambda: field.get() == "admin_2")
    assert field.get() == "admin_2"


def test_a_center_code_typed_on_the_persian_layout_is_upper_case_latin(window) -> None:  # type: ignore[no-untyped-def]
    field, _notices = latin_field(window, allowed="alnum", case="upper", max_length=10)
    type_with_xdotool(field, "فثا۰۵", until=lambda: field.get() == "TEH05")
    assert field.displayed() == "TEH05"
    assert field.get() == "TEH05"


def test_what_no_key_of_a_user_name_gives_is_refused_and_said(window) -> None:  # type: ignore[no-untyped-def]
    field, notices = latin_field(window, allowed="latin", case="lower")
    type_with_xdotool(field, "ali", until=lambda: field.get() == "ali")
    paste(field, "علی رضا")  # pasted Persian text, not the wrong layout: و and space refused
    press_keys(field, "space")
    assert field.get() == "ali"
    assert notices[-1] == FieldNotice.ONLY["latin"]


def test_latin_typing_says_nothing(window) -> None:  # type: ignore[no-untyped-def]
    field, notices = latin_field(window, allowed="latin", case="lower")
    press_keys(field, *"clerk", "period", "2")
    assert field.get() == "clerk.2"  # identifiers keep '.', '_' and '-' and Latin digits
    assert field.displayed() == "clerk.2"
    assert notices == []


def test_a_number_field_shows_a_typed_score_in_persian(window) -> None:  # type: ignore[no-untyped-def]
    field = focused(NumberEntry(window, allowed="decimal", max_length=6))
    press_keys(field, "5", "9", "period", "5")
    assert field.displayed() == "۵۹٫۵"
    assert field.get() == "59.5"
    field.set("")
    # The slash many write as the decimal mark.
    type_with_xdotool(field, "۸۷/۲۵", until=lambda: field.get() == "87.25")
    assert field.displayed() == "۸۷٫۲۵"
    assert field.get() == "87.25"
    press_keys(field, "period")  # a second decimal mark is refused
    assert field.get() == "87.25"
