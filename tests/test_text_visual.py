"""visual_layout: the same-length visual string and its index maps (no Tk needed)."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from desktop.text.display import convert_line
from desktop.text.visual import FILLER, ZWNJ, visual_layout

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگمنوهی"
MIXED_ALPHABET = (
    PERSIAN_LETTERS + "لا" + "۰۱۲۳۴۵۶۷۸۹" + "0123456789" + "abcXYZ" + " ()[].,،:-+" + ZWNJ
)
ANYTHING = st.text(alphabet=MIXED_ALPHABET + "\u064e\u0654\u2066\u2069\u202b\t", max_size=40)


def unshaped(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# ---- examples ----------------------------------------------------------------------


def test_empty_string() -> None:
    layout = visual_layout("")
    assert layout.visual == ""
    assert layout.caret_to_visual(0) == 0
    assert layout.caret_from_visual(0) == 0


def test_pure_persian_is_reversed_and_joined() -> None:
    layout = visual_layout("کتاب")
    assert unshaped(layout.visual) == "باتک"
    assert layout.visual != "باتک"  # presentation forms, i.e. joined
    assert layout.visual_to_logical == (3, 2, 1, 0)


def test_zwnj_stays_in_place_and_breaks_the_join() -> None:
    logical = "می‌خواهم"
    layout = visual_layout(logical)
    assert len(layout.visual) == len(logical)
    assert layout.visual[layout.logical_to_visual[2]] == ZWNJ
    assert unshaped(layout.visual) == logical[::-1]
    # ی before the ZWNJ takes its final form: it does not join to خ
    assert layout.visual[layout.logical_to_visual[1]] == "\ufbfd"


def test_lam_alef_is_one_ligature_plus_an_invisible_filler() -> None:
    layout = visual_layout("سلام")
    assert layout.visual == "\ufee1" + FILLER + "\ufefc" + "\ufeb3"
    assert visual_layout("لا").visual == FILLER + "\ufefb"
    assert 1 in layout.ligature_starts
    assert not layout.is_caret_stop(2)  # between lam and alef: no place to draw it


def test_same_text_as_display_where_display_can_be_compared() -> None:
    # display.convert_line uses ligatures and drops ZWNJ; without either they agree.
    for logical in ["درخواست abc ۱۲۳ (تست) 456", "قیمت 12,500 ریال", "(تست)", "سل ab"]:
        assert visual_layout(logical).visual == convert_line(logical)


def test_digits_stay_left_to_right_inside_persian() -> None:
    for digits in ["1402", "۱۴۰۲"]:
        layout = visual_layout(f"سال {digits} است")
        assert digits in layout.visual


def test_latin_inside_persian_keeps_its_order() -> None:
    layout = visual_layout("نسخه Tavana جدید")
    assert "Tavana" in layout.visual
    # the RTL paragraph puts the first Persian word on the right
    assert unshaped(layout.visual).endswith("هخسن")


def test_brackets_are_mirrored_in_rtl_text() -> None:
    layout = visual_layout("(تست)")
    assert layout.visual[0] == "(" and layout.visual[-1] == ")"
    assert unshaped(layout.visual[1:-1]) == "تست"


def test_text_starting_with_latin_is_still_right_to_left() -> None:
    layout = visual_layout("abc فارسی")
    assert layout.visual.endswith("abc")  # the first logical word is on the right
    layout = visual_layout("123 تومان")
    assert layout.visual.endswith("123")


def test_combining_mark_is_drawn_after_its_letter() -> None:
    layout = visual_layout("نامهٔ")
    heh = layout.logical_to_visual[3]
    assert layout.visual[heh + 1] == "\u0654"
    assert layout.caret_to_visual(5) == heh  # after «هٔ»: left edge of the heh


def test_caret_follows_the_character_just_typed() -> None:
    layout = visual_layout("سل ab")  # drawn: "ab لس"
    assert layout.caret_to_visual(0) == 5  # right edge
    assert layout.caret_to_visual(2) == 3  # after ل: its left edge
    assert layout.caret_to_visual(4) == 1  # after a: its right edge
    assert layout.caret_to_visual(5) == 2  # after b


def test_isolates_never_reach_python_bidi() -> None:
    layout = visual_layout("a\u2066b\u2069 ج")
    assert len(layout.visual) == 6
    assert "\u2066" not in layout.visual and "\u2069" not in layout.visual


# ---- properties --------------------------------------------------------------------


@given(ANYTHING)
def test_same_length(logical: str) -> None:
    assert len(visual_layout(logical).visual) == len(logical)


@given(ANYTHING)
def test_maps_are_inverse_permutations(logical: str) -> None:
    layout = visual_layout(logical)
    n = len(logical)
    assert sorted(layout.logical_to_visual) == list(range(n))
    assert sorted(layout.visual_to_logical) == list(range(n))
    for i in range(n):
        assert layout.visual_to_logical[layout.logical_to_visual[i]] == i


@given(st.text(alphabet=MIXED_ALPHABET, max_size=40))
def test_each_drawn_character_comes_from_its_logical_one(logical: str) -> None:
    layout = visual_layout(logical)
    for i, ch in enumerate(logical):
        drawn = layout.visual[layout.logical_to_visual[i]]
        if drawn == FILLER:
            assert ch == "ا" and i - 1 in layout.ligature_starts
        elif drawn in "()[]":
            assert ch in "()[]"
        else:
            assert unshaped(drawn)[-1] == ch or unshaped(drawn) == "لا"


@given(st.text(alphabet=PERSIAN_LETTERS.replace("ا", "") + " " + ZWNJ, max_size=40))
def test_pure_persian_is_the_reverse_once_unshaped(logical: str) -> None:
    assert unshaped(visual_layout(logical).visual) == logical[::-1]


@given(
    st.text(alphabet=PERSIAN_LETTERS + " ", max_size=10),
    st.text(alphabet="0123456789", min_size=1, max_size=8),
    st.text(alphabet=PERSIAN_LETTERS + " ", max_size=10),
)
def test_a_digit_run_keeps_its_order(before: str, digits: str, after: str) -> None:
    layout = visual_layout(f"{before} {digits} {after}")
    assert digits in layout.visual


@given(ANYTHING)
@example("0\u202b\u064e")  # a mark whose base is an invisible embedding control
def test_every_caret_is_drawn_inside_the_line(logical: str) -> None:
    layout = visual_layout(logical)
    for caret in range(len(logical) + 1):
        x = layout.caret_to_visual(caret)
        assert 0 <= x <= len(logical)
        if layout.is_caret_stop(caret):
            assert caret in [layout.snap(c) for c in layout.caret_candidates(x)]


@given(ANYTHING)
def test_every_visual_gap_maps_to_a_caret_stop(logical: str) -> None:
    layout = visual_layout(logical)
    for x in range(len(logical) + 1):
        caret = layout.caret_from_visual(x)
        assert 0 <= caret <= len(logical)
        assert layout.is_caret_stop(caret)
