"""The till's sale: a cart of products, paid in cash, by card or both, committed in one
transaction with its lines, payments and stock moves (and their change-log rows).

Rules (tests/test_shop_sales.py):
- a line is a product of the shop, active, a whole quantity > 0, a discount in Rials
  from 0 to the line's price × quantity; its total is price × quantity − discount;
- the sale's total is the sum of its lines' totals; cards are charged at most the
  total (a card's surplus cannot be handed back), each with the terminal's reference;
  cash makes up the rest and the change is cash paid − (total − card);
- stock never goes below zero, unless a supervisor (or an admin) overrides it with a
  reason, which the sale keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import fn
from uuid6 import uuid7

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import (
    HeldCart,
    PaymentMethod,
    Producer,
    Product,
    ReturnLine,
    Sale,
    SaleLine,
    SalePayment,
    SaleStatus,
    Shop,
    StockMoveKind,
    db,
    utcnow,
    writes,
)
from desktop.models.base import tuples
from desktop.services.records import fk, live
from desktop.services.session import Session
from desktop.services.settings import money_unit
from desktop.services.shops.access import check_shop, require_shop_role, shop_for
from desktop.services.shops.identifiers import clean_document_number, clean_reference
from desktop.services.shops.levels import lock_levels, move_stock, read_quantity
from desktop.services.shops.money import parse_amount
from desktop.services.shops.numbers import next_number
from desktop.strings.shops import Products as ProductMessages
from desktop.strings.shops import Sales as Messages
from desktop.strings.shops import Shops as ShopMessages
from desktop.strings.shops import Stock as StockMessages
from desktop.text.digits import group_thousands
from desktop.text.jalali import utc_bounds
from desktop.text.money import format_money
from desktop.text.normalize import normalize_text


@dataclass(frozen=True)
class CartLine:
    product_id: str
    quantity: int = 1
    discount: int = 0  # Rials off this line's total


@dataclass(frozen=True)
class Payment:
    method: str  # PaymentMethod
    amount: int
    reference: str = ""  # a card terminal's number


@dataclass(frozen=True)
class PricedLine:
    product_id: str
    barcode: str
    name: str
    unit: str
    quantity: int
    unit_price: int
    discount: int
    line_total: int
    stock: int  # before this sale
    producer_id: str = ""
    commission_bp: int = 0  # the producer's rate today, which the sale line keeps


@dataclass(frozen=True)
class PricedCart:
    lines: tuple[PricedLine, ...]
    total: int
    short_of_stock: tuple[str, ...]  # names of products the cart takes below zero


@dataclass(frozen=True)
class SaleLineRecord:
    barcode: str
    name: str
    unit: str
    quantity: int
    unit_price: int
    discount: int
    line_total: int
    returned: int  # quantity returned since


@dataclass(frozen=True)
class SaleRecord:
    id: str
    number: str
    shop_id: str
    shop_code: str
    sold_by: str  # user id
    sold_at: dt.datetime  # UTC
    total: int
    paid_cash: int
    paid_card: int
    change: int
    status: str
    void_reason: str
    lines: tuple[SaleLineRecord, ...]
    payments: tuple[Payment, ...]

    @property
    def paid(self) -> int:
        return self.paid_cash + self.paid_card

    @property
    def items(self) -> int:
        return sum(line.quantity for line in self.lines)


def price_cart(session: Session, shop_id: str, lines: Sequence[CartLine]) -> PricedCart:
    """The cart as the till shows it: every line checked and priced at today's price."""
    require_shop_role(session)
    check_shop(session, shop_id)
    if not lines:
        raise UserError(Messages.EMPTY_CART, code="empty_cart")
    ids = [line.product_id for line in lines]
    query = (
        Product.select(Product, Producer.id, Producer.commission_bp)
        .join(Producer, on=(Product.producer == Producer.id))
        .where(Product.id.in_(ids))
    )
    products = {str(p.id): p for p in query}
    levels = {key: product.stock for key, product in products.items()}
    priced: list[PricedLine] = []
    wanted: dict[str, int] = {}
    for line in lines:
        product = products.get(str(line.product_id))
        if product is None or product.deleted or str(fk(product, "shop")) != str(shop_id):
            raise UserError(ProductMessages.NOT_FOUND, code="unknown_product")
        if not product.active:
            raise UserError(ProductMessages.INACTIVE.format(name=product.name), code="inactive")
        quantity = read_quantity(line.quantity)
        if quantity is None:
            raise UserError(Messages.QUANTITY_FORMAT, code="quantity", field="quantity")
        discount = parse_amount(line.discount, allow_zero=True)
        if discount is None:
            raise UserError(Messages.DISCOUNT_FORMAT, code="discount", field="discount")
        gross = product.price * quantity
        if discount > gross:
            raise UserError(
                Messages.DISCOUNT_TOO_BIG.format(name=product.name),
                code="discount",
                field="discount",
            )
        wanted[str(product.id)] = wanted.get(str(product.id), 0) + quantity
        priced.append(
            PricedLine(
                str(product.id), product.barcode, product.name, product.unit, quantity,
                product.price, discount, gross - discount, levels[str(product.id)],
                str(fk(product, "producer")), product.producer.commission_bp,
            )
        )  # fmt: skip
    short = tuple(products[key].name for key, quantity in wanted.items() if levels[key] < quantity)
    return PricedCart(tuple(priced), sum(line.line_total for line in priced), short)


