"""Save the applicants a search found as an Excel (or CSV) file, from any page.

The applicant search page's export button calls `export_applicants` with the search it
shows. Writing runs off the Tk thread through the app's runner, with progress and
Cancel; `applicant_io.export` leaves no partial file behind when cancelled or failed.
The file dialog is a module-level hook (or a parameter) so tests never open it.
"""

from __future__ import annotations

import datetime as dt
import logging
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import applicant_io
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.progress import Progress
from desktop.strings.applicant_io_views import SAVE_FAILED
from desktop.strings.applicant_io_views import ExportText as Text
from desktop.text.digits import group_thousands, persian_digits
from desktop.text.display import ltr_in_rtl
from desktop.text.jalali import jalali_parts
from desktop.views.widgets import file_dialog
from desktop.views.widgets.dialogs import show_error, show_info

log = logging.getLogger(__name__)

ask_save_path: Callable[..., Any] = file_dialog.ask_save_path


def default_file_name(today: dt.date) -> str:
    """«متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx»: the Jalali date with dashes, as slashes cannot be
    in a file name."""
    year, month, day = jalali_parts(today)
    return Text.FILE_NAME.format(date=persian_digits(f"{year:04d}-{month:02d}-{day:02d}"))


def export_applicants(
    parent: tk.Misc,
    context: AppContext,
    search: ApplicantSearch,
    *,
    ask_path: Callable[..., Any] | None = None,
    today: dt.date | None = None,
    sort: str | None = "file_number",
    descending: bool = False,
) -> None:
    """Ask where to save, write every applicant `search` matches (in `sort` order: the
    search page passes the order its table shows), say how many."""
    assert context.session is not None
    session = context.session
    chosen = (ask_path or ask_save_path)(
        parent=parent,
        title=Text.DIALOG_TITLE,
        initialfile=default_file_name(today or dt.date.today()),
        defaultextension=".xlsx",
        filetypes=[(Text.FILETYPE_XLSX, "*.xlsx"), (Text.FILETYPE_CSV, "*.csv")],
    )
    if not chosen:
        return
    path = Path(chosen)

    def work(progress: Progress) -> int:
        def step(done: int, total: int | None) -> None:
            # Without a total (a search past the count cap) the count is the progress.
            message = Text.WRITTEN.format(count=group_thousands(done)) if total is None else None
            progress.step(done, total, message)

        return applicant_io.export(
            session, search, path, progress=step, sort=sort, descending=descending
        )

    def done(count: int) -> None:
        if not parent.winfo_exists():
            return
        # The name only: the person has just chosen the folder, and a path cannot be
        # laid out inside a right-to-left sentence without bidi isolates.
        message = Text.SAVED.format(count=group_thousands(count), name=ltr_in_rtl(path.name))
        show_info(parent, message, Text.DONE_TITLE, wait=context.modal_dialogs)

    def failed(error: BaseException) -> None:
        if isinstance(error, UserError):
            message = error.message
        elif isinstance(error, OSError):
            log.warning("could not export applicants to %s", path, exc_info=error)
            message = SAVE_FAILED
        else:
            raise error
        if parent.winfo_exists():
            show_error(parent, message, wait=context.modal_dialogs)

    context.runner.run(parent, Text.EXPORTING, work, done, failed)
