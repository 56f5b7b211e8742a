"""The till over a shop with 10,000 products (200 producers) and 1,000,000 past sales
(prints figures; asserts nothing).

    .venv/bin/python bench/till.py [--products 10000] [--producers 200]
        [--sales 1000000] [--keep DIR] [--repeat 300] [--db URL] [--explain]

Builds the shop in a temp file — or reuses DIR/till-P-S.sqlite3 when --keep names a
folder that has it; with --db, uses that database (a postgresql:// URL or a path),
reusing it when it already holds the sales. The past is written in bulk, unlogged
(`writes.insert_many` inside `writes.unlogged("bench data")`, as the demo does): 1–4
lines a sale, cash, card or both, some line discounts, a few voids and 1 % returns,
spread over two years with a daily close per day and each receipt printed once (so a
later print is a copy); the products' stock levels are then summed from the moves; the
products' popularity is skewed, as a shop's is. Then, on a warm connection,
times what the till does:

(a) Enter after a scan: `products.product_by_barcode`, then `sales.price_cart` of the
    cart with the scanned line (1–5 lines) — target < 15 ms p95 including drawing the
    line (a `draw` step, `--gui`, comes with the till's view);
(b) pay: `sales.sell` of a 3-line cart, card and cash, committed — target < 10 ms p95;
(c) the receipt PDF: `papers.write_receipt` — target < 30 ms p95 (skipped, said so,
    while desktop/printing/receipt.py is missing);
(d) a month's settlement of every producer: `settlement.settlement` — target < 1 s.

A figure that misses its target is printed with the plan (EXPLAIN QUERY PLAN, or
EXPLAIN on PostgreSQL) of every statement its slowest run ran; --explain prints them
for every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peewee import SqliteDatabase
from stdnum import ean
from uuid6 import uuid7

from bench.search import database_size, explain, figures, percentile
from desktop.models import (
    DailyClose,
    PriceChange,
    Producer,
    Product,
    ReturnLine,
    Role,
    Sale,
    SaleLine,
    SalePayment,
    SaleReturn,
    Shop,
    StockMove,
    StockNote,
    User,
    db,
    writes,
)
from desktop.models.db import SQLITE_PRAGMAS, Checkpointer, close_database, describe_target
from desktop.models.opening import open_database
from desktop.services import auth, demo, users
from desktop.services.demo_shop import PRODUCERS
from desktop.services.session import Session
from desktop.services.setup import admin_session, initialise_center, is_initialised
from desktop.services.shops import papers, products, sales, settlement, shops
from desktop.services.shops.identifiers import internal_barcode
from desktop.services.shops.returns import refund_share
from desktop.services.shops.sales import CartLine, Payment
from desktop.text.normalize import search_key

ENTER_TARGET_MS = 15.0
SELL_TARGET_MS = 10.0
RECEIPT_TARGET_MS = 30.0
SETTLEMENT_TARGET_MS = 1000.0
DAYS = 730  # the sales reach back two years
BATCH = 20_000  # sales a transaction
LOAD_CACHE_KIB = 262_144
SHOP = "S1"
TILL_USER = "till"
PASSWORD = "bench-password"
_REASON = "bench data"

VARIANTS = ("خانگی", "محلی", "ویژه", "ممتاز", "سنتی", "کم‌شیرین", "تازه", "دست‌ساز",
            "طبیعی", "اعلا", "ساده", "هدیه")  # fmt: skip
SIZES = ("کوچک", "متوسط", "بزرگ", "۲۵۰ گرمی", "۵۰۰ گرمی", "یک‌کیلویی", "خانواده")
COMMISSIONS = (1000, 1250, 1500, 2000)  # basis points


@dataclass(frozen=True)
class Goods:
    """The catalogue as the generator and the timed steps use it."""

    shop_id: str
    shop_key: str  # the id as the database stores it (hex), for the bulk rows
    till: Session
    admin: Session
    ids: list[str]  # as the services take them
    keys: list[str]  # the same, as the database stores them
    barcodes: list[str]
    names: list[str]
    prices: list[int]
    producers: list[str]  # each product's producer (key)
    rates: dict[str, int]  # producer key: commission in basis points
    popularity: list[float]  # cumulative weights over `ids`
    first_sale: dt.datetime
    last_sale: dt.datetime

    def pick(self, rng: random.Random, count: int) -> list[int]:
        """`count` different products, popular ones more often."""
        chosen: list[int] = []
        while len(chosen) < count:
            index = rng.choices(range(len(self.ids)), cum_weights=self.popularity)[0]
            if index not in chosen:
                chosen.append(index)
        return chosen


# -- the database ------------------------------------------------------------------------


def prepare(target: Path | str, product_count: int, producer_count: int, sale_count: int) -> Goods:
    """Open `target`, building the shop in it unless it already has it."""
    open_database(str(target))
    if not is_initialised():
        initialise_center(
            center_code="DEMO01",
            center_name="مرکز خدمات اجتماعی نمونه",
            city="تهران",
            admin_username="admin",
            admin_display_name="مدیر",
            password=PASSWORD,
        )
    admin = admin_session()
    shop = Shop.get_or_none(Shop.code == SHOP)
    have = Sale.select().count() if shop else 0
    if shop is not None and have >= sale_count:
        print(f"reusing {describe_target(target)} ({have:,} sales)")
        return load(admin, str(shop.id))
    if shop is not None:
        raise SystemExit(f"{describe_target(target)} holds a smaller bench shop: remove it first")
    started = time.perf_counter()
    shop_id, till = open_shop(admin, producer_count)
    producers_at = time.perf_counter()
    write_catalogue(admin, shop_id, product_count, producer_count)
    catalogue_at = time.perf_counter()
    print(
        f"build: shop, {producer_count:,} producers and their applicants "
        f"{producers_at - started:.1f} s; {product_count:,} products with prices and "
        f"stock {catalogue_at - producers_at:.1f} s"
    )
    goods = load(admin, shop_id, till)
    on_sqlite = isinstance(db.obj, SqliteDatabase)
    if on_sqlite:  # a larger page cache while loading, as the demo's bulk load has
        db.execute_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    write_sales(goods, sale_count)
    with db.atomic():  # the products' running stock levels, from the moves just written
        Product.rebuild_stock()
    if on_sqlite:
        db.execute_sql(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        # What autovacuum does soon after a bulk load, done now: without it the planner
        # still takes the tables for empty (it picks product_shop_id over the barcode's
        # index, and reads every product of the shop on each scan).
        db.execute_sql("ANALYZE")
    print(f"database size: {database_size(target)}")
    return load(admin, shop_id)


def open_shop(admin: Session, producer_count: int) -> tuple[str, Session]:
    """The shop, a till user working in it, and the producers' applicants (demo
    people: the database becomes a training one)."""
    demo.create_demo_applicants(admin, producer_count)
    with db.atomic(), writes.unlogged(_REASON):
        shop = shops.add_shop(
            admin, SHOP, "فروشگاه محصولات خانگی توانا", address="تهران", receipt_footer="سپاس"
        )
        users.add_user(
            admin, username=TILL_USER, display_name="مریم کریمی", role=Role.SHOP.value,
            password=PASSWORD,
        )  # fmt: skip
        user = User.get(User.username == TILL_USER)
        shops.assign_staff(admin, str(user.id), shop.id)
    return shop.id, auth.session_for(User.get_by_id(user.id))


def write_catalogue(admin: Session, shop_id: str, product_count: int, producer_count: int) -> None:
    """Producers (one per demo applicant), products named after the demo catalogue's,
    each with its first price, and one receipt note per producer with ample stock."""
    rng = random.Random("bench-till:catalogue")
    people = [str(uid) for (uid,) in db.execute_sql("SELECT id FROM applicant ORDER BY number")]
    items = [(item, plan.category) for plan in PRODUCERS for item in plan.items]
    with db.atomic(), writes.unlogged(_REASON):
        producer_rows = [
            {
                "id": uuid7(), "number": n, "code": f"{admin.center_code}-P-{n:04d}",
                "applicant": people[n - 1], "shop": shop_id,
                "business_name": f"کارگاه خانگی {n}", "iban": _iban(rng),
                "commission_bp": rng.choice(COMMISSIONS),
            }
            for n in range(1, producer_count + 1)
        ]  # fmt: skip
        writes.insert_many(Producer, producer_rows, admin, log=False)
        taken: set[str] = set()
        product_rows = []
        for n in range(1, product_count + 1):
            item, category = rng.choice(items)
            name = f"{item.name} {rng.choice(VARIANTS)} {rng.choice(SIZES)}"
            barcode = internal_barcode(admin.center_code, n)
            if rng.random() < 0.1:  # the maker's own code
                body = "626" + "".join(rng.choice("0123456789") for _ in range(9))
                if body + ean.calc_check_digit(body) not in taken:
                    barcode = body + ean.calc_check_digit(body)
            taken.add(barcode)
            price = item.price * rng.randrange(60, 180) // 100 // 10_000 * 10_000
            product_rows.append(
                {
                    "id": uuid7(), "shop": shop_id, "producer": rng.choice(producer_rows)["id"],
                    "barcode": barcode, "name": name, "search_key": search_key(name),
                    "category": category, "unit": item.unit, "price": max(price, 10_000),
                }
            )  # fmt: skip
        writes.insert_many(Product, product_rows, admin, log=False)
        writes.insert_many(
            PriceChange,
            [{"id": uuid7(), "product": p["id"], "price": p["price"], "changed_by": admin.user_id}
             for p in product_rows],
            admin,
            log=False,
        )  # fmt: skip
        goods_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for product in product_rows:
            goods_of[product["producer"]].append(product)
        notes, moves = [], []
        for sequence, producer in enumerate(producer_rows, start=1):
            note_id = uuid7()
            notes.append(
                {
                    "id": note_id, "shop": shop_id, "producer": producer["id"],
                    "sequence": sequence, "number": f"{admin.center_code}-{SHOP}-N-{sequence:06d}",
                    "kind": "received", "noted_by": admin.user_id,
                }
            )  # fmt: skip
            moves += [
                {"id": uuid7(), "product": p["id"], "kind": "received", "quantity": 1_000_000,
                 "moved_by": admin.user_id, "note": note_id}
                for p in goods_of[producer["id"]]
            ]  # fmt: skip
        writes.insert_many(StockNote, notes, admin, log=False)
        writes.insert_many(StockMove, moves, admin, log=False)


def load(admin: Session, shop_id: str, till: Session | None = None) -> Goods:
    rows = list(
        Product.select(Product.id, Product.barcode, Product.name, Product.price, Product.producer)
        .where(Product.shop == shop_id)
        .order_by(Product.barcode)
        .tuples()
    )
    rated = Producer.select(Producer.id, Producer.commission_bp).tuples()
    rates = {pid.hex: basis_points for pid, basis_points in rated}
    # A shop's sales lean on a few products: weight 1/rank^0.8 over a fixed shuffle.
    order = list(range(len(rows)))
    random.Random("bench-till:popularity").shuffle(order)
    weights = [0.0] * len(rows)
    for rank, index in enumerate(order, start=1):
        weights[index] = 1 / rank**0.8
    if till is None:
        user = User.get(User.username == TILL_USER)
        till = auth.session_for(user)
    bounds = Sale.select(Sale.sold_at).order_by(Sale.sold_at)
    first = bounds.first()
    last = bounds.order_by(Sale.sold_at.desc()).first()
    return Goods(
        shop_id=shop_id,
        shop_key=uuid.UUID(shop_id).hex,
        till=till,
        admin=admin,
        ids=[str(row[0]) for row in rows],
        keys=[row[0].hex for row in rows],
        barcodes=[row[1] for row in rows],
        names=[row[2] for row in rows],
        prices=[row[3] for row in rows],
        producers=[row[4].hex for row in rows],
        rates=rates,
        popularity=list(itertools.accumulate(weights)),
        first_sale=first.sold_at if first else dt.datetime.now(),
        last_sale=last.sold_at if last else dt.datetime.now(),
    )


class _Ids:
    """Row ids for the bulk load, as the database stores them (hex: no row converted):
    time-ordered like uuid7, one drawn for every 16 ids, the others counting on."""

    def __init__(self) -> None:
        self.base = 0
        self.left = 0

    def __call__(self) -> str:
        if not self.left:
            self.base, self.left = uuid7().int, 16
        self.left -= 1
        return f"{self.base + 15 - self.left:032x}"


new_id = _Ids()


class _Day:
    """A day's figures for its close."""

    def __init__(self) -> None:
        self.id = uuid7()
        self.sales = self.total = self.cash = self.card = self.returns = self.refunds = 0


