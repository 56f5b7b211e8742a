"""The widgets that keep a page whole in a small window: rows that wrap (FlowRow,
CardGrid), a page that scrolls (ScrollArea), a table that scrolls sideways instead of
losing columns (PagedTable), and the main window's size (views/screen.py)."""

from __future__ import annotations

import ttkbootstrap as ttk

from desktop.views import screen
from desktop.views.screen import MIN_SIZE, parse_work_area, window_geometry
from desktop.views.shell import LOGIN_WIDTH, Shell
from desktop.views.widgets.flow import CardGrid, FlowRow
from desktop.views.widgets.paged_table import Column, PagedTable
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.scroll_area import ScrollArea
from desktop.views.widgets.sources import ListSource
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

PEOPLE = [
    Column("file_number", "شمارهٔ پرونده", 120, kind="identifier"),
    Column("name", "نام", 160, main=True),
    Column("mobile", "همراه", 110, kind="identifier"),
    Column("notes", "یادداشت", 300),
]
ROWS = [(str(i), (f"TEH05-{i:06d}", f"مریم {i}", "09121234567", "—")) for i in range(30)]


def lines(row: FlowRow) -> list[list[str]]:
    return [[item.logical_text for item in line] for line in row.lines]  # type: ignore[attr-defined]


def test_a_flow_row_wraps_whole_items_right_to_left(window):
    row = FlowRow(window, gap=10)
    row.pack(fill="x")
    for text in ("یک", "دو", "سه", "چهار"):
        row.add(RButton(row, text=text, width=12))
    window.geometry("900x200")
    pump(window)
    assert lines(row) == [["یک", "دو", "سه", "چهار"]]
    first, second = row.items[0], row.items[1]
    assert first.winfo_rootx() > second.winfo_rootx()  # the first stands at the right
    assert first.winfo_rootx() + first.winfo_width() == row.winfo_rootx() + row.winfo_width()

    window.geometry(f"{first.winfo_width() * 2 + 30}x200")
    pump(window, 5)
    assert lines(row) == [["یک", "دو"], ["سه", "چهار"]]
    for item in row.items:  # nothing squeezed: every button keeps the width it asked for
        assert item.winfo_ismapped() and item.winfo_width() >= item.winfo_reqwidth()


def test_a_spread_row_puts_its_last_item_at_the_far_left_then_under(window):
    row = FlowRow(window, spread=True)
    row.pack(fill="x")
    title = row.add(RLabel(row, text=""))
    back = row.add(RButton(row, text="بازگشت"))
    window.geometry("700x200")
    pump(window, 5)
    assert back.winfo_rootx() == row.winfo_rootx()
    title.set_text("عنوانی بسیار بلند که با دکمه‌ها در یک خط جا نمی‌شود " * 2)
    pump(window, 5)  # the label's new size makes the row look again
    assert lines(row) == [[title.logical_text], ["بازگشت"]]
    assert back.winfo_rooty() > title.winfo_rooty()


def test_cards_take_fewer_columns_in_a_narrow_grid(window):
    grid = CardGrid(window)
    grid.pack(fill="x")
    cards = [grid.add(ttk.Frame(grid, width=150, height=60)) for _ in range(5)]
    window.geometry("900x400")
    pump(window, 5)
    assert grid.columns == 5
    window.geometry("400x400")
    pump(window, 5)
    assert grid.columns == 2
    assert cards[0].winfo_rootx() > cards[1].winfo_rootx()  # right to left
    assert cards[2].winfo_rooty() > cards[0].winfo_rooty()
    assert all(card.winfo_width() >= 150 for card in cards)


def test_a_filling_scroll_area_stretches_a_short_page_and_scrolls_a_tall_one(window):
    area = ScrollArea(window, fill=True)
    area.pack(fill="both", expand=True)
    page = ttk.Frame(area.inner)
    area.hold(page)
    table = PagedTable(page, PEOPLE, ListSource([c.key for c in PEOPLE], ROWS), height=4)
    table.pack(fill="both", expand=True)
    window.geometry("700x500")
    pump(window, 5)
    assert not area.scrolls
    assert page.winfo_height() == area.canvas.winfo_height()  # stretched to the window
    assert table.page_size > 4  # the table shows as many rows as fit

    panel = ttk.Frame(page, height=700)  # a panel opened later, taller than the window
    panel.pack(fill="x")
    pump(window, 5)
    assert area.scrolls and area.bar.winfo_ismapped()
    button = RButton(page, text="ذخیره")
    button.pack()
    pump(window, 5)
    button.focus_force()  # added after the area was built: focus still scrolls to it
    pump(window, 5)
    assert area.canvas.yview()[1] == 1.0


