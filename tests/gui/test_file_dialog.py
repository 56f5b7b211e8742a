"""Persian open and save dialogs on X11 (issue 8, item 3), driven with real widgets.

The app's own FileChooser is driven through its table, its RtlEntry (Persian typed key
by key, ZWNJ included) and its buttons and keys. The desktop's chooser is a stand-in
script on PATH that records its command line and answers like zenity or kdialog.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop.strings.file_dialog_views import FileDialogText as Text
from desktop.text.display import ltr_in_rtl
from desktop.views import applicant_export
from desktop.views.widgets import file_dialog
from desktop.views.widgets.file_chooser import FileChooser
from desktop.views.widgets.rtl import t
from desktop.views.widgets.rtl_entry import RtlEntry
from tests.gui.conftest import pump
from tests.helpers.gui import left_to_right_steps, make_context
from tests.helpers.keymap import press, type_text

TABLES = [("اکسل", "*.xlsx"), ("CSV", "*.csv")]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder holding «متقاضیان» with Persian-named files, and a stray text file."""
    people = tmp_path / "متقاضیان"
    people.mkdir()
    (people / "فهرست آبان.xlsx").write_bytes(b"x" * 2048)
    (people / "گزارش‌ها.csv").write_text("row\n", encoding="utf-8")
    (tmp_path / "یادداشت.txt").write_text("x", encoding="utf-8")
    return tmp_path


def chooser(window, mode="open", **options):  # type: ignore[no-untyped-def]
    closed: list[str] = []
    dialog = FileChooser(
        window, mode=mode, filetypes=TABLES, wait=False, on_close=closed.append, **options
    )
    dialog.closed = closed  # type: ignore[attr-defined]
    pump(dialog)
    return dialog


def listed(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.name for entry in dialog.entries]


def row_of(dialog, name: str) -> int:  # type: ignore[no-untyped-def]
    return listed(dialog).index(name)


def key(widget, keysym: str) -> None:  # type: ignore[no-untyped-def]
    widget.focus_force()
    pump(widget)
    widget.event_generate("<KeyPress>", keysym=keysym)
    pump(widget)


# -- the app's own dialog ----------------------------------------------------------------


def test_open_goes_into_a_persian_folder_and_takes_a_persian_file(window, home):
    dialog = chooser(window, initialdir=home, title="انتخاب پروندهٔ متقاضیان")
    assert listed(dialog) == ["متقاضیان"]  # the .txt is not of the types asked for
    # Drawn converted, right to left: the Treeview holds t(name), the model the name.
    [(_, values)] = dialog.table.visible_rows()
    assert values[0] == t("متقاضیان") != "متقاضیان"

    dialog.table.select_index(0)
    pump(dialog)
    key(dialog.table.tree, "Return")  # into the folder
    assert dialog.folder == home / "متقاضیان"
    assert listed(dialog) == ["فهرست آبان.xlsx"]  # the first type: Excel

    dialog.table.select_index(row_of(dialog, "فهرست آبان.xlsx"))
    pump(dialog)
    assert dialog.name_entry.get() == "فهرست آبان.xlsx"  # the selection names the file
    dialog.accept_button.invoke()
    assert dialog.closed == [str(home / "متقاضیان" / "فهرست آبان.xlsx")]
    assert not dialog.winfo_exists()


def test_backspace_goes_up_and_keeps_the_folder_it_left_selected(window, home):
    dialog = chooser(window, initialdir=home / "متقاضیان")
    key(dialog.table.tree, "BackSpace")
    assert dialog.folder == home
    assert dialog.selected_entry().name == "متقاضیان"
    dialog.close("")


def test_save_types_a_persian_name_with_zwnj(window, home, persian_keymap):
    dialog = chooser(window, mode="save", initialdir=home / "متقاضیان", initialfile="")
    dialog.type_box.set_key("1")  # CSV
    dialog.type_box.event_generate("<<ComboboxSelected>>")
    pump(dialog)
    assert listed(dialog) == ["گزارش‌ها.csv"]
    entry = dialog.name_entry
    entry.focus_force()
    pump(dialog)
    type_text(entry, "فهرست\u200cها ۱۴۰۵")
    assert entry.get() == "فهرست\u200cها ۱۴۰۵"
    press(entry, "Return")
    pump(dialog)
    assert dialog.closed == [str(home / "متقاضیان" / "فهرست\u200cها ۱۴۰۵.csv")]


