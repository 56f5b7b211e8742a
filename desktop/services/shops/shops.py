"""Shops, and which shop each staff member works in (the admin's)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Role, Shop, User, db, writes
from desktop.services.records import audit, live
from desktop.services.session import Session
from desktop.services.shops.access import visible_shops
from desktop.services.validation import Collector, clean_name
from desktop.strings import Auth as UserMessages
from desktop.strings.shops import Shops as Messages
from desktop.text.normalize import normalize_identifier, normalize_text

_CODE = re.compile(r"[A-Z0-9]{1,6}")


@dataclass(frozen=True)
class ShopRecord:
    id: str
    code: str
    name: str
    address: str
    receipt_footer: str
    active: bool


def shop_record(shop: Shop) -> ShopRecord:
    return ShopRecord(
        str(shop.id), shop.code, shop.name, shop.address, shop.receipt_footer, shop.active
    )


def list_shops(session: Session) -> list[ShopRecord]:
    return [shop_record(shop) for shop in visible_shops(session)]


def add_shop(
    session: Session, code: str, name: str, *, address: str = "", receipt_footer: str = ""
) -> ShopRecord:
    session.require(Role.ADMIN)
    errors = Collector()
    code = normalize_identifier(code).upper()
    if not _CODE.fullmatch(code):
        errors.add("code", Messages.CODE_FORMAT)
    name = clean_name(name, errors, "name", required=Messages.NAME_REQUIRED)
    errors.raise_if_any()
    with db.atomic():
        taken = Shop.get_or_none((Shop.center_code == session.center_code) & (Shop.code == code))
        if taken is not None:
            raise UserError(Messages.CODE_TAKEN, code="duplicate", field="code")
        shop = writes.insert(
            Shop(
                code=code,
                name=name,
                address=normalize_text(address),
                receipt_footer=normalize_text(receipt_footer),
            ),
            session,
        )
        audit(session, "shop.add", code)
    return shop_record(shop)


def update_shop(
    session: Session,
    shop_id: str,
    *,
    name: str | None = None,
    address: str | None = None,
    receipt_footer: str | None = None,
    active: bool | None = None,
) -> ShopRecord:
    session.require(Role.ADMIN)
    errors = Collector()
    if name is not None:
        name = clean_name(name, errors, "name", required=Messages.NAME_REQUIRED)
    errors.raise_if_any()
    with db.atomic():
        shop = live(Shop, shop_id, Messages.NOT_FOUND)
        if name is not None:
            shop.name = name
        if address is not None:
            shop.address = normalize_text(address)
        if receipt_footer is not None:
            shop.receipt_footer = normalize_text(receipt_footer)
        if active is not None:
            shop.active = active
        writes.update(shop, session)
    return shop_record(shop)


def assign_staff(
    session: Session, user_id: str, shop_id: str | None, *, supervisor: bool = False
) -> None:
    """Put a shop user in a shop (None: in none), as supervisor or not."""
    session.require(Role.ADMIN)
    with db.atomic():
        user = live(User, user_id, UserMessages.USER_NOT_FOUND)
        if user.role != Role.SHOP.value:
            raise UserError(Messages.STAFF_NOT_SHOP_USER, code="not_shop_user", field="user")
        shop = live(Shop, shop_id, Messages.NOT_FOUND) if shop_id else None
        user.shop = str(shop.id) if shop else ""
        user.supervisor = supervisor
        writes.update(user, session)
        audit(session, "shop.staff", f"{user.username} → {shop.code if shop else '-'}")


@dataclass(frozen=True)
class StaffMember:
    user_id: str
    username: str
    display_name: str
    shop_id: str
    supervisor: bool


def shop_staff(session: Session) -> list[StaffMember]:
    """Every shop user of the center and their shop (an admin's page)."""
    session.require(Role.ADMIN)
    users = User.select().where((User.role == Role.SHOP.value) & ~User.deleted)
    return [
        StaffMember(str(u.id), u.username, u.display_name, u.shop, u.supervisor)
        for u in users.order_by(User.username)
    ]
