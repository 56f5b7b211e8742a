"""Start the Tavana desktop app: `python run.py [--db PATH]` (same as `python -m desktop`)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
