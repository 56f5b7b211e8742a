"""The «رویدادنگار» page (a center's administrator; HQ's at HQ): the audit trail — every
change and every event, newest first — filtered by period, user, kind, table and text,
shown a page at a time («ردیف‌های بیشتر» goes on where the last page ended), exported
to Excel or CSV, and its hash chains checked on request.

Every action calls services/audit_trail.py. Listing a page is a few milliseconds and
runs here; the export and the chains' check run on the app's runner (progress,
Cancel). The save dialog is a module-level hook (or a parameter), so tests never open
one.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import audit_trail
from desktop.services.audit_trail import TrailEntry, TrailFilter, TrailPage, Verdict
from desktop.services.progress import Progress
from desktop.strings.audit import ENTITY_NAMES, KIND_NAMES
from desktop.strings.audit_views import AuditPage as Text
from desktop.text.digits import group_thousands, persian_digits
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import JalaliDateError, format_jalali_datetime
from desktop.views.widgets import file_dialog
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import RtlEntry
from desktop.views.widgets.sources import ListSource

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path

PAGE = 100  # entries a page (and each «more») brings
COLUMNS = [  # 730 px: whole in the page of a 1024-pixel-wide screen
    Column("at", Text.COLUMN_AT, 120, sortable=False),
    Column("user", Text.COLUMN_USER, 80, kind="identifier", sortable=False),
    Column("kind", Text.COLUMN_KIND, 55, sortable=False),
    Column("entity", Text.COLUMN_ENTITY, 95, sortable=False),
    Column("action", Text.COLUMN_ACTION, 120, sortable=False),
    Column("summary", Text.COLUMN_SUMMARY, 260, sortable=False),
]
FILE_TYPES = {".xlsx": Text.EXCEL_FILES, ".csv": Text.CSV_FILES}


def cells(entry: TrailEntry) -> tuple[str, ...]:
    """An entry as its row shows it (logical text; the table converts it)."""
    return (
        format_jalali_datetime(entry.at),
        entry.username or Text.NO_USER,
        entry.kind_name,
        entry.entity_name,
        entry.action_name,
        " ".join(entry.summary.split()),
    )


def chain_text(verdict: Verdict, checked_at: dt.datetime) -> str:
    """The chains' state in a sentence."""
    when = format_jalali_datetime(checked_at)
    broken = verdict.broken
    if broken is None:
        return Text.CHAIN_WHOLE.format(
            changes=group_thousands(verdict.changes),
            events=group_thousands(verdict.events),
            when=when,
        )
    table = Text.TABLES.get(broken.table, broken.table)
    if broken.center_code:
        table = Text.CENTER_TABLE.format(center=ltr_in_rtl(broken.center_code))
    return Text.CHAIN_BROKEN.format(
        table=table,
        entry=persian_digits(broken.entry),
        reason=Text.REASONS.get(broken.reason, broken.reason),
        when=when,
    )


