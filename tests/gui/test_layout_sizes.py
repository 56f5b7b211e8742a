"""Every page of every role on a 1024×700 and a 1366×768 screen: nothing out of reach,
names shown.

The main window is built for each role in a window of exactly that size (not managed
by a window manager, so the size is the one asked for) over a small seeded center
(tests/factories.py). The test walks every page the navigation offers and the pages a
person reaches from them — the new-applicant form, an applicant's file and each of its
tabs, its status-change and delete panels, the course form, a course page and each of
its tabs, a found certificate and the revoke panel, the password-reset panel, every
step of the import — and after each one checks what Tk actually laid out:

- every button, entry, choice, check box, table and label with text is inside the
  window and inside every frame that holds it, or else inside a scrolling area whose
  scrollbar brings it into view (the test scrolls there and looks again);
- no such widget was squeezed out by its geometry manager (pack and grid unmap a
  widget that got no room) or cut narrower or lower than its text;
- a notebook shows every tab whole;
- a table shows its name column (the column a row is known by: a person's or a
  course's name) at least as wide as it was designed, in view, and every other column
  is still there: what does not fit scrolls horizontally instead of vanishing;
- no heading is cut, and no identifier (file number, code, serial) is wider than its
  column: centres with a code as long as the demo's (DEMO01) and as long as a code
  may be (ten characters), whose file numbers are 17 characters long.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tkinter import font as tkfont

import pytest
import ttkbootstrap as ttk
from ttkbootstrap.utils.fonts import PROPORTIONAL_FONTS, Fonts

from desktop.fonts import FAMILY
from desktop.services import auth
from desktop.services.session import Session
from desktop.services.setup import initialise_center
from desktop.views import screen
from desktop.views.main_window import MainWindow
from desktop.views.screen import DECORATION, MIN_SIZE
from desktop.views.shell import LOGIN_WIDTH, Shell
from desktop.views.widgets.keys import descendants
from desktop.views.widgets.paged_table import PagedTable
from tests.factories import SEED_PASSWORD, SeededCenter, seed_center, set_up_center
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

# The screens of the issue, and the window a maximised app gets on each under a title
# bar (screen.DECORATION); then the smallest window the app allows, where pages may
# scroll as a whole but must still have everything within reach.
SCREENS = {(1024, 700): "1024x700", (1366, 768): "1366x768"}
SIZES = [
    *((width - DECORATION[0], height - DECORATION[1]) for width, height in SCREENS),
    MIN_SIZE,
]
ROLES = ["admin", "clerk", "trainer", "shop"]
# The columns a row is known by, in every table of the app.
NAME_KEYS = {"display_name", "name", "full_name", "last_name", "first_name", "title"}
# Columns holding identifiers a person copies: drawn whole, never shortened («…»).
IDENTIFIER_KEYS = {"file_number", "national_code", "mobile", "code", "serial", "certificate"}
# Widgets that are content when mapped (labels only when they hold text).
CONTROLS = {
    "TButton", "TEntry", "TCombobox", "TCheckbutton", "TRadiobutton", "TSpinbox",
    "Treeview", "Text", "TNotebook",
}  # fmt: skip
TEXT_CLASSES = {"TButton", "TLabel", "TCheckbutton", "TRadiobutton"}
SLACK = 1  # pixels of rounding
# Centre codes are 2 to 10 characters: the demo's, and the widest a code may be.
CENTER_CODES = ["DEMO01", "WESTAZAR10"]
# What ttk draws around a cell's and a heading's text (measured: a cell shows its text
# whole from 4 px more than the font's measure, a heading, with its padding of 5 on each
# side and its border, from 12 px more).
CELL_MARGIN = 4
HEADING_MARGIN = 12


# -- what Tk laid out ---------------------------------------------------------------------


def rect(widget: tk.Misc) -> tuple[int, int, int, int]:
    x, y = widget.winfo_rootx(), widget.winfo_rooty()
    return x, y, x + widget.winfo_width(), y + widget.winfo_height()


def inside(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    return (
        inner[0] >= outer[0] - SLACK
        and inner[1] >= outer[1] - SLACK
        and inner[2] <= outer[2] + SLACK
        and inner[3] <= outer[3] + SLACK
    )


def ancestors(widget: tk.Misc) -> Iterator[tk.Misc]:
    """The widget's X parents up to its toplevel: each one clips what it holds."""
    parent = widget.master
    while parent is not None:
        yield parent
        if isinstance(parent, tk.Tk | tk.Toplevel):
            return
        parent = parent.master


