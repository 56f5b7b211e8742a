"""One course: its header, a message line, and tabs for enrollees, sessions,
attendance, scores and certificates (one module each in `desktop.views.course`) — and,
on a course a partner body runs, for whoever runs it, the body's results sheet.

The page reads `course_detail` once and hands it to every tab; anything written
through a tab reloads the page, because one write moves several figures (a
withdrawal seats the first on the waiting list, a mark or a moved session moves a
percentage and perhaps a completion). The services decide who may do what; the page
offers only what the person's role can do (`course_rights`), and a refusal that still
comes back is shown on the message line, never raised into Tk.

Printing runs off the Tk thread through `context.runner` (progress and cancel). The
output path and the PDF viewer are hooks (`ask_path`, `open_pdf`) so tests run them
without dialogs or viewers.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import course_changes, enrollment
from desktop.services.courses import CourseRecord
from desktop.strings.course_views import Page
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.strings.partner_results_views import ResultsSheet
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali
from desktop.views.course import (
    AttendanceTab,
    CertificatesTab,
    EnrolleesTab,
    ResultsSheetTab,
    ScoresTab,
    SessionsTab,
)
from desktop.views.course.common import course_rights
from desktop.views.course.files import AskPath, Opener, ask_pdf_path, open_with_system
from desktop.views.widgets.button_row import tab_right_to_left
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RLabel, rtl_notebook_style, t

__all__ = ["CoursePage", "ask_pdf_path", "open_with_system"]

_T = TypeVar("_T")
CourseTab = (
    EnrolleesTab | SessionsTab | AttendanceTab | ScoresTab | CertificatesTab | ResultsSheetTab
)


class CoursePage(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        course_id: str,
        *,
        on_back: Callable[..., None] = lambda **_k: None,
        on_edit: Callable[[CourseRecord], object] = lambda _r: None,
        ask_path: AskPath = ask_pdf_path,
        open_pdf: Opener = open_with_system,
    ):
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.course_id = course_id
        self.ask_path = ask_path
        self.open_pdf = open_pdf
        self.detail = enrollment.course_detail(self.session, course_id)  # UserError: unreadable
        super().__init__(master, padding=12)
        self.rights = course_rights(self.session)
        self.can_run = self.rights.run
        self.on_edit = on_edit

        top = FlowRow(self, spread=True)  # the buttons go under a long title
        top.pack(fill="x")
        self.title_label = top.add(RLabel(top, text="", font="-size 16 -weight bold"))
        actions = ttk.Frame(top)
        back = RButton(
            actions, text=Page.BACK, bootstyle="secondary-outline", command=lambda: on_back()
        )
        back.pack(side="left")
        if self.can_run:
            edit = RButton(
                actions,
                text=Page.EDIT,
                bootstyle="secondary-outline",
                command=lambda: on_edit(self.detail.course),
            )
            edit.pack(side="left", padx=(8, 0))
            self.status_box = ChoiceBox(actions, list(COURSE_STATUS_NAMES.items()), width=16)
            change = RButton(
                actions, text=Page.CHANGE_STATUS, bootstyle="primary", command=self.change_status
            )
            change.pack(side="left", padx=(8, 0))
            self.status_box.pack(side="left", padx=(8, 0))
            tab_right_to_left([self.status_box, change, edit, back])
        top.add(actions)
        self.facts = RLabel(self, text="", bootstyle="secondary")
        self.facts.pack(fill="x", pady=(4, 0))
        self.facts2 = RLabel(self, text="", bootstyle="secondary")
        self.facts2.pack(fill="x")
        for line in (self.facts, self.facts2):  # a long title or place wraps, never cut
            line.follow_own_width()
        # A message belongs to the tab it was said on and to what was just done there;
        # it is packed only while it says something (an empty line takes the tables' room).
        self.message = MessageLine(self, scope=self, on_clear=self._message_cleared)
        self.notebook = ttk.Notebook(self, style=rtl_notebook_style())
        self.message.follow_tabs(self.notebook)
        self.notebook.pack(fill="both", expand=True, pady=(4, 0))
        # A file written is named on its own line, left to right (see course/files.py),
        # shown under the message only while there is one.
        self.path_label = PathLabel(self)
        self.enrollees = EnrolleesTab(self.notebook, self)
        self.sessions = SessionsTab(self.notebook, self)
        self.attendance = AttendanceTab(self.notebook, self)
        self.scores = ScoresTab(self.notebook, self)
        self.certificates = CertificatesTab(self.notebook, self)
        self.tabs: tuple[CourseTab, ...] = (
            self.enrollees,
            self.sessions,
            self.attendance,
            self.scores,
            self.certificates,
        )
        titles: tuple[str, ...] = (
            Page.TAB_ENROLLEES,
            Page.TAB_SESSIONS,
            Page.TAB_ATTENDANCE,
            Page.TAB_SCORES,
            Page.TAB_CERTIFICATES,
        )
        # A partner body's results sheet, for a course one runs, to whoever runs it.
        self.results_sheet: ResultsSheetTab | None = None
        if self.can_run and self.detail.course.partner_id:
            self.results_sheet = ResultsSheetTab(self.notebook, self)
            self.tabs += (self.results_sheet,)
            titles += (ResultsSheet.TAB,)
        # Right to left: the first tab stands rightmost, so add them in reverse.
        for tab, text in reversed(list(zip(self.tabs, titles, strict=True))):
            self.notebook.add(tab, text=t(text))
        self.notebook.select(self.enrollees)
        self.show()

    # -- reading ---------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.detail = enrollment.course_detail(self.session, self.course_id)
        except UserError as error:
            self.say(error.message, "danger")
            return
        self.show()

    def show(self) -> None:
        course = self.detail.course
        self.title_label.set_text(course.title)
        status = COURSE_STATUS_NAMES.get(course.status, course.status)
        facts = [
            Page.CODE.format(code=course.code),  # ASCII, as printed and typed
            status,
            Page.DATES.format(
                start=format_jalali(course.starts_on), end=format_jalali(course.ends_on)
            ),
            Page.HOURS.format(hours=format_number(course.hours)),
        ]
        self.facts.set_text(" — ".join(facts))
        more = [Page.TRAINER.format(name=course.trainer_name)]
        if course.partner_name:
            more.append(Page.PARTNER.format(name=course.partner_name))
        more.append(
            Page.SEATS.format(
                enrolled=format_number(course.enrolled),
                capacity=format_number(course.capacity),
                waiting=format_number(course.waitlisted),
            )
        )
        self.facts2.set_text(" — ".join(more))
        if self.can_run:
            self.status_box.set_key(course.status)
        for tab in self.tabs:
            tab.show(self.detail)

    # -- writing ---------------------------------------------------------------------

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a refusal goes to the message line."""
        try:
            return action()
        except ValidationError as error:
            self.say(" ".join(dict.fromkeys(error.errors.values())), "danger")
        except UserError as error:
            self.say(error.message, "danger")
        return None

    def change_status(self) -> None:
        status = self.status_box.get_key()
        record = self.attempt(
            lambda: course_changes.set_course_status(self.session, self.course_id, status)
        )
        if record is not None:
            self.reload()
            self.say(Page.STATUS_CHANGED.format(status=COURSE_STATUS_NAMES[record.status]))

    def say(self, text: str, style: str = "success", *, path: Path | None = None) -> None:
        """The message line; `path` names a file written, on the line under it."""
        self.message.say(text, style)
        if text:
            self.message.pack(fill="x", pady=(4, 0), before=self.notebook)
        else:
            self.message.pack_forget()
        self._show_path(path)

    def _message_cleared(self) -> None:
        self.message.pack_forget()
        self._show_path(None)

    def _show_path(self, path: Path | None) -> None:
        self.path_label.set_path(path)
        if path is None:
            self.path_label.pack_forget()
        else:
            self.path_label.pack(fill="x", before=self.notebook)

    def focus_default(self) -> None:
        self.enrollees.focus_default()
