"""Helpers shared by the GUI tests (tests/gui): contexts, pages, filling forms, keys,
waiting. Fixtures stay in tests/gui/conftest.py; what is here is plain functions and data.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import tkinter as tk
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

import pytest

from desktop.context import AppContext, Runner
from desktop.services.progress import Progress
from desktop.services.session import Session
from desktop.services.settings import AppSettings, load_settings
from desktop.text.money import MoneyUnit
from desktop.views.applicant_form import ApplicantForm
from desktop.views.applicants_view import ApplicantsView
from desktop.views.background import ProgressDialog, SyncRunner, ThreadRunner
from desktop.views.registry import build_registry
from desktop.views.widgets.ltr_entry import NOTICE, IdentifierEntry
from desktop.views.widgets.rtl import RLabel
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump

# The navigation each role sees (views/registry.py), by view key.
EXPECTED_NAV = {
    "admin": {
        "home",
        "applicants",
        "followups",
        "applicant_import",
        "courses",
        "certificates",
        "sales",
        "shop_products",
        "producers",
        "daily_close",
        "settlements",
        "shops",
        "reports",
        "commitments",
        "sync",
        "users",
        "settings",
        "backups",
        "audit",
        "account",
    },
    "clerk": {
        "home",
        "applicants",
        "followups",
        "applicant_import",
        "courses",
        "certificates",
        "reports",
        "commitments",
        "sync",
        "account",
    },
    "trainer": {"home", "applicants", "courses", "certificates", "reports", "account"},
    "shop": {
        "sales",
        "shop_products",
        "producers",
        "daily_close",
        "settlements",
        "reports",
        "account",
    },
}


SHIFT, CONTROL = 0x1, 0x4


def make_context(
    session: Session | None = None,
    *,
    database: str = ":memory:",
    runner: Runner | None = None,
    money_unit: MoneyUnit | None = None,
) -> AppContext:
    """A context for views built by hand: the app's registry, the stored settings (or
    the given money unit), work run inline unless `runner` is given, and no dialog
    that waits."""
    settings = load_settings() if money_unit is None else AppSettings(money_unit=money_unit)
    return AppContext(
        database=database,
        settings=settings,
        registry=build_registry(),
        runner=runner or SyncRunner(),
        log_path=Path("tavana-test.log"),
        session=session,
        modal_dialogs=False,
    )


SETUP_VALUES = dict(
    center_code="teh05",
    center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
    city="تهران",
    admin_display_name="مریم کریمی",
    admin_username="admin",
    password=ADMIN_PASSWORD,
    password_confirm=ADMIN_PASSWORD,
)


def fill(form, **values):
    for name, value in values.items():
        widget = form.fields[name]
        if hasattr(widget, "set_key"):  # ChoiceBox
            widget.set_key(value)
        elif hasattr(widget, "set"):  # RtlEntry, PasswordEntry
            widget.set(value)
        else:  # a plain left-to-right ttk.Entry
            widget.delete(0, "end")
            widget.insert(0, value)


def fill_applicant(form: ApplicantForm, **values) -> None:
    """Fill the applicant form's fields by name (dates, choices and text alike)."""
    for name, value in values.items():
        widget = form.fields[name]
        if name == "birth_date":
            widget.entry.set(value)
        elif name in ("gender", "education_level", "marital_status"):
            widget.set_key(value)
        else:
            widget.set(value)


def press_return(widget):
    widget.focus_force()
    pump(widget)
    widget.event_generate("<Return>")
    pump(widget)


def key(widget, keysym: str, state: int = 0) -> None:
    widget.focus_force()
    pump(widget, 1)
    widget.event_generate("<KeyPress>", keysym=keysym, state=state)
    pump(widget)


def press_keys(widget, *keysyms: str) -> None:  # type: ignore[no-untyped-def]
    for keysym in keysyms:
        widget.event_generate("<KeyPress>", keysym=keysym)
    pump(widget)


