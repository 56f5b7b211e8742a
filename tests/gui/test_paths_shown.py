"""File paths on screen read left to right, each Persian name joined and right to left
inside it; what the widgets hold is the logical path.

Found in use: the course page's «printed to» line showed «…/files/pdf.گواهینامه‌های
آشپزی» (the file name laid out right to left: its extension first), and the Settings
logo field, a plain Entry, drew «/tmp/r1/files/نشان مرکز.png» unjoined and reversed.
"""

from __future__ import annotations

from pathlib import Path

from desktop.services import certificates
from desktop.views.settings_view import SettingsView
from desktop.views.widgets.path_field import PathField, PathLabel
from desktop.views.widgets.rtl import t, t_path
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

FILE = "گواهینامه‌های آشپزی.pdf"


def test_a_path_line_keeps_the_file_name_whole_at_its_right_end(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.geometry("1300x200")
    line = PathLabel(window, width=120)
    line.pack(fill="x")
    target = tmp_path / "files" / FILE
    line.set_path(target)
    pump(window)
    shown = str(line.cget("text"))
    assert line.logical_text == str(target)
    assert shown.startswith(f"{tmp_path}/files/") and shown.endswith(".pdf")
    assert shown.removeprefix(f"{tmp_path}/files/").removesuffix(".pdf") == t("گواهینامه‌های آشپزی")


def test_a_long_path_loses_its_first_folders_not_its_name(window) -> None:  # type: ignore[no-untyped-def]
    window.geometry("300x100")
    line = PathLabel(window, width=10)
    line.pack(fill="x")
    path = "/home/کاربر/اسناد/مرکز خدمات اجتماعی/گزارش‌ها/۱۴۰۵/" + FILE
    line.set_path(path)
    pump(window, 5)
    shown = str(line.cget("text"))
    assert shown.startswith("…/") and shown.endswith(t_path(FILE))
    assert line.logical_text == path
    assert line.winfo_reqwidth() <= window.winfo_width()  # never widens the page


def test_the_settings_logo_is_chosen_and_shown_left_to_right(window, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.geometry("1200x800")
    folder = tmp_path / "files"
    folder.mkdir()
    logo = folder / "نشان مرکز.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    view = SettingsView(window, make_context(admin))
    view.pack(fill="both", expand=True)
    pump(window)
    field = view.certificate_form.fields["logo_path"]
    assert isinstance(field, PathField)  # chosen, not typed into a plain Entry
    assert not field.remove_button.instate(["!disabled"])  # nothing to remove yet
    view.ask_logo_path = lambda **_options: str(logo)
    field.choose_button.invoke()
    pump(window)
    shown = str(field.label.cget("text"))  # its first folders may give way to «…»
    assert shown.startswith(("/", "…/")) and shown.endswith(f"/files/{t_path(logo.name)}")
    assert shown.endswith(".png") and t("نشان مرکز") in shown
    assert field.get() == str(logo)
    view.save_certificates()
    assert certificates.certificate_settings().logo_path == str(logo)  # logical, stored
    field.remove_button.invoke()
    view.save_certificates()
    assert certificates.certificate_settings().logo_path == ""
    assert str(field.label.cget("text")) == t("بی‌نشان")


def test_the_import_page_shows_its_file_left_to_right(window, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.applicant_import import ImportView

    source = tmp_path / "فهرست متقاضیان.csv"
    source.write_text("national_code,first_name\n", encoding="utf-8")
    view = ImportView(window, make_context(admin))
    view.pack(fill="both", expand=True)
    view.ask_path = lambda **_options: str(source)
    view.choose_file()
    pump(window)
    view.back()  # the file step again, naming the file chosen
    pump(window)
    assert view.path_label.logical_text == str(source)
    assert str(view.path_label.cget("text")).endswith(".csv")
