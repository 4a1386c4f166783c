"""The hint ladder: the rungs already taken stay in view, the next one shows its price.

A rung is only ever shown after the player asks for it (the Hint button or H), and the
button says what the next rung costs before it is taken. A rung that uses 1/L and 2/L
links to the lesson section that explains them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

KIND_NAMES = {"nudge": "A question", "principle": "The principle", "numbers": "The numbers"}
HINT_KEY = "H"
MAX_LINES = 4
"""Lines of hints shown before the list scrolls (the plots below keep their room)."""


def hint_button_text(cost: str | None) -> str:
    """``"Hint (H) · costs 25 points"``, or that every rung is shown."""
    if cost is None:
        return "No more hints"
    return f"Hint ({HINT_KEY}) · {cost}"


def rung_html(rung) -> str:
    title = KIND_NAMES.get(rung.kind, rung.kind.capitalize())
    text = f"<p style='margin:0 0 6px 0'><b>{rung.index + 1}. {escape(title)}</b> "
    text += f"<span style='color:gray'>({escape(rung.cost_text())})</span><br>"
    text += escape(rung.text)
    section = getattr(rung, "learn_section", None)
    if section:
        text += f" <a href='{escape(section, quote=True)}'>Read why in the lesson</a>"
    return text + "</p>"


class HintsPanel(QWidget):
    """The rungs shown so far; ``learnRequested(section)`` when a lesson link is clicked."""

    learnRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel("<b>Hints you took</b>")
        self.text = QLabel()
        self.text.setAccessibleName("Hints you took")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.linkActivated.connect(self.learnRequested)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.text)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll)
        self.rungs: list = []
        self.setVisible(False)

    def show_rungs(self, rungs) -> None:
        self.rungs = list(rungs)
        self.text.setText("".join(rung_html(rung) for rung in self.rungs))
        self.setVisible(bool(self.rungs))
        self._fit()

    def _fit(self) -> None:
        """As tall as the hints, up to MAX_LINES; then the list scrolls to the newest."""
        width = max(100, self.scroll.viewport().width())
        most = self.fontMetrics().lineSpacing() * MAX_LINES + 8
        self.scroll.setFixedHeight(min(most, self.text.heightForWidth(width) + 4))
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())  # the rung just taken is in view

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    @staticmethod
    def update_button(button: QPushButton, cost: str | None) -> None:
        button.setText(hint_button_text(cost))
        button.setEnabled(cost is not None)
        button.setToolTip(
            f"Show the next hint ({HINT_KEY}): it {cost}"
            if cost
            else "You have seen every hint for this level"
        )
