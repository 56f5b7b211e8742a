"""Every form that creates something, filled and submitted through its real widgets.

Each test types into the fields with the widgets' own editing methods (as a person's
keystrokes end up), submits with Enter or the form's button, and checks four things:
the record is in the database, the page's list shows it, the form is empty again (or
closed), and no Tk callback raised (the conftest fails the test otherwise).
"""

from __future__ import annotations

import tkinter as tk
from typing import Any

import pytest
import ttkbootstrap as ttk

from desktop.services import auth, users
from desktop.strings import ROLE_NAMES
from desktop.text.normalize import normalize_digits
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.rtl import RButton, t
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.gui.test_app_flow import make_context


@pytest.fixture
def big_window(root):
    top = ttk.Toplevel(root)
    top.geometry("1300x740+0+0")
    top.update()
    yield top
    top.destroy()
    root.update()


def context_for(session):
    context = make_context()
    context.session = session
    return context


def type_into(widget: tk.Misc, text: str) -> None:
    """Replace what a field holds, through the widget's own editing (as typing ends up)."""
    if isinstance(widget, JalaliDateEntry):
        widget = widget.entry
    widget.delete(0, "end")  # type: ignore[attr-defined]
    widget.insert(0, text)  # type: ignore[attr-defined]
    pump(widget, 1)


def choose(box: ChoiceBox, label: str) -> None:
    """Pick a choice by its Persian label, as the drop-down list does."""
    box.current(box._labels.index(t(label)))
    box.event_generate("<<ComboboxSelected>>")
    pump(box, 1)


def press_return(widget: tk.Misc) -> None:
    widget.focus_force()
    pump(widget)
    widget.event_generate("<Return>")
    pump(widget)


def button(parent: tk.Misc, text: str) -> RButton:
    """The button that shows `text` (logical), anywhere under `parent`."""
    found = [w for w in descendants(parent) if isinstance(w, RButton) and w.logical_text == text]
    assert len(found) == 1, f"{len(found)} buttons «{text}»"
    return found[0]


def descendants(widget: tk.Misc) -> list[tk.Misc]:
    result: list[tk.Misc] = []
    for child in widget.winfo_children():
        result.append(child)
        result.extend(descendants(child))
    return result


def form_values(form: Any) -> dict[str, Any]:
    return {name: form.value(name) for name in form.fields}


def rows(table: Any) -> list[tuple[Any, ...]]:
    return [values for _row_id, values in table.visible_rows()]


# -- users ---------------------------------------------------------------------------------


def test_add_user_creates_refreshes_and_clears(big_window, admin):
    from desktop.views.users_view import UsersView

    view = UsersView(big_window, context_for(admin))
    view.pack(fill="both", expand=True)
    pump(big_window)
    form = view.form
    type_into(form.fields["display_name"], "زهرا احمدی")
    type_into(form.fields["username"], "Clerk2")
    choose(form.fields["role"], ROLE_NAMES["clerk"])
    type_into(form.fields["password"], "clerk-pass-1")
    type_into(form.fields["password_confirm"], "clerk-pass-1")
    press_return(form.fields["password_confirm"])

    added = {row.username: row for row in users.list_users(admin)}
    assert added["clerk2"].display_name == "زهرا احمدی"
    assert added["clerk2"].role.value == "clerk"
    # The list shows them (digits compared as digits: how identifiers are drawn is item 9's).
    assert "clerk2" in [normalize_digits(str(values[1])) for values in rows(view.table)]
    assert view.table.selected_id == added["clerk2"].id
    assert form_values(form) == dict.fromkeys(form.fields, "")  # ready for the next one
    assert "زهرا احمدی" in view.message.logical_text
    assert auth.login("clerk2", "clerk-pass-1").display_name == "زهرا احمدی"

    # The same again is refused next to the user name, and nothing else changes.
    type_into(form.fields["display_name"], "زهرا احمدی")
    type_into(form.fields["username"], "clerk2")
    choose(form.fields["role"], ROLE_NAMES["clerk"])
    type_into(form.fields["password"], "clerk-pass-1")
    type_into(form.fields["password_confirm"], "clerk-pass-1")
    button(form, "افزودن").invoke()
    pump(big_window)
    assert form.error_text("username")
    assert len(users.list_users(admin)) == 2


def test_reset_password_saves_and_closes_its_panel(big_window, admin):
    from desktop.views.users_view import UsersView

    clerk = users.add_user(
        admin, username="clerk1", display_name="زهرا احمدی", role="clerk", password="12345678"
    )
    view = UsersView(big_window, context_for(admin))
    view.pack(fill="both", expand=True)
    pump(big_window)
    view.table.selected_id = clerk.id
    view.open_reset()
    pump(big_window)
    panel = view.reset_frame
    assert panel is not None
    fields = [w for w in descendants(panel) if isinstance(w, ttk.Entry)]
    type_into(fields[0], "new-pass-22")
    type_into(fields[1], "new-pass-22")
    press_return(fields[1])
    assert view.reset_frame is None and not panel.winfo_exists()  # closed
    assert auth.login("clerk1", "new-pass-22").username == "clerk1"


def test_change_own_password_saves_and_clears(big_window, admin):
    from desktop.views.account_view import AccountView

    view = AccountView(big_window, context_for(admin))
    view.pack(fill="both", expand=True)
    pump(big_window)
    form = view.form
    type_into(form.fields["old_password"], ADMIN_PASSWORD)
    type_into(form.fields["new_password"], "brand-new-pass")
    type_into(form.fields["new_password_confirm"], "brand-new-pass")
    press_return(form.fields["new_password_confirm"])
    assert auth.login("admin", "brand-new-pass").username == "admin"
    assert form_values(form) == dict.fromkeys(form.fields, "")
    assert view.done.logical_text
