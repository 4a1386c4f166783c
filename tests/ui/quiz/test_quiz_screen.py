"""The Quiz screen, driven by keyboard and clicks from set-up to the results page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdgame.study import Collection
from gdgame.study.quiz import MATCHING, MODES, MULTIPLE_CHOICE, SCENARIO, TRUE_FALSE, TYPE_IN
from gdgame.ui.quiz.screen import QuizScreen

LETTERS = "ABCD"


@pytest.fixture
def screen(qtbot, ctx):
    widget = QuizScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    # Not shown: the offscreen platform warns about size hints of top-level windows.
    yield widget
    widget.shutdown()


def _press(qtbot, screen, key):
    qtbot.keyClick(screen, key)


def _answer_by_keyboard(qtbot, screen, right: bool) -> None:
    page = screen.question_page
    question = screen.session.current
    if question.mode == TYPE_IN:
        text = question.answer_text if right else "zzz"
        qtbot.keyClicks(page.type_in.edit, text)
        qtbot.keyClick(page.type_in.edit, Qt.Key.Key_Return)
    elif question.mode == MATCHING:
        for i, choice in enumerate(question.solution):
            if not right and i < 2:
                choice = question.solution[1 - i]
            qtbot.keyClicks(screen, f"{i + 1}{LETTERS[choice]}")
        _press(qtbot, screen, Qt.Key.Key_Return)
    else:
        index = question.correct if right else (question.correct + 1) % len(question.options)
        keys = "TF" if question.mode == TRUE_FALSE else LETTERS
        qtbot.keyClicks(screen, keys[index] if index % 2 else str(index + 1))
        _press(qtbot, screen, Qt.Key.Key_Return)
    assert page.showing_feedback


@pytest.mark.parametrize("mode", MODES)
def test_each_mode_to_results_by_keyboard(qtbot, screen, ctx, mode):
    assert screen.start(mode, 3, [], seed=5)
    total = len(screen.session.questions)
    word = "Round" if mode == MATCHING else "Question"
    for n in range(total):
        assert screen.question_page.header.text().startswith(f"{word} {n + 1} of {total}")
        _answer_by_keyboard(qtbot, screen, right=n != 1)
        _press(qtbot, screen, Qt.Key.Key_Return)  # next / results
    assert screen.pages.currentWidget() is screen.results_page
    expected = total - 1 if total > 1 else total
    assert screen.results_page.score_label.text() == f"{expected} / {total} right"
    rows = screen.results_page.rows_layout.count() - 1
    assert rows == total
    screen.shutdown()  # closes the collection so the reviews can be read here
    with Collection.open(ctx.database) as col:
        quiz_reviews = [r for r in col.reviews() if r.source == "quiz"]
    tested = sum(1 if q.mode == SCENARIO else len(q.term_ids) for q in screen.session.questions)
    assert len(quiz_reviews) == tested
    assert {r.rating for r in quiz_reviews} == {1, 3}


def test_clicking_an_option_answers_and_next_button_moves_on(qtbot, screen):
    screen.start(MULTIPLE_CHOICE, 2, [], seed=1)
    question = screen.session.current
    button = screen.question_page.options.buttons[question.correct]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.session.grades[0].correct
    assert "Right" in screen.question_page.verdict_label.text()
    qtbot.mouseClick(screen.question_page.next_button, Qt.MouseButton.LeftButton)
    assert screen.session.index == 1


def test_matching_by_clicks_with_unpairing(qtbot, screen):
    screen.start(MATCHING, 1, [], seed=3)
    question = screen.session.current
    panel = screen.question_page.matching
    click = qtbot.mouseClick
    # Pair term 1 with a wrong definition, then fix it by clicking term 1 again.
    wrong = question.solution[1]
    click(panel.left_buttons[0], Qt.MouseButton.LeftButton)
    click(panel.right_buttons[wrong], Qt.MouseButton.LeftButton)
    assert panel.pairs[0] == wrong
    assert not screen.question_page.check_button.isEnabled()
    click(panel.left_buttons[0], Qt.MouseButton.LeftButton)
    for i, choice in enumerate(question.solution):
        click(panel.left_buttons[i], Qt.MouseButton.LeftButton)
        click(panel.right_buttons[choice], Qt.MouseButton.LeftButton)
    assert panel.pairs == list(question.solution)
    assert screen.question_page.check_button.isEnabled()
    click(screen.question_page.check_button, Qt.MouseButton.LeftButton)
    assert screen.session.grades[0].correct
    click(screen.question_page.next_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.results_page


def test_true_false_accepts_t_and_f(qtbot, screen):
    screen.start(TRUE_FALSE, 1, [], seed=2)
    question = screen.session.current
    qtbot.keyClicks(screen, "T" if question.correct == 0 else "F")
    _press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.session.grades[0].correct


def test_typo_is_accepted_with_a_note(qtbot, screen):
    screen.start(TYPE_IN, 50, ["learning-rate"], seed=4)
    while screen.session.current.answer_text != "Learning Rate":
        qtbot.keyClick(screen.question_page.type_in.edit, Qt.Key.Key_Return)
        _press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.question_page.type_in.edit, "lerning rate")
    qtbot.keyClick(screen.question_page.type_in.edit, Qt.Key.Key_Return)
    verdict = screen.session.grades[-1]
    assert verdict.correct and "spelled" in screen.question_page.note_label.text()


def test_chapter_link_navigates_to_learn(qtbot, screen, ctx):
    screen.start(SCENARIO, 1, [], seed=1)
    qtbot.keyClicks(screen, "1")
    _press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.mouseClick(screen.question_page.chapter_button, Qt.MouseButton.LeftButton)
    section = screen.session.current.chapter
    assert ctx.navigated == [("learn", {"section": section})]


def test_open_with_tags_starts_a_filtered_quiz(screen):
    screen.open(tags=["failure"], mode=TYPE_IN)
    assert screen.pages.currentWidget() is screen.question_page
    assert screen.setup_page.tags == ["failure"]
    terms = {t.id: t for t in screen._terms}
    for question in screen.session.questions:
        assert "failure" in terms[question.term_ids[0]].tags


def test_unknown_tags_show_a_message_not_a_crash(screen):
    assert not screen.start(MULTIPLE_CHOICE, 5, ["no-such-topic"])
    assert screen.pages.currentWidget() is screen.setup_page
    assert "no-such-topic" in screen.setup_page.error_label.text()


def test_setup_keys_choose_mode_and_enter_starts(qtbot, screen):
    screen.show_setup()
    qtbot.keyClicks(screen, "4")
    assert screen.setup_page.mode == SCENARIO
    _press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.session.current.mode == SCENARIO


def test_end_quiz_early_shows_partial_results(qtbot, screen):
    screen.start(MULTIPLE_CHOICE, 5, [], seed=1)
    _answer_by_keyboard(qtbot, screen, right=True)
    qtbot.mouseClick(screen.question_page.quit_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.results_page
    assert screen.results_page.score_label.text() == "1 / 1 right"
    assert "stopped after 1 of 5" in screen.results_page.summary_label.text()


def test_smoke_answers_one_question_without_saving(screen, ctx):
    lines = screen.smoke(lambda ms: None)
    assert lines == ["quiz: answered 1 question (multiple choice)"]
    assert screen.record_answers
    with Collection.open(ctx.database) as col:
        assert col.reviews() == []


def test_enter_on_results_starts_the_same_quiz_again(qtbot, screen):
    screen.start(TRUE_FALSE, 1, ["failure"], seed=1)
    _answer_by_keyboard(qtbot, screen, right=True)
    _press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.results_page
    first = screen.session
    _press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.question_page
    assert screen.session is not first and screen.session.current.mode == TRUE_FALSE
    assert screen.settings_used == (TRUE_FALSE, 1, ["failure"])


def test_small_window_scrolls_instead_of_clipping_text(qtbot, screen):
    screen.resize(560, 380)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start(MATCHING, 1, [], seed=3)
    qtbot.keyClicks(screen, "1A2B3C4D")
    _press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.wait(10)
    page = screen.question_page
    labels = [page.explanation_label, page.prompt]
    labels += [b.text_label for b in page.matching.left_buttons + page.matching.right_buttons]
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert screen.scroll.verticalScrollBar().maximum() > 0


def test_length_reads_one_question_and_many_questions(screen):
    length = screen.setup_page.length
    length.setValue(1)
    assert length.text() == "1 question"
    length.setValue(5)
    assert length.text() == "5 questions"


def test_a_section_name_with_an_ampersand_is_shown_as_written(qtbot, screen):
    """ "Concepts & examples" on a button: Qt would read "&" as a shortcut marker and show
    "Concepts _examples"; the button must show the name as written."""
    from PySide6.QtGui import QKeySequence

    from gdgame.display_names import section_name

    assert "&" in section_name("concepts")
    for seed in range(40):
        screen.start(TYPE_IN, 30, [], seed=seed)
        while screen.session.current.chapter != "concepts":
            if not screen.session.current or screen.pages.currentWidget() is screen.results_page:
                break
            qtbot.keyClick(screen.question_page.type_in.edit, Qt.Key.Key_Return)
            _press(qtbot, screen, Qt.Key.Key_Return)
        else:
            break
    assert screen.session.current.chapter == "concepts"
    qtbot.keyClick(screen.question_page.type_in.edit, Qt.Key.Key_Return)
    text = screen.question_page.chapter_button.text()
    assert text.replace("&&", "&") == f"Read more in Learn: {section_name('concepts')} →"
    assert QKeySequence.mnemonic(text).isEmpty()  # no letter swallowed as a shortcut
