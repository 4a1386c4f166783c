"""Quizzes over the glossary: build, grade, and feed the answers to the scheduler (no Qt).

>>> from gdgame.study import load_glossary
>>> questions = build_quiz(load_glossary(), "multiple-choice", length=5, seed=7)
>>> session = QuizSession(questions)
>>> verdict = session.answer(questions[0].correct)   # a Grade; session.advance() moves on

Five modes (:data:`MODES`): multiple choice, type-in, true/false, scenario and matching.
Generators are seeded (``random.Random(seed)``), so the same seed gives the same quiz.
Responses: an option index for multiple choice, true/false and scenario; a string for
type-in; for matching, a sequence giving the chosen ``right`` index for each ``left`` item.

Every answer is a review for the glossary card of each tested term: right counts as Good
(3), wrong as Again (1); see :func:`ratings_for` and :func:`record_reviews`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from gdgame.study import quiz_modes
from gdgame.study.quiz_grading import match_typed
from gdgame.study.quiz_model import (
    MATCHING,
    MAX_LENGTH,
    MODE_LABELS,
    MODES,
    MULTIPLE_CHOICE,
    SCENARIO,
    TRUE_FALSE,
    TYPE_IN,
    Grade,
    Question,
    QuizError,
    QuizTerm,
    as_quiz_term,
)
from gdgame.study.quiz_scenarios import SCENARIOS, scenario_questions, scenarios_for_tags

__all__ = [
    "MODES",
    "MODE_LABELS",
    "MULTIPLE_CHOICE",
    "TYPE_IN",
    "TRUE_FALSE",
    "SCENARIO",
    "MATCHING",
    "SCENARIOS",
    "Grade",
    "Question",
    "QuizError",
    "QuizSession",
    "build_quiz",
    "filter_terms",
    "grade",
    "overridden",
    "ratings_for",
    "record_reviews",
    "all_tags",
]

GOOD = 3
AGAIN = 1

_GENERATORS = {
    MULTIPLE_CHOICE: quiz_modes.multiple_choice,
    TYPE_IN: quiz_modes.type_in,
    TRUE_FALSE: quiz_modes.true_false,
    MATCHING: quiz_modes.matching,
}


def all_tags(terms: Iterable[object]) -> list[str]:
    """Every tag used in the glossary, sorted."""
    return sorted({tag for term in terms for tag in as_quiz_term(term).tags})


def filter_terms(terms: Iterable[QuizTerm], tags: Iterable[str] | None) -> list[QuizTerm]:
    """Terms carrying one of ``tags``; a term id or a Learn section id (e.g. "chapter-3")
    also matches. No tags: all terms."""
    wanted = {str(tag) for tag in (tags or ())}
    terms = list(terms)
    if not wanted:
        return terms
    return [t for t in terms if t.id in wanted or t.chapter in wanted or wanted & set(t.tags)]


def build_quiz(
    terms: Iterable[object],
    mode: str,
    length: int = 10,
    tags: Iterable[str] | None = None,
    seed: int | None = None,
) -> list[Question]:
    """Up to ``length`` questions of ``mode`` about the terms carrying ``tags``.

    Raises :class:`QuizError` with a readable message for an unknown mode or when no
    term matches the tags. Distractors may come from the whole glossary.
    """
    if mode not in MODES:
        raise QuizError(f"Unknown quiz mode {mode!r}; choose one of {', '.join(MODES)}.")
    rng = random.Random(seed)
    length = max(1, min(int(length), MAX_LENGTH))
    pool = [as_quiz_term(term) for term in terms]
    tags = [str(tag) for tag in (tags or ())]
    if mode == SCENARIO:
        term_tags = {term.id: term.tags for term in pool}
        return scenario_questions(scenarios_for_tags(tags, term_tags), rng, length)
    targets = filter_terms(pool, tags)
    if not targets:
        shown = ", ".join(tags)
        raise QuizError(f"No glossary term carries the tag(s) {shown}; choose other tags.")
    return _GENERATORS[mode](targets, pool, rng, length)


def grade(question: Question, response: object) -> Grade:
    """Judge ``response`` to ``question`` (see the module docstring for response types)."""
    if question.mode == TYPE_IN:
        return _grade_typed(question, str(response or ""))
    if question.mode == MATCHING:
        return _grade_matching(question, response)
    try:
        index = int(response)
    except (TypeError, ValueError):
        index = -1
    given = question.options[index] if 0 <= index < len(question.options) else ""
    right = index == question.correct
    tested = question.term_ids[:1] if question.mode == SCENARIO else question.term_ids
    return Grade(
        correct=right,
        given=given,
        expected=question.answer_text,
        term_results=tuple((term_id, right) for term_id in tested),
    )


def _grade_typed(question: Question, typed: str) -> Grade:
    match = match_typed(typed, question.accepted, question.rejected)
    note = ""
    if match.accepted and not match.exact:
        note = f"Accepted (close enough); it is spelled “{match.closest}”."
    elif match.accepted and match.closest != question.answer_text:
        note = f"Accepted: “{match.closest}” is another name for {question.answer_text}."
    return Grade(
        correct=match.accepted,
        given=typed,
        expected=question.answer_text,
        term_results=tuple((term_id, match.accepted) for term_id in question.term_ids),
        note=note,
    )


def _grade_matching(question: Question, response: object) -> Grade:
    chosen = list(response) if isinstance(response, Sequence | dict) else []
    if isinstance(response, dict):
        chosen = [response.get(i, -1) for i in range(len(question.left))]
    chosen += [-1] * (len(question.left) - len(chosen))
    pairs = tuple(int(c) == s for c, s in zip(chosen, question.solution, strict=False))
    given = "\n".join(
        f"{left} → {question.right[c] if 0 <= c < len(question.right) else '(none)'}"
        for left, c in zip(question.left, chosen, strict=False)
    )
    return Grade(
        correct=all(pairs),
        given=given,
        expected=question.answer_text,
        term_results=tuple(zip(question.term_ids, pairs, strict=False)),
        note=f"{sum(pairs)} of {len(pairs)} pairs right.",
        pair_results=pairs,
    )


def overridden(verdict: Grade) -> Grade:
    """A wrong typed answer the learner says was right ("I was right"): counted right,
    and marked as overridden so results and the review log say so."""
    return replace(
        verdict,
        correct=True,
        term_results=tuple((term_id, True) for term_id, _ in verdict.term_results),
        note=f"You marked “{verdict.given.strip()}” right (the right answer is "
        f"{verdict.expected}).",
        overridden=True,
    )


def ratings_for(verdict: Grade) -> list[tuple[str, int]]:
    """``(term_id, rating)`` reviews for a grade: right -> Good (3), wrong -> Again (1)."""
    return [(term_id, GOOD if ok else AGAIN) for term_id, ok in verdict.term_results]


@dataclass
class QuizSession:
    """Walks through the questions, one answer each; keeps the verdicts for the results."""

    questions: list[Question]
    index: int = 0
    grades: list[Grade] = field(default_factory=list)
    planned: int = 0  # the length asked for (0: as many as there are questions)
    source = "quiz"  # what the reviews it sends are logged as

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def answered(self) -> bool:
        """Whether the current question already has its verdict."""
        return len(self.grades) > self.index

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def score(self) -> int:
        return sum(verdict.correct for verdict in self.grades)

    def answer(self, response: object) -> Grade:
        """Grade the current question (once; answering again returns the first verdict)."""
        if self.finished:
            raise QuizError("The quiz is over; start a new one.")
        if not self.answered:
            self.grades.append(grade(self.questions[self.index], response))
        return self.grades[self.index]

    def advance(self) -> bool:
        """Move past an answered question; False when the quiz is finished."""
        if self.answered:
            self.index += 1
        return not self.finished

    def review(self) -> list[tuple[Question, Grade]]:
        return list(zip(self.questions, self.grades, strict=False))

    @property
    def total(self) -> int:
        return len(self.questions)

    def header(self) -> str:
        """ "Question 2 of 10 · multiple choice"; matching counts rounds of pairs, and says
        so when the topics have fewer terms than the rounds asked for."""
        question = self.current or self.questions[-1]
        number = min(self.index + 1, self.total)
        if question.mode != MATCHING:
            return f"Question {number} of {self.total} · {question.label}"
        text = f"Round {number} of {self.total} · matching"
        if self.planned > self.total:
            terms = len({t for q in self.questions for t in q.term_ids})
            text += f" (every one of the {terms} terms once: {self.planned} rounds need more)"
        return text

    def score_text(self) -> str:
        """The running score: answers right, or pairs right in matching."""
        if self.questions and self.questions[0].mode == MATCHING:
            pairs = [ok for verdict in self.grades for ok in verdict.pair_results]
            return f"{sum(pairs)} of {len(pairs)} pairs right"
        return f"Score {self.score}"

    def results_for(self, verdict: Grade) -> list[tuple[str, bool]]:
        """``(term_id, right)`` for the scheduler (a scenario tests its first term only)."""
        return list(verdict.term_results)

    def override(self) -> Grade | None:
        """Count the current question's wrong typed answer as right ("I was right")."""
        if not self.answered or self.grades[self.index].correct:
            return None
        if self.questions[self.index].mode != TYPE_IN:
            return None
        self.grades[self.index] = overridden(self.grades[self.index])
        return self.grades[self.index]

    def undo(self) -> Question | None:
        """Take back the last answer (Ctrl+Z): its question is asked again. None if no
        answer was given yet."""
        if not self.grades:
            return None
        if not self.answered:  # already moved on: go back to the answered question
            self.index -= 1
        self.grades.pop()
        return self.questions[self.index]


def record_reviews(verdict: Grade, record: Callable[[str, bool], object | None]) -> int:
    """Send each tested term's result to the scheduler; returns how many were recorded.

    ``record(term_id, correct)`` is ``Collection.record_quiz_answer`` (right -> Good,
    wrong -> Again); it returns None for a term without a card, which is skipped.
    """
    return sum(record(term_id, ok) is not None for term_id, ok in verdict.term_results)
