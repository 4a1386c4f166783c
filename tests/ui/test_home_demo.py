"""The Home screen: its descent demo (three hikers, built in short turns after the window
shows, stopped when another screen is shown) and its buttons."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt


def test_home_demo_animates_three_hikers_and_stops(window, qtbot):
    home = window.screens["home"]
    window.navigate("home")
    start = home.demo.frames_drawn
    qtbot.waitUntil(lambda: home.demo.frames_drawn >= start + 3, timeout=3000)
    curves = [c.getData()[1] for c in home.demo.loss_curves]
    assert all(len(y) >= 2 for y in curves)
    window.navigate("probe")
    assert not home.demo.timer.isActive()


def test_home_demo_builds_in_short_turns_after_the_window_shows(qtbot, ctx):
    """The demo's engine and plots come one per event-loop turn, after the first show."""
    from gdgame.ui.home import DescentDemo

    demo = DescentDemo()
    qtbot.addWidget(demo)
    assert not demo.built and not hasattr(demo, "field")  # nothing heavy in the constructor
    demo.show()
    demo.play()
    assert not demo.built  # play() queues the stages instead of running them
    qtbot.waitUntil(lambda: demo.built and demo.timer.isActive(), timeout=5000)
    assert demo.frames_drawn >= 1 and len(demo.loss_curves) == 3
    demo.pause()
    assert not demo.timer.isActive()


def test_home_demo_plots_first_appear_at_their_final_size(qtbot):
    """Each plot takes a place kept for it, so the bowl is not laid out and painted again
    when the loss plot arrives (that second paint made the longest start-up turn)."""
    from gdgame.ui.home import DescentDemo

    demo = DescentDemo()
    qtbot.addWidget(demo)
    demo.resize(900, 300)
    demo.show()
    demo.play()
    qtbot.waitUntil(lambda: hasattr(demo, "field") and demo.field.isVisible(), timeout=5000)
    placed = demo.field.geometry()
    assert not hasattr(demo, "losses") or not demo.losses.isVisible()
    qtbot.waitUntil(lambda: demo.built, timeout=5000)
    qtbot.waitUntil(lambda: demo.losses.isVisible(), timeout=2000)
    assert demo.field.geometry() == placed
    assert demo.field.width() > demo.losses.width() > 0  # shares 3 : 2
    for plot in (demo.field, demo.losses):  # axes left and below, like every other plot
        item = plot.getPlotItem()
        shown = [
            name for name in ("left", "bottom", "right", "top") if item.getAxis(name).isVisible()
        ]
        assert shown == ["left", "bottom"]
    demo.pause()


def test_home_demo_loss_plot_keeps_one_frame_that_holds_every_step(window):
    demo = window.screens["home"].demo
    demo.restart()
    view = demo.losses.getPlotItem().getViewBox()
    frame = view.viewRange()
    shown = []
    while demo._hold == 0:
        demo.advance()
        assert view.viewRange() == frame  # no rescaling (and relayout) from step to step
        shown.extend(y for curve in demo.loss_curves for y in curve.yData)
    (x_low, x_high), (y_low, y_high) = frame
    assert x_low <= 0 and x_high >= demo.steps_drawn
    assert y_low <= min(shown) and max(shown) <= y_high
    assert max(shown) - min(shown) > 0.8 * (y_high - y_low)  # and no wasted space


def test_home_demo_starts_all_three_hikers_from_the_same_point(window):
    demo = window.screens["home"].demo
    demo.restart()
    start = float(demo.landscape.value(np.array([1.4])))
    for curve in demo.loss_curves:  # log10 of the loss, labelled by a Log10Axis
        assert curve.xData.tolist() == [0] and curve.yData[0] == pytest.approx(np.log10(start))
    demo.advance()
    assert [c.yData[0] for c in demo.loss_curves] == pytest.approx([np.log10(start)] * 3)
    axis = demo.losses.getPlotItem().getAxis("left")
    (_, ticks), *_ = axis.tickValues(-1.3, 0.4, 300)
    shown = [float(label) for label in axis.tickStrings(ticks, 1.0, 0.1)]
    assert shown == sorted(shown) and shown == pytest.approx([10**t for t in ticks], rel=0.05)
    assert [c.xData.tolist() for c in demo.loss_curves] == [[0, 1]] * 3


def test_home_buttons_navigate(window, qtbot):
    window.navigate("home")
    from PySide6.QtWidgets import QPushButton

    button = next(
        b for b in window.screens["home"].findChildren(QPushButton) if b.text() == "Open the Lab"
    )
    seen = []
    window.ctx.navigate = lambda sid, **t: seen.append(sid)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == ["lab"]


def test_leaving_home_and_coming_back_quickly_keeps_one_build_chain(qtbot, monkeypatch):
    """Each build step is followed by a pause; two chains would step twice per pause."""
    from gdgame.ui import home

    queued = []
    monkeypatch.setattr(home.QTimer, "singleShot", lambda ms, slot: queued.append((ms, slot)))
    demo = home.DescentDemo()
    qtbot.addWidget(demo)
    for _ in range(3):
        demo.play()
        demo.pause()
    demo.play()
    assert len(queued) == 1  # one step waits, however often Home was left and shown
    steps = 0
    while queued:
        _ms, slot = queued.pop()
        slot()
        steps += 1
        assert len(queued) <= 1
    assert demo.built and demo.timer.isActive() and steps > 5
    demo.pause()
    assert not demo.timer.isActive()


def test_a_paused_demo_builds_no_further_until_played(qtbot, monkeypatch):
    from gdgame.ui import home

    queued = []
    monkeypatch.setattr(home.QTimer, "singleShot", lambda ms, slot: queued.append((ms, slot)))
    demo = home.DescentDemo()
    qtbot.addWidget(demo)
    demo.play()
    demo.pause()
    queued.pop()[1]()  # the step that was already waiting fires: it does nothing
    assert queued == [] and not demo.built
    demo.play()
    assert len(queued) == 1
