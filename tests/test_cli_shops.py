"""`python -m desktop shops|producers|products|sales|settlement`: the issue's contract —
options, JSON fields, exit codes, one English line on refusal with nothing changed."""

from __future__ import annotations

import json

import pytest

from desktop.models import ChangeLog, Sale
from desktop.models.db import close_database
from desktop.services.setup import admin_session
from desktop.text.jalali import format_jalali
from desktop.text.normalize import normalize_digits
from tests.helpers.cli import init_database, run
from tests.helpers.people import person
from tests.helpers.shop import valid_iban

TODAY = normalize_digits(format_jalali(__import__("datetime").date.today()))


@pytest.fixture
def db(tmp_path):
    path = init_database(tmp_path, "--admin-name", "مریم کریمی")
    yield path
    close_database()


@pytest.fixture
def stocked(db, capsys, tmp_path):
    """A shop, a producer and two products (one with its own barcode), with stock."""
    from desktop.models import Applicant

    assert run(capsys, "shops", "add", "--db", db, "--code", "S1", "--name", "فروشگاه یک")[0] == 0
    code = Applicant.get_by_id(person(admin_session(), "زهرا")).national_code
    result = run(
        capsys, "producers", "add", "--db", db, "--national-code", code,
        "--business-name", "کارگاه زهرا", "--iban", valid_iban(7), "--commission", "12.5",
        "--shop", "S1",
    )  # fmt: skip
    assert result[0] == 0, result
    sheet = tmp_path / "products.csv"
    sheet.write_text(
        "name,producer_code,price,unit,category,barcode,stock\n"
        "مربای بالنگ,TEH05-P-0001,350000,عدد,خوراکی,,10\n"
        "ترشی لیته,TEH05-P-0001,210000,عدد,خوراکی,6260100000018,5\n",
        encoding="utf-8",
    )
    assert run(capsys, "products", "import", "--db", db, str(sheet))[0] == 0
    listed = run(capsys, "products", "list", "--db", db, "--json")[1].splitlines()
    return db, {json.loads(line)["name"]: json.loads(line)["barcode"] for line in listed}


def test_shops_list_and_producers_list_fields(stocked, capsys):
    db, _ = stocked
    code, out, _ = run(capsys, "shops", "list", "--db", db, "--json")
    assert code == 0 and [json.loads(line) for line in out.splitlines()] == [
        {"code": "S1", "name": "فروشگاه یک"}
    ]
    code, out, _ = run(capsys, "producers", "list", "--db", db, "--json")
    producer = json.loads(out)
    assert {
        "code",
        "business_name",
        "owner_name",
        "national_code",
        "iban",
        "commission_percent",
    } <= set(producer)
    assert producer["code"] == "TEH05-P-0001" and producer["commission_percent"] == "12.5"
    assert producer["iban"] == valid_iban(7)


def test_products_list_fields_and_generated_barcode(stocked, capsys):
    db, barcodes = stocked
    out = run(capsys, "products", "list", "--db", db, "--shop", "S1", "--json")[1]
    rows = [json.loads(line) for line in out.splitlines()]
    assert {tuple(sorted(row)) for row in rows} == {
        ("active", "barcode", "name", "price", "producer_code", "stock", "unit")
    }
    assert barcodes["ترشی لیته"] == "6260100000018"  # kept as given
    generated = barcodes["مربای بالنگ"]
    assert len(generated) == 13 and generated.startswith("2")
    assert {row["name"]: row["stock"] for row in rows} == {"مربای بالنگ": 10, "ترشی لیته": 5}


def test_sales_add_json_and_list(stocked, capsys):
    db, barcodes = stocked
    code, out, err = run(
        capsys, "sales", "add", "--db", db, "--shop", "S1",
        "--item", f"{barcodes['مربای بالنگ']}:2:10000", "--item", barcodes["ترشی لیته"],
        "--pay", "card:500000:778899", "--pay", "cash:500000", "--json",
    )  # fmt: skip
    assert code == 0, err
    sale = json.loads(out)
    assert {"number", "shop", "sold_at", "total", "paid", "change", "lines"} <= set(sale)
    assert (sale["number"], sale["shop"], sale["total"], sale["paid"], sale["change"]) == (
        "TEH05-S1-000001", "S1", 900_000, 1_000_000, 100_000,
    )  # fmt: skip
    assert sale["lines"][0] == {
        "barcode": barcodes["مربای بالنگ"], "name": "مربای بالنگ", "qty": 2,
        "unit_price": 350_000, "discount": 10_000, "line_total": 690_000,
    }  # fmt: skip
    assert sale["sold_at"].startswith(TODAY)
    code, out, _ = run(capsys, "sales", "list", "--db", db, "--from", TODAY, "--json")
    listed = json.loads(out)
    assert listed == {
        "number": "TEH05-S1-000001", "shop": "S1", "sold_at": sale["sold_at"],
        "total": 900_000, "status": "sold", "items": 3,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("items", "pay", "words"),
    [
        (["9999999999999"], ["cash:1000000"], "unknown barcode"),
        (["ITEM:20"], ["cash:99000000"], "not enough stock"),
        (["ITEM"], ["cash:1"], "payment short"),
        (["ITEM:x"], ["cash:1"], "QTY must be a whole number"),
        (["ITEM"], ["cheque:5"], "--pay must be"),
    ],
)
def test_sales_add_refusals_exit_1_with_one_line_and_change_nothing(
    stocked, capsys, items, pay, words
):
    db, barcodes = stocked
    items = [item.replace("ITEM", barcodes["مربای بالنگ"]) for item in items]
    logged = ChangeLog.select().count()
    argv = ["sales", "add", "--db", db, "--shop", "S1"]
    for item in items:
        argv += ["--item", item]
    for payment in pay:
        argv += ["--pay", payment]
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and words in err
    assert Sale.select().count() == 0 and ChangeLog.select().count() == logged


