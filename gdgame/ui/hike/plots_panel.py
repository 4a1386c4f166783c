"""Live plots beside the field: loss per step, slope magnitude and the rate used.

Each curve is created once; :meth:`PlotsPanel.show_hike` only calls ``setData``. The
plots belong to the level being played: :meth:`PlotsPanel.start_level` empties them and
sets their step axis to the level's budget, and every redraw sets the value ranges from
the data shown (never left over from another level). After the reveal the rate plot
becomes the "speed limit" chart: the rate at each step beside the local 1/L and 2/L.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from gdgame.ui.legend import LegendLabel
from gdgame.ui.log_axis import Log10Axis
from gdgame.ui.theme import SERIES_COLORS, series_pen, style_plot

RATE_TITLE = "rate (log)"
LIMIT_TITLE = "rate, 1/L, 2/L"  # short: the axis label must fit at 1024x640
ONE_OVER_L_COLOR = SERIES_COLORS[2]
TWO_OVER_L_COLOR = SERIES_COLORS[5]
EMPTY_RATE_RANGE = (-3.0, 0.0)  # log10: 0.001 .. 1 before the first step
HEADROOM = 1.1
LOG_PAD = 0.25  # decades above and below the data on log axes
BAR_HALF_WIDTH = 0.4  # the speed-limit chart draws each step's 1/L and 2/L as a bar this wide


def step_bars(steps: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A short level bar per step (a limit holds for that step only), so a one-step hike
    still shows its 1/L and 2/L; steps with no limit (NaN) get no bar."""
    keep = np.isfinite(values)
    steps, values = steps[keep], values[keep]
    xs = np.column_stack([steps - BAR_HALF_WIDTH, steps + BAR_HALF_WIDTH]).reshape(-1)
    return xs, np.repeat(values, 2)


def _plot(left: str, accessible: str, bottom: bool = False) -> pg.PlotWidget:
    """A small plot with no title (its left label names it): room goes to the data."""
    plot = pg.PlotWidget()
    plot.setAccessibleName(accessible)
    plot.setToolTip(accessible)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    style_plot(plot)
    item = plot.getPlotItem()
    item.setLabel("left", left)
    if bottom:
        item.setLabel("bottom", "step")
    for side in ("left", "bottom"):
        item.getAxis(side).enableAutoSIPrefix(False)
    item.setClipToView(True)
    item.setDownsampling(mode="peak")
    item.getViewBox().setMouseEnabled(x=False, y=False)  # ranges follow the level only
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.setMinimumHeight(90)
    return plot


def _finite(values) -> np.ndarray:
    values = np.asarray(values, dtype=float).reshape(-1)
    return values[np.isfinite(values)]


def linear_range(values, floor: float = 0.0) -> tuple[float, float]:
    """From ``floor`` (or below, for negative data) to a little above the largest value."""
    finite = _finite(values)
    if not finite.size:
        return floor, floor + 1.0
    low, high = min(floor, float(finite.min())), float(finite.max())
    if high <= low:
        return low, low + max(1.0, abs(low))
    return low, low + (high - low) * HEADROOM


def log_range(log_values, empty: tuple[float, float]) -> tuple[float, float]:
    """A range in decades around log10 data, at least half a decade tall."""
    finite = _finite(log_values)
    if not finite.size:
        return empty
    low, high = float(finite.min()) - LOG_PAD, float(finite.max()) + LOG_PAD
    middle = (low + high) / 2
    return min(low, middle - 0.5), max(high, middle + 0.5)


