"""Casework services: follow-ups, ideas, outcomes, employment per partner, linking (no Tk)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import uuid
from pathlib import Path

import pytest

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    Applicant,
    ChangeLog,
    FollowUp,
    Idea,
    Outcome,
    Partner,
    StatusChange,
    db,
    writes,
)
from desktop.services import applicants, auth, casework, users
from desktop.services.applicants import ApplicantInput
from desktop.strings import OUTCOME_KIND_NAMES
from desktop.strings.casework import Casework, LinkReasons
from desktop.text.jalali import format_jalali
from tests.factories import national_code

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def person(
    session, first_name="مریم", *, categories=("job_seeker",), skills=(), field="", district=5
):
    """Register an applicant through the registry service; returns its id."""
    record = applicants.register(
        session,
        ApplicantInput(
            first_name=first_name,
            last_name="احمدی",
            father_name="علی",
            national_code=national_code(),
            gender="female",
            birth_date="1370/01/01",
            mobile="09121234567",
            district=str(district),
            education_field=field,
            categories=list(categories),
            skills=list(skills),
        ),
        confirm_near_duplicate=True,
    )
    # The file was opened a month ago, so the back-dated follow-ups and outcomes of
    # these tests come after it (a status step is never dated before the last one).
    opened = TODAY - 30 * DAY
    with writes.unlogged("test set-up: a file opened a month ago"):
        Applicant.update(registered_on=opened, status_changed_on=opened).where(
            Applicant.id == record.id
        ).execute()
        StatusChange.update(changed_on=opened).where(StatusChange.applicant == record.id).execute()
    return record.id


def login_as(admin, username, role):
    users.add_user(
        admin,
        username=username,
        display_name="نام " + username,
        role=role,
        password="12345678",
        password_confirm="12345678",
    )
    return auth.login(username, "12345678")


def last_logs(since):
    """(entity, entity_id, operation, changed_by) of change-log rows after `since`."""
    return [
        (log.entity, log.entity_id, log.operation, log.changed_by)
        for log in ChangeLog.select().where(ChangeLog.seq > since).order_by(ChangeLog.seq)
    ]


def seq():
    return ChangeLog.last_seq("TEH05")


def jalali(day: dt.date) -> str:
    return format_jalali(day)  # Persian digits, as a person would type them


# -- follow-ups --------------------------------------------------------------------------


def test_first_counselling_records_follow_up_and_moves_status(admin):
    pid = person(admin)
    before = seq()
    record = casework.add_follow_up(
        admin,
        pid,
        kind="counselling",
        held_on=jalali(TODAY - 2 * DAY),
        notes="  نياز به آموزش  خياطي ",
        next_appointment=jalali(TODAY + 7 * DAY),
    )
    assert (record.kind, record.held_on, record.next_appointment, record.done) == (
        "counselling",
        TODAY - 2 * DAY,
        TODAY + 7 * DAY,
        False,
    )
    assert record.notes == "نیاز به آموزش خیاطی"  # normalised
    assert (record.applicant_name, record.mobile) == ("مریم احمدی", "09121234567")
    assert record.created_by_name == "مدیر مرکز"
    assert applicants.get(admin, pid).status == "counselling"
    entry = StatusChange.select().order_by(StatusChange.created_at.desc()).first()
    assert (entry.status, entry.changed_on, entry.note) == (
        "counselling",
        TODAY - 2 * DAY,
        Casework.COUNSELLING_STARTED,
    )
    assert [(e, op) for e, _, op, _ in last_logs(before)] == [
        ("follow_up", "create"),
        ("applicant", "update"),
        ("status_change", "create"),
    ]
    assert all(by == admin.user_id for *_, by in last_logs(before))
    assert last_logs(before)[0][1] == record.id


def test_follow_up_kind_may_be_given_by_its_persian_name(admin):
    pid = person(admin)
    record = casework.add_follow_up(admin, pid, kind="تماس تلفنی", held_on=TODAY)
    assert record.kind == "phone_call"
    assert record.next_appointment is None


def test_other_kinds_and_later_statuses_do_not_move_status(admin):
    pid = person(admin)
    casework.add_follow_up(admin, pid, kind="phone_call", held_on=TODAY)
    assert applicants.get(admin, pid).status == "registered"
    applicants.change_status(admin, pid, "in_training")
    before = seq()
    casework.add_follow_up(admin, pid, kind="counselling", held_on=TODAY)
    assert applicants.get(admin, pid).status == "in_training"
    assert [e for e, *_ in last_logs(before)] == ["follow_up"]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"kind": "meeting", "held_on": "", "next_appointment": "1405/13/01"},
            {
                "kind": Casework.FOLLOW_UP_KIND_UNKNOWN,
                "held_on": Casework.REQUIRED,
                "next_appointment": "ماه باید از ۱ تا ۱۲ باشد.",
            },
        ),
        (
            {"kind": "", "held_on": "دیروز"},
            {
                "kind": Casework.FOLLOW_UP_KIND_UNKNOWN,
                "held_on": "تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید.",
            },
        ),
        ({"kind": "visit", "held_on": TODAY + DAY}, {"held_on": Casework.DATE_IN_FUTURE}),
        (
            {"kind": "visit", "held_on": TODAY, "next_appointment": TODAY},
            {"next_appointment": Casework.NEXT_BEFORE_HELD},
        ),
        (
            {"kind": "visit", "held_on": TODAY, "next_appointment": jalali(TODAY - DAY)},
            {"next_appointment": Casework.NEXT_BEFORE_HELD},
        ),
    ],
)
def test_follow_up_validation_writes_nothing(admin, fields, errors):
    pid = person(admin)
    before = seq()
    with pytest.raises(ValidationError) as raised:
        casework.add_follow_up(admin, pid, **fields)
    assert raised.value.errors == errors
    assert FollowUp.select().count() == 0
    assert seq() == before
    assert applicants.get(admin, pid).status == "registered"


def test_follow_up_for_unknown_or_deleted_applicant(admin):
    pid = person(admin)
    applicants.delete(admin, pid, "پروندهٔ تکراری")
    for target in (pid, str(uuid.uuid4()), "not-an-id"):
        with pytest.raises(UserError) as raised:
            casework.add_follow_up(admin, target, kind="visit", held_on=TODAY)
        assert (raised.value.code, raised.value.message) == (
            "not_found",
            Casework.APPLICANT_NOT_FOUND,
        )
    assert FollowUp.select().count() == 0


def test_new_follow_up_closes_the_appointments_it_answers(admin):
    pid, other = person(admin), person(admin, "زهرا")
    first = casework.add_follow_up(
        admin,
        pid,
        kind="counselling",
        held_on=TODAY - 30 * DAY,
        next_appointment=TODAY - 20 * DAY,
    )
    elsewhere = casework.add_follow_up(
        admin, other, kind="visit", held_on=TODAY - 30 * DAY, next_appointment=TODAY - 20 * DAY
    )
    before = seq()
    second = casework.add_follow_up(
        admin, pid, kind="phone_call", held_on=TODAY - 20 * DAY, next_appointment=TODAY - 5 * DAY
    )
    assert FollowUp.get_by_id(first.id).done
    assert not FollowUp.get_by_id(elsewhere.id).done  # another person's appointment
    assert last_logs(before)[:2] == [
        ("follow_up", first.id, "update", admin.user_id),
        ("follow_up", second.id, "create", admin.user_id),
    ]
    # Held before the open appointment: that appointment is still to come.
    casework.add_follow_up(admin, pid, kind="visit", held_on=TODAY - 10 * DAY)
    assert not FollowUp.get_by_id(second.id).done
    casework.add_follow_up(admin, pid, kind="visit", held_on=TODAY - 5 * DAY)
    assert FollowUp.get_by_id(second.id).done


def test_follow_ups_newest_first(admin):
    pid = person(admin)
    for days in (10, 30, 20):
        casework.add_follow_up(admin, pid, kind="visit", held_on=TODAY - days * DAY)
    casework.add_follow_up(admin, person(admin, "زهرا"), kind="visit", held_on=TODAY)
    assert [f.held_on for f in casework.follow_ups(admin, pid)] == [
        TODAY - 10 * DAY,
        TODAY - 20 * DAY,
        TODAY - 30 * DAY,
    ]


def test_due_follow_ups_order_dates_owner_and_deleted(admin):
    clerk = login_as(admin, "clerk1", "clerk")
    a, b, c, gone = (person(admin, name) for name in ("مریم", "زهرا", "سارا", "نرگس"))
    held = TODAY - 30 * DAY
    casework.add_follow_up(admin, a, kind="visit", held_on=held, next_appointment=TODAY)
    casework.add_follow_up(clerk, b, kind="visit", held_on=held, next_appointment=TODAY - 9 * DAY)
    casework.add_follow_up(admin, c, kind="visit", held_on=held, next_appointment=TODAY + 3 * DAY)
    casework.add_follow_up(admin, gone, kind="visit", held_on=held, next_appointment=TODAY - DAY)
    casework.add_follow_up(admin, a, kind="visit", held_on=held)  # no appointment: never due
    applicants.delete(admin, gone, "پروندهٔ تکراری")

    due = casework.due_follow_ups(admin)
    assert [(f.applicant_id, f.next_appointment) for f in due] == [
        (b, TODAY - 9 * DAY),
        (a, TODAY),
    ]
    assert due[0].created_by_name == "نام clerk1"
    assert [f.applicant_id for f in casework.due_follow_ups(admin, on_or_before=TODAY - DAY)] == [b]
    later = casework.due_follow_ups(admin, on_or_before=TODAY + 3 * DAY)
    assert [f.applicant_id for f in later] == [b, a, c]
    assert [f.applicant_id for f in casework.due_follow_ups(clerk, mine_only=True)] == [b]
    assert [f.applicant_id for f in casework.due_follow_ups(admin, mine_only=True)] == [a]
    casework.close_follow_up(admin, due[0].id)
    assert [f.applicant_id for f in casework.due_follow_ups(admin)] == [a]


def test_due_follow_ups_walk_the_next_appointment_index(admin, monkeypatch):
    # The query due_follow_ups sends, explained by SQLite: the range and the order both
    # come from the index on next_appointment.
    captured = []
    original = db.obj.execute_sql

    def spy(sql, params=None):
        if sql.startswith("SELECT") and '"next_appointment" <=' in sql:
            captured.append((sql, params))
        return original(sql, params)

    monkeypatch.setattr(db.obj, "execute_sql", spy)
    casework.due_follow_ups(admin, mine_only=True)
    monkeypatch.undo()
    ((sql, params),) = captured
    plan = " | ".join(row[-1] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX followup_next_appointment" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan


def test_close_follow_up(admin):
    pid = person(admin)
    record = casework.add_follow_up(
        admin, pid, kind="visit", held_on=TODAY, next_appointment=TODAY + DAY
    )
    before = seq()
    casework.close_follow_up(admin, record.id)
    assert casework.follow_ups(admin, pid)[0].done
    assert last_logs(before) == [("follow_up", record.id, "update", admin.user_id)]
    casework.close_follow_up(admin, record.id)  # already closed: nothing to log
    assert seq() == before + 1
    with pytest.raises(UserError) as raised:
        casework.close_follow_up(admin, str(uuid.uuid4()))
    assert raised.value.message == Casework.FOLLOW_UP_NOT_FOUND


# -- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["trainer", "shop"])
def test_trainers_and_shop_staff_cannot_write(admin, role):
    pid = person(admin)
    follow_up = casework.add_follow_up(admin, pid, kind="visit", held_on=TODAY)
    idea = casework.add_idea(admin, pid, title="نانوایی")
    outcome = casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY)
    session = login_as(admin, "someone", role)
    before = seq()
    writes = [
        lambda: casework.add_follow_up(session, pid, kind="visit", held_on=TODAY),
        lambda: casework.close_follow_up(session, follow_up.id),
        lambda: casework.add_idea(session, pid, title="نانوایی"),
        lambda: casework.update_idea(
            session, idea.id, title="x", field="", description="", capital=0, status="funded"
        ),
        lambda: casework.set_idea_status(session, idea.id, "funded"),
        lambda: casework.add_outcome(session, pid, kind="wage_job", started_on=TODAY),
        lambda: casework.verify_outcome(session, outcome.id),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert seq() == before


def test_trainers_read_and_shop_staff_do_not(admin):
    pid = person(admin)
    casework.add_follow_up(admin, pid, kind="visit", held_on=TODAY)
    trainer = login_as(admin, "trainer1", "trainer")
    shop = login_as(admin, "shop1", "shop")
    reads = [
        lambda s: casework.follow_ups(s, pid),
        lambda s: casework.due_follow_ups(s),
        lambda s: casework.ideas(s, pid),
        lambda s: casework.outcomes(s, pid),
        lambda s: casework.employment_by_partner(s),
        lambda s: casework.suggest_links(s, pid),
    ]
    assert len(reads[0](trainer)) == 1
    for read in reads:
        read(trainer)
        with pytest.raises(PermissionDenied):
            read(shop)


def test_only_the_admin_verifies_outcomes(admin):
    pid = person(admin)
    outcome = casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY)
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        casework.verify_outcome(clerk, outcome.id)
    before = seq()
    assert casework.verify_outcome(admin, outcome.id).verified
    assert last_logs(before) == [("outcome", outcome.id, "update", admin.user_id)]
    assert casework.verify_outcome(admin, outcome.id).verified  # unchanged: not logged
    assert seq() == before + 1
    assert not casework.verify_outcome(admin, outcome.id, verified=False).verified
    assert seq() == before + 2


# -- ideas -------------------------------------------------------------------------------


def test_add_idea_parses_capital_and_keeps_categories(admin):
    pid = person(admin, categories=["job_seeker"])
    before = seq()
    idea = casework.add_idea(
        admin,
        pid,
        title=" تولیدي  پوشاک ",
        field="خياطي",
        description="کارگاه کوچک",
        capital="۱۲٬۵۰۰٬۰۰۰",
    )
    assert (idea.title, idea.field, idea.capital_rials, idea.status) == (
        "تولیدی پوشاک",
        "خیاطی",
        12_500_000,
        "submitted",
    )
    assert last_logs(before) == [("idea", idea.id, "create", admin.user_id)]
    assert applicants.get(admin, pid).categories == ("job_seeker",)
    assert casework.add_idea(admin, pid, title="ب", capital="۵۰ تومان").capital_rials == 500
    assert casework.add_idea(admin, pid, title="ج", capital=7).capital_rials == 7
    assert casework.add_idea(admin, pid, title="د", capital="").capital_rials == 0
    assert [i.title for i in casework.ideas(admin, pid)] == ["د", "ج", "ب", "تولیدی پوشاک"]


@pytest.mark.parametrize(
    ("title", "capital", "errors"),
    [
        (
            "  ",
            "-۵۰۰",
            {"title": Casework.IDEA_TITLE_REQUIRED, "capital": Casework.CAPITAL_NEGATIVE},
        ),
        ("نانوایی", -1, {"capital": Casework.CAPITAL_NEGATIVE}),
        ("نانوایی", "پانصد", {"capital": "مبلغ را فقط با رقم بنویسید (بی اعشار و بی علامت منفی)."}),
        ("نانوایی", "1" + "0" * 16, {"capital": Casework.CAPITAL_TOO_LARGE}),
    ],
)
def test_idea_validation_writes_nothing(admin, title, capital, errors):
    pid = person(admin)
    before = seq()
    with pytest.raises(ValidationError) as raised:
        casework.add_idea(admin, pid, title=title, capital=capital)
    assert raised.value.errors == errors
    assert (Idea.select().count(), seq()) == (0, before)


def test_update_idea_and_status(admin):
    pid = person(admin)
    idea = casework.add_idea(admin, pid, title="نانوایی", capital=1000)
    before = seq()
    same = casework.update_idea(
        admin,
        idea.id,
        title="نانوایی",
        field="",
        description="",
        capital="1000",
        status="submitted",
    )
    assert same == idea and seq() == before  # nothing changed, nothing logged
    edited = casework.update_idea(
        admin,
        idea.id,
        title="نانوایی سنتی",
        field="غذا",
        description="",
        capital="۲۰۰۰",
        status="برگزیده",
    )
    assert (edited.title, edited.field, edited.capital_rials, edited.status) == (
        "نانوایی سنتی",
        "غذا",
        2000,
        "selected",
    )
    assert last_logs(before) == [("idea", idea.id, "update", admin.user_id)]
    assert casework.set_idea_status(admin, idea.id, "funded").status == "funded"
    assert Idea.get_by_id(idea.id).status == "funded"
    assert seq() == before + 2
    with pytest.raises(ValidationError) as raised:
        casework.update_idea(
            admin, idea.id, title="", field="", description="", capital="-1", status="done"
        )
    assert raised.value.errors == {
        "title": Casework.IDEA_TITLE_REQUIRED,
        "capital": Casework.CAPITAL_NEGATIVE,
        "status": Casework.IDEA_STATUS_UNKNOWN,
    }
    with pytest.raises(ValidationError) as raised:
        casework.set_idea_status(admin, idea.id, "done")
    assert raised.value.errors == {"status": Casework.IDEA_STATUS_UNKNOWN}
    with pytest.raises(UserError) as raised:
        casework.set_idea_status(admin, str(uuid.uuid4()), "funded")
    assert raised.value.message == Casework.IDEA_NOT_FOUND
    assert Idea.get_by_id(idea.id).title == "نانوایی سنتی" and seq() == before + 2


# -- outcomes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("wage_job", "employed"),
        ("self_employment", "self_employed"),
        ("home_business", "home_business"),
        ("cooperative", "self_employed"),
    ],
)
def test_outcome_moves_status(admin, kind, status):
    pid = person(admin)
    partner = Partner.get(Partner.short_name == "برکت")
    before = seq()
    outcome = casework.add_outcome(
        admin,
        pid,
        kind=kind,
        started_on=jalali(TODAY - 3 * DAY),
        employer=" كارگاه  نور ",
        partner_id=str(partner.id),
        notes="قرارداد یک‌ساله",
    )
    assert (outcome.kind, outcome.started_on, outcome.employer) == (
        kind,
        TODAY - 3 * DAY,
        "کارگاه نور",
    )
    assert (outcome.partner_id, outcome.partner_name, outcome.verified) == (
        str(partner.id),
        partner.name,
        False,
    )
    record = applicants.get(admin, pid)
    assert (record.status, record.status_changed_on) == (status, TODAY - 3 * DAY)
    entry = StatusChange.select().where(StatusChange.status == status).get()
    assert entry.note == Casework.OUTCOME_RECORDED.format(kind=OUTCOME_KIND_NAMES[kind])
    assert [(e, op) for e, _, op, _ in last_logs(before)] == [
        ("outcome", "create"),
        ("applicant", "update"),
        ("status_change", "create"),
    ]


def test_outcome_keeps_same_or_empowered_status(admin):
    pid = person(admin)
    casework.add_outcome(admin, pid, kind="self_employment", started_on=TODAY)
    before = seq()
    casework.add_outcome(admin, pid, kind="cooperative", started_on=TODAY)  # also self_employed
    assert [e for e, *_ in last_logs(before)] == ["outcome"]
    applicants.change_status(admin, pid, "empowered")
    before = seq()
    casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY)
    assert [e for e, *_ in last_logs(before)] == ["outcome"]
    assert applicants.get(admin, pid).status == "empowered"
    assert [o.kind for o in casework.outcomes(admin, pid)] == [
        "wage_job",
        "cooperative",
        "self_employment",
    ]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"kind": "job", "started_on": "", "partner_id": str(uuid.uuid4())},
            {
                "kind": Casework.OUTCOME_KIND_UNKNOWN,
                "started_on": Casework.REQUIRED,
                "partner_id": Casework.PARTNER_UNKNOWN,
            },
        ),
        (
            {"kind": "wage_job", "started_on": TODAY + DAY, "partner_id": "برکت"},
            {"started_on": Casework.DATE_IN_FUTURE, "partner_id": Casework.PARTNER_UNKNOWN},
        ),
        (
            {"kind": "wage_job", "started_on": "1405/12/31"},
            {"started_on": "اسفند سال ۱۴۰۵ ۲۹ روز دارد."},
        ),
    ],
)
def test_outcome_validation_writes_nothing(admin, fields, errors):
    pid = person(admin)
    before = seq()
    with pytest.raises(ValidationError) as raised:
        casework.add_outcome(admin, pid, **fields)
    assert raised.value.errors == errors
    assert (Outcome.select().count(), seq()) == (0, before)
    assert applicants.get(admin, pid).status == "registered"


def test_outcome_without_partner_and_deleted_partner_refused(admin):
    pid = person(admin)
    outcome = casework.add_outcome(
        admin, pid, kind="home_business", started_on=TODAY, partner_id="  "
    )
    assert (outcome.partner_id, outcome.partner_name) == (None, "")
    gone = Partner.get(Partner.short_name == "علوی")
    with writes.unlogged("reference data as HQ sends it"):
        Partner.update(deleted=True).where(Partner.id == gone.id).execute()
    with pytest.raises(ValidationError) as raised:
        casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY, partner_id=str(gone.id))
    assert raised.value.errors == {"partner_id": Casework.PARTNER_UNKNOWN}


def test_employment_by_partner(admin):
    barakat = Partner.get(Partner.short_name == "برکت")
    with writes.unlogged("reference data as HQ sends it"):
        Partner.update(employment_commitment=40).where(Partner.id == barakat.id).execute()
    a, b, gone = person(admin), person(admin, "زهرا"), person(admin, "نرگس")
    first = casework.add_outcome(
        admin, a, kind="wage_job", started_on=TODAY, partner_id=str(barakat.id)
    )
    casework.add_outcome(
        admin, b, kind="home_business", started_on=TODAY, partner_id=str(barakat.id)
    )
    casework.add_outcome(admin, gone, kind="wage_job", started_on=TODAY, partner_id=str(barakat.id))
    casework.add_outcome(admin, b, kind="cooperative", started_on=TODAY)
    casework.verify_outcome(admin, first.id)
    applicants.delete(admin, gone, "پروندهٔ تکراری")

    rows = casework.employment_by_partner(admin)
    by_name = {name: rest for name, *rest in rows}
    assert by_name[barakat.name] == [2, 1, 40]
    assert by_name[Partner.get(Partner.short_name == "علوی").name] == [0, 0, 0]
    assert rows[-1] == (Casework.NO_PARTNER, 1, 0, 0)
    assert len(rows) == Partner.select().count() + 1
    names = [name for name, *_ in rows[:-1]]
    assert (
        names.index("بنیاد برکت")
        < names.index("جهاد دانشگاهی")
        < names.index("کمیتهٔ امداد امام خمینی")
    )


# -- linking -----------------------------------------------------------------------------


@pytest.fixture
def network(admin):
    """An idea holder and the people around her."""
    ids = {
        "holder": person(admin, "مریم", categories=["idea_holder"], skills=["خیاطی"], district=5),
        "investor": person(
            admin, "زهرا", categories=["investor"], skills=["خیاطی", "بازاریابی"], district=5
        ),
        "designer": person(
            admin, "سارا", categories=["skilled_no_capital"], field="طراحی پوشاک", district=7
        ),
        "seeker": person(admin, "نرگس", categories=["job_seeker"], skills=["خیاط"], district=2),
        "electrician": person(admin, "رضا", categories=["job_seeker"], skills=["برق ساختمان"]),
        "other_holder": person(
            admin, "لیلا", categories=["idea_holder"], skills=["خیاطی"], district=3
        ),
        "seasonal": person(admin, "حسن", categories=["seasonal_worker"], skills=["خیاطی"]),
        "gone": person(
            admin, "مینا", categories=["investor", "idea_holder"], skills=["خیاطی پوشاک تولیدی"]
        ),
    }
    casework.add_idea(admin, ids["holder"], title="تولیدی پوشاک بانوان", field="خیاطی")
    casework.add_idea(admin, ids["gone"], title="تولیدی پوشاک")
    applicants.delete(admin, ids["gone"], "پروندهٔ تکراری")
    withdrawn = casework.add_idea(admin, ids["other_holder"], title="بازاریابی پوشاک")
    with writes.unlogged("a change that came in a sync file"):
        Idea.update(deleted=True).where(Idea.id == withdrawn.id).execute()
    return ids


def test_idea_holder_is_offered_investors_and_skilled_people(admin, network):
    links = casework.suggest_links(admin, network["holder"])
    assert [(s.applicant.id, s.kind, s.score, s.reasons) for s in links] == [
        (
            network["investor"],
            "investor",
            2,
            (
                LinkReasons.SKILL_SHARED.format(text="خیاطی"),
                LinkReasons.SAME_DISTRICT.format(district="منطقهٔ ۵"),
            ),
        ),
        (
            network["designer"],
            "skilled",
            1,
            (LinkReasons.FIELD_RELATED.format(text="طراحی پوشاک"),),
        ),
        (
            network["seeker"],
            "skilled",
            1,
            (LinkReasons.SKILL_SHARED.format(text="خیاط"),),
        ),
    ]
    assert links[0].applicant.full_name == "زهرا احمدی"


def test_investor_is_offered_idea_holders(admin, network):
    links = casework.suggest_links(admin, network["investor"])
    assert [(s.applicant.id, s.kind, s.score) for s in links] == [
        (network["holder"], "idea_holder", 2),
        (network["other_holder"], "idea_holder", 1),
    ]
    assert links[0].reasons == (
        LinkReasons.SKILL_SHARED.format(text="خیاطی"),
        LinkReasons.IDEA_RELATED.format(text="تولیدی پوشاک بانوان"),
        LinkReasons.SAME_DISTRICT.format(district="منطقهٔ ۵"),
    )


def test_skilled_person_finds_idea_holder_through_the_idea_alone(admin, network):
    links = casework.suggest_links(admin, network["designer"])
    assert [(s.applicant.id, s.reasons) for s in links] == [
        (network["holder"], (LinkReasons.IDEA_RELATED.format(text="تولیدی پوشاک بانوان"),)),
    ]


def test_no_links_without_shared_words_or_matching_category(admin, network):
    assert casework.suggest_links(admin, network["electrician"]) == []
    assert casework.suggest_links(admin, network["seasonal"]) == []  # not a linking category
    with pytest.raises(UserError):
        casework.suggest_links(admin, network["gone"])


def test_never_suggests_oneself_and_limit(admin, network):
    both = person(admin, "پری", categories=["idea_holder", "investor"], skills=["خیاطی"])
    casework.add_idea(admin, both, title="خیاطی")  # she matches herself every way
    links = casework.suggest_links(admin, both)
    ids = [s.applicant.id for s in links]
    assert both not in ids
    assert set(ids) == {
        network["investor"],
        network["seeker"],
        network["holder"],
        network["other_holder"],
    }
    assert len(casework.suggest_links(admin, both, limit=2)) == 2


def test_link_words_drop_stop_words_short_words_and_suffixes():
    assert casework.link_words("تولید و فروش در بازار با کیفیت ۱۴۰۵") == {
        "تولید",
        "فروش",
        "بازار",
        "کیفیت",
    }
    assert casework.link_words("خیاطی‌ها، آشپزی") == {"خیاط", "آشپز"}
    assert casework.link_words("آموزش خیاطی برای بانوان بدون سرمایه") == {
        "آموزش",
        "خیاط",
        "بانوان",
        "سرمایه",
    }
    assert casework.link_words("خياطي") == casework.link_words("خیاطی")  # Arabic letters
    assert casework.link_words("گل") == set()


def test_reads_write_nothing(admin, network):
    before = (seq(), Applicant.select().count())
    casework.suggest_links(admin, network["holder"])
    casework.due_follow_ups(admin)
    casework.employment_by_partner(admin)
    assert (seq(), Applicant.select().count()) == before


@pytest.fixture
def one_of_each(admin):
    """A file with a follow-up (its appointment due today), an idea and an outcome:
    (applicant id, follow-up, idea, outcome)."""
    pid = person(admin)
    follow_up = casework.add_follow_up(
        admin, pid, kind="visit", held_on=TODAY - DAY, next_appointment=TODAY
    )
    idea = casework.add_idea(admin, pid, title="نانوایی")
    outcome = casework.add_outcome(admin, pid, kind="wage_job", started_on=TODAY)
    return pid, follow_up, idea, outcome


def test_soft_deleted_rows_are_hidden(admin, one_of_each):
    pid, follow_up, idea, outcome = one_of_each
    partner = Partner.get(Partner.short_name == "علوی")
    for model, row_id in (
        (FollowUp, follow_up.id),
        (Idea, idea.id),
        (Outcome, outcome.id),
        (Partner, partner.id),
    ):
        with writes.unlogged("a change that came in a sync file"):
            model.update(deleted=True).where(model.id == row_id).execute()
    assert casework.follow_ups(admin, pid) == []
    assert casework.due_follow_ups(admin) == []
    assert casework.ideas(admin, pid) == []
    assert casework.outcomes(admin, pid) == []
    rows = casework.employment_by_partner(admin)
    assert partner.name not in [name for name, *_ in rows]
    assert Casework.NO_PARTNER not in [name for name, *_ in rows]
    with pytest.raises(UserError):
        casework.close_follow_up(admin, follow_up.id)
    with pytest.raises(UserError):
        casework.set_idea_status(admin, idea.id, "funded")
    with pytest.raises(UserError):
        casework.verify_outcome(admin, outcome.id)


# -- the write path ----------------------------------------------------------------------


def logged(since):
    """(entity, entity_id, operation, data) of the casework change-log rows after `since`."""
    return [
        (log.entity, log.entity_id, log.operation, json.loads(log.data))
        for log in ChangeLog.select().where(ChangeLog.seq > since).order_by(ChangeLog.seq)
        if log.entity in ("follow_up", "idea", "outcome")
    ]


def test_every_casework_write_is_logged_with_the_row_after_it(admin):
    pid = person(admin)
    partner = Partner.get(Partner.short_name == "برکت")
    before = seq()
    first = casework.add_follow_up(
        admin, pid, kind="visit", held_on=TODAY - 3 * DAY, next_appointment=TODAY - DAY
    )
    second = casework.add_follow_up(  # keeps the first one's appointment: closes it
        admin, pid, kind="phone_call", held_on=TODAY - DAY, next_appointment=TODAY + DAY
    )
    casework.close_follow_up(admin, second.id)
    idea = casework.add_idea(admin, pid, title="نانوایی", capital=1000)
    casework.update_idea(
        admin, idea.id, title="نانوایی سنتی", field="", description="", capital=1000,
        status="submitted",
    )  # fmt: skip
    casework.set_idea_status(admin, idea.id, "funded")
    outcome = casework.add_outcome(
        admin, pid, kind="wage_job", started_on=TODAY, partner_id=str(partner.id)
    )
    casework.verify_outcome(admin, outcome.id)

    entries = logged(before)
    assert [(entity, key, operation) for entity, key, operation, _ in entries] == [
        ("follow_up", first.id, "create"),
        ("follow_up", first.id, "update"),
        ("follow_up", second.id, "create"),
        ("follow_up", second.id, "update"),
        ("idea", idea.id, "create"),
        ("idea", idea.id, "update"),
        ("idea", idea.id, "update"),
        ("outcome", outcome.id, "create"),
        ("outcome", outcome.id, "update"),
    ]
    # Each entry holds the row as it was after that change…
    assert [data["done"] for entity, _, _, data in entries if entity == "follow_up"] == [
        False,
        True,
        False,
        True,
    ]
    assert [(data["title"], data["status"]) for entity, _, _, data in entries[4:7]] == [
        ("نانوایی", "submitted"),
        ("نانوایی سنتی", "submitted"),
        ("نانوایی سنتی", "funded"),
    ]
    assert [data["verified"] for *_, data in entries[7:]] == [False, True]
    # …and the last entry of each row is the row as stored, field by field.
    last = {(entity, key): data for entity, key, _, data in entries}
    for model, key in (
        (FollowUp, first.id),
        (FollowUp, second.id),
        (Idea, idea.id),
        (Outcome, outcome.id),
    ):
        assert last[(model._meta.table_name, key)] == model.get_by_id(key).sync_row()


def test_writes_that_change_nothing_log_nothing(admin, one_of_each):
    _, follow_up, idea, outcome = one_of_each
    casework.close_follow_up(admin, follow_up.id)
    before = seq()
    casework.close_follow_up(admin, follow_up.id)
    casework.set_idea_status(admin, idea.id, "submitted")
    casework.verify_outcome(admin, outcome.id, verified=False)
    assert seq() == before


# -- the shape of the package -------------------------------------------------------------

CASEWORK = Path(casework.__file__).parent
PERSIAN = re.compile("[\u0600-\u06ff\u200c]")


def test_casework_services_hold_no_persian_text():
    # What a person reads lives in desktop/strings/casework.py, with the words the
    # linking compares (stop words, endings).
    found = [
        f"{path.name}:{number}"
        for path in sorted(CASEWORK.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PERSIAN.search(line)
    ]
    assert found == []


def test_casework_modules_and_functions_stay_a_size_a_person_can_hold():
    too_long = []
    for path in sorted(CASEWORK.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 300:
            too_long.append(path.name)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{path.name}:{node.name}")
    assert too_long == []
