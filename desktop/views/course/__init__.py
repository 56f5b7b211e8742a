"""The course page's tabs, one module per tab (like `desktop.views.casework`).

`desktop.views.course_page.CoursePage` is the shell: the header, the message line and
the notebook; each tab is a frame built as `Tab(notebook, page)` with `show(detail)`,
drawn again from the page's `CourseDetail` whenever anything was written. What they
share: `host` (what a tab may ask of its page, so no tab imports the page), `common`
(who may do what, how rows read) and `files` (save dialog, opening a PDF, showing a
path).
"""

from desktop.views.course.attendance import AttendanceTab
from desktop.views.course.certificates import CertificatesTab
from desktop.views.course.enrollees import EnrolleesTab
from desktop.views.course.results_sheet import ResultsSheetTab
from desktop.views.course.scores import ScoresTab
from desktop.views.course.sessions import SessionsTab

__all__ = [
    "AttendanceTab",
    "CertificatesTab",
    "EnrolleesTab",
    "ResultsSheetTab",
    "ScoresTab",
    "SessionsTab",
]
