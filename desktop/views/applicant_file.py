"""One applicant's file: who they are, where they are in the programme, what changed.

A header (name, file number, status badge, the actions the role allows) over a
notebook: details, status history, change history, then the casework tabs that
`applicant_tabs.casework_tabs` builds. Changing the status and deleting open small
inline panels under the header (keyboard-first, no modal window); Escape or Alt+→
goes back to the search list, as the «بازگشت به فهرست» button does.

Notebook tabs are added in reverse so the first tab stands at the right, as Persian
readers expect; Left/Right (and Ctrl+Tab) move through them right to left.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable, Sequence
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import applicants
from desktop.services.applicants import ApplicantRecord
from desktop.services.session import Role
from desktop.strings import (
    CATEGORY_NAMES,
    EDUCATION_NAMES,
    GENDER_NAMES,
    MARITAL_NAMES,
    STATUS_NAMES,
)
from desktop.strings.applicant_views import FIELD_LABELS, OPERATIONS
from desktop.strings.applicant_views import File as Text
from desktop.strings.widget_views import LIST_SEPARATOR
from desktop.text.digits import format_number
from desktop.text.display import rtl_list
from desktop.text.jalali import JalaliDateError, format_jalali, format_jalali_datetime
from desktop.views.applicant_tabs import casework_tabs
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.form_group import FormGroup, SectionForm
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import bind_keys, then_break
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel, rtl_notebook_style, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import ScrollArea
from desktop.views.widgets.sources import ListSource

STATUS_STYLES = {
    "registered": "secondary",
    "counselling": "info",
    "in_training": "primary",
    "trained": "primary",
    "employed": "success",
    "self_employed": "success",
    "home_business": "success",
    "empowered": "success",
}
STATUS_COLUMNS = [
    Column("status", FIELD_LABELS["status"], 150, sortable=False),
    Column("changed_on", Text.STATUS_DATE, 110, kind="date", sortable=False),
    Column("by", Text.STATUS_BY, 160, sortable=False),
    Column("note", Text.STATUS_NOTE, 420, sortable=False),
]
CHANGE_COLUMNS = [
    Column("at", Text.CHANGE_AT, 140, sortable=False),
    Column("by", Text.CHANGE_BY, 160, sortable=False),
    Column("what", Text.CHANGE_WHAT, 560, sortable=False),
]
# Derived or bookkeeping columns a clerk never typed: not worth naming in the history.
HIDDEN_CHANGES = {"category_flags", "sort_name", "name_keys", "search_rowid", "status_changed_on"}
BACK_KEYS = ("<Escape>", "<Alt-Right>", "<Alt-KP_Right>")
VALUE_WRAP = 200
NOTES_WRAP = 580
DETAILS_THREE_COLUMNS = 900  # px: narrower, the details stand in two columns
DETAIL_PLACES = {  # (row, column, rowspan) of identity, contact, programme
    3: [(0, 2, 2), (0, 1, 2), (0, 0, 2)],
    2: [(0, 1, 2), (0, 0, 1), (1, 0, 1)],
}


def describe_change(operation: str, fields: Sequence[str]) -> str:
    """'ویرایش: نام، نشانی' — the fields in Persian, in the form's order."""
    order = list(FIELD_LABELS)
    names: list[str] = []
    for key in sorted(fields, key=lambda k: order.index(k) if k in order else len(order)):
        if key in HIDDEN_CHANGES:
            continue
        label = FIELD_LABELS.get(key, key)
        if label not in names:
            names.append(label)
    action = OPERATIONS.get(operation, operation)
    if operation != "update":
        return action
    if not names:
        return Text.NO_FIELDS
    return Text.CHANGED_FIELDS.format(action=action, fields=LIST_SEPARATOR.join(names))


