"""The wheel over a choice scrolls the page; it never changes the choice.

Tk's own bindings step a combobox or a spinbox to its next value on the wheel. Once
pages scroll, a person rolling the wheel down a form passes the pointer over choices
and silently changes them (on the import's column mapping «رشتهٔ تحصیلی» became
`first_name`). Driven with the events X11 and Windows send: Button-4/5, MouseWheel —
and through xdotool, a real wheel on the X server.
"""

from __future__ import annotations

import shutil
import subprocess
import tkinter as tk

import pytest
import ttkbootstrap as ttk

from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.scroll_area import ScrollArea
from tests.gui.conftest import pump

CHOICES = [("education_field", "رشتهٔ تحصیلی"), ("first_name", "نام"), ("last_name", "نام خانوادگی")]
DOWN = ({"sequence": "<Button-5>"}, {"sequence": "<MouseWheel>", "delta": -120})
UP = ({"sequence": "<Button-4>"}, {"sequence": "<MouseWheel>", "delta": 120})


def page(window: tk.Toplevel, rows: int) -> tuple[ScrollArea, ChoiceBox]:
    """A scrolling page with a choice near its top, among `rows` other fields."""
    window.geometry("400x300")
    area = ScrollArea(window)
    area.pack(fill="both", expand=True)
    box = ChoiceBox(area.inner, CHOICES)
    box.set_key("education_field")
    box.pack(fill="x", pady=10)
    for _ in range(rows):
        ttk.Entry(area.inner).pack(fill="x", pady=10)
    pump(window, 5)
    return area, box


def roll(widget: tk.Misc, sequence: str, delta: int = 0) -> None:
    options = {"delta": delta} if delta else {}
    widget.event_generate(sequence, x=5, y=5, **options)
    pump(widget)


@pytest.mark.parametrize("down, up", list(zip(DOWN, UP, strict=True)), ids=["x11", "wheel"])
def test_the_wheel_over_a_choice_scrolls_the_page(window, down, up) -> None:  # type: ignore[no-untyped-def]
    area, box = page(window, 20)
    assert area.scrolls
    roll(box, **down)
    assert box.get_key() == "education_field"
    assert area.canvas.yview()[0] > 0  # the page moved instead
    roll(box, **up)
    assert box.get_key() == "education_field"
    assert area.canvas.yview()[0] == 0.0


def test_the_wheel_changes_nothing_on_a_page_that_does_not_scroll(window) -> None:  # type: ignore[no-untyped-def]
    area, box = page(window, 0)
    assert not area.scrolls
    for event in (*DOWN, *UP, *DOWN):
        roll(box, **event)
        assert box.get_key() == "education_field"


def test_any_read_only_combobox_or_spinbox_keeps_its_value(window) -> None:  # type: ignore[no-untyped-def]
    """Not only ChoiceBox: a plain ttk choice anywhere in the app (the class binding
    goes once a page or a choice of ours exists, which the main window always has)."""
    ScrollArea(window)  # the app's pages
    combo = ttk.Combobox(window, values=["الف", "ب", "پ"], state="readonly")
    combo.current(0)
    spin = ttk.Spinbox(window, from_=1, to=9)
    spin.set("5")
    for widget in (combo, spin):
        widget.pack()
    pump(window)
    for event in (*DOWN, *UP, *UP):
        roll(combo, **event)
        roll(spin, **event)
    assert (combo.get(), spin.get()) == ("الف", "5")


def test_a_real_wheel_over_a_choice(window) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    area, box = page(window, 20)
    window.lift()
    pump(window)
    x = box.winfo_rootx() + box.winfo_width() // 2
    y = box.winfo_rooty() + box.winfo_height() // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "5"], check=True)
    for _ in range(20):
        pump(window)
        if area.canvas.yview()[0] > 0:
            break
    assert box.get_key() == "education_field"
    assert area.canvas.yview()[0] > 0
