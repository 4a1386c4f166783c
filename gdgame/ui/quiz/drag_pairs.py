"""Drag and drop for the matching question: drag a term onto its definition.

The term buttons start a drag carrying their row number; the definition buttons accept
it and emit ``term_dropped(term_row)``. Clicking still works as before (a press that
does not move far enough is an ordinary click).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication

from gdgame.ui.quiz.answer_widgets import OptionButton

TERM_MIME = "application/x-gdgame-quiz-term"


def term_mime(row: int) -> QMimeData:
    """The drag payload of the term in ``row``."""
    mime = QMimeData()
    mime.setData(TERM_MIME, QByteArray(str(row).encode("ascii")))
    return mime


def term_row(mime: QMimeData) -> int | None:
    """The term row carried by a drag, or None if it is not one of ours."""
    if not mime.hasFormat(TERM_MIME):
        return None
    try:
        return int(bytes(mime.data(TERM_MIME).data()).decode("ascii"))
    except ValueError:
        return None


class TermButton(OptionButton):
    """A term (left column): click to choose it, or drag it onto a definition."""

    def __init__(self, key: str, row: int, parent=None):
        super().__init__(key, parent)
        self.row = row
        self._press: QPoint | None = None
        self.drag_enabled = True

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        start = self._press
        far = (
            start is not None
            and (event.position().toPoint() - start).manhattanLength()
            >= QApplication.startDragDistance()
        )
        if not (far and self.drag_enabled and self.isEnabled()):
            super().mouseMoveEvent(event)
            return
        self._press = None
        self.setDown(False)  # a drag is not a click
        drag = QDrag(self)
        drag.setMimeData(term_mime(self.row))
        drag.setPixmap(self.grab())
        drag.setHotSpot(event.position().toPoint())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = None
        super().mouseReleaseEvent(event)


class DefinitionButton(OptionButton):
    """A definition (right column): click it, or drop a term on it."""

    term_dropped = Signal(int)

    def __init__(self, key: str, parent=None):
        super().__init__(key, parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.isEnabled() and term_row(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        row = term_row(event.mimeData())
        if row is None or not self.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.term_dropped.emit(row)
