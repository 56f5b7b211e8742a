"""The reports' figures against a small history written out here, each figure worked
out by hand in the comments (no Tk). The same tests run on PostgreSQL with
`--backend=postgres`: the same expectations, so the two backends agree.

The period is the first half of 1405: 1405/01/01 (2026-03-21) … 1405/06/31
(2026-09-22). Jalali months: Farvardin 03-21…04-20, Ordibehesht 04-21…05-21,
Khordad 05-22…06-21, Tir 06-22…07-22, Mordad 07-23…08-22, Shahrivar 08-23…09-22.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import PermissionDenied, UserError
from desktop.models import (
    Applicant,
    Certificate,
    Course,
    Enrollment,
    FollowUp,
    Outcome,
    StatusChange,
    db,
    writes,
)
from desktop.services.reports import STAGES, Scope, build_report
from desktop.services.session import Session
from tests.helpers.people import login_as
from tests.helpers.reports import END, START, TODAY, D, History, write_history


@pytest.fixture
def history(admin: Session) -> dict[str, Any]:
    return write_history(admin)


def report(session: Session, kind: str, **scope: Any) -> Any:
    return build_report(session, kind, START, END, today=TODAY, **scope)


def rows(result: Any, key: str | None = None, *fields: str) -> list[tuple[Any, ...]]:
    table = result.table(key)
    return [tuple(row[f] for f in fields) for row in table.rows]


# -- the funnel ----------------------------------------------------------------------


def test_funnel_counts_each_stage_reached_or_passed(admin, history):
    result = report(admin, "funnel")
    # Furthest stage by 1405/06/31: P1 empowered (5), P2 trained (2: enrolled, failed),
    # P3 counselled (1: employed only after the period), P4 certified (3: no counselling,
    # counted as counselled), P5 trained (2: its certificate revoked), P9 employed (4:
    # by its status alone).
    assert rows(result, None, "stage", "count", "percent_of_previous", "percent_of_registered") == [
        ("registered", 6, None, 100.0),
        ("counselled", 6, 100.0, 100.0),
        ("trained", 5, 83.3, 83.3),
        ("certified", 3, 60.0, 50.0),
        ("employed", 2, 66.7, 33.3),
        ("empowered", 1, 50.0, 16.7),
    ]


def test_funnel_medians_are_days_between_consecutive_stages(admin, history):
    result = report(admin, "funnel")
    # registered→counselled: P1 10, P2 10, P3 4 → 10; counselled→trained: P1 20, P2 20;
    # trained→certified: P1 31, P4 19 → 25; certified→employed: P1 30; → empowered: P1 31.
    assert rows(result, None, "median_days") == [
        (None,),
        (10.0,),
        (20.0,),
        (25.0,),
        (30.0,),
        (31.0,),
    ]


def test_funnel_breakdowns(admin, history):
    result = report(admin, "funnel")
    stages = ("registered", "counselled", "trained", "certified", "employed", "empowered")
    assert rows(result, "by_district", "district", *stages) == [
        (3, 3, 3, 3, 1, 1, 1),  # P1 P2 P5
        (4, 2, 2, 1, 1, 0, 0),  # P3 P4
        (5, 1, 1, 1, 1, 1, 0),  # P9
    ]
    assert rows(result, "by_gender", "gender", *stages) == [
        ("female", 4, 4, 3, 3, 2, 1),
        ("male", 2, 2, 2, 0, 0, 0),
    ]
    assert rows(result, "by_category", "category", *stages) == [
        ("job_seeker", 3, 3, 3, 2, 1, 1),  # P1 P4 P5
        ("idea_holder", 1, 1, 1, 0, 0, 0),  # P2
        ("entrepreneur", 1, 1, 1, 0, 0, 0),  # P2 again: a person has several
        ("skilled_no_capital", 1, 1, 1, 1, 1, 0),  # P9
        ("seasonal_worker", 1, 1, 0, 0, 0, 0),  # P3
    ]
    # Ages on 2026-09-22: P2 66, P9 51, P1 36, P5 41, P4 21, P3 unknown.
    assert rows(result, "by_age_band", "age_band", *stages) == [
        ("55_plus", 1, 1, 1, 0, 0, 0),
        ("45_54", 1, 1, 1, 1, 1, 0),
        ("35_44", 2, 2, 2, 1, 1, 1),
        ("under_25", 1, 1, 1, 1, 0, 0),
        ("unknown", 1, 1, 0, 0, 0, 0),
    ]
    assert rows(result, "by_education", "education", *stages) == [
        ("primary", 1, 1, 1, 1, 1, 0),
        ("diploma", 2, 2, 2, 2, 1, 1),
        ("bachelor", 1, 1, 1, 0, 0, 0),
        ("master", 1, 1, 1, 0, 0, 0),
        ("", 1, 1, 0, 0, 0, 0),
    ]
    # Outcomes that started by the period's end: P1's wage job (P5's came after it).
    assert rows(result, "by_outcome", "kind", "count") == [
        ("wage_job", 1),
        ("self_employment", 0),
        ("home_business", 0),
        ("cooperative", 0),
    ]
    # Appointments before 1405/06/31 not kept: P3's (P1's was kept; P8's file is deleted).
    assert rows(result, "figures", "figure", "value") == [("overdue_follow_ups", 1)]


def test_funnel_by_district_scope(admin, history):
    result = report(admin, "funnel", district=4)
    assert rows(result, None, "count") == [(2,), (2,), (1,), (1,), (0,), (0,)]
    assert rows(result, "figures", "value") == [(1,)]  # P3's appointment, district 4
    assert rows(report(admin, "funnel", district=3), "figures", "value") == [(0,)]


def test_funnel_json_rows_are_stage_and_count_in_order(admin, history):
    main = list(report(admin, "funnel").table().json_rows())
    assert [(row["stage"], row["count"]) for row in main] == list(
        zip(STAGES, (6, 6, 5, 3, 2, 1), strict=True)
    )
    by_gender = list(report(admin, "funnel").table("by_gender").json_rows())
    assert by_gender[:2] == [
        {"gender": "female", "label": "زن", "stage": "registered", "count": 4},
        {"gender": "female", "label": "زن", "stage": "counselled", "count": 4},
    ]


# -- commitments -----------------------------------------------------------------------


def test_commitments_against_outcomes_credited(admin, history):
    result = report(admin, "commitments")
    # a: P1 (07-01) and P6 (04-15; registered before the period: outcomes count by their
    # own date); P8's is a deleted file's. b: P10's cooperative (P5's came after the
    # period, P10's second is deleted). No partner: P10's wage job.
    # Expected by the period's end: 186 of 365 days → a 5.1, b 2.0, c 1.0.
    assert rows(
        result, None, "partner", "commitment", "achieved", "percent", "expected", "behind"
    ) == [
        ("بنیاد برکت", 4, 1, 25.0, 2.0, True),
        ("جهاد دانشگاهی", 2, 0, 0.0, 1.0, True),
        ("سازمان آموزش فنی و حرفه‌ای کشور", 10, 2, 20.0, 5.1, True),
        ("بدون نهاد همکار", 0, 1, None, 0.0, False),
    ]
    assert rows(result, "by_district", "partner", "district", "achieved") == [
        ("بنیاد برکت", 3, 1),
        ("سازمان آموزش فنی و حرفه‌ای کشور", 3, 1),
        ("سازمان آموزش فنی و حرفه‌ای کشور", 6, 1),
        ("بدون نهاد همکار", 3, 1),
    ]
    assert rows(result, "by_month", "partner", "month", "achieved") == [
        ("بنیاد برکت", "1405-02", 1),
        ("سازمان آموزش فنی و حرفه‌ای کشور", "1405-01", 1),
        ("سازمان آموزش فنی و حرفه‌ای کشور", "1405-04", 1),
        ("بدون نهاد همکار", "1405-03", 1),
    ]


def test_over_a_hundred_percent_shows_as_it_is(admin, history):
    # Over the whole year 1405 a commitment of 1 met twice is 200 %.
    History(admin).commit("سازمان آموزش فنی و حرفه‌ای کشور", 1)
    result = build_report(admin, "commitments", START, D(2027, 3, 20), today=TODAY)
    assert rows(result, None, "achieved", "percent")[2] == (2, 200.0)


# -- ideas -------------------------------------------------------------------------------


def test_ideas_received_and_how_far_they_went(admin, history):
    result = report(admin, "ideas")
    # Received in the period: P1's, P2's two, P9's, P6's (the deleted idea, the deleted
    # file's and the one after the period do not count).
    assert rows(result, None, "stage", "count", "percent_of_received") == [
        ("received", 5, 100.0),
        ("screened", 4, 80.0),
        ("selected", 3, 60.0),
        ("funded", 2, 40.0),
        ("launched", 1, 20.0),
    ]
    stages = ("received", "screened", "selected", "funded", "launched")
    assert rows(result, "by_field", "field", *stages) == [
        ("خدمات", 2, 2, 1, 1, 0),
        ("صنایع دستی", 2, 1, 1, 0, 0),
        ("", 1, 1, 1, 1, 1),
    ]
    assert rows(result, "by_category", "category", *stages) == [
        ("job_seeker", 2, 1, 0, 0, 0),  # P1's, P6's
        ("idea_holder", 2, 2, 2, 1, 0),
        ("entrepreneur", 2, 2, 2, 1, 0),
        ("skilled_no_capital", 1, 1, 1, 1, 1),
    ]
    assert rows(result, "by_month", "month", *stages) == [
        ("1405-01", 3, 2, 1, 0, 0),
        ("1405-02", 1, 1, 1, 1, 0),
        ("1405-04", 1, 1, 1, 1, 1),
    ]


# -- courses -------------------------------------------------------------------------------


def test_courses_per_partner_field_and_trainer(admin, history):
    result = report(admin, "courses")
    figures = (
        "courses",
        "cancelled",
        "capacity",
        "enrolled",
        "capacity_used",
        "completed",
        "failed",
        "withdrawn",
        "completion_rate",
        "failure_rate",
        "certificates",
        "revoked",
    )
    # K1: P1 completed, P2 failed, P6 withdrew (P3 waitlisted: not enrolled); K3
    # cancelled. K2: P4 and P5 completed, P9 enrolled; P5's certificate revoked.
    assert rows(result, None, "label", *figures) == [
        ("سازمان آموزش فنی و حرفه‌ای کشور", 1, 1, 10, 3, 30.0, 1, 1, 1, 33.3, 33.3, 1, 0),
        ("بدون نهاد همکار", 1, 0, 8, 3, 37.5, 2, 0, 0, 66.7, 0.0, 2, 1),
    ]
    assert rows(result, "by_field", "field", *figures) == [
        ("آشپزی", 0, 1, 0, 0, None, 0, 0, 0, None, None, 0, 0),
        ("خیاطی", 2, 0, 18, 6, 33.3, 3, 1, 1, 50.0, 16.7, 3, 1),
    ]
    assert rows(result, "by_trainer", "label", "courses", "cancelled", "enrolled") == [
        ("زهرا کریمی", 1, 1, 3),
        ("سمیه موسوی", 1, 0, 3),
    ]


# -- sales -------------------------------------------------------------------------------


def test_sales_per_shop_producer_category_and_month(admin, history):
    result = report(admin, "sales")
    money = ("sales", "quantity", "amount", "returns", "returns_rate", "net")
    # SA1 (S1: 2 × 500,000 and 200,000 − 20,000), SA2 (S1: 3 × 200,000, one returned
    # for 200,000), SA3 (S2: 800,000); SA4 voided, SA5 after the period.
    assert rows(result, None, "shop", *money) == [
        ("S1", 2, 6, 1_780_000, 200_000, 11.2, 1_580_000),
        ("S2", 1, 1, 800_000, 0, 0.0, 800_000),
    ]
    # R1 at 10 %: 1,800,000 → 180,000; R2 at 12.5 % of 780,000 − 200,000 → 72,500.
    lines = ("lines", *money[1:])  # a producer's: the sale lines of their goods
    assert rows(result, "by_producer", "producer", *lines, "commission", "earnings", "paid") == [
        ("TEH05-P-0001", 2, 3, 1_800_000, 0, 0.0, 1_800_000, 180_000, 1_620_000, 1_500_000),
        ("TEH05-P-0002", 2, 4, 780_000, 200_000, 25.6, 580_000, 72_500, 507_500, 0),
    ]
    assert rows(result, "by_category", "category", *lines) == [
        ("پوشاک", 2, 3, 1_800_000, 0, 0.0, 1_800_000),
        ("خوراکی", 2, 4, 780_000, 200_000, 25.6, 580_000),
    ]
    assert rows(result, "by_month", "month", "sales", "amount", "returns") == [
        ("1405-01", 1, 1_180_000, 0),
        ("1405-02", 1, 600_000, 200_000),
        ("1405-03", 1, 800_000, 0),
    ]
    assert rows(result, "top_products", "barcode", "lines", "quantity", "amount") == [
        ("111", 1, 2, 1_000_000),
        ("333", 1, 1, 800_000),
        ("222", 2, 4, 780_000),
    ]


# -- who sees what ----------------------------------------------------------------------


def test_roles(admin, history):
    trainer = login_as(admin, "trainer9", "trainer")
    assert report(trainer, "courses").tables
    for kind in ("funnel", "commitments", "ideas", "sales"):
        with pytest.raises(PermissionDenied):
            report(trainer, kind)
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        report(clerk, "sales")


def test_bad_scope_is_refused_with_a_reason(admin, history):
    with pytest.raises(UserError) as reversed_:
        build_report(admin, "funnel", END, START)
    assert reversed_.value.code == "period_reversed"
    with pytest.raises(UserError) as other:
        report(admin, "funnel", center="TEH06")
    assert other.value.code == "other_center"
    with pytest.raises(UserError) as district:
        report(admin, "courses", district=3)
    assert district.value.code == "no_district"
    with pytest.raises(UserError) as table:
        report(admin, "ideas").table("by_planet")
    assert table.value.code == "no_such_table"


def test_json_rows_are_plain_values(admin, history):
    for kind in ("funnel", "commitments", "ideas", "courses", "sales"):
        for table in report(admin, kind).tables:
            for row in table.json_rows():
                json.dumps(row)  # nothing but numbers, text, booleans and null


# -- the funnel never widens ---------------------------------------------------------------

EVENTS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=200),  # registered, days into 2026
        st.sampled_from(
            [
                "registered",
                "counselling",
                "in_training",
                "trained",
                "employed",
                "self_employed",
                "home_business",
                "empowered",
            ]
        ),
        st.lists(
            st.tuples(
                st.sampled_from(["follow_up", "enrol", "certify", "outcome"]),
                st.integers(min_value=-30, max_value=300),
            ),
            max_size=4,
        ),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(EVENTS)
def test_funnel_stages_never_increase(admin, people):
    h = History(admin)
    with db.atomic():
        for table in (Certificate, Enrollment, Course, Outcome, FollowUp, StatusChange, Applicant):
            with writes.unlogged("clearing the previous example's rows"):
                table.delete().execute()
    courses = iter(range(1, 1000))

    def course() -> Any:  # one a course: a person enrols in a course once
        return h.course(
            next(courses),
            partner=None,
            field="",
            trainer=admin.user_id,
            capacity=99,
            starts=D(2026, 1, 1),
            ends=D(2026, 12, 1),
        )

    base = D(2026, 1, 1)
    for registered, status, events in people:
        day = base + dt.timedelta(days=registered)
        person = h.person("X", day, status=status, status_on=day)
        for kind, offset in events:
            when = day + dt.timedelta(days=offset)
            if kind == "follow_up":
                h.follow_up(person, "counselling", when)
            elif kind == "enrol":
                h.enrol(course(), person, "completed", when)
            elif kind == "certify":
                taken = course()
                h.certificate(h.enrol(taken, person, "completed", when), taken, when)
            else:
                h.outcome(person, "wage_job", when)
    result = build_report(admin, "funnel", base, D(2026, 9, 1), today=TODAY)
    counts = [row["count"] for row in result.table().rows]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == sum(1 for r, _, _ in people if r <= (D(2026, 9, 1) - base).days)
    for table in result.tables[1:]:
        for row in table.rows:
            if "registered" in row:
                figures = [row[stage] for stage in STAGES]
                assert figures == sorted(figures, reverse=True)


def test_the_funnel_follows_every_change(admin, history):
    """The derived table of people is made again after any write: a new outcome moves
    P3 (counselled) to employed at once."""
    from desktop.services import casework

    p3 = history["people"][2]
    assert rows(report(admin, "funnel"), None, "count")[4] == (2,)
    casework.add_outcome(admin, str(p3.id), kind="home_business", started_on=D(2026, 9, 1))
    assert rows(report(admin, "funnel"), None, "count")[4] == (3,)


def _funnel_tables(session: Session, **scope: Any) -> list[list[dict[str, Any]]]:
    return [table.rows for table in report(session, "funnel", **scope).tables]


@pytest.mark.parametrize("scope", [{}, {"district": 4}])
def test_the_funnel_reads_the_same_from_many_small_blocks(admin, history, monkeypatch, scope):
    """The people by the column (services/reports/cohort.py) in blocks of two: each
    block's own codes for genders and education levels merged into one vocabulary, a
    period that starts and ends inside a block — the same funnel as from one block."""
    from desktop.models import ReportCohortBlock
    from desktop.services.reports import cohort, derived

    whole = _funnel_tables(admin, **scope)
    assert ReportCohortBlock.select().count() == 1
    monkeypatch.setattr(cohort, "BLOCK", 2)
    derived.invalidate()
    assert _funnel_tables(admin, **scope) == whole
    assert ReportCohortBlock.select().count() >= 3


def test_the_blocks_are_made_when_missing(admin, history):
    """A database whose people were made before the blocks existed (the version it was
    made from unchanged): the next report makes them rather than count nobody."""
    from desktop.models import ReportCohortBlock

    whole = _funnel_tables(admin)
    with db.atomic():
        ReportCohortBlock.delete().execute()
    assert _funnel_tables(admin) == whole


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (START, END),  # six whole months: all from the monthly summaries
        (D(2026, 4, 3), D(2026, 6, 1)),  # partial months at both ends
        (D(2026, 5, 11), D(2026, 5, 12)),  # two days inside one month
    ],
)
def test_sales_from_monthly_summaries_equal_sales_from_the_lines(admin, history, start, end):
    """Whole months come from the summaries, partial ones from the lines: the same
    figures either way."""
    sales = importlib.import_module("desktop.services.reports.sales")
    scope = Scope(start, end, None, admin.center_code)
    from_lines = sales._Facts(scope, "", summaries=False)
    summed = sales._Facts(scope, "")
    assert dict(summed.sold) == dict(from_lines.sold) and from_lines.sold
    assert dict(summed.monthly) == dict(from_lines.monthly)
    assert dict(summed.sales) == dict(from_lines.sales)
