"""Demo data for a first look at the app, for training, and for benchmarks.

Demo users go through the same services as real input. Demo applicants are made in
bulk: `demo_people.PeopleGenerator` builds the clean values `applicants.validate`
would return (a test passes a sample through it) and `applicants.bulk_create` writes
them, BATCH_SIZE to a transaction, with their history — programme status changes,
follow-ups with appointments to come, idea holders' ideas, employment outcomes —
inserted beside them in the same transaction.

Demo applicants are **not** written to the change log: a training database must never
send fake people to headquarters in a sync file. Instead the installation is flagged
(`Setting demo_data = 1`, see `mark_demo_data`) so the app can say it is a training
database and an export can refuse it. The flag is written before the first demo row
(with the demo center itself, when `demo` sets one up), so a demo killed at any moment
never leaves demo rows in a database that looks real. Demo data never mixes with real
work: a database that is not a training one and holds any applicant, course or logged
change besides its set-up and user accounts is refused (`claim_for_demo`).

Demo users are always the documented ones (`DEMO_USERS`, and `admin` for a demo center
set up here), all with the password given — `DEMO_PASSWORD` unless another is given.

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
import os
import queue
import random
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from desktop.errors import UserError, ValidationError
from desktop.models import (
    Applicant,
    ApplicantIndex,
    Center,
    ChangeLog,
    Course,
    FollowUp,
    Idea,
    Outcome,
    Role,
    Setting,
    StatusChange,
    User,
    db,
)
from desktop.models.base import BaseModel, utcnow
from desktop.models.deferred_indexes import drop_indexes, restore_indexes
from desktop.services import applicants, certificates, users
from desktop.services.demo_people import LANDLINE_AREA_CODES, DemoBatch, PeopleGenerator
from desktop.services.reference import partners
from desktop.services.session import Session
from desktop.services.setup import CenterInfo, initialise_center, local_center, rename_center
from desktop.services.validation import check_new_password
from desktop.strings.demo import Demo as Messages
from desktop.text.digits import group_thousands

DEMO_PASSWORD = "tavana-demo"  # every demo user's, unless another one is given
DEMO_CENTER_CODE = "DEMO01"
DEMO_CENTER_NAME = "مرکز خدمات اجتماعی نمونه"
DEMO_CITY = "تهران"
DEMO_ADMIN = "admin"
# A made-up person: the demo center's manager, printed under the manager's signature.
DEMO_MANAGER_NAME = "حمیدرضا صادقی"
# The documented demo users, one per role (two trainers, for the demo courses).
DEMO_USERS = (
    ("clerk", "زهرا احمدی", Role.CLERK),
    ("trainer", "علی رضایی", Role.TRAINER),
    ("trainer2", "سمیه موسوی", Role.TRAINER),
    ("shop", "مریم کریمی", Role.SHOP),
)
DEMO_APPLICANTS = 300  # what the set-up dialog adds: enough to search and page through
BATCH_SIZE = 20_000
# From this many people on, generate in a worker process and defer scattered indexes.
LARGE_LOAD = 100_000
DEMO_FLAG = "demo_data"
# What set-up and the administration of accounts log: not work on people or courses.
_SET_UP_ENTITIES = ("center", "user", "center_key")
# Applicant columns whose values arrive in random order (see the module docstring).
_SCATTERED_COLUMNS = frozenset({"national_code", "mobile", "sort_name", "name_keys"})
_LOAD_CACHE_KIB = 262_144  # page cache while loading (the previous size restored after)

ProgressCallback = Callable[[int, int], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    created: bool  # made now, with the password given; else it was here already


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


@dataclass(frozen=True)
class RealWork:
    """What makes a database that is not a training one off limits to demo data."""

    applicants: int
    courses: int
    logged_changes: int  # change-log entries other than set-up's and accounts'

    def __bool__(self) -> bool:
        return bool(self.applicants or self.courses or self.logged_changes)


def create_demo_data(
    session: Session, password: str, *, applicant_count: int = DEMO_APPLICANTS
) -> DemoSummary:
    """What the set-up dialog offers: the demo users (those missing, with `password`),
    the demo center's settings where empty, a few hundred demo applicants and the demo
    courses, so every page has something to show. Refused (code "real_work") on a
    database holding real work, before anything is written."""
    users = prepare_demo(session, password)
    made = create_demo_applicants(session, applicant_count) if applicant_count else None
    if made is not None and made.applicants:
        from desktop.services.demo_courses import create_demo_courses

        create_demo_courses(session, password=password)
    return DemoSummary(
        usernames=[user.username for user in users if user.created],
        applicants=made.applicants if made else 0,
        users=users,
    )


def setup_demo_center(password: str) -> CenterInfo:
    """Set up the demo center (DEMO01, its administrator `admin` with `password`) and
    mark the database as a training one, in one transaction: a demo killed at any
    moment never leaves a center that looks real."""
    with db.atomic():
        info = initialise_center(
            center_code=DEMO_CENTER_CODE,
            center_name=DEMO_CENTER_NAME,
            city=DEMO_CITY,
            admin_username=DEMO_ADMIN,
            admin_display_name=DEMO_MANAGER_NAME,
            password=password,
        )
        mark_demo_data()
    return info


def prepare_demo(session: Session, password: str) -> tuple[DemoUser, ...]:
    """Claim the database for demo data (`claim_for_demo`), add the demo users that
    are missing (all with `password`, in one transaction) and fill the demo center's
    settings that are empty (`fill_demo_settings`); every documented demo user.
    A bad password or a database holding real work is refused before anything is
    written."""
    session.require(Role.ADMIN)
    errors = check_new_password(password)
    if errors:
        raise ValidationError(errors)
    claim_for_demo()
    existing = {user.username for user in users.list_users(session)}
    result = []
    with db.atomic():
        for username, name, role in DEMO_USERS:
            created = username not in existing
            if created:
                users.add_user(
                    session,
                    username=username,
                    display_name=name,
                    role=role.value,
                    password=password,
                )
            result.append(DemoUser(username, name, role, created))
    fill_demo_settings(session)
    return tuple(result)


def fill_demo_settings(session: Session) -> None:
    """Fill what a demo center shows and prints where it is empty: the manager's name on
    certificates, the administrator's name where it is missing or only repeats the user
    name (a person's name is never a user name), the center's name. Admin only; names
    set before are kept."""
    session.require(Role.ADMIN)
    with db.atomic():
        center = Center.local()
        if center is not None and not center.name.strip():
            rename_center(session, DEMO_CENTER_NAME)
        if not certificates.certificate_settings().manager_name:
            Setting.write(certificates.SETTING_MANAGER_NAME, DEMO_MANAGER_NAME)
        admin = User.get_or_none(User.id == session.user_id)
        if admin is not None and admin.display_name.strip() in ("", admin.username):
            admin.display_name = DEMO_MANAGER_NAME
            admin.save()
            ChangeLog.record(admin, "update", changed_by=session.user_id)


def mark_demo_data() -> None:
    """Flag this installation as holding demo data (inside the writing transaction).

    Demo rows bypass the change log, so nothing in them reaches HQ by itself; the flag
    is what lets the app show «training database» and an export refuse to run, since
    later real edits of demo files would otherwise travel without their creation.
    """
    Setting.write(DEMO_FLAG, "1")


def has_demo_data() -> bool:
    return Setting.read(DEMO_FLAG) == "1"


def real_work() -> RealWork:
    """What this database holds that demo data must not mix with, unless it is a
    training database: any applicant or course (demo rows are only ever written to a
    database already marked as training), and any change-log entry besides those of
    set-up and of user accounts — whatever a person did in it."""
    if has_demo_data():
        return RealWork(0, 0, 0)
    return RealWork(
        applicants=Applicant.select().count(),
        courses=Course.select().count(),
        logged_changes=ChangeLog.select().where(ChangeLog.entity.not_in(_SET_UP_ENTITIES)).count(),
    )


def claim_for_demo() -> None:
    """Refuse (code "real_work") a database holding real work, else mark it as a
    training one, in one transaction, before any demo row is written. A center just
    set up (the dialog, or `init`) becomes a training database this way."""
    with db.atomic():
        found = real_work()
        if found:
            raise UserError(
                Messages.REAL_WORK.format(
                    applicants=group_thousands(found.applicants),
                    courses=group_thousands(found.courses),
                    changes=group_thousands(found.logged_changes),
                ),
                code="real_work",
            )
        if not has_demo_data():
            mark_demo_data()


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
    with _load_cache():
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
            if large and ApplicantIndex.available():
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # give the disk back
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


def _taken_codes(center_code: str) -> set[str]:
    """The first nine digits of the national codes already here (the tenth follows)."""
    query = Applicant.select(Applicant.national_code).where(Applicant.center_code == center_code)
    return {str(code)[:9] for (code,) in query.tuples().iterator()}


@contextmanager
def _load_cache() -> Iterator[None]:
    """A larger SQLite page cache while loading, the previous size restored after."""
    if not ApplicantIndex.available():
        yield
        return
    previous = int(db.execute_sql("PRAGMA cache_size").fetchone()[0])
    if previous > -_LOAD_CACHE_KIB:
        db.execute_sql(f"PRAGMA cache_size = -{_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {previous}")


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
    """Writes a batch inside the caller's transaction: applicants through
    `applicants.bulk_create` (no change log), then their history with executemany."""

    def __init__(self, session: Session, partner_ids: list[str]):
        self.session = session
        self.partner_ids = partner_ids
        self.sqlite = ApplicantIndex.available()

    def write(self, batch: DemoBatch, totals: _Totals) -> None:
        session = self.session
        # Indexed once the history has set each person's status (one insert per row
        # instead of an insert, a delete and an insert).
        ids = applicants.bulk_create(
            session,
            batch.cleans,
            registered_on=batch.registered_on,
            log_changes=False,
            search_index=False,
        )
        keys = [uuid.UUID(applicant_id).hex for applicant_id in ids]
        now = utcnow().isoformat(" ")  # as sqlite3 stores a datetime; PostgreSQL reads it
        common = (session.center_code, now, now, False)
        user = session.user_id

        latest: dict[int, tuple[str, dt.date]] = {}
        for person, status, on, _ in batch.steps:
            latest[person] = (status, on)
        self._update_status([(status, on, keys[person]) for person, (status, on) in latest.items()])
        ApplicantIndex.add_many(keys)

        self._insert(
            StatusChange,
            ("applicant", "status", "changed_on", "changed_by", "note"),
            [(keys[p], status, on.isoformat(), user, note) for p, status, on, note in batch.steps],
            common,
        )
        self._insert(
            FollowUp,
            ("applicant", "kind", "held_on", "notes", "next_appointment", "done", "created_by"),
            [(keys[p], kind, held.isoformat(), notes, following and following.isoformat(), done,
              user)
             for p, kind, held, notes, following, done in batch.follow_ups],
            common,
        )  # fmt: skip
        self._insert(
            Idea,
            ("applicant", "title", "field", "description", "capital_rials", "status"),
            [(keys[p], *rest) for p, *rest in batch.ideas],
            common,
        )
        partner_ids = self.partner_ids
        self._insert(
            Outcome,
            ("applicant", "kind", "started_on", "employer", "partner", "verified", "notes"),
            [(keys[p], kind, on.isoformat(), employer,
              partner_ids[partner] if partner >= 0 else None, verified, notes)
             for p, kind, on, employer, partner, verified, notes in batch.outcomes],
            common,
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

    def _update_status(self, rows: list[tuple[str, dt.date, str]]) -> None:
        """The applicant's current status (indexed afterwards, in `write`)."""
        if not rows:
            return
        if not self.sqlite:
            for status, on, key in rows:
                Applicant.update(status=status, status_changed_on=on).where(
                    Applicant.id == key
                ).execute()
            return
        connection = db.connection()
        connection.executemany(
            "UPDATE applicant SET status = ?, status_changed_on = ? WHERE id = ?",
            [(status, on.isoformat(), key) for status, on, key in rows],
        )
        # The index is written after this (ApplicantIndex.add_many in `write`).

    def _insert(
        self,
        model: type[BaseModel],
        names: Sequence[str],
        rows: list[tuple[Any, ...]],
        common: tuple[Any, ...],
    ) -> None:
        """Insert rows of `names` values (plus id and the synced columns) at executemany
        speed; peewee's insert_many where there is no SQLite connection to use."""
        if not rows:
            return
        meta = model._meta  # type: ignore[attr-defined]
        fields = [meta.fields[name] for name in ("id", "center_code", "created_at",
                                                  "updated_at", "deleted", *names)]  # fmt: skip
        values = [
            (key, *common, *row) for key, row in zip(uuid7_hexes(len(rows)), rows, strict=True)
        ]
        if not self.sqlite:
            for start in range(0, len(values), 1000):
                model.insert_many(values[start : start + 1000], fields=fields).execute()
            return
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" for _ in fields)
        db.connection().executemany(
            f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})', values
        )


def uuid7_hexes(count: int) -> list[str]:
    """`count` UUIDv7 keys as peewee stores them (32 hex digits), ~1 µs each instead
    of ~5 µs for uuid6.uuid7(): the current Unix time in ms, version 7, 74 random bits
    (RFC 9562). Keys made in the same millisecond are not ordered among themselves,
    which only the index's page locality (the reason for v7) could notice."""
    prefix = ((time.time_ns() // 1_000_000) << 80) | (0x7 << 76) | (0b10 << 62)
    noise = os.urandom(10 * count)
    keys = []
    for start in range(0, 10 * count, 10):
        bits = int.from_bytes(noise[start : start + 10], "big")
        keys.append(f"{prefix | ((bits >> 62) & 0xFFF) << 64 | (bits & _LOW_62):032x}")
    return keys


_LOW_62 = (1 << 62) - 1
