"""Work in a process of its own, to be killed at a random moment (tests/test_kill_harness.py).

`python -m tests.helpers.kill_worker KIND ARGS…` gets ready (opens the database and logs
in, or has the command line imported), prints `ready PID`, waits for a line on stdin,
then does the work and prints `done`. Work made of many transactions reports each one:
`begin {…}` before it starts and `committed {…}` once its commit has returned, so
whoever killed the process knows what must have survived (every `committed` one) and
what may or may not have (the one begun and not reported).

- saves DB SEED COUNT FIRST: COUNT saves through the registry services — registering
  (national codes numbered from FIRST), editing an address, moving a status on.
- sales DB SEED COUNT: COUNT cash sales of one to three products of the shop.
- cli ARGV…: one command line (`applicants import`, `sync export`, `hq import`,
  `backup`), its own output kept out of ours; `done EXIT_CODE`.
- renamed before|after ENDING KIND ARGS…: KIND's work, killed (by itself) just before or
  just after a file is given a name ending in ENDING (`os.replace`, as the app names a
  finished file): a kill at one chosen moment, to reproduce what a random one found.

`serve FD` is a fork server for the harness: it imports all of that once, then for each
request on the Unix socket FD (the arguments as JSON, and the three file descriptors
the worker is to have as stdin, stdout and stderr) forks a worker. A kill then costs the
harness no start-up of Python and the app (about a second each, on a busy machine).
Nothing is open and no thread runs in the server when it forks. A forked worker ends
only once its stdin is closed (or it is killed).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import socket
import sys
import traceback
from typing import Any

PASSWORD = "admin-pass-1"  # the administrator's, in every database the harness makes


def report(word: str, what: dict[str, Any]) -> None:
    print(word, json.dumps(what, ensure_ascii=False), flush=True)


def wait_for_go() -> None:
    print(f"ready {os.getpid()}", flush=True)
    sys.stdin.readline()


def numbered_code(n: int) -> str:
    """A valid national code numbered `n`, as tests/helpers/cli.py makes them."""
    from desktop.services.identity import national_code_check_digit

    nine = f"{123_450_000 + n:09d}"
    return nine + str(national_code_check_digit(nine))


def saves(target: str, seed: int, count: int, first: int) -> None:
    import dataclasses

    from desktop.models import Applicant
    from desktop.models.opening import open_database
    from desktop.services import applicants, auth
    from desktop.services.applicants import Status
    from tests.factories import applicant_input

    open_database(target, create=False)
    admin = auth.login("admin", PASSWORD)
    rng = random.Random(seed)
    ids = [str(row.id) for row in Applicant.select(Applicant.id).order_by(Applicant.id)]
    statuses = list(Status)
    wait_for_go()
    for n in range(count):
        kind = rng.choice(("register", "register", "edit", "status"))
        if kind == "register" or not ids:
            code = numbered_code(first + n)
            report("begin", {"op": "register", "national_code": code})
            record = applicants.register(
                admin, applicant_input(national_code=code), confirm_near_duplicate=True
            )
            ids.append(record.id)
            report("committed", {"op": "register", "id": record.id, "national_code": code})
        elif kind == "edit":
            target_id = rng.choice(ids)
            address = f"خیابان آزادی، پلاک {first + n}"
            report("begin", {"op": "edit", "id": target_id, "address": address})
            form = applicants.to_input(applicants.get(admin, target_id))
            applicants.update(
                admin, target_id, dataclasses.replace(form, address=address),
                confirm_near_duplicate=True,
            )  # fmt: skip
            report("committed", {"op": "edit", "id": target_id, "address": address})
        else:
            target_id = rng.choice(ids)
            current = applicants.get(admin, target_id).status
            status = rng.choice([s for s in statuses if s.value != current]).value
            report("begin", {"op": "status", "id": target_id, "status": status})
            applicants.change_status(admin, target_id, status)
            report("committed", {"op": "status", "id": target_id, "status": status})
    print("done", flush=True)


def sales(target: str, seed: int, count: int) -> None:
    from desktop.models import Product, Shop
    from desktop.models.opening import open_database
    from desktop.services import auth
    from desktop.services.shops.sales import CartLine, Payment, sell

    open_database(target, create=False)
    admin = auth.login("admin", PASSWORD)
    rng = random.Random(seed)
    shop = Shop.select().order_by(Shop.code).first()
    products = {str(p.id): p.price for p in Product.select().order_by(Product.id)}
    wait_for_go()
    for _ in range(count):
        chosen = rng.sample(sorted(products), rng.randint(1, 3))
        lines = [[product, rng.randint(1, 3)] for product in chosen]
        total = sum(products[product] * quantity for product, quantity in lines)
        report("begin", {"lines": lines, "total": total})
        sale = sell(
            admin, str(shop.id), [CartLine(p, q) for p, q in lines], [Payment("cash", total)]
        )
        report("committed", {"number": sale.number, "lines": lines, "total": sale.total})
    print("done", flush=True)


def command(argv: list[str]) -> None:
    from desktop.cli import main

    wait_for_go()
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(argv)
    print(f"done {code}", flush=True)
    if code:
        print(output.getvalue(), file=sys.stderr, flush=True)


def kill_at_rename(when: str, ending: str) -> None:
    """SIGKILL this process `when` (before or after) a file is renamed to a name ending
    in `ending`."""
    rename = os.replace

    def replace(source: Any, target: Any, **options: Any) -> None:
        chosen = str(target).endswith(ending)
        if chosen and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        rename(source, target, **options)
        if chosen and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace


def work(arguments: list[str]) -> None:
    """The work the arguments name (the module's docstring lists them)."""
    kind, rest = arguments[0], arguments[1:]
    if kind == "renamed":
        kill_at_rename(rest[0], rest[1])
        work(rest[2:])
    elif kind == "saves":
        saves(rest[0], int(rest[1]), int(rest[2]), int(rest[3]))
    elif kind == "sales":
        sales(rest[0], int(rest[1]), int(rest[2]))
    elif kind == "cli":
        command(rest)
    else:
        raise SystemExit(f"unknown kind of work: {kind}")


# -- the fork server -------------------------------------------------------------------------


def serve(channel_fd: int) -> None:
    """Fork a worker for each request on the socket `channel_fd`, until it closes."""
    # Everything the workers import, imported once here (commands import lazily).
    import desktop.cli
    import desktop.models.opening
    import desktop.services.applicant_io
    import desktop.services.applicants
    import desktop.services.audit_trail
    import desktop.services.auth
    import desktop.services.backups
    import desktop.services.center_sync
    import desktop.services.hq.imports
    import desktop.services.shops.sales
    import tests.factories  # noqa: F401

    desktop.cli.build_parser()  # imports every command's module
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the system reaps the workers
    channel = socket.socket(fileno=channel_fd)
    print("serving", flush=True)
    while True:
        message, fds, _, _ = socket.recv_fds(channel, 1 << 16, 3)
        if not message:
            return  # the harness closed its end
        pid = os.fork()
        if pid == 0:
            channel.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for standard, fd in enumerate(fds):
                os.dup2(fd, standard)
                os.close(fd)
            os._exit(_forked(json.loads(message)))
        for fd in fds:
            os.close(fd)


def _forked(arguments: list[str]) -> int:
    """Do the work, then wait for the end of stdin: a worker never ends before the
    harness is done with it, so the process id it kills is never one reused since."""
    code = 0
    try:
        work(arguments)
    except BaseException:
        traceback.print_exc()
        print("failed", flush=True)
        code = 1
    with contextlib.suppress(Exception):
        sys.stderr.flush()
        sys.stdin.read()
    return code


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
    else:
        work(sys.argv[1:])
