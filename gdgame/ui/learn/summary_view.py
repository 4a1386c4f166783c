"""The lesson summary with a Basic / Medium / Detailed switch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from gdgame.lesson import SUMMARY_DEPTHS
from gdgame.ui.learn.common import ReadingPage, heading, markdown_label, plain_label

DEPTH_LABELS = {"basic": "Basic", "medium": "Medium", "detailed": "Detailed"}
DEPTH_HINTS = {
    "basic": "The essentials in a minute.",
    "medium": "Adds the mountain picture and where the gradient comes from.",
    "detailed": "Everything: the six chapters, key ideas, a worked example and memory aids.",
}


class SummaryView(ReadingPage):
    """Shows one of the three summaries; ``depth_changed(depth)`` when the learner switches."""

    depth_changed = Signal(str)

    def __init__(self, summaries: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self._summaries = summaries
        self._depth = ""
        self.add(heading("Summary", 1))
        switch = QWidget()
        row = QHBoxLayout(switch)
        row.setContentsMargins(0, 0, 0, 0)
        depth_label = plain_label("Depth:")
        depth_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(depth_label)
        self.depth_buttons: dict[str, QRadioButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        for depth in SUMMARY_DEPTHS:
            button = QRadioButton(DEPTH_LABELS[depth])
            button.setToolTip(DEPTH_HINTS[depth])
            button.toggled.connect(lambda checked, d=depth: checked and self.set_depth(d))
            self._group.addButton(button)
            self.depth_buttons[depth] = button
            row.addWidget(button)
        row.addStretch(1)
        self.add(switch)
        self.hint = plain_label("")
        self.add(self.hint)
        self.body = self.add(markdown_label(""))
        self.finish()
        self.set_depth("basic")

    def depth(self) -> str:
        return self._depth

    def text(self) -> str:
        return self.body.text()

    def set_depth(self, depth: str) -> None:
        if depth not in self._summaries:
            depth = "basic"
        self.depth_buttons[depth].setChecked(True)
        if depth == self._depth:
            return
        self._depth = depth
        self.hint.setText(DEPTH_HINTS[depth])
        self.body.setText(self._summaries[depth])
        self.scroll_to_top()
        self.depth_changed.emit(depth)
