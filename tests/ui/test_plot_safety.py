"""Plots never see NaN ranges or numbers pyqtgraph cannot handle: one helper clamps them
(issue 13, defect 9). Each plot is rendered (grab) so pyqtgraph's own range code runs."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import get_landscape
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.live_plots import LivePlots
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.lab.surface_view import SurfaceView
from gdgame.ui.lab.sweep_panel import SweepPanel
from gdgame.ui.plot_safety import LIMIT, near_box, plottable, safe_range
from gdgame.ui.stats.charts import BarChart

WILD = [1.0, 1e308, -1e308, np.inf, -np.inf, np.nan, 1.7e308, 5e-324]


def test_plottable_clamps_infinities_and_huge_values_and_keeps_gaps():
    shown = plottable(WILD)
    assert np.isnan(shown[5]) and np.all(np.abs(np.delete(shown, 5)) <= LIMIT)
    assert shown[0] == 1.0 and shown[1] == LIMIT and shown[4] == -LIMIT
    assert list(plottable([5.0, -1.0], 0.0, 2.0)) == [2.0, 0.0]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (np.nan, np.inf, (0.0, LIMIT)),
        (-1e308, 1e308, (-LIMIT, LIMIT)),
        (3.0, 3.0, (2.5, 3.5)),
        (5.0, 1.0, (1.0, 5.0)),
    ],
)
def test_safe_range_is_finite_ordered_and_not_empty(low, high, expected):
    assert safe_range(low, high) == expected


def test_points_far_off_a_map_are_drawn_just_beyond_it():
    shown = near_box([[1e300, -np.inf], [0.5, np.nan]], ((-3.0, 3.0), (-1.0, 1.0)))
    assert shown[0, 0] > 3.0 and shown[0, 1] < -1.0 and np.all(np.abs(shown[0]) < 1e6)
    assert shown[1, 0] == 0.5 and np.isnan(shown[1, 1])


def _wild_recording(dim: int) -> RunRecording:
    values = np.array(WILD)
    k = len(values)
    rec = RunRecording([HikerSpec(), HikerSpec()], dim)
    positions = np.repeat(values[:, None, None], 2, axis=1).repeat(dim, axis=2)
    rec.append(positions, np.repeat(values[:, None], 2, axis=1), positions, np.full((k, 2), 1e308))
    return rec


@pytest.mark.parametrize("log", [False, True])
def test_live_plots_draw_runaway_values(qtbot, log):
    plots = LivePlots()
    qtbot.addWidget(plots)
    plots.resize(900, 300)
    plots.show()
    plots.set_hikers(2, min_value=-1e308, steps=10)
    plots.log_loss.setChecked(log)
    plots.show_recording(_wild_recording(2))
    plots.grab()  # paints: pyqtgraph sets its auto ranges here
    for curve in plots.curves["loss"] + plots.curves["gradient"] + plots.curves["rate"]:
        shown = curve.yData[np.isfinite(curve.yData)]
        assert np.all(np.abs(shown) <= LIMIT)
    for plot in plots.plots().values():
        (x0, x1), (y0, y1) = plot.getPlotItem().viewRange()
        assert np.isfinite([x0, x1, y0, y1]).all()


@pytest.mark.parametrize("scales", [(1e308,), (1e308, 1.0)])
def test_the_map_draws_astronomical_landscapes_and_runaway_hikers(qtbot, scales):
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    landscape = get_landscape("quadratic", scales=scales)
    view.set_landscape(landscape)
    view.set_hikers(["a", "b"], [np.zeros(len(scales))] * 2)
    view.show_recording(_wild_recording(len(scales)))
    view.grab()
    assert np.isfinite(np.array(view.getPlotItem().viewRange())).all()
    for path, _head in view._hiker_items:  # runaway points are drawn just beyond the map
        assert np.all(np.abs(path.xData[~np.isnan(path.xData)]) < 1e6)  # x: the box is 5 wide
        assert not np.isinf(path.yData).any()


def test_the_sweep_plot_draws_astronomical_losses(qtbot):
    panel = SweepPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.min_value, panel.ceiling = -1e308, 1e308
    panel.show_result(np.logspace(-3, 0, len(WILD)), np.array(WILD))
    panel.plot.grab()
    assert np.isfinite(np.array(panel.plot.getPlotItem().viewRange())).all()
    panel.shutdown()


def test_stats_bars_draw_astronomical_counts(qtbot):
    chart = BarChart("Reviews", ["cards", "quiz"])
    qtbot.addWidget(chart.widget)
    chart.widget.show()
    chart.set_data({"cards": [1e308, np.inf, 3.0], "quiz": [1e308, np.nan, 1.0]}, "abc")
    chart.widget.grab()
    heights = chart.bars["cards"].opts["height"]
    assert np.all(np.isfinite(heights)) and chart.has_data
    assert np.isfinite(np.array(chart.plot.viewRange())).all()
