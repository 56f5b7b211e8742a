"""Subcommand groups of `python -m desktop`, one module per feature.

Each module has `register(commands, add_db)`: it adds its parsers to the top-level
subparsers and sets `handler` on each (a function of the parsed arguments that returns
the exit code). `desktop/cli.py` keeps the entry point, the shared helpers and the
foundation commands (app, init, users).
"""

FEATURE_MODULES = (
    "desktop.commands.demo",
    "desktop.commands.applicants",
    "desktop.commands.courses",
    "desktop.commands.settings",
    "desktop.commands.shops",
    "desktop.commands.sync",
    "desktop.commands.hq",
    "desktop.commands.reports",
    "desktop.commands.backups",
    "desktop.commands.audit",
    "desktop.commands.keys",
)
