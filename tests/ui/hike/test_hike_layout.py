"""Plots that belong to the level: ranges reset, legends off the data, a steady banner."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gdgame.game.messages import STEP_KINDS
from gdgame.ui import theme
from gdgame.ui.hike.plots_panel import EMPTY_RATE_RANGE
from gdgame.ui.hike.sound import TONES
from gdgame.ui.hike.step_banner import KIND_COLORS


def _y_range(plot):
    return plot.getPlotItem().getViewBox().viewRange()[1]


def _x_range(plot):
    return plot.getPlotItem().getViewBox().viewRange()[0]


def test_plot_ranges_and_data_reset_when_a_level_starts(hike_screen, step):
    screen = hike_screen()
    plots = screen.play.plots
    screen.open(level="steep-bowl")
    for rate in (0.11, 0.11, 0.11):  # past 2/L on a steep bowl: the altitude climbs
        step(screen, rate)
    steep_top = _y_range(plots.loss_plot)[1]
    assert steep_top > 50

    screen.open(level="shallow-bowl")
    start = float(screen.hike.heights()[0])
    budget = screen.hike.level.step_budget
    assert len(plots.loss_curve.getData()[0]) == 1  # only the start: the old data is gone
    assert plots.rate_curve.getData()[0] is None or len(plots.rate_curve.getData()[0]) == 0
    assert 0 < _y_range(plots.loss_plot)[1] < 2 * start < steep_top
    assert _x_range(plots.loss_plot)[1] == pytest.approx(budget, rel=0.05)
    assert _x_range(plots.slope_plot)[1] == pytest.approx(budget, rel=0.05)
    assert _y_range(plots.rate_plot) == pytest.approx(list(EMPTY_RATE_RANGE))

    step(screen, 10.0)  # a rate of 10 on the shallow bowl: the rate axis covers it
    low, high = _y_range(plots.rate_plot)
    assert low < np.log10(10.0) < high


def test_the_speed_limit_chart_belongs_to_the_reveal_only(hike_screen, step):
    screen = hike_screen()
    plots = screen.play.plots
    screen.open(level="gentle-bowl")
    step(screen, 0.5)
    step(screen, 1.0)
    assert screen.hike.finished
    assert "2/L" in " ".join(plots.rate_legend.labels())
    xs, ys = plots.two_over_l_curve.getData()
    assert len(xs) == 2 * screen.hike.steps_used  # a bar per step, seen even for one step
    assert np.all(xs[1::2] - xs[::2] > 0.5)  # each bar has a visible width
    limits = screen.hike.speed_limits()
    assert 10 ** ys[::2] == pytest.approx(np.asarray(limits.two_over_l, dtype=float))
    screen.restart()
    assert plots.rate_legend.labels() == [] and plots.rate_legend.isHidden()
    assert plots.two_over_l_curve.getData()[0] is None or not len(
        plots.two_over_l_curve.getData()[0]
    )


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_banner_and_field_keep_their_height_over_a_played_level(hike_screen, step, settle, size):
    screen = hike_screen(size=size)
    play = screen.play
    screen.open(level="steep-bowl")
    settle()
    heights = {(play.banner.height(), play.field.plot.height())}
    for rate in (0.003, 5.0, 0.11, 0.03):  # crawl, off the map, divergence, then sensible
        step(screen, rate)
        settle()
        heights.add((play.banner.height(), play.field.plot.height()))
        screen.show_hint()
        settle()
        heights.add((play.banner.height(), play.field.plot.height()))
    assert not screen.hike.finished  # still playing: the reveal may take the room
    screen.undo()
    settle()
    heights.add((play.banner.height(), play.field.plot.height()))
    assert len(heights) == 1, heights


def test_reveal_legend_sits_under_the_plot(hike_screen, step, settle):
    screen = hike_screen()
    screen.open(level="first-2d-bowl")
    while not screen.hike.finished:
        step(screen, 0.3)
    reveal = screen.play.reveal
    settle()
    assert "you" in reveal.legend.labels() and "lowest point" in reveal.legend.labels()
    assert reveal.plot.getPlotItem().legend is None  # nothing drawn over the data
    assert reveal.legend.geometry().top() >= reveal.plot.geometry().bottom()


def test_every_step_kind_has_a_banner_colour_and_a_sound():
    assert "noisy" in STEP_KINDS
    assert set(STEP_KINDS) <= set(KIND_COLORS)
    assert set(STEP_KINDS) <= set(TONES)


def test_the_reveal_draws_failed_leaps(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="steep-bowl")
    assert step(screen, 5.0).fell_off  # off the map: the hiker is put back
    step(screen, 0.11)
    screen.undo()  # taken back: a failed leap too
    while not screen.hike.finished:
        step(screen, 0.05)
    reveal = screen.play.reveal
    leaps = screen.hike.failed_leaps()
    assert len(leaps) == 2 and len(reveal.leap_items) == 2
    assert "failed leap (off the map or taken back)" in reveal.legend.labels()
    for item, (start, _target, _kind) in zip(reveal.leap_items, leaps, strict=True):
        xs, _ys = item.getData()
        assert xs[0] == pytest.approx(float(start[0]))


def test_a_data_level_reveal_shows_your_line_beside_the_best_line(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="penguin-line")
    while not screen.hike.finished:
        step(screen, 0.1)
    fit_view = screen.play.reveal.fit_view
    assert fit_view.isVisibleTo(screen) and fit_view.drawn_lines() == 2
    axes = screen.play.reveal.plot.getPlotItem()
    assert axes.getAxis("bottom").labelText == "weight" and axes.getAxis("left").labelText == "bias"
    assert fit_view.legend.labels() == ["penguins", "your line", "best line"]
    assert (
        fit_view.fit.player.tolist()
        == screen.hike.landscape.model_lines(screen.hike.position).tolist()
    )
    app = QApplication.instance()
    try:
        for dark in (True, False):  # the penguins take the new ink when the theme switches
            theme.apply(app, dark=dark)
            QApplication.sendPostedEvents()
            points = [i for i in fit_view.plot.getPlotItem().listDataItems() if i.opts["symbol"]]
            ink = QColor(theme.plot_colors()[1])
            assert points and points[0].opts["symbolBrush"].color().rgb() == ink.rgb()
    finally:
        theme.apply(app, dark=False)
    screen.open(level="gentle-bowl")
    while not screen.hike.finished:
        step(screen, 0.5)
    assert not fit_view.isVisibleTo(screen)  # a formula level has no data to show


def test_the_3d_toggle_belongs_to_2d_reveals_and_says_why_when_it_cannot(hike_screen, step):
    from gdgame.ui.surface3d import gl_unavailable_reason

    screen = hike_screen(reduce_motion=True)
    screen.open(level="first-2d-bowl")
    while not screen.hike.finished:
        step(screen, 0.3)
    reveal = screen.play.reveal
    button = reveal.button_3d
    assert button.isVisibleTo(screen)
    reason = gl_unavailable_reason()
    if reason is None:  # a real display with OpenGL (e.g. under xvfb-run)
        button.click()
        assert reveal.map_stack.currentWidget() is reveal.view3d
        assert reveal.view3d.available()
    else:  # offscreen: the toggle is off and says why, nothing crashes
        assert not button.isEnabled() and button.toolTip() == reason
        reveal.show_3d(True)  # even if forced, the view explains instead of crashing
        assert reveal.view3d is not None and reason in reveal.view3d.note.text()
    screen.open(level="gentle-bowl")
    while not screen.hike.finished:
        step(screen, 0.5)
    assert not button.isVisibleTo(screen)  # 1-D levels have no 3-D view
    assert reveal.map_stack.currentWidget() is reveal.plot


def test_a_theme_switch_redraws_the_revealed_curve_in_the_new_ink(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="gentle-bowl")
    while not screen.hike.finished:
        step(screen, 0.5)
    reveal = screen.play.reveal
    app = QApplication.instance()

    def curve_ink():
        curves = [i for i in reveal.plot.getPlotItem().listDataItems() if not i.opts["symbol"]]
        return curves[0].opts["pen"].color().name()

    try:
        for dark in (True, False):
            theme.apply(app, dark=dark)
            QApplication.sendPostedEvents()
            assert curve_ink() == QColor(theme.plot_colors()[1]).name()
    finally:
        theme.apply(app, dark=False)


def test_a_leap_far_up_the_wall_does_not_flatten_the_walk(hike_screen, step):
    from gdgame.ui.hike.reveal_view import LEAP_HEADROOM

    screen = hike_screen(reduce_motion=True)
    screen.open(level="overshoot-zone")
    step(screen, 1.0)  # lands far up the other wall (height 72 for a start at 8)
    screen.undo()
    while not screen.hike.finished:
        step(screen, 0.4)
    reveal = screen.play.reveal
    walked = max(screen.hike.losses()) - reveal.data.floor
    low, high = reveal.plot.getPlotItem().getViewBox().viewRange()[1]
    assert walked < high <= LEAP_HEADROOM * walked * 1.2
    assert len(reveal.leap_items) == 1
