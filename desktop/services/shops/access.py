"""Who may do what in which shop. Every shop service starts here.

- A shop user works in one shop, chosen by an admin (`User.shop`): they see only its
  pages and figures. A supervisor (`User.supervisor`) may also void sales and take
  stock below zero; an admin may do everything in every shop.
- Clerks and trainers have no shop pages; they read a producer's sales on the
  applicant's file (producers.producer_income).
"""

from __future__ import annotations

from desktop.errors import PermissionDenied, UserError
from desktop.models import Role, Shop
from desktop.services.records import live
from desktop.services.session import Session
from desktop.strings.shops import Shops as Messages

SHOP_ROLES = (Role.ADMIN, Role.SHOP)


def require_shop_role(session: Session) -> None:
    session.require(*SHOP_ROLES)


def require_supervisor(session: Session) -> None:
    require_shop_role(session)
    if not (session.is_admin or session.supervisor):
        raise PermissionDenied(Messages.SUPERVISOR_ONLY)


def visible_shops(session: Session) -> list[Shop]:
    """The shops `session` may see: an admin's every shop, a shop user's own."""
    require_shop_role(session)
    query = Shop.select().where(~Shop.deleted).order_by(Shop.center_code, Shop.code)
    if not session.is_admin:
        query = query.where(Shop.id == (session.shop_id or None))
    return list(query)


def shop_for(session: Session, code_or_id: str | None = None) -> Shop:
    """The shop `session` works in: the one named (by code or id) — refused if it is not
    theirs — or, when none is named, a shop user's own (an admin's only shop, if the
    center has exactly one)."""
    require_shop_role(session)
    if code_or_id:
        shop = _find(session, code_or_id.strip())
    elif session.shop_id:
        shop = live(Shop, session.shop_id, Messages.NOT_FOUND)
    else:
        shops = visible_shops(session)
        if len(shops) != 1:
            raise UserError(Messages.NONE_YET if not shops else Messages.NOT_FOUND, code="no_shop")
        shop = shops[0]
    check_shop(session, shop)
    return shop


def check_shop(session: Session, shop: Shop | str) -> None:
    """Refuse a shop user anything of a shop not theirs."""
    shop_id = str(shop.id if isinstance(shop, Shop) else shop)
    if session.is_admin:
        return
    if not session.shop_id:
        raise PermissionDenied(Messages.NO_SHOP)
    if shop_id != session.shop_id:
        raise PermissionDenied(Messages.NOT_YOURS)


def _find(session: Session, code_or_id: str) -> Shop:
    by_code = Shop.get_or_none(
        (Shop.code == code_or_id.upper())
        & (Shop.center_code == session.center_code)
        & ~Shop.deleted
    )
    return by_code or live(Shop, code_or_id, Messages.NOT_FOUND)
