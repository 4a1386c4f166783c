"""The race's results under the plots: one sortable row per hiker, the winner highlighted.

Columns: hiker, optimiser, rate, final loss, best loss, steps to reach the goal (the loss
within the tolerance of the lowest value), and the step it diverged at. The numbers come
from ``RunRecording.results`` (the engine's ``race_results``); this view only shows them.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.analysis import HikerResult, best_result
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.names import hiker_name, optimizer_name
from gdgame.ui.theme import SERIES_COLORS

RISING = "↗ above its start"
COLUMNS = ("Hiker", "Optimiser", "Rate", "Final loss", "Best loss", "Steps to goal", "Diverged at")
NEVER = "—"


def _swatch(index: int) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
    return QIcon(pixmap)


class ToleranceBox(QComboBox):
    """The goal tolerance as a power of ten (1e-1 ... 1e-12); ``value``/``setValue``."""

    changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        for power in range(1, 13):
            self.addItem(f"1e-{power}", 10.0**-power)
        self.setValue(1e-3)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit(self.value()))

    def value(self) -> float:
        return float(self.currentData())

    def setValue(self, value: float) -> None:  # noqa: N802 (like a spin box)
        power = min(max(round(-math.log10(max(float(value), 1e-300))), 1), 12)
        self.setCurrentIndex(power - 1)


class NumberItem(QTableWidgetItem):
    """A cell that shows text but sorts by number (missing values sort last)."""

    def __init__(self, text: str, key: float):
        super().__init__(text)
        self.key = key
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other):  # noqa: D105
        if isinstance(other, NumberItem):
            return (math.isnan(self.key), self.key) < (math.isnan(other.key), other.key)
        return super().__lt__(other)


def number_text(value: float) -> str:
    return NEVER if value is None or not math.isfinite(value) else f"{value:.4g}"


def row_cells(index: int, spec: HikerSpec, result: HikerResult) -> list[tuple[str, float | None]]:
    """(text, sort key) of each column of one hiker's row (key None: sort as text)."""
    goal = result.goal_step
    nan = float("nan")
    return [
        (f"{index + 1}. {hiker_name(spec)}", float(index)),
        (optimizer_name(spec.optimizer), None),
        (f"{spec.lr:.4g}", spec.lr),
        (number_text(result.final_loss), result.final_loss),
        (number_text(result.best_loss), result.best_loss),
        (NEVER if goal is None else str(goal), nan if goal is None else float(goal)),
        _diverged_cell(result),
    ]


def _diverged_cell(result: HikerResult) -> tuple[str, float]:
    """ "✕ step k" when it ran away; "↗ above its start" when it ended higher than it began
    (diverging slowly, e.g. a rate just past 2/L); else never."""
    if result.diverged_at is not None:
        return f"✕ step {result.diverged_at}", float(result.diverged_at)
    if result.rising:
        return RISING, float("inf")
    return NEVER, float("nan")


class ResultsTable(QWidget):
    """The table and its goal tolerance; ``toleranceChanged`` asks the screen to refresh."""

    toleranceChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tolerance = ToleranceBox()
        self.tolerance.setToolTip(
            "A hiker reaches the goal when its loss is this close to the lowest"
        )
        self.tolerance.changed.connect(self.toleranceChanged)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Race results")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # hiker 1 first
        header.setToolTip("Click a column to sort by it")
        self.table.horizontalHeaderItem(6).setToolTip(
            "When the engine had to stop the hiker, or its loss rose past a thousand "
            "times the map's height"
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("Goal: loss within"))
        top.addWidget(self.tolerance)
        top.addWidget(QLabel("of the lowest"))
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 3 * rows)
        self.best: int | None = None
        self._shown: tuple | None = None

    def show_results(self, specs: list[HikerSpec], results: list[HikerResult]) -> None:
        key = (tuple(specs), tuple(results))
        if key == self._shown:
            return
        self._shown = key
        self.best = best_result(results) if results else None
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)  # rows are filled in place, then sorted once
        self.table.setRowCount(len(results))
        bold = QFont(self.font())
        bold.setBold(True)
        highlight = QBrush(QColor(230, 159, 0, 70))  # amber, see-through: light and dark
        for row, (spec, result) in enumerate(zip(specs, results, strict=False)):
            for column, (text, sort_key) in enumerate(row_cells(row, spec, result)):
                item = QTableWidgetItem(text) if sort_key is None else NumberItem(text, sort_key)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setIcon(_swatch(row))
                    item.setData(Qt.ItemDataRole.UserRole, row)
                if row == self.best:
                    item.setFont(bold)
                    item.setBackground(highlight)
                    if column == 0:
                        item.setText("★ " + text)
                        item.setToolTip(
                            "The winner: lowest final loss of those that did not diverge"
                        )
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(sorting)
        self.summary.setText(self._summary(specs, results))

    def _summary(self, specs, results) -> str:
        if not results:
            return ""
        parts = []
        if self.best is not None:
            parts.append(f"Winner: {self.best + 1}. {hiker_name(specs[self.best])}")
        gone = sum(1 for r in results if r.diverged)
        if gone:
            parts.append(f"{gone} diverged")
        return " · ".join(parts)

    def hiker_at_row(self, row: int) -> int:
        """The hiker number (0-based) shown in a table row, whatever the sort order."""
        return int(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def cell_text(self, hiker: int, column: str) -> str:
        """The text shown for ``hiker`` (0-based) in ``column`` (for tests)."""
        for row in range(self.table.rowCount()):
            if self.hiker_at_row(row) == hiker:
                return self.table.item(row, COLUMNS.index(column)).text()
        raise KeyError(hiker)