def sell(
    session: Session,
    shop_id: str,
    lines: Sequence[CartLine],
    payments: Sequence[Payment],
    *,
    override_reason: str = "",
) -> SaleRecord:
    """Commit a sale (and drop the staff member's held cart): refused, with nothing
    written, for an unknown or inactive product, a bad quantity or discount, too little
    stock (without a supervisor's override and reason), or payment short of the total."""
    require_shop_role(session)
    override_reason = normalize_text(override_reason)
    with db.atomic():
        shop = live(Shop, shop_id, ShopMessages.NOT_FOUND)
        lock_levels(line.product_id for line in lines)
        cart = price_cart(session, str(shop.id), lines)
        if cart.short_of_stock:
            if not override_reason:
                name = cart.short_of_stock[0]
                line = next(line for line in cart.lines if line.name == name)
                raise UserError(
                    StockMessages.NOT_ENOUGH.format(
                        name=name,
                        stock=group_thousands(line.stock),
                        wanted=group_thousands(_wanted(cart, line.product_id)),
                    ),
                    code="not_enough_stock",
                )
            if not (session.is_admin or session.supervisor):
                raise PermissionDenied(ShopMessages.SUPERVISOR_ONLY)
        cash, card, change = settle_payments(cart.total, payments)
        sequence, number = next_number(Sale, "sale", session.center_code, shop)
        sale = writes.insert(
            Sale(
                shop=shop.id,
                sequence=sequence,
                number=number,
                sold_by=session.user_id,
                sold_at=utcnow(),
                total=cart.total,
                paid_cash=cash,
                paid_card=card,
                change=change,
                override_reason=override_reason if cart.short_of_stock else "",
            ),
            session,
        )
        paid = [Payment(p.method, int(p.amount), clean_reference(p.reference)) for p in payments]
        _write_rows(session, sale, cart, paid)
        # The held cart goes with the sale, in its transaction: never sold twice.
        HeldCart.delete().where(
            (HeldCart.shop == str(shop.id)) & (HeldCart.user == session.user_id)
        ).execute()
    return SaleRecord(
        id=str(sale.id),
        number=number,
        shop_id=str(shop.id),
        shop_code=shop.code,
        sold_by=session.user_id,
        sold_at=sale.sold_at,
        total=cart.total,
        paid_cash=cash,
        paid_card=card,
        change=change,
        status=SaleStatus.SOLD.value,
        void_reason="",
        lines=tuple(
            SaleLineRecord(
                x.barcode, x.name, x.unit, x.quantity, x.unit_price, x.discount, x.line_total, 0
            )
            for x in cart.lines
        ),
        payments=tuple(paid),
    )


def _write_rows(session: Session, sale: Sale, cart: PricedCart, paid: list[Payment]) -> None:
    """The sale's lines, payments and stock moves: a statement (and a log entry) each,
    the logging done together."""
    writes.insert_many(
        SaleLine,
        [
            {
                "id": uuid7(),
                "sale": sale.id,
                "position": position,
                "product": line.product_id,
                "producer": line.producer_id,
                "barcode": line.barcode,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "discount": line.discount,
                "line_total": line.line_total,
                "commission_bp": line.commission_bp,
            }
            for position, line in enumerate(cart.lines, start=1)
        ],
        session,
    )
    writes.insert_many(
        SalePayment,
        [
            {
                "id": uuid7(),
                "sale": sale.id,
                "method": p.method,
                "amount": p.amount,
                "reference": p.reference,
            }
            for p in paid
        ],
        session,
    )
    move_stock(
        session,
        [
            {
                "product": line.product_id,
                "kind": StockMoveKind.SOLD.value,
                "quantity": -line.quantity,
                "sale": sale.id,
            }
            for line in cart.lines
        ],
    )


