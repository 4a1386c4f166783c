"""Drawing a model's data on a pyqtgraph plot: the points (two species in two colours and
shapes) and a model as a segment. Shared by the Hike reveal (``FitView``) and the Lab's
data panel; the segments come from the engine (``DataLandscape.model_lines``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gdgame.engine.minibatch import DataView
from gdgame.ui.theme import SERIES_COLORS

CLASS_COLORS = (SERIES_COLORS[0], SERIES_COLORS[3])
CLASS_SYMBOLS = ("o", "t")
EMPTY = np.zeros(0)


def data_items(
    data: DataView, foreground: str, alpha: str = "99", size: float = 5
) -> tuple[list[pg.PlotDataItem], list[tuple[str, str, str]]]:
    """Scatter items for the data (one per class) and their legend entries."""
    if data.kind == "classification" and data.labels is not None:
        names = data.class_names or ("class 0", "class 1")
        items, entries = [], []
        for label, (name, colour) in enumerate(zip(names, CLASS_COLORS, strict=True)):
            chosen = np.asarray(data.labels) == label
            symbol = CLASS_SYMBOLS[label]
            items.append(points(data.x[chosen], data.y[chosen], colour + alpha, size, symbol))
            entries.append((name, colour, "dot"))
        return items, entries
    return [points(data.x, data.y, foreground + alpha, size)], [("penguins", foreground, "dot")]


def points(xs, ys, brush: str, size: float = 5, symbol: str = "o") -> pg.PlotDataItem:
    return pg.PlotDataItem(
        np.asarray(xs, dtype=float),
        np.asarray(ys, dtype=float),
        pen=None,
        symbol=symbol,
        symbolSize=size,
        symbolPen=None,
        symbolBrush=pg.mkBrush(brush),
    )


def segment(ends) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of a model's segment ``[[x0, y0], [x1, y1]]``; empty when the model draws
    no line inside the data's box (NaN ends)."""
    ends = np.asarray(ends, dtype=float)
    if ends.shape != (2, 2) or not np.all(np.isfinite(ends)):
        return EMPTY, EMPTY
    return ends[:, 0], ends[:, 1]


def model_word(data: DataView) -> str:
    """What a model looks like on this data: a "line" or a "boundary"."""
    return "boundary" if data.kind == "classification" else "line"


def frame(plot: pg.PlotWidget, data: DataView) -> None:
    """Axis names in the data's units and the padded box as the range."""
    item = plot.getPlotItem()
    item.setLabel("bottom", data.x_label)
    item.setLabel("left", data.y_label)
    (x0, x1), (y0, y1) = data.box
    plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
