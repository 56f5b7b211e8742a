"""A right-to-left virtual table over results of any size.

A Treeview holding 100k items takes most of a second to fill and sorting it by moving
items takes minutes (see DESIGN.md, "Speed"). So the Treeview here only ever holds the
rows that fit on screen; the scrollbar, wheel and keys move an *offset* over
`source.count()` rows, and each move asks the source for one page. Sorting is the
source's job (SQL ORDER BY over an index). Bursts of scroll events are coalesced into
one fetch at idle time.

Right to left: columns are shown in reverse order (`displaycolumns`), text is anchored
east, the scrollbar sits on the left, and Persian cells go through `t()`.

Narrow windows: no column gets narrower than the width it was given (spare width is
shared out as before). What does not fit scrolls horizontally — a Treeview would
otherwise squeeze every column, or cut them off at its right edge, which in right to
left is where the name stands. The view starts at the right edge, where a Persian
reader starts, and always shows the `main` columns (the name a row is known by).
Identifiers are shown exactly as stored (Latin digits), quantities with Persian digits
and separators (desktop/text/digits.py); both stay left to right.

Nothing a person reads is cut silently: a heading is never narrower than its text (and
the sort arrow it may get), and an identifier column grows to the widest value shown
in it — a file number is as long as its centre's code (2 to 10 characters) makes it,
and a code cut at its end, or shortened with «…» like a name, is a different code.

Copying: Ctrl+C (also with the Persian layout on, where the key gives «ز») copies the
selected row, and a right click offers the row or the cell under the pointer. The
clipboard gets logical text (never the converted text drawn on X11), each cell whole
(not shortened to its column) and as it reads in the table — identifiers as stored,
quantities and dates as shown — with the cells of a row separated by tabs in reading
order, from the right: pasted into a right-to-left sheet (Excel, LibreOffice) the
first column lands in column A, at the right, and into a Persian line in Word the
cells read in the same order as on screen.
"""

from __future__ import annotations

import datetime as dt
import functools
import tkinter as tk
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from tkinter import font as tkfont
from typing import Any, Literal, Protocol

import ttkbootstrap as ttk

from desktop.strings.table_views import TableText
from desktop.text.digits import format_number, group_thousands
from desktop.text.jalali import format_jalali
from desktop.text.keyboard import latin_key
from desktop.text.money import MoneyUnit, format_money
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.rtl import RLabel, display, t
from desktop.views.widgets.scroll_area import AutoScrollbar
from desktop.views.widgets.windows import system_text

ARROW_UP, ARROW_DOWN = " ▲", " ▼"
WHEEL_ROWS = 3
DISPLAY_CACHE_SIZE = 20_000
CELL_PADDING = 12  # pixels a Treeview cell keeps around its text
HEADING_BORDER = 2  # pixels a heading's border takes, besides its style's padding
ELLIPSIS = "…"

# "identifier": a code shown as stored (Latin digits); "number": a quantity, Persian
# digits and separators, whether given as a number or as text already composed.
Kind = Literal["text", "number", "date", "money", "identifier"]
Row = tuple[str, tuple[Any, ...]]


