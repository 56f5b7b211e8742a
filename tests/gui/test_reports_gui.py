"""The reports page driven with real widgets over the reports' hand-computed history
(tests/helpers/reports.py): choose a report and a period, see the chart beside its
table and the breakdowns in tabs, save to Excel and PDF; each role sees its reports."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from desktop.strings.report_views import ReportsPage as Text
from desktop.text.jalali import format_jalali
from desktop.views.reports.commitments_view import CommitmentsView
from desktop.views.reports.reports_view import ReportsView
from desktop.views.widgets.bar_chart import BarChart
from desktop.views.widgets.rtl import t
from tests.gui.conftest import pump
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as
from tests.helpers.reports import END, START, write_history


def page(window, session, **options):  # type: ignore[no-untyped-def]
    return show(
        window, ReportsView(window, make_context(session), today=dt.date(2026, 12, 1), **options)
    )


def choose(view: ReportsView, kind: str, start: dt.date = START, end: dt.date = END) -> None:
    view.kind.set_key(kind)
    view.kind.event_generate("<<ComboboxSelected>>")
    view.start.entry.set(format_jalali(start))
    view.end.entry.set(format_jalali(end))
    view.show()
    pump(view)


def tab_titles(view: ReportsView) -> list[str]:
    return [view.notebook.tab(tab, "text") for tab in view.notebook.tabs()]


def test_funnel_shows_its_chart_beside_its_table_and_every_breakdown(window, admin):
    write_history(admin)
    view = page(window, admin)
    assert view.excel_button.instate(["disabled"])
    choose(view, "funnel")
    assert tab_titles(view)[:3] == [t("مراحل"), t("به تفکیک منطقه"), t("به تفکیک گروه")]
    stages = rows(view.tables["stages"])
    labels = ["ثبت‌نام", "مشاوره", "آموزش", "گواهینامه", "اشتغال", "توانمند"]
    assert [row[0] for row in stages] == [t(label) for label in labels]
    assert [row[1] for row in stages] == ["۶", "۶", "۵", "۳", "۲", "۱"]
    assert stages[2][2] == "۸۳٫۳"  # trained of counselled, in percent
    assert isinstance(view.chart, BarChart) and view.chart.chart is not None
    assert view.chart.chart.values == [6, 6, 5, 3, 2, 1]
    assert view.chart.find_all()  # drawn
    assert view.chart.winfo_x() < view.tables["stages"].winfo_x()  # at its left, beside it
    assert view.excel_button.instate(["!disabled"])


def test_on_a_narrow_page_the_chart_goes_under_its_table_and_back_beside_it(window, admin):
    """At 1024×700 the chart beside the funnel's table left the table three of its five
    columns, its scroll bar below the fold: the figures come first, the chart under them."""
    write_history(admin)
    view = page(window, admin)
    choose(view, "funnel")
    table, chart = view.tables["stages"], view.chart
    assert chart is not None and chart.winfo_x() < table.winfo_x()
    window.geometry("780x640+0+0")
    pump(window)
    assert chart.winfo_y() >= table.winfo_y() + table.winfo_height()
    assert table.winfo_width() >= sum(
        int(table.tree.column(c, "width")) for c in table.tree["columns"]
    )  # every column shows
    window.geometry("1200x640+0+0")
    pump(window)
    assert chart.winfo_x() < table.winfo_x() and chart.winfo_y() <= table.winfo_y() + 10


def test_a_district_narrows_it_and_courses_take_none(window, admin):
    write_history(admin)
    view = page(window, admin)
    view.district.insert(0, "4")
    choose(view, "funnel")
    assert [row[1] for row in rows(view.tables["stages"])] == ["۲", "۲", "۱", "۱", "۰", "۰"]
    view.kind.set_key("courses")
    view.kind.event_generate("<<ComboboxSelected>>")
    pump(view)
    assert view.district.get() == "" and view.district.instate(["disabled"])


def test_a_reversed_period_is_said_by_the_page(window, admin):
    view = page(window, admin)
    choose(view, "ideas", END, START)
    assert view.message.logical_text == "تاریخ پایان پیش از تاریخ شروع است."
    assert view.notebook.tabs() == ()


def test_save_to_excel_and_pdf(window, admin, tmp_path):
    write_history(admin)
    asked = []

    def ask(**options):  # type: ignore[no-untyped-def]
        asked.append(options)
        return str(tmp_path / options["initialfile"])

    view = page(window, admin, ask_save=ask)
    choose(view, "sales")
    view.save(".xlsx")
    view.save(".pdf")
    assert [o["initialfile"] for o in asked] == [
        "sales-14050101-14050631.xlsx",
        "sales-14050101-14050631.pdf",
    ]
    book = load_workbook(tmp_path / "sales-14050101-14050631.xlsx")
    assert book.worksheets[1]["A2"].value == "فروشگاه یک (S1)"
    assert (tmp_path / "sales-14050101-14050631.pdf").stat().st_size > 1000
    assert "sales-14050101-14050631.pdf" in view.message.logical_text


def test_each_role_is_offered_its_reports(window, admin):
    trainer = login_as(admin, "trainer1", "trainer")
    assert page(window, trainer).kind.cget("values") == (t("دوره‌های آموزشی"),)
    clerk = login_as(admin, "clerk1", "clerk")
    offered = page(window, clerk).kind.cget("values")
    assert t("فروش فروشگاه‌ها") not in offered and t("مسیر توانمندسازی") in offered
    assert Text.TITLE


# -- commitments ---------------------------------------------------------------------------


def commitments_page(window, session):  # type: ignore[no-untyped-def]
    return show(window, CommitmentsView(window, make_context(session), today=dt.date(2026, 5, 1)))


def test_an_administrator_enters_a_commitment_and_the_table_says_which_counts(window, admin):
    view = commitments_page(window, admin)
    assert view.year.get() == "1405"
    barakat = next(pid for pid, row in view.rows.items() if row.partner == "بنیاد برکت")
    view.table.selected_id = barakat
    view._row_chosen()
    view.jobs.set("۱۲")
    view.save()
    pump(view)
    assert view.message.logical_text == "تعهد بنیاد برکت: ۱۲ شغل ثبت شد."
    (row,) = [values for row_id, values in view.source.rows if row_id == barakat]
    assert row == ("بنیاد برکت", 12, 0, 12)
    view.jobs.set("")
    view.save()
    assert view.message.logical_text.startswith("تعداد شغل را با رقم بنویسید")


def test_a_clerk_sees_the_figures_only(window, admin):
    clerk = login_as(admin, "clerk1", "clerk")
    view = commitments_page(window, clerk)
    assert not view.save_button.winfo_ismapped() and not view.jobs.winfo_ismapped()
    assert len(view.source.rows) == 8