def clipped_by(widget: tk.Misc) -> tk.Misc | None:
    """The nearest container that cuts part of `widget` off (None: fully shown)."""
    box = rect(widget)
    for parent in ancestors(widget):
        if not inside(box, rect(parent)):
            return parent
    return None


def is_content(widget: tk.Misc) -> bool:
    kind = widget.winfo_class()
    if kind in CONTROLS:
        return True
    if kind == "TLabel":
        return bool(str(widget.cget("text")).strip() or str(widget.cget("image")))
    return False


def geometry_master(widget: tk.Misc) -> tk.Misc | None:
    manager = widget.winfo_manager()
    if manager == "pack":
        return widget.nametowidget(str(widget.pack_info()["in"]))
    if manager == "grid":
        return widget.nametowidget(str(widget.grid_info()["in"]))
    return None


def scroller_of(canvas: tk.Misc) -> tk.Misc | None:
    """A mapped vertical scrollbar that moves `canvas` (beside it, as ScrollArea has)."""
    for sibling in canvas.master.winfo_children():
        if (
            sibling.winfo_class() == "TScrollbar"
            and str(sibling.cget("orient")) == "vertical"
            and sibling.winfo_ismapped()
        ):
            return sibling
    return None


def reachable(widget: tk.Misc, top: tk.Misc) -> bool:
    """Cut off only by scrolling canvases whose scrollbars can bring it in: scroll each
    one (innermost first, as dragging its scrollbar would) and look again."""
    if clipped_by(widget) is None:
        return True
    canvases = [
        parent
        for parent in ancestors(widget)
        if parent.winfo_class() == "Canvas" and parent.cget("yscrollcommand")
    ]
    saved = [(canvas, canvas.yview()[0]) for canvas in canvases]
    try:
        for canvas in canvases:
            shown = rect(canvas)
            box = rect(widget)
            if shown[1] - SLACK <= box[1] and box[3] <= shown[3] + SLACK:
                continue
            if scroller_of(canvas) is None:
                return False
            region = [float(v) for v in str(canvas.cget("scrollregion")).split()]
            total = region[3] - region[1] if region else 0
            if total <= 0:
                return False
            offset = box[1] - shown[1] + canvas.canvasy(0)
            canvas.yview_moveto(max(0.0, offset - 8) / total)
            top.update_idletasks()
        return clipped_by(widget) is None
    finally:
        for canvas, first in reversed(saved):
            canvas.yview_moveto(first)
        top.update_idletasks()


def tab_problems(notebook: ttk.Notebook) -> list[str]:
    """Each tab drawn at least as wide as its text (ttk squeezes tabs that do not fit)."""
    problems = []
    style = ttk.Style()
    name = style.lookup("TNotebook.Tab", "font") or "TkDefaultFont"
    measure = tkfont.Font(root=notebook, font=name).measure
    width = notebook.winfo_width()
    spans: dict[int, int] = {}
    for x in range(0, width, 2):
        try:
            index = notebook.index(f"@{x},8")
        except tk.TclError:
            continue
        spans[index] = spans.get(index, 0) + 2
    for index, tab_id in enumerate(notebook.tabs()):
        text = str(notebook.tab(tab_id, "text"))
        if spans.get(index, 0) < measure(text):
            problems.append(f"tab «{text}» cut ({spans.get(index, 0)} px < {measure(text)})")
    return problems


def table_problems(table: PagedTable) -> list[str]:
    """The name column present, as wide as designed, in view; no column dropped; no
    heading cut, no identifier wider than its column."""
    tree = table.tree
    shown = list(tree.cget("displaycolumns"))
    if shown in (["#all"], []):
        shown = list(tree.cget("columns"))[::-1]
    problems = [f"column «{c.heading}» dropped" for c in table.columns if c.key not in shown]
    names = [c for c in table.columns if c.key in NAME_KEYS or getattr(c, "main", False)]
    widths = {key: int(tree.column(key, "width")) for key in shown}
    total = sum(widths.values())
    left = tree.xview()[0] * total  # pixels scrolled off the left edge
    x = 0
    for key in shown:  # left to right as drawn
        column = next(c for c in table.columns if c.key == key)
        start = x - left
        if column in names:
            if widths[key] < column.width:
                problems.append(f"name column «{column.heading}» {widths[key]} < {column.width} px")
            if start < -SLACK or start + widths[key] > tree.winfo_width() + SLACK:
                problems.append(f"name column «{column.heading}» out of view")
        x += widths[key]
    if total > tree.winfo_width() + SLACK and not _has_horizontal_bar(table):
        problems.append("columns wider than the table and no horizontal scrollbar")
    return problems + cut_text_problems(table, widths)


