"""Deck options: new cards per day, maximum reviews per day and desired retention.

Anki's two most used options with FSRS. The retention line under the slider says what a
setting costs, with numbers from ``fsrs`` (:func:`gdgame.study.deck_options.retention_tradeoff`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from gdgame.study.deck_options import (
    PER_DAY_RANGE,
    RETENTION_RANGE,
    DeckOptions,
    retention_tradeoff,
)


class DeckOptionsDialog(QDialog):
    """Edits a :class:`DeckOptions`; :meth:`options` returns the chosen values."""

    def __init__(self, options: DeckOptions, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Deck options")
        self.setMinimumWidth(480)
        low, high = PER_DAY_RANGE
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(low, high)
        self.new_per_day.setValue(options.new_per_day)
        self.new_per_day.setAccessibleName("New cards per day")
        self.new_per_day.setToolTip("How many cards you have never seen may come each day")
        self.reviews_per_day = QSpinBox()
        self.reviews_per_day.setRange(low, high)
        self.reviews_per_day.setValue(options.reviews_per_day)
        self.reviews_per_day.setAccessibleName("Maximum reviews per day")
        self.reviews_per_day.setToolTip(
            "The most review cards shown in a day; the rest wait (learning cards never do)"
        )
        self.retention = QSpinBox()
        self.retention.setRange(round(RETENTION_RANGE[0] * 100), round(RETENTION_RANGE[1] * 100))
        self.retention.setSuffix(" %")
        self.retention.setValue(round(options.desired_retention * 100))
        self.retention.setAccessibleName("Desired retention")
        self.retention.setToolTip("How likely you want to be to remember a card when it comes back")
        self.tradeoff = QLabel()
        self.tradeoff.setTextFormat(Qt.TextFormat.PlainText)
        self.tradeoff.setWordWrap(True)
        self.tradeoff.setAccessibleName("Workload of this retention")
        self.retention.valueChanged.connect(self._show_tradeoff)
        self._show_tradeoff(self.retention.value())

        form = QFormLayout()
        form.addRow("&New cards per day", self.new_per_day)
        form.addRow("&Maximum reviews per day", self.reviews_per_day)
        form.addRow("Desired &retention", self.retention)
        form.addRow("", self.tradeoff)
        note = QLabel(
            "A study day starts at 4 am. Answers in the Quiz and the learn mode count "
            "towards the day's limits too."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _show_tradeoff(self, percent: int) -> None:
        self.tradeoff.setText(retention_tradeoff(percent / 100))

    def options(self) -> DeckOptions:
        return DeckOptions(
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            desired_retention=self.retention.value() / 100,
        )
