"""The fog-of-war field: only what a blindfolded hiker can know, never the surface.

1D levels show a side view (position across, altitude up) of the trail with the tilt felt
under the hiker's feet; 2D levels show a top view of the trail with an arrow pointing
downhill. A slope meter and altitude readout sit under the plot.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

METER_LOG_MIN, METER_LOG_MAX = -4.0, 3.0
ARROWS_2D = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")


def compass(dx: float, dy: float) -> str:
    """An arrow character for a direction in the plane (y up)."""
    angle = math.degrees(math.atan2(dy, dx)) % 360
    return ARROWS_2D[int(((angle + 22.5) % 360) // 45)]


def altitude_brushes(heights: np.ndarray) -> list:
    """One brush per visited point: purple where the hiker was low, yellow where high."""
    values = np.log10(np.maximum(np.nan_to_num(heights, nan=1e12, posinf=1e12), 1e-6))
    span = float(values.max() - values.min())
    shares = (values - values.min()) / span if span > 0 else np.full(len(values), 0.5)
    colormap = pg.colormap.get("viridis")
    return [pg.mkBrush(colormap.map(0.15 + 0.85 * float(t), mode="qcolor")) for t in shares]


def meter_value(slope: float) -> int:
    if not math.isfinite(slope) or slope <= 0:
        return 0
    level = (math.log10(slope) - METER_LOG_MIN) / (METER_LOG_MAX - METER_LOG_MIN)
    return round(100 * min(1.0, max(0.0, level)))


class FieldView(QWidget):
    """Shows the hiker's trail, altitude and slope; ``show_hike(hike)`` redraws it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Hiking field (fog of war)")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        style_plot(self.plot)
        for side in ("left", "bottom"):  # no "(x0.001)" scale suffix on the labels
            self.plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        _, foreground = plot_colors()
        self.trail = self.plot.plot(
            [],
            [],
            pen=pg.mkPen(SERIES_COLORS[0], width=1.5),
            symbol="o",
            symbolSize=6,
            symbolBrush=SERIES_COLORS[0],
            symbolPen=None,
        )
        self.tilt = self.plot.plot([], [], pen=pg.mkPen(SERIES_COLORS[1], width=3))
        self.hiker = pg.ScatterPlotItem(
            size=14, brush=pg.mkBrush(SERIES_COLORS[1]), pen=pg.mkPen(foreground, width=1.5)
        )
        self.start_marker = pg.ScatterPlotItem(
            size=10, symbol="s", brush=pg.mkBrush(None), pen=pg.mkPen(foreground, width=1)
        )
        self.arrow = pg.ArrowItem(
            headLen=16, tailLen=0, brush=pg.mkBrush(SERIES_COLORS[1]), pen=pg.mkPen(None)
        )
        for item in (self.start_marker, self.hiker, self.arrow):
            self.plot.addItem(item)
        self.altitude = QLabel()
        self.altitude.setAccessibleName("Altitude")
        self.slope_text = QLabel()
        self.slope_text.setAccessibleName("Slope under your feet")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(12)
        self.meter.setAccessibleName("Slope meter")
        self.meter.setToolTip("How steep the ground is under your feet (log scale)")
        self.slope_text.setWordWrap(True)
        slope_label = QLabel("Slope")
        slope_label.setBuddy(self.meter)
        slope_row = QHBoxLayout()  # on its own row: narrow or scaled windows keep it whole
        slope_row.addWidget(slope_label)
        slope_row.addWidget(self.meter, 1)
        slope_row.addWidget(self.slope_text, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.altitude)
        layout.addLayout(slope_row)
        self._dim = 1

    def set_dimension(self, dim: int) -> None:
        self._dim = dim
        item = self.plot.getPlotItem()
        if dim == 1:
            item.setLabel("bottom", "position")
            item.setLabel("left", "height above the lowest point")
            self.plot.setAspectLocked(False)
        else:
            item.setLabel("bottom", "x (weight 1)")
            item.setLabel("left", "y (weight 2)")
            self.plot.setAspectLocked(True)

    def show_hike(self, hike) -> None:
        trail = hike.trail()
        losses = hike.heights()
        gradient = np.asarray(hike.gradient, dtype=float)
        here = trail[-1]
        if self._dim == 1:
            xs, ys = trail[:, 0], losses
            self._tilt_1d(xs, ys, float(gradient[0]))
            direction = "left" if gradient[0] > 0 else "right"
            felt = f"{abs(gradient[0]):.3g}, downhill to the {direction}"
        else:
            xs, ys = trail[:, 0], trail[:, 1]
            self._arrow_2d(xs, ys, gradient)
            felt = f"{np.linalg.norm(gradient):.3g}, downhill {compass(-gradient[0], -gradient[1])}"
        if self._dim == 1:
            self.trail.setData(xs, ys, symbolBrush=SERIES_COLORS[0], symbolSize=6)
        else:
            self.trail.setData(xs, ys, symbolBrush=altitude_brushes(losses), symbolSize=10)
        self.hiker.setData([xs[-1]], [ys[-1]])
        self.start_marker.setData([xs[0]], [ys[0]])
        slope = float(np.linalg.norm(gradient))
        self.meter.setValue(meter_value(slope))
        self.slope_text.setText(felt)
        self.altitude.setText(f"Altitude {losses[-1]:.4g}  (start {losses[0]:.4g})")
        where = f"You are at {', '.join(f'{v:.3g}' for v in here)}"
        if self._dim == 2:
            where += " · dots: yellow was high, purple was low"
        self.plot.getPlotItem().setTitle(where, color=plot_colors()[1])
        self.plot.autoRange(padding=0.15)

    def _span(self, values: np.ndarray) -> float:
        finite = values[np.isfinite(values)]
        span = float(finite.max() - finite.min()) if finite.size else 0.0
        return span if span > 1e-9 else max(1.0, abs(float(finite[-1])) if finite.size else 1.0)

    def _tilt_1d(self, xs: np.ndarray, ys: np.ndarray, slope: float) -> None:
        """A short tangent segment at the hiker: the tilt felt underfoot."""
        half = 0.12 * self._span(xs)
        x0, y0 = float(xs[-1]), float(ys[-1])
        self.tilt.setData([x0 - half, x0 + half], [y0 - slope * half, y0 + slope * half])
        self.arrow.setVisible(False)

    def _arrow_2d(self, xs: np.ndarray, ys: np.ndarray, gradient: np.ndarray) -> None:
        norm = float(np.linalg.norm(gradient))
        x0, y0 = float(xs[-1]), float(ys[-1])
        if norm <= 0 or not math.isfinite(norm):
            self.tilt.setData([], [])
            self.arrow.setVisible(False)
            return
        length = 0.18 * max(self._span(xs), self._span(ys))
        dx, dy = -gradient[0] / norm * length, -gradient[1] / norm * length
        self.tilt.setData([x0, x0 + dx], [y0, y0 + dy])
        # ArrowItem angle 0 points left (tip at its position), angles turn clockwise on screen.
        self.arrow.setStyle(angle=180.0 - math.degrees(math.atan2(dy, dx)))
        self.arrow.setPos(x0 + dx, y0 + dy)
        self.arrow.setVisible(True)
