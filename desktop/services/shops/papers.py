"""The shop's papers as PDF: receipts (80 mm or A5), barcode label sheets, stock notes
for the producer to sign, daily closes, producers' statements; and the settlement
workbook (XLSX). Each builds the printing contract (desktop/printing/shop_data.py)
from stored rows — a receipt from the sale as sold, never from today's catalogue —
and hands it to desktop/printing, which draws it.

A receipt printed again is marked as a copy: the first print of a sale is the one the
till makes at the sale; every later one (a reprint, `sales receipt`) says «رونوشت».
Prints are counted on the sale (`receipt_prints`, a column local to this machine) and
noted in the audit trail (`sale.receipt`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.errors import UserError
from desktop.models import (
    Applicant,
    DailyClose,
    Producer,
    Product,
    Sale,
    Shop,
    StockMove,
    StockMoveKind,
    StockNote,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.printing.shop_data import (
    CloseData,
    LabelData,
    ReceiptData,
    ReceiptLine,
    ReceiptPayment,
    StatementData,
    StatementLine,
    StockNoteData,
    StockNoteLine,
)
from desktop.services.records import audit, fk, live, user_names
from desktop.services.session import Session
from desktop.services.settings import money_unit
from desktop.services.shops.access import check_shop, require_shop_role
from desktop.services.shops.closing import close_record
from desktop.services.shops.identifiers import clean_document_number
from desktop.services.shops.returns import ReturnRecord
from desktop.services.shops.sales import SaleRecord, find_sale, get_sale, sale_record
from desktop.services.shops.settlement import SettlementRow, product_figures, settlement
from desktop.strings.shops import SETTLEMENT_HEADERS
from desktop.strings.shops import Sales as SaleMessages
from desktop.strings.shops import Settlements as Messages
from desktop.strings.shops import Stock as StockMessages

PAPERS = ("80mm", "a5")


def receipt_data(session: Session, number: str, *, copy: bool | None = None) -> ReceiptData:
    """What a sale's receipt shows; `copy` None: a copy if it was printed before."""
    return _receipt_of(find_sale(session, number), copy)


def _receipt_of(row: Sale, copy: bool | None) -> ReceiptData:
    """The receipt of a sale's row, read once (a till prints one with every sale)."""
    shop = Shop.get_by_id(fk(row, "shop"))
    sale = sale_record(row, shop)
    return _receipt(sale, shop, copy=row.receipt_prints > 0 if copy is None else copy)


def _receipt(sale: SaleRecord, shop: Shop, *, copy: bool, return_of: str = "") -> ReceiptData:
    return ReceiptData(
        shop_name=shop.name,
        shop_address=shop.address,
        number=sale.number,
        sold_at=sale.sold_at,
        cashier=user_names([sale.sold_by]).get(sale.sold_by, ""),
        lines=tuple(
            ReceiptLine(x.name, x.quantity, x.unit, x.unit_price, x.discount, x.line_total)
            for x in sale.lines
        ),
        total=sale.total,
        payments=tuple(ReceiptPayment(p.method, p.amount, p.reference) for p in sale.payments),
        change=sale.change,
        footer=shop.receipt_footer,
        unit=money_unit(),
        copy=copy,
        voided=sale.status != "sold",
        return_of=return_of,
    )


def write_receipt(
    session: Session,
    number: str,
    path: str | Path,
    *,
    paper: str = "80mm",
    copy: bool | None = None,
) -> Path:
    """The sale's receipt as a PDF at `path` (80 mm roll or A5)."""
    from desktop.printing.receipt import render_receipt

    if paper not in PAPERS:
        raise UserError(SaleMessages.PAPER, code="paper")
    row = find_sale(session, number)
    data = _receipt_of(row, copy)
    render_receipt(data, Path(path), paper=paper)
    with db.atomic():
        writes.update_local(row, receipt_prints=row.receipt_prints + 1)
        audit(session, "sale.receipt", data.number)
    return Path(path)


