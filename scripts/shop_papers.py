"""Render each of the shop's papers from made-up data, as PDF and PNG, to look at them.

    .venv/bin/python scripts/shop_papers.py docs/screenshots        # the README's PNGs
    .venv/bin/python scripts/shop_papers.py /tmp/papers --all       # every paper, PDFs too

The PNGs are pdftoppm's renders (poppler-utils) at 110 dpi, the receipt at 150 dpi.
No database: the papers are drawn from the printing dataclasses (desktop/printing/
shop_data.py), as the shop services fill them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from desktop.printing import shop_data as d
from desktop.printing.labels import render_labels
from desktop.printing.receipt import render_close, render_receipt
from desktop.printing.shop_papers import render_statement, render_stock_note

SHOP = "فروشگاه تولیدات خانگی منطقهٔ ۵"
GOODS = (
    ("مربای بالنگ خانگی", "2000500000010", "شیشه", 850_000),
    ("شال ابریشمی دست‌باف با نقش بته‌جقهٔ کرمانی", "2000500000027", "عدد", 18_500_000),
    ("کلوچهٔ گردویی", "2000500000034", "بسته", 420_000),
    ("زعفران سرگل", "2000500000041", "مثقال", 3_400_000),
)


def sale() -> d.ReceiptData:
    lines = tuple(
        d.ReceiptLine(name, quantity, unit, price, discount, quantity * price - discount)
        for (name, _, unit, price), quantity, discount in zip(
            GOODS, (3, 1, 2, 1), (0, 500_000, 0, 0), strict=True
        )
    )
    total = sum(line.line_total for line in lines)
    return d.ReceiptData(
        shop_name=SHOP,
        shop_address="تهران، خیابان آزادی، نبش کوچهٔ نهم، پلاک ۱۲",
        number="TEH05-S1-000871",
        sold_at=dt.datetime(2026, 12, 3, 7, 42),
        cashier="نرگس موسوی",
        lines=lines,
        total=total,
        payments=(
            d.ReceiptPayment("card", 20_000_000, "604581"),
            d.ReceiptPayment("cash", 6_000_000),
        ),
        change=26_000_000 - total,
        footer="از خرید شما سپاسگزاریم.\nکالای سالم با رسید تا هفت روز پس گرفته می‌شود.",
    )


def statement() -> d.StatementData:
    lines = (
        d.StatementLine(GOODS[0][0], GOODS[0][1], 34, 28_900_000, 2, 1_700_000),
        d.StatementLine(GOODS[2][0], GOODS[2][1], 51, 21_420_000, 0, 0),
    )
    gross, returns = 50_320_000, 1_700_000
    commission = (gross - returns) * 1250 // 10_000
    return d.StatementData(
        center_name="مرکز خدمات اجتماعی شهرداری منطقهٔ ۵",
        shop_name=SHOP,
        producer_code="TEH05-P0031",
        business_name="شیرینی و مربای خانهٔ ژاله",
        owner_name="ژاله کرمانی",
        national_code="0076543219",
        iban="IR062960000000100324200001",
        commission_percent="12.5",
        period_from=dt.date(2026, 11, 22),
        period_to=dt.date(2026, 12, 21),
        lines=lines,
        gross=gross,
        returns=returns,
        commission=commission,
        due=gross - returns - commission,
        paid_on=dt.date(2026, 12, 24),
        bank_reference="PAYA-1405-00917",
        printed_on=dt.date(2026, 12, 24),
    )


def others(folder: Path) -> dict[str, Path]:
    """The papers not in the README: return slip, copy, void, labels, note, close."""
    receipt = sale()
    paths = {name: folder / f"{name}.pdf" for name in ("return", "copy", "void", "a5")}
    render_receipt(
        d.ReceiptData(
            **{
                **receipt.__dict__,
                "number": "TEH05-S1-R000032",
                "return_of": receipt.number,
                "lines": receipt.lines[:1],
                "total": receipt.lines[0].line_total,
                "payments": (d.ReceiptPayment("cash", receipt.lines[0].line_total),),
                "change": 0,
            }
        ),
        paths["return"],
    )
    render_receipt(d.ReceiptData(**{**receipt.__dict__, "copy": True}), paths["copy"])
    render_receipt(d.ReceiptData(**{**receipt.__dict__, "voided": True}), paths["void"])
    render_receipt(receipt, paths["a5"], paper="a5")
    labels = [
        d.LabelData(name, price, barcode, "TEH05-P0031") for name, barcode, _, price in GOODS * 7
    ]
    paths["labels"] = folder / "labels.pdf"
    render_labels(labels, paths["labels"])
    paths["stock-note"] = folder / "stock-note.pdf"
    render_stock_note(
        d.StockNoteData(
            shop_name=SHOP,
            number="TEH05-S1-N0107",
            received=True,
            noted_at=dt.datetime(2026, 12, 1, 6, 10),
            producer_code="TEH05-P0031",
            producer_name="شیرینی و مربای خانهٔ ژاله",
            owner_name="ژاله کرمانی",
            lines=tuple(d.StockNoteLine(b, n, u, 12, p) for n, b, u, p in GOODS),
            staff_name="نرگس موسوی",
        ),
        paths["stock-note"],
    )
    for paper in ("80mm", "a4"):
        paths[f"close-{paper}"] = folder / f"close-{paper}.pdf"
        render_close(
            d.CloseData(
                shop_name=SHOP,
                number="TEH05-S1-Z0019",
                staff_name="نرگس موسوی",
                closed_by="نرگس موسوی",
                period_from=dt.datetime(2026, 12, 3, 5, 2),
                closed_at=dt.datetime(2026, 12, 3, 14, 31),
                sales_count=37,
                sales_total=96_450_000,
                returns_count=1,
                refunds=2_550_000,
                card_total=61_200_000,
                expected_cash=32_700_000,
                counted_cash=32_700_000,
                difference=0,
            ),
            paths[f"close-{paper}"],
            paper=paper,
        )
    return paths


def png(pdf: Path, target: Path, dpi: int) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all", action="store_true", help="every paper, and keep the PDFs")
    args = parser.parse_args()
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = folder if args.all else Path(tmp)
        receipt, statement_pdf = work / "receipt-80mm.pdf", work / "statement.pdf"
        render_receipt(sale(), receipt)
        render_statement(statement(), statement_pdf)
        png(receipt, folder / "shop-receipt-80mm.png", 150)
        png(statement_pdf, folder / "shop-statement.png", 110)
        if args.all:
            for name, pdf in others(work).items():
                png(pdf, folder / f"shop-{name}.png", 110)
    print(f"written to {folder}")


if __name__ == "__main__":
    main()
