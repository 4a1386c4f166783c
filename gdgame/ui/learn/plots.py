"""The small still plots of the Learn pages: a bowl and the path of a few steps on it."""

from __future__ import annotations

import pyqtgraph as pg

from gdgame.ui import theme


def bowl_plot(height: int, x_label: str) -> tuple[pg.PlotWidget, pg.PlotDataItem, pg.PlotDataItem]:
    """A fixed (no mouse, no menu) loss-over-position plot with a bowl curve and a path.

    Returns the plot, the bowl curve (grey) and the path (dots joined by lines); the caller
    sets their data. ``height`` is the smallest height in pixels.
    """
    plot = pg.PlotWidget()
    plot.setMinimumHeight(height)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setLabel("bottom", x_label)
    plot.setLabel("left", "loss")
    theme.style_plot(plot)
    bowl = plot.plot(pen=theme.series_pen(7, 1.0))
    path = plot.plot(
        pen=theme.series_pen(0, 1.0), symbol="o", symbolSize=8, symbolBrush=theme.SERIES_COLORS[0]
    )
    return plot, bowl, path