def write_return_slip(
    session: Session, returned: ReturnRecord, path: str | Path, *, paper: str = "80mm"
) -> Path:
    """A return's slip: the items given back and the refund, naming the sale."""
    from desktop.printing.receipt import render_receipt

    sale = get_sale(session, returned.sale_number)
    shop = Shop.get_by_id(sale.shop_id)
    units = {line.barcode: line.unit for line in sale.lines}
    data = ReceiptData(
        shop_name=shop.name,
        shop_address=shop.address,
        number=returned.number,
        sold_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        cashier=session.display_name,
        lines=tuple(
            ReceiptLine(name, quantity, units.get(barcode, ""), refund // quantity, 0, refund)
            for barcode, name, quantity, refund in returned.lines
        ),
        total=returned.refund,
        payments=(ReceiptPayment("cash", returned.refund),),
        change=0,
        footer=shop.receipt_footer,
        unit=money_unit(),
        return_of=returned.sale_number,
    )
    render_receipt(data, Path(path), paper=paper)
    return Path(path)


def write_labels(
    session: Session,
    product_ids: Sequence[str],
    path: str | Path,
    *,
    copies: int | Sequence[int] = 1,
) -> int:
    """An A4 sheet (or several) of barcode labels: `copies` of each product's (one
    number for all, or one per product). Returns how many labels were drawn."""
    from desktop.printing.labels import render_labels

    require_shop_role(session)
    counts = [copies] * len(product_ids) if isinstance(copies, int) else list(copies)
    labels = []
    producers = dict(tuples(Producer.select(Producer.id, Producer.code)))
    unit = money_unit()
    for product_id, count in zip(product_ids, counts, strict=True):
        product = live(Product, product_id, SaleMessages.NOT_FOUND)
        check_shop(session, str(fk(product, "shop")))
        code = producers.get(fk(product, "producer"), "")
        labels.extend([LabelData(product.name, product.price, product.barcode, code, unit)] * count)
    render_labels(labels, Path(path))
    return len(labels)


def write_note_labels(session: Session, number: str, path: str | Path) -> int:
    """Labels for the goods a receipt note brought in: one per item received (the
    note's number, e.g. TEH05-S1-N-000012). Returns how many were drawn."""
    require_shop_role(session)
    note = StockNote.get_or_none(
        (StockNote.number == clean_document_number(number)) & ~StockNote.deleted
    )
    if note is None or note.kind != StockMoveKind.RECEIVED.value:
        raise UserError(StockMessages.NOT_A_RECEIPT_NOTE, code="not_found")
    check_shop(session, str(fk(note, "shop")))
    moves = tuples(
        StockMove.select(StockMove.product, StockMove.quantity)
        .join(Product, on=(StockMove.product == Product.id))
        .where(StockMove.note == note.id)
        .order_by(Product.name)
    )
    return write_labels(
        session,
        [str(product) for product, _ in moves],
        path,
        copies=[abs(int(quantity)) for _, quantity in moves],
    )


def write_stock_note(session: Session, note_id: str, path: str | Path) -> Path:
    from desktop.printing.shop_papers import render_stock_note

    require_shop_role(session)
    note = live(StockNote, note_id, SaleMessages.NOT_FOUND)
    check_shop(session, str(fk(note, "shop")))
    producer = Producer.get_by_id(fk(note, "producer"))
    owner = Applicant.get_by_id(fk(producer, "applicant"))
    moves = (
        StockMove.select(StockMove, Product)
        .join(Product, on=(StockMove.product == Product.id))
        .where(StockMove.note == note.id)
        .order_by(Product.name)
    )
    data = StockNoteData(
        shop_name=Shop.get_by_id(fk(note, "shop")).name,
        number=note.number,
        received=note.kind == StockMoveKind.RECEIVED.value,
        noted_at=note.created_at,
        producer_code=producer.code,
        producer_name=producer.business_name,
        owner_name=owner.full_name,
        lines=tuple(
            StockNoteLine(
                m.product.barcode, m.product.name, m.product.unit, abs(m.quantity), m.product.price
            )
            for m in moves
        ),
        staff_name=user_names([note.noted_by]).get(note.noted_by, ""),
        note=note.note,
        unit=money_unit(),
    )
    render_stock_note(data, Path(path))
    return Path(path)


def write_close(session: Session, close_id: str, path: str | Path, *, paper: str = "80mm") -> Path:
    from desktop.printing.receipt import render_close

    require_shop_role(session)
    row = live(DailyClose, close_id, SaleMessages.NOT_FOUND)
    check_shop(session, str(fk(row, "shop")))
    record = close_record(row)
    names = user_names([row.staff, row.closed_by])
    data = CloseData(
        shop_name=Shop.get_by_id(fk(row, "shop")).name,
        number=record.number,
        staff_name=names.get(row.staff, ""),
        closed_by=names.get(row.closed_by, ""),
        period_from=record.period_from,
        closed_at=record.closed_at,
        sales_count=record.sales_count,
        sales_total=record.sales_total,
        returns_count=record.returns_count,
        refunds=record.refunds,
        card_total=record.card_total,
        expected_cash=record.expected_cash,
        counted_cash=record.counted_cash,
        difference=record.difference,
        note=record.note,
        unit=money_unit(),
    )
    render_close(data, Path(path), paper=paper)
    return Path(path)


def statement_data(
    session: Session, row: SettlementRow, date_from: dt.date, date_to: dt.date
) -> StatementData:
    from desktop.models import Center

    center = Center.get_or_none()
    producer = Producer.get_by_id(row.producer_id)
    return StatementData(
        center_name=center.name if center else "",
        shop_name=Shop.get_by_id(fk(producer, "shop")).name,
        producer_code=row.producer_code,
        business_name=row.business_name,
        owner_name=row.owner_name,
        national_code=row.national_code,
        iban=row.iban,
        commission_percent=row.commission_percent,
        period_from=date_from,
        period_to=date_to,
        lines=tuple(
            StatementLine(f.name, f.barcode, f.quantity, f.gross, f.returned_quantity, f.returns)
            for f in product_figures(session, row.producer_id, date_from, date_to)
        ),
        gross=row.gross,
        returns=row.returns,
        commission=row.commission,
        due=row.due,
        paid_on=row.paid_on,
        bank_reference=row.bank_reference,
        unit=money_unit(),
    )


def write_settlement(
    session: Session,
    date_from: dt.date,
    date_to: dt.date,
    path: str | Path,
    *,
    shop: str | None = None,
    producer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[SettlementRow]:
    """Statements (PDF, a page or more per producer) or the workbook of all (XLSX).

    `progress(done, total)` is told after each producer's figures are gathered (it may
    raise to stop: nothing is written then)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(Messages.UNSUPPORTED, code="unsupported_format")
    rows = settlement(session, date_from, date_to, shop=shop, producer=producer)
    if suffix == ".xlsx":
        _write_workbook(rows, path)
        if progress is not None:
            progress(len(rows), len(rows))
        return rows
    from desktop.printing.shop_papers import render_statements

    statements = []
    for row in rows:
        statements.append(statement_data(session, row, date_from, date_to))
        if progress is not None:
            progress(len(statements), len(rows))
    render_statements(statements, path)
    return rows


def _write_workbook(rows: Sequence[SettlementRow], path: Path) -> None:
    """One sheet, right to left, Persian headers; identifiers as text and every cell a
    value (no formula), amounts as integer Rials."""
    from openpyxl import Workbook

    from desktop import partial_files
    from desktop.services.applicant_files import jalali_ascii
    from desktop.services.spreadsheet import safe_row

    book = Workbook()
    sheet = book.active
    sheet.title = Messages.SHEET_TITLE
    sheet.sheet_view.rightToLeft = True
    fields = list(SETTLEMENT_HEADERS)
    sheet.append([SETTLEMENT_HEADERS[name] for name in fields])
    for row in rows:
        values = {
            **row.__dict__,
            "paid_on": jalali_ascii(row.paid_on) if row.paid_on else "",
        }
        sheet.append(safe_row([values[name] for name in fields]))
    for column in ("A", "D", "E", "J", "K"):  # identifiers and dates stay text
        for cell in sheet[column][1:]:
            cell.number_format = "@"
    partial = partial_files.reserve(path)
    try:
        book.save(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
