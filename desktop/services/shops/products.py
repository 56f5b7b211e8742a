"""The catalogue: products, their prices (with history), and the till's look-ups.

A product belongs to its producer's shop; its barcode is unique among that shop's
products — the maker's own code is kept, and a product without one gets an internal
EAN-13 (identifiers.py). A price change writes a `PriceChange` row; a sale line keeps
the price it was sold at, so history never rewrites a sale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from desktop.errors import UserError
from desktop.models import PriceChange, Producer, Product, Shop, db, writes
from desktop.models.base import tuples
from desktop.services.records import audit, fk, live
from desktop.services.session import Session
from desktop.services.shops.access import check_shop, require_shop_role, shop_for
from desktop.services.shops.identifiers import clean_barcode, internal_barcode, internal_range
from desktop.services.shops.levels import stock_of  # noqa: F401  (read here too)
from desktop.services.shops.money import parse_amount
from desktop.services.shops.stock import receive_rows
from desktop.services.validation import Collector, check_length, clean_name
from desktop.strings.shops import Products as Messages
from desktop.text.normalize import normalize_text, search_key

SEARCH_LIMIT = 30  # names shown as the till's search is typed


@dataclass(frozen=True)
class ProductRecord:
    id: str
    barcode: str
    name: str
    producer_id: str
    producer_code: str
    shop_id: str
    category: str
    unit: str
    price: int
    active: bool
    stock: int


@dataclass(frozen=True)
class ProductFields:
    """A product as a form or a file gives it (text as typed)."""

    name: str
    producer: str  # id or code
    price: str | int
    unit: str
    category: str = ""
    barcode: str = ""  # empty: an internal EAN-13 is made


def product_record(product: Product, producer_code: str, stock: int) -> ProductRecord:
    return ProductRecord(
        id=str(product.id),
        barcode=product.barcode,
        name=product.name,
        producer_id=str(fk(product, "producer")),
        producer_code=producer_code,
        shop_id=str(fk(product, "shop")),
        category=product.category,
        unit=product.unit,
        price=product.price,
        active=product.active,
        stock=stock,
    )


def _records(query: Iterable[Product]) -> list[ProductRecord]:
    """Records of products (their stock is their running level, `Product.stock`)."""
    products = list(query)
    codes = dict(
        tuples(
            Producer.select(Producer.id, Producer.code).where(
                Producer.id.in_([fk(p, "producer") for p in products] or [None])
            )
        )
    )
    return [product_record(p, codes.get(fk(p, "producer"), ""), p.stock) for p in products]


def clean_product(
    session: Session, fields: ProductFields, errors: Collector, *, prefix: str = ""
) -> tuple[str, Producer | None, int, str, str, str]:
    """(name, producer, price, unit, category, barcode) checked; problems to `errors`."""
    name = clean_name(fields.name, errors, prefix + "name", required=Messages.NAME_REQUIRED)
    unit = normalize_text(fields.unit)
    if not unit:
        errors.add(prefix + "unit", Messages.UNIT_REQUIRED)
    price = parse_amount(fields.price)
    if price is None:
        errors.add(prefix + "price", Messages.PRICE_FORMAT)
    barcode = ""
    if str(fields.barcode or "").strip():
        barcode, problem = clean_barcode(str(fields.barcode))
        if problem:
            errors.add(
                prefix + "barcode",
                Messages.BARCODE_FORMAT if problem == "format" else Messages.BARCODE_CHECK,
            )
    producer = _producer(session, fields.producer)
    if producer is None:
        errors.add(prefix + "producer", Messages.PRODUCER_REQUIRED)
    category = normalize_text(fields.category)
    for field, value, column in (
        ("name", name, Product.name),
        ("unit", unit, Product.unit),
        ("category", category, Product.category),
    ):
        check_length(value, errors, prefix + field, column)
    return name, producer, price or 0, unit, category, barcode


def _producer(session: Session, key: str) -> Producer | None:
    # Normalised as text is: a NUL in a file's cell would reach PostgreSQL, which refuses it.
    key = normalize_text(key).strip()
    if not key:
        return None
    found = Producer.get_or_none((Producer.code == key.upper()) & ~Producer.deleted)
    if found is None:
        try:
            found = live(Producer, key, Messages.PRODUCER_REQUIRED)
        except UserError:
            return None
    return found


def add_product(session: Session, fields: ProductFields, *, stock: int = 0) -> ProductRecord:
    """Add a product to its producer's shop (with the stock received, if any, on a
    receipt note of its own)."""
    require_shop_role(session)
    errors = Collector()
    name, producer, price, unit, category, barcode = clean_product(session, fields, errors)
    errors.raise_if_any()
    assert producer is not None
    check_shop(session, str(fk(producer, "shop")))
    with db.atomic():
        product = insert_product(session, producer, name, price, unit, category, barcode)
        if stock:
            receive_rows(session, producer, [(product, stock)], note="")
    return _records([product])[0]


def insert_product(
    session: Session,
    producer: Producer,
    name: str,
    price: int,
    unit: str,
    category: str,
    barcode: str,
) -> Product:
    """In the caller's transaction: the product row and its first price."""
    shop = Shop.get_by_id(fk(producer, "shop"))
    if barcode:
        if Product.get_or_none((Product.shop == shop.id) & (Product.barcode == barcode)):
            raise UserError(Messages.BARCODE_TAKEN, code="duplicate", field="barcode")
    else:
        barcode = next_internal_barcode(session.center_code, shop)
    product = writes.insert(
        Product(
            shop=shop.id,
            producer=producer.id,
            barcode=barcode,
            name=name,
            search_key=search_key(name),
            category=category,
            unit=unit,
            price=price,
        ),
        session,
    )
    writes.insert(PriceChange(product=product.id, price=price, changed_by=session.user_id), session)
    audit(session, "product.add", f"{barcode} {name}")
    return product


