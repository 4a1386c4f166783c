"""Each quiz generator: seeded, well-formed, exactly one right answer."""

from __future__ import annotations

import pytest

from gdgame.study.quiz import (
    MATCHING,
    MODES,
    MULTIPLE_CHOICE,
    SCENARIO,
    SCENARIOS,
    TRUE_FALSE,
    TYPE_IN,
    QuizError,
    build_quiz,
    grade,
)
from gdgame.study.quiz_model import as_quiz_term
from gdgame.study.quiz_modes import distractors, mask_term


@pytest.mark.parametrize("mode", MODES)
def test_same_seed_same_quiz_other_seed_other_quiz(terms, mode):
    first = build_quiz(terms, mode, length=6, seed=11)
    again = build_quiz(terms, mode, length=6, seed=11)
    assert first == again
    others = [build_quiz(terms, mode, length=6, seed=seed) for seed in range(12, 17)]
    assert any(other != first for other in others)


@pytest.mark.parametrize("mode", [MULTIPLE_CHOICE, TYPE_IN, TRUE_FALSE])
def test_length_is_respected_and_terms_do_not_repeat(terms, mode):
    questions = build_quiz(terms, mode, length=5, seed=3)
    assert len(questions) == 5
    ids = [q.term_ids[0] for q in questions]
    assert len(set(ids)) == 5
    assert len(build_quiz(terms, mode, length=40, seed=3)) == len(terms)


def test_multiple_choice_has_four_distinct_options_with_one_right(terms):
    by_id = {t.id: t for t in terms}
    for seed in range(30):
        for question in build_quiz(terms, MULTIPLE_CHOICE, length=12, seed=seed):
            assert len(question.options) == 4
            assert len(set(question.options)) == 4
            target = by_id[question.term_ids[0]]
            right_texts = {target.term, target.definition}
            assert [o in right_texts for o in question.options].count(True) == 1
            assert question.options[question.correct] == question.answer_text
            assert question.answer_text in right_texts
            assert grade(question, question.correct).correct
            wrong = (question.correct + 1) % 4
            assert not grade(question, wrong).correct


def test_multiple_choice_asks_both_ways(terms):
    questions = build_quiz(terms, MULTIPLE_CHOICE, length=12, seed=5)
    names = {t.term for t in terms}
    ask_term = [q for q in questions if q.answer_text in names]
    assert ask_term and len(ask_term) < len(questions)


def test_distractors_prefer_related_then_shared_tags(terms):
    import random

    pool = [as_quiz_term(t) for t in terms]
    adam = next(t for t in pool if t.id == "adam")
    picked = distractors(adam, pool, random.Random(0), 3)
    assert [t.id for t in picked[:2]] in (["rmsprop", "momentum"], ["momentum", "rmsprop"])
    overshoot = next(t for t in pool if t.id == "overshoot")
    picked = distractors(overshoot, pool, random.Random(0), 2)
    assert picked[0].id == "divergence"  # related and same tags
    assert picked[1].id == "learning-rate"  # lists overshoot as related


def test_definition_prompts_hide_the_term(terms):
    lr = as_quiz_term(terms[1])
    text = mask_term("The learning rate (or step size) sets the Learning Rate.", lr)
    assert "learning rate" not in text.lower() and "step size" not in text
    for question in build_quiz(terms, TYPE_IN, length=12, seed=1):
        assert question.answer_text.lower() not in question.prompt.lower()


def test_true_false_both_ways_and_correctly_keyed(terms):
    by_term = {t.term: t for t in terms}
    seen = set()
    for seed in range(10):
        for question in build_quiz(terms, TRUE_FALSE, length=12, seed=seed):
            assert question.options == ("True", "False")
            term_name = question.prompt.split("“")[1].split("”")[0]
            shown = question.prompt.split("means: ", 1)[1]
            is_true = shown == by_term[term_name].definition
            assert question.correct == (0 if is_true else 1)
            assert grade(question, question.correct).correct
            assert not grade(question, 1 - question.correct).correct
            if not is_true:
                assert shown in {t.definition for t in terms}
                assert "False" in question.explanation
            seen.add(is_true)
    assert seen == {True, False}


def test_type_in_accepts_term_and_synonyms(terms):
    question = next(
        q for q in build_quiz(terms, TYPE_IN, length=12, seed=2) if q.term_ids == ("learning-rate",)
    )
    for typed in (
        "Learning rate",
        "learning-rate",
        "  LEARNING RATE!  ",
        "learnign rate",
        "step size",
        "alpha",
        "the learning rate",
    ):
        assert grade(question, typed).correct, typed
    for typed in ("", "momentum", "gradient", "learning"):
        assert not grade(question, typed).correct, typed
    assert "spelled" in grade(question, "learnign rate").note
    assert "another name" in grade(question, "eta").note


