"""Installation settings a user can change: how text is drawn, money unit, theme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.errors import UserError
from desktop.models import Role, Setting, db
from desktop.services.session import Session
from desktop.strings import Settings as Messages
from desktop.text.display import DisplayMode
from desktop.text.money import MoneyUnit

THEMES = ("bootstrap-light", "sandstone-light", "minty-light", "pulse-light", "bootstrap-dark")


@dataclass(frozen=True)
class AppSettings:
    display_mode: DisplayMode = DisplayMode.AUTO
    money_unit: MoneyUnit = MoneyUnit.RIAL
    theme: str = "bootstrap-light"


_PARSERS = {
    "display_mode": DisplayMode,
    "money_unit": MoneyUnit,
    "theme": lambda value: value if value in THEMES else THEMES[0],
}


def load_settings() -> AppSettings:
    """Settings as stored; a stored value that no longer parses falls back to default."""
    values: dict[str, Any] = {}
    for key, parse in _PARSERS.items():
        stored = Setting.read(key)
        if stored is None:
            continue
        try:
            values[key] = parse(stored)
        except ValueError:
            continue
    return AppSettings(**values)


def save_settings(session: Session, values: dict[str, str]) -> AppSettings:
    """Validate every value, then write them all in one transaction (or none)."""
    session.require(Role.ADMIN)
    parsed: dict[str, str] = {}
    for key, value in values.items():
        if key not in _PARSERS:
            raise UserError(Messages.UNKNOWN_KEY, code="unknown_setting", field=key)
        try:
            result = _PARSERS[key](value)
        except ValueError:
            raise UserError(Messages.BAD_VALUE, code="bad_setting", field=key) from None
        parsed[key] = str(getattr(result, "value", result))
    with db.atomic():
        for key, value in parsed.items():
            Setting.write(key, value)
    return load_settings()
