"""Live plots of a run: loss per step (optional log scale), gradient norm, rate per step.

Curves are created once per run. Each display tick folds the steps that arrived into a
min/max envelope (``gdgame.ui.robust_plot``): a frame costs the same with 100 or 100,000
steps. A diverged hiker is crossed out and leaves the autorange; hovering reads a curve.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QVBoxLayout, QWidget

from gdgame.ui.lab.plot_hint import PlotHint
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.plot_safety import plottable
from gdgame.ui.robust_plot import SeriesPlot
from gdgame.ui.theme import style_plot

EMPTY_HINT = "Press <b>Play</b> (Space) or <b>Step</b> (S) to start the race"


def make_live_plot(title: str, left: str) -> pg.PlotWidget:
    widget = pg.PlotWidget()
    widget.setAccessibleName(title)
    style_plot(widget)
    item = widget.getPlotItem()
    item.setTitle(title, size="9pt")
    item.setLabels(bottom="step", left=left)
    item.setMenuEnabled(False)  # no grid: translucent grid lines cost more than the curves
    item.getAxis("left").enableAutoSIPrefix(False)  # "rate (x0.001)" confuses learners
    widget.setMinimumSize(130, 120)
    return widget


class LivePlots(QWidget):
    """Three synchronised step plots for every hiker (drawn by ``robust_plot.SeriesPlot``)."""

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
        self.names: list[str] = []
        self.series = {
            key: SeriesPlot(plot, quantity, self._name, phase)
            for phase, (key, plot, quantity) in enumerate(
                (
                    ("loss", self.loss_plot, "loss"),
                    ("gradient", self.gradient_plot, "|gradient|"),
                    ("rate", self.rate_plot, "rate"),
                )
            )
        }
        self.min_value = 0.0
        self.hint = PlotHint(self.loss_plot, EMPTY_HINT)
        self.empty = True
        self._recording: RunRecording | None = None
        row = self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for plot in (self.loss_plot, self.gradient_plot, self.rate_plot):
            row.addWidget(plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.log_loss)

    def _name(self, index: int) -> str:
        name = self.names[index] if index < len(self.names) else "hiker"
        return f"{index + 1}. {name}"

    @property
    def curves(self) -> dict[str, list]:
        return {key: plot.curves for key, plot in self.series.items()}

    def set_compact(self, compact: bool) -> None:
        """Stack the three plots (a narrow window) or put them side by side."""
        direction = QBoxLayout.Direction
        self._row.setDirection(direction.TopToBottom if compact else direction.LeftToRight)

    def plots(self) -> dict[str, pg.PlotWidget]:
        return {"loss": self.loss_plot, "gradient": self.gradient_plot, "rate": self.rate_plot}

    def set_hikers(
        self, count: int, min_value: float = 0.0, steps: int = 0, names: list[str] | None = None
    ) -> None:
        """New curves for ``count`` hikers; the step axis spans the whole run from the start."""
        self.min_value = float(plottable(min_value)) if np.isfinite(min_value) else 0.0
        self.names = list(names or [])
        self._recording = None
        for plot in self.series.values():
            plot.set_series(count, steps)
        self.series["loss"].set_log(self.log_loss.isChecked(), self.min_value)
        self._show_empty(True)

    def _show_empty(self, empty: bool) -> None:
        """Before the first step: a hint instead of the meaningless y numbers of one point."""
        self.empty = empty
        self.hint.setVisible(empty)
        for plot in self.plots().values():
            plot.getPlotItem().getAxis("left").setStyle(showValues=not empty)

    def _set_log(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLabels(left="loss - lowest" if on else "loss")
        self.series["loss"].set_log(on, self.min_value)

    def show_recording(self, recording: RunRecording) -> None:
        self._recording = recording
        if not self.isVisible():  # on a hidden tab: drawn when shown (showEvent)
            return
        self._draw(recording)

    def bring_up_to_date(self) -> None:
        """Draw the latest recording now, shown or not (before the plots are saved)."""
        if self._recording is not None:
            self._draw(self._recording)

    def _draw(self, recording: RunRecording) -> None:
        n = recording.count
        if self.empty != (n <= 1):
            self._show_empty(n <= 1)
        diverged = recording.diverged_at
        self.series["loss"].show(recording.losses, n, diverged)
        self.series["gradient"].show(recording.norms, n, diverged)
        self.series["rate"].show(recording.lrs, n, diverged)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._recording is not None:
            self.show_recording(self._recording)

    def point_counts(self) -> dict[str, list[int]]:
        """How many steps (from step 0) each curve draws now, for tests."""
        return {key: plot.covered() for key, plot in self.series.items()}
