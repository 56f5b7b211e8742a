"""HQ's import in a process of its own, to be killed: `python -m tests.helpers.import_worker
TARGET FILE PASSWORD` opens HQ's database, prints `ready`, waits for a line on stdin,
imports FILE and prints `done` (for the test that kills an import at random moments)."""

from __future__ import annotations

import sys

from desktop.models.opening import open_database
from desktop.services import auth
from desktop.services.hq import imports


def main(target: str, path: str, password: str) -> None:
    open_database(target)
    hq = auth.login("hqadmin", password)
    print("ready", flush=True)
    sys.stdin.readline()
    outcome = imports.import_file(hq, path)
    print("done" if outcome.status == imports.IMPORTED else outcome.line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
