"""Learning-rate sweep: many log-spaced rates in one vectorised engine call, off the GUI thread.

The plot shows final loss (above the lowest value, log scale) against rate (log scale), marks
the best rate and the 2/L safe-rate line; clicking a point emits ``rateChosen(rate)``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine import safe_lr
from gdgame.ui.lab.input_limits import SWEEP_RATE, SWEEP_STEPS
from gdgame.ui.lab.plot_hint import PlotHint
from gdgame.ui.lab.workers import Retired, SweepWorker, WorkerThread
from gdgame.ui.plot_safety import LIMIT, plottable
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

DEFAULT_RATES = 200
MAX_RATES = 10_000
FLOOR = 1e-16
MAX_MARKERS = 300
INTRO = "Final loss after N steps for many rates, for the selected hiker."
SWEEP_HINT = (
    "Press <b>Run sweep</b> (Ctrl+Enter): every rate starts where the selected hiker "
    "starts, with its optimiser."
)


def log_rates(low: float, high: float, count: int) -> np.ndarray:
    return np.logspace(np.log10(low), np.log10(high), int(count))


class SweepPanel(QWidget):
    """Controls, progress and plot of a learning-rate sweep."""

    rateChosen = Signal(float)
    progressed = Signal(int)
    finished = Signal(object, object)  # rates, final losses
    cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._job: WorkerThread | None = None
        self._retired = Retired()
        self._token = 0  # identifies the current sweep; stale workers' signals are ignored
        self.rates = np.zeros(0)
        self.losses = np.zeros(0)
        self.best_rate: float | None = None
        self.min_value = 0.0
        self.safe_rate = float("nan")
        self.ceiling = 1e12
        self._clickable = np.zeros(0)
        self.count = QSpinBox()
        self.count.setRange(2, MAX_RATES)
        self.count.setValue(DEFAULT_RATES)
        self.count.setToolTip(f"How many log-spaced rates to try (2 to {MAX_RATES:,})")
        self.low = QDoubleSpinBox()
        self.high = QDoubleSpinBox()
        for box, value in ((self.low, SWEEP_RATE.default), (self.high, 3.0)):
            box.setDecimals(SWEEP_RATE.decimals)
            box.setRange(SWEEP_RATE.low, SWEEP_RATE.high)
            box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
            box.setValue(value)
        self.steps = QSpinBox()
        self.steps.setRange(SWEEP_STEPS.low, SWEEP_STEPS.high)
        self.steps.setValue(SWEEP_STEPS.default)
        self.run_button = QPushButton("Run sweep")
        self.run_button.setToolTip(
            "Run the selected hiker's set-up once for every rate (Ctrl+Enter)"
        )
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the sweep (Esc)")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.status = QLabel(INTRO)
        self.status.setWordWrap(True)

        self.plot = pg.PlotWidget()
        style_plot(self.plot)
        item = self.plot.getPlotItem()
        item.setTitle("Learning-rate sweep", size="9pt")
        item.setLogMode(x=True, y=True)
        item.setLabels(bottom="learning rate", left="final loss - lowest")
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMenuEnabled(False)
        item.getAxis("bottom").setStyle(maxTextLevel=0)  # log axis: decades only, no clutter
        _, fg = plot_colors()
        self.curve = pg.PlotDataItem(pen=pg.mkPen(fg, width=1), connect="finite")
        self.points = pg.PlotDataItem(
            pen=None, symbol="o", symbolSize=5, symbolBrush=SERIES_COLORS[0], symbolPen=None
        )
        self.points.sigPointsClicked.connect(self._point_clicked)
        self.best = pg.PlotDataItem(
            pen=None, symbol="star", symbolSize=16, symbolBrush="#E69F00", symbolPen=fg
        )
        self.safe_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#D55E00", width=2, style=Qt.PenStyle.DashLine)
        )
        self.safe_line.setVisible(False)
        for thing in (self.curve, self.points, self.best, self.safe_line):
            item.addItem(thing)
        self.hint = PlotHint(self.plot, SWEEP_HINT)
        self.low.valueChanged.connect(self._show_empty_range)
        self.high.valueChanged.connect(self._show_empty_range)
        self._show_empty_range()
        self.plot.setMinimumSize(220, 160)
        self.status.setStyleSheet("font-size: 8pt;")

        row1 = QHBoxLayout()
        for label, box in (("Rates", self.count), ("Steps", self.steps)):
            row1.addWidget(QLabel(label))
            row1.addWidget(box, 1)
        row2 = QHBoxLayout()
        for label, box in (("From", self.low), ("to", self.high)):
            row2.addWidget(QLabel(label))
            row2.addWidget(box, 1)
        row3 = QHBoxLayout()
        row3.addWidget(self.run_button)
        row3.addWidget(self.cancel_button)
        row3.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        for row in (row1, row2, row3):
            layout.addLayout(row)
        layout.addWidget(self.status)

    def _show_empty_range(self, *_args) -> None:
        """Before any result: the chosen rate range on x and whole decades on y."""
        if self.rates.size:
            return
        low, high = self.low.value(), max(self.high.value(), self.low.value() * 10)
        item = self.plot.getPlotItem()
        item.setRange(xRange=(np.log10(low), np.log10(high)), yRange=(-6, 2), padding=0.02)

    def is_running(self) -> bool:
        return self._job is not None and self._job.is_running()

    def start(
        self, landscape, x0, optimizer: str, hyper: dict, schedule=None, noise=0.0, seed=0
    ) -> None:
        """Start a sweep (a running one is cancelled first); ``noise`` as in the run."""
        self.stop()
        low, high = sorted((self.low.value(), self.high.value()))  # "3 to 0.001" works too
        rates = log_rates(low, high, self.count.value())
        self.min_value = float(plottable(getattr(landscape, "global_min_value", 0.0) or 0.0))
        try:
            rate = safe_lr(landscape, np.asarray(x0, dtype=np.float64))
        except (ValueError, FloatingPointError, np.linalg.LinAlgError):
            rate = None
        self.safe_rate = float("nan") if rate is None else float(rate)
        with np.errstate(all="ignore"):
            start_gap = float(landscape.value(np.asarray(x0, dtype=np.float64))) - self.min_value
        ceiling = 1e3 * max(start_gap, 1.0) if np.isfinite(start_gap) else 1e12
        self.ceiling = float(plottable(ceiling, 1.0, LIMIT))
        self._token += 1
        worker = SweepWorker(
            landscape,
            x0,
            rates,
            self.steps.value(),
            optimizer,
            hyper,
            schedule=schedule,
            token=self._token,
            noise=noise,
            seed=seed,
        )
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)
        self._job = WorkerThread(worker, worker.run)
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(f"Sweeping {len(rates)} rates with {optimizer}…")
        self._job.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.worker.cancel()

    def stop(self) -> None:
        """Cancel a running sweep (its late results are dropped); never blocks for long."""
        if self._job is not None:
            job, self._job = self._job, None
            for signal in (
                job.worker.progress,
                job.worker.done,
                job.worker.cancelled,
                job.worker.failed,
            ):
                signal.disconnect()
            running = job.is_running()
            self._retired.stop(job)
            if running:
                self.status.setText("Sweep stopped before it finished. Press Run sweep again.")
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def clear(self) -> None:
        """Forget the last result (e.g. the landscape changed): back to the empty plot."""
        self.stop()
        self.rates, self.losses, self.best_rate = np.zeros(0), np.zeros(0), None
        self._clickable = np.zeros(0)
        for item in (self.curve, self.points, self.best):
            item.setData([], [])
        self.safe_line.setVisible(False)
        self.progress.setValue(0)
        self.status.setText(INTRO)
        self.hint.show()
        self._show_empty_range()

    def shutdown(self) -> None:
        """Stop, and wait for a sweep still finishing (the window is closing)."""
        self.stop()
        self._retired.join()

    def _finish_job(self) -> None:
        """The worker sent its last signal: let its thread end (it is returning already)."""
        if self._job is not None:
            job, self._job = self._job, None
            self._retired.stop(job)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _is_current(self, token: int) -> bool:
        return self._job is not None and token == self._token

    def _on_progress(self, token: int, percent: int) -> None:
        if not self._is_current(token):
            return
        self.progress.setValue(percent)
        self.progressed.emit(percent)

    def _on_cancelled(self, token: int) -> None:
        if not self._is_current(token):
            return
        self._finish_job()
        previous = " The plot still shows the previous sweep." if self.rates.size else ""
        self.status.setText("Sweep cancelled." + previous)
        self.cancelled.emit()

    def _on_failed(self, token: int, message: str) -> None:
        if not self._is_current(token):
            return
        self._finish_job()
        self.status.setText(message)

    def _on_done(self, token: int, rates: np.ndarray, losses: np.ndarray) -> None:
        if not self._is_current(token):
            return
        self._finish_job()
        self.show_result(rates, losses)
        self.finished.emit(rates, losses)

    def show_result(self, rates: np.ndarray, losses: np.ndarray) -> None:
        with np.errstate(all="ignore"):
            self._show_result(rates, losses)

    def _show_result(self, rates: np.ndarray, losses: np.ndarray) -> None:
        self.hint.hide()
        self.plot.getPlotItem().enableAutoRange()  # the empty view had a fixed range
        self.rates, self.losses = np.asarray(rates), np.asarray(losses, dtype=np.float64)
        gap = np.where(np.isfinite(self.losses), self.losses - self.min_value, np.nan)
        # losses far above the start's are runaways: draw them at a ceiling, not at 1e200
        shown = np.where(np.isfinite(gap), plottable(gap, FLOOR, self.ceiling), np.nan)
        self.curve.setData(self.rates, shown)
        finite = np.isfinite(shown)
        # at most MAX_MARKERS clickable dots: 10,000 symbols would stall the GUI thread
        index = np.flatnonzero(finite)
        if len(index) > MAX_MARKERS:
            index = index[np.linspace(0, len(index) - 1, MAX_MARKERS).astype(int)]
        self._clickable = self.rates[index]
        self.points.setData(self._clickable, shown[index])
        if finite.any():
            best = int(np.nanargmin(np.where(finite, self.losses, np.inf)))
            self.best_rate = float(self.rates[best])
            self.best.setData([self.best_rate], [shown[best]])
            text = f"Best rate {self.best_rate:.4g} (final loss {self.losses[best]:.4g})."
        else:
            self.best_rate = None
            self.best.setData([], [])
            text = "Every rate diverged."
        if np.isfinite(self.safe_rate) and self.safe_rate > 0:
            self.safe_line.setValue(np.log10(self.safe_rate))
            self.safe_line.setVisible(True)
            text += f" Safe rate 2/\u2060L at the start: {self.safe_rate:.4g} (dashed line)."
        else:
            self.safe_line.setVisible(False)
        diverged = int(np.sum(~np.isfinite(self.losses)))
        if diverged:
            text += f" {diverged} rates diverged (not plotted)."
        self.status.setText(text + " Click a point to give that rate to the selected hiker.")

    def _point_clicked(self, _item, points, *_args) -> None:
        if len(points):
            self.rateChosen.emit(float(self._clickable[points[0].index()]))
