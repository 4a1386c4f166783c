"""The phase map: final loss for every (learning rate, momentum) pair, as a heat map.

Every cell is one hiker starting where the selected hiker starts; all cells run in one
vectorised engine pass (``gdgame.engine.phase_map``) in a worker thread, with a progress
bar and Cancel. Diverged cells (blew up, or ended above their start) get their own colour.
On a landscape whose curvature is the same everywhere (a quadratic) the theory's stability
line is drawn over the cells. Clicking a cell adds that hiker to the race.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.phase_map import (
    MAX_CELLS_PER_AXIS,
    PHASE_OPTIMIZERS,
    PhaseMap,
    constant_curvature,
    momentum_phase_map,
    stability_limit,
)
from gdgame.ui.lab.input_limits import HYPERPARAMETERS, SWEEP_RATE
from gdgame.ui.lab.names import optimizer_name
from gdgame.ui.lab.plot_hint import PlotHint
from gdgame.ui.lab.workers import TaskRunner
from gdgame.ui.theme import style_plot

DIVERGED_COLOUR = "#D55E00"  # vermillion: not in viridis
FLOOR = 1e-16
INTRO = (
    "Final loss after N steps for every pair of learning rate and momentum, from the "
    "selected hiker's start."
)
TITLE = "Final loss (log10) · vermillion: diverged"
HINT = "Press <b>Run phase map</b>: up to 200 × 200 hikers run at once."


class PhasePanel(QWidget):
    """Controls, progress and heat map; ``cellChosen(optimizer, rate, momentum)``."""

    cellChosen = Signal(str, float, float)
    finished = Signal(object)  # PhaseMap

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: PhaseMap | None = None
        self.min_value = 0.0
        self.runner = TaskRunner("phase map", self)
        self.optimizer = QComboBox()
        for name in PHASE_OPTIMIZERS:
            self.optimizer.addItem(optimizer_name(name), name)
        self.optimizer.setToolTip("Heavy-ball momentum, or Nesterov's look-ahead version")
        self.rate_low, self.rate_high = self._rate_box(1e-3), self._rate_box(3.0)
        self.rate_count = self._count_box(100, "rates (log-spaced)")
        limit = HYPERPARAMETERS["momentum"][0]
        self.momentum_low = self._momentum_box(limit.low, limit.low, limit.high)
        self.momentum_high = self._momentum_box(0.99, limit.low, limit.high)
        self.momentum_count = self._count_box(100, "momenta")
        self.steps = QSpinBox()
        self.steps.setRange(1, 5000)
        self.steps.setValue(300)
        self.steps.setToolTip("Steps each hiker takes")
        self.run_button = QPushButton("Run phase map")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel(INTRO)
        self.status.setWordWrap(True)
        self.plot = pg.PlotWidget()
        style_plot(self.plot)
        self.plot.setMinimumSize(220, 180)
        item = self.plot.getPlotItem()
        item.setTitle(TITLE, size="9pt")
        item.setLogMode(x=True, y=False)
        item.setLabels(bottom="learning rate", left="momentum β")
        item.setMenuEnabled(False)
        item.getAxis("bottom").setStyle(maxTextLevel=0)  # log axis: decades only, no clutter
        item.getAxis("left").enableAutoSIPrefix(False)  # "β (x0.001)" would confuse
        self.background = QGraphicsRectItem()
        self.background.setBrush(pg.mkBrush(DIVERGED_COLOUR))
        self.background.setPen(pg.mkPen(None))
        self.background.setZValue(-30)
        item.addItem(self.background, ignoreBounds=True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-20)
        item.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(  # fixed: no colour-map menu (its meaning is fixed)
            values=(0, 1),
            colorMap=pg.colormap.get("viridis"),
            interactive=False,
            width=12,
            colorMapMenu=False,
        )
        self.colour_bar.setImageItem(self.image, insert_in=item)
        self.theory = pg.PlotDataItem(pen=pg.mkPen("#ffffff", width=2, style=Qt.PenStyle.DashLine))
        self.theory.setZValue(10)
        item.addItem(self.theory, ignoreBounds=True)
        self.chosen = pg.ScatterPlotItem(symbol="star", size=16, brush="#E69F00", pen="#000000")
        self.chosen.setZValue(11)
        item.addItem(self.chosen, ignoreBounds=True)
        self.hint = PlotHint(self.plot, HINT)
        self._build_layout()
        self.run_button.clicked.connect(self._run_clicked)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.runner.progressed.connect(self.progress.setValue)
        self.runner.finished.connect(self._on_done)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.failed.connect(self._on_failed)
        self.optimizer.currentIndexChanged.connect(self._optimizer_changed)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._request = None  # the screen's callback giving (landscape, x0, schedule, noise, seed)

    # --- widgets --------------------------------------------------------------------------
    def _rate_box(self, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setDecimals(SWEEP_RATE.decimals)
        box.setRange(SWEEP_RATE.low, SWEEP_RATE.high)
        box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        box.setValue(value)
        return box

    def _momentum_box(self, value: float, low: float, high: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setDecimals(3)
        box.setRange(low, high)
        box.setSingleStep(0.05)
        box.setValue(value)
        return box

    def _count_box(self, value: int, what: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(2, MAX_CELLS_PER_AXIS)
        box.setValue(value)
        box.setToolTip(f"How many {what} (2 to {MAX_CELLS_PER_AXIS})")
        return box

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Optimiser", self.optimizer)
        for label, boxes in (
            ("Rates", (self.rate_low, QLabel("to"), self.rate_high, QLabel("×"), self.rate_count)),
            (
                "Momentum",
                (
                    self.momentum_low,
                    QLabel("to"),
                    self.momentum_high,
                    QLabel("×"),
                    self.momentum_count,
                ),
            ),
        ):
            row = QHBoxLayout()
            for box in boxes:
                row.addWidget(box)
            form.addRow(label, row)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Steps"))
        buttons.addWidget(self.steps)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)

    def _optimizer_changed(self, _index: int) -> None:
        limit = HYPERPARAMETERS[self.optimizer.currentData()][0]  # Nesterov needs beta > 0
        for box in (self.momentum_low, self.momentum_high):
            box.setMinimum(limit.low)

    # --- running --------------------------------------------------------------------------
    def set_source(self, request) -> None:
        """``request()`` gives the run's (landscape, x0, schedule, noise, seed) or None."""
        self._request = request

    def _run_clicked(self) -> None:
        job = self._request() if self._request is not None else None
        if job is not None:
            self.start(*job)

    def axes(self) -> tuple[np.ndarray, np.ndarray]:
        low, high = sorted((self.rate_low.value(), self.rate_high.value()))
        rates = np.logspace(math.log10(low), math.log10(high), self.rate_count.value())
        b0, b1 = sorted((self.momentum_low.value(), self.momentum_high.value()))
        return rates, np.linspace(b0, b1, self.momentum_count.value())

    def start(self, landscape, x0, schedule=None, noise: float = 0.0, seed: int = 0) -> None:
        rates, momenta = self.axes()
        optimizer = self.optimizer.currentData()
        self.min_value = float(getattr(landscape, "global_min_value", 0.0) or 0.0)
        self._landscape = landscape
        work = partial(
            _phase_job,
            landscape,
            np.asarray(x0, dtype=np.float64),
            rates,
            momenta,
            self.steps.value(),
            optimizer,
            schedule,
            float(noise),
            int(seed),
        )
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        cells = len(rates) * len(momenta)
        self.status.setText(f"Running {cells:,} hikers × {self.steps.value()} steps…")
        self.runner.start(work)

    def is_running(self) -> bool:
        return self.runner.is_running()

    def stop(self) -> None:
        if self.runner.stop():
            self.status.setText("Phase map stopped before it finished. Press Run again.")
        self._idle()

    def shutdown(self) -> None:
        self.runner.shutdown()

    def clear(self) -> None:
        """The landscape changed: the old map belongs to another landscape."""
        self.stop()
        self.result = None
        self.image.clear()
        self.theory.setData([], [])
        self.chosen.setData([], [])
        self.background.setRect(QRectF())
        self.hint.show()
        self.status.setText(INTRO)

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_cancelled(self) -> None:
        self._idle()
        self.status.setText("Phase map cancelled.")

    def _on_failed(self, message: str) -> None:
        self._idle()
        self.status.setText(message)

    def _on_done(self, result: PhaseMap) -> None:
        self._idle()
        self.progress.setValue(100)
        self.show_result(result, constant_curvature(self._landscape))
        self.finished.emit(result)

    # --- drawing --------------------------------------------------------------------------
    def show_result(self, result: PhaseMap, curvature: float | None = None) -> None:
        self.result = result
        self.hint.hide()
        with np.errstate(all="ignore"):
            gap = np.log10(np.clip(result.final_loss - self.min_value, FLOOR, 1e300))
        shown = np.where(result.diverged, np.nan, gap)  # NaN is see-through: the colour below
        finite = shown[np.isfinite(shown)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if high - low < 1e-9:
            high = low + 1.0
        self.image.setImage(shown, levels=(low, high))
        self.colour_bar.setLevels((low, high))
        x = np.log10(result.rates)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1) if len(x) > 1 else 0.1
        y = result.momenta
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1) if len(y) > 1 else 0.05
        rect = QRectF(x[0] - dx / 2, y[0] - dy / 2, (x[-1] - x[0]) + dx, (y[-1] - y[0]) + dy)
        self.image.setRect(rect)
        self.background.setRect(rect)
        self.plot.getPlotItem().setRange(rect=rect, padding=0)
        gone = int(result.diverged.sum())
        text = f"{gone:,} of {result.diverged.size:,} diverged (blew up or ended above the start)."
        limit = None if curvature is None else stability_limit(curvature, y, result.optimizer)
        if limit is not None:
            self.theory.setData(np.asarray(limit), y)
            formula = "2(1+β)/L" if result.optimizer == "momentum" else "2(1+β)/((1+2β)L)"
            text += f" Dashed: theory's edge, rate = {formula}, L = {curvature:.4g}."
        else:
            self.theory.setData([], [])
        best = result.best()
        if best is not None:
            rate, beta = result.cell(*best)
            self.chosen.setData([math.log10(rate)], [beta])
            text += f" Best: rate {rate:.3g}, β {beta:.3g} (★)."
        text += " Click a cell to race it."
        self.status.setText(text)

    def cell_at(self, scene_pos) -> tuple[float, float] | None:
        """(rate, momentum) of the cell under a scene position, or None."""
        if self.result is None:
            return None
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        x = np.log10(self.result.rates)
        j = int(np.argmin(np.abs(x - point.x())))
        i = int(np.argmin(np.abs(self.result.momenta - point.y())))
        return self.result.cell(i, j)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            self.cellChosen.emit(self.result.optimizer, *cell)


def _phase_job(
    landscape, x0, rates, momenta, steps, optimizer, schedule, noise, seed, progress, cancelled
):
    return momentum_phase_map(
        landscape,
        x0,
        rates,
        momenta,
        steps,
        optimizer,
        progress=progress,
        cancel=cancelled,
        schedule=schedule,
        noise=noise,
        seed=seed,
    )
