"""Courses: plan one, list them, and keep its sessions — one name for the views, the
CLI and the tests, over the modules that do the work:

- course_access.py: who may see or run a course (an admin everything; a trainer the
  courses they train; a clerk reads them and enrolls people), the live course of an id;
- course_calendar.py: weekdays and dates as typed, and the session dates they give;
- course_form.py: the course form checked into clean values;
- course_catalogue.py: create, find and list courses;
- course_sessions.py: a course's sessions, generated, added, moved and removed.

Editing a course or changing its status moves its enrollments too, so those two use
cases live above this and enrollment.py, in course_changes.py; a partner body's
results sheet, which enrolls, records results and finishes the course, above those
in partner_results.py.
"""

from __future__ import annotations

from desktop.services.course_access import (
    CALENDAR_CLOSED,
    READERS,
    RUNNERS,
    SEATED,
    can_read,
    can_run,
    fk,
    load_course,
    readable_course,
    refuse_closed,
    require_transaction,
    runnable_course,
)
from desktop.services.course_calendar import (
    parse_weekdays,
    persian_weekday,
    read_date,
    session_dates,
    weekday_names,
)
from desktop.services.course_catalogue import (
    MOVES,
    STARTING,
    CourseRecord,
    course_code,
    create_course,
    find_course,
    get_course,
    list_courses,
    records_of,
    to_input,
    trainers,
)
from desktop.services.course_form import (
    CAPACITY_RANGE,
    HOURS_RANGE,
    MAX_SESSIONS,
    TRAINER_ROLES,
    CourseInput,
    clean_status,
    validate,
)
from desktop.services.course_sessions import (
    CourseSessionRecord,
    add_course_session,
    course_sessions,
    live_sessions,
    marked_days,
    move_course_session,
    regenerate_sessions,
    remove_course_session,
    session_by_id,
    session_row,
)
from desktop.services.records import as_uuid

__all__ = [
    "CALENDAR_CLOSED",
    "CAPACITY_RANGE",
    "HOURS_RANGE",
    "MAX_SESSIONS",
    "MOVES",
    "READERS",
    "RUNNERS",
    "SEATED",
    "STARTING",
    "TRAINER_ROLES",
    "CourseInput",
    "CourseRecord",
    "CourseSessionRecord",
    "add_course_session",
    "as_uuid",
    "can_read",
    "can_run",
    "clean_status",
    "course_code",
    "course_sessions",
    "create_course",
    "find_course",
    "fk",
    "get_course",
    "list_courses",
    "live_sessions",
    "load_course",
    "marked_days",
    "move_course_session",
    "parse_weekdays",
    "persian_weekday",
    "read_date",
    "readable_course",
    "records_of",
    "refuse_closed",
    "regenerate_sessions",
    "remove_course_session",
    "require_transaction",
    "runnable_course",
    "session_by_id",
    "session_dates",
    "session_row",
    "to_input",
    "trainers",
    "validate",
    "weekday_names",
]
