"""The casework tabs of an applicant's file and the due follow-ups page, driven as a clerk.

Real widgets in a Toplevel over an in-memory database; applicants are registered
through the registry service, and what the screens wrote is read back through the
casework services. Background work runs on a synchronous runner, except in the one
test that runs the real thread runner over a database file.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from desktop.errors import PermissionDenied
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import applicants, auth, casework, reference
from desktop.services.setup import initialise_center
from desktop.strings import IDEA_STATUS_NAMES
from desktop.strings.casework import Casework, LinkReasons
from desktop.strings.casework_views import DONE_MARK, Common, Due, FollowUps, Ideas, Links
from desktop.strings.casework_views import Outcomes as OutcomeText
from desktop.text.jalali import format_jalali
from desktop.text.money import MoneyUnit, format_money
from desktop.views import followups_view
from desktop.views.background import ThreadRunner
from desktop.views.casework import (
    CHANGED,
    FollowUpsTab,
    IdeasTab,
    LinksTab,
    OutcomesTab,
)
from desktop.views.followups_view import FollowUpsView, due_text
from desktop.views.widgets.rtl import RButton, t
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import pump
from tests.helpers.gui import make_context, press_return, rows, show
from tests.helpers.people import login_as, person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def type_date(field, value):
    """Type into a date field's entry, as a person would (no validation yet)."""
    field.entry.delete(0, "end")
    field.entry.insert(0, value)


def select_first(table):
    table.select_index(0)
    pump(table)


# -- follow-ups ------------------------------------------------------------------------


def test_follow_up_errors_stand_next_to_fields_then_the_note_is_in_the_table(window, admin):
    pid = person(admin, "زهرا")
    tab = show(window, FollowUpsTab(window, make_context(admin), pid))
    changes = []
    tab.bind(CHANGED, lambda _e: changes.append(True))
    form = tab.form
    assert rows(tab.table) == [] and tab.table.empty_label.winfo_ismapped()
    assert tab.held_on.text() == format_jalali(TODAY)  # today by default

    tab.kind.set_key("visit")
    type_date(tab.held_on, format_jalali(TODAY + 2 * DAY))
    tab.notes.set("نیاز به آموزش خیاطی")
    type_date(tab.next_appointment, "۱۴۰۵/۱۳/۰۱")
    press_return(tab.notes)
    assert form.error_text("held_on") == Casework.DATE_IN_FUTURE
    assert form.error_text("next_appointment") == "ماه باید از ۱ تا ۱۲ باشد."
    assert form.error_text("kind") == form.error_text("notes") == ""
    assert casework.follow_ups(admin, pid) == []  # nothing written
    assert changes == []

    type_date(tab.held_on, format_jalali(TODAY - DAY))
    type_date(tab.next_appointment, format_jalali(TODAY + 7 * DAY))
    press_return(tab.next_appointment.entry)  # Enter in a date field saves too
    (record,) = casework.follow_ups(admin, pid)
    assert (record.kind, record.held_on, record.next_appointment, record.notes) == (
        "visit",
        TODAY - DAY,
        TODAY + 7 * DAY,
        "نیاز به آموزش خیاطی",
    )
    assert rows(tab.table) == [
        (
            format_jalali(TODAY - DAY),
            t("بازدید"),
            t("نیاز به آموزش خیاطی"),
            format_jalali(TODAY + 7 * DAY),
            "",
        )
    ]
    assert tab.table.selected_id == record.id
    assert form.error_text("held_on") == form.error_text("next_appointment") == ""
    # The form is ready for the next note; the kind stays.
    assert tab.kind.get_key() == "visit"
    assert (tab.notes.get(), tab.next_appointment.text()) == ("", "")
    assert tab.held_on.text() == format_jalali(TODAY)
    assert tab.message.logical_text == FollowUps.SAVED.format(date=format_jalali(TODAY - DAY))
    assert changes == [True]


def test_first_counselling_moves_the_status(window, admin):
    pid = person(admin, "زهرا")
    tab = show(window, FollowUpsTab(window, make_context(admin), pid))
    assert tab.kind.get_key() == "counselling"
    tab.notes.set("گفت‌وگوی نخست")
    press_return(tab.notes)
    assert applicants.get(admin, pid).status == "counselling"


