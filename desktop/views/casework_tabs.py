"""The casework tabs of an applicant's file: follow-ups, ideas, outcomes, links.

Each tab is a frame built as `Tab(master, context, applicant_id, on_open_applicant)`
with a `refresh()`: a table of what the file holds and, beside it on the right, a
keyboard-first form that adds to it (Enter saves, each error stands next to its
field). The services decide who may write; trainers read, so their tabs have no form,
and a refusal that still comes back is shown, not raised.

A write that may move the applicant's programme status (a first counselling, an
outcome) emits `<<CaseworkChanged>>` on the tab, so the file page can redraw its
header. Link suggestions scan the registry (up to about a second at a million files):
they run through the app's background runner, never on the Tk thread.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from typing import Any, TypeVar, cast

import ttkbootstrap as ttk

from desktop.app import AppContext
from desktop.errors import UserError, ValidationError
from desktop.services import applicants, casework, reference
from desktop.services.applicants import WRITERS
from desktop.services.casework import FollowUpRecord, IdeaRecord, LinkSuggestion, OutcomeRecord
from desktop.services.progress import Progress
from desktop.strings import (
    FOLLOW_UP_KIND_NAMES,
    IDEA_STATUS_NAMES,
    OUTCOME_KIND_NAMES,
    STATUS_NAMES,
)
from desktop.strings.casework import Casework
from desktop.strings.casework_views import (
    DONE_MARK,
    LINK_KIND_NAMES,
    REASON_SEPARATOR,
    Common,
    FollowUps,
    Ideas,
    Links,
    Outcomes,
)
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.ltr_entry import MoneyEntry
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

CHANGED = "<<CaseworkChanged>>"
ENTRY_WIDTH = 28
SIDE_WRAP = 320
OpenApplicant = Callable[[str], None]
_T = TypeVar("_T")
_W = TypeVar("_W", bound=tk.Widget)


class DateField(JalaliDateEntry):
    """A Jalali date field inside a Form: focus and Enter reach its inner entry."""

    def focus_set(self) -> None:
        self.entry.focus_set()

    def text(self) -> str:
        """What was typed, for the service to parse (its messages go next to the field)."""
        return self.entry.displayed()


def field_value(widget: tk.Widget) -> str:
    """A form field's value as the services take it: a choice's key, text as typed."""
    if isinstance(widget, ChoiceBox):
        return widget.get_key()
    if isinstance(widget, DateField):
        return widget.text()
    return str(widget.get())  # type: ignore[attr-defined]


def add_field(
    form: Form, name: str, label: str, factory: Callable[[tk.Misc], _W], *, hint: str = ""
) -> _W:
    """Form.add, keeping the field's own type for the caller."""
    return cast(_W, form.add(name, label, factory, hint=hint))


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


