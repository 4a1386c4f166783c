"""The fog-of-war field: only what a blindfolded hiker can know, never the surface.

1D levels show a side view (position across, altitude up); 2D levels a top view of the
map. The frame is fixed for the whole level (:mod:`gdgame.ui.hike.fog_frame`), so slopes
are drawn to scale. Every place already felt keeps a short tick showing the slope felt
there: that trail is the only map the hiker has. Each step is animated as a leap (see
:mod:`gdgame.ui.hike.step_animation`); a leap off the map flies out and comes back.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from gdgame.ui.hike.fog_frame import FogFrame, clamp_to_box, frame_for
from gdgame.ui.hike.maths_panel import number, vector
from gdgame.ui.hike.step_animation import LeapAnimation, arc, out_and_back
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

METER_LOG_MIN, METER_LOG_MAX = -4.0, 3.0
ARROWS_2D = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")
TRAIL_COLOR = SERIES_COLORS[0]
HIKER_COLOR = SERIES_COLORS[1]
LEAP_COLOR = SERIES_COLORS[5]
HOP = 0.08
"""How high a 1D leap arcs, as a share of the frame's height."""
OUT_BEYOND = 0.08
"""How far past the frame's edge a leap off the map flies before it comes back."""


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


def felt_gradients(hike) -> list[np.ndarray]:
    """The slope felt at each place on the trail: before each step, and now."""
    felt = [np.asarray(r.felt_gradient, dtype=float).reshape(-1) for r in hike.history]
    return felt + [np.asarray(hike.felt_gradient, dtype=float).reshape(-1)]


def slope_words(gradient: np.ndarray) -> str:
    """What the hiker feels, in words: size and which way is downhill."""
    size = float(np.linalg.norm(gradient))
    if gradient.size == 1:
        if size == 0:
            return "Felt slope 0: flat ground"
        rises = "right" if gradient[0] > 0 else "left"
        down = "left" if gradient[0] > 0 else "right"
        return (
            f"Felt slope {number(size)}: the ground rises {number(size)} per unit to the "
            f"{rises}, so downhill is to the {down}"
        )
    if size == 0:
        return "Felt slope 0: flat ground, no downhill direction"
    arrow = compass(-gradient[0], -gradient[1])
    return (
        f"Felt slope {number(size)} · the arrow points downhill {arrow} "
        "(against the slope); its length shows how steep"
    )


