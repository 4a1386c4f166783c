"""1,000 seeded quizzes of every mode from the real glossary: every question has one answer.

No true/false swap and no distractor comes from a pair the glossary keeps apart (one term
is a kind of the other, or they overlap), no statement names the term it defines, and no
matching round holds two such terms.
"""

from __future__ import annotations

import dataclasses

import pytest

from gdgame.study import load_glossary
from gdgame.study.quiz import MODES, build_quiz
from gdgame.study.quiz_model import (
    MATCHING,
    MULTIPLE_CHOICE,
    SCENARIO,
    TRUE_FALSE,
    TYPE_IN,
    as_quiz_term,
)
from gdgame.study.quiz_modes import names_term
from gdgame.study.quiz_scenarios import SCENARIOS

SEEDS = range(1000)


@pytest.fixture(scope="module")
def glossary():
    return [as_quiz_term(term) for term in load_glossary()]


def _problems(question, by_id, by_name, by_definition) -> list[str]:
    """Everything unfair about one question (empty: fair)."""
    found = []
    if question.mode in (MULTIPLE_CHOICE, TRUE_FALSE, TYPE_IN):
        target = by_id[question.term_ids[0]]
        if names_term(question.prompt.replace(f"“{target.term}”", ""), target):
            found.append(f"the prompt names {target.id}")
    if question.mode == MULTIPLE_CHOICE:
        for index, option in enumerate(question.options):
            other = by_name.get(option) or by_definition[option]
            if index == question.correct:
                continue
            if other.kept_apart_from(target):
                found.append(f"distractor {other.id} is kept apart from {target.id}")
            if option in by_definition and names_term(option, target):
                found.append(f"a wrong definition names {target.id}")
    elif question.mode == TRUE_FALSE:
        shown = question.prompt.split("means: ", 1)[1]
        owner = by_definition[shown]
        if owner.kept_apart_from(target):
            found.append(f"swap {owner.id} is kept apart from {target.id}")
    elif question.mode == MATCHING:
        terms = [by_id[term_id] for term_id in question.term_ids]
        for i, first in enumerate(terms):
            for second in terms[i + 1 :]:
                if first.kept_apart_from(second):
                    found.append(f"{first.id} and {second.id} share a round")
            for definition in question.right:
                if names_term(definition, first):
                    found.append(f"a definition names {first.id}")
    elif question.mode == SCENARIO:
        scenario = next(s for s in SCENARIOS if s.situation == question.prompt)
        if question.options[question.correct] != scenario.answer:
            found.append(f"scenario {scenario.id} is keyed wrongly")
        if len(set(question.options)) != 4:
            found.append(f"scenario {scenario.id} repeats an option")
    return found


def _unfair(terms, mode, seeds) -> list[str]:
    by_id = {t.id: t for t in terms}
    by_name = {t.term: t for t in terms}
    by_definition = {t.definition: t for t in terms}
    return [
        f"seed {seed}: {problem}"
        for seed in seeds
        for question in build_quiz(terms, mode, seed=seed)
        for problem in _problems(question, by_id, by_name, by_definition)
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_thousand_quizzes_of_each_mode_are_fair(glossary, mode):
    assert _unfair(glossary, mode, SEEDS) == []


def test_own_definitions_never_name_their_own_term(glossary):
    for term in glossary:
        assert not names_term(term.definition, term), term.id


@pytest.mark.parametrize("mode", [MULTIPLE_CHOICE, MATCHING])
def test_without_the_relation_table_the_check_finds_unfair_questions(glossary, mode):
    """The check above can fail: forget the pairs kept apart and it sees them played."""
    forgetful = [dataclasses.replace(term, close=()) for term in glossary]
    by_id = {t.id: t for t in glossary}  # judged with the real relations
    by_name = {t.term: t for t in glossary}
    by_definition = {t.definition: t for t in glossary}
    problems = [
        problem
        for seed in range(200)
        for question in build_quiz(forgetful, mode, seed=seed)
        for problem in _problems(question, by_id, by_name, by_definition)
    ]
    assert any("kept apart" in p or "share a round" in p for p in problems)


def test_the_pairs_named_in_the_review_are_kept_apart(glossary):
    by_id = {t.id: t for t in glossary}
    for first, second in [
        ("divergence", "overshoot"),
        ("rmsprop", "adagrad"),
        ("step-size", "learning-rate"),
        ("optimizer", "gradient-descent"),
        ("nesterov", "momentum"),
        ("sgd", "gradient-descent"),
        ("adam", "rmsprop"),
        ("adam", "momentum"),
        ("nesterov", "optimizer"),  # through the is-a chain
        ("adagrad", "learning-rate-schedule"),  # its rates shrink like a decay
        ("warmup", "lr-range-test"),  # both raise the rate over the first steps
    ]:
        assert by_id[first].kept_apart_from(by_id[second]), (first, second)
