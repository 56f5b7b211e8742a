"""(Being written: see desktop/commands/__init__.py for the shape of this module.)"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def register(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    return None
