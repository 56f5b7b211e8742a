"""Installation settings: how text is drawn, money unit, theme, and what certificates print.

The keys are stable (scripts set them: `python -m desktop settings set KEY VALUE`), and
the GUI's Settings page and the command line save through the same `save_settings`,
which checks every value before writing any:

- `display_mode`: `auto`, `convert` or `native` (how Persian is drawn; default `auto`)
- `money_unit`: `rial` or `toman` (how amounts are shown; default `rial`)
- `theme`: one of THEMES (default `bootstrap-light`)
- `certificate_manager_name`: the center manager's full name, printed under their
  signature line; a person's name, never a user name. Set-up fills it with the first
  administrator's name; empty, no certificate is issued or printed.
- `certificate_logo_path`: an image file printed on certificates (empty: no logo)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models import Role, Setting, User, db
from desktop.models.base import tuples
from desktop.services.session import Session
from desktop.services.validation import Collector, clean_person_name
from desktop.strings import Settings as Messages
from desktop.strings.courses import Certificates as CertificateMessages
from desktop.text.display import DisplayMode
from desktop.text.money import MoneyUnit

THEMES = ("bootstrap-light", "sandstone-light", "minty-light", "pulse-light", "bootstrap-dark")
MANAGER_NAME = "certificate_manager_name"
LOGO_PATH = "certificate_logo_path"


@dataclass(frozen=True)
class AppSettings:
    display_mode: DisplayMode = DisplayMode.AUTO
    money_unit: MoneyUnit = MoneyUnit.RIAL
    theme: str = "bootstrap-light"


@dataclass(frozen=True)
class SettingValue:
    """One setting as `settings list` shows it: the stored value, or the default."""

    key: str
    value: str
    is_set: bool  # stored and not empty
    choices: tuple[str, ...] = ()  # the values allowed, for settings that are a choice


@dataclass(frozen=True)
class _Spec:
    default: str
    # The value to store; what is wrong with it goes to the collector under the field.
    clean: Callable[[str, Collector, str], str]
    choices: tuple[str, ...] = ()


def _choice_spec(default: str, allowed: tuple[str, ...]) -> _Spec:
    def clean(value: str, errors: Collector, field: str) -> str:
        if value.strip() not in allowed:
            errors.add(field, Messages.BAD_VALUE)
        return value.strip()

    return _Spec(default, clean, allowed)


def _manager_name(value: str, errors: Collector, field: str) -> str:
    return clean_person_name(value, errors, field, usernames=usernames())


def _logo_path(value: str, errors: Collector, field: str) -> str:
    path = value.strip()  # a file's name as the system has it: never normalised
    if path and not Path(path).expanduser().is_file():
        errors.add(field, CertificateMessages.LOGO_MISSING)
    return path


_SPECS: dict[str, _Spec] = {
    "display_mode": _choice_spec(DisplayMode.AUTO.value, tuple(m.value for m in DisplayMode)),
    "money_unit": _choice_spec(MoneyUnit.RIAL.value, tuple(u.value for u in MoneyUnit)),
    "theme": _choice_spec(THEMES[0], THEMES),
    MANAGER_NAME: _Spec("", _manager_name),
    LOGO_PATH: _Spec("", _logo_path),
}
SETTING_KEYS = tuple(_SPECS)


def usernames() -> list[str]:
    """Every user name of this installation (deactivated and deleted ones too)."""
    return [str(name) for (name,) in tuples(User.select(User.username))]


def load_settings() -> AppSettings:
    """Settings as stored; a stored value that no longer parses falls back to default."""
    values: dict[str, Any] = {}
    for key, parse in (("display_mode", DisplayMode), ("money_unit", MoneyUnit)):
        stored = Setting.read(key)
        if stored is None:
            continue
        try:
            values[key] = parse(stored)
        except ValueError:
            continue
    theme = (Setting.read("theme") or "").strip()
    if theme in THEMES:
        values["theme"] = theme
    return AppSettings(**values)


def money_unit() -> MoneyUnit:
    """How amounts are shown (one setting read: what a receipt needs of them)."""
    try:
        return MoneyUnit(Setting.read("money_unit") or MoneyUnit.RIAL.value)
    except ValueError:
        return MoneyUnit.RIAL


def list_settings() -> list[SettingValue]:
    """Every setting a person or a script may change, with its value (for IT staff)."""
    listed = []
    for key, spec in _SPECS.items():
        stored = Setting.read(key) or ""
        listed.append(
            SettingValue(
                key=key,
                value=stored or spec.default,
                is_set=bool(stored),
                choices=spec.choices,
            )
        )
    return listed


def read_setting(key: str) -> str:
    """One setting's stored value ("" when not set)."""
    return Setting.read(key, "") or ""


def save_settings(session: Session, values: dict[str, str]) -> AppSettings:
    """Validate every value, then write them all in one transaction (or none).

    An unknown key raises UserError (code "unknown_setting", field the key); bad values
    raise ValidationError {key: Persian message}, nothing written.
    """
    session.require(Role.ADMIN)
    found = Collector()
    clean: dict[str, str] = {}
    for key, value in values.items():
        spec = _SPECS.get(key)
        if spec is None:
            raise UserError(Messages.UNKNOWN_KEY, code="unknown_setting", field=key)
        clean[key] = spec.clean(value, found, key)
    found.raise_if_any()
    with db.atomic():
        for key, value in clean.items():
            Setting.write(key, value)
    return load_settings()
