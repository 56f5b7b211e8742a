"""JalaliDateEntry and its picker: typing, validation, an RTL month grid, keys, Today."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.text.jalali import JalaliDateError, from_jalali
from desktop.views.widgets.jalali_date import (
    JalaliCalendar,
    JalaliDateEntry,
    JalaliDatePicker,
    add_months,
    check_date_text,
)
from tests.gui.conftest import pump
from tests.helpers.gui import press_keys, type_with_xdotool

AZAR_1_1405 = dt.date(2026, 11, 22)  # a Sunday (یکشنبه)


@pytest.fixture(autouse=True)
def no_grab(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(JalaliDatePicker, "use_grab", False)


@pytest.fixture
def field(window):  # type: ignore[no-untyped-def]
    date_entry = JalaliDateEntry(window)
    date_entry.pack(side="top", anchor="e")
    other = JalaliDateEntry(window)  # somewhere for the focus to go
    other.pack(side="top", anchor="e")
    date_entry.other = other
    date_entry.changes = []
    date_entry.bind("<<DateChanged>>", lambda _e: date_entry.changes.append(date_entry.get_date()))
    date_entry.entry.focus_force()
    pump(window)
    return date_entry


def leave(field) -> None:  # type: ignore[no-untyped-def]
    field.other.entry.focus_force()
    pump(field)


def test_pure_checks_without_tk() -> None:
    assert check_date_text(" ") is None
    assert check_date_text("۱۴۰۵/۰۹/۰۱") == AZAR_1_1405
    with pytest.raises(JalaliDateError, match="پیش از"):
        check_date_text("1405/9/1", min_date=AZAR_1_1405 + dt.timedelta(days=1))
    assert add_months(from_jalali(1405, 6, 31), 1) == from_jalali(1405, 7, 30)
    assert add_months(from_jalali(1405, 1, 15), -1) == from_jalali(1404, 12, 15)


def test_ascii_date_is_checked_on_focus_out_and_shown_persian(field) -> None:  # type: ignore[no-untyped-def]
    press_keys(field.entry, "1", "4", "0", "5", "slash", "9", "slash", "1")
    assert field.entry.displayed() == "۱۴۰۵/۹/۱"
    leave(field)
    assert field.get_date() == AZAR_1_1405
    assert field.entry.displayed() == "۱۴۰۵/۰۹/۰۱"
    assert field.error is None
    assert field.changes == [AZAR_1_1405]


def test_persian_digits_typed_for_real(field) -> None:  # type: ignore[no-untyped-def]
    type_with_xdotool(field.entry, "۱۴۰۵/۰۹/۰۱")
    leave(field)
    assert field.get_date() == AZAR_1_1405


def test_invalid_date_gives_the_persian_message_and_no_crash(field) -> None:  # type: ignore[no-untyped-def]
    invalid = []
    field.bind("<<DateInvalid>>", lambda _e: invalid.append(field.error))
    field.entry.set("1405/13/01")
    leave(field)
    assert field.error == "ماه باید از ۱ تا ۱۲ باشد."
    assert invalid == [field.error]
    assert "invalid" in field.entry.state()
    with pytest.raises(JalaliDateError):
        field.get_date()
    assert field.changes == []
    # Correcting it clears the error state.
    field.entry.focus_force()
    field.entry.set("1405/12/29")
    leave(field)
    assert field.error is None
    assert "invalid" not in field.entry.state()


def test_letters_are_refused_and_min_max_are_enforced(window) -> None:  # type: ignore[no-untyped-def]
    field = JalaliDateEntry(window, min_date=AZAR_1_1405, max_date=AZAR_1_1405)
    field.pack()
    field.entry.focus_force()
    pump(window)
    press_keys(field.entry, "a", "1")
    assert field.entry.displayed() == "۱"
    field.entry.set("1405/10/01")
    assert field.validate() is False
    assert field.error is not None and "پس از" in field.error
    field.set_date(None)
    assert field.get_date() is None


@pytest.fixture
def calendar(window):  # type: ignore[no-untyped-def]
    chosen: list[dt.date] = []
    grid = JalaliCalendar(
        window,
        selected=AZAR_1_1405,
        today=AZAR_1_1405 + dt.timedelta(days=3),
        on_select=chosen.append,
    )
    grid.pack()
    grid.chosen = chosen
    grid.focus_force()
    pump(window)
    return grid


def test_saturday_is_the_rightmost_column_and_friday_the_red_leftmost(calendar) -> None:  # type: ignore[no-untyped-def]
    xs = [label.winfo_rootx() for label in calendar.weekday_labels]  # Saturday first
    assert xs == sorted(xs, reverse=True)
    assert calendar.weekday_labels[0].weekday_name == "شنبه"
    assert "danger" in calendar.weekday_labels[6].cget("style")
    # 1 Azar 1405 is a Sunday: second column from the right, in the first week row.
    first = calendar.cell_for(AZAR_1_1405)
    assert first.winfo_rootx() == calendar.weekday_labels[1].winfo_rootx()
    friday = calendar.cell_for(AZAR_1_1405 + dt.timedelta(days=5))
    assert friday.winfo_rooty() == first.winfo_rooty()
    assert friday.winfo_rootx() == min(xs)
    assert "danger" in friday.cget("style")


def test_header_cursor_and_today_are_marked(calendar) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.widgets.rtl import t

    assert calendar.title.cget("text") == t("آذر ۱۴۰۵")
    assert calendar.next_button.winfo_rootx() < calendar.prev_button.winfo_rootx()
    assert calendar.next_button.cget("text") == "◀"
    assert "@primary" in calendar.cell_for(AZAR_1_1405).cget("style")
    today_cell = calendar.cell_for(calendar.today)
    assert "info" in today_cell.cget("style")
    assert calendar.cell_for(AZAR_1_1405).cget("text") == t("۱")


def test_keyboard_moves_the_date_right_to_left(calendar) -> None:  # type: ignore[no-untyped-def]
    press_keys(calendar, "Left")
    assert calendar.cursor == AZAR_1_1405 + dt.timedelta(days=1)
    press_keys(calendar, "Right", "Right")
    assert calendar.cursor == AZAR_1_1405 - dt.timedelta(days=1)  # 30 Aban
    assert calendar.title.cget("text") != ""
    press_keys(calendar, "Down")
    assert calendar.cursor == AZAR_1_1405 + dt.timedelta(days=6)
    press_keys(calendar, "Up")
    assert calendar.cursor == AZAR_1_1405 - dt.timedelta(days=1)
    press_keys(calendar, "Next")  # 30 Aban → 30 Azar
    assert calendar.cursor == from_jalali(1405, 9, 30)
    press_keys(calendar, "Prior", "Prior")
    assert calendar.cursor == from_jalali(1405, 7, 30)
    press_keys(calendar, "End")
    assert calendar.cursor == from_jalali(1405, 7, 30)
    press_keys(calendar, "Home")
    assert calendar.cursor == from_jalali(1405, 7, 1)
    assert calendar.chosen == []
    press_keys(calendar, "Return")
    assert calendar.chosen == [from_jalali(1405, 7, 1)]


def test_picker_from_the_entry_enter_selects_escape_cancels(field) -> None:  # type: ignore[no-untyped-def]
    field.set_date(AZAR_1_1405)
    field.button.invoke()
    pump(field)
    picker = field.picker
    assert picker is not None and picker.winfo_ismapped()
    assert picker.calendar.cursor == AZAR_1_1405
    # The popup hangs under the field, right edges aligned.
    right = field.winfo_rootx() + field.winfo_width()
    assert abs(picker.winfo_rootx() + picker.winfo_width() - right) <= 2
    press_keys(picker.calendar, "Left", "Left", "Return")
    assert field.picker is None and not picker.winfo_exists()
    assert field.get_date() == from_jalali(1405, 9, 3)
    assert field.changes == [from_jalali(1405, 9, 3)]

    field.open_picker()
    pump(field)
    press_keys(field.picker.calendar, "Left", "Escape")
    assert field.picker is None
    assert field.get_date() == from_jalali(1405, 9, 3)


def test_today_button_and_click_on_a_day(field) -> None:  # type: ignore[no-untyped-def]
    field.open_picker().calendar.today_button.invoke()
    pump(field)
    assert field.get_date() == dt.date.today()
    assert field.picker is None

    calendar = field.open_picker().calendar
    pump(field)
    target = calendar.cell_for(calendar.today)
    target.event_generate("<Button-1>")
    pump(field)
    assert field.picker is None
    assert field.get_date() == dt.date.today()


def test_picker_grab_is_released_when_it_closes(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(JalaliDatePicker, "use_grab", True)
    field = JalaliDateEntry(window)
    field.pack()
    pump(window)
    picker = field.open_picker()
    pump(window)
    assert window.grab_current() is picker
    picker.close()
    pump(window)
    assert window.grab_current() is None


def test_destroying_the_entry_closes_its_picker(window) -> None:  # type: ignore[no-untyped-def]
    field = JalaliDateEntry(window)
    field.pack()
    pump(window)
    picker = field.open_picker()
    field.destroy()
    pump(window)
    assert not picker.winfo_exists()
