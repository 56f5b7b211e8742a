"""What a certificate is signed with besides the course: the center manager's name
and the trainer's (a person's full name, never a user name or none) and the logo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError, ValidationError
from desktop.models import Course, User
from desktop.services.records import as_uuid
from desktop.services.session import Session
from desktop.services.settings import LOGO_PATH, MANAGER_NAME, read_setting, save_settings
from desktop.services.users import person_name
from desktop.strings.settings import ManagerName, TrainerName

SETTING_MANAGER_NAME = MANAGER_NAME  # the center manager's full name
SETTING_LOGO_PATH = LOGO_PATH  # default: no logo


@dataclass(frozen=True)
class CertificateSettings:
    manager_name: str  # as stored ("" means: not set yet; nothing is issued or printed)
    logo_path: str  # "" means: no logo


def certificate_settings() -> CertificateSettings:
    return CertificateSettings(
        manager_name=read_setting(SETTING_MANAGER_NAME),
        logo_path=read_setting(SETTING_LOGO_PATH),
    )


_SETTING_FIELDS = {SETTING_MANAGER_NAME: "manager_name", SETTING_LOGO_PATH: "logo_path"}


def save_certificate_settings(
    session: Session, *, manager_name: str, logo_path: str
) -> CertificateSettings:
    """The manager's full name printed under their signature line and the logo image
    ("" for none), checked as `services.settings.save_settings` checks them (errors keyed by
    this function's argument names). Admin only; certificates already issued keep the
    name they were signed with."""
    try:
        save_settings(session, {SETTING_MANAGER_NAME: manager_name, SETTING_LOGO_PATH: logo_path})
    except ValidationError as error:
        raise ValidationError(
            {_SETTING_FIELDS.get(key, key): message for key, message in error.errors.items()}
        ) from None
    return certificate_settings()


def manager_name() -> str:
    """The center manager's name to sign into a certificate, or UserError (field
    "manager_name", code "manager_name_missing" or "manager_name_is_username") saying
    which setting to fill in: a certificate never carries a user name or no name."""
    name = certificate_settings().manager_name
    if not name:
        raise UserError(ManagerName.MISSING, code="manager_name_missing", field="manager_name")
    if not person_name(name):
        raise UserError(
            ManagerName.IS_USERNAME.format(name=name),
            code="manager_name_is_username",
            field="manager_name",
        )
    return name


def trainer_name(course: Course) -> str:
    """The name of the course's trainer to sign into its certificates, or UserError
    saying what to fill in — as for the manager, a certificate never carries a user
    name or no name: code "trainer_name_missing" (field "trainer_name") while the
    trainer's full name is missing or is a user name, "trainer_missing" (field
    "trainer_id") if the course's trainer is no user here (every course is created
    with one, so only a damaged or foreign record; an empty «مدرس دوره» line would
    look forged, and a signed certificate cannot be corrected later)."""
    trainer = User.get_or_none(User.id == as_uuid(course.trainer))
    if trainer is None:
        raise UserError(TrainerName.NO_TRAINER, code="trainer_missing", field="trainer_id")
    name = person_name(trainer.display_name)
    if not name:
        raise UserError(
            TrainerName.MISSING.format(username=trainer.username),
            code="trainer_name_missing",
            field="trainer_name",
        )
    return name


def logo_path() -> Path | None:
    text = certificate_settings().logo_path
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_file() else None
