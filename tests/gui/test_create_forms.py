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
from tests.helpers.courses import course, enrollment_code, finished_course, weekly_course
from tests.helpers.gui import course_page, descendants, make_context, open_page
from tests.helpers.people import person


@pytest.fixture
def big_window(window):
    window.geometry("1300x740+0+0")
    pump(window)
    return window


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


def form_values(form: Any) -> dict[str, Any]:
    return {name: form.value(name) for name in form.fields}


def rows(table: Any) -> list[tuple[Any, ...]]:
    return [values for _row_id, values in table.visible_rows()]


# -- users ---------------------------------------------------------------------------------


def test_add_user_creates_refreshes_and_clears(big_window, admin):
    from desktop.views.users_view import UsersView

    view = open_page(big_window, UsersView, admin)
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
    view = open_page(big_window, UsersView, admin)
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

    view = open_page(big_window, AccountView, admin)
    form = view.form
    type_into(form.fields["old_password"], ADMIN_PASSWORD)
    type_into(form.fields["new_password"], "brand-new-pass")
    type_into(form.fields["new_password_confirm"], "brand-new-pass")
    press_return(form.fields["new_password_confirm"])
    assert auth.login("admin", "brand-new-pass").username == "admin"
    assert form_values(form) == dict.fromkeys(form.fields, "")
    assert view.done.logical_text


# -- set-up ------------------------------------------------------------------------------


def test_set_up_creates_the_center_and_gives_way_to_the_login(window, database):
    from desktop.services.setup import local_center
    from desktop.views.login_view import LoginView
    from desktop.views.setup_view import SetupView
    from desktop.views.shell import Shell

    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    page = shell.page
    assert isinstance(page, SetupView)
    form = page.form
    type_into(form.fields["center_code"], "teh05")
    type_into(form.fields["center_name"], "مرکز خدمات اجتماعی منطقهٔ ۵")
    type_into(form.fields["city"], "تهران")
    type_into(form.fields["admin_display_name"], "مریم کریمی")
    type_into(form.fields["admin_username"], "admin")
    type_into(form.fields["password"], ADMIN_PASSWORD)
    type_into(form.fields["password_confirm"], ADMIN_PASSWORD)
    page.with_demo.set(False)
    press_return(form.fields["password_confirm"])
    assert local_center().code == "TEH05"
    assert isinstance(shell.page, LoginView) and not page.winfo_exists()  # closed
    assert auth.login("admin", ADMIN_PASSWORD).display_name == "مریم کریمی"


# -- the applicant registry ---------------------------------------------------------------


def test_register_applicant_opens_the_file_and_the_list_finds_them(big_window, admin):
    from desktop.views.applicant_file import ApplicantFile
    from desktop.views.applicants_view import ApplicantsView
    from tests.factories import national_code

    view = open_page(big_window, ApplicantsView, admin)
    form = view.open_new()
    pump(big_window)
    code = national_code()
    fields = form.fields
    type_into(fields["first_name"], "علی")
    type_into(fields["last_name"], "رضایی")
    type_into(fields["father_name"], "حسن")
    type_into(fields["national_code"], code)
    choose(fields["gender"], "مرد")
    type_into(fields["birth_date"], "۱۳۷۰/۰۶/۳۱")
    type_into(fields["mobile"], "۰۹۱۲۳۴۵۶۷۸۹")
    type_into(fields["district"], "۵")
    form.categories.checks["job_seeker"].invoke()
    press_return(fields["mobile"])

    page = view.page
    assert isinstance(page, ApplicantFile) and page.record.national_code == code
    assert form not in view.stack and not form.winfo_exists()  # the form is closed
    view.back_to_list()
    pump(big_window)
    listed = [
        normalize_digits(str(value)) for values in rows(view.search.table) for value in values
    ]
    assert code in listed  # the list was read again


def test_change_status_closes_its_panel_and_the_history_shows_it(big_window, admin):
    from desktop.services import applicants
    from desktop.strings import STATUS_NAMES
    from desktop.views.applicants_view import ApplicantsView

    pid = person(admin, "زهرا")
    view = open_page(big_window, ApplicantsView, admin)
    page = view.open_file(pid)
    pump(big_window)
    page.buttons["status"].invoke()
    pump(big_window)
    fields = page.panel_forms.fields
    choose(fields["status"], STATUS_NAMES["counselling"])
    type_into(fields["note"], "نخستین جلسهٔ مشاوره")
    press_return(fields["note"])
    assert applicants.get(admin, pid).status == "counselling"
    page = view.page
    assert page.panel is None  # closed
    assert page.status_rows[0][0] == STATUS_NAMES["counselling"]


