"""The registry as the shop's screens see it (views/shop/): who a national code belongs
to before a producer is added, and which producers an applicant's file should show.

Separate from producers.py on purpose (written for the screens, beside the lead's
services): a shop user may look a person up by national code only to link them as a
producer — the answer is the name and file number, nothing else of the file; the
registry's readers (admin, clerk) see an applicant's producers on the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import UserError
from desktop.models import Applicant, Producer, Role, Shop
from desktop.models.base import tuples
from desktop.services.identity import clean_national_code
from desktop.services.session import Session
from desktop.services.shops.access import require_shop_role
from desktop.strings.shops import Producers as Messages


@dataclass(frozen=True)
class PersonFound:
    applicant_id: str
    full_name: str
    file_number: str


def find_person(session: Session, national_code: str) -> PersonFound:
    """The applicant of this center with `national_code` (a producer to be)."""
    require_shop_role(session)
    code = clean_national_code(national_code)
    applicant = Applicant.get_or_none(
        (Applicant.center_code == session.center_code)
        & (Applicant.national_code == code)
        & ~Applicant.deleted
    )
    if applicant is None:
        raise UserError(Messages.APPLICANT_NOT_FOUND, code="not_found", field="national_code")
    return PersonFound(str(applicant.id), applicant.full_name, applicant.file_number)


@dataclass(frozen=True)
class ApplicantProducer:
    producer_id: str
    code: str
    business_name: str
    shop_name: str
    active: bool


def applicant_producers(session: Session, applicant_id: str) -> list[ApplicantProducer]:
    """The home businesses (producers) of an applicant, for their file."""
    session.require(Role.ADMIN, Role.CLERK)
    query = (
        Producer.select(
            Producer.id, Producer.code, Producer.business_name, Shop.name, Producer.active
        )
        .join(Shop, on=(Producer.shop == Shop.id))
        .where((Producer.applicant == applicant_id) & ~Producer.deleted)
        .order_by(Producer.code)
    )
    return [
        ApplicantProducer(str(pid), code, name, shop, bool(active))
        for pid, code, name, shop, active in tuples(query)
    ]
