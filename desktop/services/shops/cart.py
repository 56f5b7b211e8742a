"""The held cart: the till's cart kept after every change, so a window closed (or a
power cut) mid-sale loses nothing. One per shop and staff member; local to this
machine (a cart is not a sale until paid, so it never travels); cleared by the sale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop.models import HeldCart, db, utcnow
from desktop.services.session import Session
from desktop.services.shops.access import check_shop
from desktop.services.shops.sales import CartLine


def hold_cart(session: Session, shop_id: str, lines: Sequence[CartLine]) -> None:
    """Keep the cart as it stands (an empty cart clears it)."""
    check_shop(session, shop_id)
    if not lines:
        clear_cart(session, shop_id)
        return
    text = json.dumps(
        [{"product": x.product_id, "quantity": x.quantity, "discount": x.discount} for x in lines]
    )
    with db.atomic():
        HeldCart.delete().where(
            (HeldCart.shop == shop_id) & (HeldCart.user == session.user_id)
        ).execute()
        HeldCart.create(shop=shop_id, user=session.user_id, lines=text, updated_at=utcnow())


def held_cart(session: Session, shop_id: str) -> list[CartLine]:
    """The cart left at this shop by this staff member, if any."""
    check_shop(session, shop_id)
    held = HeldCart.get_or_none((HeldCart.shop == shop_id) & (HeldCart.user == session.user_id))
    if held is None:
        return []
    try:
        rows = json.loads(held.lines)
        return [CartLine(str(r["product"]), int(r["quantity"]), int(r["discount"])) for r in rows]
    except (ValueError, KeyError, TypeError):
        return []  # a cart this version cannot read is dropped, never a crash


def clear_cart(session: Session, shop_id: str) -> None:
    with db.atomic():
        HeldCart.delete().where(
            (HeldCart.shop == shop_id) & (HeldCart.user == session.user_id)
        ).execute()
