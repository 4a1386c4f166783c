"""The map with its switches: 2-D map or 3-D view, the step's vectors, and the legend.

The legend strip sits under the map (outside the data); the 3-D view is built the first
time it is asked for, and its switch is disabled, with the reason as tooltip, where
OpenGL is not available (``surface3d.gl_unavailable_reason``) or the landscape is 1-D.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.step_explain import StepExplanation
from gdgame.ui.lab.legend_strip import LegendStrip
from gdgame.ui.lab.surface_view import SurfaceView
from gdgame.ui.lab.vector_overlay import VectorOverlay, arrows_of
from gdgame.ui.surface3d import Surface3DView, gl_unavailable_reason
from gdgame.ui.theme import SERIES_COLORS

VECTOR_NOTE = (
    "Arrows ×{scale:.3g}: dashed red −lr·g (a plain gradient step), dotted cyan −lr·v "
    "(the velocity's step), white Δx (the step taken)."
)
ONE_D = "The 3-D view shows 2-D landscapes only."


class MapArea(QWidget):
    """``surface`` (2-D map), ``surface3d`` (made on demand), legend and switches."""

    def __init__(self, surface: SurfaceView, parent=None):
        super().__init__(parent)
        self.surface = surface
        self.surface3d: Surface3DView | None = None
        self.explanation: StepExplanation | None = None
        self.map_button = QPushButton("2-D map")
        self.view3d_button = QPushButton("3-D view")
        group = QButtonGroup(self)
        for button in (self.map_button, self.view3d_button):
            button.setCheckable(True)
            group.addButton(button)
        self.map_button.setChecked(True)
        self.vectors = QCheckBox("Vectors")
        self.vectors.setToolTip(
            "Show the selected hiker's slope, velocity and actual step at the step shown "
            "in Step by step"
        )
        switches = QHBoxLayout()
        switches.setContentsMargins(0, 0, 0, 0)
        switches.addWidget(self.map_button)
        switches.addWidget(self.view3d_button)
        switches.addStretch(1)
        switches.addWidget(self.vectors)
        self.stack = QStackedWidget()
        self.stack.addWidget(surface)
        self.legend = LegendStrip()
        self.vector_note = QLabel()  # always there (empty when off): the map never jumps
        self.vector_note.setWordWrap(True)
        self.vector_note.setMinimumHeight(2 * self.vector_note.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(switches)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.vector_note)
        layout.addWidget(self.legend)
        self.overlay = VectorOverlay(surface.getPlotItem())
        self.view3d_button.toggled.connect(self.show_3d)
        self.vectors.toggled.connect(lambda _on: self.show_explanation(self.explanation))
        self.reason = gl_unavailable_reason()
        self.set_dimensions(2)

    def set_dimensions(self, dim: int) -> None:
        """Enable the 3-D switch for 2-D landscapes where OpenGL works; say why not."""
        why = self.reason or (ONE_D if dim != 2 else None)
        self.view3d_button.setEnabled(why is None)
        self.view3d_button.setToolTip(why or "Rotate the landscape in 3-D (drag; wheel zooms)")
        if why is not None and self.view3d_button.isChecked():
            self.map_button.setChecked(True)

    def is_3d(self) -> bool:
        return self.stack.currentWidget() is not self.surface

    def show_3d(self, on: bool) -> None:
        if on and self.surface3d is None:
            self.surface3d = Surface3DView()
            self.stack.addWidget(self.surface3d)
        if on:
            self.surface3d.set_landscape(self.surface.landscape)
            self.stack.setCurrentWidget(self.surface3d)
        else:
            self.stack.setCurrentWidget(self.surface)

    def landscape_changed(self, landscape) -> None:
        self.set_dimensions(landscape.dim)
        if self.is_3d() and self.surface3d is not None:
            self.surface3d.set_landscape(landscape)

    def show_recording(self, recording) -> None:
        if self.is_3d():
            self.surface3d.show_recording(recording, list(SERIES_COLORS))
        else:
            self.surface.show_recording(recording)
        self.legend.show_status(self.surface.off_map(), recording.diverged_at)

    def show_explanation(self, explanation: StepExplanation | None) -> None:
        """Draw (or clear) the vectors of one explained step on the 2-D map."""
        self.explanation = explanation
        landscape = self.surface.landscape
        if explanation is None or not self.vectors.isChecked() or landscape is None:
            self.overlay.clear()
            self.vector_note.setText("")
            return
        arrows = arrows_of(explanation)
        if landscape.dim == 1:
            with np.errstate(all="ignore"):
                height = float(landscape.value(explanation.position))
            origin = np.array([explanation.position[0], height])
            arrows = {k: np.array([v[0], 0.0]) for k, v in arrows.items()}
            box = landscape.bounds
        else:
            origin = np.asarray(explanation.position[:2], dtype=np.float64)
            box = landscape.bounds
        scale = self.overlay.show(origin, arrows, box)
        self.vector_note.setText(VECTOR_NOTE.format(scale=scale))
