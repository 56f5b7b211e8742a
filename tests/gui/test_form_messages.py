"""Messages under form fields: wrapped within the field, gone once the value changes.

A right-anchored label wider than its field is cut at its left edge, which is where
a Persian sentence *ends*… and where it starts once Tk lays it out right to left: the
set-up and lock-out messages lost their first words. And a message about a value
that is no longer there (an error under a field already fixed) misleads.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from tkinter import font as tkfont

import pytest
import ttkbootstrap as ttk

from desktop.strings import Auth, Setup
from desktop.views.login_view import LoginView
from desktop.views.setup_view import SetupView
from desktop.views.widgets.check_group import CheckGroup
from desktop.views.widgets.form import ChoiceBox, Form, PasswordEntry
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.rtl import RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.tag_entry import TagEntry
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

LONG = (
    "این پیام بلند باید زیر همین فیلد بماند و هیچ واژه‌ای از آغاز جمله گم نشود، "
    "حتی وقتی فیلد باریک است و پیام چند برابر پهنای آن است."
)


def message_label(form: Form, name: str) -> RLabel:
    return form._errors[name]


def assert_wrapped_within(label: RLabel, message: str, width: int) -> None:
    """Each drawn line fits `width` pixels, and the lines are the whole message."""
    measure = tkfont.Font(root=label, font=label.cget("font")).measure
    drawn = str(label.cget("text")).split("\n")
    assert len(drawn) > 1
    assert all(measure(line) <= width for line in drawn), (width, [measure(x) for x in drawn])
    assert " ".join(label.lines) == message
    assert label.cget("text") == t("\n".join(label.lines))


def test_a_long_message_wraps_within_a_narrow_field(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window, label_width=8)
    form.pack(anchor="e")
    field = form.add("code", "کد", lambda p: ttk.Entry(p, width=14))
    pump(window)
    form.show_errors({"code": LONG})
    pump(window)
    assert_wrapped_within(message_label(form, "code"), LONG, field.winfo_width())


def test_the_message_is_wrapped_again_when_the_field_widens(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window, label_width=8)
    form.pack(anchor="e")
    field = form.add("name", "نام", lambda p: RtlEntry(p, width=14))
    form.show_errors({"name": LONG})
    pump(window)
    label = message_label(form, "name")
    narrow_lines = len(label.lines)
    form.pack_configure(fill="x")  # the form, and so the field, takes the window's width
    pump(window)
    assert field.winfo_width() > 400
    assert len(label.lines) < narrow_lines
    measure = tkfont.Font(root=label, font=label.cget("font")).measure
    assert all(measure(line) <= field.winfo_width() for line in str(label.cget("text")).split("\n"))
    assert " ".join(label.lines) == LONG


def test_a_hint_longer_than_its_field_wraps_too(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window, label_width=8)
    form.pack(anchor="e")
    field = form.add("code", "کد", lambda p: ttk.Entry(p, width=10), hint=LONG)
    pump(window)
    assert_wrapped_within(message_label(form, "code"), LONG, field.winfo_width())


def test_the_lock_out_message_is_whole_under_the_password(window, admin) -> None:  # type: ignore[no-untyped-def]
    window.geometry("420x400+0+0")
    view = LoginView(window, make_context(), on_login=lambda _s: None)
    view.pack(fill="both", expand=True)
    pump(window)
    for _ in range(6):
        view.username.delete(0, "end")
        view.username.insert(0, "admin")
        view.password.set("wrong-password")
        view.submit()
    message = view.form.error_text("password")
    assert message.startswith(Auth.LOCKED.split("{")[0])
    pump(window)
    label = message_label(view.form, "password")
    assert_wrapped_within(label, message, view.password.winfo_width())


def test_the_set_up_messages_are_whole_under_their_fields(window, database) -> None:  # type: ignore[no-untyped-def]
    window.geometry("560x700+0+0")
    view = SetupView(window, make_context(), on_done=lambda: None)
    view.pack(fill="both", expand=True)
    pump(window)
    view.submit()  # everything empty
    pump(window)
    field = view.form.fields["center_code"]
    label = message_label(view.form, "center_code")
    assert label.logical_text == Setup.CENTER_CODE_FORMAT
    measure = tkfont.Font(root=label, font=label.cget("font")).measure
    assert all(measure(line) <= field.winfo_width() for line in str(label.cget("text")).split("\n"))
    assert " ".join(label.lines) == Setup.CENTER_CODE_FORMAT


# -- a field's message goes when its value changes ----------------------------------------


def typed(widget: tk.Misc, *keysyms: str) -> None:
    widget.focus_force()
    pump(widget)
    for keysym in keysyms:
        widget.event_generate("<KeyPress>", keysym=keysym)
    pump(widget)


FIELD_KINDS = {
    "entry": lambda p: ttk.Entry(p),
    "password": lambda p: PasswordEntry(p),
    "rtl": lambda p: RtlEntry(p),
    "identifier": lambda p: IdentifierEntry(p, allowed="digits"),
    "date": lambda p: DateField(p),
    "choice": lambda p: ChoiceBox(p, [("a", "یک"), ("b", "دو")]),
    "checks": lambda p: CheckGroup(p, [("a", "یک"), ("b", "دو")]),
    "tags": lambda p: TagEntry(p),
}


def change(kind: str, widget: tk.Misc) -> None:
    """Change the value the way a person would."""
    if kind in ("entry", "password", "rtl", "identifier"):
        typed(widget, "1")
    elif kind == "date":
        typed(widget.entry, "1")
    elif kind == "choice":
        widget.set_key("b")
        widget.event_generate("<<ComboboxSelected>>")
    elif kind == "checks":
        box = widget.winfo_children()[0]
        box.invoke()
        box.event_generate("<ButtonRelease-1>")
    elif kind == "tags":
        widget.entry.set("خیاطی")
        typed(widget.entry, "Return")
    pump(widget)


@pytest.mark.parametrize("kind", sorted(FIELD_KINDS))
def test_a_fields_message_goes_when_its_value_changes(window, kind: str) -> None:  # type: ignore[no-untyped-def]
    form = Form(window)
    form.pack(fill="x")
    widget = form.add("field", "فیلد", FIELD_KINDS[kind])
    form.add("other", "دیگری", lambda p: ttk.Entry(p))
    pump(window)
    form.show_errors({"field": "این مقدار درست نیست.", "other": "این هم درست نیست."})
    pump(window)
    # Tabbing into the field, or clicking it, changes nothing: the message stays.
    typed(widget if kind not in ("date", "tags") else widget.entry, "Tab")
    widget.event_generate("<ButtonRelease-1>")
    pump(window)
    assert form.error_text("field") == "این مقدار درست نیست."

    change(kind, widget)
    assert form.error_text("field") == ""
    assert form.error_text("other") == "این هم درست نیست."  # only the field edited


def test_a_hint_comes_back_when_the_error_goes(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window)
    form.pack(fill="x")
    field = form.add("code", "کد", lambda p: ttk.Entry(p), hint="مثل TEH05")
    form.show_errors({"code": Setup.CENTER_CODE_FORMAT})
    typed(field, "a")
    assert form.error_text("code") == ""
    assert message_label(form, "code").logical_text == "مثل TEH05"


def test_a_date_picked_from_the_calendar_takes_the_message_away(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window)
    form.pack(fill="x")
    field = form.add("day", "تاریخ", lambda p: DateField(p))
    form.show_errors({"day": "تاریخ را وارد کنید."})
    pump(window)
    picker = field.open_picker()
    picker._choose(dt.date(2025, 3, 21))
    pump(window)
    assert form.error_text("day") == ""


def test_a_form_destroyed_with_a_check_pending_raises_nothing(window) -> None:  # type: ignore[no-untyped-def]
    form = Form(window)
    form.pack(fill="x")
    field = form.add("code", "کد", lambda p: ttk.Entry(p))
    form.show_errors({"code": "نادرست"})
    field.insert(0, "x")
    field.event_generate("<<Paste>>")  # schedules a check at idle time
    form.destroy()
    pump(window)


def test_a_label_wrapped_for_a_wider_window_wraps_within_a_narrower_one(window, database) -> None:  # type: ignore[no-untyped-def]
    """The set-up intro was wrapped at 480 pixels: in a narrower window its lines were
    cut at both edges. A label given a wraplength wraps within the width it gets."""
    window.geometry("420x700+0+0")
    view = SetupView(window, make_context(), on_done=lambda: None)
    view.pack(fill="both", expand=True)
    for _ in range(5):
        pump(window)
    intro = next(w for w in view.winfo_children() if isinstance(w, RLabel) and w.lines[1:])
    measure = tkfont.Font(root=intro, font=intro.cget("font") or "TkDefaultFont").measure
    assert intro.winfo_width() < 480
    assert all(measure(line) <= intro.winfo_width() for line in str(intro.cget("text")).split("\n"))
    assert " ".join(intro.lines) == intro.logical_text