def cut_text_problems(table: PagedTable, widths: dict[str, int]) -> list[str]:
    """Headings and identifier cells wider than their columns (ttk cuts them silently)."""
    tree = table.tree
    style = ttk.Style()
    heading_font = style.lookup("Treeview.Heading", "font") or "TkDefaultFont"
    cell_font = style.lookup(str(tree.cget("style")) or "Treeview", "font") or "TkDefaultFont"
    heading_measure = tkfont.Font(root=tree, font=heading_font).measure
    cell_measure = tkfont.Font(root=tree, font=cell_font).measure
    problems = []
    for column in table.columns:
        if column.key not in widths:
            continue
        width = widths[column.key]
        heading = str(tree.heading(column.key, "text"))
        if heading_measure(heading) + HEADING_MARGIN > width + SLACK:
            problems.append(f"heading «{column.heading}» cut ({width} px)")
        if column.key in IDENTIFIER_KEYS and column.kind != "identifier":
            problems.append(f"identifiers in «{column.heading}» shortened like text")
        if column.kind != "identifier":
            continue
        for row in tree.get_children():
            cell = str(tree.set(row, column.key))
            if cell_measure(cell) + CELL_MARGIN > width + SLACK:
                problems.append(f"«{cell}» cut in column «{column.heading}» ({width} px)")
                break
    return problems


def _has_horizontal_bar(table: PagedTable) -> bool:
    return bool(table.tree.cget("xscrollcommand")) and any(
        child.winfo_class() == "TScrollbar"
        and str(child.cget("orient")) == "horizontal"
        and child.winfo_ismapped()
        for child in descendants(table)
    )


def layout_problems(top: tk.Misc) -> list[str]:
    top = top.winfo_toplevel()
    top.update_idletasks()
    pump(top)
    problems: list[str] = []
    for widget in descendants(top):
        if not is_content(widget):
            continue
        name = _describe(widget)
        if not widget.winfo_ismapped():
            master = geometry_master(widget)
            if master is not None and master.winfo_viewable():
                problems.append(f"{name}: squeezed out (no room; {widget.winfo_manager()})")
            continue
        if not widget.winfo_viewable():
            continue
        if not reachable(widget, top):
            problems.append(f"{name}: outside the window, no scrollbar brings it in")
            continue
        kind = widget.winfo_class()
        if kind in TEXT_CLASSES and (
            widget.winfo_width() < widget.winfo_reqwidth() - SLACK
            or widget.winfo_height() < widget.winfo_reqheight() - SLACK
        ):
            problems.append(
                f"{name}: cut to {widget.winfo_width()}×{widget.winfo_height()}"
                f" < {widget.winfo_reqwidth()}×{widget.winfo_reqheight()}"
            )
        if kind in ("TEntry", "TCombobox") and widget.winfo_width() < min(
            widget.winfo_reqwidth() // 2, 80
        ):
            problems.append(f"{name}: squeezed to {widget.winfo_width()} px")
        if kind == "TNotebook":
            problems += [f"{name}: {p}" for p in tab_problems(widget)]
        if isinstance(widget, PagedTable) or (
            kind == "Treeview" and isinstance(widget.master, PagedTable)
        ):
            problems += [f"{name}: {p}" for p in table_problems(widget.master)]
    return problems


def _describe(widget: tk.Misc) -> str:
    text = str(widget.cget("text")) if "text" in widget.configure() else ""
    logical = getattr(widget, "logical_text", None) or text
    return f"{widget.winfo_class()} «{logical[:60]}» ({widget})"


# -- every page of a role ----------------------------------------------------------------

# Pages built around a table: it takes the window's height and pages its rows, so the
# page itself never scrolls (the table's own scrollbar would hide behind the page's).
TABLE_PAGES = ("applicants", "followups", "courses", "users", "certificates", "import: results")


def page_scrolls(main: MainWindow) -> bool:
    area = getattr(main, "area", None)  # the scroll area around the current page
    return bool(area is not None and area.scrolls)


def fills_the_window(page: str) -> bool:
    return page in TABLE_PAGES or page.startswith(("applicant file, tab", "course page"))


def each_tab(page: tk.Misc, notebook: ttk.Notebook, label: str) -> Iterator[str]:
    for tab_id in notebook.tabs():
        notebook.select(tab_id)
        pump(page)
        yield f"{label}, tab «{notebook.tab(tab_id, 'text')}»"


