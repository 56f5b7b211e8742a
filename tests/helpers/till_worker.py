"""A till in a process of its own: `python -m tests.helpers.till_worker TARGET SHOP_ID
PRODUCT_ID COUNT PASSWORD` sells COUNT one-item cash sales as the administrator and
prints their numbers, one per line (for the test of concurrent sale numbers)."""

from __future__ import annotations

import sys

from desktop.models.opening import open_database
from desktop.services import auth
from desktop.services.shops.sales import CartLine, Payment, sell


def main(target: str, shop_id: str, product_id: str, count: int, password: str) -> None:
    open_database(target)
    admin = auth.login("admin", password)
    for _ in range(count):
        sale = sell(admin, shop_id, [CartLine(product_id)], [Payment("cash", 10**9)])
        print(sale.number, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
