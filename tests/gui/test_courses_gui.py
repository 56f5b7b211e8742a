"""The courses screens driven as an administrator: list, form, course page and its tabs.

Real widgets in a Toplevel over an in-memory database. What a screen wrote is read
back through the services. Printing runs on a synchronous runner with an injected
output path and an injected viewer, so the PDF is written and "opened" in the test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.services import courses, enrollment
from desktop.strings.course_views import DONE_MARK, Certs, Enroll
from desktop.strings.courses import ATTENDANCE_MARK_NAMES, COURSE_STATUS_NAMES, Courses
from desktop.text.jalali import format_jalali
from desktop.views.background import SyncRunner
from desktop.views.course_page import CoursePage
from desktop.views.courses_view import CourseForm, CoursesView
from desktop.views.widgets.rtl import t
from tests.gui.conftest import pump
from tests.helpers.courses import enrollment_code, past_course
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def fill(form: CourseForm, **values: str) -> None:
    for name, value in values.items():
        widget = form.fields[name]
        if name in ("starts_on", "ends_on"):
            widget.entry.delete(0, "end")  # type: ignore[attr-defined]
            widget.entry.insert(0, value)  # type: ignore[attr-defined]
        elif hasattr(widget, "set_key"):
            widget.set_key(value)
        else:
            widget.set(value)  # type: ignore[attr-defined]


def test_course_form_shows_errors_then_creates_and_opens_the_course(window, admin) -> None:  # type: ignore[no-untyped-def]
    view = show(window, CoursesView(window, make_context(admin)))
    assert rows(view.list.table) == []
    form = view.open_new()
    pump(window)
    fill(
        form,
        title="",
        hours="صفر",
        capacity="۹۹۹۹",
        starts_on=format_jalali(TODAY),
        ends_on=format_jalali(TODAY - 5 * DAY),
        weekdays="",
    )
    form.save_button.invoke()
    pump(window)
    assert form.error_text("title") == Courses.TITLE_REQUIRED
    assert form.error_text("hours")
    assert form.error_text("capacity")
    assert form.error_text("weekdays") or form.error_text("ends_on")
    assert view.page is form
    assert courses.list_courses(admin) == []

    fill(
        form,
        title="خیاطی مقدماتی",
        field="خیاطی",
        hours="۳۰",
        capacity="۱۰",
        starts_on=format_jalali(TODAY + 10 * DAY),
        ends_on=format_jalali(TODAY + 40 * DAY),
        weekdays="شنبه، دوشنبه",
        passing_score="۶۰",
    )
    form.save_button.invoke()
    pump(window)
    (record,) = courses.list_courses(admin)
    assert record.title == "خیاطی مقدماتی" and record.capacity == 10 and record.weekdays == (0, 2)
    page = view.page
    assert isinstance(page, CoursePage) and page.course_id == record.id
    assert record.code in page.message.logical_text

    page.status_box.set_key("open")
    page.change_status()  # type: ignore[attr-defined]
    assert courses.get_course(admin, record.id).status == "open"
    view.back_to_list()
    pump(window)
    ((_code, title, _trainer, status, *_rest),) = rows(view.list.table)
    assert title == t("خیاطی مقدماتی") and status == t(COURSE_STATUS_NAMES["open"])
    view.list.status.set_key("finished")
    view.list.refresh()
    assert rows(view.list.table) == []


def test_enroll_mark_score_issue_and_print(window, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    course_id = past_course(admin)
    first = person(admin, "مریم")
    second = person(admin, "سارا")
    opened: list[Path] = []
    target = tmp_path / "certs.pdf"
    page = show(
        window,
        CoursePage(
            window,
            make_context(admin, runner=SyncRunner()),
            course_id,
            ask_path=lambda _parent, _initial: str(target),
            open_pdf=opened.append,
        ),
    )
    window.geometry("1300x720+0+0")

    # Enroll two: the second goes on the waiting list (capacity 1).
    tab = page.enrollees
    for national in (
        enrollment_code(admin, first),
        enrollment_code(admin, second),
    ):
        tab.find.set(national)
        tab.search()
        assert len(tab.found.visible_rows()) == 1
        tab.enroll_selected()
        pump(window)
    assert Enroll.WAITLISTED.split("؛")[0] in page.message.logical_text
    detail = enrollment.course_detail(admin, course_id)
    assert len(detail.enrollees) == 1 and len(detail.waitlist) == 1
    assert len(rows(tab.table)) == 2
    enrollee_id = detail.enrollees[0].enrollment.id

    # Mark all three sessions present by key on the selected row.
    sheet = page.attendance
    page.notebook.select(sheet)
    pump(window)
    for session in detail.sessions:
        sheet.session_box.set_key(session.id)
        sheet.load_sheet()
        sheet.table.select_index(0)
        sheet.table.tree.focus_force()
        pump(window)
        sheet.table.tree.event_generate("<KeyPress>", keysym="1")
        pump(window)
        assert sheet.marks[enrollee_id] == "present"
        assert rows(sheet.table)[0][2] == t(ATTENDANCE_MARK_NAMES["present"])
        sheet.save()
        pump(window)
    detail = enrollment.course_detail(admin, course_id)
    assert detail.enrollees[0].completion.percent == 100

    # Scores: a bad one is refused next to its row, then a good one is saved.
    scores = page.scores
    scores.entries[enrollee_id].set("۱۲۰")
    scores.save()
    assert scores.errors[enrollee_id].logical_text
    assert enrollment.course_detail(admin, course_id).enrollees[0].enrollment.score is None
    scores.entries[enrollee_id].set("۷۵٫۵")
    scores.save()
    pump(window)
    assert enrollment.course_detail(admin, course_id).enrollees[0].enrollment.score == 75.5
    assert rows(page.enrollees.table)[0][5] == t(DONE_MARK)

    # Finish the course, issue, print.
    page.status_box.set_key("finished")
    page.change_status()
    certs = page.certificates
    certs.issue_all()
    pump(window)
    assert page.message.logical_text == Certs.ISSUED.format(count="۱")
    (serial,) = [values[3] for values in rows(certs.table)]
    assert serial
    certs.print_all()
    pump(window)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert opened == [target]


def test_print_cancelled_by_path_dialog_writes_nothing(window, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    course_id = past_course(admin)
    opened: list[Path] = []
    page = show(
        window,
        CoursePage(
            window,
            make_context(admin),
            course_id,
            ask_path=lambda _parent, _initial: "",
            open_pdf=opened.append,
        ),
    )
    page.certificates.print_all()
    assert opened == [] and list(tmp_path.iterdir()) == []


def test_withdraw_needs_a_reason_and_seats_the_first_waiting(window, admin) -> None:  # type: ignore[no-untyped-def]
    course_id = past_course(admin)
    first, second = person(admin, "مریم"), person(admin, "سارا")
    enrollment.enroll(admin, course_id, first)
    enrollment.enroll(admin, course_id, second)
    page = show(window, CoursePage(window, make_context(admin), course_id))
    tab = page.enrollees
    seated = enrollment.course_detail(admin, course_id).enrollees[0].enrollment
    tab.table.selected_id = seated.id
    tab.withdraw()
    assert page.message.logical_text  # the reason is required
    assert enrollment.course_detail(admin, course_id).enrollees[0].enrollment.id == seated.id
    tab.reason.set("جابه‌جایی محل زندگی")
    tab.withdraw()
    detail = enrollment.course_detail(admin, course_id)
    assert [e.enrollment.applicant_id for e in detail.enrollees] == [second]
    assert detail.waitlist == []


@pytest.fixture(autouse=True)
def _big_window(window):  # type: ignore[no-untyped-def]
    window.geometry("1300x720+0+0")
    yield


def test_edit_form_starts_from_the_course_and_saves_a_change(window, admin) -> None:  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    view = show(window, CoursesView(window, make_context(admin)))
    page = view.open_course(course_id)
    assert page is not None
    form = view.open_edit(page.detail.course)
    pump(window)
    assert form.value("title") == "خیاطی مقدماتی"
    assert courses.parse_weekdays(form.value("weekdays")) == list(range(7))
    assert form.value("starts_on") == format_jalali(TODAY - 3 * DAY)
    fill(form, capacity="۸", location="سالن ۲")
    form.save_button.invoke()
    pump(window)
    record = courses.get_course(admin, course_id)
    assert record.capacity == 8 and record.location == "سالن ۲"
    assert isinstance(view.page, CoursePage) and len(view.stack) == 2


def test_attendance_keys_of_the_persian_layout_mark_and_move_down(window, admin) -> None:  # type: ignore[no-untyped-def]
    course_id = past_course(admin, capacity=5)
    for name in ("مریم", "سارا"):
        enrollment.enroll(admin, course_id, person(admin, name))
    page = show(window, CoursePage(window, make_context(admin), course_id))
    sheet = page.attendance
    page.notebook.select(sheet)
    sheet.table.select_index(0)
    sheet.table.tree.focus_force()
    pump(window)
    first, second = list(sheet.people)
    # Xvfb has no Persian keymap, so hand the key to the handler as Tk would report it.
    assert sheet._on_key(SimpleNamespace(char="ش", keysym="Arabic_sheen")) == "break"
    pump(window)
    assert sheet.marks[first] == "absent" and sheet.table.selected_id == second
    sheet.set_mark("excused")
    sheet.save()
    marks = {
        row.enrollment_id: row.mark
        for row in enrollment.attendance_sheet(admin, sheet.session_id).rows
    }
    assert marks == {first: "absent", second: "excused"}
