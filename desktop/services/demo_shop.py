"""Demo pilot shops: two shops, producers who are demo people, their products with
barcodes and stock, and some weeks of sales, voids, returns, daily closes and one paid
settlement — made through the shop services, as real work is.

Like the demo courses (desktop/services/demo_courses.py) everything is written inside
`writes.unlogged`: a training database never sends a made-up shop to headquarters,
and the database is marked as a training one before the first row (`prepare_demo`).
So producers are only demo people — never anyone real work touched (`_candidates`).

The demo shop user (`shop` of demo_center.DEMO_USERS) is put in shop S1 as a
supervisor, so they can log in and sell, void and close at once; the admin sells at
S2. The services stamp every row with the present; the past is made day by day, in
order, and each row is dated back to its moment as soon as it is written: a close
counts only what was rung up before it, a return follows its sale, the paid
settlement's period ended before it was paid. Dates are relative to today; the same
seed on the same database gives the same shops, people and sales.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stdnum import ean

from desktop.models import (
    Applicant,
    Category,
    ChangeLog,
    DailyClose,
    PriceChange,
    Producer,
    Product,
    ReturnLine,
    Role,
    Sale,
    SaleReturn,
    Settlement,
    Shop,
    StockMove,
    StockMoveKind,
    StockNote,
    SyncedModel,
    User,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.services import auth
from desktop.services.demo_center import DEMO_PASSWORD, DEMO_USERS, prepare_demo
from desktop.services.session import Session
from desktop.services.shops import closing, producers, products, returns, sales, settlement
from desktop.services.shops import shops as shop_service
from desktop.services.shops import stock as stock_service
from desktop.services.shops.products import ProductFields
from desktop.services.shops.sales import CartLine, Payment

DEMO_SELLER = next(name for name, _, role in DEMO_USERS if role is Role.SHOP)
SALE_DAYS = 28  # the sales reach back this many days (today has none yet)
PAID_DAYS = 14  # the first two weeks are settled and paid
_REASON = "training data: a demo database never exports"
_FRIDAY = 4  # the shops' day off
_SATURDAY = 5  # the week's deliveries


@dataclass(frozen=True)
class _ShopPlan:
    code: str
    name: str
    address: str
    receipt_footer: str
    sales_a_day: tuple[int, int]


SHOPS = (
    _ShopPlan("S1", "فروشگاه محصولات خانگی توانا", "تهران، خیابان انقلاب، پلاک ۱۲۴",
              "از خرید شما سپاسگزاریم. کالا تا هفت روز با رسید پس گرفته می‌شود.", (6, 10)),
    _ShopPlan("S2", "غرفهٔ بازارچهٔ محلهٔ نارمک", "تهران، نارمک، میدان هفتم، بازارچهٔ محله",
              "دست‌ساز و خانگی؛ به امید دیدار دوباره.", (2, 4)),
)  # fmt: skip


@dataclass(frozen=True)
class _Item:
    name: str
    unit: str
    price: int  # Rials
    maker_code: bool = False  # sold with the maker's own EAN-13


@dataclass(frozen=True)
class _ProducerPlan:
    shop: str
    business_name: str
    category: str
    commission: str  # percent, as typed
    items: tuple[_Item, ...]


PRODUCERS = (
    _ProducerPlan("S1", "مربا و ترشی خانگی مهرگان", "خوراکی", "12.5", (
        _Item("مربای بالنگ خانگی", "شیشه", 1_850_000),
        _Item("مربای به", "شیشه", 1_450_000),
        _Item("ترشی لیته", "شیشه", 1_100_000),
        _Item("ترشی مخلوط", "شیشه", 1_250_000),
        _Item("خیارشور خانگی", "شیشه", 1_300_000),
    )),
    _ProducerPlan("S1", "شیرینی خانگی نازنین", "شیرینی", "15", (
        _Item("کلوچهٔ گردویی", "بسته", 950_000),
        _Item("نان برنجی", "بسته", 1_600_000),
        _Item("کیک یزدی", "بسته", 1_150_000),
        _Item("باقلوا", "جعبه", 2_800_000),
        _Item("شیرینی نخودچی", "جعبه", 1_350_000),
    )),
    _ProducerPlan("S1", "کارگاه بافتنی دست‌هنر", "پوشاک", "10", (
        _Item("شال‌گردن بافتنی", "عدد", 4_500_000),
        _Item("کلاه بافتنی", "عدد", 2_200_000),
        _Item("جوراب پشمی", "جفت", 1_200_000),
        _Item("دستکش بافتنی", "جفت", 1_900_000),
        _Item("عروسک بافتنی", "عدد", 3_200_000),
    )),
    _ProducerPlan("S1", "گلیم و جاجیم بانو", "صنایع دستی", "10", (
        _Item("گلیم دستباف کوچک", "عدد", 18_500_000),
        _Item("رومیزی جاجیم", "عدد", 6_800_000),
        _Item("کیف جاجیم", "عدد", 3_900_000),
        _Item("کوسن گلیمی", "عدد", 4_200_000),
    )),
    _ProducerPlan("S1", "عرقیات گیاهی سبزینه", "عرقیات", "12.5", (
        _Item("عرق نعناع", "بطری", 650_000, True),
        _Item("گلاب دوآتشه", "بطری", 900_000, True),
        _Item("عرق بیدمشک", "بطری", 750_000, True),
        _Item("عرق کاسنی", "بطری", 600_000, True),
        _Item("عرق شاه‌تره", "بطری", 620_000, True),
    )),
    _ProducerPlan("S1", "سبزی خشک و ادویهٔ ریحانه", "ادویه", "15", (
        _Item("سبزی قورمهٔ خشک", "بسته", 850_000),
        _Item("سبزی آش خشک", "بسته", 800_000),
        _Item("ادویهٔ پلویی", "بسته", 450_000),
        _Item("زعفران نیم‌مثقالی", "بسته", 3_600_000, True),
        _Item("زردچوبهٔ آسیاب‌شده", "بسته", 500_000),
    )),
    _ProducerPlan("S1", "صابون دست‌ساز آوا", "بهداشتی", "20", (
        _Item("صابون روغن زیتون", "عدد", 650_000, True),
        _Item("صابون گلیسیرینی", "عدد", 550_000, True),
        _Item("شامپوی جامد", "عدد", 980_000, True),
        _Item("کرم دست گیاهی", "عدد", 1_200_000),
    )),
    _ProducerPlan("S1", "سفال و سرامیک پگاه", "صنایع دستی", "12.5", (
        _Item("کاسهٔ سفالی", "عدد", 1_800_000),
        _Item("لیوان سرامیکی", "عدد", 1_250_000),
        _Item("گلدان سفالی کوچک", "عدد", 1_500_000),
        _Item("بشقاب نقاشی‌شده", "عدد", 2_400_000),
    )),
    _ProducerPlan("S1", "رشته و نان محلی مادربزرگ", "خوراکی", "15", (
        _Item("رشتهٔ آش خانگی", "بسته", 700_000),
        _Item("نان محلی", "بسته", 450_000),
        _Item("لواشک آلو", "بسته", 550_000),
        _Item("قطاب", "جعبه", 1_400_000),
    )),
    _ProducerPlan("S1", "زیورآلات دست‌ساز ترنج", "زیورآلات", "10", (
        _Item("گردنبند سنگی", "عدد", 2_900_000),
        _Item("دستبند چرمی", "عدد", 1_600_000),
        _Item("گوشوارهٔ مسی", "جفت", 1_350_000),
        _Item("انگشتر نقره‌کاری", "عدد", 4_800_000),
    )),
    _ProducerPlan("S2", "عسل و لبنیات محلی کوهپایه", "خوراکی", "12.5", (
        _Item("عسل طبیعی یک‌کیلویی", "شیشه", 7_500_000, True),
        _Item("کرهٔ محلی", "بسته", 2_600_000),
        _Item("کشک محلی", "شیشه", 950_000),
        _Item("روغن حیوانی نیم‌کیلویی", "بسته", 5_200_000),
    )),
    _ProducerPlan("S2", "خیاطی و دوخت سارا", "پوشاک", "10", (
        _Item("روسری نخی", "عدد", 2_100_000),
        _Item("پیش‌بند آشپزخانه", "عدد", 1_300_000),
        _Item("کیف پارچه‌ای", "عدد", 1_150_000),
        _Item("چادر نماز", "عدد", 3_400_000),
    )),
    _ProducerPlan("S2", "چرم دست‌دوز آرتا", "چرم", "12.5", (
        _Item("کیف پول چرمی", "عدد", 3_800_000),
        _Item("جاکارتی چرمی", "عدد", 1_500_000),
        _Item("کمربند چرمی", "عدد", 3_200_000),
        _Item("جاکلیدی چرمی", "عدد", 650_000),
    )),
)  # fmt: skip

_VOID_REASONS = ("کالا اشتباه اسکن شد", "مشتری پیش از پرداخت منصرف شد")
_RETURN_REASONS = ("شیشه ترک داشت", "اندازه مناسب نبود", "مشتری پشیمان شد", "رنگ دلخواه نبود")
_CLOSE_NOTES = ("کسری پول خرد", "اضافه در صندوق؛ بقیهٔ پول مشتری داده نشده بود")
_PRODUCER_CATEGORIES = (Category.ENTREPRENEUR, Category.SKILLED_NO_CAPITAL)
_BANKS = ("017", "012", "055", "056", "057", "018", "016")  # the IBAN's bank codes


@dataclass(frozen=True)
class DemoShops:
    """What `create_demo_shops` made (rows), and who sells in the first shop."""

    shops: tuple[str, ...]  # codes
    producers: int
    products: int
    stock_notes: int
    sales: int
    voided: int
    returns: int
    closes: int
    settlements: int  # producers paid for the settled period
    seller: str  # the user name of the shop user working in S1 ("" if none could)
    paid_from: dt.date | None = None
    paid_to: dt.date | None = None


def create_demo_shops(session: Session, *, seed: int = 0, password: str | None = None) -> DemoShops:
    """Make the demo shops from the demo people already here (the demo users that are
    missing are made first, with `password` or the documented demo password). Admin
    only; refused (code "real_work") on a database holding real work, before anything
    is written. Run it once per database: the shop codes are taken after that."""
    session.require(Role.ADMIN)
    prepare_demo(session, password or DEMO_PASSWORD)
    rng = random.Random(f"tavana-demo-shops:{seed}")
    people = _candidates(session.center_code, len(PRODUCERS))
    today = dt.date.today()
    start = today - dt.timedelta(days=SALE_DAYS)
    with db.atomic(), writes.unlogged(_REASON):
        maker = _Maker(session, rng, start)
        shops = maker.open_shops()
        seller = maker.staff(shops["S1"])
        maker.catalogue(people)
        maker.trade(shops, seller, today)
        paid_to = start + dt.timedelta(days=PAID_DAYS - 1)
        paid = maker.settle(start, paid_to)
    return DemoShops(
        shops=tuple(shops),
        producers=len(maker.producer_ids),
        products=len(maker.products),
        stock_notes=maker.notes,
        sales=maker.sold,
        voided=maker.voided,
        returns=maker.returned,
        closes=maker.closes,
        settlements=paid,
        seller=seller.username if seller.role is Role.SHOP else "",
        paid_from=start if paid else None,
        paid_to=paid_to if paid else None,
    )


def _candidates(center_code: str, count: int) -> list[str]:
    """National codes of up to `count` demo people to be producers, oldest first:
    made by the generator (never in the change log — whatever a person does to an
    applicant is logged), producers nowhere yet; entrepreneurs and skilled people
    without capital first, then anyone."""
    touched = {
        entity_id
        for (entity_id,) in tuples(
            ChangeLog.select(ChangeLog.entity_id).where(ChangeLog.entity == "applicant")
        )
    }
    bits = sum(category.bit for category in _PRODUCER_CATEGORIES)
    base = (
        (Applicant.center_code == center_code)
        & ~Applicant.deleted
        & Applicant.id.not_in(Producer.select(Producer.applicant))
    )
    found: list[str] = []
    for condition in (Applicant.category_flags.bin_and(bits) != 0, None):
        query = Applicant.select(Applicant.id, Applicant.national_code).where(
            base if condition is None else base & condition
        )
        for uid, code in query.order_by(Applicant.number).tuples().iterator():
            if str(uid) not in touched and code not in found:
                found.append(code)
                if len(found) == count:
                    return found
    return found


@dataclass(frozen=True)
class _Sold:
    day: int
    at: dt.datetime  # when, as stored (the record says now)
    sale: sales.SaleRecord


class _Maker:
    """Writes the demo shops step by step, each row dated back to its moment."""

    def __init__(self, admin: Session, rng: random.Random, start: dt.date):
        self.admin = admin
        self.rng = rng
        self.start = start
        self.producer_ids: list[str] = []
        self.products: dict[str, products.ProductRecord] = {}  # by id
        self.full: dict[str, int] = {}  # stock after a delivery, by product id
        self.stock: dict[str, int] = {}
        self.sales: dict[str, list[_Sold]] = {}  # by shop code: not voided nor returned
        self.notes = self.sold = self.voided = self.returned = self.closes = 0

    # -- the shops, their staff and their goods ----------------------------------------

    def open_shops(self) -> dict[str, str]:
        """{code: shop id}."""
        made = {}
        for plan in SHOPS:
            record = shop_service.add_shop(
                self.admin, plan.code, plan.name,
                address=plan.address, receipt_footer=plan.receipt_footer,
            )  # fmt: skip
            made[plan.code] = record.id
            self.sales[plan.code] = []
            _backdate([Shop.get_by_id(record.id)], self.moment(-10, 9), self.admin)
        return made

    def staff(self, shop_id: str) -> Session:
        """The demo shop user, put in `shop_id` as a supervisor; the admin when that
        user name is someone else's (made before, with another role or shop)."""
        user = User.get_or_none(
            (User.username == DEMO_SELLER)
            & (User.center_code == self.admin.center_code)
            & ~User.deleted
        )
        usable = (
            user is not None
            and user.active
            and user.role == Role.SHOP.value
            and not (user.shop and Shop.get_or_none(Shop.id == user.shop))
        )
        if user is None or not usable:
            return self.admin
        shop_service.assign_staff(self.admin, str(user.id), shop_id, supervisor=True)
        return auth.session_for(User.get_by_id(user.id))

    def catalogue(self, people: Sequence[str]) -> None:
        """The producers (as many as there are people for), their products, and the
        first delivery of each producer's goods on a receipt note."""
        registered = self.moment(-3, 10)
        for plan, national_code in zip(PRODUCERS, people, strict=False):
            producer = producers.add_producer(
                self.admin,
                national_code=national_code,
                business_name=plan.business_name,
                iban=_iban(self.rng),
                commission=plan.commission,
                shop=plan.shop,
                categories=plan.category,
                permit_number=f"{self.rng.randrange(1401, 1405)}/{self.rng.randrange(100, 9999)}",
            )
            self.producer_ids.append(producer.id)
            _backdate([Producer.get_by_id(producer.id)], registered, self.admin)
            made = []
            for item in plan.items:
                record = products.add_product(
                    self.admin,
                    ProductFields(
                        name=item.name,
                        producer=producer.code,
                        price=item.price,
                        unit=item.unit,
                        category=plan.category,
                        barcode=_maker_barcode(self.rng) if item.maker_code else "",
                    ),
                )
                self.products[record.id] = record
                # Cheap goods come by the dozen, a rug or two at a time.
                self.full[record.id] = max(3, min(40, 60_000_000 // item.price))
                self.stock[record.id] = 0
                made.append(record.id)
            _backdate(Product.select().where(Product.id.in_(made)), registered, self.admin)
            _backdate(
                PriceChange.select().where(PriceChange.product.in_(made)), registered, self.admin
            )
            self.deliver(producer.id, made, self.moment(0, 9, self.rng.randrange(60)))

    def deliver(self, producer_id: str, product_ids: Iterable[str], at: dt.datetime) -> None:
        """Goods received on a note: each product filled up to its usual level."""
        lines = [(pid, self.full[pid] - self.stock[pid]) for pid in product_ids]
        lines = [(pid, quantity) for pid, quantity in lines if quantity > 0]
        if not lines:
            return
        note = stock_service.receive_stock(self.admin, producer_id, lines)
        for pid, quantity in lines:
            self.stock[pid] += quantity
        _backdate([StockNote.get_by_id(note.id)], at, self.admin)
        _backdate(StockMove.select().where(StockMove.note == note.id), at, self.admin)
        self.notes += 1

    # -- the weeks of trade --------------------------------------------------------------

    def trade(self, shops: dict[str, str], seller: Session, today: dt.date) -> None:
        """Every open day from the start to yesterday: deliveries on Saturdays, sales,
        now and then a void or a return, and each shop's close in the evening."""
        rng = self.rng
        days = (today - self.start).days
        void_days = set(rng.sample(range(3, days), 2))
        return_days = set(rng.sample(range(4, days), 7))
        repriced = rng.randrange(days // 2, days)
        for day in range(days):
            date = self.start + dt.timedelta(days=day)
            if date.weekday() == _FRIDAY:
                continue
            if day and date.weekday() == _SATURDAY:
                self.restock(self.moment(day, 9, 15))
            if day == repriced:
                self.reprice(self.moment(day, 9, 40))
            for plan in SHOPS:
                staff = seller if plan.code == "S1" else self.admin
                self.day_of_sales(plan, shops[plan.code], staff, day)
            if day in void_days:
                self.void(seller, day)
            if day in return_days:
                self.give_back(seller, day)
            for plan in SHOPS:
                staff = seller if plan.code == "S1" else self.admin
                self.close(shops[plan.code], staff, day)

    def restock(self, at: dt.datetime) -> None:
        """The week's deliveries: every producer whose goods run low brings more."""
        for producer_id in self.producer_ids:
            mine = [p.id for p in self.products.values() if p.producer_id == producer_id]
            if any(self.stock[pid] * 3 < self.full[pid] for pid in mine):
                self.deliver(producer_id, mine, at)

    def reprice(self, at: dt.datetime) -> None:
        """One product costs more from today: sold before at its old price."""
        record = next(iter(self.products.values()))  # the first made
        raised = record.price * 11 // 10 // 10_000 * 10_000
        new = products.update_product(
            self.admin,
            record.id,
            ProductFields(record.name, record.producer_code, raised, record.unit,
                          record.category, record.barcode),
        )  # fmt: skip
        self.products[record.id] = new
        latest = PriceChange.select().where(PriceChange.product == record.id)
        _backdate([latest.order_by(PriceChange.created_at.desc()).get()], at, self.admin)

    def day_of_sales(self, plan: _ShopPlan, shop_id: str, staff: Session, day: int) -> None:
        rng = self.rng
        count = rng.randint(*plan.sales_a_day)
        minutes = sorted(rng.sample(range(10 * 60, 20 * 60), count))
        goods = [p for p in self.products.values() if p.shop_id == shop_id]
        if not goods:  # too few demo people for this shop's producers
            return
        weights = [1 / (p.price**0.5) for p in goods]
        for minute in minutes:
            lines: dict[str, CartLine] = {}
            for _ in range(rng.choices((1, 2, 3, 4), (45, 30, 17, 8))[0]):
                product = rng.choices(goods, weights)[0]
                quantity = rng.choices((1, 2, 3), (75, 20, 5))[0]
                if product.id in lines or self.stock[product.id] < quantity:
                    continue
                gross = product.price * quantity
                discount = 0
                if rng.random() < 0.12:
                    discount = gross * rng.choice((5, 10)) // 100 // 10_000 * 10_000
                lines[product.id] = CartLine(product.id, quantity, discount)
            if not lines:
                continue
            cart = list(lines.values())
            total = sum(self.products[x.product_id].price * x.quantity - x.discount for x in cart)
            sale = sales.sell(staff, shop_id, cart, self.payments(total))
            for line in cart:
                self.stock[line.product_id] -= line.quantity
            at = self.moment(day, minute // 60, minute % 60)
            # Its lines and payments keep their order (by position, by creation).
            _backdate([Sale.get_by_id(sale.id)], at, staff, "sold_at")
            _backdate(StockMove.select().where(StockMove.sale == sale.id), at, staff)
            self.sales[plan.code].append(_Sold(day, at, sale))
            self.sold += 1

    def payments(self, total: int) -> list[Payment]:
        """Cash (notes handed over, change given), a card, or a card and the rest cash."""
        rng = self.rng
        draw = rng.random()
        reference = f"{rng.randrange(100_000, 1_000_000)}"
        if draw < 0.4:
            step = rng.choice((100_000, 500_000, 1_000_000))
            return [Payment("cash", -(-total // step) * step)]
        if draw < 0.85 or total < 2_000_000:
            return [Payment("card", total, reference)]
        card = total // 1_000_000 * 1_000_000
        if card == total:
            card -= 1_000_000
        rest = total - card
        return [Payment("card", card, reference), Payment("cash", -(-rest // 100_000) * 100_000)]

    def void(self, seller: Session, day: int) -> None:
        """The day's last sale at S1 rung up wrongly: voided minutes later."""
        today = [sold for sold in self.sales["S1"] if sold.day == day]
        if not today or not (seller.is_admin or seller.supervisor):
            return
        sold = today[-1]
        returns.void_sale(seller, sold.sale.number, self.rng.choice(_VOID_REASONS))
        at = sold.at + dt.timedelta(minutes=4)
        row = Sale.get_by_id(sold.sale.id)
        row.voided_at = at
        writes.update(row, seller)
        moves = StockMove.select().where(
            (StockMove.sale == sold.sale.id) & (StockMove.kind == StockMoveKind.VOIDED.value)
        )
        _backdate(moves, at, seller)
        for line in sold.sale.lines:
            self.stock[self._product(line.barcode, sold.sale.shop_id)] += line.quantity
        self.sales["S1"].remove(sold)
        self.voided += 1

    def give_back(self, seller: Session, day: int) -> None:
        """A customer brings back one item of an S1 sale of the last few days."""
        recent = [sold for sold in self.sales["S1"] if 1 <= day - sold.day <= 6]
        if not recent:
            return
        sold = self.rng.choice(recent)
        line = self.rng.choice(sold.sale.lines)
        made = returns.return_items(
            seller, sold.sale.number, [(line.barcode, 1)], reason=self.rng.choice(_RETURN_REASONS)
        )
        at = self.moment(day, 11, self.rng.randrange(60))
        row = SaleReturn.get_by_id(made.id)
        row.returned_at = at
        _backdate([row], at, seller)
        _backdate(ReturnLine.select().where(ReturnLine.sale_return == made.id), at, seller)
        _backdate(StockMove.select().where(StockMove.sale_return == made.id), at, seller)
        self.stock[self._product(line.barcode, sold.sale.shop_id)] += 1
        self.sales["S1"].remove(sold)  # one return a sale is enough for a demo
        self.returned += 1

    def close(self, shop_id: str, staff: Session, day: int) -> None:
        """The evening's Z report: the drawer counted, now and then a little off."""
        open_now = closing.open_period(staff, shop_id)
        if not open_now.sales_count and not open_now.returns_count:
            return
        off, note = 0, ""
        if self.rng.random() < 0.15:
            off = self.rng.choice((-50_000, -20_000, 30_000, 100_000))
            note = _CLOSE_NOTES[0] if off < 0 else _CLOSE_NOTES[1]
        made = closing.close_day(
            staff, shop=shop_id, counted_cash=max(0, open_now.expected_cash + off), note=note
        )
        _backdate([DailyClose.get_by_id(made.id)], self.moment(day, 20, 30), staff, "closed_at")
        self.closes += 1

    def settle(self, date_from: dt.date, date_to: dt.date) -> int:
        """The first weeks settled: each producer paid by bank transfer a few days on."""
        paid_on = date_to + dt.timedelta(days=3)
        paid = 0
        for row in settlement.settlement(self.admin, date_from, date_to):
            settlement.record_payment(
                self.admin, row.producer_id, date_from, date_to,
                paid_on=paid_on, bank_reference=f"{self.rng.randrange(10**11, 10**12)}",
            )  # fmt: skip
            stored = Settlement.get(
                (Settlement.producer == row.producer_id) & (Settlement.period_from == date_from)
            )
            at = _local_moment(paid_on, 10, paid)
            _backdate([stored], at, self.admin)
            paid += 1
        return paid

    # -- helpers ------------------------------------------------------------------------

    def moment(self, day: int, hour: int, minute: int = 0) -> dt.datetime:
        return _local_moment(self.start + dt.timedelta(days=day), hour, minute)

    def _product(self, barcode: str, shop_id: str) -> str:
        return next(p.id for p in self.products.values()
                    if p.barcode == barcode and p.shop_id == shop_id)  # fmt: skip


def _backdate(rows: Iterable[SyncedModel], at: dt.datetime, by: Session, *also: str) -> None:
    """Date rows a service just wrote (stamped now) back to `at`: their creation and the
    fields named in `also`, a microsecond apart in the order given, so what sorts by
    time keeps the order they were written in."""
    for offset, row in enumerate(rows):
        moment = at + dt.timedelta(microseconds=offset)
        row.created_at = moment
        for name in also:
            setattr(row, name, moment)
        writes.update(row, by)


def _local_moment(date: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A local time on `date` as stored: naive UTC."""
    local = dt.datetime.combine(date, dt.time(hour, minute)).astimezone(dt.UTC)
    return local.replace(tzinfo=None)


def _iban(rng: random.Random) -> str:
    """An Iranian IBAN whose ISO 7064 mod-97 check holds: IR, two check digits, a bank
    code and an account number."""
    body = rng.choice(_BANKS) + "".join(rng.choice("0123456789") for _ in range(19))
    check = 98 - int(body + "182700") % 97  # I = 18, R = 27, check digits 00
    return f"IR{check:02d}{body}"


def _maker_barcode(rng: random.Random) -> str:
    """A maker's own EAN-13 under Iran's GS1 prefix (626)."""
    body = "626" + "".join(rng.choice("0123456789") for _ in range(9))
    return body + ean.calc_check_digit(body)