def test_tab_walks_the_side_form_field_by_field(window, admin):
    """Tab goes from field to field: a date field's frame is never a stop of its own."""
    tab = show(window, FollowUpsTab(window, make_context(admin), person(admin, "زهرا")))
    stops, widget = [], tab.kind
    for _ in range(5):
        stops.append(widget)
        widget = widget.tk_focusNext()
    save = tab.form.grid_slaves(row=len(tab.form.fields) * 2, column=0)[0]
    assert stops == [tab.kind, tab.held_on.entry, tab.notes, tab.next_appointment.entry, save]


def test_closing_the_selected_appointment(window, admin):
    pid = person(admin, "زهرا")
    casework.add_follow_up(admin, pid, kind="counselling", held_on=TODAY - 9 * DAY)
    kept = casework.add_follow_up(
        admin, pid, kind="phone_call", held_on=TODAY - 2 * DAY, next_appointment=TODAY + DAY
    )
    tab = show(window, FollowUpsTab(window, make_context(admin), pid))
    tab.close_button.invoke()
    assert tab.message.logical_text == Common.SELECT_FIRST

    select_first(tab.table)  # newest first: the one with the appointment
    assert tab.table.selected_id == kept.id
    tab.close_button.invoke()
    assert [r.done for r in casework.follow_ups(admin, pid)] == [True, False]
    assert rows(tab.table)[0][4] == t(DONE_MARK)
    assert tab.message.logical_text == FollowUps.CLOSED.format(date=format_jalali(TODAY + DAY))
    tab.close_button.invoke()  # already closed
    assert tab.message.logical_text == FollowUps.NO_APPOINTMENT


# -- the due list --------------------------------------------------------------------------


@pytest.fixture
def due_setup(admin):
    clerk = login_as(admin, "clerk1", "clerk", "کاربر clerk1")
    late = person(admin, "زهرا")
    today_one = person(admin, "مریم")
    ahead = person(admin, "سارا")
    casework.add_follow_up(
        admin, late, kind="counselling", held_on=TODAY - 10 * DAY, next_appointment=TODAY - 3 * DAY
    )
    casework.add_follow_up(
        clerk,
        today_one,
        kind="phone_call",
        held_on=TODAY - 2 * DAY,
        notes="تماس برای معرفی به صندوق\nخط دوم",
        next_appointment=TODAY,
    )
    casework.add_follow_up(
        clerk, ahead, kind="visit", held_on=TODAY - DAY, next_appointment=TODAY + 5 * DAY
    )
    return clerk, late, today_one, ahead


def test_due_list_marks_overdue_and_filters_mine(window, due_setup):
    clerk, late, _today_one, _ahead = due_setup
    opened = []
    view = show(window, FollowUpsView(window, make_context(clerk), on_open_applicant=opened.append))
    assert rows(view.table) == [
        (
            format_jalali(TODAY - 3 * DAY),
            t("۳ روز گذشته"),
            t("زهرا احمدی"),
            "TEH05-000001",  # identifiers: as stored, Latin digits
            "09121234567",
            t("مشاوره"),
            "",
            t("مدیر مرکز"),
        ),
        (
            format_jalali(TODAY),
            t(Due.TODAY),
            t("مریم احمدی"),
            "TEH05-000002",
            "09121234567",
            t("تماس تلفنی"),
            t("تماس برای معرفی به صندوق"),  # the first line of the notes
            t("کاربر clerk1"),
        ),
    ]
    assert view.summary.logical_text == Due.COUNT_OVERDUE.format(count="۲", overdue="۱")

    view.mine_check.invoke()
    assert [values[2] for values in rows(view.table)] == [t("مریم احمدی")]
    assert view.summary.logical_text == Due.COUNT.format(count="۱")
    view.mine_check.invoke()

    type_date(view.until, format_jalali(TODAY + 5 * DAY))
    press_return(view.until.entry)
    assert [values[1] for values in rows(view.table)] == [
        t("۳ روز گذشته"),
        t(Due.TODAY),
        t("۵ روز دیگر"),
    ]

    select_first(view.table)
    view.open_button.invoke()
    press_return(view.table.tree)
    assert opened == [late, late]


