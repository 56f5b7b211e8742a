"""The applicant import wizard and the export action, driven as a clerk would.

A CSV is written in tmp_path; the file dialogs and the confirmation are replaced
through the view's hooks, the runner is synchronous (except in the one test that runs
the real thread runner on a database file). What was created is read back through the
services, never through peewee.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from peewee import IntegrityError

from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicant_io, applicants, auth
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.identity import national_code_check_digit
from desktop.services.progress import Cancelled, Progress
from desktop.services.setup import initialise_center
from desktop.strings import Applicants as ApplicantMessages
from desktop.strings.applicant_io import HEADERS as FIELD_NAMES
from desktop.strings.applicant_io import ApplicantIo as IoMessages
from desktop.strings.applicant_io_views import SAVE_FAILED, ExportText, ImportText
from desktop.text.display import ltr_in_rtl
from desktop.views import applicant_export
from desktop.views.applicant_export import default_file_name, export_applicants
from desktop.views.applicant_import import DONE, FILE, KEYS, MAPPING, RESULTS, ImportView
from desktop.views.background import SyncRunner, ThreadRunner
from desktop.views.widgets.dialogs import MessageDialog
from desktop.views.widgets.rtl import RLabel, t
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

HEADERS = ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "موبایل"]
HEADERS += ["منطقه", "گروه‌ها", "توضیح دیگر"]


def national_code(n: int) -> str:
    nine = f"{n:09d}"
    return nine + str(national_code_check_digit(nine))


def bad_check_digit(n: int) -> str:
    code = national_code(n)
    return code[:9] + str((int(code[9]) + 1) % 10)


def sheet_row(n: int, code: str | None = None) -> list[str]:
    return [
        code or national_code(100_000_000 + n),
        "زهرا",
        "احمدی",
        "علی",
        "زن",
        "۱۳۷۰/۰۵/۱۲",
        f"0912{n:07d}",
        "5",
        "کارجو؛ سرمایه‌گذار",
        "ستونی که وارد نمی‌شود",
    ]


GOOD = [1, 2, 3]


def people_rows() -> list[list[str]]:
    """Rows 2–6 of the sheet: three good people, a wrong check digit, a repeat of row 3."""
    return [
        sheet_row(1),
        sheet_row(2),
        sheet_row(4, code=bad_check_digit(100_000_004)),
        sheet_row(3),
        sheet_row(5, code=national_code(100_000_002)),
    ]


def write_csv(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture
def context(admin):
    return make_context(admin)


@pytest.fixture
def view(window, context):
    window.geometry("1100x720+0+0")
    view = ImportView(window, context)
    view.pack(fill="both", expand=True)
    pump(window)
    return view


def choose(view, path: Path) -> None:
    view.ask_path = lambda **_options: str(path)
    view.choose_button.invoke()
    pump(view)


def press(view, widget, key: str) -> None:
    widget.focus_force()
    pump(view)
    widget.event_generate(key)
    pump(view)


def registered_codes(session) -> set[str]:  # type: ignore[no-untyped-def]
    return {row.national_code for row in ApplicantSearch(session).rows(100)}


def saved_report(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as saved:
        return list(csv.reader(saved))


def dialogs(window) -> list[MessageDialog]:  # type: ignore[no-untyped-def]
    return [w for w in window.winfo_children() if isinstance(w, MessageDialog)]


def squashed(text: str) -> str:
    """Text without white space: dialogs wrap long lines at spaces and hyphens."""
    return "".join(text.split())


def dialog_text(dialog: MessageDialog) -> list[str]:
    """The dialog's title and message lines, unwrapped."""
    found = []
    stack = list(dialog.winfo_children())
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, RLabel):
            found.append(squashed(widget.logical_text))
        stack.extend(widget.winfo_children())
    return found


# -- the whole import ----------------------------------------------------------------------