# -- casework tabs -------------------------------------------------------------------------


def casework_tab(window, session, tab_class, pid):

    tab = tab_class(window, make_context(session), pid)
    window.geometry("1200x640+0+0")
    tab.pack(fill="both", expand=True)
    pump(window)
    return tab


def test_add_follow_up(window, admin):
    import datetime as dt

    from desktop.services import casework
    from desktop.strings import FOLLOW_UP_KIND_NAMES
    from desktop.text.jalali import format_jalali
    from desktop.views.casework import FollowUpsTab

    pid = person(admin, "زهرا")
    tab = casework_tab(window, admin, FollowUpsTab, pid)
    choose(tab.kind, FOLLOW_UP_KIND_NAMES["visit"])
    type_into(tab.notes, "نیاز به آموزش خیاطی")
    next_week = dt.date.today() + dt.timedelta(days=7)
    type_into(tab.next_appointment, format_jalali(next_week))
    press_return(tab.notes)
    (record,) = casework.follow_ups(admin, pid)
    assert (record.kind, record.notes, record.next_appointment) == (
        "visit",
        "نیاز به آموزش خیاطی",
        next_week,
    )
    assert [row_id for row_id, _ in tab.table.visible_rows()] == [record.id]
    assert (tab.notes.get(), tab.next_appointment.text()) == ("", "")  # ready for the next


def test_add_idea(window, admin):
    from desktop.services import casework
    from desktop.views.casework import IdeasTab

    pid = person(admin, "زهرا", categories=("idea_holder",))
    tab = casework_tab(window, admin, IdeasTab, pid)
    type_into(tab.texts["title"], "کارگاه تولید لباس کودک")
    type_into(tab.texts["field"], "پوشاک")
    type_into(tab.capital, "۱۲۰۰۰۰۰۰")
    tab.save_button.invoke()
    pump(window)
    (idea,) = casework.ideas(admin, pid)
    assert (idea.title, idea.capital_rials) == ("کارگاه تولید لباس کودک", 12_000_000)
    assert [row_id for row_id, _ in tab.table.visible_rows()] == [idea.id]
    assert form_values(tab.form) == dict.fromkeys(tab.form.fields, "")


def test_add_outcome(window, admin):
    from desktop.services import casework
    from desktop.strings import OUTCOME_KIND_NAMES
    from desktop.views.casework import OutcomesTab

    pid = person(admin, "زهرا")
    tab = casework_tab(window, admin, OutcomesTab, pid)
    choose(tab.kind, OUTCOME_KIND_NAMES["self_employment"])
    type_into(tab.employer, "کارگاه خانگی")
    press_return(tab.employer)
    (outcome,) = casework.outcomes(admin, pid)
    assert (outcome.kind, outcome.employer) == ("self_employment", "کارگاه خانگی")
    assert [row_id for row_id, _ in tab.table.visible_rows()] == [outcome.id]
    assert tab.employer.get() == "" and tab.kind.get_key() == "wage_job"  # back to defaults


def test_enrol_from_the_applicants_file(window, admin):
    from desktop.services import enrollment
    from desktop.views.casework.courses import CoursesTab

    pid = person(admin, "زهرا")
    sewing = course(admin)
    tab = casework_tab(window, admin, CoursesTab, pid)
    tab.enroll_button.invoke()
    pump(window)
    (record,) = enrollment.applicant_enrollments(admin, pid)
    assert record.enrollment.course_id == sewing.id
    assert [row_id for row_id, _ in tab.table.visible_rows()] == [record.enrollment.id]


# -- courses -------------------------------------------------------------------------------


