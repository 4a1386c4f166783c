"""Issue 16's quiz fixes, driven through the real window's keyboard focus: one Enter to
check and one to go on, matching counts rounds honestly, T/F keys, a plain selection,
"I was right", Ctrl+Z, and a learn-mode session from start to finish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gdgame.study import Collection
from gdgame.study.learn_mode import LEARN
from gdgame.study.quiz import MATCHING, MODES, MULTIPLE_CHOICE, TRUE_FALSE, TYPE_IN
from gdgame.ui import theme
from gdgame.ui.context import AppContext
from gdgame.ui.main_window import MainWindow
from gdgame.ui.quiz.answer_widgets import SELECTED, contrast_ratio
from gdgame.ui.quiz.screen import QuizScreen


@pytest.fixture
def window(qtbot, app_paths):
    win = MainWindow(AppContext.for_folder(app_paths), [QuizScreen])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.navigate("quiz")
    yield win
    win.shutdown()


@pytest.fixture
def quiz(window):
    return window.screens["quiz"]


def press(qtbot, key) -> None:
    """A key press where a user's would go: to the widget that has the focus."""
    target = QApplication.focusWidget()
    assert target is not None
    if isinstance(key, str):
        QTest.keyClicks(target, key)
    else:
        QTest.keyClick(target, key)


def answer_keys(question, right=True) -> str:
    if question.mode == TYPE_IN:
        return question.answer_text if right else "qqqq"
    if question.mode == MATCHING:
        order = list(question.solution) if right else list(reversed(question.solution))
        return "".join(f"{i + 1}{'ABCD'[c]}" for i, c in enumerate(order))
    index = question.correct if right else (question.correct + 1) % len(question.options)
    return ("TF" if question.mode == TRUE_FALSE else "ABCD")[index]


def reviews(ctx):
    with Collection.open(ctx.database) as col:
        return col.reviews()


@pytest.mark.parametrize("mode", MODES)
def test_one_enter_checks_and_one_enter_moves_on(qtbot, quiz, mode):
    assert quiz.start(mode, 3, [], seed=4)
    session = quiz.session
    for number in range(session.total):
        press(qtbot, answer_keys(session.current))
        press(qtbot, Qt.Key.Key_Return)
        assert session.answered and len(session.grades) == number + 1
        press(qtbot, Qt.Key.Key_Return)
        assert not session.answered or session.finished
    assert quiz.pages.currentWidget() is quiz.results_page


def test_matching_counts_rounds_and_says_when_the_topics_run_out(quiz):
    quiz.setup_page.set_mode(MATCHING)
    quiz.setup_page.length.setValue(10)
    assert quiz.setup_page.length.text() == "10 rounds"
    assert quiz.start(MATCHING, 10, [], seed=1)
    rounds = quiz.session.total
    terms = len({t for q in quiz.session.questions for t in q.term_ids})
    header = quiz.question_page.header.text()
    assert header.startswith(f"Round 1 of {rounds} · matching")
    if rounds < 10:
        assert f"every one of the {terms} terms once" in header
    assert quiz.question_page.score_label.text().strip() == "0 of 0 pairs right"
    assert quiz.start(MATCHING, 2, [], seed=1)
    assert quiz.question_page.header.text() == "Round 1 of 2 · matching"


def test_true_false_is_labelled_and_answered_with_t_and_f(qtbot, quiz):
    assert quiz.start(TRUE_FALSE, 2, [], seed=2)
    options = quiz.question_page.options
    assert [b.key_label.text() for b in options.buttons[:2]] == ["T", "F"]
    press(qtbot, "b")  # not a key of a true/false question
    assert options.selected == -1
    press(qtbot, "f")
    assert options.selected == 1
    press(qtbot, "t")
    assert options.selected == 0 and options.buttons[0].key_label.text() == "✓ T"
    press(qtbot, Qt.Key.Key_Return)
    assert quiz.session.grades[0].given == "True"


