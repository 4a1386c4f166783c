"""Bar charts for the Stats screen: plot items are created once, then only get new data."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from gdgame.ui import theme
from gdgame.ui.legend import LegendLabel
from gdgame.ui.plot_safety import LIMIT, plottable, safe_range

BAR_WIDTH = 0.8
CHART_MIN_WIDTH, CHART_MIN_HEIGHT = 300, 220


class BarChart:
    """A PlotWidget with one stacked bar series per name (vertical or horizontal bars).

    ``set_data(values, labels)``: ``values[name]`` holds one number per category;
    ``labels`` names the categories on the category axis (every ``label_every``-th shown).
    """

    def __init__(
        self,
        title: str,
        series: Sequence[str],
        *,
        value_label: str = "",
        horizontal: bool = False,
        colours: Sequence[str] | None = None,
        legend: bool | None = None,
    ):
        self.title = title
        self.horizontal = horizontal
        self.series = list(series)
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setAccessibleName(title)
        self.plot_widget.setMenuEnabled(False)
        self.plot_widget.setMouseEnabled(False, False)
        self.plot_widget.hideButtons()
        # the legend lives under the plot: inside a narrow chart pyqtgraph's legend is
        # clipped at the left and loses its first column's colour swatches
        self.legend = LegendLabel(f"{title}: legend")
        self.widget = QWidget()
        self.widget.setAccessibleName(title)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.legend)
        self.widget.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT)
        self.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setTitle(title)
        self.plot.setContentsMargins(4, 4, 20, 4)  # room for a last tick label past the axis
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.15)
        if value_label:
            self.plot.setLabel("bottom" if horizontal else "left", value_label)
        colours = list(colours or theme.SERIES_COLORS)
        if legend if legend is not None else len(self.series) > 1:
            self.legend.set_entries(
                [(name, colours[i % len(colours)], "block") for i, name in enumerate(self.series)]
            )
        else:
            self.legend.set_entries([])
        self.bars: dict[str, pg.BarGraphItem] = {}
        empty = np.zeros(0)
        for index, name in enumerate(self.series):
            brush = pg.mkBrush(colours[index % len(colours)])
            if horizontal:
                item = pg.BarGraphItem(x0=empty, y=empty, width=empty, height=BAR_WIDTH)
            else:
                item = pg.BarGraphItem(x=empty, height=empty, width=BAR_WIDTH)
            item.setOpts(brush=brush, pen=pg.mkPen(None), name=name)
            self.plot.addItem(item)
            self.bars[name] = item
        # Let the first and last tick labels ("today") reach past the ends of the axis.
        self.plot.getAxis("left" if horizontal else "bottom").setStyle(hideOverlappingLabels=False)
        self.empty_text = pg.TextItem(anchor=(0.5, 0.5))
        self.plot.addItem(self.empty_text, ignoreBounds=True)
        self.has_data = False
        self.categories = 0  # how many categories the last set_data drew (0: never drawn)
        self.restyle()

    def _fit_category_labels(self, axis, labels: list[str]) -> None:
        """Horizontal bars: the left axis as wide as the longest name, and a line of text
        of height per bar, so no name is cut at small window sizes (the page scrolls)."""
        metrics = QFontMetrics(axis.style.get("tickFont") or self.plot_widget.font())
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0)
        axis.setWidth(widest + 16)
        rows = max(1, len(labels))
        self.widget.setMinimumHeight(max(CHART_MIN_HEIGHT, rows * (metrics.height() + 4) + 90))

    def restyle(self) -> None:
        """Follow the current light/dark palette."""
        theme.style_plot(self.plot_widget)
        self.empty_text.setColor(theme.plot_colors()[1])

    def set_data(
        self,
        values: dict[str, Sequence[float]],
        labels: Sequence[str],
        *,
        label_every: int = 1,
        label_from_end: bool = False,
        value_range: tuple[float, float] | None = None,
        empty_note: str = "",
    ) -> None:
        count = len(labels)
        positions = np.arange(count, dtype=float)
        base = np.zeros(count)
        total = 0.0
        for name in self.series:
            heights = plottable(values.get(name, [0] * count), 0.0, LIMIT / count if count else 1)
            heights = np.nan_to_num(heights, nan=0.0)  # a damaged count: no bar, no crash
            if self.horizontal:
                self.bars[name].setOpts(x0=base.copy(), y=positions, width=heights)
            else:
                self.bars[name].setOpts(x=positions, y0=base.copy(), height=heights)
            base += heights
            total += float(heights.sum())
        self.has_data = total > 0
        step = max(1, label_every)
        shown = range(count - 1, -1, -step) if label_from_end else range(0, count, step)
        ticks = [(float(i), str(labels[i])) for i in sorted(shown)]
        category_axis = self.plot.getAxis("left" if self.horizontal else "bottom")
        category_axis.setTicks([ticks, []])
        if self.horizontal:
            self._fit_category_labels(category_axis, [label for _, label in ticks])
        headroom = 1.1
        tallest = max(4.0, float(base.max(initial=0.0)))
        low, high = safe_range(*(value_range or (0.0, tallest * headroom)))
        middle = (count - 1) / 2
        edge = 1.0 if step > 1 else 0.6
        if self.horizontal:
            self.plot.setYRange(-0.6, count - 0.4, padding=0)
            self.plot.setXRange(low, high, padding=0)
            self.plot.getViewBox().invertY(True)
            self.empty_text.setPos((low + high) / 2, middle)
        else:
            self.plot.setXRange(-edge, count - 1 + edge, padding=0)
            self.plot.setYRange(low, high, padding=0)
            self.empty_text.setPos(middle, (low + high) / 2)
        self.empty_text.setText("" if self.has_data else empty_note)
        self.categories = count
