"""On levels whose ground is a model's loss on real data: the data with your model and the
best one. The reveal shows it beside the map, so the walk becomes a fitted line (or a
decision boundary) the learner can judge with their own eyes.

A thin view over :class:`gdgame.game.reveal.ModelFit`: it only draws what the game computed.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gdgame.game.reveal import ModelFit
from gdgame.ui.hike.legend import LegendLabel
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

PLAYER_COLOR = SERIES_COLORS[1]
BEST_COLOR = SERIES_COLORS[2]
CLASS_COLORS = (SERIES_COLORS[0], SERIES_COLORS[3])


class FitView(QWidget):
    """The data as points, the player's model and the best model as lines."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("The data with your model and the best model")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        style_plot(self.plot)
        self.legend = LegendLabel("Model legend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.fit: ModelFit | None = None

    def show_fit(self, fit: ModelFit | None) -> None:
        """Draw ``fit``; hide the whole view on levels without data."""
        self.fit = fit
        self.plot.clear()
        self.setVisible(fit is not None)
        if fit is None:
            self.legend.set_entries([])
            return
        data = fit.data
        foreground = plot_colors()[1]
        entries = []
        if data.kind == "classification" and data.labels is not None:
            names = data.class_names or ("class 0", "class 1")
            for label, (name, colour) in enumerate(zip(names, CLASS_COLORS, strict=True)):
                chosen = np.asarray(data.labels) == label
                self._points(data.x[chosen], data.y[chosen], colour)
                entries.append((name, colour, "dot"))
            what = "boundary"
        else:
            self._points(data.x, data.y, foreground)
            entries.append(("penguins", foreground, "dot"))
            what = "line"
        self._segment(fit.best, BEST_COLOR, Qt.PenStyle.DashLine)
        self._segment(fit.player, PLAYER_COLOR, Qt.PenStyle.SolidLine)
        entries += [(f"your {what}", PLAYER_COLOR, "line"), (f"best {what}", BEST_COLOR, "dash")]
        self.legend.set_entries(entries)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", data.x_label)
        item.setLabel("left", data.y_label)
        (x0, x1), (y0, y1) = data.box
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _points(self, xs, ys, colour: str) -> None:
        self.plot.plot(
            np.asarray(xs, dtype=float),
            np.asarray(ys, dtype=float),
            pen=None,
            symbol="o",
            symbolSize=5,
            symbolPen=None,
            symbolBrush=pg.mkBrush(colour + "99"),
        )

    def _segment(self, ends: np.ndarray, colour: str, style: Qt.PenStyle) -> None:
        ends = np.asarray(ends, dtype=float)
        if ends.shape != (2, 2) or not np.all(np.isfinite(ends)):
            return  # the model draws no line inside the data's box
        self.plot.plot(ends[:, 0], ends[:, 1], pen=pg.mkPen(colour, width=2.5, style=style))

    def drawn_lines(self) -> int:
        """How many model lines are on the plot (for tests)."""
        return sum(
            1 for item in self.plot.getPlotItem().listDataItems() if item.opts.get("symbol") is None
        )
