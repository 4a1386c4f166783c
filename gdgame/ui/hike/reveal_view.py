"""The end-of-level reveal: the true surface with the player's and the ghosts' paths.

2D levels show the surface as an image with contour lines (ImageItem + IsocurveItem);
1D levels show the curve itself. The paths are drawn step by step by a QTimer, which
:meth:`RevealView.stop` halts (the screen calls it in deactivate/shutdown). Failed leaps
(steps that flew off the map and steps the player took back) are drawn as dashed lines
from where they started to where they were aimed. The legend sits under the plot.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from gdgame.game.reveal import RevealData
from gdgame.ui.hike.fit_view import FitView
from gdgame.ui.hike.fog_frame import clamp_to_box
from gdgame.ui.legend import LegendLabel
from gdgame.ui.surface3d import Surface3DView, gl_unavailable_reason
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

REVEAL_MS = 2500
"""About how long drawing the paths takes, however many steps they have."""
FRAME_MS_RANGE = (60, 350)
CONTOURS = 12
PLAYER_COLOR = SERIES_COLORS[1]
GHOST_COLORS = (SERIES_COLORS[4], SERIES_COLORS[2])
LEAP_COLOR = SERIES_COLORS[5]
MINIMUM_COLOR = "#F0E442"


def _heights(values: np.ndarray) -> np.ndarray:
    """Log of the height above the lowest value: contours spread evenly from rim to floor."""
    finite = np.isfinite(values)
    low = float(values[finite].min()) if finite.any() else 0.0
    return np.log10(np.where(finite, values - low, np.nan) + 1e-3)


CONTOUR_SWATCH = "#21918c"  # viridis mid-tone: the contour map's colours, light or dark
LEAP_HEADROOM = 3.0  # 1-D reveal: leaps may raise the frame to 3x the walk's highest point


class RevealView(QWidget):
    """Draws a :class:`RevealData` and animates the paths along it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName("Revealed landscape with your path and the ghosts' paths")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        style_plot(self.plot)
        for side in ("left", "bottom"):  # no "(x0.001)" scale suffix on the labels
            self.plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
        self.legend = LegendLabel("Reveal legend")
        self.fit_view = FitView()  # data levels: the data with your model and the best one
        self.fit_view.setVisible(False)
        self.view3d: Surface3DView | None = None  # built on first use (OpenGL is costly)
        self.map_stack = QStackedWidget()
        self.map_stack.addWidget(self.plot)
        self.button_3d = QPushButton("3-D view")
        self.button_3d.setCheckable(True)
        self.button_3d.setAccessibleName("Show the revealed landscape in 3-D")
        self.button_3d.toggled.connect(self.show_3d)
        maps = QHBoxLayout()
        maps.setContentsMargins(0, 0, 0, 0)
        maps.addWidget(self.map_stack, 3)
        maps.addWidget(self.fit_view, 2)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.legend, 1)
        below.addWidget(self.button_3d, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(maps, 1)
        layout.addLayout(below)
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS_RANGE[0])
        self.timer.timeout.connect(self._advance)
        self._frame = 0
        self._paths: list[tuple[pg.PlotDataItem, np.ndarray, np.ndarray]] = []
        self.leap_items: list[pg.PlotDataItem] = []
        self.data: RevealData | None = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            self.show_reveal(self.data, animate=False)  # the curve takes the new ink
        super().changeEvent(event)

    # --- drawing --------------------------------------------------------------------------
    def show_reveal(self, data: RevealData, animate: bool = True) -> None:
        """Draw ``data``, its failed leaps (start, target, kind) as dashed lines too."""
        leaps = data.failed_leaps
        self.stop()
        self.data = data
        self.plot.clear()
        self._paths = []
        self.leap_items = []
        entries = []
        if data.dim == 1:
            self._draw_curve(data)
            entries.append(("landscape", plot_colors()[1], "line"))
        else:
            self._draw_contours(data)
            entries.append(("landscape: dark is low, light is high", CONTOUR_SWATCH, "block"))
        self._draw_minima(data)
        entries.append(("lowest point", MINIMUM_COLOR, "star"))
        self._add_path("you", data.player_path, data.player_losses, PLAYER_COLOR, "o", 2.5)
        entries.append(("you", PLAYER_COLOR, "dot"))
        for ghost, colour in zip(data.ghosts, GHOST_COLORS, strict=False):
            self._add_path(ghost.label, ghost.path, ghost.losses, colour, "t", 1.5)
            entries.append((ghost.label, colour, "triangle"))
        if data.dim == 1:
            self._fit_1d(data)
        else:
            self.plot.autoRange(padding=0.05)
        if leaps:
            self._draw_leaps(data, leaps)
            entries.append(("failed leap (off the map or taken back)", LEAP_COLOR, "dash"))
        self.legend.set_entries(entries)
        self.fit_view.show_fit(data.fit)
        self._offer_3d(data)
        self._frame = 0
        if animate:
            self._render(0)
            low, high = FRAME_MS_RANGE
            self.timer.setInterval(min(high, max(low, REVEAL_MS // max(1, self.frames()))))
            self.timer.start()
        else:
            self._render(self.frames())

    def _draw_curve(self, data: RevealData) -> None:
        _, foreground = plot_colors()
        item = self.plot.getPlotItem()
        item.setLabel("bottom", "position")
        item.setLabel("left", "height above the lowest point")
        self.plot.setAspectLocked(False)
        curve = self.plot.plot(
            data.surface.xs, data.surface.values - data.floor, pen=pg.mkPen(foreground, width=2)
        )
        curve.setZValue(-5)

    def _fit_1d(self, data: RevealData) -> None:
        """Frame the paths and the failed leaps' landing places on the map: the curve far
        above them would squash the interesting part."""
        heights = np.asarray(data.player_losses, dtype=float) - data.floor
        walked = heights[np.isfinite(heights)]
        top = max(float(walked.max()) if walked.size else 1.0, 1e-6)
        xs = data.surface.xs
        aims = [float(np.ravel(target)[0]) for _start, target, _kind in data.failed_leaps]
        aims = [x for x in aims if math.isfinite(x) and xs[0] <= x <= xs[-1]]
        if aims:  # a leap far up the wall may leave through the top: the walk stays readable
            landed = self._on_curve(data, np.array(aims))
            top = max(top, min(float(np.max(landed)), LEAP_HEADROOM * top))
        self.plot.setXRange(float(data.surface.xs[0]), float(data.surface.xs[-1]), padding=0)
        self.plot.setYRange(-0.05 * top, 1.15 * top, padding=0)

    def _draw_contours(self, data: RevealData) -> None:
        item = self.plot.getPlotItem()
        names = data.axis_names or ("x (weight 1)", "y (weight 2)")
        item.setLabel("bottom", names[0])
        item.setLabel("left", names[1])
        self.plot.setAspectLocked(True)
        surface = data.surface
        heights = _heights(surface.values)
        image = pg.ImageItem(np.nan_to_num(heights, nan=np.nanmax(heights)))
        image.setColorMap(pg.colormap.get("viridis"))
        x0, x1, y0, y1 = surface.xs[0], surface.xs[-1], surface.ys[0], surface.ys[-1]
        image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        image.setOpacity(0.85)
        image.setZValue(-10)
        self.plot.addItem(image)
        finite = heights[np.isfinite(heights)]
        for level in np.linspace(finite.min(), finite.max(), CONTOURS + 2)[1:-1]:
            curve = pg.IsocurveItem(level=float(level), pen=pg.mkPen((255, 255, 255, 110)))
            curve.setParentItem(image)
            curve.setData(heights)
        self.image = image

    def _on_curve(self, data: RevealData, xs) -> np.ndarray:
        """Heights of the drawn 1D curve at ``xs`` (read off the plotted samples)."""
        return np.interp(xs, data.surface.xs, data.surface.values) - data.floor

    def _draw_minima(self, data: RevealData) -> None:
        lows = data.global_minima
        if data.dim == 1:
            xs = lows[:, 0]
            ys = self._on_curve(data, xs)
        else:
            xs, ys = lows[:, 0], lows[:, 1]
        self.plot.plot(
            xs,
            ys,
            pen=None,
            symbol="star",
            symbolSize=16,
            symbolBrush=MINIMUM_COLOR,
            symbolPen=pg.mkPen("#333333"),
        )

    def _draw_leaps(self, data: RevealData, leaps) -> None:
        """Dashed lines from each failed leap's start towards where it was aimed."""
        view = self.plot.getPlotItem().getViewBox().viewRange()
        box = view[:1] if data.dim == 1 else view
        pen = pg.mkPen(LEAP_COLOR, width=2, style=Qt.PenStyle.DashLine)
        for start, target, _kind in leaps:
            start = np.asarray(start, dtype=float).reshape(-1)
            end, cut = clamp_to_box(start, np.asarray(target, dtype=float).reshape(-1), box)
            if data.dim == 1:
                y0 = float(self._on_curve(data, start[:1])[0])
                y1 = y0 if cut else float(self._on_curve(data, end[:1])[0])
                xs, ys = [start[0], end[0]], [y0, y1]
            else:
                xs, ys = [start[0], end[0]], [start[1], end[1]]
            item = self.plot.plot(
                xs, ys, pen=pen, symbol="x", symbolSize=[0, 11], symbolBrush=LEAP_COLOR
            )
            item.setZValue(8)
            self.leap_items.append(item)
            if cut:  # the label grows into the map from the edge it reached, never off it
                side = (end[0] - box[0][0]) / max(box[0][1] - box[0][0], 1e-300)
                across = 0.0 if side < 0.25 else 1.0 if side > 0.75 else 0.5
                note = pg.TextItem("off the map", color=LEAP_COLOR, anchor=(across, 1.2))
                note.setPos(xs[1], ys[1])
                self.plot.addItem(note)

    def _add_path(self, label, path, losses, colour, symbol, width) -> None:
        path = np.asarray(path, dtype=float)
        if self.data is not None and self.data.dim == 1:
            floor = self.data.floor
            xs, ys = path[:, 0], np.asarray(losses, dtype=float)[: len(path)] - floor
        else:
            xs, ys = path[:, 0], path[:, 1]
        item = self.plot.plot(
            [],
            [],
            pen=pg.mkPen(colour, width=width),
            symbol=symbol,
            symbolSize=7,
            symbolBrush=colour,
            symbolPen=None,
        )
        item.setZValue(10 if label == "you" else 5)
        self._paths.append((item, xs, ys))

    # --- animation ------------------------------------------------------------------------
    def frames(self) -> int:
        return max((len(xs) for _, xs, _ in self._paths), default=0)

    def _render(self, frame: int) -> None:
        for item, xs, ys in self._paths:
            item.setData(xs[: frame + 1], ys[: frame + 1])

    def _advance(self) -> None:
        self._frame += 1
        self._render(self._frame)
        if self._frame >= self.frames():
            self.timer.stop()

    def finish_animation(self) -> None:
        self.stop()
        self._frame = self.frames()
        self._render(self._frame)

    def is_animating(self) -> bool:
        return self.timer.isActive()

    # --- the 3-D view (2-D levels) -----------------------------------------------------------
    def _offer_3d(self, data: RevealData) -> None:
        """A 3-D toggle on 2-D levels; disabled, saying why, where OpenGL is missing."""
        self.button_3d.blockSignals(True)
        self.button_3d.setChecked(False)
        self.button_3d.blockSignals(False)
        self.map_stack.setCurrentWidget(self.plot)
        two_d = data.dim == 2 and data.landscape is not None
        self.button_3d.setVisible(two_d)
        reason = gl_unavailable_reason() if two_d else None
        self.button_3d.setEnabled(two_d and reason is None)
        self.button_3d.setToolTip(reason or "Turn the revealed landscape and the paths in 3-D")

    def show_3d(self, on: bool) -> None:
        """Switch between the 2-D map and a rotatable 3-D surface with the same paths."""
        data = self.data
        if not on or data is None or data.landscape is None:
            self.map_stack.setCurrentWidget(self.plot)
            return
        if self.view3d is None:
            self.view3d = Surface3DView()
            self.map_stack.addWidget(self.view3d)
        self.view3d.set_landscape(data.landscape)
        paths = [data.player_path] + [ghost.path for ghost in data.ghosts]
        colours = [PLAYER_COLOR, *GHOST_COLORS][: len(paths)]
        self.view3d.set_paths(paths, colours)
        self.map_stack.setCurrentWidget(self.view3d)

    def stop(self) -> None:
        self.timer.stop()
