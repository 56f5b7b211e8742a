"""The courses screens: the course list, the course form, and (course_page) a course.

`CoursesView` keeps a small stack of pages inside itself like `ApplicantsView`: the
list lives as long as the view (its filters and selection survive a visit to a
course); a form or a course page is built when opened and destroyed when left.
A center runs a few hundred courses a year, so the list is read whole into a
`ListSource` and filtered by the service: by status, by trainer (not offered to a
trainer, who sees only their own courses) and by text. Course codes are shown as
printed, ASCII and left to right.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any, TypeVar

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import course_changes, courses, reference
from desktop.services.courses import CourseInput, CourseRecord
from desktop.services.session import Role
from desktop.strings.course_views import ALL, TITLE, Columns, List
from desktop.strings.course_views import Form as FormText
from desktop.strings.courses import COURSE_STATUS_NAMES
from desktop.text.digits import format_number
from desktop.views.course_page import CoursePage
from desktop.views.widgets.button_row import tab_right_to_left
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry
from desktop.views.widgets.sources import ListSource

COLUMNS = [
    Column("code", Columns.CODE, 120, kind="identifier"),  # as printed and typed
    Column("title", Columns.TITLE, 220, main=True),
    Column("trainer", Columns.TRAINER, 130),
    Column("status", Columns.STATUS, 110),
    Column("starts_on", Columns.STARTS_ON, 90, kind="date"),
    Column("ends_on", Columns.ENDS_ON, 90, kind="date"),
    Column("seats", Columns.SEATS, 110, kind="number"),
    Column("completed", Columns.COMPLETED, 70, kind="number"),
]
KEYS = [column.key for column in COLUMNS]
_W = TypeVar("_W", bound=tk.Widget)
START_STATUSES = ("planned", "open", "running")


def _number_field(master: tk.Misc) -> NumberEntry:
    """Hours, capacity, a percentage, a passing score: whole numbers in Persian digits."""
    return NumberEntry(master, allowed="digits", max_length=5, width=8)


def course_row(record: CourseRecord) -> tuple[str, tuple[Any, ...]]:
    seats = f"{format_number(record.enrolled)} / {format_number(record.capacity)}"
    return (
        record.id,
        (
            record.code,
            record.title,
            record.trainer_name,
            COURSE_STATUS_NAMES.get(record.status, record.status),
            record.starts_on,
            record.ends_on,
            seats,
            record.completed,
        ),
    )


class CourseList(ttk.Frame):
    """The list: a status filter, a text filter, the table; Enter opens a course."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        on_open: Callable[[str], object],
        on_new: Callable[[], object],
    ):
        super().__init__(master, padding=12)
        assert context.session is not None
        self.session = context.session
        self.on_open = on_open
        self.can_create = self.session.role in courses.RUNNERS
        top = ttk.Frame(self)
        top.pack(fill="x")
        RLabel(top, text=TITLE, font="-size 16 -weight bold").pack(side="right")
        self.buttons: dict[str, RButton] = {}
        if self.can_create:
            self.buttons["new"] = RButton(
                top, text=f"+ {List.NEW}", bootstyle="primary", command=on_new
            )
            self.buttons["new"].pack(side="left")
        self.buttons["open"] = RButton(
            top, text=List.OPEN, bootstyle="secondary-outline", command=self.open_selected
        )
        self.buttons["open"].pack(side="left", padx=(8, 0))
        tab_right_to_left([self.buttons[key] for key in ("open", "new") if key in self.buttons])

        # The search box and the filters, each with its label; more lines when narrow.
        bar = FlowRow(self, gap=18, spread=True)
        bar.pack(fill="x", pady=(10, 6))
        self.entry = self._filter(bar, List.SEARCH, lambda p: RtlEntry(p, width=30))
        self.status = self._filter(
            bar,
            List.STATUS,
            lambda p: ChoiceBox(p, [("", ALL), *COURSE_STATUS_NAMES.items()], width=16),
        )
        self.status.set_key("")
        self.trainer: ChoiceBox | None = None
        if self.session.role is not Role.TRAINER:  # a trainer lists only their own
            self.trainer = self._filter(
                bar, List.TRAINER, lambda p: ChoiceBox(p, [("", ALL), *self._trainers()], width=20)
            )
            self.trainer.set_key("")
            self.trainer.bind("<<ComboboxSelected>>", lambda _e: self.refresh(), add="+")
        self.partner = self._filter(
            bar,
            List.PARTNER,
            lambda p: ChoiceBox(p, [("", ALL), *reference.partners(self.session)], width=20),
        )
        self.partner.set_key("")
        self.partner.bind("<<ComboboxSelected>>", lambda _e: self.refresh(), add="+")
        self.count_label = bar.add(RLabel(bar, text="", font="-weight bold"))
        self.status.bind("<<ComboboxSelected>>", lambda _e: self.refresh(), add="+")
        self.entry.bind(CHANGED, lambda _e: self.refresh(), add="+")
        self.entry.bind("<Down>", then_break(self.into_table))
        self.entry.bind("<Return>", then_break(self.into_table))

        self.table = PagedTable(
            self, COLUMNS, None, on_activate=on_open, empty_text=List.EMPTY, height=8
        )
        self.table.pack(fill="both", expand=True)
        self.message = MessageLine(self, bootstyle="success", scope=self)
        self.message.pack(fill="x", pady=(6, 0))
        RLabel(self, text=List.KEYS, bootstyle="secondary", font="-size 9").pack(anchor="w")
        self.refresh()

    @staticmethod
    def _filter(bar: FlowRow, label: str, factory: Callable[[tk.Misc], _W]) -> _W:
        """A label and its field, kept together on one line of the bar."""
        group = bar.add(ttk.Frame(bar))
        RLabel(group, text=label).pack(side="right", padx=(0, 6))
        field = factory(group)
        field.pack(side="right")
        return field

    def _trainers(self) -> list[tuple[str, str]]:
        try:
            return courses.trainers(self.session)
        except UserError:  # nobody who reaches this list; the filter is then just «all»
            return []

    def refresh(self, select: str | None = None) -> None:
        trainer = self.trainer.get_key() if self.trainer is not None else ""
        try:
            records = courses.list_courses(
                self.session,
                status=self.status.get_key() or None,
                trainer_id=trainer or None,
                partner_id=self.partner.get_key() or None,
                text=self.entry.get(),
            )
        except UserError as error:
            self.say(error.message, "danger")
            records = []
        self.table.source = ListSource(KEYS, [course_row(record) for record in records])
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()
        self.count_label.set_text(List.COUNT.format(count=format_number(len(records))))

    def into_table(self) -> None:
        if not self.table.total:
            return
        if self.table.selected_id is None:
            self.table.select_index(0)
        self.table.tree.focus_set()

    def open_selected(self) -> None:
        if self.table.selected_id is None:
            self.say(List.SELECT_FIRST, "warning")
            return
        self.on_open(self.table.selected_id)

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def focus_default(self) -> None:
        self.entry.focus_set()


