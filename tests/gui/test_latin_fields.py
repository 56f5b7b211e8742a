"""Latin-only fields of the real views, typed on a Persian keyboard layout.

A center code or a user name typed with the Persian layout still on came out as
Persian letters, drawn unjoined and backwards, and then refused. Each such field now
reads the keys as the Latin letters on them and says so under the field; typed for
real (xdotool) into the real views.
"""

from __future__ import annotations

import pytest

from desktop.strings.field_views import FieldNotice
from desktop.views.login_view import LoginView
from desktop.views.setup_view import SetupView
from desktop.views.users_view import UsersView
from desktop.views.widgets.ltr_entry import IdentifierEntry
from tests.gui.conftest import pump
from tests.helpers.gui import make_context, type_with_xdotool


def test_set_up_reads_the_center_code_and_user_name_as_latin_keys(window, database) -> None:  # type: ignore[no-untyped-def]
    window.geometry("700x720+0+0")
    view = SetupView(window, make_context(), on_done=lambda: None)
    view.pack(fill="both", expand=True)
    pump(window)
    code = view.form.fields["center_code"]
    type_with_xdotool(code, "فثا۰۵", until=lambda: code.get() == "TEH05")  # t e h 0 5
    assert view.value("center_code") == "TEH05"
    assert view.form._errors["center_code"].logical_text == FieldNotice.LAYOUT_SWITCHED

    name = view.form.fields["admin_username"]
    type_with_xdotool(name, "شیپهد", until=lambda: name.get() == "admin")  # a d m i n
    assert view.value("admin_username") == "admin"
    # Typing on after switching the layout back takes the note away.
    type_with_xdotool(name, "2", until=lambda: name.get() == "admin2")
    assert view.value("admin_username") == "admin2"
    assert view.form.error_text("admin_username") == ""


def test_login_reads_the_user_name_as_latin_keys(window, admin) -> None:  # type: ignore[no-untyped-def]
    view = LoginView(window, make_context(), on_login=lambda _s: None)
    view.pack(fill="both", expand=True)
    pump(window)
    type_with_xdotool(view.username, "شیپهد", until=lambda: view.username.get() == "admin")
    assert view.username.get() == "admin"
    assert view.form.error_text("username") == FieldNotice.LAYOUT_SWITCHED


def test_a_new_users_name_is_read_as_latin_keys(window, admin) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    context.session = admin
    window.geometry("1100x600+0+0")
    view = UsersView(window, context)
    view.pack(fill="both", expand=True)
    pump(window)
    field = view.form.fields["username"]
    assert isinstance(field, IdentifierEntry)
    type_with_xdotool(field, "زمثقن۲", until=lambda: field.get() == "clerk2")  # c l e r k 2
    assert field.get() == "clerk2"
    assert field.displayed() == "clerk2"  # an identifier: Latin digits, as stored


@pytest.mark.parametrize(
    ("allowed", "typed", "notice"),
    [("latin", "و", FieldNotice.ONLY["latin"]), ("alnum", "-", FieldNotice.ONLY["alnum"])],
)
def test_a_refused_key_is_said_under_the_field(window, database, allowed, typed, notice) -> None:  # type: ignore[no-untyped-def]
    view = SetupView(window, make_context(), on_done=lambda: None)
    view.pack(fill="both", expand=True)
    pump(window)
    name = "admin_username" if allowed == "latin" else "center_code"
    field = view.form.fields[name]
    type_with_xdotool(field, typed, until=lambda: view.form.error_text(name) == notice)
    assert field.get() == ""
    assert view.form.error_text(name) == notice
