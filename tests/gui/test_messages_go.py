"""A page's or a tab's message goes with its cause: at a change of tab, at the next
edit, and a warning about what cannot be done waits until someone tries it.

Found in use: «attendance saved» still showing on the scores tab, «this session cannot
be marked» on a course page nobody had touched, «user added» under the next user being
typed. Driven through the real views (see desktop/views/widgets/message_line.py).
"""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as ttk

from desktop.services import courses, enrollment
from desktop.services.courses import CourseInput
from desktop.strings.casework_views import FollowUps
from desktop.strings.course_views import Attendance
from desktop.text.jalali import format_jalali
from desktop.views.applicant_file import ApplicantFile
from desktop.views.casework import FollowUpsTab
from desktop.views.course_page import CoursePage
from desktop.views.users_view import UsersView
from desktop.views.widgets.message_line import MessageLine
from tests.gui.conftest import pump
from tests.helpers.courses import past_course
from tests.helpers.gui import make_context, press_keys, show
from tests.helpers.people import person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def saved_attendance(window, admin):  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    enrollment.enroll(admin, course_id, person(admin, "مریم"))
    page = show(window, CoursePage(window, make_context(admin), course_id))
    page.notebook.select(page.attendance)
    pump(window)
    page.attendance.table.select_index(0)
    page.attendance.set_mark("present")
    page.attendance.save()
    pump(window)
    assert page.message.logical_text.startswith(Attendance.SAVED.split("{")[0])
    return page


def test_the_attendance_message_goes_when_the_scores_tab_is_opened(window, admin) -> None:  # type: ignore[no-untyped-def]
    page = saved_attendance(window, admin)
    page.notebook.select(page.scores)
    pump(window)
    assert page.message.logical_text == ""


def test_a_message_said_on_the_tab_just_selected_stays(window, admin) -> None:  # type: ignore[no-untyped-def]
    """ttk reports the change of tab later, through the event queue: a message said
    right after selecting a tab is that tab's, not the previous one's."""
    page = saved_attendance(window, admin)
    page.notebook.select(page.scores)
    page.say("نمره‌ها ذخیره شد.")
    pump(window)
    assert page.message.logical_text == "نمره‌ها ذخیره شد."


def test_the_course_message_goes_at_the_next_edit(window, admin) -> None:  # type: ignore[no-untyped-def]
    page = saved_attendance(window, admin)
    page.notebook.select(page.enrollees)
    page.say("دو نفر ثبت‌نام شدند.")
    pump(window)
    press_keys(page.enrollees.find, "Tab")  # moving around is not an edit
    assert page.message.logical_text == "دو نفر ثبت‌نام شدند."
    page.enrollees.find.focus_force()
    press_keys(page.enrollees.find, "a")
    assert page.message.logical_text == ""


def test_a_session_that_cannot_be_marked_says_so_only_when_someone_tries(window, admin) -> None:  # type: ignore[no-untyped-def]
    record = courses.create_course(
        admin,
        CourseInput(
            title="قالی‌بافی",
            trainer_id=admin.user_id,
            hours=10,
            capacity=5,
            starts_on=TODAY + 10 * DAY,
            ends_on=TODAY + 20 * DAY,
            weekdays=list(range(7)),
            status="open",
        ),
    )
    enrollment.enroll(admin, record.id, person(admin, "مریم"))
    page = show(window, CoursePage(window, make_context(admin), record.id))
    assert page.message.logical_text == ""  # opening the page is not trying
    page.notebook.select(page.attendance)
    pump(window)
    assert page.message.logical_text == ""  # nor is opening the tab
    sheet = page.attendance
    sheet.table.select_index(0)
    sheet.table.tree.focus_force()
    press_keys(sheet.table.tree, "1")  # «present»: the session is ten days away
    assert page.message.logical_text == Attendance.NOT_EDITABLE
    assert all(mark is None for mark in sheet.marks.values())


