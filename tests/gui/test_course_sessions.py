"""The course page's «جلسه‌ها» tab, driven as an administrator.

A course meets once a week over four weeks, so there are free days to add a session
on. What the tab wrote is read back through the services; refusals are the services'
own Persian messages, beside the date field or on the page's message line.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services import courses, enrollment
from desktop.services.courses import persian_weekday
from desktop.strings.course_views import Sessions
from desktop.strings.courses import Courses as Messages
from desktop.text.digits import persian_digits
from desktop.text.jalali import WEEKDAY_NAMES, format_jalali
from desktop.views.course_page import CoursePage
from desktop.views.widgets.rtl import t
from tests.gui.conftest import pump
from tests.helpers.courses import weekly_course
from tests.helpers.gui import dialog_text, make_context, rows, show
from tests.helpers.people import login_as, person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
WEEK = 7 * DAY


@pytest.fixture(autouse=True)
def _big_window(window):  # type: ignore[no-untyped-def]
    window.geometry("1300x720+0+0")
    yield


def open_tab(window, admin, course_id):  # type: ignore[no-untyped-def]
    page = show(window, CoursePage(window, make_context(admin), course_id))
    page.notebook.select(page.sessions)
    pump(window)
    return page, page.sessions


def type_date(tab, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    tab.date.entry.delete(0, "end")
    tab.date.entry.insert(0, format_jalali(day))


def select(tab, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    (session_id,) = [key for key, record in tab.records.items() if record.held_on == day]
    index = [row_id for row_id, _values in tab.table.source.rows].index(session_id)
    tab.table.select_index(index)
    pump(tab)


def days(admin, course_id) -> list[dt.date]:  # type: ignore[no-untyped-def]
    return [record.held_on for record in courses.course_sessions(admin, course_id)]


def test_the_sessions_are_listed_with_jalali_dates_weekdays_time_and_marks(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    held = courses.course_sessions(admin, course_id)[1]
    enrollment.mark_attendance(admin, held.id, {seated.id: "present"})
    _page, tab = open_tab(window, admin, course_id)

    weekday = t(WEEKDAY_NAMES[persian_weekday(TODAY)])
    listed = rows(tab.table)
    assert [row[0] for row in listed] == [format_jalali(TODAY + n * WEEK) for n in range(-2, 3)]
    assert listed[1] == (format_jalali(TODAY - WEEK), weekday, t("۹ تا ۱۲"), "۱", "۱", "")
    assert listed[0][3] == "۰"
    assert all(not row[0].isascii() for row in listed)  # Persian digits
    assert tab.summary.logical_text == Sessions.SUMMARY.format(count="۵", held="۳")
    # Nothing selected yet: only «add» is offered.
    assert str(tab.buttons["move"].cget("state")) == "disabled"
    assert str(tab.buttons["add"].cget("state")) == "normal"


def test_add_a_session_and_the_percentages_move(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    for record in courses.course_sessions(admin, course_id)[:3]:  # the three held
        enrollment.mark_attendance(admin, record.id, {seated.id: "present"})
    page, tab = open_tab(window, admin, course_id)
    assert rows(page.enrollees.table)[0][3] == t("۱۰۰٪")

    type_date(tab, TODAY - DAY)
    tab.note.set("جلسهٔ جبرانی")
    tab.buttons["add"].invoke()
    pump(window)
    assert TODAY - DAY in days(admin, course_id)
    assert page.message.logical_text == Sessions.ADDED.format(day=format_jalali(TODAY - DAY))
    assert page.notebook.select() == str(tab)
    assert tab.selected() is not None and tab.selected().held_on == TODAY - DAY
    (added,) = [row for row in rows(tab.table) if row[0] == format_jalali(TODAY - DAY)]
    assert added[-1] == t("جلسهٔ جبرانی")
    # Three present of four held: the page was read again.
    assert rows(page.enrollees.table)[0][3] == t("۷۵٪")
    assert page.attendance.session_box.get_key() in tab.records


def test_a_day_outside_the_course_or_taken_is_refused_beside_the_field(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    _page, tab = open_tab(window, admin, course_id)
    before = days(admin, course_id)

    type_date(tab, TODAY + 5 * WEEK)
    tab.add()
    course = courses.get_course(admin, course_id)
    assert tab.date_error.logical_text == Messages.SESSION_OUTSIDE.format(
        start=format_jalali(course.starts_on), end=format_jalali(course.ends_on)
    )
    type_date(tab, TODAY)
    tab.add()
    assert tab.date_error.logical_text == Messages.SESSION_DUPLICATE
    tab.date.entry.delete(0, "end")
    tab.add()
    assert tab.date_error.logical_text == Messages.REQUIRED
    assert days(admin, course_id) == before

    type_date(tab, TODAY - DAY)
    tab.add()
    assert tab.date_error.logical_text == ""  # a success clears it


def test_move_the_selected_session_to_another_day(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    page, tab = open_tab(window, admin, course_id)
    select(tab, TODAY + WEEK)
    assert tab.date.get_date() == TODAY + WEEK  # selecting fills the field
    assert str(tab.buttons["move"].cget("state")) == "normal"

    type_date(tab, TODAY + WEEK + DAY)
    tab.buttons["move"].invoke()
    pump(window)
    assert TODAY + WEEK + DAY in days(admin, course_id)
    assert TODAY + WEEK not in days(admin, course_id)
    assert page.message.logical_text == Sessions.MOVED.format(
        old=format_jalali(TODAY + WEEK), new=format_jalali(TODAY + WEEK + DAY)
    )
    assert tab.selected().held_on == TODAY + WEEK + DAY


def test_a_marked_session_cannot_move_past_today(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    marked = courses.course_sessions(admin, course_id)[1]  # last week
    enrollment.mark_attendance(admin, marked.id, {seated.id: "absent"})
    _page, tab = open_tab(window, admin, course_id)
    select(tab, TODAY - WEEK)
    type_date(tab, TODAY + DAY)
    tab.move()
    assert tab.date_error.logical_text == Messages.MARKED_SESSION_TO_FUTURE
    assert TODAY - WEEK in days(admin, course_id)


def test_remove_asks_first_then_removes(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    page, tab = open_tab(window, admin, course_id)
    select(tab, TODAY + 2 * WEEK)
    tab.buttons["remove"].invoke()
    pump(window)
    question = tab.question
    assert question is not None
    assert set(question.buttons) == {"remove", "keep"}
    question.buttons["keep"].invoke()
    pump(window)
    assert TODAY + 2 * WEEK in days(admin, course_id)

    tab.ask_remove()
    tab.question.buttons["remove"].invoke()
    pump(window)
    assert TODAY + 2 * WEEK not in days(admin, course_id)
    assert page.message.logical_text == Sessions.REMOVED.format(day=format_jalali(TODAY + 2 * WEEK))
    assert len(rows(tab.table)) == 4 and tab.selected() is None
    assert tab.summary.logical_text == Sessions.SUMMARY.format(count="۴", held="۳")


def test_a_session_with_marks_is_not_removed_and_the_page_says_why(window, admin):  # type: ignore[no-untyped-def]
    course_id = weekly_course(admin)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    marked = courses.course_sessions(admin, course_id)[0]
    enrollment.mark_attendance(admin, marked.id, {seated.id: "present"})
    page, tab = open_tab(window, admin, course_id)
    select(tab, TODAY - 2 * WEEK)
    tab.ask_remove()
    # The question says the session has marks before anyone confirms.
    day = format_jalali(TODAY - 2 * WEEK)
    weekday = WEEKDAY_NAMES[persian_weekday(TODAY)]
    asked = Sessions.REMOVE_ASK_MARKED.format(day=day, weekday=weekday, marked=persian_digits(1))
    assert asked in dialog_text(tab.question)
    tab.question.buttons["remove"].invoke()
    pump(window)
    assert page.message.logical_text == Messages.SESSION_HAS_MARKS
    assert TODAY - 2 * WEEK in days(admin, course_id)


def test_a_clerk_sees_the_sessions_without_the_controls(window, admin):  # type: ignore[no-untyped-def]

    clerk = login_as(admin, "clerk1", "clerk")
    course_id = weekly_course(admin)
    _page, tab = open_tab(window, clerk, course_id)
    assert tab.buttons == {} and not tab.can_edit
    assert len(rows(tab.table)) == 5
