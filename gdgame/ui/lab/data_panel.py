"""The Lab's data panel: on a model trained on data, the data and every hiker's model.

A hiker's position is a model's weights, so each hiker is drawn as its current model in the
hiker's colour: a line through the penguins (regression) or the boundary between two
species (classification), with the best fit dashed. The segments come from the engine
(``DataLandscape.model_lines``), in the data's own units even on standardised features.
With mini-batches the rows of the selected hiker's latest batch can be ringed.

Cost: one engine call for all hikers and one ``setData`` per hiker each frame, drawn only
while the panel is visible (``benchmarks/lab_data_panel.py`` measures it).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsLineItem,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.display_names import landscape_name
from gdgame.engine.minibatch import DataLandscape
from gdgame.engine.registry import LANDSCAPES
from gdgame.ui.data_plot import EMPTY, data_items, frame, model_word, segment
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.legend import LegendLabel
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

BEST_STYLE = Qt.PenStyle.DashLine


def data_landscapes() -> list[str]:
    """Engine names of the landscapes that are a model's loss on data."""
    return [name for name, cls in LANDSCAPES.items() if issubclass(cls, DataLandscape)]


def not_data_reason() -> str:
    names = ", ".join(f"“{landscape_name(n)}”" for n in data_landscapes())
    return (
        "This panel shows models trained on data: each hiker's position is a model's "
        "weights, drawn as a line through the penguins or a boundary between two species. "
        f"To use it, choose a data landscape in the Landscape box ({names}) or the preset "
        "“Penguin line in mini-batches”."
    )


def hiker_colour(index: int) -> str:
    return SERIES_COLORS[index % len(SERIES_COLORS)]


class Segment(QGraphicsLineItem):
    """A model drawn as one straight segment in data coordinates (a plain Qt line: its
    bounds cost nothing, unlike a pyqtgraph curve's, so a frame of 8 stays cheap)."""

    def __init__(self, colour: str, width: float = 2.5, style=Qt.PenStyle.SolidLine):
        super().__init__()
        self.set_pen(colour, width, style)
        self.setVisible(False)

    def set_pen(self, colour: str, width: float = 2.5, style=Qt.PenStyle.SolidLine) -> None:
        pen = pg.mkPen(colour, width=width, style=style)
        pen.setCosmetic(True)  # width in pixels, whatever the axes' units
        self.setPen(pen)

    def set_ends(self, ends) -> None:
        """Draw ``[[x0, y0], [x1, y1]]``; hide when the model draws no line in the box."""
        xs, ys = segment(ends)
        if len(xs) == 0:
            self.setVisible(False)
            return
        self.setLine(QLineF(xs[0], ys[0], xs[1], ys[1]))
        self.setVisible(True)

    def ends(self) -> np.ndarray:
        """The drawn end points (empty when hidden), for tests."""
        if not self.isVisible():
            return np.zeros((0, 2))
        line = self.line()
        return np.array([[line.x1(), line.y1()], [line.x2(), line.y2()]])

    def colour(self) -> str:
        return self.pen().color().name()


