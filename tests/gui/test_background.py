"""Long work off the Tk thread; errors in callbacks logged and shown; dialogs."""

from __future__ import annotations

import logging
import threading
import time

from desktop.app import error_reporter
from desktop.services.progress import Cancelled, Progress
from desktop.views.background import ProgressDialog, SyncRunner, ThreadRunner
from desktop.views.widgets.dialogs import MessageDialog
from tests.gui.conftest import pump
from tests.helpers.gui import dialog_showing, wait_until


def test_thread_runner_reports_progress_and_result_on_the_tk_thread(window):
    release = threading.Event()
    outcome = {}

    def work(progress: Progress) -> int:
        outcome["worker"] = threading.current_thread() is not threading.main_thread()
        for done in range(1, 4):
            progress.step(done, 3, "در حال کار")
        release.wait(5)
        return 42

    def done(value):
        outcome["value"] = value
        outcome["on_tk_thread"] = threading.current_thread() is threading.main_thread()

    ThreadRunner().run(window, "کار طولانی", work, done, outcome.setdefault)
    dialog = next(w for w in window.winfo_children() if isinstance(w, ProgressDialog))
    assert wait_until(window, lambda: dialog._message.logical_text == "در حال کار — ۳ از ۳")
    release.set()
    assert wait_until(window, lambda: "value" in outcome)
    assert outcome == {"worker": True, "value": 42, "on_tk_thread": True}
    assert not dialog.winfo_exists()


def test_cancel_stops_the_work(window):
    outcome = {}

    def work(progress: Progress) -> None:
        for done in range(10_000):
            progress.step(done, 10_000)
            time.sleep(0.001)

    ThreadRunner().run(
        window,
        "کار",
        work,
        outcome.setdefault,
        outcome.setdefault,
        on_cancelled=lambda: outcome.setdefault("cancelled", True),
    )
    dialog = next(w for w in window.winfo_children() if isinstance(w, ProgressDialog))
    dialog.focus_force()
    pump(dialog)
    dialog._cancel.event_generate("<Escape>")
    assert wait_until(window, lambda: outcome.get("cancelled"))
    assert not dialog.winfo_exists()


def test_worker_exception_reaches_on_error(window):
    errors = []

    def work(progress: Progress) -> None:
        raise ValueError("boom")

    ThreadRunner().run(window, "کار", work, lambda _v: None, errors.append)
    assert wait_until(window, lambda: errors)
    assert isinstance(errors[0], ValueError)


def test_destroy_cancels_the_poll(window):
    release = threading.Event()
    ThreadRunner().run(window, "کار", lambda p: release.wait(5), lambda _v: None, lambda _e: None)
    dialog = next(w for w in window.winfo_children() if isinstance(w, ProgressDialog))
    pending = dialog._after_id
    assert pending in window.tk.call("after", "info")
    dialog.destroy()
    assert pending not in window.tk.call("after", "info")
    release.set()


def test_sync_runner_runs_inline():
    seen = []
    SyncRunner().run(None, "", lambda p: 7, seen.append, seen.append)
    SyncRunner().run(
        None, "", _cancelled, seen.append, seen.append, on_cancelled=lambda: seen.append("c")
    )
    assert seen == [7, "c"]


def _cancelled(progress: Progress) -> None:
    raise Cancelled()


def test_unexpected_error_is_logged_and_shown(window, tmp_path, caplog):
    report = error_reporter(window, tmp_path / "tavana.log", wait=False)
    try:
        raise KeyError("missing")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            report(type(exc), exc, exc.__traceback__)
    assert "KeyError" in caplog.text and "Traceback" in caplog.text
    dialogs = [w for w in window.winfo_children() if isinstance(w, MessageDialog)]
    assert len(dialogs) == 1
    dialogs[0].close("ok")


def test_message_dialog_keys(window):
    dialog = MessageDialog(
        window,
        "پرسش",
        "ادامه می‌دهید؟",
        (("yes", "بله", "primary"), ("no", "خیر", "secondary")),
        wait=False,
    )
    dialog.focus_force()
    pump(dialog)
    dialog.buttons["yes"].event_generate("<Return>")
    assert dialog.result == "yes"


# -- the progress bar fills from the right ---------------------------------------------


def bar_pixels(widget) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """The colours along the middle line of `widget` as the X server shows them."""
    import io
    import shutil
    import subprocess

    import pytest
    from PIL import Image

    if shutil.which("import") is None:
        pytest.skip("ImageMagick's import is not installed")
    widget.update()
    x, y = widget.winfo_rootx(), widget.winfo_rooty()
    width, height = widget.winfo_width(), widget.winfo_height()
    shot = subprocess.run(
        ["import", "-window", "root", "-crop", f"{width}x1+{x}+{y + height // 2}", "png:-"],
        capture_output=True,
        check=True,
    ).stdout
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    return [image.getpixel((column, 0)) for column in range(image.width)]


def coloured(pixel: tuple[int, int, int]) -> bool:
    """The bar's colour, not the grey of its trough or the white around it."""
    return max(pixel) - min(pixel) > 40


def test_the_progress_bar_fills_from_the_right(window):
    """A quarter done: the right quarter of the bar is filled, the left is not (ttk's
    own bar filled from the left in these right-to-left dialogs)."""
    with dialog_showing(window, 1, 4) as dialog:
        assert wait_until(window, lambda: "۱ از ۴" in dialog._message.logical_text)
        dialog.lift()
        pump(dialog, 5)
        pixels = bar_pixels(dialog._bar)
        width = len(pixels)
        filled = [index for index, pixel in enumerate(pixels) if coloured(pixel)]
        assert filled, "nothing drawn in the bar's colour"
        assert min(filled) >= width * 0.70 and max(filled) >= width * 0.95


def test_a_bar_without_a_total_slides_from_the_right(window):
    from desktop.views.widgets.progress_bar import RtlProgressBar

    bar = RtlProgressBar(window, length=300)
    bar.pack()
    pump(window)
    bar.start(5)
    first = bar.done_span()
    assert first is not None and first[1] >= 300 - 8  # it begins at the right end
    assert wait_until(window, lambda: (bar.done_span() or first)[1] < first[1] - 20)
    bar.set_fraction(3, 4)  # counted now: the block stops, three quarters from the right
    span = bar.done_span()
    assert span is not None and span[1] >= 300 - 8 and span[0] <= 300 * 0.3
    bar.set_fraction(0, 4)
    assert bar.done_span() is None
    bar.destroy()
