"""Persian keyboard layouts read back as the Latin keys that typed them (issue 8, item
10, as the reviewer found it): the standard layout (ISIRI 9147) and Windows' legacy
"Persian" layout (KBDFA, its default), whose unshifted letters differ on M (ئ) and
backslash (پ). The rows below are written from each layout's own chart, not from
desktop/text/keyboard.py: Microsoft's KBDFA page for the legacy one, xkb's `ir(pes)`
for the standard one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.services.certificates import scan_text
from desktop.text.keyboard import LATIN_KEYS, latin_keys

LATIN_ROWS = ("qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./")
STANDARD_ROWS = ("ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو./")
LEGACY_ROWS = ("ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدئو./")


def layout(rows):
    return {latin: persian for lat, per in zip(LATIN_ROWS, rows, strict=True)
            for latin, persian in zip(lat, per, strict=True)}  # fmt: skip


STANDARD = layout(STANDARD_ROWS)
LEGACY = layout(LEGACY_ROWS) | {"\\": "پ"}


def typed_on(keyboard, word):
    return "".join(keyboard.get(char, char) for char in word)


@pytest.mark.parametrize("keyboard", [STANDARD, LEGACY], ids=["standard", "legacy"])
def test_every_letter_key_of_both_layouts(keyboard):
    for latin in "abcdefghijklmnopqrstuvwxyz":
        assert latin_keys(keyboard[latin]) == latin, (latin, keyboard[latin])


def test_admin_on_either_layout():
    assert typed_on(STANDARD, "admin") == "شیپهد"
    assert typed_on(LEGACY, "admin") == "شیئهد"
    assert latin_keys("شیپهد") == latin_keys("شیئهد") == "admin"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", max_size=32))
def test_a_user_name_typed_on_either_layout_reads_back(word):
    assert latin_keys(typed_on(STANDARD, word)) == word
    assert latin_keys(typed_on(LEGACY, word)) == word


def test_the_scan_keeps_the_standard_layouts_shift_s():
    """A scanner types a payload's capitals with Shift: on the standard layout Shift+S
    gives ئ, which the scan must read as S (legacy layout: not supported for scans)."""
    assert LATIN_KEYS[ord("ئ")] == "S"
    assert scan_text("TVN1:ئ") == "TVN1:S"