def test_the_wheel_scrolls_the_nearest_area_from_widgets_added_later(window):
    area = ScrollArea(window)
    area.pack(fill="both", expand=True)
    ttk.Frame(area.inner, height=1200).pack()
    label = RLabel(area.inner, text="پایین صفحه")
    label.pack()
    window.geometry("400x300")
    pump(window, 5)
    label.event_generate("<Button-5>")
    pump(window)
    assert area.canvas.yview()[0] > 0


def test_a_narrow_table_keeps_every_column_and_scrolls_from_the_right(window):
    table = PagedTable(window, PEOPLE, ListSource([c.key for c in PEOPLE], ROWS), height=5)
    table.pack(fill="both", expand=True)
    window.geometry("420x300")
    pump(window, 5)
    tree = table.tree
    assert list(tree.cget("displaycolumns")) == [c.key for c in PEOPLE][::-1]
    for column in PEOPLE:  # none squeezed below its width
        assert int(tree.column(column.key, "width")) >= column.width
    assert table.hbar.winfo_ismapped()
    assert tree.xview()[1] == 1.0  # the right edge: the file number, then the name
    row = tree.get_children()[0]
    x, _y, width, _h = tree.bbox(row, "name")
    assert x >= 0 and x + width <= tree.winfo_width()

    window.geometry("1000x300")
    pump(window, 5)
    assert not table.hbar.winfo_ismapped()
    assert tree.xview() == (0.0, 1.0)
    assert sum(int(tree.column(c.key, "width")) for c in PEOPLE) >= tree.winfo_width() - 4


def test_a_main_column_far_from_the_right_edge_is_scrolled_into_view(window):
    columns = [
        Column("code", "کد", 200),
        Column("date", "تاریخ", 200),
        Column("title", "عنوان", 150, main=True),
        Column("notes", "یادداشت", 200),
    ]
    rows = [("1", ("C-1", "1405/01/01", "خیاطی", "—"))]
    table = PagedTable(window, columns, ListSource([c.key for c in columns], rows), height=3)
    table.pack(fill="both", expand=True)
    window.geometry("320x200")
    pump(window, 5)
    x, _y, width, _h = table.tree.bbox("1", "title")
    assert x >= 0 and x + width <= table.tree.winfo_width()


def test_the_work_area_comes_from_the_window_manager_when_it_publishes_one():
    shown = "_NET_WORKAREA = 0, 0, 1366, 768, 0, 27, 1366, 741\n_NET_CURRENT_DESKTOP = 1\n"
    assert parse_work_area(shown) == (0, 27, 1366, 741)
    assert parse_work_area("_NET_WORKAREA:  not found.\n_NET_CURRENT_DESKTOP = 0\n") is None
    assert parse_work_area("") is None
    # A normal window fills it with room for a title bar; never below the minimum
    # unless the screen itself is smaller.
    assert window_geometry((0, 27, 1366, 741)) == "1358x705+0+27"
    width, height = (int(n) for n in window_geometry((0, 0, 1024, 700)).split("+")[0].split("x"))
    assert MIN_SIZE[0] <= width <= 1024 and MIN_SIZE[1] <= height <= 700
    assert window_geometry((0, 0, 800, 500)) == "800x500+0+0"


def test_the_main_window_is_maximised_within_the_work_area_and_login_is_not(
    window, admin, monkeypatch
):
    asked: list[bool] = []  # without a window manager (Xvfb) nobody answers -zoomed
    monkeypatch.setattr(screen, "_zoom", lambda _root, zoomed: asked.append(zoomed))
    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    shell.show_main(admin)
    pump(window, 5)
    x, y, width, height = screen.work_area(window)
    assert asked[-1] is True
    assert window.winfo_width() <= width and window.winfo_height() <= height
    assert window.winfo_rootx() >= x and window.winfo_rooty() >= y
    assert window.minsize() == (min(MIN_SIZE[0], width), min(MIN_SIZE[1], height))
    shell.context.on_logout()
    pump(window, 5)
    assert asked[-1] is False
    # Sized for the login page again (tests/gui/test_small_windows.py: and centred).
    assert (window.winfo_width(), window.winfo_height()) == (
        LOGIN_WIDTH,
        shell.page.winfo_reqheight(),
    )
    assert window.minsize()[0] < MIN_SIZE[0]