class PageSource(Protocol):
    """Where the rows come from: a query with COUNT, ORDER BY, LIMIT and OFFSET."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int, sort: str | None, descending: bool) -> list[Row]:
        """Rows [offset, offset + limit) in `sort` order: (row id, values by column)."""
        ...


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # logical Persian
    width: int = 120
    kind: Kind = "text"
    sortable: bool = True
    # The column a row is known by (a name): in view whenever the table is narrower
    # than its columns. Without one, the first column (at the right) is.
    main: bool = False


class PagedTable(ttk.Frame):
    """A Treeview window of `page_size` rows over `source`, moved by `offset`.

    `on_activate(row_id)` runs on Enter or double click. `selected_id` survives
    paging, sorting and refresh.
    """

    def __init__(
        self,
        master: tk.Misc,
        columns: Sequence[Column],
        source: PageSource | None = None,
        *,
        on_activate: Callable[[str], object] | None = None,
        money_unit: MoneyUnit = MoneyUnit.RIAL,
        empty_text: str = TableText.EMPTY,
        height: int = 15,
        **kwargs: Any,
    ):
        super().__init__(master, **kwargs)
        self.columns = list(columns)
        self.source = source
        self.on_activate = on_activate
        self.money_unit = money_unit
        self.offset = 0
        self.total = 0
        self.page_size = height
        self.sort_key: str | None = None
        self.descending = False
        self.selected_id: str | None = None
        self._select_index: int | None = None  # absolute row to select after a fetch
        self._page_values: dict[str, tuple[Any, ...]] = {}  # the page's rows, as given
        self._after_ids: set[str] = set()
        self._render_after: str | None = None  # the one scheduled fetch, if any
        self._display_cache: dict[str, str] = {}  # what _display gave, as `display()` draws
        self._display_of_cache = display()
        self._font: tkfont.Font | None = None
        self._heading_font: tkfont.Font | None = None
        self._char_widths: dict[str, int] = {}
        self._widest_char = 12
        self._measured = False  # the heading's real height seen (a row was drawn)

        keys = [column.key for column in self.columns]
        self.tree = ttk.Treeview(
            self,
            columns=keys,
            displaycolumns=keys[::-1],
            show="headings",
            selectmode="browse",
            height=height,
        )
        self.main_keys = {column.key for column in self.columns if column.main} or {keys[0]}
        for column in self.columns:
            centred = column.kind in ("identifier", "number")
            self.tree.column(
                column.key,
                width=column.width,
                minwidth=column.width,  # narrower: the table scrolls instead
                anchor="center" if centred else "e",
            )
            self.tree.heading(column.key, anchor="e")
        self._draw_headings()
        self.scrollbar = ttk.Scrollbar(self, orient="vertical", command=self._on_scrollbar)
        self.hbar = AutoScrollbar(self, orient="horizontal", command=self.tree.xview)
        self.tree.configure(xscrollcommand=self.hbar.set)
        self._tree_width = 0
        self._edge_after: str | None = None
        self.status = RLabel(self, bootstyle="secondary")
        self.empty_label = RLabel(self, text=empty_text, anchor="center", bootstyle="secondary")

        self.status.grid(row=2, column=0, columnspan=2, sticky="e", pady=(2, 0))
        self.scrollbar.grid(row=0, column=0, sticky="ns")
        self.tree.grid(row=0, column=1, sticky="nsew")
        self.hbar.grid(row=1, column=1, sticky="ew")
        self.hbar.grid_remove()  # shown while the columns are wider than the table
        self.columnconfigure(1, weight=1)
        self.rowconfigure(0, weight=1)

        bindings: dict[str, Callable[[], None]] = {
            "<Up>": lambda: self.move_selection(-1),
            "<Down>": lambda: self.move_selection(1),
            "<Prior>": lambda: self.move_selection(-self.page_size),
            "<Next>": lambda: self.move_selection(self.page_size),
            "<Home>": lambda: self.select_index(0),
            "<End>": lambda: self.select_index(self.total - 1),
            "<Control-Home>": lambda: self.select_index(0),
            "<Control-End>": lambda: self.select_index(self.total - 1),
            "<Return>": self._activate,
            "<KP_Enter>": self._activate,
            "<Button-4>": lambda: self.scroll(-WHEEL_ROWS),
            "<Button-5>": lambda: self.scroll(WHEEL_ROWS),
        }
        for sequence, action in bindings.items():
            self.tree.bind(sequence, then_break(action))
        self.tree.bind("<MouseWheel>", self._on_wheel)
        self.tree.bind("<Double-Button-1>", self._on_double_click)
        self.tree.bind("<<TreeviewSelect>>", self._on_select)
        self.tree.bind("<Configure>", self._on_configure)
        self.tree.bind("<<Copy>>", then_break(self.copy_selected))
        self.tree.bind("<Control-KeyPress>", self._on_control_key, add="+")
        self.menu: tk.Menu | None = None  # the right-click menu, made when first asked
        right_button = (
            "<Button-2>" if self.tk.call("tk", "windowingsystem") == "aqua" else "<Button-3>"
        )
        self.tree.bind(right_button, self._on_right_click)
        if source is not None:
            self.refresh()

    # -- public API ------------------------------------------------------------------

    def set_source(self, source: PageSource | None) -> None:
        """Show another result (a new search); back to the top, selection cleared."""
        self.source = source
        self.offset = 0
        self.selected_id = None
        self._select_index = None
        self.refresh()

    def refresh(self) -> None:
        """Count again and refetch the page now (the rows behind it may have changed)."""
        if self._display_of_cache is not display():  # the display setting changed
            self._display_cache.clear()
            self._display_of_cache = display()
        self.total = self.source.count() if self.source is not None else 0
        self.offset = self._clamp_offset(self.offset)
        self._render()

    def scroll(self, rows: int) -> None:
        self.scroll_to(self.offset + rows)

    def scroll_to(self, offset: int) -> None:
        """Move the window; the fetch happens once, at idle, however many calls come."""
        self.offset = self._clamp_offset(offset)
        self._update_scrollbar()
        self._schedule_render()

    def sort_by(self, key: str, descending: bool | None = None) -> None:
        """Sort through the source; the same heading again toggles the direction."""
        if descending is None:
            descending = not self.descending if key == self.sort_key else False
        self.sort_key, self.descending = key, descending
        self.offset = 0
        self._select_index = None
        self._draw_headings()
        self._schedule_render()

    def move_selection(self, rows: int) -> None:
        current = self._selected_position()
        if current is None:
            self.select_index(self.offset if rows > 0 else self.offset + self.page_size - 1)
        else:
            self.select_index(current + rows)

    def select_index(self, index: int) -> None:
        """Select the row at absolute position `index`, scrolling it into view."""
        if self.total == 0:
            return
        index = max(0, min(index, self.total - 1))
        if index < self.offset:
            self.offset = index
        elif index >= self.offset + self.page_size:
            self.offset = index - self.page_size + 1
        self.offset = self._clamp_offset(self.offset)
        self._select_index = index
        self._schedule_render()

    def visible_rows(self) -> list[tuple[str, tuple[Any, ...]]]:
        """What the Treeview holds now: (row id, displayed values in column order)."""
        return [(iid, tuple(self.tree.item(iid, "values"))) for iid in self.tree.get_children()]

    def status_text(self) -> str:
        return self.status.logical_text

    def row_text(self, row_id: str, key: str | None = None) -> str:
        """A row of this page as copied: its cells (or the cell of column `key`) as
        logical text, tab-separated in reading order ("" for a row not on the page)."""
        values = self._page_values.get(str(row_id))
        if values is None:
            return ""
        cells = [
            self._copied_cell(column, value)
            for column, value in zip(self.columns, values, strict=True)
            if key is None or column.key == key
        ]
        return "\t".join(cells)

    def copy_selected(self, key: str | None = None) -> bool:
        """Put the selected row (or its cell of column `key`) on the clipboard."""
        if self.selected_id is None or str(self.selected_id) not in self._page_values:
            return False
        self.clipboard_clear()
        self.clipboard_append(system_text(self.row_text(self.selected_id, key)))
        return True

    def destroy(self) -> None:
        for after_id in self._after_ids:
            self.after_cancel(after_id)
        self._after_ids.clear()
        super().destroy()

    # -- fetching and drawing ----------------------------------------------------------

    def _schedule_render(self) -> None:
        if self._render_after is not None:
            return
        self._render_after = self.after_idle(self._render_scheduled)
        self._after_ids.add(self._render_after)

    def _render_scheduled(self) -> None:
        self._after_ids.discard(self._render_after or "")
        self._render_after = None
        self._render()

    def _render(self) -> None:
        if self._render_after is not None:  # a direct refresh overtakes a scheduled one
            self.after_cancel(self._render_after)
            self._after_ids.discard(self._render_after)
            self._render_after = None
        rows: list[Row] = []
        if self.source is not None and self.total:
            rows = self.source.fetch(self.offset, self.page_size, self.sort_key, self.descending)
        self.tree.delete(*self.tree.get_children())
        self._page_values = {str(row_id): tuple(values) for row_id, values in rows}
        shown = [self._format(values) for _row_id, values in rows]
        for (row_id, _values), cells in zip(rows, shown, strict=True):
            self.tree.insert("", "end", iid=str(row_id), values=cells)
        self._fit_identifiers(shown)
        if self._select_index is not None:
            position = self._select_index - self.offset
            children = self.tree.get_children()
            if 0 <= position < len(children):
                self.selected_id = children[position]
            self._select_index = None
        if self.selected_id is not None and self.tree.exists(self.selected_id):
            self.tree.selection_set(self.selected_id)
            self.tree.focus(self.selected_id)
        self._update_scrollbar()
        self._update_status(len(rows))
        if rows and not self._measured:
            self.tree.update_idletasks()  # lay the rows out so bbox() can tell
            if self.tree.bbox(self.tree.get_children()[0]):
                self._measured = True
                self._fit_page(self.tree.winfo_height())

    def _format(self, values: Sequence[Any]) -> list[str]:
        return [
            self._format_cell(column, value)
            for column, value in zip(self.columns, values, strict=True)
        ]

    def _format_cell(self, column: Column, value: Any) -> str:
        # Money, dates, numbers and identifiers are runs of digits and separators,
        # drawn left to right on every platform: no t(), which is costly for every cell.
        if value is None or value == "":
            return ""
        if column.kind == "money":
            return format_money(int(value), self.money_unit, with_unit=False)
        if column.kind == "date":
            date = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
            return format_jalali(date)
        if column.kind == "identifier":
            return str(value)  # as stored: a code is copied into other systems
        if column.kind == "number":
            return format_number(value)
        return self._display(str(value), self.tree.column(column.key, "width"))

    def _copied_cell(self, column: Column, value: Any) -> str:
        """A cell as copied: as the table shows it, but logical and whole, on one line."""
        if column.kind == "text":
            text = "" if value is None else str(value)
        else:
            text = self._format_cell(column, value)
        return " ".join(text.split()) if any(c in text for c in "\t\n\r") else text

    def _display(self, text: str, width: int) -> str:
        """t(text) that fits `width` pixels, remembered: names repeat page after page.

        A Treeview cuts what does not fit at the cell's left edge, which for Persian is
        the *end* of the sentence, silently. Text too wide is shortened at its logical
        end instead, with an ellipsis, before it is converted for drawing.
        """
        key = f"{width}\x00{text}"
        shown = self._display_cache.get(key)
        if shown is None:
            if len(self._display_cache) >= DISPLAY_CACHE_SIZE:
                self._display_cache.clear()
            shown = self._display_cache[key] = t(self._fit(text, width - CELL_PADDING))
        return shown

    def _fit(self, text: str, width: int) -> str:
        measure = self._cell_font().measure
        if len(text) * self._widest_char <= width or measure(t(text)) <= width:
            return text
        low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
        while low < high:
            middle = (low + high + 1) // 2
            if measure(t(text[:middle].rstrip() + ELLIPSIS)) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + ELLIPSIS

    def _cell_font(self) -> tkfont.Font:
        if self._font is None:
            name = ttk.Style().lookup(self.tree.cget("style") or "Treeview", "font")
            self._font = tkfont.Font(root=self, font=name or "TkDefaultFont")
            self._widest_char = max(
                self._font.measure(c) for c in "\N{ARABIC LETTER SHEEN}\N{ARABIC LETTER SAD}WM@"
            )
        return self._font

    def _draw_headings(self) -> None:
        for column in self.columns:
            text = column.heading
            if column.kind == "money":
                text = f"{text} ({self.money_unit.label})"
            # Room for the sort arrow too, so sorting never cuts the heading.
            self._widen(column.key, self._heading_width(text + ARROW_DOWN * column.sortable))
            if column.key == self.sort_key:
                text += ARROW_DOWN if self.descending else ARROW_UP
            command = (lambda k=column.key: self.sort_by(k)) if column.sortable else ""
            self.tree.heading(column.key, text=t(text), command=command)

    def _heading_width(self, logical: str) -> int:
        """Pixels a heading needs to show `logical` whole."""
        if self._heading_font is None:
            name = ttk.Style().lookup("Treeview.Heading", "font")
            self._heading_font = tkfont.Font(root=self, font=name or "TkDefaultFont")
        # ttk padding: left [top [right [bottom]]], the right defaulting to the left.
        raw = ttk.Style().lookup("Treeview.Heading", "padding")
        padding = [int(float(str(p))) for p in self.tk.splitlist(raw)] if raw else []
        sides = padding[0] + (padding[2] if len(padding) > 2 else padding[0]) if padding else 0
        return self._heading_font.measure(t(logical)) + sides + HEADING_BORDER

    def _fit_identifiers(self, shown: list[list[str]]) -> None:
        """Widen each identifier column to the widest value on the page (never narrower
        again while the table lives, so paging does not make the columns jump)."""
        if not shown:
            return
        for index, column in enumerate(self.columns):
            if column.kind != "identifier":
                continue
            room = int(self.tree.column(column.key, "minwidth")) - CELL_PADDING
            widest = max((cells[index] for cells in shown), key=self._estimate)
            # A font's measure is slow (Xft): only the widest value is measured,
            # and only when it may not fit.
            if self._estimate(widest) > room:
                self._widen(column.key, self._cell_font().measure(widest) + CELL_PADDING)

    def _estimate(self, text: str) -> int:
        """`text`'s width as the sum of its characters' widths (each measured once):
        exactly Tk's measure on X11, which draws without kerning; near it elsewhere."""
        widths = self._char_widths
        for char in text:
            if char not in widths:
                widths[char] = self._cell_font().measure(char)
        return sum(widths[char] for char in text)

    def _widen(self, key: str, needed: int) -> None:
        """Make column `key` at least `needed` pixels wide, now and from now on."""
        if needed <= int(self.tree.column(key, "minwidth")):
            return
        self.tree.column(key, minwidth=needed, width=max(needed, self.tree.column(key, "width")))
        if getattr(self, "_tree_width", 0) and self._edge_after is None:
            # The row's start again, with the main columns in view (see _on_configure).
            self._edge_after = self.after_idle(self._show_row_start)
            self._after_ids.add(self._edge_after)

    def _update_scrollbar(self) -> None:
        if self.total <= self.page_size:
            self.scrollbar.set(0.0, 1.0)
        else:
            first = self.offset / self.total
            self.scrollbar.set(first, min(1.0, (self.offset + self.page_size) / self.total))

    def _update_status(self, shown: int) -> None:
        if self.total == 0:
            self.status.set_text("")
            self.empty_label.place(in_=self.tree, relx=0.5, rely=0.5, anchor="center")
            return
        self.empty_label.place_forget()
        first, last = self.offset + 1, self.offset + shown
        self.status.set_text(
            TableText.STATUS.format(
                first=group_thousands(first),
                last=group_thousands(last),
                count=group_thousands(self.total),
            )
        )

    def _clamp_offset(self, offset: int) -> int:
        return max(0, min(offset, self.total - self.page_size))

    # -- events --------------------------------------------------------------------------

    def _on_scrollbar(self, action: str, amount: str, unit: str = "") -> None:
        if action == "moveto":
            self.scroll_to(round(float(amount) * self.total))
        elif unit == "pages":
            self.scroll(int(amount) * self.page_size)
        else:
            self.scroll(int(amount))

    def _on_wheel(self, event: tk.Event) -> str:
        # Windows sends multiples of 120 per notch, macOS small numbers: only the sign
        # and the notch count matter.
        direction = -1 if event.delta > 0 else 1
        self.scroll(direction * max(1, abs(event.delta) // 120) * WHEEL_ROWS)
        return "break"

    def _on_configure(self, event: tk.Event) -> None:
        self._fit_page(event.height)
        if event.width != self._tree_width:
            self._tree_width = event.width
            # Once Tk has laid the columns out again: show the start of the row and
            # refit the cells of the resized columns.
            if self._edge_after is None:
                self._edge_after = self.after_idle(self._show_row_start)
                self._after_ids.add(self._edge_after)
            self._schedule_render()

    def _show_row_start(self) -> None:
        """Scroll to the right edge (where a right-to-left reader starts), or as far
        left of it as the main columns need to be seen whole."""
        self._after_ids.discard(self._edge_after or "")
        self._edge_after = None
        shown = [str(key) for key in self.tree.cget("displaycolumns")]
        widths = [int(self.tree.column(key, "width")) for key in shown]
        total, view = sum(widths), self.tree.winfo_width()
        starts = [sum(widths[:index]) for index in range(len(shown))]
        main = [start for start, key in zip(starts, shown, strict=True) if key in self.main_keys]
        if main and min(main) < total - view:  # the right edge would cut a main column
            self.tree.xview_moveto(min(main) / total)
        else:
            self.tree.xview_moveto(1.0)

    def _fit_page(self, height: int) -> None:
        """As many rows as the tree shows whole. Before the first row is drawn the
        heading's height is a guess, so the first render checks again (no hidden row)."""
        if height <= 1:
            return
        rows = max(1, (height - self._heading_height()) // self._row_height())
        if rows != self.page_size:
            self.page_size = rows
            self.offset = self._clamp_offset(self.offset)
            self._schedule_render()

    def _row_height(self) -> int:
        style = self.tree.cget("style") or "Treeview"
        return int(ttk.Style().lookup(style, "rowheight") or 20)

    def _heading_height(self) -> int:
        children = self.tree.get_children()
        box = self.tree.bbox(children[0]) if children else ""
        if box:
            return int(box[1]) + 2
        return self._row_height() + 8  # a guess until a row is drawn; see _fit_page

    def _on_select(self, _event: tk.Event) -> None:
        selection = self.tree.selection()
        if selection:  # an empty selection means the row was paged out, not unselected
            self.selected_id = selection[0]

    def _selected_position(self) -> int | None:
        children = self.tree.get_children()
        if self.selected_id in children:
            return self.offset + children.index(self.selected_id)
        return None

    def _activate(self) -> None:
        if self.on_activate is not None and self.selected_id is not None:
            self.on_activate(self.selected_id)

    def _on_control_key(self, event: tk.Event) -> str | None:
        """Ctrl+C with the Persian layout on: its key gives «ز», not "c", so Tk's
        <<Copy>> never fires; the key is read as the Latin key it stands for."""
        char = event.char if len(event.char or "") == 1 else ""
        if char and not char.isascii() and latin_key(char) == "c":
            self.copy_selected()
            return "break"
        return None

    def _on_right_click(self, event: tk.Event) -> str | None:
        """Select the row under the pointer and offer to copy it or the cell clicked."""
        row_id = self._row_at(event)
        if row_id is None:
            return None
        self.tree.selection_set(row_id)
        self.tree.focus(row_id)
        self._copy_menu(self._column_at(event.x)).tk_popup(event.x_root, event.y_root)
        return "break"

    def _row_at(self, event: tk.Event) -> str | None:
        """The row under the pointer, which becomes the selected one (None: no row)."""
        row_id = self.tree.identify_row(event.y)
        if row_id:
            self.selected_id = row_id
        return row_id or None

    def _column_at(self, x: int) -> Column | None:
        shown = self.tree.identify_column(x)  # "#3": the third displayed column
        keys = [str(key) for key in self.tree.cget("displaycolumns")]
        index = int(shown[1:]) - 1 if shown.startswith("#") and shown[1:].isdigit() else -1
        if not 0 <= index < len(keys):
            return None
        return next((c for c in self.columns if c.key == keys[index]), None)

    def _copy_menu(self, column: Column | None) -> tk.Menu:
        """The right-click menu: the cell clicked (when there is one), then the row."""
        if self.menu is None:
            self.menu = tk.Menu(self, tearoff=False)
        menu = self.menu
        menu.delete(0, "end")
        if column is not None:
            menu.add_command(
                label=t(TableText.COPY_CELL.format(heading=column.heading)),
                command=functools.partial(self.copy_selected, column.key),
            )
        menu.add_command(label=t(TableText.COPY_ROW), command=self.copy_selected)
        return menu

    def _on_double_click(self, event: tk.Event) -> str | None:
        if self._row_at(event) is None:
            return None
        self._activate()
        return "break"
