"""Headquarters and centers as separate databases, opened one at a time: HQ on the
backend under test (an SQLite file, or the session's PostgreSQL database), each center
an SQLite file, as at a real desk."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop.models import SYNCED_MODELS
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import auth
from desktop.services.center_sync import read_provisioning, set_up_from_provisioning
from desktop.services.hq import setup as hq_setup
from desktop.services.session import Session

PASSWORD = "admin-pass-1"


@contextmanager
def opened(target: str) -> Iterator[None]:
    open_database(target)
    try:
        yield
    finally:
        close_database()


@dataclass
class Sites:
    """HQ's database and the centers' files under `folder`."""

    folder: Path
    hq: str
    centers: dict[str, str] = field(default_factory=dict)

    @contextmanager
    def at_hq(self) -> Iterator[Session]:
        with opened(self.hq):
            yield auth.login("hqadmin", PASSWORD)

    @contextmanager
    def at(self, code: str) -> Iterator[Session]:
        with opened(self.centers[code]):
            yield auth.login("admin", PASSWORD)

    def add_center(self, code: str, name: str) -> None:
        """Provisioned at HQ, set up from the file at the center."""
        with self.at_hq() as hq:
            path = hq_setup.provision(hq, code, name, "تهران", self.folder)
        provisioning = read_provisioning(path)
        self.centers[code] = str(self.folder / f"{code}.sqlite3")
        with opened(self.centers[code]):
            set_up_from_provisioning(
                provisioning, admin_username="admin", admin_display_name="مدیر مرکز",
                password=PASSWORD,
            )  # fmt: skip


def headquarters(folder: Path, target: str | None = None) -> Sites:
    """HQ set up at `target` (default: a file in `folder`)."""
    hq = target or str(folder / "hq.sqlite3")
    with opened(hq):
        hq_setup.initialise_hq(
            name="ستاد توانمندسازی شهر", city="تهران", admin_username="hqadmin",
            admin_display_name="مدیر ستاد", password=PASSWORD,
        )  # fmt: skip
    return Sites(folder, hq)


def rows_of(center_codes: set[str]) -> dict[str, dict[str, dict]]:
    """Every synced row of those centers, by table and id, as the change log carries it."""
    found: dict[str, dict[str, dict]] = {}
    for model in SYNCED_MODELS:
        table = found.setdefault(model._meta.table_name, {})
        for row in model.select().where(model.center_code.in_(center_codes)):
            table[str(row.id)] = row.sync_row()
    return found