def pages(main: MainWindow, seed: SeededCenter, csv_path: Path) -> Iterator[str]:
    """Show each page a person of this role reaches, one after another."""
    for key in list(main.nav_buttons):
        view = main.show(key)
        pump(main)
        yield key
        if key == "applicants":
            yield from applicant_pages(view, seed)
        elif key == "courses":
            yield from course_pages(view, seed)
        elif key == "certificates":
            yield from certificate_pages(view, seed)
        elif key == "users":
            view.table.select_index(0)
            pump(main)
            view.open_reset()
            yield "users: password-reset panel"
        elif key == "applicant_import":
            yield from import_pages(view, csv_path)
        elif key in (*SHOP_PANELS, "sales"):
            yield from shop_pages(key, view, seed)


# The panels a shop page opens, by view key: (name, how to open it).
SHOP_PANELS = {
    "shop_products": [
        ("new-product form", lambda view: view.open_new()),
        ("stock note", lambda view: view.open_note(received=True)),
    ],
    "producers": [("new-producer form", lambda view: view.open_new())],
    "shops": [("new-shop form", lambda view: view.open_add())],
}


def shop_pages(key: str, view, seed: SeededCenter) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if key == "sales":
        for product_id in seed.product_ids:
            view.add_product(product_id)
        view.scan.set("\N{ARABIC LETTER KEHEH}")
        view.search()
        pump(view)
        yield "till: a cart and search results"
        view.show_recent()
        pump(view)
        yield "till: recent sales"
        view.recent.table.select_index(0)
        pump(view)
        view.recent.open_return()
        pump(view)
        yield "till: a return"
        view.hide_recent()
        view.new_sale()
        return
    for name, open_panel in SHOP_PANELS.get(key, []):
        open_panel(view)
        pump(view)
        yield f"{key}: {name}"


def record_pages(view, can_create, form, open_record, record):  # type: ignore[no-untyped-def]
    """A list's form for a new record (back to the list after), then a record's page
    and each of its tabs; returns the page."""
    if can_create:
        view.open_new()
        pump(view)
        yield form
        view.back_to_list()
    page = open_record()
    pump(view)
    yield from each_tab(view, page.notebook, record)
    return page


def applicant_pages(view, seed: SeededCenter) -> Iterator[str]:  # type: ignore[no-untyped-def]
    page = yield from record_pages(
        view,
        view.search.can_register,
        "applicants: new-applicant form",
        lambda: view.open_file(seed.applicant_id),
        "applicant file",
    )
    page.notebook.select(page.tabs["details"])
    panels = {"status": page.open_status_panel, "delete": page.open_delete_panel}
    for key, open_panel in panels.items():
        if key in page.buttons:  # the role may do it
            open_panel()
            pump(view)
            yield f"applicant file: {key} panel"
            page.close_panel()


def course_pages(view, seed: SeededCenter) -> Iterator[str]:  # type: ignore[no-untyped-def]
    yield from record_pages(
        view,
        view.list.can_create,
        "courses: new-course form",
        lambda: view.open_course(seed.course_id),
        "course page",
    )


def certificate_pages(view, seed: SeededCenter) -> Iterator[str]:  # type: ignore[no-untyped-def]
    view.verify_panel.entry.insert(0, seed.certificate_serial)
    view.verify_panel.verify()
    pump(view)
    yield "certificates: a certificate found"
    if getattr(view, "revoke_button", None) is not None:
        view.table.select_index(0)
        pump(view)
        view.ask_revoke()
        yield "certificates: revoke panel"


