"""The short animated message after each step ("Overshoot! You crossed the valley")."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QVBoxLayout, QWidget

KIND_COLORS = {
    # Darkened Okabe-Ito hues: white bold text on each has a contrast ratio of 5.5:1 or
    # more (WCAG AA), in the light and the dark theme alike.
    "divergence": "#B34700",
    "overshoot": "#875400",
    "crawl": "#1F6391",
    "stuck": "#A0407A",
    "descent": "#007556",
    "won": "#00609A",
    "info": "#5C5C5C",
}
FADE_MS = 450


class StepBanner(QWidget):
    """A coloured headline that fades in, the explanation and the lesson tie-in below it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setObjectName("hike-step-label")
        self.headline.setAccessibleName("Step result")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setAccessibleName("What happened")
        self.explanation.setWordWrap(True)
        self.tie_in = QLabel()
        self.tie_in.setAccessibleName("Lesson link")
        self.tie_in.setWordWrap(True)
        self.tie_in.setTextFormat(Qt.TextFormat.RichText)
        self.tie_in.setOpenExternalLinks(False)
        self._effect = QGraphicsOpacityEffect(self.headline)
        self._effect.setOpacity(1.0)
        self.headline.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(0.15)
        self._fade.setEndValue(1.0)
        self._fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addWidget(self.tie_in)

    def show_message(
        self, kind: str, headline: str, explanation: str = "", tie_in: str = "", term: str = ""
    ) -> None:
        colour = KIND_COLORS.get(kind, KIND_COLORS["info"])
        self.headline.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-size: 13pt; "
            "font-weight: bold; border-radius: 6px; padding: 6px; }"
        )
        self.headline.setText(headline)
        self.explanation.setText(explanation)
        if tie_in and term:
            self.tie_in.setText(f"<i>{tie_in}</i> &nbsp;<a href='{term}'>Review the card</a>")
        else:
            self.tie_in.setText(f"<i>{tie_in}</i>" if tie_in else "")
        self._fade.stop()
        self._fade.start()

    def text(self) -> str:
        return self.headline.text()

    def stop(self) -> None:
        self._fade.stop()
        self._effect.setOpacity(1.0)
