"""Tab walks right to left (issue 8, item 15), in dialogs and on every page.

Tk's Tab follows the stacking order of siblings (their creation order), not where
`pack` put them. Confirmation dialogs are driven with Tab and Enter key events; every
page of the app is audited: two focusable siblings that Tab visits one after the
other on the same row must go from right to left.
"""

from __future__ import annotations

import pytest

from desktop.services import auth, users
from desktop.views.main_window import MainWindow
from desktop.views.widgets.button_row import pack_buttons, tab_right_to_left
from desktop.views.widgets.dialogs import MessageDialog, ask
from desktop.views.widgets.rtl import RButton
from tests.factories import register
from tests.gui.conftest import pump
from tests.helpers.courses import course
from tests.helpers.gui import left_to_right_steps, make_context, tab_chain


def focused(widget):  # type: ignore[no-untyped-def]
    return widget.focus_get()


def press(widget, keysym: str) -> None:  # type: ignore[no-untyped-def]
    target = widget.focus_get() or widget
    target.event_generate("<KeyPress>", keysym=keysym)
    pump(widget)


# -- the confirmation dialogs ----------------------------------------------------------


def three_buttons(window):  # type: ignore[no-untyped-def]
    return MessageDialog(
        window,
        "حذف جلسه",
        "این جلسه حذف شود؟",
        (("yes", "بله", "danger"), ("later", "بعداً", "info"), ("no", "خیر", "secondary")),
        default="yes",
        wait=False,
    )


def test_tab_goes_from_the_rightmost_button_leftwards_and_shift_tab_back(window):
    dialog = three_buttons(window)
    dialog.buttons["yes"].focus_force()
    pump(dialog)
    xs = {key: button.winfo_rootx() for key, button in dialog.buttons.items()}
    assert xs["yes"] > xs["later"] > xs["no"]  # laid out right to left

    visited = []
    for _ in range(3):
        press(dialog, "Tab")
        visited.append(next(k for k, b in dialog.buttons.items() if b is focused(dialog)))
    assert visited == ["later", "no", "yes"]
    press(dialog, "ISO_Left_Tab")  # what X sends for Shift+Tab
    assert focused(dialog) is dialog.buttons["no"]
    dialog.destroy()


def test_enter_presses_the_button_that_has_the_focus(window):
    answers = []
    question = ask(
        window,
        "حذف",
        "حذف شود؟",
        (("remove", "حذف شود", "danger"), ("keep", "بماند", "secondary")),
        answers.append,
        default="keep",
        wait=False,
    )
    assert question.focus_lastfor() is question.buttons["keep"]  # the default has the focus
    question.buttons["keep"].focus_force()
    pump(question)
    press(question, "Tab")  # from «بماند» (left) round to «حذف شود» (right)
    assert focused(question) is question.buttons["remove"]
    press(question, "Return")
    assert answers == ["remove"]  # not the default «keep»


def test_pack_buttons_and_tab_right_to_left(window):
    row = window
    made = [RButton(row, text=label) for label in ("سوم", "دوم", "اول")]  # created backwards
    pack_buttons(made[::-1])
    pump(window)
    assert left_to_right_steps(window) == []
    assert [b.logical_text for b in tab_chain(window)] == ["اول", "دوم", "سوم"]
    for button in made:
        button.pack_forget()
    for button in made:  # a toolbar packed from the left, as several pages have
        button.pack(side="left")
    tab_right_to_left(made[::-1])
    pump(window)
    assert [b.logical_text for b in tab_chain(window)] == ["اول", "دوم", "سوم"]


def test_the_audit_catches_a_row_walked_left_to_right(window):
    for label in ("یک", "دو"):
        RButton(window, text=label).pack(side="left")
    pump(window)
    assert len(left_to_right_steps(window)) == 1


# -- every page, as each role sees it --------------------------------------------------


def notebooks(widget):  # type: ignore[no-untyped-def]
    for child in widget.winfo_children():
        if child.winfo_class() == "TNotebook":
            yield child
        yield from notebooks(child)


def audit(main, name: str, found: list[str]) -> None:  # type: ignore[no-untyped-def]
    pump(main)
    found += [f"{name}: {step}" for step in left_to_right_steps(main.current)]
    for notebook in list(notebooks(main.current)):
        for tab in notebook.tabs():
            notebook.select(tab)
            pump(main)
            found += [f"{name}/{tab}: {step}" for step in left_to_right_steps(main.current)]


@pytest.mark.parametrize("role", ["admin", "clerk", "trainer"])
def test_every_page_is_walked_right_to_left(window, admin, role):
    window.geometry("1366x740+0+0")
    applicant_id = register(admin)
    course_id = course(admin).id
    session = admin
    if role != "admin":
        users.add_user(
            admin, username=f"{role}1", display_name="کاربر نمونه", role=role, password="12345678"
        )
        session = auth.login(f"{role}1", "12345678")
    context = make_context()
    context.session = session
    main = MainWindow(window, context)
    main.pack(fill="both", expand=True)
    found: list[str] = []
    for key, button in main.nav_buttons.items():
        button.invoke()
        audit(main, key, found)
    if "applicants" in main.nav_buttons:
        main.nav_buttons["applicants"].invoke()
        pump(window)
        if role != "trainer":
            main.current.open_new()
            audit(main, "new applicant", found)
            main.current.back_to_list()
        main.current.open_file(applicant_id)
        audit(main, "applicant file", found)
    main.nav_buttons["courses"].invoke()
    pump(window)
    if role == "admin":
        main.current.open_new()
        audit(main, "new course", found)
        main.nav_buttons["courses"].invoke()
    main.current.open_course(course_id)
    audit(main, "course page", found)
    assert found == []
