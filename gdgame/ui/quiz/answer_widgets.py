"""The answer areas of the Quiz: option buttons, a type-in box and matching columns.

Each panel shows a :class:`~gdgame.study.quiz_model.Question`, emits ``submitted`` with
the learner's response (the form :func:`gdgame.study.quiz.grade` expects) and marks the
verdict it is given. No grading happens here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
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


class MatchingPanel(QWidget):
    """Terms on the left (keys 1-4), definitions on the right (keys A-D): click to pair.

    Choose a term, then its definition; choosing a paired term again unpairs it. When
    every term has a partner, Enter or "Check" submits.
    """

    submitted = Signal(object)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.left_buttons = [OptionButton(str(i + 1)) for i in range(len(LETTERS))]
        self.right_buttons = [OptionButton(letter) for letter in LETTERS]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)
        for row, (left, right) in enumerate(self._button_rows()):
            left.clicked.connect(lambda _=False, i=row: self.pick_left(i))
            right.clicked.connect(lambda _=False, i=row: self.pick_right(i))
            grid.addWidget(left, row, 0)
            grid.addWidget(right, row, 1)
        self.question: Question | None = None
        self.pairs: list[int] = []
        self.active = -1
        self.locked = False

    def _button_rows(self):
        return zip(self.left_buttons, self.right_buttons, strict=True)

    def show_question(self, question: Question) -> None:
        self.question = question
        self.pairs = [-1] * len(question.left)
        self.active = -1
        self.locked = False
        for index, (left, right) in enumerate(self._button_rows()):
            visible = index < len(question.left)
            for button in (left, right):
                button.setVisible(visible)
                button.setEnabled(True)
            if visible:
                left.set_option(str(index + 1), question.left[index])
                right.set_option(LETTERS[index], question.right[index])
        self._refresh()

    @property
    def complete(self) -> bool:
        return bool(self.pairs) and all(choice >= 0 for choice in self.pairs)

    def pick_left(self, index: int) -> None:
        if self.locked or not 0 <= index < len(self.pairs):
            return
        if self.pairs[index] >= 0:
            self.pairs[index] = -1  # unpair, and make it the active term
        self.active = index
        self._refresh()

    def pick_right(self, index: int) -> None:
        if self.locked or not 0 <= index < len(self.pairs):
            return
        if self.active < 0:
            self.active = next((i for i, c in enumerate(self.pairs) if c < 0), -1)
        if self.active < 0:
            return
        self.pairs = [-1 if choice == index else choice for choice in self.pairs]
        self.pairs[self.active] = index
        self.active = next((i for i, c in enumerate(self.pairs) if c < 0), -1)
        self._refresh()

    def _refresh(self) -> None:
        for index, button in enumerate(self.left_buttons[: len(self.pairs)]):
            choice = self.pairs[index]
            suffix = f"   → {LETTERS[choice]}" if choice >= 0 else ""
            button.text_label.setText(self.question.left[index] + suffix)
            button.setChecked(index == self.active)
        taken = set(self.pairs)
        for index, button in enumerate(self.right_buttons[: len(self.pairs)]):
            button.setChecked(index in taken)
        self.changed.emit()

    def submit(self) -> bool:
        if self.locked or not self.complete:
            return False
        self.submitted.emit(list(self.pairs))
        return True

    def show_verdict(self, question: Question, verdict: Grade) -> None:
        self.locked = True
        self.active = -1
        for index, ok in enumerate(verdict.pair_results):
            button = self.left_buttons[index]
            button.setChecked(False)
            button.setEnabled(False)
            button.mark(ok)
            if not ok:
                right, chosen = LETTERS[question.solution[index]], self.pairs[index]
                picked = f", not {LETTERS[chosen]}" if chosen >= 0 else ""
                button.text_label.setText(f"{question.left[index]}   → {right}{picked}")
        for button in self.right_buttons:
            button.setChecked(False)
            button.setEnabled(False)