def test_done_closes_the_appointment_until_nothing_is_due(window, due_setup):
    clerk, late, today_one, _ahead = due_setup
    view = show(window, FollowUpsView(window, make_context(clerk)))
    assert str(view.open_button.cget("state")) == "disabled"  # nowhere to open a file
    view.done_button.invoke()
    assert view.message.logical_text == Common.SELECT_FIRST

    select_first(view.table)
    view.done_button.invoke()
    assert view.message.logical_text == Due.CLOSED.format(name="زهرا احمدی")
    assert [r.done for r in casework.follow_ups(clerk, late)] == [True]
    assert [values[2] for values in rows(view.table)] == [t("مریم احمدی")]

    select_first(view.table)
    view.done_button.invoke()
    pump(view)
    assert rows(view.table) == []
    assert view.table.empty_label.winfo_ismapped()
    assert view.table.empty_label.logical_text == Due.EMPTY_TODAY
    assert view.summary.logical_text == ""
    assert casework.due_follow_ups(clerk) == []
    assert [r.done for r in casework.follow_ups(clerk, today_one)] == [True]


def test_a_bad_until_date_says_so_and_keeps_the_list(window, due_setup):
    clerk = due_setup[0]
    view = show(window, FollowUpsView(window, make_context(clerk)))
    before = rows(view.table)
    type_date(view.until, "۱۴۰۵/۰۲/۴۰")
    press_return(view.until.entry)
    assert view.message.logical_text == "اردیبهشت سال ۱۴۰۵ ۳۱ روز دارد."
    assert rows(view.table) == before


def test_midnight_moves_today_and_destroy_cancels_the_timer(window, due_setup, monkeypatch):
    clerk = due_setup[0]
    view = show(window, FollowUpsView(window, make_context(clerk)))
    pending = view._midnight_after
    assert pending in window.tk.call("after", "info")

    monkeypatch.setattr(followups_view, "today", lambda: TODAY + DAY)
    view.new_day()
    assert view.until.text() == format_jalali(TODAY + DAY)
    assert [values[1] for values in rows(view.table)] == [t("۴ روز گذشته"), t("۱ روز گذشته")]
    assert pending not in window.tk.call("after", "info")  # replaced by the next midnight's
    pending = view._midnight_after
    assert pending in window.tk.call("after", "info")

    view.destroy()
    assert pending not in window.tk.call("after", "info")


def test_due_text():
    assert due_text(TODAY, TODAY) == "امروز"
    assert due_text(TODAY - 12 * DAY, TODAY) == "۱۲ روز گذشته"
    assert due_text(TODAY + 2 * DAY, TODAY) == "۲ روز دیگر"


# -- ideas -----------------------------------------------------------------------------------


def test_idea_with_persian_digit_capital_is_formatted_in_the_users_unit(window, admin):
    pid = person(admin, "زهرا", categories=("idea_holder",))
    context = make_context(admin, money_unit=MoneyUnit.TOMAN)
    tab = show(window, IdeasTab(window, context, pid))
    fields = tab.form.fields
    assert tab.table.tree.heading("capital", "text") == t("سرمایهٔ لازم (تومان)")

    fields["field"].set("پوشاک")
    press_return(fields["field"])
    assert tab.form.error_text("title") == Casework.IDEA_TITLE_REQUIRED
    assert casework.ideas(admin, pid) == []

    fields["title"].set("کارگاه تولید لباس کودک")
    tab.capital.insert(0, "۱۲۵۰۰۰۰")  # Tomans, typed with Persian digits
    assert tab.capital.displayed() == "۱٬۲۵۰٬۰۰۰"
    press_return(tab.capital)
    (idea,) = casework.ideas(admin, pid)
    assert (idea.title, idea.field, idea.capital_rials) == (
        "کارگاه تولید لباس کودک",
        "پوشاک",
        12_500_000,
    )
    assert rows(tab.table) == [
        (
            t("کارگاه تولید لباس کودک"),
            t("پوشاک"),
            format_money(12_500_000, MoneyUnit.TOMAN, with_unit=False),
            t(IDEA_STATUS_NAMES["submitted"]),
        )
    ]
    assert rows(tab.table)[0][2] == "۱٬۲۵۰٬۰۰۰"
    assert tab.message.logical_text == Ideas.ADDED.format(title="کارگاه تولید لباس کودک")
    assert (fields["title"].get(), tab.capital.displayed()) == ("", "")


