"""The casework tabs of an applicant's file page, built in one place.

The file page (applicant_file.py) owns its own tabs (details, status, change history)
and asks this module for the rest, so casework (follow-ups, ideas, outcomes, links)
and courses (casework/courses.py) can be written without touching the file page.
Each tab is a frame whose parent is the notebook; the page adds them in the order
given.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.strings.applicant_views import Tabs
from desktop.views.casework import CHANGED, FollowUpsTab, IdeasTab, LinksTab, OutcomesTab
from desktop.views.casework.courses import CoursesTab


def casework_tabs(
    notebook: ttk.Notebook,
    context: AppContext,
    applicant_id: str,
    on_status_changed: Callable[[], None] | None = None,
) -> list[tuple[str, tk.Widget]]:
    """(Persian title, frame) for each casework tab of one applicant's file.

    Follow-ups, outcomes and enrolling in a course may move the applicant's programme
    status: the file page passes `on_status_changed` to redraw its badge and status
    history.
    """
    opener = context.open_applicant
    follow_ups = FollowUpsTab(notebook, context, applicant_id, opener)
    outcomes = OutcomesTab(notebook, context, applicant_id, opener)
    enrollments = CoursesTab(notebook, context, applicant_id, opener)
    if on_status_changed is not None:
        for tab in (follow_ups, outcomes, enrollments):
            tab.bind(CHANGED, lambda _e: on_status_changed(), add="+")
    from desktop.views.shop.income_tab import income_tab

    sales = income_tab(notebook, context, applicant_id)  # only for a producer
    for _title, sales_tab in sales:
        if on_status_changed is not None:
            sales_tab.bind(CHANGED, lambda _e: on_status_changed(), add="+")
    return [
        (Tabs.FOLLOW_UPS, follow_ups),
        (Tabs.IDEAS, IdeasTab(notebook, context, applicant_id, opener)),
        (Tabs.OUTCOMES, outcomes),
        (Tabs.LINKS, LinksTab(notebook, context, applicant_id, opener)),
        (Tabs.COURSES, enrollments),
        *sales,
    ]
