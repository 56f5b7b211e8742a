"""Titles and other text handed to the system stay logical (issue 8, item 2).

The window manager lays a title out itself: a title converted for Tk reads backwards
in the title bar («توانا» as «اناوت»). Every window we open is read back with
`wm title`; the source is scanned so that no title is written through `t()` again.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.strings.widget_views import DateText
from desktop.views.background import ThreadRunner
from desktop.views.widgets.dialogs import MessageDialog, ask
from desktop.views.widgets.file_chooser import FileChooser
from desktop.views.widgets.jalali_date import JalaliDateEntry
from desktop.views.widgets.rtl import t
from desktop.views.widgets.windows import is_drawn_form, set_title, system_text
from tests.gui.conftest import pump
from tests.helpers.gui import wait_until

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
ROOT = PACKAGE.parent


# -- the source: no title goes through t() --------------------------------------------


def converted_titles(source: str) -> list[int]:
    """Lines where a title is handed over converted: `title=t(…)`, `.title(t(…))`,
    `.wm_title(t(…))`, or a `t()` result returned by a helper named `*title*`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "title" and _is_t_call(keyword.value):
                lines.append(node.lineno)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if name in ("title", "wm_title") and node.args and _is_t_call(node.args[0]):
            lines.append(node.lineno)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and "title" in node.name:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value and _is_t_call(inner.value):
                    lines.append(inner.lineno)
    return lines


def _is_t_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"


def test_no_title_in_the_source_is_converted_for_drawing():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in converted_titles(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_catches_each_way_of_converting_a_title():
    source = (
        "ttk.Toplevel(master, title=t(TITLE))\n"
        "window.title(t(name))\n"
        "window.wm_title(t(name))\n"
        "def _title(root):\n"
        "    return t(APP_NAME)\n"
        "dialog(parent, title=TITLE)\n"  # logical: fine
    )
    assert converted_titles(source) == [1, 2, 3, 5]


def test_only_the_file_dialog_module_opens_tkinter_file_dialogs():
    users = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "filedialog" in path.read_text(encoding="utf-8")
    ]
    assert users == ["desktop/views/widgets/file_dialog.py"]


# -- the helper refuses converted text ------------------------------------------------


def test_text_for_the_system_must_be_logical():
    assert system_text("توانا") == "توانا"
    assert system_text("گزارش‌ها ۱۴۰۵.csv") == "گزارش‌ها ۱۴۰۵.csv"
    assert is_drawn_form(t("توانا"))
    with pytest.raises(ValueError, match="converted"):
        system_text(t("توانا"))


def test_set_title_hands_the_window_manager_logical_text(window):
    set_title(window, "پروندهٔ متقاضی")
    assert window.wm_title() == "پروندهٔ متقاضی"
    with pytest.raises(ValueError):
        set_title(window, t("پروندهٔ متقاضی"))


# -- every window we open, read back -----------------------------------------------------


def test_message_and_question_titles_are_logical(window):
    dialog = MessageDialog(window, "ذخیره شد", "پرونده ذخیره شد.", wait=False)
    assert dialog.wm_title() == "ذخیره شد"
    dialog.destroy()
    question = ask(window, "حذف جلسه", "حذف شود؟", (("yes", "بله", "danger"),), print, wait=False)
    assert question.wm_title() == "حذف جلسه"
    question.destroy()


def test_the_progress_dialog_title_is_logical(window):
    seen = []

    def work(progress):
        return 1

    ThreadRunner().run(window, "چاپ گواهینامه‌ها", work, seen.append, seen.append)
    dialogs = [w for w in window.winfo_children() if w.winfo_class() == "Toplevel"]
    assert [d.wm_title() for d in dialogs] == ["چاپ گواهینامه‌ها"]
    assert wait_until(window, lambda: seen == [1])


def test_the_file_dialog_and_the_date_picker_titles_are_logical(window, tmp_path):
    chooser = FileChooser(
        window, mode="save", title="ذخیرهٔ فهرست متقاضیان", initialdir=tmp_path, wait=False
    )
    assert chooser.wm_title() == "ذخیرهٔ فهرست متقاضیان"
    chooser.close("")
    field = JalaliDateEntry(window)
    field.pack()
    pump(window)
    picker = field.open_picker()
    assert picker.wm_title() == DateText.PICKER_TITLE
    picker.close()


@pytest.mark.skipif(sys.platform == "win32", reason="the app window is opened under X11 here")
def test_the_main_window_title_is_logical(tmp_path):
    """The real start-up path (build_app), in its own process: it makes its own root."""
    script = (
        "from desktop.app import build_app\n"
        f"root, context = build_app({str(tmp_path / 'tavana.sqlite3')!r})\n"
        "root.update()\n"
        "print(root.wm_title())\n"
        "context.checkpointer and context.checkpointer.stop(__import__('desktop.models.db',"
        " fromlist=['db']).db)\n"
        "root.destroy()\n"
    )
    env = {**os.environ, "TAVANA_LOG": str(tmp_path / "tavana.log")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "توانا"