def write_sales(goods: Goods, count: int) -> None:
    """`count` sales over DAYS days up to yesterday, BATCH to a transaction, with their
    lines, payments, stock moves, returns and each day's close."""
    rng = random.Random("bench-till:sales")
    admin, till = goods.admin, goods.till
    center = admin.center_code
    today = dt.datetime.combine(dt.date.today(), dt.time(10)).astimezone(dt.UTC)
    start = today.replace(tzinfo=None) - dt.timedelta(days=DAYS)
    step = dt.timedelta(days=DAYS) / max(count, 1)
    days: dict[int, _Day] = defaultdict(_Day)
    returns_due: list[tuple[dt.datetime, dict[str, Any], dict[str, Any]]] = []
    started = time.perf_counter()
    written = returned = 0
    for first in range(0, count, BATCH):
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for index in range(first, min(first + BATCH, count)):
            at = start + step * index
            sale, lines = _sale(rng, goods, center, index + 1, at)
            day = days[(at - start).days]
            sale["day_close"] = str(day.id)
            rows[Sale].append(sale)
            rows[SaleLine] += lines
            rows[SalePayment] += _payments(rng, sale)
            voided = rng.random() < 0.002
            if voided:
                sale.update(status="voided", void_reason="اشتباه در ثبت", voided_by=till.user_id,
                            voided_at=at + dt.timedelta(minutes=3))  # fmt: skip
            for line in lines:
                rows[StockMove].append(_move(line["product"], "sold", -line["quantity"], at, sale))
                if voided:
                    rows[StockMove].append(
                        _move(line["product"], "voided", line["quantity"], at, sale)
                    )
            if voided:
                continue
            day.sales += 1
            day.total += sale["total"]
            day.cash += sale["paid_cash"] - sale["change"]
            day.card += sale["paid_card"]
            if rng.random() < 0.01:
                back = at + dt.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(3))
                if back < today.replace(tzinfo=None):
                    returns_due.append((back, sale, lines[0]))
        due = [item for item in returns_due if item[0] <= at]
        returns_due = [item for item in returns_due if item[0] > at]
        for back, sale, line in due:
            returned += 1
            _return(rows, till, center, returned, back, sale, line, days[(back - start).days])
        with db.atomic(), writes.unlogged(_REASON):
            for model in (Sale, SaleLine, SalePayment, SaleReturn, ReturnLine, StockMove):
                writes.insert_many(model, rows[model], till, log=False)
        written = min(first + BATCH, count)
        print(
            f"  written {written:,} of {count:,} sales ({time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
            flush=True,
        )
    with db.atomic(), writes.unlogged(_REASON):
        closes = _closes(days, start, goods.shop_id, till, center)
        writes.insert_many(DailyClose, closes, till, log=False)
    seconds = time.perf_counter() - started
    print(
        f"build: {count:,} sales with {Sale.select().count():,} sales, "
        f"{SaleLine.select().count():,} lines, {returned:,} returns and {len(days):,} closes "
        f"in {seconds:.1f} s ({count / seconds:,.0f} sales/s)"
    )


