"""Replay equals state: the contract the sync file rests on.

A hypothesis state machine runs random sequences of service calls — register, edit,
change status, delete, follow-ups, ideas, outcomes, courses, enrolment, attendance,
scores, finishing a course, partner bodies' results sheets, certificates, revocation,
users, settings — then replays
the change log alone into an empty database (holding only what every center holds:
the reference data HQ owns) and compares every synced table with the original, row by
row and field by field. Every call a person's mistake refuses (UserError) must leave
the change log as it was: nothing half-written.

Every feature that writes synced data adds its calls here (shops included).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, multiple, rule

from desktop.errors import UserError
from desktop.models import (
    SYNCED_MODELS,
    Applicant,
    Center,
    ChangeLog,
    Producer,
    Product,
    Shop,
    db,
)
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import (
    applicants,
    casework,
    certificates,
    course_changes,
    courses,
    enrollment,
    partner_results,
    reference,
    users,
)
from desktop.services import (
    settings as app_settings,
)
from desktop.services.applicant_io import Table
from desktop.services.commitments import set_commitment
from desktop.services.courses import CourseInput
from desktop.services.shops import closing, producers, products, settlement, shops, stock
from desktop.services.shops import returns as shop_returns
from desktop.services.shops import sales as shop_sales
from desktop.services.shops.products import ProductFields
from desktop.services.shops.sales import CartLine, Payment
from desktop.sync.replay import replay
from tests.factories import applicant_input, set_up_center
from tests.helpers.shop import valid_iban

TODAY = dt.date.today()
FIRST_NAMES = ["زهرا", "علی", "مریم", "حسین", "نرگس‌سادات"]
STATUSES = ["counselling", "in_training", "trained", "employed", "empowered", "registered"]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every synced table, as the change log carries rows (local-only columns out)."""
    return {
        model._meta.table_name: [row.sync_row() for row in model.select().order_by(model.id)]
        for model in SYNCED_MODELS
    }


def empty_database() -> None:
    """A fresh, migrated database on the backend under test (see `on_the_backend`)."""
    close_database()
    if _postgres is None:
        open_database(":memory:")
    else:
        _postgres.empty()
        open_database(_postgres.url)


_postgres: Any = None  # the session's PostgreSQL databases on --backend=postgres


@pytest.fixture(autouse=True)
def on_the_backend(postgres_databases: Any) -> Any:
    """The state machine runs as a unittest case, outside fixtures' reach: hand it the
    backend under test through the module."""
    global _postgres
    _postgres = postgres_databases
    yield
    _postgres = None
    close_database()
    if postgres_databases is not None:  # leave the session's database empty, as found
        postgres_databases.empty()


def replayed(entries: list[ChangeLog], city: str) -> dict[str, list]:
    """The tables an empty database holds after the entries alone are applied to it."""
    empty_database()
    reference.seed_reference_data(city)  # what HQ provisions everywhere
    with db.atomic():
        replay(entries)
    return snapshot()