def test_scenarios_cover_the_classic_symptoms():
    assert len(SCENARIOS) >= 8
    ids = {s.id for s in SCENARIOS}
    assert {"loss-grows", "barely-moves", "bounces"} <= ids
    for scenario in SCENARIOS:
        assert len(set(scenario.options)) == 4
        assert scenario.explanation and scenario.chapter and scenario.term_ids


def test_scenario_questions_keyed_right(terms):
    questions = build_quiz(terms, SCENARIO, length=100, seed=4)
    assert len(questions) == len(SCENARIOS)
    by_answer = {s.answer: s for s in SCENARIOS}
    for question in questions:
        assert question.options[question.correct] in by_answer
        assert grade(question, question.correct).correct
        assert not grade(question, (question.correct + 1) % 4).correct
    assert {q.correct for q in questions} == {0, 1, 2, 3}  # the right answer moves around


def test_scenario_tag_filter(terms):
    questions = build_quiz(terms, SCENARIO, length=20, tags=["momentum"], seed=1)
    assert questions and all("momentum" in q.term_ids for q in questions)
    everything = build_quiz(terms, SCENARIO, length=20, tags=["no-such-tag"], seed=1)
    assert len(everything) == len(SCENARIOS)


def test_matching_pairs_are_consistent(terms):
    by_term = {t.term: t for t in terms}
    rounds = build_quiz(terms, MATCHING, length=3, seed=9)
    assert len(rounds) == 3
    used = [tid for q in rounds for tid in q.term_ids]
    assert len(used) == len(set(used)) == 12
    for question in rounds:
        assert len(question.left) == len(question.right) == 4
        assert sorted(question.solution) == [0, 1, 2, 3]
        for i, name in enumerate(question.left):
            assert question.right[question.solution[i]] == by_term[name].definition
        assert grade(question, list(question.solution)).correct
        swapped = list(question.solution)
        swapped[0], swapped[1] = swapped[1], swapped[0]
        verdict = grade(question, swapped)
        assert not verdict.correct and verdict.pair_results == (False, False, True, True)
        assert [ok for _, ok in verdict.term_results] == [False, False, True, True]


def test_matching_never_lines_a_definition_up_with_its_term(terms):
    for seed in range(40):
        for question in build_quiz(terms, MATCHING, length=2, seed=seed):
            assert all(choice != row for row, choice in enumerate(question.solution)), seed


def test_short_last_matching_round_is_topped_up(terms):
    rounds = build_quiz(terms, MATCHING, length=5, tags=["optimiser", "data"], seed=2)
    assert [len(q.left) for q in rounds] == [4, 4]


def test_tags_filter_and_clear_errors(terms):
    questions = build_quiz(terms, MULTIPLE_CHOICE, length=10, tags=["trouble"], seed=1)
    assert sorted(q.term_ids[0] for q in questions) == ["divergence", "overshoot"]
    assert build_quiz(terms, TYPE_IN, tags=["glow"], seed=1)[0].term_ids == ("glow",)
    by_chapter = build_quiz(terms, TYPE_IN, length=20, tags=["chapter-4"], seed=1)
    assert sorted(q.term_ids[0] for q in by_chapter) == ["divergence", "overshoot"]
    with pytest.raises(QuizError, match="tag"):
        build_quiz(terms, MULTIPLE_CHOICE, tags=["nothing"], seed=1)
    with pytest.raises(QuizError, match="Unknown quiz mode"):
        build_quiz(terms, "essay")
    with pytest.raises(QuizError, match="at least 4"):
        build_quiz(terms[:3], MULTIPLE_CHOICE)


def test_real_glossary_questions_are_well_formed():
    from gdgame.study import load_glossary

    glossary = load_glossary()
    for seed in range(5):
        for question in build_quiz(glossary, MULTIPLE_CHOICE, length=50, seed=seed):
            assert len(set(question.options)) == 4
            assert grade(question, question.correct).correct
        for question in build_quiz(glossary, TYPE_IN, length=50, seed=seed):
            for name in question.accepted:
                assert grade(question, name).correct, name
            for name in question.rejected[seed::12]:
                assert not grade(question, name).correct, (question.answer_text, name)
        for question in build_quiz(glossary, MATCHING, length=50, seed=seed):
            assert len(set(question.right)) == len(question.right) == 4
