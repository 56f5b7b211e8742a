"""Jalali date entry and month picker, right to left.

ttkbootstrap's DateEntry is Gregorian only. This one does what Persian users expect
of a date field (Qt's and Flet's Jalali pickers do the same): type the date directly
with Persian or ASCII digits (checked when the field loses focus), or open a month
grid that starts on Saturday at the *right*, with Friday in red as the holiday, a
Today button and keyboard navigation. Being right to left, the Right arrow goes back
a day and the Left arrow forward; the "next month" arrow points left.

The popup never blocks (no wait_window): the choice comes back through a callback,
so tests drive it without a main loop. Its grab can be switched off for tests.
`DateField` is the entry as a Form field (the applicant form, the file page's status
panel, the casework tabs and the due follow-ups filter all use it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.strings.widget_views import DateText
from desktop.text.digits import persian_digits
from desktop.text.jalali import (
    MONTH_NAMES,
    WEEKDAY_INITIALS,
    WEEKDAY_NAMES,
    JalaliDateError,
    format_jalali,
    from_jalali,
    jalali_parts,
    month_length,
    parse_jalali,
    weekday_index,
)
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.ltr_entry import NumberEntry
from desktop.views.widgets.rtl import RButton, t
from desktop.views.widgets.windows import place_under, set_title

FRIDAY = 6  # weekday_index of Friday (Saturday is 0)


def check_date_text(
    text: str, min_date: dt.date | None = None, max_date: dt.date | None = None
) -> dt.date | None:
    """What was typed → a date, None when empty; JalaliDateError (Persian) otherwise."""
    if not text.strip():
        return None
    value = parse_jalali(text)
    if min_date is not None and value < min_date:
        raise JalaliDateError(DateText.BEFORE_MIN.format(date=format_jalali(min_date)))
    if max_date is not None and value > max_date:
        raise JalaliDateError(DateText.AFTER_MAX.format(date=format_jalali(max_date)))
    return value


def add_months(value: dt.date, months: int) -> dt.date:
    """The same Jalali day `months` later, clamped to the month's length (31 → 30)."""
    year, month, day = jalali_parts(value)
    index = year * 12 + (month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return from_jalali(year, month, min(day, month_length(year, month)))


class JalaliCalendar(ttk.Frame):
    """A month grid: Saturday in the rightmost column, Friday (red) in the leftmost.

    `cursor` is the highlighted day that the keyboard moves; Enter or a click calls
    `on_select(date)`, Escape calls `on_cancel()`.
    """

    def __init__(
        self,
        master: tk.Misc,
        *,
        selected: dt.date | None = None,
        min_date: dt.date | None = None,
        max_date: dt.date | None = None,
        today: dt.date | None = None,
        on_select: Callable[[dt.date], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        **kwargs: Any,
    ):
        kwargs.setdefault("padding", 6)
        super().__init__(master, takefocus=True, **kwargs)
        self.today = today or dt.date.today()
        self.min_date, self.max_date = min_date, max_date
        self.on_select, self.on_cancel = on_select, on_cancel
        self.cursor = self._clamp(selected or self.today)
        base = tkfont.nametofont("TkDefaultFont").actual()
        self._today_font = tkfont.Font(self, **base)
        self._today_font.configure(weight="bold", underline=True)

        header = ttk.Frame(self)
        header.pack(fill="x")
        # Right to left: "previous" sits on the right and points right, "next" on the
        # left and points left. Arrows are symbols, not Persian text: no t().
        self.next_button = ttk.Button(
            header,
            text="◀",
            width=3,
            bootstyle="secondary-outline",
            takefocus=False,
            command=lambda: self.move_months(1),
        )
        self.prev_button = ttk.Button(
            header,
            text="▶",
            width=3,
            bootstyle="secondary-outline",
            takefocus=False,
            command=lambda: self.move_months(-1),
        )
        self.title = ttk.Label(header, anchor="center", font="TkHeadingFont")
        self.next_button.pack(side="left")
        self.prev_button.pack(side="right")
        self.title.pack(side="left", fill="x", expand=True)

        grid = ttk.Frame(self)
        grid.pack(fill="both", expand=True, pady=(6, 0))
        self.weekday_labels: list[ttk.Label] = []
        for weekday, initial in enumerate(WEEKDAY_INITIALS):
            label = ttk.Label(
                grid,
                text=t(initial),
                anchor="center",
                width=3,
                bootstyle="danger" if weekday == FRIDAY else "secondary",
            )
            label.grid(row=0, column=6 - weekday, sticky="nsew")
            label.weekday_name = WEEKDAY_NAMES[weekday]  # type: ignore[attr-defined]
            self.weekday_labels.append(label)
        self.cells: list[ttk.Label] = []
        self.cell_dates: dict[str, dt.date] = {}
        for index in range(42):
            cell = ttk.Label(grid, anchor="center", width=3, padding=(2, 3))
            cell.grid(row=1 + index // 7, column=6 - index % 7, sticky="nsew")
            cell.bind("<Button-1>", self._on_click)
            self.cells.append(cell)
        for column in range(7):
            grid.columnconfigure(column, weight=1, uniform="day")

        self.today_button = RButton(
            self, text=DateText.TODAY, bootstyle="link", takefocus=False, command=self.pick_today
        )
        self.today_button.pack(fill="x", pady=(4, 0))

        for sequence, handler in {
            "<Right>": lambda: self.move_days(-1),
            "<Left>": lambda: self.move_days(1),
            "<Up>": lambda: self.move_days(-7),
            "<Down>": lambda: self.move_days(7),
            "<Prior>": lambda: self.move_months(-1),
            "<Next>": lambda: self.move_months(1),
            "<Shift-Prior>": lambda: self.move_months(-12),
            "<Shift-Next>": lambda: self.move_months(12),
            "<Home>": self.month_start,
            "<End>": self.month_end,
            "<Return>": self.pick,
            "<KP_Enter>": self.pick,
            "<Escape>": self.cancel,
        }.items():
            self.bind(sequence, then_break(handler))
        self.refresh()

    # -- navigation ------------------------------------------------------------------

    def move_to(self, value: dt.date) -> None:
        self.cursor = self._clamp(value)
        self.refresh()

    def move_days(self, days: int) -> None:
        self.move_to(self.cursor + dt.timedelta(days=days))

    def move_months(self, months: int) -> None:
        self.move_to(add_months(self.cursor, months))

    def month_start(self) -> None:
        year, month, _ = jalali_parts(self.cursor)
        self.move_to(from_jalali(year, month, 1))

    def month_end(self) -> None:
        year, month, _ = jalali_parts(self.cursor)
        self.move_to(from_jalali(year, month, month_length(year, month)))

    def pick(self) -> None:
        if self.on_select is not None:
            self.on_select(self.cursor)

    def pick_today(self) -> None:
        self.move_to(self.today)
        if self._in_range(self.today):
            self.pick()

    def cancel(self) -> None:
        if self.on_cancel is not None:
            self.on_cancel()

    def cell_for(self, value: dt.date) -> ttk.Label | None:
        """The grid cell showing `value`, if its month is shown (for tests and tools)."""
        for cell in self.cells:
            if self.cell_dates.get(str(cell)) == value:
                return cell
        return None

    # -- drawing ---------------------------------------------------------------------

    def refresh(self) -> None:
        year, month, _ = jalali_parts(self.cursor)
        self.title.configure(text=t(f"{MONTH_NAMES[month - 1]} {persian_digits(year)}"))
        first = from_jalali(year, month, 1)
        lead = weekday_index(first)
        days = month_length(year, month)
        self.cell_dates.clear()
        for index, cell in enumerate(self.cells):
            day = index - lead + 1
            if not 1 <= day <= days:
                cell.configure(text="", bootstyle="default", font="TkDefaultFont")
                continue
            value = first + dt.timedelta(days=day - 1)
            self.cell_dates[str(cell)] = value
            cell.configure(text=t(persian_digits(day)), **self._cell_look(value, index % 7))

    def _cell_look(self, value: dt.date, weekday: int) -> dict[str, Any]:
        font: Any = self._today_font if value == self.today else "TkDefaultFont"
        if value == self.cursor:
            style = "@primary"
        elif not self._in_range(value):
            style = "secondary"
        elif value == self.today:
            style = "info"
        elif weekday == FRIDAY:
            style = "danger"
        else:
            style = "default"
        return {"bootstyle": style, "font": font}

    def _on_click(self, event: tk.Event) -> None:
        value = self.cell_dates.get(str(event.widget))
        if value is not None and self._in_range(value):
            self.move_to(value)
            self.pick()

    def _in_range(self, value: dt.date) -> bool:
        return (self.min_date is None or value >= self.min_date) and (
            self.max_date is None or value <= self.max_date
        )

    def _clamp(self, value: dt.date) -> dt.date:
        if self.min_date is not None and value < self.min_date:
            return self.min_date
        if self.max_date is not None and value > self.max_date:
            return self.max_date
        return value


class JalaliDatePicker(ttk.Toplevel):
    """A borderless popup holding a JalaliCalendar, closed by a choice or Escape.

    `grab=False` (or the class switch `use_grab = False`, as idlelib's dialogs have
    for tests) leaves the rest of the application responsive to synthetic events.
    """

    use_grab = True

    def __init__(
        self,
        master: tk.Misc,
        *,
        on_select: Callable[[dt.date], None],
        on_close: Callable[[], None] | None = None,
        grab: bool | None = None,
        **calendar_options: Any,
    ):
        super().__init__(master=master, override_redirect=True)
        self.withdraw()
        set_title(
            self, DateText.PICKER_TITLE
        )  # never shown (no frame), but read by tools and tests
        self._on_select, self._on_close = on_select, on_close
        border = ttk.Frame(self, bootstyle="secondary", padding=1)
        border.pack(fill="both", expand=True)
        self.calendar = JalaliCalendar(
            border, on_select=self._choose, on_cancel=self.close, **calendar_options
        )
        self.calendar.pack(fill="both", expand=True)
        self._grab = self.use_grab if grab is None else grab
        self.bind("<ButtonPress-1>", self._on_press, add="+")

    def show_under(self, widget: tk.Misc) -> None:
        """Map the popup under `widget`, right edges aligned (the form is RTL); above it
        when there is no room below, and always inside the screen."""
        place_under(self, widget)
        self.deiconify()
        self.lift()
        self.calendar.focus_force()
        if self._grab:
            # Not viewable yet, or another grab is active: the popup still works.
            with contextlib.suppress(tk.TclError):
                self.grab_set()

    def close(self) -> None:
        if not self.winfo_exists():
            return
        if self._grab:
            self.grab_release()
        self.destroy()
        if self._on_close is not None:
            self._on_close()

    def _choose(self, value: dt.date) -> None:
        self._on_select(value)
        self.close()

    def _on_press(self, event: tk.Event) -> None:
        # With a grab, clicks outside the popup arrive here too: they close it.
        inside_x = 0 <= event.x_root - self.winfo_rootx() < self.winfo_width()
        inside_y = 0 <= event.y_root - self.winfo_rooty() < self.winfo_height()
        if not (inside_x and inside_y):
            self.close()


class JalaliDateEntry(ttk.Frame):
    """A date field: LTR text with Persian digits, plus a button that opens the picker.

    `get_date()` is None when empty and raises JalaliDateError when the text is not a
    date in range. Leaving the field (or Enter) checks it: an invalid text puts the
    entry in the ttk `invalid` state, sets `error` to the Persian message and emits
    `<<DateInvalid>>`; a valid new date emits `<<DateChanged>>`. Nothing is raised
    into Tk.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        value: dt.date | None = None,
        min_date: dt.date | None = None,
        max_date: dt.date | None = None,
        width: int = 12,
        **kwargs: Any,
    ):
        super().__init__(master, **kwargs)
        self.min_date, self.max_date = min_date, max_date
        self.error: str | None = None
        self.picker: JalaliDatePicker | None = None
        self._value: dt.date | None = None
        self.entry = NumberEntry(self, allowed="date", max_length=14, width=width)
        self.button = ttk.Button(
            self,
            text="▼",
            width=2,
            bootstyle="secondary-outline",
            takefocus=False,
            command=self.open_picker,
        )
        # RTL form: the field starts at the right; the drop-down button ends it.
        self.entry.pack(side="right", fill="x", expand=True)
        self.button.pack(side="left", padx=(0, 2))
        self.entry.bind("<FocusOut>", lambda _e: self.validate(), add="+")
        for sequence in ("<Return>", "<KP_Enter>"):
            self.entry.bind(sequence, lambda _e: self.validate(), add="+")
        for sequence in ("<Alt-Down>", "<F4>"):
            self.entry.bind(sequence, then_break(self.open_picker))
        self.set_date(value)

    def get_date(self) -> dt.date | None:
        return check_date_text(self.entry.displayed(), self.min_date, self.max_date)

    def set_date(self, value: dt.date | None) -> None:
        """Show `value` (None clears); no <<DateChanged>>, as for Tk's own `set`."""
        self.entry.set(format_jalali(value) if value is not None else "")
        self._value = value
        self._set_error(None)

    def validate(self) -> bool:
        """Check what was typed; reformat it when valid. Never raises."""
        try:
            value = self.get_date()
        except JalaliDateError as error:
            self._set_error(str(error))
            self.event_generate("<<DateInvalid>>")
            return False
        changed = value != self._value
        self.set_date(value)
        if changed:
            self.event_generate("<<DateChanged>>")
        return True

    def open_picker(self) -> JalaliDatePicker:
        if self.picker is not None:
            return self.picker
        try:
            selected = self.get_date()
        except JalaliDateError:
            selected = self._value
        self.picker = JalaliDatePicker(
            self,
            selected=selected,
            min_date=self.min_date,
            max_date=self.max_date,
            on_select=self._picked,
            on_close=self._picker_closed,
        )
        self.picker.show_under(self)
        return self.picker

    def destroy(self) -> None:
        if self.picker is not None:
            self.picker.close()
        super().destroy()

    def _picked(self, value: dt.date) -> None:
        self.entry.set(format_jalali(value))
        self.validate()

    def _picker_closed(self) -> None:
        self.picker = None
        if self.winfo_exists():
            self.entry.focus_set()

    def _set_error(self, message: str | None) -> None:
        self.error = message
        self.entry.state(["invalid"] if message else ["!invalid"])


class DateField(JalaliDateEntry):
    """A JalaliDateEntry as a Form field: focus and Tab go to its entry, never the frame.

    A Form binds Enter and Escape on the field it is given, and Tk's Tab traversal stops
    on any widget with key bindings: so the frame says takefocus=0 (else Tab would
    stop on the bare frame first), and `focus_set()` (the Form focusing the first
    invalid field) passes the focus to the entry.
    """

    def __init__(self, master: tk.Misc | None = None, **kwargs: Any):
        kwargs.setdefault("takefocus", 0)
        super().__init__(master, **kwargs)

    def focus_set(self) -> None:
        self.entry.focus_set()

    def text(self) -> str:
        """What was typed, for a service to parse (its messages go next to the field)."""
        return self.entry.displayed()

    def set(self, value: dt.date | str | None) -> None:
        """Show a date, or a text as if typed (a form filled back); None or "" clears."""
        if isinstance(value, dt.date):
            self.set_date(value)
        else:
            self.set_date(None)
            self.entry.set(value or "")
