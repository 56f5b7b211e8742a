"""The generic widgets that came out of the applicant form, each on its own.

TagEntry, NotesField, ScrollArea, CheckGroup, the Form's DateField, SectionForm and
FormGroup, bind_keys and ask: driven with real key events in a bare window, so a
regression shows here rather than only through the applicant form's tests.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Iterator

import pytest
import ttkbootstrap as ttk

from desktop.views.widgets.check_group import CheckGroup
from desktop.views.widgets.dialogs import Question, ask
from desktop.views.widgets.form import Form
from desktop.views.widgets.form_group import FormGroup, SectionForm
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import bind_keys
from desktop.views.widgets.notes import NOTE_LINES, NOTE_LINES_MAX, NotesField
from desktop.views.widgets.rtl import RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import ScrollArea
from desktop.views.widgets.tag_entry import TagEntry
from tests.gui.conftest import pump
from tests.helpers.keymap import PERSIAN_CHARS, mapped, press, type_text

CONTROL = 0x4


@pytest.fixture(scope="module")
def keymap(root: tk.Tk) -> Iterator[None]:
    """The Persian keymap of the tests, plus the Persian comma and semicolon keys."""
    with mapped(root, PERSIAN_CHARS + "،؛"):
        yield


def focused(widget: tk.Misc) -> tk.Misc:
    widget.focus_force()
    pump(widget)
    return widget


def tab_stops(start: tk.Misc, count: int) -> list[tk.Misc]:
    stops, widget = [], start
    for _ in range(count):
        stops.append(widget)
        widget = widget.tk_focusNext()
    return stops


# -- TagEntry ----------------------------------------------------------------------------


@pytest.fixture
def tags(window: tk.Toplevel, keymap: None) -> TagEntry:
    widget = TagEntry(window)
    widget.pack(fill="x", padx=10, pady=10)
    pump(window)
    focused(widget.entry)
    return widget


def test_enter_persian_comma_and_semicolon_each_make_a_chip(tags: TagEntry) -> None:
    type_text(tags.entry, "خیاطی")
    press(tags.entry, "Return")
    type_text(tags.entry, "نجاری،")
    type_text(tags.entry, "برق")
    press(tags.entry, "semicolon")
    type_text(tags.entry, "بافت؛")
    assert tags.tags == ["خیاطی", "نجاری", "برق", "بافت"]
    assert list(tags.chip_buttons) == tags.tags
    assert tags.entry.get() == ""
    assert tags.get() == ["خیاطی", "نجاری", "برق", "بافت"]


def test_get_counts_what_is_still_typed_once(tags: TagEntry) -> None:
    tags.set(["خیاطی"])
    type_text(tags.entry, "برق")
    assert tags.get() == ["خیاطی", "برق"]
    assert tags.tags == ["خیاطی"]  # not a chip until Enter
    tags.entry.set("خیاطی")
    assert tags.get() == ["خیاطی"]  # no double


def test_backspace_in_the_empty_field_takes_the_last_chip_back(tags: TagEntry) -> None:
    tags.set(["خیاطی", "نجاری"])
    type_text(tags.entry, "ب")
    press(tags.entry, "BackSpace")  # first it deletes the typed letter …
    assert (tags.entry.get(), tags.tags) == ("", ["خیاطی", "نجاری"])
    press(tags.entry, "BackSpace")  # … then, the field empty, the last chip
    assert tags.tags == ["خیاطی"] and list(tags.chip_buttons) == ["خیاطی"]
    press(tags.entry, "BackSpace")
    press(tags.entry, "BackSpace")  # nothing left: nothing happens
    assert tags.get() == []


def test_a_chips_cross_removes_it_and_duplicates_are_ignored(tags: TagEntry) -> None:
    tags.set(["خیاطی", "نجاری", "خیاطی", "  "])
    assert tags.tags == ["خیاطی", "نجاری"]
    tags.chip_buttons["خیاطی"].invoke()
    assert tags.get() == ["نجاری"]
    assert tags.focus_get() is tags.entry


def test_enter_in_the_empty_field_submits(tags: TagEntry) -> None:
    submitted: list[bool] = []
    tags.on_submit = lambda: submitted.append(True)
    type_text(tags.entry, "برق")
    press(tags.entry, "Return")
    assert submitted == []  # the text became a chip
    press(tags.entry, "Return")
    assert submitted == [True]


def test_chips_flow_right_to_left_in_rows_as_wide_as_the_field(tags: TagEntry) -> None:
    tags.set([f"مهارت شمارهٔ {n}" for n in "۱۲۳۴۵۶"])
    pump(tags)
    rows = tags.chips.winfo_children()
    assert len(rows) > 1
    assert all(row.winfo_width() <= tags.winfo_width() for row in rows)
    first, second = tags.chip_buttons["مهارت شمارهٔ ۱"], tags.chip_buttons["مهارت شمارهٔ ۲"]
    assert first.winfo_rootx() > second.winfo_rootx()  # the first chip at the right


# -- NotesField --------------------------------------------------------------------------


@pytest.fixture
def notes(window: tk.Toplevel) -> NotesField:
    widget = NotesField(window)
    widget.pack(fill="x", padx=10, pady=10)
    pump(window)
    return widget


def test_enter_goes_to_the_next_line_and_adds_one_at_the_end(notes: NotesField) -> None:
    added: list[RtlEntry] = []
    notes.on_line_added = added.append
    assert len(notes.lines) == NOTE_LINES
    press(focused(notes.lines[0]), "Return")
    assert notes.focus_get() is notes.lines[1] and added == []
    last = notes.lines[-1]
    press(focused(last), "KP_Enter")
    assert len(notes.lines) == NOTE_LINES + 1 and added == [notes.lines[-1]]
    assert notes.focus_get() is notes.lines[-1]
    for _ in range(2 * NOTE_LINES_MAX):
        press(notes.focus_get(), "Return")
    assert len(notes.lines) == NOTE_LINES_MAX  # no more than that


def test_up_and_down_move_between_lines(notes: NotesField) -> None:
    notes.set("یک\nدو")
    press(focused(notes.lines[0]), "Down")
    assert notes.focus_get() is notes.lines[1]
    assert notes.lines[1].index("insert") == len("دو")  # the caret at the end
    press(notes.lines[1], "Up")
    press(notes.lines[0], "Up")  # nowhere to go: it stays
    assert notes.focus_get() is notes.lines[0]


def test_value_is_the_lines_joined_and_a_long_note_keeps_every_word(notes: NotesField) -> None:
    notes.lines[1].set("خط دوم")
    assert notes.get() == "خط دوم"  # empty lines at either end do not count
    notes.lines[2].set("خط سوم")
    notes.lines[0].set("")
    notes.lines[1].set("")
    assert notes.get() == "خط سوم"
    notes.set("یک\n\nسه")
    assert notes.get() == "یک\n\nسه"  # an empty line between two is kept
    notes.set("\n".join(f"خط {n}" for n in range(10)))
    assert len(notes.lines) == NOTE_LINES_MAX
    assert notes.lines[-1].get() == "خط 7 خط 8 خط 9"
    notes.set("")
    assert notes.get() == ""
    focused(notes.lines[1])
    notes.focus_set()
    pump(notes)
    assert notes.focus_get() is notes.lines[0]


# -- ScrollArea --------------------------------------------------------------------------


def scroll_area(window: tk.Toplevel, rows: int) -> tuple[ScrollArea, list[ttk.Entry]]:
    window.geometry("400x300")
    area = ScrollArea(window)
    area.pack(fill="both", expand=True)
    entries = []
    for _ in range(rows):
        entry = ttk.Entry(area.inner)
        entry.pack(fill="x", pady=10)
        entries.append(entry)
    area.wire()
    pump(window, 5)
    return area, entries


def shown(area: ScrollArea, widget: tk.Misc) -> bool:
    top = widget.winfo_rooty() - area.canvas.winfo_rooty()
    return 0 <= top <= area.canvas.winfo_height() - widget.winfo_height()


def test_the_focused_field_is_scrolled_into_view(window: tk.Toplevel) -> None:
    area, entries = scroll_area(window, 20)
    assert area.bar.winfo_ismapped()  # on the left: the reading end is the right
    assert area.bar.winfo_rootx() < area.canvas.winfo_rootx()
    assert not shown(area, entries[-1])
    focused(entries[-1])
    assert area.canvas.yview()[0] > 0 and shown(area, entries[-1])
    focused(entries[len(entries) // 2])
    assert shown(area, entries[len(entries) // 2])
    focused(entries[0])
    assert area.canvas.yview()[0] == 0.0


def test_the_wheel_scrolls_from_a_field(window: tk.Toplevel) -> None:
    area, entries = scroll_area(window, 20)
    entries[0].event_generate("<Button-5>", x=5, y=5)
    pump(window)
    assert area.canvas.yview()[0] > 0
    entries[0].event_generate("<Button-4>", x=5, y=5)
    pump(window)
    assert area.canvas.yview()[0] == 0.0


def test_no_scrollbar_when_everything_fits(window: tk.Toplevel) -> None:
    area, entries = scroll_area(window, 2)
    assert not area.bar.winfo_ismapped()
    assert entries[0].winfo_width() > area.winfo_width() // 2  # content as wide as the area
    focused(entries[-1])
    assert area.canvas.yview()[0] == 0.0


# -- CheckGroup ------------------------------------------------------------------------


def test_check_group_speaks_keys_with_the_first_box_at_the_right(window: tk.Toplevel) -> None:
    group = CheckGroup(window, [("a", "الف"), ("b", "ب"), ("c", "پ")])
    group.pack(fill="x")
    pump(window)
    checks = group.checks
    assert checks["a"].winfo_rootx() > checks["b"].winfo_rootx()
    assert checks["c"].winfo_rooty() > checks["a"].winfo_rooty()  # two per row
    group.set(["c", "a", "unknown"])
    assert group.get() == ["a", "c"]
    checks["b"].invoke()
    assert group.get() == ["a", "b", "c"]
    focused(window)
    group.focus_set()
    pump(group)
    assert group.focus_get() is checks["a"]


# -- DateField, SectionForm and FormGroup --------------------------------------------------


def test_a_date_field_in_a_form_is_one_tab_stop_and_takes_the_focus(window: tk.Toplevel) -> None:
    form = Form(window)
    form.pack(fill="x")
    before = form.add("name", "نام", lambda p: RtlEntry(p))
    date = form.add("born", "تاریخ", lambda p: DateField(p))
    after = form.add("note", "یادداشت", lambda p: RtlEntry(p))
    pump(window)
    assert tab_stops(before, 3) == [before, date.entry, after]
    focused(after)
    date.entry.set("۱۴۰۵/۱۳/۰۱")
    assert date.text() == "۱۴۰۵/۱۳/۰۱"  # as typed, for the service to judge
    form.show_errors({"born": "ماه باید از ۱ تا ۱۲ باشد."})
    pump(window)
    assert form.focus_get() is date.entry


def test_a_form_group_shows_errors_as_one_form(window: tk.Toplevel) -> None:
    group = FormGroup()
    first = group.add(SectionForm(window, min_wrap=120))
    second = group.add(SectionForm(window, min_wrap=120))
    for form in (first, second):
        form.pack(side="right", anchor="n")
    a = first.add("a", "یک", lambda p: RtlEntry(p, width=8))
    b = second.add("b", "دو", lambda p: RtlEntry(p, width=8), hint="راهنما")
    focused(b)
    long = "این پیام بلند است و باید زیر خانه‌اش در چند سطر بشکند تا دیده شود."
    unplaced = group.show_errors({"b": long, "a": "خالی است.", "": "خطای کلی."})
    pump(window)
    assert unplaced == ["خطای کلی."]
    assert window.focus_get() is a  # the first invalid field in form order
    assert (group.error_text("a"), group.error_text("b")) == ("خالی است.", long)
    message = second.grid_slaves(row=1, column=0)[0]
    assert isinstance(message, RLabel)
    assert message.winfo_height() > 2 * a.winfo_height() // 3  # wrapped over lines
    assert message.winfo_width() <= max(b.winfo_width(), 120) + 2
    group.clear_errors()
    assert group.error_text("b") == "" and message.logical_text == "راهنما"  # the hint is back
    assert set(group.fields) == {"a", "b"}


# -- bind_keys and ask ---------------------------------------------------------------------


def test_bind_keys_binds_focusable_widgets_once(window: tk.Toplevel) -> None:
    page = ttk.Frame(window)
    page.pack()
    label = RLabel(page, text="برچسب")
    entry = ttk.Entry(page)
    button = ttk.Button(page, text="OK")
    for widget in (label, entry, button):
        widget.pack()
    saves: list[bool] = []
    done: set[str] = set()
    for _ in range(2):  # a repeated walk binds nothing twice
        bind_keys(page, ("<Control-s>",), lambda: saves.append(True), done=done)
    bind_keys(page, ("<F5>",), lambda: saves.append(False), where=lambda w: w is entry)
    pump(window)
    focused(entry).event_generate("<KeyPress>", keysym="s", state=CONTROL)
    pump(window)
    assert saves == [True]
    assert not label.bind("<Control-s>")  # a label is never a Tab stop because of it
    assert button.bind("<Control-s>") and not button.bind("<F5>")
    entry.event_generate("<KeyPress>", keysym="F5")
    pump(window)
    assert saves == [True, False]


def test_ask_reports_the_answer_then_escape_as_none(window: tk.Toplevel) -> None:
    answers: list[str | None] = []
    buttons = (("yes", "بله", "primary"), ("no", "خیر", "secondary"))
    question = ask(window, "پرسش", "ادامه؟", buttons, answers.append, default="no", wait=False)
    assert isinstance(question, Question)
    question.buttons["yes"].invoke()
    assert answers == ["yes"] and not question.winfo_exists()
    question = ask(window, "پرسش", "ادامه؟", buttons, answers.append, wait=False)
    press(focused(question.buttons["yes"]), "Escape")
    pump(window)
    assert answers == ["yes", None]
