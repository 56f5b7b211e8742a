"""Stock on consignment: goods received from producers and given back (on notes the
producer signs), adjustments with a reason, and stock levels.

Stock is the sum of a product's moves (models/shop.py). A note's lines are all of one
producer's products, in one shop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peewee import JOIN

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Producer,
    Product,
    Sale,
    SaleReturn,
    Shop,
    StockMove,
    StockMoveKind,
    StockNote,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services.records import audit, fk, live
from desktop.services.session import Session
from desktop.services.shops.access import check_shop, require_shop_role
from desktop.services.shops.levels import (
    MAX_QUANTITY,
    lock_levels,
    move_stock,
    read_quantity,
    stock_levels,
)
from desktop.services.shops.numbers import next_number
from desktop.strings.shops import Producers as ProducerMessages
from desktop.strings.shops import Products as ProductMessages
from desktop.strings.shops import Stock as Messages
from desktop.text.digits import group_thousands
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class NoteRecord:
    id: str
    number: str
    kind: str
    producer_id: str
    lines: tuple[tuple[str, int], ...]  # (product id, quantity)


def receive_stock(
    session: Session, producer_id: str, lines: Sequence[tuple[str, int]], *, note: str = ""
) -> NoteRecord:
    """Goods received from a producer on consignment: a receipt note, stock up."""
    return _note(session, producer_id, lines, note, received=True)


def return_to_producer(
    session: Session, producer_id: str, lines: Sequence[tuple[str, int]], *, note: str = ""
) -> NoteRecord:
    """Goods given back to their producer: a return note, stock down (never below zero)."""
    return _note(session, producer_id, lines, note, received=False)


def _note(
    session: Session,
    producer_id: str,
    lines: Sequence[tuple[str, int]],
    note: str,
    *,
    received: bool,
) -> NoteRecord:
    require_shop_role(session)
    producer = live(Producer, producer_id, ProducerMessages.NOT_FOUND)
    check_shop(session, str(fk(producer, "shop")))
    wanted = _quantities(lines)
    with db.atomic():
        products = {str(p.id): p for p in Product.select().where(Product.id.in_(list(wanted)))}
        rows = []
        for product_id, quantity in wanted.items():
            product = products.get(product_id)
            if product is None or product.deleted:
                raise UserError(ProductMessages.NOT_FOUND, code="not_found", field="lines")
            if fk(product, "producer") != producer.id:
                raise UserError(
                    Messages.OTHER_PRODUCER.format(name=product.name), code="other_producer"
                )
            rows.append((product, quantity))
        if received:
            row = receive_rows(session, producer, rows, note=note)
        else:
            lock_levels([p.id for p, _ in rows])
            levels = stock_levels([p.id for p, _ in rows])
            for product, quantity in rows:
                if levels[str(product.id)] < quantity:
                    raise UserError(
                        Messages.NOT_ENOUGH.format(
                            name=product.name,
                            stock=group_thousands(levels[str(product.id)]),
                            wanted=group_thousands(quantity),
                        ),
                        code="not_enough_stock",
                    )
            row = _write_note(session, producer, rows, note, StockMoveKind.RETURNED_TO_PRODUCER)
    return NoteRecord(
        str(row.id), row.number, row.kind, str(producer.id),
        tuple((str(p.id), q) for p, q in rows),
    )  # fmt: skip


def receive_rows(
    session: Session, producer: Producer, rows: Sequence[tuple[Product, int]], *, note: str
) -> StockNote:
    """In the caller's transaction: a receipt note of `rows`."""
    return _write_note(session, producer, rows, note, StockMoveKind.RECEIVED)


