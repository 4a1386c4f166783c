"""Matching by drag and drop: drag a term onto a definition (clicks still work)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from gdgame.study.quiz import MATCHING
from gdgame.ui.quiz.drag_pairs import term_mime, term_row
from gdgame.ui.quiz.screen import QuizScreen


@pytest.fixture
def screen(qtbot, ctx):
    widget = QuizScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.record_answers = False
    assert widget.start(MATCHING, 1, [], seed=3)
    yield widget
    widget.shutdown()


def _mouse(widget, kind, pos: QPoint, buttons) -> None:
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _drop(widget, mime: QMimeData) -> bool:
    """What the window system sends when a drag enters ``widget`` and is released."""
    point = widget.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.MoveAction, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(point), Qt.DropAction.MoveAction, mime, buttons, keys, QEvent.Type.Drop
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_dragging_a_term_carries_its_row(qtbot, screen, monkeypatch):
    started = []
    monkeypatch.setattr(
        QDrag, "exec", lambda drag, *args: started.append(term_row(drag.mimeData())) or 0
    )
    term = screen.question_page.matching.left_buttons[2]
    start = term.rect().center()
    _mouse(term, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    far = start + QPoint(QApplication.startDragDistance() + 5, 0)
    _mouse(term, QEvent.Type.MouseMove, far, Qt.MouseButton.LeftButton)
    assert started == [2]
    _mouse(term, QEvent.Type.MouseButtonRelease, far, Qt.MouseButton.NoButton)
    assert screen.question_page.matching.active == -1  # a drag is not a click
    qtbot.mouseClick(term, Qt.MouseButton.LeftButton)
    assert screen.question_page.matching.active == 2 and started == [2]  # a click is


def test_dropping_terms_on_definitions_pairs_them_and_grades(screen):
    question = screen.session.current
    panel = screen.question_page.matching
    for row, choice in enumerate(question.solution):
        assert _drop(panel.right_buttons[choice], term_mime(row))
    assert panel.pairs == list(question.solution)
    assert screen.question_page.check_button.isEnabled()
    # Dropping a term on another definition moves the pair (the old one is freed).
    assert _drop(panel.right_buttons[question.solution[1]], term_mime(0))
    assert panel.pairs[0] == question.solution[1] and panel.pairs[1] == -1
    assert not screen.question_page.check_button.isEnabled()
    assert _drop(panel.right_buttons[question.solution[0]], term_mime(0))
    assert _drop(panel.right_buttons[question.solution[1]], term_mime(1))
    assert screen.question_page.submit()
    assert screen.session.grades[0].correct
    # After the verdict, drops are refused and change nothing.
    assert not _drop(panel.right_buttons[0], term_mime(1))
    assert panel.pairs == list(question.solution)


def test_foreign_drags_are_ignored(screen):
    panel = screen.question_page.matching
    text = QMimeData()
    text.setText("1")
    assert not _drop(panel.right_buttons[0], text)
    assert panel.pairs == [-1] * len(panel.pairs)
    assert term_row(text) is None
