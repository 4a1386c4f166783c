"""The adaptive learn mode: starting formats from FSRS memory, progression, exit rule,
fairness (it reuses the quiz generators), undo and "I was right"."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from gdgame.study import Collection, load_glossary
from gdgame.study.learn_mode import STAGES, LearnSession, starting_stage
from gdgame.study.quiz_model import MATCHING, MULTIPLE_CHOICE, TYPE_IN, QuizError, as_quiz_term

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def glossary():
    return [as_quiz_term(term) for term in load_glossary()]


def right_answer(question):
    if question.mode == TYPE_IN:
        return question.answer_text
    if question.mode == MATCHING:
        return list(question.solution)
    return question.correct


def wrong_answer(question):
    if question.mode == TYPE_IN:
        return "no idea"
    if question.mode == MATCHING:
        return list(reversed(question.solution))
    return (question.correct + 1) % len(question.options)


def play(session, answer_for, limit=500):
    """Answer until the session ends; returns (format, counted term ids, right) per answer."""
    log = []
    while (question := session.next_question()) is not None and len(log) < limit:
        response = answer_for(question)
        verdict = session.answer(response)
        log.append((question.mode, session.counted, verdict.correct))
    return log


def card_with(col, term_id, ratings_and_days):
    card = col.card_for_term(term_id)
    moment = T0 - timedelta(days=400)
    for rating, wait in ratings_and_days:
        col.answer(card.id, rating, now=moment)
        moment += timedelta(days=wait)
    return col.card(card.id)


def test_starting_format_follows_the_fsrs_memory_state(tmp_path):
    col = Collection.open(tmp_path / "db.sqlite3", now=T0 - timedelta(days=400))
    try:
        assert starting_stage(None, T0) == 0
        assert starting_stage(col.card_for_term("adam"), T0) == 0  # new
        fresh = card_with(col, "momentum", [(3, 0), (3, 0)])  # learnt, interval of days
        due = fresh.due
        assert starting_stage(fresh, due - timedelta(days=1)) == 1  # recalled, not solid
        assert starting_stage(fresh, due + timedelta(days=60)) == 0  # forgotten by now
        solid = card_with(col, "gradient", [(3, 0), (3, 0), (4, 30), (4, 200)])
        assert solid.stability >= 21
        assert starting_stage(solid, solid.last_review + timedelta(days=1)) == 2
        relearning = card_with(col, "sgd", [(3, 0), (3, 3), (1, 0)])
        assert relearning.state == fsrs.State.Relearning
        assert starting_stage(relearning, T0) == 0
    finally:
        col.close()


def test_new_terms_go_multiple_choice_then_matching_then_type_in(glossary):
    session = LearnSession(glossary, glossary, seed=5, size=6)
    log = play(session, right_answer)
    assert session.finished and session.progress == (6, 6)
    for term_id in session.items:
        formats = [mode for mode, counted, _ in log if term_id in counted]
        assert formats == [MULTIPLE_CHOICE, MATCHING, TYPE_IN], term_id


def test_a_term_leaves_after_two_right_in_a_row_the_second_typed(glossary):
    session = LearnSession(glossary[:12], glossary, seed=2, size=1)
    (item,) = session.items.values()
    answers = iter([True, False, True, True, True])  # MC ok, matching wrong, ...
    log = play(session, lambda q: right_answer(q) if next(answers) else wrong_answer(q))
    assert [mode for mode, _, _ in log] == [
        MULTIPLE_CHOICE,  # right: up to matching
        MATCHING,  # wrong: back to multiple choice, run reset
        MULTIPLE_CHOICE,  # right
        MATCHING,  # right: two in a row, but none typed yet
        TYPE_IN,  # right and typed: it leaves
    ]
    assert item.done and item.answers == 5


def test_known_terms_need_only_two_typed_answers(glossary):
    memory = {}
    session = LearnSession(glossary[:3], glossary, memory=memory, seed=1, size=3)
    for item in session.items.values():
        item.stage = STAGES.index(TYPE_IN)
    log = play(session, right_answer)
    assert [mode for mode, _, _ in log] == [TYPE_IN] * 6


def test_matching_fillers_are_not_fed_to_fsrs(glossary):
    session = LearnSession(glossary, glossary, seed=8, size=5)
    while (question := session.next_question()).mode != MATCHING:
        session.answer(right_answer(question))
    verdict = session.answer(right_answer(question))
    tested = {term_id for term_id, _ in session.reviews(verdict)}
    assert tested == set(session.counted) and tested <= set(session.items)
    assert len(question.term_ids) >= 2  # a real round, topped up if need be


def _fairness_check():
    """The quiz fairness test's judge of one question (tests/quiz/test_quiz_fairness.py)."""
    path = Path(__file__).with_name("test_quiz_fairness.py")
    spec = importlib.util.spec_from_file_location("quiz_fairness_judge", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._problems


def test_sessions_are_seeded_and_fair(glossary):
    first = play(LearnSession(glossary, glossary, seed=11), right_answer)
    assert first == play(LearnSession(glossary, glossary, seed=11), right_answer)
    problems = _fairness_check()
    by_id = {t.id: t for t in glossary}
    by_name = {t.term: t for t in glossary}
    by_definition = {t.definition: t for t in glossary}
    asked = 0
    for seed in range(60):
        session = LearnSession(glossary, glossary, seed=seed, size=10)
        while (question := session.next_question()) is not None and len(session.grades) < 120:
            assert problems(question, by_id, by_name, by_definition) == [], (seed, question)
            session.answer(right_answer(question) if seed % 3 else wrong_answer(question))
            asked += 1
    assert asked > 1500


def test_undo_and_i_was_right(glossary):
    session = LearnSession(glossary[:2], glossary, seed=4, size=1)
    (item,) = session.items.values()
    item.stage = STAGES.index(TYPE_IN)
    question = session.next_question()
    session.answer("a typo beyond repair")
    assert (item.stage, item.streak) == (1, 0)
    verdict = session.override()
    assert verdict.correct and verdict.overridden and session.score == 1
    assert (item.stage, item.streak) == (2, 1)
    assert session.override() is None  # only a wrong typed answer can be overridden
    assert session.undo() is question and session.grades == []
    assert (item.stage, item.streak) == (2, 0) and not session.answered
    assert session.next_question() is question  # asked again


def test_no_terms_is_a_clear_error(glossary):
    with pytest.raises(QuizError, match="no terms"):
        LearnSession([], glossary, seed=1)
