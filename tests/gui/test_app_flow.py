"""The app as a person meets it: first-run set-up, login, navigation by role.

Drives the real Shell and views in a Toplevel on an in-memory database.
"""

from __future__ import annotations

import pytest

from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import auth, users
from desktop.services.setup import is_initialised
from desktop.strings import Auth, Setup
from desktop.views.login_view import LoginView
from desktop.views.main_window import MainWindow
from desktop.views.setup_view import SetupView
from desktop.views.shell import Shell
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.gui import EXPECTED_NAV, SETUP_VALUES, fill, make_context, press_return


@pytest.fixture
def shell(window, database):
    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    return shell


def test_first_run_setup_shows_errors_next_to_fields_then_logs_in(shell):
    page = shell.page
    assert isinstance(page, SetupView)
    fill(page.form, center_code="x", center_name="", password="short")
    press_return(page.form.fields["center_code"])
    assert page.form.error_text("center_code") == Setup.CENTER_CODE_FORMAT
    assert page.form.error_text("password") == Auth.PASSWORD_SHORT
    assert page.focus_get() is page.form.fields["center_code"]  # first invalid field
    assert not is_initialised()  # nothing half-written

    fill(page.form, **SETUP_VALUES)
    page.with_demo.set(True)
    press_return(page.form.fields["password_confirm"])
    assert isinstance(shell.page, LoginView)
    assert {u.username for u in users.list_users(auth.login("admin", ADMIN_PASSWORD))} == {
        "admin",
        "clerk",
        "trainer",
        "trainer2",  # the demo courses' second trainer
        "shop",
    }

    login = shell.page
    fill(login.form, username="admin", password="wrong-password")
    press_return(login.password)
    assert login.form.error_text("password") == Auth.BAD_CREDENTIALS
    assert login.password.get() == ""

    fill(login.form, username="ADMIN", password=ADMIN_PASSWORD)
    login.submit_button.invoke()
    pump(shell)
    assert isinstance(shell.page, MainWindow)
    assert shell.page.user_label.logical_text == "مریم کریمی (مدیر مرکز)"


@pytest.mark.parametrize("role", sorted(EXPECTED_NAV))
def test_navigation_depends_on_role_and_every_entry_opens_a_page(window, admin, role):
    if role != "admin":
        users.add_user(
            admin, username=f"{role}1", display_name="کاربر", role=role, password="12345678"
        )
    session = admin if role == "admin" else auth.login(f"{role}1", "12345678")
    context = make_context()
    context.session = session
    main = MainWindow(window, context)
    main.pack(fill="both", expand=True)
    pump(window)
    assert set(main.nav_buttons) == EXPECTED_NAV[role]
    for key, button in main.nav_buttons.items():
        button.invoke()
        pump(window)
        assert main.current_key == key
        assert main.current is not None and main.current.winfo_children()


def test_logout_returns_to_login(shell, admin):
    shell.show_main(admin)
    pump(shell)
    shell.context.on_logout()
    pump(shell)
    assert isinstance(shell.page, LoginView)
    assert shell.context.session is None


def test_quit_and_reopen_keeps_what_was_saved(window, tmp_path):
    path = str(tmp_path / "center.sqlite3")
    open_database(path)
    shell = Shell(window, make_context(database=path))
    shell.pack()
    fill(shell.page.form, **SETUP_VALUES)
    shell.page.with_demo.set(False)
    shell.page.submit()
    session = auth.login("admin", ADMIN_PASSWORD)
    users.add_user(
        session, username="clerk9", display_name="زهرا احمدی", role="clerk", password="12345678"
    )
    shell.destroy()
    close_database()

    open_database(path)  # "reopen the app"
    try:
        shell = Shell(window, make_context(database=path))
        assert isinstance(shell.page, LoginView)
        assert auth.login("clerk9", "12345678").display_name == "زهرا احمدی"
    finally:
        close_database()


def test_settings_save_what_certificates_print(window, admin, tmp_path):
    from desktop.services import certificates
    from desktop.views.settings_view import SettingsView

    context = make_context()
    context.session = admin
    view = SettingsView(window, context)
    view.pack(fill="both", expand=True)
    pump(window)
    form = view.certificate_form
    form.fields["manager_name"].set("دکتر حمید رحیمی")
    view.ask_logo_path = lambda **_options: str(tmp_path / "missing.png")  # gone since
    view.pick_logo()
    view.save_certificates()
    assert form.error_text("logo_path")  # a logo that is not there is refused, next to it
    assert certificates.certificate_settings().manager_name == "مدیر مرکز"  # as set up
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    view.ask_logo_path = lambda **_options: str(logo)
    view.pick_logo()
    view.save_certificates()
    saved = certificates.certificate_settings()
    assert (saved.manager_name, saved.logo_path) == ("دکتر حمید رحیمی", str(logo))


def test_the_center_is_renamed_in_settings_and_the_header_follows(window, admin):
    from desktop.services.setup import local_center
    from desktop.views.main_window import MainWindow
    from desktop.views.settings_view import SettingsView

    context = make_context()
    context.session = admin
    main = MainWindow(window, context)
    main.pack(fill="both", expand=True)
    pump(window)
    view = main.show("settings")
    assert isinstance(view, SettingsView)
    form = view.center_form
    assert form.fields["center_name"].get() == admin.center_name
    form.fields["center_name"].set("م")
    view.save_center()
    assert form.error_text("center_name")  # too short: refused next to the field
    assert local_center().name == admin.center_name
    form.fields["center_name"].set("مرکز خدمات اجتماعی محلهٔ  نارمک")
    view.save_center()
    assert local_center().name == "مرکز خدمات اجتماعی محلهٔ نارمک"
    assert context.session.center_name == "مرکز خدمات اجتماعی محلهٔ نارمک"
    assert main.center_label.logical_text == "مرکز خدمات اجتماعی محلهٔ نارمک"
