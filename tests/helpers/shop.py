"""A shop with producers, products and stock, made through the shop services."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models import Applicant, User
from desktop.services import auth
from desktop.services.session import Session
from desktop.services.shops import producers, products, shops
from desktop.services.shops.products import ProductFields
from desktop.services.shops.sales import CartLine, Payment, SaleRecord, sell
from tests.helpers.people import login_as, person

# Valid Iranian IBANs (mod 97 holds).
IBANS = ("IR820540102680020817909002", "IR062960000000100324200001")


@dataclass(frozen=True)
class ShopWorld:
    shop_id: str
    shop_code: str
    producer_ids: tuple[str, ...]
    producer_codes: tuple[str, ...]
    product_ids: tuple[str, ...]  # three per producer
    barcodes: tuple[str, ...]
    prices: tuple[int, ...]


def valid_iban(seed: int) -> str:
    """An IR IBAN whose check digits hold, made from `seed`."""
    body = f"{seed:022d}"
    number = int(body + "1827" + "00")  # I=18, R=27, check digits 00
    return f"IR{98 - number % 97:02d}{body}"


def open_shop(
    admin: Session, *, code: str = "S1", producers_count: int = 2, stock: int = 20
) -> ShopWorld:
    shop = shops.add_shop(admin, code, "فروشگاه محصولات خانگی " + code, receipt_footer="سپاس")
    producer_ids, producer_codes, product_ids, barcodes, prices = [], [], [], [], []
    for index in range(producers_count):
        applicant_id = person(admin, "زهره", categories=("entrepreneur",))
        national_code = Applicant.get_by_id(applicant_id).national_code
        producer = producers.add_producer(
            admin,
            national_code=national_code,
            business_name=f"کارگاه خانگی {index + 1}",
            iban=valid_iban(index + 1),
            commission="12.5" if index % 2 == 0 else "10",
            shop=shop.code,
        )
        producer_ids.append(producer.id)
        producer_codes.append(producer.code)
        for item, (name, price) in enumerate(
            (("مربای بالنگ", 350_000), ("ترشی لیته", 210_000), ("عروسک بافتنی", 1_250_000))
        ):
            product = products.add_product(
                admin,
                ProductFields(
                    name=f"{name} {index + 1}",
                    producer=producer.code,
                    price=price + 1000 * index + item,
                    unit="عدد",
                    category="خوراکی",
                ),
                stock=stock,
            )
            product_ids.append(product.id)
            barcodes.append(product.barcode)
            prices.append(product.price)
    return ShopWorld(
        shop.id, shop.code, tuple(producer_ids), tuple(producer_codes), tuple(product_ids),
        tuple(barcodes), tuple(prices),
    )  # fmt: skip


def shop_user(
    admin: Session, world: ShopWorld, username: str, *, supervisor: bool = False
) -> Session:
    """A shop user of `world`'s shop, logged in."""
    login_as(admin, username, "shop")

    user = User.get(User.username == username)
    shops.assign_staff(admin, str(user.id), world.shop_id, supervisor=supervisor)
    return auth.login(username, "12345678")


def cash_sale(session: Session, world: ShopWorld, *items: tuple[int, int]) -> SaleRecord:
    """Sell (product index, quantity) items for exact cash."""
    lines = [CartLine(world.product_ids[index], quantity) for index, quantity in items]
    total = sum(world.prices[index] * quantity for index, quantity in items)
    return sell(session, world.shop_id, lines, [Payment("cash", total)])
