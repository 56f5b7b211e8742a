"""Bring an applicant list in from Excel or CSV: a wizard of three pages in one frame.

(1) choose a file, (2) match its columns to the applicant fields, (3) see row by row
what an import would do, then import the accepted rows; a last page says what the
import did (every rejected row with every reason, the report to save) and stays until
the clerk leaves it for another file or another screen. Every step is a call to
desktop.services.applicant_io; reading, checking and importing run off the Tk thread
through the app's runner (progress and Cancel), so a sheet of ten thousand rows never
freezes the window. Nothing is written until the person confirms, and the import
writes all the accepted rows or none.

Enter presses the page's main button and Escape goes back a page (not from the last:
what is imported is done) wherever the focus is inside the wizard: the view's own
bind tag is put first on each of its widgets, ahead of widget bindings such as the
table's Enter.
"""

from __future__ import annotations

import logging
import tkinter as tk
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import applicant_io
from desktop.services.applicant_io import (
    CSV_SUFFIXES,
    OPTIONAL_FIELDS,
    REJECTED,
    REQUIRED_FIELDS,
    XLSX_SUFFIXES,
    ImportSummary,
    RowResult,
    Table,
)
from desktop.services.progress import Progress
from desktop.strings.applicant_import_result_views import ImportResult
from desktop.strings.applicant_io import HEADERS
from desktop.strings.applicant_io_views import SAVE_FAILED, STATUS_LABELS
from desktop.strings.applicant_io_views import ImportText as Text
from desktop.strings.table_views import TableText
from desktop.strings.widget_views import LIST_SEPARATOR
from desktop.text.digits import format_number, group_thousands
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.dialogs import ask_yes_no
from desktop.views.widgets.file_dialog import ask_open_path, ask_save_path
from desktop.views.widgets.flow import FlowRow
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.path_field import PathLabel
from desktop.views.widgets.rtl import RButton, RCheck, RLabel
from desktop.views.widgets.sources import ListSource

log = logging.getLogger(__name__)

FILE, MAPPING, RESULTS, DONE = range(4)  # DONE: what the import did, until left
NOT_IMPORTED = ""  # the key of «—» in the column boxes
SAMPLE_CHARS = 22
RESULT_ROWS = 8  # at least; the table takes the window's height
COMPACT_BOX = "Compact.TCombobox"
KEYS = {"<Return>": "_on_return", "<KP_Enter>": "_on_return", "<Escape>": "_on_escape"}
WRAP_PX = 680  # the page's width in the smallest main window

COLUMNS = [
    Column("row", Text.COLUMN_ROW, 50, kind="number"),
    Column("status", Text.COLUMN_STATUS, 70),
    Column("name", Text.COLUMN_NAME, 150, main=True),
    Column("national_code", Text.COLUMN_NATIONAL_CODE, 100, kind="identifier"),
    Column("file_number", Text.COLUMN_FILE_NUMBER, 110, kind="identifier"),
    Column("field", Text.COLUMN_FIELD, 100),
    Column("message", Text.COLUMN_MESSAGE, 420, sortable=False),
]


def compact_box_style() -> str:
    """Sixteen column boxes must fit a 768-pixel screen: a style derived from the
    theme's combobox (colours and focus follow it), slimmer, with the arrow on the
    left as a right-to-left box has it. Set again on each use: themes can change."""
    style = ttk.Style()
    style.configure(COMPACT_BOX, padding=(6, 1))
    style.layout(COMPACT_BOX, _mirrored(style.layout("TCombobox")))
    return COMPACT_BOX


def _mirrored(layout: list[Any]) -> list[Any]:
    sides = {"left": "right", "right": "left"}
    mirrored = []
    for name, options in layout:
        options = dict(options)
        if options.get("side") in sides:
            options["side"] = sides[options["side"]]
        if "children" in options:
            options["children"] = _mirrored(options["children"])
        mirrored.append((name, options))
    return mirrored