def test_import_checks_every_row_then_creates_exactly_the_good_ones(view, admin, tmp_path, window):
    path = write_csv(tmp_path / "فهرست.csv", people_rows())
    choose(view, path)

    # (b) every contract column is found from the Persian headers; the extra is left out.
    assert view.step == MAPPING
    assert {name: box.get_key() for name, box in view.boxes.items()} == {
        "national_code": "0",
        "first_name": "1",
        "last_name": "2",
        "father_name": "3",
        "gender": "4",
        "birth_date": "5",
        "mobile": "6",
        "district": "7",
        "categories": "8",
        **dict.fromkeys(
            ["phone", "address", "education_level", "education_field", "marital_status"], ""
        ),
        **dict.fromkeys(["skills", "notes"], ""),
    }
    assert view.missing_label.logical_text == ""
    assert view.check_button.instate(["!disabled"])
    assert view.samples["first_name"].logical_text == "نمونه: زهرا"

    # (c) the dry run writes nothing and says why each rejected row was refused.
    view.check_button.invoke()
    pump(view)
    assert view.step == RESULTS
    assert registered_codes(admin) == set()
    assert view.summary_label.logical_text == "۵ سطر: ۳ پذیرفته، ۲ رد"
    assert view.import_button.logical_text == "ورود ۳ متقاضی"
    duplicate = IoMessages.DUPLICATE_IN_FILE.format(line="۳")
    name = "زهرا احمدی"
    invalid = ApplicantMessages.NATIONAL_CODE_INVALID
    rejected = [
        (4, "رد", name, bad_check_digit(100_000_004), "", "کد ملی", invalid),
        (6, "رد", name, national_code(100_000_002), "", "کد ملی", duplicate),
    ]
    # Who each row is, and the file an accepted one would get, in the order of creation.
    assert [values for _, values in view.source.rows] == [
        (2, "پذیرفته", name, national_code(100_000_001), "TEH05-000001", "", ""),
        (3, "پذیرفته", name, national_code(100_000_002), "TEH05-000002", "", ""),
        rejected[0],
        (5, "پذیرفته", name, national_code(100_000_003), "TEH05-000003", "", ""),
        rejected[1],
    ]
    view.only_rejected.set(True)
    view._filter()
    pump(view)
    assert [values for _, values in view.source.rows] == rejected
    shown = [values for _, values in view.results_table.visible_rows()]
    assert [(values[0], values[1], values[5], values[6]) for values in shown] == [
        ("۴", t("رد"), t("کد ملی"), t(ApplicantMessages.NATIONAL_CODE_INVALID)),
        ("۶", t("رد"), t("کد ملی"), t(duplicate)),
    ]

    # The report: the exact columns, every row (not only those on screen).
    expected_report = [
        ["row", "status", "field", "message"],
        ["2", "ok", "", ""],
        ["3", "ok", "", ""],
        ["4", "rejected", "national_code", ApplicantMessages.NATIONAL_CODE_INVALID],
        ["5", "ok", "", ""],
        ["6", "rejected", "national_code", duplicate],
    ]
    report = tmp_path / "گزارش.csv"
    asked = {}
    view.ask_save_path = lambda **options: asked.update(options) or str(report)
    next(
        b for b in view.import_button.master.winfo_children() if b.logical_text == "ذخیرهٔ گزارش"
    ).invoke()
    assert asked["initialfile"] == "گزارش-فهرست.csv"
    assert saved_report(report) == expected_report
    # A file name in a sentence is isolated: left to right, its extension at its end.
    assert view.result_message.logical_text == f"گزارش در «{ltr_in_rtl('گزارش.csv')}» ذخیره شد."

    # (d) the import asks first, then creates the three good people and nothing else.
    questions = []
    view.ask_confirm = lambda _parent, question, _title: questions.append(question) or True
    view.import_button.invoke()
    pump(view)
    named = ltr_in_rtl("فهرست.csv")
    assert questions == [f"۳ متقاضی از پروندهٔ «{named}» ثبت شوند؟\n۲ سطر ردشده وارد نمی‌شود."]
    assert registered_codes(admin) == {national_code(100_000_000 + n) for n in GOOD}
    stored = applicants.find_by_national_code(admin, national_code(100_000_001))
    assert stored is not None and stored.first_name == "زهرا"

    # (e) the result page says what was done and keeps the rejected rows and their reasons.
    assert view.step == DONE and not dialogs(window)
    assert view.banner.logical_text == f"۳ متقاضی از پروندهٔ «{named}» ثبت شد."
    assert view.summary_label.logical_text == "۵ سطر: ۳ متقاضی ثبت شد، ۲ سطر رد شد."
    assert [values for _, values in view.source.rows] == rejected
    assert len(view.results_table.visible_rows()) == 2
    for _ in range(3):  # time passes, the clerk looks elsewhere in the window: still there
        pump(window)
    assert view.step == DONE and view.results_table.winfo_ismapped()
    report = tmp_path / "گزارش ورود.csv"
    view.ask_save_path = lambda **options: str(report)
    view.save_report_button.invoke()
    assert saved_report(report) == expected_report
    assert (
        view.result_message.logical_text == f"گزارش در «{ltr_in_rtl('گزارش ورود.csv')}» ذخیره شد."
    )
    press(view, view.results_table.tree, "<Escape>")  # no way back into a finished import
    assert view.step == DONE
    view.another_button.invoke()  # leaving it: the wizard starts over
    assert view.step == FILE and view.table is None and view.summary is None


