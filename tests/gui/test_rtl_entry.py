"""RtlEntry driven by real X key and mouse events (Xvfb).

Xvfb's default keymap has no Persian keysyms, so Tk reports Persian key events as
"??" with no character. The `persian_keymap` fixture binds the characters these tests
type to spare keycodes (XChangeKeyboardMapping through ctypes, as xmodmap would);
then both `event_generate(keysym="U0633")` and `xdotool type` deliver real characters.
"""

from __future__ import annotations

import shutil
import subprocess
import tkinter as tk

import pytest

from desktop.text.display import DisplayMode
from desktop.text.visual import ZWNJ, visual_layout
from desktop.views.widgets.rtl import configure_display
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry
from tests.gui.conftest import pump
from tests.helpers.keymap import press, type_text

SHIFT, CONTROL = 0x1, 0x4


@pytest.fixture
def entry(window: tk.Toplevel, persian_keymap: None) -> RtlEntry:
    widget = RtlEntry(window, font=("Vazirmatn", 14), width=40)
    widget.pack(padx=10, pady=10, fill="x")
    pump(widget)
    widget.focus_force()
    pump(widget)
    return widget


def drawn_caret(widget: RtlEntry) -> int:
    return int(widget.tk.call(widget._w, "index", "insert"))


def assert_drawn_matches_model(widget: RtlEntry) -> None:
    layout = visual_layout(widget.get())
    assert widget.visual_text == layout.visual


# ---- typing ------------------------------------------------------------------------


def test_typing_persian_with_zwnj_and_digits(entry: RtlEntry) -> None:
    type_text(entry, "می")
    press(entry, "space", SHIFT)  # Shift+Space: the half-space
    type_text(entry, "خواهم ۱۲ 34 ok")
    assert entry.get() == "می‌خواهم ۱۲ 34 ok"
    assert entry.index("insert") == len(entry.get())
    assert_drawn_matches_model(entry)
    assert drawn_caret(entry) == visual_layout(entry.get()).caret_to_visual(len(entry.get()))


def test_zwnj_from_ctrl_shift_2_and_from_a_zwnj_key(entry: RtlEntry) -> None:
    type_text(entry, "نامه")
    press(entry, "at", CONTROL | SHIFT)
    type_text(entry, "ها")
    press(entry, "U200C")  # a layout whose key yields the ZWNJ character itself
    assert entry.get() == "نامه‌ها" + ZWNJ


def test_typed_text_goes_to_the_caret_and_replaces_the_selection(entry: RtlEntry) -> None:
    entry.set("سلام دنیا")
    press(entry, "Home")
    type_text(entry, "و ")
    assert entry.get() == "و سلام دنیا"
    entry.selection_range(2, 6)
    type_text(entry, "درود")
    assert entry.get() == "و درود دنیا"


def test_insert_and_delete_use_logical_indices(entry: RtlEntry) -> None:
    entry.insert(0, "دنیا")
    entry.insert(0, "سلام ")
    entry.insert("end", " 2024")
    assert entry.get() == "سلام دنیا 2024"
    entry.delete(0, 5)
    assert entry.get() == "دنیا 2024"
    entry.delete("end")  # nothing after the end
    entry.delete(4)
    assert entry.get() == "دنیا2024"
    assert_drawn_matches_model(entry)


# ---- caret -------------------------------------------------------------------------


def test_arrows_move_the_caret_visually(entry: RtlEntry) -> None:
    entry.set("کتاب")
    press(entry, "Home")
    assert entry.index("insert") == 0
    assert drawn_caret(entry) == 4  # logical start of Persian text: the right edge
    press(entry, "Left")  # on screen leftwards = logically forwards
    assert entry.index("insert") == 1
    assert drawn_caret(entry) == 3
    press(entry, "Right")
    assert entry.index("insert") == 0
    press(entry, "End")
    assert (entry.index("insert"), drawn_caret(entry)) == (4, 0)
    press(entry, "Left")  # already at the left edge
    assert entry.index("insert") == 4


def test_arrows_step_over_a_lam_alef_ligature_in_one_press(entry: RtlEntry) -> None:
    entry.set("سلام")
    press(entry, "Home")
    carets = []
    for _ in range(3):
        press(entry, "Left")
        carets.append(entry.index("insert"))
    assert carets == [1, 3, 4]  # never between lam and alef


def test_arrows_in_latin_inside_persian(entry: RtlEntry) -> None:
    entry.set("نام abc")  # drawn: "abc مان"
    press(entry, "End")
    assert drawn_caret(entry) == 3  # right after the c just typed
    press(entry, "Left")
    assert entry.index("insert") == 6  # between b and c
    press(entry, "Left")
    press(entry, "Left")
    assert drawn_caret(entry) == 0  # the left edge is reachable
    press(entry, "Right")
    assert entry.index("insert") == 5


