"""Forms split into sections that still behave as one form.

A long page (the applicant form, the file page's inline panels) lays its fields out
in several `Form`s: one per section or column. The clerk should not notice: after a
refused save every message stands next to its field and the first invalid field in
Tab order takes the focus, whichever section it is in. And since a section is only a
third of the page wide, its messages wrap under their field instead of being cut off.
"""

from __future__ import annotations

import tkinter as tk
from typing import Any

from desktop.views.widgets.form import Form

MIN_MESSAGE_WRAP = 200


class SectionForm(Form):
    """A Form laid out as one section of a page.

    The form's columns are a third of the page wide; a whole-sentence message is often
    wider than its field, so each message wraps at its field's width, like any Form's;
    `min_wrap` pixels stand in until a composite field is laid out.
    """

    def __init__(self, master: tk.Misc, *, min_wrap: int = MIN_MESSAGE_WRAP, **kwargs: Any):
        super().__init__(master, min_wrap=min_wrap, **kwargs)


class FormGroup:
    """Several Forms (the sections of a page) that show errors as one form would:
    every message next to its field, the first invalid field in Tab order focused."""

    def __init__(self) -> None:
        self.forms: list[Form] = []

    def add(self, form: Form) -> Form:
        self.forms.append(form)
        return form

    @property
    def fields(self) -> dict[str, tk.Widget]:
        return {name: widget for form in self.forms for name, widget in form.fields.items()}

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Returns the messages that belong to no field."""
        for form in reversed(self.forms):  # the first form's focus is set last
            form.show_errors({name: m for name, m in errors.items() if name in form.fields})
        return [message for name, message in errors.items() if name not in self.fields]

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()

    def error_text(self, name: str) -> str:
        return next(form.error_text(name) for form in self.forms if name in form.fields)
