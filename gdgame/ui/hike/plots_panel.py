"""Live plots beside the field: loss per step, slope magnitude and the rate used.

Each curve is created once; :meth:`PlotsPanel.show_hike` only calls ``setData``.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from gdgame.ui.theme import plot_colors, series_pen, style_plot


class RateAxis(pg.AxisItem):
    """An axis for log10(rate) values that prints the rates (0.001, 0.0316, 0.1 ...)."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [f"{10.0**v:.2g}" for v in values]


def _plot(title: str, left: str, accessible: str) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    plot.setAccessibleName(accessible)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    style_plot(plot)
    item = plot.getPlotItem()
    item.setTitle(title, color=plot_colors()[1], size="9pt")
    item.setLabel("left", left)
    item.setLabel("bottom", "step")
    for side in ("left", "bottom"):
        item.getAxis(side).enableAutoSIPrefix(False)
    item.setClipToView(True)
    item.setDownsampling(mode="peak")
    plot.showGrid(x=True, y=True, alpha=0.15)
    plot.setMinimumHeight(120)
    return plot


class PlotsPanel(QWidget):
    """Three small plots that follow the hike step by step."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss_plot = _plot("Altitude (loss) per step", "above lowest", "Loss per step plot")
        self.slope_plot = _plot("Slope underfoot", "size", "Slope per step plot")
        self.rate_plot = _plot("Rate you used", "rate", "Rate per step plot")
        # Rates span decades: plot log10(rate) and label the axis with the rates themselves
        # (pyqtgraph's own log axis piles minor labels on top of each other).
        self.rate_plot.getPlotItem().setAxisItems({"left": RateAxis("left")})
        self.rate_plot.getPlotItem().setLabel("left", "rate (log)")
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
        self.log_y = QCheckBox("Log scale for the loss")
        self.log_y.setAccessibleName("Log scale for the loss plot")
        self.log_y.toggled.connect(self.set_log_y)
        self.setMinimumWidth(200)  # the splitter never squeezes the plots unreadable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.log_y)
        layout.addWidget(self.slope_plot, 1)
        layout.addWidget(self.rate_plot, 1)

    def set_log_y(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=bool(on))
        if self.log_y.isChecked() != bool(on):
            self.log_y.setChecked(bool(on))

    def show_hike(self, hike) -> None:
        # Heights above the lowest possible: the goal reads the same and log view works.
        heights = np.clip(hike.heights(), 1e-12, 1e100)  # log axes overflow beyond 1e100
        steps = np.arange(len(heights), dtype=float)
        self.loss_curve.setData(steps, heights)
        self.slope_curve.setData(steps, np.maximum(hike.slopes(), 0.0))
        rates = hike.rates()
        self.rate_curve.setData(np.arange(1, len(rates) + 1, dtype=float), np.log10(rates))
        spacing = float(max(1, math.ceil(len(heights) / 8)))  # whole steps only
        for plot in (self.loss_plot, self.slope_plot, self.rate_plot):
            item = plot.getPlotItem()
            item.getAxis("bottom").setTickSpacing(spacing, spacing)
            item.enableAutoRange()  # shrink back after an undo or a restart
