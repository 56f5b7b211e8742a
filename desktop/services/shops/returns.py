"""Undoing sales: a void (the whole sale, the same period, a supervisor's) and returns
(some items, any time later, against the original sale number).

- A void is for a sale rung up wrongly: a supervisor or an admin, with a reason, before
  the sale's daily close and before anything of it was returned. Its goods go back on
  the shelf; it no longer counts anywhere (a producer's gross, the close, reports).
- A return gives back, for each returned item, its share of the line's total: for
  `q` of a line's `n` returned after `r` before, `⌊t·(r+q)/n⌋ − ⌊t·r/n⌋` of its total
  `t` — so a line returned in parts refunds exactly its total, never a Rial more. The
  refund is cash; the goods go back into stock. A return counts in the period it
  was made (the daily close, the producer's statement): after a paid settlement it
  is carried over to the next statement, never rewriting a paid one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peewee import fn

from desktop.errors import UserError
from desktop.models import (
    ReturnLine,
    SaleLine,
    SaleReturn,
    SaleStatus,
    Shop,
    StockMoveKind,
    db,
    utcnow,
    writes,
)
from desktop.models.base import tuples
from desktop.services.records import audit, fk
from desktop.services.session import Session
from desktop.services.shops.access import require_supervisor
from desktop.services.shops.identifiers import clean_barcode
from desktop.services.shops.levels import move_stock, read_quantity
from desktop.services.shops.numbers import next_number
from desktop.services.shops.sales import SaleRecord, find_sale, sale_record
from desktop.strings.shops import Sales as Messages
from desktop.text.digits import group_thousands
from desktop.text.normalize import normalize_text


def void_sale(session: Session, number: str, reason: str) -> SaleRecord:
    require_supervisor(session)
    reason = normalize_text(reason)
    if not reason:
        raise UserError(Messages.VOID_REASON_REQUIRED, code="reason_required", field="reason")
    with db.atomic():
        sale = find_sale(session, number)
        if sale.status != SaleStatus.SOLD.value:
            raise UserError(Messages.ALREADY_VOIDED, code="already_voided")
        if sale.day_close:
            raise UserError(Messages.VOID_AFTER_CLOSE, code="closed")
        if SaleReturn.select().where(SaleReturn.sale == sale.id).exists():
            raise UserError(Messages.VOID_WITH_RETURNS, code="returned")
        sale.status = SaleStatus.VOIDED.value
        sale.void_reason = reason
        sale.voided_by = session.user_id
        sale.voided_at = utcnow()
        writes.update(sale, session)
        move_stock(
            session,
            [
                {
                    "product": fk(line, "product"),
                    "kind": StockMoveKind.VOIDED.value,
                    "quantity": line.quantity,
                    "reason": reason,
                    "sale": sale.id,
                }
                for line in SaleLine.select().where(SaleLine.sale == sale.id)
            ],
        )
        audit(session, "sale.void", f"{sale.number}: {reason}")
    return sale_record(sale)


@dataclass(frozen=True)
class ReturnRecord:
    id: str
    number: str
    sale_number: str
    refund: int
    lines: tuple[tuple[str, str, int, int], ...]  # (barcode, name, quantity, refund)


def refund_share(line_total: int, quantity: int, returned_before: int, returning: int) -> int:
    """The refund of `returning` of a line of `quantity` whose total is `line_total`,
    `returned_before` having been returned already (see the module's docstring)."""
    after = line_total * (returned_before + returning) // quantity
    return after - line_total * returned_before // quantity


def return_items(
    session: Session, number: str, items: Sequence[tuple[str, int]], *, reason: str = ""
) -> ReturnRecord:
    """Return `items` — (barcode, quantity) — of the sale `number`: refund and restock."""
    if not items:
        raise UserError(Messages.RETURN_NO_LINES, code="no_lines")
    with db.atomic():
        sale = find_sale(session, number)
        if sale.status != SaleStatus.SOLD.value:
            raise UserError(Messages.RETURN_OF_VOIDED, code="voided")
        lines = list(SaleLine.select().where(SaleLine.sale == sale.id).order_by(SaleLine.position))
        returned = dict(
            tuples(
                ReturnLine.select(ReturnLine.sale_line, fn.SUM(ReturnLine.quantity))
                .where(ReturnLine.sale_line.in_([line.id for line in lines] or [None]))
                .group_by(ReturnLine.sale_line)
            )
        )
        plan = _plan(lines, {k: int(v) for k, v in returned.items()}, items)
        shop = Shop.get_by_id(fk(sale, "shop"))
        sequence, return_number = next_number(SaleReturn, "sale_return", session.center_code, shop)
        refund = sum(share for _, _, share in plan)
        row = writes.insert(
            SaleReturn(
                sale=sale.id,
                shop=shop.id,
                sequence=sequence,
                number=return_number,
                returned_by=session.user_id,
                returned_at=utcnow(),
                refund=refund,
                reason=normalize_text(reason),
            ),
            session,
        )
        for line, quantity, share in plan:
            writes.insert(
                ReturnLine(sale_return=row.id, sale_line=line.id, quantity=quantity, refund=share),
                session,
            )
        move_stock(
            session,
            [
                {
                    "product": fk(line, "product"),
                    "kind": StockMoveKind.SALE_RETURN.value,
                    "quantity": quantity,
                    "sale_return": row.id,
                }
                for line, quantity, _ in plan
            ],
        )
        audit(session, "sale.return", f"{return_number} ← {sale.number}")
    return ReturnRecord(
        str(row.id), return_number, sale.number, refund,
        tuple((line.barcode, line.name, quantity, share) for line, quantity, share in plan),
    )  # fmt: skip


def _plan(
    lines: list[SaleLine], returned: dict[object, int], items: Sequence[tuple[str, int]]
) -> list[tuple[SaleLine, int, int]]:
    """(sale line, quantity, refund) for each item; a barcode sold on several lines is
    taken from them in order."""
    left = {line.id: line.quantity - returned.get(line.id, 0) for line in lines}
    before = {line.id: returned.get(line.id, 0) for line in lines}
    plan: list[tuple[SaleLine, int, int]] = []
    for text, wanted in items:
        barcode, _ = clean_barcode(text)
        count = read_quantity(wanted)
        if count is None:
            raise UserError(Messages.QUANTITY_FORMAT, code="quantity")
        matching = [line for line in lines if line.barcode == barcode]
        if not matching:
            raise UserError(Messages.RETURN_NOT_IN_SALE.format(barcode=barcode), code="not_in_sale")
        available = sum(left[line.id] for line in matching)
        if count > available:
            first = matching[0]
            sold = sum(line.quantity for line in matching)
            raise UserError(
                Messages.RETURN_TOO_MANY.format(
                    name=first.name,
                    sold=group_thousands(sold),
                    returned=group_thousands(sold - available),
                    wanted=group_thousands(count),
                ),
                code="too_many",
            )
        for line in matching:
            take = min(count, left[line.id])
            if take <= 0:
                continue
            share = refund_share(line.line_total, line.quantity, before[line.id], take)
            plan.append((line, take, share))
            left[line.id] -= take
            before[line.id] += take
            count -= take
    return plan
