"""Pilot shops: producers' goods on consignment, the till, daily closes, settlements.

Consignment, not purchase (DESIGN.md, "Pilot shops"): a `Producer` (a home business,
linked to an applicant) brings goods to a `Shop`; every `StockMove` names the product
and so its producer; a `Sale` keeps each line's price, discount and the producer's
commission rate as they were at the till; a `SaleReturn` gives money and stock back
against the original sale's lines; a `DailyClose` (Z report) ends a staff member's
period at a shop; a `Settlement` is a producer's paid statement for a period.

Decisions:
- Money is integer Rials everywhere, in 64-bit columns (`BigIntegerField`: a day's
  cash at a busy shop passes PostgreSQL's 32-bit INTEGER, 2.1 billion Rials; migration
  0012); commission rates are integer basis points (1250 = 12.5 %), so no float ever
  touches money (services/shops/money.py has the rounding rule).
- Quantities are whole numbers of the product's unit: goods sold by weight carry a
  unit that is sold whole (a 250 g pack, or "گرم"), so a line's total is always price ×
  quantity − discount, exactly.
- Human numbers carry the center (and the shop): producer `TEH05-P-0007`, sale
  `TEH05-S1-000123`, return `TEH05-S1-R-000004`, stock note `TEH05-S1-N-000012`,
  close `TEH05-S1-Z-000031`; each counts up per center and shop under a unique index,
  so two centers — or two tills of one shop — never hand out the same number.
- A product belongs to one shop (its producer's): stock is counted per product, so per
  shop. Barcodes are unique among a shop's products.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from desktop.models.applicant import Applicant
from desktop.models.base import LocalModel, SyncedModel, utcnow, write_permit


class Shop(SyncedModel):
    code = CharField(max_length=10)  # "S1": unique in its center, part of sale numbers
    name = CharField(max_length=200)
    address = TextField(default="")
    receipt_footer = TextField(default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("center_code", "code"), True),)


class Producer(SyncedModel):
    number = IntegerField()  # per center, counts up; in `code`
    code = CharField(max_length=32, unique=True)  # "TEH05-P-0007"
    applicant = ForeignKeyField(Applicant, backref="producers", index=True)
    shop = ForeignKeyField(Shop, backref="producers", index=True)
    business_name = CharField(max_length=200)
    categories = TextField(default="")  # product categories, "؛"-separated as typed
    permit_number = CharField(max_length=50, default="")
    iban = CharField(max_length=26, default="")  # "IR" + 24 digits, checked (mod 97)
    commission_bp = IntegerField()  # the shop's commission in basis points: 1250 = 12.5 %
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("center_code", "number"), True),)


class Product(SyncedModel):
    shop = ForeignKeyField(Shop, backref="products", index=True)
    producer = ForeignKeyField(Producer, backref="products", index=True)
    barcode = CharField(max_length=32)  # EAN-13 as printed, or the maker's own code
    name = CharField(max_length=200)
    search_key = CharField(max_length=200, index=True)  # the name as search compares it
    category = CharField(max_length=100, default="")
    unit = CharField(max_length=30)
    price = BigIntegerField()  # Rials, today's; a sale line keeps its own
    active = BooleanField(default=True)
    # The running sum of its stock moves, kept with each move (services/shops/levels.py):
    # derived, so local; HQ sums the moves.
    stock = IntegerField(default=0)

    local_only_fields: ClassVar[tuple[str, ...]] = ("stock",)

    class Meta:
        indexes = ((("shop", "barcode"), True),)

    @classmethod
    def rebuild_stock(cls) -> None:
        """Every product's `stock` from its moves (after a bulk load, or to check)."""
        moves = StockMove.select(fn.COALESCE(fn.SUM(StockMove.quantity), 0)).where(
            (StockMove.product == cls.id) & ~StockMove.deleted
        )
        with write_permit():
            cls.update(stock=moves).execute()


class PriceChange(SyncedModel):
    """A product's price history: one row per price it has had, the first included."""

    product = ForeignKeyField(Product, backref="prices", index=True)
    price = BigIntegerField()
    changed_by = CharField(max_length=36)  # user id


class SaleStatus(StrEnum):
    SOLD = "sold"
    VOIDED = "voided"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"


class StockMoveKind(StrEnum):
    RECEIVED = "received"  # from the producer, on consignment (a stock note)
    RETURNED_TO_PRODUCER = "returned"  # given back to the producer (a stock note)
    ADJUSTED = "adjusted"  # counted, broken, lost: with a reason
    SOLD = "sold"
    SALE_RETURN = "sale_return"  # a customer brought it back
    VOIDED = "voided"  # a voided sale's goods back on the shelf


