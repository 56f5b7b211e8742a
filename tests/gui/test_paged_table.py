"""PagedTable: only a page in the Treeview, whatever the source holds."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import time
import tkinter as tk
from pathlib import Path

import pytest

from desktop.text.digits import persian_digits
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import t
from tests.gui.conftest import pump

COLUMNS = [
    Column("name", "نام", 160),
    Column("code", "کد ملی", 110, "identifier"),
    Column("born", "تاریخ تولد", 100, "date"),
    Column("amount", "مبلغ", 110, "money"),
]
SQLITE_ROWS = 200_000


class FakeSource:
    """Rows i = 0…n-1 in memory; records every call."""

    def __init__(self, n: int):
        self.n = n
        self.fetches: list[tuple[int, int, str | None, bool]] = []

    def count(self) -> int:
        return self.n

    def fetch(self, offset, limit, sort, descending):  # type: ignore[no-untyped-def]
        self.fetches.append((offset, limit, sort, descending))
        order = range(self.n - 1, -1, -1) if descending else range(self.n)
        return [
            (f"r{i}", (f"مریم {i}", f"{i:010d}", dt.date(2000, 1, 1), i * 10))
            for i in order[offset : offset + limit]
        ]


class SqliteSource:
    """The shape a service would give: COUNT, ORDER BY a whitelisted column, LIMIT/OFFSET."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.sorts: list[str | None] = []

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM person").fetchone()[0]

    def fetch(self, offset, limit, sort, descending):  # type: ignore[no-untyped-def]
        self.sorts.append(sort)
        column = sort if sort in ("name", "code", "born", "amount") else "id"
        direction = "DESC" if descending else "ASC"
        rows = self.db.execute(
            f"SELECT id, name, code, born, amount FROM person "
            f"ORDER BY {column} {direction}, id {direction} LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [(str(row[0]), row[1:]) for row in rows]


@pytest.fixture(scope="module")
def sqlite_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paged") / "people.sqlite"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, code TEXT, born TEXT, "
        "amount INTEGER)"
    )
    db.executemany(
        "INSERT INTO person VALUES (?, ?, ?, ?, ?)",
        (
            (i, f"نام {i % 997}", f"{i:010d}", f"19{50 + i % 50}-01-01", i * 1000)
            for i in range(1, SQLITE_ROWS + 1)
        ),
    )
    db.execute("CREATE INDEX person_amount ON person (amount, id)")
    db.commit()
    db.close()
    return path


def make_table(window, source, **kwargs):  # type: ignore[no-untyped-def]
    table = PagedTable(window, COLUMNS, source, **kwargs)
    table.pack(fill="both", expand=True)
    pump(window)
    return table


def test_only_a_page_is_in_the_treeview_over_sqlite(window, sqlite_path) -> None:  # type: ignore[no-untyped-def]
    source = SqliteSource(sqlite_path)
    table = make_table(window, source)
    children = table.tree.get_children()
    assert 5 <= len(children) == table.page_size < 40
    # Every row fits: the last one's box ends inside the Treeview.
    box = table.tree.bbox(children[-1])
    assert box and box[1] + box[3] <= table.tree.winfo_height()
    assert children[0] == "1"
    assert table.status_text() == f"۱ تا {persian_digits(len(children))} از ۲۰۰٬۰۰۰"


