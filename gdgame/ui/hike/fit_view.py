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
from gdgame.ui.data_plot import data_items, frame, model_word, segment
from gdgame.ui.legend import LegendLabel
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

PLAYER_COLOR = SERIES_COLORS[1]
BEST_COLOR = SERIES_COLORS[2]


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
        """Draw ``fit``; hide the whole view on levels without data. (A light/dark switch
        redraws it through :meth:`RevealView.show_reveal`, which owns this view.)"""
        self.fit = fit
        self.plot.clear()
        self.setVisible(fit is not None)
        if fit is None:
            self.legend.set_entries([])
            return
        data = fit.data
        items, entries = data_items(data, plot_colors()[1])
        for item in items:
            self.plot.addItem(item)
        what = model_word(data)
        self._segment(fit.best, BEST_COLOR, Qt.PenStyle.DashLine)
        self._segment(fit.player, PLAYER_COLOR, Qt.PenStyle.SolidLine)
        entries += [(f"your {what}", PLAYER_COLOR, "line"), (f"best {what}", BEST_COLOR, "dash")]
        self.legend.set_entries(entries)
        frame(self.plot, data)

    def _segment(self, ends: np.ndarray, colour: str, style: Qt.PenStyle) -> None:
        xs, ys = segment(ends)
        if len(xs):  # else the model draws no line inside the data's box
            self.plot.plot(xs, ys, pen=pg.mkPen(colour, width=2.5, style=style))

    def drawn_lines(self) -> int:
        """How many model lines are on the plot (for tests)."""
        return sum(
            1 for item in self.plot.getPlotItem().listDataItems() if item.opts.get("symbol") is None
        )