def test_user_added_goes_when_the_next_user_is_typed(window, admin) -> None:  # type: ignore[no-untyped-def]
    view = show(window, UsersView(window, make_context(admin)))
    form = view.form
    form.fields["display_name"].set("زهرا احمدی")
    form.fields["username"].set("clerk7")
    form.fields["role"].set_key("clerk")
    form.fields["password"].insert(0, "12345678")
    form.fields["password_confirm"].insert(0, "12345678")
    view.add()
    pump(window)
    assert "زهرا احمدی" in view.message.logical_text
    field = form.fields["username"]
    field.focus_force()
    press_keys(field, "c")
    assert view.message.logical_text == ""


def test_a_file_tabs_message_goes_when_another_tab_is_opened(window, admin) -> None:  # type: ignore[no-untyped-def]
    pid = person(admin, "زهرا")
    file_page = show(
        window,
        ApplicantFile(
            window,
            make_context(admin),
            pid,
            on_back=lambda: None,
            on_edit=lambda _r: None,
            on_changed=lambda *_a: None,
            on_deleted=lambda *_a: None,
        ),
    )
    tab = next(w for w in file_page.notebook.winfo_children() if isinstance(w, FollowUpsTab))
    file_page.notebook.select(tab)
    pump(window)
    tab.say(FollowUps.SAVED.format(date=format_jalali(TODAY)))
    pump(window)
    assert tab.message.logical_text
    file_page.notebook.select(file_page.tabs["details"])
    pump(window)
    assert tab.message.logical_text == ""


def file_page_saying(window, admin, text: str) -> ApplicantFile:  # type: ignore[no-untyped-def]
    page = show(
        window,
        ApplicantFile(
            window,
            make_context(admin),
            person(admin, "زهرا"),
            on_back=lambda: None,
            on_edit=lambda _r: None,
            on_changed=lambda *_a: None,
            on_deleted=lambda *_a: None,
        ),
    )
    page.show_confirmation(text)
    pump(window)
    assert page.confirmation.logical_text == text and page.confirmation.winfo_ismapped()
    return page


def test_a_file_pages_confirmation_goes_when_another_tab_is_opened(window, admin) -> None:  # type: ignore[no-untyped-def]
    """«پروندهٔ … ساخته شد» belongs to the moment the file was made: it stood over the
    page through every tab and every later save."""
    page = file_page_saying(window, admin, "پروندهٔ TEH05-000001 ساخته شد.")
    tab = next(w for w in page.notebook.winfo_children() if isinstance(w, FollowUpsTab))
    page.notebook.select(tab)
    pump(window)
    assert page.confirmation.logical_text == ""
    assert not page.confirmation.winfo_ismapped()  # no empty green band left behind


def test_a_file_pages_confirmation_goes_when_a_panel_is_opened(window, admin) -> None:  # type: ignore[no-untyped-def]
    """Changing the status next is moving on: the note about the edit goes."""
    page = file_page_saying(window, admin, "پروندهٔ TEH05-000001 ویرایش شد.")
    page.open_status_panel()
    pump(window)
    assert page.confirmation.logical_text == ""
    assert not page.confirmation.winfo_ismapped()


def test_name_saved_goes_when_the_password_is_typed(window, admin) -> None:  # type: ignore[no-untyped-def]
    from desktop.strings.account_views import Account
    from desktop.views.account_view import AccountView

    view = show(window, AccountView(window, make_context(admin)))
    view.name_form.set_value("display_name", "مریم کریمی")
    view.save_name()
    pump(window)
    assert view.name_done.logical_text == Account.NAME_SAVED
    field = view.form.fields["old_password"]
    field.focus_force()
    press_keys(field, "a")
    assert view.name_done.logical_text == ""


def test_a_message_line_wraps_within_its_width(window) -> None:  # type: ignore[no-untyped-def]
    frame = ttk.Frame(window, width=300)
    frame.pack(fill="x")
    line = MessageLine(frame)
    line.pack(fill="x")
    long = "این پیام بلند است و باید در پهنای خط پیام شکسته شود تا آغاز جمله دیده شود. " * 3
    line.say(long.strip(), "danger")
    for _ in range(10):  # the width settles; it does not creep
        pump(window)
    assert len(line.lines) > 1
    assert " ".join(line.lines) == long.strip()
    assert line.winfo_reqwidth() <= window.winfo_width()
