"""Where popups and dialogs go (issue 8, item 16): always inside the screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.views.widgets.windows import Rect, center_in, fit_on_screen

SCREEN = Rect(0, 0, 1366, 768)
PICKER = (260, 290)


def inside(x: int, y: int, size: tuple[int, int], screen: Rect) -> bool:
    return (
        screen.x <= x
        and screen.y <= y
        and x + size[0] <= screen.x + screen.width
        and y + size[1] <= screen.y + screen.height
    )


def test_under_the_field_with_right_edges_aligned_when_it_fits():
    field = Rect(700, 200, 180, 30)
    assert fit_on_screen(field, PICKER, SCREEN) == (700 + 180 - 260, 230)


def test_above_the_field_when_below_does_not_fit():
    field = Rect(700, 700, 180, 30)  # near the bottom of a 768-pixel screen
    assert fit_on_screen(field, PICKER, SCREEN) == (620, 700 - 290)


def test_moved_inside_at_the_left_and_right_edges():
    assert fit_on_screen(Rect(0, 100, 120, 30), PICKER, SCREEN)[0] == 0
    assert fit_on_screen(Rect(1300, 100, 200, 30), PICKER, SCREEN)[0] == 1366 - 260


def test_neither_above_nor_below_fits_takes_the_larger_side_and_stays_on_screen():
    small = Rect(0, 0, 1024, 320)
    x, y = fit_on_screen(Rect(300, 100, 100, 30), PICKER, small)
    assert inside(x, y, PICKER, small)


fields = st.builds(
    Rect,
    st.integers(-200, 1500),
    st.integers(-200, 900),
    st.integers(1, 400),
    st.integers(1, 60),
)
screens = st.sampled_from([Rect(0, 0, 1366, 768), Rect(0, 0, 1024, 700), Rect(1366, 0, 1920, 1080)])
sizes = st.tuples(st.integers(1, 900), st.integers(1, 650))


@given(fields, sizes, screens)
def test_a_popup_that_fits_the_screen_is_always_inside_it(field, size, screen):
    x, y = fit_on_screen(field, size, screen)
    assert inside(x, y, size, screen)


@given(fields, sizes, screens)
def test_a_dialog_centred_on_any_window_is_inside_the_screen(outer, size, screen):
    x, y = center_in(outer, size, screen)
    assert inside(x, y, size, screen)


def test_a_popup_taller_than_the_screen_keeps_its_top_edge_visible():
    assert fit_on_screen(Rect(10, 10, 100, 30), (300, 900), Rect(0, 0, 1024, 700))[1] == 0


# -- set-up and login: centred on the work area, frame included ----------------------

from desktop.views.screen import centred_geometry  # noqa: E402


def test_a_small_window_is_centred_on_the_work_area_frame_included():
    # 1366×768 with a 30-pixel panel at the top; Openbox's frame adds 2×21.
    assert centred_geometry((0, 30, 1366, 738), (420, 361), (2, 21)) == "420x361+472+208"


def test_a_window_larger_than_the_work_area_starts_at_its_corner():
    assert centred_geometry((0, 30, 1024, 670), (560, 700), (8, 36)) == "560x700+228+30"
