"""Who is greeted and named, and what the home page claims (issue 8, items 7, 13, 14).

A person's name is never a user name: set-up asks for the administrator's full name;
the home page greets by it or says it is missing (and one's own page fills it in);
Settings says when the certificates' manager name is missing. The set-up's list of
demo users reads in order, and neither its silent work nor a training database makes
the home page claim a previous login or changes waiting for headquarters.
"""

from __future__ import annotations

import pytest

from desktop.models import Setting
from desktop.services import auth, users
from desktop.services.demo_center import DEMO_USERS
from desktop.services.settings import MANAGER_NAME
from desktop.services.setup import admin_session, initialise_center
from desktop.strings.account_views import Account
from desktop.strings.home_views import Home
from desktop.strings.settings import ManagerName, PersonName
from desktop.views.account_view import AccountView
from desktop.views.home_view import HomeView
from desktop.views.login_view import LoginView
from desktop.views.main_window import MainWindow
from desktop.views.settings_view import SettingsView
from desktop.views.setup_view import SetupView
from desktop.views.shell import Shell
from desktop.views.widgets.dialogs import MessageDialog
from desktop.views.widgets.rtl import t
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.courses import finished_course
from tests.helpers.gui import (
    SETUP_VALUES,
    course_page,
    descendants,
    fill,
    make_context,
    open_wide_page,
    press_return,
    texts,
)


@pytest.fixture
def shell(window, database):
    window.geometry("1200x740+0+0")
    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    return shell


# -- set-up ----------------------------------------------------------------------------------


def test_set_up_refuses_a_user_name_as_the_administrators_name(shell):
    page = shell.page
    assert isinstance(page, SetupView)
    fill(page.form, **{**SETUP_VALUES, "admin_display_name": "admin"})
    page.with_demo.set(False)
    press_return(page.form.fields["password_confirm"])
    assert page.form.error_text("admin_display_name") == PersonName.IS_USERNAME
    assert isinstance(shell.page, SetupView)  # nothing set up
    fill(page.form, admin_display_name="")
    press_return(page.form.fields["password_confirm"])
    assert page.form.error_text("admin_display_name") == PersonName.REQUIRED


def test_set_up_with_demo_lists_the_users_in_order_and_logs_nobody_in(shell, root):
    page = shell.page
    fill(page.form, **SETUP_VALUES)
    page.with_demo.set(True)
    press_return(page.form.fields["password_confirm"])
    assert isinstance(shell.page, LoginView)
    (dialog,) = [w for w in descendants(root) if isinstance(w, MessageDialog)]
    try:
        (message,) = [text for text in texts(dialog) if "\n" in text]
        lines = [line for line in message.split("\n") if line.startswith("• ")]
        names = [line.rsplit(":", 1)[1].strip("\u200e\u200f\u202a\u202c ") for line in lines]
        # one a line, with its role, in the documented order
        assert names == [username for username, _name, _role in DEMO_USERS]
        # Drawn, each line reads role then name from the right: the name stands leftmost.
        for line, name in zip(lines, names, strict=True):
            assert t(line).startswith(name)
    finally:
        dialog.destroy()
    # The set-up's own work was no login: the first real one has no "previous login".
    session = auth.login("admin", ADMIN_PASSWORD)
    assert session.previous_login_at is None
    main = MainWindow(shell.master, _context(session))
    pump(main)
    home = main.current
    assert isinstance(home, HomeView)
    shown = texts(home)
    assert not any("ورود پیشین" in text for text in shown)
    # A training database: its changes never go to headquarters, and it says so.
    assert Home.CHANGES_TO_SEND not in shown and Home.CHANGES_TRAINING in shown
    main.destroy()


def _context(session):
    context = make_context()
    context.session = session
    return context


# -- the home page and one's own name ------------------------------------------------------


def test_home_greets_by_name_and_counts_changes_for_headquarters(window, admin):
    home = open_wide_page(window, HomeView, admin)
    shown = texts(home)
    assert Home.GREETING.format(name="مدیر مرکز") in shown
    assert Home.CHANGES_TO_SEND in shown and Home.NAME_MISSING not in shown


def test_a_missing_name_is_said_and_filled_in_on_ones_own_page(window, database):
    initialise_center(
        center_code="TEH05",
        center_name="مرکز پنج",
        admin_username="admin",
        admin_display_name="",  # `init` without --admin-name
        password=ADMIN_PASSWORD,
        admin_name_required=False,
    )
    session = auth.login("admin", ADMIN_PASSWORD)
    main = MainWindow(window, _context(session))
    main.pack(fill="both", expand=True)
    pump(window)
    shown = texts(main.current)
    assert Home.GREETING_NO_NAME in shown and Home.NAME_MISSING in shown
    assert not any("admin" in text for text in shown)  # never greeted by the user name
    assert "admin" not in main.user_label.logical_text

    main.nav_buttons["account"].invoke()
    pump(window)
    account = main.current
    assert isinstance(account, AccountView)
    assert account.focus_lastfor() is account.name_form.fields["display_name"]
    account.name_form.set_value("display_name", "admin")
    press_return(account.name_form.fields["display_name"])
    assert account.name_form.error_text("display_name") == PersonName.IS_USERNAME
    account.name_form.fields["display_name"].insert(0, "")  # typed over below
    account.name_form.set_value("display_name", "مریم کریمی")
    press_return(account.name_form.fields["display_name"])
    assert account.name_done.logical_text == Account.NAME_SAVED
    assert main.user_label.logical_text.startswith("مریم کریمی")  # the header follows
    assert auth.login("admin", ADMIN_PASSWORD).display_name == "مریم کریمی"
    main.show("home")
    pump(window)
    assert Home.GREETING.format(name="مریم کریمی") in texts(main.current)
    main.destroy()


# -- Settings says when certificates cannot be printed ----------------------------------


def test_settings_says_the_managers_name_is_missing_until_it_is_saved(window, admin):
    Setting.write(MANAGER_NAME, "")
    view = open_wide_page(window, SettingsView, admin)
    assert view.manager_warning.logical_text == ManagerName.MISSING
    form = view.certificate_form
    form.set_value("manager_name", "Admin")
    press_return(form.fields["manager_name"])
    assert form.error_text("manager_name") == PersonName.IS_USERNAME
    form.set_value("manager_name", "دکتر حمید رحیمی")
    press_return(form.fields["manager_name"])
    assert form.error_text("manager_name") == ""
    assert view.manager_warning.logical_text == ""


def test_a_users_full_name_cannot_be_their_user_name_in_the_users_page(window, admin):
    from desktop.views.users_view import UsersView

    view = open_wide_page(window, UsersView, admin)
    view.form.fill(
        {
            "display_name": "clerk1",
            "username": "clerk1",
            "role": "clerk",
            "password": "12345678",
            "password_confirm": "12345678",
        }
    )
    press_return(view.form.fields["password_confirm"])
    assert view.form.error_text("display_name") == PersonName.IS_USERNAME
    assert [u.username for u in users.list_users(admin_session())] == ["admin"]


def test_the_course_page_says_which_setting_to_fill_in_before_issuing(window, admin):
    from desktop.services import certificates

    Setting.write(MANAGER_NAME, "")
    record, _ids = finished_course(admin, admin.user_id, ["PPPPPPPPPP"])
    page = course_page(window, admin, record.id)
    page.notebook.select(page.certificates)
    pump(window)
    page.certificates.issue_button.invoke()
    pump(window)
    assert page.message.logical_text == ManagerName.MISSING  # in Persian, on the page
    assert certificates.course_certificates(admin, record.id) == []
