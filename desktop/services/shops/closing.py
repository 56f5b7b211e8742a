"""The daily close (Z report): a staff member's period at a shop — or, closed without a
staff member named, the whole shop's — from the last close to now.

Cash expected in the drawer is the cash taken for sales (handed over, less change)
less the refunds of returns; card total is what the terminal charged. The counted cash
and the difference are recorded (a difference needs a note in the GUI; the CLI takes
`--note`). Sales and returns rung up after a close belong to the next period: a close
marks the rows it counted, and a voided sale it marked can no longer be voided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.errors import PermissionDenied, UserError
from desktop.models import (
    DailyClose,
    Sale,
    SaleReturn,
    SaleStatus,
    Shop,
    User,
    db,
    utcnow,
    writes,
)
from desktop.services.records import audit, fk, live
from desktop.services.session import Session
from desktop.services.shops.access import shop_for
from desktop.services.shops.money import parse_amount
from desktop.services.shops.numbers import next_number
from desktop.strings import Auth as UserMessages
from desktop.strings.shops import Closing as Messages
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class CloseRecord:
    id: str
    number: str
    shop_id: str
    shop_code: str
    staff: str  # user id, "" for the whole shop
    closed_at: dt.datetime
    period_from: dt.datetime | None
    sales_count: int
    sales_total: int
    returns_count: int
    refunds: int
    card_total: int
    expected_cash: int
    counted_cash: int
    difference: int
    note: str


@dataclass(frozen=True)
class OpenPeriod:
    """What a close would count now."""

    sales_count: int
    sales_total: int
    returns_count: int
    refunds: int
    card_total: int
    expected_cash: int
    period_from: dt.datetime | None


def open_period(session: Session, shop: str | None = None, staff: str | None = None) -> OpenPeriod:
    the_shop = shop_for(session, shop)
    sales, returns = _open_rows(str(the_shop.id), _staff_id(session, staff))
    return _figures(sales, returns)


def close_day(
    session: Session,
    *,
    shop: str | None = None,
    counted_cash: str | int,
    staff: str | None = None,
    note: str = "",
) -> CloseRecord:
    """Close the period of `staff` (a user name or id; a shop user: themselves unless
    an admin or supervisor names another; None for an admin: the whole shop)."""
    counted = parse_amount(counted_cash, allow_zero=True)
    if counted is None:
        raise UserError(Messages.COUNTED_FORMAT, code="counted_cash", field="counted_cash")
    with db.atomic():
        the_shop = shop_for(session, shop)
        staff_id = _staff_id(session, staff)
        sales, returns = _open_rows(str(the_shop.id), staff_id)
        if not sales and not returns:
            raise UserError(Messages.NOTHING, code="nothing_to_close")
        figures = _figures(sales, returns)
        sequence, number = next_number(DailyClose, "daily_close", session.center_code, the_shop)
        close = writes.insert(
            DailyClose(
                shop=the_shop.id,
                sequence=sequence,
                number=number,
                staff=staff_id or "",
                closed_by=session.user_id,
                closed_at=utcnow(),
                sales_count=figures.sales_count,
                sales_total=figures.sales_total,
                returns_count=figures.returns_count,
                refunds=figures.refunds,
                card_total=figures.card_total,
                expected_cash=figures.expected_cash,
                counted_cash=counted,
                difference=counted - figures.expected_cash,
                note=normalize_text(note),
            ),
            session,
        )
        for sale in sales:
            sale.day_close = str(close.id)
            writes.update(sale, session)
        for sale_return in returns:
            sale_return.day_close = str(close.id)
            writes.update(sale_return, session)
        audit(session, "shop.close", f"{number}: {counted - figures.expected_cash:+d}")
    return close_record(close, figures.period_from)


def _staff_id(session: Session, staff: str | None) -> str | None:
    if staff:
        user = User.by_username(staff.strip(), session.center_code) or live(
            User, staff, UserMessages.USER_NOT_FOUND
        )
        if str(user.id) != session.user_id and not (session.is_admin or session.supervisor):
            raise PermissionDenied()
        return str(user.id)
    return None if session.is_admin else session.user_id


def _open_rows(shop_id: str, staff_id: str | None) -> tuple[list[Sale], list[SaleReturn]]:
    sales = Sale.select().where((Sale.shop == shop_id) & (Sale.day_close == "") & ~Sale.deleted)
    returns = SaleReturn.select().where(
        (SaleReturn.shop == shop_id) & (SaleReturn.day_close == "") & ~SaleReturn.deleted
    )
    if staff_id:
        sales = sales.where(Sale.sold_by == staff_id)
        returns = returns.where(SaleReturn.returned_by == staff_id)
    return list(sales), list(returns)


def _figures(sales: list[Sale], returns: list[SaleReturn]) -> OpenPeriod:
    counted = [sale for sale in sales if sale.status == SaleStatus.SOLD.value]
    cash_in = sum(sale.paid_cash - sale.change for sale in counted)
    refunds = sum(row.refund for row in returns)
    moments = [sale.sold_at for sale in sales] + [row.returned_at for row in returns]
    return OpenPeriod(
        sales_count=len(counted),
        sales_total=sum(sale.total for sale in counted),
        returns_count=len(returns),
        refunds=refunds,
        card_total=sum(sale.paid_card for sale in counted),
        expected_cash=cash_in - refunds,
        period_from=min(moments) if moments else None,
    )


def close_record(close: DailyClose, period_from: dt.datetime | None = None) -> CloseRecord:
    shop = Shop.get_by_id(fk(close, "shop"))
    return CloseRecord(
        id=str(close.id),
        number=close.number,
        shop_id=str(shop.id),
        shop_code=shop.code,
        staff=close.staff,
        closed_at=close.closed_at,
        period_from=period_from,
        sales_count=close.sales_count,
        sales_total=close.sales_total,
        returns_count=close.returns_count,
        refunds=close.refunds,
        card_total=close.card_total,
        expected_cash=close.expected_cash,
        counted_cash=close.counted_cash,
        difference=close.difference,
        note=close.note,
    )


def list_closes(session: Session, shop: str | None = None) -> list[CloseRecord]:
    the_shop = shop_for(session, shop)
    query = (
        DailyClose.select()
        .where((DailyClose.shop == the_shop.id) & ~DailyClose.deleted)
        .order_by(DailyClose.sequence.desc())
    )
    return [close_record(close) for close in query]
