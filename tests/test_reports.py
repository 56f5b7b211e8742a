"""The reports' figures against a small history written out here, each figure worked
out by hand in the comments (no Tk). The same tests run on PostgreSQL with
`--backend=postgres`: the same expectations, so the two backends agree.

The period is the first half of 1405: 1405/01/01 (2026-03-21) … 1405/06/31
(2026-09-22). Jalali months: Farvardin 03-21…04-20, Ordibehesht 04-21…05-21,
Khordad 05-22…06-21, Tir 06-22…07-22, Mordad 07-23…08-22, Shahrivar 08-23…09-22.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import PermissionDenied, UserError
from desktop.models import (
    Applicant,
    Category,
    Certificate,
    Course,
    Enrollment,
    FollowUp,
    Idea,
    Outcome,
    Partner,
    StatusChange,
    db,
    writes,
)
from desktop.models.applicant import category_flags
from desktop.models.shop import (
    Producer,
    Product,
    ReturnLine,
    Sale,
    SaleLine,
    SaleReturn,
    Settlement,
    Shop,
)
from desktop.services.reports import STAGES, build_report
from desktop.services.session import Session
from tests.helpers.people import login_as

START, END = dt.date(2026, 3, 21), dt.date(2026, 9, 22)
TODAY = dt.date(2026, 12, 1)  # the reports' "today": after the period
D = dt.date


def at_noon(day: dt.date) -> dt.datetime:
    """A stored (UTC) time in the middle of `day`: the same local day in Iran and here."""
    return dt.datetime.combine(day, dt.time(9, 0))


class History:
    """Rows written through the write path, as the services would leave them."""

    def __init__(self, admin: Session):
        self.admin = admin
        self.serial = 0

    def add(self, model: Any, **fields: Any) -> Any:
        with db.atomic():
            return writes.insert(model(center_code=self.admin.center_code, **fields), self.admin)

    def person(
        self,
        name: str,
        registered: dt.date,
        *,
        district: int = 3,
        gender: str = "female",
        born: dt.date | None = None,
        education: str = "",
        categories: tuple[str, ...] = ("job_seeker",),
        status: str = "registered",
        status_on: dt.date | None = None,
        deleted: bool = False,
    ) -> Any:
        self.serial += 1
        return self.add(
            Applicant,
            number=self.serial,
            file_number=f"TEH05-{self.serial:06d}",
            national_code=f"{self.serial:010d}",
            first_name=name,
            last_name="احمدی",
            gender=gender,
            birth_date=born,
            district=district,
            education_level=education,
            categories=";".join(categories),
            category_flags=category_flags([Category(c) for c in categories]),
            status=status,
            status_changed_on=status_on,
            registered_on=registered,
            deleted=deleted,
        )

    def commit(self, partner: str, jobs: int) -> Any:
        """The seeded partner body `partner`, its yearly commitment set to `jobs`."""
        row = Partner.get(Partner.name == partner)
        row.employment_commitment = jobs
        with db.atomic():
            return writes.update(row, self.admin)

    def status(self, person: Any, status: str, on: dt.date) -> None:
        self.add(StatusChange, applicant=person.id, status=status, changed_on=on)

    def follow_up(
        self,
        person: Any,
        kind: str,
        held: dt.date,
        *,
        next_on: dt.date | None = None,
        done: bool = False,
    ) -> None:
        self.add(
            FollowUp,
            applicant=person.id,
            kind=kind,
            held_on=held,
            next_appointment=next_on,
            done=done,
        )

    def course(
        self,
        number: int,
        *,
        partner: Any,
        field: str,
        trainer: str,
        capacity: int,
        starts: dt.date,
        ends: dt.date,
        status: str = "finished",
    ) -> Any:
        return self.add(
            Course,
            number=number,
            code=f"TEH05-C-{number:04d}",
            title=f"دوره {number}",
            field=field,
            partner=partner,
            trainer=trainer,
            hours=40,
            capacity=capacity,
            starts_on=starts,
            ends_on=ends,
            weekdays="0,2",
            status=status,
        )

    def enrol(self, course: Any, person: Any, status: str, on: dt.date) -> Any:
        return self.add(
            Enrollment, course=course.id, applicant=person.id, status=status, enrolled_on=on
        )

    def certificate(
        self, enrollment: Any, course: Any, issued: dt.date, *, revoked: bool = False
    ) -> None:
        self.serial += 1
        self.add(
            Certificate,
            enrollment=enrollment.id,
            course=course.id,
            year=1405,
            number=self.serial,
            serial=f"TEH05-1405-{self.serial:06d}",
            code=f"K{self.serial:07d}",
            issued_on=issued,
            full_name="مریم احمدی",
            national_code="0000000000",
            course_title=course.title,
            hours=40,
            starts_on=course.starts_on,
            ends_on=course.ends_on,
            center_name="مرکز",
            signature="x",
            revoked=revoked,
        )

    def outcome(
        self,
        person: Any,
        kind: str,
        started: dt.date,
        partner: Any = None,
        *,
        deleted: bool = False,
    ) -> None:
        self.add(
            Outcome,
            applicant=person.id,
            kind=kind,
            started_on=started,
            partner=partner,
            deleted=deleted,
        )

    def idea(
        self, person: Any, field: str, status: str, created: dt.date, *, deleted: bool = False
    ) -> None:
        self.add(
            Idea,
            applicant=person.id,
            title="ایده",
            field=field,
            status=status,
            created_at=at_noon(created),
            deleted=deleted,
        )


@pytest.fixture
def history(admin: Session) -> dict[str, Any]:
    """The period's people, partner bodies, courses, ideas and shop sales."""
    h = History(admin)
    a, b, c = (
        h.commit("سازمان آموزش فنی و حرفه‌ای کشور", 10),
        h.commit("بنیاد برکت", 4),
        h.commit("جهاد دانشگاهی", 2),
    )  # the rest of the seeded bodies promised nothing and got nothing: not listed

    # Registered in the period (the funnel's cohort): P1 P2 P3 P4 P5 P9.
    p1 = h.person(
        "P1",
        D(2026, 4, 1),
        district=3,
        born=D(1990, 5, 1),
        education="diploma",
        status="empowered",
        status_on=D(2026, 8, 1),
    )
    h.follow_up(p1, "counselling", D(2026, 4, 11), next_on=D(2026, 4, 20), done=True)
    h.status(p1, "empowered", D(2026, 8, 1))
    h.outcome(p1, "wage_job", D(2026, 7, 1), a)

    p2 = h.person(
        "P2",
        D(2026, 4, 10),
        district=3,
        gender="male",
        born=D(1960, 1, 1),
        education="bachelor",
        categories=("idea_holder", "entrepreneur"),
        status="in_training",
        status_on=D(2026, 5, 10),
    )
    h.status(p2, "counselling", D(2026, 4, 20))  # counselled by a status step alone
    h.status(p2, "in_training", D(2026, 5, 10))

    p3 = h.person(
        "P3",
        D(2026, 5, 1),
        district=4,
        categories=("seasonal_worker",),
        status="employed",
        status_on=D(2026, 10, 1),
    )
    h.follow_up(p3, "counselling", D(2026, 5, 5), next_on=D(2026, 5, 20))  # overdue
    h.status(p3, "counselling", D(2026, 5, 5))
    h.status(p3, "employed", D(2026, 10, 1))  # after the period: not counted

    p4 = h.person(
        "P4",
        D(2026, 5, 15),
        district=4,
        born=D(2005, 1, 1),
        education="diploma",
        status="trained",
        status_on=D(2026, 6, 20),
    )

    p5 = h.person(
        "P5",
        D(2026, 6, 1),
        district=3,
        gender="male",
        born=D(1985, 6, 1),
        education="master",
        status="in_training",
        status_on=D(2026, 6, 10),
    )
    h.outcome(p5, "self_employment", D(2026, 12, 1), b)  # after the period

    p9 = h.person(
        "P9",
        D(2026, 7, 1),
        district=5,
        born=D(1975, 1, 1),
        education="primary",
        categories=("skilled_no_capital",),
        status="home_business",
        status_on=D(2026, 8, 15),
    )

    # Not in the cohort: registered before (P6, P10) or after (P7) the period, deleted (P8).
    p6 = h.person("P6", D(2026, 3, 1), district=6)
    h.outcome(p6, "wage_job", D(2026, 4, 15), a)
    p7 = h.person("P7", D(2026, 9, 30))
    p8 = h.person("P8", D(2026, 4, 5), deleted=True)
    h.follow_up(p8, "counselling", D(2026, 4, 6), next_on=D(2026, 4, 7))
    h.outcome(p8, "wage_job", D(2026, 5, 1), a)
    p10 = h.person("P10", D(2025, 12, 1), district=3)
    h.outcome(p10, "cooperative", D(2026, 5, 5), b)
    h.outcome(p10, "wage_job", D(2026, 6, 6))  # credited to no partner body
    h.outcome(p10, "wage_job", D(2026, 6, 7), b, deleted=True)

    # Courses: K1 (a) and K3 (a, cancelled) with trainer t1; K2 (no partner) with t2;
    # K4 before the period.
    t1 = login_as(admin, "trainer1", "trainer", "زهرا کریمی").user_id
    t2 = login_as(admin, "trainer2", "trainer", "سمیه موسوی").user_id
    k1 = h.course(
        1,
        partner=a,
        field="خیاطی",
        trainer=t1,
        capacity=10,
        starts=D(2026, 4, 1),
        ends=D(2026, 5, 30),
    )
    k2 = h.course(
        2,
        partner=None,
        field="خیاطی",
        trainer=t2,
        capacity=8,
        starts=D(2026, 6, 1),
        ends=D(2026, 7, 30),
        status="running",
    )
    h.course(
        3,
        partner=a,
        field="آشپزی",
        trainer=t1,
        capacity=12,
        starts=D(2026, 5, 1),
        ends=D(2026, 5, 20),
        status="cancelled",
    )
    k4 = h.course(
        4,
        partner=b,
        field="خیاطی",
        trainer=t2,
        capacity=5,
        starts=D(2025, 1, 1),
        ends=D(2025, 2, 1),
    )
    e = h.enrol(k1, p1, "completed", D(2026, 5, 1))
    h.certificate(e, k1, D(2026, 6, 1))
    h.enrol(k1, p2, "failed", D(2026, 5, 10))
    h.enrol(k1, p3, "waitlisted", D(2026, 5, 10))
    h.enrol(k1, p6, "withdrawn", D(2026, 4, 2))
    e = h.enrol(k2, p4, "completed", D(2026, 6, 1))
    h.certificate(e, k2, D(2026, 6, 20))
    e = h.enrol(k2, p5, "completed", D(2026, 6, 10))
    h.certificate(e, k2, D(2026, 6, 15), revoked=True)
    h.enrol(k2, p9, "enrolled", D(2026, 7, 2))
    h.enrol(k4, p10, "completed", D(2025, 1, 1))

    # Ideas (received when recorded).
    h.idea(p1, "صنایع دستی", "submitted", D(2026, 4, 2))
    h.idea(p2, "صنایع دستی", "selected", D(2026, 4, 3))
    h.idea(p2, "خدمات", "funded", D(2026, 5, 10))
    h.idea(p9, "", "launched", D(2026, 7, 5))
    h.idea(p6, "خدمات", "shortlisted", D(2026, 3, 25))
    h.idea(p1, "خدمات", "funded", D(2026, 4, 4), deleted=True)
    h.idea(p8, "خدمات", "funded", D(2026, 4, 4))  # a deleted file's
    h.idea(p7, "خدمات", "submitted", D(2026, 10, 1))  # after the period

    # Shops: S1 and S2; producers R1 (P1, 10 %) and R2 (P9, 12.5 %).
    s1 = h.add(Shop, code="S1", name="فروشگاه یک")
    s2 = h.add(Shop, code="S2", name="فروشگاه دو")
    r1 = h.add(
        Producer,
        number=1,
        code="TEH05-P-0001",
        applicant=p1.id,
        shop=s1.id,
        business_name="خیاطی مریم",
        commission_bp=1000,
    )
    r2 = h.add(
        Producer,
        number=2,
        code="TEH05-P-0002",
        applicant=p9.id,
        shop=s1.id,
        business_name="ترشی خانگی",
        commission_bp=1250,
    )
    x1 = h.add(
        Product,
        shop=s1.id,
        producer=r1.id,
        barcode="111",
        name="روسری",
        search_key="روسری",
        category="پوشاک",
        unit="عدد",
        price=500_000,
    )
    x2 = h.add(
        Product,
        shop=s1.id,
        producer=r2.id,
        barcode="222",
        name="ترشی",
        search_key="ترشی",
        category="خوراکی",
        unit="شیشه",
        price=200_000,
    )
    x3 = h.add(
        Product,
        shop=s2.id,
        producer=r1.id,
        barcode="333",
        name="شال",
        search_key="شال",
        category="پوشاک",
        unit="عدد",
        price=800_000,
    )
    sales: dict[str, Any] = {}

    def sale(
        key: str,
        shop: Any,
        day: dt.date,
        lines: list[tuple[Any, Any, int, int, int, int]],
        status: str = "sold",
    ) -> None:
        total = sum(q * price - off for _, _, q, price, off, _ in lines)
        number = len(sales) + 1
        row = h.add(
            Sale,
            shop=shop.id,
            sequence=number,
            number=f"TEH05-S-{number:06d}",
            sold_by=admin.user_id,
            sold_at=at_noon(day),
            total=total,
            status=status,
        )
        sales[key] = [row]
        for position, (product, producer, q, price, off, bp) in enumerate(lines, 1):
            sales[key].append(
                h.add(
                    SaleLine,
                    sale=row.id,
                    position=position,
                    product=product.id,
                    producer=producer.id,
                    barcode=product.barcode,
                    name=product.name,
                    quantity=q,
                    unit_price=price,
                    discount=off,
                    line_total=q * price - off,
                    commission_bp=bp,
                )
            )

    sale(
        "sa1",
        s1,
        D(2026, 4, 5),
        [(x1, r1, 2, 500_000, 0, 1000), (x2, r2, 1, 200_000, 20_000, 1250)],
    )
    sale("sa2", s1, D(2026, 5, 10), [(x2, r2, 3, 200_000, 0, 1250)])
    sale("sa3", s2, D(2026, 6, 1), [(x3, r1, 1, 800_000, 0, 1000)])
    sale("sa4", s1, D(2026, 6, 2), [(x1, r1, 5, 500_000, 0, 1000)], status="voided")
    sale("sa5", s1, D(2026, 10, 1), [(x1, r1, 1, 500_000, 0, 1000)])
    back = h.add(
        SaleReturn,
        sale=sales["sa2"][0].id,
        shop=s1.id,
        sequence=1,
        number="TEH05-S1-R-000001",
        returned_by=admin.user_id,
        returned_at=at_noon(D(2026, 5, 12)),
        refund=200_000,
    )
    h.add(ReturnLine, sale_return=back.id, sale_line=sales["sa2"][1].id, quantity=1, refund=200_000)
    for producer, paid, due in ((r1, D(2026, 6, 30), 1_500_000), (r2, D(2026, 11, 1), 99)):
        h.add(
            Settlement,
            producer=producer.id,
            period_from=D(2026, 4, 1),
            period_to=D(2026, 6, 29),
            gross=due,
            returns=0,
            commission=0,
            due=due,
            paid_on=paid,
            bank_reference="r",
            recorded_by=admin.user_id,
        )
    return {"partners": (a, b, c), "shops": (s1, s2)}


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
    assert rows(result, "by_producer", "producer", *money, "commission", "earnings", "paid") == [
        ("TEH05-P-0001", 2, 3, 1_800_000, 0, 0.0, 1_800_000, 180_000, 1_620_000, 1_500_000),
        ("TEH05-P-0002", 2, 4, 780_000, 200_000, 25.6, 580_000, 72_500, 507_500, 0),
    ]
    assert rows(result, "by_category", "category", *money) == [
        ("پوشاک", 2, 3, 1_800_000, 0, 0.0, 1_800_000),
        ("خوراکی", 2, 4, 780_000, 200_000, 25.6, 580_000),
    ]
    assert rows(result, "by_month", "month", "sales", "amount", "returns") == [
        ("1405-01", 1, 1_180_000, 0),
        ("1405-02", 1, 600_000, 200_000),
        ("1405-03", 1, 800_000, 0),
        ("1405-04", 0, 0, 0),
        ("1405-05", 0, 0, 0),
        ("1405-06", 0, 0, 0),
    ]
    assert rows(result, "top_products", "barcode", "sales", "quantity", "amount") == [
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
