"""Boot the real app and walk it as each role would; run by tests/gui/test_boot.py.

`desktop.app.build_app` makes the process's own Tk root (with the app's theme, fonts,
catalogue, error reporter and write-lock notice), so this runs in a process of its own:
`python -m tests.helpers.boot_app PASSWORD`, with the data and log folders pointed at
an empty temporary folder (XDG_DATA_HOME, TAVANA_LOG). It fills in the first-run
set-up (center, administrator, demo users), logs in as the administrator and opens
every page of the navigation, logs out through the header's button, and does the same
as each demo user (clerk, trainer, shop).

Prints one JSON line — each role's pages as opened, every Tk callback error — and
exits 0; a step that goes wrong exits 1 with its traceback.
"""

from __future__ import annotations

import json
import sys
import tkinter as tk
import traceback
from typing import Any

DEMO_USERS = {"admin": "admin", "clerk": "clerk", "trainer": "trainer", "shop": "shop"}


def pump(widget: tk.Misc, times: int = 3) -> None:
    for _ in range(times):
        widget.update()


def fill(form: Any, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = form.fields[name]
        if hasattr(field, "set"):
            field.set(value)
        else:  # a plain left-to-right entry
            field.delete(0, "end")
            field.insert(0, value)


def close_extra_windows(root: tk.Misc) -> None:
    """Non-modal dialogs (the demo users' note) go, as a person would close them."""
    for child in root.winfo_children():
        if isinstance(child, tk.Toplevel):
            child.destroy()


def walk(password: str) -> dict[str, Any]:
    from desktop.app import build_app
    from desktop.models.db import close_database, db
    from desktop.views.login_view import LoginView
    from desktop.views.main_window import MainWindow
    from desktop.views.setup_view import SetupView
    from desktop.views.shell import Shell

    root, context = build_app()
    context.modal_dialogs = False  # the demo users' note stays open without waiting
    errors: list[str] = []

    def record(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

    root.report_callback_exception = record
    pump(root)
    shell = next(child for child in root.winfo_children() if isinstance(child, Shell))
    setup = shell.page
    assert isinstance(setup, SetupView), setup
    fill(
        setup.form,
        {
            "center_code": "teh05",
            "center_name": "مرکز خدمات اجتماعی منطقهٔ ۵",
            "city": "تهران",
            "admin_display_name": "مریم کریمی",
            "admin_username": "admin",
            "password": password,
            "password_confirm": password,
        },
    )
    setup.with_demo.set(True)
    setup.form.fields["password_confirm"].focus_force()
    pump(root)
    setup.form.fields["password_confirm"].event_generate("<Return>")
    pump(root)
    close_extra_windows(root)

    pages: dict[str, list[str]] = {}
    for role, username in DEMO_USERS.items():
        login = shell.page
        assert isinstance(login, LoginView), (role, login)
        fill(login.form, {"username": username, "password": password})
        login.submit_button.invoke()
        pump(root)
        main = shell.page
        assert isinstance(main, MainWindow), (role, main)
        assert context.session is not None and context.session.role.value == role
        opened = pages[role] = []
        for key, button in main.nav_buttons.items():
            button.invoke()
            pump(root)
            assert main.current_key == key, (role, key, main.current_key)
            assert main.current is not None and main.current.winfo_children(), (role, key)
            opened.append(key)
        main.logout_button.invoke()
        pump(root)
        assert context.session is None, role
    assert isinstance(shell.page, LoginView)

    root.destroy()
    if context.checkpointer is not None:
        context.checkpointer.stop(db.obj)
    close_database()
    return {"pages": pages, "errors": errors}


def main(argv: list[str]) -> int:
    try:
        outcome = walk(argv[0])
    except Exception:
        traceback.print_exc()
        return 1
    print(json.dumps(outcome, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
