"""The app's own open and save dialog: Persian, right to left, keyboard-driven.

Tk's own dialog on X11 is English and draws Persian file names unjoined and reversed,
and its name field is an ordinary Entry in which a Persian name cannot be edited. This
one is built from the app's widgets: the folder's contents in a PagedTable (names
converted for drawing only), the name in an RtlEntry (typing, ZWNJ, selection on the
logical text), the places of the desktop beside the list, the path as a row of
buttons from the right, a filter by file type, and an overwrite question on save.

Keys: Enter takes the name (or goes into the folder selected), Escape cancels,
BackSpace in the list or Alt+Up goes up a folder, Alt+Home goes home, Down moves from
the name into the list. Like the message dialogs, `wait=False` leaves the dialog open
and reports through `on_close`, so tests drive it with real widgets.
"""

from __future__ import annotations

import os
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import ttkbootstrap as ttk

from desktop.strings.file_dialog_views import FileDialogText as Text
from desktop.text.collation import persian_sort_key
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.button_row import pack_buttons, tab_right_to_left
from desktop.views.widgets.dialogs import Question, ask
from desktop.views.widgets.folder_listing import (
    ChoiceError,
    FileTypes,
    FolderEntry,
    Mode,
    file_types,
    format_size,
    interpret,
    list_folder,
    places,
    with_extension,
)
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.keys import then_break
from desktop.views.widgets.paged_table import Column, PagedTable, Row
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.rtl_entry import CHANGED, RtlEntry
from desktop.views.widgets.windows import center_on, set_title

COLUMNS = [
    Column("name", Text.NAME, width=320),
    Column("kind", Text.KIND, width=80),
    Column("size", Text.SIZE, width=110),
    Column("modified", Text.MODIFIED, width=100, kind="date"),
]
MAX_CRUMBS = 5  # folders shown in the path row; older ones fold into «…»


class FolderSource:
    """A folder's entries for the PagedTable: folders stay first whatever the sort."""

    def __init__(self, entries: list[FolderEntry]):
        self.entries = entries

    def count(self) -> int:
        return len(self.entries)

    def fetch(self, offset: int, limit: int, sort: str | None, descending: bool) -> list[Row]:
        order = list(range(len(self.entries)))
        if sort is not None:
            order.sort(key=lambda i: self._sort_value(self.entries[i], sort), reverse=descending)
            folders = [i for i in order if self.entries[i].is_dir]
            order = folders + [i for i in order if not self.entries[i].is_dir]
        return [(str(i), self._values(self.entries[i])) for i in order[offset : offset + limit]]

    @staticmethod
    def _values(entry: FolderEntry) -> tuple[Any, ...]:
        size = "" if entry.is_dir else format_size(entry.size)
        return (entry.name, entry.kind, size, entry.modified.date())

    @staticmethod
    def _sort_value(entry: FolderEntry, key: str) -> Any:
        if key == "name":
            return persian_sort_key(entry.name)
        if key == "kind":
            return persian_sort_key(entry.kind)
        return entry.size if key == "size" else entry.modified


