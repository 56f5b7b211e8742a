"""HQ imports centers' sync files: several at once (chosen one by one, or every sync
file of a folder), on the runner with progress; then a line per file (imported, already
imported, refused and why) and the per-table report of what the imported files
created, updated or skipped."""

from __future__ import annotations

import logging
import re
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.center_sync import SUFFIX
from desktop.services.hq import imports
from desktop.services.progress import Progress
from desktop.strings.hq_views import ENTITY_NAMES, REFUSAL_REASONS
from desktop.strings.hq_views import Imports as Text
from desktop.sync.apply import SKIPPED_OLDER
from desktop.text.digits import group_thousands, persian_digits
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets import file_dialog
from desktop.views.widgets.heading import page_heading
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

log = logging.getLogger(__name__)

ask_open_path: Callable[..., Any] = file_dialog.ask_open_path

FILE_COLUMNS = [
    Column("name", Text.FILE, 320, kind="identifier", main=True),
    Column("folder", Text.FOLDER, 420, kind="identifier"),
]
REPORT_COLUMNS = [
    Column("entity", Text.ENTITY, 160, main=True),
    Column("created", Text.CREATED, 90, kind="number"),
    Column("updated", Text.UPDATED, 90, kind="number"),
    Column("skipped", Text.SKIPPED, 90, kind="number"),
    Column("why", Text.WHY, 300),
]


def refusal_text(reason: str, detail: str = "") -> str:
    """A refusal's reason in Persian; a gap names the missing numbers, a key awaiting
    approval its fingerprint (from the service's detail, which is English)."""
    text = REFUSAL_REASONS.get(reason, reason)
    missing = re.match(r"missing (\d+)-(\d+)", detail) if reason == "gap" else None
    if missing:
        first, last = (persian_digits(n) for n in missing.groups())
        return Text.GAP_DETAIL.format(reason=text, first=first, last=last)
    key = re.match(r"key (\S+)", detail) if reason == "awaiting_approval" else None
    if key:
        return Text.KEY_DETAIL.format(reason=text, fingerprint=ltr_in_rtl(key[1]))
    return text


def outcome_line(outcome: imports.ImportOutcome) -> str:
    name = ltr_in_rtl(outcome.file)
    if outcome.status == imports.IMPORTED:
        return Text.LINE_IMPORTED.format(
            file=name,
            center=ltr_in_rtl(outcome.center_code),
            changes=group_thousands(outcome.changes),
            first=persian_digits(outcome.seq_from),
            last=persian_digits(outcome.seq_to),
        )
    if outcome.status == imports.ALREADY:
        return Text.LINE_ALREADY.format(file=name)
    return Text.LINE_REFUSED.format(file=name, reason=refusal_text(outcome.reason, outcome.detail))


def report_rows(outcomes: list[imports.ImportOutcome]) -> list[tuple[str, tuple[Any, ...]]]:
    """Per table, summed over the files imported: created, updated, skipped and why."""
    totals: dict[str, list[int]] = {}
    reasons: dict[str, dict[str, int]] = {}
    for outcome in outcomes:
        for entity, report in outcome.report.items():
            row = totals.setdefault(entity, [0, 0, 0])
            row[0] += report.created
            row[1] += report.updated
            row[2] += report.skipped
            for why, count in report.reasons.items():
                reasons.setdefault(entity, {})[why] = reasons.get(entity, {}).get(why, 0) + count
    rows = []
    order = list(ENTITY_NAMES)  # the tables as a person thinks of them: people first
    for entity in sorted(totals, key=lambda e: order.index(e) if e in order else len(order)):
        created, updated, skipped = totals[entity]
        why = "، ".join(
            f"{Text.SKIPPED_OLDER if reason == SKIPPED_OLDER else reason} ({persian_digits(n)})"
            for reason, n in reasons.get(entity, {}).items()
        )
        rows.append((entity, (ENTITY_NAMES.get(entity, entity), created, updated, skipped, why)))
    return rows


