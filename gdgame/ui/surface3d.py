"""A rotatable 3-D view of a 2-D landscape with hikers' paths on it (pyqtgraph.opengl).

Reusable by any screen (the Lab, the Hike's reveal)::

    reason = gl_unavailable_reason()          # None, or why 3-D cannot be drawn here
    view = Surface3DView()                    # always safe: without OpenGL it is a note
    view.set_landscape(landscape)             # a 2-D landscape (1-D ones show a note)
    view.set_paths([path_xy, ...], colours)   # each path (k, 2) in landscape coordinates
    view.available()                          # True when the 3-D scene is really drawn

The height is the loss squeezed the same way the 2-D map colours it (the log of the gap to
the lowest value), so deep narrow valleys and high walls both stay visible; paths are lifted
a hair above the surface so they are never hidden inside it. Drag to rotate, wheel to zoom.

Without OpenGL (``QT_QPA_PLATFORM=offscreen``, no PyOpenGL, a driver that refuses a
context) nothing GL is created at all: the widget shows the reason, and screens disable
their 3-D switch with that reason as its tooltip. It never crashes the app.
"""

from __future__ import annotations

import logging
import sys

import numpy as np
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from gdgame.ui.plot_safety import LIMIT, plottable

log = logging.getLogger("gdgame.ui")
GRID = 80
HEIGHT = 0.45  # the surface's height as a fraction of its width
LIFT = 0.01  # paths float this fraction of the width above the surface
NO_GL_PLATFORMS = ("offscreen", "minimal", "vnc")
_REASON: list[str | None] = []  # cached answer of gl_unavailable_reason


def gl_unavailable_reason() -> str | None:
    """None when a 3-D view can be drawn on this display, else a sentence saying why not."""
    if _REASON:
        return _REASON[0]
    _REASON.append(_probe())
    return _REASON[0]


def _probe() -> str | None:
    platform = QGuiApplication.platformName()
    if platform in NO_GL_PLATFORMS:
        return f"The 3-D view needs OpenGL, which this display ({platform}) does not offer."
    try:
        import OpenGL  # noqa: F401  (PyOpenGL: pyqtgraph.opengl needs it)
        import pyqtgraph.opengl  # noqa: F401
    except Exception as error:  # noqa: BLE001 - any import failure means: no 3-D here
        log.info("3-D view unavailable: %s", error)
        if getattr(sys, "frozen", False):  # the installers leave OpenGL out (size)
            return "This build of gdgame comes without the 3-D view."
        return "The 3-D view needs PyOpenGL (pip install PyOpenGL)."
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    if not context.create():
        return "The 3-D view needs OpenGL, which this display's driver does not provide."
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    ok = surface.isValid() and context.makeCurrent(surface)
    if ok:
        context.doneCurrent()
    surface.destroy()
    return None if ok else "The 3-D view could not start OpenGL on this display."


def squeeze(values: np.ndarray, lowest: float, scale: float) -> np.ndarray:
    """Loss -> height: log1p of the gap to ``lowest`` in units of ``scale`` (finite)."""
    gap = np.clip(plottable(values, -LIMIT / 4, LIMIT / 4) - lowest, 0.0, None)
    return np.log1p(gap / scale)