class FileChooser(ttk.Toplevel):
    """Choose a file to open or a name to save under; `result` is the path or ""."""

    last_folder: ClassVar[Path | None] = None  # where the previous choice was made

    def __init__(
        self,
        parent: tk.Misc,
        *,
        mode: Mode,
        title: str = "",
        filetypes: FileTypes = (),
        initialdir: str | Path | None = None,
        initialfile: str = "",
        defaultextension: str = "",
        data_folder: Path | None = None,
        wait: bool = True,
        on_close: Callable[[str], None] | None = None,
    ):
        top = parent.winfo_toplevel()
        super().__init__(master=top, transient=top, minsize=(620, 380))
        set_title(self, title or (Text.OPEN_TITLE if mode == "open" else Text.SAVE_TITLE))
        self.mode = mode
        self.types = file_types(filetypes)
        self.file_type = self.types[0]
        self.default_extension = defaultextension
        self.result = ""
        self.folder = Path.home()
        self.entries: list[FolderEntry] = []
        self.question: Question | None = None
        self._wait = wait
        self._on_close = on_close
        self._places = places(data_folder)

        body = ttk.Frame(self, padding=12)
        body.pack(fill="both", expand=True)
        self._build_path_row(body)
        self._build_new_folder_row(body)
        self._build_lists(body)
        self._build_name_row(body)
        self.message = RLabel(body, text="", bootstyle="danger", wraplength=560)
        self.message.pack(fill="x", pady=(4, 0))
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(8, 0))
        accept_label = Text.OPEN if mode == "open" else Text.SAVE
        self.accept_button = RButton(
            row, text=accept_label, bootstyle="primary", command=self.accept
        )
        self.cancel_button = RButton(
            row, text=Text.CANCEL, bootstyle="secondary", command=lambda: self.close("")
        )
        pack_buttons([self.accept_button, self.cancel_button])

        for sequence, action in {
            "<Return>": self.accept,  # a focused button takes Enter itself (ttkbootstrap)
            "<KP_Enter>": self.accept,
            "<Escape>": lambda: self.close(""),
            "<Alt-Up>": self.go_up,
            "<Alt-Home>": lambda: self.show_folder(Path.home()),
        }.items():
            self.bind(sequence, then_break(action))
        self.protocol("WM_DELETE_WINDOW", lambda: self.close(""))

        start = Path(initialdir) if initialdir else self.last_folder or self._first_place()
        if not self.show_folder(start):
            self.show_folder(Path.home())
        self.name_entry.set(initialfile)
        center_on(self, parent)
        if mode == "save" or initialfile:
            self.name_entry.focus_set()
            stem = len(Path(initialfile).stem) if Path(initialfile).suffix else len(initialfile)
            self.name_entry.selection_range(0, stem)  # typing replaces the name, not its type
        else:
            self.table.tree.focus_set()
            self.table.select_index(0)
        if wait:
            self.grab_set()
            self.wait_window()

    # -- building ----------------------------------------------------------------------

    def _build_path_row(self, body: ttk.Frame) -> None:
        row = ttk.Frame(body)
        row.pack(fill="x")
        self.up_button = RButton(
            row, text=Text.UP, bootstyle="secondary-outline", command=self.go_up
        )
        self.crumbs = ttk.Frame(row)
        self.new_folder_button = RButton(
            row, text=Text.NEW_FOLDER, bootstyle="secondary-outline", command=self.open_new_folder
        )
        self.up_button.pack(side="right")
        self.crumbs.pack(side="right", fill="x", expand=True, padx=8)
        self.new_folder_button.pack(side="left")
        tab_right_to_left([self.up_button, self.crumbs, self.new_folder_button])

    def _build_new_folder_row(self, body: ttk.Frame) -> None:
        self.new_folder_row = ttk.Frame(body)
        RLabel(self.new_folder_row, text=Text.NEW_FOLDER_NAME).pack(side="right")
        self.new_folder_entry = RtlEntry(self.new_folder_row, width=30)
        self.new_folder_entry.pack(side="right", padx=6)
        self.create_button = RButton(
            self.new_folder_row, text=Text.CREATE, bootstyle="primary", command=self.create_folder
        )
        self.create_button.pack(side="right")
        self.new_folder_entry.bind("<Return>", then_break(self.create_folder))
        self.new_folder_entry.bind("<Escape>", then_break(self.close_new_folder))

    def _build_lists(self, body: ttk.Frame) -> None:
        self.lists = ttk.Frame(body)
        self.lists.pack(fill="both", expand=True, pady=(8, 0))
        side = ttk.Frame(self.lists, padding=(8, 0, 0, 0))
        side.pack(side="right", fill="y")
        RLabel(side, text=Text.PLACES, bootstyle="secondary").pack(fill="x")
        self.place_buttons: dict[str, RButton] = {}
        for label, path in self._places:
            button = RButton(
                side,
                text=label,
                bootstyle="link",
                takefocus=False,
                command=lambda p=path: self.show_folder(p),
            )
            button.pack(fill="x", anchor="e")
            self.place_buttons[label] = button
        self.table = PagedTable(
            self.lists,
            COLUMNS,
            None,
            on_activate=self._activate,
            empty_text=Text.EMPTY_FOLDER,
            height=12,
        )
        self.table.pack(side="right", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", self._on_select, add="+")
        self.table.tree.bind("<BackSpace>", then_break(self.go_up))

    def _build_name_row(self, body: ttk.Frame) -> None:
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(10, 0))
        RLabel(row, text=Text.FILE_NAME).pack(side="right")
        self.name_entry = RtlEntry(row, width=40)
        self.name_entry.pack(side="right", fill="x", expand=True, padx=(0, 6))
        self.type_box = ChoiceBox(
            row, [(str(i), kind.label) for i, kind in enumerate(self.types)], width=22
        )
        self.type_box.set_key("0")
        self.type_box.pack(side="left")
        RLabel(row, text=Text.FILE_TYPE).pack(side="left", padx=(12, 6))
        tab_right_to_left([self.name_entry, self.type_box])
        self.type_box.bind("<<ComboboxSelected>>", lambda _e: self._type_chosen())
        self.name_entry.bind(CHANGED, lambda _e: self.message.set_text(""), add="+")
        self.name_entry.bind("<Down>", then_break(self._into_list))

    # -- navigation --------------------------------------------------------------------

    def show_folder(self, folder: Path) -> bool:
        """List `folder`; False (with a message) when it cannot be read."""
        folder = Path(os.path.abspath(folder))
        try:
            entries = list_folder(folder, self.file_type)
        except OSError:
            self.message.set_text(Text.CANNOT_READ.format(name=ltr_in_rtl(folder.name or folder)))
            return False
        self.folder, self.entries = folder, entries
        self.table.set_source(FolderSource(entries))
        self._draw_crumbs()
        self.up_button.configure(state="normal" if folder.parent != folder else "disabled")
        self.message.set_text("")
        return True

    def go_up(self) -> None:
        if self.folder.parent != self.folder:
            child = self.folder.name
            if self.show_folder(self.folder.parent):
                self._select_name(child)

    def selected_entry(self) -> FolderEntry | None:
        row_id = self.table.selected_id
        if row_id is None or not row_id.isdigit() or int(row_id) >= len(self.entries):
            return None
        return self.entries[int(row_id)]

    def _activate(self, row_id: str) -> None:
        entry = self.entries[int(row_id)]
        if entry.is_dir:
            self.show_folder(self.folder / entry.name)
            self.table.select_index(0)
        else:
            self.name_entry.set(entry.name)
            self.accept()

    def _on_select(self, _event: tk.Event) -> None:
        entry = self.selected_entry()
        if entry is not None and not entry.is_dir:
            self.name_entry.set(entry.name)

    def _select_name(self, name: str) -> None:
        for index, entry in enumerate(self.entries):
            if entry.name == name:
                self.table.select_index(index)
                return

    def _into_list(self) -> None:
        self.table.tree.focus_set()
        if self.table.selected_id is None:
            self.table.select_index(0)

    def _type_chosen(self) -> None:
        chosen = self.types[int(self.type_box.get_key() or 0)]
        if self.mode == "save":
            self.name_entry.set(with_extension(self.name_entry.get(), self.file_type, chosen))
        self.file_type = chosen
        self.show_folder(self.folder)

    def _draw_crumbs(self) -> None:
        for child in self.crumbs.winfo_children():
            child.destroy()
        parts = _crumbs(self.folder, Path.home())
        if len(parts) > MAX_CRUMBS:
            parts = [*parts[:1], ("…", None), *parts[-(MAX_CRUMBS - 1) :]]
        for index, (label, path) in enumerate(parts):
            current = index == len(parts) - 1
            button = RButton(
                self.crumbs,
                text=label,
                bootstyle="secondary" if current else "secondary-link",
                takefocus=False,
                command=(lambda p=path: self.show_folder(p)) if path is not None else None,
            )
            if path is None:
                button.configure(state="disabled")
            button.pack(side="right", padx=(0, 2))

    # -- new folder --------------------------------------------------------------------

    def open_new_folder(self) -> None:
        self.new_folder_row.pack(fill="x", pady=(8, 0), after=self.crumbs.master)
        self.new_folder_entry.set("")
        self.new_folder_entry.focus_set()

    def close_new_folder(self) -> None:
        self.new_folder_row.pack_forget()
        self.table.tree.focus_set()

    def create_folder(self) -> None:
        name = self.new_folder_entry.get().strip()
        if not name or "/" in name or os.sep in name or "\0" in name or name in (".", ".."):
            self.message.set_text(Text.NAME_INVALID)
            return
        path = self.folder / name
        if path.exists():
            self.message.set_text(Text.FOLDER_EXISTS.format(name=name))
            return
        try:
            path.mkdir()
        except OSError:
            self.message.set_text(Text.FOLDER_NOT_MADE.format(name=name))
            return
        self.new_folder_row.pack_forget()
        self.show_folder(path)
        self.name_entry.focus_set()

    # -- choosing ----------------------------------------------------------------------

    def accept(self) -> None:
        """Act on the typed name, or on the selected entry when no name is typed."""
        typed = self.name_entry.get()
        entry = self.selected_entry()
        if not typed.strip() and entry is not None:
            typed = entry.name
        try:
            choice = interpret(
                self.mode, self.folder, typed, self.file_type, self.default_extension
            )
        except ChoiceError as error:
            self.message.set_text(error.message)
            self.name_entry.focus_set()
            return
        if choice.action == "enter":
            self.name_entry.set("")  # the name was the folder's
            self.show_folder(choice.path)
            self.table.select_index(0)
        elif choice.action == "replace":
            self._ask_replace(choice.path)
        else:
            self.close(str(choice.path))

    def _ask_replace(self, path: Path) -> None:
        def answered(key: str | None) -> None:
            self.question = None
            if not self.winfo_exists():
                return
            if key == "replace":
                self.close(str(path))
                return
            if self._wait:
                self.grab_set()
            self.name_entry.focus_set()

        self.question = ask(
            self,
            Text.OVERWRITE_TITLE,
            Text.OVERWRITE_ASK.format(name=ltr_in_rtl(path.name)),
            (("replace", Text.OVERWRITE, "danger"), ("keep", Text.KEEP, "secondary")),
            answered,
            default="keep",
            wait=self._wait,
        )

    def close(self, result: str) -> None:
        self.result = result
        if result:
            FileChooser.last_folder = Path(result).parent
        if self._wait:
            self.grab_release()
        self.destroy()
        if self._on_close is not None:
            self._on_close(result)

    def _first_place(self) -> Path:
        by_label = dict(self._places)
        return by_label.get(Text.DOCUMENTS) or Path.home()


def _crumbs(folder: Path, home: Path) -> list[tuple[str, Path | None]]:
    """The path row from the right: «خانه» (or the disk) first, then each folder."""
    if folder == home or home in folder.parents:
        parts: list[tuple[str, Path | None]] = [(Text.HOME, home)]
        start = home
    else:
        anchor = Path(folder.anchor or os.sep)
        parts, start = [(folder.anchor or os.sep, anchor)], anchor
    for name in folder.relative_to(start).parts:
        start = start / name
        parts.append((name, start))
    return parts
