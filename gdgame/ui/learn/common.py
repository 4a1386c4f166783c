"""Small building blocks shared by the Learn pages: text labels, tinted panels, a page.

Everything takes its colours from the palette and its sizes from the font, so the pages
follow dark mode and the system font size (headings use relative HTML sizes).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
LINKS = (
    Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
)
READING_WIDTH_CHARS = 120


def blend(base: QColor, other: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0..1) of the way towards ``other``."""
    return QColor.fromRgbF(
        base.redF() + (other.redF() - base.redF()) * amount,
        base.greenF() + (other.greenF() - base.greenF()) * amount,
        base.blueF() + (other.blueF() - base.blueF()) * amount,
    )


def markdown_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Word-wrapped, selectable Markdown text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.MarkdownText)
    label.setText(text)
    _wrap_and_select(label)
    return label


def rich_label(html_text: str, parent: QWidget | None = None, links: bool = False) -> QLabel:
    """Word-wrapped, selectable rich text; with ``links`` its anchors emit ``linkActivated``."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(html_text)
    _wrap_and_select(label, links)
    return label


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    _wrap_and_select(label)
    return label


def _wrap_and_select(label: QLabel, links: bool = False) -> None:
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(SELECTABLE | LINKS if links else SELECTABLE)
    if links:
        label.setOpenExternalLinks(False)
    policy = label.sizePolicy()
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    """A heading whose size is relative to the current font (HTML h1..h4)."""
    label = rich_label(f"<h{level}>{html.escape(text)}</h{level}>", parent)
    label.setAccessibleName(text)
    return label


class TintedPanel(QFrame):
    """A rounded panel whose fill and border are mixed from the palette at paint time.

    ``tint`` says how far the fill moves from Base towards Highlight; ``emphasised``
    draws a thicker Highlight border (e.g. the dialogue line being read aloud).
    """

    def __init__(self, tint: float = 0.08, parent: QWidget | None = None):
        super().__init__(parent)
        self._tint = tint
        self._emphasised = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        pad = max(6, self.fontMetrics().height() // 2)
        self.setContentsMargins(pad, pad // 2 + 2, pad, pad // 2 + 2)

    def set_emphasised(self, on: bool) -> None:
        if on != self._emphasised:
            self._emphasised = on
            self.update()

    def emphasised(self) -> bool:
        return self._emphasised

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        fill = blend(base, highlight, self._tint)
        if self._emphasised:
            pen = QPen(highlight, 3)
        else:
            pen = QPen(blend(fill, text, 0.25), 1)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(fill)
        inset = pen.widthF() / 2 + 0.5
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        radius = self.fontMetrics().height() * 0.6
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()


class ReadingPage(QScrollArea):
    """A scrolling page with a centred reading column of comfortable width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        outer = QWidget()
        row = QHBoxLayout(outer)
        self.column = QWidget()
        self.column.setMaximumWidth(self.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS)
        self.column_layout = QVBoxLayout(self.column)
        spacing = self.fontMetrics().height() // 2
        self.column_layout.setSpacing(spacing)
        row.addStretch(1)
        row.addWidget(self.column, 40)
        row.addStretch(1)
        self.setWidget(outer)

    def add(self, widget: QWidget) -> QWidget:
        self.column_layout.addWidget(widget)
        return widget

    def finish(self) -> None:
        """Call after the last ``add``: keeps the content at the top of the page."""
        self.column_layout.addStretch(1)

    def scroll_to_top(self) -> None:
        self.verticalScrollBar().setValue(0)
