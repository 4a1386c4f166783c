"""The matching question: pair four terms with their definitions by click, key or drag."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from gdgame.study.quiz_model import Grade, Question
from gdgame.ui.quiz.answer_widgets import LETTERS
from gdgame.ui.quiz.drag_pairs import DefinitionButton, TermButton


class MatchingPanel(QWidget):
    """Terms on the left (keys 1-4), definitions on the right (keys A-D).

    Pair them by clicking (a term, then its definition; choosing a paired term again
    unpairs it) or by dragging a term onto its definition. When every term has a
    partner, Enter or "Check" submits.
    """

    submitted = Signal(object)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.left_buttons = [TermButton(str(i + 1), i) for i in range(len(LETTERS))]
        self.right_buttons = [DefinitionButton(letter) for letter in LETTERS]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)
        for row, (left, right) in enumerate(self._button_rows()):
            left.clicked.connect(lambda _=False, i=row: self.pick_left(i))
            right.clicked.connect(lambda _=False, i=row: self.pick_right(i))
            right.term_dropped.connect(lambda term, i=row: self.pair(term, i))
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

    def pair(self, left: int, right: int) -> None:
        """Pair term ``left`` with definition ``right`` (what a drag and drop does)."""
        if self.locked or not (0 <= left < len(self.pairs) and 0 <= right < len(self.pairs)):
            return
        self.pairs = [-1 if choice == right else choice for choice in self.pairs]
        self.pairs[left] = right
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