def settle_payments(total: int, payments: Sequence[Payment]) -> tuple[int, int, int]:
    """(cash handed over, card charged, change) of `payments` for `total`, checked."""
    cash = card = 0
    errors: dict[str, str] = {}
    for payment in payments:
        amount = parse_amount(payment.amount)  # at most MAX_AMOUNT: sums never overflow
        if amount is None:
            errors.setdefault("payment", Messages.PAYMENT_FORMAT)
            continue
        if payment.method == PaymentMethod.CASH.value:
            cash += amount
        elif payment.method == PaymentMethod.CARD.value:
            if not clean_reference(payment.reference):
                errors.setdefault("card_reference", Messages.CARD_REFERENCE_REQUIRED)
            card += amount
        else:
            errors.setdefault("payment", Messages.PAYMENT_FORMAT)
    if errors:
        raise ValidationError(errors)
    if total > 0 and not payments:
        raise UserError(Messages.NO_PAYMENT, code="payment_short", field="payment")
    if card > total:
        raise UserError(Messages.CARD_OVER_TOTAL, code="card_over_total", field="card")
    if cash + card < total:
        raise UserError(
            Messages.SHORT.format(
                paid=_money(cash + card), total=_money(total), missing=_money(total - cash - card)
            ),
            code="payment_short",
            field="payment",
        )
    return cash, card, cash + card - total


def _money(rials: int) -> str:
    return format_money(rials, money_unit())


def _wanted(cart: PricedCart, product_id: str) -> int:
    return sum(line.quantity for line in cart.lines if line.product_id == product_id)


def sale_record(sale: Sale, shop: Shop | None = None) -> SaleRecord:
    lines = list(SaleLine.select().where(SaleLine.sale == sale.id).order_by(SaleLine.position))
    returned = dict(
        tuples(
            ReturnLine.select(ReturnLine.sale_line, fn.SUM(ReturnLine.quantity))
            .where(ReturnLine.sale_line.in_([line.id for line in lines] or [None]))
            .group_by(ReturnLine.sale_line)
        )
    )
    units = dict(
        tuples(
            Product.select(Product.id, Product.unit).where(
                Product.id.in_([fk(line, "product") for line in lines] or [None])
            )
        )
    )
    payments = (
        SalePayment.select().where(SalePayment.sale == sale.id).order_by(SalePayment.created_at)
    )
    shop = shop or Shop.get_by_id(fk(sale, "shop"))
    return SaleRecord(
        id=str(sale.id),
        number=sale.number,
        shop_id=str(shop.id),
        shop_code=shop.code,
        sold_by=sale.sold_by,
        sold_at=sale.sold_at,
        total=sale.total,
        paid_cash=sale.paid_cash,
        paid_card=sale.paid_card,
        change=sale.change,
        status=sale.status,
        void_reason=sale.void_reason,
        lines=tuple(
            SaleLineRecord(
                line.barcode,
                line.name,
                units.get(fk(line, "product"), ""),
                line.quantity,
                line.unit_price,
                line.discount,
                line.line_total,
                int(returned.get(line.id, 0)),
            )
            for line in lines
        ),
        payments=tuple(Payment(p.method, p.amount, p.reference) for p in payments),
    )


def find_sale(session: Session, number: str) -> Sale:
    """The sale of that number (or id) in a shop `session` may see."""
    require_shop_role(session)
    key = clean_document_number(number)
    sale = Sale.get_or_none((Sale.number == key) & ~Sale.deleted)
    if sale is None:
        sale = live(Sale, number, Messages.NOT_FOUND)
    check_shop(session, str(fk(sale, "shop")))
    return sale


def get_sale(session: Session, number: str) -> SaleRecord:
    return sale_record(find_sale(session, number))


@dataclass(frozen=True)
class SaleSummary:
    id: str
    number: str
    shop_code: str
    sold_at: dt.datetime
    total: int
    status: str
    items: int


def list_sales(
    session: Session,
    *,
    shop: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
) -> list[SaleSummary]:
    """Sales of the shops `session` sees, newest first, between local days (inclusive)."""
    require_shop_role(session)
    items = fn.COALESCE(
        SaleLine.select(fn.SUM(SaleLine.quantity)).where(SaleLine.sale == Sale.id), 0
    )
    query = (
        Sale.select(Sale.id, Sale.number, Shop.code, Sale.sold_at, Sale.total, Sale.status, items)
        .join(Shop, on=(Sale.shop == Shop.id))
        .where(~Sale.deleted)
        .order_by(Sale.sold_at.desc(), Sale.sequence.desc())
    )
    if shop or not session.is_admin:
        query = query.where(Sale.shop == shop_for(session, shop).id)
    if date_from or date_to:
        start, end = utc_bounds(date_from or dt.date(1900, 1, 1), date_to or dt.date(2999, 1, 1))
        query = query.where((Sale.sold_at >= start) & (Sale.sold_at < end))
    if limit:
        query = query.limit(limit)
    return [
        SaleSummary(str(sid), number, code, sold_at, total, status, int(count))
        for sid, number, code, sold_at, total, status, count in tuples(query)
    ]


def sold(status: str) -> bool:
    return status == SaleStatus.SOLD.value
