"""GUI test harness (after ttkbootstrap's and Porcupine's own).

- One withdrawn ttkbootstrap root for the whole session: its Style is process-wide.
- Every test fails if a Tk callback raised (Tk would otherwise print and carry on).
- Tests are marked `gui`; they need a display (scripts/test.sh starts Xvfb).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator

import pytest

ttk = pytest.importorskip("ttkbootstrap")

from desktop.fonts import register_app_fonts  # noqa: E402
from desktop.text.display import DisplayMode  # noqa: E402
from desktop.views.widgets.rtl import configure_display  # noqa: E402

_callback_errors: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/gui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def root() -> Iterator[ttk.App]:
    if not os.environ.get("DISPLAY") and os.name == "posix":
        pytest.skip("no display: run through scripts/test.sh, which starts Xvfb")
    register_app_fonts()
    configure_display(DisplayMode.CONVERT, "x11")
    app = ttk.App(theme="bootstrap-light")
    app.withdraw()

    def report(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        _callback_errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

    app.report_callback_exception = report
    yield app
    app.destroy()


@pytest.fixture(autouse=True)
def fail_on_callback_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Tk callback that raised fails the test that was running."""
    _callback_errors.clear()
    yield
    if _callback_errors:
        errors = "\n".join(_callback_errors)
        _callback_errors.clear()
        pytest.fail(f"a Tk callback raised:\n{errors}")


@pytest.fixture
def window(root: ttk.App) -> Iterator[ttk.Toplevel]:
    """A fresh, mapped Toplevel for one test; destroyed afterwards."""
    top = ttk.Toplevel(root)
    top.geometry("600x400+0+0")
    top.update()
    yield top
    top.destroy()
    root.update()


def pump(widget, times: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Let Tk process pending events (key events, redraws, after(0) callbacks)."""
    for _ in range(times):
        widget.update()


@pytest.fixture
def big_window(window: ttk.Toplevel) -> ttk.Toplevel:
    """The test's window at 1280×760 (a module may define its own size)."""
    window.geometry("1280x760+0+0")
    pump(window)
    return window


@pytest.fixture(scope="module")
def persian_keymap(root: ttk.App) -> Iterator[None]:
    """Persian characters on spare keycodes for a module's run (tests/helpers/keymap.py)."""
    from tests.helpers.keymap import mapped

    with mapped(root):
        yield


@pytest.fixture
def shop_papers(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The folder the shop's papers go to (views/shop/common.py: the app's data folder,
    papers/<kind>/), this test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    from desktop.config import data_dir

    return data_dir() / "papers"
