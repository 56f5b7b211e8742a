"""The «دوره‌ها» tab of an applicant's file: their enrollments, and enrolling from it.

Real widgets in a Toplevel over an in-memory database; courses are made through the
courses service, and what the tab wrote is read back through the enrollment service.
"""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as ttk

from desktop.services import applicants, certificates, course_changes, courses, enrollment
from desktop.strings.applicant_views import Tabs
from desktop.strings.casework_views import ApplicantCourses as Text
from desktop.strings.casework_views import Common
from desktop.strings.course_views import FileCourses
from desktop.strings.courses import ENROLLMENT_STATUS_NAMES, Enrollments
from desktop.text.jalali import format_jalali
from desktop.views.applicant_tabs import casework_tabs
from desktop.views.casework import CHANGED
from desktop.views.casework.courses import CoursesTab, course_label
from desktop.views.widgets.form import ChoiceBox
from desktop.views.widgets.rtl import t
from tests.helpers.courses import course
from tests.helpers.gui import make_context, rows, show
from tests.helpers.people import login_as, person

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def descendants(widget):
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def test_enroll_from_the_file_then_a_second_time_is_refused(window, admin):
    pid = person(admin, "زهرا")
    sewing = course(admin)
    tab = show(window, CoursesTab(window, make_context(admin), pid))
    changes = []
    tab.bind(CHANGED, lambda _e: changes.append(True))
    assert rows(tab.table) == [] and tab.table.empty_label.winfo_ismapped()
    assert tab.course.get_key() == sewing.id  # the only open course is chosen
    assert tab.course.get() == t(course_label(sewing))

    tab.enroll_button.invoke()
    (record,) = enrollment.applicant_enrollments(admin, pid)
    assert (record.enrollment.course_id, record.enrollment.status) == (sewing.id, "enrolled")
    assert rows(tab.table) == [
        (
            sewing.code,  # as printed: ASCII, left to right
            t(sewing.title),
            t(ENROLLMENT_STATUS_NAMES["enrolled"]),
            "۰",  # three sessions held, none marked present
            "",
            "",
        )
    ]
    assert tab.table.selected_id == record.enrollment.id
    # The line under the table tells the rest of the selected row.
    assert tab.detail.logical_text == FileCourses.ENROLLED.format(
        title=sewing.title, date=format_jalali(TODAY)
    )
    assert tab.message.logical_text == Text.ENROLLED.format(title=sewing.title)
    assert changes == [True]
    assert applicants.get(admin, pid).status == "in_training"
    # One seat of two is now taken: the choice says so.
    assert tab.course.get() == t(course_label(courses.get_course(admin, sewing.id)))

    tab.enroll_button.invoke()
    assert tab.message.logical_text == Enrollments.ALREADY_ENROLLED.format(
        status=ENROLLMENT_STATUS_NAMES["enrolled"]
    )
    assert len(enrollment.applicant_enrollments(admin, pid)) == 1
    assert len(rows(tab.table)) == 1
    assert changes == [True]  # a refusal changes nothing


def test_a_clerk_enrolling_in_a_full_course_is_waitlisted(window, admin):
    clerk = login_as(admin, "clerk1", "clerk")
    full = course(admin, "گلدوزی", capacity=1)
    finished = course(admin, "حسابداری")
    course_changes.set_course_status(admin, finished.id, "finished")  # not offered: it takes nobody
    enrollment.enroll(admin, full.id, person(admin, "مریم"))
    pid = person(admin, "سارا")
    tab = show(window, CoursesTab(window, make_context(clerk), pid))
    assert set(tab.open_courses) == {full.id}
    label = course_label(courses.get_course(admin, full.id))
    assert Text.FULL in label and tab.course.get() == t(label)

    tab.enroll_button.invoke()
    (record,) = enrollment.applicant_enrollments(admin, pid)
    assert (record.enrollment.status, record.enrollment.waitlist_position) == ("waitlisted", 1)
    assert tab.message.logical_text == Text.WAITLISTED.format(title="گلدوزی", position="۱")
    (row,) = rows(tab.table)
    assert row[2] == t(Text.WAITING.format(position="۱"))
    assert row[3] == ""  # no attendance while waiting
    assert applicants.get(admin, pid).status == "registered"  # no seat, no training yet


def test_no_course_open_says_so_and_enrolls_nothing(window, admin):
    pid = person(admin, "زهرا")
    tab = show(window, CoursesTab(window, make_context(admin), pid))
    assert tab.course.get_key() == ""
    assert tab.message.logical_text == Text.NO_OPEN_COURSES
    tab.enroll_button.invoke()
    assert tab.message.logical_text == Text.SELECT_COURSE
    assert enrollment.applicant_enrollments(admin, pid) == []


def test_completed_course_shows_attendance_score_and_certificate(window, admin):
    pid = person(admin, "زهرا")
    done = course(admin)
    enrolled = enrollment.enroll(admin, done.id, pid)
    for meeting in courses.course_sessions(admin, done.id):
        enrollment.mark_attendance(admin, meeting.id, {enrolled.id: "present"})
    enrollment.set_scores(admin, done.id, {enrolled.id: "۸۷٫۵"})
    course_changes.set_course_status(admin, done.id, "finished")
    certificate = certificates.issue_certificate(admin, enrolled.id)

    tab = show(window, CoursesTab(window, make_context(admin), pid))
    assert rows(tab.table) == [
        (
            done.code,
            t(done.title),
            t(ENROLLMENT_STATUS_NAMES["completed"]),
            "۱۰۰",
            t("۸۷٫۵"),
            certificate.serial,  # as printed and typed at the verification counter
        )
    ]
    assert certificate.serial.isascii() and done.code.isascii()
    assert tab.open_courses == {}  # a finished course is not offered


def test_a_trainer_sees_their_courses_and_no_enroll_controls(window, admin):
    trainer = login_as(admin, "trainer1", "trainer")
    pid = person(admin, "زهرا")
    theirs = course(admin, "قالی‌بافی", trainer_id=trainer.user_id)
    other = course(admin, "گلدوزی")
    enrollment.enroll(admin, theirs.id, pid)
    enrollment.enroll(admin, other.id, pid)
    tab = show(window, CoursesTab(window, make_context(trainer), pid))
    assert tab.form is None
    assert not any(isinstance(w, ChoiceBox | ttk.Button) for w in descendants(tab))
    assert [row[1] for row in rows(tab.table)] == [t("قالی‌بافی")]
    labels = [w for w in descendants(tab) if getattr(w, "logical_text", None) == Common.READ_ONLY]
    assert labels


def test_the_file_page_tabs_redraw_the_status_after_enrolling(window, admin):
    pid = person(admin, "زهرا")
    course(admin)
    notebook = ttk.Notebook(window)
    redraws = []
    tabs = dict(
        casework_tabs(
            notebook, make_context(admin), pid, on_status_changed=lambda: redraws.append(1)
        )
    )
    tab = tabs[Tabs.COURSES]
    assert isinstance(tab, CoursesTab)
    notebook.add(tab, text="x")
    show(window, notebook)
    tab.enroll_button.invoke()
    assert redraws == [1]
    assert applicants.get(admin, pid).status == "in_training"
