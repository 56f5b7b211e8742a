"""Producers' settlements: what each producer's goods earned in a period, the shop's
commission, and what the shop owes them; and the payment, once made.

For a period of local days (inclusive) and each producer:
- gross: the totals (after line discounts) of their lines in sales made in the period
  and not voided;
- returns: the refunds of their items returned in the period, whenever sold — so a
  return after a paid settlement lands on the next statement (a carry-over), never
  changing a paid one;
- commission: money.commission of the net (gross − returns) at each rate the lines
  were sold at; due: the net less the commission. A negative due (more returned than
  sold in the period) is deducted from the next payment.

A payment is recorded for a producer and a period that has ended (so no sale can join
it later) and overlaps no paid one; the figures are kept as paid (`Settlement`), and
the statement of a paid period shows them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from peewee import fn

from desktop.errors import UserError
from desktop.models import (
    Applicant,
    Producer,
    ReturnLine,
    Role,
    Sale,
    SaleLine,
    SaleReturn,
    SaleStatus,
    Settlement,
    Shop,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services.records import audit, fk
from desktop.services.session import Session
from desktop.services.shops.access import require_shop_role, shop_for
from desktop.services.shops.identifiers import clean_reference
from desktop.services.shops.money import commission, percent_text
from desktop.services.shops.producers import get_producer
from desktop.strings.shops import Settlements as Messages
from desktop.text.jalali import format_jalali, utc_bounds


@dataclass(frozen=True)
class SettlementRow:
    producer_id: str
    producer_code: str
    business_name: str
    owner_name: str
    national_code: str
    iban: str
    shop_code: str
    commission_percent: str
    gross: int
    returns: int
    commission: int
    due: int
    paid_on: dt.date | None = None
    bank_reference: str = ""


@dataclass(frozen=True)
class ProductFigures:
    name: str
    barcode: str
    quantity: int
    gross: int
    returned_quantity: int
    returns: int


def _check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise UserError(Messages.PERIOD_ORDER, code="period", field="date_to")


def settlement(
    session: Session,
    date_from: dt.date,
    date_to: dt.date,
    *,
    shop: str | None = None,
    producer: str | None = None,
) -> list[SettlementRow]:
    """Every producer of the shops `session` sees (or of one shop) with sales or returns
    in the period, by code; a paid period shows the figures as paid."""
    require_shop_role(session)
    _check_period(date_from, date_to)
    shop_id = str(shop_for(session, shop).id) if shop or not session.is_admin else None
    start, end = utc_bounds(date_from, date_to)
    # {producer: {rate: [gross, returns]}}
    money: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    sold = (
        SaleLine.select(SaleLine.producer, SaleLine.commission_bp, fn.SUM(SaleLine.line_total))
        .join(Sale, on=(SaleLine.sale == Sale.id))
        .where(
            (Sale.sold_at >= start)
            & (Sale.sold_at < end)
            & (Sale.status == SaleStatus.SOLD.value)
            & ~Sale.deleted
        )
    )
    returned = (
        ReturnLine.select(SaleLine.producer, SaleLine.commission_bp, fn.SUM(ReturnLine.refund))
        .join(SaleReturn, on=(ReturnLine.sale_return == SaleReturn.id))
        .switch(ReturnLine)
        .join(SaleLine, on=(ReturnLine.sale_line == SaleLine.id))
        .where(
            (SaleReturn.returned_at >= start) & (SaleReturn.returned_at < end) & ~SaleReturn.deleted
        )
    )
    if shop_id:
        sold = sold.where(Sale.shop == shop_id)
        returned = returned.where(SaleReturn.shop == shop_id)
    if producer:
        wanted = get_producer(session, producer).id
        sold = sold.where(SaleLine.producer == wanted)
        returned = returned.where(SaleLine.producer == wanted)
    by_rate = (SaleLine.producer, SaleLine.commission_bp)  # summed by the database
    for producer_id, rate, amount in tuples(sold.group_by(*by_rate)):
        money[str(producer_id)][rate][0] += int(amount)
    for producer_id, rate, amount in tuples(returned.group_by(*by_rate)):
        money[str(producer_id)][rate][1] += int(amount)
    paid = _paid(list(money), date_from, date_to)
    rows = []
    for key, people in _producers(list(money)).items():
        producer_row, applicant, shop_code = people
        if key in paid:
            done = paid[key]
            rows.append(
                _row(producer_row, applicant, shop_code, done.gross, done.returns,
                     done.commission, done.due, done.paid_on, done.bank_reference)
            )  # fmt: skip
            continue
        gross = sum(g for g, _ in money[key].values())
        returns = sum(r for _, r in money[key].values())
        fee = sum(commission(g - r, rate) for rate, (g, r) in money[key].items())
        rows.append(
            _row(producer_row, applicant, shop_code, gross, returns, fee, gross - returns - fee)
        )
    return sorted(rows, key=lambda row: row.producer_code)


def _row(
    producer: Producer,
    applicant: Applicant,
    shop_code: str,
    gross: int,
    returns: int,
    fee: int,
    due: int,
    paid_on: dt.date | None = None,
    reference: str = "",
) -> SettlementRow:
    return SettlementRow(
        producer_id=str(producer.id),
        producer_code=producer.code,
        business_name=producer.business_name,
        owner_name=applicant.full_name,
        national_code=applicant.national_code,
        iban=producer.iban,
        shop_code=shop_code,
        commission_percent=percent_text(producer.commission_bp),
        gross=gross,
        returns=returns,
        commission=fee,
        due=due,
        paid_on=paid_on,
        bank_reference=reference,
    )


def _producers(ids: list[str]) -> dict[str, tuple[Producer, Applicant, str]]:
    if not ids:
        return {}
    query = (
        Producer.select(Producer, Applicant, Shop.code)
        .join(Applicant, on=(Producer.applicant == Applicant.id))
        .switch(Producer)
        .join(Shop, on=(Producer.shop == Shop.id))
        .where(Producer.id.in_(ids))
    )
    return {str(p.id): (p, p.applicant, p.shop.code) for p in query}


def _paid(ids: list[str], date_from: dt.date, date_to: dt.date) -> dict[str, Settlement]:
    """Settlements recorded for exactly this period."""
    if not ids:
        return {}
    query = Settlement.select().where(
        Settlement.producer.in_(ids)
        & (Settlement.period_from == date_from)
        & (Settlement.period_to == date_to)
        & ~Settlement.deleted
    )
    return {str(fk(row, "producer")): row for row in query}


def record_payment(
    session: Session,
    producer: str,
    date_from: dt.date,
    date_to: dt.date,
    *,
    paid_on: dt.date,
    bank_reference: str,
    today: dt.date | None = None,
) -> SettlementRow:
    """Record that the producer was paid the period's due (the admin's)."""
    session.require(Role.ADMIN)
    _check_period(date_from, date_to)
    reference = clean_reference(bank_reference)
    if not reference:
        raise UserError(Messages.REFERENCE_REQUIRED, code="reference", field="bank_reference")
    if date_to >= (today or dt.date.today()):
        raise UserError(Messages.PERIOD_NOT_OVER, code="period_open", field="date_to")
    record = get_producer(session, producer)
    with db.atomic():
        overlap = Settlement.get_or_none(
            (Settlement.producer == record.id)
            & (Settlement.period_from <= date_to)
            & (Settlement.period_to >= date_from)
            & ~Settlement.deleted
        )
        if overlap is not None:
            raise UserError(
                Messages.ALREADY_PAID.format(
                    producer=record.business_name,
                    paid_from=format_jalali(overlap.period_from),
                    paid_to=format_jalali(overlap.period_to),
                ),
                code="already_paid",
            )
        rows = settlement(session, date_from, date_to, producer=record.id)
        if not rows:
            raise UserError(
                Messages.NOTHING_DUE.format(producer=record.business_name), code="nothing_due"
            )
        row = rows[0]
        writes.insert(
            Settlement(
                producer=record.id,
                period_from=date_from,
                period_to=date_to,
                gross=row.gross,
                returns=row.returns,
                commission=row.commission,
                due=row.due,
                paid_on=paid_on,
                bank_reference=reference,
                recorded_by=session.user_id,
            ),
            session,
        )
        audit(session, "settlement.paid", f"{record.code} {date_from}…{date_to}: {row.due}")
    return settlement(session, date_from, date_to, producer=record.id)[0]


def product_figures(
    session: Session, producer: str, date_from: dt.date, date_to: dt.date
) -> list[ProductFigures]:
    """A statement's lines: each product's sales and returns in the period."""
    record = get_producer(session, producer)
    start, end = utc_bounds(date_from, date_to)
    figures: dict[str, list[Any]] = {}
    sold = (
        SaleLine.select(SaleLine.barcode, SaleLine.name, SaleLine.quantity, SaleLine.line_total)
        .join(Sale, on=(SaleLine.sale == Sale.id))
        .where(
            (SaleLine.producer == record.id)
            & (Sale.sold_at >= start)
            & (Sale.sold_at < end)
            & (Sale.status == SaleStatus.SOLD.value)
        )
    )
    for barcode, name, quantity, total in tuples(sold):
        entry = figures.setdefault(barcode, [name, 0, 0, 0, 0])
        entry[1] += quantity
        entry[2] += total
    back = (
        ReturnLine.select(SaleLine.barcode, SaleLine.name, ReturnLine.quantity, ReturnLine.refund)
        .join(SaleReturn, on=(ReturnLine.sale_return == SaleReturn.id))
        .switch(ReturnLine)
        .join(SaleLine, on=(ReturnLine.sale_line == SaleLine.id))
        .where(
            (SaleLine.producer == record.id)
            & (SaleReturn.returned_at >= start)
            & (SaleReturn.returned_at < end)
        )
    )
    for barcode, name, quantity, refund in tuples(back):
        entry = figures.setdefault(barcode, [name, 0, 0, 0, 0])
        entry[3] += quantity
        entry[4] += refund
    return [
        ProductFigures(name, barcode, quantity, gross, returned, returns)
        for barcode, (name, quantity, gross, returned, returns) in sorted(
            figures.items(), key=lambda item: item[1][0]
        )
    ]
