"""Register or edit an applicant: one keyboard-first form in three columns (two in a
narrow window, scrolling when the window is short).

The form sits in the applicants view's content area (not a Toplevel), so the clerk's
hands stay on the keyboard: Tab walks the fields column by column (identity, then
contact and education, then categories, skills and notes), Enter or Ctrl+S saves from
any field, Escape cancels (asking first if anything was typed). A refused save puts
every Persian message next to its field and focuses the first one; nothing is written.

Two fields are built here because Tk on X11 cannot do what they need natively:

- **Skills** are tags: type one and press Enter or «،» (or `,` / `;`), and it becomes a
  chip under the field; a chip's × (or BackSpace in the empty field) removes it. Text
  still in the field when saving counts as one more skill. Stored `;`-joined.
- **Notes** are several RtlEntry lines, not a `Text`: Tk's Text widget on X11 neither
  joins Persian letters nor lays lines out right to left, and RtlEntry does both while
  keeping the logical text. Enter moves to the next line (a new one is added, up to
  NOTE_LINES_MAX); lines are joined with "\n", which normalisation keeps.

The search and file pages share the helpers at the top: `bind_keys` (page-wide keys),
`ask` (a question that reports its answer, modal or not), `SectionForm`/`FormGroup`
(messages that wrap; several forms that show errors as one). They are generic enough
for desktop/views/widgets/, where they can move once other views want them.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterator, Sequence
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.app import AppContext
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
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali
from desktop.views.widgets.dialogs import MessageDialog
from desktop.views.widgets.form import ChoiceBox, Form
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.ltr_entry import IdentifierEntry
from desktop.views.widgets.rtl import RButton, RCheck, RLabel, t
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry

TAG_SEPARATORS = ("،", ",", ";", "؛")
CHIP_EXTRA_PX = 24  # a chip's padding and border around its text
NOTE_LINES, NOTE_LINES_MAX = 3, 8
ENTRY_WIDTH = 24
MIN_MESSAGE_WRAP = 200
COLUMN_MIN_WIDTH = 300  # below three of these, the form has two columns
LAYOUTS = {  # sections per column, right to left
    3: [["identity"], ["contact", "education"], ["categories", "skills", "notes"]],
    2: [["identity", "contact"], ["education", "categories", "skills", "notes"]],
}
# Ctrl+S with a Persian keyboard layout active reports the Persian letter's keysym.
SAVE_KEYS = ("<Control-s>", "<Control-S>", "<Control-Arabic_seen>")
FOCUSABLE = (ttk.Entry, ttk.Button, ttk.Checkbutton, ttk.Radiobutton, ttk.Treeview, ttk.Notebook)


# -- shared helpers ----------------------------------------------------------------------


def descendants(widget: tk.Misc) -> Iterator[tk.Misc]:
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def bind_keys(
    widget: tk.Misc,
    sequences: Sequence[str],
    handler: Callable[[], object],
    *,
    where: Callable[[tk.Misc], bool] = lambda _w: True,
    done: set[str] | None = None,
) -> None:
    """Bind `sequences` on `widget` and every descendant for which `where` holds.

    Page-wide keys are bound on each focusable widget (not on the toplevel, which
    other views share, nor with bind_all): they go when the page is destroyed. `done` remembers
    the widgets already bound, so the walk can be repeated when widgets are added.
    Widget bindings run before class bindings, so keys such as Ctrl+N reach the page
    even from an RtlEntry.
    """

    def run(_event: tk.Event) -> str:
        handler()
        return "break"

    for target in (widget, *descendants(widget)):
        if done is not None and str(target) in done:
            continue
        if done is not None:
            done.add(str(target))
        # Only widgets that take focus ever see a key, and Tk's Tab traversal stops at
        # any widget with a key binding: a bound label would become a Tab stop.
        if isinstance(target, FOCUSABLE) and where(target):
            for sequence in sequences:
                target.bind(sequence, run, add="+")


class Question(MessageDialog):
    """A MessageDialog that reports its answer to `on_answer` once it has closed."""

    def __init__(self, *args: Any, on_answer: Callable[[str | None], None], **kwargs: Any):
        self._on_answer = on_answer
        super().__init__(*args, **kwargs)

    def close(self, key: str | None) -> None:
        super().close(key)
        self._on_answer(key)


def ask(
    parent: tk.Misc,
    title: str,
    message: str,
    buttons: Sequence[tuple[str, str, str]],
    on_answer: Callable[[str | None], None],
    *,
    default: str | None = None,
    wait: bool = True,
) -> Question:
    """Ask with Persian buttons (key, label, style); `on_answer(key)` gets the choice
    (None for Escape). With wait=False (tests) the dialog stays open to be answered."""
    return Question(
        parent,
        title,
        message,
        buttons,
        default=default,
        icon_style="warning",
        wait=wait,
        on_answer=on_answer,
    )


class SectionForm(Form):
    """A Form whose messages wrap under their field instead of being cut off.

    The form's columns are a third of the page wide; a whole-sentence message is often
    wider than its field, so each message label wraps at the field's width (at least
    `min_wrap` pixels: a composite field has no requested size until idle time).
    """

    def __init__(self, master: tk.Misc, *, min_wrap: int = MIN_MESSAGE_WRAP, **kwargs: Any):
        super().__init__(master, **kwargs)
        self.min_wrap = min_wrap

    def add(
        self,
        name: str,
        label: str,
        widget_factory: Callable[[tk.Misc], tk.Widget],
        *,
        hint: str = "",
    ) -> tk.Widget:
        widget = super().add(name, label, widget_factory, hint=hint)
        old = self._errors[name]
        row = int(old.grid_info()["row"])
        old.destroy()
        error = RLabel(
            self,
            text=hint,
            bootstyle="secondary" if hint else "danger",
            font="-size 9",
            wraplength=max(widget.winfo_reqwidth(), self.min_wrap),
        )
        error.grid(row=row, column=0, sticky="e")
        error.hint = hint  # type: ignore[attr-defined]
        self._errors[name] = error
        return widget


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


# -- composite fields ------------------------------------------------------------------


class DateField(JalaliDateEntry):
    """A Jalali date field that a Form can focus (the frame passes focus to its entry).

    Composite fields say takefocus=0: Form binds Enter and Escape on the field it is
    given, and Tk's Tab traversal would otherwise stop on the bare frame.
    """

    def __init__(self, master: tk.Misc | None = None, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)
        super().__init__(master, **kwargs)

    def focus_set(self) -> None:
        self.entry.focus_set()

    def text(self) -> str:
        return self.entry.displayed()


class CategoryChecks(ttk.Frame):
    """The six programme categories as check boxes, box on the right."""

    def __init__(self, master: tk.Misc, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)
        super().__init__(master, **kwargs)
        self.vars: dict[str, tk.BooleanVar] = {}
        self.checks: dict[str, RCheck] = {}
        self.columnconfigure((0, 1), weight=1)
        for index, (key, label) in enumerate(CATEGORY_NAMES.items()):  # two columns, RTL
            var = self.vars[key] = tk.BooleanVar(self, value=False)
            check = self.checks[key] = RCheck(self, text=label, variable=var)
            check.grid(row=index // 2, column=1 - index % 2, sticky="e", pady=1, padx=(6, 0))

    def get(self) -> list[str]:
        return [key for key, var in self.vars.items() if var.get()]

    def set(self, keys: Sequence[str]) -> None:
        for key, var in self.vars.items():
            var.set(key in keys)

    def focus_set(self) -> None:
        next(iter(self.checks.values())).focus_set()


class TagEntry(ttk.Frame):
    """Skills as removable chips over an RtlEntry (see the module docstring)."""

    def __init__(self, master: tk.Misc, *, width: int = ENTRY_WIDTH, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)
        super().__init__(master, **kwargs)
        self.tags: list[str] = []
        self.entry = RtlEntry(self, width=width)
        self.entry.own_return = True  # type: ignore[attr-defined]
        self.entry.pack(fill="x")
        self.chips = ttk.Frame(self)
        self.chips.pack(fill="x")
        self.chip_buttons: dict[str, RButton] = {}
        self.entry.bind("<Return>", self._on_return)
        self.entry.bind("<KP_Enter>", self._on_return)
        self.entry.bind("<BackSpace>", self._on_backspace)
        self.entry.bind(CHANGED, self._on_change, add="+")
        self.on_submit: Callable[[], None] = lambda: None

    def get(self) -> list[str]:
        """The tags, plus what is still typed in the field."""
        pending = self.entry.get().strip()
        return [*self.tags, pending] if pending and pending not in self.tags else list(self.tags)

    def set(self, tags: Sequence[str]) -> None:
        self.tags = []
        self.entry.set("")
        for tag in tags:
            self.add(tag)
        self._layout()

    def add(self, text: str) -> None:
        tag = text.strip()
        if tag and tag not in self.tags:
            self.tags.append(tag)
            self._layout()

    def remove(self, tag: str) -> None:
        if tag in self.tags:
            self.tags.remove(tag)
            self._layout()
            self.entry.focus_set()

    def focus_set(self) -> None:
        self.entry.focus_set()

    def _on_return(self, _event: tk.Event) -> str:
        text = self.entry.get().strip()
        if text:
            self.add(text)
            self.entry.set("")
        else:
            self.on_submit()
        return "break"

    def _on_backspace(self, _event: tk.Event) -> str | None:
        if self.entry.get() or not self.tags:
            return None
        self.remove(self.tags[-1])
        return "break"

    def _on_change(self, _event: tk.Event) -> None:
        text = self.entry.get()
        if not any(separator in text for separator in TAG_SEPARATORS):
            return
        for separator in TAG_SEPARATORS[1:]:
            text = text.replace(separator, TAG_SEPARATORS[0])
        *done, rest = text.split(TAG_SEPARATORS[0])
        for tag in done:
            self.add(tag)
        self.entry.set(rest.lstrip())

    def _layout(self) -> None:
        """Chips flow right to left in rows as wide as the field."""
        for child in self.chips.winfo_children():
            child.destroy()
        self.chip_buttons = {}
        font = tkfont.nametofont("TkDefaultFont")
        limit = max(self.entry.winfo_reqwidth(), self.winfo_width())
        row: ttk.Frame | None = None
        used = 0
        for tag in self.tags:
            label = f"{tag} ×"
            width = font.measure(t(label)) + CHIP_EXTRA_PX
            if row is None or (used and used + width > limit):
                row = ttk.Frame(self.chips)
                row.pack(fill="x", pady=(3, 0))
                used = 0
            chip = self.chip_buttons[tag] = RButton(
                row,
                text=label,
                bootstyle="info-outline",
                padding=(6, 1),
                takefocus=False,
                command=lambda tag=tag: self.remove(tag),
            )
            chip.pack(side="right", padx=(4, 0))
            used += width


class NotesField(ttk.Frame):
    """Multi-line Persian notes as RtlEntry lines (see the module docstring)."""

    def __init__(self, master: tk.Misc, *, width: int = ENTRY_WIDTH, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)
        super().__init__(master, **kwargs)
        self.width = width
        self.lines: list[RtlEntry] = []
        # The form binds its page keys on lines added after it was built.
        self.on_line_added: Callable[[RtlEntry], None] = lambda _line: None
        for _ in range(NOTE_LINES):
            self._add_line()

    def get(self) -> str:
        return "\n".join(line.get() for line in self.lines).strip("\n")

    def set(self, text: str) -> None:
        parts = text.split("\n") if text else []
        while len(self.lines) < min(len(parts), NOTE_LINES_MAX):
            self._add_line()
        if len(parts) > NOTE_LINES_MAX:  # keep every word: the rest goes on the last line
            parts = [*parts[: NOTE_LINES_MAX - 1], " ".join(parts[NOTE_LINES_MAX - 1 :])]
        for index, line in enumerate(self.lines):
            line.set(parts[index] if index < len(parts) else "")

    def focus_set(self) -> None:
        self.lines[0].focus_set()

    def _add_line(self) -> RtlEntry:
        line = RtlEntry(self, width=self.width)
        line.own_return = True  # type: ignore[attr-defined]
        line.pack(fill="x", pady=(0, 2))
        line.bind("<Return>", lambda _e, w=line: self._next_line(w))
        line.bind("<KP_Enter>", lambda _e, w=line: self._next_line(w))
        line.bind("<Down>", lambda _e, w=line: self._step(w, 1))
        line.bind("<Up>", lambda _e, w=line: self._step(w, -1))
        self.lines.append(line)
        self.on_line_added(line)
        return line

    def _next_line(self, line: RtlEntry) -> str:
        index = self.lines.index(line)
        if index == len(self.lines) - 1 and len(self.lines) < NOTE_LINES_MAX:
            self._add_line()
        self._step(line, 1)
        return "break"

    def _step(self, line: RtlEntry, step: int) -> str:
        index = self.lines.index(line) + step
        if 0 <= index < len(self.lines):
            self.lines[index].focus_set()
            self.lines[index].icursor("end")
        return "break"


class ScrollArea(ttk.Frame):
    """A page taller than the window scrolls; the scrollbar stands on the left (RTL).

    `inner` is where the content goes; it is as wide as the area. A field that takes
    the focus (Tab) is scrolled into view, and the wheel scrolls from anywhere on it.
    """

    def __init__(self, master: tk.Misc, **kwargs: Any):
        super().__init__(master, **kwargs)
        self.canvas = ttk.Canvas(self, highlightthickness=0, borderwidth=0, height=200)
        self.bar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self._on_scroll)
        self.inner = ttk.Frame(self.canvas)
        self._window = self.canvas.create_window(0, 0, anchor="nw", window=self.inner)
        self.canvas.grid(row=0, column=1, sticky="nsew")
        self.bar.grid(row=0, column=0, sticky="ns")
        self.columnconfigure(1, weight=1)
        self.columnconfigure(0, minsize=self.bar.winfo_reqwidth())  # no reflow when it hides
        self.rowconfigure(0, weight=1)
        self.inner.bind("<Configure>", self._on_inner_configure, add="+")
        self.canvas.bind("<Configure>", self._on_canvas_configure, add="+")

    def wire(self) -> None:
        """Bind focus-follow and the wheel on the content (call once it is built)."""
        for widget in (self.canvas, self.inner, *descendants(self.inner)):
            for sequence in ("<Button-4>", "<Button-5>", "<MouseWheel>"):
                widget.bind(sequence, self._on_wheel, add="+")
            if isinstance(widget, FOCUSABLE):
                widget.bind("<FocusIn>", lambda _e, w=widget: self.see(w), add="+")

    def see(self, widget: tk.Misc, margin: int = 28) -> None:
        """Scroll just enough for `widget` (and the message under it) to be seen."""
        total = self.inner.winfo_height()
        view = self.canvas.winfo_height()
        if total <= view or total <= 1:
            return
        top = widget.winfo_rooty() - self.inner.winfo_rooty()
        bottom = top + widget.winfo_height() + margin
        shown_top = int(self.canvas.canvasy(0))
        if top < shown_top:  # room above for the section's title
            self.canvas.yview_moveto(max(0, top - 2 * margin) / total)
        elif bottom > shown_top + view:
            self.canvas.yview_moveto((bottom - view) / total)

    def _on_scroll(self, first: str, last: str) -> None:
        self.bar.set(first, last)
        if float(first) <= 0 and float(last) >= 1:
            self.bar.grid_remove()
        else:
            self.bar.grid()

    def _on_inner_configure(self, event: tk.Event) -> None:
        self.canvas.configure(scrollregion=(0, 0, event.width, event.height))

    def _on_canvas_configure(self, event: tk.Event) -> None:
        self.canvas.itemconfigure(self._window, width=event.width)

    def _on_wheel(self, event: tk.Event) -> str:
        if self.inner.winfo_height() > self.canvas.winfo_height():
            if event.num == 4 or getattr(event, "delta", 0) > 0:
                self.canvas.yview_scroll(-3, "units")
            else:
                self.canvas.yview_scroll(3, "units")
        return "break"


# -- the form ----------------------------------------------------------------------------


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
        on_open_existing: Callable[[str], None],
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
            lambda p: IdentifierEntry(p, allowed="digits", max_length=10, width=ENTRY_WIDTH),
            hint=Text.NATIONAL_CODE_HINT,
        )
        self._add(identity, "gender", lambda p: ChoiceBox(p, list(GENDER_NAMES.items())))
        self._add(identity, "birth_date", lambda p: DateField(p), hint=Text.DATE_HINT)

        contact = self._section("contact", Text.CONTACT)
        self._add(
            contact,
            "mobile",
            lambda p: IdentifierEntry(p, allowed="digits", max_length=11, width=ENTRY_WIDTH),
            hint=Text.MOBILE_HINT,
        )
        self._add(
            contact,
            "phone",
            lambda p: IdentifierEntry(p, allowed="digits", max_length=15, width=ENTRY_WIDTH),
        )
        numbers = sorted(self.district_names) or [1]
        self._add(
            contact,
            "district",
            lambda p: IdentifierEntry(p, allowed="digits", max_length=2, width=ENTRY_WIDTH),
            hint=Text.DISTRICT_HINT.format(
                first=persian_digits(numbers[0]), last=persian_digits(numbers[-1])
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
        self.categories: CategoryChecks = self._add(
            categories, "categories", lambda p: CategoryChecks(p), label=""
        )
        skills = self._section("skills", Text.SKILLS, label_width=0, wrap=300)
        self.skills: TagEntry = self._add(
            skills, "skills", lambda p: TagEntry(p), label="", hint=Text.SKILLS_HINT
        )
        self.skills.on_submit = self.save
        notes = self._section("notes", Text.NOTES, label_width=0, wrap=300)
        self.notes: NotesField = self._add(
            notes, "notes", lambda p: NotesField(p), label="", hint=Text.NOTES_HINT
        )

        title = (
            Text.NEW_TITLE
            if record is None
            else Text.EDIT_TITLE.format(file_number=persian_digits(record.file_number))
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
        self.summary = RLabel(head, text="", bootstyle="danger")
        self.summary.pack(side="left", padx=(10, 0))
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
                    file_number=persian_digits(record.file_number), name=record.full_name
                )
            else:
                before = self.record
                record = applicants.update(self.session, before.id, data)
                changed = record.updated_at != before.updated_at
                message = (
                    Text.UPDATED.format(file_number=persian_digits(record.file_number))
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
        text = " ".join(unplaced) or Text.FIX_ERRORS.format(count=persian_digits(count))
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
                file_number=persian_digits(match.file_number),
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
