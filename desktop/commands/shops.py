"""`python -m desktop shops|producers|products|sales|settlement`: the pilot shops for IT
staff and HQ scripts (issue 10's contract; add freely, rename nothing).

The commands act as the center's administrator through the same services as the GUI
(desktop/services/shops/). Amounts are integer Rials; dates are Jalali `YYYY/MM/DD`
(Persian or ASCII digits); `--json` prints one object per line (a list) or one object
(a single result), dates in it Jalali with ASCII digits and times `YYYY/MM/DD HH:MM`
local. A refused command exits 1 with one line `error: …` and changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

EXIT_OK = 0
EXIT_FAILED = 1

ENGLISH = {
    "not_found": "not found",
    "forbidden": "permission denied",
    "duplicate": "already exists",
    "validation": "invalid input",
    "no_shop": "no such shop (name it with --shop CODE)",
    "unknown_barcode": "unknown barcode",
    "unknown_product": "unknown product",
    "inactive": "the product is not active",
    "quantity": "a quantity must be a whole number above zero",
    "discount": "a discount must be whole Rials, at most the line's total",
    "not_enough_stock": "not enough stock",
    "payment_short": "payment short of the total",
    "card_over_total": "card payments exceed the total",
    "empty_cart": "no items",
    "already_voided": "the sale is already voided",
    "closed": "the sale was counted in a daily close; return its items instead",
    "returned": "items of the sale were returned; return the rest instead",
    "voided": "the sale is voided",
    "not_in_sale": "that item is not in the sale",
    "too_many": "more than was sold (less what was returned)",
    "no_lines": "no items",
    "reason_required": "a reason is required",
    "counted_cash": "--counted-cash must be whole Rials",
    "nothing_to_close": "no sales or returns since the last close",
    "period": "--to is before --from",
    "period_open": "the period has not ended yet",
    "already_paid": "part of the period is already paid",
    "nothing_due": "nothing due in the period",
    "reference": "a bank reference is required",
    "unsupported_format": "--out must end in .pdf or .xlsx",
    "missing_columns": "required columns are missing",
    "paper": "--paper must be 80mm or a5",
    "not_shop_user": "only a shop user can be put in a shop",
}


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    _shops(commands, add_db)
    _producers(commands, add_db)
    _products(commands, add_db)
    _sales(commands, add_db)
    settle = commands.add_parser(
        "settlement",
        help="producers' settlement for a period",
        description="Per producer: gross sales (after line discounts), returns, the "
        "shop's commission and the amount due, for sales and returns in the period.",
    )
    add_db(settle)
    settle.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    settle.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    settle.add_argument("--shop", metavar="CODE")
    settle.add_argument("--out", type=Path, metavar="FILE.pdf|FILE.xlsx")
    settle.add_argument("--json", action="store_true", help="one JSON object per line")
    settle.add_argument(
        "--pay",
        metavar="PRODUCER_CODE",
        help="record that this producer was paid the period's due (with --reference)",
    )
    settle.add_argument("--reference", metavar="BANK_REF", help="the transfer's reference")
    settle.add_argument("--paid-on", metavar="DATE", help="the payment's date (default today)")
    settle.set_defaults(handler=_cmd_settlement)


def _shops(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("shops", help="pilot shops").add_subparsers(
        dest="shops_command", metavar="ACTION", required=True
    )
    listing = group.add_parser("list", help="list the center's shops")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_shops_list)
    add = group.add_parser("add", help="add a shop")
    add_db(add)
    add.add_argument("--code", required=True, help="e.g. S1 (1-6 A-Z/0-9)")
    add.add_argument("--name", required=True)
    add.add_argument("--address", default="")
    add.add_argument("--receipt-footer", default="")
    add.set_defaults(handler=_cmd_shops_add)
    staff = group.add_parser("staff", help="put a shop user in a shop")
    add_db(staff)
    staff.add_argument("--username", required=True)
    staff.add_argument("--shop", required=True, metavar="CODE", help="the shop ('-' for none)")
    staff.add_argument("--supervisor", action="store_true", help="may void and override")
    staff.set_defaults(handler=_cmd_shops_staff)
    close = group.add_parser("close", help="the daily close (Z report) of a shop")
    add_db(close)
    close.add_argument("--shop", required=True, metavar="CODE")
    close.add_argument("--counted-cash", required=True, metavar="AMOUNT")
    close.add_argument("--staff", metavar="USERNAME", help="close one staff member's period")
    close.add_argument("--note", default="", help="why counted cash differs")
    close.add_argument("--out", type=Path, metavar="FILE.pdf")
    close.add_argument("--json", action="store_true", help="one JSON object")
    close.set_defaults(handler=_cmd_shops_close)


def _producers(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("producers", help="home businesses selling in the shops")
    actions = group.add_subparsers(dest="producers_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register an applicant's home business")
    add_db(add)
    add.add_argument("--national-code", required=True)
    add.add_argument("--business-name", required=True)
    add.add_argument("--iban", required=True, help="IR + 24 digits")
    add.add_argument("--commission", required=True, metavar="PERCENT", help="e.g. 12.5")
    add.add_argument("--shop", metavar="CODE")
    add.add_argument("--categories", default="")
    add.add_argument("--permit-number", default="")
    add.set_defaults(handler=_cmd_producers_add)
    listing = actions.add_parser("list", help="list producers")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_producers_list)


def _products(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("products", help="the shops' products")
    actions = group.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    imports = actions.add_parser(
        "import",
        help="add products from a CSV or XLSX file",
        description="Columns: name, producer_code, price, unit, category, barcode "
        "(optional), stock (optional: received on consignment).",
    )
    add_db(imports)
    imports.add_argument("file", type=Path, metavar="FILE.csv|xlsx")
    imports.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    imports.add_argument("--report", type=Path, metavar="OUT.csv", help="row,status,field,message")
    imports.set_defaults(handler=_cmd_products_import)
    listing = actions.add_parser("list", help="list products with their stock")
    add_db(listing)
    listing.add_argument("--shop", metavar="CODE")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_products_list)
    labels = actions.add_parser("labels", help="an A4 sheet of barcode labels")
    add_db(labels)
    labels.add_argument("barcodes", nargs="*", metavar="BARCODE")
    labels.add_argument("--shop", metavar="CODE")
    labels.add_argument(
        "--note", metavar="NUMBER", help="a receipt note: one label per item it brought in"
    )
    labels.add_argument("--copies", type=int, default=1)
    labels.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    labels.set_defaults(handler=_cmd_products_labels)


def _sales(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    group = commands.add_parser("sales", help="the shops' sales")
    actions = group.add_subparsers(dest="sales_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="ring up a sale")
    add_db(add)
    add.add_argument("--shop", required=True, metavar="CODE")
    add.add_argument(
        "--item", action="append", required=True, metavar="BARCODE[:QTY[:DISCOUNT]]", default=[]
    )
    add.add_argument("--pay", action="append", default=[], metavar="cash:AMOUNT|card:AMOUNT:REF")
    add.add_argument("--override-reason", default="", help="sell below zero stock (supervisor)")
    add.add_argument("--json", action="store_true", help="one JSON object")
    add.set_defaults(handler=_cmd_sales_add)
    listing = actions.add_parser("list", help="list sales, newest first")
    add_db(listing)
    listing.add_argument("--shop", metavar="CODE")
    listing.add_argument("--from", dest="date_from", metavar="DATE")
    listing.add_argument("--to", dest="date_to", metavar="DATE")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_sales_list)
    void = actions.add_parser("void", help="void a sale (before its daily close)")
    add_db(void)
    void.add_argument("number", metavar="NUMBER")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler=_cmd_sales_void)
    back = actions.add_parser("return", help="return items of a sale: refund and restock")
    add_db(back)
    back.add_argument("number", metavar="NUMBER")
    back.add_argument("--item", action="append", required=True, metavar="BARCODE:QTY", default=[])
    back.add_argument("--reason", default="")
    back.add_argument("--json", action="store_true", help="one JSON object")
    back.set_defaults(handler=_cmd_sales_return)
    receipt = actions.add_parser("receipt", help="write a sale's receipt (a copy, if printed)")
    add_db(receipt)
    receipt.add_argument("number", metavar="NUMBER")
    receipt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    receipt.add_argument("--paper", choices=("80mm", "a5"), default="80mm")
    receipt.set_defaults(handler=_cmd_sales_receipt)


# -- helpers ------------------------------------------------------------------------------


class _Refused(Exception):
    """A command line that cannot be read: its one English line."""


def _fail(error: UserError | _Refused) -> int:
    if isinstance(error, _Refused):
        line = str(error)
    else:
        from desktop.cli import _english

        fields = getattr(error, "errors", None)
        if not fields and error.code in ENGLISH:
            line = f"{ENGLISH[error.code]} ({error.message})"
        else:
            line = _english(error)
    print(f"error: {line}", file=sys.stderr)
    return EXIT_FAILED


def _run(args: argparse.Namespace, body: Callable[[Any], int]) -> int:
    """Open the database, act as its administrator, and turn a refusal into one line."""
    from desktop.cli import open_db
    from desktop.services.setup import admin_session

    open_db(args)
    try:
        return body(admin_session())
    except (UserError, _Refused) as error:
        return _fail(error)


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    from desktop.text.jalali import parse_jalali

    try:
        return parse_jalali(text)
    except ValueError as error:
        raise _Refused(f"{option} must be a Jalali date YYYY/MM/DD, not {text!r}") from error


def _jalali_date(value: dt.date | None) -> str | None:
    from desktop.services.applicant_files import jalali_ascii

    return jalali_ascii(value) if value else None


def _jalali_time(value: dt.datetime) -> str:
    from desktop.services.applicant_files import jalali_ascii
    from desktop.text.jalali import local_time

    local = local_time(value)
    return f"{jalali_ascii(local.date())} {local:%H:%M}"


def _whole(text: str, what: str) -> int:
    from desktop.text.normalize import normalize_digits

    value = normalize_digits(text).strip()
    if not value.isascii() or not value.isdigit():
        raise _Refused(f"{what} must be a whole number, not {text!r}")
    return int(value)


def _print(value: dict[str, Any], as_json: bool, text: str) -> None:
    print(json.dumps(value, ensure_ascii=False) if as_json else text)


# -- shops ----------------------------------------------------------------------------------


def _cmd_shops_list(args: argparse.Namespace) -> int:
    from desktop.services.shops import shops

    def body(session: Any) -> int:
        for shop in shops.list_shops(session):
            _print({"code": shop.code, "name": shop.name}, args.json, f"{shop.code}\t{shop.name}")
        return EXIT_OK

    return _run(args, body)


def _cmd_shops_add(args: argparse.Namespace) -> int:
    from desktop.services.shops import shops

    def body(session: Any) -> int:
        shop = shops.add_shop(
            session, args.code, args.name, address=args.address, receipt_footer=args.receipt_footer
        )
        print(f"added shop {shop.code}")
        return EXIT_OK

    return _run(args, body)


def _cmd_shops_staff(args: argparse.Namespace) -> int:
    from desktop.models import User
    from desktop.services.shops import shops
    from desktop.services.shops.access import shop_for

    def body(session: Any) -> int:
        user = User.by_username(args.username.strip(), session.center_code)
        if user is None:
            raise _Refused(f"no user named {args.username!r}")
        shop = None if args.shop == "-" else shop_for(session, args.shop)
        shops.assign_staff(
            session, str(user.id), str(shop.id) if shop else None, supervisor=args.supervisor
        )
        print(f"{user.username} works in {shop.code if shop else 'no shop'}")
        return EXIT_OK

    return _run(args, body)


def _cmd_shops_close(args: argparse.Namespace) -> int:
    from desktop.services.shops import closing, papers

    def body(session: Any) -> int:
        close = closing.close_day(
            session,
            shop=args.shop,
            counted_cash=_whole(args.counted_cash, "--counted-cash"),
            staff=args.staff,
            note=args.note,
        )
        if args.out:
            papers.write_close(session, close.id, args.out, paper="a4")
        figures = {
            "number": close.number,
            "shop": close.shop_code,
            "expected_cash": close.expected_cash,
            "counted_cash": close.counted_cash,
            "difference": close.difference,
            "card_total": close.card_total,
            "sales_count": close.sales_count,
            "returns_count": close.returns_count,
            "refunds": close.refunds,
        }
        _print(
            figures,
            args.json,
            f"closed {close.number}: {close.sales_count} sales, expected cash "
            f"{close.expected_cash}, counted {close.counted_cash}, difference "
            f"{close.difference}, card {close.card_total}",
        )
        return EXIT_OK

    return _run(args, body)


# -- producers and products -------------------------------------------------------------


def _cmd_producers_add(args: argparse.Namespace) -> int:
    from desktop.services.shops import producers

    def body(session: Any) -> int:
        producer = producers.add_producer(
            session,
            national_code=args.national_code,
            business_name=args.business_name,
            iban=args.iban,
            commission=args.commission,
            shop=args.shop,
            categories=args.categories,
            permit_number=args.permit_number,
        )
        print(f"added producer {producer.code} ({producer.shop_code})")
        return EXIT_OK

    return _run(args, body)


def _cmd_producers_list(args: argparse.Namespace) -> int:
    from desktop.services.shops import producers

    def body(session: Any) -> int:
        for p in producers.list_producers(session):
            _print(
                {
                    "code": p.code,
                    "business_name": p.business_name,
                    "owner_name": p.owner_name,
                    "national_code": p.national_code,
                    "iban": p.iban,
                    "commission_percent": p.commission_percent,
                    "shop": p.shop_code,
                    "active": p.active,
                },
                args.json,
                "\t".join((p.code, p.national_code, p.iban, p.commission_percent, p.business_name)),
            )
        return EXIT_OK

    return _run(args, body)


def _cmd_products_import(args: argparse.Namespace) -> int:
    from desktop.services.applicant_files import UnreadableFile
    from desktop.services.shops import product_import

    def body(session: Any) -> int:
        try:
            summary = product_import.import_products(session, args.file, dry_run=args.dry_run)
        except UnreadableFile as error:
            raise _Refused(f"cannot read {args.file} ({error})") from error
        if args.report:
            product_import.write_report(summary.results, args.report)
        else:
            for result in [r for r in summary.results if r.status != "ok"][:20]:
                print(f"row {result.row}: {result.field}: {result.message}", file=sys.stderr)
        counts = f"{summary.rows} rows: {summary.accepted} ok, {summary.rejected} rejected"
        print(f"dry run: {counts}" if args.dry_run else f"{counts}; created {summary.created}")
        return EXIT_OK

    return _run(args, body)


def _cmd_products_list(args: argparse.Namespace) -> int:
    from desktop.services.shops import products

    def body(session: Any) -> int:
        for p in products.list_products(session, shop=args.shop):
            _print(
                {
                    "barcode": p.barcode,
                    "name": p.name,
                    "producer_code": p.producer_code,
                    "unit": p.unit,
                    "price": p.price,
                    "stock": p.stock,
                    "active": p.active,
                },
                args.json,
                "\t".join((p.barcode, str(p.price), str(p.stock), p.producer_code, p.name)),
            )
        return EXIT_OK

    return _run(args, body)


def _cmd_products_labels(args: argparse.Namespace) -> int:
    from desktop.services.shops import papers, products
    from desktop.services.shops.access import shop_for

    if bool(args.barcodes) == bool(args.note):
        return _fail(_Refused("give barcodes or --note NUMBER, one of them"))

    def body(session: Any) -> int:
        if args.note:
            count = papers.write_note_labels(session, args.note, args.out)
        else:
            shop = shop_for(session, args.shop)
            ids = [
                products.product_by_barcode(session, str(shop.id), code).id
                for code in args.barcodes
            ]
            count = papers.write_labels(session, ids, args.out, copies=max(1, args.copies))
        print(f"wrote {count} labels to {args.out}")
        return EXIT_OK

    return _run(args, body)


# -- sales ----------------------------------------------------------------------------------


def _sale_json(sale: Any) -> dict[str, Any]:
    return {
        "number": sale.number,
        "shop": sale.shop_code,
        "sold_at": _jalali_time(sale.sold_at),
        "total": sale.total,
        "paid": sale.paid,
        "change": sale.change,
        "status": sale.status,
        "lines": [
            {
                "barcode": line.barcode,
                "name": line.name,
                "qty": line.quantity,
                "unit_price": line.unit_price,
                "discount": line.discount,
                "line_total": line.line_total,
            }
            for line in sale.lines
        ],
        "payments": [
            {"method": p.method, "amount": p.amount, "reference": p.reference}
            for p in sale.payments
        ],
    }


def _cmd_sales_add(args: argparse.Namespace) -> int:
    from desktop.services.shops import products, sales
    from desktop.services.shops.access import shop_for

    def body(session: Any) -> int:
        shop = shop_for(session, args.shop)
        lines = []
        for item in args.item:
            parts = item.split(":")
            if len(parts) > 3 or not parts[0].strip():
                raise _Refused(f"--item must be BARCODE[:QTY[:DISCOUNT]], not {item!r}")
            quantity = _whole(parts[1], "QTY") if len(parts) > 1 else 1
            discount = _whole(parts[2], "DISCOUNT") if len(parts) > 2 else 0
            product = products.product_by_barcode(session, str(shop.id), parts[0])
            lines.append(sales.CartLine(product.id, quantity, discount))
        payments = [_payment(text) for text in args.pay]
        sale = sales.sell(
            session, str(shop.id), lines, payments, override_reason=args.override_reason
        )
        _print(
            _sale_json(sale),
            args.json,
            f"sold {sale.number}: total {sale.total}, paid {sale.paid}, change {sale.change}",
        )
        return EXIT_OK

    return _run(args, body)


def _payment(text: str) -> Any:
    from desktop.services.shops.sales import Payment

    parts = text.split(":", 2)
    method = parts[0].strip().lower()
    if method == "cash" and len(parts) == 2:
        return Payment("cash", _whole(parts[1], "a cash amount"))
    if method == "card" and len(parts) == 3:
        return Payment("card", _whole(parts[1], "a card amount"), parts[2])
    raise _Refused(f"--pay must be cash:AMOUNT or card:AMOUNT:REF, not {text!r}")


def _cmd_sales_list(args: argparse.Namespace) -> int:
    from desktop.services.shops import sales

    def body(session: Any) -> int:
        found = sales.list_sales(
            session,
            shop=args.shop,
            date_from=_date(args.date_from, "--from"),
            date_to=_date(args.date_to, "--to"),
        )
        for sale in found:
            _print(
                {
                    "number": sale.number,
                    "shop": sale.shop_code,
                    "sold_at": _jalali_time(sale.sold_at),
                    "total": sale.total,
                    "status": sale.status,
                    "items": sale.items,
                },
                args.json,
                "\t".join((sale.number, _jalali_time(sale.sold_at), str(sale.total), sale.status)),
            )
        return EXIT_OK

    return _run(args, body)


def _cmd_sales_void(args: argparse.Namespace) -> int:
    from desktop.services.shops import returns

    def body(session: Any) -> int:
        sale = returns.void_sale(session, args.number, args.reason)
        print(f"voided {sale.number}")
        return EXIT_OK

    return _run(args, body)


def _cmd_sales_return(args: argparse.Namespace) -> int:
    from desktop.services.shops import returns

    def body(session: Any) -> int:
        items = []
        for item in args.item:
            parts = item.split(":")
            if len(parts) != 2 or not parts[0].strip():
                raise _Refused(f"--item must be BARCODE:QTY, not {item!r}")
            items.append((parts[0], _whole(parts[1], "QTY")))
        done = returns.return_items(session, args.number, items, reason=args.reason)
        _print(
            {
                "number": done.number,
                "sale": done.sale_number,
                "refund": done.refund,
                "lines": [
                    {"barcode": b, "name": n, "qty": q, "refund": r} for b, n, q, r in done.lines
                ],
            },
            args.json,
            f"returned {done.number} of {done.sale_number}: refund {done.refund}",
        )
        return EXIT_OK

    return _run(args, body)


def _cmd_sales_receipt(args: argparse.Namespace) -> int:
    from desktop.services.shops import papers

    def body(session: Any) -> int:
        path = papers.write_receipt(session, args.number, args.out, paper=args.paper)
        print(f"wrote {path}")
        return EXIT_OK

    return _run(args, body)


# -- settlement ---------------------------------------------------------------------------


def _cmd_settlement(args: argparse.Namespace) -> int:
    from desktop.services.shops import papers, settlement

    def body(session: Any) -> int:
        date_from = _date(args.date_from, "--from")
        date_to = _date(args.date_to, "--to")
        assert date_from and date_to
        if args.pay:
            if not args.reference:
                raise _Refused("--pay needs --reference (the bank transfer's)")
            settlement.record_payment(
                session,
                args.pay,
                date_from,
                date_to,
                paid_on=_date(args.paid_on, "--paid-on") or dt.date.today(),
                bank_reference=args.reference,
            )
        if args.out:
            rows = papers.write_settlement(session, date_from, date_to, args.out, shop=args.shop)
        else:
            rows = settlement.settlement(session, date_from, date_to, shop=args.shop)
        for row in rows:
            _print(
                {
                    "producer_code": row.producer_code,
                    "business_name": row.business_name,
                    "gross": row.gross,
                    "returns": row.returns,
                    "commission": row.commission,
                    "due": row.due,
                    "commission_percent": row.commission_percent,
                    "iban": row.iban,
                    "paid_on": _jalali_date(row.paid_on),
                    "bank_reference": row.bank_reference,
                },
                args.json,
                "\t".join(
                    (
                        row.producer_code,
                        str(row.gross),
                        str(row.returns),
                        str(row.commission),
                        str(row.due),
                        row.business_name,
                    )
                ),
            )
        if args.out and not args.json:
            print(f"wrote {args.out}", file=sys.stderr)
        return EXIT_OK

    return _run(args, body)