def test_scrolling_to_the_end_shows_the_last_rows(window, sqlite_path) -> None:  # type: ignore[no-untyped-def]
    table = make_table(window, SqliteSource(sqlite_path))
    table.scrollbar.set(0, 0.1)
    table._on_scrollbar("moveto", "1.0")  # what dragging the thumb to the bottom sends
    pump(window)
    children = table.tree.get_children()
    assert children[-1] == str(SQLITE_ROWS)
    assert len(children) == table.page_size
    assert float(table.scrollbar.get()[1]) == pytest.approx(1.0)
    table._on_scrollbar("moveto", "0.5")
    pump(window)
    assert table.tree.get_children()[0] == str(SQLITE_ROWS // 2 + 1)
    table._on_scrollbar("scroll", "1", "pages")
    pump(window)
    assert table.offset == SQLITE_ROWS // 2 + table.page_size


def test_sorting_goes_through_the_source_and_toggles(window, sqlite_path) -> None:  # type: ignore[no-untyped-def]
    source = SqliteSource(sqlite_path)
    table = make_table(window, source)
    table.tree.tk.call(table.tree.heading("amount", "command"))  # a click on the heading
    pump(window)
    assert source.sorts[-1] == "amount"
    assert table.tree.heading("amount", "text") == t("مبلغ (ریال) ▲")
    assert table.tree.get_children()[0] == "1"
    table.tree.tk.call(table.tree.heading("amount", "command"))
    pump(window)
    assert table.descending
    assert table.tree.heading("amount", "text") == t("مبلغ (ریال) ▼")
    assert table.tree.get_children()[0] == str(SQLITE_ROWS)


def test_cells_are_formatted_by_kind_and_laid_out_rtl(window) -> None:  # type: ignore[no-untyped-def]
    table = make_table(window, FakeSource(50))
    name, code, born, amount = table.tree.item("r12", "values")
    assert name == t("مریم 12")
    assert code == "0000000012"  # an identifier: as stored
    assert born == "۱۳۷۸/۱۰/۱۱"
    assert amount == "۱۲۰"
    assert table.tree.cget("displaycolumns") == ("amount", "born", "code", "name")
    assert str(table.tree.column("name", "anchor")) == "e"
    assert str(table.tree.column("code", "anchor")) == "center"
    assert table.scrollbar.winfo_rootx() < table.tree.winfo_rootx()


def test_bursts_of_scrolling_fetch_once(window) -> None:  # type: ignore[no-untyped-def]
    source = FakeSource(1_000_000)
    table = make_table(window, source)
    source.fetches.clear()
    for _ in range(40):
        table.tree.event_generate("<Button-5>")  # X11 wheel down: 3 rows each
    pump(window)
    assert len(source.fetches) == 1
    assert table.offset == 120
    table.tree.event_generate("<MouseWheel>", delta=120)
    pump(window)
    assert table.offset == 117


def test_selection_survives_paging(window) -> None:  # type: ignore[no-untyped-def]
    table = make_table(window, FakeSource(10_000))
    table.tree.selection_set("r3")
    pump(window)
    assert table.selected_id == "r3"
    table.scroll_to(5000)
    pump(window)
    assert table.tree.selection() == ()
    table.scroll_to(0)
    pump(window)
    assert table.tree.selection() == ("r3",)
    assert table.selected_id == "r3"


def test_keyboard_moves_the_selection_and_pages(window) -> None:  # type: ignore[no-untyped-def]
    activated: list[str] = []
    table = make_table(window, FakeSource(1000), on_activate=activated.append)
    page = table.page_size

    def press(keysym: str) -> None:
        table.tree.event_generate("<KeyPress>", keysym=keysym)
        pump(window)

    table.tree.focus_force()
    pump(window)
    press("Down")
    assert table.selected_id == "r0"
    for _ in range(page):
        press("Down")
    assert table.selected_id == f"r{page}"
    assert table.offset == 1  # scrolled by one at the bottom edge
    press("Next")
    assert table.selected_id == f"r{2 * page}"
    press("End")
    assert table.selected_id == "r999"
    assert table.tree.get_children()[-1] == "r999"
    press("Up")
    assert table.selected_id == "r998"
    press("Home")
    assert table.selected_id == "r0" and table.offset == 0
    press("Return")
    assert activated == ["r0"]


def test_refresh_and_empty_state(window) -> None:  # type: ignore[no-untyped-def]
    source = FakeSource(3)
    table = make_table(window, source)
    assert not table.empty_label.winfo_ismapped()
    assert table.status_text() == "۱ تا ۳ از ۳"
    source.n = 0  # the search now matches nothing
    table.refresh()
    pump(window)
    assert table.tree.get_children() == ()
    assert table.empty_label.winfo_ismapped()
    assert table.status_text() == ""
    table.set_source(FakeSource(7))
    pump(window)
    assert len(table.tree.get_children()) == 7
    assert not table.empty_label.winfo_ismapped()


def test_destroy_cancels_every_pending_after(root, window) -> None:  # type: ignore[no-untyped-def]
    table = make_table(window, FakeSource(100_000))
    before = set(root.tk.splitlist(root.tk.call("after", "info")))
    table.scroll(10)
    table.sort_by("name")
    pending = set(root.tk.splitlist(root.tk.call("after", "info"))) - before
    assert pending and pending <= table._after_ids
    table.destroy()
    after = set(root.tk.splitlist(root.tk.call("after", "info")))
    assert not pending & after


class ListOf:
    """One page of fixed rows."""

    def __init__(self, rows: list[tuple[str, tuple[object, ...]]]):
        self.rows = rows

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset, limit, sort, descending):  # type: ignore[no-untyped-def]
        return self.rows[offset : offset + limit]


