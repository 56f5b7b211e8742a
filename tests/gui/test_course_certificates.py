"""The course page's «گواهینامه‌ها» tab: issuing one, reprinting one, and printing
that ends in a cancel, a folder that cannot be written or no PDF viewer.

The course is finished as in tests/test_courses.py: the first person attended every
session and completed, the second attended half and did not. Printing runs on a
synchronous runner into files under tmp_path; the viewer is a hook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import certificates, enrollment
from desktop.services.progress import Cancelled, Progress
from desktop.strings.course_views import Certs
from desktop.strings.courses import Certificates as Messages
from desktop.text.digits import persian_digits
from desktop.views.background import SyncRunner
from desktop.views.course_page import CoursePage
from desktop.views.widgets.rtl import t, t_path
from tests.gui.conftest import pump
from tests.helpers.courses import finished_course
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as

ALL = "PPPPPPPPPP"
SOME = "PPPPPAAAAA"


@pytest.fixture(autouse=True)
def _big_window(window):  # type: ignore[no-untyped-def]
    window.geometry("1300x720+0+0")
    yield


@pytest.fixture
def course(admin):  # type: ignore[no-untyped-def]
    """(course, {"done": enrollment id, "failed": enrollment id})."""
    record, (done, failed) = finished_course(admin, admin.user_id, [ALL, SOME])
    return record, {"done": done, "failed": failed}


class CancelAfterFirstStep(Progress):
    """Cancel is pressed as soon as the work reports its first step."""

    def step(self, done, total=None, message=None):  # type: ignore[no-untyped-def]
        super().step(done, total, message)
        self.cancel()


class CancellingRunner:
    """Runs the work inline; Cancel is pressed once it has made a first step (a batch
    print has issued the missing certificate by then, and drawn nothing yet)."""

    def run(self, parent, title, work, on_done, on_error, *, on_cancelled=None):  # type: ignore[no-untyped-def]
        progress = CancelAfterFirstStep()
        try:
            result = work(progress)
        except Cancelled:
            on_cancelled()
        else:
            on_done(result)


def open_tab(window, admin, course_id, *, runner=None, **hooks):  # type: ignore[no-untyped-def]
    context = make_context(admin, runner=runner or SyncRunner())
    page = show(window, CoursePage(window, context, course_id, **hooks))
    page.notebook.select(page.certificates)
    pump(window)
    return page, page.certificates


def select(tab, enrollment_id: str) -> None:  # type: ignore[no-untyped-def]
    index = [row_id for row_id, _values in tab.table.source.rows].index(enrollment_id)
    tab.table.select_index(index)
    pump(tab)


def state(button) -> str:  # type: ignore[no-untyped-def]
    return str(button.cget("state"))


def serials(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [values[3] for values in rows(tab.table)]


def test_issue_the_selected_persons_certificate(window, admin, course):  # type: ignore[no-untyped-def]
    record, ids = course
    page, tab = open_tab(window, admin, record.id)
    assert state(tab.buttons["issue_one"]) == "disabled"  # nobody selected
    select(tab, ids["failed"])
    assert state(tab.buttons["issue_one"]) == "disabled"  # did not complete
    select(tab, ids["done"])
    assert state(tab.buttons["issue_one"]) == "normal"
    assert state(tab.buttons["reprint_one"]) == "disabled"

    tab.buttons["issue_one"].invoke()
    pump(window)
    (issued,) = certificates.course_certificates(admin, record.id)
    assert issued.enrollment_id == ids["done"]
    assert page.message.logical_text == Certs.ISSUED_ONE.format(
        serial=issued.serial, name=issued.full_name
    )
    # The serial as printed and as typed at the verification counter: ASCII.
    row = dict(tab.table.source.rows)[ids["done"]]
    assert row[3] == issued.serial and row[4] == Certs.VALID
    assert issued.serial in serials(tab) and issued.serial.isascii()
    assert state(tab.buttons["issue_one"]) == "disabled"
    assert state(tab.buttons["reprint_one"]) == "normal"
    # The page's header shows the course code as printed too.
    assert record.code in page.facts.logical_text


def test_a_revoked_certificate_shows_as_revoked_and_may_be_issued_again(window, admin, course):  # type: ignore[no-untyped-def]
    record, ids = course
    first = certificates.issue_certificate(admin, ids["done"])
    certificates.revoke_certificate(admin, first.id, "نام اشتباه چاپ شده بود")
    page, tab = open_tab(window, admin, record.id)
    row = dict(tab.table.source.rows)[ids["done"]]
    assert row[3] == first.serial and row[4] == Certs.REVOKED
    assert t(Certs.REVOKED) in rows(tab.table)[0]
    select(tab, ids["done"])
    assert state(tab.buttons["issue_one"]) == "normal"
    assert state(tab.buttons["reprint_one"]) == "disabled"  # a revoked one is not printed

    tab.buttons["issue_one"].invoke()
    pump(window)
    # A replacement: a new serial, and the row shows it as the valid one.
    (second,) = [c for c in certificates.course_certificates(admin, record.id) if not c.revoked]
    assert second.serial != first.serial
    assert page.message.logical_text == Certs.ISSUED_ONE.format(
        serial=second.serial, name=second.full_name
    )
    row = dict(tab.table.source.rows)[ids["done"]]
    assert row[3] == second.serial and row[4] == Certs.VALID
    assert state(tab.buttons["issue_one"]) == "disabled"
    # Once more is refused by the service (its message), were the button pressed anyway.
    tab.issue_one()
    assert page.message.logical_text == Messages.ALREADY_ISSUED.format(serial=second.serial)


def test_reprint_the_selected_certificate(window, admin, course, tmp_path: Path):  # type: ignore[no-untyped-def]
    record, ids = course
    issued = certificates.issue_certificate(admin, ids["done"])
    certificates.print_certificates(admin, [issued.id], tmp_path / "first.pdf")
    target = tmp_path / "again.pdf"
    asked: list[str] = []
    opened: list[Path] = []
    page, tab = open_tab(
        window,
        admin,
        record.id,
        ask_path=lambda _parent, initial: asked.append(initial) or str(target),
        open_pdf=opened.append,
    )
    select(tab, ids["done"])
    tab.buttons["reprint_one"].invoke()
    pump(window)
    assert asked == [Certs.FILE_NAME.format(serial=issued.serial)]
    assert target.read_bytes().startswith(b"%PDF") and opened == [target]
    assert certificates.get_certificate(admin, issued.id).print_count == 2
    assert page.message.logical_text == Certs.REPRINTED.format(serial=issued.serial)
    assert page.path_label.logical_text == str(target)


def test_a_print_with_no_pdf_viewer_still_reports_the_file(window, admin, course, tmp_path: Path):  # type: ignore[no-untyped-def]
    record, _ids = course
    target = tmp_path / "course.pdf"

    def no_viewer(_path: Path) -> None:
        raise FileNotFoundError(2, "No such file or directory", "xdg-open")

    page, tab = open_tab(
        window, admin, record.id, ask_path=lambda _p, _i: str(target), open_pdf=no_viewer
    )
    tab.buttons["print_all"].invoke()
    pump(window)  # a callback that raised fails the test (conftest)
    assert target.read_bytes().startswith(b"%PDF")
    printed = Certs.PRINTED.format(count=persian_digits(1))
    assert page.message.logical_text == f"{printed} {Certs.OPEN_FAILED}"
    assert str(page.message.cget("style")).startswith("warning")
    assert page.path_label.logical_text == str(target)
    (issued,) = certificates.course_certificates(admin, record.id)
    assert issued.serial in serials(tab)  # issued by the print, shown after it


def test_a_print_that_opens_says_how_many_and_where(window, admin, course, tmp_path: Path):  # type: ignore[no-untyped-def]
    record, _ids = course
    target = tmp_path / "گواهینامه‌ها" / "course.pdf"
    target.parent.mkdir()
    opened: list[Path] = []
    page, tab = open_tab(
        window, admin, record.id, ask_path=lambda _p, _i: str(target), open_pdf=opened.append
    )
    tab.print_all()
    pump(window)
    assert opened == [target]
    assert page.message.logical_text == Certs.PRINTED.format(count=persian_digits(1))
    # The path is never inside the Persian sentence: it has its own left-to-right line,
    # the Persian folder name converted on its own between the slashes.
    assert str(target) not in page.message.logical_text
    assert page.path_label.logical_text == str(target)
    shown = str(page.path_label.cget("text"))
    assert shown == t_path(target)
    assert shown.startswith(str(tmp_path)) and shown.endswith("/course.pdf")
    assert f"/{t('گواهینامه‌ها')}/" in shown
    assert not any("\u2066" <= char <= "\u2069" for char in shown)


def test_a_folder_that_cannot_be_written_is_said_on_the_page(window, admin, course, tmp_path: Path):  # type: ignore[no-untyped-def]
    record, _ids = course
    target = tmp_path / "no-such-folder" / "course.pdf"
    opened: list[Path] = []
    page, tab = open_tab(
        window, admin, record.id, ask_path=lambda _p, _i: str(target), open_pdf=opened.append
    )
    tab.print_all()
    pump(window)
    assert page.message.logical_text == Certs.SAVE_FAILED
    assert opened == [] and not target.exists()
    # The print issued the certificate before it failed to write: the page shows it.
    (issued,) = certificates.course_certificates(admin, record.id)
    assert issued.serial in serials(tab)


def test_a_cancelled_print_reloads_the_page(window, admin, course, tmp_path: Path):  # type: ignore[no-untyped-def]
    record, _ids = course
    target = tmp_path / "course.pdf"
    page, tab = open_tab(
        window,
        admin,
        record.id,
        runner=CancellingRunner(),
        ask_path=lambda _p, _i: str(target),
        open_pdf=lambda _path: pytest.fail("nothing to open"),
    )
    assert serials(tab) == ["", ""]
    tab.print_all()
    pump(window)
    assert page.message.logical_text == Certs.CANCELLED
    (issued,) = certificates.course_certificates(admin, record.id)
    assert issued.print_count == 0
    assert issued.serial in serials(tab)


def test_a_clerk_sees_certificates_without_issue_or_print(window, admin, course):  # type: ignore[no-untyped-def]

    record, ids = course
    certificates.issue_certificate(admin, ids["done"])
    clerk = login_as(admin, "clerk1", "clerk")
    _page, tab = open_tab(window, clerk, record.id)
    assert tab.buttons == {}
    assert len(rows(tab.table)) == 2
    assert enrollment.course_detail(clerk, record.id).enrollees  # they may read it