def test_save_over_an_existing_file_asks_first(window, home):
    dialog = chooser(window, mode="save", initialdir=home / "متقاضیان", initialfile="گزارش‌ها")
    dialog.type_box.set_key("1")
    dialog.type_box.event_generate("<<ComboboxSelected>>")
    pump(dialog)
    dialog.accept_button.invoke()
    question = dialog.question
    assert question is not None and question.wm_title() == Text.OVERWRITE_TITLE
    question.buttons["keep"].invoke()  # «نه، نام دیگری»: the dialog stays
    assert dialog.winfo_exists() and dialog.closed == []
    dialog.accept_button.invoke()
    dialog.question.buttons["replace"].invoke()  # type: ignore[union-attr]
    assert dialog.closed == [str(home / "متقاضیان" / "گزارش‌ها.csv")]


def test_the_suggested_name_is_selected_up_to_its_extension(window, home):
    dialog = chooser(window, mode="save", initialdir=home, initialfile="متقاضیان-۱۴۰۵.xlsx")
    entry = dialog.name_entry
    assert entry.get() == "متقاضیان-۱۴۰۵.xlsx"
    assert entry.selected_text == "متقاضیان-۱۴۰۵"  # typing replaces the name, keeps .xlsx
    dialog.type_box.set_key("1")  # CSV: the typed extension follows the type
    dialog.type_box.event_generate("<<ComboboxSelected>>")
    pump(dialog)
    assert entry.get() == "متقاضیان-۱۴۰۵.csv"
    dialog.close("")


def test_escape_and_cancel_return_nothing(window, home):
    dialog = chooser(window, mode="save", initialdir=home, initialfile="x.xlsx")
    key(dialog.name_entry, "Escape")
    assert dialog.closed == [""] and not dialog.winfo_exists()
    dialog = chooser(window, initialdir=home)
    dialog.cancel_button.invoke()
    assert dialog.closed == [""]


def test_a_name_that_cannot_be_taken_is_explained_under_it(window, home):
    dialog = chooser(window, initialdir=home)
    dialog.name_entry.set("نیست.xlsx")
    dialog.accept_button.invoke()
    assert dialog.message.logical_text == Text.NOT_FOUND.format(name=ltr_in_rtl("نیست.xlsx"))
    dialog.name_entry.set("نیستش.xlsx")  # the message goes as soon as the name changes
    assert dialog.message.logical_text == ""
    dialog.close("")


def test_a_new_persian_folder_is_made_and_opened(window, home):
    dialog = chooser(window, mode="save", initialdir=home)
    dialog.new_folder_button.invoke()
    dialog.new_folder_entry.set("بایگانی ۱۴۰۵")
    key(dialog.new_folder_entry, "Return")
    assert (home / "بایگانی ۱۴۰۵").is_dir()
    assert dialog.folder == home / "بایگانی ۱۴۰۵"
    assert dialog.winfo_exists()  # Enter in the folder's name did not save
    dialog.up_button.invoke()
    assert "بایگانی ۱۴۰۵" in listed(dialog)
    dialog.close("")


def test_the_path_row_and_the_places_navigate(window, home):
    dialog = chooser(window, initialdir=home / "متقاضیان")
    crumbs = dialog.crumbs.winfo_children()
    assert crumbs[-1].logical_text == "متقاضیان"  # the current folder ends the row (left)
    assert crumbs[-1].winfo_rootx() < crumbs[0].winfo_rootx()  # the path reads RTL
    crumbs[-2].invoke()
    assert dialog.folder == home
    dialog.place_buttons[Text.ROOT].invoke()
    assert dialog.folder == Path("/")
    assert str(dialog.up_button.cget("state")) == "disabled"
    dialog.close("")


def test_tab_walks_the_dialog_right_to_left(window, home):

    dialog = chooser(window, mode="save", initialdir=home)
    assert left_to_right_steps(dialog) == []
    dialog.close("")


# -- which dialog opens, and the desktop's chooser -------------------------------------------


def fake_chooser(folder: Path, name: str, answer: str, code: int = 0) -> Path:
    """A stand-in for zenity/kdialog that writes its argv and LANGUAGE, then answers."""
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time\n"
        "time.sleep(0.2)\n"
        f"with open({str(log)!r}, 'w', encoding='utf-8') as out:\n"
        "    out.write('\\0'.join(sys.argv[1:]) + '\\0' + os.environ.get('LANGUAGE', ''))\n"
        f"print({answer!r})\n"
        f"sys.exit({code})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


