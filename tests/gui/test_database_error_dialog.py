"""The app's last resort for a database error that escaped translation: the dialog says
what the database said (read-only, disk full…) in Persian, not "unexpected error"."""

from __future__ import annotations

import sqlite3

from desktop.app import error_reporter
from desktop.strings.database import DatabaseMessages
from desktop.views.widgets.dialogs import MessageDialog
from desktop.views.widgets.rtl import RLabel
from tests.helpers.gui import descendants


def test_an_escaped_sqlite_error_is_shown_in_the_databases_words(window, database, tmp_path):
    report = error_reporter(window, tmp_path / "tavana.log", wait=False)
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    report(type(error), error, None)
    dialogs = [w for w in window.winfo_children() if isinstance(w, MessageDialog)]
    assert len(dialogs) == 1
    try:
        shown = [w.logical_text for w in descendants(dialogs[0]) if isinstance(w, RLabel)]
        expected = DatabaseMessages.FULL.format(target=":memory:")
        assert any(text.replace("\n", " ") == expected for text in shown), shown
    finally:
        dialogs[0].close("ok")