def test_every_problem_of_a_row_is_shown_before_and_after_the_import(view, admin, tmp_path):
    three = sheet_row(9)
    three[4], three[6], three[7] = "?", "123", "99"  # gender, mobile, district
    choose(view, write_csv(tmp_path / "in.csv", [sheet_row(1), three]))
    view.check_button.invoke()
    pump(view)
    assert view.summary_label.logical_text == "۲ سطر: ۱ پذیرفته، ۱ رد"
    problems = [(v[0], v[5]) for _, v in view.source.rows if v[0] == 3]
    assert problems == [(3, FIELD_NAMES[name]) for name in ("gender", "mobile", "district")]
    view.ask_confirm = lambda *_args: True
    view.import_button.invoke()
    pump(view)
    assert view.step == DONE
    shown = [values for _, values in view.results_table.visible_rows()]
    assert [values[0] for values in shown] == ["۳", "۳", "۳"]
    assert {values[6] for values in shown} == {
        t(ApplicantMessages.GENDER_REQUIRED),
        t(ApplicantMessages.MOBILE_FORMAT),
        t(ApplicantMessages.DISTRICT_UNKNOWN.format(first="۱", last="۱۰")),
    }


def test_answering_no_writes_nothing(view, admin, tmp_path):
    choose(view, write_csv(tmp_path / "in.csv", people_rows()))
    view.check_button.invoke()
    view.ask_confirm = lambda *_args: False
    view.import_button.invoke()
    pump(view)
    assert view.step == RESULTS
    assert registered_codes(admin) == set()


def test_a_conflict_while_writing_leaves_nothing_and_says_so(view, admin, tmp_path, monkeypatch):
    """Someone registers one of these people between the check and the write."""
    choose(view, write_csv(tmp_path / "in.csv", people_rows()))
    view.check_button.invoke()
    real_bulk_create = applicants.bulk_create

    def racing_bulk_create(session, cleans, **options):  # type: ignore[no-untyped-def]
        real_bulk_create(session, cleans[:1], **options)
        raise IntegrityError(  # as bulk writes raise it, whatever the driver
            "UNIQUE constraint failed: applicant.national_code"
        )

    monkeypatch.setattr(applicants, "bulk_create", racing_bulk_create)
    view.ask_confirm = lambda *_args: True
    view.import_button.invoke()
    pump(view)
    assert view.step == RESULTS
    assert view.result_message.logical_text == IoMessages.WRITE_CONFLICT
    assert registered_codes(admin) == set()  # the one row written was rolled back


class CancellingRunner:
    """Runs the work as if Cancel had been pressed before it began."""

    def run(self, parent, title, work, on_done, on_error, *, on_cancelled=None):  # type: ignore[no-untyped-def]
        progress = Progress()
        progress.cancel()
        try:
            on_done(work(progress))
        except Cancelled:
            on_cancelled()


def test_cancelled_check_and_import_write_nothing(view, admin, tmp_path):
    choose(view, write_csv(tmp_path / "in.csv", people_rows()))
    view.context.runner = CancellingRunner()
    view.check_button.invoke()
    assert view.step == MAPPING
    assert view.mapping_message.logical_text == ImportText.CHECK_CANCELLED

    view.context.runner = SyncRunner()
    view.check_button.invoke()
    view.context.runner = CancellingRunner()
    view.ask_confirm = lambda *_args: True
    view.import_button.invoke()
    assert view.step == RESULTS
    assert view.result_message.logical_text == ImportText.IMPORT_CANCELLED
    assert registered_codes(admin) == set()


