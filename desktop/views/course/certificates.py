"""The «گواهینامه‌ها» tab: issue the certificates of everyone who completed, or of the
selected person; print them all into one PDF, or the selected one again.

Printing runs off the Tk thread through `context.runner` (progress and Cancel). However
it ends the page is read again: a batch print issues the missing certificates before
it writes, so even a cancelled or failed print may have issued some. A written file is
reported with its path on its own left-to-right line, and then handed to the viewer;
a machine with no viewer gets a Persian note, not an error. A certificate revoked
leaves its row marked «باطل‌شده», and the person can be issued a new one.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import ttkbootstrap as ttk

from desktop.services import certificates
from desktop.services.enrollment import CourseDetail, Enrollee
from desktop.services.progress import Progress
from desktop.strings.course_views import Certs, Columns, Page
from desktop.text.digits import format_number
from desktop.views.course.common import result_text
from desktop.views.course.files import open_file, write_failure
from desktop.views.unlock_keys import offer_unlock
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost


def certificate_status(enrollee: Enrollee) -> str:
    if not enrollee.certificate_serial:
        return ""
    return Certs.REVOKED if enrollee.certificate_revoked else Certs.VALID


def holds_valid_certificate(enrollee: Enrollee) -> bool:
    return bool(enrollee.certificate_id) and not enrollee.certificate_revoked


class CertificatesTab(ttk.Frame):
    COLUMNS: ClassVar[list[Column]] = [
        Column("name", Columns.NAME, 190, main=True),
        Column("national_code", Columns.NATIONAL_CODE, 110, kind="identifier"),
        Column("result", Columns.RESULT, 300),
        # As printed and as typed at the verification counter: ASCII, left to right.
        Column("serial", Columns.CERTIFICATE, 170, kind="identifier"),
        Column("status", Certs.STATUS, 100),
    ]

    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.can_sign = page.rights.sign
        self.enrollees: dict[str, Enrollee] = {}
        top = FlowRow(self, gap=8)  # the buttons wrap onto a second line when narrow
        top.pack(fill="x")
        self.buttons: dict[str, RButton] = {}
        if self.can_sign:
            for key, text, style, command in (
                ("issue_all", Certs.ISSUE_ALL, "primary", self.issue_all),
                ("issue_one", Certs.ISSUE_ONE, "primary-outline", self.issue_one),
                ("print_all", Certs.PRINT_ALL, "secondary", self.print_all),
                ("reprint_one", Certs.REPRINT_ONE, "secondary-outline", self.reprint_one),
            ):
                button = RButton(top, text=text, bootstyle=style, command=command)
                self.buttons[key] = top.add(button)
        else:
            RLabel(top, text=Certs.READ_ONLY, bootstyle="secondary").pack(fill="x")
        self.table = PagedTable(self, self.COLUMNS, None, height=6)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self.update_buttons(), add="+")

    # Kept under their old names: the batch buttons.
    @property
    def issue_button(self) -> RButton:
        return self.buttons["issue_all"]

    def show(self, detail: CourseDetail) -> None:
        self.enrollees = {enrollee.enrollment.id: enrollee for enrollee in detail.enrollees}
        rows = [
            (
                enrollee.enrollment.id,
                (
                    enrollee.enrollment.full_name,
                    enrollee.enrollment.national_code,
                    result_text(enrollee),
                    enrollee.certificate_serial,
                    certificate_status(enrollee),
                ),
            )
            for enrollee in detail.enrollees
        ]
        self.table.source = ListSource([c.key for c in self.COLUMNS], rows)
        if self.table.selected_id not in self.enrollees:
            self.table.selected_id = None
        self.table.refresh()
        self.update_buttons()

    def selected(self) -> Enrollee | None:
        return self.enrollees.get(self.table.selected_id or "")

    def update_buttons(self) -> None:
        """One person's buttons follow the selection: issue to someone who completed and
        holds no valid certificate (none yet, or revoked); reprint a valid one."""
        if not self.can_sign:
            return
        enrollee = self.selected()
        can_issue = (
            enrollee is not None
            and enrollee.completion.completed
            and not holds_valid_certificate(enrollee)
        )
        can_reprint = enrollee is not None and holds_valid_certificate(enrollee)
        self.buttons["issue_one"].configure(state="normal" if can_issue else "disabled")
        self.buttons["reprint_one"].configure(state="normal" if can_reprint else "disabled")

    # -- issuing -------------------------------------------------------------------------

    def issue_all(self) -> None:
        page = self.page
        issued = page.attempt(
            lambda: certificates.issue_course_certificates(page.session, page.course_id)
        )
        if issued is None:
            return
        page.reload()
        page.notebook.select(self)
        if issued:
            page.say(Certs.ISSUED.format(count=format_number(len(issued))))
        else:
            page.say(Certs.NONE_TO_ISSUE, "secondary")

    def issue_one(self) -> None:
        page = self.page
        enrollee = self.selected()
        if enrollee is None:
            page.say(Page.SELECT_FIRST, "warning")
            return
        enrollment_id = enrollee.enrollment.id
        record = page.attempt(lambda: certificates.issue_certificate(page.session, enrollment_id))
        if record is None:
            return
        page.reload()
        page.notebook.select(self)
        page.say(Certs.ISSUED_ONE.format(serial=record.serial, name=record.full_name))

    # -- printing ------------------------------------------------------------------------

    def print_all(self) -> None:
        page = self.page
        chosen = page.ask_path(self, f"{page.detail.course.code}.pdf")
        if not chosen:
            return
        path = Path(chosen)
        session, course_id = page.session, page.course_id

        def work(progress: Progress) -> certificates.CoursePrint:
            return certificates.print_course(
                session, course_id, path, lambda done, total: progress.step(done, total)
            )

        def done(result: certificates.CoursePrint) -> None:
            self._written(Certs.PRINTED.format(count=format_number(result.printed)), result.path)

        page.context.runner.run(
            self,
            Certs.PRINTING,
            work,
            done,
            lambda error: self._failed(error, path),
            on_cancelled=self._cancelled,
        )

    def reprint_one(self) -> None:
        page = self.page
        enrollee = self.selected()
        if enrollee is None or not holds_valid_certificate(enrollee):
            page.say(Page.SELECT_FIRST, "warning")
            return
        serial, certificate_id = enrollee.certificate_serial, str(enrollee.certificate_id)
        chosen = page.ask_path(self, Certs.FILE_NAME.format(serial=serial))
        if not chosen:
            return
        path = Path(chosen)
        session = page.session

        def work(progress: Progress) -> int:
            return certificates.print_certificates(
                session, [certificate_id], path, lambda done, total: progress.step(done, total)
            )

        page.context.runner.run(
            self,
            Certs.REPRINTING,
            work,
            lambda _count: self._written(Certs.REPRINTED.format(serial=serial), path),
            lambda error: self._failed(error, path),
            on_cancelled=self._cancelled,
        )

    def _written(self, message: str, path: Path) -> None:
        """The file is on disk: say so with its path, then try the viewer."""
        if not self.winfo_exists():
            return
        page = self.page
        page.reload()
        page.notebook.select(self)
        page.say(message, path=path)
        if not open_file(page.open_pdf, path):
            page.say(f"{message} {Certs.OPEN_FAILED}", "warning", path=path)

    def _failed(self, error: BaseException, path: Path) -> None:
        message = write_failure(error, path, Certs.SAVE_FAILED)
        if self.winfo_exists():
            self.page.reload()  # some may have been issued before it failed
            self.page.say(message, "danger")
            offer_unlock(self, self.page.context, error)

    def _cancelled(self) -> None:
        if self.winfo_exists():
            self.page.reload()  # some may have been issued before the cancel
            self.page.say(Certs.CANCELLED, "secondary")
