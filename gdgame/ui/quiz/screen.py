"""The Quiz screen: set up a quiz, answer it question by question, see the results.

The questions come from the Qt-free generators in :mod:`gdgame.study.quiz`; this screen
only shows them, forwards the answers to a :class:`~gdgame.study.quiz.QuizSession` and
hands each verdict to the study collection as a review (right -> Good, wrong -> Again).

The learn mode (:mod:`gdgame.study.learn_mode`) runs on the same pages: its session has
the same calls as a quiz session, and its answers are logged as source "learn".

Keyboard: 1-4 or A-D pick an option (T/F for true/false), Enter checks, Enter again moves
on; in matching, 1-4 pick a term and A-D its definition; R after a wrong typed answer
counts it right ("I was right"); Ctrl+Z takes back the last answer and its review; on
the start page 1-6 pick the mode.
"""

from __future__ import annotations

import contextlib
import logging
import random
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.storage import DatabaseError
from gdgame.study import Collection, GlossaryError, load_glossary
from gdgame.study.card_actions import UndoStep
from gdgame.study.learn_mode import LEARN, LearnSession
from gdgame.study.quiz import (
    MULTIPLE_CHOICE,
    QuizError,
    QuizSession,
    build_quiz,
    filter_terms,
)
from gdgame.study.quiz_model import MODE_LABELS, as_quiz_term
from gdgame.ui.quiz.question_page import QuestionPage
from gdgame.ui.quiz.results_page import ResultsPage
from gdgame.ui.quiz.setup_page import ALL_MODES, SetupPage
from gdgame.ui.screen import Screen, Wait

log = logging.getLogger("gdgame.quiz")
CONTENT_WIDTH = 900
SAVE_ERRORS = (DatabaseError, sqlite3.Error, OSError, GlossaryError, ValueError)


