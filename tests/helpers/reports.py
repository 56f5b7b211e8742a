"""A small history of a center, every row written out, for the reports' tests: the
figures each report should give for it are worked out by hand in tests/test_reports.py.

The period is the first half of 1405: 1405/01/01 (2026-03-21) … 1405/06/31
(2026-09-22). Jalali months: Farvardin 03-21…04-20, Ordibehesht 04-21…05-21,
Khordad 05-22…06-21, Tir 06-22…07-22, Mordad 07-23…08-22, Shahrivar 08-23…09-22.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from desktop.services.commitments import set_commitment
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

    def commit(self, partner: str, jobs: int, year: int = 1405) -> Any:
        """The seeded partner body `partner`, having promised this center `jobs` for
        `year`, as its administrator enters it."""
        row = Partner.get(Partner.name == partner)
        set_commitment(self.admin, str(row.id), year, jobs)
        return row

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


def write_history(admin: Session) -> dict[str, Any]:
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
    return {"partners": (a, b, c), "shops": (s1, s2), "people": (p1, p2, p3, p4, p5, p9)}
