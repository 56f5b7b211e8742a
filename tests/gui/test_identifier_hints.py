"""Examples of identifiers are written as the identifiers are shown: Latin digits.

An identifier (mobile, national code, file number, serial, code) is shown exactly as
stored, in Latin digits (desktop/text/digits.py), and its field shows what will be
stored. A hint under such a field that says «مثل ۰۹۱۲۳۴۵۶۷۸۹» teaches the opposite of
what the field then shows. Two checks: every hint of every identifier field on the
forms a person fills, and every string in desktop/strings. A word with Persian digits
is an identifier written wrongly when it also holds Latin letters or a hyphen
(«TEH۰۵», «۰۰۸۴-۵۷۵۹۴۸») or five digits or more with no separator: quantities that
long are grouped with ٬ and dates carry /; «۱۰ رقم» is a count, rightly Persian.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.views.applicants_view import ApplicantsView
from desktop.views.login_view import LoginView
from desktop.views.setup_view import SetupView
from desktop.views.users_view import UsersView
from desktop.views.widgets.form import Form
from desktop.views.widgets.keys import descendants
from desktop.views.widgets.ltr_entry import IdentifierEntry
from tests.gui.conftest import pump
from tests.helpers.gui import make_context

PERSIAN_DIGIT = "[\u06f0-\u06f9\u0660-\u0669]"
IDENTIFIER_IN_PERSIAN_DIGITS = re.compile(
    rf"{PERSIAN_DIGIT}{{5,}}"  # a mobile, a national code, a running number
    rf"|[A-Za-z-]{PERSIAN_DIGIT}|{PERSIAN_DIGIT}[A-Za-z-]"  # inside a code
)
STRINGS = Path(__file__).resolve().parents[2] / "desktop" / "strings"


@pytest.fixture
def big_window(window):  # type: ignore[no-untyped-def]
    window.geometry("1300x740+0+0")
    pump(window)
    return window


def identifier_hints(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each identifier field's hint on `page`, by field name."""
    hints = {}
    for form in (w for w in (page, *descendants(page)) if isinstance(w, Form)):
        for name, field in form.fields.items():
            if isinstance(field, IdentifierEntry):
                hints[name] = getattr(form._errors[name], "hint", "")
    return hints


@pytest.mark.parametrize("page", ["applicant form", "users", "set-up", "login"])
def test_identifier_fields_hint_with_latin_digits(big_window, admin, page) -> None:  # type: ignore[no-untyped-def]
    context = make_context(admin)
    if page == "applicant form":
        view = ApplicantsView(big_window, context).open_new()
    elif page == "users":
        view = UsersView(big_window, context)
    elif page == "set-up":
        view = SetupView(big_window, context, on_done=lambda: None)
    else:
        view = LoginView(big_window, context, on_login=lambda _s: None)
    hints = identifier_hints(view)
    assert hints, f"no identifier field found on the {page}"
    wrong = {n: hint for n, hint in hints.items() if IDENTIFIER_IN_PERSIAN_DIGITS.search(hint)}
    assert not wrong, f"identifier examples in Persian digits: {wrong}"


def test_no_string_writes_an_identifier_in_persian_digits() -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(STRINGS.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if IDENTIFIER_IN_PERSIAN_DIGITS.search(line)
    ]
    assert not found, "identifiers written with Persian digits:\n" + "\n".join(found)
