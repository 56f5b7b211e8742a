"""The links tab: people in the registry this applicant could be introduced to.

Suggestions scan the whole registry (slow in a large one), so they
are found only on request and through the app's background runner, never on the Tk
thread; a row opens that person's file.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services import casework
from desktop.services.casework import LinkSuggestion
from desktop.services.progress import Progress
from desktop.strings.casework_views import LINK_KIND_NAMES, REASON_SEPARATOR, Links
from desktop.text.digits import format_number
from desktop.views.casework.base import CaseworkTab, OpenApplicant
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.sources import ListSource

INTRO_WRAP = 480  # beside the button in a 1024-pixel window
LINK_COLUMNS = [
    Column("kind", Links.KIND, 90),
    Column("name", Links.NAME, 150, main=True),
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
        self.side_area.pack_forget()  # nothing to add: the table takes the whole tab
        self.suggestions: list[LinkSuggestion] | None = None
        top = ttk.Frame(self.main)
        top.pack(fill="x")
        self.find_button = RButton(top, text=Links.FIND, bootstyle="primary", command=self.find)
        self.find_button.pack(side="right")
        RLabel(top, text=Links.INTRO, bootstyle="secondary", wraplength=INTRO_WRAP).pack(
            side="right", fill="x", expand=True, padx=(0, 12)
        )
        self.message = RLabel(self.main, text=Links.NOT_YET)
        self.message.pack(fill="x", pady=(8, 4))
        self.source = ListSource([c.key for c in LINK_COLUMNS], [])
        self.table = PagedTable(
            self.main,
            LINK_COLUMNS,
            self.source,
            height=6,
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
        found = Links.FOUND.format(count=format_number(count)) if count else Links.NONE_FOUND
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