def test_backspace_and_delete(entry: RtlEntry) -> None:
    entry.set("سلام")
    press(entry, "End")
    press(entry, "BackSpace")
    assert entry.get() == "سلا"
    press(entry, "Home")
    press(entry, "Delete")
    assert entry.get() == "لا"
    press(entry, "Delete")  # the drawn ligature goes as one
    assert entry.get() == ""
    press(entry, "BackSpace")  # nothing left: no error
    assert entry.get() == ""


# ---- selection and clipboard -------------------------------------------------------


def test_shift_selection_then_copy_puts_logical_text_on_the_clipboard(entry: RtlEntry) -> None:
    entry.set("سلام دنیا")
    press(entry, "Home")
    selected = []
    for _ in range(3):
        press(entry, "Left", SHIFT)
        selected.append(entry.selected_text)
    assert selected == ["س", "سلا", "سلام"]
    press(entry, "c", CONTROL)
    assert entry.clipboard_get() == "سلام"
    press(entry, "End", SHIFT)
    assert entry.selected_text == "سلام دنیا"
    press(entry, "Home", SHIFT)
    assert entry.selected_text == ""


def test_drawn_selection_covers_the_selected_letters(entry: RtlEntry) -> None:
    entry.set("سلام دنیا")
    entry.selection_range(5, 9)  # «دنیا», drawn at the left
    first, last = (int(entry.tk.call(entry._w, "index", i)) for i in ("sel.first", "sel.last"))
    assert (first, last) == (0, 4)


def test_select_all_cut_and_paste(entry: RtlEntry) -> None:
    entry.set("کد ۱۲۳ abc")
    press(entry, "a", CONTROL)
    assert entry.selected_text == "کد ۱۲۳ abc"
    press(entry, "x", CONTROL)
    assert entry.get() == ""
    assert entry.clipboard_get() == "کد ۱۲۳ abc"
    type_text(entry, "شماره ")
    press(entry, "v", CONTROL)
    press(entry, "v", CONTROL)
    assert entry.get() == "شماره کد ۱۲۳ abcکد ۱۲۳ abc"


def test_paste_flattens_lines_and_drops_isolates(entry: RtlEntry) -> None:
    entry.clipboard_clear()
    entry.clipboard_append("خط یک\nخط \u2067دو\u2069")
    press(entry, "v", CONTROL)
    assert entry.get() == "خط یک خط دو"


# ---- mouse -------------------------------------------------------------------------


def _click_x_after(widget: RtlEntry, logical_index: int) -> int:
    """A pixel just inside the left edge of a (right-to-left) character's glyph."""
    visual = visual_layout(widget.get()).logical_to_visual[logical_index]
    x, _, _, _ = widget.bbox(visual)
    return x + 1


def test_click_places_the_caret(entry: RtlEntry) -> None:
    entry.set("سلام دنیا")
    entry.event_generate("<Button-1>", x=_click_x_after(entry, 6), y=10)
    pump(entry)
    assert entry.index("insert") == 7  # after «دن»
    entry.event_generate("<Button-1>", x=_click_x_after(entry, 0), y=10)
    pump(entry)
    assert entry.index("insert") == 1


def test_drag_selects(entry: RtlEntry) -> None:
    entry.set("سلام دنیا")
    x_end_of_word = _click_x_after(entry, 3)
    right_edge = entry.bbox(visual_layout(entry.get()).logical_to_visual[0])
    entry.event_generate("<Button-1>", x=right_edge[0] + right_edge[2] - 1, y=10)
    entry.event_generate("<B1-Motion>", x=x_end_of_word, y=10, state=0x100)
    pump(entry)
    assert entry.selected_text == "سلام"


def _glyph_x(widget: RtlEntry) -> list[int]:
    """The left pixel of each logical character as Tk drew it."""
    layout = visual_layout(widget.get())
    return [widget.bbox(layout.logical_to_visual[i])[0] for i in range(len(widget.get()))]


def test_order_on_screen_in_pixels(entry: RtlEntry) -> None:
    """«سلام Hello»: Persian first, so on the right; Hello after it, to its left."""
    entry.set("سلام Hello")
    x = _glyph_x(entry)
    assert x[0] > x[1] > x[3]  # س ل … م run right to left
    assert x[5] < x[6] < x[9]  # H e … o run left to right
    assert x[9] < x[3]  # the whole Latin word is left of the Persian one
    assert x[0] > entry.winfo_width() / 2  # right-justified


def test_paragraph_is_right_to_left_even_when_it_starts_with_latin(entry: RtlEntry) -> None:
    entry.set("Hello سلام")  # the first word of an RTL paragraph goes on the right
    x = _glyph_x(entry)
    assert x[0] < x[4]  # Hello still reads left to right …
    assert x[4] > x[6] > x[9]  # … and sits right of سلام, which reads right to left