class CenterAtWork(RuleBasedStateMachine):
    people = Bundle("people")
    follow_ups = Bundle("follow_ups")
    ideas = Bundle("ideas")
    outcomes = Bundle("outcomes")
    course_ids = Bundle("courses")
    enrolled = Bundle("enrolled")
    issued = Bundle("certificates")
    staff = Bundle("staff")
    shop_items = Bundle("shop_items")
    sales = Bundle("sales")

    def __init__(self) -> None:
        super().__init__()
        empty_database()
        self.admin = set_up_center()
        self.trainer = users.add_user(
            self.admin, username="trainer1", display_name="مربی نمونه", role="trainer",
            password="trainer-pass-1",
        ).id  # fmt: skip
        self.partners = [pid for pid, _ in reference.partners(self.admin)]
        self.refused = 0
        self.done = 0
        self.shops = 0

    def call(self, action: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a service call; a refusal must leave the change log untouched."""
        before = ChangeLog.last_seq(self.admin.center_code)
        try:
            result = action(self.admin, *args, **kwargs)
        except UserError:
            assert ChangeLog.last_seq(self.admin.center_code) == before
            self.refused += 1
            return None
        self.done += 1
        return result

    # -- the registry ------------------------------------------------------------------

    @rule(target=people, first=st.sampled_from(FIRST_NAMES))
    def register(self, first: str) -> Any:
        data = applicant_input(first_name=first)
        record = self.call(applicants.register, data, confirm_near_duplicate=True)
        return record.id if record else None

    @rule(person=people, first=st.sampled_from(FIRST_NAMES), notes=st.text(max_size=20))
    def edit(self, person: str | None, first: str, notes: str) -> None:
        if person is None:
            return
        record = applicants.get(self.admin, person)
        data = applicants.to_input(record)
        data = type(data)(**{**vars(data), "first_name": first, "notes": notes})
        self.call(applicants.update, person, data, confirm_near_duplicate=True)

    @rule(person=people, status=st.sampled_from(STATUSES), days=st.integers(0, 30))
    def change_status(self, person: str | None, status: str, days: int) -> None:
        if person is not None:
            self.call(applicants.change_status, person, status, on=TODAY + dt.timedelta(days))

    @rule(person=consumes(people))
    def delete(self, person: str | None) -> None:
        if person is not None:
            self.call(applicants.delete, person, "ثبت تکراری")

    # -- casework ----------------------------------------------------------------------

    @rule(target=follow_ups, person=people, kind=st.sampled_from(["counselling", "visit", "x"]),
          days=st.none() | st.integers(-3, 30))  # fmt: skip
    def follow_up(self, person: str | None, kind: str, days: int | None) -> Any:
        if person is None:
            return None
        record = self.call(
            casework.add_follow_up, person, kind=kind, held_on=TODAY, notes="گفت‌وگو",
            next_appointment=None if days is None else TODAY + dt.timedelta(days),
        )  # fmt: skip
        return record.id if record else None

    @rule(follow_up=follow_ups)
    def close_follow_up(self, follow_up: str | None) -> None:
        if follow_up is not None:
            self.call(casework.close_follow_up, follow_up)

    @rule(target=ideas, person=people, capital=st.sampled_from(["0", "5000000", "-1", "x"]))
    def idea(self, person: str | None, capital: str) -> Any:
        if person is None:
            return None
        record = self.call(casework.add_idea, person, title="نان خانگی", capital=capital)
        return record.id if record else None

    @rule(idea=ideas, status=st.sampled_from(["shortlisted", "selected", "funded", "nope"]))
    def idea_status(self, idea: str | None, status: str) -> None:
        if idea is not None:
            self.call(casework.set_idea_status, idea, status)

    @rule(target=outcomes, person=people, kind=st.sampled_from(["wage_job", "home_business"]),
          partner=st.integers(0, 3))  # fmt: skip
    def outcome(self, person: str | None, kind: str, partner: int) -> Any:
        if person is None:
            return None
        partner_id = self.partners[partner] if partner < len(self.partners) else None
        record = self.call(
            casework.add_outcome, person, kind=kind, started_on=TODAY, employer="کارگاه",
            partner_id=partner_id,
        )  # fmt: skip
        return record.id if record else None

    @rule(outcome=outcomes, verified=st.booleans())
    def verify(self, outcome: str | None, verified: bool) -> None:
        if outcome is not None:
            self.call(casework.verify_outcome, outcome, verified)

    @rule(partner=st.integers(0, 3), year=st.sampled_from(["1405", "1406", "13"]),
          jobs=st.sampled_from(["12", "0", "-1"]))  # fmt: skip
    def commitment(self, partner: int, year: str, jobs: str) -> None:
        if partner < len(self.partners):
            self.call(set_commitment, self.partners[partner], year, jobs)

    # -- courses -----------------------------------------------------------------------

    @rule(target=course_ids, capacity=st.integers(1, 3), partner=st.integers(0, 3))
    def course(self, capacity: int, partner: int) -> Any:
        data = CourseInput(
            title="خیاطی مقدماتی", field="پوشاک", trainer_id=self.trainer,
            partner_id=self.partners[partner] if partner < len(self.partners) else "",
            hours="12", capacity=str(capacity), starts_on=TODAY - dt.timedelta(6),
            ends_on=TODAY, weekdays="0,2,4", status="running",
        )  # fmt: skip
        record = self.call(courses.create_course, data)
        return record.id if record else None

    @rule(target=enrolled, course=course_ids, person=people)
    def enroll(self, course: str | None, person: str | None) -> Any:
        if course is None or person is None:
            return None
        record = self.call(enrollment.enroll, course, person)
        return record.id if record else None

    @rule(row=consumes(enrolled))
    def withdraw(self, row: str | None) -> None:
        if row is not None:
            self.call(enrollment.withdraw, row, "جابه‌جایی")

    @rule(course=course_ids, mark=st.sampled_from(["present", "absent", "excused", None]))
    def attendance(self, course: str | None, mark: str | None) -> None:
        if course is None:
            return
        rows = [e.enrollment.id for e in enrollment.course_detail(self.admin, course).enrollees]
        for meeting in courses.course_sessions(self.admin, course)[:2]:
            self.call(enrollment.mark_attendance, meeting.id, dict.fromkeys(rows, mark))

    @rule(row=enrolled, score=st.sampled_from(["12", "75", "", "x"]))
    def score(self, row: str | None, score: str) -> None:
        if row is not None:
            self.call(enrollment.set_score, row, score)

    @rule(course=course_ids)
    def finish(self, course: str | None) -> None:
        if course is not None:
            self.call(course_changes.set_course_status, course, "finished")

    @rule(course=course_ids, person=people, result=st.sampled_from(["passed", "failed", "x"]),
          percent=st.sampled_from(["95", "50", ""]))  # fmt: skip
    def partner_sheet(
        self, course: str | None, person: str | None, result: str, percent: str
    ) -> None:
        """A partner body's results sheet of one row: enrolls, records, finishes."""
        if course is None or person is None:
            return
        code = Applicant.get_by_id(person).national_code
        table = Table(["national_code", "result", "attendance_percent"], [[code, result, percent]])
        mapping = partner_results.guess_columns(table.headers)
        self.call(partner_results.import_results, course, table, mapping)

    @rule(target=issued, course=course_ids)
    def certify(self, course: str | None) -> Any:
        if course is None:
            return None
        records = self.call(certificates.issue_course_certificates, course)
        return records[0].id if records else None

    @rule(certificate=consumes(issued))
    def revoke(self, certificate: str | None) -> None:
        if certificate is not None:
            self.call(certificates.revoke_certificate, certificate, "خطای نام")

    # -- users and settings ------------------------------------------------------------

    @rule(target=staff, role=st.sampled_from(["clerk", "trainer", "shop"]))
    def add_user(self, role: str) -> Any:
        name = f"user{len(users.list_users(self.admin))}"
        record = self.call(
            users.add_user, username=name, display_name="کارمند مرکز", role=role,
            password="user-pass-12",
        )  # fmt: skip
        return record.id if record else None

    @rule(user=staff, active=st.booleans(), name=st.sampled_from(["سارا رضایی", "ab", ""]))
    def change_user(self, user: str | None, active: bool, name: str) -> None:
        if user is None:
            return
        self.call(users.set_active, user, active)
        self.call(users.set_display_name, user, name)
        self.call(users.reset_password, user, "new-pass-123", "new-pass-123")

    @rule(name=st.sampled_from(["مهدی کاظمی", "", "x1"]), unit=st.sampled_from(["toman", "?"]))
    def save_settings(self, name: str, unit: str) -> None:
        self.call(app_settings.save_settings, {"manager_name": name, "money_unit": unit})

    # -- the shops -----------------------------------------------------------------------

    @rule(
        target=shop_items, stock=st.integers(0, 5), commission=st.sampled_from(["12.5", "0", "x"])
    )
    def open_shop(self, stock: int, commission: str) -> Any:
        """A shop (the first, or another) with a producer and two products."""
        self.shops += 1
        code = f"S{self.shops}"
        if self.call(shops.add_shop, code, f"فروشگاه {code}") is None:
            return multiple()
        owner = self.call(applicants.register, applicant_input(), confirm_near_duplicate=True)
        if owner is None:
            return multiple()
        producer = self.call(
            producers.add_producer, national_code=owner.national_code,
            business_name="کارگاه خانگی", iban=valid_iban(self.shops), commission=commission,
            shop=code,
        )  # fmt: skip
        if producer is None:
            return multiple()
        made = [
            self.call(
                products.add_product,
                ProductFields(f"کالای {n}", producer.code, 10_000 * n + 7, "عدد"),
                stock=stock,
            )
            for n in (1, 2)
        ]
        return multiple(*[(producer.shop_id, producer.id, p.id, p.barcode) for p in made if p])

    @rule(target=sales, item=shop_items, quantity=st.integers(0, 3), discount=st.integers(0, 9),
          card=st.booleans(), override=st.booleans())  # fmt: skip
    def sell(self, item: Any, quantity: int, discount: int, card: bool, override: bool) -> Any:
        shop_id, _, product_id, _ = item
        price = Product.get_by_id(product_id).price
        total = max(price * quantity - discount, 0)
        pay = [Payment("card", total, "778899")] if card and total else []
        pay.append(Payment("cash", total - (total if pay else 0) + 1000))
        sale = self.call(
            shop_sales.sell, shop_id, [CartLine(product_id, quantity, discount)], pay,
            override_reason="شمارش نشده" if override else "",
        )  # fmt: skip
        return sale.number if sale else multiple()

    @rule(sale=consumes(sales), reason=st.sampled_from(["اشتباه", "اشتباه", ""]))
    def void(self, sale: str, reason: str) -> None:
        self.call(shop_returns.void_sale, sale, reason)

    @rule(sale=sales, quantity=st.integers(1, 2))
    def give_back(self, sale: str, quantity: int) -> None:
        record = self.call(shop_sales.get_sale, sale)
        if record and record.lines:
            self.call(shop_returns.return_items, sale, [(record.lines[0].barcode, quantity)])

    @rule(item=shop_items, quantity=st.integers(-2, 4), receive=st.booleans())
    def stock_move(self, item: Any, quantity: int, receive: bool) -> None:
        _, producer_id, product_id, _ = item
        if receive:
            self.call(stock.receive_stock, producer_id, [(product_id, quantity)])
        else:
            self.call(stock.adjust_stock, product_id, quantity, "شمارش")

    @rule(item=shop_items, price=st.sampled_from(["25000", "0", "۳۰٬۰۰۰"]))
    def reprice(self, item: Any, price: str) -> None:
        _, producer_id, product_id, _ = item
        code = Producer.get_by_id(producer_id).code
        self.call(
            products.update_product, product_id, ProductFields("کالای نو", code, price, "بسته")
        )

    @rule(item=shop_items, counted=st.sampled_from(["0", "1000", "x"]))
    def close_the_day(self, item: Any, counted: str) -> None:
        shop_id = item[0]
        code = Shop.get_by_id(shop_id).code
        self.call(closing.close_day, shop=code, counted_cash=counted, note="شمارش")

    @rule(item=shop_items)
    def pay_producer(self, item: Any) -> None:
        self.call(
            settlement.record_payment, item[1], TODAY, TODAY, paid_on=TODAY,
            bank_reference="ب-۱۲۳", today=TODAY + dt.timedelta(days=1),
        )  # fmt: skip

    # -- the contract ------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            original = snapshot()
            center = Center.local()
            assert center is not None
            entries = list(ChangeLog.select().order_by(ChangeLog.center_code, ChangeLog.seq))
            seqs = [entry.seq for entry in entries]
            assert seqs == list(range(1, len(seqs) + 1))  # no gaps, no repeats
            # Each product's running stock level is the sum of its moves.
            levels = {str(p.id): p.stock for p in Product.select()}
            with db.atomic():
                Product.rebuild_stock()
            assert {str(p.id): p.stock for p in Product.select()} == levels
            close_database()
            assert replayed(entries, center.city) == original
        finally:
            close_database()


CenterAtWork.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_replay_of_the_change_log_equals_the_tables = CenterAtWork.TestCase


@pytest.mark.parametrize("entity", [model._meta.table_name for model in SYNCED_MODELS])
def test_every_synced_table_is_known_to_replay(entity):
    from desktop.sync.replay import synced_models

    assert entity in synced_models()