class AuditView(ttk.Frame):
    def __init__(
        self, master: tk.Misc, context: AppContext, *, ask_save: Callable[..., Any] | None = None
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_save = ask_save or ask_save_path
        self.filters = TrailFilter()
        self.entries: dict[str, TrailEntry] = {}
        self.next_page: str | None = None
        page_heading(self, Text.TITLE, Text.INTRO)

        chain = ttk.Frame(self)
        chain.pack(fill="x", pady=(6, 0))
        self.verify_button = RButton(
            chain, text=Text.VERIFY, bootstyle="secondary", command=self.verify
        )
        self.verify_button.pack(side="right", anchor="n")
        self.chain_line = RLabel(chain, text=Text.CHAIN_UNCHECKED, wraplength=560)
        self.chain_line.pack(side="right", fill="x", expand=True, padx=(0, 10))

        # The filters side by side, wrapping onto another line in a narrow window.
        form = FlowRow(self, gap=14)
        form.pack(fill="x", pady=(10, 0))
        self.start = JalaliDateEntry(form.field(Text.FROM), width=10)
        self.end = JalaliDateEntry(form.field(Text.TO), width=10)
        users = [(name, name) for name in audit_trail.user_names(self.session)]
        self.user = ChoiceBox(form.field(Text.USER), [("", Text.ALL), *users], width=12)
        self.kind = ChoiceBox(form.field(Text.KIND), [("", Text.ALL), *KIND_NAMES.items()], width=8)
        tables = sorted(ENTITY_NAMES.items(), key=lambda item: item[1])
        self.entity = ChoiceBox(form.field(Text.ENTITY), [("", Text.ALL), *tables], width=14)
        self.text = RtlEntry(form.field(Text.TEXT), width=16)
        for widget in (self.start, self.end, self.user, self.kind, self.entity, self.text):
            widget.pack(side="right")
        for choice in (self.user, self.kind, self.entity):
            choice.set_key("")
        for sequence in ("<Return>", "<KP_Enter>"):
            self.text.bind(sequence, lambda _e: self.show())

        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        self.show_button = RButton(actions, text=Text.SHOW, bootstyle="primary", command=self.show)
        self.show_button.pack(side="right")
        self.clear_button = RButton(
            actions, text=Text.CLEAR, bootstyle="secondary-outline", command=self.clear_filters
        )
        self.clear_button.pack(side="right", padx=(8, 0))
        # Made right to left (Tab's order), packed from the left edge: CSV, then Excel.
        self.excel_button = RButton(
            actions, text=Text.EXCEL, bootstyle="secondary", command=lambda: self.save(".xlsx")
        )
        self.csv_button = RButton(
            actions, text=Text.CSV, bootstyle="secondary", command=lambda: self.save(".csv")
        )
        self.csv_button.pack(side="left")
        self.excel_button.pack(side="left", padx=(0, 8))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(6, 0))

        self.source = ListSource([column.key for column in COLUMNS], [])
        self.table = PagedTable(self, COLUMNS, self.source, height=6, empty_text=Text.EMPTY)
        self.table.pack(fill="both", expand=True, pady=(4, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda _e: self._show_detail(), add="+")
        footer = ttk.Frame(self)
        footer.pack(fill="x", pady=(4, 0))
        self.count_line = RLabel(footer, text="", bootstyle="secondary")
        self.count_line.pack(side="right")
        self.more_button = RButton(
            footer, text=Text.MORE, bootstyle="secondary-outline", command=self.load_more
        )
        self.more_button.pack(side="left")
        self.detail = RLabel(self, text=Text.DETAIL_HINT, wraplength=640, bootstyle="secondary")
        self.detail.pack(fill="x", pady=(6, 0))
        self.show()

    # -- the listing ---------------------------------------------------------------------------

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)

    def _read_filters(self) -> TrailFilter | None:
        """The filters as typed, or None (a message says what is wrong)."""
        days: list[dt.date | None] = []
        for entry in (self.start, self.end):
            try:
                days.append(entry.get_date())
            except JalaliDateError as error:
                self._say(str(error), "danger")
                entry.entry.focus_set()
                return None
        try:
            return audit_trail.parse_filter(
                start=days[0],
                end=days[1],
                user=self.user.get_key(),
                kind=self.kind.get_key(),
                entity=self.entity.get_key(),
                text=self.text.get(),
            )
        except UserError as error:
            self._say(error.message, "danger")
            return None

    def show(self) -> None:
        """The newest page the filters match, in place of what was shown."""
        self.message.clear()
        filters = self._read_filters()
        if filters is None:
            return
        page = self._page(filters, None)
        if page is None:
            return
        self.filters = filters
        self.entries = {}
        self.source.rows = []
        self._add(page)
        self.table.set_source(self.source)
        self._show_detail()

    def load_more(self) -> None:
        """The next page, after the rows shown; the first new row selected."""
        if self.next_page is None:
            return
        page = self._page(self.filters, self.next_page)
        if page is None:
            return
        shown = len(self.source.rows)
        self._add(page)
        self.table.refresh()
        if page.entries:
            self.table.select_index(shown)

    def clear_filters(self) -> None:
        for entry in (self.start, self.end):
            entry.set_date(None)
        for choice in (self.user, self.kind, self.entity):
            choice.set_key("")
        self.text.set("")
        self.show()

    def _page(self, filters: TrailFilter, after: str | None) -> TrailPage | None:
        try:
            return audit_trail.listing(self.session, filters, after=after, limit=PAGE)
        except UserError as error:
            self._say(error.message, "danger")
            return None

    def _add(self, page: TrailPage) -> None:
        for entry in page.entries:
            self.entries[entry.key] = entry
            self.source.rows.append((entry.key, cells(entry)))
        self.next_page = page.after
        self.more_button.configure(state="normal" if page.after else "disabled")
        count = group_thousands(len(self.source.rows))
        shown = Text.SHOWN_MORE if page.after else Text.SHOWN_ALL
        self.count_line.set_text(shown.format(count=count) if self.source.rows else "")

    def _show_detail(self) -> None:
        entry = self.entries.get(self.table.selected_id or "")
        if entry is None:
            self.detail.set_text(Text.DETAIL_HINT)
            return
        text = Text.DETAIL.format(
            at=format_jalali_datetime(entry.at),
            user=ltr_in_rtl(entry.username) if entry.username else Text.NO_USER,
            kind=entry.kind_name,
            entity=entry.entity_name or Text.NO_USER,
            action=entry.action_name,
            summary=entry.summary,
        )
        if entry.row_id:
            text += "\n" + Text.DETAIL_RECORD.format(
                record=ltr_in_rtl(entry.row_id),
                center=ltr_in_rtl(entry.center_code),
                number=persian_digits(entry.number),
            )
        self.detail.set_text(text)

    # -- the export ----------------------------------------------------------------------------

    def save(self, suffix: str) -> None:
        """Ask where, then write every entry the shown filters match."""
        self.message.clear()
        filters = self._read_filters()
        if filters is None:
            return
        chosen = self.ask_save(
            parent=self,
            title=Text.SAVE_TITLE,
            initialfile=f"audit-{self.session.center_code}-{dt.date.today():%Y%m%d}{suffix}",
            defaultextension=suffix,
            filetypes=[(FILE_TYPES[suffix], f"*{suffix}")],
        )
        if not chosen:
            return
        path, session = Path(chosen), self.session

        def work(progress: Progress) -> int:
            def step(count: int) -> None:
                progress.step(count, None, Text.EXPORT_STEP.format(count=group_thousands(count)))

            return audit_trail.export(session, filters, path, progress=step)

        def done(count: int) -> None:
            if self.winfo_exists():
                self._say(Text.SAVED.format(count=group_thousands(count), name=path.name))

        def cancelled() -> None:
            if self.winfo_exists():
                self._say(Text.CANCELLED, "warning")

        self.context.runner.run(
            self, Text.EXPORTING, work, done, self._failed, on_cancelled=cancelled
        )

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists():
            self._say(error.message, "danger")

    # -- the chains ----------------------------------------------------------------------------

    def verify(self) -> None:
        session = self.session

        def work(progress: Progress) -> Verdict:
            def step(done: int, total: int) -> None:
                progress.step(done, total, Text.VERIFYING_STEP)

            return audit_trail.verify(session, progress=step)

        self.context.runner.run(self, Text.VERIFYING, work, self._verified, self._failed)

    def _verified(self, verdict: Verdict) -> None:
        if not self.winfo_exists():
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.chain_line.configure(bootstyle="default" if verdict.broken is None else "danger")
        self.chain_line.set_text(chain_text(verdict, now))