def test_idea_status_change_and_edit(window, admin):
    pid = person(admin, "زهرا", categories=("idea_holder",))
    idea = casework.add_idea(admin, pid, title="فروش اینترنتی لباس", capital=5_000_000)
    tab = show(window, IdeasTab(window, make_context(admin), pid))
    tab.status_choice.set_key("shortlisted")
    tab.set_status()
    assert tab.message.logical_text == Common.SELECT_FIRST

    select_first(tab.table)
    assert tab.status_choice.get_key() == "submitted"  # follows the selected row
    tab.status_choice.set_key("shortlisted")
    next(b for b in _buttons(tab) if b.logical_text == Ideas.SET_STATUS).invoke()
    assert casework.ideas(admin, pid)[0].status == "shortlisted"
    assert rows(tab.table)[0][3] == t("در فهرست کوتاه")

    press_return(tab.table.tree)  # Enter on a row edits it in the form
    assert tab.editing is not None and tab.form_title.logical_text == Ideas.EDIT_TITLE
    assert tab.form.fields["title"].get() == "فروش اینترنتی لباس"
    assert tab.capital.get_rials() == 5_000_000
    tab.form.fields["title"].set("فروشگاه اینترنتی لباس کودک")
    press_return(tab.form.fields["title"])
    (saved,) = casework.ideas(admin, pid)
    assert (saved.id, saved.title, saved.status, saved.capital_rials) == (
        idea.id,
        "فروشگاه اینترنتی لباس کودک",
        "shortlisted",  # editing keeps the status
        5_000_000,
    )
    assert rows(tab.table)[0][0] == t("فروشگاه اینترنتی لباس کودک")
    assert tab.editing is None and tab.form_title.logical_text == Ideas.ADD_TITLE

    press_return(tab.table.tree)
    tab.form.fields["title"].event_generate("<Escape>")  # Escape leaves edit mode
    assert tab.editing is None and tab.form.fields["title"].get() == ""


def _buttons(widget):
    for child in widget.winfo_children():
        if isinstance(child, RButton):
            yield child
        yield from _buttons(child)


# -- outcomes --------------------------------------------------------------------------------


def test_outcome_with_partner_moves_status_and_the_admin_verifies(window, admin):
    clerk = login_as(admin, "clerk1", "clerk", "کاربر clerk1")
    pid = person(admin, "زهرا")
    partner_id, partner_name = reference.partners(admin)[0]
    tab = show(window, OutcomesTab(window, make_context(clerk), pid))
    changes = []
    tab.bind(CHANGED, lambda _e: changes.append(True))
    assert tab.verify_button is None  # only the center manager verifies

    tab.kind.set_key("self_employment")
    type_date(tab.started_on, format_jalali(TODAY + DAY))
    press_return(tab.employer)
    assert tab.form.error_text("started_on") == Casework.DATE_IN_FUTURE
    assert casework.outcomes(clerk, pid) == []

    type_date(tab.started_on, format_jalali(TODAY - 4 * DAY))
    tab.employer.set("کارگاه خانگی")
    tab.partner.set_key(partner_id)
    press_return(tab.partner)
    (outcome,) = casework.outcomes(clerk, pid)
    assert (outcome.kind, outcome.started_on, outcome.partner_id) == (
        "self_employment",
        TODAY - 4 * DAY,
        partner_id,
    )
    assert applicants.get(clerk, pid).status == "self_employed"
    assert tab.message.logical_text == OutcomeText.ADDED_STATUS.format(
        kind="خوداشتغالی", status="خوداشتغال"
    )
    assert rows(tab.table) == [
        (
            t("خوداشتغالی"),
            format_jalali(TODAY - 4 * DAY),
            t("کارگاه خانگی"),
            t(partner_name),
            "",
        )
    ]
    assert changes == [True]
    assert tab.partner.get_key() == ""  # cleared for the next one
    tab.destroy()

    admin_tab = show(window, OutcomesTab(window, make_context(admin), pid))
    select_first(admin_tab.table)
    assert admin_tab.verify_button.logical_text == OutcomeText.VERIFY
    admin_tab.verify_button.invoke()
    assert casework.outcomes(admin, pid)[0].verified
    assert rows(admin_tab.table)[0][4] == t(DONE_MARK)
    assert admin_tab.verify_button.logical_text == OutcomeText.UNVERIFY


# -- links -------------------------------------------------------------------------------------


def _idea_holder_and_investor(session):
    holder = person(session, "زهرا", categories=("idea_holder",), skills=("خیاطی",))
    casework.add_idea(session, holder, title="کارگاه خیاطی لباس کودک", field="پوشاک")
    investor = person(session, "رضا", categories=("investor",), skills=("خیاطی صنعتی",))
    person(session, "سارا", categories=("investor",), skills=("نانوایی",))  # nothing shared
    return holder, investor


