"""Screenshots under a real window manager: what only a window manager shows.

The title bar (laid out by the window manager from the logical title), the app's own
Persian file dialog, and the date picker opened above a field low on the screen.
Needs a display with a window manager running (Openbox is enough):

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python scripts/window_manager_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tkinter as tk
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def settle(window: tk.Misc, seconds: float = 0.4) -> None:
    """Let the window manager map and decorate the window (it runs in its own process)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        window.update()
        time.sleep(0.02)


def capture(window: tk.Misc, path: Path) -> None:
    """The window with its frame and title bar, as the window manager drew them."""
    settle(window)
    frame = window.winfo_toplevel().wm_frame()
    subprocess.run(["import", "-window", frame, str(path)], check=True)
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def sample_home(base: Path) -> Path:
    """A home as a Persian desktop names it (user-dirs.dirs), with a folder of lists."""
    home = base / "home"
    config = home / ".config"
    config.mkdir(parents=True)
    (config / "user-dirs.dirs").write_text(
        'XDG_DESKTOP_DIR="$HOME/میزکار"\nXDG_DOCUMENTS_DIR="$HOME/اسناد"\n', encoding="utf-8"
    )
    (home / "میزکار").mkdir()
    people = home / "اسناد" / "متقاضیان"
    (people / "بایگانی ۱۴۰۴").mkdir(parents=True)
    for name, size in [
        ("فهرست متقاضیان آبان.xlsx", 48_213),
        ("متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx", 1_204_880),
        ("گزارش‌های ورود.csv", 3_210),
        ("دوره‌های خیاطی.xlsx", 15_000),
    ]:
        (people / name).write_bytes(b"\0" * size)
    return home


def desktop_chooser(folder: Path, path: Path) -> None:
    """The GTK chooser as the app starts it (zenity, told to speak Persian)."""
    from desktop.views.widgets.file_dialog import chooser_argv, chooser_environment

    argv = chooser_argv(
        "zenity",
        "save",
        "ذخیرهٔ فهرست متقاضیان",
        [("اکسل", "*.xlsx"), ("CSV", "*.csv")],
        folder,
        "متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx",
    )
    argv[1:1] = ["--width=900", "--height=560"]
    chooser = subprocess.Popen(argv, env=chooser_environment(), stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)  # GTK starts slowly under Xvfb
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        chooser.terminate()
        chooser.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    import ttkbootstrap as ttk

    from desktop.app import build_app
    from desktop.views.widgets.file_chooser import FileChooser
    from desktop.views.widgets.jalali_date import JalaliDateEntry, JalaliDatePicker
    from desktop.views.widgets.rtl import RLabel
    from desktop.views.widgets.windows import set_title

    with tempfile.TemporaryDirectory() as scratch:
        home = sample_home(Path(scratch))
        os.environ["HOME"] = str(home)  # the dialog's places and path row start here
        os.environ["XDG_CONFIG_HOME"] = str(home / ".config")
        folder = home / "اسناد" / "متقاضیان"
        root, _context = build_app(str(Path(scratch) / "tavana.sqlite3"))
        root.geometry("900x560+40+30")
        capture(root, out / "00-title-bar-openbox.png")

        chooser = FileChooser(
            root,
            mode="save",
            title="ذخیرهٔ فهرست متقاضیان",
            filetypes=[("اکسل", "*.xlsx"), ("CSV", "*.csv")],
            initialdir=folder,
            initialfile="متقاضیان-۱۴۰۵-۰۹-۰۲.xlsx",
            wait=False,
        )
        capture(chooser, out / "21-file-dialog.png")
        chooser.close("")

        if shutil.which("zenity"):
            desktop_chooser(folder, out / "23-file-dialog-zenity.png")

        JalaliDatePicker.use_grab = False
        low = ttk.Toplevel(master=root)
        set_title(low, "تاریخ در پایین صفحه")
        low.geometry("560x80+620+650")
        row = ttk.Frame(low, padding=12)
        row.pack(side="bottom", fill="x")
        RLabel(row, text="تاریخ تولد").pack(side="right")
        field = JalaliDateEntry(row)
        field.pack(side="right", padx=(0, 8))
        settle(low)
        picker = field.open_picker()
        settle(low)
        left = min(picker.winfo_rootx(), low.winfo_rootx()) - 10
        top = picker.winfo_rooty() - 10
        width = low.winfo_rootx() + low.winfo_width() + 10 - left
        height = low.winfo_rooty() + low.winfo_height() + 10 - top
        path = out / "22-date-picker-upward.png"
        crop = f"{width}x{height}+{left}+{top}"
        subprocess.run(["import", "-window", "root", "-crop", crop, str(path)], check=True)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        root.destroy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
