"""What the widgets draw follows the digits rule (desktop/text/digits.py): identifiers
as stored, in Latin digits; quantities in Persian digits with Persian separators —
read back from the real widgets, in fields before they are saved too."""

from __future__ import annotations

from desktop.services import enrollment, users
from desktop.strings.course_views import Scores
from desktop.views.course_page import CoursePage
from desktop.views.courses_view import CoursesView
from desktop.views.users_view import UsersView
from tests.gui.conftest import pump
from tests.helpers.courses import past_course
from tests.helpers.gui import dialog_showing, make_context, press_keys, rows, show, wait_until
from tests.helpers.people import person


def test_a_user_name_is_shown_as_stored(window, admin) -> None:  # type: ignore[no-untyped-def]
    users.add_user(
        admin, username="clerk2", display_name="زهرا احمدی", role="clerk", password="12345678"
    )
    view = show(window, UsersView(window, make_context(admin)))
    names = [values[1] for values in rows(view.table)]
    assert "clerk2" in names  # never clerk۲


def test_progress_counts_are_grouped_persian_numbers(window) -> None:  # type: ignore[no-untyped-def]
    with dialog_showing(window, 11_000, 15_000, "در حال ورود") as dialog:
        assert wait_until(
            window, lambda: dialog._message.logical_text == "در حال ورود — ۱۱٬۰۰۰ از ۱۵٬۰۰۰"
        )


def scores_tab(window, admin):  # type: ignore[no-untyped-def]
    """A course page on its scores tab, one person seated: (course, page, their field)."""
    course_id = past_course(admin, capacity=5)
    seated = enrollment.enroll(admin, course_id, person(admin, "مریم"))
    page = show(window, CoursePage(window, make_context(admin), course_id))
    page.notebook.select(page.scores)
    pump(window)
    entry = page.scores.entries[seated.id]
    entry.focus_force()
    return course_id, page, entry


def test_a_score_is_persian_while_it_is_typed_and_after_it_is_saved(window, admin) -> None:  # type: ignore[no-untyped-def]
    course_id, page, entry = scores_tab(window, admin)
    seated = enrollment.course_detail(admin, course_id).enrollees[0].enrollment
    press_keys(entry, "5", "9", "period", "5")
    assert entry.displayed() == "۵۹٫۵"  # not "59.5"
    page.scores.save()
    pump(window)
    assert enrollment.course_detail(admin, course_id).enrollees[0].enrollment.score == 59.5
    assert page.message.logical_text == Scores.SAVED.format(count="۱")
    assert page.scores.entries[seated.id].displayed() == "۵۹٫۵"
    # The enrollees table shows it the same way, and the national code as stored.
    ((_name, code, _status, _attendance, score, *_rest),) = rows(page.enrollees.table)
    assert score == "۵۹٫۵"
    assert code.isascii() and code.isdigit()


def test_a_refused_score_is_named_until_it_is_changed(window, admin) -> None:  # type: ignore[no-untyped-def]
    _course_id, page, entry = scores_tab(window, admin)
    (error,) = page.scores.errors.values()
    press_keys(entry, "1", "2", "0")
    page.scores.save()
    pump(window)
    assert error.logical_text  # out of range
    press_keys(entry, "BackSpace")
    assert error.logical_text == ""


def test_course_numbers_are_persian_in_the_form_before_saving(window, admin) -> None:  # type: ignore[no-untyped-def]
    view = show(window, CoursesView(window, make_context(admin)))
    form = view.open_new()
    pump(window)
    for name, keys, shown in (
        ("hours", "120", "۱۲۰"),
        ("capacity", "25", "۲۵"),
        ("passing_score", "60", "۶۰"),
    ):
        field = form.fields[name]
        field.focus_force()
        field.delete(0, "end")
        press_keys(field, *keys)
        assert field.displayed() == shown, name
        assert field.get() == keys
