"""The applicant registry's screens, driven through their real widgets.

A clerk searches as she types, opens a file with Enter, registers a person (bad values
first, then duplicates), edits and moves the file along; a trainer only reads; a shop
user never gets there. Dialogs do not wait (`context.modal_dialogs` is off): the test
answers the one the form keeps in `question`.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from desktop.errors import PermissionDenied
from desktop.services import applicants, auth, users
from desktop.services.applicant_search import ApplicantSearch
from desktop.services.session import Role
from desktop.strings import STATUS_NAMES
from desktop.strings import Applicants as Messages
from desktop.strings.applicant_views import FIELD_LABELS
from desktop.strings.applicant_views import Form as FormText
from desktop.strings.applicant_views import Search as SearchText
from desktop.text.digits import persian_digits
from desktop.views import applicant_export
from desktop.views.applicant_file import ApplicantFile, describe_change
from desktop.views.applicant_form import ApplicantForm
from desktop.views.applicants_view import DEBOUNCE_MS, ApplicantsView
from desktop.views.main_window import MainWindow
from desktop.views.registry import build_registry
from desktop.views.widgets.dialogs import Question
from tests.factories import applicant_input, national_code
from tests.gui.conftest import pump
from tests.helpers.gui import (
    CONTROL,
    SHIFT,
    dialog_text,
    fill_applicant,
    key,
    make_context,
    open_view,
)
from tests.helpers.keymap import type_text
from tests.helpers.people import login_as

person = applicant_input


@pytest.fixture
def clerk(admin):
    return login_as(admin, "clerk1", "clerk", "کاربر clerk")


@pytest.fixture
def view(big_window, clerk) -> ApplicantsView:
    return open_view(big_window, clerk)


def wait_for_search(view: ApplicantsView) -> None:
    """Let the debounce run out (bounded: the test fails, never hangs)."""
    for _ in range(10 * DEBOUNCE_MS):
        if view.search.pending is None:
            return
        view.update()
        view.after(5)
    pytest.fail("the debounced search never ran")


def applicant_count(session) -> int:
    return ApplicantSearch(session).count()


# -- registering -------------------------------------------------------------------------


def test_bad_values_show_messages_next_to_fields_then_a_fix_saves_and_opens_the_file(view, clerk):
    key(view.search.entry, "n", CONTROL)  # Ctrl+N from the search box
    form = view.page
    assert isinstance(form, ApplicantForm)
    assert form.focus_get() is form.fields["first_name"]

    fill_applicant(form, first_name="علی۲", national_code="12345", birth_date="1403/13/01")
    key(form.fields["father_name"], "Return")
    assert form.error_text("first_name") == Messages.NAME_LETTERS
    assert form.error_text("last_name") == Messages.REQUIRED
    assert form.error_text("national_code") == Messages.NATIONAL_CODE_FORMAT
    assert form.error_text("gender") == Messages.GENDER_REQUIRED
    assert form.error_text("birth_date") == "ماه باید از ۱ تا ۱۲ باشد."
    assert form.error_text("mobile") == Messages.MOBILE_FORMAT
    assert form.error_text("categories") == Messages.CATEGORY_REQUIRED
    assert form.error_text("address") == ""
    assert form.focus_get() is form.fields["first_name"]  # the first invalid field
    assert applicant_count(clerk) == 0
    assert view.page is form

    code = national_code()
    fill_applicant(
        form,
        first_name="علی",
        last_name="رضایی",
        father_name="حسن",
        national_code=code,
        gender="male",
        birth_date="۱۳۷۰/۰۶/۳۱",
        mobile="۰۹۱۲۳۴۵۶۷۸۹",
        district="5",
    )
    form.categories.set(["job_seeker", "investor"])
    key(form.fields["address"], "s", CONTROL)  # Ctrl+S saves from any field

    page = view.page
    assert isinstance(page, ApplicantFile)
    assert page.record.national_code == code
    assert page.record.file_number == "TEH05-000001"
    assert "TEH05-000001" in page.facts.logical_text  # identifiers: as stored
    assert f"{FIELD_LABELS['national_code']} {code}" in page.facts.logical_text
    assert page.confirmation.logical_text == FormText.REGISTERED.format(
        file_number="TEH05-000001", name="علی رضایی"
    )
    assert page.values["categories"] == "کارجو، سرمایه‌گذار"
    assert view.stack == [view.search, page]  # the form is gone: Back goes to the list
    assert applicant_count(clerk) == 1


def test_pasted_codes_and_numbers_keep_their_separators_until_saved(view, clerk):
    form = view.open_new()
    fill_applicant(form, **{k: v for k, v in person().__dict__.items() if k not in ("categories",)})
    form.categories.set(["job_seeker"])
    code = national_code()
    for name, text in (
        ("national_code", f"{persian_digits(code[:3])}-{persian_digits(code[3:])}"),
        ("mobile", "+98 912 345 6789"),
        ("phone", "(021) 5512-3456"),
    ):
        field = form.fields[name]
        field.delete(0, "end")
        field.focus_force()
        field.clipboard_clear()
        field.clipboard_append(text)
        field.event_generate("<<Paste>>")
        pump(field)
    key(form.fields["address"], "s", CONTROL)
    record = view.page.record
    assert (record.national_code, record.mobile, record.phone) == (
        code,
        "09123456789",
        "02155123456",
    )


def test_skills_are_tags_and_notes_are_lines(view, clerk, persian_keymap):
    form = view.open_new()
    fill_applicant(form, **{k: v for k, v in person().__dict__.items() if k != "categories"})
    form.categories.set(["idea_holder"])
    entry = form.skills.entry
    entry.focus_force()
    pump(entry)
    type_text(entry, "خیاطی")
    key(entry, "Return")  # Enter in the tag field adds the tag, does not save
    type_text(entry, "نجاری")
    key(entry, "comma")  # a comma adds one too …
    type_text(entry, "برق")
    entry.insert("end", "،")  # … and so does «،»
    type_text(entry, "پز")
    assert form.skills.tags == ["خیاطی", "نجاری", "برق"]
    assert list(form.skills.chip_buttons) == ["خیاطی", "نجاری", "برق"]
    assert entry.get() == "پز"
    form.skills.chip_buttons["خیاطی"].invoke()  # a chip's × removes it
    assert form.skills.get() == ["نجاری", "برق", "پز"]  # what is still typed counts
    entry.set("")
    key(entry, "BackSpace")  # BackSpace in the empty field takes the last tag back
    assert form.skills.get() == ["نجاری"]
    assert isinstance(view.page, ApplicantForm)

    first = form.notes.lines[0]
    first.set("خط نخست")
    key(first, "Return")  # Enter in the notes goes to the next line
    assert form.focus_get() is form.notes.lines[1]
    form.notes.lines[1].set("خط دوم")
    form.save()
    record = view.page.record
    assert record.skills == ("نجاری",)
    assert record.notes == "خط نخست\nخط دوم"
    assert view.page.values["skills"] == "نجاری"


def test_duplicate_national_code_is_shown_at_the_field_and_offers_the_file(view, clerk):
    existing = applicants.register(clerk, person(first_name="مریم"))
    form = view.open_new()
    fill_applicant(form, **person(national_code=existing.national_code).__dict__)
    form.categories.set(["job_seeker"])
    form.save()
    assert form.error_text("national_code") == Messages.DUPLICATE.format(
        file_number=existing.file_number, name="مریم احمدی"
    )
    assert form.question is not None
    assert existing.file_number in dialog_text(form.question)
    assert set(form.question.buttons) == {"open", "stay"}
    assert applicant_count(clerk) == 1

    form.question.buttons["stay"].invoke()
    assert view.page is form and form.focus_lastfor() is form.fields["national_code"]
    form.save()
    form.question.buttons["open"].invoke()
    page = view.page
    assert isinstance(page, ApplicantFile) and page.record.id == existing.id
    assert view.stack == [view.search, page]


def test_near_duplicate_asks_and_saves_only_when_confirmed(view, clerk):
    existing = applicants.register(clerk, person())
    form = view.open_new()
    fill_applicant(form, **person().__dict__)  # same names and birth date, another national code
    form.categories.set(["job_seeker"])
    key(form.fields["first_name"], "Return")
    question = form.question
    assert question is not None
    assert set(question.buttons) == {"save", "back"}
    assert applicant_count(clerk) == 1
    question.buttons["back"].invoke()  # back to the form: nothing saved
    assert view.page is form and applicant_count(clerk) == 1

    form.save()
    said = dialog_text(form.question)
    assert f"پروندهٔ {existing.file_number}: زهرا احمدی، فرزند علی" in said
    assert "ثبت شود؟" in said
    form.question.buttons["save"].invoke()
    page = view.page
    assert isinstance(page, ApplicantFile) and page.record.id != existing.id
    assert applicant_count(clerk) == 2


def test_an_edit_into_a_near_duplicate_asks_before_saving(view, clerk):
    existing = applicants.register(clerk, person())
    other = applicants.register(clerk, person(first_name="زینب"))
    view.open_file(other.id).buttons["edit"].invoke()
    form = view.page
    fill_applicant(form, first_name="زهرا")
    form.save_button.invoke()
    assert f"پروندهٔ {existing.file_number}" in dialog_text(form.question)
    assert applicants.get(clerk, other.id).first_name == "زینب"
    form.question.buttons["save"].invoke()
    assert isinstance(view.page, ApplicantFile)
    assert applicants.get(clerk, other.id).first_name == "زهرا"


def test_escape_leaves_the_form_and_asks_first_when_something_was_typed(view):
    form = view.open_new()
    key(form.fields["last_name"], "Escape")
    assert view.page is view.search  # nothing typed: no question
    assert view.search.focus_get() is view.search.entry

    form = view.open_new()
    form.fields["last_name"].set("رضایی")
    key(form.fields["birth_date"].entry, "Escape")  # from inside a composite field too
    assert form.question is not None
    form.question.buttons["keep"].invoke()
    assert view.page is form and form.fields["last_name"].get() == "رضایی"
    form.cancel()
    form.question.buttons["discard"].invoke()
    assert view.page is view.search


# -- searching ---------------------------------------------------------------------------


def test_search_as_you_type_then_enter_opens_the_file(view, clerk, persian_keymap):
    wanted = applicants.register(clerk, person(last_name="کاظمی", national_code="0084575948"))
    applicants.register(clerk, person(last_name="یزدانی"))
    view.search.search_now()
    page = view.search
    assert page.count_label.logical_text == SearchText.COUNT.format(count="۲")

    page.entry.focus_force()
    pump(page.entry)
    type_text(page.entry, "کاظ")
    assert page.pending is not None  # typing schedules one search, not one per key
    assert len(page.table.visible_rows()) == 2  # … which has not run yet
    wait_for_search(view)
    rows = page.table.visible_rows()
    assert [row_id for row_id, _ in rows] == [wanted.id]
    assert rows[0][1][0] == wanted.file_number
    assert page.count_label.logical_text == SearchText.COUNT.format(count="۱")

    key(page.entry, "Return")  # one match: Enter opens it
    file_page = view.page
    assert isinstance(file_page, ApplicantFile) and file_page.record.id == wanted.id

    key(file_page.notebook, "Escape")  # back, with the query kept
    assert view.page is page and page.entry.get() == "کاظ"
    assert page.focus_get() is page.entry


def test_digits_search_down_arrow_and_enter_in_the_list(view, clerk):
    first = applicants.register(clerk, person(last_name="آقایی", national_code="0084575948"))
    applicants.register(clerk, person(last_name="بهرامی", national_code="0084575956"))
    applicants.register(clerk, person(last_name="کریمی"))
    page = view.search
    for digit in "008457":
        key(page.entry, digit)
    wait_for_search(view)
    assert page.table.total == 2
    key(page.entry, "Down")  # into the list, first row selected
    pump(view)
    assert page.focus_get() is page.table.tree
    assert page.table.selected_id == first.id
    key(page.table.tree, "Return")
    assert view.page.record.id == first.id
    key(view.page.back_button, "Right", 0x8)  # Alt+→ goes back too
    assert view.page is page and page.table.selected_id == first.id

    key(page.entry, "Escape")  # clears the search
    assert page.entry.get() == "" and page.table.total == 3


@pytest.mark.parametrize("typed", ["TEH05-000002", "teh05-2", "TEH05-۰۰۰۰۰۲", "۰۰۰۰۰۲"])
def test_typing_a_file_number_finds_its_file(view, clerk, persian_keymap, typed):
    applicants.register(clerk, person(last_name="آقایی"))
    wanted = applicants.register(clerk, person(last_name="بهرامی"))
    applicants.register(clerk, person(last_name="کریمی"))
    assert wanted.file_number == "TEH05-000002"
    page = view.search
    page.entry.focus_force()
    pump(page.entry)
    for char in typed:  # capitals with Shift, as a keyboard types them
        if char.isupper():
            key(page.entry, char, SHIFT)
        else:
            type_text(page.entry, char)
    assert page.entry.get() == typed
    wait_for_search(view)
    assert [row_id for row_id, _ in page.table.visible_rows()] == [wanted.id]
    key(page.entry, "Return")  # the one match opens
    assert isinstance(view.page, ApplicantFile) and view.page.record.id == wanted.id


def test_empty_results_say_so(view, clerk):
    page = view.search
    assert page.table.empty_label.logical_text == SearchText.EMPTY_REGISTRY_WRITER
    applicants.register(clerk, person())
    page.entry.set("۹۹۹۹")
    page.search_now()
    assert page.table.total == 0
    assert page.table.empty_label.logical_text == SearchText.NOTHING_FOUND
    assert page.count_label.logical_text == SearchText.COUNT.format(count="۰")


def test_filters_narrow_the_list(view, clerk):
    applicants.register(clerk, person(district="3"))
    other = applicants.register(
        clerk, person(first_name="سارا", district="7", categories=["investor"])
    )
    page = view.search
    page.filters["district"].set_key("7")
    page.filters["district"].event_generate("<<ComboboxSelected>>")
    pump(view)
    assert [row_id for row_id, _ in page.table.visible_rows()] == [other.id]
    page.filters["district"].set_key("")
    page.filters["category"].set_key("investor")
    page.search_now()
    assert [row_id for row_id, _ in page.table.visible_rows()] == [other.id]


def test_the_export_button_saves_the_result_as_shown(view, clerk, tmp_path, monkeypatch):
    for last_name in ("یزدانی", "احمدی", "بهرامی"):
        applicants.register(clerk, person(last_name=last_name, district="4"))
    applicants.register(clerk, person(last_name="کریمی", district="9"))
    page = view.search
    page.filters["district"].set_key("4")
    page.search_now()
    page.table.sort_by("last_name", descending=True)
    target = tmp_path / "result.csv"
    monkeypatch.setattr(applicant_export, "ask_save_path", lambda **_options: str(target))
    page.buttons["export"].invoke()  # the real button, with the view's own context
    pump(view)
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["last_name"] for row in rows] == ["یزدانی", "بهرامی", "احمدی"]


# -- the file page -----------------------------------------------------------------------


def test_edit_shows_in_the_change_history(view, clerk):
    record = applicants.register(clerk, person())
    page = view.open_file(record.id)
    page.buttons["edit"].invoke()
    form = view.page
    assert isinstance(form, ApplicantForm) and form.fields["first_name"].get() == "زهرا"
    assert not form.dirty
    fill_applicant(form, address="تهران، خیابان آزادی", mobile="09350001122")
    form.save_button.invoke()

    page = view.page
    assert isinstance(page, ApplicantFile)
    assert view.stack == [view.search, page]
    assert page.confirmation.logical_text == FormText.UPDATED.format(file_number=record.file_number)
    assert page.values["address"] == "تهران، خیابان آزادی"
    newest, oldest = page.change_rows
    assert newest[1] == "کاربر clerk"
    assert newest[2] == "ویرایش: شمارهٔ همراه، نشانی"
    assert oldest[2] == "ساخت پرونده"

    page.buttons["edit"].invoke()
    key(view.page.fields["first_name"], "Escape")  # unchanged: straight back to the file
    assert isinstance(view.page, ApplicantFile) and view.page is page


def test_change_status_shows_in_the_status_tab(view, clerk):
    record = applicants.register(clerk, person())
    page = view.open_file(record.id)
    page.buttons["status"].invoke()
    pump(page)
    fields = page.panel_forms.fields
    assert page.focus_get() is fields["status"]
    key(fields["note"], "Return")
    assert page.panel_forms.error_text("status") == "وضعیت تازه را انتخاب کنید."

    fields["status"].set_key("counselling")
    fields["changed_on"].entry.set("1499/01/01")  # in the future
    key(fields["note"], "Return")
    assert page.panel_forms.error_text("changed_on").startswith("تاریخ نباید پس از")

    fields["changed_on"].set_date(dt.date.today())
    fields["note"].set("نخستین جلسهٔ مشاوره")
    key(fields["note"], "Return")
    page = view.page
    assert page.notebook.select() == str(page.tabs["status"])
    assert page.status_rows[0][0] == STATUS_NAMES["counselling"]
    assert page.status_rows[0][3] == "نخستین جلسهٔ مشاوره"
    assert page.status_rows[-1][0] == STATUS_NAMES["registered"]
    assert page.badge.logical_text == STATUS_NAMES["counselling"]
    assert applicants.get(clerk, record.id).status == "counselling"


def test_admin_deletes_with_a_reason_and_returns_to_the_list(big_window, admin):
    record = applicants.register(admin, person())
    view = open_view(big_window, admin)
    page = view.open_file(record.id)
    page.buttons["delete"].invoke()
    key(page.panel_forms.fields["reason"], "Return")
    assert page.panel_forms.error_text("reason") == Messages.DELETE_REASON_REQUIRED
    assert not applicants.get(admin, record.id).deleted
    key(page.panel_forms.fields["reason"], "Escape")  # Escape closes the panel first
    assert page.panel is None and view.page is page

    page.buttons["delete"].invoke()
    page.panel_forms.fields["reason"].set("ثبت تکراری")
    key(page.panel_forms.fields["reason"], "Return")
    assert view.page is view.search
    assert view.search.message.logical_text.startswith("پروندهٔ")
    assert view.search.table.total == 0


def test_describe_change_names_fields_in_persian():
    assert describe_change("update", ("notes", "category_flags", "categories", "mobile")) == (
        "ویرایش: شمارهٔ همراه، گروه‌ها، یادداشت"
    )
    assert describe_change("update", ("category_flags",)) == "بی‌تغییر در مشخصات"
    assert describe_change("create", ()) == "ساخت پرونده"


# -- roles -------------------------------------------------------------------------------


def test_a_trainer_reads_but_cannot_register_or_edit(big_window, admin):
    record = applicants.register(admin, person())
    view = open_view(big_window, login_as(admin, "trainer1", "trainer", "کاربر trainer"))
    assert "new" not in view.search.buttons and "open" in view.search.buttons
    key(view.search.entry, "n", CONTROL)
    assert view.page is view.search
    assert view.search.table.empty_label.logical_text == SearchText.EMPTY_REGISTRY
    page = view.open_file(record.id)
    assert page.buttons == {}


def test_a_shop_user_cannot_reach_the_page(admin):
    registry = build_registry()
    assert registry.get("applicants").roles == {Role.ADMIN, Role.CLERK, Role.TRAINER}
    assert "applicants" not in {spec.key for spec in registry.for_role(Role.SHOP)}
    with pytest.raises(PermissionDenied):
        ApplicantSearch(login_as(admin, "shop1", "shop", "کاربر shop"))


def test_the_main_window_shows_the_page_with_focus_in_the_search_box(big_window, clerk):
    context = make_context()
    context.session = clerk
    main = MainWindow(big_window, context)
    main.pack(fill="both", expand=True)
    big_window.focus_force()
    main.nav_buttons["applicants"].invoke()
    pump(big_window)
    view = main.current
    assert isinstance(view, ApplicantsView)
    assert view.focus_get() is view.search.entry
    view.open_file(applicants.register(clerk, person()).id)
    assert main.current_key == "applicants"  # the pages stack inside the one view


# -- lifecycle ---------------------------------------------------------------------------


def test_the_pending_search_is_cancelled_on_destroy(view, root):
    key(view.search.entry, "5")
    pending = view.search.pending
    assert pending is not None
    assert pending in root.tk.splitlist(root.tk.call("after", "info"))
    view.destroy()
    assert pending not in root.tk.splitlist(root.tk.call("after", "info"))


# -- keyboard ----------------------------------------------------------------------------


def tab_stops(start, count: int) -> list:
    """The widgets Tab visits from `start` (Tk's own traversal order)."""
    stops, widget = [], start
    for _ in range(count):
        stops.append(widget)
        widget = widget.tk_focusNext()
    return stops


def test_tab_walks_the_search_page_and_the_form_field_by_field(view, admin):
    page = view.search
    assert tab_stops(page.entry, 8) == [
        page.entry,
        page.filters["category"],
        page.filters["district"],
        page.filters["status"],
        page.filters["course"],
        page.table.tree,
        page.buttons["export"],  # the toolbar right to left (issue 8, item 15)
        page.buttons["open"],
    ]
    form = view.open_new()
    pump(view)  # only what is on screen takes part in Tab traversal
    names = {str(widget): name for name, widget in form.fields.items()}
    checks = list(form.categories.checks.values())
    names.update({str(check): "categories" for check in checks})
    names[str(form.skills.entry)] = "skills"
    names.update({str(line): "notes" for line in form.notes.lines})
    names[str(form.fields["birth_date"].entry)] = "birth_date"
    names[str(form.save_button)] = "save"
    visited = [names.get(str(w), w.winfo_class()) for w in tab_stops(form.fields["first_name"], 26)]
    assert visited == [
        "first_name",
        "last_name",
        "father_name",
        "national_code",
        "gender",
        "birth_date",
        "mobile",
        "phone",
        "district",
        "address",
        "education_level",
        "education_field",
        "marital_status",
        *["categories"] * 6,
        "skills",
        *["notes"] * 3,
        "save",
        "TButton",  # cancel
        "first_name",  # and round again
    ]


def test_a_narrow_window_reflows_instead_of_clipping(window, clerk):
    window.geometry("660x560+0+0")  # the content area of the smallest main window
    view = open_view(window, clerk)
    page = view.search
    pump(view, 5)
    assert page.filter_bar.winfo_manager() == "pack"
    assert page.filter_bar.pack_info()["in"] == page  # under the search box
    # No column dropped: what does not fit scrolls, from the right edge (the names).
    assert len(page.table.tree.cget("displaycolumns")) == len(page.table.columns)
    assert page.table.hbar.winfo_ismapped()
    assert page.table.tree.xview()[1] == 1.0

    form = view.open_new()
    pump(view, 5)
    assert form.column_count == 2
    assert form.area.canvas.yview()[0] == 0.0
    last_line = form.notes.lines[-1]
    last_line.focus_force()
    pump(view, 5)
    assert form.area.canvas.yview()[0] > 0.0  # Tab to a field below scrolls it into view
    top = last_line.winfo_rooty() - form.area.canvas.winfo_rooty()
    assert 0 <= top <= form.area.canvas.winfo_height() - last_line.winfo_height()

    window.geometry("1280x760")
    pump(view, 5)
    assert form.column_count == 3
    view.back_to_list()
    pump(view, 5)
    # Four filters and the search box need more than 1280 pixels side by side.
    assert page.filter_bar.pack_info()["in"] == page
    window.geometry("1440x760")
    pump(view, 5)
    assert page.filter_bar.pack_info()["in"] == page.search_row
    assert not page.table.hbar.winfo_ismapped()


def test_modal_dialogs_answer_in_place(big_window, clerk):
    """The real app's dialogs wait (grab + wait_window): the answer still arrives."""
    existing = applicants.register(clerk, person())
    view = open_view(big_window, clerk)
    view.context.modal_dialogs = True
    form = view.open_new()
    fill_applicant(form, **person().__dict__)
    form.categories.set(["job_seeker"])
    pressed: list[str] = []

    def answer(tries: int = 200) -> None:
        dialogs = [w for w in big_window.winfo_children() if isinstance(w, Question)]
        if dialogs:
            pressed.append(dialog_text(dialogs[0]))
            dialogs[0].buttons["save"].invoke()
        elif tries:
            big_window.after(10, answer, tries - 1)

    big_window.after(10, answer)
    form.save()  # returns once the dialog was answered
    assert pressed and existing.file_number in pressed[0]
    assert isinstance(view.page, ApplicantFile) and view.page.record.id != existing.id
    assert applicant_count(clerk) == 2


def test_a_file_gone_meanwhile_is_reported_on_the_list(view):
    form = view.open_new()
    assert view.open_file("01a20000-0000-7000-8000-000000000000") is None
    assert view.page is view.search and not form.winfo_exists()
    assert view.search.message.logical_text == Messages.NOT_FOUND
    assert [w for w in view.winfo_children() if isinstance(w, ApplicantFile)] == []


# -- the course filter -------------------------------------------------------------------


def make_course(admin, trainer_id: str, title: str) -> str:
    from desktop.services import courses

    today = dt.date.today()
    data = courses.CourseInput(
        title=title,
        trainer_id=trainer_id,
        hours="20",
        capacity="10",
        starts_on=today,
        ends_on=today + dt.timedelta(days=6),
        weekdays="0,2,4",
        status="open",
    )
    return courses.create_course(admin, data).id


def test_choosing_a_course_narrows_the_list(big_window, admin, clerk):
    from desktop.services import courses, enrollment

    trainer = users.add_user(
        admin, username="trainer1", display_name="مربی", role="trainer", password="12345678"
    )
    other_trainer = users.add_user(
        admin, username="trainer2", display_name="مربی دیگر", role="trainer", password="12345678"
    )
    sewing = make_course(admin, trainer.id, "خیاطی")
    cooking = make_course(admin, other_trainer.id, "آشپزی")
    people = [
        applicants.register(clerk, person(birth_date=f"1370/01/0{day}")).id for day in range(1, 5)
    ]
    enrollment.enroll(clerk, sewing, people[0])
    enrollment.enroll(clerk, sewing, people[1])
    enrollment.enroll(clerk, cooking, people[2])
    withdrawn = enrollment.enroll(clerk, sewing, people[3])
    enrollment.withdraw(clerk, withdrawn.id, "نقل مکان")

    view = open_view(big_window, clerk)
    page = view.search
    box = page.filters["course"]
    codes = {record.id: record.code for record in courses.list_courses(clerk)}
    labels = [label for label in box.cget("values")]
    assert len(labels) == 3  # «همه» and both courses
    assert page.table.total == 4
    box.set_key(sewing)
    assert codes[sewing] in box.get()
    box.event_generate("<<ComboboxSelected>>")
    pump(view)
    assert {row_id for row_id, _ in page.table.visible_rows()} == {people[0], people[1]}
    assert page.count_label.logical_text == SearchText.COUNT.format(count="۲")
    box.set_key(cooking)
    box.event_generate("<<ComboboxSelected>>")
    pump(view)
    assert [row_id for row_id, _ in page.table.visible_rows()] == [people[2]]
    box.set_key("")
    box.event_generate("<<ComboboxSelected>>")
    pump(view)
    assert page.table.total == 4

    # A trainer is offered only the courses they train.
    view.destroy()
    own = open_view(big_window, auth.login("trainer1", "12345678")).search.filters["course"]
    own.set_key(cooking)
    assert own.get_key() == ""
    own.set_key(sewing)
    assert own.get_key() == sewing
    assert len(own.cget("values")) == 2
