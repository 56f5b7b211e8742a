"""Display conversion (no Tk): reshaped, right-to-left text for X11 Tk and PDF only."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.text.display import (
    LRM,
    RLM,
    Display,
    DisplayMode,
    convert_line,
    ltr_in_rtl,
    rtl_list,
)

LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
CONVERT = Display(DisplayMode.CONVERT)
NATIVE = Display(DisplayMode.NATIVE)


def logical_again(visual: str) -> str:
    """What pdftotext-style extraction gives back: plain letters in reading order."""
    return unicodedata.normalize("NFKC", visual[::-1])


def is_presentation_form(char: str) -> bool:
    return "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"


persian_lines = st.lists(
    st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=8), min_size=1, max_size=6
).map(" ".join)


@given(persian_lines)
def test_convert_reverses_and_shapes_pure_persian(text: str) -> None:
    visual = CONVERT(text)
    assert logical_again(visual) == text
    assert len(visual) <= len(text)  # lam-alef may become one ligature
    assert all(is_presentation_form(c) or c == " " for c in visual)


@given(persian_lines)
def test_native_is_the_identity(text: str) -> None:
    assert NATIVE(text) == text
    assert NATIVE(text + "\n" + text) == text + "\n" + text


def test_convert_examples() -> None:
    assert logical_again(CONVERT("سلام دنیا")) == "سلام دنیا"
    assert CONVERT("سلام")[-1] == "\ufeb3"  # س, initial form, drawn rightmost
    assert CONVERT("") == "" and CONVERT(None) == ""
    assert CONVERT("plain ascii") == "plain ascii"
    assert CONVERT("اول\nدوم").split("\n") == [CONVERT("اول"), CONVERT("دوم")]


def test_leading_latin_or_digits_keep_the_rtl_base() -> None:
    # In a right-to-left line the first word read is drawn rightmost, whatever its
    # script. With a left-to-right base (the bug) "Tavana" would be drawn leftmost.
    visual = CONVERT("Tavana سلام")
    assert visual.endswith("Tavana")
    assert logical_again(visual[: -len(" Tavana")]) == "سلام"
    assert CONVERT("12 کتاب").endswith("12")
    assert CONVERT("سلام Tavana").startswith("Tavana")
    # The Latin word itself stays left to right.
    assert "Tavana" in CONVERT("سلام Tavana عزیز")


def test_brackets_are_mirrored() -> None:
    visual = CONVERT("(نقد)")
    assert visual[0] == "(" and visual[-1] == ")"  # not ")دقن(" as the Rust bidi gives
    assert logical_again(visual[1:-1]) == "نقد"
    assert CONVERT("[۱۲]") == "[۱۲]"
    assert CONVERT("(1)") == "(1)"


def test_hamza_of_naameh_survives() -> None:
    visual = CONVERT("نامهٔ من")
    assert "\u0654" in visual
    assert logical_again(visual) == "نامهٔ من"


def test_harakat_survive() -> None:
    assert logical_again(CONVERT("کتابِ من")) == "کتابِ من"


def test_rial_is_not_turned_into_the_rial_sign() -> None:
    visual = CONVERT("۱۰۰ ریال")
    assert "\ufdfc" not in visual
    assert logical_again(CONVERT("ریال")) == "ریال"
    assert "\ufdf2" not in CONVERT("الله")  # nor Allah into its ligature


def test_lam_alef_is_ligated() -> None:
    assert "\ufefb" in CONVERT("لا") or "\ufefc" in CONVERT("سلا")


def test_zwnj_keeps_letters_apart() -> None:
    # The ZWNJ itself is dropped by python-bidi, but the letter before it is final.
    visual = CONVERT("می\u200cخواهم")
    assert "\u200c" not in visual
    assert visual[-2:] == "\ufbfd\ufee3"  # final-form ی, then initial م, rightmost


def test_isolates_are_stripped_instead_of_crashing() -> None:
    assert logical_again(CONVERT("\u2067سلام\u2069")) == "سلام"


@pytest.mark.parametrize(
    ("system", "mode"),
    [
        ("win32", DisplayMode.NATIVE),
        ("aqua", DisplayMode.NATIVE),
        ("x11", DisplayMode.CONVERT),
    ],
)
def test_auto_resolves_by_windowing_system(system: str, mode: DisplayMode) -> None:
    assert DisplayMode.AUTO.resolve(system) is mode
    assert Display(DisplayMode.AUTO, system).mode is mode
    assert Display(DisplayMode.AUTO, system).converts is (mode is DisplayMode.CONVERT)


def test_explicit_modes_ignore_the_windowing_system() -> None:
    assert DisplayMode.CONVERT.resolve("win32") is DisplayMode.CONVERT
    assert DisplayMode.NATIVE.resolve("x11") is DisplayMode.NATIVE
    assert DisplayMode("auto") is DisplayMode.AUTO


def test_wrapped_wraps_logical_text_first() -> None:
    words = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت"]
    text = " ".join(words)
    lines = CONVERT.wrapped(text, 12).split("\n")
    assert len(lines) > 1
    # The first logical words are on the first line, each line reads back in order.
    first = logical_again(lines[0]).split(" ")
    assert first == words[: len(first)]
    assert " ".join(logical_again(line) for line in lines) == text
    assert NATIVE.wrapped(text, 12).split("\n")[0].startswith("یک دو")


def test_wrapped_keeps_paragraphs() -> None:
    assert CONVERT.wrapped("اول\n\nدوم", 40).split("\n") == [CONVERT("اول"), "", CONVERT("دوم")]


def test_convert_line_is_cached_and_pure() -> None:
    assert convert_line("سلام") is convert_line("سلام")


# -- Latin identifiers inside Persian sentences (issue 8, item 13) ---------------------

identifiers = st.lists(
    st.from_regex(r"[a-z][a-z0-9._-]{2,9}", fullmatch=True)
    | st.from_regex(r"[A-Z]{3}[0-9]{2}-[0-9]{4}-[0-9]{6}", fullmatch=True),
    min_size=2,
    max_size=5,
    unique=True,
).filter(lambda names: not any(a in b for a in names for b in names if a != b))


def reading_order(visual: str, names: list[str]) -> list[str]:
    """The names in the order a right-to-left reader meets them on the drawn line."""
    return sorted(names, key=lambda name: -visual.index(name))


@given(identifiers, st.sampled_from(["، ", ", ", " و ", " "]))
def test_isolated_identifiers_keep_their_order_in_a_persian_sentence(names, separator) -> None:
    visual = convert_line("کاربران نمونه: " + separator.join(ltr_in_rtl(n) for n in names))
    assert reading_order(visual, names) == names
    assert all(mark not in visual for mark in (LRM, RLM))  # no boxes drawn for the marks


def test_without_isolation_the_names_read_backwards() -> None:
    """What the set-up dialog showed: the comma-separated Latin names are one run."""
    names = ["clerk", "trainer", "shop"]
    visual = convert_line("کاربران نمونه: " + "، ".join(names))
    assert reading_order(visual, names) == list(reversed(names))


def test_an_isolated_path_stays_in_one_piece() -> None:
    visual = convert_line("پرونده در " + ltr_in_rtl("/home/ali/اسناد/a.pdf") + " ذخیره شد")
    assert visual.startswith(CONVERT("ذخیره شد"))  # the sentence ends at the left
    assert "/home/ali/" in visual and visual.index("/home/ali/") < visual.index(".pdf")


def test_natively_drawn_text_keeps_the_marks_for_the_system() -> None:
    assert NATIVE("کد " + ltr_in_rtl("TEH05")) == "کد \u200f\u202aTEH05\u202c\u200f"


def test_a_list_of_latin_and_persian_items_reads_in_order() -> None:
    items = ["Excel", "خیاطی ماشینی", "C++", "ICDL 2", "Word پیشرفته"]
    visual = convert_line("مهارت‌ها: " + rtl_list(items))
    shown = [CONVERT(item) if not item.isascii() else item for item in items]
    positions = [visual.index(item) for item in shown[:4]]
    assert positions == sorted(positions, reverse=True)  # right to left: in order
    assert CONVERT("پیشرفته") + " Word" in visual  # a mixed item keeps its word order


def test_a_persian_only_list_is_left_as_it_is() -> None:
    assert rtl_list(["نجاری", "خیاطی"]) == "نجاری، خیاطی"


def test_a_course_code_before_a_latin_title_reads_first() -> None:
    from desktop.strings.casework_views import ApplicantCourses

    label = ApplicantCourses.CHOICE.format(
        code=ltr_in_rtl("TEH05-C-0001"), title="ICDL", seats="۳ جای خالی"
    )
    visual = convert_line(label)
    assert visual.index("ICDL") < visual.index("TEH05-C-0001")  # the code is met first
    plain = ApplicantCourses.CHOICE.format(code="TEH05-C-0001", title="ICDL", seats="۳")
    unisolated = convert_line(plain)
    assert unisolated.index("ICDL") > unisolated.index("TEH05-C-0001")  # the defect


@given(identifiers, st.sampled_from(["، ", " و "]))
def test_latin_list_items_keep_their_order(names, separator) -> None:
    visual = convert_line("مهارت‌ها: " + rtl_list(names, separator))
    assert reading_order(visual, names) == names


# -- file paths: left to right as a whole, each name laid out on its own ----------------


def test_a_path_is_left_to_right_with_each_persian_name_inside() -> None:
    """«/tmp/r1/files/نشان مرکز.png»: the folders from the left, the file name last, its
    extension at its right end — not «…/files/png.نشان مرکز» (a right-to-left base)."""
    visual = CONVERT.path("/tmp/r1/files/نشان مرکز.png")
    assert visual.startswith("/tmp/r1/files/") and visual.endswith(".png")
    name = visual.removeprefix("/tmp/r1/files/").removesuffix(".png")
    assert logical_again(name) == "نشان مرکز"  # joined and right to left inside


def test_two_persian_folders_side_by_side_keep_their_order() -> None:
    """One bidi pass over the whole path reads «علی/اسناد» as one right-to-left run and
    shows «اسناد» first; each name is laid out on its own."""
    visual = CONVERT.path("/home/علی/اسناد/گواهینامه‌های آشپزی.pdf")
    first, second, name = visual.removeprefix("/home/").split("/")
    assert logical_again(first) == "علی" and logical_again(second) == "اسناد"
    # (ZWNJ is dropped once the letters around it are shaped apart: see convert_line.)
    assert name.endswith(".pdf")
    assert logical_again(name.removesuffix(".pdf")) == "گواهینامه‌های آشپزی".replace("\u200c", "")


def test_windows_paths_and_latin_paths() -> None:
    assert CONVERT.path("C:\\Users\\ali\\a.pdf") == "C:\\Users\\ali\\a.pdf"
    visual = CONVERT.path("C:\\Users\\علی\\a.pdf")
    assert visual.startswith("C:\\Users\\") and visual.endswith("\\a.pdf")
    assert CONVERT.path("") == ""


@given(st.lists(persian_lines, min_size=1, max_size=4))
def test_a_path_of_persian_names_keeps_every_name_in_its_place(names: list[str]) -> None:
    visual = CONVERT.path("/" + "/".join(names) + ".pdf")
    parts = visual.removesuffix(".pdf").split("/")[1:]
    assert [logical_again(part) for part in parts] == names


def test_natively_drawn_paths_pin_the_separators_left_to_right() -> None:
    """Windows and macOS lay the text out themselves: marks keep each separator in the
    left-to-right flow, so two Persian folders are two runs, in their order."""
    assert NATIVE.path("/home/ali/a.pdf") == "/home/ali/a.pdf".replace("/", f"{LRM}/{LRM}")
    shown = NATIVE.path("/home/علی/اسناد")
    assert shown.replace(LRM, "") == "/home/علی/اسناد"
    assert f"علی{LRM}/{LRM}اسناد" in shown
