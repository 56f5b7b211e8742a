"""Where things live on this machine: the database, the log file.

The database is one SQLite file in the user's data directory (platformdirs) unless
`--db` or the TAVANA_DB environment variable names a path or a database URL.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_DIR_NAME = "tavana"


def data_dir() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_database() -> str:
    return os.environ.get("TAVANA_DB") or str(data_dir() / "tavana.sqlite3")


def log_file() -> Path:
    return Path(
        os.environ.get("TAVANA_LOG")
        or Path(user_log_dir(APP_DIR_NAME, appauthor=False)) / "tavana.log"
    )


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file (for the center's IT support) and warnings to stderr."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path
