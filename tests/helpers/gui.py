"""Helpers shared by the GUI tests (tests/gui): contexts, filling forms, keys, waiting.

Fixtures stay in tests/gui/conftest.py; what is here is plain functions and data.
"""

from __future__ import annotations

# The navigation each role sees (views/registry.py), by view key.
EXPECTED_NAV = {
    "admin": {
        "home",
        "applicants",
        "followups",
        "applicant_import",
        "courses",
        "certificates",
        "sales",
        "settlements",
        "sync",
        "users",
        "settings",
        "account",
    },
    "clerk": {
        "home",
        "applicants",
        "followups",
        "applicant_import",
        "courses",
        "certificates",
        "account",
    },
    "trainer": {"home", "applicants", "courses", "certificates", "account"},
    "shop": {"home", "sales", "settlements", "account"},
}
