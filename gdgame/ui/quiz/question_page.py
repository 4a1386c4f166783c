"""One quiz question on screen: prompt, answer panel for its mode, then the feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gdgame.display_names import literal_ampersands, section_name
from gdgame.study.quiz_model import MATCHING, TYPE_IN, Grade, Question
from gdgame.ui import theme
from gdgame.ui.quiz.answer_widgets import (
    RIGHT_COLOUR,
    WRONG_COLOUR,
    OptionsPanel,
    TypeInPanel,
    plain_label,
)
from gdgame.ui.quiz.matching_panel import MatchingPanel


class QuestionPage(QWidget):
    """Shows a question; emits ``submitted(response)``, ``next_requested``,
    ``override_requested`` ("I was right") and ``chapter_requested(section_id)``.
    :meth:`show_feedback` reveals the verdict."""

    submitted = Signal(object)
    next_requested = Signal()
    override_requested = Signal()
    chapter_requested = Signal(str)
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.question: Question | None = None
        self.header = plain_label(wrap=True)
        self.header.setAccessibleName("Question number")
        self.score_label = plain_label(wrap=False)
        self.score_label.setAccessibleName("Score")
        self.quit_button = QPushButton("End quiz")
        self.quit_button.setToolTip("Stop here and see the results so far")
        self.quit_button.clicked.connect(self.quit_requested)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.score_label)
        top.addWidget(self.quit_button)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Terms learned in this session")
        self.progress.setFormat("%v of %m terms learned")
        self.progress.hide()

        self.prompt = plain_label()
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt.setAccessibleName("Question")
        theme.enlarge_font(self.prompt, 1.3, bold=False)

        self.options = OptionsPanel()
        self.type_in = TypeInPanel()
        self.matching = MatchingPanel()
        self.panels = (self.options, self.type_in, self.matching)
        self.current_panel = self.options
        for panel in self.panels:
            panel.submitted.connect(self.submitted)
        self.matching.changed.connect(self._update_check_button)

        self.feedback = self._build_feedback()
        self.check_button = QPushButton("Check  (Enter)")
        self.check_button.clicked.connect(self.submit)
        self.next_button = QPushButton("Next  (Enter)")
        self.next_button.clicked.connect(self.next_requested)
        self.next_button.setDefault(True)
        self.override_button = QPushButton("I was right  (R)")
        self.override_button.setToolTip(
            "Count this answer as right: for a typo or a wording the checker did not know"
        )
        self.override_button.clicked.connect(self.override_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(8)
        layout.addWidget(self.prompt)
        layout.addSpacing(8)
        for panel in self.panels:
            layout.addWidget(panel)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _build_feedback(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict_label = plain_label()
        theme.enlarge_font(self.verdict_label, 1.15)
        self.answer_label = plain_label()
        self.note_label = plain_label()
        self.explanation_label = plain_label()
        self.explanation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chapter_button = QPushButton()
        self.chapter_button.setFlat(True)
        self.chapter_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.chapter_button.clicked.connect(self._open_chapter)
        link_row = QHBoxLayout()
        link_row.addWidget(self.chapter_button)
        link_row.addStretch(1)
        layout = QVBoxLayout(frame)
        for widget in (self.verdict_label, self.answer_label, self.note_label):
            layout.addWidget(widget)
        layout.addWidget(self.explanation_label)
        layout.addLayout(link_row)
        return frame

    # ------------------------------------------------------------------ display
    def show_question(
        self, question: Question, header: str, score: str, progress: tuple[int, int] | None
    ) -> None:
        """``progress``: (terms done, terms) for the learn mode's bar; None hides it."""
        self.question = question
        self.header.setText(header)
        self.score_label.setText(f"{score}   ")
        if progress is not None:
            self.progress.setRange(0, progress[1])
            self.progress.setValue(progress[0])
        self.progress.setVisible(progress is not None)
        self.quit_button.setText("End quiz" if progress is None else "End session")
        self.prompt.setText(question.prompt)
        panel = self._panel_for(question)
        panel.show_question(question)
        for other in self.panels:
            other.setVisible(other is panel)
        self.current_panel = panel
        self.feedback.hide()
        self.next_button.hide()
        self.override_button.hide()
        self.check_button.setVisible(question.mode in (TYPE_IN, MATCHING))
        self._update_check_button()
        if question.mode == TYPE_IN:
            self.type_in.edit.setFocus()  # the panel is visible now
        else:
            self.setFocus()

    def _panel_for(self, question: Question):
        if question.mode == TYPE_IN:
            return self.type_in
        if question.mode == MATCHING:
            return self.matching
        return self.options

    @property
    def answer_panel(self):
        return self.current_panel

    @property
    def showing_feedback(self) -> bool:
        return not self.feedback.isHidden()

    def _update_check_button(self) -> None:
        if self.question is not None and self.question.mode == MATCHING:
            self.check_button.setEnabled(self.matching.complete)
        else:
            self.check_button.setEnabled(True)

    def show_feedback(
        self, verdict: Grade, score: str, last: bool, progress: tuple[int, int] | None = None
    ) -> None:
        question = self.question
        self.answer_panel.show_verdict(question, verdict)
        if progress is not None:
            self.progress.setValue(progress[0])
        colour = RIGHT_COLOUR if verdict.correct else WRONG_COLOUR
        right = "✓ Marked right by you." if verdict.overridden else "✓ Right!"
        self.verdict_label.setText(right if verdict.correct else "✗ Not quite.")
        self.verdict_label.setStyleSheet(f"color: {colour};")
        show_answer = not verdict.correct and question.mode != MATCHING
        self.answer_label.setText(f"Right answer: {verdict.expected}" if show_answer else "")
        self.answer_label.setVisible(show_answer)
        self.note_label.setText(verdict.note)
        self.note_label.setVisible(bool(verdict.note))
        self.explanation_label.setText(question.explanation)
        section = section_name(question.chapter) if question.chapter else ""
        self.chapter_button.setText(
            literal_ampersands(f"Read more in Learn: {section} →") if section else ""
        )
        self.chapter_button.setVisible(bool(section))
        self.score_label.setText(f"{score}   ")
        self.feedback.show()
        self.check_button.hide()
        self.override_button.setVisible(question.mode == TYPE_IN and not verdict.correct)
        self.next_button.setText("See results  (Enter)" if last else "Next  (Enter)")
        self.next_button.show()
        self.next_button.setFocus()

    def _open_chapter(self) -> None:
        if self.question is not None and self.question.chapter:
            self.chapter_requested.emit(self.question.chapter)

    # ------------------------------------------------------------------ keyboard
    def submit(self) -> bool:
        return self.answer_panel.submit()

    def press_key(self, key: int, text: str) -> bool:
        """Handle 1-4 / A-D (T/F for true/false), Enter and R; True if the key was used."""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.showing_feedback:
                self.next_requested.emit()
                return True
            return self.submit()
        if self.showing_feedback and text.upper() == "R" and self.override_button.isVisible():
            self.override_requested.emit()
            return True
        if self.showing_feedback or self.question is None or not text:
            return False
        char = text.upper()
        if self.question.mode == MATCHING:
            if char in "1234":
                self.matching.pick_left(int(char) - 1)
                return True
            if char in "ABCD":
                self.matching.pick_right("ABCD".index(char))
                return True
            return False
        if self.question.mode == TYPE_IN:
            return False
        count = self.options.option_count()
        index = {str(i + 1): i for i in range(count)}
        index.update({letter: i for i, letter in enumerate(self.options.keys[:count])})
        if char in index:
            self.options.select(index[char])
            return True
        return False
