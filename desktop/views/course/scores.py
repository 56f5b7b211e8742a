"""The «نمره‌ها» tab: a score field per person; saving checks them all at once, and
each refused score is named beside its field until that score is changed. Scores are
Persian numbers while they are typed (۵۹٫۵), as everywhere else. Those who may not
enter scores (a clerk) see the scores as text."""

from __future__ import annotations

import functools
import tkinter as tk
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from desktop.errors import UserError, ValidationError
from desktop.services import enrollment
from desktop.services.enrollment import CourseDetail, format_score
from desktop.strings.course_views import Scores
from desktop.text.digits import format_number
from desktop.views.widgets.form import ChangeWatch
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.scroll_area import ScrollArea

if TYPE_CHECKING:
    from desktop.views.course.host import CourseHost


class ScoresTab(ttk.Frame):
    def __init__(self, master: tk.Misc, page: CourseHost):
        super().__init__(master, padding=8)
        self.page = page
        self.can_score = page.rights.run
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.note = RLabel(top, text="", bootstyle="secondary")
        self.note.pack(side="right")
        self.save_button: RButton | None = None
        if self.can_score:
            self.save_button = RButton(
                top, text=Scores.SAVE, bootstyle="primary", command=self.save
            )
            self.save_button.pack(side="left")
        else:
            RLabel(top, text=Scores.READ_ONLY, bootstyle="secondary").pack(side="left")
        self.area = ScrollArea(self)
        self.area.pack(fill="both", expand=True, pady=(6, 0))
        self.entries: dict[str, NumberEntry] = {}
        self.errors: dict[str, RLabel] = {}
        self.watches: dict[str, ChangeWatch] = {}

    def show(self, detail: CourseDetail) -> None:
        for child in self.area.inner.winfo_children():
            child.destroy()
        self.entries, self.errors, self.watches = {}, {}, {}
        passing = detail.course.passing_score
        self.note.set_text(
            Scores.NOT_ASSESSED
            if passing is None
            else Scores.PASSING.format(score=format_number(passing))
        )
        inner = self.area.inner
        inner.columnconfigure(0, weight=1)
        if not detail.enrollees:
            RLabel(inner, text=Scores.NOBODY, bootstyle="secondary").grid(
                row=0, column=2, sticky="e"
            )
        for index, enrollee in enumerate(detail.enrollees):
            record = enrollee.enrollment
            RLabel(inner, text=record.full_name).grid(row=index, column=2, sticky="e", pady=2)
            if not self.can_score:
                RLabel(inner, text=format_score(record.score), width=8).grid(
                    row=index, column=1, padx=8, pady=2
                )
                continue
            entry = NumberEntry(inner, allowed="decimal", max_length=6, width=8)
            entry.set(format_score(record.score))
            entry.grid(row=index, column=1, padx=8, pady=2)
            entry.bind("<Return>", then_break(self.save))
            error = RLabel(inner, text="", bootstyle="danger", font="-size 9")
            error.grid(row=index, column=0, sticky="e")
            self.entries[record.id] = entry
            self.errors[record.id] = error
            self.watches[record.id] = ChangeWatch(entry, functools.partial(error.set_text, ""))
        self.area.wire()

    def save(self) -> None:
        for label in self.errors.values():
            label.set_text("")
        scores = {key: entry.get() for key, entry in self.entries.items()}
        page = self.page
        try:
            count = enrollment.set_scores(page.session, page.course_id, scores)
        except ValidationError as error:
            for key, message in error.errors.items():
                if key in self.errors:
                    self.errors[key].set_text(message)
                    self.watches[key].arm()
            first = next((key for key in self.entries if key in error.errors), None)
            if first is not None:
                self.entries[first].focus_set()
            return
        except UserError as error:
            page.say(error.message, "danger")
            return
        page.reload()
        page.notebook.select(self)
        page.say(Scores.SAVED.format(count=format_number(count)))
