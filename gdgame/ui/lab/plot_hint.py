"""A centred note over an empty plot ("Press Play…"), hidden once there is data.

It is a plain child QLabel of the plot widget rather than a graphics item in the plot's
scene: Qt owns it like any child widget, so it never outlives (or double-frees with) the
plot, and it needs no coordinate mapping beyond following the plot box on resize.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class PlotHint(QLabel):
    """Word-wrapped, click-through text centred over the plot box of ``plot``."""

    def __init__(self, plot: pg.PlotWidget, text: str):
        super().__init__(text, plot)
        self._plot = plot
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("background: transparent; color: palette(text);")
        self.setAccessibleName("Plot hint")
        plot.getPlotItem().vb.sigResized.connect(self.follow_plot)
        self.follow_plot()

    def follow_plot(self, *_args) -> None:
        """Cover the plot box (the area inside the axes), centred."""
        view = self._plot.getPlotItem().vb
        box = self._plot.mapFromScene(view.sceneBoundingRect()).boundingRect()
        if box.width() < 20:
            box = self._plot.rect()
        self.setGeometry(box.adjusted(6, 6, -6, -6))