def test_new_course_opens_its_page_and_the_list_shows_it(big_window, admin):
    import datetime as dt

    from desktop.services import courses
    from desktop.text.jalali import format_jalali
    from desktop.views.course_page import CoursePage
    from desktop.views.courses_view import CoursesView

    view = open_page(big_window, CoursesView, admin)
    form = view.open_new()
    pump(big_window)
    today = dt.date.today()
    type_into(form.fields["title"], "خیاطی مقدماتی")
    type_into(form.fields["hours"], "۳۰")
    type_into(form.fields["capacity"], "۱۰")
    type_into(form.fields["starts_on"], format_jalali(today + dt.timedelta(days=10)))
    type_into(form.fields["ends_on"], format_jalali(today + dt.timedelta(days=40)))
    type_into(form.fields["weekdays"], "شنبه، دوشنبه")
    press_return(form.fields["title"])
    (record,) = courses.list_courses(admin)
    assert record.title == "خیاطی مقدماتی" and record.capacity == 10
    assert isinstance(view.page, CoursePage) and not form.winfo_exists()  # closed
    view.back_to_list()
    pump(big_window)
    assert [row_id for row_id, _ in view.list.table.visible_rows()] == [record.id]


def test_add_course_session(window, admin):
    import datetime as dt

    from desktop.services import courses
    from desktop.text.jalali import format_jalali

    course_id = weekly_course(admin)
    page = course_page(window, admin, course_id)
    tab = page.sessions
    page.notebook.select(tab)
    pump(window)
    day = dt.date.today() - dt.timedelta(days=1)
    type_into(tab.date, format_jalali(day))
    type_into(tab.note, "جلسهٔ جبرانی")
    tab.buttons["add"].invoke()
    pump(window)
    (added,) = [s for s in courses.course_sessions(admin, course_id) if s.held_on == day]
    assert added.note == "جلسهٔ جبرانی"
    assert added.id in [row_id for row_id, _ in tab.table.visible_rows()]
    # The fields show the selected session: the one just added.
    assert tab.selected() is not None and tab.selected().id == added.id
    assert (tab.date.get_date(), tab.note.get()) == (day, "جلسهٔ جبرانی")


def test_enrol_from_the_course_page(window, admin):
    from desktop.services import enrollment

    course_id = weekly_course(admin)
    pid = person(admin, "مریم")
    page = course_page(window, admin, course_id)
    tab = page.enrollees
    type_into(tab.find, enrollment_code(admin, pid))
    press_return(tab.find)  # search
    tab.enroll_selected()
    pump(window)
    (seated,) = enrollment.course_detail(admin, course_id).enrollees
    assert seated.enrollment.applicant_id == pid
    assert [row_id for row_id, _ in tab.table.visible_rows()] == [seated.enrollment.id]
    assert tab.find.get() == "" and not tab.found.winfo_ismapped()


def test_issue_certificates(window, admin):
    from desktop.services import certificates

    record, (done, _failed) = finished_course(admin, admin.user_id, ["PPPPPPPPPP", "PPPPPAAAAA"])
    page = course_page(window, admin, record.id)
    tab = page.certificates
    page.notebook.select(tab)
    pump(window)
    tab.issue_button.invoke()
    pump(window)
    (issued,) = certificates.course_certificates(admin, record.id)
    assert issued.enrollment_id == done
    assert issued.serial in [
        str(value) for _id, values in tab.table.visible_rows() for value in values
    ]


# -- settings ------------------------------------------------------------------------------


def test_settings_sections_save(big_window, admin):
    from desktop.services import certificates
    from desktop.services.settings import load_settings
    from desktop.services.setup import local_center
    from desktop.views.settings_view import MONEY_CHOICES, SettingsView

    context = make_context(admin)
    changed = []
    context.on_settings_changed = changed.append
    view = open_page(big_window, SettingsView, admin, context)

    choose(view.form.fields["money_unit"], dict(MONEY_CHOICES)["toman"])
    press_return(view.form.fields["money_unit"])
    assert load_settings().money_unit.value == "toman" and view.done.logical_text

    type_into(view.center_form.fields["center_name"], "مرکز خدمات اجتماعی منطقهٔ شش")
    press_return(view.center_form.fields["center_name"])
    assert local_center().name == "مرکز خدمات اجتماعی منطقهٔ شش"

    type_into(view.certificate_form.fields["manager_name"], "دکتر حمید رحیمی")
    press_return(view.certificate_form.fields["manager_name"])
    assert certificates.certificate_settings().manager_name == "دکتر حمید رحیمی"
    assert view.certificate_done.logical_text
    assert changed  # the window was told (header, money unit)