def _sale(
    rng: random.Random, goods: Goods, center: str, sequence: int, at: dt.datetime
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    sale_id = new_id()
    lines = []
    size = rng.choices((1, 2, 3, 4), (45, 30, 17, 8))[0]
    for position, index in enumerate(goods.pick(rng, size), start=1):
        quantity = rng.choices((1, 2, 3), (75, 20, 5))[0]
        price = goods.prices[index]
        discount = price * quantity // 20 // 10_000 * 10_000 if rng.random() < 0.1 else 0
        producer = goods.producers[index]
        lines.append(
            {
                "id": new_id(), "sale": sale_id, "position": position,
                "product": goods.keys[index],
                "producer": producer, "barcode": goods.barcodes[index], "name": goods.names[index],
                "quantity": quantity, "unit_price": price, "discount": discount,
                "line_total": price * quantity - discount, "commission_bp": goods.rates[producer],
                "created_at": at, "updated_at": at,
            }
        )  # fmt: skip
    sale = {
        "id": sale_id, "shop": goods.shop_key, "sequence": sequence,
        "number": f"{center}-{SHOP}-{sequence:06d}", "sold_by": goods.till.user_id,
        "sold_at": at, "total": sum(line["line_total"] for line in lines),
        "created_at": at, "updated_at": at,
        "receipt_prints": 1,  # printed at the till: a later print is a copy
    }  # fmt: skip
    return sale, lines


def _payments(rng: random.Random, sale: dict[str, Any]) -> list[dict[str, Any]]:
    """Cash (notes, change back), card, or card and the rest cash; set on the sale."""
    total, at = sale["total"], sale["sold_at"]
    draw = rng.random()
    card = 0 if draw < 0.4 else total if draw < 0.85 or total < 2_000_000 else total // 2
    rest = total - card
    cash = -(-rest // 100_000) * 100_000 if rest else 0
    sale.update(paid_cash=cash, paid_card=card, change=cash - rest)
    made = []
    if card:
        made.append({"id": new_id(), "sale": sale["id"], "method": "card", "amount": card,
                     "reference": f"{rng.randrange(10**5, 10**6)}", "created_at": at})  # fmt: skip
    if cash:
        made.append({"id": new_id(), "sale": sale["id"], "method": "cash", "amount": cash,
                     "created_at": at + dt.timedelta(microseconds=1)})  # fmt: skip
    return made


def _move(
    product: Any, kind: str, quantity: int, at: dt.datetime, sale: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "id": new_id(), "product": product, "kind": kind, "quantity": quantity,
        "moved_by": sale["sold_by"] if sale else "", "sale": sale["id"] if sale else None,
        "created_at": at, "updated_at": at,
    }  # fmt: skip


def _return(
    rows: dict[Any, list[dict[str, Any]]],
    till: Session,
    center: str,
    sequence: int,
    at: dt.datetime,
    sale: dict[str, Any],
    line: dict[str, Any],
    day: _Day,
) -> None:
    """One item of `line` brought back at `at`: refund, restock, in that day's close."""
    refund = refund_share(line["line_total"], line["quantity"], 0, 1)
    return_id = new_id()
    rows[SaleReturn].append(
        {
            "id": return_id, "sale": sale["id"], "shop": sale["shop"], "sequence": sequence,
            "number": f"{center}-{SHOP}-R-{sequence:06d}", "returned_by": till.user_id,
            "returned_at": at, "refund": refund, "day_close": str(day.id),
            "created_at": at, "updated_at": at,
        }
    )  # fmt: skip
    rows[ReturnLine].append(
        {"id": new_id(), "sale_return": return_id, "sale_line": line["id"], "quantity": 1,
         "refund": refund, "created_at": at, "updated_at": at}
    )  # fmt: skip
    move = _move(line["product"], "sale_return", 1, at)
    move.update(sale=None, sale_return=return_id, moved_by=till.user_id)
    rows[StockMove].append(move)
    day.returns += 1
    day.refunds += refund


def _closes(
    days: dict[int, _Day], start: dt.datetime, shop_id: str, till: Session, center: str
) -> list[dict[str, Any]]:
    """Each day's close, after the last of its sales and returns (a day here runs from
    the first sale's hour to the same hour the next day)."""
    made = []
    for sequence, (offset, day) in enumerate(sorted(days.items()), start=1):
        at = start + dt.timedelta(days=offset + 1, minutes=-1)
        expected = day.cash - day.refunds
        made.append(
            {
                "id": day.id, "shop": shop_id, "sequence": sequence,
                "number": f"{center}-{SHOP}-Z-{sequence:06d}", "staff": till.user_id,
                "closed_by": till.user_id, "closed_at": at, "sales_count": day.sales,
                "sales_total": day.total, "returns_count": day.returns, "refunds": day.refunds,
                "card_total": day.card, "expected_cash": expected, "counted_cash": expected,
                "difference": 0, "created_at": at, "updated_at": at,
            }
        )  # fmt: skip
    return made


def _iban(rng: random.Random) -> str:
    body = "0" + "".join(rng.choice("0123456789") for _ in range(21))
    return f"IR{98 - int(body + '182700') % 97:02d}{body}"


# -- the timed steps ----------------------------------------------------------------------


# On screen: given the cart before the scan and the scanned code, the timed Enter.
Draw = Callable[[list[CartLine], str], Callable[[], Any]]


def gui_drawer(goods: Goods) -> Draw | None:
    """The till's own page under Tk (`--gui`, with a display): the cart set up untimed,
    the code typed into the scan field; timed, what Enter does there — look the code up,
    price the cart, hold it, fill the cart's table and the total — until Tk has drawn it."""
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        print("  (a) on screen: skipped (no DISPLAY; run under Xvfb for this part)")
        return None
    import ttkbootstrap as ttk

    from desktop.context import AppContext
    from desktop.fonts import FAMILY, register_app_fonts
    from desktop.services.settings import load_settings
    from desktop.text.display import DisplayMode
    from desktop.views.background import SyncRunner
    from desktop.views.registry import build_registry
    from desktop.views.shop.till import TillView
    from desktop.views.widgets.rtl import configure_display

    register_app_fonts()
    ttk.set_global_family(FAMILY)
    app = ttk.App(theme="bootstrap-light")
    configure_display(DisplayMode.AUTO, app.tk.call("tk", "windowingsystem"))
    app.geometry("1366x740+0+0")
    context = AppContext(
        database=str(describe_target(db.obj.database)),
        settings=load_settings(),
        registry=build_registry(),
        runner=SyncRunner(),
        log_path=Path(tempfile.gettempdir()) / "tavana-bench.log",
        session=goods.till,
        modal_dialogs=False,
    )
    # As the app runs: the held cart written on each change is checkpointed off the Tk
    # thread (models/db.py), not in the middle of a scan.
    context.checkpointer = Checkpointer.start_for(db.obj)
    till = TillView(app, context)
    till.pack(fill="both", expand=True)
    app.update()

    def prepare(before: list[CartLine], code: str) -> Callable[[], Any]:
        till.lines = before
        till._show_cart()
        till.scan.delete(0, "end")
        till.scan.insert(0, code)
        app.update()

        def work() -> Any:
            till.enter()
            app.update_idletasks()  # geometry and drawing of what Enter changed
            return till.priced

        return work

    return prepare


def best_sellers(goods: Goods, count: int) -> tuple[list[int], int]:
    """The `count` products with the most stock moves (their indexes), and how many the
    first has: the longest histories, whose stock a scan once summed move by move (it
    reads the running level now, so a best seller scans as fast as any product)."""
    index = {product_id: n for n, product_id in enumerate(goods.ids)}
    rows = db.execute_sql(
        "SELECT product_id, count(*) FROM stock_move GROUP BY product_id "
        f"ORDER BY count(*) DESC LIMIT {int(count)}"
    ).fetchall()
    found = [index[str(uuid.UUID(str(product_id)))] for product_id, _ in rows]
    return found, int(rows[0][1]) if rows else 0


def enter(
    goods: Goods, rng: random.Random, draw: Draw | None, *, scanned: int | None = None
) -> Callable[[], Any]:
    """One scan and Enter on a cart of 0–4 lines: the timed work."""
    picked = goods.pick(rng, rng.randint(1, 5))
    if scanned is not None:
        picked = [*[i for i in picked if i != scanned][:4], scanned]
    cart = [CartLine(goods.ids[i], rng.choice((1, 1, 1, 2))) for i in picked]
    scanned = goods.barcodes[picked[-1]]
    if draw is not None:
        return draw([x for x in cart[:-1] if x.product_id != cart[-1].product_id], scanned)

    def work() -> Any:
        products.product_by_barcode(goods.till, goods.shop_id, scanned)
        return sales.price_cart(goods.till, goods.shop_id, cart)

    return work


def pay(goods: Goods, rng: random.Random) -> Callable[[], Any]:
    """A 3-line cart paid by card and the rest in cash, committed."""
    cart = [CartLine(goods.ids[i], 1) for i in goods.pick(rng, 3)]
    total = sum(goods.prices[goods.ids.index(line.product_id)] for line in cart)
    card = total // 2
    cash = -(-(total - card) // 100_000) * 100_000
    payments = [Payment("card", card, "123456"), Payment("cash", cash)]
    return lambda: sales.sell(goods.till, goods.shop_id, cart, payments)


def timed(make: Callable[[random.Random], Callable[[], Any]], repeat: int) -> list[float]:
    rng = random.Random("bench-till:timed")
    make(rng)()  # warm
    samples = []
    for _ in range(repeat):
        work = make(rng)
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(
    label: str,
    samples: list[float],
    target_ms: float,
    slowest: Callable[[], Any],
    show_plans: bool,
) -> None:
    missed = percentile(samples, 0.95) >= target_ms
    verdict = f"MISSES the {target_ms:,.0f} ms target" if missed else f"target {target_ms:,.0f} ms"
    print(f"  {label:<52} {figures(samples)}   ({len(samples)} runs; {verdict})")
    if missed or show_plans:
        explain(slowest)


def bench(goods: Goods, repeat: int, show_plans: bool, draw: Draw | None) -> None:
    rng = random.Random("bench-till:plans")
    samples = timed(lambda r: enter(goods, r, draw), repeat)
    what = "on the till's page, drawn" if draw else "product_by_barcode + price_cart"
    report(f"(a) scan + Enter: {what}", samples, ENTER_TARGET_MS,
           enter(goods, rng, draw), show_plans)  # fmt: skip

    best, moves = best_sellers(goods, 10)
    samples = timed(lambda r: enter(goods, r, draw, scanned=r.choice(best)), repeat)
    report(f"(a) the same, scanning a best seller ({moves:,} moves)", samples,
           ENTER_TARGET_MS, enter(goods, rng, draw, scanned=best[0]), show_plans)  # fmt: skip

    # As the app runs: its WAL checkpoints are a thread's (models/db.py), not a commit's.
    checkpointer = Checkpointer.start_for(db.obj)
    try:
        samples = timed(lambda r: pay(goods, r), repeat)
    finally:
        if checkpointer is not None:
            checkpointer.stop(db.obj)
    report("(b) pay: sell of 3 lines, card + cash, committed", samples, SELL_TARGET_MS,
           pay(goods, rng), show_plans)  # fmt: skip
    automatic = timed(lambda r: pay(goods, r), repeat)
    label = "    the same with SQLite's own checkpoints (the CLI)"
    print(f"  {label:<52} {figures(automatic)}")

    bench_receipts(goods, max(10, repeat // 5), show_plans)

    month_end = goods.last_sale.date() - dt.timedelta(days=30)
    month_start = month_end - dt.timedelta(days=29)
    rows: list[Any] = []

    def month() -> None:
        rows[:] = settlement.settlement(goods.admin, month_start, month_end)

    samples = timed(lambda _: month, max(5, repeat // 30))
    report(f"(d) settlement of a month ({len(rows)} producers)", samples, SETTLEMENT_TARGET_MS,
           month, show_plans)  # fmt: skip


def bench_receipts(goods: Goods, repeat: int, show_plans: bool) -> None:
    try:
        from desktop.printing import receipt  # noqa: F401
    except ImportError:
        print("  (c) receipt PDF: skipped (desktop/printing/receipt.py is not in this branch)")
        return
    numbers = [
        number
        for (number,) in Sale.select(Sale.number)
        .where(Sale.status == "sold")
        .order_by(Sale.sequence.desc())
        .limit(repeat + 1)
        .tuples()
    ]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "receipt.pdf"
        turn = iter(itertools.cycle(numbers))
        samples = timed(lambda _: lambda: papers.write_receipt(goods.till, next(turn), out), repeat)
        report("(c) receipt PDF (80 mm): write_receipt", samples, RECEIPT_TARGET_MS,
               lambda: papers.write_receipt(goods.till, numbers[0], out), show_plans)  # fmt: skip


# -- main ------------------------------------------------------------------------------------


def run(target: Path | str, args: argparse.Namespace) -> None:
    print(f"== {args.products:,} products, {args.producers} producers, {args.sales:,} sales "
          f"({describe_target(target)}) ==")  # fmt: skip
    goods = prepare(target, args.products, args.producers, args.sales)
    draw = gui_drawer(goods) if args.gui else None
    bench(goods, args.repeat, args.explain, draw)
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--producers", type=int, default=200)
    parser.add_argument("--sales", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep (and reuse) the database")
    parser.add_argument("--repeat", type=int, default=300, help="timed runs of (a) and (b)")
    parser.add_argument("--db", metavar="URL", help="the database: a path or postgresql://")
    parser.add_argument("--explain", action="store_true", help="print every figure's plans")
    parser.add_argument("--gui", action="store_true", help="(a) with the line drawn (Xvfb)")
    args = parser.parse_args()
    if args.db:
        run(args.db if "://" in args.db else Path(args.db), args)
        return
    name = f"till-{args.products}-{args.sales}.sqlite3"
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep / name, args)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder) / name, args)


if __name__ == "__main__":
    main()
