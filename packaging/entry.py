"""The frozen program's entry (packaging/tavana.spec): run.py's one call, after the two
things a frozen Tavana needs first.

1. multiprocessing.freeze_support(). multiprocessing's `spawn` (the demo's generator
   on Windows; on Linux while other threads run) starts the same executable again: a
   worker as `tavana --multiprocessing-fork …`, on Linux its resource tracker as
   `tavana … -c "from multiprocessing.resource_tracker import main…"`. Here they run
   their part and exit, instead of reading those words as a command line (the CLI
   would refuse them, or open a second window). It must be called from the entry
   script itself: a spawned worker on Linux re-runs the parent's entry script unless
   it is the one running, so a runtime hook cannot do it.
2. Streams for a windowed tavana.exe. A Windows program without a console
   (`console=False`, as pythonw.exe) starts with sys.stdout and sys.stderr set to None
   unless whoever started it handed it handles (`tavana.exe --version > out.txt` in
   cmd, Start-Process -RedirectStandardOutput). The command line flushes sys.stdout
   after every command, and a None there would end a normal session with "unexpected
   AttributeError" in the log and exit 1. A missing stream becomes the null device; a
   handed one is kept.
"""

import multiprocessing
import os
import sys


def give_streams() -> None:
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process


if __name__ == "__main__":
    give_streams()
    multiprocessing.freeze_support()  # a spawned worker runs its part here, then exits
    from desktop.cli import main

    sys.exit(main())
