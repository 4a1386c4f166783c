"""Arrows on the map for one hiker's step: the slope, the velocity and the actual step.

All three are shown in the same units, as distances on the map: the plain gradient step
``−lr·g``, the velocity's step ``−lr·b`` (momentum's buffer, or Adam's first moment m), and
``Δx``, the step the optimiser really took. One common factor scales all three so the
longest is a quarter of the map: their lengths can be compared, and the note says the factor.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gdgame.engine.step_explain import StepExplanation

REACH = 0.25  # the longest arrow is this fraction of the map's diagonal
STYLES = {  # name: (colour, line style, label, label anchor: each label on its own side)
    "slope": ("#ff5c5c", Qt.PenStyle.DashLine, "−lr·g", (0, 1)),
    "velocity": ("#4dd0e1", Qt.PenStyle.DotLine, "−lr·v", (1, 1)),
    "step": ("#ffffff", Qt.PenStyle.SolidLine, "Δx", (0, 0)),
}


def arrows_of(explanation: StepExplanation) -> dict[str, np.ndarray]:
    """The vectors to draw (map units, before the common scale)."""
    rate = explanation.rate
    arrows = {"slope": -rate * explanation.gradient}
    if explanation.velocity is not None:
        arrows["velocity"] = -rate * explanation.velocity
    arrows["step"] = explanation.displacement
    return arrows


def common_scale(arrows: dict[str, np.ndarray], box) -> float:
    """One factor for every arrow: the longest becomes REACH of the map's diagonal."""
    lengths = [float(np.linalg.norm(v)) for v in arrows.values() if np.isfinite(v).all()]
    longest = max(lengths, default=0.0)
    diagonal = math.hypot(*(hi - lo for lo, hi in box)) if len(box) > 1 else box[0][1] - box[0][0]
    if longest <= 0 or not math.isfinite(longest) or diagonal <= 0:
        return 1.0
    return REACH * diagonal / longest


class VectorOverlay:
    """Three arrows (shaft + head + label) on ``plot``; ``show`` places them, ``clear`` hides."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.items: dict[str, tuple] = {}
        self.scale = 1.0
        self.shown: dict[str, np.ndarray] = {}
        for name, (colour, style, label, anchor) in STYLES.items():
            shadow = pg.PlotCurveItem(pen=pg.mkPen("#000000", width=5))
            shaft = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2.5, style=style))
            head = pg.ArrowItem(headLen=14, tipAngle=35, brush=colour, pen=pg.mkPen("#000000"))
            text = pg.TextItem(label, color=colour, anchor=anchor, fill=pg.mkBrush("#000000a0"))
            for z, item in enumerate((shadow, shaft, head, text)):
                item.setZValue(30 + z)
                plot.addItem(item, ignoreBounds=True)
                item.hide()
            self.items[name] = (shadow, shaft, head, text)

    def clear(self) -> None:
        self.shown = {}
        for parts in self.items.values():
            for item in parts:
                item.hide()

    def show(self, origin: np.ndarray, arrows: dict[str, np.ndarray], box) -> float:
        """Draw ``arrows`` from ``origin`` (2-D map coordinates); returns the common scale."""
        self.clear()
        self.scale = common_scale(arrows, box)
        for name, vector in arrows.items():
            if not np.isfinite(vector).all() or not np.isfinite(origin).all():
                continue
            tip = origin + self.scale * vector
            shadow, shaft, head, text = self.items[name]
            xs, ys = [origin[0], tip[0]], [origin[1], tip[1]]
            shadow.setData(xs, ys)
            shaft.setData(xs, ys)
            # ArrowItem angles: 0 points left, 90 up, 180 right (on screen, in pixels)
            (x0, x1), (y0, y1) = self.plot.vb.viewRange()
            width, height = self.plot.vb.width() or 1.0, self.plot.vb.height() or 1.0
            dx = (tip[0] - origin[0]) / max(x1 - x0, 1e-300) * width
            dy = (tip[1] - origin[1]) / max(y1 - y0, 1e-300) * height
            head.setStyle(angle=180 - math.degrees(math.atan2(dy, dx)))
            head.setPos(*tip)
            text.setPos(*tip)
            for item in (shadow, shaft, head, text):
                item.show()
            self.shown[name] = tip
        return self.scale
