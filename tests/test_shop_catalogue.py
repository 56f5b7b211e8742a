"""Shops, producers and products: validation by field, identities, import, income
evidence on the applicant's file."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop.errors import PermissionDenied, UserError, ValidationError
from desktop.models import Applicant, Outcome, Product
from desktop.services.shops import producers, product_import, products, shops
from desktop.services.shops.identifiers import (
    clean_barcode,
    clean_iban,
    internal_barcode,
    internal_range,
)
from desktop.services.shops.products import ProductFields
from tests.helpers.people import login_as
from tests.helpers.shop import cash_sale, open_shop, shop_user, valid_iban


@pytest.mark.parametrize(
    ("typed", "stored", "problem"),
    [
        ("IR820540102680020817909002", "IR820540102680020817909002", None),
        ("ir82 0540 1026 8002 0817 9090 02", "IR820540102680020817909002", None),
        ("IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲", "IR820540102680020817909002", None),
        ("IR820540102680020817909003", "IR820540102680020817909003", "check"),
        ("IR82054010268002081790900", "IR82054010268002081790900", "format"),
        ("DE89370400440532013000", "DE89370400440532013000", "format"),
    ],
)
def test_iban_is_checked_mod_97_and_stored_compact(typed, stored, problem):
    assert clean_iban(typed) == (stored, problem)


def test_internal_barcodes_are_valid_ean13_in_the_centers_range():
    low, high = internal_range("TEH05")
    codes = [internal_barcode("TEH05", n) for n in (1, 2, 999_999)]
    assert all(clean_barcode(code) == (code, None) for code in codes)
    assert all(low <= code[:12] <= high for code in codes)
    assert internal_barcode("TEH05", 1) != internal_barcode("SHZ01", 1)


def test_a_mistyped_ean13_is_refused():
    assert clean_barcode("6260100000019")[1] == "check"
    assert clean_barcode("ABC-12")[1] is None  # a maker's own code, not EAN


def test_shop_codes_and_names(admin):
    with pytest.raises(ValidationError) as bad:
        shops.add_shop(admin, "s-1!", "")
    assert set(bad.value.errors) == {"code", "name"}
    shops.add_shop(admin, "s1", "فروشگاه")
    with pytest.raises(UserError) as twice:
        shops.add_shop(admin, "S1", "دیگری")
    assert twice.value.code == "duplicate"
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        shops.add_shop(clerk, "S2", "فروشگاه")


def test_producer_fields_are_checked_together(admin):
    shops.add_shop(admin, "S1", "فروشگاه")
    with pytest.raises(ValidationError) as bad:
        producers.add_producer(
            admin, national_code="123", business_name="", iban="IR00", commission="120"
        )
    assert set(bad.value.errors) == {"national_code", "business_name", "iban", "commission"}
    with pytest.raises(UserError) as unknown:
        producers.add_producer(
            admin, national_code="0012345679", business_name="کارگاه", iban=valid_iban(1),
            commission="10",
        )  # fmt: skip
    assert unknown.value.field == "national_code"


def test_producer_codes_count_up_per_center_and_a_person_once_per_shop(admin):
    world = open_shop(admin, producers_count=2)
    assert world.producer_codes == ("TEH05-P-0001", "TEH05-P-0002")
    owner = producers.get_producer(admin, world.producer_codes[0])
    with pytest.raises(UserError) as twice:
        producers.add_producer(
            admin, national_code=owner.national_code, business_name="دوباره",
            iban=valid_iban(9), commission="10", shop="S1",
        )  # fmt: skip
    assert twice.value.code == "duplicate"


def test_sales_are_income_evidence_and_credit_a_home_business(admin):
    world = open_shop(admin, producers_count=1)
    cash_sale(admin, world, (0, 2), (1, 1))
    owner = producers.get_producer(admin, world.producer_ids[0])
    months = producers.producer_income(admin, owner.applicant_id)
    assert len(months) == 1 and months[0].sales == 2 * world.prices[0] + world.prices[1]
    outcome_id = producers.credit_home_business(admin, world.producer_ids[0])
    outcome = Outcome.get_by_id(outcome_id)
    assert outcome.kind == "home_business" and outcome.employer == "کارگاه خانگی 1"
    assert str(outcome.applicant_id) == owner.applicant_id
    till = shop_user(admin, world, "till1")
    with pytest.raises(PermissionDenied):  # crediting outcomes is the registry's
        producers.credit_home_business(till, world.producer_ids[0])


def test_product_fields_are_checked(admin):
    world = open_shop(admin, producers_count=1)
    with pytest.raises(ValidationError) as bad:
        products.add_product(admin, ProductFields("", world.producer_codes[0], "ده", ""))
    assert set(bad.value.errors) == {"name", "price", "unit"}
    with pytest.raises(UserError) as taken:
        products.add_product(
            admin, ProductFields("نو", world.producer_codes[0], "1000", "عدد",
                                 barcode=world.barcodes[0]),
        )  # fmt: skip
    assert taken.value.code == "duplicate"
    made = products.add_product(
        admin, ProductFields("بسته‌ی نو", world.producer_codes[0], "۱۲٬۵۰۰", "بسته")
    )
    assert made.price == 12_500 and made.barcode == internal_barcode("TEH05", 4)


def _sheet(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_products_import_from_xlsx_with_persian_headers(admin, tmp_path):
    world = open_shop(admin, producers_count=1)
    code = world.producer_codes[0]
    path = _sheet(
        tmp_path / "p.xlsx",
        [
            ["نام کالا", "کد تولیدکننده", "قیمت", "واحد", "دسته", "بارکد", "موجودی"],
            ["کیف دستی", code, "450000", "عدد", "دستی", "", "4"],
            ["کیف دستی دوم", code, "450000", "عدد", "دستی", "", ""],
            ["تکراری", code, "1000", "عدد", "", world.barcodes[0], "1"],
            ["منفی", code, "1000", "عدد", "", "", "-3"],
        ],
    )
    dry = product_import.import_products(admin, path, dry_run=True)
    assert (dry.rows, dry.accepted, dry.rejected, dry.created) == (4, 2, 2, 0)
    assert Product.select().count() == 3
    done = product_import.import_products(admin, path)
    assert done.created == 2
    bag = next(p for p in products.list_products(admin) if p.name == "کیف دستی")
    assert bag.stock == 4
    report = tmp_path / "report.csv"
    product_import.write_report(done.results, report)
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "row,status,field,message" and lines[3].startswith("4,rejected,barcode")


def test_products_import_without_required_columns_imports_nothing(admin, tmp_path):
    open_shop(admin, producers_count=1)
    path = tmp_path / "p.csv"
    path.write_text("name,price\nکیف,1000\n", encoding="utf-8")
    with pytest.raises(UserError) as missing:
        product_import.import_products(admin, path)
    assert missing.value.code == "missing_columns"
    assert Applicant.select().count() >= 1