def type_with_xdotool(widget, text: str, until=None, attempts: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Real key presses, any script (xdotool remaps a spare keycode per character).

    Tk must keep processing events while xdotool runs, or it misses the remapping.
    `until()`, if given, is what the keys should have done: Tk is pumped a little longer
    (a bounded wait, on a loaded machine the last keys come late) until it holds.

    The remapping races with Tk on a loaded machine: Tk refreshes its keymap when it
    reads the MappingNotify, which may already be the mapping of the *next* character
    ("admin" arrived as "admnn"). That is the harness, not the app; so with `until`, the
    field is put back as it was and typed again, slower, up to `attempts` times. A real
    defect fails every attempt.
    """
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    from desktop.views.widgets.form import field_value, set_field_value

    before = field_value(widget)
    for attempt in range(attempts if until is not None else 1):
        if attempt:
            set_field_value(widget, before)
        widget.focus_force()
        pump(widget)
        delay = str(60 * (attempt + 1))
        typing = subprocess.Popen(["xdotool", "type", "--delay", delay, text])
        while typing.poll() is None:
            widget.update()
            time.sleep(0.005)
        for _ in range(10 if until is None else 200):
            widget.update()
            time.sleep(0.01)
            if until is not None and until():
                return


def focused(field):  # type: ignore[no-untyped-def]
    field.pack()
    field.focus_force()
    pump(field)
    return field


def latin_field(window, **options):  # type: ignore[no-untyped-def]
    field = focused(IdentifierEntry(window, **options))
    notices: list[str] = []
    field.bind(NOTICE, lambda _e: notices.append(field.notice), add="+")
    return field, notices


def show(window, widget):
    window.geometry("1200x640+0+0")
    widget.pack(fill="both", expand=True)
    pump(window)
    return widget


def rows(table):
    return [values for _row_id, values in table.visible_rows()]


def descendants(widget: tk.Misc) -> list[tk.Misc]:
    result: list[tk.Misc] = []
    for child in widget.winfo_children():
        result.append(child)
        result.extend(descendants(child))
    return result


def texts(widget) -> list[str]:
    return [w.logical_text for w in descendants(widget) if isinstance(w, RLabel)]


def dialog_text(dialog) -> str:
    """Everything the dialog says (logical text of its labels)."""
    labels = [w for w in descendants(dialog) if isinstance(w, RLabel)]
    return "\n".join(label.logical_text for label in labels)


def open_page(window, view_class, session, context=None):
    """A page of the app as the main window shows it, for `session`."""
    view = view_class(window, context or make_context(session))
    view.pack(fill="both", expand=True)
    pump(window)
    return view


def open_wide_page(window, view_class, session):
    """`open_page` in a window wide enough for the home page's cards."""
    window.geometry("1200x740+0+0")
    return open_page(window, view_class, session)


def open_view(window, session) -> ApplicantsView:
    context = make_context()
    context.session = session
    view = ApplicantsView(window, context)
    view.pack(fill="both", expand=True)
    pump(window)
    return view


def course_page(window, admin, course_id):
    from desktop.views.course_page import CoursePage

    window.geometry("1300x720+0+0")
    page = CoursePage(window, make_context(admin), course_id)
    page.pack(fill="both", expand=True)
    pump(window)
    return page


def wait_until(widget, condition, limit=400):
    """Pump Tk until `condition()` holds; a bounded loop, not a timing assertion."""
    for _ in range(limit):
        if condition():
            return True
        widget.update()
        time.sleep(0.01)
    return condition()


@contextmanager
def dialog_showing(window, done: int, total: int, message: str = "در حال کار"):  # type: ignore[no-untyped-def]
    """A progress dialog whose work has counted `done` of `total` and waits; the work
    ends (and the dialog goes) when the block is left."""
    release = threading.Event()

    def work(progress: Progress) -> None:
        progress.step(done, total, message)
        release.wait(5)

    ThreadRunner().run(window, "کار", work, lambda _v: None, lambda _e: None)
    dialog = next(w for w in window.winfo_children() if isinstance(w, ProgressDialog))
    try:
        yield dialog
    finally:
        release.set()
        wait_until(window, lambda: not dialog.winfo_exists())


def tab_chain(container):  # type: ignore[no-untyped-def]
    """The widgets Tab visits inside `container`, from its first one, once round."""
    seen = []
    widget = container
    for _ in range(3000):
        widget = widget.tk_focusNext()
        if widget is None or widget in seen:
            break
        seen.append(widget)
    inside = str(container)
    return [w for w in seen if str(w).startswith(inside) and w.winfo_ismapped()]


def left_to_right_steps(container) -> list[str]:  # type: ignore[no-untyped-def]
    """Tab steps between siblings on one row that go rightwards: each one a defect."""
    chain = tab_chain(container)
    wrong = []
    for before, after in pairwise(chain):
        if before.winfo_parent() != after.winfo_parent():
            continue
        top, bottom = before.winfo_rooty(), before.winfo_rooty() + before.winfo_height()
        same_row = after.winfo_rooty() < bottom and top < after.winfo_rooty() + after.winfo_height()
        if same_row and after.winfo_rootx() > before.winfo_rootx():
            wrong.append(f"{before} → {after}")
    return wrong