def test_link_suggestions_for_an_idea_holder_open_the_investor(window, admin):
    holder, investor = _idea_holder_and_investor(admin)
    opened = []
    tab = show(window, LinksTab(window, make_context(admin), holder, opened.append))
    assert tab.message.logical_text == Links.NOT_YET and rows(tab.table) == []

    tab.find_button.invoke()
    expected = casework.suggest_links(admin, holder)
    assert [s.applicant.id for s in expected] == [investor]
    assert rows(tab.table) == [
        (
            t("سرمایه‌گذار"),
            t("رضا احمدی"),
            "TEH05-000002",
            "09121234567",
            t("، ".join(expected[0].reasons)),
            "۲",  # the shared word and the same district
        )
    ]
    assert LinkReasons.SAME_DISTRICT.format(district="منطقهٔ ۵") in expected[0].reasons
    assert tab.message.logical_text == Links.FOUND.format(count="۱")
    assert str(tab.find_button.cget("state")) == "normal"

    select_first(tab.table)
    press_return(tab.table.tree)
    assert opened == [investor]


def test_link_search_runs_off_the_tk_thread(window, tmp_path, monkeypatch):
    threads = []
    search = casework.suggest_links

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return search(*args, **kwargs)

    monkeypatch.setattr(casework, "suggest_links", recorded)
    open_database(tmp_path / "center.sqlite3")
    try:
        initialise_center(
            center_code="TEH05",
            center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
            admin_username="admin",
            admin_display_name="مدیر مرکز",
            password=ADMIN_PASSWORD,
        )
        session = auth.login("admin", ADMIN_PASSWORD)
        holder, investor = _idea_holder_and_investor(session)
        tab = show(window, LinksTab(window, make_context(session, runner=ThreadRunner()), holder))
        tab.find_button.invoke()
        assert str(tab.find_button.cget("state")) == "disabled"  # until the work is done
        for _ in range(500):  # a bounded wait, not a timing assertion
            if tab.suggestions is not None:
                break
            window.update()
            time.sleep(0.01)
        assert [s.applicant.id for s in tab.suggestions or []] == [investor]
        assert threads and threads[0] is not threading.main_thread()
        assert [values[1] for values in rows(tab.table)] == [t("رضا احمدی")]
        assert str(tab.find_button.cget("state")) == "normal"
    finally:
        close_database()


# -- who may write -----------------------------------------------------------------------------


@pytest.mark.parametrize("tab_class", [FollowUpsTab, IdeasTab, OutcomesTab])
def test_a_trainer_reads_but_has_no_form(window, admin, tab_class):
    pid = person(admin, "زهرا")
    casework.add_follow_up(admin, pid, kind="counselling", held_on=TODAY)
    casework.add_idea(admin, pid, title="کارگاه خیاطی")
    casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY)
    trainer = login_as(admin, "trainer1", "trainer", "کاربر trainer1")
    tab = show(window, tab_class(window, make_context(trainer), pid))
    assert tab.form is None
    assert not tab.side.winfo_ismapped()
    notes = [w.logical_text for w in tab.main.winfo_children() if hasattr(w, "logical_text")]
    assert Common.READ_ONLY in notes
    assert len(rows(tab.table)) == 1
    assert not [b for b in _buttons(tab) if str(b.cget("state")) != "disabled"]


def test_a_refusal_from_the_service_is_shown(window, admin):
    pid = person(admin, "زهرا")
    tab = show(window, FollowUpsTab(window, make_context(admin), pid))
    tab.session = login_as(
        admin, "trainer1", "trainer", "کاربر trainer1"
    )  # the role changed under the form
    tab.notes.set("یادداشت")
    press_return(tab.notes)
    assert tab.message.logical_text == PermissionDenied().message
    assert casework.follow_ups(admin, pid) == []


def test_a_deleted_file_shows_why_it_has_no_casework(window, admin):
    pid = person(admin, "زهرا")
    casework.add_idea(admin, pid, title="کارگاه خیاطی")
    applicants.delete(admin, pid, "ثبت تکراری")
    tab = show(window, IdeasTab(window, make_context(admin), pid))
    assert rows(tab.table) == []
    assert tab.message.logical_text == Casework.APPLICANT_NOT_FOUND