# -- what stops the wizard -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xlsx", b"this is not a zip file", IoMessages.UNREADABLE_CORRUPT),
        ("list.xls", b"\xd0\xcf\x11\xe0", IoMessages.UNREADABLE_FORMAT),
        ("empty.csv", b"", IoMessages.UNREADABLE_EMPTY),
    ],
)
def test_an_unreadable_file_shows_why_and_goes_no_further(view, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    choose(view, path)
    assert view.step == FILE
    assert view.table is None
    assert view.file_error.logical_text == message
    assert view.path_label.cget("text") == str(path)


def test_closing_the_file_dialog_changes_nothing(view):
    view.ask_path = lambda **_options: ""
    view.choose_button.invoke()
    assert view.step == FILE and view.path is None


def test_an_unmapped_required_column_disables_next(view, tmp_path):
    without_mobile = [h for h in HEADERS if h != "موبایل"]
    rows = [
        [cell for h, cell in zip(HEADERS, row, strict=True) if h != "موبایل"]
        for row in people_rows()
    ]
    choose(view, write_csv(tmp_path / "in.csv", rows, without_mobile))
    assert view.step == MAPPING
    assert view.boxes["mobile"].get_key() == ""
    assert view.missing_label.logical_text == "این ستون‌های لازم هنوز انتخاب نشده‌اند: تلفن همراه."
    assert view.check_button.instate(["disabled"])
    press(view, view.boxes["first_name"], "<Return>")
    assert view.step == MAPPING  # Enter does not get past it either

    view.boxes["mobile"].set_key("8")  # «توضیح دیگر» is not a mobile, but it is a choice
    view.boxes["mobile"].event_generate("<<ComboboxSelected>>")
    pump(view)
    assert view.missing_label.logical_text == ""
    assert view.check_button.instate(["!disabled"])

    view.boxes["national_code"].set_key("")
    view.boxes["national_code"].event_generate("<<ComboboxSelected>>")
    pump(view)
    assert view.missing_label.logical_text == "این ستون‌های لازم هنوز انتخاب نشده‌اند: کد ملی."
    assert view.check_button.instate(["disabled"])


def test_one_column_for_two_fields_is_pointed_out(view, tmp_path):
    choose(view, write_csv(tmp_path / "in.csv", people_rows()))
    view.boxes["father_name"].set_key("1")
    view.boxes["father_name"].event_generate("<<ComboboxSelected>>")
    pump(view)
    assert (
        view.reused_label.logical_text == "ستون «نام» برای چند خانه انتخاب شده است: نام، نام پدر."
    )
    assert view.check_button.instate(["!disabled"])  # a warning, not a refusal


def test_a_file_where_nothing_is_accepted_cannot_be_imported(view, tmp_path):
    choose(view, write_csv(tmp_path / "in.csv", [sheet_row(4, code=bad_check_digit(4))]))
    view.check_button.invoke()
    assert view.summary_label.logical_text == "۱ سطر: ۰ پذیرفته، ۱ رد"
    assert view.import_button.instate(["disabled"])
    assert view.result_message.logical_text == ImportText.NOTHING_TO_IMPORT


# -- keys and lifetime --------------------------------------------------------------------------


def test_enter_runs_the_page_action_and_escape_goes_back(view, admin, tmp_path):
    path = write_csv(tmp_path / "in.csv", people_rows())
    view.ask_path = lambda **_options: str(path)
    press(view, view.choose_button, "<Return>")
    assert view.step == MAPPING
    press(view, view.boxes["district"], "<Return>")
    assert view.step == RESULTS
    press(view, view.results_table.tree, "<Escape>")
    assert view.step == MAPPING
    assert view.boxes["district"].get_key() == "7"  # the mapping is kept
    press(view, view.boxes["district"], "<Return>")
    view.ask_confirm = lambda *_args: True
    press(view, view.results_table.tree, "<Return>")
    assert view.step == DONE
    assert len(registered_codes(admin)) == len(GOOD)
    press(view, view.another_button, "<Return>")  # the result page's main button
    assert view.step == FILE
    press(view, view.choose_button, "<Escape>")  # nothing before the first page
    assert view.step == FILE


def test_destroy_cancels_pending_after_calls_and_drops_its_keys(window, context):
    view = ImportView(window, context)
    pending = set(view._after_ids)
    assert pending and pending <= set(window.tk.call("after", "info"))
    tag = view._keys_tag
    commands = [window.tk.call("bind", tag, key).split("[")[1].split("]")[0] for key in KEYS]
    assert all(window.tk.call("info", "commands", name) for name in commands)
    view.destroy()
    assert not pending & set(window.tk.call("after", "info"))
    assert window.tk.call("bind", tag) == ""
    assert not any(window.tk.call("info", "commands", name) for name in commands)


def wait_until(widget, condition, limit=500) -> bool:  # type: ignore[no-untyped-def]
    """Pump Tk until `condition()` holds; a bounded loop, not a timing assertion."""
    for _ in range(limit):
        if condition():
            return True
        widget.update()
        time.sleep(0.01)
    return condition()


def test_the_real_runner_reads_checks_and_imports_off_the_tk_thread(window, tmp_path):
    """A database file, as in the app: the worker thread opens its own connection."""
    open_database(tmp_path / "center.sqlite3")
    try:
        initialise_center(
            center_code="TEH05",
            center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
            admin_username="admin",
            admin_display_name="مدیر مرکز",
            password=ADMIN_PASSWORD,
        )
        session = auth.login("admin", ADMIN_PASSWORD)
        view = ImportView(window, make_context(session, runner=ThreadRunner()))
        view.pack(fill="both", expand=True)
        choose(view, write_csv(tmp_path / "in.csv", people_rows()))
        assert wait_until(view, lambda: view.step == MAPPING)
        view.check_button.invoke()
        assert wait_until(view, lambda: view.step == RESULTS)
        assert view.summary_label.logical_text == "۵ سطر: ۳ پذیرفته، ۲ رد"
        view.ask_confirm = lambda *_args: True
        view.import_button.invoke()
        assert wait_until(view, lambda: view.step == DONE)
        assert registered_codes(session) == {national_code(100_000_000 + n) for n in GOOD}
        view.destroy()
    finally:
        close_database()


# -- export -------------------------------------------------------------------------------------


def add_people(session, count: int) -> None:  # type: ignore[no-untyped-def]
    table = applicant_io.Table(headers=HEADERS, rows=[sheet_row(n) for n in range(1, count + 1)])
    applicant_io.import_rows(session, table, applicant_io.guess_mapping(HEADERS))


def test_default_export_name_is_the_jalali_date():
    assert default_file_name(dt.date(2026, 11, 23)) == "متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx"


def test_export_writes_a_right_to_left_sheet_and_says_how_many(window, context, admin, tmp_path):
    add_people(admin, 3)
    target = tmp_path / "out.xlsx"
    asked = {}

    def ask(**options):  # type: ignore[no-untyped-def]
        asked.update(options)
        return str(target)

    export_applicants(
        window, context, ApplicantSearch(admin), ask_path=ask, today=dt.date(2026, 11, 23)
    )
    assert asked["initialfile"] == "متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx"
    assert asked["defaultextension"] == ".xlsx"
    assert [pattern for _, pattern in asked["filetypes"]] == ["*.xlsx", "*.csv"]
    book = load_workbook(target)
    sheet = book.active
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "کد ملی"
    assert sorted(row[1] for row in rows[1:]) == [national_code(100_000_000 + n) for n in (1, 2, 3)]
    [done] = dialogs(window)
    text = dialog_text(done)
    assert text == [
        squashed(ExportText.DONE_TITLE),
        squashed(f"۳ پرونده در «{ltr_in_rtl('out.xlsx')}» ذخیره شد."),
    ]
    done.close("ok")


def test_export_through_the_module_hook_and_a_closed_dialog(window, context, admin, monkeypatch):
    runs = []

    class Recorder:
        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            runs.append(args)

    context.runner = Recorder()
    monkeypatch.setattr(applicant_export, "ask_save_path", lambda **_options: "")
    export_applicants(window, context, ApplicantSearch(admin))
    assert runs == []  # the person closed the dialog: nothing runs


@pytest.mark.parametrize(
    ("name", "message"),
    [("out.txt", IoMessages.UNSUPPORTED_EXPORT), ("missing-folder/out.csv", SAVE_FAILED)],
)
def test_export_refusals_are_shown_in_persian(window, context, admin, tmp_path, name, message):
    add_people(admin, 1)
    target = tmp_path / name
    export_applicants(window, context, ApplicantSearch(admin), ask_path=lambda **_o: str(target))
    assert not target.exists()
    [error] = dialogs(window)
    assert dialog_text(error) == ["خطا", squashed(message)]
    error.close("ok")
