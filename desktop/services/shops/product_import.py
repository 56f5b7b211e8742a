"""Products from a CSV or XLSX file: `products import`.

Columns (headers in English as below, or their Persian names): name, producer_code,
price, unit, category, barcode (optional: an internal EAN-13 is made), stock
(optional: received on consignment, on one receipt note per producer). Each row is
checked as the product form checks it; a barcode twice in the file, or already in
the producer's shop, rejects the row. Accepted rows are written together in one
transaction (a dry run writes nothing); the report is the registry import's
(`row,status,field,message`, services/applicant_import.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models import Product, db
from desktop.services.applicant_files import read_table
from desktop.services.applicant_import import OK, REJECTED, RowResult, write_report
from desktop.services.records import fk
from desktop.services.session import Session
from desktop.services.shops.access import check_shop, require_shop_role
from desktop.services.shops.products import ProductFields, clean_product, insert_product
from desktop.services.shops.stock import receive_rows
from desktop.services.validation import Collector
from desktop.strings.shops import Products as Messages
from desktop.text.digits import format_number
from desktop.text.normalize import normalize_digits, search_key

COLUMNS = ("name", "producer_code", "price", "unit", "category", "barcode", "stock")
REQUIRED = ("name", "producer_code", "price", "unit")
PERSIAN_HEADERS = {
    "نام": "name",
    "نام کالا": "name",
    "کد تولیدکننده": "producer_code",
    "قیمت": "price",
    "واحد": "unit",
    "دسته": "category",
    "بارکد": "barcode",
    "موجودی": "stock",
}

# Units received on one row: a shop's shelf many times over, and far inside the
# stock columns (32-bit on PostgreSQL), which a file's 30-digit "stock" overflowed.
MAX_STOCK = 100_000

__all__ = ["ImportSummary", "import_products", "write_report"]


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    accepted: int
    rejected: int
    created: int  # 0 on a dry run
    results: tuple[RowResult, ...]


def import_products(session: Session, path: str | Path, *, dry_run: bool = False) -> ImportSummary:
    """Check every row, then (unless a dry run) add the accepted ones with their stock.
    Raises UnreadableFile for a file that cannot be read, UserError when a required
    column is missing (nothing is imported)."""
    require_shop_role(session)
    table = read_table(path)
    index = _columns(table.headers)
    results: list[RowResult] = []
    accepted = []
    seen: set[str] = set()
    for offset, cells in enumerate(table.rows):
        line = table.first_line + offset

        def cell(name: str, cells: list[str] = cells) -> str:
            position = index.get(name)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        errors = Collector()
        fields = ProductFields(
            name=cell("name"),
            producer=cell("producer_code"),
            price=cell("price"),
            unit=cell("unit"),
            category=cell("category"),
            barcode=cell("barcode"),
        )
        name, producer, price, unit, category, barcode = clean_product(session, fields, errors)
        stock_text = normalize_digits(cell("stock")) or "0"
        # ASCII digits only: "²" is a digit to isdigit() but not to int().
        stock = int(stock_text) if stock_text.isascii() and stock_text.isdigit() else -1
        if stock < 0:
            errors.add("stock", Messages.STOCK_FORMAT)
        elif stock > MAX_STOCK:
            errors.add("stock", Messages.STOCK_TOO_MANY.format(limit=format_number(MAX_STOCK)))
        if producer is None and cell("producer_code"):
            errors.errors["producer"] = Messages.IMPORT_PRODUCER_UNKNOWN.format(
                code=cell("producer_code")
            )
        if producer is not None:
            try:
                check_shop(session, str(fk(producer, "shop")))
            except UserError as error:
                errors.add("producer", error.message)
        if barcode and "barcode" not in errors.errors:  # a malformed one is not looked up
            if barcode in seen:
                errors.add("barcode", Messages.IMPORT_BARCODE_TWICE)
            elif producer is not None and Product.get_or_none(
                (Product.shop == fk(producer, "shop")) & (Product.barcode == barcode)
            ):
                errors.add("barcode", Messages.BARCODE_TAKEN)
            seen.add(barcode)
        if errors.errors:
            results.extend(
                RowResult(line, REJECTED, field, message, name=fields.name)
                for field, message in errors.errors.items()
            )
            continue
        assert producer is not None  # else the row had an error
        results.append(RowResult(line, OK, "", "", name=name))
        accepted.append((producer, name, price, unit, category, barcode, stock))
    created = 0
    if accepted and not dry_run:
        with db.atomic():
            received: dict[object, list[tuple[Any, Any, int]]] = defaultdict(list)
            for producer, name, price, unit, category, barcode, stock in accepted:
                product = insert_product(session, producer, name, price, unit, category, barcode)
                if stock:
                    received[producer.id].append((producer, product, stock))
                created += 1
            for rows in received.values():
                receive_rows(session, rows[0][0], [(p, q) for _, p, q in rows], note="")
    rejected_rows = len({r.row for r in results if r.status == REJECTED})
    return ImportSummary(len(table.rows), len(accepted), rejected_rows, created, tuple(results))


def _columns(headers: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = header.strip().lower()
        name = key if key in COLUMNS else PERSIAN_HEADERS.get(search_key(header).strip())
        if name is None:
            name = PERSIAN_HEADERS.get(header.strip())
        if name and name not in index:
            index[name] = position
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        raise UserError(
            Messages.IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing)),
            code="missing_columns",
        )
    return index