class PlotsPanel(QWidget):
    """Three small plots that follow the hike step by step."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss_plot = _plot("altitude", "Altitude (loss above the lowest) per step")
        self.slope_plot = _plot("|slope| felt", "Steepness (size of the slope) felt at each step")
        self.rate_plot = _plot(RATE_TITLE, "Rate used at each step", bottom=True)
        # Rates span decades: plot log10(rate) and label the axis with the rates themselves
        # (pyqtgraph's own log axis piles minor labels on top of each other).
        self.rate_plot.getPlotItem().setAxisItems({"left": Log10Axis("left")})
        self.rate_plot.getPlotItem().setLabel("left", RATE_TITLE)
        style_plot(self.rate_plot)
        self.rate_plot.showGrid(x=True, y=True, alpha=0.15)
        self.loss_curve = self.loss_plot.plot(
            [], [], pen=series_pen(0, 1.5), symbol="o", symbolSize=5, symbolBrush="#0072B2"
        )
        self.slope_curve = self.slope_plot.plot(
            [], [], pen=series_pen(2, 1.5), symbol="o", symbolSize=5, symbolBrush="#009E73"
        )
        self.rate_curve = self.rate_plot.plot(
            [], [], pen=series_pen(1, 1.5), symbol="t", symbolSize=6, symbolBrush="#E69F00"
        )
        self.one_over_l_curve = self.rate_plot.plot(
            [], [], pen=pg.mkPen(ONE_OVER_L_COLOR, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.two_over_l_curve = self.rate_plot.plot([], [], pen=pg.mkPen(TWO_OVER_L_COLOR, width=2))
        for curve in (self.one_over_l_curve, self.two_over_l_curve):
            curve.setZValue(-1)
        self.rate_legend = LegendLabel("Speed limit chart legend")
        self.rate_legend.set_entries([])
        self.log_y = QCheckBox("Log scale for the loss")
        self.log_y.setAccessibleName("Log scale for the loss plot")
        self.log_y.toggled.connect(self.set_log_y)
        self.setMinimumWidth(200)  # the splitter never squeezes the plots unreadable
        self._budget = 1
        self._hike = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.log_y)
        layout.addWidget(self.slope_plot, 1)
        layout.addWidget(self.rate_plot, 1)
        layout.addWidget(self.rate_legend)

    def set_log_y(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=bool(on))
        if self.log_y.isChecked() != bool(on):
            self.log_y.setChecked(bool(on))
        if self._hike is not None:
            self.show_hike(self._hike)

    # --- one level --------------------------------------------------------------------
    def start_level(self, hike) -> None:
        """Forget the previous level: empty curves, the step axis set to this budget."""
        self._budget = max(1, int(hike.level.step_budget))
        for curve in (
            self.loss_curve,
            self.slope_curve,
            self.rate_curve,
            self.one_over_l_curve,
            self.two_over_l_curve,
        ):
            curve.setData([], [])
        self.hide_speed_limits()
        spacing = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1e9) if s >= self._budget / 8)
        for plot in (self.loss_plot, self.slope_plot, self.rate_plot):
            item = plot.getPlotItem()
            item.disableAutoRange()
            item.getAxis("bottom").setTickSpacing(float(spacing), float(spacing))
        self.loss_plot.setXRange(0, self._budget, padding=0.02)
        self.slope_plot.setXRange(0, self._budget, padding=0.02)
        self.rate_plot.setXRange(0.5, self._budget + 0.5, padding=0.02)
        self.show_hike(hike)

    def show_hike(self, hike) -> None:
        self._hike = hike
        # Heights above the lowest possible: the goal reads the same and log view works.
        heights = np.clip(hike.heights(), 1e-12, 1e100)  # log axes overflow beyond 1e100
        steps = np.arange(len(heights), dtype=float)
        self.loss_curve.setData(steps, heights)
        slopes = np.maximum(hike.slopes(), 0.0)
        self.slope_curve.setData(steps, slopes)
        rates = hike.rates()
        self.rate_curve.setData(np.arange(1, len(rates) + 1, dtype=float), np.log10(rates))
        if self.log_y.isChecked():
            self.loss_plot.setYRange(*log_range(np.log10(heights), (-3.0, 1.0)), padding=0)
        else:
            self.loss_plot.setYRange(*linear_range(heights), padding=0)
        self.slope_plot.setYRange(*linear_range(slopes), padding=0)
        self._fit_rate_axis()

    def _fit_rate_axis(self) -> None:
        shown = [self.rate_curve.getData()[1]]
        if self.rate_legend.entries:
            shown += [self.one_over_l_curve.getData()[1], self.two_over_l_curve.getData()[1]]
        values = np.concatenate([np.asarray(v if v is not None else [], float) for v in shown])
        self.rate_plot.setYRange(*log_range(values, EMPTY_RATE_RANGE), padding=0)

    # --- the speed limit chart (after the reveal) -------------------------------------
    def show_speed_limits(self, limits) -> None:
        """The rate at each step beside the local 1/L and 2/L (NaN: no limit there)."""
        if limits is None:
            return
        steps = np.asarray(limits.steps, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            one = np.log10(np.asarray(limits.one_over_l, dtype=float))
            two = np.log10(np.asarray(limits.two_over_l, dtype=float))
            rates = np.log10(np.asarray(limits.rates, dtype=float))
        self.rate_curve.setData(steps, rates)
        self.one_over_l_curve.setData(*step_bars(steps, one), connect="pairs")
        self.two_over_l_curve.setData(*step_bars(steps, two), connect="pairs")
        self.rate_plot.getPlotItem().setLabel("left", LIMIT_TITLE)
        self.rate_legend.set_entries(
            [
                ("your rate", SERIES_COLORS[1], "triangle"),
                ("1/L: one step to a bowl's bottom", ONE_OVER_L_COLOR, "dash"),
                ("2/L: the speed limit", TWO_OVER_L_COLOR, "line"),
            ]
        )
        self._fit_rate_axis()

    def hide_speed_limits(self) -> None:
        self.one_over_l_curve.setData([], [])
        self.two_over_l_curve.setData([], [])
        self.rate_legend.set_entries([])
        self.rate_plot.getPlotItem().setLabel("left", RATE_TITLE)
