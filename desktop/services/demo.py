"""Demo data for a first look at the app, for training, and for benchmarks.

Demo users go through the same services as real input. Demo applicants are made in
bulk: `demo_people.PeopleGenerator` builds the clean values `applicants.validate`
would return (a test passes a sample through it) and `applicants.bulk_create` writes
them, BATCH_SIZE to a transaction, with their history — programme status changes,
follow-ups with appointments to come, idea holders' ideas, employment outcomes —
inserted beside them in the same transaction.

Demo applicants are **not** written to the change log: a training database must never
send fake people to headquarters in a sync file. Instead the database is marked as a
training one before the first demo row is written, and a database holding real work is
refused (desktop/services/demo_center.py, which also makes the demo users).

The same seed on the same database state gives the same people (national codes,
names, dates, history); ids and timestamps are new each time. Adding demo applicants
to a database that already has some never repeats a national code or a file number.

Speed (a million applicants with their history in under two minutes on two cores):
a large load generates people in a worker process while this one writes, and builds
the applicant indexes whose keys are scattered (names, national code, mobile) once at
the end instead of row by row — a batch of 20,000 random keys touches most pages of
such an index, so every commit would rewrite them all. Dropping them is recorded in
the same transaction, and every opening of the database puts back what a killed load
left out (desktop/models/deferred_indexes.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import queue
import random
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from peewee import fn
from uuid6 import uuid7

from desktop.errors import UserError
from desktop.models import (
    Applicant,
    ApplicantIndex,
    FollowUp,
    Idea,
    Outcome,
    Partner,
    Role,
    Status,
    StatusChange,
    SyncedModel,
    db,
    writes,
)
from desktop.models.base import tuples
from desktop.models.db import larger_cache
from desktop.models.deferred_indexes import drop_indexes, restore_indexes
from desktop.services import applicants
from desktop.services.demo_center import DemoUser, claim_for_demo, prepare_demo
from desktop.services.demo_courses import create_demo_courses
from desktop.services.demo_people import LANDLINE_AREA_CODES, DemoBatch, PeopleGenerator
from desktop.services.demo_shop import create_demo_shops
from desktop.services.reference import partners
from desktop.services.reports.derived import invalidate
from desktop.services.session import Session
from desktop.services.setup import local_center
from desktop.strings.demo import Demo as Messages

DEMO_APPLICANTS = 300  # what the set-up dialog adds: enough to search and page through
BATCH_SIZE = 20_000
# From this many people on, generate in a worker process and defer scattered indexes.
LARGE_LOAD = 100_000
# Applicant columns whose values arrive in random order (see the module docstring).
_SCATTERED_COLUMNS = frozenset({"national_code", "mobile", "sort_name", "name_keys"})

ProgressCallback = Callable[[int, int], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoSummary:
    usernames: list[str]  # the demo users made now
    applicants: int = 0
    users: tuple[DemoUser, ...] = ()  # every documented demo user, made now or before


@dataclass(frozen=True)
class DemoApplicants:
    """What `create_demo_applicants` wrote (rows per table) and how long it took."""

    applicants: int
    status_changes: int  # besides each applicant's «registered» entry
    follow_ups: int
    ideas: int
    outcomes: int
    seconds: float
    first_file_number: str = ""
    last_file_number: str = ""


def create_demo_data(
    session: Session, password: str, *, applicant_count: int = DEMO_APPLICANTS
) -> DemoSummary:
    """What the set-up dialog offers: the demo users (those missing, with `password`),
    the demo center's settings where empty, a few hundred demo applicants, the demo
    courses and the demo shops (demo_shop.py), so every page has something to show.
    Refused (code "real_work") on a database holding real work, before anything is
    written."""
    users = prepare_demo(session, password)
    made = create_demo_applicants(session, applicant_count) if applicant_count else None
    if made is not None and made.applicants:
        create_demo_courses(session, password=password)
        create_demo_shops(session, password=password)
    invalidate()  # written unlogged: the reports' derived tables are made again
    return DemoSummary(
        usernames=[user.username for user in users if user.created],
        applicants=made.applicants if made else 0,
        users=users,
    )


def create_demo_applicants(
    session: Session,
    count: int,
    *,
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> DemoApplicants:
    """Add `count` realistic demo applicants with their history; admin only. Refused
    (code "real_work") on a database holding real work, before anything is written.

    Each batch of BATCH_SIZE is one transaction: if `progress(done, total)` raises
    (a Cancel button), the batch being written rolls back and earlier ones stay.
    """
    session.require(Role.ADMIN)
    if count < 0:
        raise ValueError("count must not be negative")
    started = time.perf_counter()
    district_numbers = [number for number, _ in applicants.districts(session)]
    if not district_numbers:
        raise UserError(Messages.NO_DISTRICTS, code="no_districts")
    claim_for_demo()
    partner_ids = [uuid.UUID(pid).hex for pid, _ in partners(session)]
    taken = _taken_codes(session.center_code)
    # The number already here is part of the seed: a second run adds other people.
    people = PeopleGenerator(
        random.Random(f"tavana-demo:{seed}:{len(taken)}"),
        count=count,
        districts=district_numbers,
        partner_count=len(partner_ids),
        area_code=LANDLINE_AREA_CODES.get(local_center().city, "021"),
        taken_codes=taken,
    )
    large = count >= LARGE_LOAD
    defer = large and ApplicantIndex.available() and count >= len(taken)
    totals = _Totals()
    writer = _Writer(session, partner_ids)
    with larger_cache():
        # The indexes a killed load left out are back since the database was opened
        # (migrate_to_latest); a load running in another process keeps its own out.
        deferred = defer and drop_indexes(db.obj, "applicant", _SCATTERED_COLUMNS)
        try:
            for batch in _batches(people, count, in_worker=large):
                with db.atomic():
                    writer.write(batch, totals)
                if progress is not None:
                    progress(totals.applicants, count)
        finally:
            if deferred:
                restore_indexes(db.obj, owned=True)
            if large:
                ApplicantIndex.optimize()
            if large and ApplicantIndex.available():
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # give the disk back
    _demo_commitments(session, random.Random(f"tavana-demo-commitments:{seed}"))
    invalidate()  # written unlogged: the reports' derived tables are made again
    return DemoApplicants(
        applicants=totals.applicants,
        status_changes=totals.status_changes,
        follow_ups=totals.follow_ups,
        ideas=totals.ideas,
        outcomes=totals.outcomes,
        seconds=time.perf_counter() - started,
        first_file_number=totals.first_file_number,
        last_file_number=totals.last_file_number,
    )


def _demo_commitments(session: Session, rng: random.Random) -> None:
    """Yearly employment commitments for the partner bodies that have none, near what
    the demo credited to each in the last year — some met, some not — so the commitments report has
    something to say (HQ's own figures, where set, stay)."""
    credited = dict(
        tuples(
            Outcome.select(Outcome.partner, fn.COUNT(Outcome.id))
            .where(
                Outcome.partner.is_null(False)
                & (Outcome.started_on > dt.date.today() - dt.timedelta(days=365))
            )
            .group_by(Outcome.partner)
        )
    )
    with db.atomic(), writes.unlogged("training data: a demo database never exports"):
        for partner in Partner.select().where(Partner.employment_commitment == 0):
            done = int(credited.get(partner.id, 0))
            partner.employment_commitment = max(5, round(done * rng.uniform(0.6, 1.5)))
            writes.update(partner, session)


def _taken_codes(center_code: str) -> set[str]:
    """The first nine digits of the national codes already here (the tenth follows)."""
    query = Applicant.select(Applicant.national_code).where(Applicant.center_code == center_code)
    return {str(code)[:9] for (code,) in query.tuples().iterator()}


# -- the generator, here or in a worker process ----------------------------------------


def _batches(people: PeopleGenerator, count: int, *, in_worker: bool) -> Iterator[DemoBatch]:
    """The batches of `people`, made by a worker process while this one writes (large
    loads), or here. Either way the same generator makes them in the same order, so a
    seed gives the same people."""
    sizes = [(start, min(BATCH_SIZE, count - start)) for start in range(0, count, BATCH_SIZE)]
    received = 0
    if in_worker:
        worker = _GeneratorProcess(people, sizes)
        try:
            for _ in sizes:
                batch = worker.receive(first=received == 0)
                if batch is None:
                    break  # the worker could not start: make them here instead
                received += 1
                yield batch
        finally:
            worker.stop()
    for start, size in sizes[received:]:
        yield people.batch(start, size)


class _GeneratorProcess:
    """A worker process running `people.batch` for each size, three batches ahead.

    On Linux it is forked (quick, and nothing is re-imported), while no other thread
    runs; elsewhere spawned, which re-imports the main module: a script that calls this
    without an `if __name__ == "__main__":` guard makes the worker fail at start, and
    the caller then generates in its own process. The generator is sent through a
    queue, whose feeder thread never blocks this process even if the worker is gone.
    """

    def __init__(self, people: PeopleGenerator, sizes: list[tuple[int, int]]):
        fork = sys.platform.startswith("linux") and threading.active_count() == 1
        context: Any = multiprocessing.get_context("fork" if fork else "spawn")
        requests: Any = context.Queue()
        self.results: Any = context.Queue(maxsize=3)
        self.process: Any = context.Process(
            target=_produce, args=(requests, self.results), daemon=True
        )
        self.process.start()
        requests.put((people, sizes))
        requests.cancel_join_thread()

    def receive(self, *, first: bool) -> DemoBatch | None:
        """The next batch; None if the worker died before its first one."""
        while True:
            try:
                item = self.results.get(timeout=0.5)
            except queue.Empty:
                if self.process.is_alive():
                    continue
                if first:
                    log.warning("demo generator process did not start; generating in process")
                    return None
                raise RuntimeError("the demo generator process stopped") from None
            if isinstance(item, _WorkerFailed):
                raise RuntimeError(f"the demo generator process failed:\n{item.traceback}")
            assert isinstance(item, DemoBatch)
            return item

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()  # cancelled, or failed: the rest is not needed
        self.process.join()


def _produce(requests: Any, results: Any) -> None:
    """In the worker process: make every batch and hand it over, or the traceback.
    It ends by itself once the loading process is gone (killed, nobody stops it)."""
    parent = multiprocessing.parent_process()
    try:
        people, sizes = _while_parent_runs(parent, partial(requests.get, timeout=0.5))
        for start, size in sizes:
            _while_parent_runs(parent, partial(results.put, people.batch(start, size), timeout=0.5))
    except _ParentGone:
        # Nobody reads the batches still in the pipe: exit without waiting to send them.
        results.cancel_join_thread()
        return
    except BaseException:
        results.put(_WorkerFailed(traceback.format_exc()))


class _ParentGone(Exception):
    pass


def _while_parent_runs(parent: Any, step: Callable[[], Any]) -> Any:
    """`step()` (a queue operation with a timeout), tried again until it works, as long
    as the process that started this worker runs."""
    while True:
        try:
            return step()
        except (queue.Empty, queue.Full):
            if parent is not None and not parent.is_alive():
                raise _ParentGone from None


@dataclass(frozen=True)
class _WorkerFailed:
    traceback: str


# -- writing ---------------------------------------------------------------------------


@dataclass
class _Totals:
    applicants: int = 0
    status_changes: int = 0
    follow_ups: int = 0
    ideas: int = 0
    outcomes: int = 0
    first_file_number: str = ""
    last_file_number: str = ""


class _Writer:
    """Writes a batch inside the caller's transaction through the one write path,
    unlogged (training data): the applicants with their current status through
    `applicants.bulk_create`, then their history with `writes.insert_many`."""

    def __init__(self, session: Session, partner_ids: list[str]):
        self.session = session
        self.partner_ids = partner_ids

    def write(self, batch: DemoBatch, totals: _Totals) -> None:
        session = self.session
        user = session.user_id
        statuses = [(Status.REGISTERED.value, on) for on in batch.registered_on]
        for person, status, on, _ in batch.steps:
            statuses[person] = (status, on)
        with writes.unlogged("training data: a demo database never exports"):
            ids = applicants.bulk_create(
                session,
                batch.cleans,
                registered_on=batch.registered_on,
                statuses=statuses,
                log_changes=False,
            )
            self._insert(
                StatusChange,
                [
                    {"applicant": ids[p], "status": status, "changed_on": on,
                     "changed_by": user, "note": note}
                    for p, status, on, note in batch.steps
                ],
            )  # fmt: skip
            self._insert(
                FollowUp,
                [
                    {"applicant": ids[p], "kind": kind, "held_on": held, "notes": notes,
                     "next_appointment": following, "done": done, "created_by": user}
                    for p, kind, held, notes, following, done in batch.follow_ups
                ],
            )  # fmt: skip
            self._insert(
                Idea,
                [
                    {"applicant": ids[p], "title": title, "field": field,
                     "description": description, "capital_rials": capital, "status": status}
                    for p, title, field, description, capital, status in batch.ideas
                ],
            )  # fmt: skip
            partner_ids = self.partner_ids
            self._insert(
                Outcome,
                [
                    {"applicant": ids[p], "kind": kind, "started_on": on, "employer": employer,
                     "partner": partner_ids[partner] if partner >= 0 else None,
                     "verified": verified, "notes": notes}
                    for p, kind, on, employer, partner, verified, notes in batch.outcomes
                ],
            )  # fmt: skip

        totals.applicants += len(ids)
        totals.status_changes += len(batch.steps)
        totals.follow_ups += len(batch.follow_ups)
        totals.ideas += len(batch.ideas)
        totals.outcomes += len(batch.outcomes)
        if ids:
            first, last = Applicant.get_by_id(ids[0]), Applicant.get_by_id(ids[-1])
            totals.first_file_number = totals.first_file_number or first.file_number
            totals.last_file_number = last.file_number

    def _insert(self, model: type[SyncedModel], rows: list[dict[str, Any]]) -> None:
        """Insert `rows` (each with a new id) at executemany speed, unlogged."""
        writes.insert_many(model, [{"id": uuid7(), **row} for row in rows], self.session, log=False)
