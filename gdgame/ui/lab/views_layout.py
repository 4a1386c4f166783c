"""The Lab's right-hand side: the map, the tool pages and the plots with the results.

On a wide window the map sits top left, the tool pages (step by step, sweep, phase map)
top right as tabs, and the live plots with the results table under them across the whole
width. When the window is narrow (a small laptop, a projector, a large scale factor) every
part gets its own tab, so nothing is squeezed below its minimum size or clipped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

WIDE_FROM = 760  # pixels (device independent) needed to show the tools beside the map
RACE_TAB = "Map"
PLOTS_TAB = "Plots"


class LabViews(QTabWidget):
    """Map | tools over plots + results when wide; one tab each when narrow."""

    def __init__(
        self,
        map_area: QWidget,
        pages: list[tuple[str, QWidget]],
        plots: QWidget,
        results: QWidget,
        parent=None,
    ):
        super().__init__(parent)
        self.setAccessibleName("Lab views")
        self.setDocumentMode(True)
        self._pages = list(pages)
        self._plots = plots
        self._wide: bool | None = None
        self._last_page: QWidget | None = None  # the tool page the user saw last
        self.tools = QTabWidget()
        self.tools.setAccessibleName("Lab tools")
        self.tools.setDocumentMode(True)
        self.bottom = QSplitter(Qt.Orientation.Vertical)
        self.bottom.setChildrenCollapsible(False)
        self.bottom.addWidget(plots)
        self.bottom.addWidget(results)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 2)
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.setChildrenCollapsible(False)
        self.top.addWidget(map_area)
        self.top.addWidget(self.tools)
        self.top.setStretchFactor(0, 3)
        self.top.setStretchFactor(1, 2)
        self.race = QSplitter(Qt.Orientation.Vertical)
        self.race.setChildrenCollapsible(False)
        self.race.addWidget(self.top)
        self.addTab(self.race, RACE_TAB)
        self.arrange(wide=True)
        self.tools.currentChanged.connect(self._remember_page)
        self.currentChanged.connect(self._remember_page)

    def _remember_page(self, _index: int) -> None:
        pages = [page for _title, page in self._pages]
        for shown in (self.currentWidget(), self.tools.currentWidget()):
            if shown in pages and shown.isVisibleTo(self):
                self._last_page = shown
                return

    def is_wide(self) -> bool:
        return bool(self._wide)

    def show_page(self, page: QWidget) -> None:
        """Bring a tool page into view (its tab beside the map, or its own tab)."""
        self._last_page = page
        if self._wide:
            self.tools.setCurrentWidget(page)
        else:
            self.setCurrentWidget(page)

    def show_sweep(self) -> None:
        self.show_page(self._pages[self._index("Sweep")][1])

    def show_race(self) -> None:
        self.setCurrentWidget(self.race)

    def show_plots(self) -> None:
        if not self._wide:
            self.setCurrentWidget(self.bottom)

    def _index(self, title: str) -> int:
        return next(i for i, (t, _w) in enumerate(self._pages) if t == title)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.arrange(self.width() >= WIDE_FROM)

    def arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        current = self._last_page
        for index in reversed(range(1, self.count())):
            self.removeTab(index)
        while self.tools.count():
            self.tools.removeTab(0)
        compact = getattr(self._plots, "set_compact", None)
        if compact is not None:
            compact(not wide)
        if wide:
            for title, page in self._pages:
                self.tools.addTab(page, title)
            self.race.addWidget(self.bottom)
            self.race.setStretchFactor(0, 1)
            self.race.setStretchFactor(1, 1)
            self.tools.show()
            self.bottom.show()
            if current is not None:
                self.tools.setCurrentWidget(current)
            self.tabBar().hide()
        else:
            self.tools.hide()
            self.addTab(self.bottom, PLOTS_TAB)
            for title, page in self._pages:
                self.addTab(page, title)
            self.tabBar().show()
