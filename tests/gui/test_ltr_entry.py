"""IdentifierEntry and MoneyEntry: typed digits in any script, shown Persian, got ASCII."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from desktop.text.money import MoneyUnit
from desktop.views.widgets.ltr_entry import IdentifierEntry, MoneyEntry
from tests.gui.conftest import pump


def press(widget, *keysyms: str) -> None:  # type: ignore[no-untyped-def]
    for keysym in keysyms:
        widget.event_generate("<KeyPress>", keysym=keysym)
    pump(widget)


def type_with_xdotool(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Real key presses, any script (xdotool remaps a spare keycode per character).

    Tk must keep processing events while xdotool runs, or it misses the remapping.
    """
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    widget.focus_force()
    pump(widget)
    typing = subprocess.Popen(["xdotool", "type", "--delay", "60", text])
    while typing.poll() is None:
        widget.update()
        time.sleep(0.005)
    for _ in range(10):
        widget.update()
        time.sleep(0.01)


@pytest.fixture
def entry(window):  # type: ignore[no-untyped-def]
    field = IdentifierEntry(window, allowed="digits", max_length=10)
    field.pack()
    field.focus_force()
    pump(window)
    return field


def test_ascii_keys_show_persian_digits_and_get_ascii(entry) -> None:  # type: ignore[no-untyped-def]
    press(entry, "0", "0", "1", "2")
    assert entry.displayed() == "۰۰۱۲"
    assert entry.get() == "0012"
    assert entry.cget("justify") == "left"


def test_persian_and_arabic_indic_keys_typed_for_real(entry) -> None:  # type: ignore[no-untyped-def]
    type_with_xdotool(entry, "۰۹1٢")
    assert entry.displayed() == "۰۹۱۲"
    assert entry.get() == "0912"


def test_conversion_keeps_the_caret_where_it_was(entry) -> None:  # type: ignore[no-untyped-def]
    entry.set("1234")
    entry.icursor(2)
    press(entry, "9")
    assert entry.displayed() == "۱۲۹۳۴"
    assert entry.index("insert") == 3


def test_paste_of_arabic_indic_digits_is_converted(entry) -> None:  # type: ignore[no-untyped-def]
    entry.clipboard_clear()
    entry.clipboard_append("٠١٢٣")
    entry.event_generate("<<Paste>>")
    pump(entry)
    assert entry.displayed() == "۰۱۲۳"
    assert entry.get() == "0123"


def test_digits_only_refuses_letters_and_respects_max_length(entry) -> None:  # type: ignore[no-untyped-def]
    press(entry, "a", "minus", "1")
    assert entry.get() == "1"
    press(entry, *"234567890")
    press(entry, "5")  # the eleventh digit
    assert entry.get() == "1234567890"


def test_signed_field_takes_plus_and_minus(window) -> None:  # type: ignore[no-untyped-def]
    field = IdentifierEntry(window, allowed="signed")
    field.pack()
    field.focus_force()
    pump(window)
    press(field, "plus", "9", "8", "minus", "9", "a")
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
    press(field, *"008", "minus", *"4575948")
    press(field, "1", "a")  # an eleventh digit and a letter are refused
    assert field.displayed() == "۰۰۸-۴۵۷۵۹۴۸"
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
    press(money, *"1250000")
    assert money.displayed() == "۱٬۲۵۰٬۰۰۰"
    assert money.index("insert") == len("۱٬۲۵۰٬۰۰۰")
    assert money.get_rials() == 1_250_000
    assert money.get() == "1250000"


def test_money_caret_follows_its_digit_when_separators_move(money) -> None:  # type: ignore[no-untyped-def]
    money.set_rials(234567)  # ۲۳۴٬۵۶۷
    money.icursor(1)  # after ۲
    press(money, "9")
    assert money.displayed() == "۲٬۹۳۴٬۵۶۷"
    assert money.index("insert") == 3  # after ۹
    press(money, "BackSpace")
    assert money.displayed() == "۲۳۴٬۵۶۷"
    assert money.index("insert") == 1


def test_money_empty_bad_and_toman(window, money) -> None:  # type: ignore[no-untyped-def]
    assert money.get_rials() is None
    press(money, "x", "minus")
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
    press(field, *"12345")
    assert field.displayed() == "۱٬۲۳۴"
