"""The date picker and our dialogs open inside the screen (issue 8, item 16).

A field low in the window used to open its picker below the screen's edge. Driven with
real widgets: a window near the bottom of a 1366×768 screen (the Xvfb screen) and of a
1024×700 one (the screen's size as the placement code reads it, patched), the picker
opened from its button, its mapped rectangle compared with the screen.
"""

from __future__ import annotations

import pytest

from desktop.views.widgets import windows
from desktop.views.widgets.dialogs import MessageDialog
from desktop.views.widgets.jalali_date import JalaliDateEntry, JalaliDatePicker
from desktop.views.widgets.windows import Rect
from tests.gui.conftest import pump


@pytest.fixture(autouse=True)
def no_grab(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(JalaliDatePicker, "use_grab", False)


def mapped_rect(widget) -> Rect:  # type: ignore[no-untyped-def]
    pump(widget)
    return Rect(
        widget.winfo_rootx(), widget.winfo_rooty(), widget.winfo_width(), widget.winfo_height()
    )


def assert_inside(rect: Rect, screen: Rect) -> None:
    assert screen.x <= rect.x and rect.x + rect.width <= screen.x + screen.width, rect
    assert screen.y <= rect.y and rect.y + rect.height <= screen.y + screen.height, rect


def field_low_in(window, geometry: str):  # type: ignore[no-untyped-def]
    window.geometry(geometry)
    field = JalaliDateEntry(window)
    field.pack(side="bottom", anchor="e", padx=4, pady=4)
    pump(window)
    return field


@pytest.mark.parametrize(
    ("screen", "geometry"),
    [
        (Rect(0, 0, 1366, 768), "520x160+820+600"),  # the laptop screen of the issue
        (Rect(0, 0, 1024, 700), "420x150+600+545"),  # the small one
    ],
)
def test_a_picker_low_on_the_screen_opens_above_its_field(window, monkeypatch, screen, geometry):
    monkeypatch.setattr(windows, "screen_area", lambda _widget: screen)
    field = field_low_in(window, geometry)
    anchor = mapped_rect(field)
    assert anchor.y + anchor.height + 250 > screen.height  # no room below: the case

    picker = field.open_picker()
    shown = mapped_rect(picker)

    assert_inside(shown, screen)
    assert shown.y + shown.height <= anchor.y  # above the field, not over it
    assert shown.x + shown.width == anchor.x + anchor.width  # right edges aligned (RTL)
    picker.close()


def test_a_picker_with_room_below_still_opens_below(window):
    field = field_low_in(window, "520x160+400+100")
    anchor = mapped_rect(field)
    shown = mapped_rect(field.open_picker())
    assert shown.y == anchor.y + anchor.height
    field.picker.close()  # type: ignore[union-attr]


def test_a_picker_at_the_right_edge_of_a_small_screen_is_moved_inside(window, monkeypatch):
    screen = Rect(0, 0, 1024, 700)
    monkeypatch.setattr(windows, "screen_area", lambda _widget: screen)
    window.geometry("200x120+900+100")  # the window itself runs off the right edge
    field = JalaliDateEntry(window, width=20)
    field.pack(side="right")
    pump(window)
    shown = mapped_rect(field.open_picker())
    assert_inside(shown, screen)
    field.picker.close()  # type: ignore[union-attr]


def test_a_dialog_over_a_window_low_on_the_screen_stays_inside(window, monkeypatch):
    screen = Rect(0, 0, 1024, 700)
    monkeypatch.setattr(windows, "screen_area", lambda _widget: screen)
    window.geometry("600x500+300+450")  # its lower part is off the small screen
    pump(window)
    dialog = MessageDialog(window, "پیام", "متن پیام\n" * 8, wait=False)
    assert_inside(mapped_rect(dialog), screen)
    dialog.destroy()


def test_the_progress_dialog_opens_over_its_window_inside_the_screen(window, monkeypatch):
    import threading

    from desktop.views.background import ProgressDialog, ThreadRunner

    screen = Rect(0, 0, 1024, 700)
    monkeypatch.setattr(windows, "screen_area", lambda _widget: screen)
    window.geometry("600x400+300+450")
    pump(window)
    release = threading.Event()
    ThreadRunner().run(window, "چاپ", lambda _p: release.wait(5), print, print)
    dialog = next(w for w in window.winfo_children() if isinstance(w, ProgressDialog))
    shown = mapped_rect(dialog)
    assert_inside(shown, screen)
    parent = mapped_rect(window)
    assert parent.x < shown.x and shown.x + shown.width < parent.x + parent.width  # over it
    release.set()
    dialog.cancel()
