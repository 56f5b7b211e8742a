"""The course page's shell and its smaller tabs: the attendance «saved» message, who
withdrew, what each role is offered, and the course list's trainer filter.

Real widgets over an in-memory database, as in test_courses_gui.py (whose course of
three held daily sessions is reused).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import ttkbootstrap as ttk

from desktop.services import course_changes, courses, enrollment, reference
from desktop.strings.course_views import Attendance, FileCourses, Scores, Withdrawn
from desktop.text.jalali import format_jalali
from desktop.views.casework.courses import CoursesTab
from desktop.views.course_page import CoursePage
from desktop.views.courses_view import CoursesView
from desktop.views.widgets.rtl import RButton, RLabel, t
from tests.gui.conftest import pump
from tests.helpers.courses import past_course
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as, person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _big_window(window):  # type: ignore[no-untyped-def]
    window.geometry("1300x720+0+0")
    yield


def descendants(widget):  # type: ignore[no-untyped-def]
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def buttons(widget) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.logical_text for w in descendants(widget) if isinstance(w, RButton)}


def texts(widget) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.logical_text for w in descendants(widget) if isinstance(w, RLabel)}


def test_the_attendance_saved_message_names_the_sessions_date(window, admin):  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    enrollment.enroll(admin, course_id, person(admin, "مریم"))
    page = show(window, CoursePage(window, make_context(admin), course_id))
    sheet = page.attendance
    page.notebook.select(sheet)
    first = courses.course_sessions(admin, course_id)[0]
    sheet.session_box.set_key(first.id)
    sheet.load_sheet()
    sheet.table.select_index(0)
    pump(window)
    sheet.set_mark("present")
    sheet.save()
    pump(window)
    # Built from the session's own date, in logical order, not the drawn choice text.
    assert page.message.logical_text == Attendance.SAVED.format(
        day=format_jalali(first.held_on), count="۱"
    )
    assert sheet.session_id == first.id


def test_withdrawn_people_are_listed_with_date_and_reason(window, admin):  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    stays = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    leaves = enrollment.enroll(admin, course_id, person(admin, "سارا"))
    page = show(window, CoursePage(window, make_context(admin), course_id))
    tab = page.enrollees
    assert not tab.withdrawn_box.winfo_ismapped()  # nobody withdrew: no section

    tab.table.selected_id = leaves.id
    tab.reason.set("جابه‌جایی محل زندگی")
    tab.withdraw()
    pump(window)
    assert [row_id for row_id, _values in tab.table.source.rows] == [stays.id]
    assert tab.withdrawn_box.winfo_ismapped()
    assert tab.withdrawn_title.logical_text == Withdrawn.TITLE.format(count="۱")
    ((name, code, day, reason),) = rows(tab.withdrawn)
    assert name == t(leaves.full_name)
    assert day == format_jalali(TODAY)
    assert reason == t("جابه‌جایی محل زندگی")
    assert code.isdigit() and code.isascii()  # a national code: as stored, Latin digits


def test_the_applicant_file_says_why_they_withdrew(window, admin):  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    pid = person(admin, "سارا")
    record = enrollment.enroll(admin, course_id, pid)
    enrollment.withdraw(admin, record.id, "بیماری")
    tab = show(window, CoursesTab(window, make_context(admin), pid))
    ((code, _title, status, *_rest),) = rows(tab.table)
    assert code == courses.get_course(admin, course_id).code  # ASCII, as printed
    assert status == t(Withdrawn.STATUS.format(reason="بیماری"))
    tab.table.select_index(0)
    pump(window)
    assert tab.detail.logical_text == FileCourses.WITHDRAWN.format(
        title="خیاطی مقدماتی",
        date=format_jalali(TODAY),
        withdrawn_on=format_jalali(TODAY),
        reason="بیماری",
    )


def test_a_clerk_is_offered_enrolling_and_withdrawing_only(window, admin):  # type: ignore[no-untyped-def]
    clerk = login_as(admin, "clerk1", "clerk")
    course_id = past_course(admin, capacity=5)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    enrollment.set_scores(admin, course_id, {seated.id: "۸۰"})
    page = show(window, CoursePage(window, make_context(clerk), course_id))

    assert not page.can_run and not page.rights.sign and page.rights.enroll
    assert {"ثبت‌نام", "انصراف", "جستجو"} <= buttons(page.enrollees)
    for tab in (page.sessions, page.attendance, page.scores, page.certificates):
        assert buttons(tab) == set(), tab
    assert Attendance.READ_ONLY in texts(page.attendance)
    assert Scores.READ_ONLY in texts(page.scores)
    # Scores are shown, as text.
    assert not any(isinstance(w, ttk.Entry) for w in descendants(page.scores))
    assert "۸۰" in texts(page.scores)
    # The attendance sheet is there to read; keys do not mark it.
    assert len(rows(page.attendance.table)) == 1
    assert not hasattr(page, "status_box")
    # Enrolling still works for them.
    person(admin, "زهرا")
    page.enrollees.find.set("زهرا")
    page.enrollees.search()
    page.enrollees.enroll_selected()
    assert len(enrollment.course_detail(admin, course_id).enrollees) == 2


def test_the_courses_trainer_and_admin_are_offered_everything(window, admin):  # type: ignore[no-untyped-def]
    trainer = login_as(admin, "trainer1", "trainer")
    course_id = past_course(admin, capacity=5)
    current = courses.to_input(courses.get_course(admin, course_id))
    course_changes.update_course(admin, course_id, replace(current, trainer_id=trainer.user_id))
    enrollment.enroll(admin, course_id, person(admin, "مریم"))
    for session in (trainer, admin):
        page = show(window, CoursePage(window, make_context(session), course_id))
        assert page.can_run and page.rights.sign
        assert set(page.certificates.buttons) == {
            "issue_all",
            "issue_one",
            "print_all",
            "reprint_one",
        }
        assert set(page.sessions.buttons) == {"add", "move", "remove"}
        assert page.scores.save_button is not None
        assert page.attendance.controls and all(
            str(b.cget("state")) == "normal" for b in page.attendance.controls
        )
        page.destroy()


def test_the_course_list_filters_by_trainer(window, admin):  # type: ignore[no-untyped-def]
    trainer = login_as(admin, "trainer1", "trainer", "علی رضایی")
    mine = past_course(admin)
    theirs = courses.create_course(
        admin,
        courses.CourseInput(
            title="قالی‌بافی",
            trainer_id=trainer.user_id,
            hours=10,
            capacity=5,
            starts_on=TODAY - 3 * DAY,
            ends_on=TODAY - DAY,
            weekdays=list(range(7)),
            status="running",
        ),
    )
    view = show(window, CoursesView(window, make_context(admin)))
    listed = view.list
    assert listed.trainer is not None
    assert {row_id for row_id, _values in listed.table.visible_rows()} == {mine, theirs.id}
    listed.trainer.set_key(trainer.user_id)
    listed.trainer.event_generate("<<ComboboxSelected>>")
    pump(window)
    ((code, title, *_rest),) = rows(listed.table)
    assert title == t("قالی‌بافی")
    assert code == theirs.code and code.isascii()  # as printed: ASCII
    listed.trainer.set_key("")
    listed.refresh()
    assert len(rows(listed.table)) == 2
    # By partner body: neither course has one.
    barakat = next(key for key, name in reference.partners(admin) if "برکت" in name)
    listed.partner.set_key(barakat)
    listed.partner.event_generate("<<ComboboxSelected>>")
    pump(window)
    assert rows(listed.table) == []
    listed.partner.set_key("")
    listed.refresh()

    # A trainer lists only their own courses: no trainer filter for them.
    view.destroy()
    view = show(window, CoursesView(window, make_context(trainer)))
    assert view.list.trainer is None
    assert [row_id for row_id, _values in view.list.table.visible_rows()] == [theirs.id]
    assert isinstance(view.list.status, ttk.Combobox)