class ApplicantFile(ttk.Frame):
    """The file page. `on_back()` returns to the list; `on_changed(id, message, tab)`
    asks for the page to be rebuilt after a change; `on_edit(record)` opens the form;
    `on_deleted(record, message)` after an admin deleted the file."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        *,
        on_back: Callable[[], None],
        on_edit: Callable[[ApplicantRecord], object],
        on_changed: Callable[[str, str, str], None],
        on_deleted: Callable[[ApplicantRecord, str], None],
        tab: str = "details",
    ):
        assert context.session is not None
        # UserError: nothing built. Opening a file is a read the audit trail keeps.
        record = applicants.open_file(context.session, applicant_id)
        super().__init__(master)
        self.context = context
        self.session = context.session
        self.on_back = on_back
        self.on_edit = on_edit
        self.on_changed = on_changed
        self.on_deleted = on_deleted
        self.record = record
        self.can_write = self.session.role in applicants.WRITERS and not record.deleted
        self.can_delete = self.session.role is Role.ADMIN and not record.deleted
        self.panel: ttk.Frame | None = None
        self.panel_forms = FormGroup()
        self._escape_bound: set[str] = set()
        self._alt_bound: set[str] = set()

        self._header(record)
        self.confirmation = MessageLine(
            self,
            scope=self,
            bootstyle="@success",
            padding=(10, 4),
            on_clear=self._hide_confirmation,
        )
        self.panel_area = ttk.Frame(self)
        self.panel_area.pack(fill="x")
        self.notebook = ttk.Notebook(self, style=rtl_notebook_style())
        self.notebook.pack(fill="both", expand=True, pady=(10, 0))
        self.tabs: dict[str, tk.Widget] = {
            "details": self._details_tab(record),
            "status": self._status_tab(),
            "changes": self._changes_tab(),
        }
        titles = {
            "details": Text.TAB_DETAILS,
            "status": Text.TAB_STATUS,
            "changes": Text.TAB_CHANGES,
        }
        ordered = [(titles[key], frame) for key, frame in self.tabs.items()]
        ordered += casework_tabs(
            self.notebook, context, record.id, on_status_changed=self.refresh_status
        )
        for title, frame in reversed(ordered):  # first tab at the right
            self.notebook.add(frame, text=t(title))
        self.notebook.select(self.tabs.get(tab, self.tabs["details"]))
        self.confirmation.follow_tabs(self.notebook)
        for sequence in ("<Control-Tab>", "<Left>"):
            self.notebook.bind(sequence, lambda _e: self._step_tab(1))
        for sequence in ("<Control-Shift-Tab>", "<Control-ISO_Left_Tab>", "<Right>"):
            self.notebook.bind(sequence, lambda _e: self._step_tab(-1))
        self.notebook.bind("<<NotebookTabChanged>>", lambda _e: self._wire_keys(), add="+")
        self._wire_keys()

    # -- header ----------------------------------------------------------------------

    def _header(self, record: ApplicantRecord) -> None:
        top = FlowRow(self, gap=14, spread=True)  # the way back goes under a long name
        top.pack(fill="x")
        top.add(RLabel(top, text=record.full_name, font="-size 18 -weight bold"))
        style = STATUS_STYLES.get(record.status, "secondary")
        self.badge = top.add(
            RLabel(
                top,
                text=STATUS_NAMES.get(record.status, record.status),
                bootstyle=f"@{style}",
                padding=(10, 3),
            )
        )
        back = top.add(ttk.Frame(top))
        self.back_button = RButton(
            back, text=f"→ {Text.BACK}", bootstyle="secondary-outline", command=self.on_back
        )
        self.back_button.pack(side="left")
        RLabel(back, text=Text.KEYS, bootstyle="secondary", font="-size 9").pack(
            side="left", padx=(10, 0)
        )

        second = ttk.Frame(self)
        second.pack(fill="x", pady=(6, 0))
        facts = [
            Text.FILE_NUMBER.format(file_number=record.file_number),
            f"{FIELD_LABELS['national_code']} {record.national_code}",
            Text.REGISTERED_ON.format(date=format_jalali(record.registered_on)),
        ]
        self.facts = RLabel(second, text="  ·  ".join(facts), bootstyle="secondary")
        self.facts.pack(side="right")
        self.buttons: dict[str, RButton] = {}
        actions: list[tuple[str, str, str, Callable[[], object]]] = []
        if self.can_write:
            actions += [
                ("edit", Text.EDIT, "primary", lambda: self.on_edit(self.record)),
                ("status", Text.CHANGE_STATUS, "info", self.open_status_panel),
            ]
        if self.can_delete:
            actions.append(("delete", Text.DELETE, "danger-outline", self.open_delete_panel))
        for key, label, bootstyle, command in actions:  # created in Tab order …
            self.buttons[key] = RButton(second, text=label, bootstyle=bootstyle, command=command)
        for button in reversed(self.buttons.values()):  # … the first one rightmost
            button.pack(side="left", padx=(0, 6))
        if record.deleted:
            RLabel(
                self,
                text=Text.DELETED.format(reason=record.deleted_reason),
                bootstyle="@danger",
                padding=(10, 4),
            ).pack(fill="x", pady=(8, 0))

    # -- tabs ------------------------------------------------------------------------

    def _details_tab(self, record: ApplicantRecord) -> ScrollArea:
        # A short window scrolls the details inside their tab: the notebook then asks
        # only for what the table tabs need, and those fill the window.
        area = ScrollArea(self.notebook)
        frame = self.details_frame = ttk.Frame(area.inner, padding=14)
        frame.pack(fill="both", expand=True)
        for index in range(3):
            frame.columnconfigure(index, weight=1, uniform="details")
        self.values: dict[str, str] = {}
        born = record.birth_date
        district = record.district
        district_names = dict(applicants.districts(self.session))
        sections = [
            (
                Text.SECTION_IDENTITY,
                [
                    ("first_name", record.first_name),
                    ("last_name", record.last_name),
                    ("father_name", record.father_name),
                    ("national_code", record.national_code),
                    ("gender", GENDER_NAMES.get(record.gender, record.gender)),
                    (
                        "birth_date",
                        Text.AGE.format(date=format_jalali(born), age=format_number(_age(born)))
                        if born
                        else "",
                    ),
                    ("marital_status", MARITAL_NAMES.get(record.marital_status, "")),
                ],
            ),
            (
                Text.SECTION_CONTACT,
                [
                    ("mobile", record.mobile),
                    ("phone", record.phone),
                    (
                        "district",
                        district_names.get(district, format_number(district))
                        if district is not None
                        else "",
                    ),
                    ("address", record.address),
                    ("education_level", EDUCATION_NAMES.get(record.education_level, "")),
                    ("education_field", record.education_field),
                ],
            ),
            (
                Text.SECTION_PROGRAMME,
                [
                    ("status", _status_with_date(record)),
                    (
                        "categories",
                        LIST_SEPARATOR.join(CATEGORY_NAMES.get(c, c) for c in record.categories),
                    ),
                    ("skills", rtl_list(record.skills)),
                    ("registered_on", format_jalali(record.registered_on)),
                ],
            ),
        ]
        self.detail_boxes: list[ttk.Frame] = []
        for title, rows in sections:
            box = ttk.Frame(frame)
            box.columnconfigure(0, weight=1)
            RLabel(box, text=title, font="-size 12 -weight bold", bootstyle="primary").grid(
                row=0, column=0, columnspan=2, sticky="e", pady=(0, 6)
            )
            for row, (key, value) in enumerate(rows, start=1):
                self.values[key] = value
                RLabel(box, text=FIELD_LABELS[key], bootstyle="secondary").grid(
                    row=row, column=1, sticky="ne", padx=(10, 0), pady=2
                )
                RLabel(box, text=value or Text.NONE, wraplength=VALUE_WRAP).grid(
                    row=row, column=0, sticky="ne", pady=2
                )
            self.detail_boxes.append(box)
        self.values["notes"] = record.notes
        notes = self.detail_notes = ttk.Frame(frame)
        RLabel(
            notes, text=FIELD_LABELS["notes"], font="-size 12 -weight bold", bootstyle="primary"
        ).pack(fill="x")
        RLabel(notes, text=record.notes or Text.NONE, wraplength=NOTES_WRAP).pack(
            fill="x", pady=(4, 0)
        )
        self.detail_columns = 0
        self._layout_details(frame, 3)
        frame.bind("<Configure>", self._fit_details, add="+")
        return area

    def _layout_details(self, frame: ttk.Frame, count: int) -> None:
        """Three sections side by side, or two columns in a narrow window."""
        if count == self.detail_columns:
            return
        self.detail_columns = count
        places = DETAIL_PLACES[count]
        for index in range(3):
            frame.columnconfigure(index, weight=0, uniform="")
        for index in range(count):
            frame.columnconfigure(index, weight=1, uniform="details")
        for box, (row, column, rowspan) in zip(self.detail_boxes, places, strict=True):
            box.grid(row=row, column=column, rowspan=rowspan, sticky="nsew", padx=8, pady=(0, 8))
        self.detail_notes.grid(
            row=2, column=0, columnspan=count, sticky="nsew", padx=8, pady=(14, 0)
        )

    def _fit_details(self, event: tk.Event) -> None:
        frame = self.details_frame
        if event.widget is frame:
            self._layout_details(frame, 3 if event.width >= DETAILS_THREE_COLUMNS else 2)

    def _status_tab(self) -> ttk.Frame:
        frame = ttk.Frame(self.notebook, padding=10)
        entries = applicants.status_history(self.session, self.record.id)
        rows = [
            (
                str(index),
                (STATUS_NAMES.get(e.status, e.status), e.changed_on, e.changed_by, e.note),
            )
            for index, e in enumerate(reversed(entries))  # newest first
        ]
        self.status_rows = [values for _, values in rows]
        self.status_table = PagedTable(
            frame, STATUS_COLUMNS, ListSource([c.key for c in STATUS_COLUMNS], rows), height=8
        )
        self.status_table.pack(fill="both", expand=True)
        return frame

    def _changes_tab(self) -> ttk.Frame:
        frame = ttk.Frame(self.notebook, padding=10)
        entries = applicants.change_history(self.session, self.record.id)
        rows = [
            (
                str(index),
                (
                    format_jalali_datetime(e.at),
                    e.by,
                    describe_change(e.operation, e.fields),
                ),
            )
            for index, e in enumerate(reversed(entries))  # newest first
        ]
        self.change_rows = [values for _, values in rows]
        self.change_table = PagedTable(
            frame,
            CHANGE_COLUMNS,
            ListSource([c.key for c in CHANGE_COLUMNS], rows),
            empty_text=Text.NO_CHANGES,
            height=8,
        )
        self.change_table.pack(fill="both", expand=True)
        return frame

    def show_confirmation(self, text: str) -> None:
        """A short note of what was just done, on the page (no dialog to close). It
        goes, band and all, when the person moves on: another tab, an edit, a panel."""
        self.confirmation.set_text(text)
        self.confirmation.pack(fill="x", pady=(8, 0), before=self.panel_area)

    def _hide_confirmation(self) -> None:
        self.confirmation.pack_forget()

    def _step_tab(self, step: int) -> str:
        """`step` 1 = the next tab in reading order (to the left)."""
        count = len(self.notebook.tabs())
        index = self.notebook.index("current")
        self.notebook.select((index - step) % count)  # tabs were added right to left
        return "break"

    # -- keys and focus --------------------------------------------------------------

    def _wire_keys(self) -> None:
        """Escape / Alt+→ go back from anywhere on the page (new widgets included).

        Escape first closes an open panel. Entries keep Alt+→ (it moves the caret);
        a field whose own binding already uses Escape (a panel's form) keeps it.
        """
        bind_keys(
            self,
            BACK_KEYS[:1],
            self._on_escape,
            where=lambda widget: not widget.bind("<Escape>"),
            done=self._escape_bound,
        )
        bind_keys(
            self,
            BACK_KEYS[1:],
            self.on_back,
            where=lambda widget: not isinstance(widget, ttk.Entry),
            done=self._alt_bound,
        )

    def _on_escape(self) -> None:
        if self.panel is not None:
            self.close_panel()
        else:
            self.on_back()

    def focus_default(self) -> None:
        self.notebook.focus_set()

    # -- change status ---------------------------------------------------------------

    def _open_panel(self, title: str) -> ttk.Labelframe:
        self.close_panel()
        self.confirmation.clear()  # the person moved on from what was just done
        panel = self.panel = ttk.Frame(self.panel_area, padding=(0, 10, 0, 0))
        panel.pack(fill="x")
        box = ttk.Labelframe(panel, text=t(title), labelanchor="ne", padding=(12, 2, 12, 8))
        box.pack(fill="x")
        self.panel_forms = FormGroup()
        return box

    def _panel_field(
        self,
        row: FlowRow,
        name: str,
        label: str,
        factory: Callable[[tk.Misc], tk.Widget],
        on_submit: Callable[[], None],
    ) -> Any:
        """One field of a panel's single row (a small form each, side by side)."""
        form = row.add(
            SectionForm(row, on_submit=on_submit, on_cancel=self.close_panel, label_width=0)
        )
        self.panel_forms.add(form)
        return form.add(name, label, factory)

    def _panel_buttons(self, row: FlowRow, label: str, style: str, command: Any) -> None:
        buttons = ttk.Frame(row, padding=(0, 6, 0, 0))  # they stay together when wrapped
        RButton(buttons, text=label, bootstyle=style, command=command).pack(side="right")
        RButton(
            buttons, text=Text.CLOSE_PANEL, bootstyle="secondary-outline", command=self.close_panel
        ).pack(side="right", padx=(6, 0))
        row.add(buttons)

    def close_panel(self) -> None:
        if self.panel is not None:
            self.panel.destroy()
            self.panel = None
            # An emptied frame keeps its last size: give the space back to the tabs.
            self.panel_area.configure(height=1)
            self.focus_default()

    def open_status_panel(self) -> None:
        box = self._open_panel(Text.STATUS_PANEL)
        row = FlowRow(box, gap=14, anchor="n")  # fields wrap onto a second line when narrow
        row.pack(fill="x")
        choices = [(key, name) for key, name in STATUS_NAMES.items() if key != self.record.status]
        status = self._panel_field(
            row,
            "status",
            Text.NEW_STATUS,
            lambda p: ChoiceBox(p, choices, width=16),
            self.save_status,
        )
        date = self._panel_field(
            row,
            "changed_on",
            Text.STATUS_ON,
            lambda p: DateField(p, max_date=dt.date.today(), width=11),
            self.save_status,
        )
        date.set_date(dt.date.today())
        for sequence in ("<Return>", "<KP_Enter>"):
            date.entry.bind(sequence, then_break(self.save_status), add="+")
        date.entry.bind("<Escape>", then_break(self.close_panel))
        self._panel_field(
            row,
            "note",
            Text.NOTE,
            lambda p: RtlEntry(p, width=30, maxlength=500),
            self.save_status,
        )
        self._panel_buttons(row, Text.SAVE_STATUS, "primary", self.save_status)
        self._wire_keys()
        status.focus_set()

    def refresh_status(self) -> None:
        """Casework moved the programme status: redraw the badge and the history."""
        record = applicants.get(self.session, self.record.id)
        self.record = record
        style = STATUS_STYLES.get(record.status, "secondary")
        self.badge.set_text(STATUS_NAMES.get(record.status, record.status))
        self.badge.configure(bootstyle=f"@{style}")
        entries = applicants.status_history(self.session, record.id)
        rows = [
            (
                str(index),
                (STATUS_NAMES.get(e.status, e.status), e.changed_on, e.changed_by, e.note),
            )
            for index, e in enumerate(reversed(entries))
        ]
        self.status_rows = [values for _, values in rows]
        self.status_table.set_source(ListSource([c.key for c in STATUS_COLUMNS], rows))

    def save_status(self) -> None:
        if self.panel is None:
            return
        group = self.panel_forms
        group.clear_errors()
        status = group.fields["status"].get_key()  # type: ignore[attr-defined]
        errors: dict[str, str] = {}
        if not status:
            errors["status"] = Text.NEW_STATUS_REQUIRED
        try:
            on = group.fields["changed_on"].get_date()  # type: ignore[attr-defined]
        except JalaliDateError as error:
            errors["changed_on"] = str(error)
            on = None
        if errors:
            group.show_errors(errors)
            return
        try:
            record = applicants.change_status(
                self.session,
                self.record.id,
                status,
                on=on,
                note=group.fields["note"].get(),  # type: ignore[attr-defined]
            )
        except UserError as error:
            group.show_errors({error.field or "status": error.message})
            return
        self.on_changed(
            record.id, Text.STATUS_CHANGED.format(status=STATUS_NAMES[record.status]), "status"
        )

    # -- delete ----------------------------------------------------------------------

    def open_delete_panel(self) -> None:
        box = self._open_panel(Text.DELETE_PANEL)
        RLabel(box, text=Text.DELETE_WARNING, bootstyle="danger").pack(fill="x")
        row = FlowRow(box, gap=14, anchor="n")
        row.pack(fill="x", pady=(4, 0))
        reason = self._panel_field(
            row,
            "reason",
            Text.DELETE_REASON,
            lambda p: RtlEntry(p, width=40, maxlength=500),
            self.delete,
        )
        self._panel_buttons(row, Text.CONFIRM_DELETE, "danger", self.delete)
        self._wire_keys()
        reason.focus_set()

    def delete(self) -> None:
        if self.panel is None:
            return
        group = self.panel_forms
        try:
            applicants.delete(self.session, self.record.id, group.fields["reason"].get())  # type: ignore[attr-defined]
        except ValidationError as error:
            group.show_errors(error.errors)
            return
        except UserError as error:
            group.show_errors({"reason": error.message})
            return
        record = self.record
        self.on_deleted(
            record,
            Text.DELETED_DONE.format(file_number=record.file_number, name=record.full_name),
        )


def _age(born: dt.date, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _status_with_date(record: ApplicantRecord) -> str:
    name = STATUS_NAMES.get(record.status, record.status)
    if record.status_changed_on is None:
        return name
    return Text.STATUS_SINCE.format(status=name, date=format_jalali(record.status_changed_on))
