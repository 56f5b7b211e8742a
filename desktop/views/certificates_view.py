"""«گواهینامه‌ها»: verify a certificate, and (for signers) see, reprint or revoke those issued.

Verification is at the top because it is what the counter does most: someone hands in
a paper, the clerk types its serial or code, or a USB scanner types the QR payload
(followed by Enter). The entry is a left-to-right field that reads each character a
Persian keyboard layout gives as the Latin key that typed it (as `certificates.scan_text`
does; never normalised, which would reorder combining marks and break the signature),
so the clerk sees the serial or payload, not unjoined Persian letters drawn backwards;
the service folds CapsLock and whatever else got through. The result shows the status in colour
and every printed field, so the paper can be compared line by line.

Below, for admins and trainers, the certificates of a chosen course: «چاپ دوباره» writes
a reprint (through the app's runner: progress and Cancel) to a file the person chooses
and opens it; «ابطال» (admin only) asks for the reason in a small panel under the list.
The save dialog and the file opener are hooks, so tests choose the path and open nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import certificates, courses
from desktop.services.certificates import CertificateRecord, Verification, VerifyStatus
from desktop.services.progress import Progress
from desktop.services.session import Role
from desktop.strings.certificate_search_views import SerialSearch
from desktop.strings.certificate_views import CENTER_AND_CITY, Issued, Verify
from desktop.text.digits import format_number
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import format_jalali, format_jalali_datetime, jalali_parts
from desktop.views.course.files import open_file, open_with_system, write_failure
from desktop.views.widgets import file_dialog
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import reveal
from desktop.views.widgets.sources import ListSource

log = logging.getLogger(__name__)

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path
VALUE_WRAP = 330  # pixels: a long course title wraps inside its half of the panel
DETAIL_WRAP = 680  # the panel's width in the smallest main window

# The heading (big, coloured), the sentence under it, the colour.
STATUS_LOOK = {
    VerifyStatus.VALID: (Verify.VALID, Verify.COMPARE, "success"),
    VerifyStatus.REVOKED: (Verify.REVOKED, "", "danger"),  # the date and reason instead
    VerifyStatus.UNKNOWN: (Verify.UNKNOWN_TITLE, Verify.UNKNOWN, "warning"),
    VerifyStatus.BAD_SIGNATURE: (Verify.BAD_SIGNATURE_TITLE, Verify.BAD_SIGNATURE, "warning"),
}
# The printed fields, in the order of the paper, laid out two to a row.
FIELDS = [
    ("full_name", Verify.FULL_NAME),
    ("father_name", Verify.FATHER_NAME),
    ("national_code", Verify.NATIONAL_CODE),
    ("course_title", Verify.COURSE_TITLE),
    ("hours", Verify.HOURS),
    ("dates", Verify.DATES),
    ("partner_name", Verify.PARTNER),
    ("center", Verify.CENTER),
    ("trainer_name", Verify.TRAINER),
    ("manager_name", Verify.MANAGER),
    ("serial", Verify.SERIAL),
    ("code", Verify.CODE),
    ("issued_on", Verify.ISSUED_ON),
]
COLUMNS = [
    # As printed and as typed into the verification field: ASCII digits.
    Column("serial", Issued.SERIAL, 150, kind="identifier"),
    Column("name", Issued.NAME, 170, main=True),
    Column("course", Issued.COURSE_COLUMN, 170),
    Column("issued_on", Issued.ISSUED_ON, 95, kind="date"),
    Column("status", Issued.STATUS, 90),
    Column("prints", Issued.PRINTS, 80, kind="number"),
]


def handled(action: Callable[[], object]) -> Callable[[tk.Event], str]:
    """A key binding that runs `action` and stops the key there ("break")."""

    def run(_event: tk.Event) -> str:
        action()
        return "break"

    return run


def field_texts(record: CertificateRecord) -> dict[str, str]:
    """Every printed field as the paper shows it: Persian digits, Jalali dates."""
    center = (
        CENTER_AND_CITY.format(center=record.center_name, city=record.city)
        if record.city
        else record.center_name
    )
    return {
        "full_name": record.full_name,
        "father_name": record.father_name,
        "national_code": record.national_code,
        "course_title": record.course_title,
        "hours": Verify.HOURS_VALUE.format(hours=format_number(record.hours)),
        "dates": Verify.DATES_VALUE.format(
            start=format_jalali(record.starts_on), end=format_jalali(record.ends_on)
        ),
        "partner_name": record.partner_name,
        "center": center,
        "trainer_name": record.trainer_name,
        "manager_name": record.manager_name,
        "serial": record.serial,
        "code": record.code,
        "issued_on": format_jalali(record.issued_on),
    }


class VerifyPanel(ttk.Labelframe):
    """The entry and the result of the last verification."""

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master, text=t(Verify.TITLE), labelanchor="ne", padding=10)
        assert context.session is not None
        self.session = context.session
        self.last: Verification | None = None

        RLabel(self, text=Verify.PROMPT).pack(fill="x")
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(4, 0))
        self.button = RButton(row, text=Verify.BUTTON, bootstyle="primary", command=self.verify)
        self.button.pack(side="right")
        # Left to right and not normalised: see the module docstring.
        self.entry = IdentifierEntry(row, allowed="scan", font="TkFixedFont")
        self.entry.pack(side="right", fill="x", expand=True, padx=(0, 8))
        for sequence in ("<Return>", "<KP_Enter>"):
            self.entry.bind(sequence, handled(self.verify))

        self.status = RLabel(self, text="", font="-size 16 -weight bold")
        self.status.pack(fill="x", pady=(10, 0))
        self.detail = RLabel(self, text="", wraplength=DETAIL_WRAP)
        self.detail.pack(fill="x")
        self.grid_frame = ttk.Frame(self)
        self.values: dict[str, RLabel] = {}
        for index, (key, label) in enumerate(FIELDS):
            line, half = divmod(index, 2)
            # Right half: columns 3 (label) and 2 (value); left half: 1 and 0.
            base = 2 if half == 0 else 0
            RLabel(self.grid_frame, text=label + ":", bootstyle="secondary").grid(
                row=line, column=base + 1, sticky="e", padx=(12, 4), pady=1
            )
            value = RLabel(self.grid_frame, text="", font="-weight bold", wraplength=VALUE_WRAP)
            value.grid(row=line, column=base, sticky="e", pady=1)
            self.values[key] = value
        for column in range(4):
            self.grid_frame.columnconfigure(column, weight=1 if column in (0, 2) else 0)

    def verify(self) -> Verification | None:
        """Check what the entry holds and show the verdict; the entry is selected again,
        so the next scan replaces it."""
        text = self.entry.get()
        if not text.strip():
            self.show_message(Verify.EMPTY_INPUT, "warning")
            return None
        try:
            result = certificates.verify(self.session, text)
        except UserError as error:
            self.show_message(error.message, "danger")
            return None
        self.show(result)
        self.entry.select_range(0, "end")
        self.entry.icursor("end")
        return result

    def show(self, result: Verification) -> None:
        self.last = result
        heading, detail, style = STATUS_LOOK[result.status]
        self.status.configure(bootstyle=style)
        self.status.set_text(heading)
        record = result.certificate
        if result.status is VerifyStatus.REVOKED and record is not None:
            when = format_jalali_datetime(record.revoked_at) if record.revoked_at else ""
            detail = Verify.REVOKED_DETAIL.format(date=when, reason=record.revoked_reason)
        # Yellow is for the big heading only: a sentence in it is hard to read.
        self.detail.configure(
            bootstyle={"success": "secondary", "warning": "dark"}.get(style, style)
        )
        self.detail.set_text(detail)
        texts = field_texts(record) if record is not None else {}
        for key, label in self.values.items():
            label.set_text(texts.get(key, ""))
        if record is None:
            self.grid_frame.pack_forget()
        else:
            self.grid_frame.pack(fill="x", pady=(8, 0))

    def show_message(self, text: str, style: str) -> None:
        self.last = None
        self.status.configure(bootstyle=style)
        self.status.set_text("")
        self.detail.configure(bootstyle=style)
        self.detail.set_text(text)
        self.grid_frame.pack_forget()


class CertificatesView(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        ask_path: Callable[..., Any] | None = None,
        opener: Callable[[Path], None] | None = None,
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_path = ask_path or ask_save_path
        self.opener = opener or open_with_system
        self.records: dict[str, CertificateRecord] = {}
        self.revoking: CertificateRecord | None = None  # while the reason panel is open

        self.verify_panel = VerifyPanel(self, context)
        self.verify_panel.pack(fill="x")
        self.verify_panel.entry.focus_set()
        self.table: PagedTable | None = None
        if self.session.role in certificates.SIGNERS:
            self._build_list()

    # -- the issued list -----------------------------------------------------------------

    def _build_list(self) -> None:
        RLabel(self, text=Issued.TITLE, font="-size 13 -weight bold").pack(fill="x", pady=(12, 0))
        top = ttk.Frame(self)
        top.pack(fill="x", pady=(4, 0))
        RLabel(top, text=Issued.COURSE).pack(side="right")
        self.course_ids: list[str] = []
        labels: list[str] = []
        try:
            for course in courses.list_courses(self.session):
                self.course_ids.append(course.id)
                labels.append(t(f"{course.code} — {course.title}"))
        except UserError as error:
            log.info("courses not readable here: %s", error.message)
        self.course_box = ttk.Combobox(
            top, values=labels, state="readonly", justify="right", width=48
        )
        self.course_box.pack(side="right", padx=(0, 6))
        self.course_box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        self.summary = RLabel(top, text="", bootstyle="secondary")
        self.summary.pack(side="left")

        self._build_serial_search()
        self.table = PagedTable(self, COLUMNS, None, height=4, empty_text=Issued.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(6, 0))
        if not self.course_ids:
            self.table.empty_label.set_text(Issued.NO_COURSES)

        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(6, 0))
        self.reprint_button = RButton(
            actions, text=Issued.REPRINT, bootstyle="primary", command=self.reprint
        )
        self.reprint_button.pack(side="right")
        self.revoke_button: RButton | None = None
        if self.session.role is Role.ADMIN:
            self.revoke_button = RButton(
                actions, text=Issued.REVOKE, bootstyle="danger-outline", command=self.ask_revoke
            )
            self.revoke_button.pack(side="right", padx=(0, 8))
        self.message = MessageLine(actions, scope=self)
        self.message.pack(side="left", fill="x", expand=True)

        # The reason panel: shown under the buttons when «ابطال» is pressed.
        self.revoke_panel = ttk.Frame(self, padding=(0, 8, 0, 0))
        self.revoke_title = RLabel(self.revoke_panel, text="", bootstyle="danger")
        self.revoke_title.pack(fill="x")
        line = ttk.Frame(self.revoke_panel)
        line.pack(fill="x", pady=(4, 0))
        RLabel(line, text=Issued.REVOKE_REASON).pack(side="right")
        self.reason = RtlEntry(line, width=50)
        self.reason.pack(side="right", fill="x", expand=True, padx=(0, 6))
        self.confirm_button = RButton(
            line, text=Issued.REVOKE_CONFIRM, bootstyle="danger", command=self.revoke
        )
        self.confirm_button.pack(side="right", padx=(0, 6))
        RButton(
            line, text=Issued.REVOKE_CANCEL, bootstyle="secondary", command=self.close_revoke
        ).pack(side="right", padx=(0, 6))
        self.reason_error = MessageLine(self.revoke_panel, bootstyle="danger", scope=self.reason)
        self.reason_error.pack(fill="x")
        for sequence in ("<Return>", "<KP_Enter>"):
            self.reason.bind(sequence, handled(self.revoke))
        self.reason.bind("<Escape>", handled(self.close_revoke))

        if self.course_ids:
            self.course_box.current(0)
            self.refresh()

    def _build_serial_search(self) -> None:
        """A serial, whole or in part, lists the certificates it names in every course.
        A serial is an identifier: the field shows it as printed (Latin capitals and
        digits), reading keys typed on the Persian layout as the Latin keys they are."""
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(4, 0))
        RLabel(row, text=SerialSearch.LABEL).pack(side="right")
        self.serial_text = tk.StringVar(self)
        self.serial_entry = IdentifierEntry(
            row,
            allowed="scan",
            case="upper",
            max_length=40,
            textvariable=self.serial_text,
            font="TkFixedFont",
            width=24,
        )
        self.serial_entry.pack(side="right", padx=(0, 6))
        year = jalali_parts(dt.date.today())[0]
        example = certificates.make_serial(self.session.center_code, year, 123)
        self.serial_hint = RLabel(  # wraps within what the row leaves it
            row,
            text=SerialSearch.HINT.format(serial=ltr_in_rtl(example)),
            bootstyle="secondary",
            wraplength=400,
        )
        self.serial_hint.pack(side="right", fill="x", expand=True, padx=(0, 6))
        # A keystroke the field rewrites (a Persian-layout letter) writes the variable
        # twice: search once, at idle, for what the field then shows.
        self._serial_after: str | None = None
        self.serial_text.trace_add("write", lambda *_: self._serial_changed())

    def _serial_changed(self) -> None:
        if self._serial_after is None:
            self._serial_after = self.after_idle(self._search_serial)

    def _search_serial(self) -> None:
        self._serial_after = None
        self.refresh()

    def destroy(self) -> None:
        if getattr(self, "_serial_after", None) is not None:
            self.after_cancel(self._serial_after)  # type: ignore[arg-type]
        super().destroy()

    def choose_course(self, course_id: str) -> None:
        self.course_box.current(self.course_ids.index(course_id))
        self.refresh()

    @property
    def course_id(self) -> str | None:
        index = self.course_box.current()
        return self.course_ids[index] if index >= 0 else None

    def refresh(self) -> None:
        """Read the certificates a typed serial names, or else the chosen course's,
        again (keeping the selection)."""
        if self.table is None:
            return
        serial = self.serial_entry.get()
        if serial:
            found = certificates.find_certificates(self.session, serial)
            records, more = found.records, found.more
            self.table.empty_label.set_text(SerialSearch.EMPTY)
        elif self.course_id is not None:
            try:
                records = certificates.course_certificates(self.session, self.course_id)
            except UserError as error:
                self.say(error.message, "danger")
                records = []
            more = False
            self.table.empty_label.set_text(Issued.EMPTY)
        else:
            return
        self.records = {record.id: record for record in records}
        selected = self.table.selected_id
        self.table.source = ListSource([c.key for c in COLUMNS], [self._row(r) for r in records])
        self.table.selected_id = selected if selected in self.records else None
        self.table.refresh()
        count = format_number(len(records))
        if more:
            self.summary.set_text(SerialSearch.MORE.format(count=count))
        elif serial:
            self.summary.set_text(SerialSearch.COUNT.format(count=count))
        else:
            self.summary.set_text(Issued.COUNT.format(count=count))

    def _row(self, record: CertificateRecord) -> tuple[str, tuple[object, ...]]:
        status = Issued.STATUS_REVOKED if record.revoked else Issued.STATUS_VALID
        values = (
            record.serial,
            record.full_name,
            record.course_title,
            record.issued_on,
            status,
            record.print_count,
        )
        return record.id, values

    def selected(self) -> CertificateRecord | None:
        record = self.records.get(self.table.selected_id or "") if self.table else None
        if record is None:
            self.say(Issued.SELECT_FIRST, "warning")
        return record

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    # -- reprint -------------------------------------------------------------------------

    def reprint(self) -> None:
        """Ask where to save, write the reprint off the Tk thread, then open the file."""
        record = self.selected()
        if record is None:
            return
        chosen = self.ask_path(
            parent=self,
            title=Issued.SAVE_TITLE,
            initialfile=Issued.FILE_NAME.format(serial=record.serial),
            defaultextension=".pdf",
            filetypes=[(Issued.FILETYPE_PDF, "*.pdf")],
        )
        if not chosen:
            return
        path = Path(chosen)
        session = self.session

        def work(progress: Progress) -> int:
            return certificates.print_certificates(
                session, [record.id], path, lambda done, total: progress.step(done, total)
            )

        def done(_count: int) -> None:
            if not self.winfo_exists():
                return
            self.refresh()
            self.say(Issued.REPRINTED.format(serial=record.serial, name=ltr_in_rtl(path.name)))
            if not open_file(self.opener, path):
                self.say(Issued.OPEN_FAILED, "warning")

        def failed(error: BaseException) -> None:
            message = write_failure(error, path, Issued.SAVE_FAILED)
            if self.winfo_exists():
                self.say(message, "danger")

        self.context.runner.run(self, Issued.REPRINTING, work, done, failed)

    # -- revoke --------------------------------------------------------------------------

    def ask_revoke(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.revoked:
            self.say(Issued.ALREADY_REVOKED, "warning")
            return
        self.revoking = record
        self.revoke_title.set_text(
            Issued.REVOKE_TITLE.format(serial=record.serial, name=record.full_name)
        )
        self.reason.set("")
        self.reason_error.set_text("")
        self.revoke_panel.pack(fill="x")
        self.reason.focus_set()
        reveal(self.revoke_panel)  # the page's end: scrolled into view

    def close_revoke(self) -> None:
        self.revoking = None
        self.revoke_panel.pack_forget()

    def revoke(self) -> None:
        record = self.revoking
        if record is None:
            return
        self.reason_error.set_text("")
        try:
            certificates.revoke_certificate(self.session, record.id, self.reason.get())
        except ValidationError as error:
            self.reason_error.set_text(" ".join(error.errors.values()))
            return
        except UserError as error:
            self.reason_error.set_text(error.message)
            return
        self.close_revoke()
        self.refresh()
        self.say(Issued.REVOKED.format(serial=record.serial))