class StockNote(SyncedModel):
    """A receipt note (goods received from a producer) or a return note (goods given
    back): printed for the producer to sign; its lines are StockMoves."""

    shop = ForeignKeyField(Shop, backref="stock_notes", index=True)
    producer = ForeignKeyField(Producer, backref="stock_notes", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-N-000012"
    kind = CharField(max_length=16)  # StockMoveKind.RECEIVED or RETURNED_TO_PRODUCER
    noted_by = CharField(max_length=36)
    note = TextField(default="")

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class Sale(SyncedModel):
    shop = ForeignKeyField(Shop, backref="sales", index=True)
    sequence = IntegerField()  # per center and shop
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-000123"
    sold_by = CharField(max_length=36, index=True)  # user id
    sold_at = DateTimeField(default=utcnow, index=True)
    total = BigIntegerField()  # Σ line totals (after line discounts)
    paid_cash = BigIntegerField(default=0)  # cash handed over (change is given back)
    paid_card = BigIntegerField(default=0)
    change = BigIntegerField(default=0)
    status = CharField(max_length=8, default=SaleStatus.SOLD.value)
    void_reason = TextField(default="")
    voided_by = CharField(max_length=36, default="")
    voided_at = DateTimeField(null=True)
    override_reason = TextField(default="")  # stock taken below zero by a supervisor
    day_close = CharField(max_length=36, default="", index=True)  # DailyClose id once closed
    receipt_prints = IntegerField(default=0)  # receipts printed here: a later one is a copy

    local_only_fields: ClassVar[tuple[str, ...]] = ("receipt_prints",)

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class SaleLine(SyncedModel):
    sale = ForeignKeyField(Sale, backref="lines", index=True)
    position = IntegerField()  # 1, 2, … as rung up
    product = ForeignKeyField(Product, backref="sale_lines", index=True)
    producer = ForeignKeyField(Producer, backref="sale_lines", index=True)
    barcode = CharField(max_length=32)  # as sold
    name = CharField(max_length=200)  # as sold (the receipt prints it again as it was)
    quantity = IntegerField()
    unit_price = BigIntegerField()
    discount = BigIntegerField(default=0)  # Rials off this line's total
    line_total = BigIntegerField()  # quantity × unit_price − discount
    commission_bp = IntegerField()  # the producer's rate when sold


class SalePayment(SyncedModel):
    sale = ForeignKeyField(Sale, backref="payments", index=True)
    method = CharField(max_length=8)  # PaymentMethod
    amount = BigIntegerField()  # cash: as handed over; card: as charged
    reference = CharField(max_length=64, default="")  # the card terminal's number


class SaleReturn(SyncedModel):
    sale = ForeignKeyField(Sale, backref="returns", index=True)
    shop = ForeignKeyField(Shop, backref="sale_returns", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-R-000004"
    returned_by = CharField(max_length=36)
    returned_at = DateTimeField(default=utcnow, index=True)
    refund = BigIntegerField()  # cash given back
    reason = TextField(default="")
    day_close = CharField(max_length=36, default="", index=True)

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class ReturnLine(SyncedModel):
    sale_return = ForeignKeyField(SaleReturn, backref="lines", index=True)
    sale_line = ForeignKeyField(SaleLine, backref="returned", index=True)
    quantity = IntegerField()
    refund = BigIntegerField()  # this line's share of the sale line's total


class StockMove(SyncedModel):
    """One change of a product's stock: + in, − out. Stock is the sum of its moves."""

    product = ForeignKeyField(Product, backref="moves", index=True)
    kind = CharField(max_length=16)  # StockMoveKind
    quantity = IntegerField()  # signed
    reason = TextField(default="")
    moved_by = CharField(max_length=36)
    # What caused it (at most one): the note, the sale, the return.
    note = ForeignKeyField(StockNote, null=True, backref="moves")
    sale = ForeignKeyField(Sale, null=True, backref="moves")
    sale_return = ForeignKeyField(SaleReturn, null=True, backref="moves")


class DailyClose(SyncedModel):
    """A Z report: one staff member's period at one shop, from their last close."""

    shop = ForeignKeyField(Shop, backref="closes", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-Z-000031"
    staff = CharField(max_length=36, index=True)  # whose sales (user id)
    closed_by = CharField(max_length=36)
    closed_at = DateTimeField(default=utcnow)
    sales_count = IntegerField()
    sales_total = BigIntegerField()
    returns_count = IntegerField()
    refunds = BigIntegerField()
    card_total = BigIntegerField()
    expected_cash = BigIntegerField()  # cash in − change − refunds
    counted_cash = BigIntegerField()
    difference = BigIntegerField()  # counted − expected
    note = TextField(default="")

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class Settlement(SyncedModel):
    """A producer's paid statement for a period: the figures as paid, kept."""

    producer = ForeignKeyField(Producer, backref="settlements", index=True)
    period_from = DateField()
    period_to = DateField()
    gross = BigIntegerField()
    returns = BigIntegerField()
    commission = BigIntegerField()
    due = BigIntegerField()
    paid_on = DateField()
    bank_reference = CharField(max_length=64)
    recorded_by = CharField(max_length=36)


class HeldCart(LocalModel):
    """The till's cart as typed, kept after every change so closing the window (or a
    power cut) mid-sale loses nothing. Local: a cart is not a sale until paid."""

    shop = CharField(max_length=36)
    user = CharField(max_length=36)
    lines = TextField()  # JSON: [{"product": id, "quantity": n, "discount": r}, …]
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "held_cart"
        indexes = ((("shop", "user"), True),)


SHOP_MODELS = [
    Shop,
    Producer,
    Product,
    PriceChange,
    StockNote,
    Sale,
    SaleLine,
    SalePayment,
    SaleReturn,
    ReturnLine,
    StockMove,
    DailyClose,
    Settlement,
    HeldCart,
]
