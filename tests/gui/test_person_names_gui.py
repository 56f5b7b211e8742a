"""Whose name the window shows and prints, driven through the real pages: on an
upgraded database whose administrator's full name is their user name the header says
the role alone, as the home page says the name is missing (one test for both:
`users.person_name`); the course page says whose name to fill in before issuing; the
Users page fills in a trainer's full name."""

from __future__ import annotations

from desktop.models import User, writes
from desktop.services import auth, certificates, users
from desktop.strings import ROLE_NAMES
from desktop.strings.home_views import Home
from desktop.strings.settings import PersonName, TrainerName
from desktop.strings.users_views import UsersPage
from desktop.views.main_window import MainWindow
from desktop.views.users_view import UsersView
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.courses import finished_course
from tests.helpers.gui import course_page, make_context, open_wide_page, press_return, texts


def test_the_header_and_the_home_page_agree_on_a_user_name_from_an_older_version(window, admin):
    with writes.unlogged("an older version's database, as it was written"):
        User.update(display_name="admin").where(User.id == admin.user_id).execute()
    session = auth.login("admin", ADMIN_PASSWORD)
    context = make_context()
    context.session = session
    window.geometry("1200x740+0+0")
    main = MainWindow(window, context)
    main.pack(fill="both", expand=True)
    pump(window)
    try:
        assert Home.NAME_MISSING in texts(main.current)
        assert main.user_label.logical_text == ROLE_NAMES["admin"]  # not «admin (مدیر مرکز)»
    finally:
        main.destroy()


def unnamed_trainer(admin):
    return users.add_user(
        admin,
        username="trainer1",
        display_name="",
        role="trainer",
        password="12345678",
        name_required=False,
    )


def test_the_course_page_says_whose_name_to_fill_in(window, admin):
    trainer = unnamed_trainer(admin)
    record, _ids = finished_course(admin, trainer.id, ["PPPPPPPPPP"])
    page = course_page(window, admin, record.id)
    page.notebook.select(page.certificates)
    pump(window)
    page.certificates.issue_button.invoke()
    pump(window)
    assert page.message.logical_text == TrainerName.MISSING.format(username="trainer1")
    assert certificates.course_certificates(admin, record.id) == []


def logical_rows(view):
    """(name, user name) of the users table as stored, before the display conversion."""
    return [values[:2] for _row_id, values in view.source.rows]


def test_the_users_page_fills_in_a_trainers_name(window, admin):
    trainer = unnamed_trainer(admin)
    view = open_wide_page(window, UsersView, admin)
    assert (UsersPage.NO_NAME, "trainer1") in logical_rows(view)
    view.table.selected_id = trainer.id
    view.open_rename()
    pump(window)
    form = view.reset_frame.winfo_children()[1]
    assert form.value("display_name") == ""
    form.set_value("display_name", "trainer1")
    press_return(form.fields["display_name"])
    assert form.error_text("display_name") == PersonName.IS_USERNAME
    form.set_value("display_name", "علی رضایی")
    press_return(form.fields["display_name"])
    assert view.reset_frame is None
    assert view.message.logical_text == UsersPage.RENAMED.format(name="علی رضایی")
    assert ("علی رضایی", "trainer1") in logical_rows(view)
    assert User.get_by_id(trainer.id).display_name == "علی رضایی"
