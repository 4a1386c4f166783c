"""The short animated message after each step ("Overshoot! You crossed the valley").

The banner keeps one height whatever it says: the headline has room for two lines and the
explanation scrolls inside a fixed box, so the plots never move under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QEvent, QPropertyAnimation, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

KIND_COLORS = {
    # Darkened Okabe-Ito hues: white bold text on each has a contrast ratio of 5.5:1 or
    # more (WCAG AA), in the light and the dark theme alike.
    "divergence": "#B34700",
    "overshoot": "#875400",
    "crawl": "#1F6391",
    "stuck": "#A0407A",
    "noisy": "#5E4B8B",
    "descent": "#007556",
    "won": "#00609A",
    "info": "#5C5C5C",
}
FADE_MS = 450
HEADLINE_POINTS = 13.0
HEADLINE_LINES = 2
BODY_LINES = 4
"""Lines of explanation and lesson link shown before the text scrolls."""


class StepBanner(QWidget):
    """A coloured headline that fades in, the explanation and the lesson tie-in below it.

    ``motion_off()`` is asked before each fade: under View > Reduce Motion the headline
    appears at once.
    """

    def __init__(
        self, motion_off: Callable[[], bool] = lambda: False, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._motion_off = motion_off
        self.kind = "info"
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
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.addWidget(self.explanation)
        body_layout.addWidget(self.tie_in)
        body_layout.addStretch(1)
        self.body = QScrollArea()
        self.body.setWidget(body)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        layout.addWidget(self.body)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fix_heights()

    def set_compact(self, on: bool) -> None:
        """Only the headline (at the reveal, where the map needs the room)."""
        self.body.setVisible(not on)
        self._fix_heights()

    def _fix_heights(self) -> None:
        """Room for a two-line headline and a few lines of text, whatever is shown."""
        font = QFont(self.font())
        font.setPointSizeF(HEADLINE_POINTS)
        font.setBold(True)
        head = QFontMetrics(font).lineSpacing() * HEADLINE_LINES + 16  # padding and border
        self.headline.setFixedHeight(head)
        body = QFontMetrics(self.font()).lineSpacing() * BODY_LINES + 8
        self.body.setFixedHeight(body)
        if self.body.isHidden():
            self.setFixedHeight(head)
            return
        spacing = max(0, self.layout().spacing())
        self.setFixedHeight(head + body + spacing)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FontChange:
            self._fix_heights()
        super().changeEvent(event)

    def show_message(
        self, kind: str, headline: str, explanation: str = "", tie_in: str = "", term: str = ""
    ) -> None:
        self.kind = kind if kind in KIND_COLORS else "info"
        colour = KIND_COLORS[self.kind]
        self.headline.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-size: {HEADLINE_POINTS:g}pt; "
            "font-weight: bold; border-radius: 6px; padding: 6px; }"
        )
        self.headline.setText(headline)
        self.headline.setToolTip(headline)  # the whole text, should two lines not hold it
        self.explanation.setText(explanation)
        if tie_in and term:
            self.tie_in.setText(f"<i>{tie_in}</i> &nbsp;<a href='{term}'>Review the card</a>")
        else:
            self.tie_in.setText(f"<i>{tie_in}</i>" if tie_in else "")
        self.body.verticalScrollBar().setValue(0)
        self._fade.stop()
        if self._motion_off():
            self._effect.setOpacity(1.0)
        else:
            self._fade.start()

    def is_fading(self) -> bool:
        return self._fade.state() == QPropertyAnimation.State.Running

    def text(self) -> str:
        return self.headline.text()

    def stop(self) -> None:
        self._fade.stop()
        self._effect.setOpacity(1.0)