class FieldView(QWidget):
    """Shows the hiker's trail, altitude and slope; ``show_hike(hike)`` redraws it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Hiking field (fog of war)")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        style_plot(self.plot)
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):  # no "(x0.001)" scale suffix on the labels
            item.getAxis(side).enableAutoSIPrefix(False)
        item.getViewBox().setMouseEnabled(x=False, y=False)  # the frame stays put
        item.disableAutoRange()
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        _, foreground = plot_colors()
        self.trail = self.plot.plot([], [], pen=pg.mkPen(TRAIL_COLOR, width=1.5))
        self.dots = pg.ScatterPlotItem(size=6, brush=pg.mkBrush(TRAIL_COLOR), pen=None)
        tick_colour = pg.mkColor(HIKER_COLOR)
        tick_colour.setAlpha(170)
        self.ticks = self.plot.plot([], [], pen=pg.mkPen(tick_colour, width=2), connect="pairs")
        self.tilt = self.plot.plot([], [], pen=pg.mkPen(HIKER_COLOR, width=3))
        self.leap = self.plot.plot(
            [], [], pen=pg.mkPen(LEAP_COLOR, width=2, style=Qt.PenStyle.DashLine)
        )
        self.leap_note = pg.TextItem("", color=LEAP_COLOR, anchor=(0.5, 1.1))
        self.off_note = pg.TextItem("", color=LEAP_COLOR)
        self.hiker = pg.ScatterPlotItem(
            size=14, brush=pg.mkBrush(HIKER_COLOR), pen=pg.mkPen(foreground, width=1.5)
        )
        self.start_marker = pg.ScatterPlotItem(
            size=10, symbol="s", brush=pg.mkBrush(None), pen=pg.mkPen(foreground, width=1)
        )
        self.off_frame = pg.ScatterPlotItem(size=12, brush=pg.mkBrush(LEAP_COLOR), pen=None)
        self.arrow = pg.ArrowItem(
            headLen=18, headWidth=14, tailLen=0, brush=pg.mkBrush(HIKER_COLOR), pen=pg.mkPen(None)
        )
        for extra in (
            self.dots,
            self.start_marker,
            self.off_frame,
            self.leap_note,
            self.off_note,
            self.hiker,
            self.arrow,
        ):
            self.plot.addItem(extra)
        self.ticks.setZValue(5)
        self.tilt.setZValue(15)
        self.arrow.setZValue(16)
        self.hiker.setZValue(20)
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
        self.slope_text.setFixedHeight(2 * self.slope_text.fontMetrics().lineSpacing() + 2)
        slope_label = QLabel("Slope")
        slope_label.setBuddy(self.meter)
        slope_row = QHBoxLayout()  # on its own row: narrow or scaled windows keep it whole
        slope_row.addWidget(slope_label)
        slope_row.addWidget(self.meter, 1)
        slope_row.addWidget(self.slope_text, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.altitude)
        layout.addLayout(slope_row)
        self.frame: FogFrame | None = None
        self._arrow_ok = False
        self._felt_now: tuple[float, float, np.ndarray] | None = None
        self._dim = 1
        self._hike = None
        self.animation = LeapAnimation(self._move_hiker, self._leap_done, self)
        self.plot.scene().sigMouseClicked.connect(lambda _event: self.finish_animation())

    # --- one level --------------------------------------------------------------------
    def set_level(self, hike) -> None:
        """Fix the frame for this level (from the map's edges and the start)."""
        self.finish_animation()
        self._dim = hike.level.dim
        heights = hike.heights()
        start_slope = float(np.linalg.norm(hike.felt_gradient))
        self.frame = frame_for(hike.landscape.bounds, float(heights[0]), start_slope)
        item = self.plot.getPlotItem()
        if self._dim == 1:
            item.setLabel("bottom", "position")
            item.setLabel("left", "height above the lowest point")
            self.plot.setAspectLocked(False)
        else:
            names = hike.landscape.axis_names or ("x (weight 1)", "y (weight 2)")
            item.setLabel("bottom", names[0])
            item.setLabel("left", names[1])
            self.plot.setAspectLocked(True)
        self.plot.setXRange(*self.frame.x_range, padding=0)
        self.plot.setYRange(*self.frame.y_range, padding=0)
        self.show_hike(hike)

    def view_range(self) -> list[list[float]]:
        return self.plot.getPlotItem().getViewBox().viewRange()

    # --- drawing ----------------------------------------------------------------------
    def _points(self, hike) -> tuple[np.ndarray, np.ndarray]:
        trail, heights = hike.trail(), hike.heights()
        if self._dim == 1:
            return trail[:, 0].astype(float), np.asarray(heights, dtype=float)
        return trail[:, 0].astype(float), trail[:, 1].astype(float)

    def show_hike(self, hike, step=None, animate: bool = False) -> None:
        """Draw the trail; with ``step`` (the StepResult just taken) and ``animate``, leap."""
        self.finish_animation()
        self._hike = hike
        if self.frame is None:
            self.set_level(hike)
            return
        xs, ys = self._points(hike)
        gradients = felt_gradients(hike)
        cx, cy, outside = self.frame.clamp(xs, ys)
        self.trail.setData(cx, cy)
        if self._dim == 1:
            self.dots.setData(cx, cy, brush=pg.mkBrush(TRAIL_COLOR), size=6)
        else:
            self.dots.setData(cx, cy, brush=altitude_brushes(hike.heights()), size=10)
        self._draw_ticks(xs[:-1], ys[:-1], gradients[:-1], outside[:-1])
        self.off_frame.setData(cx[outside], cy[outside], symbol=self._edge_symbols(xs, ys, outside))
        self.start_marker.setData([cx[0]], [cy[0]])
        self._describe(hike, xs, ys, gradients[-1])
        self._draw_leap(step, xs[-1], ys[-1])
        end = np.array([cx[-1], cy[-1]])
        if step is not None and animate:
            self._set_felt_visible(False)
            self.animation.play(self._leap_path(step, xs, ys, end))
        else:
            self._move_hiker(end)
            self._leap_done()

    def _edge_symbols(self, xs, ys, outside) -> list[str]:
        """A triangle on the frame's edge pointing the way to a place beyond it."""
        x0, (y0, y1) = self.frame.x_range[0], self.frame.y_range
        symbols = []
        for x, y in zip(xs[outside], ys[outside], strict=True):
            if not math.isfinite(y) or y > y1:
                symbols.append("t1")
            elif y < y0:
                symbols.append("t")
            else:
                symbols.append("t3" if x < x0 else "t2")
        return symbols

    def _draw_ticks(self, xs, ys, gradients, outside) -> None:
        """The slope felt at each earlier place: a short tangent (1D), or in 2D a crossbar
        along the level ground felt there (across the slope), longer where it was steeper."""
        tx, ty = [], []
        for x, y, g, out in zip(xs, ys, gradients, outside, strict=True):
            if out or not (math.isfinite(x) and math.isfinite(y)):
                continue
            if self._dim == 1:
                (ax, ay), (bx, by) = self._felt_segment(x, y, g)
            else:
                (ax, ay), (bx, by) = self._crossbar(x, y, g)
            tx += [ax, bx]
            ty += [ay, by]
        self.ticks.setData(tx, ty)

    def _crossbar(self, x, y, gradient) -> tuple[tuple[float, float], tuple[float, float]]:
        size = float(np.linalg.norm(gradient))
        half = self.frame.arrow_length(size) / 2
        if half <= 0:
            return (x, y), (x, y)
        ux, uy = -gradient[1] / size, gradient[0] / size  # across the slope: level ground
        return (x - ux * half, y - uy * half), (x + ux * half, y + uy * half)

    def _felt_segment(self, x, y, gradient) -> tuple[tuple[float, float], tuple[float, float]]:
        if self._dim == 1:
            half, slope = self.frame.tick_half, float(gradient[0])
            return (x - half, y - slope * half), (x + half, y + slope * half)
        size = float(np.linalg.norm(gradient))
        length = self.frame.arrow_length(size)
        if length <= 0:
            return (x, y), (x, y)
        return (x, y), (x - gradient[0] / size * length, y - gradient[1] / size * length)

    def _set_felt_visible(self, on: bool) -> None:
        self.tilt.setVisible(on)
        self.arrow.setVisible(on and self._dim == 2 and self._arrow_ok)

    def _draw_felt(self, x: float, y: float, gradient: np.ndarray) -> None:
        """The slope felt now, at the hiker: a tangent to scale (1D), a downhill arrow (2D)."""
        self._arrow_ok = False
        if not self.frame.contains(x, y):
            self.tilt.setData([], [])
            return
        (ax, ay), (bx, by) = self._felt_segment(x, y, gradient)
        if self._dim == 1:
            self.tilt.setData([ax, bx], [ay, by])
            return
        self.tilt.setData([ax, bx], [ay, by])
        dx, dy = bx - ax, by - ay
        if dx or dy:
            # ArrowItem angle 0 points left (tip at its position), angles turn clockwise.
            self.arrow.setStyle(angle=180.0 - math.degrees(math.atan2(dy, dx)))
            self.arrow.setPos(bx, by)
            self._arrow_ok = True

    def _describe(self, hike, xs, ys, gradient) -> None:
        heights = hike.heights()
        self.meter.setValue(meter_value(float(np.linalg.norm(gradient))))
        self.slope_text.setText(slope_words(gradient))
        self.altitude.setText(
            f"Altitude {number(float(heights[-1]))}  (start {number(float(heights[0]))})"
        )
        where = f"You are at {vector(hike.trail()[-1])}"
        self._note_beyond(hike, float(xs[-1]), float(ys[-1]))
        if self.off_note.textItem.toPlainText():
            where += " · beyond this view"
        elif self._dim == 2:
            where += " · yellow was high, purple low; bars: level ground felt"
        self.plot.getPlotItem().setTitle(where, color=plot_colors()[1], size="10pt")
        self._felt_now = (float(xs[-1]), float(ys[-1]), gradient)

    def _note_beyond(self, hike, x: float, y: float) -> None:
        """When the hiker stands beyond the fixed frame, say where, beside the edge mark."""
        if self.frame.contains(x, y):
            self.off_note.setText("")
            return
        cx, cy, _ = self.frame.clamp([x], [y])
        (x0, x1), (y0, y1) = self.frame.x_range, self.frame.y_range
        anchor_x = 1.0 if cx[0] > (x0 + x1) / 2 else 0.0
        anchor_y = 0.0 if cy[0] > (y0 + y1) / 2 else 1.0
        if self._dim == 1:
            text = f"altitude {number(float(hike.heights()[-1]))} at {number(x)}"
        else:
            text = f"you: {vector([x, y])}"
        self.off_note.setText(text)
        self.off_note.setAnchor((anchor_x, anchor_y))
        self.off_note.setPos(float(cx[0]), float(cy[0]))

    def _draw_leap(self, step, x: float, y: float) -> None:
        """A leap off the map stays drawn (dashed, to the edge) until the next step."""
        if step is None or not step.fell_off:
            self.leap.setData([], [])
            self.leap_note.setText("")
            return
        edge, _ = clamp_to_box([x, y], self._turn_point(step, x, y), self.frame.box())
        self.leap.setData([x, edge[0]], [y, edge[1]])
        self.leap_note.setText(f"aimed at {vector(step.target)}: off the map")
        self.leap_note.setPos(float(edge[0] + x) / 2, float(edge[1] + y) / 2)

    def _turn_point(self, step, x: float, y: float) -> np.ndarray:
        """Where a leap off the map turns back: just past the frame, towards the target."""
        target = np.asarray(step.target, dtype=float).reshape(-1)
        here = np.array([x, y])
        aim = np.array([target[0], y]) if self._dim == 1 else target[:2]
        direction = aim - here
        if not np.all(np.isfinite(direction)) or not np.any(direction):
            direction = np.array([1.0, 0.0])
        (x0, x1), (y0, y1) = self.frame.x_range, self.frame.y_range
        reach = (1.0 + OUT_BEYOND) * math.hypot(x1 - x0, y1 - y0)
        return here + direction / np.linalg.norm(direction) * reach

    def _leap_path(self, step, xs, ys, end):
        height = self.frame.y_range[1] - self.frame.y_range[0]
        lift = HOP * height if self._dim == 1 else 0.0
        if step.fell_off:
            here = np.array([xs[-1], ys[-1]])
            return out_and_back(here, self._turn_point(step, xs[-1], ys[-1]), lift)
        before_x, before_y, _ = self.frame.clamp(xs[-2:-1], ys[-2:-1])
        return arc([before_x[0], before_y[0]], end, lift)

    def _move_hiker(self, point) -> None:
        self.hiker.setData([float(point[0])], [float(point[1])])

    def _leap_done(self) -> None:
        if self._felt_now is None:
            return
        x, y, gradient = self._felt_now
        self._draw_felt(x, y, gradient)
        self._set_felt_visible(True)

    # --- animation control ------------------------------------------------------------
    def is_animating(self) -> bool:
        return self.animation.is_running()

    def finish_animation(self) -> None:
        self.animation.finish()