class DataPanel(QWidget):
    """The data with the best model (dashed) and one segment per hiker."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Data panel")
        self.landscape: DataLandscape | None = None
        self.names: list[str] = []
        self.selected = 0
        self._recording: RunRecording | None = None
        self._data_items: list[pg.PlotDataItem] = []
        self.curves: list[Segment] = []
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("The data with every hiker's model and the best model")
        style_plot(self.plot)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        self.plot.setMinimumSize(220, 160)
        self.best = Segment(plot_colors()[1], 2, BEST_STYLE)
        self.batch = pg.ScatterPlotItem(symbol="o", size=11, brush=None)
        self.batch.setZValue(5)
        item.addItem(self.best, ignoreBounds=True)  # the range is the data's box, fixed
        item.addItem(self.batch, ignoreBounds=True)
        self.legend = LegendLabel("Data panel legend")
        self.show_batch = QCheckBox("Ring the selected hiker's latest mini-batch")
        self.show_batch.setToolTip(
            "With mini-batches (a batch size below the number of rows), ring the rows whose "
            "slope made the selected hiker's latest step"
        )
        self.show_batch.setChecked(True)
        self.show_batch.toggled.connect(lambda _on: self._redraw())
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 8pt;")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.show_batch)
        layout.addWidget(self.caption)
        self.reason = QLabel(not_data_reason())
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setAccessibleName("Why the data panel is empty")
        self.reason.setMargin(12)
        self.stack = QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.reason)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.set_landscape(None)

    # --- what to show -------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.landscape is not None

    def set_landscape(self, landscape) -> None:
        """Draw the data of ``landscape``, or say why there is none to draw."""
        self.landscape = landscape if isinstance(landscape, DataLandscape) else None
        self._recording = None
        self.stack.setCurrentIndex(0 if self.available else 1)
        self._draw_data()
        self.set_hikers(self.names)

    def set_hikers(self, names: list[str]) -> None:
        """One segment per hiker, in the hiker's colour (drawn once a run has data)."""
        self.names = list(names)
        item = self.plot.getPlotItem()
        for curve in self.curves:
            item.removeItem(curve)
        self.curves = []
        self._recording = None
        if not self.available:
            self.legend.set_entries([])
            return
        for index in range(len(self.names)):
            curve = Segment(hiker_colour(index))
            curve.setZValue(10)
            item.addItem(curve, ignoreBounds=True)
            self.curves.append(curve)
        self.batch.setData(EMPTY, EMPTY)
        self._show_legend()

    def set_selected(self, index: int) -> None:
        self.selected = max(0, int(index))
        self._redraw()

    def _draw_data(self) -> None:
        item = self.plot.getPlotItem()
        for old in self._data_items:
            item.removeItem(old)
        self._data_items = []
        if not self.available:
            self.best.setVisible(False)
            return
        data = self.landscape.data_view()
        self._data_items, self._data_entries = data_items(data, plot_colors()[1])
        for scatter in self._data_items:
            item.addItem(scatter)
        self.best.set_pen(plot_colors()[1], 2, BEST_STYLE)
        self.best.set_ends(self.landscape.best_line())
        frame(self.plot, data)
        stochastic = self.landscape.stochastic
        self.show_batch.setEnabled(stochastic)
        rows = self.landscape.n_rows
        self.caption.setText(
            f"{rows} penguins; each step feels "
            + (f"a mini-batch of {self.landscape.batch_size}." if stochastic else "all of them.")
        )

    def _show_legend(self) -> None:
        data = self.landscape.data_view()
        what = model_word(data)
        entries = list(self._data_entries)
        entries += [
            (f"{i + 1}. {name}", hiker_colour(i), "line") for i, name in enumerate(self.names)
        ]
        entries.append((f"best {what}", plot_colors()[1], "dash"))
        self.legend.set_entries(entries)

    # --- live drawing -------------------------------------------------------------------
    def show_recording(self, recording: RunRecording) -> None:
        """Each hiker's model at its latest recorded position (the Lab's frame timer calls
        this; a hidden panel only remembers the run and draws when shown)."""
        self._recording = recording
        if self.isVisible():
            self._redraw()

    def _redraw(self) -> None:
        recording = self._recording
        if not self.available or recording is None or recording.count == 0:
            return
        if len(self.curves) != recording.n_hikers:
            return  # the hikers changed; the next run brings matching curves
        positions = recording.positions[recording.count - 1]
        lines = self.landscape.model_lines(positions)
        for index, curve in enumerate(self.curves):
            gone = recording.diverged_at[index] >= 0
            curve.set_ends(np.full((2, 2), np.nan) if gone else lines[index])
        self._show_batch(recording)

    def _show_batch(self, recording: RunRecording) -> None:
        rows = None
        if self.show_batch.isChecked() and self.selected < recording.n_hikers:
            rows = recording.last_step_batch(self.selected)
        if rows is None or len(rows) == 0:
            self.batch.setData(EMPTY, EMPTY)
            return
        data = self.landscape.data_view()
        self.batch.setData(
            data.x[rows],
            data.y[rows],
            pen=pg.mkPen(hiker_colour(self.selected), width=2),
            brush=None,
        )

    def drawn_rows(self) -> np.ndarray:
        """The data rows ringed now (for tests)."""
        xs, _ = self.batch.getData()
        return np.zeros(0) if xs is None else np.asarray(xs)

    def ring_colour(self) -> str:
        """The colour of the rings now (for tests)."""
        return self.batch.opts["pen"].color().name()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._redraw()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.available:
            self._draw_data()  # points and the best line in the new text colour
            self._show_legend()