class CourseForm(ttk.Frame):
    """Create or edit a course: two columns of fields, each error next to its field."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        record: CourseRecord | None = None,
        on_saved: Callable[[CourseRecord, str], None],
        on_cancel: Callable[[], None],
    ):
        super().__init__(master, padding=12)
        assert context.session is not None
        self.session = context.session
        self.record = record
        self.on_saved = on_saved
        title = FormText.EDIT_TITLE.format(code=record.code) if record else FormText.NEW_TITLE
        RLabel(self, text=title, font="-size 16 -weight bold").pack(fill="x")
        columns = ttk.Frame(self)
        columns.pack(fill="x", pady=(8, 0))
        right = Form(columns, on_submit=self.save, on_cancel=on_cancel, label_width=16)
        right.pack(side="right", fill="x", expand=True, padx=(12, 0))
        left = Form(columns, on_submit=self.save, on_cancel=on_cancel, label_width=16)
        left.pack(side="right", fill="x", expand=True)
        self.forms = (right, left)
        partners = [("", FormText.NO_PARTNER), *reference.partners(self.session)]
        trainer_choices = courses.trainers(self.session)
        statuses = [(key, COURSE_STATUS_NAMES[key]) for key in START_STATUSES]
        if record is not None:
            statuses = [(record.status, COURSE_STATUS_NAMES[record.status])]
        f: dict[str, tk.Widget] = {}
        f["title"] = right.add("title", FormText.TITLE, lambda p: RtlEntry(p))
        f["field"] = right.add("field", FormText.FIELD, lambda p: RtlEntry(p))
        f["partner_id"] = right.add(
            "partner_id", FormText.PARTNER, lambda p: ChoiceBox(p, partners)
        )
        f["trainer_id"] = right.add(
            "trainer_id", FormText.TRAINER, lambda p: ChoiceBox(p, trainer_choices)
        )
        f["hours"] = right.add("hours", FormText.HOURS, lambda p: _number_field(p))
        f["capacity"] = right.add("capacity", FormText.CAPACITY, lambda p: _number_field(p))
        f["status"] = right.add("status", FormText.STATUS, lambda p: ChoiceBox(p, statuses))
        f["starts_on"] = left.add("starts_on", FormText.STARTS_ON, lambda p: DateField(p))
        f["ends_on"] = left.add("ends_on", FormText.ENDS_ON, lambda p: DateField(p))
        f["weekdays"] = left.add(
            "weekdays", FormText.WEEKDAYS, lambda p: RtlEntry(p), hint=FormText.WEEKDAYS_HINT
        )
        f["time_text"] = left.add("time_text", FormText.TIME, lambda p: RtlEntry(p))
        f["location"] = left.add("location", FormText.LOCATION, lambda p: RtlEntry(p))
        f["min_attendance_percent"] = left.add(
            "min_attendance_percent", FormText.MIN_ATTENDANCE, lambda p: _number_field(p)
        )
        f["passing_score"] = left.add(
            "passing_score",
            FormText.PASSING_SCORE,
            lambda p: _number_field(p),
            hint=FormText.PASSING_HINT,
        )
        self.fields = f
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(12, 0))
        self.save_button = RButton(
            buttons, text=FormText.SAVE, bootstyle="primary", command=self.save
        )
        self.save_button.pack(side="right")
        RButton(buttons, text=FormText.CANCEL, bootstyle="secondary", command=on_cancel).pack(
            side="right", padx=(0, 8)
        )
        self.message = MessageLine(self, bootstyle="danger", scope=self)
        self.message.pack(fill="x", pady=(8, 0))
        self._fill(courses.to_input(record) if record else CourseInput())

    def _fill(self, data: CourseInput) -> None:
        for name, widget in self.fields.items():
            value = getattr(data, name)
            if isinstance(widget, ChoiceBox):
                widget.set_key("" if value is None else str(value))
            elif isinstance(widget, DateField):
                if hasattr(value, "year"):
                    widget.set_date(value)
                else:
                    widget.entry.set(str(value or ""))
            else:
                text = courses.weekday_names(value) if name == "weekdays" and value else value
                widget.set("" if text is None else str(text))  # type: ignore[attr-defined]
        if self.record is None:
            status = self.fields["status"]
            assert isinstance(status, ChoiceBox)
            status.set_key("planned")
            trainer = self.fields["trainer_id"]
            assert isinstance(trainer, ChoiceBox)
            trainer.set_key(self.session.user_id)

    def value(self, name: str) -> str:
        return str(next(form for form in self.forms if name in form.fields).value(name))

    def data(self) -> CourseInput:
        return CourseInput(**{name: self.value(name) for name in self.fields})

    def save(self) -> None:
        for form in self.forms:
            form.clear_errors()
        self.message.set_text("")
        try:
            if self.record is None:
                record = courses.create_course(self.session, self.data())
                text = FormText.CREATED
            else:
                record = course_changes.update_course(self.session, self.record.id, self.data())
                text = FormText.UPDATED
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except UserError as error:
            self.show_errors({error.field or "": error.message})
            return
        self.on_saved(record, text.format(code=record.code))

    def show_errors(self, errors: dict[str, str]) -> None:
        for form in self.forms:
            form.show_errors({k: v for k, v in errors.items() if k in form.fields})
        first = next((name for name in self.fields if name in errors), None)
        if first is not None:
            self.fields[first].focus_set()
        others = [message for name, message in errors.items() if name not in self.fields]
        self.message.set_text(" ".join(others) or (FormText.CHECK_FIELDS if first else ""))

    def error_text(self, name: str) -> str:
        form = next(form for form in self.forms if name in form.fields)
        return form.error_text(name)

    def focus_default(self) -> None:
        self.fields["title"].focus_set()


class CoursesView(ttk.Frame):
    """The courses' pages on a small stack: the list, then a course page or a form."""

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.list = CourseList(self, context, on_open=self.open_course, on_new=self.open_new)
        self.stack: list[tk.Widget] = [self.list]
        self._show_top()

    @property
    def page(self) -> tk.Widget:
        return self.stack[-1]

    def open_course(self, course_id: str, *, message: str = "") -> CoursePage | None:
        try:
            page = CoursePage(
                self, self.context, course_id, on_back=self.back_to_list, on_edit=self.open_edit
            )
        except UserError as error:
            self.back_to_list(message=error.message, style="danger")
            return None
        self._pop(len(self.stack) - 1)
        if message:
            page.say(message)
        self.stack.append(page)
        self._show_top()
        return page

    def open_new(self) -> CourseForm:
        return self._open_form(None)

    def open_edit(self, record: CourseRecord) -> CourseForm:
        return self._open_form(record)

    def _open_form(self, record: CourseRecord | None) -> CourseForm:
        form = CourseForm(
            self, self.context, record=record, on_saved=self._saved, on_cancel=self._cancelled
        )
        self.stack.append(form)
        self._show_top()
        return form

    def _saved(self, record: CourseRecord, message: str) -> None:
        self.open_course(record.id, message=message)

    def _cancelled(self) -> None:
        self._pop(1)
        if len(self.stack) == 1:
            self.list.refresh()
        self._show_top()

    def back_to_list(self, *, message: str = "", style: str = "success") -> None:
        came_from = getattr(self.page, "course_id", None)
        self._pop(len(self.stack) - 1)
        self.list.refresh(select=came_from)
        self.list.say(message, style)
        self._show_top()

    def _pop(self, count: int) -> None:
        for _ in range(count):
            if len(self.stack) > 1:
                self.stack.pop().destroy()

    def _show_top(self) -> None:
        for page in self.stack[:-1]:
            page.pack_forget()
        self.page.pack(fill="both", expand=True)
        self.page.focus_default()  # type: ignore[attr-defined]
