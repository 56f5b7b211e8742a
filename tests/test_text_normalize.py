"""Normalisation: what is stored, searched and compared (DESIGN.md, "Normalisation")."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop.text.digits import group_thousands, persian_digits
from desktop.text.normalize import (
    ZWNJ,
    kept_presentation_forms,
    normalize_digits,
    normalize_identifier,
    normalize_line,
    normalize_text,
    search_key,
    whole_number,
)

PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءأؤئ"
ARABIC_VARIANTS = "يىكۀةإ"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0654"
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLES = ZWNJ + "\u200b\u200d\ufeff\u0640"
PRESENTATION_FORMS = [chr(c) for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]]
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
# Control and format characters (Cc, Cf) that reach fields: NUL, escape, delete, C1
# controls, soft hyphen, Arabic number signs, word joiner, interlinear marks, tags.
CONTROLS = "\x00\x01\x08\x1b\x7f\x80\x9b\x9f\u00ad\u0600\u0605\u06dd\u070f\u180e"
CONTROLS += "\u2060\u2064\u206a\u206f\ufff9\ufffb\U000110bd\U0001d173\U000e0001\U000e007f"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

# Text that looks like what people paste: Persian and Arabic letters, marks, controls,
# every kind of space and line break, presentation forms, digits and Latin — plus any
# character at all.
messy_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(PERSIAN_LETTERS + ARABIC_VARIANTS + "ەے"),
        st.sampled_from(HARAKAT + "\u0653\u0655"),
        st.sampled_from(BIDI_CONTROLS + INVISIBLES + CONTROLS),
        st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2000\u202f\u2028\u2029\u3000"),
        st.sampled_from(PRESENTATION_FORMS),
        st.sampled_from(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS + "0123456789abcXYZ-_.,/٬،"),
        st.characters(),
    ),
    max_size=40,
)


@given(messy_text)
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def invisible(text: str) -> set[str]:
    """The control, format and surrogate characters of `text`."""
    return {char for char in text if unicodedata.category(char) in ("Cc", "Cf", "Cs")}


@given(messy_text)
def test_normalized_text_keeps_no_control_character_but_line_breaks_zwnj_and_zwj(
    text: str,
) -> None:
    assert invisible(normalize_text(text)) <= {"\n", ZWNJ, "\u200d"}
    line = normalize_line(text)
    assert invisible(line) <= {ZWNJ, "\u200d"}
    assert normalize_line(line) == line
    assert normalize_text(line) == line  # a line is text too


def test_control_characters_go_white_space_stays_apart() -> None:
    assert normalize_text("عل\x00ی\x1b[2J رضا\u00ad") == "علی[2J رضا"
    assert normalize_text("ab\tc\x0bd\x85e") == "ab c\nd\ne"  # tab a space; VT, NEL lines
    assert normalize_text("نیم\u200cفاصله و\u200dاتصال") == "نیم\u200cفاصله و\u200dاتصال"
    assert normalize_line(" علی \r\n\n رضا \u2028 ") == "علی رضا"
    assert normalize_line("\ud800x") == "x"  # a lone surrogate cannot be stored


@given(messy_text)
def test_normalize_text_never_leaves_arabic_letters_or_foldable_presentation_forms(
    text: str,
) -> None:
    result = normalize_text(text)
    assert not set(result) & set("\u064a\u0649\u0643\u06c0")
    presentation = {c for c in result if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"}
    # Only symbols without a plain spelling (ornate parentheses, honorifics) may stay,
    # and only if they were typed.
    assert presentation <= kept_presentation_forms() & set(text)


@given(st.text(alphabet=st.sampled_from(PERSIAN_LETTERS + " \n\u200c"), max_size=30))
def test_normalize_text_introduces_no_presentation_forms(text: str) -> None:
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", normalize_text(text))


def test_kept_presentation_forms_are_symbols_only() -> None:
    assert "\ufd3e" in kept_presentation_forms()  # ORNATE LEFT PARENTHESIS
    assert not {"\ufeff", "\ufdd0", "\ufefb", "\ufdf2", "\ufdfc"} & kept_presentation_forms()


@given(messy_text)
def test_normalize_text_strips_bidi_controls_and_edge_spaces(text: str) -> None:
    result = normalize_text(text)
    assert not re.search("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]", result)
    for line in result.split("\n"):
        assert line == line.strip()
        assert "  " not in line
        assert not line.startswith(ZWNJ) and not line.endswith(ZWNJ)
        assert f" {ZWNJ}" not in line and f"{ZWNJ} " not in line


@given(
    st.text(alphabet=st.sampled_from(PERSIAN_LETTERS), min_size=1, max_size=8),
    st.text(alphabet=st.sampled_from(PERSIAN_LETTERS), min_size=1, max_size=8),
)
def test_interior_zwnj_between_persian_letters_is_kept(left: str, right: str) -> None:
    assert normalize_text(f"{left}{ZWNJ}{right}") == normalize_text(left) + ZWNJ + normalize_text(
        right
    )
    assert normalize_text(f"{left}{ZWNJ}{ZWNJ}{right}").count(ZWNJ) == 1


def test_normalize_text_examples() -> None:
    assert normalize_text("  علي   رضايي  ") == "علی رضایی"
    assert normalize_text("كتاب\u200f") == "کتاب"
    assert normalize_text("نامۀ من") == "نامهٔ من"
    assert normalize_text("کـــتاب") == "کتاب"
    assert normalize_text("می\u200cخواهم") == "می\u200cخواهم"
    assert normalize_text("سطر اول\r\n\r\nسطر سوم\u2028آخر") == "سطر اول\n\nسطر سوم\nآخر"
    assert normalize_text("ﺳﻼﻡ") == "سلام"  # shaped text pasted from a PDF
    assert normalize_text("﷼") == "ریال"
    assert normalize_text(None) == "" and normalize_text("") == ""


def test_normalize_text_regressions() -> None:
    # Each of these used to give a different result on a second pass.
    assert normalize_text(f"الف {ZWNJ} ب") == "الف ب"
    assert normalize_text(f" {ZWNJ} الف") == "الف"
    assert normalize_text("ە\u200e\u0654") == "ه\u0654"  # a mark between ە and ٔ
    assert normalize_text("ە\u0640\u0654") == "ه\u0654"  # a tatweel between them
    assert normalize_text("\ufdd0الف") == "الف"  # noncharacters go


@given(st.text(alphabet=st.sampled_from("0123456789" + PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)))
def test_normalize_identifier_makes_any_digits_ascii(digits: str) -> None:
    expected = "".join(str(int(d)) for d in digits)  # int() reads all three kinds
    assert normalize_identifier(digits) == expected
    assert normalize_digits(digits) == expected


def test_normalize_identifier_drops_separators_and_controls() -> None:
    assert normalize_identifier("\u200f۰۹۱۲-۳۴۵ ۶۷۸۹\u200e") == "09123456789"
    assert normalize_identifier("۰۰۱.۲۳۴٬۵۶۷/۸") == "0012345678"
    assert normalize_identifier(None) == ""


@given(st.text())
def test_digits_round_trip(text: str) -> None:
    ascii_only = normalize_digits(text)
    assert not set(ascii_only) & set(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)
    assert normalize_digits(persian_digits(ascii_only)) == ascii_only
    assert not set(persian_digits(ascii_only)) & set("0123456789")


@given(st.integers())
def test_group_thousands_reads_back(number: int) -> None:
    grouped = group_thousands(number)
    assert int(normalize_digits(grouped).replace("٬", "")) == number
    assert all(len(group) == 3 for group in grouped.lstrip("-").split("٬")[1:])


def test_group_thousands_example() -> None:
    assert group_thousands(12345678) == "۱۲٬۳۴۵٬۶۷۸"
    assert group_thousands(-1000) == "-۱٬۰۰۰"
    assert persian_digits(1405) == "۱۴۰۵"


# search_key: spellings people use interchangeably fold together.
persian_words = st.lists(
    st.text(alphabet=st.sampled_from("ابپتجچخدرزسشعفقکگلمنوهی"), min_size=1, max_size=7),
    min_size=1,
    max_size=4,
)


@st.composite
def respelled(draw: st.DrawFn, words: list[str]) -> str:
    """The same words as someone else might type them."""
    out = []
    for index, word in enumerate(words):
        if index:
            out.append(draw(st.sampled_from([" ", ZWNJ, "  ", "\u200f "])))
        for position, letter in enumerate(word):
            if letter == "ی":
                letter = draw(st.sampled_from("یيى"))
            elif letter == "ک":
                letter = draw(st.sampled_from("کك"))
            out.append(letter)
            if draw(st.booleans()):
                out.append(draw(st.sampled_from(HARAKAT)))
            if position < len(word) - 1 and draw(st.booleans()):
                out.append("\u0640" * draw(st.integers(1, 3)))
    return "".join(out)


@given(st.data(), persian_words)
def test_search_key_folds_spelling_variants(data: st.DataObject, words: list[str]) -> None:
    plain = " ".join(words)
    assert search_key(data.draw(respelled(words))) == search_key(plain)
    assert search_key(plain) == plain


def test_search_key_examples() -> None:
    assert search_key("عليرضا") == search_key("علیرضا")
    assert search_key("محمد\u200cرضا") == search_key("محمد رضا")
    assert search_key("نامهٔ") == search_key("نامه") == search_key("نامۀ")
    assert search_key("أحمد") == search_key("احمد")
    assert search_key("مسئول") == search_key("مسیٔول") == search_key("مس\u064a\u0654ول")
    assert search_key("ABC ۱۲۳") == "abc 123"
    assert search_key("مُحَمَّد") == "محمد"


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(st.integers(min_value=0, max_value=10**18 - 1), st.sampled_from(["", " ", "  "]))
def test_a_whole_number_reads_back_in_any_script(number: int, pad: str) -> None:
    for written in (str(number), persian_digits(number), str(number).translate(_ARABIC_INDIC)):
        assert whole_number(pad + written + pad) == number


@given(st.text(max_size=30))
def test_whole_number_never_raises_and_reads_only_plain_digits(text: str) -> None:
    """What `isdigit()` then `int()` crashed on ("²", "①", 5,000 nines) is None."""
    found = whole_number(text)
    assert found is None or 0 <= found < 10**18
    if found is not None:
        assert re.fullmatch(r"\s*[0-9۰-۹٠-٩]{1,18}\s*", text)


def test_what_is_not_a_whole_number() -> None:
    for text in ("", " ", "²", "①", "-3", "+3", "1.5", "۱٫۵", "1,000", "9" * 19, "9" * 5000, None):
        assert whole_number(text) is None, text