class QuizScreen(Screen):
    screen_id = "quiz"
    title = "Quiz"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session: QuizSession | LearnSession | None = None
        self._recorded: list[UndoStep | None] = []  # per answer: its saved reviews (undo)
        self.settings_used: tuple[str, int, list[str]] = (MULTIPLE_CHOICE, 10, [])
        self.record_answers = True
        self.collection: Collection | None = None
        self._terms = None
        self._random = random.Random()

        self.setup_page = SetupPage()
        self.question_page = QuestionPage()
        self.results_page = ResultsPage()
        self.pages = QStackedWidget()
        self.pages.setMaximumWidth(CONTENT_WIDTH)
        for page in (self.setup_page, self.question_page, self.results_page):
            self.pages.addWidget(page)
        self.pages.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        content = QWidget()
        row = QHBoxLayout(content)
        row.addStretch(1)
        row.addWidget(self.pages, 10)
        row.addStretch(1)
        # Long questions on a small or scaled screen scroll instead of being squeezed.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        self.setup_page.start_requested.connect(self.start)
        self.question_page.submitted.connect(self._answered)
        self.question_page.next_requested.connect(self.next_question)
        self.question_page.override_requested.connect(self.override)
        self.question_page.chapter_requested.connect(self._open_chapter)
        self.question_page.quit_requested.connect(self.show_results)
        self.results_page.chapter_requested.connect(self._open_chapter)
        self.results_page.again_requested.connect(self.restart)
        self.results_page.setup_requested.connect(self.show_setup)
        self._restore_settings()
        self._load_terms()

    # ------------------------------------------------------------------ glossary
    def _load_terms(self):
        if self._terms is None:
            try:
                self._terms = load_glossary()
            except GlossaryError as exc:
                self.setup_page.show_error(f"The glossary could not be read: {exc}")
                return None
            self.setup_page.set_tags(self._terms)
        return self._terms

    def _restore_settings(self) -> None:
        mode = str(self.ctx.settings.value("quiz/mode", MULTIPLE_CHOICE))
        self.setup_page.set_mode(mode if mode in ALL_MODES else MULTIPLE_CHOICE)
        try:
            length = int(self.ctx.settings.value("quiz/length", 10))
        except (TypeError, ValueError):
            length = 10
        self.setup_page.length.setValue(length)

    # ------------------------------------------------------------------ flow
    def start(self, mode: str, length: int, tags: list[str], seed: int | None = None) -> bool:
        """Build a new quiz and show its first question; False (message shown) if impossible."""
        terms = self._load_terms()
        if terms is None:
            return False
        seed = self._random.randrange(2**31) if seed is None else seed
        try:
            if mode == LEARN:
                session = self._learn_session(terms, length, tags, seed)
            else:
                questions = build_quiz(terms, mode, length=length, tags=tags, seed=seed)
                if not questions:
                    raise QuizError("No questions could be made from these topics.")
                session = QuizSession(questions, planned=int(length))
        except QuizError as exc:
            self.show_setup()
            self.setup_page.show_error(str(exc))
            return False
        self.setup_page.show_error("")
        self.settings_used = (mode, length, list(tags))
        self.ctx.settings.setValue("quiz/mode", mode)
        self.ctx.settings.setValue("quiz/length", int(length))
        self.session = session
        self._recorded = []
        self._show_current()
        self.pages.setCurrentWidget(self.question_page)
        return True

    def _learn_session(self, terms, size: int, tags: list[str], seed: int) -> LearnSession:
        """A learn session on the chosen topics, starting each term from its card's memory."""
        pool = [as_quiz_term(term) for term in terms]
        targets = filter_terms(pool, tags)
        if not targets:
            raise QuizError(f"No glossary term carries the tag(s) {', '.join(tags)}.")
        memory = {}
        col = self._open_collection()
        if col is not None:
            memory = {term.id: col.card_for_term(term.id) for term in targets}
        session = LearnSession(targets, pool, memory, seed=seed, size=size)
        session.next_question()
        return session

    def restart(self) -> bool:
        mode, length, tags = self.settings_used
        return self.start(mode, length, tags)

    def show_setup(self) -> None:
        self.pages.setCurrentWidget(self.setup_page)
        self.setFocus()

    def _progress(self) -> tuple[int, int] | None:
        return self.session.progress if isinstance(self.session, LearnSession) else None

    def _show_current(self) -> None:
        session = self.session
        self.question_page.show_question(
            session.current, session.header(), session.score_text(), self._progress()
        )
        if session.current.mode != "type-in":
            self.setFocus()

    def _last(self) -> bool:
        session = self.session
        if isinstance(session, LearnSession):
            return session.finished
        return session.index == len(session.questions) - 1

    def _answered(self, response: object) -> None:
        session = self.session
        if session is None or session.finished or session.answered:
            return
        verdict = session.answer(response)
        self._recorded.append(self._record(session.results_for(verdict), session.source))
        self.question_page.show_feedback(
            verdict, session.score_text(), self._last(), self._progress()
        )

    def override(self) -> bool:
        """ "I was right": count the wrong typed answer right, and its review as Good."""
        session = self.session
        if session is None or not session.answered:
            return False
        verdict = session.override()
        if verdict is None:
            return False
        if self._recorded and self._take_back(self._recorded[-1]):  # the "Again" saved
            self._recorded[-1] = self._record(session.results_for(verdict), "override")
        self.question_page.show_feedback(
            verdict, session.score_text(), self._last(), self._progress()
        )
        self.ctx.notify("Counted as right, as you said")
        return True

    def undo(self) -> bool:
        """Ctrl+Z: take back the last answer and its review; that question comes back."""
        session = self.session
        if session is None or session.undo() is None:
            self.ctx.notify("There is no answer to take back")
            return False
        self._take_back(self._recorded.pop())
        self._show_current()
        self.pages.setCurrentWidget(self.question_page)
        self.ctx.notify("Took back your last answer")
        return True

    def next_question(self) -> None:
        session = self.session
        if session is None or not session.answered:
            return
        if session.advance():
            self._show_current()
        else:
            self.show_results()

    def show_results(self) -> None:
        if self.session is None:
            return
        review = self.session.review()
        planned = len(review) if isinstance(self.session, LearnSession) else self.session.total
        self.results_page.show_results(review, planned)
        self.pages.setCurrentWidget(self.results_page)

    def _open_chapter(self, section: str) -> None:
        self.ctx.navigate("learn", section=section)

    # ------------------------------------------------------------------ scheduler
    def _open_collection(self) -> Collection | None:
        try:
            if self.collection is None:
                self.collection = Collection.open(
                    self.ctx.database, backups_dir=self.ctx.paths.backups_dir
                )
        except SAVE_ERRORS as exc:
            log.warning("study collection not opened: %s", exc)
            self.ctx.notify(f"Your cards could not be opened: {exc}")
            self._close_collection()
        return self.collection

    def _record(self, results: list[tuple[str, bool]], source: str) -> UndoStep | None:
        """Save one answer's reviews as one undo step; returns the step (None: not saved)."""
        if not self.record_answers:
            return None
        col = self._open_collection()
        if col is None:
            return None
        try:
            return col.last_step if col.record_answers(results, source=source) else None
        except SAVE_ERRORS as exc:
            log.warning("quiz answer not saved: %s", exc)
            self.ctx.notify(f"This answer could not be saved to your cards: {exc}")
            self._close_collection()
            return None

    def _take_back(self, step: UndoStep | None) -> bool:
        """Remove the reviews an answer saved (the collection may have been reopened)."""
        if step is None:
            return False
        col = self._open_collection()
        try:
            return col is not None and col.undo_step(step) is not None
        except SAVE_ERRORS as exc:
            log.warning("quiz review not taken back: %s", exc)
            self.ctx.notify(f"The review of that answer could not be taken back: {exc}")
            return False

    def _close_collection(self) -> None:
        if self.collection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.collection.close()
            self.collection = None

    # ------------------------------------------------------------------ keyboard
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        page = self.pages.currentWidget()
        key, text = event.key(), event.text()
        if event.matches(QKeySequence.StandardKey.Undo) and page is not self.setup_page:
            self.undo()
            used = True
        elif page is self.question_page:
            used = self.question_page.press_key(key, text)
        elif page is self.setup_page:
            used = self.setup_page.press_key(key, text)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.restart()
            used = True
        else:
            used = False
        if used:
            event.accept()
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ Screen hooks
    def activate(self) -> None:
        if self.pages.currentWidget() is not self.question_page:
            self.setFocus()

    def deactivate(self) -> None:
        self._close_collection()

    def open(self, **target: object) -> None:
        """``open(tags=[...])`` starts a quiz on those topics; ``mode=`` / ``length=`` too."""
        if self._load_terms() is None:
            return
        tags = target.get("tags") or []
        if isinstance(tags, str):
            tags = [tags]
        mode = str(target.get("mode") or self.setup_page.mode)
        if mode not in ALL_MODES:
            mode = MULTIPLE_CHOICE
        self.setup_page.set_mode(mode)
        unknown = self.setup_page.set_selected_tags(tags)
        if unknown:  # term ids are welcome too (they select that term)
            log.info("quiz opened with non-tag filters %s", unknown)
        try:
            length = int(target.get("length") or self.setup_page.length.value())
        except (TypeError, ValueError):
            length = self.setup_page.length.value()
        if "tags" in target or "mode" in target:
            self.start(mode, length, [str(tag) for tag in tags])

    def smoke(self, wait: Wait) -> list[str]:
        self.record_answers = False  # never touch the user's cards from a smoke test
        try:
            if not self.start(MULTIPLE_CHOICE, 1, [], seed=1):
                return ["quiz: could not build a quiz"]
            wait(50)
            question = self.session.current
            self.question_page.options.select(question.correct)
            self.question_page.submit()
            wait(50)
            answered = len(self.session.grades)
            self.next_question()
            wait(50)
            label = MODE_LABELS[question.mode]
            plural = "question" if answered == 1 else "questions"
            return [f"quiz: answered {answered} {plural} ({label})"]
        finally:
            self.record_answers = True
            self.show_setup()

    def shutdown(self) -> None:
        super().shutdown()
        self._close_collection()
