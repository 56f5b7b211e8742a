"""`python -m desktop …` is the command line; with no arguments it opens the app."""

from desktop.cli import main

raise SystemExit(main())
