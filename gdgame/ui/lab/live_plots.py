"""Live plots of a run: loss per step (optional log scale), gradient norm, rate per step.

Curves are created once per run; each display tick calls ``setData`` with views of the
recording's preallocated arrays. Downsampling ('peak') and clip-to-view keep a frame cheap
even with 100k points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QVBoxLayout, QWidget

from gdgame.ui.lab.plot_hint import PlotHint
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.plot_safety import plottable
from gdgame.ui.theme import series_pen, style_plot

FLOOR = 1e-16
CEILING = 1e100  # log axes overflow in pyqtgraph beyond this
EMPTY_HINT = "Press <b>Play</b> (Space) or <b>Step</b> (S) to start the race"


def make_live_plot(title: str, left: str) -> pg.PlotWidget:
    widget = pg.PlotWidget()
    style_plot(widget)
    item = widget.getPlotItem()
    item.setTitle(title, size="9pt")
    item.setLabels(bottom="step", left=left)
    item.setDownsampling(auto=True, mode="peak")
    item.setClipToView(True)
    item.setMenuEnabled(False)  # no grid: translucent grid lines cost more than the curves
    item.getAxis("left").enableAutoSIPrefix(False)  # "rate (x0.001)" confuses learners
    widget.setMinimumSize(130, 120)
    return widget


class LivePlots(QWidget):
    """Three synchronised step plots for every hiker."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.loss_plot = make_live_plot("Loss per step", "loss")
        self.gradient_plot = make_live_plot("Gradient norm", "|gradient|")
        self.rate_plot = make_live_plot("Learning rate", "rate")
        self.log_loss = QCheckBox("Log scale (distance to the lowest loss)")
        self.log_loss.setToolTip("Plot loss minus the landscape's lowest value, on a log axis")
        self.log_loss.toggled.connect(self._set_log)
        self.gradient_plot.setXLink(self.loss_plot)
        self.rate_plot.setXLink(self.loss_plot)
        self.curves: dict[str, list[pg.PlotDataItem]] = {"loss": [], "gradient": [], "rate": []}
        self.min_value = 0.0
        self.hint = PlotHint(self.loss_plot, EMPTY_HINT)
        self.empty = True
        row = self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for plot in (self.loss_plot, self.gradient_plot, self.rate_plot):
            row.addWidget(plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.log_loss)

    def set_compact(self, compact: bool) -> None:
        """Stack the three plots (a narrow window) or put them side by side."""
        direction = QBoxLayout.Direction
        self._row.setDirection(direction.TopToBottom if compact else direction.LeftToRight)

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {"loss": self.loss_plot, "gradient": self.gradient_plot, "rate": self.rate_plot}

    def set_hikers(self, count: int, min_value: float = 0.0, steps: int = 0) -> None:
        """New curves for ``count`` hikers; the step axis spans the whole run from the start."""
        self.min_value = float(plottable(min_value)) if np.isfinite(min_value) else 0.0
        for plot in self.plots().values():
            item = plot.getPlotItem()
            item.enableAutoRange(axis="y")
            if steps > 0:
                item.disableAutoRange(axis="x")
                item.setXRange(0, steps, padding=0.02)
        for key, plot in self.plots().items():
            for curve in self.curves[key]:
                plot.removeItem(curve)
            self.curves[key] = []
            for i in range(count):
                curve = pg.PlotDataItem(pen=series_pen(i), connect="finite", antialias=False)
                plot.addItem(curve)
                self.curves[key].append(curve)
        self._show_empty(True)

    def _show_empty(self, empty: bool) -> None:
        """Before the first step: a hint instead of the meaningless y numbers of one point."""
        self.empty = empty
        self.hint.setVisible(empty)
        for plot in self.plots().values():
            plot.getPlotItem().getAxis("left").setStyle(showValues=not empty)

    def _set_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self.loss_plot.getPlotItem().setLabels(left="loss - lowest" if on else "loss")
        if getattr(self, "_recording", None) is not None:
            self.show_recording(self._recording)

    def show_recording(self, recording: RunRecording) -> None:
        self._recording = recording
        n = recording.count
        steps = recording.steps()
        norms = recording.gradient_norms() if n else np.zeros((0, recording.n_hikers))
        log = self.log_loss.isChecked()
        if self.empty != (n <= 1):
            self._show_empty(n <= 1)
        for i in range(min(recording.n_hikers, len(self.curves["loss"]))):
            losses = recording.losses[:n, i]
            if log:
                with np.errstate(all="ignore"):
                    losses = plottable(losses - self.min_value, FLOOR, CEILING)
            else:
                losses = plottable(losses)
            self.curves["loss"][i].setData(steps, losses)
            self.curves["gradient"][i].setData(steps, plottable(norms[:, i]))
            self.curves["rate"][i].setData(steps, plottable(recording.lrs[:n, i]))

    def point_counts(self) -> dict[str, list[int]]:
        """How many points each curve holds (for tests and the status line)."""
        return {
            key: [0 if c.xData is None else len(c.xData) for c in curves]
            for key, curves in self.curves.items()
        }
