"""A user name typed with Windows' legacy Persian layout active (its M gives ئ, where the
standard layout's gives پ) is read as the Latin keys, as on the standard layout."""

from __future__ import annotations

from desktop.strings.field_views import FieldNotice
from tests.helpers.gui import latin_field, type_with_xdotool


def test_a_user_name_typed_on_the_legacy_windows_layout_is_the_latin_keys(window):
    field, notices = latin_field(window, allowed="latin", case="lower", max_length=32)
    type_with_xdotool(field, "شیئهد", until=lambda: field.get() == "admin")  # a d m i n
    assert field.displayed() == "admin"
    assert notices and set(notices) == {FieldNotice.LAYOUT_SWITCHED}
