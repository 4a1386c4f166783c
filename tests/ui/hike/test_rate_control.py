"""The log-scale learning-rate control."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdgame.ui.hike.rate_control import RateControl, rate_to_tick, tick_to_rate


def test_slider_covers_1e_4_to_10_on_a_log_scale():
    assert tick_to_rate(0) == pytest.approx(1e-4)
    assert tick_to_rate(rate_to_tick(10.0)) == pytest.approx(10.0)
    assert tick_to_rate(rate_to_tick(0.01)) == pytest.approx(0.01)
    assert rate_to_tick(1e-9) == 0 and rate_to_tick(1e9) == rate_to_tick(10.0)


def test_keys_nudge_and_typing_sets_the_rate(qtbot):
    control = RateControl(0.1)
    qtbot.addWidget(control)
    seen = []
    control.rateChanged.connect(seen.append)
    qtbot.keyClick(control.slider, Qt.Key.Key_Up)
    assert control.rate() == pytest.approx(0.112, rel=1e-2)
    qtbot.keyClick(control.slider, Qt.Key.Key_PageDown)
    assert control.rate() == pytest.approx(0.1 * 10 ** (-0.2), rel=1e-2)
    assert control.edit.text() == f"{control.rate():.3g}"
    control.edit.clear()
    qtbot.keyClicks(control.edit, "2e-3")
    qtbot.keyClick(control.edit, Qt.Key.Key_Return)
    assert control.rate() == 0.002 and seen[-1] == 0.002
    assert control.slider.value() == rate_to_tick(0.002)
    control.edit.clear()
    qtbot.keyClicks(control.edit, "inf")
    qtbot.keyClick(control.edit, Qt.Key.Key_Return)
    assert "finite" in control.error.text() and control.rate() == 0.002


@pytest.mark.parametrize("typed", ["99999", "11", "0.00005"])
def test_typed_rates_outside_the_slider_range_are_refused(qtbot, typed):
    control = RateControl(0.1)
    qtbot.addWidget(control)
    refused = []
    control.invalidRate.connect(refused.append)
    control.edit.clear()
    qtbot.keyClicks(control.edit, typed)
    qtbot.keyClick(control.edit, Qt.Key.Key_Return)
    assert control.rate() == 0.1
    assert refused and "from 0.0001 to 10" in control.error.text()


def test_an_out_of_range_remembered_rate_falls_back_to_the_default(ctx, qtbot):
    from gdgame.ui.hike.screen import DEFAULT_RATE, HikeScreen

    ctx.settings.setValue("hike/rate", 99999)
    screen = HikeScreen(ctx)
    qtbot.addWidget(screen)
    try:
        assert screen._remembered_rate() == DEFAULT_RATE
    finally:
        screen.shutdown()
