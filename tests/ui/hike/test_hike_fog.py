"""The fog view: a fixed frame per level, slopes to scale, a trail of felt slopes, leaps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from gdgame.ui.hike.fog_frame import frame_for, nice_ceil
from gdgame.ui.hike.step_animation import STEP_MS
from gdgame.ui.motion import SETTING, reduce_motion_action, reduced_motion


def _view(screen):
    (x0, x1), (y0, y1) = screen.play.field.view_range()
    return np.array([x0, x1, y0, y1])


def _hiker(screen):
    xs, ys = screen.play.field.hiker.getData()
    return float(xs[0]), float(ys[0])


def _screen_angle(field, x0, y0, x1, y1) -> float:
    """The angle in degrees a segment makes on screen (pixels), whatever the data units."""
    vb = field.plot.getPlotItem().getViewBox()
    a, b = vb.mapViewToDevice(QPointF(x0, y0)), vb.mapViewToDevice(QPointF(x1, y1))
    return abs(math.degrees(math.atan2(a.y() - b.y(), b.x() - a.x())))


def test_nice_ceil_rounds_up_to_round_numbers():
    assert [nice_ceil(v) for v in (0.288, 4.84, 80.0, 81.0, 0.0)] == [0.3, 5.0, 80.0, 100.0, 1.0]


def test_frame_is_fixed_for_a_level_and_differs_between_steep_and_shallow(
    hike_screen, step, settle
):
    screen = hike_screen(reduce_motion=True)
    field = screen.play.field
    screen.open(level="steep-bowl")
    settle()
    steep = _view(screen)
    start_tangent = field.tilt.getData()
    for rate in (0.11, 5.0, 0.003, 0.03, 0.04):  # divergence, off the map, crawl, descent
        step(screen, rate)
        settle()
        assert _view(screen) == pytest.approx(steep)  # never zoomed to the hiker
    assert screen.hike.history[0].kind == "divergence"

    # Drawn to scale: the tangent's slope in data units is the felt slope, so the
    # flatter ground near the bottom is drawn flatter on screen than the start.
    xs, ys = field.tilt.getData()
    felt = float(screen.hike.felt_gradient[0])
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(felt)
    sx, sy = start_tangent
    start_angle = _screen_angle(field, sx[0], sy[0], sx[1], sy[1])
    assert _screen_angle(field, xs[0], ys[0], xs[1], ys[1]) < start_angle / 2

    screen.open(level="shallow-bowl")
    settle()
    shallow = _view(screen)
    assert shallow[3] < steep[3] / 100  # altitude axis: 0.3 against 80
    top = 2 * float(screen.hike.heights()[0])
    assert shallow[3] == pytest.approx(nice_ceil(top))


def test_the_trail_keeps_a_tangent_tick_for_every_place_felt(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="gentle-bowl")
    results = [step(screen, rate) for rate in (0.1, 0.2, 0.3)]
    xs, ys = screen.play.field.ticks.getData()
    assert len(xs) == 2 * len(results)  # one segment for each place left behind
    for index, result in enumerate(results):
        dx = xs[2 * index + 1] - xs[2 * index]
        dy = ys[2 * index + 1] - ys[2 * index]
        assert dy / dx == pytest.approx(float(result.felt_gradient[0]))
        assert (xs[2 * index] + xs[2 * index + 1]) / 2 == pytest.approx(float(result.start[0]))


def test_2d_arrow_points_downhill_and_the_text_says_so(hike_screen):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="first-2d-bowl")
    field = screen.play.field
    xs, ys = field.tilt.getData()
    drawn = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    downhill = -np.asarray(screen.hike.felt_gradient, dtype=float)
    assert np.dot(drawn, downhill) / (np.linalg.norm(drawn) * np.linalg.norm(downhill)) > 0.999
    assert field.arrow.isVisible()
    assert "points downhill" in field.slope_text.text()


def test_a_step_animates_and_a_click_skips_it(hike_screen, step, qtbot):
    screen = hike_screen()
    field = screen.play.field
    screen.open(level="gentle-bowl")
    start = _hiker(screen)
    result = step(screen, 0.5)
    assert field.is_animating()
    assert _hiker(screen) == pytest.approx(start)  # the leap starts where the hiker stood
    assert field.animation.duration() == STEP_MS
    qtbot.mouseClick(field.plot.viewport(), Qt.MouseButton.LeftButton)
    assert not field.is_animating()
    assert _hiker(screen) == pytest.approx(
        (float(result.position[0]), float(screen.hike.heights()[-1]))
    )

    step(screen, 0.5)  # left alone, the leap ends by itself
    assert field.is_animating()
    qtbot.waitUntil(lambda: not field.is_animating(), timeout=3000)
    assert _hiker(screen)[0] == pytest.approx(float(screen.hike.position[0]))


def test_the_next_step_never_waits_for_the_last_leap(hike_screen, step):
    screen = hike_screen()
    screen.open(level="gentle-bowl")
    step(screen, 0.2)
    assert screen.play.field.is_animating()
    step(screen, 0.2)  # Space again at once: the first leap is completed, the step is taken
    assert screen.hike.steps_used == 2


def test_divergence_flings_the_hiker_up_the_far_wall(hike_screen, step):
    screen = hike_screen()
    field = screen.play.field
    screen.open(level="steep-bowl")
    x0, y0 = _hiker(screen)
    result = step(screen, 0.11)
    assert result.kind == "divergence" and not result.fell_off
    middle = field.animation.path(0.5)
    assert middle[1] > y0  # in flight above the start
    field.finish_animation()
    x1, y1 = _hiker(screen)
    assert x1 * x0 < 0 and y1 > y0  # the far side, higher up
    assert field.frame.contains(x1, y1)


def test_a_leap_off_the_map_flies_out_and_comes_back(hike_screen, step):
    screen = hike_screen()
    field = screen.play.field
    screen.open(level="steep-bowl")
    here = _hiker(screen)
    result = step(screen, 5.0)
    assert result.fell_off
    out = field.animation.path(0.5)
    assert not field.frame.contains(float(out[0]), float(out[1]))  # it left the view
    assert out[0] < here[0]  # towards where it was aimed (the target is to the left)
    assert float(result.target[0]) < field.frame.x_range[0]
    field.finish_animation()
    assert _hiker(screen) == pytest.approx(here)  # and back where it stood
    xs, _ = field.leap.getData()
    assert len(xs) == 2 and xs[1] == pytest.approx(field.frame.x_range[0])
    assert "off the map" in field.leap_note.textItem.toPlainText()


def test_reduce_motion_shows_every_result_at_once(hike_screen, step, ctx):
    action = reduce_motion_action(ctx.settings, None)
    assert not action.isChecked() and not reduced_motion(ctx.settings)
    screen = hike_screen()
    action.trigger()  # View > Reduce Motion, remembered
    assert ctx.settings.value(SETTING) in (True, "true")
    assert reduce_motion_action(ctx.settings, None).isChecked()
    screen.open(level="gentle-bowl")
    result = step(screen, 0.5)
    assert not screen.play.field.is_animating()
    assert not screen.play.banner.is_fading()
    assert _hiker(screen)[0] == pytest.approx(float(result.position[0]))
    step(screen, 1.0)
    assert screen.hike.finished and not screen.play.reveal.is_animating()


def test_the_frame_of_a_2d_level_is_the_map():
    frame = frame_for(((-2.0, 2.0), (-1.0, 3.0)), 5.0, 4.0)
    assert frame.x_range[0] < -2.0 < 2.0 < frame.x_range[1]
    assert frame.y_range[0] < -1.0 < 3.0 < frame.y_range[1]
    assert frame.arrow_length(4.0) == pytest.approx(2 * frame.arrow_length(2.0))
    assert frame.arrow_length(1e9) == pytest.approx(frame.arrow_cap)


def test_2d_trail_keeps_a_crossbar_along_the_level_ground_felt(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="first-2d-bowl")
    results = [step(screen, 0.1) for _ in range(3)]
    xs, ys = screen.play.field.ticks.getData()
    assert len(xs) == 2 * len(results)
    lengths = []
    for index, result in enumerate(results):
        bar = np.array([xs[2 * index + 1] - xs[2 * index], ys[2 * index + 1] - ys[2 * index]])
        felt = np.asarray(result.felt_gradient, dtype=float)
        assert abs(np.dot(bar, felt)) < 1e-9 * np.linalg.norm(felt)  # across the slope
        middle = [(xs[2 * index] + xs[2 * index + 1]) / 2, (ys[2 * index] + ys[2 * index + 1]) / 2]
        assert middle == pytest.approx(list(result.start))
        lengths.append((np.linalg.norm(bar), np.linalg.norm(felt)))
    (first, first_slope), (last, last_slope) = lengths[0], lengths[-1]
    assert last / first == pytest.approx(last_slope / first_slope)  # longer where steeper


def test_the_1d_slope_readout_keeps_the_sign_the_maths_panel_uses():
    import numpy as np

    from gdgame.ui.hike.field_view import slope_words
    from gdgame.ui.hike.maths_panel import number

    left = slope_words(np.array([-24.0]))
    assert left.startswith(f"Felt slope {number(-24.0)}:") and "downhill is to the right" in left
    right = slope_words(np.array([2.5]))
    assert right.startswith(f"Felt slope {number(2.5)}:") and "downhill is to the left" in right
