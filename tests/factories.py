"""Test data shared by the service and GUI tests: valid national codes and applicants.

One counter for the whole test run, so no two tests (or files) ever make the same code.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from desktop.services import applicants, auth
from desktop.services.applicants import ApplicantInput
from desktop.services.identity import national_code_check_digit
from desktop.services.session import Session
from desktop.services.setup import initialise_center

_serial = itertools.count(100_000_001)


def national_code() -> str:
    """A fresh valid national code (never ten equal digits)."""
    first_nine = f"{next(_serial):09d}"
    return first_nine + str(national_code_check_digit(first_nine))


def applicant_input(**changes: Any) -> ApplicantInput:
    """A valid form, as typed, with `changes` applied."""
    values: dict[str, Any] = {
        "first_name": "زهرا",
        "last_name": "احمدی",
        "father_name": "علی",
        "national_code": national_code(),
        "gender": "female",
        "birth_date": "1370/05/12",
        "mobile": "09121234567",
        "district": "5",
        "categories": ["job_seeker"],
    }
    values.update(changes)
    return ApplicantInput(**values)


def register(session: Session, **changes: Any) -> str:
    """Register a valid applicant (near-duplicates confirmed); returns its id."""
    record = applicants.register(session, applicant_input(**changes), confirm_near_duplicate=True)
    return record.id


def set_up_center(password: str = "admin-pass-1", center_code: str = "TEH05") -> Session:
    """Center TEH05 (or `center_code`) in the open database, and its administrator
    logged in."""
    initialise_center(
        center_code=center_code,
        center_name="مرکز خدمات اجتماعی منطقهٔ ۵",
        admin_username="admin",
        admin_display_name="مدیر مرکز",
        password=password,
    )
    return auth.login("admin", password)


# -- a small center with something on every page -------------------------------------

SEED_PASSWORD = "12345678"
# Long names, with ZWNJ: a column or a label too narrow for them shows it.
LONG_NAME = {"first_name": "محمدعلی‌رضا", "last_name": "میرزایی‌نژاد حسینی‌پور"}


@dataclass(frozen=True)
class SeededCenter:
    """What `seed_center` made: one user of each role and the records the pages open."""

    users: dict[str, str]  # role → user name (password SEED_PASSWORD)
    applicant_id: str  # a file with something in every tab
    course_id: str  # a finished course with certificates issued
    certificate_serial: str
    product_ids: tuple[str, ...] = ()  # the shop's (shop1 works there)


def seed_center(admin: Session, applicants_count: int = 12) -> SeededCenter:
    """A small center: users of every role, a dozen applicants (one with a long name and
    a history: follow-ups, an idea, an outcome), and a finished course whose enrollees
    got their certificates. Small on purpose: GUI tests open every page over it."""
    import datetime as dt

    from desktop.models.reference_data import partner_id
    from desktop.services import casework, certificates, course_changes, courses, enrollment, users
    from desktop.services.courses import CourseInput

    names = {}
    for role in ("clerk", "trainer", "shop"):
        username = f"{role}1"
        users.add_user(
            admin, username=username, display_name=f"کاربر {role}", role=role,
            password=SEED_PASSWORD,
        )  # fmt: skip
        names[role] = username
    names["admin"] = admin.username
    trainer_id = next(u.id for u in users.list_users(admin) if u.username == "trainer1")
    today = dt.date.today()
    main = register(admin, **LONG_NAME)
    people = [main] + [register(admin) for _ in range(applicants_count - 1)]
    casework.add_follow_up(
        admin, main, kind="counselling", held_on=today - dt.timedelta(3),
        notes="گفت‌وگو دربارهٔ کارگاه خیاطی خانگی و وام قرض‌الحسنه", next_appointment=today,
    )  # fmt: skip
    casework.add_idea(
        admin, main, title="تولید پوشاک کودک در خانه", field="پوشاک", capital="50000000"
    )
    course = courses.create_course(
        admin,
        CourseInput(
            title="خیاطی مقدماتی برای کسب‌وکارهای خانگی", field="پوشاک", trainer_id=trainer_id,
            partner_id=str(partner_id("tvto")), hours="40", capacity="4",
            starts_on=today - dt.timedelta(9), ends_on=today,
            weekdays="0,1,2,3,4,5,6", time_text="۹ تا ۱۲", location="کارگاه مرکز",
            status="running",
        ),
    )  # fmt: skip
    enrolled = [enrollment.enroll(admin, course.id, person).id for person in people[:3]]
    for meeting in courses.course_sessions(admin, course.id):
        enrollment.mark_attendance(admin, meeting.id, dict.fromkeys(enrolled, "present"))
    course_changes.set_course_status(admin, course.id, "finished")
    issued = certificates.issue_course_certificates(admin, course.id)
    product_ids = seed_shop(admin, main)
    return SeededCenter(names, main, course.id, issued[0].serial, product_ids)


def seed_shop(admin: Session, producer_applicant: str) -> tuple[str, ...]:
    """A shop where shop1 works, the long-named applicant its producer (their file shows
    their sales), two products with long names and a sale."""
    from desktop.models import Applicant, User
    from desktop.services.shops import producers, products, sales, shops
    from desktop.services.shops.products import ProductFields

    shop = shops.add_shop(admin, "S1", "فروشگاه محصولات خانگی منطقهٔ پنج", receipt_footer="سپاس")
    shop_user = User.get(User.username == "shop1")
    shops.assign_staff(admin, str(shop_user.id), shop.id, supervisor=True)
    producer = producers.add_producer(
        admin,
        national_code=Applicant.get_by_id(producer_applicant).national_code,
        business_name="کارگاه خانگی پوشاک کودک میرزایی‌نژاد",
        iban="IR820540102680020817909002",
        commission="12.5",
        shop=shop.code,
    )
    ids = tuple(
        products.add_product(
            admin,
            ProductFields(name, producer.code, price, "عدد", "پوشاک"),
            stock=10,
        ).id
        for name, price in (
            ("پیراهن بافتنی دست‌دوز کودک با نقش گل", 1_250_000),
            ("کلاه پشمی", 450_000),
        )
    )
    sales.sell(admin, shop.id, [sales.CartLine(ids[0], 2)], [sales.Payment("cash", 2_500_000)])
    return ids
