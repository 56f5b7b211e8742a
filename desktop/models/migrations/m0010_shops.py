"""Pilot shops: shops, producers, products and prices, stock notes and moves, sales with
their lines and payments, returns, daily closes, settlements, the till's held carts; and
each user's shop and supervisor flag (models/shop.py says what each is)."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)
from playhouse.migrate import SchemaMigrator, migrate


class _Synced(Model):
    id = UUIDField(primary_key=True)
    center_code = CharField(max_length=16, index=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    deleted = BooleanField(default=False, index=True)

    class Meta:
        legacy_table_names = False


class _Local(Model):
    class Meta:
        legacy_table_names = False


class _Applicant(Model):
    id = UUIDField(primary_key=True)

    class Meta:
        table_name = "applicant"


class Shop(_Synced):
    code = CharField(max_length=10)  # "S1": unique in its center, part of sale numbers
    name = CharField(max_length=200)
    address = TextField(default="")
    receipt_footer = TextField(default="")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("center_code", "code"), True),)


class Producer(_Synced):
    number = IntegerField()  # per center, counts up; in `code`
    code = CharField(max_length=32, unique=True)  # "TEH05-P-0007"
    applicant = ForeignKeyField(_Applicant, backref="producers", index=True)
    shop = ForeignKeyField(Shop, backref="producers", index=True)
    business_name = CharField(max_length=200)
    categories = TextField(default="")  # product categories, "؛"-separated as typed
    permit_number = CharField(max_length=50, default="")
    iban = CharField(max_length=26, default="")  # "IR" + 24 digits, checked (mod 97)
    commission_bp = IntegerField()  # the shop's commission in basis points: 1250 = 12.5 %
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("center_code", "number"), True),)


class Product(_Synced):
    shop = ForeignKeyField(Shop, backref="products", index=True)
    producer = ForeignKeyField(Producer, backref="products", index=True)
    barcode = CharField(max_length=32)  # EAN-13 as printed, or the maker's own code
    name = CharField(max_length=200)
    search_key = CharField(max_length=200, index=True)  # the name as search compares it
    category = CharField(max_length=100, default="")
    unit = CharField(max_length=30)
    price = IntegerField()  # Rials, today's; a sale line keeps its own
    active = BooleanField(default=True)
    stock = IntegerField(default=0)

    class Meta:
        indexes = ((("shop", "barcode"), True),)


class PriceChange(_Synced):
    product = ForeignKeyField(Product, backref="prices", index=True)
    price = IntegerField()
    changed_by = CharField(max_length=36)  # user id


class StockNote(_Synced):
    shop = ForeignKeyField(Shop, backref="stock_notes", index=True)
    producer = ForeignKeyField(Producer, backref="stock_notes", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-N-000012"
    kind = CharField(max_length=16)  # StockMoveKind.RECEIVED or RETURNED_TO_PRODUCER
    noted_by = CharField(max_length=36)
    note = TextField(default="")

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class Sale(_Synced):
    shop = ForeignKeyField(Shop, backref="sales", index=True)
    sequence = IntegerField()  # per center and shop
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-000123"
    sold_by = CharField(max_length=36, index=True)  # user id
    sold_at = DateTimeField(index=True)
    total = IntegerField()  # Σ line totals (after line discounts)
    paid_cash = IntegerField(default=0)  # cash handed over (change is given back)
    paid_card = IntegerField(default=0)
    change = IntegerField(default=0)
    status = CharField(max_length=8, default="sold")  # sold | voided
    void_reason = TextField(default="")
    voided_by = CharField(max_length=36, default="")
    voided_at = DateTimeField(null=True)
    override_reason = TextField(default="")  # stock taken below zero by a supervisor
    day_close = CharField(max_length=36, default="", index=True)  # DailyClose id once closed
    receipt_prints = IntegerField(default=0)

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class SaleLine(_Synced):
    sale = ForeignKeyField(Sale, backref="lines", index=True)
    position = IntegerField()  # 1, 2, … as rung up
    product = ForeignKeyField(Product, backref="sale_lines", index=True)
    producer = ForeignKeyField(Producer, backref="sale_lines", index=True)
    barcode = CharField(max_length=32)  # as sold
    name = CharField(max_length=200)  # as sold (the receipt prints it again as it was)
    quantity = IntegerField()
    unit_price = IntegerField()
    discount = IntegerField(default=0)  # Rials off this line's total
    line_total = IntegerField()  # quantity × unit_price − discount
    commission_bp = IntegerField()  # the producer's rate when sold


class SalePayment(_Synced):
    sale = ForeignKeyField(Sale, backref="payments", index=True)
    method = CharField(max_length=8)  # cash | card
    amount = IntegerField()  # cash: as handed over; card: as charged
    reference = CharField(max_length=64, default="")  # the card terminal's number


class SaleReturn(_Synced):
    sale = ForeignKeyField(Sale, backref="returns", index=True)
    shop = ForeignKeyField(Shop, backref="sale_returns", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-R-000004"
    returned_by = CharField(max_length=36)
    returned_at = DateTimeField(index=True)
    refund = IntegerField()  # cash given back
    reason = TextField(default="")
    day_close = CharField(max_length=36, default="", index=True)

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class ReturnLine(_Synced):
    sale_return = ForeignKeyField(SaleReturn, backref="lines", index=True)
    sale_line = ForeignKeyField(SaleLine, backref="returned", index=True)
    quantity = IntegerField()
    refund = IntegerField()  # this line's share of the sale line's total


class StockMove(_Synced):
    product = ForeignKeyField(Product, backref="moves", index=True)
    kind = CharField(max_length=16)
    quantity = IntegerField()  # signed
    reason = TextField(default="")
    moved_by = CharField(max_length=36)
    # What caused it (at most one): the note, the sale, the return.
    note = ForeignKeyField(StockNote, null=True, backref="moves")
    sale = ForeignKeyField(Sale, null=True, backref="moves")
    sale_return = ForeignKeyField(SaleReturn, null=True, backref="moves")


class DailyClose(_Synced):
    shop = ForeignKeyField(Shop, backref="closes", index=True)
    sequence = IntegerField()
    number = CharField(max_length=40, unique=True)  # "TEH05-S1-Z-000031"
    staff = CharField(max_length=36, index=True)  # whose sales (user id)
    closed_by = CharField(max_length=36)
    closed_at = DateTimeField()
    sales_count = IntegerField()
    sales_total = IntegerField()
    returns_count = IntegerField()
    refunds = IntegerField()
    card_total = IntegerField()
    expected_cash = IntegerField()  # cash in − change − refunds
    counted_cash = IntegerField()
    difference = IntegerField()  # counted − expected
    note = TextField(default="")

    class Meta:
        indexes = ((("center_code", "shop", "sequence"), True),)


class Settlement(_Synced):
    producer = ForeignKeyField(Producer, backref="settlements", index=True)
    period_from = DateField()
    period_to = DateField()
    gross = IntegerField()
    returns = IntegerField()
    commission = IntegerField()
    due = IntegerField()
    paid_on = DateField()
    bank_reference = CharField(max_length=64)
    recorded_by = CharField(max_length=36)


class HeldCart(_Local):
    shop = CharField(max_length=36)
    user = CharField(max_length=36)
    lines = TextField()  # JSON: [{"product": id, "quantity": n, "discount": r}, …]
    updated_at = DateTimeField()

    class Meta:
        table_name = "held_cart"
        indexes = ((("shop", "user"), True),)


MODELS = [
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


def apply(database: Database, migrator: SchemaMigrator) -> None:
    migrate(
        migrator.add_column("user", "shop", CharField(max_length=36, default="")),
        migrator.add_column("user", "supervisor", BooleanField(default=False)),
    )
    with database.bind_ctx([_Applicant, *MODELS]):
        database.create_tables(MODELS)