def result_rows(
    results: list[RowResult], only_rejected: bool, headers: Mapping[str, str] = HEADERS
) -> list[tuple[str, tuple[Any, ...]]]:
    """Table rows (logical text) for the dry run's results: who each row is, the file
    number an accepted one gets, and why a rejected one is refused. `headers` names
    the fields (another sheet's contract passes its own)."""
    return [
        (
            str(index),
            (
                result.row,
                STATUS_LABELS[result.status],
                result.name,
                result.national_code,
                result.file_number,
                LIST_SEPARATOR.join(
                    headers.get(name, name) for name in result.field.split(";") if name
                ),
                result.message,
            ),
        )
        for index, result in enumerate(results)
        if result.status == REJECTED or not only_rejected
    ]


def import_question(confirm: str, rejected_line: str, summary: ImportSummary, path: Path) -> str:
    """The question before writing a checked sheet: `confirm` with how many rows and the
    file's name, then `rejected_line` when rows were refused (any sheet's import)."""
    question = confirm.format(count=group_thousands(summary.accepted), name=ltr_in_rtl(path.name))
    if summary.rejected:
        question += "\n" + rejected_line.format(rejected=group_thousands(summary.rejected))
    return question


class ImportView(ttk.Frame):
    """The import wizard. `ask_path`, `ask_save_path` and `ask_confirm` are the file
    dialogs and the confirmation, replaceable so tests never open a modal window."""

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        assert context.session is not None
        self.context = context
        self.session = context.session
        self.ask_path: Callable[..., Any] = ask_open_path
        self.ask_save_path: Callable[..., Any] = ask_save_path
        self.ask_confirm: Callable[[tk.Misc, str, str], bool] = ask_yes_no
        self.step = FILE
        self.path: Path | None = None
        self.table: Table | None = None
        self.mapping: dict[str, int] = {}
        self.summary: ImportSummary | None = None
        self.boxes: dict[str, ChoiceBox] = {}
        self.samples: dict[str, RLabel] = {}
        self.only_rejected = tk.BooleanVar(self, False)
        self._after_ids: set[str] = set()
        self._keys_tag = f"ImportWizard{id(self)}"
        # Commands registered on the view (not bind_class's, kept by the root), so
        # destroying the view deletes them.
        for sequence, action in KEYS.items():
            command = self.register(getattr(self, action))
            self.tk.call("bind", self._keys_tag, sequence, f'if {{"[{command}]" == "break"}} break')

        RLabel(self, text=Text.TITLE, font="-size 16 -weight bold").pack(fill="x")
        steps = ttk.Frame(self)
        steps.pack(fill="x", pady=(6, 8))
        self.step_labels = [
            RLabel(steps, text=Text.STEP.format(number=format_number(number), name=name))
            for number, name in enumerate(Text.STEPS, start=1)
        ]
        for label in self.step_labels:
            label.pack(side="right", padx=(18, 0))
        ttk.Separator(self).pack(fill="x")
        self.banner = RLabel(self, text="", bootstyle="success", wraplength=WRAP_PX)
        self.body = ttk.Frame(self)
        self.body.pack(fill="both", expand=True, pady=(8, 0))
        self.show_file_step()

    # -- pages -------------------------------------------------------------------------

    def _page(self, step: int) -> ttk.Frame:
        """Empty the body for `step` and mark the step bar."""
        for child in self.body.winfo_children():
            child.destroy()
        self.step = step
        for index, label in enumerate(self.step_labels):
            style = "primary" if index == step else "success" if index < step else "secondary"
            label.configure(bootstyle=style, font="-weight bold" if index == step else "")
        return self.body

    def _finish_page(self, focus: tk.Widget) -> None:
        self._take_keys(self)
        self._later(lambda: focus.focus_set() if focus.winfo_exists() else None)

    def show_file_step(self) -> None:
        body = self._page(FILE)
        RLabel(body, text=Text.INTRO, wraplength=WRAP_PX).pack(fill="x")
        names = LIST_SEPARATOR.join(HEADERS[name] for name in REQUIRED_FIELDS)
        RLabel(
            body,
            text=Text.REQUIRED_HINT.format(names=names),
            bootstyle="secondary",
            wraplength=WRAP_PX,
        ).pack(fill="x", pady=(6, 0))
        self.choose_button = RButton(
            body, text=Text.CHOOSE, bootstyle="primary", command=self.choose_file
        )
        self.choose_button.pack(anchor="e", pady=(16, 0))
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(8, 0))
        self.path_caption = RLabel(row, text=Text.PATH if self.path else "")
        self.path_caption.pack(side="right")
        self.path_label = PathLabel(row, bootstyle="default")  # left to right (path_field.py)
        self.path_label.set_path(self.path)
        self.path_label.pack(side="right", fill="x", expand=True, padx=(0, 6))
        self.file_error = RLabel(body, text="", bootstyle="danger", wraplength=WRAP_PX)
        self.file_error.pack(fill="x", pady=(4, 0))
        self._finish_page(self.choose_button)

    def show_mapping_step(self) -> None:
        assert self.table is not None
        body = self._page(MAPPING)
        RLabel(body, text=self._file_line(), font="-weight bold").pack(fill="x")
        RLabel(body, text=Text.MAPPING_HINT, bootstyle="secondary", wraplength=WRAP_PX).pack(
            fill="x", pady=(2, 8)
        )
        # Buttons and messages first, from the bottom: they stay visible on a short screen.
        buttons = ttk.Frame(body)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        RButton(buttons, text=Text.BACK, bootstyle="secondary", command=self.back).pack(
            side="right"
        )
        self.check_button = RButton(
            buttons, text=Text.CHECK, bootstyle="primary", command=self.check
        )
        self.check_button.pack(side="right", padx=(0, 8))
        self.mapping_message = RLabel(body, text="", bootstyle="danger", wraplength=WRAP_PX)
        self.mapping_message.pack(side="bottom", fill="x")
        self.reused_label = RLabel(body, text="", bootstyle="warning", wraplength=WRAP_PX)
        self.reused_label.pack(side="bottom", fill="x")
        self.missing_label = RLabel(body, text="", bootstyle="danger", wraplength=WRAP_PX)
        self.missing_label.pack(side="bottom", fill="x", pady=(4, 0))
        compact_box_style()
        groups = FlowRow(body, gap=8, anchor="n")  # one under the other when narrow
        groups.pack(fill="x")
        choices = [(NOT_IMPORTED, Text.NOT_IMPORTED)]
        choices += [(str(index), label) for index, label in enumerate(self._column_labels())]
        self.boxes, self.samples = {}, {}
        for title, names in (
            (Text.REQUIRED_GROUP, REQUIRED_FIELDS),
            (Text.OPTIONAL_GROUP, OPTIONAL_FIELDS),
        ):
            heading = RLabel(groups, text=title, font="-weight bold")
            group = ttk.Labelframe(groups, labelwidget=heading, labelanchor="ne", padding=(8, 2))
            groups.add(group)
            for row, name in enumerate(names):
                label = HEADERS[name]
                if name in REQUIRED_FIELDS:
                    label = Text.REQUIRED_MARK.format(label=label)
                RLabel(group, text=label).grid(row=row, column=2, sticky="e", padx=(6, 0), pady=1)
                box = ChoiceBox(group, choices, width=20, style=COMPACT_BOX)
                box.grid(row=row, column=1, sticky="ew", pady=1)
                column = self.mapping.get(name)
                box.set_key(NOT_IMPORTED if column is None else str(column))
                box.bind("<<ComboboxSelected>>", lambda _e: self._mapping_changed())
                sample = RLabel(group, text="", bootstyle="secondary", width=SAMPLE_CHARS)
                sample.grid(row=row, column=0, sticky="e", padx=(0, 6))
                self.boxes[name], self.samples[name] = box, sample
        self._mapping_changed()
        self._finish_page(next(iter(self.boxes.values())))

    def _summary_page(self, step: int, summary: str) -> tuple[ttk.Frame, ttk.Frame]:
        """A page that opens with the file and a summary line and keeps its buttons and
        a message line at the bottom, visible on a short screen: (body, buttons)."""
        body = self._page(step)
        RLabel(body, text=self._file_line(), font="-weight bold").pack(fill="x")
        self.summary_label = RLabel(body, text=summary, font="-size 12")
        self.summary_label.pack(fill="x", pady=(4, 0))
        buttons = ttk.Frame(body)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))
        self.result_message = RLabel(body, text="", wraplength=WRAP_PX)
        self.result_message.pack(side="bottom", fill="x", pady=(6, 0))
        return body, buttons

    def _add_results_table(self, body: ttk.Frame) -> None:
        self.source = ListSource([column.key for column in COLUMNS], [])
        self.results_table = PagedTable(body, COLUMNS, None, height=RESULT_ROWS)
        # Takes the window's height: on a small screen the page must not scroll as a whole.
        self.results_table.pack(fill="both", expand=True)

    def show_results_step(self) -> None:
        summary = self.summary
        assert summary is not None
        body, buttons = self._summary_page(
            RESULTS,
            Text.SUMMARY.format(
                rows=group_thousands(summary.rows),
                accepted=group_thousands(summary.accepted),
                rejected=group_thousands(summary.rejected),
            ),
        )
        RButton(buttons, text=Text.BACK, bootstyle="secondary", command=self.back).pack(
            side="right"
        )
        self.import_button = RButton(
            buttons,
            text=Text.IMPORT.format(count=group_thousands(summary.accepted)),
            bootstyle="primary",
            command=self.start_import,
        )
        self.import_button.pack(side="right", padx=(0, 8))
        RButton(
            buttons, text=Text.SAVE_REPORT, bootstyle="secondary-outline", command=self.save_report
        ).pack(side="left")
        self.only_rejected.set(False)
        RCheck(
            body, text=Text.ONLY_REJECTED, variable=self.only_rejected, command=self._filter
        ).pack(anchor="e", pady=(6, 4))
        self._add_results_table(body)
        self._filter()
        if not summary.accepted:
            self.import_button.configure(state="disabled")
            self._say(self.result_message, Text.NOTHING_TO_IMPORT, "warning")
        self._finish_page(self.results_table.tree)

    def show_done_step(self) -> None:
        """What the import did — counts, and every rejected row with every reason — with
        the report to save; it stays until the clerk leaves it."""
        summary = self.summary
        assert summary is not None
        body, buttons = self._summary_page(
            DONE,
            ImportResult.SUMMARY.format(
                rows=group_thousands(summary.rows),
                created=group_thousands(summary.created),
                rejected=group_thousands(summary.rejected),
            ),
        )
        self.another_button = RButton(
            buttons, text=ImportResult.ANOTHER_FILE, bootstyle="primary", command=self.reset
        )
        self.another_button.pack(side="right")
        self.save_report_button = RButton(
            buttons, text=Text.SAVE_REPORT, bootstyle="secondary-outline", command=self.save_report
        )
        self.save_report_button.pack(side="left")
        if summary.rejected:
            RLabel(body, text=ImportResult.REJECTED_TITLE).pack(fill="x", pady=(6, 4))
        self._add_results_table(body)
        self.source.rows = result_rows(summary.results, only_rejected=True)
        self.results_table.empty_label.set_text(ImportResult.NOTHING_REJECTED)
        self.results_table.set_source(self.source)
        self._finish_page(self.another_button)

    # -- actions -----------------------------------------------------------------------

    def choose_file(self) -> None:
        if self.step != FILE:
            return
        tables = tuple(f"*{suffix}" for suffix in XLSX_SUFFIXES + CSV_SUFFIXES)
        chosen = self.ask_path(
            parent=self,
            title=Text.CHOOSE_TITLE,
            filetypes=[
                (Text.FILETYPE_TABLES, tables + tuple(pattern.upper() for pattern in tables)),
                (Text.FILETYPE_XLSX, ("*.xlsx", "*.XLSX")),
                (Text.FILETYPE_CSV, ("*.csv", "*.CSV")),
                (Text.FILETYPE_ALL, "*"),
            ],
        )
        if not chosen:
            return
        path = Path(chosen)
        self.banner.set_text("")
        self.banner.pack_forget()
        self.path, self.table = path, None
        self.path_caption.set_text(Text.PATH)
        self.path_label.set_path(path)
        self.file_error.set_text("")

        def work(progress: Progress) -> Table:
            table = applicant_io.read_table(path)
            progress.step(1, 1)  # honours a Cancel pressed while the file was read
            return table

        self.context.runner.run(
            self,
            Text.READING,
            work,
            self._file_read,
            lambda error: self._fail(error, self.file_error),
            on_cancelled=lambda: self._say(self.file_error, Text.READ_CANCELLED, "warning"),
        )

    def _file_read(self, table: Table) -> None:
        if not self.winfo_exists():
            return
        self.table = table
        self.mapping = applicant_io.guess_mapping(table.headers)
        self.show_mapping_step()

    def check(self) -> None:
        """The dry run: every row checked as the import would, nothing written."""
        if self.step != MAPPING or applicant_io.missing_columns(self.mapping):
            return
        assert self.table is not None
        session, table, mapping = self.session, self.table, dict(self.mapping)
        self.mapping_message.set_text("")

        def work(progress: Progress) -> ImportSummary:
            return applicant_io.import_rows(
                session, table, mapping, dry_run=True, progress=progress.step
            )

        self.context.runner.run(
            self,
            Text.CHECKING,
            work,
            self._checked,
            lambda error: self._fail(error, self.mapping_message),
            on_cancelled=lambda: self._say(self.mapping_message, Text.CHECK_CANCELLED, "warning"),
        )

    def _checked(self, summary: ImportSummary) -> None:
        if not self.winfo_exists():
            return
        self.summary = summary
        self.show_results_step()

    def save_report(self) -> None:
        assert self.summary is not None and self.path is not None
        chosen = self.ask_save_path(
            parent=self,
            title=Text.REPORT_TITLE,
            initialfile=Text.REPORT_NAME.format(stem=self.path.stem),
            defaultextension=".csv",
            filetypes=[(Text.REPORT_FILETYPE, "*.csv")],
        )
        if not chosen:
            return
        try:
            applicant_io.write_report(self.summary.results, chosen)
        except OSError:
            log.warning("could not write the import report to %s", chosen, exc_info=True)
            self._say(self.result_message, SAVE_FAILED, "danger")
            return
        self._say(
            self.result_message,
            Text.REPORT_SAVED.format(name=ltr_in_rtl(Path(chosen).name)),
            "success",
        )

    def start_import(self) -> None:
        summary = self.summary
        if self.step != RESULTS or summary is None or not summary.accepted:
            return
        assert self.table is not None and self.path is not None
        question = import_question(Text.CONFIRM, Text.CONFIRM_REJECTED, summary, self.path)
        if not self.ask_confirm(self, question, Text.CONFIRM_TITLE):
            return
        session, table, mapping = self.session, self.table, dict(self.mapping)
        self.result_message.set_text("")

        def work(progress: Progress) -> ImportSummary:
            return applicant_io.import_rows(session, table, mapping, progress=progress.step)

        self.context.runner.run(
            self,
            Text.IMPORTING,
            work,
            self._imported,
            lambda error: self._fail(error, self.result_message),
            on_cancelled=lambda: self._say(self.result_message, Text.IMPORT_CANCELLED, "warning"),
        )

    def _imported(self, summary: ImportSummary) -> None:
        if not self.winfo_exists():
            return
        assert self.path is not None
        message = Text.IMPORTED.format(
            count=group_thousands(summary.created), name=ltr_in_rtl(self.path.name)
        )
        self.summary = summary
        self.banner.set_text(message)
        self.banner.pack(fill="x", pady=(8, 0), before=self.body)
        self.show_done_step()

    def reset(self) -> None:
        """Back to an empty first page, ready for the next file."""
        self.path, self.table, self.summary, self.mapping = None, None, None, {}
        self.show_file_step()

    def back(self) -> None:
        if self.step == RESULTS:
            self.summary = None
            self.show_mapping_step()
        elif self.step == MAPPING:
            self.show_file_step()

    def _fail(self, error: BaseException, label: RLabel) -> None:
        """A UserError goes next to the step's buttons; anything else is a bug."""
        if not isinstance(error, UserError):
            raise error
        if self.winfo_exists() and label.winfo_exists():
            self._say(label, error.message, "danger")

    # -- mapping -------------------------------------------------------------------------

    def _column_labels(self) -> list[str]:
        """What the column boxes offer: each header, told apart when it is empty or
        repeated (two columns may carry the same name)."""
        assert self.table is not None
        headers = self.table.headers
        counts = Counter(headers)
        labels = []
        for index, header in enumerate(headers):
            number = format_number(index + 1)
            if not header:
                labels.append(Text.UNNAMED_COLUMN.format(number=number))
            elif counts[header] > 1:
                labels.append(Text.REPEATED_COLUMN.format(header=header, number=number))
            else:
                labels.append(header)
        return labels

    def _mapping_changed(self) -> None:
        """Read the boxes; show samples, what is missing and what is used twice."""
        assert self.table is not None
        self.mapping = {
            name: int(box.get_key()) for name, box in self.boxes.items() if box.get_key()
        }
        first = next((row for row in self.table.rows if any(c.strip() for c in row)), [])
        for name, sample in self.samples.items():
            column = self.mapping.get(name)
            value = first[column].strip() if column is not None and column < len(first) else ""
            if len(value) > SAMPLE_CHARS:
                value = value[: SAMPLE_CHARS - 1] + "…"
            sample.set_text(Text.SAMPLE.format(value=value) if value else "")
        missing = applicant_io.missing_columns(self.mapping)
        self.missing_label.set_text(
            Text.MISSING.format(names=LIST_SEPARATOR.join(HEADERS[name] for name in missing))
            if missing
            else ""
        )
        self.check_button.configure(state="disabled" if missing else "normal")
        fields_of: dict[int, list[str]] = {}
        for name, column in self.mapping.items():
            fields_of.setdefault(column, []).append(HEADERS[name])
        labels = self._column_labels()
        self.reused_label.set_text(
            "\n".join(
                Text.REUSED.format(header=labels[column], names=LIST_SEPARATOR.join(names))
                for column, names in fields_of.items()
                if len(names) > 1
            )
        )

    # -- results -------------------------------------------------------------------------

    def _filter(self) -> None:
        assert self.summary is not None
        only_rejected = self.only_rejected.get()
        self.source.rows = result_rows(self.summary.results, only_rejected)
        self.results_table.empty_label.set_text(
            Text.NOTHING_REJECTED if only_rejected else TableText.EMPTY
        )
        self.results_table.set_source(self.source)

    # -- keys, messages, lifetime --------------------------------------------------------

    def _on_return(self) -> str:
        if self.step == FILE:
            self.choose_file()
        elif self.step == MAPPING and self.check_button.instate(["!disabled"]):
            self.check()
        elif self.step == RESULTS and self.import_button.instate(["!disabled"]):
            self.start_import()
        elif self.step == DONE:
            self.reset()
        return "break"

    def _on_escape(self) -> str:
        self.back()
        return "break"

    def _take_keys(self, widget: tk.Misc) -> None:
        """Put the wizard's key tag first on `widget` and everything inside it."""
        tags = widget.bindtags()
        if self._keys_tag not in tags:
            widget.bindtags((self._keys_tag, *tags))
        for child in widget.winfo_children():
            self._take_keys(child)

    def _later(self, action: Callable[[], None]) -> None:
        """Run `action` when Tk is idle; destroy() cancels it if it has not run."""
        holder: list[str] = []

        def run() -> None:
            self._after_ids.discard(holder[0])
            action()

        holder.append(self.after_idle(run))
        self._after_ids.add(holder[0])

    @staticmethod
    def _say(label: RLabel, text: str, style: str) -> None:
        label.configure(bootstyle=style)
        label.set_text(text)

    def _file_line(self) -> str:
        assert self.path is not None and self.table is not None
        return Text.FILE_LINE.format(
            name=ltr_in_rtl(self.path.name), rows=group_thousands(len(self.table.rows))
        )

    def destroy(self) -> None:
        for after_id in self._after_ids:
            self.after_cancel(after_id)
        self._after_ids.clear()
        for sequence in KEYS:
            self.tk.call("bind", self._keys_tag, sequence, "")
        super().destroy()