@pytest.mark.parametrize("dark", [False, True])
def test_the_chosen_option_stands_out_in_light_and_dark(qtbot, quiz, dark):
    app = QApplication.instance()
    theme.apply(app, dark=dark)
    try:
        assert quiz.start(MULTIPLE_CHOICE, 1, [], seed=3)
        options = quiz.question_page.options
        press(qtbot, "c")
        chosen, other = options.buttons[2], options.buttons[0]
        assert chosen.key_label.text() == "✓ C" and other.key_label.text() == "A"
        background, text, _border = SELECTED["dark" if dark else "light"]
        assert contrast_ratio(background, text) >= 4.5
        qtbot.wait(1)
        image = chosen.grab().toImage()
        middle = QColor(image.pixel(image.width() - 6, image.height() // 2)).name()
        assert middle == background  # painted with the chosen fill, not a near-grey
        window = app.palette().color(app.palette().ColorRole.Window).name()
        assert contrast_ratio(background, window) >= 3.0  # the fill itself stands out
        plain = other.grab().toImage()
        assert QColor(plain.pixel(plain.width() - 6, plain.height() // 2)).name() != background
    finally:
        theme.apply(app, dark=False)


def test_i_was_right_records_a_good_review_marked_as_override(qtbot, quiz, window):
    assert quiz.start(TYPE_IN, 2, [], seed=6)
    question = quiz.session.current
    press(qtbot, "completely wrong")
    press(qtbot, Qt.Key.Key_Return)
    page = quiz.question_page
    assert page.override_button.isVisible()
    press(qtbot, "r")
    assert quiz.session.grades[0].correct and quiz.session.grades[0].overridden
    assert "Marked right by you" in page.verdict_label.text()
    assert not page.override_button.isVisible()
    quiz._close_collection()
    logged = reviews(window.ctx)
    assert [(r.rating, r.source) for r in logged] == [(3, "override")]
    card_id = logged[0].card_id
    with Collection.open(window.ctx.database) as col:
        assert col.card(card_id).term_id == question.term_ids[0]


def test_ctrl_z_takes_back_the_last_answer_and_its_review(qtbot, quiz, window):
    assert quiz.start(MATCHING, 2, [], seed=5)
    first = quiz.session.current
    press(qtbot, answer_keys(first))
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)  # on to round 2
    assert quiz.session.index == 1
    quiz._close_collection()
    assert len(reviews(window.ctx)) == len(first.term_ids)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert quiz.session.index == 0 and quiz.session.grades == []
    assert quiz.session.current is first and not quiz.question_page.showing_feedback
    assert reviews(window.ctx) == []  # all four pairs' reviews taken back at once
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "no answer to take back" in window.statusBar().currentMessage()


def test_a_learn_session_from_start_to_finish_by_keyboard(qtbot, quiz, window):
    quiz.show_setup()
    press(qtbot, "6")
    assert quiz.setup_page.mode == LEARN
    quiz.setup_page.length.setValue(3)
    assert quiz.setup_page.length.text() == "3 terms"
    press(qtbot, Qt.Key.Key_Return)
    session = quiz.session
    page = quiz.question_page
    assert page.progress.isVisible() and page.progress.maximum() == 3
    formats = []
    while not session.finished:
        question = session.current
        formats.append(question.mode)
        assert page.header.text().startswith(f"Learn · {question.label}")
        press(qtbot, answer_keys(question, right=len(formats) != 2))
        press(qtbot, Qt.Key.Key_Return)
        assert session.answered
        assert page.progress.value() == session.progress[0]
        press(qtbot, Qt.Key.Key_Return)
    assert quiz.pages.currentWidget() is quiz.results_page
    assert {MULTIPLE_CHOICE, MATCHING, TYPE_IN} <= set(formats)
    quiz._close_collection()
    logged = reviews(window.ctx)
    assert logged and {r.source for r in logged} == {"learn"}
    assert len(logged) == sum(item.answers for item in session.items.values())
