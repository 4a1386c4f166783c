"""The landscape picture: a 1D curve, or a 2D filled contour with isolines, plus hikers.

Clicking the surface emits ``pointClicked`` with the landscape coordinates, which the
screen uses to place the selected hiker's start. Hiker paths are created once per run and
updated with ``setData`` from the run recording on each display tick. The names of the
hikers are not drawn over the data: the screen shows them in a legend strip outside the
map (``legend_strip``), fed by :meth:`SurfaceView.off_map`. A diverged hiker's head turns
into a cross. Markers are outlined in a colour that stands out on the current background
and are redrawn when the palette switches between light and dark.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTransform

from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.plot_safety import LIMIT, near_box, plottable, safe_range
from gdgame.ui.theme import SERIES_COLORS, plot_colors, style_plot

GRID = 160
ISO_STEP = 2
ISOLINES = 10
THICK_PATH_POINTS = 2000  # longer hiker paths are drawn 1 pixel wide


def _surface_grid(landscape, per_axis: int = GRID):
    (x0, x1), (y0, y1) = landscape.bounds
    xs, ys = np.linspace(x0, x1, per_axis), np.linspace(y0, y1, per_axis)
    mesh = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)
    values = plottable(landscape.value(mesh)).reshape(per_axis, per_axis)
    return xs, ys, values


def _display_levels(values: np.ndarray) -> np.ndarray:
    """Values squashed for colour: rank-like (log of the gap to the minimum), finite."""
    values = plottable(values, -LIMIT / 4, LIMIT / 4)  # the gaps below stay finite too
    ok = np.isfinite(values)
    if not ok.any():
        return np.zeros_like(values)
    finite = np.where(ok, values, np.max(values[ok]))
    gap = finite - finite.min()
    return np.log1p(gap / (np.percentile(gap, 50) + 1e-12))


class SurfaceView(pg.PlotWidget):
    """Plot of the landscape with minima, start points and hiker paths."""

    pointClicked = Signal(object)  # np.ndarray of shape (dim,)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Map of the landscape with the hikers' paths")
        style_plot(self)
        self.setMinimumSize(260, 200)
        self.landscape = None
        self._box = ((-1.0, 1.0), (-1.0, 1.0))
        self._landmarks = np.zeros((0, 2))
        self._hiker_items: list[tuple[pg.PlotDataItem, pg.ScatterPlotItem]] = []
        self._thin = False  # paths drawn 1 pixel wide (long runs)
        self._start_items: list[pg.ScatterPlotItem] = []
        self._static: list = []
        self._labels: list[str] = []
        self._off_map: list[bool] = []
        self._starts: list[np.ndarray] = []
        self._diverged = np.zeros(0, dtype=bool)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.getPlotItem().setMenuEnabled(False)

    # --- landscape ------------------------------------------------------------------------
    def set_landscape(self, landscape) -> None:
        with np.errstate(all="ignore"):
            self._set_landscape(landscape)

    def _set_landscape(self, landscape) -> None:
        self.landscape = landscape
        for item in self._static:
            self.removeItem(item)
        self._static = []
        item = self.getPlotItem()
        if landscape.dim == 1:
            self._draw_curve(landscape)
            item.setLabels(bottom="x", left="loss f(x)")
        else:
            self._draw_contour(landscape)
            item.setLabels(bottom="x", left="y")
        self._draw_minima(landscape)
        item.setTitle(getattr(landscape, "title", landscape.name), size="10pt")
        item.disableAutoRange()
        item.setRange(xRange=self._box[0], yRange=self._box[1], padding=0.02)

    def _add_static(self, item) -> None:
        self.addItem(item)
        self._static.append(item)

    def _draw_curve(self, landscape) -> None:
        lo, hi = landscape.bounds[0]
        xs = np.linspace(lo, hi, 600)
        ys = np.asarray(landscape.value(xs[:, None]), dtype=np.float64)
        ys = plottable(np.where(np.isfinite(ys), ys, np.nan))  # poles: gaps, not spikes
        _, fg = plot_colors()
        self._add_static(pg.PlotDataItem(xs, ys, pen=pg.mkPen(fg, width=2), connect="finite"))
        finite = ys[np.isfinite(ys)]
        low, high = safe_range(*((finite.min(), finite.max()) if finite.size else (0.0, 1.0)))
        self._box = ((lo, hi), (low, high))
        self._landmarks = np.stack([xs, np.nan_to_num(ys, nan=low)], axis=1)

    def _draw_contour(self, landscape) -> None:
        xs, ys, values = _surface_grid(landscape)
        levels = _display_levels(values)
        image = pg.ImageItem(levels, axisOrder="col-major")
        image.setColorMap(pg.colormap.get("viridis"))
        (x0, x1), (y0, y1) = landscape.bounds
        image.setRect(x0, y0, x1 - x0, y1 - y0)
        image.setZValue(-20)
        self._add_static(image)
        self._box = ((x0, x1), (y0, y1))
        self._landmarks = np.asarray(landscape.minima, dtype=np.float64).reshape(-1, 2)
        # isolines from every ISO_STEP-th sample: pyqtgraph's isocurve is pure Python
        coarse = levels[::ISO_STEP, ::ISO_STEP]
        thresholds = np.linspace(levels.min(), levels.max(), ISOLINES + 2)[1:-1]
        for threshold in thresholds:
            iso = pg.IsocurveItem(data=coarse, level=threshold, pen=pg.mkPen((255, 255, 255, 90)))
            iso.setTransform(QTransform.fromScale(ISO_STEP, ISO_STEP))
            iso.setParentItem(image)  # removed together with the image

    def outline(self) -> str:
        """A colour that stands out around markers: white on the colour map, else the
        palette's text colour (dark on light, light on dark)."""
        if self.landscape is not None and self.landscape.dim == 2:
            return "#ffffff"
        return plot_colors()[1]

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().changeEvent(event)
        landscape = self.__dict__.get("landscape")  # None while pyqtgraph builds the view
        if event.type() == QEvent.Type.PaletteChange and landscape is not None:
            style_plot(self)
            self.set_landscape(self.landscape)  # 1D curve and stars in the new text colour
            self.show_starts(self._starts)
            for _path, head in self._hiker_items:
                head.setPen(pg.mkPen(self.outline()))

    def _draw_minima(self, landscape) -> None:
        minima = np.asarray(landscape.minima, dtype=np.float64).reshape(-1, landscape.dim)
        if minima.size == 0:
            return
        if landscape.dim == 1:
            xs, ys = minima[:, 0], plottable(landscape.value(minima))
        else:
            xs, ys = minima[:, 0], minima[:, 1]
        n_global = getattr(landscape, "n_global", 1)
        if landscape.dim == 1:  # on the plain background: the text colour stands out
            background, foreground = plot_colors()
            lowest, other, edge = foreground, "#999999", background
        else:  # on the dark valleys of the colour map
            lowest, other, edge = "#ffffff", "#bbbbbb", "#333333"
        brushes = [lowest if i < n_global else other for i in range(len(xs))]
        marker = pg.ScatterPlotItem(xs, ys, symbol="star", size=15, brush=brushes, pen=edge)
        marker.setZValue(5)
        marker.setToolTip("minima (the brightest star is the lowest)")
        self._add_static(marker)

    # --- hikers ------------------------------------------------------------------------------
    def set_hikers(self, labels: list[str], starts: list[np.ndarray]) -> None:
        """One path + head marker per hiker; shows the start points."""
        for path, head in self._hiker_items:
            self.removeItem(path)
            self.removeItem(head)
        for start in self._start_items:
            self.removeItem(start)
        self._hiker_items, self._start_items = [], []
        self._labels, self._off_map = list(labels), [False] * len(labels)
        self._diverged = np.zeros(len(labels), dtype=bool)
        self._thin = False
        for i, _label in enumerate(labels):
            colour = SERIES_COLORS[i % len(SERIES_COLORS)]
            path = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), connect="finite")
            head = pg.ScatterPlotItem(size=11, brush=colour, pen=pg.mkPen(self.outline()))
            path.setZValue(10)
            head.setZValue(11)
            self.addItem(path)
            self.addItem(head)
            self._hiker_items.append((path, head))
        self.show_starts(starts)

    def show_starts(self, starts: list[np.ndarray]) -> None:
        """A ring per start point, in the hiker's colour on a contrasting halo."""
        self._starts = list(starts)
        for start in self._start_items:
            self.removeItem(start)
        self._start_items = []
        if self.landscape is None:
            return
        placed: list[np.ndarray] = []
        outline = self.outline()
        for i, start in enumerate(starts):
            colour = SERIES_COLORS[i % len(SERIES_COLORS)]
            point = np.asarray(start, dtype=np.float64).reshape(-1)
            if point.size != self.landscape.dim:  # from another landscape: nothing to draw
                continue
            # hikers sharing a start get nested rings, so every colour stays visible
            shared = sum(1 for p in placed if p.shape == point.shape and np.allclose(p, point))
            placed.append(point)
            x, y = self._to_plot(point.reshape(1, -1))
            size = 10 + 7 * shared
            for pen, z in ((pg.mkPen(outline, width=4.5), 8), (pg.mkPen(colour, width=2.5), 9)):
                marker = pg.ScatterPlotItem(x, y, symbol="o", size=size, brush=None, pen=pen)
                marker.setZValue(z)
                self.addItem(marker)
                self._start_items.append(marker)

    def _to_plot(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.landscape.dim == 1:
            values = plottable(self.landscape.value(points)).reshape(-1, 1)
            return near_box(points, self._box[:1])[:, 0], near_box(values, self._box[1:])[:, 0]
        shown = near_box(points, self._box)
        return shown[:, 0], shown[:, 1]

    def _thin_paths(self) -> None:
        """Long runs: 1-pixel paths (a thick path of 60,000 points takes ~0.1 s to draw)."""
        self._thin = True
        for i, (path, _head) in enumerate(self._hiker_items):
            path.setPen(pg.mkPen(SERIES_COLORS[i % len(SERIES_COLORS)], width=1))

    def show_recording(self, recording: RunRecording) -> None:
        count = recording.count
        diverged = recording.diverged_at >= 0
        if not np.array_equal(diverged, self._diverged):
            self._diverged = diverged.copy()
            for i, (_path, head) in enumerate(self._hiker_items):
                head.setSymbol("x" if diverged[i] else "o")
                head.setSize(16 if diverged[i] else 11)
        if count > THICK_PATH_POINTS and not self._thin:
            self._thin_paths()
        if count == 0 or self.landscape is None:
            for path, head in self._hiker_items:
                path.setData([], [])
                head.setData([], [])
            return
        for i, (path, head) in enumerate(self._hiker_items):
            pts = recording.positions[:count, i]
            if self.landscape.dim == 1:
                xs = near_box(pts, self._box[:1])[:, 0]
                ys = near_box(recording.losses[:count, i, None], self._box[1:])[:, 0]
            else:
                shown = near_box(pts, self._box)
                xs, ys = shown[:, 0], shown[:, 1]
            path.setData(xs, ys)
            head.setData(xs[-1:], ys[-1:])
        self._mark_off_map(recording.positions[count - 1])

    def _mark_off_map(self, latest: np.ndarray) -> None:
        """Note which hikers have left the drawn box (e.g. after overshooting)."""
        lo = np.array([b[0] for b in self.landscape.bounds])
        hi = np.array([b[1] for b in self.landscape.bounds])
        with np.errstate(invalid="ignore"):
            inside = np.all((latest >= lo) & (latest <= hi), axis=-1)
        self._off_map = [not bool(v) for v in inside]

    def off_map(self) -> list[bool]:
        """Which hikers are outside the drawn box right now."""
        return list(self._off_map)

    def _on_click(self, event) -> None:
        if self.landscape is None or event.button() != Qt.MouseButton.LeftButton:
            return
        view = self.getPlotItem().vb
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        coords = [point.x(), point.y()][: self.landscape.dim]
        lo = np.array([b[0] for b in self.landscape.bounds])
        hi = np.array([b[1] for b in self.landscape.bounds])
        self.pointClicked.emit(np.clip(np.array(coords), lo, hi))