class CaseworkTab(ttk.Frame):
    """What the four tabs share: the session, the layout, a message line, error display."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, padding=12)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.applicant_id = applicant_id
        self.on_open_applicant = on_open_applicant
        self.can_write = self.session.role in WRITERS
        self.form: Form | None = None
        self.side = ttk.Frame(self, padding=(16, 0, 0, 0))
        self.side.pack(side="right", fill="y")
        self.main = ttk.Frame(self)
        self.main.pack(side="right", fill="both", expand=True)

    def build_form(self, title: str, on_cancel: Callable[[], None] | None = None) -> Form | None:
        """The side form for writers (None for readers, who get a note instead)."""
        if self.can_write:
            self.form_title = RLabel(self.side, text=title, font="-size 12 -weight bold")
            self.form_title.pack(fill="x")
            self.form = Form(self.side, on_submit=self.save, on_cancel=on_cancel, label_width=12)
            self.form.pack(fill="x")
            self.message = RLabel(self.side, text="", wraplength=SIDE_WRAP)
            self.message.pack(fill="x", pady=(10, 0))
        else:  # nothing to add: the table takes the whole tab, under a note
            self.side.pack_forget()
            RLabel(self.main, text=Common.READ_ONLY, bootstyle="secondary").pack(fill="x")
            self.message = RLabel(self.main, text="")
            self.message.pack(fill="x", pady=(4, 4))
        return self.form

    def add_date(
        self, form: Form, name: str, label: str, *, hint: str = "", **options: Any
    ) -> DateField:
        """A date row whose inner entry also saves on Enter (after the field's own check)."""
        field = add_field(form, name, label, lambda p: DateField(p, **options), hint=hint)
        for sequence in ("<Return>", "<KP_Enter>"):
            field.entry.bind(sequence, lambda _e: (self.save(), "break")[1], add="+")
        return field

    def save(self) -> None:
        """Enter in the form: subclasses with a form save it."""

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a UserError goes next to its field or to the message line."""
        if self.form is not None:
            self.form.clear_errors()
        try:
            return action()
        except ValidationError as error:
            self.show_errors(error.errors)
        except UserError as error:
            self.show_errors({error.field or "": error.message})
        return None

    def show_errors(self, errors: dict[str, str]) -> None:
        fields = self.form.fields if self.form is not None else {}
        beside = {name: message for name, message in errors.items() if name in fields}
        others = [message for name, message in errors.items() if name not in fields]
        if beside and self.form is not None:
            self.form.show_errors(beside)
        self.say(" ".join(others), "danger")

    def load(self, read: Callable[[], list[_T]]) -> list[_T]:
        """Read the tab's rows; a file that cannot be read (deleted) says why."""
        try:
            return read()
        except UserError as error:
            self.say(error.message, "danger")
            return []

    def selected(self, table: PagedTable, rows: dict[str, _T]) -> _T | None:
        record = rows.get(table.selected_id or "")
        if record is None:
            self.say(Common.SELECT_FIRST, "warning")
        return record

    def changed(self) -> None:
        """The applicant's status may have moved: tell whoever shows it."""
        self.event_generate(CHANGED)


# -- follow-ups ------------------------------------------------------------------------

FOLLOW_UP_COLUMNS = [
    Column("held_on", FollowUps.DATE, 95, kind="date"),
    Column("kind", FollowUps.KIND, 95),
    Column("notes", FollowUps.NOTES, 230),
    Column("next_appointment", FollowUps.NEXT, 95, kind="date"),
    Column("done", FollowUps.DONE, 75, sortable=False),
]


class FollowUpsTab(CaseworkTab):
    """Counselling notes with their next appointment; add one, or close an appointment."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, FollowUpRecord] = {}
        form = self.build_form(FollowUps.ADD_TITLE)
        if form is not None:
            today = dt.date.today()
            kinds = list(FOLLOW_UP_KIND_NAMES.items())
            self.kind = add_field(form, "kind", FollowUps.KIND, lambda p: ChoiceBox(p, kinds))
            self.kind.set_key("counselling")
            self.held_on = self.add_date(form, "held_on", FollowUps.HELD_ON, max_date=today)
            self.notes = add_field(
                form, "notes", FollowUps.NOTES, lambda p: RtlEntry(p, width=ENTRY_WIDTH)
            )
            self.next_appointment = self.add_date(
                form, "next_appointment", FollowUps.NEXT, hint=FollowUps.NEXT_HINT, min_date=today
            )
            form.add_widget(
                lambda p: RButton(p, text=FollowUps.SAVE, bootstyle="primary", command=self.save)
            )
            self.clear_form()

        self.source = ListSource([c.key for c in FOLLOW_UP_COLUMNS], [])
        self.table = PagedTable(
            self.main, FOLLOW_UP_COLUMNS, self.source, height=10, empty_text=FollowUps.EMPTY
        )
        self.table.pack(fill="both", expand=True)
        if self.can_write:
            actions = ttk.Frame(self.main)
            actions.pack(fill="x", pady=(8, 0))
            self.close_button = RButton(
                actions, text=FollowUps.CLOSE, bootstyle="secondary", command=self.close_selected
            )
            self.close_button.pack(side="right")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.follow_ups(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    record.held_on,
                    FOLLOW_UP_KIND_NAMES.get(record.kind, record.kind),
                    first_line(record.notes),
                    record.next_appointment,
                    DONE_MARK if record.done else "",
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def clear_form(self) -> None:
        """Empty the form for the next note; the kind stays (notes come in runs)."""
        assert self.form is not None
        today = dt.date.today()
        self.held_on.max_date = today
        self.held_on.set_date(today)
        self.notes.set("")
        self.next_appointment.min_date = today
        self.next_appointment.set_date(None)
        self.form.clear_errors()

    def save(self) -> None:
        if self.form is None:
            return
        values = {name: field_value(widget) for name, widget in self.form.fields.items()}
        record = self.attempt(
            lambda: casework.add_follow_up(
                self.session,
                self.applicant_id,
                kind=values["kind"],
                held_on=values["held_on"],
                notes=values["notes"],
                next_appointment=values["next_appointment"] or None,
            )
        )
        if record is None:
            return
        self.clear_form()
        self.say(FollowUps.SAVED.format(date=format_jalali(record.held_on)))
        self.refresh(select=record.id)
        self.notes.focus_set()
        self.changed()

    def close_selected(self) -> None:
        record = self.selected(self.table, self.records)
        if record is None:
            return
        if record.next_appointment is None or record.done:
            self.say(FollowUps.NO_APPOINTMENT, "warning")
            return
        if self.attempt(lambda: casework.close_follow_up(self.session, record.id) or True) is None:
            return
        self.say(FollowUps.CLOSED.format(date=format_jalali(record.next_appointment)))
        self.refresh(select=record.id)


# -- ideas -------------------------------------------------------------------------------

IDEA_COLUMNS = [
    Column("title", Ideas.TITLE, 200),
    Column("field", Ideas.FIELD, 120),
    Column("capital", Ideas.CAPITAL, 130, kind="money"),
    Column("status", Ideas.STATUS, 110),
]


class IdeasTab(CaseworkTab):
    """Business ideas: add, edit (Enter on a row), move along their status."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, IdeaRecord] = {}
        self.editing: IdeaRecord | None = None
        unit = context.settings.money_unit
        form = self.build_form(Ideas.ADD_TITLE, on_cancel=self.cancel_edit)
        if form is not None:
            self.texts = {
                name: add_field(form, name, label, lambda p: RtlEntry(p, width=ENTRY_WIDTH))
                for name, label in (
                    ("title", Ideas.TITLE),
                    ("field", Ideas.FIELD),
                    ("description", Ideas.DESCRIPTION),
                )
            }
            self.capital = add_field(
                form,
                "capital",
                Ideas.CAPITAL_IN.format(unit=unit.label),
                lambda p: MoneyEntry(p, unit=unit, width=ENTRY_WIDTH),
            )
            buttons = form.add_widget(ttk.Frame)
            self.save_button = RButton(
                buttons, text=Ideas.ADD, bootstyle="primary", command=self.save
            )
            self.save_button.pack(side="right")
            self.cancel_button = RButton(
                buttons, text=Common.CANCEL, bootstyle="secondary", command=self.cancel_edit
            )

        self.source = ListSource([c.key for c in IDEA_COLUMNS], [])
        self.table = PagedTable(
            self.main,
            IDEA_COLUMNS,
            self.source,
            height=10,
            money_unit=unit,
            empty_text=Ideas.EMPTY,
            on_activate=self.start_edit if self.can_write else None,
        )
        self.table.pack(fill="both", expand=True)
        if self.can_write:
            actions = ttk.Frame(self.main)
            actions.pack(fill="x", pady=(8, 0))
            RLabel(actions, text=Ideas.STATUS).pack(side="right")
            self.status_choice = ChoiceBox(actions, list(IDEA_STATUS_NAMES.items()), width=18)
            self.status_choice.pack(side="right", padx=(0, 6))
            RButton(
                actions, text=Ideas.SET_STATUS, bootstyle="secondary", command=self.set_status
            ).pack(side="right", padx=(0, 6))
            RButton(
                actions,
                text=Ideas.EDIT,
                bootstyle="secondary-outline",
                command=lambda: self.start_edit(self.table.selected_id or ""),
            ).pack(side="right", padx=(0, 18))
            self.table.tree.bind("<<TreeviewSelect>>", self._on_select, add="+")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.ideas(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    record.title,
                    record.field,
                    record.capital_rials or None,  # none stated: an empty cell
                    IDEA_STATUS_NAMES.get(record.status, record.status),
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()

    def save(self) -> None:
        if self.form is None:
            return
        try:
            capital = self.capital.get_rials() or 0
        except ValueError as error:
            self.form.show_errors({"capital": str(error)})
            return
        values = {name: entry.get() for name, entry in self.texts.items()}
        editing = self.editing
        if editing is None:
            record = self.attempt(
                lambda: casework.add_idea(
                    self.session, self.applicant_id, capital=capital, **values
                )
            )
            done = Ideas.ADDED
        else:
            record = self.attempt(
                lambda: casework.update_idea(
                    self.session, editing.id, capital=capital, status=editing.status, **values
                )
            )
            done = Ideas.UPDATED
        if record is None:
            return
        self.cancel_edit()
        self.say(done.format(title=record.title))
        self.refresh(select=record.id)

    def start_edit(self, idea_id: str) -> None:
        """Load the idea into the form; saving it updates it (Escape leaves edit mode)."""
        record = self.records.get(idea_id)
        if self.form is None or record is None:
            self.say(Common.SELECT_FIRST, "warning")
            return
        self.editing = record
        for name, entry in self.texts.items():
            entry.set(getattr(record, name))
        self.capital.set_rials(record.capital_rials or None)
        self.form.clear_errors()
        self.table.selected_id = record.id
        self.table.refresh()
        self.form_title.set_text(Ideas.EDIT_TITLE)
        self.save_button.set_text(Ideas.SAVE)
        self.cancel_button.pack(side="right", padx=(0, 6))
        self.say("")
        self.form.focus_first()

    def cancel_edit(self) -> None:
        """Back to adding a new idea, with an empty form."""
        if self.form is None:
            return
        self.editing = None
        for entry in self.texts.values():
            entry.set("")
        self.capital.set("")
        self.form.clear_errors()
        self.form_title.set_text(Ideas.ADD_TITLE)
        self.save_button.set_text(Ideas.ADD)
        self.cancel_button.pack_forget()

    def set_status(self) -> None:
        record = self.selected(self.table, self.records)
        status = self.status_choice.get_key()
        if record is None or not status:
            return
        updated = self.attempt(lambda: casework.set_idea_status(self.session, record.id, status))
        if updated is None:
            return
        self.say(
            Ideas.STATUS_SET.format(title=updated.title, status=IDEA_STATUS_NAMES[updated.status])
        )
        self.refresh(select=updated.id)

    def _on_select(self, _event: tk.Event) -> None:
        record = self.records.get(self.table.selected_id or "")
        if record is not None:
            self.status_choice.set_key(record.status)


# -- outcomes ----------------------------------------------------------------------------

OUTCOME_COLUMNS = [
    Column("kind", Outcomes.KIND, 115),
    Column("started_on", Outcomes.STARTED_ON, 90, kind="date"),
    Column("employer", Outcomes.EMPLOYER, 150),
    Column("partner", Outcomes.PARTNER, 160),
    Column("verified", Outcomes.VERIFIED, 65, sortable=False),
]


class OutcomesTab(CaseworkTab):
    """Jobs and businesses started, credited to a partner body; the manager verifies."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.records: dict[str, OutcomeRecord] = {}
        form = self.build_form(Outcomes.ADD_TITLE)
        if form is not None:
            kinds = list(OUTCOME_KIND_NAMES.items())
            partners = [("", Casework.NO_PARTNER), *reference.partners(self.session)]
            self.kind = add_field(form, "kind", Outcomes.KIND, lambda p: ChoiceBox(p, kinds))
            self.started_on = self.add_date(
                form, "started_on", Outcomes.STARTED_ON, max_date=dt.date.today()
            )
            self.employer = add_field(
                form, "employer", Outcomes.EMPLOYER, lambda p: RtlEntry(p, width=ENTRY_WIDTH)
            )
            self.partner = add_field(
                form, "partner_id", Outcomes.PARTNER, lambda p: ChoiceBox(p, partners)
            )
            form.add_widget(
                lambda p: RButton(p, text=Outcomes.ADD, bootstyle="primary", command=self.save)
            )
            self.clear_form()

        self.source = ListSource([c.key for c in OUTCOME_COLUMNS], [])
        self.table = PagedTable(
            self.main, OUTCOME_COLUMNS, self.source, height=10, empty_text=Outcomes.EMPTY
        )
        self.table.pack(fill="both", expand=True)
        self.verify_button: RButton | None = None
        if self.session.is_admin:
            actions = ttk.Frame(self.main)
            actions.pack(fill="x", pady=(8, 0))
            self.verify_button = RButton(
                actions, text=Outcomes.VERIFY, bootstyle="success", command=self.verify_selected
            )
            self.verify_button.pack(side="right")
            self.table.tree.bind("<<TreeviewSelect>>", self._on_select, add="+")
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        records = self.load(lambda: casework.outcomes(self.session, self.applicant_id))
        self.records = {record.id: record for record in records}
        self.source.rows = [
            (
                record.id,
                (
                    OUTCOME_KIND_NAMES.get(record.kind, record.kind),
                    record.started_on,
                    record.employer,
                    record.partner_name,
                    DONE_MARK if record.verified else "",
                ),
            )
            for record in records
        ]
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()
        self._on_select(None)

    def clear_form(self) -> None:
        assert self.form is not None
        self.kind.set_key("wage_job")
        self.started_on.max_date = dt.date.today()
        self.started_on.set_date(dt.date.today())
        self.employer.set("")
        self.partner.set_key("")
        self.form.clear_errors()

    def save(self) -> None:
        if self.form is None:
            return
        values = {name: field_value(widget) for name, widget in self.form.fields.items()}
        before = self._status()
        record = self.attempt(
            lambda: casework.add_outcome(
                self.session,
                self.applicant_id,
                kind=values["kind"],
                started_on=values["started_on"],
                employer=values["employer"],
                partner_id=values["partner_id"] or None,
            )
        )
        if record is None:
            return
        after = self._status()
        kind = OUTCOME_KIND_NAMES[record.kind]
        if after != before and after:
            self.say(Outcomes.ADDED_STATUS.format(kind=kind, status=STATUS_NAMES[after]))
        else:
            self.say(Outcomes.ADDED.format(kind=kind))
        self.clear_form()
        self.refresh(select=record.id)
        self.changed()

    def verify_selected(self) -> None:
        record = self.selected(self.table, self.records)
        if record is None:
            return
        verified = not record.verified
        updated = self.attempt(lambda: casework.verify_outcome(self.session, record.id, verified))
        if updated is None:
            return
        done = Outcomes.VERIFIED_DONE if updated.verified else Outcomes.UNVERIFIED_DONE
        self.say(done.format(kind=OUTCOME_KIND_NAMES[updated.kind]))
        self.refresh(select=updated.id)

    def _status(self) -> str:
        try:
            return applicants.get(self.session, self.applicant_id).status
        except UserError:
            return ""

    def _on_select(self, _event: tk.Event | None) -> None:
        if self.verify_button is None:
            return
        record = self.records.get(self.table.selected_id or "")
        verified = record is not None and record.verified
        self.verify_button.set_text(Outcomes.UNVERIFY if verified else Outcomes.VERIFY)
        self.verify_button.configure(bootstyle="secondary" if verified else "success")


# -- links -------------------------------------------------------------------------------

LINK_COLUMNS = [
    Column("kind", Links.KIND, 90),
    Column("name", Links.NAME, 150),
    Column("file_number", Links.FILE_NUMBER, 115, kind="identifier"),
    Column("mobile", Links.MOBILE, 110, kind="identifier"),
    Column("reasons", Links.REASONS, 390),
    Column("score", Links.SCORE, 55, kind="number"),
]


class LinksTab(CaseworkTab):
    """People to introduce this person to, found on request off the Tk thread."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        on_open_applicant: OpenApplicant | None = None,
    ):
        super().__init__(master, context, applicant_id, on_open_applicant)
        self.side.pack_forget()  # nothing to add: the table takes the whole tab
        self.suggestions: list[LinkSuggestion] | None = None
        top = ttk.Frame(self.main)
        top.pack(fill="x")
        self.find_button = RButton(top, text=Links.FIND, bootstyle="primary", command=self.find)
        self.find_button.pack(side="right")
        RLabel(top, text=Links.INTRO, bootstyle="secondary", wraplength=760).pack(
            side="right", fill="x", expand=True, padx=(0, 12)
        )
        self.message = RLabel(self.main, text=Links.NOT_YET)
        self.message.pack(fill="x", pady=(8, 4))
        self.source = ListSource([c.key for c in LINK_COLUMNS], [])
        self.table = PagedTable(
            self.main,
            LINK_COLUMNS,
            self.source,
            height=10,
            empty_text=Links.NONE_FOUND,
            on_activate=self._open,
        )
        self.table.pack(fill="both", expand=True)
        if on_open_applicant is not None:
            RLabel(self.main, text=Links.OPEN_HINT, bootstyle="secondary", font="-size 9").pack(
                fill="x", pady=(4, 0)
            )

    def refresh(self) -> None:
        """Search again if a search was made (the registry may have changed)."""
        if self.suggestions is not None:
            self.find()

    def find(self) -> None:
        session, applicant_id = self.session, self.applicant_id

        def work(progress: Progress) -> list[LinkSuggestion]:
            found = casework.suggest_links(session, applicant_id)
            progress.step(1, 1)  # honours a Cancel pressed during the search
            return found

        self.find_button.configure(state="disabled")
        self.context.runner.run(
            self,
            Links.FINDING,
            work,
            self._found,
            self._failed,
            on_cancelled=lambda: self._finished(Links.CANCELLED, "warning"),
        )

    def _found(self, suggestions: list[LinkSuggestion]) -> None:
        if not self.winfo_exists():
            return
        self.suggestions = suggestions
        self.source.rows = [
            (
                suggestion.applicant.id,
                (
                    LINK_KIND_NAMES.get(suggestion.kind, suggestion.kind),
                    suggestion.applicant.full_name,
                    suggestion.applicant.file_number,
                    suggestion.applicant.mobile,
                    REASON_SEPARATOR.join(suggestion.reasons),
                    suggestion.score,
                ),
            )
            for suggestion in suggestions
        ]
        self.table.set_source(self.source)
        count = len(suggestions)
        found = Links.FOUND.format(count=persian_digits(count)) if count else Links.NONE_FOUND
        self._finished(found, "success")

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error  # a bug: the app's reporter logs it and says so
        if self.winfo_exists():
            self._finished(error.message, "danger")

    def _finished(self, text: str, style: str) -> None:
        if not self.winfo_exists():
            return
        self.find_button.configure(state="normal")
        self.say(text, style)

    def _open(self, applicant_id: str) -> None:
        if self.on_open_applicant is not None:
            self.on_open_applicant(applicant_id)
