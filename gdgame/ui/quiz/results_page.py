"""The Quiz results: the score and a review of every question with its right answer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gdgame.display_names import literal_ampersands, section_name
from gdgame.study.quiz_model import Grade, Question
from gdgame.ui import theme
from gdgame.ui.quiz.answer_widgets import RIGHT_COLOUR, WRONG_COLOUR, plain_label

PROMPT_CHARS = 160


def _short(text: str, limit: int = PROMPT_CHARS, one_line: bool = True) -> str:
    if one_line:
        text = " ".join(text.split())
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _answer_line(caption: str, text: str) -> str:
    text = _short(text, 600, one_line=False)
    return f"{caption}:\n{text}" if "\n" in text else f"{caption}: {text}"


def verdict_summary(score: int, total: int) -> str:
    if total == 0:
        return "No questions answered."
    share = score / total
    if share == 1:
        return "Perfect: every answer right."
    if share >= 0.7:
        return "Well done. Review the ones you missed below."
    if share >= 0.4:
        return "Getting there. The cards you missed will come back soon in Cards."
    return "These terms need another pass: read the chapters linked below, then try again."


class ResultsPage(QWidget):
    """Emits ``again_requested`` (same settings) and ``setup_requested`` (change them)."""

    again_requested = Signal()
    setup_requested = Signal()
    chapter_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.score_label = QLabel()
        theme.enlarge_font(self.score_label, 1.8)
        self.summary_label = plain_label()
        self.again_button = QPushButton("Quiz again  (Enter)")
        self.again_button.setDefault(True)
        self.again_button.clicked.connect(self.again_requested)
        self.setup_button = QPushButton("Change mode or topics")
        self.setup_button.clicked.connect(self.setup_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.setup_button)
        buttons.addStretch(1)

        self.rows = QWidget()
        self.rows_layout = QVBoxLayout(self.rows)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Every question with your answer")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows)

        layout = QVBoxLayout(self)
        layout.addWidget(self.score_label)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)

    def show_results(self, review: list[tuple[Question, Grade]], planned: int) -> None:
        """``review``: the answered questions; ``planned``: how many the quiz had."""
        score, total = sum(verdict.correct for _, verdict in review), len(review)
        self.score_label.setText(f"{score} / {total} right")
        self.score_label.setAccessibleName(f"Score: {score} of {total}")
        summary = verdict_summary(score, total)
        if total < planned:
            summary = f"You stopped after {total} of {planned} questions. {summary}"
        self.summary_label.setText(summary)
        while self.rows_layout.count() > 1:
            item = self.rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for number, (question, verdict) in enumerate(review, start=1):
            self.rows_layout.insertWidget(number - 1, self._row(number, question, verdict))
        self.again_button.setFocus()

    def _row(self, number: int, question: Question, verdict: Grade) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setObjectName(f"result-{number}")
        mark = "✓" if verdict.correct else "✗"
        title = plain_label(f"{mark}  {number}. {question.label}: {_short(question.prompt)}")
        colour = RIGHT_COLOUR if verdict.correct else WRONG_COLOUR
        title.setStyleSheet(f"color: {colour}; font-weight: bold;")
        layout = QVBoxLayout(frame)
        layout.addWidget(title)
        given = verdict.given.strip() or "(no answer)"
        layout.addWidget(plain_label(_answer_line("Your answer", given)))
        if not verdict.correct:
            layout.addWidget(plain_label(_answer_line("Right answer", verdict.expected)))
        if verdict.note:
            layout.addWidget(plain_label(verdict.note))
        if not verdict.correct and question.chapter:
            link = QPushButton(
                literal_ampersands(f"Read {section_name(question.chapter)} in Learn →")
            )
            link.setFlat(True)
            link.clicked.connect(lambda _=False, c=question.chapter: self.chapter_requested.emit(c))
            row = QHBoxLayout()
            row.addWidget(link)
            row.addStretch(1)
            layout.addLayout(row)
        return frame