class ImportView(ttk.Frame):
    def __init__(
        self, master: tk.Misc, context: AppContext, *, ask_open: Callable[..., Any] | None = None
    ):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_open = ask_open or ask_open_path
        self.paths: list[Path] = []
        self.outcomes: list[imports.ImportOutcome] = []
        page_heading(self, Text.TITLE, Text.INTRO)
        choose = ttk.Frame(self)
        choose.pack(fill="x")
        buttons = [
            RButton(choose, text=Text.ADD_FILE, bootstyle="secondary", command=self.add_file),
            RButton(choose, text=Text.ADD_FOLDER, bootstyle="secondary", command=self.add_folder),
            RButton(choose, text=Text.CLEAR, bootstyle="secondary-link", command=self.clear),
        ]
        for button in buttons:
            button.pack(side="right", padx=(0, 8))
        self.file_source = ListSource([c.key for c in FILE_COLUMNS], [])
        self.files = PagedTable(
            self, FILE_COLUMNS, self.file_source, height=5, empty_text=Text.NONE_CHOSEN
        )
        self.files.pack(fill="x", pady=(6, 0))
        go = ttk.Frame(self)
        go.pack(fill="x", pady=(6, 0))
        self.import_button = RButton(
            go, text=Text.IMPORT, bootstyle="primary", command=self.import_files
        )
        self.import_button.pack(side="right")
        self.count = RLabel(go, text="", bootstyle="secondary")
        self.count.pack(side="right", padx=(12, 0))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x", pady=(8, 0))
        self.lines = ttk.Frame(self)
        self.lines.pack(fill="x")
        RLabel(self, text=Text.REPORT, font="-size 13 -weight bold").pack(fill="x", pady=(10, 0))
        self.report_source = ListSource([c.key for c in REPORT_COLUMNS], [])
        self.report = PagedTable(self, REPORT_COLUMNS, self.report_source, height=8)
        self.report.pack(fill="both", expand=True, pady=(4, 0))
        self._show_files()

    # -- the files chosen ------------------------------------------------------------------

    def add_file(self) -> None:
        chosen = self.ask_open(
            parent=self, title=Text.OPEN_TITLE, filetypes=[(Text.FILETYPE, f"*{SUFFIX}")]
        )
        if chosen:
            self.add_paths([Path(chosen)])

    def add_folder(self) -> None:
        chosen = self.ask_open(
            parent=self, title=Text.FOLDER_TITLE, filetypes=[(Text.FILETYPE, f"*{SUFFIX}")]
        )
        if chosen:
            self.add_paths(sorted(Path(chosen).parent.glob(f"*{SUFFIX}")))

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)
        self._show_files()

    def clear(self) -> None:
        self.paths = []
        self._show_files()

    def _show_files(self) -> None:
        self.file_source.rows = [(str(path), (path.name, str(path.parent))) for path in self.paths]
        self.files.refresh()
        self.count.set_text(Text.CHOSEN.format(count=persian_digits(len(self.paths))))

    # -- importing -------------------------------------------------------------------------

    def import_files(self) -> None:
        self.message.clear()
        if not self.paths:
            self._say(Text.NONE_CHOSEN, "warning")
            return
        paths, session = list(self.paths), self.session

        def work(progress: Progress) -> list[imports.ImportOutcome]:
            progress.step(0, len(paths))
            return imports.import_files(
                session, paths, progress=lambda done, total: progress.step(done, total)
            )

        self.context.runner.run(
            self, Text.IMPORTING, work, self._imported, self._failed, on_cancelled=self._cancelled
        )

    def _cancelled(self) -> None:
        """Stopped between two files: those imported stay imported (each file is
        all or nothing), and say so when imported again."""
        if self.winfo_exists():
            self._say(Text.CANCELLED, "warning")

    def _imported(self, outcomes: list[imports.ImportOutcome]) -> None:
        if not self.winfo_exists():
            return
        self.outcomes = outcomes
        counts = {status: 0 for status in (imports.IMPORTED, imports.ALREADY, imports.REFUSED)}
        for outcome in outcomes:
            counts[outcome.status] += 1
        self._say(
            Text.SUMMARY.format(
                imported=persian_digits(counts[imports.IMPORTED]),
                already=persian_digits(counts[imports.ALREADY]),
                refused=persian_digits(counts[imports.REFUSED]),
            ),
            "danger" if counts[imports.REFUSED] else "success",
        )
        for child in self.lines.winfo_children():
            child.destroy()
        for outcome in outcomes:
            style = "danger" if outcome.status == imports.REFUSED else "default"
            RLabel(self.lines, text=outcome_line(outcome), bootstyle=style, wraplength=600).pack(
                fill="x"
            )
        self.report_source.rows = report_rows(outcomes)
        self.report.refresh()
        # A refused file stays chosen: imported again once its cause is dealt with.
        done = {o.file for o in outcomes if o.status != imports.REFUSED}
        self.paths = [path for path in self.paths if path.name not in done]
        self._show_files()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists():
            self._say(error.message, "danger")

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(bootstyle=style)
        self.message.set_text(text)
