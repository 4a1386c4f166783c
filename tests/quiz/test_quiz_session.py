"""A quiz session from first question to results, and the reviews it sends."""

from __future__ import annotations

import pytest

from gdgame.study.quiz import (
    MATCHING,
    MULTIPLE_CHOICE,
    TYPE_IN,
    QuizError,
    QuizSession,
    build_quiz,
    ratings_for,
    record_reviews,
)


def test_session_walks_to_the_end_and_scores(terms):
    questions = build_quiz(terms, MULTIPLE_CHOICE, length=3, seed=1)
    session = QuizSession(questions)
    assert session.advance()  # unanswered: stays on the question
    assert session.index == 0
    session.answer(questions[0].correct)
    assert session.answer((questions[0].correct + 1) % 4).correct  # first verdict stays
    assert session.advance()
    session.answer((questions[1].correct + 1) % 4)
    session.advance()
    session.answer(questions[2].correct)
    assert not session.advance()
    assert session.finished and session.current is None
    assert session.score == 2
    assert [g.correct for _, g in session.review()] == [True, False, True]
    with pytest.raises(QuizError):
        session.answer(0)


def test_ratings_good_for_right_again_for_wrong(terms):
    question = build_quiz(terms, TYPE_IN, length=1, seed=1)[0]
    session = QuizSession([question])
    verdict = session.answer(question.answer_text)
    assert ratings_for(verdict) == [(question.term_ids[0], 3)]
    wrong = QuizSession([question]).answer("zzzz")
    assert ratings_for(wrong) == [(question.term_ids[0], 1)]


def test_record_reviews_uses_card_lookup_and_skips_unknown_terms(terms):
    question = build_quiz(terms, MATCHING, length=1, seed=1)[0]
    response = list(question.solution)
    response[0], response[1] = response[1], response[0]
    verdict = QuizSession([question]).answer(response)
    known = set(question.term_ids[1:])
    recorded = []

    def record(term_id, correct):
        if term_id not in known:
            return None
        recorded.append((term_id, correct))
        return object()

    assert record_reviews(verdict, record) == 3
    assert [ok for _, ok in recorded] == [False, True, True]
    assert [tid for tid, _ in recorded] == list(question.term_ids[1:])


def test_quiz_answers_reach_the_collection(tmp_path):
    from gdgame.study import Collection, load_glossary

    questions = build_quiz(load_glossary(), TYPE_IN, length=2, seed=3)
    session = QuizSession(questions)
    with Collection.open(tmp_path / "db.sqlite3") as col:
        right = session.answer(questions[0].answer_text)
        session.advance()
        wrong = session.answer("no idea")
        assert record_reviews(right, col.record_quiz_answer) == 1
        assert record_reviews(wrong, col.record_quiz_answer) == 1
        log = col.reviews()
        assert [(r.rating, r.source) for r in log] == [(3, "quiz"), (1, "quiz")]
        first = col.card_for_term(questions[0].term_ids[0])
        assert first.last_review is not None


def test_undo_takes_back_the_last_answer_even_after_moving_on(terms):
    questions = build_quiz(terms, MULTIPLE_CHOICE, length=2, seed=3)
    session = QuizSession(questions)
    assert session.undo() is None  # nothing answered yet
    session.answer(questions[0].correct)
    assert session.undo() is questions[0] and session.grades == [] and not session.answered
    session.answer((questions[0].correct + 1) % 4)
    session.advance()
    assert session.index == 1
    assert session.undo() is questions[0]  # back to the answered question
    assert session.index == 0 and not session.answered and session.score == 0
    assert session.answer(questions[0].correct).correct  # answered afresh


def test_i_was_right_counts_a_wrong_typed_answer_and_says_so(terms):
    question = build_quiz(terms, TYPE_IN, length=1, seed=1)[0]
    session = QuizSession([question])
    session.answer("completely different words")
    verdict = session.override()
    assert verdict.correct and verdict.overridden and session.score == 1
    assert ratings_for(verdict) == [(question.term_ids[0], 3)]
    assert "You marked" in verdict.note and question.answer_text in verdict.note
    assert session.override() is None  # already right
    choice = QuizSession(build_quiz(terms, MULTIPLE_CHOICE, length=1, seed=1))
    choice.answer((choice.current.correct + 1) % 4)
    assert choice.override() is None  # only typed answers can be overridden
