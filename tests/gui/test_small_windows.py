"""Set-up and login are small windows, sized for their content and centred on the
screen's work area — also after a log-out from the maximised main window.

Found under Openbox: after log-out the login was 1000×600 (the main window's minimum
and old size: the window manager's un-maximise landed after the resize) at the top
left, its fields stretched across; after set-up it was 460×520 at the top left. The
first test reads the geometry Tk asks for (no window manager); the second runs the
app under a real one (Openbox on a display of its own), when it is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services import auth
from desktop.services.setup import initialise_center
from desktop.views import screen
from desktop.views.login_view import LoginView
from desktop.views.screen import MIN_SIZE
from desktop.views.shell import LOGIN_WIDTH, Shell
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

AREA = (0, 30, 1366, 738)  # a panel at the top


def geometry(window) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    found = re.fullmatch(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", window.wm_geometry())
    assert found is not None, window.wm_geometry()
    width, height, x, y = (int(n) for n in found.groups())
    return width, height, x, y


def assert_small_and_centred(window, page) -> None:  # type: ignore[no-untyped-def]
    width, height, x, y = geometry(window)
    assert page.winfo_reqwidth() <= width <= max(LOGIN_WIDTH, page.winfo_reqwidth() + 20)
    assert width < MIN_SIZE[0] and height < MIN_SIZE[1]
    assert abs(height - page.winfo_reqheight()) <= 2  # sized for its content
    frame = screen.DECORATION
    assert abs((x + (width + frame[0]) / 2) - (AREA[0] + AREA[2] / 2)) <= 1
    assert abs((y + (height + frame[1]) / 2) - (AREA[1] + AREA[3] / 2)) <= 1
    assert window.minsize()[0] < MIN_SIZE[0]  # the main window's minimum is gone


def test_login_after_logout_is_small_and_centred(window, database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(screen, "work_area", lambda _root: AREA)
    initialise_center(
        center_code="TEH05", center_name="مرکز", admin_username="admin",
        admin_display_name="مدیر مرکز", password=ADMIN_PASSWORD,
    )  # fmt: skip
    shell = Shell(window, make_context())
    shell.pack(fill="both", expand=True)
    pump(window)
    assert isinstance(shell.page, LoginView)
    assert_small_and_centred(window, shell.page)
    shell.show_main(auth.login("admin", ADMIN_PASSWORD))
    pump(window)
    assert window.minsize() == MIN_SIZE
    shell.context.on_logout()
    pump(window)
    assert isinstance(shell.page, LoginView)
    assert_small_and_centred(window, shell.page)


# -- under a real window manager -----------------------------------------------------

DRIVER = """
import json, sys, time
from desktop.app import build_app
from desktop.services import auth
from desktop.services.setup import initialise_center
from desktop.views.shell import Shell

root, context = build_app(sys.argv[1])
shell = next(w for w in root.winfo_children() if isinstance(w, Shell))

def settle():
    for _ in range(40):
        root.update()
        time.sleep(0.02)

def report(step):
    settle()
    print(json.dumps({
        "step": step, "x": root.winfo_rootx(), "y": root.winfo_rooty(),
        "width": root.winfo_width(), "height": root.winfo_height(),
        "content": [shell.page.winfo_reqwidth(), shell.page.winfo_reqheight()],
        "minsize": list(root.minsize()),
        "screen": [root.winfo_screenwidth(), root.winfo_screenheight()],
    }), flush=True)

report("set-up")
initialise_center(center_code="TEH05", center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
    admin_username="admin", admin_display_name="مدیر مرکز", password="admin-pass-1")
shell.show_login()
report("login after set-up")
shell.show_main(auth.login("admin", "admin-pass-1"))
report("main")
context.on_logout()
report("login after log-out")
root.destroy()
"""


def free_display() -> int:
    for number in range(150, 400):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    pytest.skip("no free X display number")


@pytest.fixture
def openbox_display():  # type: ignore[no-untyped-def]
    """A 1366×768 X server of its own with Openbox managing it (skipped without them)."""
    if shutil.which("openbox") is None or shutil.which("Xvfb") is None:
        pytest.skip("openbox or Xvfb is not installed (Debian: apt-get install openbox xvfb)")
    number = free_display()
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    manager = None
    try:
        for _ in range(100):  # bounded: the server's socket appears
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": display}
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(100):  # bounded: Openbox has taken the screen
            shown = subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if "window id" in shown.stdout:
                break
            time.sleep(0.05)
        yield env
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def test_under_openbox_login_is_centred_after_set_up_and_after_log_out(
    openbox_display, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("xprop") is None:
        pytest.skip("xprop is not installed")
    env = {**openbox_display, "TAVANA_KEYRING": "off", "TAVANA_LOG": str(tmp_path / "log")}
    ran = subprocess.run(
        [sys.executable, "-c", DRIVER, str(tmp_path / "center.sqlite3")],
        env=env, capture_output=True, text=True, timeout=180,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    steps = {line["step"]: line for line in map(json.loads, ran.stdout.splitlines())}
    assert steps["main"]["width"] >= MIN_SIZE[0]
    for step in ("set-up", "login after set-up", "login after log-out"):
        shown = steps[step]
        screen_width, screen_height = shown["screen"]
        assert shown["width"] < MIN_SIZE[0] and shown["minsize"][0] < MIN_SIZE[0], step
        assert shown["height"] >= min(shown["content"][1], screen_height - 100), step
        middle_x = shown["x"] + shown["width"] / 2
        middle_y = shown["y"] + shown["height"] / 2
        assert abs(middle_x - screen_width / 2) <= 10, (step, shown)  # its frame, a few px
        assert abs(middle_y - screen_height / 2) <= 20, (step, shown)
