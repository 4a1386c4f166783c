"""The learning-rate range test in the Lab: one short training of the selected hiker while
the rate grows exponentially, run off the GUI thread with progress and Cancel.

The plot shows the raw and the smoothed loss against the rate (both axes logarithmic) and
marks the engine's two suggestions: the steepest fall of the smoothed loss and a tenth of
the rate at its lowest point. "Use this rate" hands the suggestion to the selected hiker;
"Undo" puts its old rate back. The words come from ``range_setup`` (Qt-free).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.range_test import RangeTest, lr_range_test, range_floor
from gdgame.ui.lab.input_limits import RANGE_STEPS
from gdgame.ui.lab.plot_hint import PlotHint
from gdgame.ui.lab.range_setup import (
    DEFAULT_HIGH,
    DEFAULT_LOW,
    RangeSettings,
    read_range,
    summary,
    sweep_words,
)
from gdgame.ui.lab.workers import TaskRunner
from gdgame.ui.legend import LegendLabel
from gdgame.ui.plot_safety import LIMIT, plottable
from gdgame.ui.theme import SERIES_COLORS, style_plot

STEEPEST_COLOR = SERIES_COLORS[5]
TENTH_COLOR = SERIES_COLORS[2]
SWEEP_COLOR = SERIES_COLORS[7]
INTRO = (
    "One short training run of the selected hiker while the learning rate grows by the same "
    "factor every step. It suggests a starting rate to check with a run. The hiker's "
    "schedule is not used: the test sets the rate itself."
)
HINT = "Press <b>Run range test</b> (Ctrl+T)"
SMALLEST = 1e-300


class RangePanel(QWidget):
    """Controls, progress, plot and words of one range test at a time."""

    useRate = Signal(float)
    undoRate = Signal()
    finished = Signal(object)  # RangeTest

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Learning-rate range test")
        self.result: RangeTest | None = None
        self.settings: RangeSettings | None = None
        self._sweep = (None, None)
        self.runner = TaskRunner("range test", self)
        self.runner.progressed.connect(lambda p: self.progress.setValue(p))
        self.runner.finished.connect(self._on_done)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.failed.connect(self._on_failed)
        self.low = QLineEdit(f"{DEFAULT_LOW:g}")
        self.low.setAccessibleName("Lowest rate")
        self.high = QLineEdit(f"{DEFAULT_HIGH:g}")
        self.high.setAccessibleName("Highest rate")
        for box in (self.low, self.high):
            box.setToolTip("A learning rate, e.g. 1e-6 or 0.5")
            box.returnPressed.connect(lambda: self.run_button.click())
        self.steps = QSpinBox()
        self.steps.setRange(RANGE_STEPS.low, RANGE_STEPS.high)
        self.steps.setValue(RANGE_STEPS.default)
        self.steps.setAccessibleName("Range test steps")
        self.steps.setToolTip("How many steps the test takes while the rate grows")
        self.run_button = QPushButton("Run range test")
        self.run_button.setToolTip("Train the selected hiker once with a growing rate (Ctrl+T)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the range test (Esc)")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton("Use this rate")
        self.use_button.setToolTip("Give the suggested rate to the selected hiker (Ctrl+U)")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Give the hiker back the rate it had before")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undoRate.emit)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Range test progress")
        self.status = QLabel(INTRO)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Range test result")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sweep_note = QLabel(sweep_words(None, None))
        self.sweep_note.setWordWrap(True)
        self.sweep_note.setAccessibleName("Sweep comparison")
        for label in (self.status, self.sweep_note):
            label.setStyleSheet("font-size: 8pt;")
        self._build_plot()
        self.hint = PlotHint(self.plot, HINT)
        self.legend = LegendLabel("Range test legend")
        self.legend.set_entries(
            [
                ("loss", SERIES_COLORS[4], "line"),
                ("smoothed", SERIES_COLORS[0], "line"),
                ("steepest", STEEPEST_COLOR, "line"),
                ("min / 10", TENTH_COLOR, "dash"),
                ("sweep", SWEEP_COLOR, "dash"),
            ]
        )
        self._layout()

    def _build_plot(self) -> None:
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Loss against learning rate")
        self.plot.setMinimumSize(220, 140)
        style_plot(self.plot)
        item = self.plot.getPlotItem()
        item.setTitle("Learning-rate range test", size="9pt")
        item.setLogMode(x=True, y=True)
        item.setLabels(bottom="learning rate", left="loss")
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.getAxis("bottom").setStyle(maxTextLevel=0)
        self.raw = pg.PlotDataItem(pen=pg.mkPen(SERIES_COLORS[4], width=1), connect="finite")
        self.smooth = pg.PlotDataItem(pen=pg.mkPen(SERIES_COLORS[0], width=2.5))
        self.marks = {
            "steepest": self._mark(STEEPEST_COLOR, Qt.PenStyle.SolidLine),
            "tenth": self._mark(TENTH_COLOR, Qt.PenStyle.DashLine),
            "sweep": self._mark(SWEEP_COLOR, Qt.PenStyle.DotLine),
        }
        for thing in (self.raw, self.smooth, *self.marks.values()):
            item.addItem(thing)
        self.raw.setOpacity(0.6)

    @staticmethod
    def _mark(colour: str, style: Qt.PenStyle) -> pg.InfiniteLine:
        line = pg.InfiniteLine(angle=90, pen=pg.mkPen(colour, width=2, style=style))
        line.setVisible(False)
        return line

    def _layout(self) -> None:
        row1 = QHBoxLayout()
        for label, box in (("From", self.low), ("to", self.high), ("Steps", self.steps)):
            row1.addWidget(QLabel(label))
            row1.addWidget(box, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.run_button)
        row2.addWidget(self.cancel_button)
        row2.addWidget(self.progress, 1)
        row3 = QHBoxLayout()
        row3.addWidget(self.use_button)
        row3.addWidget(self.undo_button)
        row3.addWidget(self.sweep_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        for row in (row1, row2):
            layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(row3)

    # --- running --------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.runner.is_running()

    def start(self, landscape, x0, optimizer: str, hyper: dict, noise=0.0, seed=0) -> bool:
        """Start a test (a running one is cancelled); False, with the reason shown and
        nothing run, when the typed range is not valid."""
        try:
            settings = read_range(self.low.text(), self.high.text(), self.steps.value())
        except ValueError as error:
            self.stop()
            self.status.setText(str(error))
            return False
        floor = range_floor(landscape)
        x0 = np.asarray(x0, dtype=np.float64)
        hyper = dict(hyper)

        def work(progress, cancelled):
            return lr_range_test(
                landscape,
                x0,
                settings.lr_min,
                settings.lr_max,
                settings.steps,
                optimizer=optimizer,
                seed=seed,
                noise=noise,
                progress=progress,
                cancel=cancelled,
                floor=floor,
                **hyper,
            )

        self._pending = settings
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(f"Testing rates {settings.lr_min:g} to {settings.lr_max:g}…")
        self.runner.start(work)
        return True

    def cancel(self) -> None:
        self.runner.cancel()

    def stop(self) -> None:
        """Cancel a running test and drop its late result; never blocks for long."""
        if self.runner.stop():
            self.status.setText("Range test stopped before it finished.")
        self._idle()

    def clear(self) -> None:
        """Forget the result (the landscape changed)."""
        self.stop()
        self.result = self.settings = None
        for curve in (self.raw, self.smooth):
            curve.setData([], [])
        for line in self.marks.values():
            line.setVisible(False)
        self.use_button.setEnabled(False)
        self.plot.getPlotItem().setLabels(left="loss")
        self.progress.setValue(0)
        self.status.setText(INTRO)
        self.hint.show()

    def shutdown(self) -> None:
        self.runner.shutdown()

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_cancelled(self) -> None:
        self._idle()
        previous = " The plot still shows the previous test." if self.result else ""
        self.status.setText("Range test cancelled." + previous)

    def _on_failed(self, message: str) -> None:
        self._idle()
        self.status.setText(message)

    def _on_done(self, result: RangeTest) -> None:
        self._idle()
        self.progress.setValue(100)
        self.show_result(result, self._pending)
        self.finished.emit(result)

    # --- showing --------------------------------------------------------------------------
    def show_result(self, result: RangeTest, settings: RangeSettings) -> None:
        self.result, self.settings = result, settings
        self.hint.hide()
        lifted = result.floor != 0
        self.plot.getPlotItem().setLabels(left="loss − floor" if lifted else "loss")
        with np.errstate(all="ignore"):
            smooth = plottable(result.smoothed - result.floor, SMALLEST, LIMIT)
            low = max(1e-3 * float(np.min(smooth)), SMALLEST) if len(smooth) else SMALLEST
            raw = plottable(result.losses - result.floor, low, LIMIT)
        self.raw.setData(result.rates, raw)
        self.smooth.setData(result.rates, smooth)
        self._place("steepest", result.steepest_rate if result.fell else None)
        self._place("tenth", result.min_over_ten)
        self.plot.getPlotItem().enableAutoRange()
        self.use_button.setEnabled(result.suggested_rate is not None)
        self.status.setText(summary(result, settings))
        self._show_sweep()

    def _place(self, name: str, rate: float | None) -> None:
        line = self.marks[name]
        if rate is None or not rate > 0:
            line.setVisible(False)
            return
        line.setValue(np.log10(rate))
        line.setVisible(True)

    def set_sweep(self, best_rate: float | None, steps: int | None) -> None:
        """The last sweep's best rate on this landscape, for comparison (None: no sweep)."""
        self._sweep = (best_rate, steps)
        self._show_sweep()

    def _show_sweep(self) -> None:
        best_rate, steps = self._sweep
        self.sweep_note.setText(sweep_words(best_rate, steps))
        self._place("sweep", best_rate if self.result is not None else None)

    def _use(self) -> None:
        if self.result is not None and self.result.suggested_rate is not None:
            self.useRate.emit(float(self.result.suggested_rate))
