"""The course page's «کارنامه» tab driven through real widgets: choose a partner
body's results sheet, see each row accepted or rejected with its reason, import it —
the page then shows the course finished and the people in it."""

from __future__ import annotations

import datetime as dt

from desktop.models import Applicant
from desktop.services import courses, enrollment, reference
from desktop.services.courses import CourseInput
from desktop.strings.applicant_io_views import STATUS_LABELS
from desktop.strings.partner_results import PartnerResults as Messages
from desktop.strings.partner_results_views import ResultsSheet
from desktop.text.display import ltr_in_rtl
from desktop.views.course_page import CoursePage
from desktop.views.widgets.rtl import t
from tests.factories import register
from tests.gui.conftest import pump
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def partner_course(admin, partner: bool = True) -> str:
    tvto = reference.find_partner(admin, "tvto")
    assert tvto is not None
    return courses.create_course(
        admin,
        CourseInput(
            title="برق ساختمان", partner_id=tvto[0] if partner else "",
            trainer_id=admin.user_id, hours=120, capacity=2, starts_on=TODAY - 3 * DAY,
            ends_on=TODAY - DAY, weekdays=list(range(7)), status="running",
        ),
    ).id  # fmt: skip


def tab_titles(page: CoursePage) -> list[str]:
    return [str(page.notebook.tab(tab_id, "text")) for tab_id in page.notebook.tabs()]


def test_import_a_results_sheet_from_the_course_page(window, admin, tmp_path):
    course_id = partner_course(admin)
    passed, failed = register(admin), register(admin)
    code = {pid: Applicant.get_by_id(pid).national_code for pid in (passed, failed)}
    path = tmp_path / "کارنامه.csv"
    path.write_text(
        "کد ملی,نتیجه,درصد حضور\n"
        f"{code[passed]},قبول,۹۵\n"
        f"{code[failed]},مردود,۴۰\n"
        "1234567891,قبول,۹۰\n",
        encoding="utf-8",
    )
    page = show(window, CoursePage(window, make_context(admin), course_id))
    tab = page.results_sheet
    assert tab is not None and t(ResultsSheet.TAB) in tab_titles(page)
    page.notebook.select(tab)
    pump(window)
    assert tab.import_button.instate(["disabled"])  # nothing checked yet
    asked: list[str] = []
    tab.ask_path = lambda **_options: str(path)
    tab.ask_confirm = lambda _parent, question, _title: asked.append(question) or True
    tab.choose_button.invoke()
    pump(window)
    assert len(rows(tab.results_table)) == 3
    shown = [values for _, values in tab.source.rows]  # logical, as drawn
    assert [(row[0], row[1]) for row in shown] == [
        (2, STATUS_LABELS["ok"]),
        (3, STATUS_LABELS["ok"]),
        (4, STATUS_LABELS["rejected"]),
    ]
    assert shown[2][-1] == Messages.NOT_AN_APPLICANT.format(code="1234567891")
    assert enrollment.course_detail(admin, course_id).enrollees == []  # only checked
    assert tab.import_button.instate(["!disabled"])

    tab.import_button.invoke()
    pump(window)
    assert len(asked) == 1 and ltr_in_rtl(path.name) in asked[0]
    detail = enrollment.course_detail(admin, course_id)
    assert detail.course.status == "finished"
    assert {e.enrollment.applicant_id: e.enrollment.status for e in detail.enrollees} == {
        passed: "completed",
        failed: "failed",
    }
    assert page.detail.course.status == "finished"  # the page was drawn again
    assert page.message.logical_text == ResultsSheet.IMPORTED.format(count="۲")
    assert tab.import_button.instate(["disabled"])  # done: not twice
    assert len(rows(page.enrollees.table)) == 2


def test_the_tab_is_for_partner_courses_and_who_runs_them(window, admin):
    plain = show(window, CoursePage(window, make_context(admin), partner_course(admin, False)))
    assert plain.results_sheet is None and t(ResultsSheet.TAB) not in tab_titles(plain)
    plain.destroy()
    course_id = partner_course(admin)
    clerk = login_as(admin, "clerk1", "clerk")
    page = show(window, CoursePage(window, make_context(clerk), course_id))
    assert page.results_sheet is None


def test_a_refused_sheet_is_said_on_the_message_line(window, admin, tmp_path):
    course_id = partner_course(admin)
    path = tmp_path / "results.csv"
    path.write_text("national_code\n1234567891\n", encoding="utf-8")
    page = show(window, CoursePage(window, make_context(admin), course_id))
    tab = page.results_sheet
    assert tab is not None
    page.notebook.select(tab)
    tab.ask_path = lambda **_options: str(path)
    tab.choose_button.invoke()
    pump(window)
    assert "(result)" in page.message.logical_text  # the missing column is named
    assert tab.source.rows == [] and tab.import_button.instate(["disabled"])