def next_internal_barcode(center_code: str, shop: Shop) -> str:
    low, high = internal_range(center_code)
    last = (
        Product.select(fn.MAX(Product.barcode))
        .where(
            (Product.shop == shop.id)
            & (Product.barcode >= low)
            & (Product.barcode <= high + "9")
            & (fn.LENGTH(Product.barcode) == 13)
        )
        .scalar()
    )
    number = int(last[6:12]) + 1 if last else 1
    return internal_barcode(center_code, number)


def update_product(
    session: Session,
    product_id: str,
    fields: ProductFields,
    *,
    active: bool = True,
) -> ProductRecord:
    """Change a product; a new price is kept in its history (sales keep theirs)."""
    require_shop_role(session)
    errors = Collector()
    name, producer, price, unit, category, barcode = clean_product(session, fields, errors)
    errors.raise_if_any()
    with db.atomic():
        product = live(Product, product_id, Messages.NOT_FOUND)
        check_shop(session, str(fk(product, "shop")))
        assert producer is not None
        if str(fk(producer, "shop")) != str(fk(product, "shop")):
            raise UserError(Messages.PRODUCER_OTHER_SHOP, code="other_shop", field="producer")
        if barcode and barcode != product.barcode:
            if Product.get_or_none(
                (Product.shop == fk(product, "shop")) & (Product.barcode == barcode)
            ):
                raise UserError(Messages.BARCODE_TAKEN, code="duplicate", field="barcode")
            product.barcode = barcode
        old_price = product.price
        product.name, product.search_key = name, search_key(name)
        product.producer, product.unit, product.category = producer, unit, category
        product.price, product.active = price, active
        writes.update(product, session)
        if price != old_price:
            writes.insert(
                PriceChange(product=product.id, price=price, changed_by=session.user_id), session
            )
    return _records([product])[0]


def price_history(session: Session, product_id: str) -> list[tuple[str, int]]:
    """[(changed_at ISO, price)], oldest first."""
    require_shop_role(session)
    product = live(Product, product_id, Messages.NOT_FOUND)
    check_shop(session, str(fk(product, "shop")))
    rows = tuples(
        PriceChange.select(PriceChange.created_at, PriceChange.price)
        .where(PriceChange.product == product.id)
        .order_by(PriceChange.created_at, PriceChange.id)
    )
    return [(moment.isoformat(), price) for moment, price in rows]


def list_products(
    session: Session,
    *,
    shop: str | None = None,
    producer: str | None = None,
    active_only: bool = False,
) -> list[ProductRecord]:
    require_shop_role(session)
    query = Product.select().where(~Product.deleted).order_by(Product.name, Product.barcode)
    if shop or not session.is_admin:
        query = query.where(Product.shop == shop_for(session, shop).id)
    if producer:
        found = _producer(session, producer)
        query = query.where(Product.producer == (found.id if found else None))
    if active_only:
        query = query.where(Product.active)
    return _records(query)


def product_by_barcode(session: Session, shop_id: str, text: str) -> ProductRecord:
    """The till's scan: the product of `shop_id` whose barcode was typed or scanned
    (Persian digits and letters of a Persian keyboard layout read back as meant)."""
    check_shop(session, shop_id)
    barcode, _ = clean_barcode(text)
    # One query, the producer's code joined: the till runs it on every scan.
    product = (
        Product.select(Product, Producer.id, Producer.code)
        .join(Producer, on=(Product.producer == Producer.id))
        .where((Product.shop == shop_id) & (Product.barcode == barcode) & ~Product.deleted)
        .first()
    )
    if product is None:
        raise UserError(
            Messages.BARCODE_NOT_FOUND.format(barcode=barcode),
            code="unknown_barcode",
            field="barcode",
        )
    return product_record(product, product.producer.code, product.stock)


def search_products(session: Session, shop_id: str, text: str) -> list[ProductRecord]:
    """Products of the shop whose name contains what was typed (Persian-normalised, as
    applicant search compares), active ones first by name; a barcode prefix too."""
    check_shop(session, shop_id)
    key = search_key(text).strip()
    if not key:
        return []
    barcode, _ = clean_barcode(text)
    condition = Product.search_key.contains(key)
    if barcode.isdigit():
        condition |= Product.barcode.startswith(barcode)
    query = (
        Product.select()
        .where((Product.shop == shop_id) & ~Product.deleted & condition)
        .order_by(Product.active.desc(), Product.name)
        .limit(SEARCH_LIMIT)
    )
    return _records(query)


def low_stock(session: Session, *, shop: str | None = None, below: int = 3) -> list[ProductRecord]:
    """Active products with fewer than `below` in stock, fewest first."""
    found = [p for p in list_products(session, shop=shop, active_only=True) if p.stock < below]
    return sorted(found, key=lambda p: (p.stock, p.name))
