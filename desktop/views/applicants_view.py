"""The applicant registry's screens: search list, register/edit form, file page.

`ApplicantsView` is what the main window shows for «متقاضیان». It keeps a small
stack of pages inside itself, so the navigation stays on «متقاضیان» while the clerk
goes from the list to a file, to its form and back. The search page lives as long as
the view (its query, filters, scroll position and selection survive a visit to a
file); the pages above it are built when opened and destroyed when left.

Search as you type: each keystroke cancels the pending search and schedules another
DEBOUNCE_MS later, so a fast typist causes one query, not ten. A search is a page
source (`ApplicantSearch`): the table fetches exactly the rows it shows.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import applicants, courses
from desktop.services.applicant_search import COUNT_CAP, ApplicantSearch, Filters
from desktop.services.applicants import ApplicantRecord, Category, Status
from desktop.strings import CATEGORY_NAMES, STATUS_NAMES
from desktop.strings.applicant_views import ALL, TITLE, Columns, Search
from desktop.text.digits import group_thousands
from desktop.text.display import ltr_in_rtl
from desktop.views.applicant_file import ApplicantFile
from desktop.views.applicant_form import ApplicantForm
from desktop.views.widgets.button_row import tab_right_to_left
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.keys import bind_keys, then_break
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry

DEBOUNCE_MS = 150
# Ctrl+N with a Persian keyboard layout active reports the Persian letter's keysym.
NEW_KEYS = ("<Control-n>", "<Control-N>", "<Control-Arabic_dal>")
COLUMNS = [
    Column("file_number", Columns.FILE_NUMBER, 115, kind="identifier"),
    Column("last_name", Columns.LAST_NAME, 130, main=True),
    Column("first_name", Columns.FIRST_NAME, 105, main=True),
    Column("father_name", Columns.FATHER_NAME, 100),
    Column("national_code", Columns.NATIONAL_CODE, 100, kind="identifier"),
    Column("mobile", Columns.MOBILE, 105, kind="identifier"),
    Column("district", Columns.DISTRICT, 55, kind="number"),
    Column("status", Columns.STATUS, 105),
    Column("registered_on", Columns.REGISTERED_ON, 90, kind="date"),
]
# Where each of our columns sits in a search row (ApplicantSearch.keys order).
_POSITIONS = [ApplicantSearch.keys.index(column.key) for column in COLUMNS]
_STATUS = ApplicantSearch.keys.index("status")


class ResultSource:
    """An ApplicantSearch as the table wants it: our column order, Persian statuses."""

    def __init__(self, search: ApplicantSearch):
        self.search = search

    @property
    def capped(self) -> bool:
        return self.search.capped

    def count(self) -> int:
        return self.search.count()

    def fetch(
        self, offset: int, limit: int, sort: str | None, descending: bool
    ) -> list[tuple[str, tuple[Any, ...]]]:
        rows = self.search.fetch(offset, limit, sort, descending)
        return [(row_id, self._values(values)) for row_id, values in rows]

    @staticmethod
    def _values(values: tuple[Any, ...]) -> tuple[Any, ...]:
        shown = list(values)
        shown[_STATUS] = STATUS_NAMES.get(values[_STATUS], values[_STATUS])
        return tuple(shown[position] for position in _POSITIONS)


class ResultTable(PagedTable):
    """The paged table, saying "of more than 1,000" when the count stopped at the cap."""

    def _update_status(self, shown: int) -> None:
        super()._update_status(shown)
        source = self.source
        if shown and isinstance(source, ResultSource) and source.capped:
            self.status.set_text(
                Search.STATUS_CAPPED.format(
                    first=group_thousands(self.offset + 1),
                    last=group_thousands(self.offset + shown),
                    count=group_thousands(COUNT_CAP),
                )
            )


class SearchPage(ttk.Frame):
    """The list: a search box, filters, and the results, keyboard-first."""

    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        *,
        on_open: Callable[[str], object],
        on_new: Callable[[], object],
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.on_open = on_open
        self.on_new = on_new
        self.can_register = self.session.role in applicants.WRITERS
        self._pending: str | None = None  # the scheduled search's after id
        self.source: ResultSource | None = None

        # Created in Tab order (search box, filters, table, buttons); packed in place.
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(10, 0))
        self.entry = RtlEntry(row, width=36, font="-size 12")
        self.entry.pack(side="right", ipady=2)
        self.placeholder = RLabel(row, text=Search.HINT, bootstyle="secondary", font="-size 11")
        self.placeholder.place(in_=self.entry, relx=1.0, rely=0.5, x=-8, anchor="e")
        self.placeholder.bind("<Button-1>", lambda _e: self.entry.focus_set())
        self.filters: dict[str, ChoiceBox] = {}
        # Beside the box, or under it (wrapping onto more lines) when narrow.
        self.filter_bar = FlowRow(self, gap=18)
        self.filter_bar.pack(in_=row, side="right", padx=(18, 0))
        self._filters_beside = True
        district_choices = [(str(n), name) for n, name in applicants.districts(self.session)]
        for key, label, choices, width in (
            ("category", Search.CATEGORY, list(CATEGORY_NAMES.items()), 20),
            ("district", Search.DISTRICT, district_choices, 11),
            ("status", Search.STATUS, list(STATUS_NAMES.items()), 14),
            ("course", Search.COURSE, self._course_choices(), 18),
        ):
            group = self.filter_bar.add(ttk.Frame(self.filter_bar))
            RLabel(group, text=label).pack(side="right", padx=(0, 6))
            box = self.filters[key] = ChoiceBox(group, [("", ALL), *choices], width=width)
            box.set_key("")
            box.pack(side="right")
            box.bind("<<ComboboxSelected>>", lambda _e: self.search_now(), add="+")
        self.search_row = row

        info = ttk.Frame(self)
        info.pack(fill="x", pady=(8, 4))
        self.count_label = RLabel(info, text="", font="-weight bold")
        self.count_label.pack(side="right")
        keys = Search.KEYS if self.can_register else Search.KEYS_READ_ONLY
        RLabel(info, text=keys, bootstyle="secondary", font="-size 9").pack(side="left")

        self.table = ResultTable(self, COLUMNS, None, on_activate=self.on_open, height=8)
        self.table.pack(fill="both", expand=True)
        self.bind("<Configure>", self._fit_filters, add="+")

        top = ttk.Frame(self)
        top.pack(fill="x", before=row)
        RLabel(top, text=TITLE, font="-size 16 -weight bold").pack(side="right")
        self.buttons: dict[str, RButton] = {}
        if self.can_register:
            self.buttons["new"] = RButton(
                top, text=f"+ {Search.NEW}", bootstyle="primary", command=self.on_new
            )
            self.buttons["new"].pack(side="left")
        self.buttons["open"] = RButton(
            top, text=Search.OPEN, bootstyle="secondary-outline", command=self.open_selected
        )
        self.buttons["open"].pack(side="left", padx=(8, 0))
        self.buttons["export"] = RButton(
            top, text=Search.EXPORT, bootstyle="secondary-outline", command=self.export
        )
        self.buttons["export"].pack(side="left", padx=(8, 0))
        tab_right_to_left(
            [self.buttons[key] for key in ("export", "open", "new") if key in self.buttons]
        )

        self.entry.bind(CHANGED, self._on_typed, add="+")
        for sequence in ("<Return>", "<KP_Enter>"):
            self.entry.bind(sequence, then_break(self.enter_pressed))
        self.entry.bind("<Down>", then_break(self.into_table))
        self.entry.bind("<Escape>", then_break(self.clear_search))
        self.table.tree.bind("<Up>", self._up_from_table)
        self.message = MessageLine(self, bootstyle="success", scope=self)
        self.message.pack(fill="x", pady=(6, 0))
        if self.can_register:
            bind_keys(self, NEW_KEYS, self.on_new)
        self.search_now()

    # -- searching -------------------------------------------------------------------

    def _on_typed(self, _event: tk.Event | None = None) -> None:
        self._show_placeholder()
        self._cancel_pending()
        self._pending = self.after(DEBOUNCE_MS, self.search_now)

    def search_now(self) -> None:
        """Run the query as it stands (the debounce's end, a filter change, Enter)."""
        self._cancel_pending()
        self._show_placeholder()
        search = ApplicantSearch(self.session, self.entry.get(), self._filters())
        self.source = ResultSource(search)
        if search.unfiltered:
            self.table.empty_label.set_text(
                Search.EMPTY_REGISTRY_WRITER if self.can_register else Search.EMPTY_REGISTRY
            )
        else:
            self.table.empty_label.set_text(Search.NOTHING_FOUND)
        self.table.set_source(self.source)
        self._show_count()

    def export(self) -> None:
        """The current result (query, filters and order as shown) to Excel or CSV."""
        from desktop.views.applicant_export import export_applicants

        search = ApplicantSearch(self.session, self.entry.get(), self._filters())
        table = self.table
        export_applicants(
            self, self.context, search, sort=table.sort_key, descending=table.descending
        )

    def refresh(self, select: str | None = None) -> None:
        """Run the same query again (a file changed), keeping the place in the list."""
        search = ApplicantSearch(self.session, self.entry.get(), self._filters())
        self.source = ResultSource(search)
        self.table.source = self.source
        if select is not None:
            self.table.selected_id = select
        self.table.refresh()
        self._show_count()

    def _filters(self) -> Filters:
        category = self.filters["category"].get_key()
        district = self.filters["district"].get_key()
        status = self.filters["status"].get_key()
        course = self.filters["course"].get_key()
        return Filters(
            category=Category(category) if category else None,
            district=int(district) if district else None,
            status=Status(status) if status else None,
            course=course or None,
        )

    def _course_choices(self) -> list[tuple[str, str]]:
        """The courses this user may see (a trainer: their own), newest first."""
        return [
            (
                record.id,
                Search.COURSE_CHOICE.format(code=ltr_in_rtl(record.code), title=record.title),
            )
            for record in courses.list_courses(self.session)
        ]

    def _show_count(self) -> None:
        assert self.source is not None
        if self.source.capped:
            text = Search.COUNT_CAPPED.format(count=group_thousands(COUNT_CAP))
        else:
            text = Search.COUNT.format(count=group_thousands(self.source.count()))
        self.count_label.set_text(text)

    def _show_placeholder(self) -> None:
        if self.entry.get():
            self.placeholder.place_forget()
        else:
            self.placeholder.place(in_=self.entry, relx=1.0, rely=0.5, x=-8, anchor="e")

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self.after_cancel(self._pending)
            self._pending = None

    @property
    def pending(self) -> str | None:
        return self._pending

    # -- narrow windows --------------------------------------------------------------

    def _fit_filters(self, event: tk.Event) -> None:
        """Filters stand beside the search box, or under it when they do not fit."""
        if event.widget is not self:
            return
        needed = self.entry.winfo_reqwidth() + self.filter_bar.natural_width() + 18
        beside = event.width >= needed
        if beside == self._filters_beside:
            return
        self._filters_beside = beside
        self.filter_bar.pack_forget()
        if beside:
            self.filter_bar.pack(in_=self.search_row, side="right", padx=(18, 0))
        else:
            self.filter_bar.pack(in_=self, after=self.search_row, fill="x", pady=(6, 0))

    # -- keys ------------------------------------------------------------------------

    def enter_pressed(self) -> None:
        """Enter in the search box: one match opens; several move into the list."""
        if self._pending is not None:
            self.search_now()
        if self.table.total == 1:
            row_id, _values = self.table.visible_rows()[0]
            self.on_open(row_id)
        elif self.table.selected_id is not None and self.table.total:
            self.on_open(self.table.selected_id)
        else:
            self.into_table()

    def into_table(self) -> None:
        if self._pending is not None:
            self.search_now()
        if not self.table.total:
            return
        if self.table.selected_id is None:
            self.table.select_index(self.table.offset)
        self.table.tree.focus_set()

    def _up_from_table(self, _event: tk.Event) -> str:
        """Up on the first row goes back to the search box."""
        rows = self.table.tree.get_children()
        if self.table.offset == 0 and (not rows or self.table.selected_id in (None, rows[0])):
            self.focus_default()
        else:
            self.table.move_selection(-1)
        return "break"

    def clear_search(self) -> None:
        """Escape in a non-empty search box starts again."""
        if self.entry.get():
            self.entry.set("")
            self.search_now()

    def open_selected(self) -> None:
        if self.table.selected_id is None:
            self.say(Search.SELECT_FIRST, "warning")
            self.focus_default()
            return
        self.on_open(self.table.selected_id)

    def focus_default(self) -> None:
        self.entry.focus_set()

    def say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def destroy(self) -> None:
        self._cancel_pending()
        super().destroy()


class ApplicantsView(ttk.Frame):
    """The registry's pages on a small stack: the search list, then a file or a form."""

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.search = SearchPage(self, context, on_open=self.open_file, on_new=self.open_new)
        self.stack: list[tk.Widget] = [self.search]
        self._show_top()

    @property
    def page(self) -> tk.Widget:
        return self.stack[-1]

    # -- navigation ------------------------------------------------------------------

    def open_file(
        self, applicant_id: str, *, message: str = "", tab: str = "details", replace: int = 0
    ) -> ApplicantFile | None:
        """Show a file over the list, replacing the `replace` pages above the list."""
        try:
            page = ApplicantFile(
                self,
                self.context,
                applicant_id,
                on_back=self.back_to_list,
                on_edit=self.open_edit,
                on_changed=self._file_changed,
                on_deleted=self._file_deleted,
                tab=tab,
            )
        except UserError as error:  # gone since the list was drawn (another desk)
            self.back_to_list(message=error.message, style="danger")
            return None
        self._pop(replace)
        if message:
            page.show_confirmation(message)
        self.stack.append(page)
        self._show_top()
        return page

    def open_new(self) -> ApplicantForm:
        return self._open_form(None)

    def open_edit(self, record: ApplicantRecord) -> ApplicantForm:
        return self._open_form(record)

    def back_to_list(
        self, *, select: str | None = None, message: str = "", style: str = "success"
    ) -> None:
        current = self.page
        came_from = getattr(current, "record", None)
        self._pop(len(self.stack) - 1)
        if select is None and came_from is not None and not came_from.deleted:
            select = came_from.id
        self.search.refresh(select=select)
        self.search.say(message, style)
        self._show_top()

    def _open_form(self, record: ApplicantRecord | None) -> ApplicantForm:
        form = ApplicantForm(
            self,
            self.context,
            record=record,
            on_saved=self._saved,
            on_cancel=self._form_cancelled,
            on_open_existing=lambda applicant_id: self.open_file(applicant_id, replace=1),
        )
        self.stack.append(form)
        self._show_top()
        return form

    def _saved(self, record: ApplicantRecord, created: bool, message: str) -> None:
        # A new file replaces the form; an edited one replaces the form and the old page.
        self.open_file(record.id, message=message, replace=len(self.stack) - 1)

    def _form_cancelled(self) -> None:
        if len(self.stack) == 2:
            self.back_to_list()
        else:
            self._pop(1)
            self._show_top()

    def _file_changed(self, applicant_id: str, message: str, tab: str) -> None:
        self.open_file(applicant_id, message=message, tab=tab, replace=1)

    def _file_deleted(self, record: ApplicantRecord, message: str) -> None:
        self.back_to_list(message=message)

    def _pop(self, count: int) -> None:
        for _ in range(count):
            if len(self.stack) > 1:
                self.stack.pop().destroy()

    def _show_top(self) -> None:
        for page in self.stack[:-1]:
            page.pack_forget()
        self.page.pack(fill="both", expand=True)
        if self.page is not self.search:
            self.search.say("")
        self.page.focus_default()  # type: ignore[attr-defined]