def test_void_return_close_and_settlement(stocked, capsys, tmp_path):
    db, barcodes = stocked
    jam = barcodes["مربای بالنگ"]
    for _ in range(2):
        assert run(capsys, "sales", "add", "--db", db, "--shop", "S1", "--item", f"{jam}:3",
                   "--pay", "cash:1050000")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "sales", "return", "--db", db, "TEH05-S1-000001",
                       "--item", f"{jam}:1", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["refund"] == 350_000
    assert json.loads(out)["number"] == "TEH05-S1-R-000001"
    assert run(capsys, "sales", "void", "--db", db, "TEH05-S1-000002", "--reason", "اشتباه")[0] == 0
    code, _, err = run(capsys, "sales", "void", "--db", db, "TEH05-S1-000002", "--reason", "باز")
    assert code == 1 and "already voided" in err
    code, out, _ = run(capsys, "shops", "close", "--db", db, "--shop", "S1",
                       "--counted-cash", "700000", "--json")  # fmt: skip
    close = json.loads(out)
    assert code == 0 and {
        key: close[key]
        for key in ("expected_cash", "counted_cash", "difference", "card_total", "sales_count")
    } == {"expected_cash": 700_000, "counted_cash": 700_000, "difference": 0,
          "card_total": 0, "sales_count": 1}  # fmt: skip
    code, out, _ = run(capsys, "settlement", "--db", db, "--from", TODAY, "--to", TODAY, "--json")
    row = json.loads(out)
    keys = ("producer_code", "gross", "returns", "commission", "due")
    assert {key: row[key] for key in keys} == {
        "producer_code": "TEH05-P-0001", "gross": 1_050_000, "returns": 350_000,
        "commission": 87_500, "due": 612_500,
    }  # fmt: skip
    assert row["business_name"] == "کارگاه زهرا"
    sheet = tmp_path / "settlement.xlsx"
    assert run(capsys, "settlement", "--db", db, "--from", TODAY, "--to", TODAY,
               "--out", str(sheet))[0] == 0  # fmt: skip
    from openpyxl import load_workbook

    cells = [[c.value for c in r] for r in load_workbook(sheet).active.iter_rows()]
    assert cells[1][0] == "TEH05-P-0001" and 612_500 in cells[1]
    assert not any(isinstance(v, str) and v.startswith("=") for r in cells for v in r)
    code, _, err = run(capsys, "settlement", "--db", db, "--from", TODAY, "--to", TODAY,
                       "--pay", "TEH05-P-0001", "--reference", "123")  # fmt: skip
    assert code == 1 and "period has not ended" in err


def test_bad_dates_and_unknown_shop(stocked, capsys):
    db, _ = stocked
    code, _, err = run(capsys, "sales", "list", "--db", db, "--from", "1405/13/40")
    assert code == 1 and err.startswith("error: --from must be a Jalali date")
    code, _, err = run(capsys, "shops", "close", "--db", db, "--shop", "ZZ", "--counted-cash", "0")
    assert code == 1 and err.startswith("error: not found")
    code, _, err = run(
        capsys, "producers", "add", "--db", db, "--national-code", "0012345679",
        "--business-name", "x", "--iban", "IR000", "--commission", "150",
    )  # fmt: skip
    assert code == 1 and "iban" in err and "commission" in err


def test_sales_receipt_writes_a_copy_of_an_80mm_receipt(stocked, capsys, tmp_path):
    db, barcodes = stocked
    run(capsys, "sales", "add", "--db", db, "--shop", "S1", "--item", barcodes["ترشی لیته"],
        "--pay", "cash:210000")  # fmt: skip
    out = tmp_path / "receipt.pdf"
    code, printed, _ = run(
        capsys, "sales", "receipt", "--db", db, "TEH05-S1-000001", "--out", str(out)
    )
    assert code == 0 and printed.strip() == f"wrote {out}"
    assert out.stat().st_size > 0
    code, _, err = run(capsys, "sales", "receipt", "--db", db, "TEH05-S1-000009", "--out", str(out))
    assert code == 1 and err.startswith("error: not found")


def test_products_labels_by_barcode_or_for_a_receipt_note(stocked, capsys, tmp_path):
    db, barcodes = stocked
    out = tmp_path / "labels.pdf"
    code, printed, _ = run(
        capsys, "products", "labels", "--db", db, *barcodes.values(), "--copies", "2",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0 and printed.strip() == f"wrote 4 labels to {out}" and out.is_file()
    # The import received 10 + 5 on one note: a label for each item.
    code, printed, _ = run(
        capsys, "products", "labels", "--db", db, "--note", "teh05-s1-n-000001", "--out", str(out)
    )
    assert code == 0 and printed.strip() == f"wrote 15 labels to {out}"
    code, _, err = run(capsys, "products", "labels", "--db", db, "--out", str(out))
    assert code == 1 and err.strip() == "error: give barcodes or --note NUMBER, one of them"
    code, _, err = run(
        capsys, "products", "labels", "--db", db, "--note", "TEH05-S1-N-000009", "--out", str(out)
    )
    assert code == 1 and err.startswith("error: not found")