def test_identifiers_and_headings_are_never_cut(window) -> None:  # type: ignore[no-untyped-def]
    """A file number of a ten-character centre code (17 characters) in a column
    designed for a shorter one, a long heading over a narrow column: both widen to
    what the font needs, and stay so (paging does not make the columns jump)."""
    from tkinter import font as tkfont

    columns = [
        Column("name", "نام", 120, main=True),
        Column("file_number", "شمارهٔ پرونده", 60, "identifier"),
        Column("marked", "علامت‌های ثبت‌شده", 40, "number"),
    ]
    rows = [("1", ("مریم", "WESTAZAR10-000001", 3)), ("2", ("علی", "WESTAZAR10-000002", 4))]
    table = PagedTable(window, columns, ListOf(rows))
    table.pack(fill="both", expand=True)
    pump(window)
    measure = tkfont.Font(root=window, font="TkDefaultFont").measure
    least = {c.key: int(table.tree.column(c.key, "minwidth")) for c in columns}
    assert least["file_number"] >= measure("WESTAZAR10-000002") + 4
    assert least["marked"] >= measure(t("علامت‌های ثبت‌شده ▼")) + 12
    assert all(int(table.tree.column(key, "width")) >= least[key] for key in least)
    table.set_source(ListOf([("3", ("زهرا", "AB-000003", 5))]))
    pump(window)
    assert int(table.tree.column("file_number", "minwidth")) == least["file_number"]


COPY_COLUMNS = [
    Column("name", "نام", 60, main=True),
    Column("file_number", "شمارهٔ پرونده", 150, "identifier"),
    Column("born", "تاریخ تولد", 100, "date"),
    Column("amount", "مبلغ", 110, "money"),
]
LONG = "محمدعلی‌رضا میرزایی‌نژاد حسینی‌پور"


@pytest.fixture
def copy_table(window):  # type: ignore[no-untyped-def]
    rows = [("1", (LONG, "TEH05-000046", dt.date(2024, 3, 20), 1250000))]
    table = PagedTable(window, COPY_COLUMNS, ListOf(rows))
    table.pack(fill="both", expand=True)
    pump(window)
    assert "…" in table.visible_rows()[0][1][0]  # shortened on screen (drawn form)
    table.select_index(0)
    table.tree.focus_set()
    pump(window)
    window.clipboard_clear()
    return table


# The row as copied: logical text, whole, in reading order from the right.
COPIED = "\t".join((LONG, "TEH05-000046", "۱۴۰۳/۰۱/۰۱", "۱٬۲۵۰٬۰۰۰"))


def test_ctrl_c_copies_the_selected_row_as_logical_text(copy_table) -> None:  # type: ignore[no-untyped-def]
    copy_table.tree.focus_force()
    pump(copy_table)
    copy_table.tree.event_generate("<KeyPress>", keysym="c", state=0x4)
    pump(copy_table)
    assert copy_table.clipboard_get() == COPIED


def test_ctrl_c_copies_with_the_persian_layout_on(copy_table) -> None:  # type: ignore[no-untyped-def]
    """The C key gives «ز» there: Tk's <<Copy>> never sees a "c". A real key press
    (xdotool maps the keysym onto a spare key, as a Persian layout has it)."""
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    tree = copy_table.tree
    for attempt in range(3):  # xdotool's remapping races with Tk's keymap refresh
        tree.focus_force()
        pump(tree)
        typing = subprocess.Popen(
            ["xdotool", "key", "--delay", str(80 * (attempt + 1)), "ctrl+Arabic_zain"]
        )
        while typing.poll() is None:
            tree.update()
            time.sleep(0.005)
        for _ in range(100):
            tree.update()
            time.sleep(0.01)
            if copied(tree) == COPIED:
                return
    assert copied(tree) == COPIED


def copied(widget) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(widget.clipboard_get())
    except tk.TclError:
        return ""


def test_right_click_copies_the_cell_or_the_row(copy_table) -> None:  # type: ignore[no-untyped-def]
    tree = copy_table.tree
    cell = tree.bbox(tree.get_children()[0], "file_number")
    tree.event_generate("<Button-3>", x=cell[0] + 5, y=cell[1] + 5, rootx=0, rooty=0)
    pump(copy_table)
    menu = copy_table.menu
    assert menu is not None
    try:
        assert menu.entrycget(0, "label") == t("رونوشت «شمارهٔ پرونده»")
        menu.invoke(0)
        assert copy_table.clipboard_get() == "TEH05-000046"
        menu.invoke(1)
        assert copy_table.clipboard_get() == COPIED
    finally:
        menu.unpost()
        menu.grab_release()
