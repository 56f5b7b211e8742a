"""Register or edit an applicant: one keyboard-first form in three columns (two in a
narrow window, scrolling when the window is short).

The form sits in the applicants view's content area (not a Toplevel), so the clerk's
hands stay on the keyboard: Tab walks the fields column by column (identity, then
contact and education, then categories, skills and notes), Enter or Ctrl+S saves from
any field, Escape cancels (asking first if anything was typed). A refused save puts
every Persian message next to its field and focuses the first one; nothing is written.

Tk on X11 has no widget for two of the fields, so they come from widgets/: skills are
chips in a `TagEntry` (stored `;`-joined), notes are RtlEntry lines in a `NotesField`
(Tk's Text neither joins Persian letters nor lays lines out right to left). The
sections are `SectionForm`s in a `FormGroup`, so a refused save reads as one form;
they sit in a `ScrollArea` that keeps the focused field in view.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import applicants
from desktop.services.applicants import (
    ApplicantInput,
    ApplicantRecord,
    DuplicateApplicant,
    NearDuplicate,
)
from desktop.strings import CATEGORY_NAMES, EDUCATION_NAMES, GENDER_NAMES, MARITAL_NAMES
from desktop.strings.applicant_views import FIELD_LABELS, UNKNOWN
from desktop.strings.applicant_views import Form as Text
from desktop.text.digits import format_number
from desktop.text.jalali import format_jalali
from desktop.views.widgets.check_group import CheckGroup
from desktop.views.widgets.dialogs import Question, ask
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.form_group import FormGroup, SectionForm
from desktop.views.widgets.jalali_date import DateField
from desktop.views.widgets.keys import bind_keys, descendants
from desktop.views.widgets.ltr_entry import IdentifierEntry, NumberEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.notes import NotesField
from desktop.views.widgets.rtl import RButton, RLabel, t
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.scroll_area import ScrollArea
from desktop.views.widgets.tag_entry import TagEntry

ENTRY_WIDTH = 24
COLUMN_MIN_WIDTH = 300  # below three of these, the form has two columns
LAYOUTS = {  # sections per column, right to left
    3: [["identity"], ["contact", "education"], ["categories", "skills", "notes"]],
    2: [["identity", "contact"], ["education", "categories", "skills", "notes"]],
}
# Ctrl+S with a Persian keyboard layout active reports the Persian letter's keysym.
SAVE_KEYS = ("<Control-s>", "<Control-S>", "<Control-Arabic_seen>")


class ApplicantForm(ttk.Frame):
    """Register (record=None) or edit (record given) one applicant.

    `on_saved(record, created, message)` runs after a save; `on_cancel()` when the
    clerk leaves without saving; `on_open_existing(id)` when the clerk chooses to open
    the file that already has this national code.
    """

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        record: ApplicantRecord | None = None,
        on_saved: Callable[[ApplicantRecord, bool, str], None],
        on_cancel: Callable[[], None],
        on_open_existing: Callable[[str], object],
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.record = record
        self.on_saved = on_saved
        self.on_cancel = on_cancel
        self.on_open_existing = on_open_existing
        self.question: Question | None = None  # the open dialog (tests answer it)
        self.group = FormGroup()
        self.fields: dict[str, tk.Misc] = {}
        probe = RtlEntry(self, width=ENTRY_WIDTH)
        self.field_px = probe.winfo_reqwidth()  # how wide messages may be under a field
        probe.destroy()
        districts = applicants.districts(self.session)
        self.district_names = dict(districts)

        # Created in Tab order: the fields column by column, then the buttons (which
        # are packed at the top, where they stay visible however long the messages).
        self.area = ScrollArea(self)
        self.area.pack(fill="both", expand=True, pady=(8, 0))
        # Column frames first: a section packed into a column must stand above it.
        self.columns = [ttk.Frame(self.area.inner) for _ in range(3)]  # right to left
        self.sections: dict[str, ttk.Labelframe] = {}
        self.column_count = 0

        identity = self._section("identity", Text.IDENTITY)
        self._add(identity, "first_name", lambda p: RtlEntry(p, width=ENTRY_WIDTH, maxlength=100))
        self._add(identity, "last_name", lambda p: RtlEntry(p, width=ENTRY_WIDTH, maxlength=100))
        self._add(identity, "father_name", lambda p: RtlEntry(p, width=ENTRY_WIDTH, maxlength=100))
        self._add(
            identity,
            "national_code",
            lambda p: IdentifierEntry(p, allowed="code", max_length=10, width=ENTRY_WIDTH),
            hint=Text.NATIONAL_CODE_HINT,
        )
        self._add(identity, "gender", lambda p: ChoiceBox(p, list(GENDER_NAMES.items())))
        self._add(identity, "birth_date", lambda p: DateField(p), hint=Text.DATE_HINT)

        contact = self._section("contact", Text.CONTACT)
        self._add(
            contact,
            "mobile",
            lambda p: IdentifierEntry(p, allowed="phone", max_length=14, width=ENTRY_WIDTH),
            hint=Text.MOBILE_HINT,
        )
        self._add(
            contact,
            "phone",
            lambda p: IdentifierEntry(p, allowed="phone", max_length=15, width=ENTRY_WIDTH),
        )
        numbers = sorted(self.district_names) or [1]
        self._add(
            contact,
            "district",
            lambda p: NumberEntry(p, allowed="digits", max_length=2, width=ENTRY_WIDTH),
            hint=Text.DISTRICT_HINT.format(
                first=format_number(numbers[0]), last=format_number(numbers[-1])
            ),
        )
        self._add(contact, "address", lambda p: RtlEntry(p, width=ENTRY_WIDTH, maxlength=500))

        education = self._section("education", Text.EDUCATION)
        self._add(
            education,
            "education_level",
            lambda p: ChoiceBox(p, [("", UNKNOWN), *EDUCATION_NAMES.items()]),
        )
        self._add(
            education, "education_field", lambda p: RtlEntry(p, width=ENTRY_WIDTH, maxlength=100)
        )
        self._add(
            education,
            "marital_status",
            lambda p: ChoiceBox(p, [("", UNKNOWN), *MARITAL_NAMES.items()]),
        )

        categories = self._section("categories", Text.CATEGORIES, label_width=0, wrap=300)
        self.categories: CheckGroup = self._add(
            categories,
            "categories",
            lambda p: CheckGroup(p, list(CATEGORY_NAMES.items())),
            label="",
        )
        skills = self._section("skills", Text.SKILLS, label_width=0, wrap=300)
        self.skills: TagEntry = self._add(
            skills,
            "skills",
            lambda p: TagEntry(p, width=ENTRY_WIDTH),
            label="",
            hint=Text.SKILLS_HINT,
        )
        self.skills.on_submit = self.save
        notes = self._section("notes", Text.NOTES, label_width=0, wrap=300)
        self.notes: NotesField = self._add(
            notes,
            "notes",
            lambda p: NotesField(p, width=ENTRY_WIDTH),
            label="",
            hint=Text.NOTES_HINT,
        )

        title = (
            Text.NEW_TITLE
            if record is None
            else Text.EDIT_TITLE.format(file_number=record.file_number)
        )
        head = ttk.Frame(self)
        head.pack(fill="x", before=self.area)
        RLabel(head, text=title, font="-size 16 -weight bold").pack(side="right")
        if record is not None:
            RLabel(head, text=record.full_name, bootstyle="secondary", font="-size 12").pack(
                side="right", padx=(0, 14)
            )
        self.save_button = RButton(head, text=Text.SAVE, bootstyle="primary", command=self.save)
        cancel = RButton(head, text=Text.CANCEL, bootstyle="secondary-outline", command=self.cancel)
        cancel.pack(side="left")  # Tab reaches Save first; Save stands at the right
        self.save_button.pack(side="left", padx=(0, 8))
        # Between the buttons and the title, wrapped there; gone at the next edit.
        self.summary = MessageLine(head, bootstyle="danger", scope=self)
        self.summary.pack(side="left", fill="x", expand=True, padx=(10, 10))
        RLabel(self, text=Text.KEYS, bootstyle="secondary", font="-size 9").pack(
            fill="x", before=self.area
        )

        if record is not None:
            self._fill(record)
        self._initial = self.read()
        self._wire_keys()
        self.layout(3)
        self.area.wire()
        self.area.canvas.bind("<Configure>", self._fit, add="+")

    # -- building --------------------------------------------------------------------

    def _section(
        self,
        key: str,
        title: str,
        *,
        label_width: int = 9,
        wrap: int | None = None,
    ) -> Form:
        frame = ttk.Labelframe(
            self.area.inner, text=t(title), labelanchor="ne", padding=(10, 2, 10, 8)
        )
        self.sections[key] = frame
        form = SectionForm(
            frame,
            on_submit=self.save,
            on_cancel=self.cancel,
            label_width=label_width,
            min_wrap=wrap or self.field_px,
        )
        form.pack(fill="x")
        return self.group.add(form)

    def layout(self, count: int) -> None:
        """Lay the sections out in `count` columns (3, or 2 in a narrow window).

        Only where they stand changes; Tab still follows the sections' order.
        """
        if count == self.column_count:
            return
        self.column_count = count
        inner = self.area.inner
        for index, column in enumerate(self.columns):
            column.grid_forget()
            inner.columnconfigure(index, weight=0, uniform="")
        for index, keys in enumerate(LAYOUTS[count]):
            grid_column = count - 1 - index  # the first column stands at the right
            inner.columnconfigure(grid_column, weight=1, uniform="column")
            self.columns[index].grid(
                row=0, column=grid_column, sticky="nsew", padx=(0, 12 if index else 0)
            )
            for position, key in enumerate(keys):
                self.sections[key].pack_forget()
                self.sections[key].pack(
                    in_=self.columns[index], fill="x", pady=(10 if position else 0, 0)
                )

    def _fit(self, event: tk.Event) -> None:
        self.layout(3 if event.width >= 3 * COLUMN_MIN_WIDTH else 2)

    def _add(
        self,
        form: Form,
        name: str,
        factory: Callable[[tk.Misc], tk.Widget],
        *,
        label: str | None = None,
        hint: str = "",
    ) -> Any:
        widget = form.add(name, FIELD_LABELS[name] if label is None else label, factory, hint=hint)
        self.fields[name] = widget
        return widget

    def _wire_keys(self) -> None:
        """Enter saves and Escape cancels from every field, composite ones included."""
        direct = {str(widget) for widget in self.group.fields.values()}

        def needs_enter(widget: tk.Misc) -> bool:
            return (
                isinstance(widget, (ttk.Entry, ttk.Checkbutton))
                and str(widget) not in direct
                and not getattr(widget, "own_return", False)
            )

        def needs_escape(widget: tk.Misc) -> bool:
            return isinstance(widget, (ttk.Entry, ttk.Checkbutton)) and str(widget) not in direct

        bind_keys(self, ("<Return>", "<KP_Enter>"), self.save, where=needs_enter)
        bind_keys(self, ("<Escape>",), self.cancel, where=needs_escape)
        bind_keys(self, SAVE_KEYS, self.save)

        def wire_line(line: RtlEntry) -> None:
            bind_keys(line, ("<Escape>",), self.cancel)
            bind_keys(line, SAVE_KEYS, self.save)
            self.area.wire_widget(line)  # scrolled into view when it takes the focus

        self.notes.on_line_added = wire_line

    def focus_default(self) -> None:
        self.fields["first_name"].focus_set()

    # -- values ----------------------------------------------------------------------

    def read(self) -> ApplicantInput:
        """What the form holds, as typed (the service validates and normalises)."""
        f = self.fields
        return ApplicantInput(
            first_name=f["first_name"].get(),  # type: ignore[attr-defined]
            last_name=f["last_name"].get(),  # type: ignore[attr-defined]
            father_name=f["father_name"].get(),  # type: ignore[attr-defined]
            national_code=f["national_code"].get(),  # type: ignore[attr-defined]
            gender=f["gender"].get_key(),  # type: ignore[attr-defined]
            birth_date=f["birth_date"].text(),  # type: ignore[attr-defined]
            mobile=f["mobile"].get(),  # type: ignore[attr-defined]
            phone=f["phone"].get(),  # type: ignore[attr-defined]
            address=f["address"].get(),  # type: ignore[attr-defined]
            district=f["district"].get(),  # type: ignore[attr-defined]
            education_level=f["education_level"].get_key(),  # type: ignore[attr-defined]
            education_field=f["education_field"].get(),  # type: ignore[attr-defined]
            marital_status=f["marital_status"].get_key(),  # type: ignore[attr-defined]
            categories=self.categories.get(),
            skills=self.skills.get(),
            notes=self.notes.get(),
        )

    def _fill(self, record: ApplicantRecord) -> None:
        f = self.fields
        for name in (
            "first_name",
            "last_name",
            "father_name",
            "national_code",
            "mobile",
            "phone",
            "address",
            "education_field",
        ):
            f[name].set(getattr(record, name))  # type: ignore[attr-defined]
        for name in ("gender", "education_level", "marital_status"):
            f[name].set_key(getattr(record, name))  # type: ignore[attr-defined]
        f["birth_date"].set_date(record.birth_date)  # type: ignore[attr-defined]
        f["district"].set("" if record.district is None else str(record.district))  # type: ignore[attr-defined]
        self.categories.set(record.categories)
        self.skills.set(record.skills)
        self.notes.set(record.notes)
        for widget in descendants(self):
            if isinstance(widget, RtlEntry):
                widget.icursor(0)  # show where a long text starts (its right end)

    @property
    def dirty(self) -> bool:
        return self.read() != self._initial

    # -- actions ---------------------------------------------------------------------

    def save(self, *, confirm_near_duplicate: bool = False) -> None:
        if self.question is not None and self.question.winfo_exists():
            return  # a question is open: answer it first
        self.clear_errors()
        data = self.read()
        try:
            if self.record is None:
                record = applicants.register(
                    self.session, data, confirm_near_duplicate=confirm_near_duplicate
                )
                message = Text.REGISTERED.format(
                    file_number=record.file_number, name=record.full_name
                )
            else:
                before = self.record
                record = applicants.update(
                    self.session, before.id, data, confirm_near_duplicate=confirm_near_duplicate
                )
                changed = record.updated_at != before.updated_at
                message = (
                    Text.UPDATED.format(file_number=record.file_number)
                    if changed
                    else Text.UNCHANGED
                )
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except DuplicateApplicant as error:
            self.show_errors({"national_code": error.message})
            self._ask_open_existing(error)
            return
        except NearDuplicate as error:
            self._ask_near_duplicate(error)
            return
        except UserError as error:
            self.show_errors({error.field or "": error.message})
            return
        self._initial = data
        self.on_saved(record, self.record is None, message)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field; the first invalid field (in Tab order) focused."""
        unplaced = self.group.show_errors(errors)
        count = len(errors) - len(unplaced)
        text = " ".join(unplaced) or Text.FIX_ERRORS.format(count=format_number(count))
        self.summary.set_text(text)

    def clear_errors(self) -> None:
        self.group.clear_errors()
        self.summary.set_text("")

    def error_text(self, name: str) -> str:
        return self.group.error_text(name)

    def cancel(self) -> None:
        if self.question is not None and self.question.winfo_exists():
            return
        if not self.dirty:
            self.on_cancel()
            return

        def answered(key: str | None) -> None:
            self.question = None
            if key == "discard":
                self.on_cancel()
            elif self.winfo_exists():
                self.focus_default()

        self.question = ask(
            self,
            Text.DISCARD_TITLE,
            Text.DISCARD_ASK,
            (("discard", Text.DISCARD, "danger"), ("keep", Text.KEEP_EDITING, "secondary")),
            answered,
            default="keep",
            wait=self.context.modal_dialogs,
        )

    def _ask_open_existing(self, error: DuplicateApplicant) -> None:
        def answered(key: str | None) -> None:
            self.question = None
            if key == "open":
                self.on_open_existing(error.existing_id)
            elif self.winfo_exists():
                self.fields["national_code"].focus_set()

        self.question = ask(
            self,
            Text.DUPLICATE_TITLE,
            Text.DUPLICATE_ASK.format(message=error.message),
            (("open", Text.OPEN_EXISTING, "primary"), ("stay", Text.STAY, "secondary")),
            answered,
            default="open",
            wait=self.context.modal_dialogs,
        )

    def _ask_near_duplicate(self, error: NearDuplicate) -> None:
        lines = "\n".join(
            Text.NEAR_LINE.format(
                file_number=match.file_number,
                name=match.full_name,
                father=match.father_name,
                birth=format_jalali(match.birth_date),
            )
            for match in error.matches
        )

        def answered(key: str | None) -> None:
            self.question = None
            if key == "save":
                self.save(confirm_near_duplicate=True)
            elif self.winfo_exists():
                self.focus_default()

        self.question = ask(
            self,
            Text.NEAR_TITLE,
            Text.NEAR_ASK.format(matches=lines),
            (("save", Text.SAVE_ANYWAY, "primary"), ("back", Text.BACK_TO_FORM, "secondary")),
            answered,
            default="back",
            wait=self.context.modal_dialogs,
        )
