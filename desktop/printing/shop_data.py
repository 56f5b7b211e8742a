"""What the shop's papers show: the contract between the shop services and printing.

Every text field is logical, normalised text; amounts are integer Rials and the paper
shows them in `unit` (Rials or Tomans, the center's setting) with Persian digits and
separators; times are naive UTC as stored (printing shows them in Jalali, local time);
identifiers (sale numbers, barcodes, codes, IBANs) are printed exactly as stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.text.money import MoneyUnit


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    unit: str  # "عدد", "بسته", …
    unit_price: int
    discount: int  # Rials off this line
    line_total: int  # quantity × unit_price − discount


@dataclass(frozen=True)
class ReceiptPayment:
    method: str  # "cash" | "card"
    amount: int
    reference: str = ""  # the card terminal's number


@dataclass(frozen=True)
class ReceiptData:
    shop_name: str
    shop_address: str
    number: str  # "TEH05-S1-000123"
    sold_at: dt.datetime  # UTC
    cashier: str  # the staff member's full name
    lines: tuple[ReceiptLine, ...]
    total: int
    payments: tuple[ReceiptPayment, ...]
    change: int
    footer: str
    unit: MoneyUnit = MoneyUnit.RIAL
    copy: bool = False  # a reprint: marked as a copy
    voided: bool = False  # printed across as void
    # A return slip instead of a sale's receipt: the return's number and the sale's.
    return_of: str = ""

    @property
    def discount(self) -> int:
        return sum(line.discount for line in self.lines)


@dataclass(frozen=True)
class LabelData:
    name: str
    price: int
    barcode: str  # 13 digits for EAN-13 (drawn as bars); anything else as Code 128
    producer_code: str = ""
    unit: MoneyUnit = MoneyUnit.RIAL  # of the price


@dataclass(frozen=True)
class StockNoteLine:
    barcode: str
    name: str
    unit: str
    quantity: int
    price: int


@dataclass(frozen=True)
class StockNoteData:
    """A receipt note (goods received on consignment) or a return note, to sign."""

    shop_name: str
    number: str
    received: bool  # True: received from the producer; False: given back
    noted_at: dt.datetime
    producer_code: str
    producer_name: str  # the business name
    owner_name: str  # the applicant's full name
    lines: tuple[StockNoteLine, ...]
    staff_name: str
    note: str = ""
    unit: MoneyUnit = MoneyUnit.RIAL


@dataclass(frozen=True)
class CloseData:
    """A daily close (Z report) of one staff member at one shop."""

    shop_name: str
    number: str
    staff_name: str
    closed_by: str
    period_from: dt.datetime | None  # the first sale or return of the period (UTC)
    closed_at: dt.datetime
    sales_count: int
    sales_total: int
    returns_count: int
    refunds: int
    card_total: int
    expected_cash: int
    counted_cash: int
    difference: int
    note: str = ""
    unit: MoneyUnit = MoneyUnit.RIAL


@dataclass(frozen=True)
class StatementLine:
    """One product's sales in the period on a producer's statement."""

    name: str
    barcode: str
    quantity: int  # sold
    gross: int  # after line discounts
    returned_quantity: int
    returns: int


@dataclass(frozen=True)
class StatementData:
    """A producer's settlement statement for a period."""

    center_name: str
    shop_name: str
    producer_code: str
    business_name: str
    owner_name: str
    national_code: str
    iban: str
    commission_percent: str  # as written: "12.5"
    period_from: dt.date
    period_to: dt.date
    lines: tuple[StatementLine, ...]
    gross: int
    returns: int
    commission: int
    due: int
    paid_on: dt.date | None = None  # recorded payment, if any
    bank_reference: str = ""
    unit: MoneyUnit = MoneyUnit.RIAL
    printed_on: dt.date = field(default_factory=dt.date.today)
