"""The shop's papers built from stored rows (services/shops/papers.py): a receipt is the
sale as sold and a copy once printed; return slips, notes, closes, statements, labels."""

from __future__ import annotations

import datetime as dt
import stat
import unicodedata

import pytest

from desktop.errors import UserError
from desktop.services.progress import Cancelled
from desktop.services.shops import closing, papers, products, returns, stock
from desktop.services.shops.products import ProductFields
from tests.helpers.pdf import plain_text
from tests.helpers.shop import cash_sale, open_shop

TODAY = dt.date.today()


def _text(path):
    return unicodedata.normalize("NFKC", plain_text(path))


@pytest.fixture
def world(admin):
    return open_shop(admin, producers_count=1)


def test_a_receipt_is_the_sale_as_sold_and_a_copy_once_printed(admin, world, tmp_path):
    sale = cash_sale(admin, world, (0, 2), (1, 1))
    record = next(p for p in products.list_products(admin) if p.id == world.product_ids[0])
    products.update_product(
        admin, record.id, ProductFields("نام تازه", record.producer_code, 5, record.unit)
    )
    first = papers.write_receipt(admin, sale.number, tmp_path / "r1.pdf")
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    text = _text(first)
    assert sale.number in text and "مربای بالنگ 1" in text and "نام تازه" not in text
    assert "رونوشت" not in text
    again = papers.write_receipt(admin, sale.number, tmp_path / "r2.pdf", paper="a5")
    assert "رونوشت" in _text(again)
    with pytest.raises(UserError) as paper:
        papers.write_receipt(admin, sale.number, tmp_path / "r3.pdf", paper="a3")
    assert paper.value.code == "paper"


def test_a_return_slip_names_the_sale(admin, world, tmp_path):
    sale = cash_sale(admin, world, (0, 2))
    done = returns.return_items(admin, sale.number, [(world.barcodes[0], 1)])
    text = _text(papers.write_return_slip(admin, done, tmp_path / "back.pdf"))
    assert done.number in text and sale.number in text


def test_stock_note_close_statement_and_labels(admin, world, tmp_path):
    note = stock.receive_stock(admin, world.producer_ids[0], [(world.product_ids[2], 4)])
    text = _text(papers.write_stock_note(admin, note.id, tmp_path / "note.pdf"))
    assert note.number in text and world.producer_codes[0] in text
    cash_sale(admin, world, (2, 1))
    close = closing.close_day(admin, shop=world.shop_code, counted_cash=world.prices[2])
    assert close.number in _text(papers.write_close(admin, close.id, tmp_path / "z.pdf"))
    rows = papers.write_settlement(admin, TODAY, TODAY, tmp_path / "s.pdf")
    text = _text(tmp_path / "s.pdf")
    assert rows and rows[0].iban in text and world.producer_codes[0] in text
    labels = tmp_path / "l.pdf"
    drawn = papers.write_labels(admin, list(world.product_ids), labels, copies=2)
    assert drawn == 2 * len(world.product_ids)
    assert all(code[-6:] in _text(labels) for code in world.barcodes)  # drawn 2 423530 000018
    with pytest.raises(UserError) as unsupported:
        papers.write_settlement(admin, TODAY, TODAY, tmp_path / "s.doc")
    assert unsupported.value.code == "unsupported_format"


def test_statements_report_progress_per_producer_and_a_stop_writes_nothing(admin, world, tmp_path):
    cash_sale(admin, world, (0, 1), (1, 1))
    seen: list[tuple[int, int]] = []
    rows = papers.write_settlement(
        admin, TODAY, TODAY, tmp_path / "s.pdf", progress=lambda *step: seen.append(step)
    )
    assert rows and seen == [(n, len(rows)) for n in range(1, len(rows) + 1)]

    def stop(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        papers.write_settlement(admin, TODAY, TODAY, tmp_path / "stopped.pdf", progress=stop)
    assert not (tmp_path / "stopped.pdf").exists()
    sheet = tmp_path / "s.xlsx"
    seen.clear()
    papers.write_settlement(admin, TODAY, TODAY, sheet, progress=lambda *step: seen.append(step))
    assert seen == [(len(rows), len(rows))] and sheet.is_file()


def test_labels_for_a_receipt_note_one_per_item_and_not_for_a_return_note(admin, world, tmp_path):
    received = stock.receive_stock(
        admin, world.producer_ids[0], [(world.product_ids[0], 3), (world.product_ids[1], 2)]
    )
    assert papers.write_note_labels(admin, received.number, tmp_path / "in.pdf") == 5
    text = _text(tmp_path / "in.pdf")
    assert world.barcodes[0][-6:] in text and world.barcodes[1][-6:] in text
    back = stock.return_to_producer(admin, world.producer_ids[0], [(world.product_ids[0], 1)])
    with pytest.raises(UserError) as refused:
        papers.write_note_labels(admin, back.number, tmp_path / "back.pdf")
    assert refused.value.code == "not_found" and not (tmp_path / "back.pdf").exists()