def _write_note(
    session: Session,
    producer: Producer,
    rows: Sequence[tuple[Product, int]],
    note: str,
    kind: StockMoveKind,
) -> StockNote:
    shop = Shop.get_by_id(fk(producer, "shop"))
    sequence, number = next_number(StockNote, "stock_note", session.center_code, shop)
    row = writes.insert(
        StockNote(
            shop=shop.id,
            producer=producer.id,
            sequence=sequence,
            number=number,
            kind=kind.value,
            noted_by=session.user_id,
            note=normalize_text(note),
        ),
        session,
    )
    sign = 1 if kind is StockMoveKind.RECEIVED else -1
    move_stock(
        session,
        [
            {"product": product.id, "kind": kind.value, "quantity": sign * quantity, "note": row.id}
            for product, quantity in rows
        ],
    )
    audit(session, f"stock.{kind.value}", number)
    return row


def adjust_stock(session: Session, product_id: str, change: int | str, reason: str) -> int:
    """Correct a product's stock by `change` (counted, broken, lost), with a reason;
    returns the new stock. Never below zero."""
    require_shop_role(session)
    errors: dict[str, str] = {}
    amount = read_quantity(change, signed=True) or 0
    if amount == 0:
        errors["change"] = Messages.ADJUST_FORMAT
    reason = normalize_text(reason)
    if not reason:
        errors["reason"] = Messages.REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        product = live(Product, product_id, ProductMessages.NOT_FOUND)
        check_shop(session, str(fk(product, "shop")))
        lock_levels([product.id])
        stock = stock_levels([product.id])[str(product.id)]
        if stock + amount < 0:
            raise UserError(
                Messages.NOT_ENOUGH.format(
                    name=product.name, stock=group_thousands(stock), wanted=group_thousands(-amount)
                ),
                code="not_enough_stock",
                field="change",
            )
        move_stock(
            session,
            [
                {
                    "product": product.id,
                    "kind": StockMoveKind.ADJUSTED.value,
                    "quantity": amount,
                    "reason": reason,
                }
            ],
        )
        audit(session, "stock.adjusted", f"{product.barcode} {amount:+d}")
    return stock + amount


def _quantities(lines: Sequence[tuple[str, int]]) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for product_id, quantity in lines:
        count = read_quantity(quantity)
        if count is None:
            raise UserError(Messages.QUANTITY_FORMAT, code="quantity", field="lines")
        wanted[str(product_id)] = wanted.get(str(product_id), 0) + count
    if any(count > MAX_QUANTITY for count in wanted.values()):  # one product on many lines
        raise UserError(Messages.QUANTITY_FORMAT, code="quantity", field="lines")
    if not wanted:
        raise UserError(Messages.NO_LINES, code="no_lines", field="lines")
    return wanted


@dataclass(frozen=True)
class MoveRecord:
    at: str  # ISO UTC
    kind: str
    quantity: int
    reason: str
    reference: str  # the note's, sale's or return's number


def stock_moves(session: Session, product_id: str) -> list[MoveRecord]:
    """A product's moves, newest first (the stock card)."""
    require_shop_role(session)
    product = live(Product, product_id, ProductMessages.NOT_FOUND)
    check_shop(session, str(fk(product, "shop")))
    query = (
        StockMove.select(
            StockMove.created_at,
            StockMove.kind,
            StockMove.quantity,
            StockMove.reason,
            StockNote.number,
            Sale.number,
            SaleReturn.number,
        )
        .join_from(StockMove, StockNote, JOIN.LEFT_OUTER, on=(StockMove.note == StockNote.id))
        .join_from(StockMove, Sale, JOIN.LEFT_OUTER, on=(StockMove.sale == Sale.id))
        .join_from(
            StockMove, SaleReturn, JOIN.LEFT_OUTER, on=(StockMove.sale_return == SaleReturn.id)
        )
        .where((StockMove.product == product.id) & ~StockMove.deleted)
        .order_by(StockMove.created_at.desc(), StockMove.id.desc())
    )
    return [
        MoveRecord(at.isoformat(), kind, quantity, reason, note or sale or sale_return or "")
        for at, kind, quantity, reason, note, sale, sale_return in tuples(query)
    ]
