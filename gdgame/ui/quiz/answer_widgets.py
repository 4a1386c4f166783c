"""The answer areas of the Quiz: option buttons and a type-in box (matching: matching_panel).

Each panel shows a :class:`~gdgame.study.quiz_model.Question`, emits ``submitted`` with
the learner's response (the form :func:`gdgame.study.quiz.grade` expects) and marks the
verdict it is given. No grading happens here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdgame.study.quiz_model import Grade, Question

LETTERS = "ABCD"
RIGHT_COLOUR = "#009E73"
WRONG_COLOUR = "#D55E00"
SECTION_NAMES = {  # Learn section id -> how a link names it
    "conversation": "the conversation",
    "summary": "the summary",
    "chapter-1": "Chapter 1",
    "chapter-2": "Chapter 2",
    "chapter-3": "Chapter 3",
    "chapter-4": "Chapter 4",
    "chapter-5": "Chapter 5",
    "concepts": "Key concepts",
    "memory-aids": "Memory aids",
}


def plain_label(text: str = "", wrap: bool = True) -> QLabel:
    """A label that never interprets markup (card text is shown as plain text)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class OptionButton(QPushButton):
    """A push button whose long text wraps: a key badge ("A") and the option text."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.key_label = plain_label(key, wrap=False)
        self.key_label.setMinimumWidth(28)
        font = self.key_label.font()
        font.setBold(True)
        self.key_label.setFont(font)
        self.text_label = plain_label()
        for label in (self.key_label, self.text_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.key_label)
        layout.addWidget(self.text_label, 1)

    def set_option(self, key: str, text: str) -> None:
        self.key_label.setText(key)
        self.text_label.setText(text)
        self.setAccessibleName(f"Option {key}: {text}")
        self.mark(None)

    def option_text(self) -> str:
        return self.text_label.text()

    def mark(self, right: bool | None) -> None:
        """Colour the text green (right), orange-red (wrong) or reset it (None)."""
        if right is None:
            style, badge = "", self.key_label.text().lstrip("✓✗ ")
        else:
            colour = RIGHT_COLOUR if right else WRONG_COLOUR
            style = f"color: {colour}; font-weight: bold;"
            badge = ("✓ " if right else "✗ ") + self.key_label.text().lstrip("✓✗ ")
        self.text_label.setStyleSheet(style)
        self.key_label.setStyleSheet(style)
        self.key_label.setText(badge)


class OptionsPanel(QWidget):
    """2 to 4 options (multiple choice, true/false, scenario); keys 1-4 / A-D select."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = [OptionButton(letter) for letter in LETTERS]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, button in enumerate(self.buttons):
            button.clicked.connect(lambda _=False, i=index: self._clicked(i))
            layout.addWidget(button)
        self.selected = -1
        self.locked = False

    def show_question(self, question: Question) -> None:
        self.selected = -1
        self.locked = False
        for index, button in enumerate(self.buttons):
            visible = index < len(question.options)
            button.setVisible(visible)
            button.setEnabled(True)
            button.setChecked(False)
            if visible:
                button.set_option(LETTERS[index], question.options[index])

    def option_count(self) -> int:
        return sum(not button.isHidden() for button in self.buttons)

    def select(self, index: int) -> None:
        """Highlight option ``index`` (keyboard); Enter then submits it."""
        if self.locked or not 0 <= index < self.option_count():
            return
        self.selected = index
        for i, button in enumerate(self.buttons):
            button.setChecked(i == index)

    def _clicked(self, index: int) -> None:
        if self.locked:
            return
        self.select(index)
        self.submit()

    def submit(self) -> bool:
        if self.locked or self.selected < 0:
            return False
        self.submitted.emit(self.selected)
        return True

    def show_verdict(self, question: Question, verdict: Grade) -> None:
        self.locked = True
        for index, button in enumerate(self.buttons[: self.option_count()]):
            button.setEnabled(False)
            if index == question.correct:
                button.mark(True)
            elif index == self.selected:
                button.mark(False)


class TypeInPanel(QWidget):
    """A line edit; Enter (handled by the screen) or "Check" submits the typed answer."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type the term, then press Enter")
        self.edit.setAccessibleName("Your answer")
        self.edit.setMaxLength(200)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        self.locked = False

    def show_question(self, question: Question) -> None:
        self.locked = False
        self.edit.clear()
        self.edit.setReadOnly(False)
        self.edit.setStyleSheet("")
        self.edit.setFocus()

    def submit(self) -> bool:
        if self.locked:
            return False
        self.submitted.emit(self.edit.text())
        return True

    def show_verdict(self, question: Question, verdict: Grade) -> None:
        self.locked = True
        self.edit.setReadOnly(True)
        colour = RIGHT_COLOUR if verdict.correct else WRONG_COLOUR
        self.edit.setStyleSheet(f"color: {colour}; font-weight: bold;")
