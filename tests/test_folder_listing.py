"""The file dialog's rules without a display (issue 8, item 3): what a folder lists,
what a typed name means, which places are offered, which dialog opens, and the
command line handed to the desktop's chooser."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.strings.file_dialog_views import FileDialogText as Text
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.file_dialog import chooser_argv, chooser_environment, dialog_kind
from desktop.views.widgets.folder_listing import (
    ChoiceError,
    FileType,
    file_types,
    format_size,
    interpret,
    list_folder,
    places,
    user_folder,
    with_extension,
)
from desktop.views.widgets.windows import is_drawn_form

TABLES = [("اکسل یا CSV", ("*.xlsx", "*.csv")), ("CSV", "*.csv")]
ALL = FileType("همه", ("*",))
CSV = FileType("CSV", ("*.csv",))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "متقاضیان").mkdir()
    (tmp_path / "آرشیو").mkdir()
    (tmp_path / ".پنهان").mkdir()
    for name in ("گزارش.csv", "پرداخت.CSV", "بودجه.xlsx", "notes.txt", ".hidden.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


# -- file types --------------------------------------------------------------------------


def test_file_types_take_every_tkinter_form():
    types = file_types([("تصویر", "*.png *.jpg"), *TABLES])
    assert types[0].patterns == ("*.png", "*.jpg")
    assert types[1].patterns == ("*.xlsx", "*.csv")
    assert types[0].extension == ".png"
    assert file_types([])[0].patterns == ("*",)
    assert ALL.extension == ""


def test_a_type_matches_whatever_the_case_of_the_extension():
    assert CSV.matches("پرداخت.CSV") and CSV.matches("گزارش.csv")
    assert not CSV.matches("بودجه.xlsx")


# -- listing -----------------------------------------------------------------------------


def test_folders_first_then_files_each_in_persian_order_hidden_left_out(folder):
    names = [entry.name for entry in list_folder(folder, ALL)]
    # Python's own order would put پ and گ after every Arabic letter.
    assert names == ["آرشیو", "متقاضیان", "بودجه.xlsx", "پرداخت.CSV", "گزارش.csv", "notes.txt"]


def test_the_type_filters_files_but_never_folders(folder):
    entries = list_folder(folder, CSV)
    assert [(e.name, e.is_dir) for e in entries] == [
        ("آرشیو", True),
        ("متقاضیان", True),
        ("پرداخت.CSV", False),
        ("گزارش.csv", False),
    ]
    assert entries[0].kind == Text.FOLDER and entries[2].kind == "CSV"
    assert isinstance(entries[2].modified, dt.datetime) and entries[2].size == 1


def test_an_unreadable_folder_raises(tmp_path):
    with pytest.raises(OSError):
        list_folder(tmp_path / "نیست", ALL)


def test_sizes_as_a_person_reads_them():
    assert format_size(850) == "۸۵۰ بایت"
    assert format_size(12_000) == "۱۲ کیلوبایت"
    assert format_size(3_565_158) == "۳٫۴ مگابایت"
    assert format_size(2 * 1024**3) == "۲ گیگابایت"


# -- a typed name ------------------------------------------------------------------------


def test_open_takes_an_existing_file_and_goes_into_a_folder(folder):
    assert interpret("open", folder, "گزارش.csv", CSV).action == "accept"
    choice = interpret("open", folder, "متقاضیان", CSV)
    assert (choice.path, choice.action) == (folder / "متقاضیان", "enter")
    assert interpret("open", folder / "متقاضیان", "..", CSV).path == folder
    with pytest.raises(ChoiceError) as refused:
        interpret("open", folder, "نیست.csv", CSV)
    assert refused.value.message == Text.NOT_FOUND.format(name=ltr_in_rtl("نیست.csv"))


def test_save_adds_the_types_extension_and_keeps_the_name_as_typed(folder):
    typed = "فهرست‌ها ۱۴۰۵"  # with a ZWNJ and Persian digits
    choice = interpret("save", folder, typed, CSV)
    assert choice == type(choice)(folder / "فهرست‌ها ۱۴۰۵.csv", "accept")
    assert interpret("save", folder, "out", ALL, ".xlsx").path.name == "out.xlsx"
    assert interpret("save", folder, "out", ALL, "pdf").path.name == "out.pdf"
    assert interpret("save", folder, "گزارش.txt", CSV).path.name == "گزارش.txt"


def test_save_over_an_existing_file_must_be_confirmed(folder):
    assert interpret("save", folder, "گزارش", CSV).action == "replace"
    assert interpret("save", folder, str(folder / "بودجه.xlsx"), ALL).action == "replace"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", Text.NAME_REQUIRED),
        ("   ", Text.NAME_REQUIRED),
        ("a\0b", Text.NAME_INVALID),
        ("نیست/out.csv", Text.FOLDER_MISSING.format(name=ltr_in_rtl("نیست"))),
        ("پوشهٔ تازه/", Text.FOLDER_MISSING.format(name=ltr_in_rtl("پوشهٔ تازه"))),
    ],
)
def test_save_refuses_what_cannot_be_a_file(folder, typed, message):
    with pytest.raises(ChoiceError) as refused:
        interpret("save", folder, typed, CSV)
    assert refused.value.message == message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_save_refuses_a_folder_that_cannot_be_written(folder):
    locked = folder / "متقاضیان"
    locked.chmod(0o500)
    try:
        with pytest.raises(ChoiceError) as refused:
            interpret("save", locked, "out", CSV)
        assert refused.value.message == Text.CANNOT_WRITE.format(name=ltr_in_rtl("متقاضیان"))
    finally:
        locked.chmod(0o700)


def test_a_home_relative_name(folder, monkeypatch):
    monkeypatch.setenv("HOME", str(folder))
    assert interpret("open", Path("/"), "~/گزارش.csv", CSV).path == folder / "گزارش.csv"


def test_changing_the_type_changes_the_typed_extension():
    xlsx = FileType("اکسل", ("*.xlsx",))
    assert with_extension("متقاضیان.xlsx", xlsx, CSV) == "متقاضیان.csv"
    assert with_extension("متقاضیان", xlsx, CSV) == "متقاضیان"
    assert with_extension("متقاضیان.xlsx", xlsx, ALL) == "متقاضیان.xlsx"


# -- places ------------------------------------------------------------------------------


def test_places_read_the_desktops_own_folder_names(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "میزکار").mkdir(parents=True)
    (home / "Documents").mkdir()
    config = home / ".config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(
        '# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/میزکار"\n', encoding="utf-8"
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    data = tmp_path / "data"
    data.mkdir()
    assert user_folder("DESKTOP", home / "Desktop", home) == home / "میزکار"
    assert places(data, home) == [
        (Text.HOME, home),
        (Text.DESKTOP, home / "میزکار"),
        (Text.DOCUMENTS, home / "Documents"),
        (Text.DATA, data),
        (Text.ROOT, Path("/")),
    ]
    assert places(None, tmp_path / "no-home") == [(Text.ROOT, Path("/"))]


# -- which dialog, and how the desktop's chooser is called ---------------------------------


def test_which_dialog_opens():
    has = {"zenity": "/usr/bin/zenity", "kdialog": "/usr/bin/kdialog"}
    none: dict[str, str] = {}
    assert dialog_kind("win32", "", has.get, "") == "native"
    assert dialog_kind("aqua", "", has.get, "") == "native"
    assert dialog_kind("x11", "", has.get, "GNOME") == "zenity"
    assert dialog_kind("x11", "", has.get, "KDE") == "kdialog"
    assert dialog_kind("x11", "", {"kdialog": "k"}.get, "XFCE") == "kdialog"
    assert dialog_kind("x11", "", none.get, "") == "builtin"
    assert dialog_kind("x11", "builtin", has.get, "") == "builtin"
    assert dialog_kind("win32", "builtin", has.get, "") == "builtin"
    assert dialog_kind("x11", "native", has.get, "") == "native"
    assert dialog_kind("x11", "zenity", none.get, "") == "builtin"  # forced but missing
    assert dialog_kind("x11", "KDialog", has.get, "GNOME") == "kdialog"


def test_the_environment_variable_forces_a_dialog(monkeypatch):
    monkeypatch.setenv("TAVANA_FILE_DIALOG", "builtin")
    assert dialog_kind("x11", None, {"zenity": "z"}.get, "") == "builtin"


def test_the_choosers_command_line_is_logical_text(tmp_path):
    title = "ذخیرهٔ فهرست متقاضیان"
    argv = chooser_argv("zenity", "save", title, TABLES, tmp_path, "متقاضیان-۱۴۰۵.xlsx")
    assert argv == [
        "zenity",
        "--file-selection",
        f"--title={title}",
        f"--filename={tmp_path / 'متقاضیان-۱۴۰۵.xlsx'}",
        "--save",
        "--confirm-overwrite",
        "--file-filter=اکسل یا CSV | *.xlsx *.csv",
        "--file-filter=CSV | *.csv",
    ]
    assert not any(is_drawn_form(arg) for arg in argv)
    opened = chooser_argv("kdialog", "open", title, TABLES, tmp_path)
    assert opened == [
        "kdialog",
        "--title",
        title,
        "--getopenfilename",
        f"{tmp_path}{os.sep}",
        "*.xlsx *.csv|اکسل یا CSV\n*.csv|CSV",
    ]


def test_the_chooser_is_asked_to_speak_persian(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US:en")
    assert chooser_environment()["LANGUAGE"] == "fa:en_US:en"
    monkeypatch.delenv("LANGUAGE")
    assert chooser_environment()["LANGUAGE"] == "fa"
