"""The shop's papers read back as a person and a scanner would read them.

Receipts: the 80 mm roll is 80 mm wide; the text comes back in logical order (after
NFKC), every item name whole; on each item line the name is right of the quantity,
which is right of the unit price, which is right of the line total (Odoo's Persian
receipts swap quantity and price). Labels: the bars decode to the barcode's digits.
Statements: the figures and the IBAN exactly. Amounts in Persian digits with
separators; every file 0600. Built from the printing dataclasses, no database.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.printing.labels import is_ean13, render_labels
from desktop.printing.receipt import render_close, render_receipt
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
from desktop.printing.shop_papers import render_statement, render_statements, render_stock_note
from desktop.strings.printing import ShopPaperText as T
from desktop.text.digits import group_thousands
from desktop.text.jalali import format_jalali, format_jalali_datetime
from desktop.text.money import MoneyUnit, format_money
from tests.helpers.pdf import Box, needs_poppler, needs_zbar, page_words, plain_text, run

ROLL_WIDTH = 80 * 72 / 25.4  # 226.77 pt
ZWNJ = "\u200c"
LONG_NAME = "ترشی لیتهٔ مخصوص مادربزرگ با سبزیجات معطر کوهی و سرکهٔ انگور"
# One word, wider than the name column even a little smaller: breaks after a ZWNJ only.
ONE_LONG_WORD = "سیده‌فاطمه‌زهرا‌میرزایی‌نژادحسینی‌طباطبایی‌اصفهانی"


def receipt(**changes: object) -> ReceiptData:
    lines = (
        ReceiptLine("مربای هویج خانگی", 2, "عدد", 450_000, 0, 900_000),
        ReceiptLine(LONG_NAME, 3, "شیشه", 1_250_000, 50_000, 3_700_000),
        ReceiptLine("شال دست‌باف", 1, "عدد", 12_500_000, 0, 12_500_000),
        ReceiptLine(ONE_LONG_WORD, 4, "بسته", 32_000, 0, 128_000),
    )
    total = sum(line.line_total for line in lines)
    values: dict[str, object] = {
        "shop_name": "فروشگاه تولیدات خانگی منطقهٔ ۵",
        "shop_address": "تهران، خیابان آزادی، پلاک ۱۲",
        "number": "TEH05-S1-000123",
        "sold_at": dt.datetime(2026, 12, 3, 10, 30),
        "cashier": "سارا کاظمی",
        "lines": lines,
        "total": total,
        "payments": (
            ReceiptPayment("card", 15_000_000, "123456789012"),
            ReceiptPayment("cash", 3_000_000),
        ),
        "change": 18_000_000 - total,
        "footer": "از خرید شما سپاسگزاریم.\nکالای سالم تا هفت روز پس گرفته می‌شود.",
    }
    values.update(changes)
    return ReceiptData(**values)  # type: ignore[arg-type]


def statement(**changes: object) -> StatementData:
    lines = (
        StatementLine("مربای هویج خانگی", "2000000000015", 12, 5_400_000, 1, 450_000),
        StatementLine(LONG_NAME, "2000000000022", 3, 3_700_000, 0, 0),
    )
    values: dict[str, object] = {
        "center_name": "مرکز خدمات اجتماعی شهرداری منطقهٔ ۵",
        "shop_name": "فروشگاه تولیدات خانگی منطقهٔ ۵",
        "producer_code": "TEH05-P0012",
        "business_name": "خانهٔ مربای مریم",
        "owner_name": "مریم حسین‌زاده",
        "national_code": "0012345678",
        "iban": "IR820540102680020817909002",
        "commission_percent": "12.5",
        "period_from": dt.date(2026, 11, 22),
        "period_to": dt.date(2026, 12, 21),
        "lines": lines,
        "gross": 9_100_000,
        "returns": 450_000,
        "commission": 1_081_250,
        "due": 7_568_750,
        "paid_on": dt.date(2026, 12, 23),
        "bank_reference": "BR-99812",
        "printed_on": dt.date(2026, 12, 24),
    }
    values.update(changes)
    return StatementData(**values)  # type: ignore[arg-type]


def stock_note(**changes: object) -> StockNoteData:
    values: dict[str, object] = {
        "shop_name": "فروشگاه تولیدات خانگی منطقهٔ ۵",
        "number": "TEH05-S1-N0042",
        "received": True,
        "noted_at": dt.datetime(2026, 12, 3, 8, 15),
        "producer_code": "TEH05-P0012",
        "producer_name": "خانهٔ مربای مریم",
        "owner_name": "مریم حسین‌زاده",
        "lines": (
            StockNoteLine("2000000000015", "مربای هویج خانگی", "عدد", 20, 450_000),
            StockNoteLine("2000000000022", LONG_NAME, "شیشه", 6, 1_250_000),
        ),
        "staff_name": "سارا کاظمی",
        "note": "دو شیشه ترک داشت و پس داده شد.",
    }
    values.update(changes)
    return StockNoteData(**values)  # type: ignore[arg-type]


def close(**changes: object) -> CloseData:
    values: dict[str, object] = {
        "shop_name": "فروشگاه تولیدات خانگی منطقهٔ ۵",
        "number": "TEH05-S1-Z0007",
        "staff_name": "سارا کاظمی",
        "closed_by": "حمید رحیمی",
        "period_from": dt.datetime(2026, 12, 3, 5, 0),
        "closed_at": dt.datetime(2026, 12, 3, 14, 0),
        "sales_count": 42,
        "sales_total": 123_450_000,
        "returns_count": 2,
        "refunds": 3_500_000,
        "card_total": 80_000_000,
        "expected_cash": 39_950_000,
        "counted_cash": 39_900_000,
        "difference": -50_000,
        "note": "یک اسکناس پاره",
    }
    values.update(changes)
    return CloseData(**values)  # type: ignore[arg-type]


def ean13(twelve: str) -> str:
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve))
    return twelve + str((10 - weighted % 10) % 10)


def page_size(pdf: Path, page: int = 1) -> tuple[float, float]:
    info = run("pdfinfo", "-f", str(page), "-l", str(page), str(pdf))
    match = re.search(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    return float(match.group(1)), float(match.group(2))


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(pdf)), re.M)
    assert match
    return int(match.group(1))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06d5\ufb50-\ufefc]")


def plain(word: str) -> str:
    """A word of `pdftotext -bbox` in logical order: that mode leaves a right-to-left
    word's letters in the order they are drawn (a number's digits are left to right)."""
    if _ARABIC_LETTER.search(word):
        word = word[::-1]  # before NFKC, which spells a lam-alef ligature in two letters
    return unicodedata.normalize("NFKC", word)


def loose(text: str) -> str:
    """Text compared without brackets (poppler returns them as drawn, i.e. mirrored) and
    with no space before punctuation (poppler makes a punctuation mark a word)."""
    text = re.sub(r"[()]", " ", text)
    text = re.sub(r"\s+([،؛.:])", r"\1", " ".join(text.split()))
    return " ".join(text.split())


def rows(pdf: Path, page: int = 1) -> list[list[tuple[str, Box]]]:
    """The page's words as lines, top to bottom, each right to left (as read); words
    sharing a baseline share a line (the bottom of their boxes differs by the descent of
    their sizes only)."""
    words = sorted(
        ((plain(w), box) for w, box, p in page_words(pdf) if p == page),
        key=lambda item: -item[1][1],
    )
    lines: list[list[tuple[str, Box]]] = []
    for word, box in words:
        if lines and abs(lines[-1][0][1][1] - box[1]) < 2:
            lines[-1].append((word, box))
        else:
            lines.append([(word, box)])
    return [sorted(line, key=lambda item: -item[1][0]) for line in lines]


def read(pdf: Path) -> str:
    """Every line of every page as a person reads it (right to left), a line a row."""
    pages = page_count(pdf)
    return "\n".join(
        loose(" ".join(word for word, _ in line))
        for page in range(1, pages + 1)
        for line in rows(pdf, page)
    )


def assert_reads(pdf: Path, *expected: str) -> None:
    text = read(pdf)
    for item in expected:
        assert loose(item) in text, (item, text)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most desktops start programs with: files would be 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


# --- receipts ------------------------------------------------------------------------------


@needs_poppler
def test_the_roll_is_80_mm_wide_and_as_tall_as_its_content(tmp_path: Path) -> None:
    short, long = tmp_path / "short.pdf", tmp_path / "long.pdf"
    render_receipt(receipt(lines=receipt().lines[:1]), short)
    render_receipt(receipt(lines=receipt().lines * 5), long)
    for pdf in (short, long):
        width, _ = page_size(pdf)
        assert abs(width - ROLL_WIDTH) <= 0.5
        assert page_count(pdf) == 1
    assert page_size(long)[1] > page_size(short)[1] + 200
    # Nothing is drawn past the paper's edges (4 mm kept free for the printer).
    for word, (x0, _, x1, _) in [(w, b) for w, b, _ in page_words(long)]:
        assert x0 >= 10 and x1 <= ROLL_WIDTH - 10, word


@needs_poppler
def test_receipt_text_comes_back_in_logical_order(tmp_path: Path) -> None:
    data = receipt()
    pdf = tmp_path / "receipt.pdf"
    render_receipt(data, pdf)
    # pdftotext's own reading: each line in logical order.
    text = loose(plain_text(pdf))
    for expected in (
        data.shop_name,
        data.shop_address,
        T.RECEIPT_TITLE,
        data.number,  # an identifier: as stored, Latin digits
        data.cashier,
        "از خرید شما سپاسگزاریم.",
        "کالای سالم تا هفت روز پس گرفته می‌شود.",
    ):
        assert loose(expected) in text, expected
    # A label and its value at the two ends of one line.
    assert_reads(
        pdf,
        f"{T.SALE_NUMBER} {data.number}",
        f"{T.DATE_TIME} {format_jalali_datetime(data.sold_at)}",
        f"{T.CASHIER} {data.cashier}",
        f"{T.TOTAL} {format_money(data.total)}",
        f"{T.DISCOUNT_TOTAL} {format_money(50_000)}",
        f"{T.PAID_CASH} {format_money(3_000_000)}",
        f"{T.CHANGE} {format_money(data.change)}",
        f"{T.PAID_CARD_REFERENCE.format(reference='123456789012')} {format_money(15_000_000)}",
        T.LINE_DISCOUNT.format(amount=format_money(50_000)),
    )
    assert T.COPY not in text and T.VOID not in text and T.RETURN_TITLE not in text


@needs_poppler
def test_item_columns_read_name_quantity_price_total_from_the_right(tmp_path: Path) -> None:
    data = receipt()
    pdf = tmp_path / "receipt.pdf"
    render_receipt(data, pdf)
    lines = rows(pdf)
    for index, item in enumerate(data.lines):
        row = next(line for line in lines if item.name.startswith(line[0][0].rstrip(ZWNJ)))
        texts = [word for word, _ in row]
        price = format_money(item.unit_price, with_unit=False)
        total = format_money(item.line_total, with_unit=False)
        quantity = group_thousands(item.quantity)
        assert price in texts and total in texts and quantity in texts, (index, texts)

        def xs(word: str, row: list[tuple[str, Box]] = row) -> list[float]:
            return sorted((box[0] for w, box in row if w == word), reverse=True)

        # A price equal to its line's total: the right one of the two is the price.
        price_x, total_x = xs(price)[0], xs(total)[-1]
        name_left = min(box[0] for w, box in row if w.rstrip(ZWNJ) in item.name)
        assert name_left > xs(quantity)[0] > price_x > total_x, (index, texts)


@needs_poppler
def test_every_item_name_comes_back_whole_even_when_wrapped(tmp_path: Path) -> None:
    data = receipt()
    pdf = tmp_path / "receipt.pdf"
    render_receipt(data, pdf)
    lines = rows(pdf)
    for item in data.lines:
        start = next(
            i for i, line in enumerate(lines) if item.name.startswith(line[0][0].rstrip(ZWNJ))
        )
        # The name column: right of the quantity on the item's first line.
        quantity = group_thousands(item.quantity)
        column_left = next(box[2] for word, box in lines[start] if word == quantity)
        read = [w for line in lines[start : start + 4] for w, box in line if box[0] > column_left]
        # Words wrap whole; a compound wider than the column breaks only after a ZWNJ,
        # which stays at the end of its line, so the words read back the same.
        assert " ".join(read).replace(ZWNJ + " ", ZWNJ).startswith(item.name), read
        assert all(word in read for word in item.name.split() if ZWNJ not in word)
    wrapped = next(i for i, line in enumerate(lines) if line[0][0] == LONG_NAME.split()[0])
    assert lines[wrapped + 1][0][0] in LONG_NAME.split()  # it took more than one line


@needs_poppler
def test_amounts_are_persian_digits_with_separators(tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    render_receipt(receipt(), pdf)
    text = plain_text(pdf)
    assert "۱۲٬۵۰۰٬۰۰۰" in text
    assert "12500000" not in text and "12,500,000" not in text
    # Latin digits only in the identifiers: the sale number and the card's reference.
    rest = text.replace("TEH05-S1-000123", "").replace("123456789012", "")
    assert not re.search("[0-9]", rest), rest


@needs_poppler
def test_amounts_in_tomans(tmp_path: Path) -> None:
    data = receipt(unit=MoneyUnit.TOMAN)
    pdf = tmp_path / "receipt.pdf"
    render_receipt(data, pdf)
    assert_reads(
        pdf,
        f"{T.TOTAL} {format_money(data.total, MoneyUnit.TOMAN)}",
        T.AMOUNTS_IN.format(unit="تومان"),
    )


@needs_poppler
def test_a_reprint_is_marked_as_a_copy_and_a_voided_sale_as_void(tmp_path: Path) -> None:
    copy, void = tmp_path / "copy.pdf", tmp_path / "void.pdf"
    render_receipt(receipt(copy=True), copy)
    render_receipt(receipt(voided=True), void)
    assert T.COPY in plain_text(copy).split()
    assert loose(T.VOID_NOTE) in loose(plain_text(void))
    assert T.VOID in plain_text(void)
    assert T.COPY not in plain_text(void).split()


@needs_poppler
def test_a_return_slip_says_so_and_names_the_original_sale(tmp_path: Path) -> None:
    data = receipt(
        number="TEH05-S1-R000045",
        return_of="TEH05-S1-000123",
        lines=receipt().lines[:1],
        total=900_000,
        payments=(ReceiptPayment("cash", 900_000),),
        change=0,
    )
    pdf = tmp_path / "return.pdf"
    render_receipt(data, pdf)
    text = plain_text(pdf)
    assert T.RETURN_TITLE in text and T.RECEIPT_TITLE not in text
    assert T.CHANGE not in text
    assert_reads(
        pdf,
        f"{T.RETURN_NUMBER} TEH05-S1-R000045",
        f"{T.RETURN_OF} TEH05-S1-000123",
        f"{T.REFUND_TOTAL} {format_money(900_000)}",
        f"{T.REFUND_CASH} {format_money(900_000)}",
    )


@needs_poppler
def test_a5_receipt(tmp_path: Path) -> None:
    pdf = tmp_path / "a5.pdf"
    render_receipt(receipt(), pdf, paper="a5")
    width, height = page_size(pdf)
    assert abs(width - 419.53) < 0.5 and abs(height - 595.28) < 0.5
    assert LONG_NAME.split()[0] in plain_text(pdf)


def test_an_unknown_paper_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_receipt(receipt(), tmp_path / "r.pdf", paper="a4")
    with pytest.raises(ValueError):
        render_close(close(), tmp_path / "c.pdf", paper="a5")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_print_leaves_no_file_and_an_earlier_one_as_it_was(tmp_path: Path) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"earlier print")
    broken = receipt(lines=(ReceiptLine("کالا", 1, "عدد", 10, 0, "not a number"),))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        render_receipt(broken, pdf)
    assert pdf.read_bytes() == b"earlier print"
    assert list(tmp_path.iterdir()) == [pdf]


# --- the daily close -----------------------------------------------------------------------


@needs_poppler
def test_close_on_the_roll_and_on_a4(tmp_path: Path) -> None:
    data = close()
    roll, a4 = tmp_path / "close.pdf", tmp_path / "close-a4.pdf"
    render_close(data, roll)
    render_close(data, a4, paper="a4")
    assert abs(page_size(roll)[0] - ROLL_WIDTH) <= 0.5
    assert abs(page_size(a4)[0] - 595.28) < 0.5
    for pdf in (roll, a4):
        assert_reads(
            pdf,
            T.CLOSE_TITLE,
            f"{T.CLOSE_NUMBER} TEH05-S1-Z0007",
            f"{T.STAFF} سارا کاظمی",
            f"{T.CLOSED_BY} حمید رحیمی",
            f"{T.SALES.format(count='۴۲')} {format_money(123_450_000)}",
            f"{T.REFUNDS.format(count='۲')} {format_money(3_500_000)}",
            f"{T.EXPECTED_CASH} {format_money(39_950_000)}",
            f"{T.COUNTED_CASH} {format_money(39_900_000)}",
            f"{T.CARD_TOTAL} {format_money(80_000_000)}",
            f"{T.DIFFERENCE} {T.SHORTAGE} {format_money(50_000)}",
            f"{T.NOTE}: یک اسکناس پاره",
        )


@needs_poppler
def test_close_names_a_surplus_and_a_balanced_till(tmp_path: Path) -> None:
    surplus, even = tmp_path / "surplus.pdf", tmp_path / "even.pdf"
    render_close(close(counted_cash=40_000_000, difference=50_000), surplus)
    render_close(close(counted_cash=39_950_000, difference=0, note=""), even)
    assert_reads(surplus, f"{T.DIFFERENCE} {T.SURPLUS} {format_money(50_000)}")
    assert_reads(even, f"{T.DIFFERENCE} {format_money(0)}")
    assert T.SURPLUS not in plain_text(even) and T.SHORTAGE not in plain_text(even)


# --- labels --------------------------------------------------------------------------------


def labels(count: int) -> list[LabelData]:
    names = ("مربای هویج", LONG_NAME, "شال دست‌باف", "زعفران سرگل قائنات")
    return [
        LabelData(names[i % 4], 450_000 * (i + 1), ean13(f"20000000{i:04d}"), "TEH05-P0012")
        for i in range(count)
    ]


def test_ean13_check_digit() -> None:
    assert is_ean13("4006381333931")
    assert not is_ean13("4006381333932")
    assert not is_ean13("400638133393")
    assert not is_ean13("۴۰۰۶۳۸۱۳۳۳۹۳۱")  # identifiers are stored with ASCII digits


@needs_poppler
@needs_zbar
def test_label_bars_decode_to_the_barcode_digits(tmp_path: Path) -> None:
    sheet = labels(24)
    sheet[5] = replace(sheet[5], barcode="TEH05-X-77")  # not EAN-13: Code 128
    sheet[6] = replace(sheet[6], barcode="4006381333932")  # a wrong check digit: Code 128
    pdf = tmp_path / "labels.pdf"
    assert render_labels(sheet, pdf) == 1
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    decoded = set(run("zbarimg", "--raw", "-q", str(tmp_path / "page.png")).split())
    assert decoded == {label.barcode for label in sheet}
    # Vector bars: no picture in the file.
    assert run("pdfimages", "-list", str(pdf)).splitlines()[2:] == []


@needs_poppler
def test_labels_show_name_price_and_run_over_pages(tmp_path: Path) -> None:
    sheet = labels(30)
    pdf = tmp_path / "labels.pdf"
    assert render_labels(sheet, pdf) == 2
    assert page_count(pdf) == 2
    width, height = page_size(pdf)
    assert abs(width - 595.28) < 0.5 and abs(height - 841.89) < 0.5
    text = plain_text(pdf)
    assert "زعفران سرگل قائنات" in text
    assert format_money(450_000) in text and format_money(30 * 450_000) in text
    words = {plain(w) for w, _, _ in page_words(pdf)}
    # The digits under the bars, in the three groups EAN-13 prints them in.
    assert all({b.barcode[0], b.barcode[1:7], b.barcode[7:]} <= words for b in sheet)
    assert set(LONG_NAME.split()) <= words  # wrapped at whole words


@needs_poppler
def test_a_very_long_label_name_is_made_smaller_not_cut(tmp_path: Path) -> None:
    name = f"{LONG_NAME} {LONG_NAME} با بسته‌بندی هدیه"
    pdf = tmp_path / "labels.pdf"
    render_labels([replace(labels(1)[0], name=name)], pdf)
    words = [plain(w) for w, _, _ in page_words(pdf)]
    assert sorted(w for w in words if w in name.split()) == sorted(name.split())


def test_no_labels_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_labels([], tmp_path / "labels.pdf")
    assert list(tmp_path.iterdir()) == []


# --- stock notes ---------------------------------------------------------------------------


@needs_poppler
def test_stock_note_for_the_producer_to_sign(tmp_path: Path) -> None:
    data = stock_note()
    pdf = tmp_path / "note.pdf"
    assert render_stock_note(data, pdf) == 1
    assert_reads(
        pdf,
        T.STOCK_RECEIVED_TITLE,
        f"{T.NOTE_NUMBER} TEH05-S1-N0042 {T.DATE} {format_jalali_datetime(data.noted_at)}",
        f"{T.PRODUCER_CODE} TEH05-P0012 {T.PRODUCER} خانهٔ مربای مریم",
        f"{T.OWNER} مریم حسین‌زاده {T.STAFF_NAME} سارا کاظمی",
        # row, name, barcode, unit, quantity, price, value: as read, from the right
        "۱ مربای هویج خانگی 2000000000015 عدد ۲۰ ۴۵۰٬۰۰۰ ۹٬۰۰۰٬۰۰۰",
        f"{T.STOCK_TOTALS} ۲۶ {format_money(16_500_000, with_unit=False)}",
        f"{T.SIGN_PRODUCER_GAVE} {T.SIGN_STAFF_TOOK}",
        f"{T.NOTE}: دو شیشه ترک داشت و پس داده شد.",
    )
    words = {plain(w) for w, _, _ in page_words(pdf)}
    assert set(LONG_NAME.split()) <= words
    returned = tmp_path / "returned.pdf"
    render_stock_note(replace(data, received=False), returned)
    assert_reads(returned, T.STOCK_RETURNED_TITLE, f"{T.SIGN_STAFF_GAVE} {T.SIGN_PRODUCER_TOOK}")


# --- statements ----------------------------------------------------------------------------


@needs_poppler
def test_statement_shows_the_figures_and_the_iban_exactly(tmp_path: Path) -> None:
    data = statement()
    pdf = tmp_path / "statement.pdf"
    assert render_statement(data, pdf) == 1
    period = T.PERIOD_RANGE.format(
        start=format_jalali(data.period_from), end=format_jalali(data.period_to)
    )
    assert data.paid_on is not None
    assert_reads(
        pdf,
        T.STATEMENT_TITLE,
        data.center_name,
        f"{T.SHOP} {data.shop_name} {T.PERIOD} {period}",
        f"{T.PRODUCER_CODE} TEH05-P0012 {T.BUSINESS} خانهٔ مربای مریم",
        f"{T.OWNER} مریم حسین‌زاده {T.NATIONAL_CODE} 0012345678",
        f"{T.IBAN} IR820540102680020817909002 {T.PRINTED_ON} {format_jalali(data.printed_on)}",
        # row, product, barcode, sold, gross, returned, returns: as read, from the right
        "۱ مربای هویج خانگی 2000000000015 ۱۲ ۵٬۴۰۰٬۰۰۰ ۱ ۴۵۰٬۰۰۰",
        f"{T.GROSS} {format_money(9_100_000)}",
        f"{T.RETURNS} {format_money(450_000)}",
        f"{T.NET} {format_money(8_650_000)}",
        f"{T.DUE} {format_money(7_568_750)}",
        T.PAID_REFERENCE.format(date=format_jalali(data.paid_on), reference="BR-99812"),
    )
    # The percent sign is its own word, drawn left of the digits (as Persian has it).
    commission = next(line for line in read(pdf).splitlines() if line.startswith("کارمزد"))
    assert commission.endswith(format_money(1_081_250)) and "۱۲٫۵" in commission
    assert T.CARRY_OVER not in plain_text(pdf)
    words = {plain(w) for w, _, _ in page_words(pdf)}
    assert set(LONG_NAME.split()) <= words


@needs_poppler
def test_a_negative_due_is_carried_over_in_words(tmp_path: Path) -> None:
    data = statement(
        lines=(StatementLine("کاسهٔ سفالی", "2000000000077", 0, 0, 2, 900_000),),
        gross=0,
        returns=900_000,
        commission=-90_000,
        due=-810_000,
        paid_on=None,
        bank_reference="",
    )
    pdf = tmp_path / "statement.pdf"
    render_statement(data, pdf)
    assert_reads(pdf, T.CARRY_OVER, f"{T.DUE_NEGATIVE} {format_money(810_000)}", T.NOT_PAID)


@needs_poppler
def test_many_statements_one_producer_a_page_and_a_long_one_runs_over(tmp_path: Path) -> None:
    long_lines = tuple(
        StatementLine(f"کالای شمارهٔ {group_thousands(i)}", f"20000000{i:05d}", 1, 1000, 0, 0)
        for i in range(80)
    )
    batch = [
        statement(),
        statement(producer_code="TEH05-P0013", business_name="سفال گلین", lines=long_lines),
        statement(producer_code="TEH05-P0014", business_name="گلیم‌بافی", lines=()),
    ]
    pdf = tmp_path / "statements.pdf"
    pages = render_statements(batch, pdf)
    assert pages == page_count(pdf) >= 4
    by_page: dict[int, set[str]] = {}
    for word, _, page in page_words(pdf):
        by_page.setdefault(page, set()).add(plain(word))
    assert "TEH05-P0012" in by_page[1]
    assert "TEH05-P0013" in by_page[2] and "TEH05-P0013" in by_page[3]
    assert "TEH05-P0014" in by_page[pages] and "TEH05-P0013" not in by_page[pages]
    # The table's header comes again on the page the long table runs onto.
    assert "تعداد" in by_page[3] and "بارکد" in by_page[3]
    text = read(pdf)
    assert all(f"کالای شمارهٔ {group_thousands(i)}" in text for i in range(80))
    assert T.NO_SALES in text


@needs_poppler
def test_no_two_words_overlap_on_any_paper(tmp_path: Path) -> None:
    """Columns that fit their figures, wrapped names, pairs that move their value to the
    next line when it does not fit: nothing is drawn over anything else."""
    long_shop = replace(receipt(), shop_name=" ".join([receipt().shop_name] * 3))
    papers = {
        "receipt.pdf": lambda p: render_receipt(long_shop, p),
        "a5.pdf": lambda p: render_receipt(receipt(), p, paper="a5"),
        "close.pdf": lambda p: render_close(close(), p),
        "labels.pdf": lambda p: render_labels(labels(24), p),
        "note.pdf": lambda p: render_stock_note(stock_note(), p),
        "statement.pdf": lambda p: render_statement(statement(), p),
    }
    for name, write in papers.items():
        write(tmp_path / name)
        boxes = page_words(tmp_path / name)
        for i, (word, a, page) in enumerate(boxes):
            for other, b, _ in (box for box in boxes[i + 1 :] if box[2] == page):
                # pdftotext's boxes take in the font's whole ascent and descent.
                overlap = (
                    a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 3 and b[1] < a[3] - 3
                )
                assert not overlap, (name, plain(word), plain(other))


# --- files ---------------------------------------------------------------------------------


def test_every_paper_is_written_private(tmp_path: Path, loose_umask: None) -> None:
    papers = {
        "receipt.pdf": lambda p: render_receipt(receipt(), p),
        "a5.pdf": lambda p: render_receipt(receipt(), p, paper="a5"),
        "close.pdf": lambda p: render_close(close(), p),
        "labels.pdf": lambda p: render_labels(labels(3), p),
        "note.pdf": lambda p: render_stock_note(stock_note(), p),
        "statement.pdf": lambda p: render_statement(statement(), p),
    }
    for name, write in papers.items():
        write(tmp_path / name)
        assert mode(tmp_path / name) == 0o600, name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(papers)
