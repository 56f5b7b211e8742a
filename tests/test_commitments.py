"""Employment commitments: a center's administrator enters what a partner body promised
the center for a year; HQ's administrator sets the body's city-wide figure, which goes
down with the reference data; the commitments report counts against the right one —
at a center and at HQ, over every center or one (no Tk; both backends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop.errors import PermissionDenied, ValidationError
from desktop.models import Applicant, ChangeLog, Commitment, Outcome, Partner, db, writes
from desktop.services import auth
from desktop.services.commitments import commitments, partner_by_name, set_commitment
from desktop.services.hq.setup import initialise_hq
from desktop.services.reports import build_report
from desktop.services.session import Session
from tests.helpers.people import login_as

START, END, TODAY = dt.date(2026, 3, 21), dt.date(2027, 3, 20), dt.date(2027, 4, 1)  # 1405
BARAKAT = "بنیاد برکت"


def partner(name: str = BARAKAT) -> Partner:
    return Partner.get(Partner.name == name)


def test_a_center_enters_its_own_figure_through_the_write_path(admin):
    before = ChangeLog.last_seq(admin.center_code)
    row = set_commitment(admin, str(partner().id), "۱۴۰۵", "۱۲")
    assert (row.partner, row.center_jobs, row.hq_jobs, row.jobs) == (BARAKAT, 12, 0, 12)
    set_commitment(admin, str(partner().id), 1405, 15)  # the same row, changed
    assert [(c.year, c.jobs) for c in Commitment.select()] == [(1405, 15)]
    logged = ChangeLog.select().where(ChangeLog.seq > before)
    assert [(e.entity, e.operation) for e in logged] == [
        ("commitment", "create"),
        ("commitment", "update"),
    ]
    assert partner().employment_commitment == 0  # HQ's row is not the center's to change
    by_year = {r.partner: r.center_jobs for r in commitments(admin, 1405)}
    assert by_year[BARAKAT] == 15 and commitments(admin, 1404)[0].center_jobs is None


def test_bad_input_is_refused_by_field_and_nothing_is_written(admin):
    with pytest.raises(ValidationError) as refused:
        set_commitment(admin, "not-an-id", "1405x", "-3")
    assert set(refused.value.errors) == {"partner", "year", "jobs"}
    with pytest.raises(ValidationError) as too_many:
        set_commitment(admin, str(partner().id), 1405, 2_000_000)
    assert set(too_many.value.errors) == {"jobs"}
    assert Commitment.select().count() == 0


def test_only_an_administrator_sets_one(admin):
    clerk = login_as(admin, "clerk1", "clerk")
    with pytest.raises(PermissionDenied):
        set_commitment(clerk, str(partner().id), 1405, 3)
    assert commitments(clerk, 1405)  # a clerk reads them


def test_partner_by_its_name_or_id(admin):
    assert partner_by_name(BARAKAT) == str(partner().id)
    assert partner_by_name(str(partner().id)) == str(partner().id)
    with pytest.raises(Exception) as unknown:
        partner_by_name("نهاد ناشناس")
    assert getattr(unknown.value, "code", "") == "not_found"


def outcome_at(center: str, started: dt.date, body: Partner) -> None:
    """An outcome of a person of `center`, as HQ holds them after an import."""
    with db.atomic(), writes.unlogged("rows as a center's sync file brings them"):
        number = Applicant.select().count() + 1
        person = Applicant.create(
            center_code=center,
            number=number,
            file_number=f"{center}-{number:06d}",
            national_code=f"{number:010d}",
            first_name="مریم",
            last_name="احمدی",
            gender="female",
            registered_on=START,
            district=3,
        )
        Outcome.create(
            center_code=center,
            applicant=person.id,
            kind="wage_job",
            started_on=started,
            partner=body.id,
        )


def own_figure(center: str, body: Partner, jobs: int) -> None:
    with db.atomic(), writes.unlogged("rows as a center's sync file brings them"):
        Commitment.create(center_code=center, partner=body.id, year=1405, jobs=jobs)


def percent_row(session: Session, **scope: Any) -> tuple[int, int, float | None]:
    result = build_report(session, "commitments", START, END, today=TODAY, **scope)
    (row,) = [r for r in result.table().rows if r["partner"] == BARAKAT]
    return row["commitment"], row["achieved"], row["percent"]


def test_a_center_without_its_own_figure_counts_against_hqs(admin):
    body = partner()
    with db.atomic(), writes.unlogged("HQ's reference data, as an acknowledgement brings it"):
        body.employment_commitment = 8
        body.save()
    outcome_at(admin.center_code, dt.date(2026, 5, 1), body)
    assert percent_row(admin) == (8, 1, 12.5)
    set_commitment(admin, str(body.id), 1405, 2)
    assert percent_row(admin) == (2, 1, 50.0)


@pytest.fixture
def hq(database) -> Session:  # type: ignore[no-untyped-def]
    initialise_hq(
        name="ستاد",
        admin_username="hqadmin",
        admin_display_name="مدیر ستاد",
        password="hq-pass-12345",
    )
    return auth.login("hqadmin", "hq-pass-12345")


def test_at_hq_the_city_figure_or_the_centers_sum(hq):
    body = partner()
    for center, jobs, outcomes in (("TEH05", 4, 3), ("TEH07", 6, 2)):
        own_figure(center, body, jobs)
        for _ in range(outcomes):
            outcome_at(center, dt.date(2026, 6, 1), body)
    # HQ set no figure: the centers' sum, 10, against all 5 outcomes.
    assert percent_row(hq) == (10, 5, 50.0)
    assert percent_row(hq, center="TEH05") == (4, 3, 75.0)
    by_center = build_report(hq, "commitments", START, END, today=TODAY).table("by_center")
    assert [(r["center"], r["achieved"]) for r in by_center.rows] == [("TEH05", 3), ("TEH07", 2)]
    # HQ's administrator sets the city's figure: it counts over every center.
    before = ChangeLog.select().count()
    set_commitment(hq, str(body.id), 1405, 20)
    assert partner().employment_commitment == 20 and ChangeLog.select().count() == before + 1
    assert percent_row(hq) == (20, 5, 25.0)
    assert percent_row(hq, center="TEH07") == (6, 2, 33.3)  # a center's own still stands
