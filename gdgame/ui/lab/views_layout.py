"""The Lab's right-hand side: the map, the sweep and the live plots, arranged to fit.

On a wide window the sweep sits next to the map, above the live plots. When the window is
narrow (a small laptop, a projector, or a large scale factor) the live plots (stacked) and
the sweep move to their own tabs, so nothing is squeezed below its minimum size or clipped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

WIDE_FROM = 680  # pixels (device independent) needed to show the sweep beside the map
RACE_TAB = "Map"
PLOTS_TAB = "Plots"
SWEEP_TAB = "Sweep"


class LabViews(QTabWidget):
    """Map | sweep over the live plots when wide; tabs Map, Plots and Sweep when narrow."""

    def __init__(self, surface: QWidget, sweep: QWidget, plots: QWidget, parent=None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self._sweep = sweep
        self._plots = plots
        self._wide: bool | None = None
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.setChildrenCollapsible(False)
        self.top.addWidget(surface)
        self.race = QSplitter(Qt.Orientation.Vertical)
        self.race.setChildrenCollapsible(False)
        self.race.addWidget(self.top)
        self.addTab(self.race, RACE_TAB)
        self.arrange(wide=True)

    def is_wide(self) -> bool:
        return bool(self._wide)

    def show_sweep(self) -> None:
        """Bring the sweep into view (switches tab when narrow)."""
        if not self._wide:
            self.setCurrentWidget(self._sweep)

    def show_race(self) -> None:
        self.setCurrentWidget(self.race)

    def show_plots(self) -> None:
        """Bring the live plots into view (switches tab when narrow)."""
        if not self._wide:
            self.setCurrentWidget(self._plots)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.arrange(self.width() >= WIDE_FROM)

    def arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        for page in (self._plots, self._sweep):
            index = self.indexOf(page)
            if index >= 0:
                self.removeTab(index)
        compact = getattr(self._plots, "set_compact", None)
        if compact is not None:
            compact(not wide)
        if wide:
            self.top.addWidget(self._sweep)
            self.top.setStretchFactor(0, 3)
            self.top.setStretchFactor(1, 2)
            self.race.addWidget(self._plots)
            self.race.setStretchFactor(0, 3)
            self.race.setStretchFactor(1, 2)
            for page in (self._sweep, self._plots):
                page.show()
            self.tabBar().hide()
        else:
            self.addTab(self._plots, PLOTS_TAB)
            self.addTab(self._sweep, SWEEP_TAB)
            self.tabBar().show()
