"""Killing work at random moments, and what must hold after (tests/test_kill_harness.py).

- `Harness`: how many kill moments a kind of work gets (TAVANA_KILL_MOMENTS spread over
  the six kinds; 36 by default, as CI runs it) and the run's seed (TAVANA_KILL_SEED, else
  a new one, printed). The work is timed to its end twice; each kill is a SIGKILL after
  a delay drawn from the shorter time (a fraction of it, up to OVERSHOOT: the same seed
  draws the same fractions on any machine).
- `ForkServer` and `Worker`: tests/helpers/kill_worker.py, one forked process per run of
  the work; its `begin` and `committed` lines read back after the kill (`Run`).
- Checks of a database after a kill: `PRAGMA integrity_check` and `foreign_key_check`,
  the search index against the applicants, the one write path (every synced row of the
  center is what its last change-log entry says, and every entry is of a row), the
  audit trail's hash chains.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from desktop.models import SYNCED_MODELS, ApplicantIndex, Center, db
from desktop.models.db import close_database
from desktop.models.opening import open_database
from desktop.services import audit_trail
from desktop.services.session import Session
from desktop.services.setup import admin_session

MOMENTS_VARIABLE = "TAVANA_KILL_MOMENTS"
SEED_VARIABLE = "TAVANA_KILL_SEED"
DEFAULT_MOMENTS = 36  # CI: six a kind
KINDS = ("saves", "import", "sales", "export", "hq_import", "backup")
OVERSHOOT = 1.2  # delays run past the measured end (a run may be slower): a few finish
KEY_FILE_SUFFIX = ".keys"  # a database's private keys beside it (TAVANA_KEYRING=off)


def moments_for(kind: str) -> int:
    """This kind's share of TAVANA_KILL_MOMENTS (the first kinds take the remainder)."""
    total = int(os.environ.get(MOMENTS_VARIABLE) or DEFAULT_MOMENTS)
    share, extra = divmod(total, len(KINDS))
    return share + (1 if KINDS.index(kind) < extra else 0)


@cache
def run_seed() -> int:
    """One seed for the whole run (each kind draws from it and its own name)."""
    given = os.environ.get(SEED_VARIABLE)
    return int(given) if given else secrets.randbelow(2**31)


# -- the workers -----------------------------------------------------------------------------


@dataclass
class Run:
    """What a worker said before it ended or was killed."""

    lines: list[str]
    stderr: str
    pid: int

    @property
    def done(self) -> bool:
        return any(line.startswith("done") for line in self.lines)

    @property
    def failed(self) -> bool:
        return "failed" in self.lines

    @property
    def exit_code(self) -> int | None:
        ends = [line.split()[1] for line in self.lines if line.startswith("done ")]
        return int(ends[0]) if ends else None

    @property
    def committed(self) -> list[dict[str, Any]]:
        return [json.loads(line[10:]) for line in self.lines if line.startswith("committed ")]

    @property
    def in_flight(self) -> dict[str, Any] | None:
        """The work begun and not reported committed: it may or may not be there."""
        said = [line for line in self.lines if line.startswith(("begin ", "committed "))]
        if said and said[-1].startswith("begin "):
            return dict(json.loads(said[-1][6:]))
        return None


class ForkServer:
    """`kill_worker serve`: forks workers with the app imported already."""

    def __init__(self, log_folder: Path):
        # Datagrams in order: one request, one message, however close together.
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.log_folder = log_folder
        environment = {**os.environ, "TAVANA_LOG": str(log_folder / "tavana.log")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.kill_worker", "serve", str(theirs.fileno())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            pass_fds=[theirs.fileno()],
            text=True,
            env=environment,
        )
        theirs.close()
        self.channel = ours
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "serving"
        self.started = 0

    def worker(self, *arguments: str) -> Worker:
        """A worker forked for `arguments` (its stderr goes to a file of the log folder)."""
        self.started += 1
        stderr = self.log_folder / f"worker-{self.started}.err"
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        stderr_write = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        given = [stdin_read, stdout_write, stderr_write]
        socket.send_fds(self.channel, [json.dumps(arguments).encode()], given)
        for fd in given:
            os.close(fd)
        return Worker(os.fdopen(stdin_write, "w"), os.fdopen(stdout_read), stderr)

    def close(self) -> None:
        self.channel.close()
        self.process.wait(timeout=60)