def import_pages(view, csv_path: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    view.ask_path = lambda **_options: str(csv_path)
    view.choose_file()
    pump(view)
    yield "import: column mapping"
    view.check()
    pump(view)
    yield "import: results"


# -- the test ------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def app_fonts(root):
    """The app's own font, as `build_app` sets it (Vazirmatn is taller than Tk's
    default): sizes measured with another font would prove nothing. Put back after."""
    names = [name for name in PROPORTIONAL_FONTS if name in tkfont.names(root)]
    before = {name: tkfont.nametofont(name).cget("family") for name in names}
    Fonts.set_global_family(FAMILY)
    assert tkfont.nametofont("TkDefaultFont").actual("family") == FAMILY
    yield
    for name, family in before.items():
        tkfont.nametofont(name).configure(family=family)


@pytest.fixture
def seeded(admin):
    return admin, seed_center(admin)


@pytest.fixture(params=CENTER_CODES)
def seeded_any_code(request, database):
    admin = set_up_center(center_code=request.param)
    return admin, seed_center(admin)


@pytest.fixture
def csv_path(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "national_code,first_name,last_name,father_name,gender,birth_date,mobile,district,"
        "categories\n"
        "0084575948,زهرا,کریمی‌نژاد,علی,female,1370/05/12,09121234567,5,job_seeker\n"
        "123,علی,,,male,1399/99/99,0912,30,nothing\n",
        encoding="utf-8",
    )
    return path


@contextmanager
def main_window(root: tk.Misc, session: Session, size: tuple[int, int]) -> Iterator[MainWindow]:
    """The main window in a window of exactly `size` (no window manager adjusts it)."""
    top = ttk.Toplevel(root)
    top.overrideredirect(True)
    top.geometry(f"{size[0]}x{size[1]}+0+0")
    context = make_context()
    context.session = session
    try:
        main = MainWindow(top, context)
        main.pack(fill="both", expand=True)
        pump(top)
        assert (top.winfo_width(), top.winfo_height()) == size
        yield main
    finally:
        top.destroy()
        root.update()


@pytest.mark.parametrize(
    "size", SIZES, ids=[*(f"{name}-screen" for name in SCREENS.values()), "minimum"]
)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_the_window(root, seeded_any_code, csv_path, role, size):
    admin, seed = seeded_any_code
    session = admin if role == "admin" else auth.login(seed.users[role], SEED_PASSWORD)
    problems = []
    with main_window(root, session, size) as main:
        for page in pages(main, seed, csv_path):
            problems += [f"{page}: {problem}" for problem in layout_problems(main)]
            if size != MIN_SIZE and fills_the_window(page) and page_scrolls(main):
                problems.append(f"{page}: a table page scrolls as a whole")
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems)


def test_a_panel_opened_below_the_fold_is_scrolled_into_view(root, seeded):
    """Its fields and buttons are seen at once, not only reachable by scrolling."""
    admin, seed = seeded

    def open_reset(users):  # type: ignore[no-untyped-def]
        users.table.select_index(0)
        pump(users)
        users.open_reset()
        return users.reset_frame

    def open_revoke(view):  # type: ignore[no-untyped-def]
        view.choose_course(seed.course_id)
        view.table.select_index(0)
        pump(view)
        view.ask_revoke()
        return view.revoke_panel

    with main_window(root, admin, MIN_SIZE) as main:
        for key, open_panel in (("users", open_reset), ("certificates", open_revoke)):
            view = main.show(key)
            pump(main)
            panel = open_panel(view)
            pump(main, 5)
            assert main.area.scrolls, key
            shown = [w for w in descendants(panel) if is_content(w)]
            assert shown and all(clipped_by(widget) is None for widget in shown), key


def test_set_up_and_login_fit_a_small_screen_and_scroll(window, database, monkeypatch):
    """The first-run set-up asks for its content's height, about 700 pixels: on a
    1024×700 screen it gets less, and its form scrolls; login fits as it is."""
    monkeypatch.setattr(screen, "work_area", lambda _root: (0, 0, 1024, 700))
    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    assert window.winfo_height() <= 700 - screen.DECORATION[1]
    assert shell._holder.scrolls
    assert layout_problems(window) == []
    initialise_center(
        center_code="TEH05", center_name="مرکز", admin_username="admin",
        admin_display_name="مدیر مرکز", password="admin-pass-1",
    )  # fmt: skip
    shell.show_login()
    pump(window)
    page = shell.page  # sized for its content, which fits
    assert (window.winfo_width(), window.winfo_height()) == (LOGIN_WIDTH, page.winfo_reqheight())
    assert not shell._holder.scrolls
    assert layout_problems(window) == []


@pytest.mark.parametrize(
    "size", SIZES, ids=[*(f"{name}-screen" for name in SCREENS.values()), "minimum"]
)
def test_every_hq_page_fits_the_window(root, tmp_path, size):  # type: ignore[no-untyped-def]
    """HQ's pages (views/hq/) for its administrator, on an HQ database with a center
    that sent a file: tables, the approval panel and the decision row in reach."""
    from desktop.services import center_sync
    from desktop.services.hq import imports
    from tests.helpers.sync import headquarters

    sites = headquarters(tmp_path)
    sites.add_center("TEH05", "مرکز خدمات اجتماعی منطقهٔ ۵")
    with sites.at("TEH05") as admin:
        exported = center_sync.export_changes(admin, tmp_path)
    assert exported is not None
    problems = []
    with sites.at_hq() as hq:
        imports.import_files(hq, [exported.path])
        with main_window(root, hq, size) as main:
            for key in list(main.nav_buttons):
                view = main.show(key)
                pump(main)
                if key == "hq_centers":
                    view.table.select_index(0)  # type: ignore[attr-defined]
                problems += [f"{key}: {problem}" for problem in layout_problems(main)]
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems)
