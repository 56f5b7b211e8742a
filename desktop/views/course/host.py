"""What a course tab may ask of the page that holds it.

`desktop.views.course_page.CoursePage` builds the tabs and is this; the tabs know it
only by this shape, so the page imports the tabs and no tab imports the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    import ttkbootstrap as ttk

    from desktop.context import AppContext
    from desktop.services.enrollment import CourseDetail
    from desktop.services.session import Session
    from desktop.views.course.common import CourseRights
    from desktop.views.course.files import AskPath, Opener

_T = TypeVar("_T")


class CourseHost(Protocol):
    context: AppContext
    session: Session
    course_id: str
    detail: CourseDetail  # as last read; `reload` reads it again and redraws every tab
    rights: CourseRights
    notebook: ttk.Notebook
    ask_path: AskPath
    open_pdf: Opener

    def reload(self) -> None: ...

    def attempt(self, action: Callable[[], _T]) -> _T | None:
        """Run a service call; a refusal goes to the message line."""
        ...

    def say(self, text: str, style: str = "success", *, path: Path | None = None) -> None:
        """The message line; `path` names a file written, on the line under it."""
        ...