class Worker:
    """A forked kill_worker, told to go, then let end or killed."""

    def __init__(self, stdin: TextIO, stdout: TextIO, stderr: Path):
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.pid = 0

    def ready(self) -> None:
        if self.pid:
            return
        said = self.stdout.readline().split()
        if not said or said[0] != "ready":
            raise AssertionError(f"the worker did not get ready: {said}\n{self.errors()}")
        self.pid = int(said[1])

    def go(self) -> None:
        self.ready()
        self.stdin.write("go\n")
        self.stdin.flush()

    def until_done(self) -> list[str]:
        """The lines it says up to its `done` (or its failure, or its end)."""
        said = []
        for line in self.stdout:
            said.append(line.rstrip("\n"))
            if line.startswith(("done", "failed")):
                break
        return said

    def finish(self, said: Sequence[str] = ()) -> Run:
        """Let it end (it waits for its stdin to close), and what it said."""
        self.stdin.close()
        lines = [*said, *self.stdout.read().splitlines()]  # to its end: the pipe closes
        self.stdout.close()
        return Run(lines, self.errors(), self.pid)

    def kill(self) -> Run:
        """SIGKILL now — it is there still: done, it waits for its stdin to close, so
        its process id is never another's — then what it said."""
        os.kill(self.pid, signal.SIGKILL)
        return self.finish()

    def errors(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")


# -- the kills -------------------------------------------------------------------------------


@dataclass
class Harness:
    """One kind of work killed `moments` times, at delays drawn from its duration."""

    kind: str
    server: ForkServer
    moments: int = 0
    seed: int = 0
    duration: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    defects: Counter[str] = field(default_factory=Counter)  # known ones, seen
    fraction: float = 0.0  # of the duration: when the current kill is sent
    index: int = -1  # the current kill (-1: a run to the end)

    def __post_init__(self) -> None:
        self.moments = moments_for(self.kind)
        self.seed = run_seed()
        self.rng = random.Random(f"{self.seed}-{self.kind}")
        print(f"kill harness: {self.kind}, seed {self.seed}, {self.moments} kill moments")

    def worker(self, *arguments: str) -> Worker:
        return self.server.worker(*arguments)

    def timed(self, worker: Worker) -> Run:
        """The work run to its end: how long it takes to its `done`. The kills are spread
        over the shortest time measured: the first run is the slowest (a cold start),
        and a kill after the end finds nothing to interrupt."""
        self.index = -1
        worker.go()
        started = time.perf_counter()
        said = worker.until_done()
        took = time.perf_counter() - started
        self.duration = min(self.duration, took) if self.duration else took
        run = worker.finish(said)
        assert run.done and not run.failed, f"{self.kind}: the work failed: {run.stderr}"
        return run

    def kill(self, index: int, worker: Worker) -> Run:
        """Go, and SIGKILL after this kill's delay."""
        self.index = index
        self.fraction = self.rng.uniform(0, OVERSHOOT)
        worker.go()
        time.sleep(self.fraction * self.duration)
        run = worker.kill()
        assert not run.failed, f"{self.where()}: the worker failed: {run.stderr}"
        return run

    def where(self) -> str:
        """Which kill, for a failure's message: enough to run it again."""
        if self.index < 0:
            return f"{self.kind}, run to its end"
        return (
            f"{self.kind} kill {self.index} at {self.fraction:.3f} of {self.duration:.3f} s "
            f"({SEED_VARIABLE}={self.seed} {MOMENTS_VARIABLE}={self.moments * len(KINDS)})"
        )

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] += 1
        print(f"{self.where()}: {outcome}")

    def summary(self) -> str:
        seen = ", ".join(f"{name} {n}" for name, n in sorted(self.outcomes.items()))
        line = f"kill harness: {self.kind}: {self.moments} kills in {self.duration:.3f} s: {seen}"
        if self.defects:
            line += "; known defects: " + ", ".join(f"{k} {n}" for k, n in self.defects.items())
        return line


def copy_database(source: Path, target: Path) -> Path:
    """A closed database file and its key file, copied (a fresh target for each run)."""
    shutil.copy(source, target)
    keys = source.with_name(source.name + KEY_FILE_SUFFIX)
    if keys.exists():
        shutil.copy(keys, target.with_name(target.name + KEY_FILE_SUFFIX))
    return target


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", KEY_FILE_SUFFIX):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


# -- what must hold after a kill -------------------------------------------------------------


def opened_after_kill(path: Path) -> Session:
    """Open the killed database (SQLite replays or drops what the kill left in its
    write-ahead log), check it is whole first of all, and act as its administrator."""
    close_database()
    open_database(str(path), create=False)
    check_whole()
    return admin_session()


def check_whole() -> None:
    """SQLite's own checks, and the search index holds every live applicant as it is."""
    verdict = db.execute_sql("PRAGMA integrity_check").fetchall()
    assert verdict == [("ok",)], f"integrity_check: {verdict[:5]}"
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert broken == [], f"foreign_key_check: {broken[:5]}"
    table = ApplicantIndex.TABLE
    db.execute_sql(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    indexed = set(db.execute_sql(f"SELECT rowid, names, sort_key FROM {table}").fetchall())
    live = set(
        db.execute_sql(
            f"SELECT search_rowid, {ApplicantIndex.text_sql()}, sort_name FROM applicant "
            "WHERE NOT deleted"
        ).fetchall()
    )
    assert indexed == live, (
        f"search index: {len(indexed - live)} rows of no live applicant, "
        f"{len(live - indexed)} applicants missing"
    )


def check_write_path() -> None:
    """Every synced row of this center is what its last change-log entry says, and every
    entry is of a row: nothing written around the log, no entry of a write undone."""
    local = Center.local()
    assert local is not None
    latest: dict[tuple[str, str], str] = {}
    for entity, entity_id, data in db.execute_sql(
        "SELECT entity, entity_id, data FROM change_log WHERE center_code = ? ORDER BY seq",
        (local.code,),
    ):
        latest[(entity, entity_id)] = data
    for model in SYNCED_MODELS:
        name = model._meta.table_name
        for row in model.select().where(model.center_code == local.code):
            logged = latest.pop((name, str(row.id)), None)
            assert logged is not None, f"{name} {row.id} has no change-log entry"
            assert json.loads(logged) == row.sync_row(), f"{name} {row.id} is not as logged"
    assert not latest, f"change-log entries of no row: {sorted(latest)[:5]}"


def check_audit_trail(session: Session) -> None:
    verdict = audit_trail.verify(session)
    assert verdict.broken is None, f"audit trail: {verdict.broken.line()}"


def check_center(path: Path) -> Session:
    """Everything that must hold of a center's database after any kill."""
    session = opened_after_kill(path)
    check_write_path()
    check_audit_trail(session)
    return session
