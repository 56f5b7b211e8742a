"""Producers: home businesses that sell through a shop, each linked to an applicant.

A producer is found and linked by the applicant's national code (the registry's own
key); their sales show on the applicant's file as income evidence
(`producer_income`), and can be credited as a home-business outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from desktop.errors import UserError
from desktop.models import (
    Applicant,
    OutcomeKind,
    Producer,
    Role,
    Sale,
    SaleLine,
    SaleStatus,
    Shop,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services.casework.outcome import add_outcome
from desktop.services.identity import clean_national_code
from desktop.services.records import audit, fk, live
from desktop.services.session import Session
from desktop.services.shops.access import check_shop, require_shop_role, shop_for
from desktop.services.shops.identifiers import clean_iban, clean_reference
from desktop.services.shops.money import parse_percent, percent_text
from desktop.services.validation import Collector, clean_name
from desktop.strings.shops import Producers as Messages
from desktop.text.jalali import jalali_parts, local_time
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class ProducerRecord:
    id: str
    code: str
    business_name: str
    owner_name: str
    national_code: str
    applicant_id: str
    shop_id: str
    shop_code: str
    categories: str
    permit_number: str
    iban: str
    commission_bp: int
    active: bool

    @property
    def commission_percent(self) -> str:
        return percent_text(self.commission_bp)


def producer_record(producer: Producer, applicant: Applicant, shop: Shop) -> ProducerRecord:
    return ProducerRecord(
        id=str(producer.id),
        code=producer.code,
        business_name=producer.business_name,
        owner_name=applicant.full_name,
        national_code=applicant.national_code,
        applicant_id=str(applicant.id),
        shop_id=str(shop.id),
        shop_code=shop.code,
        categories=producer.categories,
        permit_number=producer.permit_number,
        iban=producer.iban,
        commission_bp=producer.commission_bp,
        active=producer.active,
    )


def _clean(
    errors: Collector,
    business_name: str,
    iban: str,
    commission: str | int,
) -> tuple[str, str, int]:
    name = clean_name(
        business_name, errors, "business_name", required=Messages.BUSINESS_NAME_REQUIRED
    )
    iban_text, problem = clean_iban(iban)
    if problem:
        errors.add("iban", Messages.IBAN_FORMAT if problem == "format" else Messages.IBAN_CHECK)
    basis_points = parse_percent(commission)
    if basis_points is None:
        errors.add("commission", Messages.COMMISSION_FORMAT)
    return name, iban_text, basis_points or 0


def add_producer(
    session: Session,
    *,
    national_code: str,
    business_name: str,
    iban: str,
    commission: str | int,
    shop: str | None = None,
    categories: str = "",
    permit_number: str = "",
) -> ProducerRecord:
    """Register a home business of an applicant of this center at a shop."""
    require_shop_role(session)
    errors = Collector()
    try:
        code = clean_national_code(national_code)
    except UserError as error:
        errors.add("national_code", error.message)
        code = ""
    name, iban_text, basis_points = _clean(errors, business_name, iban, commission)
    errors.raise_if_any()
    the_shop = shop_for(session, shop)
    with db.atomic():
        applicant = Applicant.get_or_none(
            (Applicant.center_code == session.center_code)
            & (Applicant.national_code == code)
            & ~Applicant.deleted
        )
        if applicant is None:
            raise UserError(Messages.APPLICANT_NOT_FOUND, code="not_found", field="national_code")
        existing = Producer.get_or_none(
            (Producer.applicant == applicant.id)
            & (Producer.shop == the_shop.id)
            & ~Producer.deleted
        )
        if existing is not None:
            raise UserError(
                Messages.ALREADY.format(code=existing.code), code="duplicate", field="national_code"
            )
        number = (
            Producer.select(fn.MAX(Producer.number))
            .where(Producer.center_code == session.center_code)
            .scalar()
            or 0
        ) + 1
        producer = writes.insert(
            Producer(
                number=number,
                code=f"{session.center_code}-P-{number:04d}",
                applicant=applicant.id,
                shop=the_shop.id,
                business_name=name,
                categories=normalize_text(categories),
                permit_number=clean_reference(permit_number),
                iban=iban_text,
                commission_bp=basis_points,
            ),
            session,
        )
        audit(session, "producer.add", producer.code)
    return producer_record(producer, applicant, the_shop)


def update_producer(
    session: Session,
    producer_id: str,
    *,
    business_name: str,
    iban: str,
    commission: str | int,
    categories: str = "",
    permit_number: str = "",
    active: bool = True,
) -> ProducerRecord:
    require_shop_role(session)
    errors = Collector()
    name, iban_text, basis_points = _clean(errors, business_name, iban, commission)
    errors.raise_if_any()
    with db.atomic():
        producer = live(Producer, producer_id, Messages.NOT_FOUND)
        check_shop(session, str(fk(producer, "shop")))
        producer.business_name = name
        producer.iban = iban_text
        producer.commission_bp = basis_points
        producer.categories = normalize_text(categories)
        producer.permit_number = clean_reference(permit_number)
        producer.active = active
        writes.update(producer, session)
    return get_producer(session, producer_id)


def get_producer(session: Session, producer_id_or_code: str) -> ProducerRecord:
    require_shop_role(session)
    producer = Producer.get_or_none(
        (Producer.code == producer_id_or_code.strip().upper()) & ~Producer.deleted
    ) or live(Producer, producer_id_or_code, Messages.NOT_FOUND)
    check_shop(session, str(fk(producer, "shop")))
    return producer_record(producer, producer.applicant, producer.shop)


def list_producers(
    session: Session, *, shop: str | None = None, active_only: bool = False
) -> list[ProducerRecord]:
    """The producers of the shops `session` sees (or of one shop), by code."""
    require_shop_role(session)
    query = (
        Producer.select(Producer, Applicant, Shop)
        .join(Applicant, on=(Producer.applicant == Applicant.id))
        .switch(Producer)
        .join(Shop, on=(Producer.shop == Shop.id))
        .where(~Producer.deleted)
        .order_by(Producer.center_code, Producer.number)
    )
    if shop or not session.is_admin:
        query = query.where(Producer.shop == shop_for(session, shop).id)
    if active_only:
        query = query.where(Producer.active)
    return [producer_record(p, p.applicant, p.shop) for p in query]


@dataclass(frozen=True)
class MonthIncome:
    year: int  # Jalali
    month: int
    sales: int  # Σ line totals of sales not voided (returns not deducted)
    lines: int


def producer_income(session: Session, applicant_id: str) -> list[MonthIncome]:
    """An applicant's sales as a producer, per Jalali month, newest first: income
    evidence on their file (any role that reads files may see it)."""
    session.require(Role.ADMIN, Role.CLERK, Role.SHOP)
    rows = (
        SaleLine.select(Sale.sold_at, SaleLine.line_total)
        .join(Sale, on=(SaleLine.sale == Sale.id))
        .switch(SaleLine)
        .join(Producer, JOIN.INNER, on=(SaleLine.producer == Producer.id))
        .where(
            (Producer.applicant == applicant_id)
            & (Sale.status == SaleStatus.SOLD.value)
            & ~Sale.deleted
        )
    )
    months: dict[tuple[int, int], list[int]] = {}
    for sold_at, line_total in tuples(rows):
        year, month, _ = jalali_parts(_local_date(sold_at))
        bucket = months.setdefault((year, month), [0, 0])
        bucket[0] += line_total
        bucket[1] += 1
    return [
        MonthIncome(year, month, total, count)
        for (year, month), (total, count) in sorted(months.items(), reverse=True)
    ]


def credit_home_business(
    session: Session, producer_id: str, *, started_on: dt.date | None = None
) -> str:
    """Record the producer's business as a home-business outcome of the applicant,
    started on their first sale unless told (the registry's writers: admin, clerk);
    returns the outcome's id."""
    producer = live(Producer, producer_id, Messages.NOT_FOUND)
    first_sale = (
        Sale.select(fn.MIN(Sale.sold_at))
        .join(SaleLine, on=(SaleLine.sale == Sale.id))
        .where((SaleLine.producer == producer.id) & (Sale.status == SaleStatus.SOLD.value))
        .scalar()
    )
    started = started_on or (_local_date(first_sale) if first_sale else producer.created_at.date())
    outcome = add_outcome(
        session,
        str(fk(producer, "applicant")),
        kind=OutcomeKind.HOME_BUSINESS.value,
        started_on=started,
        employer=producer.business_name,
        notes=producer.code,
    )
    return outcome.id


def _local_date(moment: dt.datetime) -> dt.date:
    return local_time(moment).date()
