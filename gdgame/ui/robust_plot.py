"""Step plots that survive divergence and stay fast: one helper for every screen.

:class:`SeriesPlot` draws n series against the step number on a ``pg.PlotWidget``:

* **Fast.** Each series is a min/max envelope with one column per pixel
  (``plot_envelope``). The columns that are complete are drawn by a cached item that is
  repainted only when a block of new columns is complete; the last few columns are a small
  "tail" item updated every frame. So a frame appends, it does not re-send 100,000 points.
* **Divergence-proof.** A series that diverged (``diverged_at[i] >= 0``) is marked with a
  cross at the step it diverged and its values no longer count for the y range: the range
  comes from the finite values of the healthy series, so a loss of 1e232 cannot flatten
  the rest. Values are clamped (``plot_safety``); log scale works from 1e-16 up.
* **Steady.** The y range moves only when the data leave it or shrink well inside it.
  Zooming or panning by hand stops that until the "A" button (auto-range) is pressed.
* **Readable.** Hovering near a curve shows which series it is, the step and the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from gdgame.ui.plot_envelope import COLUMNS, Envelope, envelope_line, fold, steady_range
from gdgame.ui.plot_safety import LIMIT
from gdgame.ui.theme import SERIES_COLORS, plot_colors

MIN_COLUMNS = 64
LOG_FLOOR = 1e-16
LOG_CEILING = 1e100  # pyqtgraph's log axis overflows beyond this
BLOCK = 32  # complete columns handed to the cached item at a time
HOVER_PIXELS = 24  # how close (in pixels) the mouse must be to a curve to read it
HOVER_RATE = 30  # hover updates per second at most


class FastCurve(pg.PlotCurveItem):
    """A PlotCurveItem for finite, x-sorted data whose bounds are computed once per
    ``setData`` (pyqtgraph recomputes them several times per frame)."""

    def setData(self, *args, **kwargs):  # noqa: N802 (pyqtgraph naming)
        super().setData(*args, **kwargs)
        x, y = self.getData()
        if x is None or len(x) == 0:
            self._fast = None
        else:
            self._fast = ((float(x[0]), float(x[-1])), (float(np.min(y)), float(np.max(y))))

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802, N803
        fast = getattr(self, "_fast", None)
        return (None, None) if fast is None else fast[ax]


class SeriesPlot:
    """n series against the step number on ``widget``; see the module docstring."""

    def __init__(
        self,
        widget: pg.PlotWidget,
        quantity: str,
        describe: Callable[[int], str],
        phase: int = 0,
    ):
        self.widget = widget
        self.phase = int(phase)  # plots sharing a window hand over their blocks in turn
        self.quantity = quantity
        self.describe = describe  # series index -> "2. Adam lr=0.1"
        self.item = widget.getPlotItem()
        self.item.setDownsampling(auto=False)
        self.item.setClipToView(False)
        self.settled: list[FastCurve] = []
        self.tails: list[FastCurve] = []
        self.diverged_at = np.zeros(0, dtype=int)
        self.log = False
        self.offset = 0.0  # log scale plots value - offset (e.g. loss - lowest loss)
        self.follow = True  # the y range follows the data (until the user zooms or pans)
        self._data: np.ndarray | None = None
        self._count = 0
        self._steps = 1
        self._envelope: Envelope | None = None
        self._settled_key: tuple | None = None
        self._drawn: tuple | None = None
        self._last_step = -1
        self._setting_range = False
        self.crosses = pg.ScatterPlotItem(symbol="x", size=14, pxMode=True)
        self.crosses.setZValue(20)
        self.marker = pg.ScatterPlotItem(size=9, pxMode=True)
        self.marker.setZValue(21)
        self.label = pg.TextItem(anchor=(0, 1))
        self.label.setZValue(22)
        for extra in (self.crosses, self.marker, self.label):
            self.item.addItem(extra, ignoreBounds=True)
        self.hide_hover()
        vb = self.item.vb
        vb.enableAutoRange(y=False)
        vb.sigXRangeChanged.connect(self._view_changed)
        vb.sigYRangeChanged.connect(lambda *_a: self._place_crosses())
        vb.sigRangeChangedManually.connect(self._user_moved)
        vb.sigResized.connect(self._resized)
        self.item.autoBtn.clicked.connect(self._auto_pressed)
        self._hover = pg.SignalProxy(
            widget.scene().sigMouseMoved, rateLimit=HOVER_RATE, slot=self._mouse_moved
        )

    @property
    def curves(self) -> list[FastCurve]:
        """One item per series (the cached part; ``tails`` holds the newest columns)."""
        return self.settled

    # --- set-up ---------------------------------------------------------------------------
    def set_series(self, count: int, steps: int = 0) -> None:
        """New curves for ``count`` series of up to ``steps`` steps (the x axis spans them)."""
        for curve in self.settled + self.tails:
            self.item.removeItem(curve)
        self.settled, self.tails = [], []
        for i in range(count):
            pen = pg.mkPen(SERIES_COLORS[i % len(SERIES_COLORS)], width=1)
            settled = FastCurve(pen=pen, antialias=False, skipFiniteCheck=True)
            settled.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            tail = FastCurve(pen=pen, antialias=False, skipFiniteCheck=True)
            for curve in (settled, tail):
                self.item.addItem(curve, ignoreBounds=True)  # the y range is ours
            self.settled.append(settled)
            self.tails.append(tail)
        self.diverged_at = np.full(count, -1)
        self._data, self._count, self._drawn, self._settled_key = None, 0, None, None
        self._steps = max(int(steps), 1)
        self._envelope = self._new_envelope(count)
        self.follow = True
        self.crosses.setData([], [])
        self.hide_hover()
        if steps > 0:
            self.item.disableAutoRange(axis="x")
            self.item.setXRange(0, steps, padding=0.02)

    def columns(self) -> int:
        """One envelope column per device pixel of the plot box."""
        width = self.item.vb.width() * self.widget.devicePixelRatioF()
        return COLUMNS if width < MIN_COLUMNS else int(width)

    def _new_envelope(self, count: int) -> Envelope:
        columns = self.columns()
        return Envelope(count, math.ceil((self._steps + 1) / columns), columns)

    def _resized(self, *_args) -> None:
        """A new width: fold again at one column per pixel (on a resize, not every frame)."""
        envelope = self._envelope
        if envelope is None or abs(self.columns() - envelope.columns) < envelope.columns / 4:
            return
        self._envelope = self._new_envelope(len(self.settled))
        self._drawn = self._settled_key = None
        self.redraw()

    def set_log(self, on: bool, offset: float = 0.0) -> None:
        self.log = bool(on)
        self.offset = float(offset) if np.isfinite(offset) else 0.0
        self.item.setLogMode(y=self.log)  # the axis; the curves get log10 values from us
        self.follow = True
        self._drawn = self._settled_key = None
        self.redraw()

    # --- data -----------------------------------------------------------------------------
    def show(self, data: np.ndarray, count: int, diverged_at=None) -> None:
        """Draw rows ``[0, count)`` of ``data`` (steps x series); ``diverged_at`` per series
        is the step it diverged at (-1: healthy)."""
        self._data, self._count = data, int(count)
        if diverged_at is not None:
            diverged_at = np.asarray(diverged_at, dtype=int)
            if not np.array_equal(diverged_at, self.diverged_at):
                self.diverged_at = diverged_at.copy()
                self._drawn = None
        self.redraw()

    def redraw(self) -> None:
        if self._data is None or self._envelope is None or not self.settled:
            return
        x0, x1 = self.item.vb.viewRange()[0]
        whole = x0 <= 0 and x1 >= self._count - 1
        key = (self._count, self.log, whole or (round(x0), round(x1)))
        if key == self._drawn:
            return
        self._drawn = key
        if whole:
            envelope = self._envelope
            envelope.update(self._data, self._count)
            first, size, low, high = 0, envelope.size, envelope.low, envelope.high
            split = self._splits(envelope.complete)
            self._last_step = self._count - 1
        else:
            first = max(0, int(math.floor(x0)))
            stop = max(first, min(self._count, int(math.ceil(x1)) + 2))
            size = max(1, math.ceil((stop - first) / self.columns()))
            low, high = fold(self._data, first, stop, size)
            split = np.full(len(self.settled), len(low))
            self._last_step = stop - 1
        low, high = self._shown(low), self._shown(high)
        starts = first + size * np.arange(len(low), dtype=np.float64)
        scale = (whole, size, self.log, self._envelope.generation, first)
        old = self._settled_key
        for i, (settled, tail) in enumerate(zip(self.settled, self.tails, strict=True)):
            cut = int(split[i])
            if old is None or old[0] != scale or old[1][i] != cut:
                self._fill(settled, starts[:cut], low[:cut, i], high[:cut, i], size)
            join = max(cut - 1, 0)  # the tail starts at the last settled column: no gap
            self._fill(tail, starts[join:], low[join:, i], high[join:, i], size)
        self._settled_key = (scale, split)
        self._follow_data(low, high)
        self._place_crosses()

    def _splits(self, complete: int) -> np.ndarray:
        """Per series, how many complete columns its cached item holds: a multiple of BLOCK
        shifted per series (and per plot), so the cached items are repainted in turn, one
        or two per frame, never all at once."""
        n = max(len(self.settled), 1)
        offsets = (np.arange(n) * BLOCK) // n + self.phase * max(BLOCK // (3 * n), 1)
        offsets %= BLOCK
        cuts = ((complete - offsets) // BLOCK) * BLOCK + offsets
        return np.clip(cuts, 0, complete)

    @staticmethod
    def _fill(curve, starts, low, high, size) -> None:
        xs, ys = envelope_line(starts, low, high, size)
        good = np.isfinite(ys)
        if not good.all():  # e.g. the rate of step 0: a gap
            xs, ys = xs[good], ys[good]
        curve.setData(xs, ys)

    def _shown(self, values: np.ndarray) -> np.ndarray:
        """Values in view coordinates: clamped, and log10 of (value - offset) in log mode
        (the curves are plain PlotCurveItems, which pyqtgraph's log mode leaves alone)."""
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            if self.log:
                return np.log10(np.clip(values - self.offset, LOG_FLOOR, LOG_CEILING))
            return np.clip(values, -LIMIT, LIMIT)

    def healthy_bounds(self, low: np.ndarray, high: np.ndarray) -> tuple[float, float] | None:
        """(min, max) in view units over the series that have not diverged, or None."""
        keep = self.diverged_at < 0
        if not keep.any() or len(low) == 0:
            return None
        lo, hi = low[:, keep], high[:, keep]
        finite_lo, finite_hi = lo[np.isfinite(lo)], hi[np.isfinite(hi)]
        if finite_lo.size == 0 or finite_hi.size == 0:
            return None
        return float(finite_lo.min()), float(finite_hi.max())

    def _follow_data(self, low: np.ndarray, high: np.ndarray) -> None:
        if not self.follow:
            return
        bounds = self.healthy_bounds(low, high)
        if bounds is None:
            return
        current = self.item.vb.viewRange()[1]
        new = steady_range(current if self._count > 1 else None, *bounds, log=self.log)
        if new is not None:
            self._setting_range = True
            self.item.vb.setYRange(*new, padding=0)
            self._setting_range = False

    def _view_changed(self, *_args) -> None:
        self.redraw()

    def _user_moved(self, *_args) -> None:
        if not self._setting_range:
            self.follow = False

    def _auto_pressed(self, *_args) -> None:
        """pyqtgraph's "A" button: follow the healthy data again (not pyqtgraph's autorange)."""
        self.item.vb.enableAutoRange(y=False)
        self.follow = True
        self._drawn = None
        current = self.item.vb.viewRange()
        self.item.vb.setRange(xRange=(0, self._steps), yRange=current[1], padding=0.02)
        self._follow_data(*self._current_envelope())

    def _current_envelope(self):
        envelope = self._envelope
        if envelope is None or envelope.count == 0:
            return np.zeros((0, 0)), np.zeros((0, 0))
        return self._shown(envelope.low), self._shown(envelope.high)

    def covered(self) -> list[int]:
        """Per series: the steps its curve draws now (last drawn step + 1; 0 if empty)."""
        counts = []
        for settled, tail in zip(self.settled, self.tails, strict=True):
            empty = all(c.xData is None or len(c.xData) == 0 for c in (settled, tail))
            counts.append(0 if empty else self._last_step + 1)
        return counts

    def y_values(self, series: int) -> np.ndarray:
        """Every y value drawn for one series (cached part and tail), for tests."""
        parts = [c.yData for c in (self.settled[series], self.tails[series])]
        return np.concatenate([p for p in parts if p is not None] or [np.zeros(0)])

    # --- divergence -----------------------------------------------------------------------
    def _place_crosses(self) -> None:
        """A cross per diverged series at its last healthy value, kept inside the view."""
        if self._data is None or not (self.diverged_at >= 0).any():
            self.crosses.setData([], [])
            return
        y0, y1 = self.item.vb.viewRange()[1]
        xs, ys, pens = [], [], []
        for i in np.flatnonzero(self.diverged_at >= 0):
            step = int(min(self.diverged_at[i], max(self._count - 1, 0)))
            y = float(self._shown(np.array([self._data[max(step - 1, 0), i]]))[0])
            xs.append(float(step))
            ys.append(min(max(y if np.isfinite(y) else y1, y0), y1))
            pens.append(pg.mkPen(plot_colors()[1], width=1))
        colours = [
            SERIES_COLORS[i % len(SERIES_COLORS)] for i in np.flatnonzero(self.diverged_at >= 0)
        ]
        self.crosses.setData(xs, ys, pen=pens, brush=colours, symbol="x")

    # --- hover ----------------------------------------------------------------------------
    def hide_hover(self) -> None:
        self.marker.hide()
        self.label.hide()

    def _mouse_moved(self, event) -> None:
        position = event[0]
        vb = self.item.vb
        if self._data is None or not vb.sceneBoundingRect().contains(position):
            self.hide_hover()
            return
        point = vb.mapSceneToView(position)
        step = round(point.x())
        best = self.nearest(step, position) if 0 <= step < self._count else None
        if best is None:
            self.hide_hover()
            return
        self.show_reading(best[0], step, best[1], point.x())

    def reading(self, series: int, step: int) -> str:
        value = float(self._data[step, series])
        text = f"{self.describe(series)}\nstep {step}: {self.quantity} {value:.4g}"
        if 0 <= self.diverged_at[series] <= step:
            text += f"\n(diverged at step {self.diverged_at[series]})"
        return text

    def show_reading(self, series: int, step: int, y: float, mouse_x: float) -> None:
        colour = SERIES_COLORS[series % len(SERIES_COLORS)]
        background, foreground = plot_colors()
        self.marker.setData([step], [y], brush=colour, pen=foreground)
        self.label.setText(self.reading(series, step), color=foreground)
        self.label.fill = pg.mkBrush(background + "e0")
        self.label.border = pg.mkPen(colour)
        x0, x1 = self.item.vb.viewRange()[0]
        self.label.setAnchor((1, 1) if mouse_x > (x0 + x1) / 2 else (0, 1))
        self.label.setPos(step, y)
        self.marker.show()
        self.label.show()

    def nearest(self, step: int, scene_pos: QPointF) -> tuple[int, float] | None:
        """The series whose point at ``step`` is closest on screen (within HOVER_PIXELS):
        (index, y in view units), or None."""
        vb = self.item.vb
        best, best_distance = None, float(HOVER_PIXELS)
        for i in range(len(self.settled)):
            y = float(self._shown(np.array([self._data[step, i]]))[0])
            if not np.isfinite(y):
                continue
            at = vb.mapViewToScene(pg.Point(step, y))
            distance = abs(at.y() - scene_pos.y())
            if distance < best_distance:
                best, best_distance = (i, y), distance
        return best