# ---- model and options -------------------------------------------------------------


def test_textvariable_both_ways(entry: RtlEntry) -> None:
    variable = tk.StringVar(entry, "قبلی")
    entry.configure(textvariable=variable)
    assert entry.get() == "قبلی"
    variable.set("نام (تست)")
    pump(entry)
    assert entry.get() == "نام (تست)"
    assert_drawn_matches_model(entry)
    press(entry, "End")
    type_text(entry, "ی")
    assert variable.get() == "نام (تست)ی"
    assert entry.cget("textvariable") == str(variable)


def test_textvariable_given_at_construction(window: tk.Toplevel) -> None:
    variable = tk.StringVar(window, "مقدار")
    widget = RtlEntry(window, textvariable=variable)
    assert widget.get() == "مقدار"
    widget.set("دیگر")
    assert variable.get() == "دیگر"
    widget.destroy()
    variable.set("بعد از حذف")  # the trace is gone: no error


def test_maxlength(entry: RtlEntry) -> None:
    entry.configure(maxlength=5)
    type_text(entry, "کد ملی")
    assert entry.get() == "کد مل"
    entry.set("")
    entry.clipboard_clear()
    entry.clipboard_append("1234567")
    press(entry, "v", CONTROL)
    assert entry.get() == "12345"
    assert entry.cget("maxlength") == 5


def test_changed_event_after_each_edit(entry: RtlEntry) -> None:
    seen: list[str] = []
    entry.bind(CHANGED, lambda event: seen.append(entry.get()))
    type_text(entry, "سل")
    press(entry, "BackSpace")
    press(entry, "Left")  # no change of value, no event
    entry.set("x")
    assert seen == ["س", "سل", "س", "x"]


def test_readonly_allows_copy_but_not_editing(entry: RtlEntry) -> None:
    entry.set("ثابت")
    entry.configure(state="readonly")
    type_text(entry, "ب")
    press(entry, "BackSpace")
    entry.insert(0, "x")
    assert entry.get() == "ثابت"
    press(entry, "a", CONTROL)
    press(entry, "c", CONTROL)
    assert entry.clipboard_get() == "ثابت"
    press(entry, "x", CONTROL)
    assert entry.get() == "ثابت"


def test_disabled_blocks_everything(entry: RtlEntry) -> None:
    entry.set("غیرفعال")
    entry.state(["disabled"])
    type_text(entry, "ب")
    press(entry, "Delete")
    press(entry, "v", CONTROL)
    assert entry.get() == "غیرفعال"
    entry.set("ممکن")  # the program can still set the value
    assert entry.get() == "ممکن"


def test_tk_never_edits_the_drawn_text(entry: RtlEntry) -> None:
    assert "TEntry" not in entry.bindtags()
    assert str(entry) in entry.bindtags()  # instance bindings still work
    fired = []
    entry.bind("<Return>", lambda event: fired.append(True))
    press(entry, "Return")
    assert fired == [True]
    assert entry.get() == ""


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool not installed")
def test_typing_through_xdotool(entry: RtlEntry) -> None:
    entry.winfo_toplevel().lift()
    entry.focus_force()
    pump(entry)
    subprocess.run(["xdotool", "type", "--delay", "15", "می\u200cروم ۱۴۰۳ abc"], check=True)
    subprocess.run(["xdotool", "key", "BackSpace", "Home", "Left", "shift+End"], check=True)
    for _ in range(20):
        pump(entry)
        entry.after(20)
    assert entry.get() == "می‌روم ۱۴۰۳ ab"
    assert entry.selected_text == "ی‌روم ۱۴۰۳ ab"
    assert_drawn_matches_model(entry)


# ---- platforms that shape by themselves --------------------------------------------


def test_native_mode_is_a_plain_right_justified_entry(window: tk.Toplevel) -> None:
    configure_display(DisplayMode.NATIVE)
    try:
        widget = RtlEntry(window, maxlength=6)
        widget.pack()
        pump(widget)
        widget.focus_force()
        pump(widget)
        assert "TEntry" in widget.bindtags()
        assert str(widget.cget("justify")) == "right"
        seen: list[str] = []
        widget.bind(CHANGED, lambda event: seen.append(widget.get()))
        type_text(widget, "abc")
        widget.insert(0, "سلام")  # would make 7 characters: refused whole, like Tk does
        widget.insert(0, "سه")
        assert widget.get() == "سهabc"
        assert widget.visual_text == "سهabc"  # no conversion: Tk shapes by itself
        widget.set("ساده")
        assert seen == ["a", "ab", "abc", "سهabc", "ساده"]
        widget.destroy()
    finally:
        configure_display(DisplayMode.CONVERT, "x11")