@pytest.fixture
def bin_dir(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_zenity_gets_logical_text_and_the_window_keeps_drawing(window, home, bin_dir, monkeypatch):
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "zenity")
    target = home / "متقاضیان" / "خروجی آذر"
    log = fake_chooser(bin_dir, "zenity", str(target))
    entry = RtlEntry(window)
    entry.pack()
    entry.focus_force()
    pump(window)
    ticks = []

    def while_open() -> None:  # runs only if Tk is not blocked by the chooser
        ticks.append((window.grab_current() is not None, window.focus_get() is entry))

    window.after(50, while_open)

    chosen = file_dialog.ask_save_path(
        parent=window,
        title="ذخیرهٔ فهرست متقاضیان",
        filetypes=TABLES,
        initialfile="متقاضیان.xlsx",
        defaultextension=".xlsx",
        initialdir=home,
    )

    assert chosen == f"{target}.xlsx"  # no extension typed: the default one added
    assert ticks == [(True, False)]  # drawn, but no click or key reaches the form
    assert window.focus_get() is entry and window.grab_current() is None  # given back
    *argv, language = log.read_text(encoding="utf-8").split("\0")
    assert argv[:3] == [
        "--file-selection",
        "--title=ذخیرهٔ فهرست متقاضیان",
        f"--filename={home}/متقاضیان.xlsx",
    ]
    assert language.startswith("fa")


def test_cancel_in_the_desktops_chooser_returns_nothing(window, bin_dir, monkeypatch):
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "kdialog")
    log = fake_chooser(bin_dir, "kdialog", "", code=1)
    assert file_dialog.ask_open_path(parent=window, title="باز کردن", filetypes=TABLES) == ""
    argv = log.read_text(encoding="utf-8").split("\0")
    assert argv[:3] == ["--title", "باز کردن", "--getopenfilename"]


def test_a_chooser_that_fails_gives_way_to_the_apps_own(window, bin_dir, monkeypatch):
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "zenity")
    fake_chooser(bin_dir, "zenity", "", code=255)  # e.g. it could not open the display
    opened = []

    class Own:
        last_folder = None

        def __init__(self, parent, **options):  # type: ignore[no-untyped-def]
            opened.append(options)
            self.result = "/tmp/چیزی.xlsx"

    monkeypatch.setattr(file_dialog, "FileChooser", Own)
    assert file_dialog.ask_open_path(parent=window, title="باز کردن") == "/tmp/چیزی.xlsx"
    assert opened[0]["mode"] == "open" and opened[0]["title"] == "باز کردن"


def test_the_builtin_dialog_when_forced(window, monkeypatch):
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "builtin")
    opened = []

    class Own:
        def __init__(self, parent, **options):  # type: ignore[no-untyped-def]
            opened.append(options["mode"])
            self.result = ""

    monkeypatch.setattr(file_dialog, "FileChooser", Own)
    assert file_dialog.ask_save_path(parent=window, title="ذخیره") == ""
    assert opened == ["save"]


def test_the_native_dialog_gets_a_logical_title_and_drawn_type_labels(window, monkeypatch):
    from tkinter import filedialog

    monkeypatch.setenv("TAVANA_FILE_DIALOG", "native")
    asked = {}
    monkeypatch.setattr(filedialog, "asksaveasfilename", lambda **o: asked.update(o) or ())
    assert file_dialog.ask_save_path(parent=window, title="ذخیره", filetypes=TABLES) == ""
    assert asked["title"] == "ذخیره"  # the window manager draws it
    assert asked["filetypes"] == [(t("اکسل"), "*.xlsx"), (t("CSV"), "*.csv")]  # Tk draws these


def test_a_screen_asks_through_the_persian_dialog_with_logical_text(
    window, database, bin_dir, monkeypatch
):
    """The export of the applicant list, as far as the dialog: its title, file name
    and types reach the desktop's chooser as logical text."""
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "zenity")
    log = fake_chooser(bin_dir, "zenity", "", code=1)
    assert applicant_export.ask_save_path is file_dialog.ask_save_path
    runs = []

    class Recorder:
        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            runs.append(args)

    context = make_context()
    context.runner = Recorder()
    context.session = object()  # type: ignore[assignment]
    applicant_export.export_applicants(window, context, search=None)  # type: ignore[arg-type]
    argv = log.read_text(encoding="utf-8").split("\0")
    assert f"--title={applicant_export.Text.DIALOG_TITLE}" in argv
    assert any(arg.startswith("--filename=") and "متقاضیان-" in arg for arg in argv)
    assert f"--file-filter={applicant_export.Text.FILETYPE_XLSX} | *.xlsx" in argv
    assert runs == []  # cancelled: nothing written