class Surface3DView(QWidget):
    """The surface and paths, or (without OpenGL or for 1-D) a note saying why not."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("3-D view note")
        self._layout = QStackedLayout(self)
        self._layout.addWidget(self.note)
        self.view = None  # GLViewWidget, made on first use
        self.surface = None
        self.paths: list = []
        self.landscape = None
        self._frame = None  # (x0, width, y0, z lowest, z scale, z factor)
        self.reason = gl_unavailable_reason()
        self.note.setText(self.reason or "Choose a 2-D landscape to see it in 3-D.")

    def available(self) -> bool:
        return self.reason is None and self.view is not None

    def _ensure_view(self) -> bool:
        if self.reason is not None:
            return False
        if self.view is None:
            try:
                import pyqtgraph.opengl as gl

                self.view = gl.GLViewWidget()
            except Exception as error:  # noqa: BLE001 - keep the app alive, say why
                log.exception("could not create the 3-D view")
                self.reason = f"The 3-D view could not start: {error}"
                self.note.setText(self.reason)
                return False
            self.view.setBackgroundColor(QColor("#202124"))
            self.view.setAccessibleName("3-D landscape")
            self._layout.addWidget(self.view)
        return True

    def set_landscape(self, landscape) -> None:
        self.landscape = landscape
        if landscape is None or landscape.dim != 2:
            self.note.setText(self.reason or "The 3-D view shows 2-D landscapes only.")
            self._layout.setCurrentWidget(self.note)
            return
        if not self._ensure_view():
            self._layout.setCurrentWidget(self.note)
            return
        import pyqtgraph as pg
        import pyqtgraph.opengl as gl

        (x0, x1), (y0, y1) = landscape.bounds
        xs, ys = np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID)
        mesh = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)
        with np.errstate(all="ignore"):
            values = np.asarray(landscape.value(mesh), dtype=np.float64).reshape(GRID, GRID)
        finite = values[np.isfinite(values)]
        lowest = float(finite.min()) if finite.size else 0.0
        gap = finite - lowest
        scale = float(np.percentile(gap, 50)) + 1e-12 if finite.size else 1.0
        heights = squeeze(np.where(np.isfinite(values), values, np.inf), lowest, scale)
        width = max(x1 - x0, y1 - y0)
        top = float(heights.max()) or 1.0
        factor = HEIGHT * width / top
        self._frame = (lowest, scale, factor, width)
        colours = pg.colormap.get("viridis").map(heights / top, mode="float")
        if self.surface is not None:
            self.view.removeItem(self.surface)
        self.surface = gl.GLSurfacePlotItem(
            x=xs, y=ys, z=heights * factor, colors=colours.reshape(-1, 4), smooth=False
        )
        self.view.addItem(self.surface)
        centre = pg.Vector((x0 + x1) / 2, (y0 + y1) / 2, HEIGHT * width / 3)
        self.view.setCameraPosition(pos=centre, distance=1.7 * width, elevation=30, azimuth=-60)
        self.set_paths([], [])
        self._layout.setCurrentWidget(self.view)

    def set_paths(self, paths: list[np.ndarray], colours: list[str]) -> None:
        """One line per path, on the surface (positions (k, 2) in landscape coordinates)."""
        if self.view is None or self._frame is None:
            return
        import pyqtgraph.opengl as gl

        for item in self.paths:
            self.view.removeItem(item)
        self.paths = []
        lowest, scale, factor, width = self._frame
        (x0, x1), (y0, y1) = self.landscape.bounds
        for path, colour in zip(paths, colours, strict=False):
            points = np.asarray(path, dtype=np.float64).reshape(-1, 2)
            with np.errstate(invalid="ignore"):
                inside = (points[:, 0] >= x0) & (points[:, 0] <= x1)
                inside &= (points[:, 1] >= y0) & (points[:, 1] <= y1)
            if not inside.all():  # a path that leaves the box ends at the edge
                points = points[: int(np.argmin(inside))]
            if len(points) == 0:
                continue
            with np.errstate(all="ignore"):
                z = squeeze(np.asarray(self.landscape.value(points)), lowest, scale) * factor
            lifted = np.column_stack([points, z + LIFT * width])
            rgba = QColor(colour)
            line = gl.GLLinePlotItem(
                pos=lifted,
                color=(rgba.redF(), rgba.greenF(), rgba.blueF(), 1.0),
                width=2.5,
                glOptions="opaque",  # the default adds colours up: every path looked white
            )
            self.view.addItem(line)
            self.paths.append(line)

    def show_recording(self, recording, colours: list[str]) -> None:
        """The paths of a Lab run (``RunRecording``), each in its hiker's colour."""
        if self.view is None or recording is None or recording.count == 0:
            return
        count = recording.count
        step = max(1, count // 4000)  # a long run: every n-th point is plenty in 3-D
        paths = [recording.positions[:count:step, i] for i in range(recording.n_hikers)]
        self.set_paths(paths, colours)
